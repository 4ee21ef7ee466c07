"""Tokens of the context stage: words and punctuation marks of a window of text, folded for
comparison (lower case, Arabic letter forms folded, Arabic diacritics ignored), with their offsets
in the text as written; and the scan text in which trigger words are looked up."""
from __future__ import annotations

import re

from ..normalize import ARABIC_FOLD, ARABIC_MARKS, fold

_ARABIC = re.compile("[\u0600-\u06ff]")
# Arabic diacritics and tatweel (removed in matching): inside a word they belong to it ("أكّدت").
_AR_MARK_CHARS = ARABIC_MARKS  # (framing/normalize.py)
_AR_MARKS = frozenset(c for c in map(chr, range(0x600, 0x700)) if re.match(f"[{ARABIC_MARKS}]", c))
_TOKEN = re.compile(f"[\\w{_AR_MARK_CHARS}]+(?:['’][\\w{_AR_MARK_CHARS}]+)*|[^\\w\\s\\-\\u2010\\u2011{_AR_MARK_CHARS}]")

def _fold_word(word: str) -> str:
    return fold(word.strip()).replace("-", " ")


# ----------------------------------------------------------------------------- tokens

_AR_FOLD = ARABIC_FOLD  # the matcher's fold (framing/normalize.py)
_AR_FOLD_RE = re.compile("[" + "".join(_AR_FOLD) + "]")
_AR_REMOVABLE = re.compile(f"[{ARABIC_MARKS}]")


def _fold_arabic(text: str) -> str:
    """Arabic letter forms folded as in matching (أ إ آ to ا, ى to ي, ة to ه), keeping the length."""
    return _AR_FOLD_RE.sub(lambda m: _AR_FOLD[m.group()], text)


def _scan_text(text: str) -> tuple[str, list[int] | None]:
    """The text in which trigger words are looked up: lower case, Arabic letter forms folded and
    Arabic diacritics removed; with, when they were removed, the offset in ``text`` of each of its
    characters (otherwise it has the length of ``text``; str.translate is slow on non-ASCII text, so
    it is avoided here)."""
    low = text.lower()
    if len(low) != len(text):
        return fold(text), None  # a character grew when lower-cased ("İ"): the slow, exact path
    if not _ARABIC.search(low):
        return low, None
    low = _fold_arabic(low)
    if not _AR_REMOVABLE.search(low):
        return low, None
    kept = [i for i, c in enumerate(low) if c not in _AR_MARKS]  # vocalised Arabic: "أكّدت" is "اكدت"
    return "".join(low[i] for i in kept), kept


def _norm_token(tok: str) -> str:
    t = tok.lower()
    if "’" in t:
        t = t.replace("’", "'")
    if "\u0600" <= t[0] <= "\u06ff":
        t = _fold_arabic(_AR_REMOVABLE.sub("", t) or t)
    return t


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for the words and punctuation marks of text[lo:hi]."""
    part = text[lo:hi]
    if not part.isascii():
        part = part.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        if not part.isascii():
            return _tokens_slow(part, lo)
    # Fast path (most windows of English text): separate punctuation, split on white space
    # (str.replace is much faster than str.translate or a regular expression here).
    low = part.lower()
    padded = low
    for p in _PUNCT:
        if p in padded:
            padded = padded.replace(p, _PADDED[p])
    out = []
    pos = 0
    find = low.find
    for w in padded.split():
        if "'" in w and len(w) > 1 and (w[0] == "'" or w[-1] == "'"):
            for piece in _APOS.findall(w):
                i = find(piece, pos)
                out.append((piece, i + lo, i + lo + len(piece)))
                pos = i + len(piece)
            continue
        i = find(w, pos)
        pos = i + len(w)
        out.append((w, i + lo, pos + lo))
    return out


def _tokens_slow(part: str, lo: int) -> list[tuple[str, int, int]]:
    low = part.lower()
    if len(low) != len(part):
        return [(_norm_token(m.group()), m.start() + lo, m.end() + lo) for m in _TOKEN.finditer(part)]
    if _ARABIC.search(low):
        low = _fold_arabic(low)
        if _AR_REMOVABLE.search(low):  # tokens without their diacritics, offsets as written
            return [(_AR_REMOVABLE.sub("", m.group()) or m.group(), m.start() + lo, m.end() + lo)
                    for m in _TOKEN.finditer(low)]
    return [(m.group(), m.start() + lo, m.end() + lo) for m in _TOKEN.finditer(low)]


_PUNCT = '-,.:;"()?![]{}/!*&#$%+<=>@\\^`|~'
_PADDED = {c: f" {c} " for c in _PUNCT} | {"-": " "}
_APOS = re.compile(r"\w+(?:'\w+)*|'")


def _in_word(text: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a word (between two of its characters, "don't" included)."""
    a, b = text[pos - 1], text[pos]
    if a.isalnum() or a == "_" or a in _AR_MARKS:
        return b.isalnum() or b == "_" or b in _AR_MARKS or (b in "'’" and pos + 1 < len(text) and text[pos + 1].isalnum())
    return a in "'’" and pos >= 2 and text[pos - 2].isalnum() and (b.isalnum() or b == "_")


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] == "_"
