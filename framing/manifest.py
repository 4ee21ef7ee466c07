"""The input manifest: what became of every input file and record.

Every record the readers see ends in exactly one row: ``analysed`` (as which document), ``skipped``
(with the reason), ``duplicate`` (of which document) or ``filler`` (blog filler kept out of the
analysis). Files that could not be read at all get one ``skipped`` row. The counts add up, so
nothing is lost without a line saying so.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

MANIFEST_COLUMNS = ["file", "record", "format", "encoding", "status", "doc_id", "reason"]
STATUSES = ("analysed", "skipped", "duplicate", "filler")


@dataclass
class Manifest:
    rows: list[dict] = field(default_factory=list)

    def add(self, file: str, record: str | int, status: str, *, doc_id: str = "", reason: str = "",
            format: str = "", encoding: str = "") -> None:
        self.rows.append({"file": file, "record": str(record), "format": format, "encoding": encoding,
                          "status": status, "doc_id": doc_id, "reason": reason})

    def extend(self, other: "Manifest") -> None:
        self.rows.extend(other.rows)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=MANIFEST_COLUMNS)

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for r in self.rows:
            out[r["status"]] = out.get(r["status"], 0) + 1
        return out

    def skipped(self) -> list[dict]:
        return [r for r in self.rows if r["status"] == "skipped"]

    def summary(self) -> str:
        c = self.counts()
        files = len({r["file"] for r in self.rows})
        parts = [f"{c['analysed']} document(s) analysed from {files} file(s)"]
        if c["duplicate"]:
            parts.append(f"{c['duplicate']} duplicate(s) merged")
        if c["filler"]:
            parts.append(f"{c['filler']} filler block(s) set aside")
        if c["skipped"]:
            parts.append(f"{c['skipped']} skipped (see manifest.csv)")
        return "; ".join(parts)
