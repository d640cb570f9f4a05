"""Write a file so that readers see the old contents or the new, never half.

An export can fail midway (disk full, permission denied, interrupted). If
it wrote straight into the target, the user's previous file would be
truncated or half-written. Instead the text goes to a temporary file in
the same folder (so the final step is a rename on the same file system),
is flushed to disk, and only then takes the target's name. Without
``force`` the last step is ``os.link``, which fails atomically when the
name already exists, so a file that appears between the check and the
write is never clobbered either.

Some files are never replaced, ``force`` or not: anything but a regular
file (a device, a FIFO, a symlink) and the files ``keep`` names (the deck
being exported and its sources). An export killed midway leaves its
temporary file behind; the next export to the same name removes such
files once they are :data:`STALE_AFTER` seconds old.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.core.model import Deck

__all__ = ["STALE_AFTER", "RefusedTarget", "deck_files", "write_atomic", "write_atomic_bytes"]

#: Age (seconds) after which a temporary file of an earlier export is
#: taken to belong to a run that was killed. An export writes in well
#: under a second; ten minutes leaves a slow disk plenty of room.
STALE_AFTER = 600


class RefusedTarget(OSError):
    """The target must not be replaced; ``strerror`` says why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))


def deck_files(deck: Deck) -> list[Path]:
    """What an export of ``deck`` must never replace: the deck file and its sources."""
    return [deck.path, *(source.resolved for source in deck.sources if source.resolved is not None)]


def _temp_pattern(name: str) -> re.Pattern[str]:
    """The names :func:`_create_temp` gives temporary files for ``name``."""
    return re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{12}}\.tmp")


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """Create a new hidden temporary file next to the target; umask applies."""
    for _ in range(100):
        tmp = folder / f".{name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(folder))  # pragma: no cover


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files a killed export to ``name`` left behind; best effort.

    Only regular files of exactly this export's naming pattern, owned by
    this user and older than :data:`STALE_AFTER`, are removed.
    """
    pattern = _temp_pattern(name)
    cutoff = time.time() - STALE_AFTER
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not pattern.fullmatch(entry.name):
                    continue
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and info.st_mtime < cutoff:
                    os.unlink(entry.path)
    except OSError:
        pass


def _check_target(path: Path, force: bool, keep: Iterable[Path]) -> None:
    """Refuse a target that must not be written; see :func:`write_atomic`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    for kept in keep:
        try:
            same = os.path.samefile(path, kept)
        except (OSError, ValueError):
            same = False
        if same:
            raise RefusedTarget(path, "it is the deck or one of its sources; choose another file name")
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(info.st_mode):
        from briefing.core.safefile import describe

        raise RefusedTarget(
            path, f"it is {describe(info.st_mode)}, not a regular file; only files are replaced"
        )
    if not force:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def _fsync_folder(folder: Path) -> None:
    """Flush the folder entry too (so the rename survives a crash); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. platforms without folder fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _publish_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target``, failing if ``target`` exists."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        # No hard links here (some network or FAT file systems): claim the
        # name exclusively, then rename over the empty placeholder.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        os.close(fd)
        try:
            os.replace(tmp, target)
        except BaseException:
            os.unlink(target)
            raise
        return
    os.unlink(tmp)


def write_atomic(path: Path, text: str, force: bool = False, keep: Iterable[Path] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`write_atomic_bytes`."""
    write_atomic_bytes(path, text.encode("utf-8"), force, keep)


def write_atomic_bytes(path: Path, data: bytes, force: bool = False, keep: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` atomically.

    Args:
        path: the file to write.
        data: its new contents.
        force: replace ``path`` if it exists (and is a regular file).
        keep: files never to replace, ``force`` or not (the deck exported
            and its sources; compared as files, so another name or a link
            for one of them is refused too).

    Raises:
        RefusedTarget: ``path`` is one of ``keep``, or exists and is not a
            regular file (a device, a FIFO, a symlink).
        FileExistsError: ``path`` exists and ``force`` is false.
        IsADirectoryError: ``path`` is a folder.
        OSError: the file could not be written; the old file, if any, is
            untouched and no temporary file is left behind.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    _check_target(path, force, keep)
    folder = path.parent
    _remove_stale_temps(folder, path.name)
    fd, tmp = _create_temp(folder, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            try:
                os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
            except OSError:
                pass  # no old file (or no right to read its mode): keep the umask's
            os.replace(tmp, path)
        else:
            _publish_new(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)
