"""What a quote that is not found costs on a 60 MB source: time and memory per quote.

The budget (docs/deck-format.md, "Closest passage"): at most 100 ms and
50 MB beyond verification itself for each quote that is not found, in a
60 MB source. This writes a generated source of that size into a temporary
folder, reads and normalises it once (not counted), then times the
near misses people make, at the start, middle and end of the text: a
hyphen for a space, a capital, a dropped comma, one changed word, the
rarest word changed, words from nowhere, and a quote that only occurs
inside longer words. For each it prints the whole verification of the
quote (``_match``: its exact search, which scans the text once, then the
hint), the hint alone (``closest`` and ``differences``; wall and CPU
time, since other work on the machine stretches the first), the peak of
Python allocations during the hint (tracemalloc, in a second run, since
tracing slows Python down) and how much the process's peak resident memory
grew, and whether the suggested passage is the one the quote was made from.

Usage::

    python -m benchmarks.hints [--mb 60] [--no-rapidfuzz] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.generate import Sentence, make_source


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource  # pragma: no cover - not Linux

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import_cost() -> str:
    """``python -X importtime -c "import rapidfuzz.fuzz"``: its cumulative microseconds."""
    try:
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import rapidfuzz.fuzz"],
            capture_output=True,
            text=True,
            check=True,
        )
    except subprocess.CalledProcessError:
        return "rapidfuzz is not installed"
    last = done.stderr.strip().splitlines()[-1]
    micros = int(last.split("|")[1])
    return f"{micros / 1000:.1f} ms (import rapidfuzz.fuzz, cumulative, from -X importtime)"


def _cases(sentences: list[Sentence], rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, quote, the passage it was made from) at the start, middle and end."""
    out = []
    picks = {"start": sentences[3], "middle": sentences[len(sentences) // 2], "end": sentences[-4]}
    for where, sentence in picks.items():
        words = sentence.words
        token = sentence.token_index
        low = max(0, token - 5)
        passage_words = words[low : low + 10]
        passage = " ".join(passage_words)
        quote_words = list(passage_words)
        # a plain word to change: not the token, not punctuation-laden
        plain = next(i for i, w in enumerate(quote_words) if w.isalpha() and i != token - low)
        changed = list(quote_words)
        changed[plain] = "quietly" if changed[plain] != "quietly" else "loudly"
        capital = list(quote_words)
        capital[plain] = capital[plain].upper()
        rare = list(quote_words)
        rare[token - low] = rare[token - low][:-1] + ("9" if rare[token - low][-1] != "9" else "8")
        out += [
            (f"hyphen for space ({where})", " ".join(quote_words).replace("-", " ", 1), passage),
            (f"capitals ({where})", " ".join(capital), passage),
            (f"punctuation dropped ({where})", re.sub(r"[.,’“”]", "", passage) + " and", passage),
            (f"one word changed ({where})", " ".join(changed), passage),
            (f"rarest word changed ({where})", " ".join(rare), passage),
        ]
    out.append(("words from nowhere", "zebras quietly photosynthesise all afternoon long", ""))
    middle = picks["middle"].words[picks["middle"].token_index]
    out.append(("inside a longer word", middle[1:], ""))
    rng.shuffle(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hints", description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=60, help="size of the generated source (default 60)")
    parser.add_argument("--runs", type=int, default=3, help="runs per quote; the median is shown")
    parser.add_argument("--no-rapidfuzz", action="store_true", help="measure the difflib fallback")
    args = parser.parse_args(argv)
    if args.no_rapidfuzz:
        sys.modules["rapidfuzz"] = None  # type: ignore[assignment]
        sys.modules["rapidfuzz.fuzz"] = None  # type: ignore[assignment]

    from briefing.core import hints
    from briefing.core.model import Citation
    from briefing.core.sourcetext import SourceText, normalize
    from briefing.core.verify import _match

    rng = random.Random(5)
    print(f"generating a {args.mb:g} MB source…", file=sys.stderr)
    generated = make_source(rng, 1, int(args.mb * 1024 * 1024), "blocks")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(generated.text, encoding="utf-8")
        sentences = generated.sentences
        del generated
        text = SourceText.read(path)
    started = time.perf_counter()
    norm = text.normalized
    print(
        f"source: {path.stat().st_size / 2**20 if path.exists() else args.mb:.1f} MB, "
        f"normalised once in {time.perf_counter() - started:.2f} s (not counted below)",
        file=sys.stderr,
    )
    scorer = "difflib (rapidfuzz not used)" if hints._scorer()[0] is hints._difflib_score else "rapidfuzz"
    print(f"scorer: {scorer}; rapidfuzz import cost: {_import_cost()}")
    heads = ("match ms", "hint ms", "cpu ms", "hint peak MB", "RSS +MB")
    print(f"{'quote':38} {heads[0]:>10} {heads[1]:>8} {heads[2]:>8} {heads[3]:>12} {heads[4]:>8}  suggestion")
    worst_hint = worst_peak = 0.0

    def hint(quoted: str) -> tuple[int, int] | None:
        near = hints.closest(norm, quoted)
        if near is not None:
            hints.differences(quoted, norm[near[0] : near[1]])
        return near

    for kind, quote, passage in _cases(sentences, rng):
        quoted = normalize(quote)
        totals, hint_times, hint_cpu, peaks = [], [], [], []
        rss_before = _peak_rss_mb()
        for _ in range(args.runs):
            started = time.perf_counter()
            result = _match(Citation("big", quote), text)
            totals.append(time.perf_counter() - started)
            assert not result.verified
            if "longer word" in result.message:
                continue  # no fuzzy search for this one
            started, cpu = time.perf_counter(), time.process_time()
            near = hint(quoted)
            hint_times.append(time.perf_counter() - started)
            hint_cpu.append(time.process_time() - cpu)
            tracemalloc.start()  # a second run, for memory: tracing slows Python down
            hint(quoted)
            peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
        grew = _peak_rss_mb() - rss_before
        total_ms = sorted(totals)[len(totals) // 2] * 1000
        if not hint_times:
            note = "(says: occurs only inside a longer word)"
            print(f"{kind:38} {total_ms:10.1f} {'—':>8} {'—':>8} {'—':>12} {grew:8.1f}  {note}")
            continue
        suggested = norm[near[0] : near[1]] if near else ""
        if not passage:
            verdict = "none (right)" if not suggested else f"“{suggested[:40]}”"
        elif normalize(passage) in suggested or suggested in normalize(passage):
            verdict = "the right passage"
        else:
            verdict = f"other: “{suggested[:40]}”"
        hint_ms, peak = sorted(hint_times)[len(hint_times) // 2] * 1000, max(peaks)
        cpu_ms = sorted(hint_cpu)[len(hint_cpu) // 2] * 1000
        worst_hint, worst_peak = max(worst_hint, hint_ms), max(worst_peak, peak)
        print(f"{kind:38} {total_ms:10.1f} {hint_ms:8.1f} {cpu_ms:8.1f} {peak:12.2f} {grew:8.1f}  {verdict}")
    print(f"worst hint: {worst_hint:.1f} ms, worst hint peak: {worst_peak:.2f} MB (budget: 100 ms, 50 MB)")
    return 0 if worst_hint <= 100 and worst_peak <= 50 else 1


if __name__ == "__main__":
    raise SystemExit(main())
