"""`briefing draft` end to end: the bundled article's quality bar, .txt/.html/.pdf to a clean deck,
byte-identical output, and never overwriting without --force."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.check import run as check
from briefing.cli.draft import run as draft
from briefing.core.loader import load_deck
from briefing.core.model import Figure, Quote, Reaction
from briefing.core.sourcetext import normalize
from briefing.core.verify import Verifier

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "paris-summit-reassurance-force.txt"
DATA = ROOT / "tests" / "data" / "draft"
needs_html = pytest.mark.skipif(importlib.util.find_spec("trafilatura") is None, reason="ingest extra")
needs_pdf = pytest.mark.skipif(importlib.util.find_spec("pypdf") is None, reason="ingest extra")


def drafted(tmp_path: Path, *articles: Path, name: str = "x") -> Path:
    out = tmp_path / "decks" / f"{name}.yaml"
    assert draft([str(a) for a in articles] + ["-o", str(out)]) == 0
    return out


def items(deck, kind):
    return [i for s in deck.slides for i in s.items if isinstance(i, kind)]


def _key(text: str) -> str:
    return normalize(text).strip(" ,.;:!?").casefold()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return load_deck(drafted(tmp_path_factory.mktemp("bundled"), ARTICLE))


def test_bundled_article_finds_all_ten_actors(bundled):
    countries = {r.country for r in items(bundled, Reaction)}
    expected = {
        "France",
        "United Kingdom",
        "Italy",
        "Greece",
        "Poland",
        "Baltic states",
        "Czech Republic",
        "United States",
        "Russia",
        "Ukraine",
    }
    assert expected <= countries


def test_bundled_article_finds_the_quotations_with_their_speakers(bundled):
    reference = load_deck(ROOT / "decks" / "reassurance-force.yaml")
    wanted = {(_key(q.text), q.speaker) for q in items(reference, Quote)}
    assert len(wanted) == 8
    got = {(_key(q.text), q.speaker) for q in items(bundled, Quote)}
    assert len(wanted & got) >= 7, sorted(wanted - got)


def test_bundled_article_finds_the_key_figures(bundled):
    figures = {(f.value, f.measures) for f in items(bundled, Figure)}
    assert {
        ("€2 billion", "new military aid"),
        ("10,000–30,000", "troops"),
        ("12", "wounded"),
        ("Nearly 30", "nations"),
    } <= figures


def test_every_drafted_item_is_marked_and_every_citation_verifies(bundled):
    all_items = [i for s in bundled.slides for i in s.items]
    assert all_items and all(i.draft for i in all_items)
    verification = Verifier(bundled).verify_all()
    assert verification.problems == []
    assert verification.verified_count == len(bundled.citations)


def test_txt_with_crlf_and_bom_drafts_a_deck_that_checks_clean(tmp_path, capsys):
    article = tmp_path / "in.txt"
    article.write_bytes(b"\xef\xbb\xbf" + ARTICLE.read_bytes().replace(b"\n", b"\r\n"))
    deck = drafted(tmp_path, article)
    snapshot = tmp_path / "seeds" / "in.txt"
    assert (
        snapshot.read_text(encoding="utf-8").splitlines() == ARTICLE.read_text(encoding="utf-8").splitlines()
    )
    capsys.readouterr()
    assert check([str(deck)]) == 0
    assert "items still drafts" in capsys.readouterr().out
    assert check(["--strict", str(deck)]) == 1


@needs_html
def test_html_page_drafts_a_deck_with_its_metadata(tmp_path):
    deck = load_deck(drafted(tmp_path, DATA / "article.html"))
    source = deck.sources[0]
    assert (source.title, source.url, source.date, source.original) == (
        "Storm forecasters expand coastal warnings",
        "https://weather.example.org/news/coastal-warnings",
        "2024-09-12",
        "article.html",
    )
    snapshot = (tmp_path / "seeds" / "article.txt").read_text(encoding="utf-8")
    assert "Subscribe to our newsletter" not in snapshot and "Home" not in snapshot  # boilerplate gone
    quotes = {(q.text, q.speaker) for q in items(deck, Quote)}
    assert ("This storm is growing faster than our models predicted", "Aaron Patel") in quotes
    assert ("We have room for everyone who needs it, but people must come early", "Lena Morris") in quotes
    assert check([str(tmp_path / "decks" / "x.yaml")]) == 0


@needs_pdf
def test_pdf_drafts_a_deck_that_checks_clean(tmp_path):
    deck = load_deck(drafted(tmp_path, DATA / "article.pdf"))
    assert deck.title == "Lunar rover team completes desert trials"
    assert {(q.text, q.speaker) for q in items(deck, Quote)} >= {
        ("The rover did everything we asked of it", "Maria Lopez"),
        ("We learned more in three weeks than in a year of simulations.", "Maria Lopez"),
    }
    assert ("€120 million", "so far") not in {(f.value, f.measures) for f in items(deck, Figure)}
    assert "€120 million" in {f.value for f in items(deck, Figure)}
    assert check([str(tmp_path / "decks" / "x.yaml")]) == 0


def test_output_is_byte_identical_twice(tmp_path):
    # Two processes with different string-hash seeds: no set or dict order may leak into the file.
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed / "decks" / "x.yaml"
        code = (
            "from briefing.cli.main import main; "
            f"raise SystemExit(main(['draft', {str(ARTICLE)!r}, '-o', {str(out)!r}]))"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, timeout=60)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert drafted(tmp_path / "in-process", ARTICLE).read_bytes() == outputs[0]


def test_a_candidate_that_does_not_verify_is_dropped(tmp_path, capsys):
    # The same sentence twice: every passage around its figure is ambiguous, so the figure goes.
    article = tmp_path / "twice.txt"
    article.write_text(
        "Officials counted 12 wounded after the strike.\nOfficials counted 12 wounded after the strike.\n"
        "“We will rebuild the school by June,” said Mayor Ana Sousa.\n",
        encoding="utf-8",
    )
    deck = load_deck(drafted(tmp_path, article))
    assert "2 candidate(s) dropped" in capsys.readouterr().out  # the figure, and the lede as bluf
    assert items(deck, Figure) == []
    assert [q.speaker for q in items(deck, Quote)] == ["Ana Sousa"]
    assert check([str(tmp_path / "decks" / "x.yaml")]) == 0


def test_never_overwrites_without_force(tmp_path, capsys):
    out = drafted(tmp_path, ARTICLE)
    out.write_text("mine\n", encoding="utf-8")
    assert draft([str(ARTICLE), "-o", str(out)]) == 2
    assert "exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert draft([str(ARTICLE), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Drafted by `briefing draft`")


def test_snapshot_with_other_text_is_not_overwritten(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    taken = tmp_path / "seeds" / "paris-summit-reassurance-force.txt"
    taken.write_text("someone else's text\n", encoding="utf-8")
    assert draft([str(ARTICLE), "-o", str(tmp_path / "decks" / "x.yaml")]) == 2
    assert taken.read_text(encoding="utf-8") == "someone else's text\n"
    assert not (tmp_path / "decks" / "x.yaml").exists()


def test_an_article_already_in_seeds_is_cited_as_it_is(tmp_path):
    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / "a.txt"
    shutil.copyfile(ARTICLE, seed)  # no final newline: not byte-identical to a snapshot
    before = seed.read_bytes()
    deck = load_deck(drafted(tmp_path, seed))
    assert seed.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == ["a.txt"]
    assert deck.sources[0].path == "../seeds/a.txt"
    assert deck.sources[0].sha256 == hashlib.sha256(before).hexdigest()
    assert Verifier(deck).verify_all().problems == []


def test_several_articles_cite_their_own_source(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("“We will fly in June,” said Ada Brook, the mission lead.\n", encoding="utf-8")
    deck = load_deck(drafted(tmp_path, ARTICLE, other))
    assert [s.id for s in deck.sources] == ["article-1", "article-2"]
    ada = next(q for q in items(deck, Quote) if q.speaker == "Ada Brook")
    assert {c.source_id for c in ada.citations} == {"article-2"}
    assert Verifier(deck).verify_all().problems == []


def test_unreadable_article_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9")
    assert draft([str(bad), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    assert draft([str(tmp_path / "missing.txt")]) == 2


def test_missing_extra_gives_a_clear_message(tmp_path):
    # Run with trafilatura and pypdf hidden: the message names the extra to install.
    code = (
        "import sys; sys.modules['trafilatura'] = None; sys.modules['pypdf'] = None\n"
        "from briefing.cli.main import main\n"
        f"sys.exit(main(['draft', {str(DATA / 'article.html')!r}, '-o', {str(tmp_path / 'x.yaml')!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "pip install 'briefing[ingest]'" in done.stderr


def test_viewer_start_up_never_imports_the_extractors():
    code = "import briefing.cli.main, briefing.ui.app, briefing.core.loader, briefing.core.verify"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, timeout=60
    )
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "briefing.ui.app" in imported
    assert not {
        m
        for m in imported
        if m.split(".")[0] in {"trafilatura", "pypdf", "lxml", "briefing"}
        and (m.startswith(("trafilatura", "pypdf", "lxml")) or m.startswith("briefing.draft"))
    }
