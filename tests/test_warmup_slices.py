"""Long scans in slices, and one preparation per text however many threads ask.

The source view's warm-up prepares a source in a worker thread while the
reader presses keys. A 10 MB source scanned in one C call holds the
interpreter lock for tens of milliseconds, so the long scans go in slices
(:func:`briefing.core.textsafe.slices`) with the lock offered between
them. These tests hold the sliced results to the whole-text code they
replaced, at any slice size, check that a long text is in fact sliced,
and that concurrent callers of ``prepare`` and ``SourceText.normalized``
share one computation.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.core import sourcetext, textsafe
from briefing.core.sourcetext import SourceText, fold, is_nfc
from briefing.core.textsafe import visible
from briefing.widgets import source_layout
from briefing.widgets.source_layout import PLACEHOLDER, Lines, display_text, prepare

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def whole_visible(text: str, placeholder: str = "\ufffd") -> str:
    return _CONTROLS.sub(placeholder, text)


def whole_display_text(text: str) -> str:
    return whole_visible(text.replace("\r\n", " \n").replace("\t", " "), PLACEHOLDER)


def whole_lines(text: str) -> tuple[list[int], list[int], list[int], list[int]]:
    lengths = list(map(len, text.split("\n")))
    starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
    del starts[-1]
    ends = list(map(add, starts, lengths))
    unusual = {bisect_right(starts, m.start()) - 1 for m in source_layout._NOT_SIMPLE.finditer(text)}
    return lengths, starts, ends, sorted(unusual)


def small_slices(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    for module in (textsafe, sourcetext, source_layout):
        monkeypatch.setattr(module, "SLICE", size)


TEXT = st.text(
    alphabet=st.sampled_from(
        [
            "a",
            "b",
            " ",
            "\n",
            "\r",
            "\t",
            "\x1b",
            "\x9b",
            "\u202e",
            "\u2019",
            "\u2014",
            "\xa0",
            "é",
            "中",
            "\u200b",
        ]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, size=st.integers(1, 9))
@example(text="a\r\r\nb", size=1)  # a cut after the first CR would split the CRLF
@example(text="\x1b\r\r\r\n\t", size=2)
@example(text="ae\u0301", size=2)  # a cut before the accent would call both parts NFC
def test_sliced_results_equal_the_whole_text_code(text: str, size: int) -> None:
    whole = SourceText(text + "x")
    expected = (whole.normalized, whole._bp_norm, whole._bp_orig)
    with pytest.MonkeyPatch.context() as monkeypatch:
        small_slices(monkeypatch, size)
        assert visible(text) == whole_visible(text)
        assert visible(text, "?") == whole_visible(text, "?")
        assert display_text(text) == whole_display_text(text)
        assert fold(text) == text.translate(sourcetext._FOLD)
        assert is_nfc(text) == unicodedata.is_normalized("NFC", text)
        shown = whole_display_text(text)
        lines = Lines(shown)
        assert (lines.lengths, lines.starts, lines.ends, lines.unusual) == whole_lines(shown)
        sliced = SourceText(text + "x")
        assert (sliced.normalized, sliced._bp_norm, sliced._bp_orig) == expected


def test_a_long_text_is_scanned_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    pauses: list[float] = []
    monkeypatch.setattr(textsafe.time, "sleep", pauses.append)
    text = ("Ein Satz – mit \u201eZitat\u201c und 中文.\n" * 40_000)[: 10 * textsafe.SLICE]
    for work in (visible, display_text, fold, is_nfc, lambda t: Lines(display_text(t))):
        pauses.clear()
        work(text)
        assert len(pauses) >= 9, work
    assert display_text(text) is text  # nothing to change: no copy


def test_concurrent_prepare_computes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def slow_display_text(text: str) -> str:
        calls.append(text)
        time.sleep(0.1)
        return whole_display_text(text)

    monkeypatch.setattr(source_layout, "display_text", slow_display_text)
    source = "".join(["a line of a source\n"] * 1000)
    results = []
    threads = [threading.Thread(target=lambda: results.append(prepare(source))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert not any(thread.is_alive() for thread in threads)  # no caller left waiting
    assert len(calls) == 1
    assert len(results) == 4 and all(result is results[0] for result in results)
    assert prepare(source) is results[0]


def test_a_failed_preparation_lets_the_waiter_try(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def failing_once(text: str) -> str:
        calls.append(text)
        time.sleep(0.05)
        if len(calls) == 1:
            raise MemoryError
        return text

    monkeypatch.setattr(source_layout, "display_text", failing_once)
    source = "".join(["another source\n"] * 1000)
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(prepare(source).text)
        except MemoryError as error:
            outcome.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert not any(thread.is_alive() for thread in threads)
    assert len(calls) == 2
    assert sorted(map(type, outcome), key=str) == sorted([MemoryError, str], key=str)


def test_concurrent_normal_form_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    real = SourceText._build_fast

    def slow_build(self: SourceText) -> None:
        built.append(self)
        time.sleep(0.1)
        real(self)

    monkeypatch.setattr(SourceText, "_build_fast", slow_build)
    text = SourceText("One source \u2014 with a dash.\n" * 1000)
    results = []
    threads = [threading.Thread(target=lambda: results.append(text.normalized)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert not any(thread.is_alive() for thread in threads)  # no caller left waiting
    assert len(built) == 1
    assert len(results) == 4 and len({id(r) for r in results}) == 1
