"""Side effects kept apart: the on-disk cache and watching files for changes.

Built on :mod:`briefing.core`; the core never imports this package (the
command line hands the cache to the verifier).
"""
