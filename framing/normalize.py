"""Text normalisation for matching: case, dashes, apostrophes, whitespace and Arabic letter forms.

Matching runs on a normalised copy of each text. For most texts the copy has the same length as the
original, so offsets carry over unchanged; when characters are removed (Arabic diacritics and
tatweel) :func:`normalize_text` also returns an offset map back to the original.
"""
from __future__ import annotations

import re

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D"
_APOSTROPHES = "\u2019\u2018\u02BC\u0060\u00B4\u2032"
_SPACES = "\n\t\r\x0b\x0c\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000"
# Arabic letter folding, written once (issue 16). Each fold is 1:1, so no offsets change. Three
# variants are in use and kept apart, because each has always read its own kind of text this way
# and folding more would change what it finds:
ALEF_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}  # hamza above/below, madda, wasla -> bare alef
# matching and the context engine: alef forms, alef maqsura, ta marbuta and the hamza carriers
ARABIC_FOLD = {**ALEF_FORMS, "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
# outlet names (ingest/outlets.py) and the segmenter's header words (ingest/segment/): ؤ and ئ kept
ARABIC_FOLD_NAMES = {**ALEF_FORMS, "ى": "ي", "ة": "ه"}
# month and weekday names (ingest/dates.py): ة kept, the date patterns are written with it
ARABIC_FOLD_DATES = {**ALEF_FORMS, "ى": "ي"}
# Arabic marks, as bodies of a regular-expression character class: harakat, superscript alef and
# tatweel (removed by the readers' keys); with the Quranic annotation marks (removed in matching).
ARABIC_HARAKAT = "\u0610-\u061a\u064b-\u065f\u0670\u0640"
ARABIC_MARKS = ARABIC_HARAKAT + "\u06d6-\u06ed"
_ARABIC_FOLD = ARABIC_FOLD

_TABLE = str.maketrans(
    {**{c: " " for c in _DASHES + _SPACES}, **{c: "'" for c in _APOSTROPHES}, **_ARABIC_FOLD}
)
# Removed from Arabic text: harakat, superscript alef, Quranic marks, tatweel.
_REMOVABLE = re.compile(f"[{ARABIC_MARKS}]+")
_ARABIC_LETTER = re.compile("[\u0600-\u06FF]")
_SPACE_RUN = re.compile(r" {2,}")
# For matching, every character that is not a letter or digit becomes a space, so that word
# boundaries are spaces and whole-word matching needs no per-hit checks.
_ASCII_MATCH_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else 32
    for c in range(256)
)
_NON_WORD = re.compile(r"[^\w ]|_")
_TYPOGRAPHIC = "\u2019\u2018\u201c\u201d\u2013\u2014\u00a0\u2026\u00ab\u00bb\u2022\u00b7"


def fold(text: str) -> str:
    """Lower-case and fold dashes, apostrophes, spaces and Arabic letter forms, keeping the length."""
    folded = text.translate(_TABLE)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters (e.g. 'İ') grow when lower-cased: lower them one by one, keeping length.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


def normalize_text(text: str) -> tuple[str, list[int] | None]:
    """Return the text to match on and, when lengths differ, ``offsets[i]`` = original index of char i.

    The offset list has one extra element, ``len(text)``, so that an end offset maps too.
    """
    folded = fold(text)
    if not _REMOVABLE.search(folded):
        return folded, None
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _REMOVABLE.finditer(folded):
        parts.append(folded[pos:m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(folded[pos:])
    offsets.extend(range(pos, len(folded)))
    offsets.append(len(text))
    return "".join(parts), offsets


def match_form(text: str) -> tuple[str, list[int] | None]:
    """The text as the matcher sees it: :func:`normalize_text`, then every non-alphanumeric
    character (punctuation, apostrophes, dashes, line breaks) as a space.

    ASCII text takes a fast byte-level path. Returns the same offset map as :func:`normalize_text`.
    """
    if not text.isascii():
        # Most news text is ASCII but for typographic punctuation: blank that out (one character for
        # one, so offsets hold) and take the byte-level path when nothing else is left.
        for ch in _TYPOGRAPHIC:
            if ch in text:
                text = text.replace(ch, " ")
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_MATCH_TABLE).decode("ascii"), None
    low = text.lower()
    if len(low) != len(text) or _ARABIC_LETTER.search(low):
        # Rare paths: a character that grows when lower-cased ('İ'), or Arabic letter forms to fold
        # and diacritics to remove (with an offset map).
        norm, offsets = normalize_text(text)
        return _NON_WORD.sub(" ", norm), offsets
    # Dashes, apostrophes and spaces are not word characters: the substitution maps them too.
    return _NON_WORD.sub(" ", low), None


def match_key(term: str, lang: str = "") -> str:
    """A lexicon term or variant in the matcher's form (see :func:`match_form`), spaces collapsed."""
    return _SPACE_RUN.sub(" ", match_form(normalize_term(term, lang))[0]).strip()


def has_arabic(text: str) -> bool:
    return not text.isascii() and _ARABIC_LETTER.search(text) is not None


def normalize_term(term: str, lang: str = "") -> str:
    """The form of a lexicon term that is looked up in normalised text."""
    norm, _ = normalize_text(term.strip())
    norm = _SPACE_RUN.sub(" ", norm).strip()
    if (lang == "ar" or has_arabic(norm)) and norm.startswith("ال") and len(norm.split(" ")[0]) >= 5:
        norm = norm[2:]  # the article is matched as an attached prefix, like و ب ل
    return norm
