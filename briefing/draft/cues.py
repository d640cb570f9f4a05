"""Objectives, obstacles and what to watch, from the phrases an article flags them with."""

from __future__ import annotations

import re

#: Section → cue phrases; a sentence goes to the first section whose cue it contains.
CUES: tuple[tuple[str, str], ...] = (
    (
        "watch",
        r"the critical unknown|critical question|remains? to be seen|will reveal|will determine|"
        r"will face|will be tested|sternest tests?|litmus test|the coming (?:days|weeks|months)|"
        r"open question|unanswered questions?|defining question|unclear whether|it is not clear|watch for|"
        r"next steps?|will decide|deadline",
    ),
    (
        "obstacles",
        r"challenges?|obstacles?|hurdles?|stands? in the way|lack of|shortfalls?|"
        r"difficult(?:y|ies)?|problems?|risks?|vulnerab\w+|collides? with|stumbling block|bottleneck|"
        r"setbacks?|concerns? about|dilemma|constraint\w*|opposition to",
    ),
    (
        "objectives",
        r"aims? to|aim is|aimed at|objectives?|goals?|intends? to|seeks? to|plans? to|"
        r"purpose|in order to|designed to|mission is|strategy|target(?:s|ed)? (?:to|of)|priority|priorities|"
        r"will (?:help|allow|enable)",
    ),
)
_CUE_RE = tuple((section, re.compile(r"\b(?:" + pattern + r")\b", re.I)) for section, pattern in CUES)
SECTION_TITLES = {"objectives": "Objectives", "obstacles": "Obstacles", "watch": "What to watch"}


def section_of(sentence: str) -> tuple[str, str] | None:
    """The section a sentence flags itself for, and the cue, or ``None``."""
    for section, pattern in _CUE_RE:
        m = pattern.search(sentence)
        if m:
            return section, m.group(0)
    return None
