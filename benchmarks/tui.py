"""The terminal scenarios: first paint, next-slide key, drill, peak memory.

Each scenario starts a program in the benchmark pane (see
:mod:`benchmarks.terminal`) and waits for text that proves the screen got
there:

* first paint: from ``respawn-pane`` until the position ``1 / N`` (the
  minimal app: ``minimal 1 / 100``) shows;
* next-slide key: after the app has been idle for a moment, from
  ``send-keys Right`` until ``2 / N`` shows (then ``3 / N``...);
* drill (``Enter`` on the first item of the first slide): from
  ``send-keys Enter`` until a distinctive word of the cited passage shows
  in the source text area (the rows between the ``from:`` header and the
  ``passage`` status line), i.e. the source view has painted the
  highlighted passage, not just its header;
* peak memory: ``VmHWM`` of the pane's process once the keys are done.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.minimal_app import label
from benchmarks.terminal import TerminalError, Tmux, peak_rss_kib

if TYPE_CHECKING:
    from briefing.core.model import Deck

MINIMAL_APP = Path(__file__).resolve().parent / "minimal_app.py"
#: Pause after a paint before sending a key, so the app is idle.
SETTLE = 0.3


@dataclass
class Launch:
    """What one start of a program measured (seconds, MiB)."""

    first_paint: float
    keys: list[float] = field(default_factory=list)
    rss_mib: float | None = None
    drill: float | None = None
    overview: float | None = None


def briefing_argv(deck: Path | None) -> list[str]:
    """``python -m briefing [DECK]`` with this interpreter."""
    return [sys.executable, "-m", "briefing", *([str(deck)] if deck else [])]


def minimal_argv(variant: str = "") -> list[str]:
    """``python benchmarks/minimal_app.py [--screen|--styled]`` with this interpreter."""
    return [sys.executable, str(MINIMAL_APP), *([f"--{variant}"] if variant else [])]


def _stop(tmux: Tmux) -> None:
    """End the pane's program and wait until it is gone and the pane is blank."""
    try:
        pid = tmux.pane_pid()
    except (TerminalError, ValueError, IndexError):
        pid = None
    tmux.stop()
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        gone = pid is None or not os.path.exists(f"/proc/{pid}") or _zombie(pid)
        if gone and not tmux.screen().strip():
            return
        time.sleep(0.01)
    raise TerminalError("the previous program did not go away")


def _zombie(pid: int) -> bool:
    try:
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


def run_keys(
    tmux: Tmux, argv: list[str], first: str, after_keys: list[str], rss: bool = False, overview: str = ""
) -> Launch:
    """Start ``argv``, time its first paint, then one ``Right`` per entry of ``after_keys``.

    With ``overview`` (text the overview shows), ``o`` is pressed after the
    keys and timed until that text shows, before the peak RSS is read: the
    overview holds every slide's card, so memory is read with it open.
    """
    _stop(tmux)
    started = tmux.start(argv)
    launch = Launch(tmux.wait_for(first, started).seconds)
    for text in after_keys:
        time.sleep(SETTLE)
        sent = tmux.keys("Right")
        launch.keys.append(tmux.wait_for(text, sent).seconds)
    if overview:
        time.sleep(SETTLE)
        sent = tmux.keys("o")
        launch.overview = tmux.wait_for(overview, sent).seconds
    if rss:
        time.sleep(SETTLE)
        launch.rss_mib = peak_rss_kib(tmux.pane_pid()) / 1024
    return launch


def minimal_launch(tmux: Tmux, keys: int, variant: str = "") -> Launch:
    """The baseline app (or its ``screen``/``styled`` variant): first paint and ``keys`` key presses."""
    return run_keys(tmux, minimal_argv(variant), label(1), [label(n) for n in range(2, keys + 2)], rss=True)


def briefing_launch(tmux: Tmux, deck: Path | None, slides: int, keys: int) -> Launch:
    """briefing on ``deck``: first paint, ``keys`` next-slide presses, peak RSS."""
    return run_keys(
        tmux,
        briefing_argv(deck),
        f"1 / {slides}",
        [f"{n} / {slides}" for n in range(2, keys + 2)],
        rss=True,
        overview=f"overview of {slides} slides",
    )


def passage_word(quote: str) -> str:
    """A word of the quote that is unlikely to be anywhere else on screen.

    A word with a digit (the generated decks' unique tokens) if there is
    one, else the longest word, without surrounding punctuation.
    """
    words = [w.strip(".,;:!?“”‘’\"'()[]") for w in quote.split()]
    words = [w for w in words if w]
    with_digits = [w for w in words if re.search(r"\d", w) and len(w) >= 5]
    return max(with_digits or words, key=len)


def in_source_area(word: str) -> Callable[[str], bool]:
    """A screen test: ``word`` shows below the ``from:`` header, above the status.

    Lines are compared without their borders and indentation, so the test
    survives layout changes that keep those two anchors.
    """

    def test(screen: str) -> bool:
        lines = [line.strip(" │┃║") for line in screen.split("\n")]
        top = next((i for i, line in enumerate(lines) if line.startswith("from:")), None)
        if top is None:
            return False
        for line in lines[top + 1 :]:
            if line.startswith(("passage ", "✗")):
                return False
            if word in line:
                return True
        return False

    return test


def drill_launch(tmux: Tmux, deck: Path | None, slides: int, word: str, settle: float = SETTLE) -> Launch:
    """briefing on ``deck``: first paint, then ``Enter`` until ``word`` shows in the source.

    ``settle`` is the pause between the first paint and ``Enter``: short,
    it lands while the background warm-up is still preparing the source.
    """
    _stop(tmux)
    started = tmux.start(briefing_argv(deck))
    launch = Launch(tmux.wait_for(f"1 / {slides}", started).seconds)
    time.sleep(settle)
    sent = tmux.keys("Enter")
    launch.drill = tmux.wait_until(in_source_area(word), sent, f"{word!r} in the source view").seconds
    return launch


def early_key_launch(tmux: Tmux, deck: Path, slides: int, settle: float) -> Launch:
    """briefing on ``deck``: first paint, then ``Right`` ``settle`` seconds later, timed to ``2 / N``."""
    _stop(tmux)
    started = tmux.start(briefing_argv(deck))
    launch = Launch(tmux.wait_for(f"1 / {slides}", started).seconds)
    time.sleep(settle)
    sent = tmux.keys("Right")
    launch.keys.append(tmux.wait_for(f"2 / {slides}", sent).seconds)
    return launch


# lookatme: another terminal slide tool, for reference ---------------------

#: Characters that are Markdown syntax at the start of a line or inside it.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def lookatme_command() -> list[str] | None:
    """How to start lookatme (a Markdown slide tool), or ``None`` when it is not installed.

    ``$LOOKATME`` names its executable (it may live in a virtual
    environment of its own: its pinned dependencies clash with briefing's);
    else ``lookatme`` beside this interpreter, else on the ``PATH``.
    """
    import shutil

    named = os.environ.get("LOOKATME", "")
    if named:
        return [named] if Path(named).is_file() and os.access(named, os.X_OK) else None
    beside = Path(sys.executable).parent / "lookatme"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("lookatme")
    return [found] if found else None


def _markdown_text(text: str) -> str:
    """``text`` on one line, its Markdown syntax escaped (the text is data, not markup)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def lookatme_markdown(deck: Deck) -> str:
    """The deck's slides as lookatme slides: each title a heading, each item a bullet."""
    parts = [f"---\ntitle: {_markdown_text(deck.title)}\n---\n"]
    for number, slide in enumerate(deck.slides):
        if number:
            parts.append("---\n")
        parts.append(f"# {_markdown_text(slide.title)}\n")
        for item in slide.items:
            label = getattr(item, "label", None) or getattr(item, "text", "")
            parts.append(f"- {_markdown_text(str(label))}")
        parts.append("")
    return "\n".join(parts) + "\n"


def lookatme_launch(tmux: Tmux, command: list[str], markdown: Path, slides: int, keys: int) -> Launch:
    """lookatme on ``markdown``: first paint (``slide 1 / N`` in its footer), ``keys`` next-slide presses."""
    return run_keys(
        tmux,
        [*command, str(markdown)],
        f"slide 1 / {slides}",
        [f"slide {n} / {slides}" for n in range(2, keys + 2)],
        rss=True,
    )
