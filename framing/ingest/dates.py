"""Dates in free text -> ISO ``YYYY-MM-DD``.

Forms read (case-insensitive, anywhere in a string):

* month names: ``August 25 2022``, ``June 17, 2022``, ``Aug. 5th, 2022``, ``16 Jun 2022``,
  ``5 March 2022``, ``25 August, 2022``;
* Arabic month names, both the Levantine ``كانون الثاني`` ... ``كانون الأول`` and the ``يناير`` ...
  ``ديسمبر`` forms (and the Maghrebi ``جانفي`` ... forms), with Arabic-Indic or Persian digits and the
  Arabic comma: ``السبت 5 آذار 2022``, ``٥ آذار ٢٠٢٢``;
* numeric day/month/year: ``12.05.2020``, ``5/12/2020``, ``12-05-2020``; ``dayfirst`` says which of the
  first two numbers is the day; when that reading is impossible (``5/13/2020``) the other one is used;
* ISO and year-first numeric: ``2022-03-05``, ``2022-03-05T10:00:00Z``, ``2022/3/5``.

A date needs a day, a month and a four-digit year between 1900 and 2100; ``May 2020`` alone is not a
date (no day is guessed). Impossible dates (``31 February 2020``) are ignored.

:func:`read_date_line` decides whether a whole line *is* a date line (a dateline of an article, such
as ``Sputnik – 12.05.2020`` or ``Published: Saturday 5 March 2022 10:30 GMT``) and returns what stands
around the date (``Sputnik``) so that the caller can look it up as an outlet.

:func:`parse_one_date` (and :func:`parse_dates` for a batch) reads a date *cell* of a table or a
feed: ISO strings, ``20210304``, Unix seconds or milliseconds, datetime objects, and else any of
the text forms above; it is the one place where the readers, the analysis and the quoting check
turn a cell into a day. Plausible years are named constants: ``TEXT_MIN_YEAR``..``TEXT_MAX_YEAR``
for text, ``CELL_MIN_YEAR``..``CELL_MAX_YEAR`` for cells.
"""
from __future__ import annotations

import functools
import math
import re
import warnings
from dataclasses import dataclass
from datetime import date as _date

import pandas as pd

from ..normalize import ARABIC_FOLD_DATES, ARABIC_HARAKAT

# ----------------------------------------------------------------------------- constants

TEXT_MIN_YEAR, TEXT_MAX_YEAR = 1900, 2100   # a date in running text (find_dates, read_date_line)
CELL_MIN_YEAR, CELL_MAX_YEAR = 1800, 2200   # a date cell (parse_one_date): see "date cells" below

_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Arabic month names, written after folding (see _fold_arabic): hamza forms of alef -> ا, ى -> ي.
_AR_MONTHS = {
    # Levantine / Iraqi (Syriac) names
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    # Egyptian / Gulf names (with common spellings)
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7,
    "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Maghrebi names
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "اوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}
_MONTHS = {**_EN_MONTHS, **_AR_MONTHS}

_WEEKDAYS = (
    "monday", "mon", "tuesday", "tues", "tue", "wednesday", "wed", "thursday", "thurs", "thur", "thu",
    "friday", "fri", "saturday", "sat", "sunday", "sun",
    "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "الجمعه",
    "يوم",
)
# Words that may stand next to a date on a date line without making it a sentence.
_LABELS = (
    "published", "posted", "updated", "last updated", "modified", "date", "dated", "on", "at", "gmt", "utc", "am", "pm", "est", "edt", "cet", "cest", "bst", "local time",
    "نشر", "نشر في", "تاريخ النشر", "بتاريخ", "اخر تحديث", "تحديث", "في", "بتوقيت", "غرينتش",
)

# ----------------------------------------------------------------------------- normalisation

_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}
_FOLD = str.maketrans({
    **_DIGITS,
    **ARABIC_FOLD_DATES, "،": ",", "٫": ".", "٬": ",",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
})
# Arabic harakat, superscript alef, tatweel, and bidi/zero-width marks: removed before matching.
_REMOVE = re.compile(f"[{ARABIC_HARAKAT}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def normalize_for_dates(text: str) -> str:
    """ASCII digits, one alef, ASCII dashes and spaces; Arabic diacritics and bidi marks removed."""
    text = text.translate(_FOLD)
    if _REMOVE.search(text):
        text = _REMOVE.sub("", text)
    return text


# ----------------------------------------------------------------------------- patterns


def _alternation(words) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts.append(re.escape(w).replace(r"\ ", r"\s+"))
    return "|".join(parts)


_ONE_MONTH = rf"(?:{_alternation(_MONTHS)})"
# "أيلول/سبتمبر": Arabic dates often give both names of the month.
_MONTH = rf"(?:{_ONE_MONTH}(?:\s*/\s*{_ONE_MONTH})?)"
_ORD = r"(?:st|nd|rd|th)?"
# A word boundary that also works next to Arabic letters and digits.
_L = r"(?<![^\W\d_])"
_R = r"(?![^\W\d_])"
_PATTERNS = (
    ("ymd", re.compile(r"(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])")),
    ("dmy_num", re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d])")),
    ("dmy", re.compile(rf"(?<![\d])(\d{{1,2}}){_ORD}\.?\s*(?:of\s+|-)?{_L}({_MONTH}){_R}\.?,?\s*-?\s*(\d{{4}})(?!\d)", re.I)),
    ("mdy", re.compile(rf"{_L}({_MONTH}){_R}\.?\s*(\d{{1,2}}){_ORD}(?!\d),?\s+(\d{{4}})(?!\d)", re.I)),
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a (normalised) string: ISO value and its span in ``normalize_for_dates(s)``."""

    iso: str
    start: int
    end: int


@dataclass(frozen=True)
class DateLine:
    """A line that is a date line: the date and the words standing before and after it."""

    iso: str
    before: str
    after: str


def _make(y: int, m: int, d: int) -> str | None:
    if not (TEXT_MIN_YEAR <= y <= TEXT_MAX_YEAR):
        return None
    try:
        return _date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int | None:
    key = re.sub(r"\s+", " ", name.split("/")[0].strip().lower())
    return _MONTHS.get(key)


def _convert(kind: str, m: re.Match, dayfirst: bool) -> str | None:
    if kind == "ymd":
        return _make(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    if kind == "dmy_num":
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        first = (a, b) if dayfirst else (b, a)
        iso = _make(y, first[1], first[0])
        return iso if iso else _make(y, first[0], first[1])
    if kind == "dmy":
        month = _month(m.group(2))
        return _make(int(m.group(3)), month, int(m.group(1))) if month else None
    month = _month(m.group(1))
    return _make(int(m.group(3)), month, int(m.group(2))) if month else None


_NUMERIC_HINT = re.compile(r"\d[-/.]\d")
_MONTH_HINT = re.compile(rf"{_L}{_ONE_MONTH}{_R}", re.I)


def _iter_dates(norm: str, dayfirst: bool):
    found = []
    numeric = _NUMERIC_HINT.search(norm) is not None
    named = _MONTH_HINT.search(norm) is not None
    for kind, pattern in _PATTERNS:
        if not (numeric if kind in ("ymd", "dmy_num") else named):
            continue
        for m in pattern.finditer(norm):
            iso = _convert(kind, m, dayfirst)
            if iso:
                found.append(DateMatch(iso, m.start(), m.end()))
    found.sort(key=lambda d: (d.start, -d.end))
    last_end = -1
    for d in found:
        if d.start >= last_end:
            last_end = d.end
            yield d


_YEAR = re.compile(r"\d{4}")


def find_dates(text: str, *, dayfirst: bool = True) -> list[DateMatch]:
    """Every full date in ``text``, left to right, spans in ``normalize_for_dates(text)``."""
    if not text or not _YEAR.search(text):
        return []
    return list(_iter_dates(normalize_for_dates(text), dayfirst))


def parse_date(text: str, *, dayfirst: bool = True) -> str | None:
    """The first full date in ``text`` as ``YYYY-MM-DD``, or None when it holds none."""
    if not text or not _YEAR.search(text):
        return None
    for d in _iter_dates(normalize_for_dates(text), dayfirst):
        return d.iso
    return None


# ----------------------------------------------------------------------------- date lines

_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*[+-]\d{2}:?\d{2}|Z)?", re.I)
_ISO_TAIL = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", re.I)
_NOISE_WORDS = re.compile(
    rf"{_L}(?:{_alternation(_WEEKDAYS + _LABELS)}){_R}\.?", re.I)
_LONE_SEPARATOR = re.compile(r"(?:^|(?<=\s))[,;:|/\\\-–—_•·*~]+(?=\s|$)")
_EDGE = " \t,;:|/\\-–—_•·()[]{}*~\"'“”‘’«»."

MAX_DATE_LINE_CHARS = 120
MAX_EXTRA_WORDS = 4


def _clean_side(s: str) -> str:
    s = _TIME.sub(" ", s)
    s = _NOISE_WORDS.sub(" ", s)
    s = _LONE_SEPARATOR.sub(" ", s)
    return " ".join(s.split()).strip(_EDGE)


def read_date_line(line: str, *, dayfirst: bool = True) -> DateLine | None:
    """Return the date when ``line`` is a date line, else None.

    A date line holds one full date and, around it, at most four other words once weekdays, times
    and labels such as ``Published``/``Updated``/``نشر في`` are set aside: ``August 25 2022``,
    ``Sputnik – 12.05.2020``, ``The Cradle 5 March 2022``, ``السبت 5 آذار 2022``. ``before``/``after``
    keep the leftover words in their original form (digits and alef folded), e.g. ``Sputnik``.
    """
    if not line or len(line) > MAX_DATE_LINE_CHARS or not _YEAR.search(line):
        return None
    norm = normalize_for_dates(line).strip()
    matches = list(_iter_dates(norm, dayfirst))
    if not matches:
        return None
    pieces, pos = [], 0
    for m in matches:
        pieces.append(norm[pos:m.start])
        pos = m.end
        tail = _ISO_TAIL.match(norm, pos)
        if tail:
            pos = tail.end()
    pieces.append(norm[pos:])
    # A second date on the line ("Published May 1, 2020 | Updated May 2, 2020") is set aside too.
    before, after = pieces[0], " ".join(pieces[1:])
    before_c, after_c = _clean_side(before), _clean_side(after)
    words = len(before_c.split()) + len(after_c.split())
    if words > MAX_EXTRA_WORDS:
        return None
    if any(ch.isdigit() for ch in before_c + after_c) and words > 1:
        return None
    return DateLine(matches[0].iso, before_c, after_c)


# ----------------------------------------------------------------------------- date cells

# A date *cell* (a column that holds dates, an epoch number, a datetime object) is a date when it
# names a full day; years outside CELL_MIN_YEAR..CELL_MAX_YEAR are taken for errors. A date found
# in running text (above) must fall in TEXT_MIN_YEAR..TEXT_MAX_YEAR, narrower because four digits
# in prose are more often something else.

_ISO_CELL = re.compile(r"^\d{4}-\d{2}-\d{2}")
_FULL_DATE = re.compile(r"\d{4}|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
_ALL_DIGITS = re.compile(r"^\d+$")
MAX_DATE_CHARS = 100


def parse_dates(values: list, *, dayfirst: bool = True) -> tuple[pd.Series, list[int]]:
    """Parse a batch of date cells; returns datetimes (NaT where missing) and the indices not understood."""
    out = []
    bad = []
    for i, v in enumerate(values):
        d = parse_one_date(v, dayfirst=dayfirst)
        if d is None and v not in (None, "") and not (isinstance(v, float) and v != v):
            bad.append(i)
        out.append(d)
    return pd.Series(pd.to_datetime(out), dtype="datetime64[ns]"), bad


def parse_one_date(v, *, dayfirst: bool = True) -> pd.Timestamp | None:
    """A date cell -> the day (a Timestamp at midnight, UTC for zoned times), or None.

    None for anything that is not a full date between CELL_MIN_YEAR and CELL_MAX_YEAR: "now",
    "12:30", "May" or a year alone would otherwise become a date that depends on the day the tool runs.
    """
    if isinstance(v, str):  # dates repeat across records: parse each distinct string once
        return _parse_date_string(v, dayfirst)
    return _parse_date(v, dayfirst)


@functools.lru_cache(maxsize=65536)
def _parse_date_string(v: str, dayfirst: bool) -> pd.Timestamp | None:
    return _parse_date(v, dayfirst)


def _parse_date(v, dayfirst: bool) -> pd.Timestamp | None:
    try:
        ts = _timestamp(v, dayfirst)
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return None
    if ts is None or ts is pd.NaT or not (CELL_MIN_YEAR <= ts.year <= CELL_MAX_YEAR):
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.normalize()


def _timestamp(v, dayfirst: bool) -> pd.Timestamp | None:
    if v is None or isinstance(v, bool) or v == "" or (isinstance(v, float) and not math.isfinite(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v
    if hasattr(v, "year") and hasattr(v, "month"):
        return pd.Timestamp(v)
    if isinstance(v, (int, float)):
        return _epoch(v)
    s = str(v).strip()
    if not s or len(s) > MAX_DATE_CHARS:
        return None
    if _ALL_DIGITS.match(s):
        if len(s) == 8:
            return pd.Timestamp(f"{s[:4]}-{s[4:6]}-{s[6:]}")  # 20210304
        return _epoch(int(s)) if len(s) in (9, 10, 12, 13) else None
    if _ISO_CELL.match(s):
        try:
            return pd.Timestamp(s)
        except (ValueError, OverflowError):
            pass
    elif _FULL_DATE.search(s):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return pd.to_datetime(s, dayfirst=dayfirst)
        except (ValueError, OverflowError, TypeError):
            pass
    d = parse_date(s, dayfirst=dayfirst)
    return pd.Timestamp(d) if d else None


def _epoch(v: int | float) -> pd.Timestamp:
    """Unix seconds or milliseconds."""
    return pd.Timestamp(v, unit="ms" if abs(v) > 1e11 else "s")
