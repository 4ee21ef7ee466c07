"""Offline sentence splitting for news text (English and Arabic), as character spans.

Rules, not a trained model: a sentence ends at ``.``, ``!``, ``?``, ``؟`` or ``…`` (with any closing
quotes or brackets after it) followed by white space and a capital letter, digit, opening quote or
an Arabic letter; and always at a blank line or a line break before a capital letter (a headline or a new paragraph). Common
abbreviations ("Mr.", "Gen.", "U.S.", "Jan.") and initials ("J. Smith") do not end a sentence.
"""
from __future__ import annotations

import bisect
import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "gov", "sen", "rep", "rev", "st", "sr", "jr", "mt", "ft", "no", "nos", "vol", "vs", "etc", "al",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "ltd", "co", "corp", "dept", "est", "approx", "fig", "e.g", "i.e", "u.s", "u.n", "u.k",
    "u.s.a", "e.u", "a.m", "p.m",
}
_END = re.compile(
    r"""[.!?؟…]+['"’”»)\]]*"""            # end punctuation and closers
    r"""(?=\s+['"‘“«(\[]?[A-Z0-9\u0600-\u06FF])"""  # then space and a sentence start
    r"""|\n\s*\n"""                          # or a blank line
    r"""|\n(?=[ \t]*['"‘“«(\[]?[A-Z0-9\u0600-\u06FF])"""  # or a line break before a sentence start
)
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, white space trimmed, in order."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            w = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start() + 1)
            if w:
                word = w.group(1).lower()
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """0-based index of the sentence containing ``offset`` (the previous one if between sentences)."""
    starts = [s for s, _ in spans]
    return max(0, bisect.bisect_right(starts, offset) - 1)
