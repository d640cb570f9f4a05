"""Export a deck to PDF: the hand-out's printed variant, laid out by WeasyPrint.

One slide per page (the stylesheet's print rules: a 16:9 page and a page
break after each slide), then an appendix of every cited passage with its
source and ¶, where each citation number links to. WeasyPrint is an
optional dependency (``pip install 'briefing[pdf]'``), imported only here;
without it :class:`PdfUnavailable` says what to install. The layout never
fetches anything: every URL it would load is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from briefing.core.model import Deck
from briefing.core.verify import Verifier
from briefing.output.atomic import deck_files, write_atomic_bytes
from briefing.output.html import render_html

__all__ = ["INSTALL_HINT", "PdfUnavailable", "export_pdf", "pdf_bytes"]

INSTALL_HINT = "PDF export needs WeasyPrint: pip install 'briefing[pdf]'"


class PdfUnavailable(RuntimeError):
    """WeasyPrint (the ``pdf`` extra) is not installed; the message says how to install it."""


def _refuse(url: str, *args: object, **kwargs: object) -> NoReturn:
    """WeasyPrint's URL fetcher for a self-contained document: nothing is fetched."""
    raise ValueError(f"the PDF export loads nothing from outside the document ({url[:80]})")


def pdf_bytes(deck: Deck, verifier: Verifier, notes: bool = False) -> bytes:
    """The PDF of ``deck``, in memory.

    Raises:
        PdfUnavailable: WeasyPrint is not installed.
    """
    try:
        from weasyprint import HTML
    except ImportError:
        raise PdfUnavailable(INSTALL_HINT) from None
    document = render_html(deck, verifier, notes=notes, printed=True)
    data = HTML(string=document, url_fetcher=_refuse).write_pdf()
    assert isinstance(data, bytes)
    return data


def export_pdf(
    deck: Deck,
    verifier: Verifier,
    path: Path,
    notes: bool = False,
    *,
    force: bool = False,
    keep: Iterable[Path] = (),
) -> None:
    """Write ``deck`` as a PDF to ``path``, atomically.

    Args:
        deck: a loaded deck.
        verifier: the deck's verifier.
        path: the file to write.
        notes: print each slide's speaker notes under it.
        force: replace ``path`` if it exists (a regular file only).
        keep: more files never to replace; the deck and its sources never are.

    Raises:
        PdfUnavailable: WeasyPrint is not installed (nothing is written).
        OSError: as :func:`briefing.output.atomic.write_atomic_bytes`.
    """
    data = pdf_bytes(deck, verifier, notes)
    write_atomic_bytes(Path(path), data, force=force, keep=[*deck_files(deck), *keep])
