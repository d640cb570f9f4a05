"""The problems view: what is wrong with the deck file, each with its line of YAML.

Shown instead of refusing to open a deck with problems: every problem as
``file:line:col: message``, the line it points at and a caret under the
column. The slides that could be built are under it (``Esc`` goes to them);
when none could, this view is all there is. The app replaces it after each
save, so fixing the file updates it by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from briefing.core.problems import Problem
from briefing.core.textsafe import clean
from briefing.widgets.key_bar import BindingsBar

#: Characters of a YAML line shown (a line longer than this is cut, with "…").
MAX_LINE = 200


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except (OSError, ValueError):
        return []


def problems_text(problems: Sequence[Problem], deck_path: Path) -> Text:
    """Every problem, its line of the file and a caret at its column (text is data, never markup)."""
    files: dict[str, list[str]] = {}
    text = Text()
    for number, problem in enumerate(problems):
        if number:
            text.append("\n\n")
        style = "bold yellow" if problem.severity == "warning" else "bold red"
        text.append(str(problem), style)
        if problem.file not in files:
            candidate = Path(problem.file)
            same = candidate.name == deck_path.name and not candidate.exists()
            files[problem.file] = _lines(deck_path if same else candidate)
        lines = files[problem.file]
        if 1 <= problem.line <= len(lines):
            shown = clean(lines[problem.line - 1].expandtabs(1))
            gutter = f"{problem.line:>5} │ "
            text.append("\n")
            text.append(gutter, "dim")
            text.append(shown[:MAX_LINE] + ("…" if len(shown) > MAX_LINE else ""))
            if 1 <= problem.col <= min(len(shown), MAX_LINE) + 1:
                text.append("\n" + " " * (len(gutter) + problem.col - 1))
                text.append("^", style)
    return text


class ProblemsScreen(Screen[None]):
    """Lists ``problems`` of the deck at ``deck_path``; ``has_slides``: the slides that built are below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "slides", "slides", key_display="esc"),
        Binding("E", "edit", "edit in $EDITOR"),
        Binding("R", "app.toggle_reload", "reload on save", show=False),
        Binding("question_mark", "help", "help", key_display="?", show=False),
        Binding("q", "app.quit", "quit"),
        Binding("up,k", "scroll(-1)", "scroll", show=False),
        Binding("down,j", "scroll(1)", "scroll", show=False),
    ]

    def __init__(self, problems: Sequence[Problem], deck_path: Path, has_slides: bool) -> None:
        super().__init__()
        self.problems = list(problems)
        self.deck_path = deck_path
        self.has_slides = has_slides

    def compose(self) -> ComposeResult:
        """A scrollable list of problems, a line on what to do, the keys."""
        count = len(self.problems)
        with VerticalScroll(id="problems") as panel:
            panel.border_title = clean(f"{count} problem{'s' if count != 1 else ''} in {self.deck_path.name}")
            panel.border_subtitle = "fix the file and save: this view follows"
            yield Static(problems_text(self.problems, self.deck_path), id="problem-list")
            after = (
                "Esc shows the slides that could be built; E opens your editor at the first problem."
                if self.has_slides
                else "No slide could be built yet; E opens your editor at the first problem."
            )
            yield Static(Text(after, "italic"), id="problems-help")
        yield BindingsBar(id="problems-keys")

    def show(self, problems: Sequence[Problem]) -> None:
        """Show ``problems`` instead (the file was saved again)."""
        self.problems = list(problems)
        self.refresh(recompose=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``Esc`` goes to the slides only when some could be built."""
        if action == "slides":
            return True if self.has_slides else None
        return True

    def action_slides(self) -> None:
        """Back to the slides that could be built."""
        if self.has_slides:
            self.app.pop_screen()

    def action_edit(self) -> None:
        """Open the reader's editor at the first problem's line."""
        line = self.problems[0].line if self.problems else 1
        self.app.edit(line)  # type: ignore[attr-defined]

    def action_help(self) -> None:
        from briefing.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("deck"))

    def action_scroll(self, delta: int) -> None:
        panel = self.query_one("#problems", VerticalScroll)
        panel.scroll_relative(y=delta, animate=False)
