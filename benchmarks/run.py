"""Run every benchmark and print the table of figures against their budgets.

Usage::

    python -m benchmarks.run [--quick] [--runs N] [--keys K] [--json FILE]
                             [--data DIR] [--no-terminal] [--only APPS] [--no-commands]

It generates the large deck (2,000 slides, 10,000 citations, 100 sources
of about 50 KB), a 10,000-slide deck (50,000 citations), and decks of one
1 MB and one 10 MB source in a temporary folder, proves that every
generated citation verifies, then measures in a private tmux server
(100x30): each round starts the minimal Textual apps and briefing on the
bundled, large and 10,000-slide decks, one after the other
(interleaved, so a busy moment on the machine hits all three), after one
warm-up round that is not counted. Figures are medians. ``check`` and
``export`` are timed as commands (the budget) and in-process (the work
alone); one export of a 2,000-slide in-memory deck is also timed against
ten of a 200-slide one, to show that export grows no faster than the deck. Exit
status: 0 when every budget holds, 1 when one fails, 2 when the generated
decks do not verify in full (nothing is measured then).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path

from benchmarks.generate import generate_big_source, generate_large
from benchmarks.report import Row, median, table
from benchmarks.scaling import LARGE, SMALL, model_deck, time_export
from benchmarks.work import (
    PROJECT,
    check_in_process,
    export_in_process,
    run_command,
    subprocess_env,
    time_command,
)

#: Most one export of the large in-memory deck may take against exports of the
#: small one that make as many slides (1× is linear; a quadratic step is 10×;
#: the rest is room for a busy machine).
SCALING_LIMIT = 2.0
#: The deck sizes of the issue's scenarios: a 10,000-slide deck of 50,000
#: citations (100 sources of 50 KB), and one source of 10 MB.
HUGE = {"slides": 10_000, "citations": 50_000, "sources": 100, "source_kb": 50}
TEN_MB_KB = 10 * 1024
#: The pause between first paint and the early key or Enter (seconds): the
#: background warm-up of the 10 MB source is still running then.
EARLY = 0.05
#: Every deck the terminal figures use (besides the three baseline apps).
DECKS = ("bundled", "large", "huge", "big", "big10")
#: Reference starts, reported without a budget: lookatme (another terminal
#: slide tool) on the bundled deck's slides (``--only`` name: lookatme).
REFERENCES = ("lookatme",)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Samples:
    """Lists of measurements by name; why a name is skipped; runs that failed."""

    def __init__(self) -> None:
        self.values: dict[str, list[float]] = {}
        self.skip: dict[str, str] = {}
        self.failures: dict[str, list[str]] = {}

    def add(self, name: str, *values: float | None) -> None:
        self.values.setdefault(name, []).extend(v for v in values if v is not None)

    def median(self, name: str) -> float | None:
        return median(self.values.get(name, []))

    def attempt(self, names: tuple[str, ...], action: Callable[[], None]) -> None:
        """Run one measurement; on failure, record why for ``names`` and go on.

        A failed run is not retried and not counted; the table says how many
        runs failed, and the whole message (with the screen, for a terminal
        timeout) goes to standard error.
        """
        try:
            action()
        except Exception as error:
            text = str(error)
            _say(f"  failed ({', '.join(names)}): {type(error).__name__}: {text}")
            first = text.splitlines()[0] if text else ""
            for name in names:
                self.failures.setdefault(name, []).append(f"{type(error).__name__}: {first}"[:120])

    def row(
        self,
        figure: str,
        name: str,
        unit: str,
        baseline: str | None = None,
        budget: str = "info",
        limit: float | None = None,
    ) -> Row:
        failed = len(self.failures.get(name, []))
        if self.values.get(name):
            note = f"{failed} run(s) failed" if failed else ""
        else:
            note = self.skip.get(name) or (self.failures[name][0] if failed else "")
        base = self.median(baseline) if baseline else None
        if baseline and base is None and self.values.get(name) and not note:
            note = f"no baseline: {self.skip.get(baseline) or 'its runs failed'}"
        return Row(
            figure,
            self.median(name),
            unit,
            base,
            budget,
            limit,
            note=note,
            samples=tuple(self.values.get(name, [])),
        )


def _slides(deck: Path) -> int:
    from briefing.core.loader import load_deck

    return len(load_deck(deck).slides)


def _first_quote(deck: Path) -> str:
    from briefing.core.loader import load_deck

    return load_deck(deck).slides[0].items[0].citations[0].quote


def _launch_deck(
    tmux: object, samples: Samples, name: str, deck: Path | None, slides: int, keys: int
) -> None:
    """One start of an app: ``name`` is ``minimal`` or a deck's name."""
    from benchmarks import tui

    if name in ("minimal", "screen", "styled"):
        launch = tui.minimal_launch(tmux, keys, "" if name == "minimal" else name)  # type: ignore[arg-type]
    elif name == "lookatme":
        command = tui.lookatme_command()
        assert command is not None and deck is not None
        launch = tui.lookatme_launch(tmux, command, deck, slides, keys)  # type: ignore[arg-type]
    else:
        launch = tui.briefing_launch(tmux, deck, slides, keys)  # type: ignore[arg-type]
    samples.add(f"paint.{name}", launch.first_paint)
    samples.add(f"key.{name}", *launch.keys)
    samples.add(f"rss.{name}", launch.rss_mib)
    samples.add(f"overview.{name}", launch.overview)


def _launch_drill(
    tmux: object,
    samples: Samples,
    name: str,
    deck: Path | None,
    slides: int,
    quote_deck: Path,
    early: bool = False,
) -> None:
    """One start of briefing on a deck, then ``Enter`` on its first item (``early``: 50 ms after paint)."""
    from benchmarks import tui

    word = tui.passage_word(_first_quote(quote_deck))
    if early:
        launch = tui.drill_launch(tmux, deck, slides, word, settle=EARLY)  # type: ignore[arg-type]
        samples.add(f"early_drill.{name}", launch.drill)
    else:
        launch = tui.drill_launch(tmux, deck, slides, word)  # type: ignore[arg-type]
        samples.add(f"drill.{name}", launch.drill)


def _launch_early_key(tmux: object, samples: Samples, name: str, deck: Path, slides: int) -> None:
    """One start of briefing on a deck, then ``Right`` 50 ms after first paint."""
    from benchmarks import tui

    launch = tui.early_key_launch(tmux, deck, slides, EARLY)  # type: ignore[arg-type]
    samples.add(f"early_key.{name}", *launch.keys)


def measure_terminal(
    samples: Samples, decks: dict[str, Path], runs: int, keys: int, only: frozenset[str] | None = None
) -> None:
    """First paint, key latency, peak RSS and drill timings in tmux.

    Round 0 is a warm-up: its figures go to a scratch :class:`Samples`.
    ``only`` limits the starts to those apps and decks (``early`` names the
    two early presses on the 10 MB source).
    """

    def wanted(name: str) -> bool:
        return only is None or name in only

    from benchmarks.terminal import Tmux

    names = ("paint", "key", "rss", "overview")
    if shutil.which("tmux") is None:
        for kind in TERMINAL_KINDS:
            for deck in ("minimal", "screen", "styled", *DECKS, *REFERENCES):
                samples.skip[f"{kind}.{deck}"] = "tmux is not installed"
        return
    slides = {name: _slides(path) for name, path in decks.items()}
    path_arg: dict[str, Path | None] = {name: decks[name] for name in DECKS}
    path_arg["bundled"] = None
    env = {"PYTHONPATH": subprocess_env()["PYTHONPATH"]}
    with Tmux(PROJECT, env=env) as tmux, tempfile.TemporaryDirectory(prefix="briefing-ref-") as folder:
        _prepare_references(samples, decks["bundled"], Path(folder), slides, path_arg)
        for round_no in range(runs + 1):
            _say(f"terminal round {round_no}/{runs}{'' if round_no else ' (warm-up)'}")
            target = samples if round_no else Samples()
            for name in ("minimal", "screen", "styled", "bundled", "large", "huge", *REFERENCES):
                if f"paint.{name}" in samples.skip or not wanted(name):
                    continue
                samples.attempt(
                    tuple(f"{k}.{name}" for k in names),
                    partial(_launch_deck, tmux, target, name, path_arg.get(name), slides.get(name, 0), keys),
                )
        for round_no in range(runs + 1):
            _say(f"drill round {round_no}/{runs}{'' if round_no else ' (warm-up)'}")
            target = samples if round_no else Samples()
            for name in ("bundled", "big", "big10", "large", "huge"):
                if f"drill.{name}" in samples.skip or not wanted(name):
                    continue
                samples.attempt(
                    (f"drill.{name}",),
                    partial(_launch_drill, tmux, target, name, path_arg[name], slides[name], decks[name]),
                )
            if not wanted("early"):
                continue
            samples.attempt(
                ("early_key.big10",),
                partial(_launch_early_key, tmux, target, "big10", decks["big10"], slides["big10"]),
            )
            samples.attempt(
                ("early_drill.big10",),
                partial(
                    _launch_drill,
                    tmux,
                    target,
                    "big10",
                    decks["big10"],
                    slides["big10"],
                    decks["big10"],
                    True,
                ),
            )


def _prepare_references(
    samples: Samples, bundled: Path, folder: Path, slides: dict[str, int], path_arg: dict[str, Path | None]
) -> None:
    """lookatme's Markdown of the bundled deck, or why lookatme is not measured."""
    from benchmarks import tui
    from briefing.core.loader import load_deck

    kinds = ("paint", "key", "rss", "overview")
    if tui.lookatme_command() is None:
        for kind in kinds:
            samples.skip[f"{kind}.lookatme"] = (
                "lookatme is not installed (pip install lookatme; LOOKATME=its path)"
            )
    else:
        markdown = folder / "bundled.md"
        markdown.write_text(tui.lookatme_markdown(load_deck(bundled)), encoding="utf-8")
        path_arg["lookatme"], slides["lookatme"] = markdown, slides["bundled"]


#: The kinds of terminal figure (each ``kind.deck`` in :class:`Samples`).
TERMINAL_KINDS = ("paint", "key", "rss", "overview", "drill", "early_key", "early_drill")


def _check_huge(samples: Samples, huge: Path) -> None:
    seconds, peak = run_command(["check", str(huge)], cold=True)
    samples.add("check.huge_cold", seconds)
    samples.add("check.huge_cold_rss", peak)


def _check_big10(samples: Samples, big10: Path) -> None:
    _, peak = run_command(["check", str(big10)], cold=True)
    samples.add("check.big10_cold_rss_per_byte", peak * 1024 * 1024 / _source_bytes(big10))


def _source_bytes(deck: Path) -> int:
    from briefing.core.loader import load_deck

    return sum(s.resolved.stat().st_size for s in load_deck(deck).sources if s.resolved is not None)


def _check(samples: Samples, large: Path) -> None:
    outcome = check_in_process(large)
    if outcome.verified != outcome.citations:
        raise RuntimeError(f"only {outcome.verified}/{outcome.citations} citations verified")
    samples.add("check.inproc", outcome.seconds)


def measure_commands(
    samples: Samples,
    large: Path,
    out_dir: Path,
    runs: int,
    huge: Path | None = None,
    big10: Path | None = None,
) -> None:
    """``check`` and ``export`` on the large deck, in-process and as commands.

    With ``huge`` and ``big10``, also a no-cache ``check`` of each (time and
    the command's peak RSS). Round 0 is a warm-up: its figures go to a
    scratch :class:`Samples`.
    """
    out = out_dir / "large.md"
    for round_no in range(runs + 1):
        _say(f"check/export round {round_no}/{runs}{'' if round_no else ' (warm-up)'}")
        target = samples if round_no else Samples()
        if huge is not None:
            samples.attempt(("check.huge_cold", "check.huge_cold_rss"), partial(_check_huge, target, huge))
        if big10 is not None:
            samples.attempt(("check.big10_cold_rss_per_byte",), partial(_check_big10, target, big10))
        samples.attempt(("check.inproc",), partial(_check, target, large))
        samples.attempt(
            ("check.cmd",), lambda t=target: t.add("check.cmd", time_command(["check", str(large)]))
        )
        samples.attempt(
            ("check.cold",),
            lambda t=target: t.add("check.cold", time_command(["check", str(large)], cold=True)),
        )
        samples.attempt(
            ("export.inproc",), lambda t=target: t.add("export.inproc", export_in_process(large, out))
        )
        samples.attempt(
            ("export.cmd",),
            lambda t=target: t.add(
                "export.cmd", time_command(["export", str(large), "-o", str(out), "--force"])
            ),
        )
        samples.attempt(
            ("export.cold",),
            lambda t=target: t.add(
                "export.cold", time_command(["export", str(large), "-o", str(out), "--force"], cold=True)
            ),
        )


def measure_export_scaling(samples: Samples, runs: int, sizes: tuple[int, int] = (SMALL, LARGE)) -> None:
    """One export of the large in-memory deck, and exports of the small one making as many slides.

    The two are interleaved round by round. Round 0 is a warm-up: its
    figures go to a scratch :class:`Samples`.
    """
    small, large = (model_deck(slides) for slides in sizes)
    times = sizes[1] // sizes[0]
    for round_no in range(runs + 1):
        _say(f"export scaling round {round_no}/{runs}{'' if round_no else ' (warm-up)'}")
        target = samples if round_no else Samples()
        samples.attempt(("scale.small",), lambda t=target: t.add("scale.small", time_export(small, times)))
        samples.attempt(("scale.large",), lambda t=target: t.add("scale.large", time_export(large)))


def build_rows(s: Samples) -> list[Row]:
    """The table, in the order of the budgets in docs/performance.md."""
    return [
        s.row("first paint, bundled deck", "paint.bundled", "ms", "paint.minimal", "ratio", 1.10),
        s.row("first paint, large deck", "paint.large", "ms", "paint.bundled", "ratio", 1.5),
        s.row("first paint, 10,000-slide deck", "paint.huge", "ms", "paint.bundled", "ratio", 1.5),
        s.row("next-slide key to screen, bundled deck", "key.bundled", "ms", "key.screen", "ratio", 1.05),
        s.row("next-slide key to screen, large deck", "key.large", "ms", "key.screen", "ratio", 1.05),
        s.row(
            "next-slide key, 10,000-slide deck (vs bundled)", "key.huge", "ms", "key.bundled", "ratio", 1.2
        ),
        s.row("next-slide key to screen, bundled deck (vs one-line app)", "key.bundled", "ms", "key.minimal"),
        s.row("key to screen, Textual app replacing a screen of text", "key.screen", "ms", "key.minimal"),
        s.row("key to screen, Textual app replacing a styled list", "key.styled", "ms", "key.minimal"),
        s.row("next-slide key to screen, lookatme on the bundled deck's slides", "key.lookatme", "ms"),
        s.row("next-slide key to screen, bundled deck (vs lookatme)", "key.bundled", "ms", "key.lookatme"),
        s.row("first paint, lookatme on the bundled deck's slides", "paint.lookatme", "ms"),
        s.row("Enter to highlighted passage, bundled deck", "drill.bundled", "ms", None, "max", 0.050),
        s.row("Enter to highlighted passage, 1 MB source", "drill.big", "ms", "drill.bundled", "ratio", 1.5),
        s.row(
            "Enter to highlighted passage, 10 MB source", "drill.big10", "ms", "drill.bundled", "ratio", 1.5
        ),
        s.row("Enter to highlighted passage, large deck", "drill.large", "ms", "drill.bundled"),
        s.row(
            "Enter to highlighted passage, 10,000-slide deck",
            "drill.huge",
            "ms",
            "drill.bundled",
            "ratio",
            1.2,
        ),
        s.row("10 MB source: first key 50 ms after first paint", "early_key.big10", "ms", None, "max", 0.030),
        s.row("10 MB source: Enter 50 ms after first paint", "early_drill.big10", "ms", None, "max", 0.100),
        s.row("overview open, bundled deck", "overview.bundled", "ms"),
        s.row("overview open, 10,000-slide deck", "overview.huge", "ms", "overview.bundled", "ratio", 1.2),
        s.row("briefing check, large deck (command)", "check.cmd", "s", None, "max", 2.0),
        s.row(
            "briefing check, large deck (in-process: load + verify, no cache, warm interpreter)",
            "check.inproc",
            "s",
        ),
        s.row(
            "briefing check, 10,000-slide deck, no cache (command)", "check.huge_cold", "s", None, "max", 5.0
        ),
        s.row("peak RSS of that check", "check.huge_cold_rss", "MiB"),
        s.row(
            "peak RSS per source byte, no-cache check of a 10 MB source",
            "check.big10_cold_rss_per_byte",
            "B/B",
            None,
            "max",
            5.0,
        ),
        s.row("briefing check, large deck, no cache (command)", "check.cold", "s"),
        s.row("briefing export, large deck (command)", "export.cmd", "s", None, "max", 1.0),
        s.row(
            "briefing export, large deck (in-process: load + verify + export, no cache, warm interpreter)",
            "export.inproc",
            "s",
        ),
        s.row("briefing export, large deck, no cache (command)", "export.cold", "s"),
        s.row(
            f"export of {LARGE:,} in-memory slides, against {LARGE // SMALL} × {SMALL} (1× is linear)",
            "scale.large",
            "ms",
            "scale.small",
            "ratio",
            SCALING_LIMIT,
        ),
        s.row("peak RSS, large deck, overview open", "rss.large", "MiB", "rss.bundled", "ratio", 2.0),
        s.row("peak RSS, 10,000-slide deck, overview open", "rss.huge", "MiB", "rss.bundled", "ratio", 4.0),
        s.row("peak RSS, bundled deck, overview open", "rss.bundled", "MiB", "rss.minimal"),
    ]


def _compile_bytecode() -> None:
    """Compile briefing's modules to bytecode, as ``pip install`` does.

    Textual, Rich and PyYAML were compiled when pip installed them; a
    checkout (or an editable install) of briefing has no ``.pyc`` files, and
    with ``PYTHONDONTWRITEBYTECODE`` set Python recompiles every module on
    every start, which would charge briefing tens of milliseconds that no
    installed copy pays. The minimal app is one file and is compiled too.
    """
    import compileall

    for path in (PROJECT / "briefing", PROJECT / "benchmarks"):
        compileall.compile_dir(str(path), quiet=1)


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load)


def main(argv: list[str] | None = None) -> int:
    """Generate the data, measure, print the table; 1 if a budget fails."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--runs", type=int, default=None, help="counted runs per figure (default 7; 3 with --quick)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs and keys: a rough table in about 4 minutes"
    )
    parser.add_argument("--keys", type=int, default=None, help="next-slide presses per start (default 3)")
    parser.add_argument(
        "--data", type=Path, help="generate into (or reuse) this folder instead of a temporary one"
    )
    parser.add_argument("--json", type=Path, help="also write every sample to this JSON file")
    parser.add_argument("--no-terminal", action="store_true", help="skip the tmux figures")
    parser.add_argument(
        "--only",
        help="comma-separated apps and decks to start in tmux (minimal, screen, styled, bundled, large, "
        "huge, big, big10, early, lookatme); the other terminal rows stay empty",
    )
    parser.add_argument("--no-commands", action="store_true", help="skip the check/export figures")
    args = parser.parse_args(argv)
    # A plain kill must still stop the tmux server and delete the data.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    runs = args.runs or (3 if args.quick else 7)
    keys = args.keys or (2 if args.quick else 3)

    load_before = os.getloadavg()
    _compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        # A private on-disk cache (see briefing/store/cache.py): the warm-up round
        # fills it, as a user's first run would; the "no cache" rows show
        # the first run on a new or edited deck.
        os.environ["BRIEFING_CACHE_DIR"] = str(Path(tmp) / "cache")
        data = args.data or Path(tmp)
        large, big = data / "decks" / "large.yaml", data / "decks" / "big-source.yaml"
        huge, big10 = data / "huge" / "decks" / "large.yaml", data / "big10" / "decks" / "big-source.yaml"
        if not large.exists():
            _say(f"generating the large deck in {data}")
            generate_large(data)
        if not big.exists():
            generate_big_source(data)
        if not huge.exists():
            _say("generating the 10,000-slide deck")
            generate_large(data / "huge", **HUGE)
        if not big10.exists():
            generate_big_source(data / "big10", source_kb=TEN_MB_KB)
        from briefing.core.bundled import bundled_deck

        decks = {"bundled": bundled_deck(), "large": large, "big": big, "huge": huge, "big10": big10}
        for path in (large, big, huge, big10):
            outcome = check_in_process(path)
            if outcome.verified != outcome.citations:
                _say(
                    f"{path}: only {outcome.verified}/{outcome.citations} citations verify; "
                    "the figures would not mean anything (run `briefing check` on it)"
                )
                return 2
        samples = Samples()
        if args.no_terminal:
            for kind in TERMINAL_KINDS:
                for deck in ("minimal", "screen", "styled", *DECKS, *REFERENCES):
                    samples.skip[f"{kind}.{deck}"] = "skipped: --no-terminal"
        else:
            only = frozenset(args.only.split(",")) if args.only else None
            measure_terminal(samples, decks, runs, keys, only)
        if not args.no_commands:
            measure_commands(samples, large, Path(tmp), runs, huge, big10)
            measure_export_scaling(samples, runs)
    load_after = os.getloadavg()
    rows = build_rows(samples)
    print(
        f"briefing benchmarks: {runs} runs (medians), {keys} keys per start, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; load average (1, 5, 15 min) "
        f"{_load(load_before)} at the start, {_load(load_after)} at the end"
    )
    print(table(rows))
    if args.json:
        args.json.write_text(
            json.dumps([asdict(r) | {"ratio": r.ratio, "result": r.verdict()} for r in rows], indent=2),
            encoding="utf-8",
        )
    return 1 if any(r.passed is False for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
