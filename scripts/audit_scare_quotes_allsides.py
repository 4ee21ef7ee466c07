"""Precision of the scare-quote reading on the AllSides sample, measured with framing audit.

Draws the sample of README "Measuring precision on your corpus" (the AllSides sample analysed into
a store; ``audit sample -n 300 --by category,voice --misses 50 --seed 1``), fills in the labels of
its scare-quote hits read by hand (``scripts/data/allsides_scare_quote_labels.csv``: hit_id and
label only, no text), leaves every other row uncoded, and scores it. Needs ``../shared/data``.
The hit_ids come from the hits themselves: a change of lexicon or context rules that changes the
sample is reported as labelled hits no longer in it.

    python scripts/audit_scare_quotes_allsides.py [WORKDIR]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from framing.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "allsides-sample" / "articles.jsonl.gz"
LABELS = ROOT / "scripts" / "data" / "allsides_scare_quote_labels.csv"


def run(work: Path) -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    store, sheet = work / "allsides.duckdb", work / "sheet.csv"
    if not store.exists():
        main(["analyze", str(DATA), "--store", str(store)])
    main(["audit", "sample", "--store", str(store), "-n", "300", "--by", "category,voice", "--misses", "50",
          "--seed", "1", "--no-docx", "-o", str(sheet)])
    table = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    labels = pd.read_csv(LABELS, dtype=str, keep_default_na=False).set_index("hit_id")["label"]
    gone = sorted(set(labels.index) - set(table["hit_id"]))
    if gone:
        print(f"{len(gone)} labelled hit(s) are no longer in the sample (the lexicon or rules changed): "
              + ", ".join(gone[:5]), file=sys.stderr)
    table["label"] = table["hit_id"].map(labels).fillna("")
    filled = work / "reader1.csv"
    table.to_csv(filled, index=False)
    return main(["audit", "score", str(filled), "--sample", str(sheet.with_suffix(".sample.json")),
                 "-o", str(work / "audit")])


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(run(Path(sys.argv[1])))
    with tempfile.TemporaryDirectory() as tmp:
        sys.exit(run(Path(tmp)))
