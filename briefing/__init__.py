"""briefing: source-grounded briefing decks in the terminal.

The map of the layers, in the order data flows. Deck files (YAML) and
their source articles are read by :mod:`briefing.core`, the domain: the
model, the loader, source texts and their normalisation, verification,
the citation index behind the drill-down, slide kinds and the reading
state; it imports neither Textual nor Rich. :mod:`briefing.output` turns
a verified deck into files (export formats, atomic writes),
:mod:`briefing.store` keeps the side effects (the on-disk cache, watching
files for changes, remembered state, the presenter channel) and
:mod:`briefing.draft` turns an article into a draft deck; all three build
on the core only. The UI,
:mod:`briefing.ui` (app, palette, themes, the one stylesheet) with
:mod:`briefing.screens` and :mod:`briefing.widgets`, is the only code that
imports Textual. :mod:`briefing.cli` sits on top and wires them together.
``lint-imports`` (contracts in ``pyproject.toml``) fails CI when an
import crosses a layer the wrong way.
"""

__version__ = "0.1.0"
