"""Notice when a deck or its sources change on disk while they are shown.

:class:`FileWatch` keeps each file's stamp (mtime, size, inode) and says
which changed. :class:`Watcher` runs it in a thread that sleeps until the
kernel reports a write (inotify, through ctypes: no dependency, no CPU when
idle), or, where inotify is missing, polls slowly. It watches the files'
folders, not the files, so an editor that saves by writing a new file and
renaming it over the old one (vim, emacs) is seen; and it waits for writes
to stop (:data:`DEBOUNCE`) so a save in several steps is one change.
"""

from __future__ import annotations

import os
import select
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from briefing.core.model import Deck

#: Seconds of quiet after a write before the change is reported.
DEBOUNCE = 0.2
#: Seconds between two looks at the files where inotify is not available.
POLL = 2.0

Stamp = tuple[int, int, int] | None


def deck_files(deck_path: Path, deck: Deck | None) -> dict[Path, str]:
    """The files behind a deck with a name for each (the deck's file name; ``source ID (PATH)``)."""
    files = {deck_path: deck_path.name}
    for source in deck.sources if deck is not None else ():
        if source.resolved is not None:
            files[source.resolved] = f"source {source.id} ({source.path})"
    return files


def _stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


class FileWatch:
    """Remembers files' stamps and reports each change once."""

    def __init__(self, files: Mapping[Path, str]) -> None:
        self.names = dict(files)
        self.stamps = {path: _stamp(path) for path in self.names}
        self.first = dict(self.stamps)

    @property
    def changed(self) -> tuple[Path, ...]:
        """Files that differ from when the watch began."""
        return tuple(path for path, stamp in self.stamps.items() if stamp != self.first[path])

    def poll(self, paths: Iterable[Path] | None = None) -> list[Path]:
        """The files (of ``paths``, default all) that changed or vanished since the last call."""
        found = []
        for path in self.names if paths is None else paths:
            if path not in self.stamps:
                continue
            now = _stamp(path)
            if now != self.stamps[path]:
                self.stamps[path] = now
                found.append(path)
        return found

    def message(self, path: Path) -> str:
        """What happened to ``path``, for a notice."""
        gone = self.stamps.get(path) is None
        return f"{self.names[path]} {'was removed' if gone else 'changed on disk'}"


# inotify(7) constants (linux/inotify.h).
_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_MASK = _IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000


class _Inotify:
    """A minimal inotify: watch folders, read the names written to in them."""

    def __init__(self) -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)  # the process's own libc: no search for it
        self._add = libc.inotify_add_watch
        self._add.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32)
        self.fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self.folders: dict[int, Path] = {}

    def watch(self, folder: Path) -> None:
        wd = self._add(self.fd, os.fsencode(folder), _MASK)
        if wd >= 0:
            self.folders[wd] = folder

    def read(self) -> list[Path]:
        """The paths named by the events waiting (empty if none)."""
        import struct

        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return []
        paths, offset = [], 0
        while offset + 16 <= len(data):
            wd, _mask, _cookie, size = struct.unpack_from("iIII", data, offset)
            name = data[offset + 16 : offset + 16 + size].rstrip(b"\0")
            offset += 16 + size
            if wd in self.folders and name:
                paths.append(self.folders[wd] / os.fsdecode(name))
        return paths

    def close(self) -> None:
        os.close(self.fd)


def inotify_available() -> bool:
    """Whether this system has inotify (Linux)."""
    try:
        _Inotify().close()
    except (OSError, AttributeError):
        return False
    return True


class Watcher:
    """Calls ``on_change(paths)`` from a thread when watched files change.

    Args:
        files: the files to watch, each with a name for notices (or a
            :class:`FileWatch` of them, whose stamps are the ones compared).
        on_change: called (in the watcher's thread) with the files that
            changed, once writes have stopped for ``debounce`` seconds.
        use_inotify: ``False`` forces the slow stat poll (tests; other systems).
    """

    def __init__(
        self,
        files: Mapping[Path, str] | FileWatch,
        on_change: Callable[[list[Path]], object],
        *,
        debounce: float = DEBOUNCE,
        poll: float = POLL,
        use_inotify: bool = True,
    ) -> None:
        self.watch = files if isinstance(files, FileWatch) else FileWatch(files)
        self._on_change = on_change
        self._debounce, self._poll = debounce, poll
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = os.pipe()
        self._stopped = False
        self._inotify: _Inotify | None = None
        if use_inotify:
            try:
                self._inotify = _Inotify()
            except (OSError, AttributeError):
                self._inotify = None
        self._watch_folders()
        self._thread = threading.Thread(target=self._run, name="file-watch", daemon=True)
        self._thread.start()

    @property
    def kind(self) -> str:
        """``inotify`` or ``poll``: how changes are noticed."""
        return "inotify" if self._inotify is not None else "poll"

    def retarget(self, files: Mapping[Path, str]) -> None:
        """Watch ``files`` from now on (a reloaded deck may cite other sources)."""
        if self._stopped:
            return
        with self._lock:
            old, self.watch = self.watch, FileWatch(files)
            # A file watched already keeps its last stamp: a save since the last
            # look (perhaps while the deck was being reloaded) is still reported.
            for path in self.watch.stamps.keys() & old.stamps.keys():
                self.watch.stamps[path] = self.watch.first[path] = old.stamps[path]
            self._watch_folders()
        os.write(self._wake_w, b"r")

    def poll(self) -> list[Path]:
        """Look now: the files that changed since the last look (which then reports them no more)."""
        with self._lock:
            return self.watch.poll()

    def stop(self) -> None:
        """End the thread (it is a daemon: this only tidies up)."""
        if self._stopped:
            return
        self._stopped = True
        os.write(self._wake_w, b"s")
        self._thread.join(timeout=1)
        for fd in (self._wake_r, self._wake_w):
            os.close(fd)
        if self._inotify is not None:
            self._inotify.close()

    def _watch_folders(self) -> None:
        if self._inotify is not None:
            for folder in {path.parent for path in self.watch.names}:
                self._inotify.watch(folder)

    def _run(self) -> None:
        # One look once the watches are set: a save between loading the deck and
        # now sent no event, but its stamp differs from the one loaded.
        pending = True
        inotify = self._inotify
        while not self._stopped:
            if pending:
                timeout: float | None = self._debounce
            else:
                timeout = None if inotify is not None else self._poll
            waiting = [self._wake_r] + ([inotify.fd] if inotify is not None else [])
            ready, _, _ = select.select(waiting, [], [], timeout)
            if self._stopped:
                return
            if self._wake_r in ready:
                os.read(self._wake_r, 64)
                continue
            if inotify is not None and inotify.fd in ready:
                names = set(self.watch.names)
                pending = any(path in names for path in inotify.read()) or pending
                continue
            # Quiet for `timeout` seconds: a debounced change is due, or a poll.
            pending = False
            with self._lock:
                changed = self.watch.poll()
            if changed:
                try:
                    self._on_change(changed)
                except Exception:  # the app has closed, say
                    return
