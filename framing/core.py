"""The per-document core: a batch of records in, typed columns out.

:class:`Core` is built once per process from the lexicon (a :class:`framing.match.Matcher`) and the
language data (:func:`framing.context.languages`), and :meth:`Core.analyse` turns a batch of records
into :class:`Columns`: Arrow tables of the documents, the hits and the attributions, plus the few
example sentences that can be kept. Everything per document (sentences, matching, context,
attributions, word counts, the categories of scare quotes and, when asked, the count tables
``analyze -o`` keeps) happens here, in the worker; the main process only appends the columns to a
CSV stream or a store, or concatenates them, and never rebuilds a Python object per hit.

This is the seam a compiled implementation can plug into (issue 23): anything with the same
``analyse(records) -> Columns`` and the same columns (README, "The per-document core") can stand
in for it. A column is added by one entry, with its kind, in its table's contract
(framing/types.py ``TABLES``), and its value in the row :func:`analyse_document` gives; the Arrow
schemas here, the typed pandas tables and the store's columns all follow the contract.

Records are the readers' dicts: ``doc_id``, ``outlet``, ``date`` (a day, or None), ``title``,
``author``, ``lang``, ``source``, ``text``, ``format``, ``file``, ``line`` and, optionally,
``reposted_by``.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .context import document_extra_hits, hit_readings, languages, read_document, use_sense_model
from .lexicon import SCARE_QUOTE_ENTRY, Lexicon
from .match import Matcher
from .phrases import phrase_of
from .sentences import sentence_spans
from .tables import SEPARATE_CATEGORIES
from .types import ATTRIBUTION_COLUMNS, HIT_OUTPUT_COLUMNS, HIT_OUTPUT_KINDS, TABLES
from .zones import headline_of

EXAMPLES_PER_TERM = 3
MAX_EXAMPLE_CHARS = 4000      # an example sentence longer than this keeps only ...
EXAMPLE_CONTEXT_CHARS = 1000  # ... this many characters each side of the term (reports show 150)
_NEWLINE = re.compile("\n")

# Column types, from the tables' contracts (framing/types.py TABLES): str columns are Arrow ``string``
# (null for None), int ``int64``, bool ``bool``, date a day at midnight (no time zone, null when the
# record has no date).
_DAY = pa.timestamp("us")
_ARROW = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "date": _DAY}


def schema(kinds: dict[str, str]) -> pa.Schema:
    """The Arrow schema of a table whose contract is ``kinds`` (column -> kind, in column order)."""
    return pa.schema([(c, _ARROW[k]) for c, k in kinds.items()])


DOCUMENT_SCHEMA = schema(TABLES["documents"])
HIT_SCHEMA = schema(HIT_OUTPUT_KINDS)
ATTRIBUTION_SCHEMA = schema(TABLES["attributions"])


@dataclass(frozen=True)
class Example:
    doc_id: str
    outlet: str
    date: object
    title: str
    sentence: str
    start: int   # of the term within ``sentence``
    end: int
    entry: str
    voice: str


@dataclass(frozen=True)
class CoreOptions:
    keep_neutral: bool = False          # keep ambiguous terms read in their neutral sense (marked)
    sense_model: bool = False           # the sense helper decides what no cue rule decides
    beyond: bool = False                # the word model's loaded spans no lexicon lists (framing.beyond)
    scare_quotes: bool | None = None    # categories of ctx.scare_quote hits: True counted (delegitimising),
                                        # False apart (scare_quote), None as the lexicon gives them
    period: str | None = None           # also count hits and attributions per period (framing.tables)


@dataclass
class Columns:
    """One batch's results, columnar (what :meth:`Core.analyse` returns; README, "The per-document core").

    ``documents``, ``hits`` and ``attributions`` are Arrow tables of :data:`DOCUMENT_SCHEMA`,
    :data:`HIT_SCHEMA` and :data:`ATTRIBUTION_SCHEMA`, rows in input order (a document's hits by
    start, then end). ``hit_counts`` and ``attribution_counts`` give the rows of each document (in
    order), ``examples`` at most EXAMPLES_PER_TERM sentences per (outlet, entry). With a period,
    ``counted_hits`` and ``counted_attributions`` are the batch's count tables
    (:func:`framing.tables.hit_counts` and :func:`framing.tables.attribution_counts`), else None.
    """

    documents: pa.Table
    hits: pa.Table
    attributions: pa.Table
    hit_counts: np.ndarray
    attribution_counts: np.ndarray
    examples: list[Example]
    counted_hits: object = None
    counted_attributions: object = None

    def __len__(self) -> int:
        return self.documents.num_rows

    @property
    def doc_ids(self) -> list[str]:
        return self.documents.column("doc_id").to_pylist()


class Core:
    """The worker-side analysis: build once per process, then :meth:`analyse` batch after batch.

    Pickles (to worker processes, to a Dask cluster) with its compiled lexicon; the language data
    are read once per process (:func:`framing.context.languages`).
    """

    def __init__(self, lexicon: Lexicon | Matcher, options: CoreOptions = CoreOptions()):
        self.matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
        self.options = options
        languages()  # read and checked here, before any record (and before workers fork)

    def prepare(self) -> None:
        """Set this process up for :meth:`analyse` (the sense helper is a per-process setting)."""
        use_sense_model(self.options.sense_model)

    def analyse(self, records: list[dict]) -> Columns:
        """A batch of records -> :class:`Columns`. Pure: the same records give the same columns."""
        from . import core  # looked up at call time: tests replace analyse_document

        opts, matcher = self.options, self.matcher
        docs, hits, atts, hit_n, att_n, examples = [], [], [], [], [], []
        for rec in records:
            doc, h, a, ex = core.analyse_document(rec, matcher, opts.keep_neutral, opts.beyond)
            docs.append(doc)
            hits.extend(h)
            atts.extend(a)
            hit_n.append(len(h))
            att_n.append(len(a))
            examples.extend(ex)
        out = Columns(arrow_table(docs, DOCUMENT_SCHEMA), arrow_table(hits, HIT_SCHEMA),
                      arrow_table(atts, ATTRIBUTION_SCHEMA), np.array(hit_n, dtype=np.int64),
                      np.array(att_n, dtype=np.int64), first_examples(examples))
        if opts.scare_quotes is not None:
            out.hits = scare_categories(out.hits, opts.scare_quotes)
        if opts.period is not None:
            from .tables import attribution_counts, hit_counts

            if out.hits.num_rows:
                out.counted_hits = hit_counts(out.hits.to_pandas(), opts.period)
            if out.attributions.num_rows:
                out.counted_attributions = attribution_counts(out.attributions.to_pandas())
        return out


def arrow_table(rows: list[tuple], table_schema: pa.Schema) -> pa.Table:
    """Row tuples (in the schema's column order) -> an Arrow table of that schema."""
    if not rows:
        return table_schema.empty_table()
    columns = list(zip(*rows))
    arrays = []
    for values, f in zip(columns, table_schema):
        try:
            arrays.append(pa.array(values, type=f.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a value of another type (a number as a title): its text
            if f.type != pa.string():
                raise
            arrays.append(pa.array([None if v is None else str(v) for v in values], type=f.type))
    return pa.Table.from_arrays(arrays, schema=table_schema)


def scare_categories(hits: pa.Table, counted: bool) -> pa.Table:
    """The hits with the category of ``ctx.scare_quote`` rows set by the setting (framing.scare)."""
    from .scare import CATEGORY, COUNTED_CATEGORY, ENTRY

    if not hits.num_rows:
        return hits
    is_scare = pc.equal(hits.column("entry"), ENTRY)
    if not pc.any(is_scare).as_py():
        return hits
    want = COUNTED_CATEGORY if counted else CATEGORY
    i = hits.schema.get_field_index("category")
    return hits.set_column(i, "category", pc.if_else(is_scare, pa.scalar(want, pa.string()), hits.column(i)))


def frame(table: pa.Table):
    """An Arrow table of the core's columns -> the pandas table the rest of framing reads."""
    return table.to_pandas()


# ----------------------------------------------------------------------------- per document

def analyse_document(rec: dict, matcher: Matcher, keep_neutral: bool = False, beyond: bool = False):
    """One record -> (document row, hit rows, attribution rows, examples). Pure: same input, same output.

    Rows are tuples in the order of DOCUMENT_COLUMNS, HIT_OUTPUT_COLUMNS and ATTRIBUTION_COLUMNS.

    Every document is read in context, also one without lexicon hits: scare quotes and attribution
    verbs are found by the context stage itself. The headline (title and subtitle) is read as a
    zone of its own (:mod:`framing.zones`): its hits come first, with offsets into the headline's
    text; attributions and examples are the body's.
    """
    body = _read_zone(rec, rec["text"], "body", matcher, keep_neutral, beyond)
    head_text, head_lines = headline_of(rec)
    head = _read_zone(rec, head_text, "headline", matcher, keep_neutral, beyond, head_lines) if head_text else None
    doc = (rec["doc_id"], rec["outlet"], rec["date"], rec["title"], rec["author"], rec["lang"],
           rec["source"], body.words, body.loaded, rec.get("reposted_by", ""),
           head.words if head else 0, head.loaded if head else 0)
    hits = head.hits + body.hits if head else body.hits
    return doc, hits, body.attributions, body.examples


@dataclass
class _Zone:
    words: int
    loaded: int
    hits: list
    attributions: list
    examples: list


def _read_zone(rec: dict, text: str, zone: str, matcher: Matcher, keep_neutral: bool, beyond: bool,
               pieces: list[tuple[int, int]] | None = None) -> _Zone:
    """One zone's text matched and read in context. ``pieces``: (offset, line) of each line of a
    headline; without them a hit's line is counted from the record's line (text files) or is the
    record's line."""
    spans, words = matcher.scan(text)
    sentences = sentence_spans(text)
    context = read_document(text, sentences, rec["lang"])
    readings = hit_readings(context, spans, matcher.entries) if spans else []
    extras = document_extra_hits(context, spans)
    found = [(span.start, span.end, matcher.entries[span.entry], reading) for span, reading in zip(spans, readings)]
    if beyond and (rec["lang"] or "en") == "en":
        found.extend(_model_hits(context, text, spans, sentences))
    attributions = []
    text_lines = rec["format"] == "text"
    newlines: list[list[int]] = []

    def line_of(offset: int) -> int:
        if pieces is not None:
            return pieces[max(0, bisect.bisect_right([p[0] for p in pieces], offset) - 1)][1]
        if not text_lines:
            return rec["line"]
        if not newlines:  # the offsets of the line breaks, found once: a hit's line is a bisection
            newlines.append([m.start() for m in _NEWLINE.finditer(text)])
        return rec["line"] + bisect.bisect_left(newlines[0], offset)

    for start, end, kind, reading in extras:
        if kind == "scare_quote":
            found.append((start, end, SCARE_QUOTE_ENTRY, reading))
        elif zone == "body":
            attributions.append((rec["doc_id"], rec["outlet"], rec["date"], start, end, reading.attribution,
                                 reading.attribution_class, reading.speaker, reading.voice, rec["file"], line_of(start)))
    found.sort(key=lambda h: (h[0], h[1]))
    starts = [s for s, _ in sentences]
    hits = []
    examples = []
    per_entry: dict[str, int] = {}  # examples kept per entry: only the first EXAMPLES_PER_TERM can be used
    loaded = 0
    for start, end, entry, reading in found:
        if reading.sense == "neutral" and not keep_neutral:
            continue
        sent_i = max(0, bisect.bisect_right(starts, start) - 1)
        hits.append((
            rec["doc_id"], rec["outlet"], rec["date"], start, end, sent_i, text[start:end], entry.id, entry.term.rstrip("*"),
            entry.category, entry.referent, entry.strength, entry.lang or rec["lang"], reading.voice,
            reading.scare_quote or entry is SCARE_QUOTE_ENTRY, reading.so_called, reading.negated, reading.sense,
            zone, *phrase_of(text, start, end, rec["lang"], entry.category), rec["file"], line_of(start),
        ))
        if reading.sense == "loaded" and entry.category not in SEPARATE_CATEGORIES:
            loaded += 1
            if (zone == "body" and not reading.negated and sentences
                    and per_entry.get(entry.id, 0) < EXAMPLES_PER_TERM):
                per_entry[entry.id] = per_entry.get(entry.id, 0) + 1
                s0, s1 = sentences[sent_i]
                if s1 - s0 > MAX_EXAMPLE_CHARS:  # a "sentence" of a page without full stops: the term's surroundings
                    s0, s1 = max(s0, start - EXAMPLE_CONTEXT_CHARS), min(s1, end + EXAMPLE_CONTEXT_CHARS)
                examples.append(Example(rec["doc_id"], rec["outlet"], rec["date"], rec["title"], text[s0:s1],
                                        start - s0, min(end, s1) - s0, entry.id, reading.voice))
    return _Zone(words, loaded, hits, attributions, examples)


def _model_hits(context, text: str, spans, sentences) -> list:
    """The word model's loaded spans no lexicon span covers, read in context (framing.beyond)."""
    from .beyond import MODEL_ENTRY, model_spans
    from .match import Span

    extra = [Span(a, b, 0) for a, b, _ in model_spans(text, spans, sentences)]
    readings = hit_readings(context, extra, (MODEL_ENTRY,)) if extra else []
    return [(sp.start, sp.end, MODEL_ENTRY, r) for sp, r in zip(extra, readings)]


def first_examples(examples: Iterable[Example]) -> list[Example]:
    """The first EXAMPLES_PER_TERM examples of each (outlet, entry), in order: the rest could never
    be kept (:func:`framing.analyze.add_examples` keeps the first ones in input order), and each
    carries a whole sentence back from the worker."""
    seen: dict[tuple[str, str], int] = {}
    kept = []
    for ex in examples:
        key = (ex.outlet, ex.entry)
        if seen.get(key, 0) < EXAMPLES_PER_TERM:
            seen[key] = seen.get(key, 0) + 1
            kept.append(ex)
    return kept
