"""The export's quick paths give exactly what the general code gives.

``one_line`` returns printable text without two spaces in a row stripped
and otherwise untouched; ``clean`` returns printable text as it is;
special characters are escaped by a function rather than a regex template.
Each is compared with the code it short-cuts, on any text.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.core import textsafe
from briefing.core.textsafe import clean
from briefing.output import escape as export
from briefing.output.escape import _SPACES, escape_inline, one_line
from briefing.output.escape import escape_flat as _escape_flat

# Deck-like text with every kind of white space, control characters,
# escape sequences and Markdown punctuation; and any text at all.
_PIECES = st.sampled_from(
    [
        "a",
        "b",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\x0b",
        "\x1c",
        "\x85",
        "\u2028",
        "\u00a0",
        "\u3000",
        "\x1b[31m",
        "\x1b]0;t\x07",
        "\x9b1m",
        "\x07",
        "\x7f",
        "*",
        "_",
        "[",
        "]",
        "\\",
        "`",
        "#",
        "|",
        "~",
        "$",
        "^",
        "&amp;",
        "<",
        "-",
        "1.",
        ">",
        "!",
        "é",
        "€",
        "\ufeff",
        "\u200b",
    ]
)
TEXT = st.lists(_PIECES, max_size=30).map("".join) | st.text()


def old_clean(text: str) -> str:
    if not textsafe._CONTROL_CHAR.search(text):
        return text
    return textsafe._CONTROLS.sub("", textsafe._ESCAPES.sub("", text))


def old_one_line(text: str) -> str:
    collapsed = _SPACES.sub(" ", text)
    cleaned = old_clean(collapsed)
    if cleaned is not collapsed:
        cleaned = _SPACES.sub(" ", cleaned)
    return cleaned.strip()


def old_escape_flat(flat: str) -> str:
    out = export._SPECIAL.sub(r"\\\g<0>", flat)
    start = export._BLOCK_START.match(out)
    if start:
        at = start.end() - 1
        out = f"{out[:at]}\\{out[at:]}"
    out = export._BRACES.sub("\u2060", out)
    out = export._AT.sub("\u2060", out)
    return export.isolate(out)


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example(" a  b ")
@example("a\u00a0 b")
@example("\u2028a")
@example("a\x1b[1mb")
@example("a\nb \nc")
@example("\na\n\nb\n")
@example("a\n\tb\n€")
@example("a\n\x1b[1mb")
@example("a\n\u2028b")
def test_clean_and_one_line_match_the_general_code(text: str) -> None:
    assert clean(text) == old_clean(text)
    assert one_line(text) == old_one_line(text)
    assert one_line(one_line(text)) == one_line(text)


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("\\*[a]_`#|~$^")
@example("1. [^x]!")
def test_escaping_matches_the_template_version(text: str) -> None:
    flat = one_line(text)
    assert _escape_flat(flat) == old_escape_flat(flat)
    assert escape_inline(text) == old_escape_flat(old_one_line(text))


def test_printable_text_is_returned_as_it_is() -> None:
    text = "Plain [bold] text, with “quotes” and €"
    assert clean(text) is text
    assert one_line(f" {text} ") == text
    assert re.fullmatch(r"Plain \\\[bold\\\] text, with “quotes” and €", escape_inline(text))
