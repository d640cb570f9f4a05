"""Generate large, valid decks for the benchmarks, deterministically.

The budgets in ``docs/performance.md`` are stated for a deck far larger
than any a person writes by hand: 2,000 slides of every kind, 10,000
citations, 100 source articles of about 50 KB each. This module writes such
a deck (``decks/large.yaml`` + ``seeds/src-NNN.txt``) and a second one whose
single source is about 1 MB (``decks/big-source.yaml`` +
``seeds/big-source.txt``), for the source-view drill.

Every citation is genuinely in its source: each generated sentence carries
a unique token (``K007-00123``), and a quote is a run of the sentence's
words around that token, so it occurs exactly once. Sources are written in
both paragraph styles (blank-line blocks, hard-wrapped, and one paragraph
per line) and carry curly quotes, en dashes, ``€`` and literal brackets, so
quotes cross line breaks and need the verifier's normalisation, as real
ones do. Output depends only on the arguments and the seed: no clock.

Usage::

    python -m benchmarks.generate OUTDIR --slides 2000 --citations 10000 \\
        --sources 100 --source-kb 50 [--big-source-kb 1024] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

LARGE_DECK = "large.yaml"
BIG_SOURCE_DECK = "big-source.yaml"
#: Title of the large deck; the first slide shows it too.
LARGE_TITLE = "Benchmark deck: the Northern Corridor programme"
BIG_TITLE = "Benchmark deck: one very long source"

_WORD_TEXT = (
    "agreement budget capital coalition committee corridor council delegation deployment "
    "envoy framework frontier guarantee harbour initiative ministry mission network "
    "observer parliament partnership pipeline programme proposal province railway "
    "reserve schedule settlement strategy summit supply tariff treaty tribunal "
    "accepted announced argued blocked cautioned confirmed delayed demanded doubted "
    "endorsed expanded financed hesitated insisted launched negotiated objected "
    "postponed promised questioned rejected reviewed signed supported warned "
    "ambitious binding careful cautious central costly decisive eastern european "
    "fragile gradual joint limited modest northern open partial regional rapid "
    "shared southern strategic temporary uncertain western "
    "after against among before beyond during across within without under"
)
_WORDS = tuple(_WORD_TEXT.split())
_PLACES = (
    "Élysée",
    "Zürich",
    "Kraków",
    "Lisbon",
    "Tallinn",
    "Reykjavík",
    "Gdańsk",
    "Thessaloniki",
    "Nuuk",
    "Valletta",
    "Ljubljana",
    "Cluj-Napoca",
)
_COUNTRIES = (
    "France",
    "Germany",
    "Poland",
    "Italy",
    "Spain",
    "Greece",
    "Estonia",
    "Finland",
    "Norway",
    "Portugal",
    "Romania",
    "Ireland",
    "Denmark",
    "Austria",
)
_ACTORS = (
    "A. Moreau",
    "K. Nowak",
    "L. Rossi",
    "M. García",
    "E. Tamm",
    "J. Virtanen",
    "S. Berg",
    "P. Costa",
    "D. Ionescu",
    "R. Byrne",
)
_STANCES = ("leads", "supports", "conditional", "cautious", "opposed", "hostile")
_KIND_WEIGHTS = {"title": 1, "points": 4, "reactions": 2, "figures": 2, "quotes": 2}


@dataclass
class Sentence:
    """One generated sentence: its words and the index of its unique token."""

    words: list[str]
    token_index: int


@dataclass
class GeneratedSource:
    """A source article as written to disk, with its sentences for quoting."""

    id: str
    filename: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)


def _sentence(rng: random.Random, token: str) -> Sentence:
    """A sentence of plain words with ``token`` somewhere in it, plus flavour."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 22))]
    words[0] = words[0].capitalize()
    flavour = rng.random()
    if flavour < 0.12:
        at = rng.randrange(1, len(words))
        words[at:at] = ["“a", rng.choice(_WORDS), "deal”"]
    elif flavour < 0.22:
        words.insert(rng.randrange(1, len(words)), "–")
    elif flavour < 0.30:
        words.insert(rng.randrange(1, len(words)), f"€{rng.randint(2, 900)} million")
    elif flavour < 0.36:
        words.insert(rng.randrange(1, len(words)), "[the ministers]")
    elif flavour < 0.46:
        words.insert(rng.randrange(1, len(words)), rng.choice(_PLACES) + "’s")
    at = rng.randrange(1, len(words))
    words.insert(at, token)
    words[-1] += "."
    return Sentence(words, at)


def _wrap(paragraph: str, width: int = 76) -> str:
    """Hard-wrap a paragraph at spaces (cheap; textwrap is slow at 5 MB)."""
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def make_source(
    rng: random.Random, number: int, size_bytes: int, style: str, source_id: str | None = None
) -> GeneratedSource:
    """Generate one source of about ``size_bytes`` UTF-8 bytes.

    Args:
        rng: the random generator (seeded by the caller).
        number: the source's number, part of every token in it.
        size_bytes: the size to reach (the text stops at the first paragraph
            end past it).
        style: ``"blocks"`` (hard-wrapped paragraphs between blank lines) or
            ``"lines"`` (one paragraph per line).
        source_id: the id; ``src-NNN`` by default.
    """
    sid = source_id or f"src-{number:03d}"
    sentences: list[Sentence] = []
    paragraphs: list[str] = []
    size = 0
    while size < size_bytes:
        count = rng.randint(3, 7)
        chunk = []
        for _ in range(count):
            sentence = _sentence(rng, f"K{number:03d}-{len(sentences):06d}")
            sentences.append(sentence)
            chunk.append(" ".join(sentence.words))
        paragraph = " ".join(chunk)
        if style == "blocks":
            paragraph = _wrap(paragraph)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    text = ("\n\n" if style == "blocks" else "\n").join(paragraphs) + "\n"
    return GeneratedSource(sid, f"{sid}.txt", text, sentences)


def quote_from(rng: random.Random, sentence: Sentence) -> str:
    """A run of 5 to 12 words of ``sentence`` that includes its token.

    About a third of the quotes that contain curly quotes are written with
    straight ones, as authors often do; the verifier must fold them.
    """
    n = len(sentence.words)
    length = min(n, rng.randint(5, 12))
    first = rng.randint(max(0, sentence.token_index - length + 1), min(sentence.token_index, n - length))
    quote = " ".join(sentence.words[first : first + length]).rstrip(".")
    if rng.random() < 0.33:
        quote = quote.replace("“", '"').replace("”", '"').replace("’", "'")
    return quote


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _distribute(rng: random.Random, total: int, bins: int) -> list[int]:
    """Split ``total`` into ``bins`` counts, each at least 1."""
    counts = [1] * bins
    for index in rng.choices(range(bins), k=max(0, total - bins)):
        counts[index] += 1
    return counts


def _group(rng: random.Random, count: int) -> list[int]:
    """Split a slide's citations into items of one to three citations."""
    groups = []
    while count > 0:
        take = min(count, rng.choice((1, 1, 2, 2, 3)))
        groups.append(take)
        count -= take
    return groups


def _cite_lines(cites: list[tuple[str, str]], indent: str, multi: bool) -> list[str]:
    lines = [f"{indent}cite:"]
    for source_id, quote in cites:
        if multi:
            lines.append(f"{indent}  - {{source: {source_id}, quote: {_q(quote)}}}")
        else:
            lines.append(f"{indent}  - {_q(quote)}")
    return lines


def _item_lines(
    rng: random.Random, kind: str, slide_no: int, index: int, cites: list[tuple[str, str]], multi: bool
) -> list[str]:
    """YAML lines for one cited item of a slide of ``kind``."""
    ind = "      "
    head = f"    - id: s{slide_no}-i{index}" if index % 3 == 0 else None
    first_quote = cites[0][1]
    words = first_quote.split()
    if kind in ("title", "points"):
        body = [f"text: {_q('Point ' + str(index + 1) + ': ' + ' '.join(words[:8]))}"]
    elif kind == "reactions":
        body = [
            f"country: {_q(rng.choice(_COUNTRIES))}",
            f"actor: {_q(rng.choice(_ACTORS))}",
            f"role: {_q('Minister of ' + rng.choice(_WORDS))}",
            f"stance: {rng.choice(_STANCES)}",
            f"summary: {_q(' '.join(words[:6]))}",
            f"quote: {_q(first_quote)}",
        ]
    elif kind == "figures":
        body = [
            f"value: {_q('€' + str(rng.randint(1, 999)) + ' million')}",
            f"measures: {_q(' '.join(words[:7]))}",
        ]
    else:
        body = [
            f"quote: {_q(first_quote)}",
            f"speaker: {_q(rng.choice(_ACTORS))}",
            f"role: {_q('Envoy to ' + rng.choice(_PLACES))}",
        ]
    lines = [head] if head else []
    for n, entry in enumerate(body):
        lines.append(f"{ind}{entry}" if head or n else f"    - {entry}")
    lines += _cite_lines(cites, ind, multi)
    return lines


def _deck_text(
    rng: random.Random,
    title: str,
    sources: list[GeneratedSource],
    picks: list[list[tuple[str, str]]],
    kinds: list[str],
) -> str:
    """The deck's YAML: header, sources, then one slide per entry of ``picks``."""
    multi = len(sources) > 1
    out = [
        "# Generated by benchmarks/generate.py: do not edit by hand.",
        "briefing: 1",
        f"title: {_q(title)}",
        f"subtitle: {_q(f'{len(kinds)} slides from {len(sources)} sources')}",
        'as_of: "1 January"',
        'authors: ["Benchmark desk"]',
        "",
        "sources:",
    ]
    for source in sources:
        digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        out += [
            f"  - id: {source.id}",
            f"    path: ../seeds/{source.filename}",
            f"    title: {_q('Article ' + source.id + ' on the corridor')}",
            f"    publisher: {_q('Generated Review')}",
            f"    sha256: {_q(digest)}",
        ]
    out += ["", "slides:"]
    for slide_no, (kind, slide_cites) in enumerate(zip(kinds, picks, strict=False), start=1):
        slide_title = title if slide_no == 1 else f"Slide {slide_no}: {kind} on the corridor"
        out += [f"  - kind: {kind}", f"    title: {_q(slide_title)}"]
        if rng.random() < 0.4:
            out.append(f"    subtitle: {_q('Subtitle of slide ' + str(slide_no))}")
        out.append(f"    {'bluf' if kind == 'title' else kind}:")
        cursor = 0
        ids = []
        for index, size in enumerate(_group(rng, len(slide_cites))):
            out += _item_lines(rng, kind, slide_no, index, slide_cites[cursor : cursor + size], multi)
            if index % 3 == 0:
                ids.append(f"s{slide_no}-i{index}")
            cursor += size
        if kind in ("title", "points") and ids and rng.random() < 0.3:
            out += [
                f"    - text: {_q('Our reading of slide ' + str(slide_no))}",
                "      judgement: true",
                f"      rests_on: [{', '.join(ids)}]",
            ]
        if rng.random() < 0.5:
            out.append(f"    notes: {_q(f'Speaker notes for slide {slide_no}: what to say about it.')}")
    return "\n".join(out) + "\n"


def _write(outdir: Path, deck_name: str, deck_text: str, sources: list[GeneratedSource]) -> Path:
    (outdir / "decks").mkdir(parents=True, exist_ok=True)
    (outdir / "seeds").mkdir(parents=True, exist_ok=True)
    for source in sources:
        (outdir / "seeds" / source.filename).write_bytes(source.text.encode("utf-8"))
    deck_path = outdir / "decks" / deck_name
    deck_path.write_bytes(deck_text.encode("utf-8"))
    return deck_path


def _kinds(rng: random.Random, slides: int) -> list[str]:
    """A title slide, then one of each other kind, then a weighted random mix."""
    names = list(_KIND_WEIGHTS)
    fixed = ["title", "points", "reactions", "figures", "quotes"][:slides]
    return fixed + rng.choices(names, weights=list(_KIND_WEIGHTS.values()), k=slides - len(fixed))


def generate_large(
    outdir: Path,
    slides: int = 2000,
    citations: int = 10000,
    sources: int = 100,
    source_kb: float = 50,
    seed: int = 7,
) -> Path:
    """Write the large deck and its sources under ``outdir``; return the deck path.

    Args:
        outdir: the project folder to write ``decks/`` and ``seeds/`` into.
        slides: number of slides (every kind; the first is a title slide).
        citations: exact number of citations in the deck.
        sources: number of source articles.
        source_kb: approximate size of each source in KiB.
        seed: the random seed; the same arguments give the same files.
    """
    if slides < 1 or sources < 1 or citations < slides:
        raise ValueError("need at least one slide, one source and a citation per slide")
    rng = random.Random(seed)
    made = [
        make_source(rng, n, int(source_kb * 1024), "blocks" if n % 2 else "lines")
        for n in range(1, sources + 1)
    ]
    counts = _distribute(rng, citations, slides)
    picks: list[list[tuple[str, str]]] = []
    for count in counts:
        slide_cites = []
        for _ in range(count):
            source = rng.choice(made)
            slide_cites.append((source.id, quote_from(rng, rng.choice(source.sentences))))
        picks.append(slide_cites)
    text = _deck_text(rng, LARGE_TITLE, made, picks, _kinds(rng, slides))
    return _write(Path(outdir), LARGE_DECK, text, made)


def generate_big_source(outdir: Path, source_kb: float = 1024, slides: int = 20, seed: int = 11) -> Path:
    """Write a deck citing one source of about ``source_kb`` KiB; return its path.

    The first item of the first slide cites a passage in the source's last
    paragraph, so opening it makes the source view jump about 1 MB down.
    Other citations are spread evenly through the text.
    """
    rng = random.Random(seed)
    source = make_source(rng, 0, int(source_kb * 1024), "blocks", source_id="big")
    source.filename = "big-source.txt"
    sentences = source.sentences
    total = slides * 4
    picks = []
    for slide in range(slides):
        slide_cites = []
        for k in range(4):
            n = slide * 4 + k
            at = len(sentences) - 1 if n == 0 else (n * len(sentences)) // total
            slide_cites.append((source.id, quote_from(rng, sentences[at])))
        picks.append(slide_cites)
    kinds = ["title"] + ["points"] * (slides - 1)
    text = _deck_text(rng, BIG_TITLE, [source], picks, kinds)
    return _write(Path(outdir), BIG_SOURCE_DECK, text, [source])


def main(argv: list[str] | None = None) -> int:
    """Command line: write the large deck (and the 1 MB-source deck) to OUTDIR."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--slides", type=int, default=2000)
    parser.add_argument("--citations", type=int, default=10000)
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--source-kb", type=float, default=50)
    parser.add_argument(
        "--big-source-kb",
        type=float,
        default=1024,
        help="size of the single-source deck's source (0: don't write it)",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    deck = generate_large(args.outdir, args.slides, args.citations, args.sources, args.source_kb, args.seed)
    print(f"wrote {deck} ({deck.stat().st_size:,} bytes)")
    if args.big_source_kb > 0:
        big = generate_big_source(args.outdir, args.big_source_kb)
        print(f"wrote {big}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
