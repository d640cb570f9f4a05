"""What leaves briefing as files: export formats and atomic writes.

Built on :mod:`briefing.core` only; never imports the UI.
"""
