"""Widgets and renderers for the briefing TUI.

The renderers (``marks``, ``lists``, ``reactions``, ``figures``) are plain
functions from model objects to Rich renderables, so they can be tested
without running an app; the widgets wrap them. Nothing is imported here, so
a screen pays only for the widgets it uses.
"""
