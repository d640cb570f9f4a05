"""Screens of the briefing TUI: the deck, its overview, help and dialogs.

Each screen gets the data it shows in its constructor (the deck, the
verifier) rather than reaching into the app, which keeps screens testable
on their own and avoids import cycles with ``app.py``. Nothing is imported
here, so opening the deck never pays for screens it does not show.
"""
