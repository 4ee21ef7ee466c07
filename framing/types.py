"""The column contracts of the pipeline's tables, defined once.

Corpus -> Hits -> tables -> figures -> report. Every stage takes and returns these tables
(pandas DataFrames with fixed columns) or the small dataclasses defined beside the stage.

Corpus (one row per document)
    doc_id   str   unique within a run; from the input's id column or ``<file>:<record>``
    outlet   str   canonical outlet name ("(unknown)" when the input does not say)
    date     datetime64 or NaT when the input gives none
    title    str   may be empty
    author   str   may be empty
    lang     str   ISO 639-1 code ("en", "ar")
    text     str   the text analysed (never modified by later stages)
    source   str   where it came from: ``file:line`` for text files, ``file#record`` otherwise

Documents (Corpus without ``text``, plus)
    words    int   word count of the body (runs of letters/digits) used as the denominator of rates
    hits     int   lexicon hits kept in the body
    headline_words, headline_hits  int  the same for the headline (title and subtitle; framing.zones)
    reposted_by str the site that reposted the article when the text names an original source
                   (``outlet`` is then the original outlet); empty otherwise

Hits (one row per lexicon hit)
    doc_id, outlet, date
    start, end  int  character offsets into the text of the hit's zone (the document's ``text`` for
                     the body); ``text[start:end] == surface``
    sentence    int  0-based index of the sentence the hit starts in (in its zone)
    surface     str  the matched text as written
    entry       str  lexicon entry id
    term        str  the entry's canonical term (a trailing "*" wildcard left out)
    category    str  category id (lexicons/categories.tsv)
    referent    str  what the term names ("" when it names no actor)
    strength    int  1 mild, 2 strong, 3 extreme
    lang        str  the entry's language
    voice       str  "own" | "quoted" | "attributed"
    scare_quote bool the term is inside scare quotes
    so_called   bool the term follows "so-called" and kin
    negated     bool the term is negated ("not terrorists")
    sense       str  "loaded" | "neutral" (ambiguous term read in its neutral sense)
    zone        str  "headline" (title and subtitle) | "body" (framing.zones)
    phrase_start, phrase_end  int  the span of the phrase the hit heads or modifies, in the same
                     text as start/end (framing.phrases); patron  str  its patron label, or ""
"""
from __future__ import annotations

import pandas as pd

from .errors import FramingError

UNKNOWN_OUTLET = "(unknown)"

CORPUS_COLUMNS = ["doc_id", "outlet", "date", "title", "author", "lang", "text", "source"]
DOCUMENT_COLUMNS = ["doc_id", "outlet", "date", "title", "author", "lang", "source", "words", "hits", "reposted_by",
                    "headline_words", "headline_hits"]
HIT_COLUMNS = [
    "doc_id", "outlet", "date", "start", "end", "sentence", "surface", "entry", "term",
    "category", "referent", "strength", "lang", "voice", "scare_quote", "so_called",
    "negated", "sense", "zone", "phrase_start", "phrase_end", "patron",
]
VOICES = ("own", "quoted", "attributed")


def _check(df: pd.DataFrame, columns: list[str], name: str) -> pd.DataFrame:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise FramingError(f"internal: {name} table lacks columns {missing}")
    return df


def check_corpus(df: pd.DataFrame) -> pd.DataFrame:
    return _check(df, CORPUS_COLUMNS, "corpus")


def check_hits(df: pd.DataFrame) -> pd.DataFrame:
    return _check(df, HIT_COLUMNS, "hits")


def empty_hits() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_HIT_DTYPES.get(c, "object")) for c in HIT_COLUMNS})


_HIT_DTYPES = {
    "start": "int64", "end": "int64", "sentence": "int64", "strength": "int64", "phrase_start": "int64",
    "phrase_end": "int64",
    "scare_quote": "bool", "so_called": "bool", "negated": "bool", "date": "datetime64[ns]",
}
