"""Turn articles into a draft deck: extract, anchor, verify, keep what is proven.

Every citation is checked with :class:`briefing.core.verify.Verifier`
against the very snapshot the deck will name; a citation that is not found
or is ambiguous is replaced by the next candidate (a longer passage) or
dropped, and an item left with no verified citation is dropped too.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.core.model import Citation, Deck, Point, Slide, Source
from briefing.core.verify import Verifier
from briefing.draft import actors, cues
from briefing.draft.emit import Cite, DraftItem, DraftSlide, DraftSource, emit
from briefing.draft.figures import find_figures
from briefing.draft.ingest import Article
from briefing.draft.quotes import Attribution, attribute, find_quotes
from briefing.draft.text import sentences

MAX_QUOTES, MAX_POINTS, MAX_FIGURES = 20, 8, 16


@dataclass(frozen=True)
class Placed:
    """An article with where its snapshot goes (relative to the deck) and its id in the deck."""

    article: Article
    source_id: str
    snapshot_path: str  # as written in the deck, e.g. ../seeds/x.txt
    text: str = ""  # the exact text the deck cites, when not the article's own snapshot

    @property
    def source_text(self) -> str:
        return self.text or self.article.snapshot


def slug(text: str) -> str:
    """A file name from a title: lower case, ASCII letters and digits, hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:60].strip("-") or "article"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _snap(para: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words and trim spaces (a citation starts and ends at word boundaries)."""
    while start > 0 and para[start].isalnum() and para[start - 1].isalnum():
        start -= 1
    while end < len(para) and para[end - 1].isalnum() and para[end].isalnum():
        end += 1
    while start < end and para[start] in " ,;":
        start += 1
    while end > start and para[end - 1] in " ,;":
        end -= 1
    return start, end


def _short(text: str, limit: int = 96) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—-") + "…"


class _Drafter:
    """Collects candidate items for one or more articles."""

    def __init__(self, placed: Sequence[Placed]) -> None:
        self.placed = placed
        self.quotes: list[DraftItem] = []
        self.figures: list[DraftItem] = []
        self.reactions: dict[str, tuple[tuple, DraftItem]] = {}
        self.reaction_order: list[str] = []
        self.points: dict[str, list[DraftItem]] = {"objectives": [], "obstacles": [], "watch": []}
        self.lede: DraftItem | None = None

    def cites(self, source_id: str, *passages: str) -> list[Cite]:
        """Candidate citations, best first; verification keeps the first that is proven."""
        seen: list[str] = []
        for p in passages:
            p = p.strip()
            if p and p not in seen:
                seen.append(p)
        return [Cite(p, source_id) for p in seen]

    def run(self) -> None:
        for place in self.placed:
            self.article(place)

    def article(self, place: Placed) -> None:
        paras = list(place.article.paragraphs)
        sid = place.source_id
        sents_by_para = []
        for k, para in enumerate(paras):
            spans = [(s.start, s.end) for s in find_quotes(para, k)]
            sents_by_para.append(sentences(para, k, spans))

        def sentence_at(k: int, pos: int) -> str:
            for s in sents_by_para[k]:
                if s.start <= pos < s.end:
                    return paras[k][s.start : s.end]
            return paras[k]

        if self.lede is None and paras and sents_by_para[0]:
            first = sents_by_para[0][0]
            text = paras[0][first.start : first.end]
            self.lede = DraftItem(
                [("id", "bluf-lede"), ("text", _short(text))],
                self.cites(sid, text),
                comment="The article's opening; the bottom line itself is yours to write (see below).",
            )
        for a in attribute(paras):
            self.quote(a, paras, sid, sentence_at)
        for k, para in enumerate(paras):
            for f in find_figures(para, k):
                self.figure(f.value, f.measures, para, f.start, f.end, sid, sentence_at(k, f.start))
            mentions = actors.mentions(para, k)
            for m in mentions:
                self.reaction(m, para, mentions, sid, sentence_at(k, m.start))
            for s in sents_by_para[k]:
                text = para[s.start : s.end]
                found = cues.section_of(text)
                if found and len(text.split()) >= 6:
                    section, cue = found
                    if len(self.points[section]) < MAX_POINTS:
                        n = len(self.points[section]) + 1
                        self.points[section].append(
                            DraftItem(
                                [
                                    ("id", f"{section[:3]}-{sid + '-' if len(self.placed) > 1 else ''}{n}"),
                                    ("text", _short(text)),
                                ],
                                self.cites(sid, text),
                                comment=f"cue: “{cue}”",
                            )
                        )

    def quote(self, a: Attribution, paras: list[str], sid: str, sentence_at) -> None:
        words = len(a.text.split())
        if len(self.quotes) >= MAX_QUOTES or (not a.speaker and words < 4):
            return  # an unattributed word or two is a scare quote, not a quotation
        para = paras[a.span.para]
        s, e = _snap(para, *a.evidence)
        inner = a.text.rstrip(" ,;")
        fields = [("id", f"q-{len(self.quotes) + 1}"), ("quote", inner)]
        if a.speaker:
            fields.append(("speaker", a.speaker))
        if a.role:
            fields.append(("role", a.role))
        if not a.speaker:
            comment = "no speaker found: name one from the text, or cut this quote"
        elif a.uncertain:
            comment = f"speaker uncertain ({a.how}): resolved to the nearest named person; check it"
        else:
            comment = f"speaker found by rule `{a.how}`"
        evidence = para[s:e]
        self.quotes.append(
            DraftItem(
                fields,
                self.cites(sid, evidence, sentence_at(a.span.para, a.span.start), inner),
                comment=comment,
            )
        )

    def figure(
        self, value: str, measures: str, para: str, start: int, end: int, sid: str, sentence: str
    ) -> None:
        if len(self.figures) >= MAX_FIGURES or any(
            f.fields[1][1] == value and f.fields[2][1] == (measures or "see citation") for f in self.figures
        ):
            return
        lo, hi = actors.clause(para, start)
        clause_text = para[lo:hi].strip(" ,;")
        s, e = _snap(para, max(lo, start - 40), min(hi, end + 60))
        near = para[s:e]
        self.figures.append(
            DraftItem(
                [
                    ("id", f"fig-{len(self.figures) + 1}"),
                    ("value", value),
                    ("measures", measures or "see citation"),
                ],
                self.cites(sid, clause_text if len(clause_text) < 200 else near, sentence, near),
                comment="" if measures else "what this number counts was not found: say it",
            )
        )

    def reaction(self, m: actors.Mention, para: str, mentions, sid: str, sentence: str) -> None:
        lo, hi = actors.clause(para, m.start)
        others = tuple(
            (o.start - lo, o.end - lo) for o in mentions if o.country != m.country and lo <= o.start < hi
        )
        stance, cue = actors.stance_in(para[lo:hi], m.start - lo, others)
        clause_text = para[lo:hi].strip(" ,;")
        actor = m.leader or _actor_phrase(para, m) or "Not named"
        if stance == "unclear":
            summary = "Mentioned; the text states no stance"
        else:
            at = para.find(cue, m.end)
            summary = _short(para[at:hi].strip(" ,;.") if at >= 0 else cue, 48)
        rank = (stance == "unclear", not m.leader, m.para, m.start)
        fields = [
            ("id", f"r-{_slugify(m.country)}"),
            ("country", m.country),
            ("actor", actor),
            ("stance", stance),
            ("summary", summary),
        ]
        comment = (
            "stance unclear: no cue word near this mention; read the source and set it, or cut the row"
            if stance == "unclear"
            else f"stance from the cue “{cue}”"
        )
        item = DraftItem(fields, self.cites(sid, clause_text, sentence), comment=comment)
        if m.country not in self.reactions:
            self.reaction_order.append(m.country)
        best = self.reactions.get(m.country)
        if best is None or rank < best[0]:
            self.reactions[m.country] = (rank, item)


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _actor_phrase(para: str, m: actors.Mention) -> str:
    """ "Baltic leaders", "Trump administration", "Moscow": the words naming the actor."""
    after = re.match(
        r"(?:[’']s)? (leaders?|government|administration|officials?|authorities|ministry|"
        r"foreign ministry|president|prime minister|chancellor)\b",
        para[m.end :],
    )
    if after:
        return f"{m.surface} {after.group(1)}"
    if m.surface[0].isupper() and " " in m.surface:
        return ""
    return ""


def _verify(placed: Sequence[Placed], snapshots: dict[str, str], items: list[DraftItem]) -> None:
    """Keep, for each item, the first candidate citation that verifies; empty the rest."""
    with tempfile.TemporaryDirectory(prefix="briefing-draft-") as tmp:
        sources = []
        for place in placed:
            file = Path(tmp) / f"{place.source_id}.txt"
            file.write_text(snapshots[place.source_id], encoding="utf-8", newline="")
            sources.append(Source(id=place.source_id, path=file.name, resolved=file))
        citations: list[Citation] = []
        for i, item in enumerate(items):
            for j, cite in enumerate(item.cites):
                citations.append(Citation(cite.source, cite.quote, path=f"{i}.{j}"))
        deck = Deck(
            "draft",
            (Slide("points", "all", (Point(text="x", citations=tuple(citations)),)),),
            tuple(sources),
            path=Path(tmp) / "draft.yaml",  # the snapshots' folder: each read checks the path again
        )
        verifier = Verifier(deck)
        verifier.prefetch(citations)
        ok = {c.path for c in citations if verifier.result(c).verified}
        for i, item in enumerate(items):
            item.cites = [c for j, c in enumerate(item.cites) if f"{i}.{j}" in ok][:1]


def draft_deck(placed: Sequence[Placed], title: str = "") -> tuple[str, dict[str, int]]:
    """The deck's YAML text for these articles, and counts of what was kept."""
    drafter = _Drafter(placed)
    drafter.run()
    reactions = [drafter.reactions[c][1] for c in drafter.reaction_order]
    everything = [
        *([drafter.lede] if drafter.lede else []),
        *drafter.quotes,
        *drafter.figures,
        *reactions,
        *(i for items in drafter.points.values() for i in items),
    ]
    snapshots = {p.source_id: p.source_text for p in placed}
    _verify(placed, snapshots, everything)
    kept = lambda items: [i for i in items if i.cites]  # noqa: E731
    first = placed[0].article
    deck_title = title or first.title
    slides = [
        DraftSlide(
            "title",
            "bluf",
            deck_title,
            "Bottom line up front: to be written by the author",
            kept([drafter.lede] if drafter.lede else []),
            comment="BOTTOM LINE: write it yourself as a point marked `judgement: true` with `rests_on:`\n"
            "the ids of the items it rests on; the drafter never writes one.",
        )
    ]
    sections = [
        ("quotes", "quotes", "In their words", "Direct quotations, with who said them", drafter.quotes),
        ("figures", "figures", "Key figures", "Numbers the article gives", drafter.figures),
        ("reactions", "reactions", "Reactions by country", "Every country or bloc mentioned", reactions),
        (
            "points",
            "objectives",
            "Objectives",
            "Where the article flags an aim",
            drafter.points["objectives"],
        ),
        (
            "points",
            "obstacles",
            "Obstacles",
            "Where the article flags a difficulty",
            drafter.points["obstacles"],
        ),
        ("points", "watch", "What to watch", "Open questions the article raises", drafter.points["watch"]),
    ]
    for kind, slide_id, slide_title, subtitle, items in sections:
        good = kept(items)
        if good:
            slides.append(DraftSlide(kind, slide_id, slide_title, subtitle, good))
    sources = [
        DraftSource(
            p.source_id,
            p.snapshot_path,
            p.article.title,
            p.article.original,
            sha256(snapshots[p.source_id]),
            url=p.article.url,
            date=p.article.date,
            publisher=p.article.publisher,
            author=p.article.author,
        )
        for p in placed
    ]
    names = ", ".join(p.article.original for p in placed)
    text = emit(deck_title, f"Draft from {names}: review every item", first.date, sources, slides)
    counts = {s.id: len(s.items) for s in slides}
    counts["dropped"] = sum(1 for i in everything if not i.cites)
    return text, counts
