"""Make untrusted text safe to show in a terminal or write to a file.

Deck and source text come from anywhere: an article pasted from a web page
can carry escape sequences that would recolour the terminal, retitle the
window or write to the clipboard (OSC 52). Everything briefing shows or
exports goes through :func:`clean` first.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from briefing.core.foreground import step_aside

# ESC-introduced sequences: CSI (colours, cursor moves), OSC (titles,
# clipboard, hyperlinks; ended by BEL or ST), DCS/PM/APC/SOS strings, and
# two-character escapes.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                    # CSI
  | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)      # OSC, DCS, SOS, PM, APC
  | \x9b[0-?]*[ -/]*[@-~]                      # 8-bit CSI
  | \x9d.*?(?:\x07|\x1b\\|\x9c|$)              # 8-bit OSC
  | \x1b[ -/]*[0-~]?                           # other escapes (and a lone ESC)
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, and the bidi
# embeddings, overrides and isolates (U+202A-202E, U+2066-2069), which make
# a terminal show characters in another order than they are stored in:
# "Trojan source" text that reads one way and says another.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_CHAR = _CONTROLS
#: What :func:`json_text` escapes: C1 controls and DEL (``json.dumps`` with
#: ``ensure_ascii=False`` leaves them raw, and a terminal obeys U+009B as
#: CSI), the bidi controls, and the line and paragraph separators.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


#: Most characters one C call is given in a long scan. A 10 MB source
#: scanned in one call holds the interpreter lock for tens of
#: milliseconds, so a key pressed meanwhile waits; a slice takes well
#: under a millisecond, and the lock is offered to other threads after each.
SLICE = 128 * 1024


def slices(text: str, size: int = 0) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive slices of ``text`` covering it, yielding the GIL between them.

    Slices are ``size`` characters long (:data:`SLICE` if 0), one more
    where a cut would fall between a CR and its LF: a CRLF is in one slice.
    In a worker thread, the next slice also waits while the UI thread is
    busy (see :mod:`briefing.core.foreground`).
    """
    size = size or SLICE
    start, length = 0, len(text)
    while start < length:
        end = min(length, start + size)
        while end < length and text[end - 1] == "\r":
            end += 1
        yield start, end
        start = end
        if start < length:
            time.sleep(0)  # lets a waiting thread (the UI) take the lock
            step_aside()


def clean(text: str) -> str:
    """Remove escape sequences, control and bidi control characters, keep all else.

    Newlines and tabs survive; a carriage return is dropped (a CRLF file
    reads as LF). Printable text, including ``[bold]``-like brackets, is
    never touched.
    """
    # isprintable() is a quick test that most text passes: it is False for
    # every control character (and for other characters, such as a tab or
    # a line break, which then get the exact test).
    if text.isprintable() or not _CONTROL_CHAR.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def visible(text: str, placeholder: str = "\ufffd") -> str:
    """Replace each control (or bidi control) character by one visible placeholder.

    Unlike :func:`clean`, the result has the same length as ``text``, so
    code-point offsets into the original still point at the same places;
    the source view uses it to highlight exact passages. Newlines and tabs
    are kept. A long text is scanned in :func:`slices`; one without such
    characters is returned as it is (no copy).
    """
    if len(text) <= SLICE:
        return _CONTROLS.sub(placeholder, text) if _CONTROL_CHAR.search(text) else text
    pieces: list[str] = []
    changed = False
    for start, end in slices(text):
        piece = text[start:end]
        if _CONTROL_CHAR.search(text, start, end):
            piece = _CONTROLS.sub(placeholder, piece)
            changed = True
        pieces.append(piece)
    return "".join(pieces) if changed else text


def json_text(document: str) -> str:
    """A JSON document with the characters a terminal would act on escaped.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls only. Each
    character of :data:`_JSON_RAW` becomes its ``\\uXXXX`` escape, which a
    JSON reader decodes to the same string. These characters can only occur
    inside JSON strings, so the document stays valid.
    """
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match[0]):04x}", document)
