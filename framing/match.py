"""Lexicon + text -> hits: an Aho-Corasick automaton over normalised text.

Matching is case-insensitive, on whole words, leftmost-longest and non-overlapping
(lexicons/SCHEMA.md, "How terms match"). The text is matched in the form of
:func:`framing.normalize.match_form`, where every non-alphanumeric character is a space; every key
starts with a space, so a match can only begin at a word start, and a match is kept only when a
space (or the end of the text) follows it. Patterns are literal, so no lexicon can make matching
slow: the automaton scans each text once, whatever the number of entries.

Arabic terms are also indexed behind each attached prefix (و ف ب ك ل ال and their combinations),
so "للاحتلال" and "والاحتلال" are hits of "الاحتلال"; the hit covers the whole written word.

Two cores scan: this module (the reference, always there) and the compiled ``framing_native``
(native/, the same rules in Rust, built from the keys prepared here). ``FRAMING_CORE`` (or
``framing --core``) chooses; the default is ``native`` when the module is built, else ``python``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import partial

import ahocorasick

from .errors import OptionError
from .lexicon import Entry, Lexicon
from .normalize import match_form, match_key

# Attached Arabic prefixes (normalised forms): conjunction و/ف, then a preposition ب/ك/ل and/or the
# article ال (ل + ال is written لل).
ARABIC_CONJUNCTIONS = ("و", "ف")
ARABIC_ARTICLE_PREPOSITIONS = ("ال", "لل", "بال", "كال", "ب", "ك", "ل")
ARABIC_PREFIXES = tuple(sorted({c + p for c in ("",) + ARABIC_CONJUNCTIONS
                                for p in ("",) + ARABIC_ARTICLE_PREPOSITIONS}))
# What a word is, for the word counts (the denominator of every rate): ``scan`` counts the words of
# ``match_form``, where every character that is not a letter or digit is a space. Said in words for
# the report's methods page.
WORD_RULE = ("a word is a run of letters and digits: every other character (spaces, punctuation, apostrophes, "
             "hyphens, dashes) separates words, so \"don't\" is two words and \"pro-Israel\" two")


CORES = ("python", "native")


def native_module():
    """The compiled scanner module, or None when it is not built."""
    try:
        import framing_native
    except ImportError:
        return None
    return framing_native


def core() -> str:
    """The scanning core in use: ``FRAMING_CORE`` if set, else native when it is built."""
    want = os.environ.get("FRAMING_CORE", "").strip().lower()
    if not want:
        return "native" if native_module() is not None else "python"
    if want not in CORES:
        raise OptionError(f"FRAMING_CORE={want!r}: the core is one of {', '.join(CORES)}")
    if want == "native" and native_module() is None:
        raise OptionError("the native core is not built (framing_native is not importable): "
                          "pip install ./native, or use --core python")
    return want


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
        self._keys: list[tuple[str, int, bool]] = []  # (key, entry, wildcard), in the automaton's order
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
                        self._keys.append((full, idx, wild))
        self._case = tuple(getattr(e, "case", "any") for e in self.entries)
        self._guarded = any(c != "any" for c in self._case)
        self._empty = len(automaton) == 0
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton
        self.core = core()
        self._native = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_native"] = None  # the compiled scanner is rebuilt where it is used
        return state

    def _scanner(self):
        if self._native is None:
            native = native_module()
            if native is None:
                raise OptionError("the native core is not built (framing_native is not importable)")
            keys, entries, wild = zip(*self._keys) if self._keys else ((), (), ())
            # The guard holds the case rules and forms, not the Matcher: no reference cycle through
            # the compiled object (which the garbage collector cannot see into).
            guard = partial(_allows, self._case, tuple(e.forms for e in self.entries))
            self._native = native.Scanner(list(keys), list(entries), list(wild),
                                          [c != "any" for c in self._case], guard, match_form)
        return self._native

    def find(self, text: str) -> list[Span]:
        """All hits in ``text``: leftmost-longest, non-overlapping, in text order."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[Span], int]:
        """Hits in ``text`` and its word count (runs of letters and digits)."""
        if self.core == "native":
            starts, ends, entries, words = self._scanner().scan(text)
            return list(map(Span, starts, ends, entries)), words
        return self.scan_python(text)

    def scan_python(self, text: str) -> tuple[list[Span], int]:
        """:meth:`scan` by the reference implementation (this module)."""
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
                    span = Span(start - 1, end - 1, idx)
                else:
                    span = Span(offsets[start - 1], offsets[end - 2] + 1, idx)
                if self._guarded and self._case[idx] != "any" and \
                        not case_allows(text, span.start, span.end, self._case[idx], self.entries[idx].forms):
                    continue  # a shorter match at the same place may still be taken
                spans.append(span)
                last_end = end
        return spans, words


# ----------------------------------------------------------------------------- case guards

def _allows(cases: tuple[str, ...], forms: tuple[tuple[str, ...], ...], text: str, start: int, end: int,
            idx: int) -> bool:
    """The native scanner's question for a hit of a guarded entry (see :func:`case_allows`)."""
    return case_allows(text, start, end, cases[idx], forms[idx])


_TITLES = {"mr", "mrs", "ms", "dr", "rep", "sen", "gov", "gen", "st", "prof", "lt", "col", "sgt", "capt", "pres"}
_SENTENCE_END = set(".!?:;\"\u201c\u201d\u2018\u2019'([\u2014\u2013-\u2022*#|")
_LETTERS = re.compile(r"[^\w]+")


def _sentence_start(text: str, start: int) -> bool:
    """Whether ``text[start]`` begins a sentence, a line or a quotation (so a capital is expected)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n\r":
        return True
    if text[i] not in _SENTENCE_END:
        return False
    if text[i] == ".":  # 'Mr. Savage' is a name, not a new sentence
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        return text[j:i].lower() not in _TITLES
    return True


def _next_word(text: str, end: int) -> str:
    m = re.match(r"[\s\-\u2019']*([^\W\d_][\w]*)", text[end:end + 60])
    return m.group(1) if m else ""


def case_allows(text: str, start: int, end: int, rule: str, forms=()) -> bool:
    """Whether a hit ``text[start:end]`` of an entry with case rule ``rule`` counts.

    - ``exact``: written as in the lexicon (a capital first letter is allowed at a sentence start);
    - ``not_caps``: not when written in capitals ('ORC', an acronym);
    - ``not_name``: neither in capitals nor as part of a name: a capitalised word in mid-sentence
      ('CNN/ORC', 'Rep. Louise Slaughter', 'The Daily Beast'), or at a sentence start when the next
      word is capitalised too ('Rob Portman said').
    """
    surface = text[start:end]
    letters = [c for c in surface if c.isalpha()]
    if not letters or not any(c.isupper() or c.islower() for c in letters):
        return True  # a script without case (Arabic)
    caps = len(letters) >= 2 and all(c.isupper() for c in letters if c.isupper() or c.islower())
    if rule == "not_caps":
        return not caps
    if rule == "exact":
        flat = _LETTERS.sub("", surface)
        for form in forms:
            want = _LETTERS.sub("", form.rstrip("*"))
            got = flat[:len(want)] if form.endswith("*") else flat
            if got == want or (_sentence_start(text, start) and got == want[:1].upper() + want[1:]):
                return True
        return False
    if rule == "not_name":
        if caps:
            return False
        if not surface[:1].isupper():
            return True
        if not _sentence_start(text, start):
            return False
        nxt = _next_word(text, end)
        return not (nxt[:1].isupper() and nxt.lower() not in {"i"})
    return True
