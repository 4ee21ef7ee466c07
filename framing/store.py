"""Results in an embedded DuckDB database (``--store FILE``): analyse once, query many times.

``framing analyze INPUT --store FILE`` streams the results into the database chunk by chunk, so
neither the texts nor the hits are held in memory; ``report``, ``compare``, ``kwic``, ``html``,
``hits`` and ``exercise`` read them back with ``--store FILE`` and no INPUT; anyone can query the
file with SQL (DuckDB's own client, Python, R). The store is incremental: an input file whose
bytes (sha256) are already in it, analysed with the same lexicon, is not analysed again (its
manifest row says "already in the store"); a file whose bytes changed replaces its old results.
Results are committed batch by batch (memory stays bounded) under a run that is marked finished
only at its end: the rows of a run that fails are removed at once; those of a run that was killed
are ignored by the readers and removed by the next run. What a run replaces (the old results of a
changed file; everything, and the lexicon, with ``--rebuild``) is deleted in the transaction that
marks it finished, so a run killed at any point (SIGKILL, power loss) leaves the previous results.

Tables (README, "Scale", lists the columns):

    documents     one row per document (as documents.csv), with ``seq`` (input order) and ``input_id``
    texts         doc_id, input_id, text: the texts analysed (for kwic, html, exercise)
    hits          one row per hit (as hits.csv), neutral senses included (``sense = 'neutral'``)
    attributions  one row per attribution verb (as attributions.csv)
    examples      the first example sentences of each outlet and entry (for the report)
    manifest      what became of every input record, per run
    inputs        one row per input file: path, size, mtime, sha256, lexicon digest, reading options
    runs          one row per run: when, framing version, options, what it added
    lexicon, categories   the lexicon the results were found with
    meta          schema_version, lexicon_digest, lexicon_files
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__
from .analyze import (EXAMPLES_PER_TERM, Analysis, AnalyzeOptions,
                      Example, _progress, analysed_chunks, chunked, core_of, prepared_records)
from .errors import InputError, OptionError, OutputError
from .output import file_sha256, special_kind
from .ingest.paths import shown
from .ingest.readers import ReadOptions, detect_format, list_inputs
from .lexicon import Category, Entry, Lexicon, with_context_entries
from .manifest import STATUSES, Manifest
from .types import (ATTRIBUTION_COLUMNS, DOCUMENT_COLUMNS, HIT_OUTPUT_COLUMNS, HIT_OUTPUT_KINDS, MANIFEST_COLUMNS,
                    TABLES)

SCHEMA_VERSION = 4  # 2: documents.reposted_by; 3: lexicon.case (issue 18); 4: zones (hits.zone, documents.headline_*), phrases
ALREADY_STORED = "already in the store"
_REPEAT = re.compile(r"^(.*)#(\d+)$")
_ALREADY = "record = 'file' AND status = 'duplicate' AND starts_with(reason, ?)"  # rows of files given again
_BATCH_ROWS = 20_000          # hits (or documents) buffered before they are written
_WRITE_MEMORY = "256MB"        # DuckDB's memory limit while a run writes the store
_BATCH_TEXT_CHARS = 8_000_000  # characters of text buffered before they are written

_STR, _INT, _DATE, _BOOL = "VARCHAR", "BIGINT", "DATE", "BOOLEAN"
_SQL = {"str": _STR, "int": _INT, "date": _DATE, "bool": _BOOL}  # a contract's kinds as DuckDB types
_DOCUMENT_TYPES = {c: _SQL[k] for c, k in TABLES["documents"].items()}        # the contracts, framing/types.py
_HIT_TYPES = {c: _SQL[k] for c, k in HIT_OUTPUT_KINDS.items()}
_ATTRIBUTION_TYPES = {c: _SQL[k] for c, k in TABLES["attributions"].items()}
_EXAMPLE_TYPES = {"outlet": _STR, "entry": _STR, "doc_id": _STR, "date": _DATE, "title": _STR, "sentence": _STR,
                  "start": _INT, "end": _INT, "voice": _STR}
_TABLES = {
    "meta": {"key": _STR, "value": _STR},
    "runs": {"run_id": _INT, "started": "TIMESTAMP", "finished": "TIMESTAMP", "framing_version": _STR,
             "command": _STR, "lexicon_digest": _STR, "options": _STR, "files_analysed": _INT,
             "files_stored": _INT, "documents": _INT, "seconds": "DOUBLE"},
    "inputs": {"input_id": _INT, "run_id": _INT, "path": _STR, "abspath": _STR, "size": _INT,
               "mtime": "TIMESTAMP", "sha256": _STR, "lexicon_digest": _STR, "options": _STR, "documents": _INT},
    "documents": {"seq": _INT, "input_id": _INT, **_DOCUMENT_TYPES, "base_id": _STR},
    "texts": {"doc_id": _STR, "input_id": _INT, "text": _STR},
    "hits": {"seq": _INT, "input_id": _INT, **_HIT_TYPES},
    "attributions": {"seq": _INT, "input_id": _INT, **_ATTRIBUTION_TYPES},
    "examples": {"seq": _INT, "input_id": _INT, **_EXAMPLE_TYPES},
    "manifest": {"seq": _INT, "run_id": _INT, "input_id": _INT, **{c: _STR for c in MANIFEST_COLUMNS}},
    "lexicon": {"position": _INT, "id": _STR, "lang": _STR, "term": _STR, "variants": "VARCHAR[]",
                "category": _STR, "referent": _STR, "strength": _INT, "neutral": "VARCHAR[]", "rationale": _STR,
                "ambiguous": _BOOL, "neutral_cues": "VARCHAR[]", "sources": "VARCHAR[]", "file": _STR,
                "line": _INT, "case": _STR},
    "categories": {"id": _STR, "label": _STR, "colour": _STR, "definition": _STR},
}
# rows of finished runs only: those of a run that was killed wait for the next run to remove them
_FINISHED = "input_id IN (SELECT input_id FROM inputs JOIN runs USING (run_id) WHERE finished IS NOT NULL)"
_ARROW_TYPES = {_STR: "string", _INT: "int64", _DATE: "timestamp[us]", _BOOL: "bool"}
_DATA_TABLES = ("documents", "texts", "hits", "attributions", "examples", "manifest")


@dataclass(frozen=True)
class StoreOptions:
    """The store a command works with: its file, whether to empty it first, and the command line
    recorded as ``runs.command`` (the command's own arguments, e.g. ``framing analyze x.csv --store s``)."""

    path: str | Path
    rebuild: bool = False
    command: str = ""


@dataclass(frozen=True)
class StoreRun:
    """What one ``analyze --store`` run did."""

    path: Path
    run_id: int
    files_analysed: int
    files_stored: int     # given again, already in the store: not analysed
    documents: int        # added by this run
    counts: dict          # manifest status -> rows of this run (files already in the store aside)
    total_documents: int  # in the store after the run
    total_inputs: int

    def summary(self) -> str:
        c = self.counts
        line = (f"{self.documents} document(s) added from {self.files_analysed} file(s) ({sum(c.values())} input "
                f"record(s): {c.get('analysed', 0)} analysed, {c.get('skipped', 0)} skipped, "
                f"{c.get('duplicate', 0)} duplicate(s), {c.get('filler', 0)} filler)")
        if self.files_stored:
            line += f"; {self.files_stored} file(s) {ALREADY_STORED}, not analysed again"
        return (line + f"\nthe store {self.path} holds {self.total_documents} document(s) from "
                f"{self.total_inputs} input file(s)")


# ----------------------------------------------------------------------------- opening

def connect(path: str | Path, *, write: bool = False):
    """Open the store; for reading it must exist and have this schema."""
    import duckdb

    path = Path(path)
    if path.is_dir() or str(path).endswith(("/", os.sep)):
        raise OptionError(f"--store {path}: a folder: give a file name, e.g. {path / 'framing.duckdb'}")
    if (kind := special_kind(path)) is not None:   # DuckDB would wait on a FIFO for ever
        raise OptionError(f"--store {path}: a {kind}, not a file: give a file name, e.g. framing.duckdb")
    if not write and not path.exists():
        raise OptionError(f"--store {path}: no such store: create it with framing analyze INPUT --store {path}")
    if write and not path.parent.exists():
        raise OptionError(f"--store {path}: the folder {path.parent} does not exist: create it or choose another")
    try:
        con = duckdb.connect(str(path), read_only=not write)
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise OptionError(f"--store {path}: in use by another process (one writer at a time): "
                              "wait for it to finish") from None
        if _disk_error(exc):
            raise OutputError(f"--store {path}: cannot open it to write: {_disk_reason(exc)}: free some space and "
                              "run again; the store keeps the results it had") from None
        raise OptionError(f"--store {path}: not a framing store (DuckDB cannot open it: "
                          f"{str(exc).splitlines()[0]}): give another file name") from None
    if write:  # DuckDB caches table blocks up to 80% of RAM by default: writing needs little
        con.execute(f"SET memory_limit = '{_WRITE_MEMORY}'")
    try:
        _check_schema(con, path, new=write)
    except OptionError:
        con.close()
        raise
    return con


def _check_schema(con, path: Path, new: bool) -> None:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables and new:
        return  # a new store
    if "meta" not in tables:
        raise OptionError(f"--store {path}: a DuckDB file, but not a framing store: give another file name")
    version = _meta(con).get("schema_version")
    if version != str(SCHEMA_VERSION):
        raise OptionError(f"--store {path}: written by another version of framing (store schema {version}, this "
                          f"version reads {SCHEMA_VERSION}): analyse the inputs again into a new store")


def _create(con) -> None:
    for name, columns in _TABLES.items():
        cols = ", ".join(f'"{c}" {t}' for c, t in columns.items())
        con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
    if "schema_version" not in _meta(con):
        _set_meta(con, schema_version=str(SCHEMA_VERSION), created_by=f"framing {__version__}")


def _meta(con) -> dict[str, str]:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


def _set_meta(con, **values: str) -> None:
    for key, value in values.items():
        con.execute("DELETE FROM meta WHERE key = ?", [key])
        con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])


def _scalar(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchall()[0][0]


# ----------------------------------------------------------------------------- writing

def add_to_store(path: str | Path, inputs: list, lexicon: Lexicon, read_options: ReadOptions = ReadOptions(),
                 options: AnalyzeOptions = AnalyzeOptions(), *, rebuild: bool = False,
                 command: str = "") -> StoreRun:
    """Analyse the input files not yet in the store and add their results.

    The results are committed batch by batch (so that memory stays bounded) under a run whose
    ``finished`` stays empty until the end: a run that fails is removed at once, one that was killed
    is ignored by the readers and removed by the next run. Nothing stored is deleted before the new
    results are complete: the results a run replaces (every stored file with ``rebuild``, the old
    results of a file whose bytes changed) and the lexicon it replaces are removed in the same
    transaction that marks the run finished, so a run killed at any point leaves the store as it was.
    """
    path = Path(path)
    con = connect(path, write=True)
    try:
        return _add(con, path, inputs, lexicon, read_options, options, rebuild, command)
    except Exception as exc:
        if _disk_error(exc):   # disk full (or quota): the last commit that held is what the store keeps
            raise OutputError(f"--store {path}: cannot write: {_disk_reason(exc)}: free some space (or choose "
                              "another place) and run again; the store keeps the results it had before this "
                              "run") from None
        raise
    finally:
        with contextlib.suppress(Exception):
            con.close()


_DISK_ERRORS = ("no space left on device", "disk quota exceeded", "file too large", "could not write file",
                "could not truncate file", "could not write all bytes")


def _disk_error(exc: BaseException) -> bool:
    import duckdb

    return isinstance(exc, (duckdb.IOException, duckdb.TransactionException, duckdb.FatalException,
                            duckdb.InvalidInputException, OSError)) and any(
        m in str(exc).lower() for m in _DISK_ERRORS)


def _disk_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    for m in ("no space left on device", "disk quota exceeded", "file too large"):
        if m in text:
            return m[0].upper() + m[1:]
    return str(exc).splitlines()[0]


def _add(con, path: Path, inputs: list, lexicon: Lexicon, read_options: ReadOptions, options: AnalyzeOptions,
         rebuild: bool, command: str) -> StoreRun:
    started = time.perf_counter()
    with _transaction(con):
        _create(con)
        _discard_unfinished(con)
        new_lexicon = _check_lexicon(con, path, lexicon, rebuild)
        replaced = {r[0] for r in con.execute("SELECT input_id FROM inputs").fetchall()} if rebuild else set()
        if replaced:
            print(f"note: --rebuild: the {len(replaced)} input file(s) stored in {path} are removed from it "
                  "when this run finishes; only INPUT is analysed", file=sys.stderr)
        run_id = _scalar(con, "SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        _record_scare_setting(con, path, options.count_scare_quotes)
        run_options = json.dumps({"read": asdict(read_options), "engine": options.engine, "jobs": options.jobs,
                                  "sense_model": options.sense_model, "rebuild": rebuild,
                                  "count_scare_quotes": options.count_scare_quotes}, sort_keys=True)
        con.execute("INSERT INTO runs (run_id, started, framing_version, command, lexicon_digest, options) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [run_id, _now(), __version__, command, lexicon.digest, run_options])
        manifest = Manifest()
        plan = _plan(con, list_inputs(inputs, manifest), lexicon, read_options, manifest, replaced)
        for f in plan:
            con.execute("INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                        [f.input_id, run_id, shown(f.path), f.abspath, f.size, f.mtime, f.sha256, lexicon.digest,
                         f.options])
    _stage("registered")
    try:
        with _transaction(con):
            writer = _Writer(con, run_id, {shown(f.path): f.input_id for f in plan}, replaced)
            ids = con.sql(f"SELECT base_id, count(*) FROM documents WHERE {_kept(replaced)} "
                          "GROUP BY base_id").to_arrow_table()
            id_counts = dict(zip(ids.column(0).to_pylist(), ids.column(1).to_pylist()))
            taken = set(con.sql(f"SELECT doc_id FROM documents WHERE {_kept(replaced)}").to_arrow_table()
                        .column(0).to_pylist())
            records = _records(plan, read_options, manifest, writer, id_counts, taken)
            progress = _progress(options.progress)
            options = replace(options, keep_neutral_senses=True, keep_texts=False)
            core = core_of(lexicon, options, scare=True)  # it sets the scare quotes' categories too
            with contextlib.closing(analysed_chunks(writer.chunks(records, manifest), core,
                                                    options)) as results_stream:
                for results in results_stream:
                    writer.add_results(results)
                    progress.update(len(results))
            progress.close()
            writer.take_manifest(manifest)
            writer.flush(everything=True)
            _stage("written")
            for f in plan:
                con.execute("UPDATE inputs SET documents = ? WHERE input_id = ?",
                            [writer.documents_of.get(f.input_id, 0), f.input_id])
            counts = dict(con.execute(f"SELECT status, count(*) FROM manifest WHERE run_id = ? AND NOT "
                                      f"({_ALREADY}) GROUP BY status", [run_id, ALREADY_STORED]).fetchall())
            stored = _scalar(con, f"SELECT count(*) FROM manifest WHERE run_id = ? AND {_ALREADY}",
                             [run_id, ALREADY_STORED])
            # the commit: the results this run replaces go, its own count, in one transaction
            _remove_inputs(con, replaced)
            if new_lexicon:
                _save_lexicon(con, lexicon)
            con.execute("UPDATE runs SET finished = ?, files_analysed = ?, files_stored = ?, documents = ?, "
                        "seconds = ? WHERE run_id = ?", [_now(), len(plan), stored, writer.documents,
                                                         time.perf_counter() - started, run_id])
            _stage("committing")
    except BaseException:
        with contextlib.suppress(Exception), _transaction(con):
            _discard_run(con, run_id)
        raise
    _stage("committed")
    return StoreRun(path, run_id, len(plan), stored, writer.documents, counts,
                    _scalar(con, "SELECT count(*) FROM documents"), _scalar(con, "SELECT count(*) FROM inputs"))


def _stage(name: str) -> None:
    """Called as a run reaches each stage ("registered": the run and its inputs are committed;
    "written": every result row is written, not yet committed; "committing": the final transaction
    is complete but not committed; "committed"). Does nothing: the tests replace it to kill the
    process at a chosen stage (tests/test_store_crash.py)."""


def _kept(replaced: set[int]) -> str:
    """SQL condition on ``input_id``: rows not among the inputs a run replaces."""
    return f"input_id NOT IN ({', '.join(map(str, sorted(replaced)))})" if replaced else "TRUE"


def _remove_inputs(con, input_ids: set[int]) -> None:
    if input_ids:
        for table in (*_DATA_TABLES, "inputs"):
            con.execute(f"DELETE FROM {table} WHERE NOT ({_kept(input_ids)})")


@contextlib.contextmanager
def _transaction(con):
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _record_scare_setting(con, path: Path, count: bool) -> None:
    """Record the scare-quote setting (framing.scare) and make the stored hits follow it."""
    from .scare import CATEGORY, COUNTED_CATEGORY, ENTRY

    value = "true" if count else "false"
    before = _meta(con).get("count_scare_quotes")
    if before is not None and before != value:
        con.execute("UPDATE hits SET category = ? WHERE entry = ?", [COUNTED_CATEGORY if count else CATEGORY, ENTRY])
        print(f"note: --store {path}: scare quotes are now " + ("counted as delegitimising" if count else
              "measured apart") + " for all its hits (the store recorded the other setting)", file=sys.stderr)
    _set_meta(con, count_scare_quotes=value)


def recorded_scare_setting(path: str | Path) -> bool | None:
    """The scare-quote setting a store was written with (None: a store written before it was recorded,
    whose hits count scare quotes as delegitimising)."""
    con = connect(path)
    try:
        value = _meta(con).get("count_scare_quotes")
    finally:
        con.close()
    return None if value is None else value == "true"


def _discard_run(con, run_id: int) -> None:
    """Remove a run's rows (of a run that failed or was killed)."""
    for table in ("documents", "texts", "hits", "attributions", "examples"):
        con.execute(f"DELETE FROM {table} WHERE input_id IN (SELECT input_id FROM inputs WHERE run_id = ?)", [run_id])
    for table in ("manifest", "inputs", "runs"):
        con.execute(f"DELETE FROM {table} WHERE run_id = ?", [run_id])


def _discard_unfinished(con) -> None:
    for (run_id,) in con.execute("SELECT run_id FROM runs WHERE finished IS NULL").fetchall():
        print(f"note: the store holds the rows of run {run_id}, which did not finish: they are removed",
              file=sys.stderr)
        _discard_run(con, run_id)


def _check_lexicon(con, path: Path, lexicon: Lexicon, rebuild: bool) -> bool:
    """Whether this run may use ``lexicon`` (an error if not); True when it must be saved with the run's
    results (a new store, another lexicon with --rebuild). Writes nothing."""
    meta = _meta(con)
    stored = meta.get("lexicon_digest")
    if rebuild or stored is None or stored == lexicon.digest or not _scalar(con, "SELECT count(*) FROM inputs"):
        return stored != lexicon.digest or not _scalar(con, "SELECT count(*) FROM lexicon")
    files = ", ".join(Path(f).name for f in json.loads(meta.get("lexicon_files", "[]"))) or "?"
    raise OptionError(f"--store {path}: its results were found with another lexicon ({files}; digest "
                      f"{stored[:12]}) than this run's ({', '.join(Path(f).name for f in lexicon.files)}; digest "
                      f"{lexicon.digest[:12]}), and results of two lexicons cannot be mixed: write to a new store, "
                      "or give --rebuild to empty this one and analyse INPUT again with this lexicon")


def _save_lexicon(con, lexicon: Lexicon) -> None:
    con.execute("DELETE FROM lexicon")
    con.execute("DELETE FROM categories")
    _set_meta(con, lexicon_digest=lexicon.digest, lexicon_files=json.dumps(list(lexicon.files)))
    entries = pd.DataFrame([(i, e.id, e.lang, e.term, list(e.variants), e.category, e.referent, e.strength,
                             list(e.neutral), e.rationale, e.ambiguous, list(e.neutral_cues), list(e.sources),
                             e.file, e.line, e.case) for i, e in enumerate(lexicon.entries)], columns=list(_TABLES["lexicon"]))
    _append(con, "lexicon", entries)
    _append(con, "categories", pd.DataFrame([(c.id, c.label, c.colour, c.definition)
                                             for c in lexicon.categories.values()], columns=list(_TABLES["categories"])))


def _append(con, name: str, table) -> None:
    """Append a DataFrame's or Arrow table's rows to a table, column by name."""
    if not len(table):
        return
    con.register("_batch", table)
    try:
        names = table.column_names if hasattr(table, "column_names") else list(table.columns)
        cols = ", ".join(f'"{c}"' for c in names)
        con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _batch")
    finally:
        con.unregister("_batch")


@dataclass(frozen=True)
class _Input:
    path: Path
    root: Path | None
    input_id: int
    abspath: str
    size: int
    mtime: datetime
    sha256: str
    options: str


def _plan(con, files: list[tuple[Path, Path | None]], lexicon: Lexicon, read_options: ReadOptions,
          manifest: Manifest, replaced: set[int]) -> list[_Input]:
    """The input files to analyse; those already in the store get a manifest row saying so. The
    stored inputs this run replaces (a file whose bytes changed) are added to ``replaced``; they are
    removed when the run commits. Inputs already in ``replaced`` (--rebuild) count as absent."""
    by_sha = {sha: (input_id, path, run_id, opts) for input_id, path, run_id, opts, sha in con.execute(
        f"SELECT input_id, path, run_id, options, sha256 FROM inputs WHERE {_kept(replaced)}").fetchall()}
    by_path = dict(con.execute(f"SELECT abspath, input_id FROM inputs WHERE {_kept(replaced)}").fetchall())
    next_id = _scalar(con, "SELECT coalesce(max(input_id), 0) + 1 FROM inputs")
    plan, this_run = [], {}
    for path, root in files:
        try:
            st = path.stat()
            sha = file_sha256(path)
        except OSError as exc:
            if root is None:
                raise InputError(f"{path}: cannot read: {exc.strerror or exc}: check the file and its "
                                 "permissions") from None
            manifest.add(str(path), "file", "skipped", reason=f"cannot read: {exc.strerror or exc}",
                         format=detect_format(path) or "")
            continue
        opts = json.dumps({**asdict(read_options), "root": str(root) if root else None}, sort_keys=True)
        fmt = detect_format(path) or ""
        if sha in by_sha:
            input_id, old_path, run_id, old_opts = by_sha[sha]
            reason = f"{ALREADY_STORED} (as {old_path}, analysed in run {run_id})"
            if old_opts != opts:
                reason += ("; it was read with other options: to read it again with these, use --rebuild or a "
                           "new store")
            manifest.add(str(path), "file", "duplicate", reason=reason, format=fmt)
            continue
        if sha in this_run:
            manifest.add(str(path), "file", "duplicate", format=fmt,
                         reason=f"the same bytes as {this_run[sha]}, given before in this run: read once")
            continue
        abspath = shown(path.resolve())  # names that are not UTF-8: escaped (framing.ingest.paths)
        if abspath in by_path:
            replaced.add(by_path.pop(abspath))
            print(f"note: {path} changed since it was stored: its old results are replaced when this run "
                  "finishes", file=sys.stderr)
        this_run[sha] = str(path)
        mtime = datetime.fromtimestamp(st.st_mtime, timezone.utc).replace(tzinfo=None)
        plan.append(_Input(path, root, next_id, abspath, st.st_size, mtime, sha, opts))
        next_id += 1
    return plan


def _records(plan: list[_Input], read_options: ReadOptions, manifest: Manifest, writer: "_Writer",
             id_counts: dict[str, int], taken: set[str] | None = None) -> Iterator[dict]:
    """The records of the planned files, in order, as ``prepared_records`` reads them. Files are read
    one by one (the outlet a folder gives is passed on), so document ids are numbered here, across
    files and against the store, as the readers number them within one run: the second ``id`` is
    ``id#2``. ``id_counts`` holds how many documents of each input id are stored, ``taken`` every
    document id stored or given in this run (a number already taken is skipped)."""
    for f in plan:
        options = read_options
        if f.root is not None and not read_options.outlet:
            rel = f.path.relative_to(f.root)
            if len(rel.parts) > 1:
                options = replace(read_options, outlet=rel.parts[0])
        in_file: dict[str, int] = {}
        try:
            for rec in prepared_records([str(f.path)], options, manifest):
                base = doc_id = rec["doc_id"]
                repeat = _REPEAT.match(doc_id)
                if repeat and in_file.get(repeat[1], 0) + 1 == int(repeat[2]) > 1:
                    base = repeat[1]  # the readers' name of a repeated id within this file
                in_file[base] = in_file.get(base, 0) + 1
                n = id_counts.get(base, 0) + 1
                name = base if n == 1 else f"{base}#{n}"
                if taken is not None:  # never an id already given (ids a, a, a#2 must not give two a#2)
                    while name in taken:
                        n += 1
                        name = f"{base}#{n}"
                    taken.add(name)
                id_counts[base] = n
                if name != doc_id:
                    rec["doc_id"] = manifest.rows[-1]["doc_id"] = name
                writer.add_record(rec, f.input_id, base)
                yield rec
        except InputError as exc:
            if f.root is None:
                raise
            manifest.add(str(f.path), "file", "skipped", reason=str(exc), format=detect_format(f.path) or "")
            print(f"warning: skipped {exc}", file=sys.stderr)


def _with_input(table, input_ids):
    """An Arrow table of the core's columns with an ``input_id`` column first."""
    import pyarrow as pa

    return table.add_column(0, "input_id", pa.array(np.asarray(input_ids, dtype="int64")))


class _Writer:
    """Buffers rows and appends them to the store's tables in batches.

    Records (texts, manifest rows) may arrive on the worker pool's feeder thread, results on the main
    thread; both buffers are swapped under a lock and every write happens on the main thread.
    """

    def __init__(self, con, run_id: int, input_ids: dict[str, int], replaced: set[int] = frozenset()):
        self.con, self.run_id, self.input_ids = con, run_id, input_ids
        self.lock = threading.Lock()
        self.texts: list[tuple] = []
        self.text_chars = 0
        self.manifest_rows: list[dict] = []
        self.order: deque[tuple[str, int, str]] = deque()   # (doc_id, input_id, base_id) of records sent
        self.docs, self.doc_bases, self.examples = [], [], []  # chunks' documents (Arrow, with input_id)
        self.hits: list = []   # chunks' hit tables (Arrow), with input_id
        self.atts: list = []
        self.hit_rows = self.doc_rows = 0
        self.seq = {t: _scalar(con, f"SELECT coalesce(max(seq), 0) + 1 FROM {t}")
                    for t in ("documents", "hits", "attributions", "examples", "manifest")}
        self.example_counts = {(o, e): n for o, e, n in con.execute(
            f"SELECT outlet, entry, count(*) FROM examples WHERE {_kept(replaced)} GROUP BY outlet, entry").fetchall()}
        self.documents = 0
        self.documents_of: dict[int, int] = {}

    # records side (possibly the feeder thread)
    def add_record(self, rec: dict, input_id: int, base_id: str) -> None:
        with self.lock:
            self.texts.append((rec["doc_id"], input_id, rec["text"]))
            self.text_chars += len(rec["text"])
            self.order.append((rec["doc_id"], input_id, base_id))

    def chunks(self, records: Iterable[dict], manifest: Manifest) -> Iterator[list[dict]]:
        """Chunks of records; at each chunk's end the manifest rows of its records are taken (the
        readers only ever amend the last row, which belongs to a record not yet in a chunk)."""
        for chunk in chunked(records):
            self.take_manifest(manifest)
            yield chunk
        self.take_manifest(manifest)

    def take_manifest(self, manifest: Manifest) -> None:
        with self.lock:
            self.manifest_rows.extend(manifest.rows)
            manifest.rows.clear()

    # results side (main thread)
    def add_results(self, result) -> None:
        """One chunk's results (a :class:`framing.analyze.ChunkResult`), in the order its records were sent."""
        with self.lock:
            sent = [self.order.popleft() for _ in range(len(result))]
        inputs, doc_ids = [], result.doc_ids
        for doc_id_back, (doc_id, input_id, base_id) in zip(doc_ids, sent):
            if doc_id != doc_id_back:
                raise RuntimeError(f"internal: results out of order ({doc_id_back} where {doc_id} was expected)")
            self.doc_bases.append(base_id)
            inputs.append(input_id)
            self.documents += 1
            self.documents_of[input_id] = self.documents_of.get(input_id, 0) + 1
        self.docs.append(_with_input(result.documents, inputs))
        self.doc_rows += len(inputs)
        if result.hits.num_rows:
            self.hits.append(_with_input(result.hits, np.repeat(inputs, result.hit_counts)))
            self.hit_rows += result.hits.num_rows
        if result.attributions.num_rows:
            self.atts.append(_with_input(result.attributions, np.repeat(inputs, result.attribution_counts)))
        input_of = dict(zip(doc_ids, inputs))
        for ex in result.examples:
            key = (ex.outlet, ex.entry)
            if self.example_counts.get(key, 0) < EXAMPLES_PER_TERM:
                self.example_counts[key] = self.example_counts.get(key, 0) + 1
                self.examples.append((input_of[ex.doc_id], ex))
        self.flush()

    def flush(self, everything: bool = False) -> None:
        """Write what is buffered once a batch is full (everything at the end), and commit it."""
        wrote = False
        if everything or self.text_chars >= _BATCH_TEXT_CHARS:
            with self.lock:
                texts, self.texts, self.text_chars = self.texts, [], 0
                manifest_rows, self.manifest_rows = self.manifest_rows, []
            self._append("texts", ["doc_id", "input_id", "text"], texts)
            rows = [(self.input_ids.get(r["file"]), self.run_id, *(r[c] for c in MANIFEST_COLUMNS))
                    for r in manifest_rows]
            self._append("manifest", ["input_id", "run_id", *MANIFEST_COLUMNS], rows)
            wrote = True
        if everything or self.hit_rows >= _BATCH_ROWS or self.doc_rows >= _BATCH_ROWS:
            if self.docs:
                import pyarrow as pa

                docs = pa.concat_tables(self.docs) if len(self.docs) > 1 else self.docs[0]
                self._append_frames("documents", [docs.append_column("base_id", pa.array(self.doc_bases,
                                                                                          type=pa.string()))])
            self._append_frames("hits", self.hits)
            self._append_frames("attributions", self.atts)
            self._append("examples", ["input_id", *_EXAMPLE_TYPES],
                         [(i, ex.outlet, ex.entry, ex.doc_id, ex.date, ex.title, ex.sentence, ex.start, ex.end,
                           ex.voice) for i, ex in self.examples])
            self.docs, self.hits, self.atts, self.examples = [], [], [], []
            self.doc_bases, self.hit_rows, self.doc_rows = [], 0, 0
            wrote = True
        if wrote and not everything:  # the caller commits the last batch with the run's totals
            self.con.execute("COMMIT")
            _stage("batch")
            self.con.execute("BEGIN TRANSACTION")

    def _append_frames(self, name: str, frames: list) -> None:
        """Append chunks' Arrow tables (with input_id) to a table, numbered on from its last ``seq``."""
        import pyarrow as pa

        if not frames:
            return
        table = pa.concat_tables(frames) if len(frames) > 1 else frames[0]
        table = table.append_column("seq", pa.array(np.arange(self.seq[name], self.seq[name] + len(table),
                                                              dtype="int64")))
        self.seq[name] += len(table)
        _append(self.con, name, table)

    def _append(self, name: str, columns: list[str], rows: list[tuple]) -> None:
        """Append rows (tuples in ``columns`` order) to a table, numbered on from its last ``seq``."""
        if not rows:
            return
        import pyarrow as pa

        types = _TABLES[name]
        values = dict(zip(columns, zip(*rows)))
        if "seq" in types:
            values["seq"] = range(self.seq[name], self.seq[name] + len(rows))
            self.seq[name] += len(rows)
        _append(self.con, name, pa.table({c: pa.array(v, type=pa.type_for_alias(_ARROW_TYPES[types[c]])) for c, v in values.items()}))


# ----------------------------------------------------------------------------- reading

def load_analysis(path: str | Path, *, keep_neutral: bool = False, keep_texts: bool = False,
                  rerun_rows: bool = False, attributions: bool = True) -> Analysis:
    """The store's tables as an :class:`Analysis`, as ``analyze_corpus`` would return them for all
    its inputs analysed in one run (hits of neutral senses only with ``keep_neutral``). The manifest
    rows of files given again when already in the store are left out unless ``rerun_rows``. Without
    ``attributions`` the attributions table is left empty (it is as large as the hits table, and
    only ``analyze`` writes it)."""
    con = connect(path)
    try:
        documents = _frame(con, "documents", DOCUMENT_COLUMNS)
        hits = _frame(con, "hits", HIT_OUTPUT_COLUMNS, "" if keep_neutral else "AND sense <> 'neutral'")
        attribution_table = (_frame(con, "attributions", ATTRIBUTION_COLUMNS) if attributions
                             else pd.DataFrame(columns=ATTRIBUTION_COLUMNS))
        examples: dict[tuple[str, str], list[Example]] = {}
        cols = ", ".join(f'"{c}"' for c in _EXAMPLE_TYPES)
        for outlet, entry, doc_id, date, title, sentence, start, end, voice in con.execute(
                f"SELECT {cols} FROM examples WHERE {_FINISHED} ORDER BY seq").fetchall():
            bucket = examples.setdefault((outlet, entry), [])
            if len(bucket) < EXAMPLES_PER_TERM:
                bucket.append(Example(doc_id, outlet, pd.Timestamp(date) if date is not None else None, title,
                                      sentence, int(start), int(end), entry, voice))
        cols = ", ".join(f'"{c}"' for c in MANIFEST_COLUMNS)
        rerun = "" if rerun_rows else f"AND NOT ({_ALREADY})"
        finished = "run_id IN (SELECT run_id FROM runs WHERE finished IS NOT NULL)"
        manifest = Manifest([{k: ("" if v is None else v) for k, v in zip(MANIFEST_COLUMNS, row)}
                             for row in con.execute(f"SELECT {cols} FROM manifest WHERE {finished} {rerun} "
                                                    "ORDER BY seq", [] if rerun_rows else [ALREADY_STORED]).fetchall()
                             if row[MANIFEST_COLUMNS.index("status")] in STATUSES])
        texts = (dict(con.execute(f"SELECT doc_id, text FROM texts WHERE {_FINISHED}").fetchall())
                 if keep_texts else {})
        lexicon = store_lexicon(con)
    finally:
        con.close()
    return Analysis(documents, hits, examples, with_context_entries(lexicon), manifest, texts, attribution_table,
                    recorded_scare_setting(path) is True)


def _frame(con, table: str, columns: list[str], where: str = "") -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in columns)
    # Through Arrow: about two thirds of the peak memory of DuckDB's .df(), and faster.
    frame = con.sql(f"SELECT {cols} FROM {table} WHERE {_FINISHED} {where} ORDER BY seq").to_arrow_table().to_pandas()
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    return frame


def store_lexicon(con) -> Lexicon:
    meta = _meta(con)
    entries = tuple(Entry(id=r[0], lang=r[1], term=r[2], variants=tuple(r[3]), category=r[4], referent=r[5],
                          strength=int(r[6]), neutral=tuple(r[7]), rationale=r[8], ambiguous=bool(r[9]),
                          neutral_cues=tuple(r[10]), sources=tuple(r[11]), file=r[12], line=int(r[13]),
                          case=r[14] or "any")
                    for r in con.execute("SELECT id, lang, term, variants, category, referent, strength, neutral, "
                                         "rationale, ambiguous, neutral_cues, sources, file, line, \"case\" FROM lexicon "
                                         "ORDER BY position").fetchall())
    categories = {r[0]: Category(*r) for r in con.execute("SELECT id, label, colour, definition FROM categories")
                  .fetchall()}
    return Lexicon(entries, categories, tuple(json.loads(meta.get("lexicon_files", "[]"))),
                   meta.get("lexicon_digest", ""))


def load_lexicon_from_store(path: str | Path) -> Lexicon:
    con = connect(path)
    try:
        return store_lexicon(con)
    finally:
        con.close()


def store_records(path: str | Path, batch_rows: int = 2_000) -> Iterator[dict]:
    """The stored documents with their texts, in input order, as corpus records (for kwic)."""
    con = connect(path)
    try:
        reader = con.sql(
            "SELECT d.doc_id, d.outlet, d.date, d.title, d.author, d.lang, d.source, t.text FROM documents d "
            f"JOIN texts t USING (doc_id, input_id) WHERE d.{_FINISHED} ORDER BY d.seq").to_arrow_reader(batch_rows)
        for batch in reader:
            for row in batch.to_pylist():
                date = row["date"]
                row["date"] = pd.Timestamp(date) if date is not None else None
                yield row
    finally:
        con.close()
