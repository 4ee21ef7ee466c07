"""A file as a table that keeps all its columns (for ``framing score`` and ``framing train``).

The corpus readers (framing.ingest.readers) turn inputs into documents; a file to score or train on
is a table whose every column is written back, so it is read here, through the same decoding
(framing.ingest.encoding: encoding detection, .gz, the size limit, special files refused), and each
row is entered in a :class:`framing.manifest.Manifest` like any input record.
.csv .tsv .tab (and ;/| separated), .jsonl .ndjson .json .parquet; .txt .text .md give one row per
non-blank line (columns line, text).
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..errors import InputError, OptionError
from ..manifest import Manifest
from .columns import TEXT_COLS
from .encoding import read_text

TABLE_SEPARATORS = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
JSONL = (".jsonl", ".ndjson")
PARQUET = (".parquet", ".pq")
LINES = (".txt", ".text", ".md")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    base = name[:-3] if name.endswith(".gz") else name
    return Path(base).suffix


def read_table(path: str | Path, manifest: Manifest | None = None, *, max_mb: float | None = 0) -> pd.DataFrame:
    """``path`` as a table of its cells (CSV/TSV cells as strings); every row goes to ``manifest``.

    ``max_mb``: the largest file read (0 = no limit, the default: a table to score is read whole)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file: check the path")
    suffix = _suffix(path)
    known = (*TABLE_SEPARATORS, *JSONL, ".json", *PARQUET, *LINES)
    if suffix not in known:
        raise InputError(f"{path}: unsupported file type '{suffix}': use .csv .tsv .jsonl .json .parquet or .txt")
    fmt = suffix.lstrip(".")
    encoding = ""
    try:
        if suffix in PARQUET:
            table = pd.read_parquet(path)
        else:
            decoded = read_text(path, max_mb=max_mb)
            encoding, text = decoded.encoding, decoded.text
            if suffix in TABLE_SEPARATORS:
                table = pd.read_csv(io.StringIO(text), sep=TABLE_SEPARATORS[suffix], dtype=str, keep_default_na=False)
            elif suffix in JSONL:
                table = pd.read_json(io.StringIO(text), lines=True, dtype=False)
            elif suffix == ".json":
                table = pd.read_json(io.StringIO(text), dtype=False)
            else:
                rows = [(i, ln.strip()) for i, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
                table = pd.DataFrame(rows, columns=["line", "text"])
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"{path}: cannot read it as {fmt}: {str(exc).splitlines()[0]}: check the file") from None
    if manifest is not None:
        label = (lambda i: f"line {table['line'].iloc[i]}") if suffix in LINES else (lambda i: f"row {i + 1}")
        for i in range(len(table)):
            manifest.add(str(path), label(i), "analysed", format=fmt, encoding=encoding)
    return table


def text_column(table: pd.DataFrame, wanted: str | None, path) -> str:
    """The column holding the text: ``wanted`` (--text-col), else the first of the usual names."""
    if wanted:
        if wanted not in table.columns:
            raise OptionError(f"{path}: no column '{wanted}' (columns: {', '.join(map(str, table.columns))}): "
                              "check --text-col")
        return wanted
    lower = {str(c).lower(): c for c in table.columns}
    for cand in TEXT_COLS + ("sentence", "sentences"):
        if cand in lower:
            return lower[cand]
    raise OptionError(f"{path}: cannot tell which column holds the text (columns: "
                      f"{', '.join(map(str, table.columns))}): name it with --text-col")
