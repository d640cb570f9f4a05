"""What leaves briefing as files: export formats and atomic writes.

``walk`` walks a deck once, format-neutral (slides, items, citations with
their verified passage and ¶, notes); each format is a small formatter over
it (``markdown``, with ``escape`` for literal Markdown); ``atomic`` writes
the result. Built on :mod:`briefing.core` only; never imports the UI.
"""
