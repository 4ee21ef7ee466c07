"""Corpus -> documents table + hits table: the streaming, parallel core of every command.

Records stream from the readers in chunks; each chunk is matched (and read in context) in a worker
process; only the documents table (no text), the hits and a bounded set of example sentences are
kept, so memory does not grow with the corpus's text. Chunks come back in input order, so results
are identical whatever the number of workers.
"""
from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context

import pandas as pd

from .context import document_extra_hits, hit_readings, languages, read_document
from .ingest.readers import ReadOptions, iter_records, parse_one_date
from .lexicon import SCARE_QUOTE_ENTRY, Lexicon, with_context_entries
from .manifest import Manifest
from .match import Matcher
from .phrases import phrase_of
from .sentences import sentence_spans
from .tables import SEPARATE_CATEGORIES
from .types import DOCUMENT_COLUMNS, HIT_COLUMNS
from .zones import headline_of

HIT_OUTPUT_COLUMNS = HIT_COLUMNS + ["file", "line"]
ATTRIBUTION_COLUMNS = ["doc_id", "outlet", "date", "start", "end", "verb", "attribution_class", "speaker",
                       "voice", "file", "line"]
EXAMPLES_PER_TERM = 3
MAX_EXAMPLE_CHARS = 4000      # an example sentence longer than this keeps only ...
EXAMPLE_CONTEXT_CHARS = 1000  # ... this many characters each side of the term (reports show 150)
_CHUNK_CHARS = 2_000_000
_NEWLINE = re.compile("\n")
IN_FLIGHT_PER_JOB = 2  # chunks handed to the worker pool per worker and not yet taken back


@dataclass(frozen=True)
class AnalyzeOptions:
    jobs: int = 0                    # 0 = all cores
    keep_neutral_senses: bool = False  # keep ambiguous terms read in their neutral sense (marked)
    progress: bool = True
    keep_texts: bool = False         # keep every document's text (for views of small corpora)
    sense_model: bool = False        # let the sense helper decide ambiguous hits no cue rule decides
    engine: str = "local"            # "local" (this machine's processes) or "dask" (framing.engines)
    scheduler: str | None = None     # dask: a scheduler's address; None = a local cluster of ``jobs`` workers
    count_scare_quotes: bool = False  # ctx.scare_quote hits as delegitimising (default: apart, framing.scare)
    beyond_lexicon: bool = False     # add the word model's loaded spans no lexicon lists (framing.beyond)


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


@dataclass
class Analysis:
    documents: pd.DataFrame
    hits: pd.DataFrame
    examples: dict[tuple[str, str], list[Example]]
    lexicon: Lexicon
    manifest: Manifest = field(default_factory=Manifest)
    texts: dict[str, str] = field(default_factory=dict)  # doc_id -> text, with keep_texts only
    attributions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ATTRIBUTION_COLUMNS))
    count_scare_quotes: bool = False  # the scare-quote setting the hits' categories follow (framing.scare)
    headlines: dict[str, str] = field(default_factory=dict)  # doc_id -> headline text (framing.zones), with keep_texts


# ----------------------------------------------------------------------------- per document

def analyse_document(rec: dict, matcher: Matcher, keep_neutral: bool = False, beyond: bool = False):
    """One record -> (document row, hit rows, attribution rows, examples). Pure: same input, same output.

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


_WORKER: dict = {}


def _init_worker(matcher: Matcher, keep_neutral: bool, sense_model: bool = False, beyond: bool = False,
                 worker: bool = False) -> None:
    from .context import use_sense_model

    if worker:  # a pool's process: Ctrl-C and SIGTERM are the main process's to handle (framing.interrupt)
        from .interrupt import worker_signals

        worker_signals()

    use_sense_model(sense_model)
    _WORKER["matcher"] = matcher
    _WORKER["keep"] = keep_neutral
    _WORKER["beyond"] = beyond


def _run_chunk(chunk: list[dict]) -> "ChunkResult":
    m, keep, beyond = _WORKER["matcher"], _WORKER["keep"], _WORKER.get("beyond", False)
    return chunk_result([analyse_document(rec, m, keep, beyond) for rec in chunk])


@dataclass
class ChunkResult:
    """One chunk's results, built where the chunk was analysed: the hit and attribution rows as typed
    tables (columnar, so that handing them back to the main process and joining them is cheap)."""

    documents: list[tuple]          # DOCUMENT_COLUMNS rows, in input order
    hits: pd.DataFrame              # HIT_OUTPUT_COLUMNS
    attributions: pd.DataFrame      # ATTRIBUTION_COLUMNS
    hit_counts: list[int]           # rows of ``hits`` per document, in order
    attribution_counts: list[int]
    examples: list[Example]         # at most EXAMPLES_PER_TERM per (outlet, entry)

    def __len__(self) -> int:
        return len(self.documents)


def chunk_result(results: list) -> ChunkResult:
    """Per-document results of :func:`analyse_document` -> one :class:`ChunkResult`."""
    hits = [h for r in results for h in r[1]]
    atts = [a for r in results for a in r[2]]
    return ChunkResult([r[0] for r in results], hit_frame(hits), attribution_frame(atts),
                       [len(r[1]) for r in results], [len(r[2]) for r in results],
                       first_examples(ex for r in results for ex in r[3]))


def first_examples(examples: Iterable[Example]) -> list[Example]:
    """The first EXAMPLES_PER_TERM examples of each (outlet, entry), in order: the rest could never
    be kept (:func:`add_examples` keeps the first ones in input order), and each carries a whole
    sentence back from the worker."""
    seen: dict[tuple[str, str], int] = {}
    kept = []
    for ex in examples:
        key = (ex.outlet, ex.entry)
        if seen.get(key, 0) < EXAMPLES_PER_TERM:
            seen[key] = seen.get(key, 0) + 1
            kept.append(ex)
    return kept


# ----------------------------------------------------------------------------- the stream

def chunked(records: Iterable[dict], max_chars: int | None = None) -> Iterator[list[dict]]:
    """Records in lists of about ``max_chars`` characters of text (default: _CHUNK_CHARS)."""
    max_chars = max_chars or _CHUNK_CHARS
    chunk, size = [], 0
    for rec in records:
        chunk.append(rec)
        size += len(rec["text"])
        if size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def prepared_records(inputs, read_options: ReadOptions, manifest: Manifest) -> Iterator[dict]:
    """Records with parsed dates; unparsable dates become missing and are noted in the manifest."""
    for rec in iter_records(inputs, read_options, manifest):
        raw = rec["date"]
        date = parse_one_date(raw, dayfirst=read_options.dayfirst)
        if date is None and raw not in (None, ""):
            manifest.note(f"date '{raw}' not understood: kept without a date")
        rec["date"] = date
        yield rec


def analyze_corpus(inputs: list, lexicon: Lexicon, read_options: ReadOptions = ReadOptions(),
                   options: AnalyzeOptions = AnalyzeOptions(), sink=None) -> Analysis:
    """Read every input, match the lexicon in context, and return the tables.

    ``sink`` takes each chunk's hits and attributions (``add``) and gives the tables at the end
    (``finish``): by default :class:`TablesInMemory`; ``analyze -o`` streams them to files and keeps
    counts (:class:`framing.streaming.StreamedTables`).
    """
    manifest = Manifest()
    matcher = Matcher(lexicon)
    languages()  # the language folders, read and checked before any record (and before workers fork)
    records = prepared_records(inputs, read_options, manifest)
    texts: dict[str, str] = {}
    headlines: dict[str, str] = {}
    if options.keep_texts:
        records = _keeping_texts(records, texts, headlines)
    lexicon = with_context_entries(lexicon)
    if options.beyond_lexicon:
        from .beyond import with_model_entry

        lexicon = with_model_entry(lexicon)
    sink = sink or TablesInMemory()
    docs, examples = [], {}
    progress = _progress(options.progress)
    from .scare import recategorise

    with contextlib.closing(analysed_chunks(chunked(records), matcher, options)) as results:
        for result in results:  # (closed on any exception: the worker pool stops at once)
            result.hits = recategorise(result.hits, options.count_scare_quotes)
            docs.append(document_frame(result.documents))  # typed per chunk: a tenth of the memory of tuples
            sink.add(result)
            add_examples(examples, result.examples)
            progress.update(len(result))
    progress.close()
    hits, attributions = sink.finish()
    return Analysis(concat_frames(docs, document_frame), hits, examples, lexicon, manifest, texts, attributions,
                    options.count_scare_quotes, headlines)


class TablesInMemory:
    """Where :func:`analyze_corpus` keeps the hits and attributions: every row, in memory."""

    def __init__(self):
        self.hits: list[pd.DataFrame] = []
        self.attributions: list[pd.DataFrame] = []

    def add(self, result: ChunkResult) -> None:
        self.hits.append(result.hits)
        self.attributions.append(result.attributions)

    def finish(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return concat_frames(self.hits, hit_frame), concat_frames(self.attributions, attribution_frame)


def analysed_chunks(chunks: Iterable[list[dict]], matcher: Matcher, options: AnalyzeOptions) -> Iterator[ChunkResult]:
    """Each chunk's results (see :func:`analyse_document`, :class:`ChunkResult`), in input order: computed in
    this process, in a pool of ``options.jobs`` worker processes, or on a Dask cluster
    (``options.engine``, see :mod:`framing.engines`). The results do not depend on which."""
    if options.engine == "dask":
        from .engines import dask_chunk_results

        yield from dask_chunk_results(chunks, matcher, options)
        return
    jobs = options.jobs or os.cpu_count() or 1
    chunks = iter(chunks)
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if second is None or jobs == 1:
        # Small input or one job: no worker start-up cost.
        _init_worker(matcher, options.keep_neutral_senses, options.sense_model, options.beyond_lexicon)
        for chunk in filter(None, [first, second]):
            yield _run_chunk(chunk)
        for chunk in chunks:
            yield _run_chunk(chunk)
        return

    # Pool.imap reads its input on a thread of its own and keeps results until they are taken:
    # at most IN_FLIGHT_PER_JOB chunks per worker are out at a time, so a slow consumer (writing a
    # store) cannot make results pile up in memory.
    slots, stop = threading.Semaphore(IN_FLIGHT_PER_JOB * jobs), threading.Event()

    def all_chunks():
        for chunk in itertools.chain([first, second], chunks):
            while not slots.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield chunk

    from .interrupt import signals_blocked

    if options.beyond_lexicon:
        from .wordmodel import shipped_word_model

        shipped_word_model()  # loaded once here: forked workers inherit it
    ctx = get_context("fork") if sys.platform.startswith("linux") else get_context()
    with signals_blocked():  # the pool's processes and threads start with these signals held
        pool = ctx.Pool(jobs, initializer=_init_worker,
                        initargs=(matcher, options.keep_neutral_senses, options.sense_model,
                                  options.beyond_lexicon, True))
    with pool:
        try:
            for results in pool.imap(_run_chunk, all_chunks(), chunksize=1):
                slots.release()
                yield results
        finally:
            stop.set()  # lets the feeding thread end, so that the pool can close


def add_examples(examples: dict[tuple[str, str], list[Example]], doc_examples: Iterable[Example]) -> None:
    """Keep the first EXAMPLES_PER_TERM example sentences of each (outlet, entry)."""
    for ex in doc_examples:
        bucket = examples.setdefault((ex.outlet, ex.entry), [])
        if len(bucket) < EXAMPLES_PER_TERM:
            bucket.append(ex)


def document_frame(rows: list) -> pd.DataFrame:
    return _typed_frame(rows, DOCUMENT_COLUMNS)


def hit_frame(rows: list) -> pd.DataFrame:
    """Hit rows from :func:`analyse_document` -> the typed hits table."""
    return _typed_frame(rows, HIT_OUTPUT_COLUMNS, ints=("start", "end", "sentence", "strength", "phrase_start",
                                                         "phrase_end", "line"),
                        bools=("scare_quote", "so_called", "negated"))


def attribution_frame(rows: list) -> pd.DataFrame:
    return _typed_frame(rows, ATTRIBUTION_COLUMNS, ints=("start", "end", "line"))


def _typed_frame(rows: list, columns: list[str], ints: tuple[str, ...] = (), bools: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows -> a table with dates at microseconds, and the given int64 and bool columns (also when empty)."""
    table = pd.DataFrame(rows, columns=columns)
    table["date"] = pd.to_datetime(table["date"]).astype("datetime64[us]")
    for col in ints:
        table[col] = table[col].astype("int64")
    for col in bools:
        table[col] = table[col].astype(bool)
    return table


def concat_frames(frames: list[pd.DataFrame], empty) -> pd.DataFrame:
    """Chunks' tables as one (an empty table of the right types when every chunk's is empty)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty([])
    if len(frames) == 1:
        return frames[0]
    return pd.concat(frames, ignore_index=True)


def _keeping_texts(records: Iterator[dict], texts: dict[str, str], headlines: dict[str, str]) -> Iterator[dict]:
    for rec in records:
        texts[rec["doc_id"]] = rec["text"]
        headline = headline_of(rec)[0]
        if headline:
            headlines[rec["doc_id"]] = headline
        yield rec


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(enabled: bool):
    if not enabled or not sys.stderr.isatty():
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(desc="analysing", unit=" docs", file=sys.stderr, leave=False)
