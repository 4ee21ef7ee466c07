"""The input manifest: what became of every input file and record.

Every record the readers see ends in exactly one row: ``analysed`` (as which document), ``skipped``
(with the reason), ``duplicate`` (of which document) or ``filler`` (blog filler kept out of the
analysis). Files that could not be read at all, and folders not entered, get one ``skipped`` row.
The counts add up, so nothing is lost without a line saying so. An ``analysed`` row may carry a
note in ``reason`` (undecodable bytes replaced, a date not understood).

Columns (README, "The manifest"): ``file``, ``record`` (``line 12``, ``lines 4-9``, ``record 3``,
``row 7``, ``entry 2``, ``page``, ``file``, ``folder``), ``format``, ``encoding``, ``status``,
``doc_id`` (the document made of it; for a duplicate, the document it repeats) and ``reason``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .ingest.paths import shown
from .types import MANIFEST_COLUMNS, check_table

STATUSES = ("analysed", "skipped", "duplicate", "filler")


@dataclass
class Manifest:
    rows: list[dict] = field(default_factory=list)

    def add(self, file: str, record: str | int, status: str, *, doc_id: str = "", reason: str = "",
            format: str = "", encoding: str = "") -> None:
        if status not in STATUSES:
            raise ValueError(f"manifest status {status!r} is not one of {STATUSES}")
        # names of files that are not UTF-8 or hold line breaks are written escaped (framing.ingest.paths)
        self.rows.append({"file": shown(file), "record": str(record), "format": format, "encoding": encoding,
                          "status": status, "doc_id": shown(doc_id), "reason": shown(reason)})

    def note(self, text: str) -> None:
        """Add a note to the last row's reason, keeping any note it has."""
        if self.rows:
            old = self.rows[-1]["reason"]
            self.rows[-1]["reason"] = f"{old}; {text}" if old else text

    def extend(self, other: "Manifest") -> None:
        self.rows.extend(other.rows)

    def table(self) -> pd.DataFrame:
        return check_table("manifest", pd.DataFrame(self.rows, columns=MANIFEST_COLUMNS))

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for r in self.rows:
            out[r["status"]] += 1
        return out

    def skipped(self) -> list[dict]:
        return [r for r in self.rows if r["status"] == "skipped"]

    def noted(self) -> list[dict]:
        """Analysed rows that carry a note (encoding damage, a date not understood)."""
        return [r for r in self.rows if r["status"] == "analysed" and r["reason"]]

    def summary(self, where: str = "the manifest") -> str:
        """One line: records in = analysed + skipped + duplicate + filler, and where to look."""
        c = self.counts()
        files = len({r["file"] for r in self.rows})
        line = (f"{len(self.rows)} input record(s) from {files} file(s): {c['analysed']} analysed, "
                f"{c['skipped']} skipped, {c['duplicate']} duplicate(s), {c['filler']} filler")
        noted = self.noted()
        if noted:
            damaged = sum(1 for r in noted if "U+FFFD" in r["reason"])
            dates = sum(1 for r in noted if "not understood" in r["reason"])
            kinds = [f"{damaged} with encoding damage"] if damaged else []
            kinds += [f"{dates} with a date not understood"] if dates else []
            line += f"; {len(noted)} analysed with a note" + (f" ({', '.join(kinds)})" if kinds else "")
        if c["skipped"] or noted:
            line += f"; see {where}"
        return line
