"""The PDF export: a page per slide, the cited passages after them, written safely.

The PDF is read back with pypdf: each slide must start its own page (its
``n / N`` line heads a page, in order), every slide title must be in the
text, and the appendix after the slides must hold every verified passage.
Without WeasyPrint the export raises :class:`PdfUnavailable` and writes
nothing.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.textsafe import clean
from briefing.core.verify import Verifier
from briefing.output.atomic import RefusedTarget
from briefing.output.pdf import PdfUnavailable, export_pdf
from briefing.output.walk import walk

ROOT = Path(__file__).parent.parent
DECKS = [ROOT / "decks" / "reassurance-force.yaml", ROOT / "decks" / "state-of-the-union-2022.yaml"]
HOSTILE = ROOT / "tests" / "data" / "export" / "hostile.yaml"


def flat(text: str) -> str:
    return " ".join(clean(text).split())


def pages_of(path: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def actions(path: Path) -> list[tuple[dict, str]]:
    """Every link annotation's action, with its URI ('' for an in-document link)."""
    pypdf = pytest.importorskip("pypdf")
    found = []
    for page in pypdf.PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            found.append((action, str(action.get("/URI", ""))))
    return found


@pytest.fixture(scope="module", params=DECKS, ids=[p.stem for p in DECKS])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("weasyprint", reason="WeasyPrint (the pdf extra) is not installed")
    deck = load_deck(request.param)
    verifier = Verifier(deck)
    path = tmp_path_factory.mktemp("pdf") / "deck.pdf"
    export_pdf(deck, verifier, path)
    return deck, verifier, pages_of(path)


def test_each_slide_starts_its_own_page_and_the_passages_follow(printed) -> None:
    deck, _, pages = printed
    count = len(deck.slides)
    heads = [int(m[1]) for page in pages if (m := re.match(rf"(\d+) / {count}\b", page))]
    assert heads == list(range(1, count + 1))
    appendix = next(k for k, page in enumerate(pages) if page.startswith("Cited passages"))
    assert appendix >= count  # after the last slide's page(s)
    assert len(pages) >= count + 1


def test_every_title_and_passage_is_in_the_text(printed) -> None:
    deck, verifier, pages = printed
    text = flat(" ".join(pages))
    for slide in deck.slides:
        assert flat(slide.title) in text
    appendix = flat(" ".join(pages[next(k for k, p in enumerate(pages) if p.startswith("Cited passages")) :]))
    passages = {
        c.passage for s in walk(deck, verifier) for i in s.items for c in i.citations if c.passage is not None
    }
    assert passages
    missing = [p for p in passages if flat(p) not in appendix]
    assert not missing, missing[:3]


def test_hostile_deck_makes_no_script_and_no_outside_link(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint (the pdf extra) is not installed")
    pypdf = pytest.importorskip("pypdf")
    deck = load_deck(HOSTILE)
    path = tmp_path / "hostile.pdf"
    export_pdf(deck, Verifier(deck), path, notes=True)
    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/JavaScript" not in (root.get("/Names") or {})
    kinds = {str(action.get("/S")) for action, _ in actions(path)}
    assert kinds <= {"/URI", "/GoTo", "None"}, kinds
    uris = [uri for _, uri in actions(path) if uri]
    assert all(re.fullmatch(r"https?://\S+", uri) for uri in uris), uris
    text = flat(" ".join(pages_of(path)))
    assert "<script>alert(1)</script>" in text  # shown as the deck wrote it


def test_a_javascript_url_is_not_a_link(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint (the pdf extra) is not installed")
    (tmp_path / "a.txt").write_text("The words are here.\n", encoding="utf-8")
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "briefing: 1\ntitle: T\nsources:\n  - id: a\n    path: a.txt\n    url: 'javascript:alert(1)'\n"
        "slides:\n  - kind: points\n    title: S\n    points:\n      - text: P\n"
        "        cite: ['The words are here.']\n",
        encoding="utf-8",
    )
    deck = load_deck(deck_file)
    path = tmp_path / "out.pdf"
    export_pdf(deck, Verifier(deck), path)
    assert [uri for _, uri in actions(path) if uri] == []
    assert "javascript:alert(1)" in flat(" ".join(pages_of(path)))  # shown, as text


def test_never_writes_over_the_deck_or_an_existing_file(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="WeasyPrint (the pdf extra) is not installed")
    # A copy, so that a broken guard destroys nothing of the project's.
    (tmp_path / "decks").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(DECKS[0], tmp_path / "decks")
    shutil.copy(ROOT / "seeds" / "paris-summit-reassurance-force.txt", tmp_path / "seeds")
    deck = load_deck(tmp_path / "decks" / DECKS[0].name)
    verifier = Verifier(deck)
    before = deck.path.read_bytes()
    with pytest.raises(RefusedTarget):
        export_pdf(deck, verifier, deck.path, force=True)
    assert deck.path.read_bytes() == before
    tmp_path = tmp_path / "seeds"
    existing = tmp_path / "old.pdf"
    existing.write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        export_pdf(deck, verifier, existing)
    assert existing.read_text(encoding="utf-8") == "keep me"
    export_pdf(deck, verifier, existing, force=True)
    assert existing.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.pdf", "paris-summit-reassurance-force.txt"]


def test_without_weasyprint_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes `import weasyprint` fail
    deck = load_deck(DECKS[0])
    with pytest.raises(PdfUnavailable, match=r"pip install 'briefing\[pdf\]'"):
        export_pdf(deck, Verifier(deck), tmp_path / "out.pdf")
    assert not list(tmp_path.iterdir())
