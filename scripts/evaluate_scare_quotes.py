"""How well scare quotes are told from quotations and mentions in real news.

    python scripts/evaluate_scare_quotes.py            # precision and recall per corpus and batch
    python scripts/evaluate_scare_quotes.py --errors   # and each quotation read wrongly, in context

Reads the hand labels of tests/data/scare_quotes_real.tsv (where each short quotation is and what it
is: scare, speech or mention) and the texts they point to in ../shared (the AllSides sample and the
pasted dumps of ../shared/corpus/), runs the context stage on those documents, and scores the
``scare`` decision: precision (of the quotations read as scare quotes, how many are) and recall (of
the scare quotes, how many are read so). Batch B and C were labelled before the rules they score
were written; batch A was used to write them.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.context import quotations  # noqa: E402
from framing.ingest.readers import ReadOptions, iter_records  # noqa: E402
from framing.manifest import Manifest  # noqa: E402
from framing.sentences import sentence_spans  # noqa: E402

LABELS = ROOT / "tests" / "data" / "scare_quotes_real.tsv"
SHARED = ROOT.parent / "shared"
SOURCES = {"allsides": SHARED / "data" / "allsides-sample" / "articles.jsonl.gz",
           "shared-corpus": SHARED / "corpus"}


def load_labels(path: Path = LABELS) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["start"], row["end"] = int(row["start"]), int(row["end"])
    return rows


def read_labelled(labels: list[dict]) -> list[dict]:
    """Each label with ``scare_read`` (what the tool reads: True, False, or None when the quotation is
    not found where the label says) and ``context`` (the words around it, for --errors)."""
    wanted = defaultdict(set)
    for row in labels:
        wanted[row["corpus"]].add(row["doc_id"])
    readings, texts = {}, {}
    for corpus, ids in wanted.items():
        for rec in iter_records([str(SOURCES[corpus])], ReadOptions(), Manifest()):
            if rec["doc_id"] in ids:
                text = rec["text"]
                texts[corpus, rec["doc_id"]] = text
                readings[corpus, rec["doc_id"]] = {(a, b): scare for a, b, _, scare in
                                                   quotations(text, sentence_spans(text))}
    out = []
    for row in labels:
        key = (row["corpus"], row["doc_id"])
        text = texts.get(key, "")
        a, b = row["start"], row["end"]
        out.append(dict(row, scare_read=readings.get(key, {}).get((a, b)),
                        context=f"...{text[max(0, a - 120):a]}[[{text[a:b]}]]{text[b:b + 60]}...".replace("\n", " / ")))
    return out


def scores(rows: list[dict]) -> dict[str, float]:
    tp = sum(1 for r in rows if r["scare_read"] and r["label"] == "scare")
    fp = sum(1 for r in rows if r["scare_read"] and r["label"] != "scare")
    fn = sum(1 for r in rows if not r["scare_read"] and r["label"] == "scare")
    return {"precision": tp / (tp + fp) if tp + fp else float("nan"),
            "recall": tp / (tp + fn) if tp + fn else float("nan"),
            "read_as_scare": tp + fp, "scare": tp + fn, "quotations": len(rows),
            "missing": sum(1 for r in rows if r["scare_read"] is None)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list every quotation read wrongly")
    args = ap.parse_args()
    missing = [str(p) for p in SOURCES.values() if not p.exists()]
    if missing:
        sys.exit(f"the labelled texts are not here: {', '.join(missing)} (they come with ../shared)")
    rows = read_labelled(load_labels())
    print(f"{'corpus':15s} {'batch':6s} {'precision':>9s} {'recall':>7s} {'read as scare':>14s} {'scare':>6s} "
          f"{'quotations':>10s}")
    groups = defaultdict(list)
    for r in rows:
        groups[r["corpus"], r["batch"]].append(r)
    for (corpus, batch), group in sorted(groups.items()):
        s = scores(group)
        print(f"{corpus:15s} {batch:6s} {s['precision']:9.3f} {s['recall']:7.3f} {s['read_as_scare']:14d} "
              f"{s['scare']:6d} {s['quotations']:10d}" + (f"  ({s['missing']} not found)" if s["missing"] else ""))
    if args.errors:
        for r in rows:
            if bool(r["scare_read"]) != (r["label"] == "scare"):
                print(f"\n{r['corpus']} {r['batch']} {r['doc_id']} {r['start']}-{r['end']}: labelled {r['label']}, "
                      f"read as {'scare' if r['scare_read'] else 'not scare' if r['scare_read'] is not None else 'NOT FOUND'}"
                      f"\n    {r['context']}")


if __name__ == "__main__":
    main()
