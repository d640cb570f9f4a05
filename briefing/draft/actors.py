"""Reactions by country: which countries and blocs the article mentions, and their stance.

A country counts when it is named ("Poland"), described ("Polish",
"Poland’s Donald Tusk"), its capital acts as its government ("Moscow
warned"; not "a visit to Paris") or one of its leaders is named. The
stance comes from cue words in the same clause as the mention; with no
cue it is ``unclear``, said plainly rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.draft.gazetteer import COUNTRIES, Country

#: Cue words per stance, strongest evidence first within each clause.
_CUES: tuple[tuple[str, str], ...] = (
    (
        "hostile",
        r"warn\w* (?:\w+ly )?of|threat\w*|invad\w*|invasion|aggression|attack\w*|clash\w*|war on|"
        r"retaliat\w*|hostil\w*|escalat\w*|belligeren\w*",
    ),
    (
        "opposed",
        r"reject\w*|ruled? out|refus\w*|oppos\w*|dismiss\w*|derid\w*|condemn\w*|veto\w*|"
        r"against|criticis\w*|criticiz\w*|object\w* to|resist\w*|blocked|will not|won’t|won't",
    ),
    (
        "cautious",
        r"cautious\w*|premature|wary|hesitan\w*|skeptic\w*|sceptic\w*|reluctan\w*|concern\w*|"
        r"reserv\w*|careful\w*|doubt\w*",
    ),
    ("conditional", r"on condition|provided that|as long as|only if|conditional\w*"),
    ("leads", r"leads?|led|convene[sd]?|convening|host(?:s|ed|ing)?|spearhead\w*|championed"),
    (
        "supports",
        r"support\w*|back\w*|embrac\w*|welcom\w*|pledg\w*|endors\w*|prais\w*|commit\w*|join\w*|"
        r"stand\w* with|stood with|help\w*|aid\w*|assist\w*|sanction\w* russia|allies|ally",
    ),
)
_CUE_RE = [(stance, re.compile(r"\b(?:" + cue + r")\b", re.I)) for stance, cue in _CUES]
_PLACE_PREP = re.compile(
    r"\b(?:in|to|at|from|near|into|around|outside|of|via|through|toward|towards|across|visit|visited)\s+$",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """One mention of a country in a paragraph."""

    country: str
    para: int
    start: int
    end: int
    surface: str
    leader: str = ""  # a leader named at the mention, e.g. "Donald Tusk" for "Poland’s Donald Tusk"


def _alternation(words: dict[str, Country]) -> re.Pattern[str]:
    names = sorted(words, key=lambda w: (-len(w), w))
    return re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


# One pattern for every name, demonym and leader, one for every capital (a paragraph is
# scanned twice, not twice per country); the first country in the table claims a word.
_BY_NAME: dict[str, Country] = {}
_BY_CAPITAL: dict[str, Country] = {}
for _country in COUNTRIES:
    for _word in (*_country.aliases, *_country.leaders):
        _BY_NAME.setdefault(_word, _country)
    for _word in _country.capitals:
        _BY_CAPITAL.setdefault(_word, _country)
_NAMES_RE = _alternation(_BY_NAME)
_CAPITALS_RE = _alternation({k: v for k, v in _BY_CAPITAL.items() if k not in _BY_NAME})
_ACTS = re.compile(r"(?:[’']s\b|\s+(?:has|have|had|is|was|will|would|says|said|\w+ed|\w+s)\b)")


def mentions(para: str, index: int) -> list[Mention]:
    """Country mentions in one paragraph (a capital only when it acts as the government)."""
    out: list[Mention] = []
    for m in _NAMES_RE.finditer(para):
        surface = m.group(0)
        country = _BY_NAME[surface]
        leader = _full_leader(country, surface) if surface in country.leaders else ""
        if not leader:
            nxt = re.match(r"[’']s ([A-Z][\w\-]+ [A-Z][\w\-]+)", para[m.end() :])
            if nxt:
                leader = nxt.group(1)
        out.append(Mention(country.name, index, m.start(), m.end(), surface, leader))
    for m in _CAPITALS_RE.finditer(para):
        if _PLACE_PREP.search(para[max(0, m.start() - 12) : m.start()]) or not _ACTS.match(para, m.end()):
            continue
        out.append(Mention(_BY_CAPITAL[m.group(0)].name, index, m.start(), m.end(), m.group(0)))
    out.sort(key=lambda x: x.start)
    return out


def _full_leader(country: Country, surface: str) -> str:
    """ "Macron" → "Emmanuel Macron": the first full name of that leader in the table."""
    for name in country.leaders:
        if " " in name and (name == surface or name.endswith(" " + surface)):
            return name
    return surface if " " in surface else ""


_CLAUSE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St))[.!?;](?=[\s”\"’]|$)|,\s+(?=while\b|whereas\b|but\b|yet\b)|\bwhile\b"
)


def clause(para: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: bounded by sentence ends, semicolons and ", while"."""
    left = 0
    for m in _CLAUSE_END.finditer(para[:pos]):
        left = m.end()
    right_m = _CLAUSE_END.search(para[pos:])
    right = (
        pos + right_m.start() + (1 if right_m and para[pos + right_m.start()] in ".!?" else 0)
        if right_m
        else len(para)
    )
    while right < len(para) and para[right] in '”"’»':
        right += 1
    while left < pos and para[left] == " ":
        left += 1
    return left, right


def stance_in(text: str, anchor: int, others: tuple[tuple[int, int], ...] = ()) -> tuple[str, str]:
    """The stance of the actor at ``anchor`` in a clause, and the cue word that shows it.

    Only cues after the mention (the actor as subject) and within 80
    characters count, and not past another actor's mention unless the two
    are joined by "and" ("Italy’s Meloni and Greece’s Mitsotakis rejected").
    The nearest cue wins.
    """
    best: tuple[int, int, str, str] | None = None
    for rank, (stance, pattern) in enumerate(_CUE_RE):
        for m in pattern.finditer(text):
            distance = m.start() - anchor
            if distance < 0 or distance > 80:
                continue
            if any(
                anchor < s < m.start() and not re.fullmatch(r"[\w’'\- ]*\band\b[\w’'\- ]*", text[anchor:s])
                for s, _e in others
            ):
                continue
            key = (distance, rank, stance, m.group(0))
            if best is None or key < best:
                best = key
    if best is None:
        return "unclear", ""
    return best[2], best[3]
