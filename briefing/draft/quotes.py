"""Direct quotations and who said them.

Quotes are paired by their marks (“ ” „ « » and straight ``"``; a quote
may stay open to the paragraph's end and go on in the next). A speaker is
looked for, in order: right after the quote (``“Q,” said NAME`` /
``“Q,” NAME said`` / ``“Q,” he said``), in the same sentence before it
(``NAME warned … “Q”``), at the start of the next paragraph when the quote
ends its own (``he warned.``), at the end of the previous paragraph when it
ends with a colon, and, for a quote that only continues one already
attributed, that speaker. "he"/"she" and descriptors such as "the French
president" resolve to the nearest named person before them and are marked
uncertain.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from briefing.draft.gazetteer import COUNTRIES
from briefing.draft.people import (
    ROLE_NOUNS,
    SPEECH_VERB_RE,
    Name,
    appositive,
    names_in,
    role_before,
)
from briefing.draft.text import sentences

_CLOSERS = {"“": '”"', "„": "“”", "«": "»", '"': '"', "‘": "’"}
_OPEN_BEFORE = " ([{—–-:\u00a0/"


@dataclass(frozen=True)
class QuoteSpan:
    """Where one quotation sits in its paragraph.

    ``start``/``end`` include the marks (``end`` is the paragraph's end when
    the quote stays open); ``inner_start``/``inner_end`` are the quoted words
    without marks, surrounding spaces or a trailing comma.
    """

    para: int
    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


@dataclass(frozen=True)
class Attribution:
    """A quotation with its speaker (``""`` when none was found)."""

    span: QuoteSpan
    text: str
    speaker: str = ""
    role: str = ""
    uncertain: bool = False  # "he said" / "the minister said": resolved to the nearest named person
    how: str = ""  # which rule found the speaker, for review and tests
    evidence: tuple[int, int] = (0, 0)  # span in the paragraph covering quote and attribution


def find_quotes(para: str, index: int) -> list[QuoteSpan]:
    """Every top-level quotation in a paragraph (nested quotes stay inside their outer one)."""
    out: list[QuoteSpan] = []
    i, n = 0, len(para)
    while i < n:
        c = para[i]
        if c in _CLOSERS and (i == 0 or para[i - 1] in _OPEN_BEFORE or c in "“„«"):
            j = i + 1
            while j < n:
                if para[j] in _CLOSERS[c] and (c != "‘" or j + 1 == n or not para[j + 1].isalnum()):
                    break
                j += 1
            if c == "‘" and j >= n:  # an apostrophe, not a quote
                i += 1
                continue
            closed = j < n
            inner_s, inner_e = i + 1, j
            while inner_s < inner_e and para[inner_s] in " \u00a0\u202f":
                inner_s += 1
            while inner_e > inner_s and para[inner_e - 1] in " \u00a0\u202f,;:":
                inner_e -= 1
            if inner_e - inner_s >= 2:
                out.append(QuoteSpan(index, i, j + 1 if closed else n, inner_s, inner_e, closed))
            i = j + 1
            continue
        i += 1
    return out


_AFTER_VERB_FIRST = re.compile(r"^[\s,—–-]*(?:" + SPEECH_VERB_RE + r")\s+(?P<rest>.*)$", re.S)
_AFTER_PRONOUN = re.compile(r"^[\s,—–-]*(?P<pron>he|she|He|She)\s+(?:" + SPEECH_VERB_RE + r")\b")
_AFTER_SUBJECT = re.compile(
    r"^[\s,—–-]*(?P<who>(?:[\w’'.\-]+\s){0,8}?[\w’'.\-]+)\s+(?:(?:has|had|have)\s+)?(?:\w+ly\s+)?(?:"
    + SPEECH_VERB_RE
    + r")\b"
)
_ACCORDING = re.compile(r"^[\s,—–-]*according to\s+(?P<rest>.*)$", re.S | re.I)
_CLAUSE_WORDS = frozenset(
    {"with", "and", "but", "as", "while", "which", "who", "whereas", "when", "if", "so"}
)
_VERB_IN = re.compile(r"\b(?:" + SPEECH_VERB_RE + r")\b")


class _Resolver:
    """The named people seen so far, for "he said" and for surnames used alone."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}  # surname -> full name
        self.known = {  # leaders in the gazetteer, for a surname the text never spells out
            n.split()[-1]: n for c in COUNTRIES for n in c.leaders if " " in n
        }
        self.roles: dict[str, str] = {}
        self.last: list[tuple[int, int, str, int]] = []  # (para, offset, full name, sentence) in order

    def canonical(self, name: Name) -> str:
        if name.org:
            return name.text
        parts = name.text.split()
        if len(parts) >= 2:
            self.full.setdefault(parts[-1], name.text)
            return name.text
        return self.full.get(name.text) or self.known.get(name.text, name.text)

    def named(self, name: Name) -> bool:
        """A usable speaker: a body, a full name, a surname whose full name is known, or a
        titled surname ("President Zelenskyy", "Dr. Chen")."""
        return name.org or len(self.canonical(name).split()) >= 2 or bool(name.role)

    def see(self, para: int, names: list[Name], sentence_starts: list[int]) -> None:
        for name in names:
            if name.org:
                continue
            full = self.canonical(name)
            if len(full.split()) >= 2:
                sentence = bisect.bisect_right(sentence_starts, name.start)
                self.last.append((para, name.start, full, sentence))

    def nearest(self, para: int, offset: int) -> str:
        """For "he"/"she": the subject (first named person) of the latest sentence naming anyone.

        Preferring the subject over the last-named person follows centering theory:
        "Greene met Cole. She said …" is Greene.
        """
        before = [m for m in self.last if (m[0], m[1]) < (para, offset)]
        if not before:
            return ""
        last_para, _, _, last_sentence = before[-1]
        same = [m for m in before if m[0] == last_para and m[3] == last_sentence]
        return same[0][2]


def attribute(paragraphs: list[str]) -> list[Attribution]:
    """Every quotation of the article, attributed where the rules allow."""
    resolver = _Resolver()
    names_by_para = [names_in(p) for p in paragraphs]
    for names in names_by_para:  # surnames learnt from the whole article first
        for name in names:
            resolver.canonical(name)
    for k, names in enumerate(names_by_para):
        quoted = [(q.start, q.end) for q in find_quotes(paragraphs[k], k)]
        resolver.see(k, names, [sentence.start for sentence in sentences(paragraphs[k], k, quoted)])
    out: list[Attribution] = []
    for k, para in enumerate(paragraphs):
        spans = find_quotes(para, k)
        for qi, span in enumerate(spans):
            text = para[span.inner_start : span.inner_end]
            found = _attribute_one(paragraphs, k, spans, qi, names_by_para, resolver)
            if found is None and out and _continues(paragraphs, out[-1], span, names_by_para, resolver):
                prev = out[-1]
                found = (prev.speaker, prev.role, prev.uncertain, "continues", (span.start, span.end))
            if found is None:
                out.append(Attribution(span, text, evidence=(span.start, span.end)))
            else:
                speaker, role, uncertain, how, evidence = found
                out.append(Attribution(span, text, speaker, role, uncertain, how, evidence))
    return out


def _continues(
    paragraphs: list[str],
    prev: Attribution,
    span: QuoteSpan,
    names_by_para: list[list[Name]],
    resolver: _Resolver,
) -> bool:
    """A quote that only continues the previous one (no one else named in between)."""
    if not prev.speaker:
        return False
    if prev.span.para == span.para:
        # after “Q1,” said NAME. “Q2”: the gap starts where the attribution ends
        between = (max(prev.span.end, prev.evidence[1]), span.start)
    elif (
        prev.span.para == span.para - 1
        and span.start == 0
        and (not prev.span.closed or prev.evidence[1] >= len(paragraphs[prev.span.para]) - 2)
    ):
        between = (0, 0)
    else:
        return False
    if any(between[0] <= n.start < between[1] and resolver.named(n) for n in names_by_para[span.para]):
        return False  # someone else is named in between
    gap = paragraphs[span.para][between[0] : between[1]]
    if re.fullmatch(r"[\s.,;:!?”\"’»)—–-]*", gap):
        return True
    # “Q1,” NAME said at a briefing in Houston. “Q2” - the rest of the attribution's sentence
    return len(gap) <= 80 and re.fullmatch(r"[^“”\"«».!?]*[.!?]\s+", gap) is not None


def _speaker_from(
    text: str, base: int, names: list[Name], resolver: _Resolver, para: int
) -> tuple[str, str, bool] | None:
    """A name (with its role) at the start of ``text``, or a pronoun/descriptor resolved."""
    lead = [n for n in names if base <= n.start < base + len(text) and resolver.named(n)]
    if lead:
        name = lead[0]
        prefix = text[: name.start - base]
        if len(prefix.split()) <= 6 and not re.search(r"[,;]", prefix.strip(" ,")):
            role = name.role or role_before(text, name.start - base) or ""
            after = appositive(text, name.end - base)
            if not role and after:
                role = after
            return resolver.canonical(name), role, False
    return None


def _attribute_one(
    paragraphs: list[str],
    k: int,
    spans: list[QuoteSpan],
    qi: int,
    names_by_para: list[list[Name]],
    resolver: _Resolver,
) -> tuple[str, str, bool, str, tuple[int, int]] | None:
    para = paragraphs[k]
    span = spans[qi]
    names = names_by_para[k]
    next_start = spans[qi + 1].start if qi + 1 < len(spans) else len(para)
    after = para[span.end : next_start]
    sentence_end = re.search(r"[.!?](?:\s|$)", after)
    window = after[: sentence_end.end() if sentence_end else len(after)]
    # 1. after the quote: “Q,” said NAME / “Q,” NAME said / “Q,” he said
    if span.closed:
        m = _AFTER_VERB_FIRST.match(window)
        if m:
            rest_base = span.end + m.start("rest")
            got = _speaker_from(m.group("rest"), rest_base, names, resolver, k)
            if got:
                return (*got, "verb-name", (span.start, span.end + len(window.rstrip())))
        m = _AFTER_PRONOUN.match(window)
        if m:
            who = resolver.nearest(k, span.start)
            if who:
                return who, "", True, "pronoun", (span.start, span.end + m.end())
        m = _AFTER_SUBJECT.match(window)
        if m and m.group("who").split()[0] not in _CLAUSE_WORDS:
            got = _speaker_from(m.group("who"), span.end + m.start("who"), names, resolver, k)
            if got:
                return (*got, "name-verb", (span.start, span.end + m.end()))
            desc = re.search(r"\b(?:the|a|an)\s+((?:[\w’'\-]+\s){0,3}([\w\-]+))$", m.group("who"), re.I)
            if desc and desc.group(2).lower() in ROLE_NOUNS:
                who = resolver.nearest(k, span.start)
                if who:
                    return who, desc.group(1), True, "descriptor", (span.start, span.end + m.end())
        m = re.match(r"^[\s,—–-]*(?P<who>(?:[A-Z][\w’'\-]+ ){0,2}[A-Z][\w’'\-]+) \w+ed\b", window)
        if m:  # “Q,” Lindqvist radioed: any verb after a known person
            got = _speaker_from(m.group("who"), span.end + m.start("who"), names, resolver, k)
            if got:
                return (*got, "name-verbed", (span.start, span.end + m.end()))
        m = _ACCORDING.match(window)
        if m:
            got = _speaker_from(m.group("rest"), span.end + m.start("rest"), names, resolver, k)
            if got:
                return (*got, "according", (span.start, span.end + len(window.rstrip())))
    # 2. before the quote, same sentence: NAME … VERB … “Q”
    head_start = _sentence_start(para, span.start)
    head = para[head_start : span.start]
    verbs = list(_VERB_IN.finditer(head))
    if verbs:
        verb = verbs[-1]
        before_verb = [
            n for n in names if head_start <= n.start < head_start + verb.start() and resolver.named(n)
        ]
        if before_verb:
            name = before_verb[-1]
            role = name.role or role_before(para, name.start) or appositive(para, name.end)
            speaker = resolver.canonical(name)
            if len(before_verb) > 1 and re.fullmatch(
                r" and (?:[\w\-]+[’']s )?", para[before_verb[-2].end : name.start]
            ):  # "Italy’s Giorgia Meloni and Greece’s Kyriakos Mitsotakis rejected …"
                speaker = f"{resolver.canonical(before_verb[-2])} and {speaker}"
                role = ""
            return speaker, role, False, "name-before", (before_verb[0].start, span.end)
        lead = head[: verb.start()]
        if re.search(r"\b(?:he|she)\s+(?:\w+ly\s+)?$", lead, re.I):
            who = resolver.nearest(k, span.start)
            if who:
                return who, "", True, "pronoun-before", (head_start, span.end)
        desc = re.search(
            r"\bthe\s+((?:[\w’'\-]+\s){0,3}([\w\-]+))\s+(?:\w+ly\s+)?(?:has\s+|had\s+)?$", lead, re.I
        )
        if desc and desc.group(2).lower() in ROLE_NOUNS:
            who = resolver.nearest(k, head_start + desc.start())
            if who:
                return who, desc.group(1), True, "descriptor-before", (head_start + desc.start(), span.end)
    if re.search(r":\s*$", head):  # NAME, a reef ecologist, put it plainly: “Q”
        subject = [n for n in names if head_start <= n.start < span.start and resolver.named(n)]
        if subject and subject[0].start - head_start <= 12:
            name = subject[0]
            role = name.role or role_before(para, name.start) or appositive(para, name.end)
            return resolver.canonical(name), role, False, "name-colon", (name.start, span.end)
    # 3. the quote ends its paragraph and the next one attributes it: “…,”\nhe warned.
    if span.closed and not window.strip() and k + 1 < len(paragraphs):
        nxt = paragraphs[k + 1]
        m = _AFTER_PRONOUN.match(nxt)
        if m and len(nxt) < 60:
            who = resolver.nearest(k, span.start)
            if who:
                return who, "", True, "pronoun-next-line", (span.start, span.end)
        m = _AFTER_VERB_FIRST.match(nxt) if len(nxt) < 120 else None
        if m:
            got = _speaker_from(m.group("rest"), m.start("rest"), names_by_para[k + 1], resolver, k + 1)
            if got:
                return (*got, "next-line", (span.start, span.end))
    # 4. a paragraph that is the quote, after one ending "NAME said:"
    if span.start == 0 and k > 0 and paragraphs[k - 1].rstrip().endswith(":"):
        prev = paragraphs[k - 1]
        tail_start = _sentence_start(prev, len(prev) - 1)
        tail = prev[tail_start:]
        verbs = list(_VERB_IN.finditer(tail))
        cands = [
            n
            for n in names_by_para[k - 1]
            if n.start >= tail_start and (not verbs or n.start < tail_start + verbs[-1].start())
        ]
        if verbs and cands:
            name = cands[-1]
            role = name.role or role_before(prev, name.start) or appositive(prev, name.end)
            return resolver.canonical(name), role, False, "colon-before", (span.start, span.end)
    return None


def _sentence_start(para: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (a full stop outside quotes before it)."""
    depth = 0
    i = pos - 1
    while i > 0:
        c = para[i]
        if c in "”»":
            depth += 1
        elif c in "“«" and depth:
            depth -= 1
        elif (
            c in ".!?"
            and not depth
            and para[i + 1 : i + 2] == " "
            and not re.search(
                r"(?:\b[A-Z]|\bMr|\bMrs|\bMs|\bDr|\bSt|\bGen|\bSen|\bRep|\bGov|\bU\.S)$",
                para[max(0, i - 4) : i],
            )
        ):
            return i + 2
        i -= 1
    return 0
