"""Rows of the benchmark table: a figure, its baseline, its budget, a verdict.

Kept apart from the measuring so the smoke test can check the arithmetic
(a ratio over budget must fail, a missing figure must say why) without
starting a terminal.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass


def median(values: list[float]) -> float | None:
    """The median, or ``None`` for no values."""
    return statistics.median(values) if values else None


@dataclass
class Row:
    """One figure of the table.

    Attributes:
        figure: what was measured, as the reader should see it.
        value: briefing's figure (median), or ``None`` when not measured.
        unit: ``"ms"``, ``"s"`` or ``"MiB"``; values are stored in seconds
            for times and in MiB for memory.
        baseline: the figure the budget compares against, if any.
        budget: ``"ratio"`` (value / baseline ≤ limit), ``"max"``
            (value ≤ limit, in the row's stored unit) or ``"info"`` (no budget).
        limit: the budget's number.
        note: why a figure is missing, or that some of its runs failed.
        samples: the raw values the median came from.
    """

    figure: str
    value: float | None
    unit: str
    baseline: float | None = None
    budget: str = "info"
    limit: float | None = None
    note: str = ""
    samples: tuple[float, ...] = ()

    @property
    def ratio(self) -> float | None:
        """``value / baseline``, when both are known."""
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        """True/False against the budget; ``None`` when there is none or no value."""
        if self.budget == "info" or self.value is None or self.limit is None:
            return None
        if self.budget == "ratio":
            ratio = self.ratio
            return None if ratio is None else ratio <= self.limit
        return self.value <= self.limit

    def budget_text(self) -> str:
        """The budget as the table shows it."""
        if self.budget == "ratio" and self.limit is not None:
            return f"≤ {self.limit:.2f}×"
        if self.budget == "max" and self.limit is not None:
            return f"≤ {fmt(self.limit, self.unit)}"
        return "—"

    def verdict(self) -> str:
        """``pass``, ``FAIL``, ``info`` or ``n/a (...)``."""
        if self.value is None:
            return f"n/a ({self.note})" if self.note else "n/a"
        passed = self.passed
        verdict = "info" if passed is None else "pass" if passed else "FAIL"
        return f"{verdict} ({self.note})" if self.note else verdict


def fmt(value: float | None, unit: str) -> str:
    """A value in its unit: seconds shown as ms or s, memory as MiB."""
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.1f} {unit}"


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table (readable in a terminal too)."""
    head = ["figure", "briefing", "baseline", "ratio", "budget", "result"]
    body = []
    for row in rows:
        ratio = row.ratio
        body.append(
            [
                row.figure,
                fmt(row.value, row.unit),
                fmt(row.baseline, row.unit),
                f"{ratio:.2f}×" if ratio is not None else "—",
                row.budget_text(),
                row.verdict(),
            ]
        )
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + " |"

    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in body]
    return "\n".join(out)
