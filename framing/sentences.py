"""Offline sentence splitting for news text (English and Arabic), as character spans.

Rules, not a trained model (nothing to download). A sentence ends:

- at ``.``, ``!``, ``?``, ``…``, the Arabic question mark ``؟`` or full stop ``۔`` (with any closing
  quotation marks or brackets after it), followed by white space and a sentence start: a capital
  letter, a digit, an Arabic letter, or an opening quotation mark or bracket;
- at a blank line, and at a line break before a sentence start (a headline, a new paragraph).

What does not end a sentence: a decimal point ("3.5"); an initial ("J. Smith", "George W. Bush");
a title or other abbreviation that comes before a name or number ("Mr.", "Gen.", "St.", "No. 5",
"Jan. 5", "Aug. 25"); an abbreviation that may also end a sentence ("U.S.", "a.m.", "Inc.",
"etc.") unless the next word is a usual sentence opener ("in the U.S. The talks ..."). Arabic
commas and semicolons (``،`` ``؛``) never end a sentence.
"""
from __future__ import annotations

import bisect
import re

# Never end a sentence: they stand before a name, a number or a date.
_TITLES = frozenset("""
mr mrs ms messrs mme dr prof gen col lt maj capt cpt sgt cpl adm cmdr brig pte gov sen rep rev
fr st mt ft hon pres supt insp det no nos vol vols vs v fig figs pp para art ch sec e.g i.e cf
jan feb mar apr jun jul aug sep sept oct nov dec approx est ca
""".split())
# Titles that stand before a number only ("No. 5", "Art. 2"); elsewhere an ordinary word ("said no.").
_NUMBERED = frozenset("no nos art ch sec para v vol vols fig figs pp".split())
# May end a sentence, but usually do not.
_ABBREVIATIONS = frozenset("""
u.s u.n u.k e.u u.s.a u.a.e a.m p.m etc inc ltd co corp plc jr sr al bros dept assn univ govt
""".split())
# A capitalised word after an ambiguous abbreviation that shows a new sentence.
_OPENERS = frozenset("""
the a an he she it they we i you this that these those there his her its their our but and yet
so in on at after before when while as if meanwhile however also some many most officials
""".split())
_START = r"""['"‘“«(\[]{0,2}[A-Z0-9\u0600-\u06FF\u00C0-\u024F]"""  # a sentence start ('"[T]he kids ...')
# One character class first, then the rest by which character it was: Python's re scans for a
# leading character class quickly (about 3x a pattern that begins with alternatives).
_END = re.compile(
    r"""[.!?؟۔…\n](?:"""
    r"""(?<=[.!?؟۔…])[.!?؟۔…]*['"’”»)\]]*(?=\s+""" + _START + r""")"""  # end punctuation, closers, space, a start
    r"""|(?<=\n)(?:[^\S\n]*\n\s*"""                                      # or a blank line
    r"""|(?=[ \t]*""" + _START + r""")))"""                                 # or a line break before a start
)
_SPECIAL = SPECIAL_WORDS = _TITLES | _NUMBERED | _ABBREVIATIONS  # lower case, without their full stops
_WORD_BEFORE = re.compile(r"(?<![\w.])([^\W\d_]\w*(?:\.\w+)*)\.$")
_NEXT_WORD = re.compile(r"""\s+['"‘“«(\[]?(\w+)""")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, white space trimmed, in order."""
    spans: list[tuple[int, int]] = []
    append = spans.append
    start = 0
    for m in _END.finditer(text):
        dot, end = m.span()
        if end - dot == 1 and text[dot] == "." and not _plain_word_before(text, dot) and not _ends_here(text, dot):
            continue
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            append((s, e))
        start = end
    _add(text, start, len(text), spans)
    return spans


def _plain_word_before(text: str, dot: int) -> bool:
    """A quick yes for most full stops: an ordinary word of two letters or more stands before it
    (not an initial, title or abbreviation), so the sentence ends; no means "ask _ends_here"."""
    words = text[max(0, dot - 12):dot].rsplit(None, 1)
    tok = words[-1] if words else ""
    return tok.isalpha() and len(tok) > 1 and tok.lower() not in _SPECIAL


def _ends_here(text: str, dot: int) -> bool:
    """Whether the single full stop at ``dot`` ends a sentence (abbreviations and initials do not)."""
    w = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not w:
        return True
    word = w.group(1).lower()
    if word in _NUMBERED:
        nxt = _NEXT_WORD.match(text, dot + 1)
        return not (nxt and nxt.group(1)[0].isdigit())
    if word in _TITLES:
        return False
    if len(word) == 1 or word in _ABBREVIATIONS or "." in word:
        nxt = _NEXT_WORD.match(text, dot + 1)
        return bool(nxt) and nxt.group(1).lower() in _OPENERS and len(word) > 1
    return True


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
