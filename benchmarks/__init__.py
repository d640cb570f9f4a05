"""Benchmarks for briefing: a large-deck generator and a timing harness.

Run ``python -m benchmarks.run`` for the table of figures against their
budgets (see ``docs/performance.md``). Nothing here is part of the test
run; ``tests/test_benchmarks_smoke.py`` only keeps the pieces working.
"""
