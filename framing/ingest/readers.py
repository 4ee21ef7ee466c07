"""Readers: input files and folders -> corpus records (dicts with the Corpus columns).

Formats by extension: ``.csv``/``.tsv``, ``.jsonl``/``.ndjson``, ``.json``, ``.parquet``, ``.txt``
(a text dump: segmented into articles), ``.html``/``.htm`` (saved pages), ``.xml``/``.rss``/``.atom``
(feeds); any of the text formats may be gzipped (``.csv.gz``). Folders are walked recursively in
name order. Records are yielded one at a time so that a corpus of any size streams; what becomes of
each record is written to the :class:`~framing.manifest.Manifest`.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..errors import InputError, OptionError
from ..manifest import Manifest
from ..normalize import has_arabic
from ..types import UNKNOWN_OUTLET
from .encoding import DecodedText, decode_bytes, looks_binary

TEXT_COLS = ("text", "content", "article_content", "body", "article", "full_text", "article_text", "story")
OUTLET_COLS = ("outlet", "source", "publication", "publisher", "site", "source_name", "media", "newspaper", "domain")
DATE_COLS = ("date", "published", "published_at", "publish_date", "pubdate", "date_published", "datetime", "time", "timestamp")
ID_COLS = ("doc_id", "id", "article_id", "uuid", "guid")
TITLE_COLS = ("title", "headline")
AUTHOR_COLS = ("author", "authors", "byline", "creator")
LANG_COLS = ("lang", "language")

TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                 ".json": "json", ".parquet": "parquet", ".pq": "parquet"}
TEXT_FORMATS = {".txt": "text", ".text": "text", ".md": "text"}
HTML_FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html"}
FEED_FORMATS = {".xml": "feed", ".rss": "feed", ".atom": "feed"}
ALL_FORMATS = {**TABLE_FORMATS, **TEXT_FORMATS, **HTML_FORMATS, **FEED_FORMATS}


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


def detect_format(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return ALL_FORMATS.get(suffixes[-1]) if suffixes else None


def list_inputs(paths: list[str | Path], manifest: Manifest) -> list[tuple[Path, Path | None]]:
    """Expand folders into files (sorted, recursive, symlinked folders not followed twice).

    Returns ``(file, root)`` pairs, ``root`` being the folder given on the command line (None for a
    file given directly). Unsupported files inside folders are recorded as skipped.
    """
    out: list[tuple[Path, Path | None]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder: check the path")
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            for dirpath, dirnames, filenames in os.walk(path, followlinks=True):
                st = os.stat(dirpath)
                if (st.st_dev, st.st_ino) in seen:
                    dirnames[:] = []
                    manifest.add(dirpath, "", "skipped", reason="folder link loop: visited already")
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirnames.sort()
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    f = Path(dirpath) / name
                    if detect_format(f) is None:
                        manifest.add(str(f), "", "skipped", reason="unsupported file type: "
                                     "use .csv .tsv .jsonl .json .parquet .txt .html or a feed")
                        continue
                    out.append((f, path))
        else:
            if detect_format(path) is None:
                raise InputError(f"{path}: unknown format '{''.join(path.suffixes) or 'no extension'}': "
                                 "give a .csv, .tsv, .jsonl, .json, .parquet, .txt, .html or .xml/.rss file")
            out.append((path, None))
    return out


def iter_records(paths: list[str | Path], options: ReadOptions, manifest: Manifest) -> Iterator[dict]:
    """Yield corpus records from all inputs, in order; fill ``manifest`` as a side record."""
    seen_ids: dict[str, int] = {}
    for path, root in list_inputs(paths, manifest):
        fmt = detect_format(path)
        try:
            reader = _READERS[fmt]
            for rec in reader(path, options, manifest):
                rec = _finish(rec, path, root, options, fmt)
                base = rec["doc_id"]
                if base in seen_ids:
                    seen_ids[base] += 1
                    rec["doc_id"] = f"{base}#{seen_ids[base]}"
                else:
                    seen_ids[base] = 1
                manifest.add(str(path), rec.pop("_record"), "analysed", doc_id=rec["doc_id"],
                             format=fmt, encoding=rec.get("encoding", ""))
                yield rec
        except InputError as exc:
            # A file that cannot be read is skipped, not fatal, when it came from a folder.
            if root is None:
                raise
            manifest.add(str(path), "", "skipped", reason=str(exc), format=fmt or "")
            print(f"warning: skipped {exc}", file=sys.stderr)


def _finish(rec: dict, path: Path, root: Path | None, options: ReadOptions, fmt: str) -> dict:
    text = rec.get("text") or ""
    outlet = (rec.get("outlet") or "").strip()
    if not outlet:
        outlet = options.outlet or (_folder_outlet(path, root) or UNKNOWN_OUTLET)
    lang = (rec.get("lang") or "").strip().lower()[:2] or guess_lang(text)
    return {
        "doc_id": str(rec.get("doc_id") or f"{path.name}:{rec.get('line') or rec['_record']}"),
        "outlet": outlet,
        "date": rec.get("date"),
        "title": (rec.get("title") or "").strip(),
        "author": (rec.get("author") or "").strip(),
        "lang": lang,
        "text": text,
        "source": rec.get("source") or f"{path}#{rec['_record']}",
        "file": str(path),
        "line": int(rec.get("line") or 0),
        "encoding": rec.get("encoding", ""),
        "format": fmt,
        "_record": rec["_record"],
    }


def _folder_outlet(path: Path, root: Path | None) -> str | None:
    """For ``root/OutletName/file.txt`` the outlet is the first folder under the root."""
    if root is None:
        return None
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else None


def guess_lang(text: str) -> str:
    """'ar' when most letters of the first 2,000 characters are Arabic, else 'en'."""
    sample = text[:2000]
    if not has_arabic(sample):
        return "en"
    arabic = sum(1 for ch in sample if "\u0600" <= ch <= "\u06FF")
    letters = sum(1 for ch in sample if ch.isalpha())
    return "ar" if letters and arabic / letters > 0.5 else "en"


# ----------------------------------------------------------------------------- opening files

def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
        if path.suffix.lower() == ".gz":
            raw = gzip.decompress(raw)
        return raw
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{path}: cannot read: {reason}: check the file and its permissions") from None


def _decode(path: Path) -> DecodedText:
    return decode_bytes(_read_bytes(path), source=str(path))


# ----------------------------------------------------------------------------- tables

class _Columns:
    """Resolve the columns of a tabular input from options and guesses."""

    def __init__(self, names: list[str], options: ReadOptions, path: Path):
        lower = {n.lower().strip(): n for n in names}

        def pick(option: str | None, guesses: tuple[str, ...], flag: str) -> str | None:
            if option:
                if option in names:
                    return option
                if option.lower() in lower:
                    return lower[option.lower()]
                raise InputError(f"{path}: no column '{option}' for {flag}: the columns are {', '.join(names)}")
            for g in guesses:
                if g in lower:
                    return lower[g]
            return None

        self.text = pick(options.text_col, TEXT_COLS, "--text-col")
        if self.text is None:
            raise InputError(f"{path}: no text column among {', '.join(names) or '(none)'}: "
                             f"name it with --text-col")
        self.outlet = pick(options.outlet_col, OUTLET_COLS, "--outlet-col")
        self.date = pick(options.date_col, DATE_COLS, "--date-col")
        self.id = pick(options.id_col, ID_COLS, "--id-col")
        self.title = pick(options.title_col, TITLE_COLS, "--title-col")
        self.author = pick(options.author_col, AUTHOR_COLS, "--author-col")
        self.lang = pick(options.lang_col, LANG_COLS, "--lang-col")

    def record(self, row: dict, label: str, path: Path, manifest: Manifest, fmt: str) -> dict | None:
        """The corpus fields of one row, or None (recorded as skipped) when it has no text."""
        text = row.get(self.text)
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        if not text.strip():
            manifest.add(str(path), label, "skipped", reason="empty text", format=fmt)
            return None

        def cell(col: str | None) -> str:
            if col is None:
                return ""
            v = row.get(col)
            if v is None or (isinstance(v, float) and v != v):
                return ""
            if isinstance(v, list):
                return ", ".join(map(str, v))
            return str(v)

        return {"doc_id": cell(self.id), "outlet": cell(self.outlet), "date": row.get(self.date) if self.date else None,
                "title": cell(self.title), "author": cell(self.author), "lang": cell(self.lang),
                "text": text, "_record": label}


def _read_delimited(path: Path, options: ReadOptions, manifest: Manifest, delimiter: str | None = None):
    fmt = "tsv" if delimiter == "\t" else "csv"
    decoded = _decode(path)
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{path}: empty file: nothing to read")
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t", "|"], key=first.count)
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError(f"{path}:1: cannot read the header: {exc}") from None
    cols = _Columns(header, options, path)
    width = len(header)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            manifest.add(str(path), f"line {line}", "skipped", reason=f"malformed CSV: {exc}", format=fmt)
            continue
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if len(cells) != width:
            manifest.add(str(path), f"line {line}", "skipped", format=fmt, encoding=decoded.encoding,
                         reason=f"{len(cells)} fields where the header has {width}: fix the row or its quoting")
            continue
        rec = cols.record(dict(zip(header, cells)), f"line {line}", path, manifest, fmt)
        if rec is not None:
            rec["line"] = line
            rec["source"] = f"{path}:{line}"
            rec["encoding"] = decoded.encoding
            yield rec


def _read_csv(path, options, manifest):
    ext = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    delimiter = "\t" if ext and ext[-1] in (".tsv", ".tab") else None
    yield from _read_delimited(path, options, manifest, delimiter)


def _read_jsonl(path: Path, options: ReadOptions, manifest: Manifest):
    decoded = _decode(path)
    cols = None
    for number, line in enumerate(decoded.text.lstrip("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            manifest.add(str(path), f"line {number}", "skipped", format="jsonl",
                         reason=f"not valid JSON ({exc.msg} at column {exc.colno}): fix or remove the line")
            continue
        if not isinstance(obj, dict):
            manifest.add(str(path), f"line {number}", "skipped", format="jsonl",
                         reason="not a JSON object: each line must be {...}")
            continue
        if cols is None:
            cols = _Columns(list(obj.keys()), options, path)
        rec = cols.record(obj, f"line {number}", path, manifest, "jsonl")
        if rec is not None:
            rec.update(line=number, source=f"{path}:{number}", encoding=decoded.encoding)
            yield rec


def _read_json(path: Path, options: ReadOptions, manifest: Manifest):
    decoded = _decode(path)
    try:
        data = json.loads(decoded.text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}): fix the file, "
                         "or save one object per line as .jsonl") from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        raise InputError(f"{path}: JSON must be a list of objects or an object holding one: reshape the file")
    cols = None
    for number, obj in enumerate(data, start=1):
        if not isinstance(obj, dict):
            manifest.add(str(path), f"record {number}", "skipped", format="json", reason="not a JSON object")
            continue
        if cols is None:
            cols = _Columns(list(obj.keys()), options, path)
        rec = cols.record(obj, f"record {number}", path, manifest, "json")
        if rec is not None:
            rec.update(line=number, source=f"{path}#{number}", encoding=decoded.encoding)
            yield rec


def _read_parquet(path: Path, options: ReadOptions, manifest: Manifest):
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several kinds for damaged files
        raise InputError(f"{path}: not a readable Parquet file ({exc}): check the file") from None
    cols = _Columns(pf.schema_arrow.names, options, path)
    number = 0
    for batch in pf.iter_batches(batch_size=2048):
        for row in batch.to_pylist():
            number += 1
            rec = cols.record(row, f"row {number}", path, manifest, "parquet")
            if rec is not None:
                rec.update(line=number, source=f"{path}#{number}", encoding="")
                yield rec


def _read_text(path: Path, options: ReadOptions, manifest: Manifest):
    decoded = _decode(path)
    from .dumps import records_from_dump

    yield from records_from_dump(decoded, path, options, manifest)


def _read_html(path: Path, options: ReadOptions, manifest: Manifest):
    from .html import read_html

    rec = read_html(path)
    if not (rec.get("text") or "").strip():
        manifest.add(str(path), "page", "skipped", format="html", reason="no main text found in the page")
        return
    rec.update(_record="page", line=0, source=str(path))
    rec["doc_id"] = rec.get("doc_id") or path.name
    yield rec


def _read_feed(path: Path, options: ReadOptions, manifest: Manifest):
    from .feeds import read_feed

    for number, rec in enumerate(read_feed(path), start=1):
        if not (rec.get("text") or "").strip():
            manifest.add(str(path), f"entry {number}", "skipped", format="feed", reason="entry without text")
            continue
        rec.update(_record=f"entry {number}", line=number)
        rec.setdefault("source", f"{path}#entry {number}")
        yield rec


_READERS = {"csv": _read_csv, "tsv": _read_csv, "jsonl": _read_jsonl, "json": _read_json,
            "parquet": _read_parquet, "text": _read_text, "html": _read_html, "feed": _read_feed}


# ----------------------------------------------------------------------------- dates

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


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
    if v is None or v == "" or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        ts = v
    elif hasattr(v, "year") and hasattr(v, "month"):
        ts = pd.Timestamp(v)
    elif isinstance(v, (int, float)):
        # Unix seconds or milliseconds.
        ts = pd.Timestamp(v, unit="ms" if v > 1e11 else "s")
    else:
        s = str(v).strip()
        if not s:
            return None
        try:
            if _ISO.match(s):
                ts = pd.Timestamp(s)
            else:
                ts = pd.to_datetime(s, dayfirst=dayfirst)
        except (ValueError, OverflowError, TypeError):
            try:
                from .dates import parse_date_text
            except ImportError:
                return None
            d = parse_date_text(s, dayfirst=dayfirst)
            return pd.Timestamp(d) if d else None
    if ts is pd.NaT:
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.normalize()
