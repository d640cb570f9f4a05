"""The Textual application: app, palette, themes and the one stylesheet.

Together with :mod:`briefing.screens` and :mod:`briefing.widgets`, the
only code that imports Textual.
"""
