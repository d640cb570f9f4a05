"""A small yes/no question, e.g. before overwriting an exported file."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks ``question``; dismisses with ``True`` for ``y``, ``False`` otherwise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "yes"),
        Binding("n,escape", "answer(False)", "no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        """The question, and the keys that answer it."""
        with Vertical(id="confirm"):
            yield Static(Text(self._question), id="question")
            yield Static(
                Text.assemble(("y", "bold"), " yes    ", ("n", "bold"), " or ", ("esc", "bold"), " no"),
                id="answers",
            )

    def on_mount(self) -> None:
        """Title the box, so it reads as a question even at a glance."""
        self.query_one("#confirm").border_title = "Confirm"

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
