"""``briefing check --fix``: write the source's exact wording over typographic near-misses.

The one place briefing writes a deck, and only when asked. Only the
characters that differ are replaced, inside the quote's own YAML scalar
(found by the parser's positions), escaped as that scalar's style needs;
comments, order and formatting stay byte for byte. Every edit is proved
by parsing the result again: a document whose other values changed, or
whose edited value is not the intended one, is never written.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import yaml

from briefing.core import nearmiss
from briefing.core.model import Citation, Deck
from briefing.core.sourcetext import normalize
from briefing.core.verify import NOT_FOUND, Verification, Verifier

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_DOUBLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX = {"x": 2, "u": 4, "U": 8}

#: Each character of a scalar's value: where it is written in the file, or
#: ``None`` for one YAML made (a folded line break), which cannot be edited.
Spans = list[tuple[int, int] | None]


@dataclass(frozen=True)
class Fix:
    """One quote to rewrite: the citation, its value now and the source's wording."""

    citation: Citation
    old: str
    new: str


@dataclass(frozen=True)
class Edit:
    """A planned change to the file: replace ``text[start:end]`` by ``by``."""

    start: int
    end: int
    by: str


def near_misses(deck: Deck, verifier: Verifier, verification: Verification) -> list[Fix]:
    """Every quote whose only difference from its source passage is typographic.

    A verified quote is compared with the passage it verified at; a quote
    not found is looked up by :func:`briefing.core.nearmiss.find`. An
    ambiguous quote, or one with a changed word, gets no fix.
    """
    fixes = []
    for citation in deck.citations:
        result = verification.results.get(citation.path)
        text = verifier.source_text(citation.source_id)
        if result is None or text is None:
            continue
        if result.verified and result.start is not None and result.end is not None:
            new = nearmiss.wording(text.text, result.start, result.end)
            if normalize(new) != normalize(citation.quote):
                continue  # offsets that do not hold these words (a stale cache): never rewrite from them
        elif result.status == NOT_FOUND:
            found = nearmiss.find(citation.quote, text.text, citation.prefix, citation.suffix)
            if found is None:
                continue
            new = found.wording
        else:
            continue
        if new and new != citation.quote:
            fixes.append(Fix(citation, citation.quote, new))
    return fixes


def _scan_flow(text: str, start: int, end: int, style: str) -> Spans | None:
    """Plain, single- and double-quoted scalars: each value character's place."""
    if style in ("'", '"'):
        if end - start < 2 or text[start] != style or text[end - 1] != style:
            return None
        start, end = start + 1, end - 1
    lines, at = [], start
    for brk in _BREAK.finditer(text, start, end):
        lines.append((at, brk.start()))
        at = brk.end()
    lines.append((at, end))
    out: Spans = []
    chars: list[str] = []
    blanks, joined = 0, False
    for k, (a, b) in enumerate(lines):
        last = k == len(lines) - 1
        if k > 0:
            while a < b and text[a] in " \t":
                a += 1
        escaped_break = False
        if not last:
            if style == '"' and b > a and text[a:b].endswith("\\"):
                run = len(text[a:b]) - len(text[a:b].rstrip("\\"))
                escaped_break = run % 2 == 1
            if escaped_break:
                b -= 1
            else:
                while b > a and text[b - 1] in " \t":
                    b -= 1
        if k > 0 and not last and a == b and not escaped_break:
            blanks += 1
            continue
        if k > 0 and not joined:
            for char in "\n" * blanks if blanks else " ":
                chars.append(char)
                out.append(None)
        blanks, joined = 0, escaped_break
        if not _unescape(text, a, b, style, chars, out):
            return None
    return out if len(chars) == len(out) else None


def _unescape(text: str, a: int, b: int, style: str, chars: list[str], out: Spans) -> bool:
    i = a
    while i < b:
        char = text[i]
        if style == "'" and char == "'":
            if text[i + 1 : i + 2] != "'":
                return False
            chars.append("'")
            out.append((i, i + 2))
            i += 2
        elif style == '"' and char == "\\":
            code = text[i + 1 : i + 2]
            if code in _DOUBLE_ESCAPES:
                chars.append(_DOUBLE_ESCAPES[code])
                out.append((i, i + 2))
                i += 2
            elif code in _HEX:
                digits = text[i + 2 : i + 2 + _HEX[code]]
                if len(digits) != _HEX[code] or not re.fullmatch("[0-9a-fA-F]+", digits):
                    return False
                chars.append(chr(int(digits, 16)))
                out.append((i, i + 2 + len(digits)))
                i += 2 + len(digits)
            else:
                return False
        else:
            chars.append(char)
            out.append((i, i + 1))
            i += 1
    return True


def _scan_literal(text: str, start: int, end: int) -> Spans | None:
    """A literal block scalar (``|``): its content characters, line breaks made by YAML."""
    header = _BREAK.search(text, start, end)
    if header is None:
        return None
    indicator = re.match(r"\|([1-9])?[+-]?|\|[+-]([1-9])?", text[start : header.start()])
    if indicator is None:
        return None
    given = indicator.group(1) or indicator.group(2)
    lines, at = [], header.end()
    for brk in _BREAK.finditer(text, at, end):
        lines.append((at, brk.start()))
        at = brk.end()
    if at < end:
        lines.append((at, end))
    indent = int(given) if given else None
    out: Spans = []
    for a, b in lines:
        if indent is None and text[a:b].strip(" "):
            indent = len(text[a:b]) - len(text[a:b].lstrip(" "))
        if out:
            out.append(None)
        if indent is not None and b - a > indent:
            out.extend((i, i + 1) for i in range(a + indent, b))
    return out


def _escape(value: str, style: str) -> str | None:
    """``value`` written inside a scalar of ``style``; ``None`` if it cannot be."""
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value):
        return None
    if style == "'":
        return value.replace("'", "''")
    if style == '"':
        return value.replace("\\", "\\\\").replace('"', '\\"')
    return value


def _plan(text: str, start: int, end: int, style: str, old: str, new: str) -> tuple[list[Edit], str] | str:
    """The edits turning scalar ``old`` into ``new`` in the file, and the value they give.

    Or why it cannot be done. White space YAML made, or a line break the
    author wrote, is kept as it is: a quote compares equal across it.
    """
    if style == "|":
        spans = _scan_literal(text, start, end)
    elif style in ("", "'", '"'):
        spans = _scan_flow(text, start, end, style)
    else:
        return "a folded block scalar (`>`) cannot be edited safely"
    if spans is None or len(spans) < len(old.rstrip("\n")):
        return "its YAML could not be read back character for character"
    edits, value, cursor = [], [], 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        was, now = old[i1:i2], new[j1:j2]
        if not was.strip() and not now.strip() and (set(was) - {" "} or i2 > len(spans)):
            continue  # a line break (or YAML's folding) for a space: equal in a quote
        value.append(old[cursor:i1])
        cursor = i2
        places = spans[i1:i2]
        if any(p is None for p in places):
            return "the change falls on a line break of the YAML; edit it by hand"
        written = _escape(now, style)
        if written is None:
            return "the new text cannot be written in this scalar's style"
        if places:
            first, final = places[0], places[-1]
            assert first is not None and final is not None
            if any(p[1] != q[0] for p, q in pairwise(places)):  # type: ignore[index]
                return "the change is not in one piece of the YAML; edit it by hand"
            edits.append(Edit(first[0], final[1], written))
        else:
            before = spans[i1 - 1] if i1 > 0 else None
            after = spans[i1] if i1 < len(spans) else None
            if before is not None:
                edits.append(Edit(before[1], before[1], written))
            elif after is not None:
                edits.append(Edit(after[0], after[0], written))
            else:
                return "the change falls on a line break of the YAML; edit it by hand"
        value.append(now)
    value.append(old[cursor:])
    return edits, "".join(value)


@dataclass(frozen=True)
class _Scalar:
    """A scalar as the parser saw it: where it starts (1-based) and its range of the text."""

    line: int
    col: int
    start: int
    end: int
    value: str
    style: str


def _scalars(text: str) -> list[_Scalar]:
    out = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.ScalarEvent):
            start, end = event.start_mark, event.end_mark
            assert start is not None and end is not None  # the parser always marks its events
            out.append(
                _Scalar(
                    start.line + 1, start.column + 1, start.index, end.index, event.value, event.style or ""
                )
            )
    return out


def _shape(text: str) -> list[tuple[str, object]]:
    """The document's events, values included (what must not change but the edited values)."""
    shape: list[tuple[str, object]] = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.ScalarEvent):
            shape.append(("scalar", event.value))
        else:
            shape.append((type(event).__name__, getattr(event, "flow_style", None)))
    return shape


@dataclass(frozen=True)
class Done:
    """A fix made: the value written, the scalar's range in the old text, and the edits."""

    fix: Fix
    value: str
    start: int
    end: int
    edits: list[Edit]


@dataclass(frozen=True)
class Outcome:
    """What :func:`apply` did: the new text, the fixes made, and those skipped with why."""

    text: str
    done: list[Done]
    skipped: list[tuple[Fix, str]]


def apply(text: str, fixes: list[Fix]) -> Outcome:
    """The deck ``text`` with every fix that can be made safely made.

    ``text`` is the deck as the loader read it (no BOM). Quotes are found
    by their line and column (the loader's ``Citation.location``).
    """
    by_place = {(e.line, e.col): e for e in _scalars(text)}
    planned: list[tuple[Fix, list[Edit], str, int, int]] = []
    skipped: list[tuple[Fix, str]] = []
    for fix in fixes:
        where = fix.citation.location
        event = by_place.get((where.line, where.col))
        if event is None or event.value != fix.old:
            skipped.append((fix, "its place in the file was not found"))
            continue
        plan = _plan(text, event.start, event.end, event.style, fix.old, fix.new)
        if isinstance(plan, str):
            skipped.append((fix, plan))
            continue
        edits, value = plan
        if value != fix.old:
            planned.append((fix, edits, value, event.start, event.end))
    while True:
        new_text = _edit(text, [e for _, edits, _, _, _ in planned for e in edits])
        failed = _check(text, new_text, planned)
        if len(failed) > 1 and len(failed) == len(planned):
            # The document's shape changed: find the culprits one by one.
            failed = [p[0] for p in planned if _check(text, _edit(text, p[1]), [p])]
        if not failed:
            break
        for fix in failed:
            skipped.append((fix, "the edited YAML would not read back as intended; edit it by hand"))
        planned = [p for p in planned if p[0] not in failed]
    done = [Done(fix, value, a, b, edits) for fix, edits, value, a, b in planned]
    return Outcome(new_text, sorted(done, key=lambda d: d.start), skipped)


def _edit(text: str, edits: list[Edit]) -> str:
    pieces, cursor = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.by)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _check(old_text: str, new_text: str, planned: list[tuple[Fix, list[Edit], str, int, int]]) -> list[Fix]:
    """The fixes whose edit did not read back as intended (all, if the document's shape changed)."""
    try:
        before, after = _shape(old_text), _shape(new_text)
    except yaml.YAMLError:
        after = []
    if len(before) != len(after) or not planned:
        return [p[0] for p in planned] if len(before) != len(after) else []
    scalar_at = [e.start for e in _scalars(old_text)]
    expected = {at: value for _, _, value, at, _ in planned}
    owner = {at: fix for fix, _, _, at, _ in planned}
    failed: list[Fix] = []
    scalars = iter(scalar_at)
    for (kind, was), (kind_now, now) in zip(before, after, strict=True):
        at = next(scalars) if kind == "scalar" else None
        if kind != kind_now:
            return [p[0] for p in planned]
        want = expected.get(at, was) if at is not None else was
        if now != want:
            if at in owner:
                failed.append(owner[at])
            else:
                return [p[0] for p in planned]
    return failed


def diff_lines(old_text: str, done: Done, shown: str, line: int) -> list[str]:
    """The lines of one edited scalar that changed, before and after, as a small diff.

    ``line`` is the 1-based number of the line the scalar starts on; the
    header gives the number of the first line that changed. Only
    the scalar's own lines are looked at (a fix never adds or removes a
    line break), so a deck with many fixes is not split once per fix.
    """
    first = old_text.rfind("\n", 0, done.start) + 1
    last = old_text.find("\n", done.end)
    last = len(old_text) if last < 0 else last
    edits = [Edit(e.start - first, e.end - first, e.by) for e in done.edits]
    old_lines = old_text[first:last].split("\n")
    new_lines = _edit(old_text[first:last], edits).split("\n")
    changed = [
        (i, was, now) for i, (was, now) in enumerate(zip(old_lines, new_lines, strict=False)) if was != now
    ]
    out = [f"@@ {shown}:{line + changed[0][0]} @@"] if changed else []
    for _, was, now in changed:
        out += [f"-{was.rstrip(chr(13))}", f"+{now.rstrip(chr(13))}"]
    return out


def fix_deck(path: str, shown: str, dry_run: bool) -> None:
    """Fix (or with ``dry_run`` only show) the deck's typographic near-misses.

    Says each change as a diff and each quote left alone with why; then
    ``check`` goes on to verify the file as it now is. A deck that does
    not load is left to ``check`` to report.
    """
    from briefing.cli.stdout import write_line
    from briefing.core.loader import load_deck
    from briefing.core.problems import DeckError, say
    from briefing.output.atomic import write_atomic
    from briefing.store.cache import QuoteOffsets

    target = Path(path)
    try:
        data, text = read_deck_text(target)
        deck = load_deck(target, data=data)
    except (OSError, UnicodeDecodeError, DeckError):
        return
    verifier = Verifier(deck, QuoteOffsets())
    outcome = apply(text, near_misses(deck, verifier, verifier.verify_all()))
    for done in outcome.done:
        where = done.fix.citation.location
        write_line(f"{shown}:{where.line}:{where.col}: {done.fix.citation.path}: typography as in the source")
        for line in diff_lines(text, done, shown, where.line):
            write_line(line)
    for fix, why in outcome.skipped:
        where = fix.citation.location
        write_line(f"{shown}:{where.line}:{where.col}: {fix.citation.path}: not fixed: {why}")
    if not outcome.done:
        write_line(f"{shown}: nothing to fix")
        return
    if dry_run:
        write_line(f"{shown}: {len(outcome.done)} quote(s) would be fixed (dry run: nothing written)")
        return
    new_text = ("\ufeff" if data.startswith(b"\xef\xbb\xbf") else "") + outcome.text
    try:
        if target.read_bytes() != data:
            say(sys.stderr, f"{shown}: changed while being fixed; nothing written (run again)")
            return
        keep = [s.resolved for s in deck.sources if s.resolved is not None]
        write_atomic(target, new_text, force=True, keep=keep)
    except OSError as error:
        say(sys.stderr, f"{shown}: cannot write the fixes: {error.strerror or error}")
        return
    write_line(f"{shown}: {len(outcome.done)} quote(s) fixed")


def read_deck_text(path: Path) -> tuple[bytes, str]:
    """The deck's bytes and its text as the loader reads it (BOM dropped)."""
    data = path.read_bytes()
    return data, data.decode("utf-8").removeprefix("\ufeff")
