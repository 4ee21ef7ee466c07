"""Lexicon + text -> hits: an Aho-Corasick automaton over normalised text with word-boundary checks.

Matching is case-insensitive, on whole words, leftmost-longest and non-overlapping
(lexicons/SCHEMA.md, "How terms match"). Patterns are literal, so no lexicon can make matching
slow: the automaton scans each text once, whatever the number of entries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from .lexicon import Entry, Lexicon
from .normalize import normalize_term, normalize_text

# Attached Arabic prefixes allowed before a term: conjunction و/ف, then a preposition ب/ك/ل and/or
# the article ال (ل + ال is written لل).
_AR_PREFIX = re.compile(r"^[وف]?(?:ال|لل|[بك]ال|[بكل])?$")
_AR_LETTERS = re.compile(r"[\u0621-\u064A]+$")


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
                key = normalize_term(form.rstrip("*"), entry.lang)
                if not key:
                    continue
                automaton.add_word(key, (len(key), idx, wild, arabic))
        self._empty = len(automaton) == 0
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str) -> list[Span]:
        """All hits in ``text``: leftmost-longest, non-overlapping, in text order."""
        if self._empty or not text:
            return []
        norm, offsets = normalize_text(text)
        n = len(norm)
        candidates = []
        for last, (length, idx, wild, arabic) in self._automaton.iter(norm):
            start = last - length + 1
            end = last + 1
            if start > 0 and norm[start - 1].isalnum():
                if not arabic:
                    continue
                word_start = _arabic_word_start(norm, start)
                if word_start < 0:
                    continue
                start = word_start  # the hit covers the whole word, clitics included
            if wild:
                while end < n and norm[end].isalpha():
                    end += 1
            elif end < n and norm[end].isalnum():
                continue
            candidates.append((start, -end, idx))
        if not candidates:
            return []
        candidates.sort()
        spans = []
        last_end = -1
        for start, neg_end, idx in candidates:
            if start >= last_end:
                end = -neg_end
                if offsets is not None:
                    spans.append(Span(offsets[start], offsets[end - 1] + 1, idx))
                else:
                    spans.append(Span(start, end, idx))
                last_end = end
        return spans


def _arabic_word_start(norm: str, start: int) -> int:
    """Start of the word if the letters before ``start`` are attached prefixes, else -1."""
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalnum():
        word_start -= 1
    prefix = norm[word_start:start]
    if len(prefix) <= 4 and _AR_LETTERS.match(prefix) and _AR_PREFIX.match(prefix):
        return word_start
    return -1
