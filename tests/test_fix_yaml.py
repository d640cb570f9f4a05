"""``check --fix``: quotes rewritten in their own YAML scalars, nothing else touched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.cli.main import main
from tests.deckfiles import make_project

ARTICLE = (
    "He said: “We won’t retreat — ever.” The well-known general agreed.\n\n"
    "It is not unanimous. Officials called it the ‘final offer’ on Monday.\n"
)

SLIDES = """\
  # a comment that must stay
  - kind: points     # so must this one
    title: Points
    points:
      - text: plain
        cite:
          - it is not unanimous.   # plain scalar, capital at the start
      - text: single
        cite: ['We won''t retreat -- ever.']
      - text: double
        cite:
          - quote: "said: \\"We won't  retreat"
            prefix: He
          - the 'final offer' on Monday
      - text: literal
        cite:
          - |
            The well known general
      - text: changed word
        cite: ["We will not retreat"]
"""

FIXED = """\
  # a comment that must stay
  - kind: points     # so must this one
    title: Points
    points:
      - text: plain
        cite:
          - It is not unanimous.   # plain scalar, capital at the start
      - text: single
        cite: ['We won’t retreat — ever.']
      - text: double
        cite:
          - quote: "said: “We won’t retreat"
            prefix: He
          - the ‘final offer’ on Monday
      - text: literal
        cite:
          - |
            The well-known general
      - text: changed word
        cite: ["We will not retreat"]
"""


#: A points slide up to its list of citations.
CITE = "  - kind: points\n    title: P\n    points:\n      - text: x\n        cite:\n"


def _deck(tmp_path: Path, slides: str = SLIDES) -> Path:
    return make_project(tmp_path, slides, article=ARTICLE)


def test_fix_rewrites_each_style_and_keeps_everything_else_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = _deck(tmp_path)
    header = deck.read_text(encoding="utf-8").removesuffix(SLIDES)
    status = main(["check", "--fix", str(deck)])
    out = capsys.readouterr().out
    assert deck.read_text(encoding="utf-8") == header + FIXED
    assert "5 quote(s) fixed" in out
    assert "-          - it is not unanimous.   # plain scalar, capital at the start" in out
    assert "+          - It is not unanimous.   # plain scalar, capital at the start" in out
    assert re.search(r"@@ \S*deck\.yaml:13 @@\n-          - it is not", out)
    # A literal block's hunk is numbered by the line that changed (24), not by its `|` (23).
    assert re.search(
        r"@@ \S*deck\.yaml:24 @@\n-            The well known general\n\+            The well-k", out
    )
    # The changed word stays a problem, with its closest-passage hint.
    assert status == 1
    assert "cite[0]: quote not found" in out and "Closest passage" in out
    assert "5/6 citations verified" in out


def test_dry_run_prints_the_diff_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = _deck(tmp_path)
    before = deck.read_bytes()
    stamp = deck.stat().st_mtime_ns
    assert main(["check", "--fix", "--dry-run", str(deck)]) == 1
    out = capsys.readouterr().out
    assert deck.read_bytes() == before and deck.stat().st_mtime_ns == stamp
    assert "+        cite: ['We won’t retreat — ever.']" in out
    assert "5 quote(s) would be fixed (dry run: nothing written)" in out
    assert not list(deck.parent.glob(".*.tmp"))


def test_a_deck_with_only_changed_words_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = _deck(
        tmp_path,
        SLIDES.split("      - text: plain")[0] + '      - text: x\n        cite: ["It is not unanimously"]\n',
    )
    before = deck.read_bytes()
    assert main(["check", "--fix", str(deck)]) == 1
    out = capsys.readouterr().out
    assert deck.read_bytes() == before
    assert "nothing to fix" in out and "quote not found" in out


def test_bom_and_crlf_line_endings_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = _deck(tmp_path)
    text = deck.read_text(encoding="utf-8")
    deck.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    header = text.removesuffix(SLIDES)
    assert main(["check", "--fix", str(deck)]) == 1
    capsys.readouterr()
    assert deck.read_bytes() == b"\xef\xbb\xbf" + (header + FIXED).replace("\n", "\r\n").encode("utf-8")


def test_a_folded_block_is_skipped_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slides = CITE + "          - >\n            it is not unanimous.\n"
    deck = _deck(tmp_path, slides)
    before = deck.read_bytes()
    main(["check", "--fix", str(deck)])
    out = capsys.readouterr().out
    assert deck.read_bytes() == before
    assert "not fixed: a folded block scalar (`>`) cannot be edited safely" in out


def test_a_change_on_a_folded_line_break_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # YAML folds the line break into the space the source writes as a hyphen.
    slides = CITE + "          - The well\n            known general\n"
    deck = _deck(tmp_path, slides)
    before = deck.read_bytes()
    main(["check", "--fix", str(deck)])
    out = capsys.readouterr().out
    assert deck.read_bytes() == before
    assert "not fixed: the change falls on a line break of the YAML" in out


def test_multi_line_scalars_are_edited_where_they_can_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slides = CITE + '          - "He said: \\"We won\'t\n            retreat\\u2014ever.\\""\n'
    deck = _deck(tmp_path, slides)
    assert main(["check", "--fix", str(deck)]) == 0
    capsys.readouterr()
    # The author's escape stays; the spaces the source has round the dash are added.
    assert deck.read_text(encoding="utf-8").endswith(
        '          - "He said: “We won’t\n            retreat \\u2014 ever.”"\n'
    )


def test_fix_needs_a_named_deck_and_no_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--fix"])
    assert "--fix edits a deck file" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["check", "--dry-run", str(_deck(tmp_path))])
    assert "--dry-run goes with --fix" in capsys.readouterr().err


def test_the_source_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = _deck(tmp_path)
    source = tmp_path / "seeds" / "article.txt"
    before = source.read_bytes()
    main(["check", "--fix", str(deck)])
    capsys.readouterr()
    assert source.read_bytes() == before


def test_an_edit_that_would_not_read_back_is_never_made() -> None:
    from briefing.cli.fix import Fix, apply
    from briefing.core.model import Citation, Location

    text = "a: first # note\nb: [one, two]\n"
    # Written plain, `#x` after a space would start a comment; a comma would split the list.
    fixes = [
        Fix(Citation("s", "first", location=Location(1, 4)), "first", "first #x"),
        Fix(Citation("s", "one", location=Location(2, 5)), "one", "o,ne"),
    ]
    outcome = apply(text, fixes)
    assert outcome.text == text
    assert not outcome.done
    assert [why for _, why in outcome.skipped] == [
        "the edited YAML would not read back as intended; edit it by hand"
    ] * 2
    good = Fix(Citation("s", "two", location=Location(2, 10)), "two", "Two")
    outcome = apply(text, [*fixes, good])
    assert outcome.text == "a: first # note\nb: [one, Two]\n"
    assert [done.fix for done in outcome.done] == [good]


def test_straight_quotes_from_the_source_are_escaped_as_the_style_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = "He called it \"final\" today, a rock 'n' roll summit.\n"
    slides = CITE + "          - \"called it “final” today\"\n          - 'a rock ‘n’ roll summit'\n"
    deck = make_project(tmp_path, slides, article=article)
    assert main(["check", "--fix", str(deck)]) == 0
    assert "2 quote(s) fixed" in capsys.readouterr().out
    assert deck.read_text(encoding="utf-8").endswith(
        "          - \"called it \\\"final\\\" today\"\n          - 'a rock ''n'' roll summit'\n"
    )


def test_verified_offsets_that_do_not_hold_the_quote_are_never_used(tmp_path: Path) -> None:
    """A verified result whose offsets point at other words (say, a stale cache) gives no fix."""
    from briefing.cli.fix import near_misses
    from briefing.core.loader import load_deck
    from briefing.core.verify import CitationResult, Verification, Verifier

    deck = load_deck(_deck(tmp_path, CITE + '          - "it is not unanimous."\n'))
    verifier = Verifier(deck)
    (citation,) = deck.citations
    honest = verifier.verify_all()
    assert [fix.new for fix in near_misses(deck, verifier, honest)] == ["It is not unanimous."]
    text = verifier.source_text("article")
    assert text is not None
    start = text.text.index("Officials")
    wrong = CitationResult(citation, "verified", start, start + len("Officials called it"), 2)
    stale = Verification({citation.path: wrong}, [], {})
    assert near_misses(deck, verifier, stale) == []
