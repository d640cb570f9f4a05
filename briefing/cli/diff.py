"""``briefing diff OLD NEW`` (or ``DECK --since REV``): what changed since the last version.

Reads both decks, compares them with :mod:`briefing.core.diff`, and prints
the changes for people (colour on a terminal, plain in a pipe), as JSON
(``--json``), or as a "Since the last version" slide to append (``--slide``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing.cli.stdout import OutputError, failed, write_line, write_text
from briefing.core.diff import Change, DeckDiff, diff_decks
from briefing.core.loader import load_deck
from briefing.core.model import Deck
from briefing.core.problems import DeckError, report, say
from briefing.core.textsafe import clean

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2

#: How each kind of change reads, and its ANSI colour.
_WORDS = {
    "added": ("+ added", "32"),
    "removed": ("- removed", "31"),
    "reworded": ("~ reworded", "33"),
    "judgement": ("~ judgement", "35"),
    "confidence": ("~ confidence", "35"),
    "likelihood": ("~ likelihood", "35"),
    "stance": ("~ stance", "36"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing diff",
        description="Show what changed between two versions of a deck: items, judgements, "
        "confidence and likelihood, stances, and sources (with what rests on them).",
        epilog="Exit status: 0 compared, 1 a deck has problems, 2 unusable input.",
    )
    parser.add_argument("decks", nargs="+", metavar="DECK", help="OLD NEW, or one deck with --since")
    parser.add_argument("--since", metavar="REV", help="compare DECK with its version at git revision REV")
    parser.add_argument("--json", action="store_true", help="print the changes as one JSON document")
    parser.add_argument(
        "--slide", action="store_true", help="print a “Since the last version” slide to append to NEW"
    )
    return parser


def run(argv: list[str]) -> int:
    """Run ``briefing diff``; returns the exit status."""
    try:
        return _run(argv)
    except OutputError as output:
        failed("diff", output.error)
        return EXIT_OK if isinstance(output.error, BrokenPipeError) else EXIT_UNUSABLE


def _load(path: str, shown: str | None = None) -> Deck | int:
    try:
        return load_deck(path)
    except DeckError as error:
        report(error.problems, f"{clean(shown or path)}: {len(error.problems)} problem(s); cannot compare")
        return EXIT_UNUSABLE if error.unusable else EXIT_PROBLEMS


def _run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.since is not None:
        if len(args.decks) != 1:
            parser.error("--since takes one deck: briefing diff DECK --since REV")
        return _since(args.decks[0], args.since, args)
    if len(args.decks) != 2:
        parser.error("give two decks, OLD NEW (or one deck with --since REV)")
    old = _load(args.decks[0])
    if isinstance(old, int):
        return old
    new = _load(args.decks[1])
    if isinstance(new, int):
        return new
    return _show(diff_decks(old, new), new, args)


def _since(deck: str, rev: str, args: argparse.Namespace) -> int:
    """Compare ``deck`` with its version at ``rev``, read by ``git show`` into a file beside it.

    Beside it, so the old version's relative source paths resolve as they did.
    """
    path = Path(deck)
    if not path.is_file():
        say(sys.stderr, f"briefing diff: no such file: {clean(deck)}")
        return EXIT_UNUSABLE
    folder = path.parent.resolve()
    try:
        shown = subprocess.run(
            ["git", "show", f"{rev}:./{path.name}"], cwd=folder, capture_output=True, check=False
        )
    except OSError as error:
        say(sys.stderr, f"briefing diff: cannot run git ({error.strerror}): is git installed?")
        return EXIT_UNUSABLE
    if shown.returncode != 0:
        said = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        why = clean(said[-1] if said else "")
        say(sys.stderr, f"briefing diff: git has no {clean(deck)} at {clean(rev)}: {why}")
        return EXIT_UNUSABLE
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".yaml", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(shown.stdout)
        old = _load(temp, f"{deck}@{rev}")
    finally:
        os.unlink(temp)
    if isinstance(old, int):
        return old
    new = _load(deck)
    if isinstance(new, int):
        return new
    return _show(diff_decks(old, new), new, args)


def _show(diff: DeckDiff, new: Deck, args: argparse.Namespace) -> int:
    if args.json:
        write_text(json.dumps({"version": 1, **diff.as_dict()}, ensure_ascii=False, indent=2) + "\n")
    elif args.slide:
        write_text(slide_yaml(diff, new))
    else:
        colour = _colour_wanted()
        for line in report_lines(diff, colour):
            if colour:
                write_text(line + "\n")  # the pieces are cleaned; the escapes are ours
            else:
                write_line(line)
    return EXIT_OK


def _colour_wanted() -> bool:
    """Colour only on a terminal, and never with ``NO_COLOR`` set."""
    try:
        return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    except (OSError, ValueError):
        return False


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _describe(change: Change) -> str:
    item = change.item
    name = f"{item.id}: " if item.id else ""
    where = f"[{clean(item.slide)}] {clean(name)}“{clean(item.label)}”"
    if change.kind == "reworded":
        return f"{where}\n      was: “{clean(change.old)}”"
    if change.kind in ("confidence", "likelihood", "stance", "judgement"):
        return f"{where}: {clean(change.old) or '(none)'} → {clean(change.new) or '(none)'}"
    return where


def report_lines(diff: DeckDiff, colour: bool = False) -> list[str]:
    """The changes as lines for people (ANSI colour when ``colour``; text is cleaned first)."""
    if diff.empty:
        return ["No changes."]
    lines: list[str] = []
    for title in diff.slides_added:
        lines.append(_paint("+ slide", "32;1", colour) + f" “{clean(title)}”")
    for title in diff.slides_removed:
        lines.append(_paint("- slide", "31;1", colour) + f" “{clean(title)}”")
    judgements = [c for c in diff.changes if c.item.judgement]
    others = [c for c in diff.changes if not c.item.judgement]
    for heading, group in (("Judgements", judgements), ("Items", others)):
        if group:
            lines.append(_paint(f"{heading} ({len(group)} change(s))", "1", colour))
            for change in group:
                word, code = _WORDS[change.kind]
                lines.append(f"  {_paint(word, code, colour)} {_describe(change)}")
    if diff.sources:
        lines.append(_paint(f"Sources ({len(diff.sources)} change(s))", "1", colour))
        for source in diff.sources:
            sha = f" sha256 {source.old_sha256[:12] or '-'} → {source.new_sha256[:12] or '-'}"
            lines.append(f"  {_paint(source.kind, '33', colour)} {clean(source.id)}{sha}")
            for ref in source.affected:
                mark = "◆ judgement" if ref.judgement else "item"
                lines.append(f"      affects {mark} [{clean(ref.slide)}] “{clean(ref.label)}”")
    return lines


def slide_yaml(diff: DeckDiff, new: Deck) -> str:
    """A "Since the last version" points slide, as YAML to append under ``slides:``.

    Each change to an item that still has an id becomes a judgement resting
    on it (so the slide verifies like any other); the rest goes in its notes.
    """
    import yaml

    items, notes = [], []
    ids = set(new.items_by_id)
    for change in diff.changes:
        word = _WORDS[change.kind][0].split(" ", 1)[1].capitalize()
        detail = (
            f" ({change.old or 'none'} → {change.new or 'none'})"
            if change.kind
            not in (
                "added",
                "removed",
                "reworded",
            )
            else ""
        )
        text = f"{word}: {change.item.label}{detail}"
        if change.item.id in ids and change.kind != "removed":
            items.append(
                {"text": text, "judgement": True, "rests_on": [change.item.id], "confidence": "high"}
            )
        else:
            notes.append(text + ".")
    for source in diff.sources:
        notes.append(f"Source {source.id} {source.kind}; it affects {len(source.affected)} item(s).")
    notes += [f"Slide added: {t}." for t in diff.slides_added]
    notes += [f"Slide removed: {t}." for t in diff.slides_removed]
    slide: dict[str, object] = {"kind": "points", "title": "Since the last version"}
    if items:
        slide["points"] = items
    else:
        slide["kind"] = "title"
    if notes:
        slide["notes"] = " ".join(notes)
    text = yaml.safe_dump([slide], allow_unicode=True, sort_keys=False, width=100)
    return "\n" + "".join(f"  {line}\n" for line in text.splitlines())
