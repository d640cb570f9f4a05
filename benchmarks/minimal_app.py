"""The baseline: the smallest Textual app that paints a line and reacts to a key.

Budgets for briefing's first paint and key latency are ratios to this app,
measured in the same run, in the same terminal, with the same Python and
Textual, so the figures say what briefing adds on top of Textual itself
rather than how fast the machine is. It shows ``minimal 1 / 100``; each
right arrow (briefing's next-slide key) counts up: ``minimal 2 / 100``...

Run it as a script (``python benchmarks/minimal_app.py``): it imports
nothing from briefing.

With ``--screen`` it is the *screen* app instead: the same line on top of
a screen of wrapped prose that is replaced entirely on each key. It does
none of briefing's work, so its key-to-update says what Textual itself
costs for a key that changes most of the screen, as a slide change does.
With ``--styled`` the screen is a numbered list in a slide's styles (a
bold marker, a dimmed number, the text, a coloured mark at the right of
each row), rendered by Rich on every key: what a naive slide costs. The
benchmark reports both for reference, without a budget.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

COUNT = 100
#: Words the screen app's prose is made of (rotated on every key).
WORDS = (
    "the",
    "coalition",
    "of",
    "the",
    "willing",
    "met",
    "in",
    "Paris",
    "to",
    "weigh",
    "a",
    "European",
    "reassurance",
    "force",
    "for",
    "Ukraine",
    "after",
    "a",
    "ceasefire",
    "and",
    "its",
    "members",
    "argued",
    "over",
    "troops",
    "air",
    "cover",
    "and",
    "who",
    "would",
    "lead",
    "it",
)


def label(number: int) -> str:
    """The line shown at step ``number`` (1-based)."""
    return f"minimal {number} / {COUNT}"


def prose(number: int, lines: int = 24, width: int = 90) -> str:
    """About ``lines`` lines of text that differ from step to step."""
    words = [WORDS[(number * 7 + i) % len(WORDS)] for i in range(lines * width // 6)]
    return " ".join(words)


def styled_list(number: int, rows: int = 18, width: int = 90) -> Text:
    """``rows`` numbered rows of prose, styled as a slide's list is."""
    words = prose(number).split(" ")
    text = Text()
    for row in range(rows):
        line = " ".join(words[row * 10 : row * 10 + 10])[: width - 12]
        text.append("▌ " if row == 0 else "  ", "bold yellow")
        text.append(f"{row + 1:>2} ", "grey50")
        text.append(line.ljust(width - 12))
        text.append(" ✓ 2\n" if row % 3 else " ◆ j\n", "green" if row % 3 else "italic blue")
    return text


class MinimalApp(App[None]):
    """One line of text; ``right`` (or space) changes it."""

    BINDINGS: ClassVar = [("right,space", "next", "next"), ("q", "quit", "quit")]

    def __init__(self) -> None:
        super().__init__()
        self.number = 1

    def compose(self) -> ComposeResult:
        """A single Static line."""
        yield Static(label(self.number), id="line", markup=False)

    def action_next(self) -> None:
        """Count one up and show it."""
        self.number = min(self.number + 1, COUNT)
        self.query_one("#line", Static).update(label(self.number))


class ScreenApp(MinimalApp):
    """The line, and a screen of prose below it that every key replaces."""

    def compose(self) -> ComposeResult:
        """The line and the prose."""
        yield from super().compose()
        yield Static(prose(self.number), id="prose", markup=False)

    def action_next(self) -> None:
        """Count one up; show the new line and new prose in the same frame."""
        super().action_next()
        self.query_one("#prose", Static).update(prose(self.number))


class StyledScreenApp(MinimalApp):
    """The line, and a styled list below it that every key renders anew."""

    def compose(self) -> ComposeResult:
        """The line and the list."""
        yield from super().compose()
        yield Static(styled_list(self.number), id="prose")

    def action_next(self) -> None:
        """Count one up; show the new line and the new list in the same frame."""
        super().action_next()
        self.query_one("#prose", Static).update(styled_list(self.number))


if __name__ == "__main__":
    options = sys.argv[1:]
    app = StyledScreenApp if "--styled" in options else ScreenApp if "--screen" in options else MinimalApp
    app().run()
