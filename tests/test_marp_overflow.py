"""Every slide of the Marp export fits Marp's 16:9 frame, measured, not estimated.

Both bundled decks are exported with ``--to marp``, rendered by marp-cli to
HTML, and opened in headless Chromium with a small script that measures,
for every slide, where its content starts and ends inside the 1280x720
section (Marp's default theme centres content vertically, so overflow shows
at both the top and the bottom; ``scrollHeight`` alone would miss half).
A slide fits when all its content lies inside the frame.

Run as a module to print the measurement per slide::

    python -m tests.test_marp_overflow
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.loader import load_deck
from briefing.core.verify import Verifier
from briefing.output.marp import export_marp

ROOT = Path(__file__).parent.parent
DECKS = [ROOT / "decks" / "reassurance-force.yaml", ROOT / "decks" / "state-of-the-union-2022.yaml"]
#: The frame, and the margin content must keep from its edges (Marp's
#: default padding is ~78px; content may use part of it, never leave the frame).
WIDTH, HEIGHT, MARGIN = 1280, 720, 20

#: Injected before ``</body>``: writes each section's content extent into the page.
MEASURE = """<script>
window.addEventListener('load', () => {
  const out = [];
  document.querySelectorAll('section[id]').forEach((s) => {
    const r = s.getBoundingClientRect();
    const scale = r.width / 1280;
    let top = 1e9, bottom = -1e9, left = 1e9, right = -1e9;
    const walk = (el) => {
      for (const c of el.children) {
        if (c.tagName === 'STYLE' || c.tagName === 'SCRIPT') continue;
        const b = c.getBoundingClientRect();
        if (b.height || b.width) {
          top = Math.min(top, (b.top - r.top) / scale);
          bottom = Math.max(bottom, (b.bottom - r.top) / scale);
          left = Math.min(left, (b.left - r.left) / scale);
          right = Math.max(right, (b.right - r.left) / scale);
        }
        walk(c);
      }
    };
    walk(s);
    const title = (s.querySelector('h1,h2') || {}).textContent || '';
    out.push({id: s.id, title, top, bottom, left, right});
  });
  const pre = document.createElement('pre');
  pre.id = 'briefing-measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def chromium() -> str | None:
    """The Chromium binary (``CHROME_PATH`` or on the path), if any."""
    for candidate in (os.environ.get("CHROME_PATH"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def marp_html(markdown: Path, html: Path) -> None:
    """Render ``markdown`` with marp-cli to HTML (no browser needed for this step)."""
    subprocess.run(
        ["marp", "--no-stdin", "--html=false", "--template", "bare", str(markdown), "-o", str(html)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def measure(html: Path, browser: str) -> list[dict]:
    """Each slide's content extent in 1280x720 units, from Chromium."""
    page = html.with_name(html.stem + ".measured.html")
    page.write_text(
        html.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8"
    )
    out = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1280,720",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found = re.search(r'<pre id="briefing-measure">([^<]*)</pre>', out)
    assert found, "the measuring script did not run"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def overflow(slide: dict) -> float:
    """How far (px) a slide's content leaves the frame less the margin; 0 when it fits."""
    return max(
        0.0,
        MARGIN - slide["top"],
        slide["bottom"] - (HEIGHT - MARGIN),
        MARGIN - slide["left"],
        slide["right"] - (WIDTH - MARGIN),
    )


def measure_deck(deck_path: Path, folder: Path, browser: str) -> list[dict]:
    deck = load_deck(deck_path)
    markdown = folder / f"{deck_path.stem}.marp.md"
    markdown.write_text(export_marp(deck, Verifier(deck)), encoding="utf-8")
    html = folder / f"{deck_path.stem}.html"
    marp_html(markdown, html)
    return measure(html, browser)


needs_tools = pytest.mark.skipif(
    shutil.which("marp") is None or chromium() is None,
    reason="needs marp-cli (npm install -g @marp-team/marp-cli) and Chromium (apt-get install chromium)",
)


@needs_tools
@pytest.mark.parametrize("deck_path", DECKS, ids=lambda p: p.stem)
def test_every_marp_slide_fits_the_frame(deck_path: Path, tmp_path: Path) -> None:
    browser = chromium()
    assert browser
    slides = measure_deck(deck_path, tmp_path, browser)
    assert slides, "marp rendered no slide"
    report = [f"slide {s['id']} {s['title'][:40]!r}: {s['top']:.0f}–{s['bottom']:.0f}px" for s in slides]
    bad = [line for s, line in zip(slides, report, strict=True) if overflow(s) > 0]
    assert not bad, "slides overflow the 1280x720 frame:\n" + "\n".join(bad)


def main() -> None:
    """Print the measurement of every slide of both bundled decks."""
    import tempfile

    browser = chromium()
    if browser is None or shutil.which("marp") is None:
        sys.exit("needs marp-cli and Chromium")
    with tempfile.TemporaryDirectory() as folder:
        for deck_path in DECKS:
            slides = measure_deck(deck_path, Path(folder), browser)
            print(f"{deck_path.name}: {len(slides)} Marp slides")
            for s in slides:
                state = "fits" if overflow(s) == 0 else f"OVERFLOWS by {overflow(s):.0f}px"
                print(
                    f"  {s['id']:>3} {s['title'][:48]:<48} content y {s['top']:5.0f}–{s['bottom']:5.0f}"
                    f" (height {s['bottom'] - s['top']:4.0f} of 720), x to {s['right']:5.0f}: {state}"
                )


if __name__ == "__main__":
    main()
