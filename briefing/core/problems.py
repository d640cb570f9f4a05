"""Problems: how briefing reports what is wrong with a deck or a source.

Every problem carries the file, 1-based line and column, the path of the
field inside the deck (``slides[2].reactions[0].stance``) and a message
written for the person who will fix it. They are collected, never raised
one at a time, so a single run reports everything.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from briefing.core.model import Deck


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located in its file."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        from briefing.core.textsafe import clean

        where = f"{self.file}:{self.line}:{self.col}:"
        field = f" {self.path}:" if self.path else ""
        tag = " warning:" if self.severity == "warning" else ""
        return clean(f"{where}{tag}{field} {self.message}")

    def as_dict(self) -> dict[str, object]:
        """The problem as plain JSON-ready data."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
        }


class DeckError(Exception):
    """A deck could not be loaded; ``problems`` says every reason.

    ``unusable`` is true when the file itself could not be read or parsed
    (missing, too large, not UTF-8, not YAML): the command line exits 2 for
    those and 1 for a deck that parsed but breaks the schema.
    """

    def __init__(self, problems: list[Problem], unusable: bool = False, partial: Deck | None = None) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.unusable = unusable
        #: The deck of the slides that had no problem (``None``: none could be built),
        #: so the viewer can show them beside the problems.
        self.partial = partial


def say(stream: TextIO, message: str) -> None:
    """Print one line, even when the stream cannot encode every character."""
    try:
        print(message, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(message.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def report(problems: Iterable[Problem], summary: str, stream: TextIO | None = None) -> None:
    """Each problem on a line of its own, then ``summary``; on standard error by default.

    What every command prints about a deck it cannot use, so that ``check``,
    ``export`` and the viewer say it the same way.
    """
    stream = sys.stderr if stream is None else stream
    for problem in problems:
        say(stream, str(problem))
    say(stream, summary)
