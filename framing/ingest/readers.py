"""Readers: input files and folders -> corpus records (dicts with the Corpus columns).

Formats by extension: ``.csv``/``.tsv``, ``.jsonl``/``.ndjson``, ``.json``, ``.parquet``, ``.txt``
(a text dump: segmented into articles), ``.html``/``.htm`` (saved pages), ``.xml``/``.rss``/``.atom``
(feeds); any of the text formats may be gzipped (``.csv.gz``). Folders are walked recursively in
name order. Records are yielded one at a time so that a corpus of any size streams; what becomes of
each record is written to the :class:`~framing.manifest.Manifest`.
"""
from __future__ import annotations

import csv
import itertools
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..langguess import guess_lang
from ..manifest import Manifest
from ..types import UNKNOWN_OUTLET
from .documents import DOCUMENT_FORMATS  # .pdf, .docx
from .cells import JsonObject, json_object, unique_names
from .paths import kind_of, outside, refuse_special, shown
from .quoting import swallowed_reason
from .encoding import MAX_LINE_CHARS, MAX_WHOLE_MB, DecodedText, LineStream, ReadFailure, damage_note, read_text

from .columns import (AUTHOR_COLS, DATE_COLS, ID_COLS, LANG_COLS, OUTLET_COLS, TEXT_COLS,  # noqa: F401
                      TITLE_COLS, _Columns)

TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                 ".json": "json", ".parquet": "parquet", ".pq": "parquet"}
TEXT_FORMATS = {".txt": "text", ".text": "text", ".md": "text"}
HTML_FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html"}
FEED_FORMATS = {".xml": "feed", ".rss": "feed", ".atom": "feed"}
ALL_FORMATS = {**TABLE_FORMATS, **TEXT_FORMATS, **HTML_FORMATS, **FEED_FORMATS, **DOCUMENT_FORMATS}


@dataclass(frozen=True)
class ReadOptions:
    """How to read the inputs. Column options name columns of tabular inputs; None = guess."""

    text_col: str | None = None
    outlet_col: str | None = None
    date_col: str | None = None
    id_col: str | None = None
    title_col: str | None = None
    author_col: str | None = None
    lang_col: str | None = None
    dayfirst: bool = True
    outlet: str | None = None  # outlet for inputs that do not say
    corrections: str | None = None
    keep_duplicates: bool = False
    outlet_aliases: tuple[str, ...] = ()  # the user's alias files, added to framing/data/outlets.tsv
    csv_quotes: bool = True  # False: CSV/TSV quote marks are plain text, one record a line (--csv-no-quotes)
    max_file_mb: float = MAX_WHOLE_MB  # files read whole (.txt, .json, HTML, feeds) up to this size; 0 = no limit


def outlet_table(options: ReadOptions):
    """The outlet alias table for these options: the shipped one, extended by the user's files."""
    from .outlets import load_outlets

    return load_outlets(*options.outlet_aliases) if options.outlet_aliases else None


def demo_path() -> Path:
    """The bundled demo corpus (``--demo``)."""
    from importlib import resources

    return Path(str(resources.files("framing.data") / "demo" / "articles.jsonl"))


def detect_format(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return ALL_FORMATS.get(suffixes[-1]) if suffixes else None


def list_inputs(paths: list[str | Path], manifest: Manifest) -> list[tuple[Path, Path | None]]:
    """Expand folders into files (sorted, recursive, symlinked folders not followed twice).

    Returns ``(file, root)`` pairs, ``root`` being the folder given on the command line (None for a
    file given directly). What is found in folders but not read (unsupported types, folders that
    cannot be opened, link loops, pipes and devices) is recorded as skipped; hidden files and folders
    (names starting with '.') are passed over.
    """
    out: list[tuple[Path, Path | None]] = []
    for raw in paths:
        path = Path(raw)
        try:
            exists, is_dir = path.exists(), path.is_dir()
        except OSError as exc:
            raise InputError(f"{shown(path)}: cannot open: {exc.strerror or exc}: check the path and its permissions") from None
        if not exists:
            if path.is_symlink():
                raise InputError(f"{shown(path)}: a broken or looping symbolic link: point it at a file or folder")
            raise InputError(f"{shown(path)}: no such file or folder: check the path")
        if is_dir:
            out.extend(_walk(path, manifest))
        else:
            refuse_special(path)
            if detect_format(path) is None:
                raise InputError(f"{shown(path)}: unknown format '{shown(''.join(path.suffixes)) or 'no extension'}': "
                                 "give a .csv, .tsv, .jsonl, .json, .parquet, .txt, .html, .xml/.rss, .pdf or .docx file")
            out.append((path, None))
    return out


def _walk(root: Path, manifest: Manifest) -> list[tuple[Path, Path]]:
    out: list[tuple[Path, Path]] = []
    seen: dict[tuple[int, int], str] = {}

    def unreadable(exc: OSError) -> None:
        manifest.add(str(exc.filename or root), "folder", "skipped",
                     reason=f"cannot open the folder: {exc.strerror or exc}: check its permissions")

    real_root = os.path.realpath(root)

    def leads_out(p: Path, what: str) -> bool:
        """A symbolic link out of the folder named: recorded, not followed."""
        if not p.is_symlink():
            return False
        target = outside(p, real_root)
        if target is None:
            return False
        manifest.add(shown(p), what, "skipped", reason=f"a symbolic link to {shown(target)}, outside the folder "
                     f"{shown(root)}: not followed (name it on the command line to read it)")
        return True

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable):
        dirnames[:] = [d for d in sorted(dirnames) if d.startswith(".") or not leads_out(Path(dirpath) / d, "folder")]
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            unreadable(exc)
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirnames[:] = []
            manifest.add(dirpath, "folder", "skipped",
                         reason=f"a link to the folder {seen[key]}, which is read already: not read twice")
            continue
        seen[key] = dirpath
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            f = Path(dirpath) / name
            if leads_out(f, "file"):
                continue
            if detect_format(f) is None:
                manifest.add(str(f), "file", "skipped", reason="unsupported file type: "
                             "use .csv .tsv .jsonl .json .parquet .txt .html .pdf .docx or a feed")
                continue
            try:
                mode = os.stat(f).st_mode
            except OSError as exc:
                what = "a broken or looping symbolic link" if f.is_symlink() else "cannot open"
                manifest.add(str(f), "file", "skipped", reason=f"{what}: {exc.strerror or exc}")
                continue
            if not stat.S_ISREG(mode):
                manifest.add(str(f), "file", "skipped", reason=f"{kind_of(mode)}, not a regular file: not read")
                continue
            out.append((f, root))
    return out


def iter_records(paths: list[str | Path], options: ReadOptions, manifest: Manifest) -> Iterator[dict]:
    """Yield corpus records from all inputs, in order; fill ``manifest`` as a side record.

    A file given directly that cannot be read at all raises :class:`InputError`; one found in a
    folder is recorded as skipped (with a warning on stderr) and the run goes on.
    """
    ids = _UniqueIds()
    for path, root in list_inputs(paths, manifest):
        fmt = detect_format(path)
        try:
            reader = _READERS[fmt]
            for rec in reader(path, options, manifest):
                rec = _finish(rec, path, root, options, fmt)
                rec["doc_id"] = ids.assign(rec["doc_id"])
                manifest.add(str(path), rec.pop("_record"), "analysed", doc_id=rec["doc_id"],
                             format=fmt, encoding=rec.get("encoding", ""), reason=rec.pop("_note"))
                yield rec
        except InputError as exc:
            # A file that cannot be read is skipped, not fatal, when it came from a folder.
            if root is None:
                raise
            manifest.add(str(path), "file", "skipped", reason=str(exc), format=fmt or "")
            print(f"warning: skipped {exc}", file=sys.stderr)


class _UniqueIds:
    """Document ids, unique over the whole run: a repeated id ``a`` becomes ``a#2``, ``a#3`` ...,
    skipping any id already taken (ids ``a``, ``a#2``, ``a``, ``a#2`` give ``a``, ``a#2``, ``a#3``,
    ``a#2#2``)."""

    def __init__(self):
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def assign(self, base: str) -> str:
        if base not in self.taken:
            self.taken.add(base)
            return base
        k = self.next.get(base, 1)
        while True:
            k += 1
            new = f"{base}#{k}"
            if new not in self.taken:
                break
        self.next[base] = k
        self.taken.add(new)
        return new


def _finish(rec: dict, path: Path, root: Path | None, options: ReadOptions, fmt: str) -> dict:
    text = rec.get("text") or ""
    outlet = (rec.get("outlet") or "").strip()
    if not outlet:
        outlet = options.outlet or (_folder_outlet(path, root) or UNKNOWN_OUTLET)
    lang = (rec.get("lang") or "").strip().lower()[:2] or guess_lang(text)
    if len(outlet) > MAX_OUTLET_CHARS:
        outlet, note = _short_outlet(outlet)
        rec["_note"] = "; ".join(n for n in (rec.get("_note"), note) if n)
    return {
        "doc_id": shown(str(rec.get("doc_id") or f"{path.name}:{rec.get('line') or rec['_record']}")),
        "outlet": shown(outlet),
        "date": rec.get("date"),
        "title": (rec.get("title") or "").strip(),
        "author": (rec.get("author") or "").strip(),
        "lang": lang,
        "text": text,
        "reposted_by": (rec.get("reposted_by") or "").strip(),
        "source": shown(rec.get("source") or f"{path}#{rec['_record']}"),
        "file": shown(path),
        "line": int(rec.get("line") or 0),
        # the headline zone (framing.zones): where the input has them, the subtitle and the lines
        # of title and subtitle (a dump's header lines; a table's record line)
        "subtitle": (rec.get("subtitle") or "").strip(),
        "title_line": int(rec.get("title_line") or rec.get("line") or 0),
        "subtitle_line": int(rec.get("subtitle_line") or rec.get("line") or 0),
        "encoding": rec.get("encoding", ""),
        "format": fmt,
        "_record": rec["_record"],
        "_note": "; ".join(n for n in (rec.get("_note"), rec.get("_cell_note")) if n),
    }


MAX_OUTLET_CHARS = 100


def _short_outlet(outlet: str) -> tuple[str, str]:
    """An outlet 'name' too long to be one (text in the outlet column of a broken export): its first
    80 characters and a short hash of the whole, so that different long names stay different."""
    import hashlib

    short = " ".join(outlet[:80].split()) + f"… #{hashlib.sha1(outlet.encode('utf-8', 'replace')).hexdigest()[:8]}"
    return short, (f"the outlet name is {len(outlet):,} characters long: shortened to '{short}' (names over "
                   f"{MAX_OUTLET_CHARS} characters are not outlet names: check the outlet column)")


def _folder_outlet(path: Path, root: Path | None) -> str | None:
    """For ``root/OutletName/file.txt`` the outlet is the first folder under the root."""
    if root is None:
        return None
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else None


# ----------------------------------------------------------------------------- opening files

def _decode(path: Path, options: ReadOptions) -> DecodedText:
    return read_text(path, max_mb=options.max_file_mb)


def _empty(path: Path, manifest: Manifest, fmt: str, encoding: str = "") -> None:
    manifest.add(str(path), "file", "skipped", format=fmt, encoding=encoding, reason="empty file: nothing to read")


def _where(first: int, last: int) -> str:
    return f"line {first}" if last <= first else f"lines {first}-{last}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_surrogates(obj, counter: list[int]):
    """JSON escapes can spell lone surrogates ("\\ud800"), which no file can hold: U+FFFD instead."""
    if isinstance(obj, str):
        if _SURROGATE.search(obj):
            counter[0] += len(_SURROGATE.findall(obj))
            return _SURROGATE.sub("\ufffd", obj)
        return obj
    if isinstance(obj, dict):
        out = {_clean_surrogates(k, counter): _clean_surrogates(v, counter) for k, v in obj.items()}
        if getattr(obj, "repeated", ()):
            out = JsonObject(out)
            out.repeated = obj.repeated
        return out
    if isinstance(obj, list):
        return [_clean_surrogates(v, counter) for v in obj]
    return obj


# ----------------------------------------------------------------------------- tables

def _read_delimited(path: Path, options: ReadOptions, manifest: Manifest, delimiter: str | None = None):
    """CSV/TSV, streamed line by line: memory holds one record, whatever the file's size."""
    fmt = "tsv" if delimiter == "\t" else "csv"
    with LineStream(path) as stream:
        enc = stream.encoding
        if stream.empty:
            _empty(path, manifest, fmt, enc)
            return
        lines = iter(stream)
        skipped = 0  # blank lines above the header
        try:
            first = next(lines, "")
            while first and not first.strip() and not stream.too_long:
                skipped += 1
                first = next(lines, "")
        except ReadFailure as exc:
            raise InputError(f"{path}:{skipped + 1}: cannot read the header: {exc}") from None
        if stream.too_long:
            raise InputError(f"{path}:1: the header line is longer than {MAX_LINE_CHARS:,} characters: "
                             "this is not a CSV file with a header")
        if delimiter is None:
            delimiter = max([",", ";", "\t", "|"], key=first.count)
        tap = _Tap(itertools.chain([first], lines))
        csv.field_size_limit(MAX_LINE_CHARS)
        quoting = csv.QUOTE_MINIMAL if options.csv_quotes else csv.QUOTE_NONE
        reader = csv.reader(tap, delimiter=delimiter, quoting=quoting)
        try:
            header = next(reader)
        except csv.Error as exc:
            raise InputError(f"{path}:{skipped + 1}: cannot read the header: {exc}") from None
        def last() -> int:  # the file's line number of the csv reader's last line
            return reader.line_num + skipped

        header, repeated = unique_names(header)
        cols = _Columns(header, options, path, repeated)
        width = len(header)
        date_index = header.index(cols.date) if cols.date else None
        id_index = header.index(cols.id) if cols.id else None
        numeric_ids = True
        broken_at = 0  # the line of the last broken quote, until a record of the right width follows
        seen = 0
        while True:
            start = last() + 1
            replaced, found, too_long = stream.replaced, stream.found, len(stream.too_long)
            tap.lines.clear()
            try:
                cells = next(reader)
            except StopIteration:
                if not seen:
                    manifest.add(str(path), "file", "skipped", format=fmt, encoding=enc,
                                 reason="no records below the header: nothing to read")
                break
            except ReadFailure as exc:
                manifest.add(str(path), f"line {start} on", "skipped", format=fmt, encoding=enc,
                             reason=f"{exc}: the rest of the file was not read")
                return
            except csv.Error as exc:
                manifest.add(str(path), _where(start, last()), "skipped", format=fmt, encoding=enc,
                             reason=f"malformed CSV: {exc}: fix the quoting")
                continue
            where = _where(start, last())
            if len(stream.too_long) > too_long:
                seen += 1
                manifest.add(str(path), where, "skipped", format=fmt, encoding=enc,
                             reason=f"line {stream.too_long[-1]} is longer than {MAX_LINE_CHARS:,} characters: not read")
                continue
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line is not a record
            seen += 1
            if last() > start and tap.exhausted and _unclosed_quote(tap.lines):
                manifest.add(str(path), where, "skipped", format=fmt, encoding=enc,
                             reason=f"a quote opened on line {start} is never closed, so the rest of the file "
                                    "would be one field: fix the quoting")
                continue
            if last() > start and options.csv_quotes:
                why = swallowed_reason(tap.lines, delimiter, width, start, last(), date_index=date_index,
                                       id_index=id_index, numeric_ids=numeric_ids)
                if why:
                    manifest.add(str(path), where, "skipped", format=fmt, encoding=enc, reason=why)
                    broken_at = start
                    continue
            if len(cells) != width:
                tail = (f" (probably the rest of a record the broken quote of line {broken_at} cut in two)"
                        if broken_at else "")
                manifest.add(str(path), where, "skipped", format=fmt, encoding=enc,
                             reason=f"{len(cells)} fields where the header has {width}: fix the row or its quoting"
                                    + tail)
                continue
            broken_at = 0
            if id_index is not None and numeric_ids and not cells[id_index].strip().isdigit():
                numeric_ids = False
            row = dict(zip(header, cells))
            broken = [c for c in (cols.outlet, cols.date, cols.id) if c and "\n" in (row.get(c) or "")]
            if broken and last() > start:
                manifest.add(str(path), where, "skipped", format=fmt, encoding=enc,
                             reason=f"a line break inside the {broken[0]} field: a quote opened on line {start} is "
                                    f"probably not closed, and this record swallowed the rows after it up to line "
                                    f"{last()}: fix the quoting")
                continue
            rec = cols.record(row, where, path, manifest, fmt, enc)
            if rec is not None:
                rec["line"] = start
                rec["source"] = f"{path}:{start}"
                rec["encoding"] = enc
                rec["_note"] = damage_note(stream.replaced - replaced, stream.found - found)
                yield rec


class _Tap:
    """Passes lines through to the csv reader, keeping those of the current record."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self.lines: list[str] = []
        self.exhausted = False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise
        self.lines.append(line)
        return line


def _unclosed_quote(lines: list[str]) -> bool:
    """A record that runs to the end of the file with an odd number of quote marks."""
    return sum(line.count('"') for line in lines) % 2 == 1


def _read_csv(path, options, manifest):
    ext = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    delimiter = "\t" if ext and ext[-1] in (".tsv", ".tab") else None
    yield from _read_delimited(path, options, manifest, delimiter)


def _read_jsonl(path: Path, options: ReadOptions, manifest: Manifest):
    """JSON Lines, streamed: one object per line; a broken line is skipped with its reason."""
    with LineStream(path) as stream:
        enc = stream.encoding
        if stream.empty:
            _empty(path, manifest, "jsonl", enc)
            return
        known: dict = {}  # key set -> columns (framing.ingest.readers._object_columns)
        lines = iter(stream)
        while True:
            replaced, found, too_long = stream.replaced, stream.found, len(stream.too_long)
            try:
                line = next(lines)
            except StopIteration:
                break
            except ReadFailure as exc:
                manifest.add(str(path), f"line {stream.line + 1} on", "skipped", format="jsonl", encoding=enc,
                             reason=f"{exc}: the rest of the file was not read")
                return
            number = stream.line
            where = f"line {number}"
            if len(stream.too_long) > too_long:
                manifest.add(str(path), where, "skipped", format="jsonl", encoding=enc,
                             reason=f"longer than {MAX_LINE_CHARS:,} characters: not read")
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line, object_pairs_hook=json_object)
            except json.JSONDecodeError as exc:
                manifest.add(str(path), where, "skipped", format="jsonl", encoding=enc,
                             reason=f"not valid JSON ({exc.msg} at column {exc.colno}): fix or remove the line")
                continue
            except (ValueError, RecursionError) as exc:
                manifest.add(str(path), where, "skipped", format="jsonl", encoding=enc,
                             reason=f"not readable JSON ({str(exc) or type(exc).__name__}): fix or remove the line")
                continue
            if not isinstance(obj, dict):
                manifest.add(str(path), where, "skipped", format="jsonl", encoding=enc,
                             reason="not a JSON object: each line must be {...}")
                continue
            surrogates = [0]
            if "\\u" in line:
                obj = _clean_surrogates(obj, surrogates)
            cols = _object_columns(obj, options, path, manifest, where, "jsonl", enc, known)
            if cols is None:
                continue
            rec = cols.record(obj, where, path, manifest, "jsonl", enc)
            if rec is not None:
                rec.update(line=number, source=f"{path}:{number}", encoding=enc,
                           _note=damage_note(stream.replaced - replaced, stream.found - found, surrogates[0]))
                yield rec


def _object_columns(obj: dict, options: ReadOptions, path: Path, manifest: Manifest, where: str, fmt: str,
                    enc: str, known: dict) -> "_Columns | None":
    """The columns of an object, worked out once per set of keys (``known``: keys -> columns, or the
    reason they cannot be read): objects in one file may differ, and a field that only later objects
    have (a title, a date) is read in those. An object whose keys give no text is skipped (recorded)."""
    keys = tuple(obj)
    cols = known.get(keys)
    if cols is None:
        try:
            cols = _Columns(list(keys), options, path)
        except InputError as exc:
            cols = exc
        if len(known) < _MAX_KEY_SETS:
            known[keys] = cols
    if isinstance(cols, InputError):
        manifest.add(str(path), where, "skipped", format=fmt, encoding=enc, reason=str(cols).removeprefix(f"{path}: "))
        return None
    return cols


_MAX_KEY_SETS = 1000  # distinct key sets remembered per file (beyond them, columns are worked out per object)


def _read_json(path: Path, options: ReadOptions, manifest: Manifest):
    """A JSON file holding a list of objects (read whole: for big corpora use JSON Lines)."""
    decoded = _decode(path, options)
    if not decoded.text.strip():
        _empty(path, manifest, "json", decoded.encoding)
        return
    try:
        data = json.loads(decoded.text, object_pairs_hook=json_object)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}): fix the file, "
                         "or save one object per line as .jsonl") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{path}: not readable JSON ({str(exc) or type(exc).__name__}): fix the file") from None
    enc = decoded.encoding
    groups = _json_groups(data, path, options, manifest, enc)
    number = 0
    for key, items in groups:
        known: dict = {}  # each list has columns of its own
        for obj in items:
            number += 1
            where = f"record {number}" if key is None else f"record {number} ('{key}')"
            if not isinstance(obj, dict):
                manifest.add(str(path), where, "skipped", format="json", encoding=enc, reason="not a JSON object")
                continue
            surrogates = [0]
            obj = _clean_surrogates(obj, surrogates)
            cols = _object_columns(obj, options, path, manifest, where, "json", enc, known)
            if cols is None:
                continue
            rec = cols.record(obj, where, path, manifest, "json", enc)
            if rec is not None:
                rec.update(line=number, source=f"{path}#{number}", encoding=enc,
                           _note=_json_note(rec["text"], decoded, surrogates[0]))
                yield rec


def _json_groups(data, path: Path, options: ReadOptions, manifest: Manifest, enc: str) -> list[tuple[str | None, list]]:
    """The lists of records in a JSON file: the file's own list, the one list of objects an object
    holds, or (an object holding several) each list whose objects have a text column, the others
    recorded as skipped with their size. ``(key, items)`` pairs; key None for a file's own list."""
    if isinstance(data, list):
        return [(None, data)]
    if not isinstance(data, dict):
        raise InputError(f"{path}: JSON must be a list of objects or an object holding one: reshape the file")
    lists = [(k, v) for k, v in data.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    if not lists:
        return [(None, [data])]
    if len(lists) == 1:
        return [(None, lists[0][1])]
    readable, other = [], []
    for key, items in lists:
        try:
            _Columns(list(items[0].keys()), options, path)
            readable.append((key, items))
        except InputError:
            other.append((key, items))
    if not readable:
        keys = ", ".join(f"'{k}' ({len(v)})" for k, v in lists)
        raise InputError(f"{path}: the JSON object holds {len(lists)} lists of objects ({keys}) and none has a "
                         "text column: name it with --text-col, or save the articles as JSON Lines")
    for key, items in other:
        manifest.add(str(path), f"'{key}'", "skipped", format="json", encoding=enc,
                     reason=f"a list of {len(items)} objects without a text column, beside the list(s) "
                            f"{', '.join(repr(k) for k, _ in readable)} that were read: not read")
    return readable


def _json_note(text: str, decoded: DecodedText, surrogates: int) -> str:
    marks = max(0, text.count("\ufffd") - surrogates)
    if decoded.replaced_lines:  # a whole-file decode cannot tell its own U+FFFD from earlier ones
        return damage_note(marks, 0, surrogates)
    return damage_note(0, marks, surrogates)


def _read_parquet(path: Path, options: ReadOptions, manifest: Manifest):
    import pyarrow.parquet as pq

    try:
        if os.path.getsize(path) == 0:
            _empty(path, manifest, "parquet")
            return
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
    except Exception as exc:  # pyarrow raises several kinds for damaged files
        raise InputError(f"{path}: not a readable Parquet file ({exc}): check the file") from None
    names, repeated = unique_names(names)
    cols = _Columns(names, options, path, repeated)
    number = 0
    batches = pf.iter_batches(batch_size=2048)
    while True:
        try:
            batch = next(batches, None)
            rows = _parquet_rows(batch, names) if batch is not None else None
        except Exception as exc:  # a damaged row group
            manifest.add(str(path), f"row {number + 1} on", "skipped", format="parquet",
                         reason=f"damaged Parquet data ({exc}): the rest of the file was not read")
            return
        if rows is None:
            break
        for row, cell_notes in rows:
            number += 1
            rec = cols.record(row, f"row {number}", path, manifest, "parquet")
            if rec is not None:
                rec.update(line=number, source=f"{path}#{number}", encoding="",
                           _note="; ".join(n for n in (damage_note(0, rec["text"].count("\ufffd")), *cell_notes) if n))
                yield rec


def _parquet_rows(batch, names: list[str]) -> list[tuple[dict, list[str]]]:
    """A record batch -> (row, notes) pairs. A column that cannot be turned into Python values as a
    whole (a timestamp out of Python's range, year 1 to 9999) is converted value by value: a value
    that cannot be becomes missing, with a note for its row only."""
    n = batch.num_rows
    columns: list[list] = []
    notes: list[list[str]] = [[] for _ in range(n)]
    for name, column in zip(names, batch.columns):
        try:
            columns.append(column.to_pylist())
            continue
        except (ValueError, OverflowError, TypeError, ArithmeticError):
            pass
        values = []
        for i in range(n):
            try:
                values.append(column[i].as_py())
            except (ValueError, OverflowError, TypeError, ArithmeticError) as exc:
                values.append(None)
                notes[i].append(f"the {name} value cannot be read ({exc}): left empty")
        columns.append(values)
    return [(dict(zip(names, row)), notes[i]) for i, row in enumerate(zip(*columns))] if columns else []


def _read_text(path: Path, options: ReadOptions, manifest: Manifest):
    decoded = _decode(path, options)
    from .dumps import records_from_dump

    yield from records_from_dump(decoded, path, options, manifest)


def _third_party(path: Path, what: str, read):
    """Call a third-party parser; whatever it raises on a damaged file becomes an InputError."""
    try:
        return read(path)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: cannot read this {what} ({type(exc).__name__}: {exc}): check the file") from None


def _read_html(path: Path, options: ReadOptions, manifest: Manifest):
    from .html import read_html

    rec = _third_party(path, "page", lambda p: read_html(p, outlets=outlet_table(options),
                                                                 max_mb=options.max_file_mb))
    if not (rec.get("text") or "").strip():
        manifest.add(str(path), "page", "skipped", format="html", encoding=rec.get("encoding") or "",
                     reason="no main text found in the page")
        return
    rec.update(_record="page", line=0, source=str(path), _note=damage_note(0, rec["text"].count("\ufffd")))
    rec["doc_id"] = rec.get("doc_id") or path.name
    yield rec


def _read_feed(path: Path, options: ReadOptions, manifest: Manifest):
    from .feeds import read_feed

    for number, rec in enumerate(_third_party(path, "feed", lambda p: read_feed(p, outlets=outlet_table(options),
                                                                                    max_mb=options.max_file_mb)),
                                 start=1):
        if not (rec.get("text") or "").strip():
            manifest.add(str(path), f"entry {number}", "skipped", format="feed", reason="entry without text")
            continue
        rec.update(_record=f"entry {number}", line=number)
        rec.setdefault("source", f"{path}#entry {number}")
        yield rec


def _read_document(fmt: str):
    from .documents import read_document

    return lambda path, options, manifest: read_document(path, options, manifest, fmt)


_READERS = {"csv": _read_csv, "tsv": _read_csv, "jsonl": _read_jsonl, "json": _read_json,
            "parquet": _read_parquet, "text": _read_text, "html": _read_html, "feed": _read_feed,
            "pdf": _read_document("pdf"), "docx": _read_document("docx")}
