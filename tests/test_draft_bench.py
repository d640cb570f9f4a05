"""The drafting benchmarks run, and attribution stays above its measured floor on both halves."""

from __future__ import annotations

from benchmarks import attribution
from benchmarks import draft as draft_bench


def test_draft_benchmark_runs_on_a_small_article(capsys):
    assert draft_bench.main(["--words", "1500", "--runs", "1"]) == 0
    assert "draft of a 1,500-word article" in capsys.readouterr().out
    assert len(draft_bench.article(3000).split()) >= 3000


def test_attribution_precision_and_recall_bars():
    # The bars: precision >= 90% at recall >= 70%, on every part (history in the set's README).
    for half in attribution.HALVES:
        score = attribution.score(attribution.DATA / half)
        assert score.precision >= 0.9 and score.recall >= 0.7, half
        assert score.annotated >= 18, half


def test_attribution_script_prints_both_halves(capsys):
    assert attribution.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("dev  : precision") and "\ntest : precision" in out and "\ntest2: precision" in out
