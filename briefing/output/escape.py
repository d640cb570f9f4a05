"""Deck text as literal Markdown: flattening, escaping, labels and comments.

Deck text is data, never Markdown: everything a deck author wrote is
stripped of terminal control characters and escaped, so ``*``, ``|``,
``<script>``, ``[^1]`` or a leading ``#`` come out as literal characters
and can never add a heading, a table column, a footnote or raw HTML.
Shared by the Markdown-family formats (Markdown now, Marp next).
"""

from __future__ import annotations

import json
import re
import unicodedata

from briefing.core.textsafe import clean

__all__ = [
    "INVISIBLE",
    "break_dashes",
    "escape_flat",
    "escape_inline",
    "escape_url",
    "footnote_label",
    "isolate",
    "notes_comment",
    "one_line",
    "quoted",
    "yaml_string",
]

#: Runs of white space and line breaks collapse to one space (before
#: :func:`clean`, so a vertical tab or U+2028 becomes a space, not nothing).
#: A lone plain space never matches, which keeps the common case cheap.
_WS = "\t\r\n\f\v\x1c-\x1f\x85\u2028\u2029"
_SPACES = re.compile(f" [ {_WS}]+|[{_WS}][ {_WS}]*")
#: ASCII punctuation some reader treats specially wherever it stands, each
#: given a backslash (CommonMark, GFM and pandoc all read ``\`` before any ASCII
#: punctuation as that character): emphasis, code, links, footnotes, tables,
#: raw HTML and entities (``<``, ``&``), math (``$``), strikethrough and
#: subscripts (``~``), superscripts and ``^[inline notes]`` (``^``), pandoc
#: attributes and Vue/Slidev interpolation (``{`` ``}``), citations and e-mail
#: autolinks (``@``), pandoc's smart quotes (``'`` ``"``), ``==marks==`` and
#: ``++inserts++`` (``=`` ``+``), and ``!`` (an image before ``[``).
_ALWAYS = "\\`*_[]#|~$^<>&{}@'\"=+!"
#: Punctuation that is special only next to certain characters: ``:`` before
#: anything but a space (``https://``, ``:shortcodes:``), ``.`` before a word
#: character or a dot (``example.org`` autolinks, ``...`` smart ellipsis),
#: ``-`` before ``-`` (smart dashes), ``/`` before ``/`` (``//host`` links).
#: Elsewhere they stay bare, so ordinary prose reads as it is written.
_JOINED = ":.-/"
_SPECIAL = re.compile("[" + re.escape(_ALWAYS) + r"]|:(?=\S)|\.(?=[\w.])|-(?=-)|/(?=/)")
#: What would open a block when it starts a line or a container: a list
#: bullet, a blockquote, a setext underline, an ordered-list number, a
#: pandoc definition (``: ``) or example list (``(@)``).
_BLOCK_START = re.compile(r"[-+>=:]|[0-9]{1,9}[.)]")
#: A character :func:`escape_flat` might escape (a fast first test).
_ESCAPED = re.compile("[" + re.escape(_ALWAYS + _JOINED) + "]")
#: Two braces in a row are a Vue (Slidev) or Jinja interpolation even with
#: each one escaped, since escapes vanish from the rendered HTML: a word
#: joiner (invisible, no line break) keeps them apart.
_BRACES = re.compile(r"(?<=\\[{}])(?=\\[{}])")
#: cmark-gfm links ``name@example.org`` and Marp shows ``:fire:`` as an emoji
#: even with the ``@`` or ``:`` escaped (both look at the text after escapes
#: are gone): a word joiner after it leaves no domain, no shortcode.
_AT = re.compile(r"(?<=\\[@:])(?=[\w+\\-])")
#: Bidi class of the characters that make a run of text right-to-left.
_RTL = frozenset(("R", "AL"))
#: First strong isolate and pop directional isolate: deck text that holds
#: right-to-left characters is set apart so it cannot reorder the exporter's
#: own text around it (``¶19`` shown as ``91¶``).
FSI, PDI = "\u2068", "\u2069"
#: The invisible characters escaping may add (isolates, word joiner).
INVISIBLE = FSI + PDI + "\u2060\ufe0e"

#: Footnote labels keep only these characters (lowercased: some renderers
#: compare labels case-insensitively).
_LABEL_JUNK = re.compile(r"[^a-z0-9-]+")
#: Two or more hyphens would end an HTML comment (and a lone ``--`` is a
#: slide break in Obsidian); notes get a word joiner between them.
_DASHES = re.compile(r"-{2,}")
#: Characters a YAML double-quoted scalar must escape beyond what JSON does
#: (line separators, BOM, non-characters PyYAML refuses).
_YAML_UNSAFE = re.compile("[\u0085\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def one_line(text: str) -> str:
    """Clean ``text`` and collapse its whitespace (line breaks included) to single spaces.

    Args:
        text: any deck or source text.

    Returns:
        The text on one line, without control characters or outer spaces.
    """
    # Printable text holds no control character (so clean() would keep it
    # as it is) and no white space but the plain space (so without two
    # spaces in a row there is nothing to collapse): most deck text.
    if text.isprintable():
        if "  " not in text:
            return text.strip()
    elif "\n" in text:
        # The same with line breaks (source passages are hard-wrapped): if
        # no two spaces or breaks touch, each break becomes one space.
        flat = text.replace("\n", " ")
        if flat.isprintable() and "  " not in flat:
            return flat.strip()
    # Collapse before cleaning (a vertical tab becomes a space, not nothing)
    # and after (removing a control character can leave two spaces side by
    # side), so that one_line(one_line(x)) == one_line(x).
    collapsed = _SPACES.sub(" ", text)
    cleaned = clean(collapsed)
    if cleaned is not collapsed:  # clean() returns its argument when nothing is removed
        cleaned = _SPACES.sub(" ", cleaned)
    return cleaned.strip()


def escape_inline(text: str) -> str:
    """Make deck text literal Markdown on a single line.

    The result is safe at the start of a line or of any container (list
    item, blockquote, table cell, heading, emphasis): it can add no
    structure, only characters.

    Args:
        text: raw deck text.

    Returns:
        Escaped Markdown that renders as exactly ``one_line(text)``.
    """
    return escape_flat(one_line(text))


def _backslash(match: re.Match[str]) -> str:
    # A function, not the template r"\\\g<0>": re expands a template in
    # Python for every match, after parsing it on every call.
    return "\\" + match[0]


def escape_flat(flat: str) -> str:
    """:func:`escape_inline` for text already passed through :func:`one_line`."""
    # Most deck text needs no escape at all: one search tells.
    if not _ESCAPED.search(flat) and not _BLOCK_START.match(flat):
        return isolate(flat)
    out = _SPECIAL.sub(_backslash, flat)
    start = _BLOCK_START.match(out)
    if start:
        at = start.end() - 1  # escape the last character: `-`, `>`, `1.`'s dot
        if out[at] != "\\" and (at == 0 or out[at - 1] != "\\"):
            out = f"{out[:at]}\\{out[at:]}"
    if "{" in out or "}" in out:
        out = _BRACES.sub("\u2060", out)
    if "@" in out or ":" in out:
        out = _AT.sub("\u2060", out)
    return isolate(out)


def isolate(text: str) -> str:
    """``text`` between bidi isolates if it holds right-to-left characters, else as it is."""
    if text.isascii():
        return text
    bidi = unicodedata.bidirectional
    if any(bidi(c) in _RTL or c in "\u200f\u061c" for c in text):
        return f"{FSI}{text}{PDI}"
    return text


#: Schemes a source link may have; any other URL is printed as text.
_LINK_SCHEMES = ("http://", "https://")
#: What a link destination in angle brackets may not hold (or would misread).
_URL_UNSAFE = re.compile(r"[\s<>\\\x00-\x1f\x7f]")


def escape_url(url: str) -> str | None:
    """A link destination for ``url`` (``<...>``), or ``None`` unless it is http(s).

    Only web links become links: ``javascript:``, ``data:`` or ``file:`` URLs
    stay text. Characters that would end or bend the destination are
    percent-encoded.
    """
    url = one_line(url)
    if not url.lower().startswith(_LINK_SCHEMES) or len(url) <= len("https://"):
        return None
    return "<" + _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), url) + ">"


def yaml_string(text: str) -> str:
    """Quote ``text`` as a YAML double-quoted scalar (JSON syntax, valid YAML)."""
    scalar = json.dumps(clean(text), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", scalar)


def footnote_label(raw: str) -> str:
    """Reduce an item id to the characters a footnote label may use.

    Args:
        raw: an item id such as ``obj.Deterrence_1``.

    Returns:
        Lowercase ``[a-z0-9-]`` text, possibly empty.
    """
    return _LABEL_JUNK.sub("-", raw.lower()).strip("-")


def notes_comment(notes: str) -> str:
    """Wrap speaker notes in an HTML comment their text cannot close.

    The comment opens with a fixed line that is neither a Marp directive
    nor a YAML key, so Marp shows the whole comment as presenter notes and
    never reads a note like ``theme: x`` as a directive.

    Args:
        notes: the slide's notes, any text.

    Returns:
        ``<!-- Speaker notes. ... -->`` on lines of its own, or ``""`` when
        the notes are blank.
    """
    body = break_dashes(clean(notes))
    lines = [line.rstrip() for line in body.replace("\r", "").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    return "\n".join(["<!-- Speaker notes.", *lines, "-->"])


def break_dashes(text: str) -> str:
    """``text`` with an invisible word joiner between hyphens, so no ``--`` remains."""
    if "--" not in text:
        return text
    return _DASHES.sub(lambda m: "\u2060".join(m.group()), text)


def quoted(text: str) -> str:
    """``text`` in curly quotes, unless it already opens with a quotation mark."""
    return text if text and text[0] in "“\"‘'«„" else f"“{text}”"
