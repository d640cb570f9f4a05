"""The drafting benchmarks run, and attribution stays above its measured floor on both halves."""

from __future__ import annotations

from benchmarks import attribution
from benchmarks import draft as draft_bench


def test_draft_benchmark_runs_on_a_small_article(capsys):
    assert draft_bench.main(["--words", "1500", "--runs", "1"]) == 0
    assert "draft of a 1,500-word article" in capsys.readouterr().out
    assert len(draft_bench.article(3000).split()) >= 3000


def test_attribution_precision_and_recall_floors():
    # The bars are precision >= 90% at recall >= 70%; the held-out half measured 89.3% / 86.2%
    # when first run, so its floor here is a regression guard, not the bar (see the README there).
    dev = attribution.score(attribution.DATA / "dev")
    test = attribution.score(attribution.DATA / "test")
    assert dev.precision >= 0.9 and dev.recall >= 0.7
    assert test.precision >= 0.85 and test.recall >= 0.7
    assert dev.annotated >= 25 and test.annotated >= 25


def test_attribution_script_prints_both_halves(capsys):
    assert attribution.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("dev : precision") and "\ntest: precision" in out
