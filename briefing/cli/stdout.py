"""Standard output for the commands: clean text, any encoding, loud failures.

A report that silently went nowhere (a full disk, a closed descriptor) is
worse than none: whoever reads the file believes it is complete. So every
write goes to the descriptor in full or raises :class:`OutputError`, which
the command says on standard error and turns into exit status 2; and text
that the terminal would obey (escape sequences, bidi overrides) or that
the encoding cannot hold is made safe first.
"""

from __future__ import annotations

import errno
import os
import sys

from briefing.core.problems import say
from briefing.core.textsafe import clean

__all__ = ["OutputError", "failed", "write_bytes", "write_line", "write_text"]


class OutputError(Exception):
    """Standard output could not be written; ``error`` says why."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def write_line(line: str) -> None:
    """Print one line of text, cleaned (see :func:`write_text`)."""
    write_text(clean(line) + "\n")


def write_text(text: str) -> None:
    """Write ``text`` in stdout's encoding (``\\x..`` escapes for what it lacks).

    Raises:
        OutputError: stdout is closed, or the write failed.
    """
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding, "backslashreplace")
    except LookupError:  # pragma: no cover - an encoding Python does not know
        data = text.encode("utf-8", "backslashreplace")
    write_bytes(data, text)


def write_bytes(data: bytes, text: str) -> None:
    """Write ``data`` to file descriptor 1 in full, or raise :class:`OutputError`.

    Straight to the descriptor: Python's buffered stdout reports a short
    write to a full disk as success, leaving a truncated file behind. A
    stdout without a descriptor (a test's capture) gets ``text``, the same
    characters, instead.
    """
    stream = sys.stdout
    if stream is None:  # closed before briefing started
        raise OutputError(OSError(errno.EBADF, "standard output is closed"))
    try:
        try:
            fd = stream.fileno()
        except (OSError, ValueError):  # no descriptor: an in-memory stream
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:  # pragma: no cover - write(2) reports errors instead
                raise OSError(errno.EIO, "nothing was written")
            view = view[written:]
    except OSError as error:
        raise OutputError(error) from error


def failed(command: str, error: OSError) -> None:
    """Say on stderr that stdout could not be written; keep the exit flush quiet.

    Nothing is said for a closed pipe (``briefing check | head``): the
    reader left on purpose.
    """
    _silence_stdout()
    if not isinstance(error, BrokenPipeError):
        reason = error.strerror or str(error) or type(error).__name__
        say(sys.stderr, f"briefing {command}: cannot write to standard output: {reason}")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no stdout at all, or no descriptor
        pass
