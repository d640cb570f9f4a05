"""Key figures: a number with its unit and the thing it counts.

One pattern covers currency (€ $ £ ¥ and "euros", "dollars"), magnitudes
(thousand, million, billion, trillion, bn, m), percentages and ranges
("10,000 to 30,000 troops"), with a qualifier before ("nearly", "more than")
and the noun phrase after ("troops", "wounded", "in new military aid").
Years, dates and clock times are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MAG = r"(?:thousand|million|billion|trillion|bn|mn|m|k)\b"
_CUR = r"[€$£¥]|US\$|USD\s?|EUR\s?|GBP\s?"
_QUAL = (
    r"(?:nearly|almost|about|around|roughly|approximately|some|over|more than|less than|fewer than|"
    r"up to|at least|at most|as many as|as much as|close to|upwards of)"
)
_FIGURE = re.compile(
    rf"(?<![\w.,\-/:])(?P<qual>{_QUAL}\s+)?(?P<cur>{_CUR})?(?P<a>{_NUM})(?:\s?(?P<amag>{_MAG}))?"
    rf"(?:\s*(?:to|–|-|—|and)\s*(?P<cur2>{_CUR})?(?P<b>{_NUM})(?:\s?(?P<bmag>{_MAG}))?)?"
    rf"(?P<pct>\s?(?:%|per ?cent|percent))?"
    rf"(?:\s(?P<curword>euros?|dollars?|pounds?|yuan|yen|rubles?|roubles?|hryvnias?))?",
    re.I,
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
_STOP = frozenset(
    """a an the of in on at to for from by with and or but that which who as than this these those its his
    her their our is was were are be been has have had will would could should may might can per each
    including so far already now yet still this that last next ago just we you i they he she it""".split()
)
_DETS = frozenset({"the", "its", "their", "his", "her", "our", "a", "an"})
_NOUN = re.compile(r"[\s\-]*((?:[A-Za-z][\w’'\-]*)(?:\s+[A-Za-z][\w’'\-]*){0,3})")


@dataclass(frozen=True)
class FigureHit:
    """One figure in a paragraph: its display value, what it measures, and its span."""

    para: int
    start: int
    end: int
    value: str
    measures: str


def find_figures(para: str, index: int) -> list[FigureHit]:
    """Figures in one paragraph, in order."""
    out: list[FigureHit] = []
    for m in _FIGURE.finditer(para):
        a, b = m.group("a"), m.group("b")
        before = para[max(0, m.start() - 12) : m.start()]
        after = para[m.end() : m.end() + 12]
        money = bool(m.group("cur") or m.group("curword"))
        scaled = bool(m.group("amag") or m.group("bmag"))
        if not (money or scaled or m.group("pct")) and _is_date_or_year(a, b, before, after):
            continue
        if re.match(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|:\d)", after) or re.match(r"[:/]\d", after):
            continue
        value = _value(m)
        measures, tail = _measures(para, m.end(), money or bool(m.group("pct")))
        if not measures and not (money or m.group("pct")):
            continue
        out.append(FigureHit(index, m.start(), m.end() + tail, value, measures))
    return out


def _is_date_or_year(a: str, b: str | None, before: str, after: str) -> bool:
    plain = a.replace(",", "")
    if re.fullmatch(r"1[89]\d\d|20\d\d", plain) and "," not in a:
        return True  # a year ("2022 invasion", "in 1991")
    if re.search(_MONTHS + r"\.?\s*$", before) or re.match(
        r"\s*(?:st|nd|rd|th)?\s*" + _MONTHS + r"\b", after
    ):
        return True
    return bool(re.match(r"(?:st|nd|rd|th)\b", after))  # ordinals


def _value(m: re.Match[str]) -> str:
    qual = (m.group("qual") or "").strip()
    cur = (m.group("cur") or "").strip()
    a = m.group("a") + (" " + m.group("amag") if m.group("amag") else "")
    value = cur + a
    if m.group("b"):
        value = f"{cur}{m.group('a')}–{m.group('cur2') or ''}{m.group('b')}"
        if m.group("bmag"):
            value += " " + m.group("bmag")
    if m.group("pct"):
        value += "%"
    if m.group("curword"):
        value += " " + m.group("curword")
    if qual:
        value = f"{qual[0].upper()}{qual[1:]} {value}"
    return value


def _measures(para: str, end: int, money: bool) -> tuple[str, int]:
    """The noun phrase after a figure, and how far it reaches ("in new military aid" for money)."""
    rest = para[end:]
    m = re.match(r"\s+(?:in|of|for|worth of)\s+", rest) if money else None
    skip = m.end() if m else 0
    n = _NOUN.match(rest[skip:] if skip else rest)
    if not n:
        return "", 0
    words: list[str] = []
    for word in n.group(1).split():
        if word.lower() in _DETS and all(w.lower() in _DETS for w in words):
            words.append(word)  # "30% of its value", "in the launch"
            continue
        if word.lower() in _STOP or not word[0].isalpha():
            break
        words.append(word)
        if len(words) == 4:
            break
    if not words or all(w.lower() in _DETS for w in words):
        return "", 0
    phrase = " ".join(words)
    if words[0][0].isupper() and not money:
        return "", 0  # "12 Downing Street", "30 Rock": a name, not a measure
    return phrase, 0
