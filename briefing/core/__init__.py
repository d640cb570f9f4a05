"""The domain: what a deck is and what its sources say.

The model, the loader and its YAML reader, source texts and their
normalisation, verification, the drill-down index, slide kinds and the
reading state. Plain Python and PyYAML only: never Textual or Rich (an
import-linter contract in ``pyproject.toml`` enforces it).
"""
