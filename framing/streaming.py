"""Tables of a large analysis without holding its rows: for ``framing analyze INPUT -o DIR``.

Each chunk's hits and attributions are appended to ``DIR/hits.csv`` and ``DIR/attributions.csv``
as they come back from the workers (Arrow columns, written as they are); what stays in memory is
their counts per (outlet, period, category, entry, term) and per (outlet, class, verb)
(:func:`framing.tables.hit_counts`, :func:`framing.tables.attribution_counts`, counted in the
workers: the core counts per period when the sink has a ``period``), from which the rate tables
are computed. Memory is then
bounded by the chunks in flight, the documents table (one row per document, no text) and the
count tables, whose size depends on the numbers of outlets, periods and terms, not of hits.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .analyze import ChunkResult
from .core import frame
from .output import CsvStream
from .tables import add_attribution_counts, add_counts, attribution_counts, hit_counts
from .types import ATTRIBUTION_COLUMNS, HIT_OUTPUT_COLUMNS, check_table

_FOLD_EVERY = 16  # chunks' count tables gathered before they are added into one


class StreamedTables:
    """A sink for :func:`framing.analyze.analyze_corpus`: rows to CSV files, counts kept."""

    def __init__(self, out: Path, period: str = "month"):
        self.period = period
        self.hits_csv = CsvStream(Path(out) / "hits.csv", HIT_OUTPUT_COLUMNS)
        self.attributions_csv = CsvStream(Path(out) / "attributions.csv", ATTRIBUTION_COLUMNS)
        self.hit_counts: list[pd.DataFrame] = []
        self.attribution_counts: list[pd.DataFrame] = []

    def add(self, result: ChunkResult) -> None:
        self.hits_csv.write(check_table("hits", result.hits, extra=("file", "line")))  # before writing
        self.attributions_csv.write(check_table("attributions", result.attributions))
        if result.hits.num_rows:
            counted = result.counted_hits
            self.hit_counts.append(counted if counted is not None else hit_counts(frame(result.hits), self.period))
        if result.attributions.num_rows:
            counted = result.counted_attributions
            self.attribution_counts.append(counted if counted is not None
                                           else attribution_counts(frame(result.attributions)))
        if len(self.hit_counts) >= _FOLD_EVERY:
            self.hit_counts = [add_counts(self.hit_counts)]
        if len(self.attribution_counts) >= _FOLD_EVERY:
            self.attribution_counts = [add_attribution_counts(self.attribution_counts)]

    def finish(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Close the two files; return the hit counts and the attribution counts."""
        self.hits_csv.close()
        self.attributions_csv.close()
        return add_counts(self.hit_counts), add_attribution_counts(self.attribution_counts)

    def abort(self) -> None:
        """Leave no partial file behind (an earlier run's files, if any, stay as they were)."""
        self.hits_csv.abort()
        self.attributions_csv.abort()
