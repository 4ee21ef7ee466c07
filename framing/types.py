"""The column contracts of the pipeline's tables, defined once (issue 16: the single owner).

``TABLES`` maps every table framing writes to its columns and their kinds (``str``, ``int``,
``float``, ``bool``, ``date``, ``any``); the ``*_COLUMNS`` lists are derived from it and the
modules that build the tables import them from here. ``check_table(name, frame)`` is called where
a table leaves its stage (after the analysis, before a table is written): a missing column or a
column of the wrong kind is an internal error naming the table and the column.

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
VOICES = ("own", "quoted", "attributed")          # the voice of a hit; also the coders' voice labels
SENSES = ("loaded", "neutral")

_T = dict  # a table contract: column -> kind, in column order


def _cols(spec: str) -> _T:
    """'doc_id:str outlet:str words:int' -> {'doc_id': 'str', 'outlet': 'str', 'words': 'int'}."""
    return dict(part.split(":") for part in spec.split())


_CORPUS = _cols("doc_id:str outlet:str date:date title:str author:str lang:str text:str source:str")
_RATE = _cols("category:str entry:str term:str hits:int hits_quoted:int hits_attributed:int hits_negated:int "
              "words:int n_docs:int rate_per_1k:float rate_all_voices_per_1k:float")
AUDIT_STRATA = ("category", "voice", "outlet", "term", "lang")   # what an audit sample is stratified by

TABLES: dict[str, _T] = {
    # framing analyze (and the store): the corpus, documents, hits, attributions and rate tables
    "corpus": _CORPUS,
    "documents": _cols("doc_id:str outlet:str date:date title:str author:str lang:str source:str words:int "
                       "hits:int reposted_by:str headline_words:int headline_hits:int"),
    "hits": _cols("doc_id:str outlet:str date:date start:int end:int sentence:int surface:str entry:str term:str "
                  "category:str referent:str strength:int lang:str voice:str scare_quote:bool so_called:bool "
                  "negated:bool sense:str zone:str phrase_start:int phrase_end:int patron:str"),
    # framing hits --format csv/jsonl, and the app: one record per hit, where it stands first
    "hit_records": _cols("doc_id:str outlet:str date:date file:str line:int start:int end:int surface:str entry:str "
                         "term:str category:str referent:str strength:int lang:str voice:str scare_quote:bool "
                         "so_called:bool negated:bool sense:str sentence:int zone:str phrase_start:int "
                         "phrase_end:int patron:str"),
    "attributions": _cols("doc_id:str outlet:str date:date start:int end:int verb:str attribution_class:str "
                          "speaker:str voice:str file:str line:int"),
    "rates": _RATE,                                          # framing.tables: by ... + these
    "rates_by_outlet": {"outlet": "str", **_RATE},
    "rates_by_period": {"outlet": "str", "period": "str", **_RATE},
    "attribution_by_outlet": _cols("outlet:str attribution_class:str verb:str count:int share:float words:int "
                                   "rate_per_1k:float"),
    "scare_quotes": _cols("outlet:str documents:int words:int scare_quotes:int rate_per_1k:float ci_low:float "
                          "ci_high:float lexicon_terms_in_scare_quotes:any counted_in:str"),
    "manifest": _cols("file:str record:str format:str encoding:str status:str doc_id:str reason:str"),
    # framing compare (framing.stats)
    "rate_ci": _cols("group:str category:str term:str hits:int words:int rate_per_1k:float ci_low:float "
                     "ci_high:float n_docs:int warning:str entry:str"),
    "keyness": _cols("group:str term:str hits_group:int hits_rest:int log_odds:float z:float g2:float "
                     "p_adj:float entry:str category:str words_group:int words_rest:int rate_group_per_1k:float "
                     "rate_rest_per_1k:float log_ratio:float p:float p_z:float p_adj_z:float"),
    "naming": _cols("referent:str group:str label:str hits:int share:float docs:int entry:str"),
    "timeseries": _cols("outlet:str period:str period_start:date category:str term:str hits:int words:int "
                        "n_docs:int rate_per_1k:float ci_low:float ci_high:float low:bool warning:str window:int"),
    "changes": _cols("outlet:str referent:str label:str change_period:str change_date:date share_before:float "
                     "share_after:float hits_before:int hits_after:int docs_before:int docs_after:int "
                     "label_before:str label_after:str g2:float p_value:float p_adj:float evidence:str"),
    "dispersion": _cols("term:str doc_index:int outlet:str date:date doc_id:str hits:int n_docs_total:int "
                        "outlet_first:any outlet_last:any"),
    "corrected_rates": _cols("group:str category:str hits:int words:int n_docs:int rate_per_1k:float "
                             "precision:float precision_low:float precision_high:float precision_n:float "
                             "precision_from:str corrected_per_1k:float corrected_low:float corrected_high:float"),
    "kwic": _cols("doc_id:str outlet:str date:date title:str left:str match:str right:str voice:str negated:bool "
                  "sense:str entry:str term:str start:int end:int source:str zone:str"),
    # framing model (framing.model, framing.termscores)
    "sentences": _cols("doc_id:str outlet:str date:date sentence:int start:int end:int text:str p_loaded:float "
                       "label:str"),
    "loadedness": _cols("sentences:int units:int mean_p:float mean_p_low:float mean_p_high:float "
                        "share_loaded:float share_loaded_low:float share_loaded_high:float"),  # by ... + these
    "term_scores": _cols("outlet:str entry:str term:str category:str strength:int hits:int documents:int "
                         "per_10k_words:float own_share:float attributed_share:float quoted_share:float "
                         "mean_p_loaded:float mean_p_word:float term_score:float term_score_low:float "
                         "term_score_high:float"),
    "framing_index": _cols("outlet:str documents:int words:int hits:int loading_sum:float framing_index:float "
                           "framing_index_low:float framing_index_high:float mean_term_score:float"),
    # framing discover
    "candidates": _cols("rank:int term:str group:str count:int docs:int keyness_z:float g2:float q_value:float "
                        "p_loaded:float score:float stable:any example:str words:int"),
    "draft_lexicon": _cols("id:str lang:str term:str variants:str category:str referent:str strength:any "
                           "neutral:str rationale:str ambiguous:any neutral_cues:str sources:str"),
    # framing audit
    "audit_sheet": _cols("sample_id:any hit_id:any kind:str stratum:str stratum_size:int outlet:str date:any "
                         "doc_id:str term:str category:str voice:str flags:str sentence:str label:str "
                         "voice_label:str note:str"),
    "audit_docx": _cols("hit_id:any sentence:str term:str category:str voice:str label:str voice_label:str note:str"),
    "precision": {**_cols("scope:str stratum:str coder:str n_sampled:int n_coded:int correct:int incorrect:int "
                          "unsure:int precision:float ci_low:float ci_high:float stratum_size:any weight:any "
                          "n_effective:float"), **{c: "any" for c in AUDIT_STRATA}},
    "agreement": _cols("field:str measure:str value:float n_items:int n_coders:int observed_agreement:float "
                       "implementation:str note:str"),
    "voice": _cols("voice:str n_labelled:int agree:int accuracy:float ci_low:float ci_high:float"),
}

CORPUS_COLUMNS = list(TABLES["corpus"])
DOCUMENT_COLUMNS = list(TABLES["documents"])
HIT_COLUMNS = list(TABLES["hits"])
HIT_RECORD_COLUMNS = list(TABLES["hit_records"])
HIT_OUTPUT_KINDS = {**TABLES["hits"], "file": "str", "line": "int"}  # hits.csv: where each hit stands in its input
HIT_OUTPUT_COLUMNS = list(HIT_OUTPUT_KINDS)
ATTRIBUTION_COLUMNS = list(TABLES["attributions"])
RATE_COLUMNS = list(TABLES["rates"])
ATTRIBUTION_RATE_COLUMNS = list(TABLES["attribution_by_outlet"])
SCARE_RATE_COLUMNS = list(TABLES["scare_quotes"])
MANIFEST_COLUMNS = list(TABLES["manifest"])
RATE_CI_COLUMNS = list(TABLES["rate_ci"])
KEYNESS_COLUMNS = list(TABLES["keyness"])
NAMING_COLUMNS = list(TABLES["naming"])
TIMESERIES_COLUMNS = list(TABLES["timeseries"])
CHANGE_COLUMNS = list(TABLES["changes"])
DISPERSION_COLUMNS = list(TABLES["dispersion"])
CORRECTED_COLUMNS = list(TABLES["corrected_rates"])
KWIC_COLUMNS = list(TABLES["kwic"])
SENTENCE_COLUMNS = list(TABLES["sentences"])
LOADEDNESS_COLUMNS = list(TABLES["loadedness"])
TERM_SCORE_COLUMNS = list(TABLES["term_scores"])
INDEX_COLUMNS = list(TABLES["framing_index"])
CANDIDATE_COLUMNS = list(TABLES["candidates"])
DRAFT_COLUMNS = list(TABLES["draft_lexicon"])
SHEET_COLUMNS = list(TABLES["audit_sheet"])
DOCX_COLUMNS = list(TABLES["audit_docx"])
PRECISION_COLUMNS = list(TABLES["precision"])
AGREEMENT_COLUMNS = list(TABLES["agreement"])
VOICE_COLUMNS = list(TABLES["voice"])

_KINDS = {"str": "OSTU", "int": "iu", "float": "fiu", "bool": "b", "date": "MO", "any": None}


class TableError(FramingError):
    """A table does not keep its contract (types.TABLES): a bug in framing, not in the input."""


def check_table(name: str, frame: pd.DataFrame, *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """``frame`` if it has every column of table ``name`` (and ``extra`` ones), each of its kind
    (checked when the table has rows; an empty table may hold untyped columns); else TableError
    naming the table and the columns."""
    if name not in TABLES:
        raise TableError(f"internal: no table contract named {name!r}: add it to framing/types.py TABLES")
    contract = TABLES[name]
    if not isinstance(frame, pd.DataFrame):   # an Arrow table (framing.core.Columns)
        return _check_arrow(name, contract, frame, extra)
    missing = [c for c in (*contract, *extra) if c not in frame.columns]
    if missing:
        raise TableError(f"internal: the {name} table lacks column(s) {', '.join(missing)} "
                         f"(its contract, framing/types.py: {', '.join(contract)})")
    if len(frame):
        wrong = []
        for col, kind in contract.items():
            allowed = _KINDS[kind]
            dtype = frame[col].dtype
            if allowed is not None and dtype.kind not in allowed and not (kind == "str" and _is_text(dtype)):
                wrong.append(f"{col} is {dtype}, not {kind}")
        if wrong:
            raise TableError(f"internal: the {name} table has column(s) of the wrong kind: {'; '.join(wrong)}")
    return frame


_ARROW_KINDS = {"str": ("is_string", "is_large_string", "is_null"), "int": ("is_integer",),
                "float": ("is_floating", "is_integer"), "bool": ("is_boolean",),
                "date": ("is_timestamp", "is_date", "is_null"), "any": None}


def _check_arrow(name: str, contract: _T, table, extra: tuple[str, ...]):
    """check_table for an Arrow table: the same columns, each of an Arrow type of its kind."""
    import pyarrow.types as pat

    names = set(table.column_names)
    missing = [c for c in (*contract, *extra) if c not in names]
    if missing:
        raise TableError(f"internal: the {name} table lacks column(s) {', '.join(missing)} "
                         f"(its contract, framing/types.py: {', '.join(contract)})")
    wrong = []
    for col, kind in contract.items():
        tests = _ARROW_KINDS[kind]
        typ = table.schema.field(col).type
        if tests is not None and not any(getattr(pat, t)(typ) for t in tests):
            wrong.append(f"{col} is {typ}, not {kind}")
    if wrong:
        raise TableError(f"internal: the {name} table has column(s) of the wrong kind: {'; '.join(wrong)}")
    return table


def returns_table(name: str, *, extra: tuple[str, ...] = ()):
    """Decorator: the function's result is checked against table ``name`` (``check_table``)."""
    import functools

    def wrap(fn):
        @functools.wraps(fn)
        def checked(*args, **kwargs):
            return check_table(name, fn(*args, **kwargs), extra=extra)
        return checked
    return wrap


def _is_text(dtype) -> bool:
    return isinstance(dtype, pd.StringDtype) or str(dtype) in ("str", "string")


def check_corpus(df: pd.DataFrame) -> pd.DataFrame:
    return check_table("corpus", df)


def check_hits(df: pd.DataFrame) -> pd.DataFrame:
    return check_table("hits", df)


_DTYPES = {"int": "int64", "bool": "bool", "date": "datetime64[ns]", "float": "float64"}


def empty_table(name: str) -> pd.DataFrame:
    """An empty table of ``name`` with its columns typed (int64, bool, datetime, float; text as object)."""
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(k, "object")) for c, k in TABLES[name].items()})


def empty_hits() -> pd.DataFrame:
    return empty_table("hits")
