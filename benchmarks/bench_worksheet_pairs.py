"""How long 'framing exercise --kind compare' takes to find same-event pairs on tens of thousands of articles.

Reads the AllSides sample (../shared/data/allsides-sample/articles.jsonl.gz, 3,633 articles) and
repeats it COPIES times, each copy moved 20 years later (so copies never pair with each other and
every copy has the sample's own same-event structure), then times the (term, day) index lookup of
framing.worksheet_pairs.candidate_pairs. Only the pairing is timed: the analysis of the articles
is the pipeline's own (see bench_pipeline.py).

    nice .venv/bin/python benchmarks/bench_worksheet_pairs.py [COPIES]
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from framing.worksheet_pairs import candidate_pairs

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "allsides-sample" / "articles.jsonl.gz"


def main(copies: int = 10) -> None:
    rows = [json.loads(line) for line in gzip.open(DATA, "rt", encoding="utf-8")]
    docs, texts = [], {}
    for c in range(copies):
        for r in rows:
            d = f"{c}:{r['ID']}"
            docs.append({"doc_id": d, "outlet": r["source"], "title": r["title"], "lang": "en",
                         "date": pd.Timestamp(r["date"]) + pd.DateOffset(years=20 * c)})
            texts[d] = r["text"]
    frame = pd.DataFrame(docs).sort_values("doc_id").reset_index(drop=True)
    analysis = SimpleNamespace(texts=texts)
    t0, c0 = time.monotonic(), time.process_time()
    pairs = candidate_pairs(analysis, frame, progress=lambda m: print(m, file=sys.stderr))
    took, cpu = time.monotonic() - t0, time.process_time() - c0
    print(f"{len(frame):,} articles: {len(pairs):,} candidate pairs in {took:.1f} s ({cpu:.1f} s of CPU); "
          f"best pair cosine {-pairs[0][0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
