"""Lexicon + text -> hits: an Aho-Corasick automaton over normalised text.

Matching is case-insensitive, on whole words, leftmost-longest and non-overlapping
(lexicons/SCHEMA.md, "How terms match"). The text is matched in the form of
:func:`framing.normalize.match_form`, where every non-alphanumeric character is a space; every key
starts with a space, so a match can only begin at a word start, and a match is kept only when a
space (or the end of the text) follows it. Patterns are literal, so no lexicon can make matching
slow: the automaton scans each text once, whatever the number of entries.

Arabic terms are also indexed behind each attached prefix (و ف ب ك ل ال and their combinations),
so "للاحتلال" and "والاحتلال" are hits of "الاحتلال"; the hit covers the whole written word.
"""
from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from .lexicon import Entry, Lexicon
from .normalize import match_form, match_key

# Attached Arabic prefixes (normalised forms): conjunction و/ف, then a preposition ب/ك/ل and/or the
# article ال (ل + ال is written لل).
ARABIC_PREFIXES = tuple(sorted({c + p for c in ("", "و", "ف")
                                for p in ("", "ال", "لل", "بال", "كال", "ب", "ك", "ل")}))


@dataclass(frozen=True)
class Span:
    """One match: offsets into the original text and the index of the lexicon entry."""

    start: int
    end: int
    entry: int


class Matcher:
    """Compiled lexicon. Build once, reuse for every document (and pickle to worker processes)."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.entries: tuple[Entry, ...] = lexicon.entries
        automaton = ahocorasick.Automaton()
        for idx, entry in enumerate(self.entries):
            arabic = entry.lang == "ar"
            for form in entry.forms:
                wild = form.endswith("*")
                key = match_key(form.rstrip("*"), entry.lang)
                if not key:
                    continue
                for prefix in (ARABIC_PREFIXES if arabic else ("",)):
                    full = " " + prefix + key
                    if full not in automaton:  # the first entry to claim a form keeps it
                        automaton.add_word(full, (len(full), idx, wild))
        self._empty = len(automaton) == 0
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str) -> list[Span]:
        """All hits in ``text``: leftmost-longest, non-overlapping, in text order."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[Span], int]:
        """Hits in ``text`` and its word count (runs of letters and digits)."""
        if not text:
            return [], 0
        norm, offsets = match_form(text)
        words = len(norm.split())
        if self._empty:
            return [], words
        norm = " " + norm  # every key starts with a space; so may the first word
        n = len(norm)
        candidates = []
        for last, (length, idx, wild) in self._automaton.iter(norm):
            end = last + 1
            if wild:
                while end < n and norm[end] != " ":
                    end += 1
            elif end < n and norm[end] != " ":
                continue
            candidates.append((last - length + 2, -end, idx))  # start after the key's leading space
        if not candidates:
            return [], words
        if len(candidates) > 1:
            candidates.sort()
        spans = []
        last_end = -1
        for start, neg_end, idx in candidates:
            if start >= last_end:
                end = -neg_end
                # Offsets in ``norm`` are one more than in the matched text (the leading space).
                if offsets is None:
                    spans.append(Span(start - 1, end - 1, idx))
                else:
                    spans.append(Span(offsets[start - 1], offsets[end - 2] + 1, idx))
                last_end = end
        return spans, words
