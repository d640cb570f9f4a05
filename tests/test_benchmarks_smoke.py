"""Keep the benchmark suite working without running it (that takes minutes).

The generator runs on a tiny size and its output is held to the promises
the benchmarks rely on: deterministic, every slide kind, every citation
verified by the real verifier. The check/export timers, the export-scaling
scenario (on two tiny decks) and the table's arithmetic run too; only the
tmux figures are left to ``python -m benchmarks.run``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.generate import generate_big_source, generate_large
from benchmarks.report import Row, table
from benchmarks.run import SCALING_LIMIT, Samples, build_rows, measure_commands, measure_export_scaling
from benchmarks.scaling import model_deck
from benchmarks.tui import in_source_area, passage_word
from benchmarks.work import run_command
from briefing.core.loader import load_deck
from briefing.core.verify import Verifier


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_large_deck_is_deterministic_and_fully_verified(tmp_path: Path) -> None:
    deck_path = generate_large(tmp_path / "a", slides=12, citations=40, sources=3, source_kb=2)
    generate_large(tmp_path / "b", slides=12, citations=40, sources=3, source_kb=2)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert sorted(_files(tmp_path / "a")) == [
        "decks/large.yaml",
        "seeds/src-001.txt",
        "seeds/src-002.txt",
        "seeds/src-003.txt",
    ]

    deck = load_deck(deck_path)
    verification = Verifier(deck).verify_all()
    assert len(deck.slides) == 12
    assert len(deck.citations) == 40
    assert Counter(r.status for r in verification.results.values()) == {"verified": 40}
    assert [p for p in verification.problems if p.severity == "error"] == []
    assert {s.kind for s in deck.slides} == {"title", "points", "reactions", "figures", "quotes"}
    assert all(1800 <= (tmp_path / "a" / "seeds" / f"src-00{n}.txt").stat().st_size < 4000 for n in (1, 2, 3))


def test_other_seed_gives_other_deck(tmp_path: Path) -> None:
    one = generate_large(tmp_path / "a", slides=6, citations=12, sources=2, source_kb=1, seed=1)
    two = generate_large(tmp_path / "b", slides=6, citations=12, sources=2, source_kb=1, seed=2)
    assert one.read_bytes() != two.read_bytes()


def test_big_source_deck_opens_on_the_last_paragraph(tmp_path: Path) -> None:
    deck_path = generate_big_source(tmp_path, source_kb=20, slides=3)
    deck = load_deck(deck_path)
    verifier = Verifier(deck)
    assert verifier.verify_all().verified_count == len(deck.citations) == 12
    first = verifier.result(deck.slides[0].items[0].citations[0])
    text = verifier.source_text("big")
    assert text is not None and len(text.text.encode("utf-8")) >= 20 * 1024
    assert first.paragraph == text.paragraph_count
    assert passage_word(first.citation.quote) in text.text[first.start : first.end]


def test_check_and_export_timers_run(tmp_path: Path) -> None:
    deck_path = generate_large(tmp_path, slides=5, citations=10, sources=2, source_kb=1)
    samples = Samples()
    measure_commands(samples, deck_path, tmp_path, runs=1)
    assert samples.failures == {}
    assert len(samples.values["check.inproc"]) == len(samples.values["check.cmd"]) == 1
    assert len(samples.values["export.inproc"]) == len(samples.values["export.cmd"]) == 1
    assert (tmp_path / "large.md").read_text(encoding="utf-8").count("[^") >= 10
    rows = {row.figure: row for row in build_rows(samples)}
    assert rows["briefing check, large deck (command)"].passed in (True, False)
    assert rows["first paint, bundled deck"].verdict() == "n/a"


def test_command_peak_is_the_commands_own() -> None:
    """A command's peak RSS does not include the benchmark's memory (Linux passes it on at fork)."""
    held = bytearray(160 * 1024 * 1024)
    held[::4096] = b"\1" * len(held[::4096])  # touched: resident
    seconds, peak = run_command(["--version"])
    assert seconds > 0
    assert 1 < peak < 100  # MiB: the command's own, not the 160 MiB held here
    del held


def test_export_scaling_runs_and_gives_a_ratio() -> None:
    samples = Samples()
    measure_export_scaling(samples, runs=1, sizes=(5, 10))
    assert samples.failures == {}
    assert len(samples.values["scale.small"]) == len(samples.values["scale.large"]) == 1
    [row] = [row for row in build_rows(samples) if row.figure.startswith("export of 2,000 in-memory")]
    assert (row.budget, row.limit) == ("ratio", SCALING_LIMIT) and row.ratio is not None


def test_export_scaling_deck_has_every_kind_and_verifies() -> None:
    deck = model_deck(10)
    verification = Verifier(deck).verify_all()
    assert {slide.kind for slide in deck.slides} == {"title", "points", "reactions", "figures", "quotes"}
    assert verification.verified_count == len(deck.citations) == 100


def test_failed_runs_are_counted_not_hidden() -> None:
    samples = Samples()
    samples.add("drill.bundled", 0.040, 0.045)

    def fail() -> None:
        raise RuntimeError("the source view never showed\nscreen...")

    samples.attempt(("drill.bundled",), fail)
    samples.attempt(("drill.big",), fail)
    row = samples.row("drill", "drill.bundled", "ms", None, "max", 0.050)
    assert row.verdict() == "pass (1 run(s) failed)"
    assert (
        samples.row("big", "drill.big", "ms").verdict() == "n/a (RuntimeError: the source view never showed)"
    )


def test_rows_judge_budgets() -> None:
    over = Row("ratio over", 0.30, "ms", baseline=0.20, budget="ratio", limit=1.10)
    under = Row("max under", 0.040, "ms", budget="max", limit=0.050)
    missing = Row("missing", None, "ms", budget="max", limit=1.0, note="tmux is not installed")
    info = Row("info", 1.5, "s")
    assert over.ratio == pytest.approx(1.5)
    assert (over.verdict(), under.verdict(), missing.verdict(), info.verdict()) == (
        "FAIL",
        "pass",
        "n/a (tmux is not installed)",
        "info",
    )
    text = table([over, under, missing, info])
    assert "| ratio over | 300.0 ms | 200.0 ms | 1.50×" in text
    assert "≤ 50.0 ms" in text


def test_drill_screen_test_looks_only_at_the_source_text() -> None:
    word = passage_word("the “coalition” brought K001-000042 together")
    assert word == "K001-000042"
    test = in_source_area(word)
    header_only = "Source · x\n from: Slide › 1 “K001-000042 …”\n\n passage 1 of 3 · K001-000042"
    assert not test(header_only)
    assert test(header_only.replace("\n\n", "\n│¶4   brought K001-000042 together │\n"))
