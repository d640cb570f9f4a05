"""The cache's folders and files: the user's own, regular, read without waiting or following.

Whatever sits in the cache folder may have been put there by someone else,
or be something else than a file: :func:`read_entry` uses a folder only if
it belongs to the user and no one else can write to it (checked on the
open descriptor, and nothing below it is followed), and an entry only if
it is a regular file of the user's, opened without following a symlink
and without blocking (a FIFO is refused at once), read up to a limit.
Anything else is a miss, and the run's one warning says why (on the
stream given to :func:`warnings_to`: none by default, since the viewer
draws its screen on stderr).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, TextIO

from briefing.core.paths import MAX_DECK_BYTES

#: The largest entry read or written: a deck's data is about its YAML's size.
ENTRY_LIMIT = 4 * MAX_DECK_BYTES

#: The cache needs descriptors relative to a folder, no-follow opens and
#: owners (POSIX); elsewhere it is off.
_SUPPORTED = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and hasattr(os, "getuid")
    and os.open in os.supports_dir_fd
    and os.rename in os.supports_dir_fd  # os.replace is the same call
)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: A JSON escape of a UTF-16 surrogate, one of a pair or not.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

_warnings: TextIO | None = None
_warned = False
_refused: set[str] = set()


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is off."""
    if os.environ.get("BRIEFING_NO_CACHE") or not _SUPPORTED:
        return None
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(os.environ["BRIEFING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefing"


def warnings_to(stream: TextIO | None) -> None:
    """Send the run's one warning about an unusable cache to ``stream`` (``None``: nowhere).

    ``check`` and ``export`` pass stderr; the viewer passes nothing, since
    Textual draws the screen on stderr and a line there would garble it.
    """
    global _warnings
    _warnings = stream


def warn(message: str) -> None:
    """Say once per run that the cache was not used as it stands."""
    global _warned
    if _warned:
        return
    _warned = True
    if _warnings is None:
        return
    from briefing.core.textsafe import clean

    try:
        _warnings.write(f"briefing: {clean(message)}; BRIEFING_NO_CACHE=1 turns the cache off\n")
        _warnings.flush()
    except (OSError, ValueError):
        pass


class _Refused(Exception):
    """A cache folder or entry that must not be used; the message says why."""


def _check_owner(info: os.stat_result, what: str, folder: bool = True) -> None:
    """Refuse what another user owns or can write: its contents could be anyone's."""
    if info.st_uid != os.getuid():
        fix = " (point BRIEFING_CACHE_DIR at a folder of yours)" if folder else ""
        raise _Refused(f"{what} belongs to another user{fix}")
    if info.st_mode & 0o022:
        fix = " (`chmod go-w` it to use it)" if folder else ""
        raise _Refused(f"{what} can be written by other users{fix}")


def _open_folder(kind: str, create: bool) -> int | None:
    """A descriptor of the cache's ``kind`` folder, checked, or ``None``.

    The top folder may be reached through a symlink (it is checked once
    open); below it nothing is followed, so what is checked is what is
    used. ``create`` makes missing folders (private), for writing.
    """
    root = cache_dir()
    if root is None or str(root) in _refused:
        return None
    try:
        if create:
            try:
                os.makedirs(root, 0o700, exist_ok=True)
            except OSError:
                return None  # e.g. a read-only home: writing is best effort, quietly
        try:
            top = os.open(root, _DIR_FLAGS)
        except FileNotFoundError:
            return None
        try:
            _check_owner(os.fstat(top), f"the cache folder {root}")
            if create:
                try:
                    os.mkdir(kind, 0o700, dir_fd=top)
                except FileExistsError:
                    pass
            try:
                folder = os.open(kind, _DIR_FLAGS | _NOFOLLOW, dir_fd=top)
            except FileNotFoundError:
                return None
            try:
                _check_owner(os.fstat(folder), f"the cache folder {root / kind}")
            except BaseException:
                os.close(folder)
                raise
            return folder
        finally:
            os.close(top)
    except _Refused as refused:
        message = str(refused)
    except OSError as error:
        message = f"the cache folder {root} cannot be used ({error.strerror or error})"
    _refused.add(str(root))
    warn(message)
    return None


def _read_fd(fd: int, size: int, limit: int) -> bytes | None:
    """At most ``limit`` bytes from ``fd``, whose ``fstat`` said ``size``; ``None`` if there are more.

    Asks for ``size + 1`` bytes first (a file that grew is read on), not the
    limit: a buffer of the limit's size costs a millisecond to allocate.
    """
    chunks: list[bytes] = []
    read = 0
    while True:
        chunk = os.read(fd, min(limit + 1, max(size + 1, read + 65536)) - read)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        read += len(chunk)
        if read > limit:
            return None


def read_entry(kind: str, name: str) -> bytes | None:
    """An entry's bytes, if it is a regular file of the user's within the limit; else ``None``."""
    folder = _open_folder(kind, create=False)
    if folder is None:
        return None
    try:
        try:
            # No-follow and non-blocking: a symlink, a FIFO or a device in
            # place of an entry is refused at once, never read from.
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder)
        except FileNotFoundError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise _Refused("it is not a regular file")
            _check_owner(info, "it", folder=False)
            data = _read_fd(fd, info.st_size, ENTRY_LIMIT) if info.st_size <= ENTRY_LIMIT else None
            if data is None:
                raise _Refused("it is too large")
            return data
        finally:
            os.close(fd)
    except _Refused as refused:
        entry_ignored(kind, name, str(refused))
    except OSError as error:
        entry_ignored(kind, name, f"it cannot be read ({error.strerror or error})")
    finally:
        os.close(folder)
    return None


def entry_ignored(kind: str, name: str, why: str) -> None:
    warn(f"ignored the cache entry {Path(cache_dir() or '', kind, name)}: {why}")


def write_entry(kind: str, name: str, data: bytes) -> None:
    """Write an entry atomically and privately; give up quietly on any error."""
    if len(data) > ENTRY_LIMIT:
        return
    folder = _open_folder(kind, create=True)
    if folder is None:
        return
    temporary = f".tmp-{os.getpid()}-{os.urandom(6).hex()}"
    try:
        fd = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=folder
        )
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException as error:
        try:
            os.unlink(temporary, dir_fd=folder)
        except OSError:
            pass
        if not isinstance(error, Exception):  # an interrupt still interrupts; no error fails a command
            raise
    finally:
        os.close(folder)


def dump(value: Any) -> bytes:
    """``value`` as JSON in ASCII (what :func:`parse` reads back).

    ASCII because a plain-ASCII text decodes about thirty times faster than
    UTF-8 with curly quotes in it (2 ms for a large deck's entry), and
    parses no slower. Raises ``ValueError`` for a lone surrogate (from a
    deck's ``\\ud800`` escape, say), which is then not cached.
    """
    import json

    text = json.dumps(value, separators=(",", ":"))
    if _SURROGATE_ESCAPE.search(text) and _lone_surrogate(value):
        raise ValueError("a lone surrogate")
    return text.encode("ascii")


def parse(data: bytes | str) -> Any:
    """The JSON value in ``data``, or ``None`` when it is not strict ASCII JSON as :func:`dump` writes.

    Lone surrogates (an unpaired ``\\ud800`` escape), which would fail on
    output, are refused; so are ``NaN`` and infinities, and nesting deeper
    than the parser's recursion limit.

    ``data`` may be the entry's bytes already decoded (as ASCII): a caller
    that drops the bytes first keeps one copy of a large entry fewer in
    memory while it is parsed (13 MiB for a 10,000-slide deck).
    """
    import json

    try:
        text = data.decode("ascii") if isinstance(data, bytes) else data
        if not text.isascii():
            return None
        # A surrogate escape is rare (a character beyond the BMP, an emoji, is
        # written as a pair): only then is every string looked at.
        surrogates = _SURROGATE_ESCAPE.search(text) is not None
        value = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    if surrogates and _lone_surrogate(value):
        return None
    return value


def _lone_surrogate(value: Any) -> bool:
    import json

    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except (ValueError, RecursionError):  # pragma: no cover - parsed JSON dumps again
        return True
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(name)
