"""Make untrusted text safe to show in a terminal or write to a file.

Deck and source text come from anywhere: an article pasted from a web page
can carry escape sequences that would recolour the terminal, retitle the
window or write to the clipboard (OSC 52). Everything briefing shows or
exports goes through :func:`clean` first.
"""

from __future__ import annotations

import re

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
# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Remove escape sequences and control characters, keep all else.

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
    """Replace each control character by one visible placeholder.

    Unlike :func:`clean`, the result has the same length as ``text``, so
    code-point offsets into the original still point at the same places;
    the source view uses it to highlight exact passages. Newlines and tabs
    are kept.
    """
    if not _CONTROL_CHAR.search(text):
        return text
    return _CONTROLS.sub(placeholder, text)
