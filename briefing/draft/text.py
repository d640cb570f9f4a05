"""Decode an article's bytes and cut it into paragraphs and sentences.

Offsets matter: every extractor works on a paragraph string and returns
spans inside it, so a citation is always an exact slice of the snapshot.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass

_DECLARED = re.compile(rb"(?:coding[:=]|charset=|encoding[:=])\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class ArticleError(Exception):
    """An article cannot be read; the message says why and what to do."""


def decode(data: bytes, name: str = "article") -> str:
    """Text from bytes: a BOM wins, then UTF-8, then an encoding the file declares.

    Line endings (CRLF, CR, NEL, LS, PS) become ``\\n``; a stray NUL means binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding)
            break
    else:
        if b"\x00" in data:
            raise ArticleError(f"{name}: a binary file (it contains NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            declared = _DECLARED.search(data[:1024])
            if declared is None:
                raise ArticleError(
                    f"{name}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) and no "
                    "encoding declared; save it as UTF-8 or add a `charset=` line"
                ) from None
            label = declared.group(1).decode("ascii")
            try:
                text = data.decode(label)
            except (LookupError, UnicodeDecodeError) as bad:
                raise ArticleError(
                    f"{name}: declares encoding `{label}` but cannot be decoded: {bad}"
                ) from None
    text = text.lstrip("\ufeff")
    return re.sub(r"\r\n?|[\x85\u2028\u2029]", "\n", text)


def paragraphs(text: str) -> list[str]:
    """Paragraphs, one string each: blocks between blank lines, else each line.

    Inside a block, lines are joined with one space (a hard-wrapped paragraph
    reads as one); runs of spaces and tabs become one space.
    """
    text = text.replace("\t", " ")
    if re.search(r"\n[ \u00a0]*\n", text):
        blocks = re.split(r"\n[ \u00a0]*\n", text)
    else:
        blocks = text.split("\n")
    out = []
    for block in blocks:
        joined = " ".join(line.strip() for line in block.split("\n") if line.strip())
        joined = re.sub(r" {2,}", " ", joined)
        if joined:
            out.append(joined)
    return out


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sen|Rep|Gov|Sgt|Capt|Adm|St|Jr|Sr|No|vs|etc|"
    r"Inc|Corp|Ltd|Co|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|e\.g|i\.e)\.)$"
)
_END = re.compile(r"[.!?]+[”\"’»)]*(?=\s+[“\"‘«(A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its paragraph index and its span in that paragraph."""

    para: int
    start: int
    end: int


def sentences(para: str, index: int, quoted: Sequence[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences of one paragraph; no split inside a quotation's span (``quoted``)."""
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(para):
        end = m.end()
        if _ABBREV.search(para[start : m.start() + 1]) and m.group(0) == ".":
            continue
        if any(qs < m.start() < qe - 2 for qs, qe in quoted):
            continue
        out.append(Sentence(index, start, end))
        start = end
        while start < len(para) and para[start] == " ":
            start += 1
    if start < len(para):
        out.append(Sentence(index, start, len(para.rstrip())))
    return out
