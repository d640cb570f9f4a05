"""Read a deck or a source only if it is a regular file of bounded size.

A path can name a FIFO (reading it waits forever for a writer), a device
(``/dev/zero`` never ends) or a file swapped for a symlink after it was
checked. So the file is opened without blocking (a FIFO opens at once),
the *open* file is asked what it is (``fstat``), and no more than the limit
plus one byte is ever read, whatever the size the file claims.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Generator
from pathlib import Path

__all__ = ["NotRegularFile", "TooLarge", "describe", "read_chunks", "read_regular"]

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symlink"),
)

_SWAPPED = "a symlink now (it was swapped after its path was checked)"


class NotRegularFile(OSError):
    """The path is not a regular file; ``kind`` says what it is instead."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", str(path))
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit; ``size`` is its size when known."""

    def __init__(self, path: Path, size: int | None, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.size = size
        self.limit = limit


def describe(mode: int) -> str:
    """What a file that is not regular is, in words ("a FIFO (named pipe)")."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a special file"  # pragma: no cover - a door, a whiteout


def read_regular(path: Path, limit: int, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Args:
        path: the file.
        limit: the most bytes accepted.
        follow: follow a symlink in the last component; ``False`` for a
            path already resolved, so that a symlink swapped in since
            is refused (``ELOOP``), not followed.

    Raises:
        IsADirectoryError: ``path`` is a folder.
        NotRegularFile: a FIFO, a device, a socket (or a symlink, when not
            following).
        TooLarge: more than ``limit`` bytes.
        OSError: anything else (missing, permission denied, ...).
    """
    return b"".join(read_chunks(path, limit, follow))


def read_chunks(path: Path, limit: int, follow: bool = True, size: int = 0) -> Generator[bytes, None, None]:
    """The bytes of the regular file ``path`` in pieces, as :func:`read_regular` checks them.

    So a caller can hash and decode a large file without holding it whole.
    The first piece is the whole file when ``size`` is 0 and the file
    claims no more than the limit, else ``size`` bytes (1 MiB when 0); a
    file that grows past ``limit`` raises :class:`TooLarge` once it does,
    after the pieces before. Raises what :func:`read_regular` does.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    # Refused before opening, where possible: opening some devices acts.
    mode = os.stat(path, follow_symlinks=follow).st_mode
    if stat.S_ISLNK(mode):  # not following: the path was resolved, then swapped
        raise NotRegularFile(path, _SWAPPED)
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise NotRegularFile(path, describe(mode))
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow:
            raise NotRegularFile(path, _SWAPPED) from None
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, describe(info.st_mode))
        if info.st_size > limit:
            raise TooLarge(path, info.st_size, limit)
        left, first = limit + 1, True
        while left > 0:
            want = size or (min(left, info.st_size + 1) if first else 1 << 20)
            chunk = os.read(fd, min(left, want))
            if not chunk:
                break
            first = False
            left -= len(chunk)
            if left <= 0:
                raise TooLarge(path, None, limit)
            yield chunk
    finally:
        os.close(fd)
