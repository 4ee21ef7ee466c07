"""Read each hit in context: whose voice, scare quotes, so-called, negation, ambiguous senses.

This first version assigns every hit the outlet's own voice and a loaded sense, and reads an
ambiguous entry's hit in its neutral sense when one of its ``neutral_cues`` (a word or phrase,
which may include the term itself: "claimed responsibility") stands within three words of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold

_WORD = re.compile(r"\w+")
CUE_WINDOW = 3


@dataclass(frozen=True)
class Reading:
    voice: str = "own"
    scare_quote: bool = False
    so_called: bool = False
    negated: bool = False
    sense: str = "loaded"


def read_in_context(text, spans, entries, sentences) -> list[Reading]:
    """One :class:`Reading` per span, in order."""
    out = []
    for span in spans:
        entry = entries[span.entry]
        sense = "loaded"
        if entry.ambiguous and entry.neutral_cues and _cue_near(text, span, entry.neutral_cues):
            sense = "neutral"
        out.append(Reading(sense=sense))
    return out


def _cue_near(text: str, span, cues) -> bool:
    before = _WORD.findall(fold(text[max(0, span.start - 80):span.start]))[-CUE_WINDOW:]
    after = _WORD.findall(fold(text[span.end:span.end + 80]))[:CUE_WINDOW]
    term = _WORD.findall(fold(text[span.start:span.end]))
    window = " " + " ".join(before + term + after) + " "
    return any(f" {fold(c).strip()} " in window for c in cues)
