"""The hand-out in a real browser: the one script runs under the CSP and drives the slide mode.

Headless Chromium loads the exported file, lets its script run, and dumps
the resulting DOM. The script runs only if the Content-Security-Policy's
hash matches it, so these tests also prove the policy allows exactly the
script the file ships. Skipped, with the reason, where Chromium is missing
(``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.output.html import export_html
from tests.test_html import BUNDLED, HOSTILE, Node, parse

CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


def dump(page: Path, tmp_path: Path, fragment: str = "", width: int = 1280, height: int = 800) -> Node:
    """The DOM after the page's script ran, as headless Chromium serialises it."""
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=3000", f"--window-size={width},{height}", "--dump-dom",
            page.as_uri() + fragment,
        ],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return parse(result.stdout)


def body_classes(root: Node) -> set[str]:
    (body,) = root.find_all("body")
    return body.classes


def active(root: Node) -> list[str]:
    return [s.attrs["id"] for s in root.find_all("section", "slide") if "active" in s.classes]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    deck = load_deck(BUNDLED)
    path = tmp_path_factory.mktemp("html") / "deck.html"
    path.write_text(export_html(deck, Verifier(deck)), encoding="utf-8")
    return path


def test_wide_window_opens_in_slide_mode_on_the_first_slide(page: Path, tmp_path: Path) -> None:
    root = dump(page, tmp_path)
    assert "slides" in body_classes(root)
    assert active(root) == ["slide-1"]
    assert [b.text() for b in root.find_all("button") if b.attrs.get("id") == "mode"] == ["Document"]


def test_a_slide_link_opens_that_slide(page: Path, tmp_path: Path) -> None:
    assert active(dump(page, tmp_path, "#slide-3")) == ["slide-3"]


def test_a_passage_link_opens_the_source_with_the_passage_highlighted(page: Path, tmp_path: Path) -> None:
    root = dump(page, tmp_path, "#n4")
    assert {"slides", "reading"} <= body_classes(root)
    current = [m for m in root.find_all("mark") if "current" in m.classes]
    assert current and all("4" in m.attrs["data-n"].split() for m in current)
    assert len(current) == sum(1 for m in root.find_all("mark") if "4" in m.attrs["data-n"].split())


def test_a_phone_gets_the_document(page: Path, tmp_path: Path) -> None:
    root = dump(page, tmp_path, width=390, height=844)
    assert "slides" not in body_classes(root)
    assert [b.text() for b in root.find_all("button") if b.attrs.get("id") == "mode"] == ["Slides"]


def test_hostile_deck_runs_no_script_of_its_own(tmp_path: Path) -> None:
    deck = load_deck(HOSTILE)
    path = tmp_path / "hostile.html"
    path.write_text(export_html(deck, Verifier(deck), notes=True), encoding="utf-8")
    root = dump(path, tmp_path)
    assert len(root.find_all("script")) == 1
    assert active(root) == ["slide-1"]  # the file's own script ran, and nothing else changed the page
    tags = {n.tag for n in root.iter()}
    assert not tags & {"iframe", "img", "object", "embed", "b", "em", "svg"}
