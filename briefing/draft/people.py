"""Who speaks: person names, their roles, speech verbs and pronouns.

No model: a name is a run of capitalised words that is not a title, a
place, an organisation or a sentence opener; a role is the title words
just before it or the appositive just after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.draft.gazetteer import is_place_word

_SPEECH_BASES = (
    "say tell add warn insist declare state write note explain announce acknowledge argue claim stress "
    "emphasize emphasise remark observe continue conclude recall admit concede reply respond ask urge "
    "caution predict promise pledge vow deride dismiss call describe frame praise criticize criticise "
    "comment suggest affirm assert agree complain joke quip tweet post recount reflect confirm "
    "point report testify exclaim mutter shout whisper cite"
)
_IRREGULAR = {
    "say": ("said", "says", "saying"),
    "tell": ("told", "tells", "telling"),
    "write": ("wrote", "writes", "writing", "written"),
}


def _forms(base: str) -> set[str]:
    if base in _IRREGULAR:
        return {base, *_IRREGULAR[base]}
    stem = base[:-1] if base.endswith("e") else base
    if re.search(r"[^aeiou]y$", base):
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    double = base + base[-1] if re.fullmatch(r"[a-z]*[^aeiou][aeiou][pt]", base) and len(base) <= 4 else base
    return {
        base,
        base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s"),
        stem + "ed",
        double + "ed" if double != base else stem + "ed",
        stem + "ing",
        double + "ing",
    }


SPEECH_VERBS: frozenset[str] = frozenset(f for b in _SPEECH_BASES.split() for f in _forms(b))
SPEECH_VERB_RE = r"(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"

PRONOUNS = {"he": "he", "she": "she", "He": "he", "She": "she"}

#: Words that are titles when they come before a name (kept as the role).
TITLE_WORDS = frozenset(
    """President Vice Prime Minister Ministry Secretary Administrator Associate Deputy Director Chief Acting
    Senator Sen Representative Rep Governor Gov Chancellor Foreign Defense Defence Interior Finance State
    Spokesperson Spokesman Spokeswoman Ambassador Envoy General Gen Admiral Colonel Col Captain Capt Commander
    Lieutenant Sergeant Sgt Mayor King Queen Prince Princess Pope Dr Mr Mrs Ms Miss Prof Professor Judge
    Justice Speaker Leader Chairman Chairwoman Chair Head Officer Manager Scientist Astronaut Sheriff
    Attorney Auditor Commissioner Premier Officials Official Agency Department Senior Principal Lead
    Program Project Mission Executive National Special Regional Assistant Undersecretary Councillor
    Councilman Councilwoman Congressman Congresswoman Minority Majority Whip Chief-of-staff Staff""".split()
)
#: Words that make a capitalised run an organisation or a place, not a person.
ORG_WORDS = frozenset(
    """Palace House Office Ministry Agency Center Centre University College Council Union Department
    Administration Force Forces Organization Organisation Institute Laboratory Lab Station Space River Sea
    Ocean Street Avenue Road Committee Commission Party Senate Congress Parliament Court Bank Fund Program
    Programme Mission Telescope Observatory Service Survey Coast Guard Army Navy Corps War Treaty Act
    Group Company Inc Corp Ltd Association Foundation Society Museum Hospital School Airport Port Bay Lake
    Mountain Mountains Island Islands Valley County States City Province Region Republic Kingdom
    Summit Conference Alliance Coalition Ocean Atlantic Pacific Northern Southern Eastern Western Day
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Spring Summer Autumn Fall Winter Earth Moon Sun Mars
    Jupiter Saturn Venus Mercury Neptune Uranus Pluto Telescope Satellite Laboratory Facility Flight
    Network Initiative Project Report Plan Strategy Press Times Post Journal News Review Media God""".split()
)
_OPENERS = frozenset(
    """The A An This That These Those But And Yet While When If As In On At For With By From After Before
    Then Now It He She They We I You Our His Her Their Its Meanwhile However Also So Still Even Both All
    Some Many Most Last Next Each Every Despite Although Though Because Since Until During Under Over
    Through Without Within Among Between Against Once Where What Who Why How Here There Today Tomorrow
    Yesterday According Asked Not No Yes Such Other Another Several First Second Third Finally Later
    Earlier Instead Indeed Thus Therefore Perhaps Like Unlike Outside Inside Behind Beyond Across Around
    Only Just Either Neither Nor Or My Your Mine To Of Dear Let Please Thank Thanks""".split()
)
#: Lower-case words that describe a speaker's job (before a name or in a descriptor).
ROLE_NOUNS = frozenset(
    """president minister secretary administrator director spokesperson spokesman spokeswoman envoy
    ambassador official officials chancellor senator governor commander chief leader scientist researcher
    professor analyst expert advisor adviser manager engineer astronaut author economist forecaster
    meteorologist oceanographer biologist ecologist geologist physicist chemist astronomer officer
    superintendent head chair chairman chairwoman coordinator lead investigator specialist deputy
    representative mayor premier king queen general admiral colonel captain diplomat negotiator""".split()
)

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w]*(?:[’'\-][\w]+)*\.?")
_CONNECT = frozenset(
    {"de", "van", "von", "da", "der", "den", "bin", "al", "del", "di", "la", "le", "du", "dos"}
)


@dataclass(frozen=True)
class Name:
    """A person named in a paragraph: the span of the name and the role words before it."""

    start: int
    end: int
    text: str
    role: str = ""
    org: bool = False  # "the Trump administration": a speaker that is a body, not a person


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _bare(tok: str) -> str:
    return re.sub(r"[’']s$", "", tok.rstrip("."))


def names_in(text: str, base: int = 0) -> list[Name]:
    """Person names in ``text`` (offsets shifted by ``base``), in order."""
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    out: list[Name] = []
    i = 0
    while i < len(toks):
        if not _is_cap(toks[i][2]):
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks):
            gap = text[run[-1][1] : toks[j][0]]
            possessive = re.search(r"[’']s$", run[-1][2])
            abbreviation = run[-1][2].endswith(".") and len(run[-1][2]) > 3
            if gap != " " or possessive or abbreviation:
                break
            if _is_cap(toks[j][2]):
                run.append(toks[j])
            elif toks[j][2] in _CONNECT and j + 1 < len(toks) and _is_cap(toks[j + 1][2]):
                run.append(toks[j])
            else:
                break
            j += 1
        out.extend(_split_run(text, run, base))
        i = j
    return out


def _split_run(text: str, run: list[tuple[int, int, str]], base: int) -> list[Name]:
    """A capitalised run → a name (its tail) and a role (title words before it)."""
    k = 0
    while k < len(run) and (
        run[k][2] in _OPENERS
        or _bare(run[k][2]).lower() in ROLE_NOUNS
        or _bare(run[k][2]) in TITLE_WORDS
        or _bare(run[k][2]).isupper()
        or is_place_word(_bare(run[k][2]))
        or re.search(r"[’']s$", run[k][2])
    ):
        k += 1
    # "Ohio Senator Sherrod Brown": the name starts after the last title or organisation word
    for j in range(len(run) - 1, k - 1, -1):
        bare = _bare(run[j][2])
        if bare in TITLE_WORDS or bare in ORG_WORDS or bare.lower() in ROLE_NOUNS:
            if j + 1 < len(run):
                k = j + 1
            break
    body = run[k:]
    role_toks = [t for t in run[:k] if t[2] not in _OPENERS]
    role = " ".join(t[2] for t in role_toks)
    if not body:
        return []
    words = [_bare(t[2]) for t in body]
    if any(w in ORG_WORDS or is_place_word(w) or w in TITLE_WORDS or w in _OPENERS for w in words):
        return []
    org = False
    after = text[body[-1][1] : body[-1][1] + 16]
    m = re.match(r" (administration|government|campaign|team)\b", after)
    if m:
        org = True
        end = body[-1][1] + m.end()
        return [Name(base + body[0][0], base + end, text[body[0][0] : end], role, org=True)]
    last = body[-1][2]
    end = body[-1][1] - (1 if last.endswith(".") and len(last) > 2 else 0)
    end -= 2 if re.search(r"[’']s$", text[body[0][0] : end]) else 0
    name_text = text[body[0][0] : end]
    return [Name(base + body[0][0], base + end, name_text, role, org)]


_NOT_ROLE = frozenset("with and by the a an as said says of to from that when while".split())


def role_before(text: str, name_start: int) -> str:
    """Lower-case role words just before a name: "special envoy", "Foreign Ministry spokesperson"."""
    head = text[max(0, name_start - 80) : name_start]
    m = re.search(r"((?:[\w’'\-]+ ){1,5})$", head)
    if not m:
        return ""
    words = m.group(1).split()
    keep: list[str] = []
    for w in reversed(words):
        bare = _bare(w)
        is_role = bare.lower() in ROLE_NOUNS or bare in TITLE_WORDS or bare.isupper()
        # once a role word is found, modifiers before it belong to the role too ("special envoy")
        modifier = bool(keep) and (
            _is_cap(bare) or (bare.islower() and bare not in _NOT_ROLE and bare not in SPEECH_VERBS)
        )
        if not (is_role or modifier):
            break
        keep.append(w)
    if not any(_bare(w).lower() in ROLE_NOUNS or _bare(w) in TITLE_WORDS for w in keep):
        return ""
    return " ".join(reversed(keep))


def appositive(text: str, name_end: int) -> str:
    """The role after a name: ", NASA administrator," / ", a researcher at Goddard."."""
    m = re.match(r",\s+([^,.;:“”\"]{2,90}?)(?=[,.;:]|\s*$|[“”\"])", text[name_end:])
    if not m:
        return ""
    role = m.group(1).strip()
    first = role.split()[0]
    if first in {"who", "which", "that", "adding", "according", "and", "but", "he", "she", "it", "they"}:
        return ""
    if first in SPEECH_VERBS or first.endswith("ing") or len(role.split()) > 14:
        return ""
    return role
