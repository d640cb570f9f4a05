"""Write a file so that readers see the old contents or the new, never half.

An export can fail midway (disk full, permission denied, interrupted). If
it wrote straight into the target, the user's previous file would be
truncated or half-written. Instead the text goes to a temporary file in
the same folder (so the final step is a rename on the same file system),
is flushed to disk, and only then takes the target's name. Without
``force`` the last step is ``os.link``, which fails atomically when the
name already exists, so a file that appears between the check and the
write is never clobbered either.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["write_atomic"]


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """Create a new hidden temporary file next to the target; umask applies."""
    for _ in range(100):
        tmp = folder / f".{name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits collided
            continue
    raise FileExistsError(errno.EEXIST, "could not create a temporary file", str(folder))  # pragma: no cover


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


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically.

    Args:
        path: the file to write.
        text: its new contents.
        force: replace ``path`` if it exists.

    Raises:
        FileExistsError: ``path`` exists and ``force`` is false.
        IsADirectoryError: ``path`` is a folder.
        OSError: the file could not be written; the old file, if any, is
            untouched and no temporary file is left behind.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not force and os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    folder = path.parent
    fd, tmp = _create_temp(folder, path.name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
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
