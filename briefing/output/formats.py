"""The export formats by name, and how each is written: the one dispatch the command and the viewer share.

``md`` and ``marp`` are in this package; ``html`` and ``pdf`` are imported
only when asked for (the PDF writer needs an optional extra), and their
absence is a :class:`MissingFormat`, said in one line, never a traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from briefing.core.model import Deck
from briefing.core.verify import Verifier

__all__ = ["FORMATS", "LABELS", "MissingFormat", "infer_format", "render_text", "write_pdf"]

#: The formats, in the order ``--to`` lists them, each with its file extension.
FORMATS = {"md": ".md", "marp": ".marp.md", "html": ".html", "pdf": ".pdf"}
#: What each format is, in a few words (the viewer's choice dialog).
LABELS = {
    "md": "Markdown document (GitHub, pandoc)",
    "marp": "Marp slides",
    "html": "HTML hand-out, one file",
    "pdf": "PDF",
}


def infer_format(output: str | None) -> str:
    """The format an output file name asks for (``md`` when it names none)."""
    name = (output or "").lower()
    if name.endswith(".marp.md"):
        return "marp"
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith(".pdf"):
        return "pdf"
    return "md"


class MissingFormat(Exception):
    """The module writing a format is not installed or not importable."""


def _writer(module: str, name: str) -> Callable[..., object]:
    """``module.name``, imported on first use (an ``ImportError`` if either is missing)."""
    import importlib

    found = getattr(importlib.import_module(module), name, None)
    if not callable(found):
        raise ImportError(f"{module} has no {name}()")
    return found


def render_text(fmt: str, deck: Deck, verifier: Verifier, notes: bool) -> str:
    """The export of ``deck`` as text in ``fmt`` (``md``, ``marp`` or ``html``).

    Raises:
        MissingFormat: the format's module cannot be imported.
    """
    if fmt == "marp":
        from briefing.output.marp import export_marp

        return export_marp(deck, verifier, notes=notes)
    if fmt == "html":
        try:
            export_html = _writer("briefing.output.html", "export_html")
        except ImportError as error:
            raise MissingFormat(f"the HTML export is not available ({error})") from error
        return str(export_html(deck, verifier, notes=notes))
    from briefing.output.markdown import export_markdown

    return export_markdown(deck, verifier, notes=notes)


def write_pdf(deck: Deck, verifier: Verifier, target: Path, force: bool, keep: Iterable[Path]) -> None:
    """Write the PDF export to ``target`` with the refusals and atomicity of :func:`write_atomic`.

    The PDF writer writes a file; it writes a temporary one beside the target,
    which then takes the target's name only if the target may be replaced.

    Raises:
        MissingFormat: the PDF writer (an optional extra) cannot be imported.
        RefusedTarget, FileExistsError, OSError: as :func:`write_atomic`.
    """
    try:
        export_pdf = _writer("briefing.output.pdf", "export_pdf")
    except ImportError as error:
        raise MissingFormat(
            f"the PDF export needs an optional extra: pip install 'briefing[pdf]' ({error})"
        ) from error
    import tempfile

    from briefing.output import atomic

    target = Path(target)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    keep = list(keep)
    atomic._check_target(target, force, keep)
    folder = tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent)
    tmp = Path(folder) / target.name
    import importlib

    # WeasyPrint is imported only when a PDF is made: its absence shows here.
    unavailable = getattr(importlib.import_module("briefing.output.pdf"), "PdfUnavailable", MissingFormat)
    try:
        try:
            export_pdf(deck, verifier, tmp)
        except unavailable as error:
            raise MissingFormat(str(error)) from error
        if force:
            os.replace(tmp, target)
        else:
            atomic._publish_new(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        os.rmdir(folder)
