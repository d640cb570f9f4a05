"""Read an article in the form people have it: plain text, a saved web page, a PDF.

HTML and PDF need the optional ``ingest`` extra (trafilatura, pypdf), imported
here only, and only for those files, so the viewer never pays for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.draft.text import ArticleError, decode, paragraphs

MAX_ARTICLE_BYTES = 50 * 1024 * 1024
_EXTRA_HINT = "install the optional extra: pip install 'briefing[ingest]'"


@dataclass(frozen=True)
class Article:
    """An article's text, one paragraph per entry, and what is known about it."""

    paragraphs: tuple[str, ...]
    original: str  # the file's name
    title: str = ""
    url: str = ""
    date: str = ""
    author: str = ""
    publisher: str = ""

    @property
    def snapshot(self) -> str:
        """The plain-text snapshot written to ``seeds/``: one paragraph per line."""
        return "\n".join(self.paragraphs) + "\n"


def read_article(path: Path) -> Article:
    """Read ``path`` by its suffix; raises :class:`ArticleError` with the reason."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ArticleError(f"{path}: is a folder, not an article")
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        article = _from_html(data, path)
    elif suffix == ".pdf" or data.startswith(b"%PDF-"):
        article = _from_pdf(data, path)
    else:
        text = decode(data, str(path))
        paras = paragraphs(text)
        article = Article(tuple(paras), path.name, title=_title_line(paras))
        if article.title:
            article = Article(article.paragraphs[1:], path.name, title=article.title)
    if not article.paragraphs:
        raise ArticleError(f"{path}: no text found (a scanned PDF has no text layer; run OCR first)")
    if not article.title:
        article = Article(
            article.paragraphs,
            article.original,
            _title_from_name(path),
            article.url,
            article.date,
            article.author,
            article.publisher,
        )
    return article


def _title_line(paras: list[str]) -> str:
    """A first line that reads as a headline: short, no full stop at the end, more text below."""
    if len(paras) < 2:
        return ""
    first = paras[0]
    if (
        len(first.split()) <= 16
        and not re.search(r"[.!?,:;”\"]$", first)
        and not first.startswith(("“", '"'))
    ):
        return first
    return ""


def _title_from_name(path: Path) -> str:
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled article"


def _without_title(paras: list[str], title: str) -> list[str]:
    """The paragraphs without a leading copy of the title (a page's h1, a PDF's first line)."""
    if title and paras and paras[0].startswith(title):
        rest = paras[0][len(title) :].strip()
        return ([rest] if rest else []) + paras[1:]
    return paras


def _from_html(data: bytes, path: Path) -> Article:
    try:
        import trafilatura
    except ImportError:
        raise ArticleError(f"{path}: reading HTML needs trafilatura; {_EXTRA_HINT}") from None
    html = decode(data, str(path))
    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True, deduplicate=False
    )
    meta = trafilatura.extract_metadata(html)
    if not text:
        raise ArticleError(f"{path}: no article text found in the page")
    title = (meta.title or "") if meta else ""
    paras = _without_title(paragraphs(text.replace("\n", "\n\n")), title)
    return Article(
        tuple(paras),
        path.name,
        title=title,
        url=(meta.url or "") if meta else "",
        date=(meta.date or "") if meta else "",
        author=(meta.author or "") if meta else "",
        publisher=(meta.sitename or "") if meta else "",
    )


def _from_pdf(data: bytes, path: Path) -> Article:
    try:
        from io import BytesIO

        import pypdf
    except ImportError:
        raise ArticleError(f"{path}: reading PDF needs pypdf; {_EXTRA_HINT}") from None
    try:
        reader = pypdf.PdfReader(BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except Exception as error:  # pypdf raises many kinds on damaged files
        raise ArticleError(f"{path}: not a readable PDF ({type(error).__name__}: {error})") from None
    text = "\n\n".join(pages)
    # A PDF's lines are hard-wrapped. A paragraph ends at a blank line, or at a line that ends a
    # sentence and is short or followed by an opening quote, never inside an open quotation.
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    lines = [line.strip() for line in text.split("\n")]
    width = max((len(line) for line in lines), default=0)
    blocks: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line:
            blocks.append([])
            continue
        blocks[-1].append(line)
        joined = " ".join(blocks[-1])
        following = lines[i + 1] if i + 1 < len(lines) else ""
        open_quote = joined.count("“") > joined.count("”")
        if (
            not open_quote
            and re.search(r"[.!?]$|[.!?][”\"’]$", line)
            and (len(line) < 0.85 * width or following.startswith(("“", '"', "«")))
        ):
            blocks.append([])
    paras = [" ".join(b) for b in blocks if b]
    title = str(info.title) if info is not None and info.title else ""
    author = str(info.author) if info is not None and info.author else ""
    if title:
        paras = _without_title(paras, title)
    else:
        title = _title_line(paras)
        if title:
            paras = paras[1:]
    return Article(tuple(re.sub(r" {2,}", " ", p) for p in paras), path.name, title=title, author=author)
