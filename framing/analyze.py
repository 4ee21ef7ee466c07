"""Corpus -> documents table + hits table: the streaming, parallel core of every command.

Records stream from the readers in chunks; each chunk is matched (and read in context) by the
per-document core (:class:`framing.core.Core`, built once, forked into the workers) in a worker
process, which hands back Arrow columns; only the documents table (no text), the hits and a bounded set of example sentences are
kept, so memory does not grow with the corpus's text. Chunks come back in input order, so results
are identical whatever the number of workers.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context

import pandas as pd

import pyarrow as pa

from .core import (ATTRIBUTION_COLUMNS, ATTRIBUTION_SCHEMA, DOCUMENT_SCHEMA, EXAMPLES_PER_TERM, HIT_OUTPUT_COLUMNS,
                   HIT_SCHEMA, Columns, Core, CoreOptions, Example, analyse_document, arrow_table, first_examples,
                   frame)
from .ingest.dates import parse_one_date
from .ingest.readers import ReadOptions, iter_records
from .lexicon import Lexicon, with_context_entries
from .manifest import Manifest
from .types import check_table
from .zones import headline_of

ChunkResult = Columns  # one chunk's results (the name the stream's consumers know)
__all__ = ["ATTRIBUTION_COLUMNS", "EXAMPLES_PER_TERM", "HIT_OUTPUT_COLUMNS", "Analysis", "AnalyzeOptions", "ChunkResult",
           "Example", "TablesInMemory", "add_examples", "analyse_document", "analysed_chunks", "analyze_corpus",
           "chunked", "core_of", "first_examples", "prepared_records"]

_CHUNK_CHARS = 2_000_000
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


# ----------------------------------------------------------------------------- the workers

_WORKER: dict = {}


def _init_worker(core: Core, worker: bool = False) -> None:
    if worker:  # a pool's process: Ctrl-C and SIGTERM are the main process's to handle (framing.interrupt)
        from .interrupt import worker_signals

        worker_signals()
    core.prepare()
    _WORKER["core"] = core


def _run_chunk(chunk: list[dict]) -> ChunkResult:
    return _WORKER["core"].analyse(chunk)


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
    sink = sink or TablesInMemory()
    # the per-document core: built once here, before any record (and before workers fork); it also sets
    # the scare quotes' categories and, for a sink that keeps counts (analyze -o), counts per period
    core = core_of(lexicon, options, scare=True, period=getattr(sink, "period", None))
    records = prepared_records(inputs, read_options, manifest)
    texts: dict[str, str] = {}
    headlines: dict[str, str] = {}
    if options.keep_texts:
        records = _keeping_texts(records, texts, headlines)
    lexicon = with_context_entries(lexicon)
    if options.beyond_lexicon:
        from .beyond import with_model_entry

        lexicon = with_model_entry(lexicon)
    docs, examples = [], {}
    progress = _progress(options.progress)
    with contextlib.closing(analysed_chunks(chunked(records), core, options)) as results:
        for result in results:  # (closed on any exception: the worker pool stops at once)
            docs.append(result.documents)
            sink.add(result)
            add_examples(examples, result.examples)
            progress.update(len(result))
    progress.close()
    hits, attributions = sink.finish()
    return Analysis(check_table("documents", document_frame(docs)), hits, examples, lexicon, manifest, texts, attributions,
                    options.count_scare_quotes, headlines)


def core_of(lexicon, options: AnalyzeOptions, scare: bool = False, period: str | None = None) -> Core:
    """The :class:`framing.core.Core` for ``options`` (``lexicon``: a Lexicon, a Matcher or a Core, given
    back as it is). With ``scare``, the core sets the categories of scare quotes by
    ``options.count_scare_quotes``; with a ``period``, it counts hits and attributions per period."""
    if isinstance(lexicon, Core):
        return lexicon
    return Core(lexicon, CoreOptions(keep_neutral=options.keep_neutral_senses, sense_model=options.sense_model,
                                     beyond=options.beyond_lexicon,
                                     scare_quotes=options.count_scare_quotes if scare else None, period=period))


class TablesInMemory:
    """Where :func:`analyze_corpus` keeps the hits and attributions: every row, in memory (as the
    chunks' Arrow tables, made pandas tables once at the end)."""

    def __init__(self):
        self.hits: list[pa.Table] = []
        self.attributions: list[pa.Table] = []

    def add(self, result: ChunkResult) -> None:
        self.hits.append(result.hits)
        self.attributions.append(result.attributions)

    def finish(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return (check_table("hits", hit_frame(self.hits), extra=("file", "line")),
                check_table("attributions", attribution_frame(self.attributions)))


def analysed_chunks(chunks: Iterable[list[dict]], lexicon, options: AnalyzeOptions) -> Iterator[ChunkResult]:
    """Each chunk's results (:meth:`framing.core.Core.analyse`, :class:`framing.core.Columns`), in input
    order: computed in this process, in a pool of ``options.jobs`` worker processes, or on a Dask cluster
    (``options.engine``, see :mod:`framing.engines`). The results do not depend on which. ``lexicon``:
    a Lexicon, a Matcher or a :class:`framing.core.Core` (see :func:`core_of`)."""
    core = core_of(lexicon, options)
    if options.engine == "dask":
        from .engines import dask_chunk_results

        yield from dask_chunk_results(chunks, core, options)
        return
    jobs = options.jobs or os.cpu_count() or 1
    chunks = iter(chunks)
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if second is None or jobs == 1:
        # Small input or one job: no worker start-up cost.
        _init_worker(core)
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
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(core, True))
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


def document_frame(rows) -> pd.DataFrame:
    """Document rows of :func:`analyse_document`, or the core's documents tables (Arrow, one per
    chunk) -> the typed documents table."""
    return _frame(rows, DOCUMENT_SCHEMA)


def hit_frame(rows) -> pd.DataFrame:
    """Hit rows of :func:`analyse_document`, or the core's hits tables -> the typed hits table."""
    return _frame(rows, HIT_SCHEMA, typed_when_empty=True)


def attribution_frame(rows) -> pd.DataFrame:
    return _frame(rows, ATTRIBUTION_SCHEMA, typed_when_empty=True)


def _frame(rows, table_schema: pa.Schema, typed_when_empty: bool = False) -> pd.DataFrame:
    """Rows (tuples) or Arrow tables of ``table_schema`` -> one pandas table, typed as the schema says.
    No rows: pandas' empty table with dates at microseconds and, ``typed_when_empty``, the schema's
    int64 and bool columns typed (the others of no type), as the tables have always been."""
    if isinstance(rows, pa.Table):
        rows = [rows]
    elif rows and not isinstance(rows[0], pa.Table):
        rows = [arrow_table(rows, table_schema)]
    tables = [t for t in rows if t.num_rows]
    if not tables:
        table = pd.DataFrame([], columns=table_schema.names)
        table["date"] = pd.to_datetime(table["date"]).astype("datetime64[us]")
        if typed_when_empty:
            for f in table_schema:
                if pa.types.is_integer(f.type):
                    table[f.name] = table[f.name].astype("int64")
                elif pa.types.is_boolean(f.type):
                    table[f.name] = table[f.name].astype(bool)
        return table
    return frame(pa.concat_tables(tables) if len(tables) > 1 else tables[0])


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
