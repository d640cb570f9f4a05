"""Wrapping a source for the source view without losing a single offset.

The highlight is drawn by offsets into the exact source text, so the
layout must show every character exactly once, in order, on rows that fit
the width; and control characters must be replaced one for one. Hypothesis
tries texts with spaces, newlines, wide (CJK, emoji) and zero-width
characters.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.widgets.source_layout import PLACEHOLDER, WrappedText, display_text, window

ALPHABET = st.sampled_from([*list("ab cd  e\n–€“”’[]"), "日", "本", "😀", "́", "\u200b", "é"])


def rows(wrapped: WrappedText, text: str) -> list[str]:
    return [text[s:e] for s, e in zip(wrapped.starts, wrapped.ends, strict=False)]


@settings(max_examples=500, deadline=None)
@given(text=st.text(ALPHABET, max_size=200), width=st.integers(1, 30))
def test_rows_cover_every_character_once_in_order(text: str, width: int) -> None:
    wrapped = WrappedText(text, width)
    covered = "".join(rows(wrapped, text))
    assert covered == text.replace("\n", "")
    # Rows are contiguous within a line; a newline is the only gap.
    for end, start in zip(wrapped.ends, wrapped.starts[1:], strict=False):
        assert start == end or (start == end + 1 and text[end] == "\n")
    assert len(wrapped) == len(wrapped.starts) == len(wrapped.ends)


@settings(max_examples=500, deadline=None)
@given(text=st.text(ALPHABET, max_size=200), width=st.integers(2, 30))
@example(text="[[[  [[日", width=3)  # a carried-over word plus a wide character overflowed
def test_rows_fit_the_width_but_for_a_break_space(text: str, width: int) -> None:
    for row in rows(WrappedText(text, width), text):
        # A row may end with the space it broke at, drawn past the edge unseen.
        visible = row.removesuffix(" ")
        assert cell_len(visible) <= width


def test_words_are_not_split_when_they_fit() -> None:
    text = "the sea wall will be raised by two metres"
    assert rows(WrappedText(text, 12), text) == ["the sea wall ", "will be ", "raised by ", "two metres"]


def test_a_word_longer_than_the_width_is_cut() -> None:
    text = "abcdefghij"
    assert rows(WrappedText(text, 4), text) == ["abcd", "efgh", "ij"]


def test_wide_characters_take_two_cells() -> None:
    text = "日本語のテキスト"
    assert rows(WrappedText(text, 5), text) == ["日本", "語の", "テキ", "スト"]


def test_empty_lines_and_a_final_newline_are_rows() -> None:
    text = "one\n\ntwo\n"
    assert rows(WrappedText(text, 10), text) == ["one", "", "two", ""]


def test_paragraph_labels_sit_on_the_first_row_of_each_paragraph() -> None:
    text = "first paragraph is long enough to wrap\n\nsecond"
    wrapped = WrappedText(text, 12, paragraph_starts=[0, text.index("second")])
    labels = [wrapped.label(row) for row in range(len(wrapped))]
    assert labels == [1] + [None] * (len(wrapped) - 2) + [2]


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, max_size=200), width=st.integers(1, 30))
def test_every_paragraph_is_labelled_once_on_its_first_row(text: str, width: int) -> None:
    starts = [i for i, c in enumerate(text) if c.strip() and (i == 0 or text[i - 1] == "\n")]
    wrapped = WrappedText(text, width, paragraph_starts=starts)
    labelled = {row: wrapped.label(row) for row in range(len(wrapped)) if wrapped.label(row) is not None}
    assert labelled == {wrapped.row_of(offset): n for n, offset in enumerate(starts, start=1)}


def test_row_of_finds_the_row_holding_an_offset() -> None:
    text = "aaa bbb ccc"
    wrapped = WrappedText(text, 4)
    assert [wrapped.row_of(i) for i in (0, 3, 4, 10)] == [0, 0, 1, 2]


@given(st.text(max_size=100))
def test_display_text_keeps_length_and_drops_every_control(text: str) -> None:
    shown = display_text(text)
    assert len(shown) == len(text)
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in shown)


def test_display_text_replacements() -> None:
    assert display_text("a\x1b[31mb\tc\r\nd\x9b") == f"a{PLACEHOLDER}[31mb c \nd{PLACEHOLDER}"
    assert display_text("[the Americans] €2") == "[the Americans] €2"


WINDOW_ALPHABET = st.sampled_from(
    [*list("ab cd  e\n\n–€“”’[]"), "\r", "\r\n", "\t", "\x1b", "\u202e", "日", "😀", "́", "\u200b", "é"]
)


@settings(max_examples=500, deadline=None)
@given(
    pieces=st.lists(WINDOW_ALPHABET, max_size=120),
    width=st.integers(1, 12),
    cut=st.tuples(st.integers(0, 130), st.integers(0, 30)),
    reach=st.integers(0, 20),
)
@example(pieces=list("ab\r\ncd\r\nef"), width=3, cut=(4, 0), reach=0)  # a CRLF at the window's end
@example(pieces=list("one\ntwo\n"), width=5, cut=(4, 0), reach=0)  # the text ends with a newline
def test_a_window_has_the_whole_layouts_rows_there(
    pieces: list[str], width: int, cut: tuple[int, int], reach: int
) -> None:
    text = "".join(pieces)
    start = min(cut[0], len(text))
    end = min(len(text), start + cut[1])
    starts = [i for i, c in enumerate(text) if c.strip() and (i == 0 or text[i - 1] == "\n")]
    whole = WrappedText(display_text(text), width, paragraph_starts=starts)
    part = window(text, width, starts, start, end, reach)
    assert part.covers(start, end)
    top = whole.row_of(part.first)
    assert whole.starts[top] == part.first  # the window begins on a row of the whole layout
    assert part.starts == whole.starts[top : top + len(part)]
    assert part.ends == whole.ends[top : top + len(part)]
    assert part.whole == (len(part) == len(whole))
    for row in range(len(part)):
        row_start, row_end = part.starts[row], part.ends[row]
        assert part.chars(row_start, row_end) == whole.chars(row_start, row_end)
        assert part.label(row) == whole.label(top + row)
    # The window is whole lines: it starts a line and ends one (its newline, or the text's end).
    assert part.first == 0 or text[part.first - 1] == "\n"
    last = part.first + len(part.text)
    assert last == len(text) or text[last] == "\n"


def test_a_window_lays_out_only_the_lines_around_the_place() -> None:
    text = "".join(f"line {n} of a long source\n" for n in range(10_000))
    middle = text.index("line 5000 ")
    part = window(text, 12, [], middle, middle + 9, reach=100)
    assert not part.whole and len(part.text) < 300
    assert part.chars(middle, middle + 9) == "line 5000"
    assert window(text, 12, [], middle, middle + 9, reach=len(text)).whole
