"""Analytic tradecraft: likelihood scales, confidence, source grades, and the checks on them.

Pure functions over the model, so ``briefing check`` can hold a deck to the
standards professional assessments are judged by: one likelihood scale per
deck (ICD 203 or the UK's PHIA yardstick), confidence stated apart from
likelihood, source quality graded (Admiralty code), the bottom line first
and what is not known said. Nothing here imports the UI.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefing.core.model import Deck, Item, Slide
from briefing.core.problems import Problem

CONFIDENCES: tuple[str, ...] = ("high", "moderate", "low")
RELIABILITIES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
CREDIBILITIES: tuple[str, ...] = ("1", "2", "3", "4", "5", "6")


class Band(NamedTuple):
    """One row of a likelihood scale: its name, its range, and the words that say it."""

    name: str
    low: int
    high: int
    band: str
    words: tuple[str, ...]


#: ICD 203 (US intelligence community), the default scale.
ICD203: tuple[Band, ...] = (
    Band("almost no chance", 1, 5, "01–05%", ("almost no chance",)),
    Band("very unlikely", 5, 20, "05–20%", ("very unlikely",)),
    Band("unlikely", 20, 45, "20–45%", ("unlikely",)),
    Band("roughly even chance", 45, 55, "45–55%", ("roughly even chance", "roughly even chances")),
    Band("likely", 55, 80, "55–80%", ("likely",)),
    Band("very likely", 80, 95, "80–95%", ("very likely",)),
    Band("almost certain", 95, 99, "95–99%", ("almost certain", "almost certainly")),
)

#: The UK Professional Head of Intelligence Assessment's probability yardstick.
PHIA: tuple[Band, ...] = (
    Band("remote chance", 0, 5, "≤5%", ("remote chance", "remote chances")),
    Band("highly unlikely", 10, 20, "10–20%", ("highly unlikely",)),
    Band("unlikely", 25, 35, "25–35%", ("unlikely",)),
    Band("realistic possibility", 40, 50, "40–50%", ("realistic possibility", "realistic possibilities")),
    Band("likely or probably", 55, 75, "55–75%", ("likely", "probably", "probable", "likely or probably")),
    Band("highly likely", 80, 90, "80–90%", ("highly likely",)),
    Band("almost certain", 95, 100, "≥95%", ("almost certain", "almost certainly")),
)

SCALES: dict[str, tuple[Band, ...]] = {"icd203": ICD203, "phia": PHIA}
SCALE_NAMES: dict[str, str] = {"icd203": "ICD 203", "phia": "PHIA"}

#: Every likelihood phrase either scale knows, longest (in words) first, so
#: "very likely" is read before "likely" can claim its last word.
_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        {tuple(w.split()) for scale in SCALES.values() for band in scale for w in band.words},
        key=lambda words: -len(words),
    )
)
_WORD = re.compile(r"[a-z]+")
_CONFIDENCE = re.compile(
    r"\b(?:(?:high|moderate|medium|low)(?:er|est)?\s+confidence|"
    r"(?:highly|moderately|fairly|very)?\s*confident(?:ly)?|with\s+\w+\s+confidence)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def band_for(scale: str, value: str) -> Band | None:
    """The band of ``scale`` a likelihood value names (a band's name or one of its words)."""
    value = " ".join(value.lower().split())
    for band in SCALES.get(scale, ()):
        if value == band.name or value in band.words:
            return band
    return None


def likelihood_values(scale: str) -> tuple[str, ...]:
    """What ``likelihood:`` accepts on a deck of ``scale``: each band's name."""
    return tuple(band.name for band in SCALES.get(scale, ()))


class Phrase(NamedTuple):
    """A likelihood phrase found in text: its words as written, and its band on the deck's scale."""

    words: str
    band: Band | None


def likelihood_phrases(text: str, scale: str) -> list[Phrase]:
    """Every likelihood phrase of either scale in ``text``, longest match first, without overlaps.

    ``band`` is ``None`` for a phrase that is not on ``scale`` ("probably" on ICD 203).
    """
    words = _WORD.findall(text.lower().replace("’", "'"))
    found: list[Phrase] = []
    i = 0
    while i < len(words):
        for phrase in _PHRASES:
            if tuple(words[i : i + len(phrase)]) == phrase:
                written = " ".join(phrase)
                found.append(Phrase(written, band_for(scale, written)))
                i += len(phrase)
                break
        else:
            i += 1
    return found


def nearest_band(scale: str, phrase: str) -> Band | None:
    """The band of ``scale`` nearest in probability to ``phrase`` on the other scale (for a fix)."""
    other = next((band_for(name, phrase) for name in SCALES if band_for(name, phrase)), None)
    if other is None:
        return None
    middle = (other.low + other.high) / 2
    return min(SCALES[scale], key=lambda band: abs((band.low + band.high) / 2 - middle))


def confidence_expressions(text: str) -> list[str]:
    """The confidence expressions in ``text`` ("high confidence", "we assess with moderate confidence")."""
    return [m.group(0).strip() for m in _CONFIDENCE.finditer(text)]


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (at ``.``, ``!``, ``?`` and ``;`` followed by a space)."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


# -- source grades (Admiralty code) -------------------------------------------

_GRADE = re.compile(r"^([A-F])([1-6])$")


def parse_grade(grade: str) -> tuple[str, str] | None:
    """``"B2"`` as ``("B", "2")``; ``None`` if it is not an Admiralty grade."""
    match = _GRADE.match(grade.strip().upper())
    return (match.group(1), match.group(2)) if match else None


def below(reliability: str, credibility: str, threshold: str) -> bool:
    """Whether a grade is worse than ``threshold`` on either axis (graded independently).

    A missing axis is not below: only what was graded is judged.
    """
    limit = parse_grade(threshold)
    if limit is None:
        return False
    return (bool(reliability) and reliability > limit[0]) or (bool(credibility) and credibility > limit[1])


def grade_key(reliability: str, credibility: str) -> tuple[str, str]:
    """A sort key: A1 first, ungraded last."""
    return (reliability or "Z", credibility or "9")


# -- the checks ---------------------------------------------------------------


def _item_text(item: Item) -> str:
    """The words an item says in the author's voice (its label; a reaction's summary)."""
    return getattr(item, "text", "") or item.label


def _items(deck: Deck) -> list[tuple[Slide, Item]]:
    return [(slide, item) for slide in deck.slides for item in slide.items]


def resting_sources(deck: Deck, item: Item, seen: set[int] | None = None) -> set[str]:
    """The ids of the sources an item rests on: its own citations', and its grounds' (``rests_on``)."""
    seen = set() if seen is None else seen
    if id(item) in seen:
        return set()
    seen.add(id(item))
    out = {c.source_id for c in item.citations}
    for _item_id, ground in deck.grounds(item):
        if ground is not None:
            out |= resting_sources(deck, ground, seen)
    return out


def check_deck(deck: Deck, shown: str, strict: bool = False) -> list[Problem]:
    """Every tradecraft problem of ``deck``: warnings, or errors when ``strict`` (or the deck says so)."""
    strict = strict or deck.strict
    severity = "error" if strict else "warning"
    out: list[Problem] = []

    def add(where: Item | Slide | None, path: str, message: str) -> None:
        line, col = (where.location.line, where.location.col) if where is not None else (1, 1)
        out.append(Problem(shown, line, col, path, message, severity))

    scale = deck.scale
    name = SCALE_NAMES.get(scale, scale)
    for _slide, item in _items(deck):
        text = _item_text(item)
        if item.likelihood and not item.judgement:
            add(
                item,
                f"{item.path}.likelihood",
                "a likelihood is a judgement's: mark the item `judgement: true` with `rests_on`, "
                "or remove `likelihood:` (ICD 203 separates information from judgement)",
            )
        if not item.judgement:
            continue
        if not item.confidence:
            add(
                item,
                f"{item.path}.confidence",
                "a judgement needs a confidence: add `confidence: high | moderate | low` (ICD 203)",
            )
        phrases = likelihood_phrases(text, scale)
        for phrase in phrases:
            if phrase.band is None:
                near = nearest_band(scale, phrase.words)
                fix = f" (say “{near.name}”, {near.band})" if near is not None else ""
                add(
                    item,
                    item.path,
                    f"“{phrase.words}” is not on the deck's likelihood scale ({name}): "
                    f"use its words{fix}, or set `scale:` to the scale you use",
                )
        bands = list(dict.fromkeys(p.band.name for p in phrases if p.band is not None))
        if len(bands) > 1:
            add(
                item,
                item.path,
                f"the text mixes likelihood bands ({', '.join(f'“{b}”' for b in bands)}): "
                "keep to one band per judgement, and put it in `likelihood:`",
            )
        for sentence in sentences(text):
            said = confidence_expressions(sentence)
            if said and likelihood_phrases(sentence, scale):
                add(
                    item,
                    item.path,
                    f"one sentence states both a confidence (“{said[0]}”) and a likelihood: "
                    "ICD 203 keeps them apart; move the confidence to `confidence:`",
                )
        if deck.min_grade:
            out += _grade_problems(deck, item, shown, severity)
    first = deck.slides[0] if deck.slides else None
    if first is None or first.kind != "title" or not any(i.judgement for i in first.items):
        add(
            first,
            "slides[0]",
            "the first slide is not a bottom line up front: open with a `kind: title` slide "
            "whose `bluf:` holds a judgement (`judgement: true`) stating the main point",
        )
    if strict and not any(slide.kind == "gaps" for slide in deck.slides):
        add(
            None,
            "slides",
            "no `kind: gaps` slide: say what is not known (ICD 203 asks for information gaps), "
            "e.g. a “What we don't know” slide",
        )
    return out


def _grade_problems(deck: Deck, item: Item, shown: str, severity: str) -> list[Problem]:
    """A judgement whose every source is graded below the deck's ``min_grade``."""
    ids = resting_sources(deck, item)
    sources = [s for s in deck.sources if s.id in ids]
    if not sources or not all(below(s.reliability, s.credibility, deck.min_grade) for s in sources):
        return []
    grades = ", ".join(f"{s.id} {s.grade or 'ungraded'}" for s in sources)
    return [
        Problem(
            shown,
            item.location.line,
            item.location.col,
            item.path,
            f"this judgement rests only on sources graded below {deck.min_grade} ({grades}): "
            "corroborate it with a better-graded source, or lower its `confidence:`",
            severity,
        )
    ]
