"""Direct-quote attribution: precision and recall of `briefing draft` on the hand-annotated set.

    python -m benchmarks.attribution            # both halves
    python -m benchmarks.attribution --half dev --verbose  # every miss and wrong speaker

The set is in tests/data/attribution/ (see its README): ``dev/`` is what the rules
may be tuned on; ``test/`` and ``test2/`` are held out, reported but never tuned on.

A prediction is a quotation the drafter attributes to a speaker. It is correct when
an annotated quotation has the same words (normalised; one may contain the other) and
the same speaker. Precision = correct / predictions; recall = correct / annotated
quotations that have a speaker. Quotes the annotation gives no speaker (scare quotes,
unnamed sources) count against precision if the drafter names someone.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from briefing.core.sourcetext import normalize
from briefing.draft.ingest import read_article
from briefing.draft.quotes import attribute

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "attribution"
HALVES = ("dev", "test", "test2")


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0
    annotated: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.annotated if self.annotated else 1.0


def _key(text: str) -> str:
    return normalize(text).strip(" ,.;:!?'\"").casefold()


def _same(a: str, b: str) -> bool:
    a, b = _key(a), _key(b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def score(folder: Path, verbose: bool = False) -> Score:
    """Score every article in ``folder`` against its ``.tsv`` annotation."""
    total = Score()
    for article in sorted(folder.glob("*.txt")):
        gold = []
        for line in article.with_suffix(".tsv").read_text(encoding="utf-8").splitlines():
            if line.strip():
                quote, speaker, _role = [*line.split("\t"), "", ""][:3]
                gold.append((quote, speaker))
        got = [a for a in attribute(list(read_article(article).paragraphs)) if a.speaker]
        total.annotated += sum(1 for _, s in gold if s)
        total.predicted += len(got)
        matched: set[int] = set()
        for a in got:
            hit = next((i for i, (q, s) in enumerate(gold) if _same(q, a.text)), None)
            ok = hit is not None and gold[hit][1].casefold() == a.speaker.casefold()
            if ok:
                total.correct += 1
                matched.add(hit)  # type: ignore[arg-type]
            elif verbose:
                want = gold[hit][1] or "(no speaker)" if hit is not None else "(not a quotation)"
                print(f"  WRONG {article.name}: “{a.text[:50]}” → {a.speaker} (want {want}; {a.how})")
        total.found += len(matched)
        if verbose:
            for i, (q, s) in enumerate(gold):
                if s and i not in matched:
                    print(f"  MISSED {article.name}: “{q[:50]}” ({s})")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.attribution", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--verbose", action="store_true", help="list every miss and wrong speaker")
    parser.add_argument("--half", choices=HALVES, help="score one part only (tune on dev alone)")
    args = parser.parse_args(argv)
    for half in (args.half,) if args.half else HALVES:
        s = score(DATA / half, args.verbose)
        print(
            f"{half:5}: precision {s.precision:6.1%} ({s.correct}/{s.predicted})   "
            f"recall {s.recall:6.1%} ({s.found}/{s.annotated})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
