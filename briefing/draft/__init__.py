"""Draft a deck from an article: exact passages only, every item marked ``draft: true``.

A layer above the core: deterministic, offline, rule-based extraction
(quotations with speakers, key figures, reactions by country, objectives,
obstacles, what to watch). Every proposed citation is proven with the core
verifier before it is kept; what does not verify is dropped, never shipped.
"""
