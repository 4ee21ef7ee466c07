"""Segments written out: JSON Lines, CSV, and a fixed-width table for the terminal."""
from __future__ import annotations

import csv
import io
import json
import unicodedata

from .records import JSONL_KEYS, Segment


def _record(seg: Segment) -> dict:
    return {k: getattr(seg, k) for k in JSONL_KEYS}


def segments_to_jsonl(segments) -> str:
    """One JSON object per segment with exactly the keys of ``JSONL_KEYS``."""
    return "".join(json.dumps(_record(s), ensure_ascii=False) + "\n" for s in segments)


def segments_to_csv(segments) -> str:
    """A CSV table with the columns of ``JSONL_KEYS`` (empty cells for null)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(JSONL_KEYS)
    for s in segments:
        writer.writerow(["" if v is None else v for v in _record(s).values()])
    return buf.getvalue()


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _fit(text: str | None, width: int) -> str:
    text = " ".join((text or "-").split())
    if _width(text) > width:
        out, w = [], 0
        for ch in text:
            cw = _width(ch)
            if w + cw > width - 1:
                break
            out.append(ch)
            w += cw
        text = "".join(out) + "…"
    return text + " " * (width - _width(text))


def segments_to_table(segments) -> str:
    """A fixed-width table for the terminal: one row per segment.

    ``dup`` shows the first line of the article a repost repeats (``duplicate_of`` is an index into
    the segments of the same file).
    """
    segments = list(segments)
    cols = [("file", 18), ("lines", 11), ("kind", 13), ("date", 10), ("outlet", 30), ("lang", 4), ("dup", 5),
            ("title", 44)]
    many = len({s.file for s in segments}) > 1
    if not many:
        cols = cols[1:]
    by_file: dict[str, list[Segment]] = {}
    for seg in segments:
        by_file.setdefault(seg.file, []).append(seg)
    rows = [" ".join(_fit(name, w) for name, w in cols).rstrip()]
    rows.append(" ".join("-" * w for _, w in cols))
    for s in segments:
        same = by_file[s.file]
        dup = None
        if s.duplicate_of is not None and 0 <= s.duplicate_of < len(same):
            dup = str(same[s.duplicate_of].start_line)
        cells = {
            "file": s.file.replace("\\", "/").rsplit("/", 1)[-1], "lines": f"{s.start_line}-{s.end_line}",
            "kind": s.kind, "date": s.date,
            "outlet": s.outlet + (f" (via {s.reposted_by})" if s.reposted_by else "") if s.outlet else None,
            "lang": s.lang, "dup": dup, "title": s.title,
        }
        rows.append(" ".join(_fit(cells[name], w) for name, w in cols).rstrip())
    articles = sum(1 for s in segments if s.kind == "article")
    dups = sum(1 for s in segments if s.duplicate_of is not None)
    rows.append(f"{len(segments)} segments, {articles} articles"
                + (f", {dups} repeating an earlier one (dup = the line where that one starts)" if dups else ""))
    return "\n".join(rows) + "\n"
