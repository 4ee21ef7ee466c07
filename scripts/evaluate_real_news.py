"""How well the context stage reads real news: scare quotes and voice, against labels made by hand.

    python scripts/evaluate_real_news.py            # the scores per corpus and batch
    python scripts/evaluate_real_news.py --errors   # and each item read wrongly, in context

Each run also writes the scores to framing/data/evaluation/real_news.json (``--json PATH`` elsewhere,
``--no-json`` not at all), with the date, framing's version, the lexicons' sha256 and the label
files' sha256: the report's methods and scare-quote pages cite their figures from that file.

The labels say only where each item is (corpus, document id, character offsets) and what it is; the
texts are read from ../shared (the AllSides sample and the pasted dumps of ../shared/corpus/):

- tests/data/scare_quotes_real.tsv: short quotations (one to four words), each a scare quote, someone's
  words (speech) or a mention (a name, a title, a word quoted as a word). Scored: precision (of the
  quotations read as scare quotes, how many are) and recall (of the scare quotes, how many are read so).
- tests/data/voice_real.tsv: lexicon hits of the shipped lexicons, each in the outlet's own voice,
  quoted, or attributed (reported speech). Scored: accuracy, and precision and recall of each voice.
- tests/data/negation_real.tsv: hits read as negated, each checked: is the term under a negator's
  scope? Scored: precision of ``negated`` (a random sample of what is read as negated).

Each file says which batches were used to write the rules and which were labelled before or after
without changing them.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.analyze import analyse_document  # noqa: E402
from framing.context import quotations  # noqa: E402
from framing.ingest.readers import ReadOptions, iter_records  # noqa: E402
from framing.lexicon import load_lexicon  # noqa: E402
from framing.manifest import Manifest  # noqa: E402
from framing.match import Matcher  # noqa: E402
from framing.sentences import sentence_spans  # noqa: E402

SCARE_LABELS = ROOT / "tests" / "data" / "scare_quotes_real.tsv"
VOICE_LABELS = ROOT / "tests" / "data" / "voice_real.tsv"
NEGATION_LABELS = ROOT / "tests" / "data" / "negation_real.tsv"
SHARED = ROOT.parent / "shared"
SOURCES = {"allsides": SHARED / "data" / "allsides-sample" / "articles.jsonl.gz",
           "shared-corpus": SHARED / "corpus"}
VOICES = ("own", "quoted", "attributed")
# What each labelled corpus is, as the report names it when it cites the figures.
KINDS = {"allsides": "mainstream US news (the AllSides sample)",
         "shared-corpus": "articles of partisan outlets (../shared/corpus/)"}
JSON_OUT = ROOT / "framing" / "data" / "evaluation" / "real_news.json"


def load_labels(path: Path = SCARE_LABELS) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["start"], row["end"] = int(row["start"]), int(row["end"])
    return rows


def _documents(labels: list[dict]):
    """(corpus, record) for each document that a label points to."""
    wanted = defaultdict(set)
    for row in labels:
        wanted[row["corpus"]].add(row["doc_id"])
    for corpus, ids in wanted.items():
        for rec in iter_records([str(SOURCES[corpus])], ReadOptions(), Manifest()):
            if rec["doc_id"] in ids:
                yield corpus, rec


def _context(text: str, a: int, b: int) -> str:
    return f"...{text[max(0, a - 120):a]}[[{text[a:b]}]]{text[b:b + 60]}...".replace("\n", " / ")


def _read(labels: list[dict], readings_of, name: str) -> list[dict]:
    """Each label with ``name``: what ``readings_of(record)`` (a dict by (start, end)) reads at the
    label's offsets, or None when it reads nothing there; and ``context`` (for --errors)."""
    readings, texts = {}, {}
    for corpus, rec in _documents(labels):
        texts[corpus, rec["doc_id"]] = rec["text"]
        readings[corpus, rec["doc_id"]] = readings_of(rec)
    return [dict(row, **{name: readings.get((row["corpus"], row["doc_id"]), {}).get((row["start"], row["end"]))},
                 context=_context(texts.get((row["corpus"], row["doc_id"]), ""), row["start"], row["end"]))
            for row in labels]


def read_labelled(labels: list[dict]) -> list[dict]:
    """Each scare-quote label with ``scare_read``: whether the quotation there is read as a scare quote."""
    def scare_quotes(rec):
        text = rec["text"]
        return {(a, b): scare for a, b, _, scare in quotations(text, sentence_spans(text))}

    return _read(labels, scare_quotes, "scare_read")


def read_hits(labels: list[dict], column: int = 13, name: str = "voice_read") -> list[dict]:
    """Each label with ``name``: a column of the hit the shipped lexicons find there (by default its
    voice; 16 is ``negated``)."""
    matcher = Matcher(load_lexicon())
    return _read(labels, lambda rec: {(h[3], h[4]): h[column]
                                      for h in analyse_document(rec, matcher, keep_neutral=True)[1]}, name)


def read_voices(labels: list[dict]) -> list[dict]:
    return read_hits(labels)


def read_negations(labels: list[dict]) -> list[dict]:
    return read_hits(labels, 16, "negated_read")


def negation_precision(rows: list[dict]) -> float:
    read = [r for r in rows if r["negated_read"]]
    return sum(1 for r in read if r["negated"] == "yes") / len(read) if read else float("nan")


def scores(rows: list[dict]) -> dict[str, float]:
    """Scare quotes: precision and recall."""
    tp = sum(1 for r in rows if r["scare_read"] and r["label"] == "scare")
    fp = sum(1 for r in rows if r["scare_read"] and r["label"] != "scare")
    fn = sum(1 for r in rows if not r["scare_read"] and r["label"] == "scare")
    return {"correct": tp, "precision": tp / (tp + fp) if tp + fp else float("nan"),
            "recall": tp / (tp + fn) if tp + fn else float("nan"),
            "read_as_scare": tp + fp, "scare": tp + fn, "quotations": len(rows),
            "missing": sum(1 for r in rows if r["scare_read"] is None)}


def voice_scores(rows: list[dict]) -> dict[str, float]:
    """Voice: accuracy, and precision and recall of each voice."""
    right = sum(r["voice_read"] == r["voice"] for r in rows)
    out = {"correct": right, "accuracy": right / len(rows), "hits": len(rows),
           "missing": sum(1 for r in rows if r["voice_read"] is None)}
    for v in VOICES:
        tp = sum(1 for r in rows if r["voice_read"] == v and r["voice"] == v)
        read, gold = sum(1 for r in rows if r["voice_read"] == v), sum(1 for r in rows if r["voice"] == v)
        out[f"{v} precision"] = tp / read if read else float("nan")
        out[f"{v} recall"] = tp / gold if gold else float("nan")
    return out


def _by_batch(rows: list[dict]) -> dict[tuple[str, str], list[dict]]:
    groups = defaultdict(list)
    for r in rows:
        groups[r["corpus"], r["batch"]].append(r)
    return dict(sorted(groups.items()))


def _clean(x):
    """NaN as null: JSON has no NaN."""
    if isinstance(x, float) and math.isnan(x):
        return None
    if isinstance(x, float):
        return round(x, 4)
    return x


def measurement(scare: list[dict], voice: list[dict], negation: list[dict], today: str | None = None) -> dict:
    """The scores as the report reads them (framing.evaluations): when, with what, on what data."""
    from framing import __version__

    def rows(scored, score):
        return [{"corpus": c, "batch": b, **{k: _clean(v) for k, v in score(g).items()}}
                for (c, b), g in _by_batch(scored).items()]

    def label_file(path: Path, items: list[dict]) -> dict:
        return {"file": str(path.relative_to(ROOT)), "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "items": len(items)}

    read = sum(1 for r in negation if r["negated_read"])
    return {
        "script": "scripts/evaluate_real_news.py",
        "date": today or datetime.datetime.now(datetime.timezone.utc).date().isoformat(),
        "framing_version": __version__,
        "lexicon_sha256": load_lexicon().digest,
        "corpora": {c: {"kind": KINDS.get(c, c), "texts": "../" + SOURCES[c].relative_to(ROOT.parent).as_posix()} for c in SOURCES},
        "labels": {"scare_quotes": label_file(SCARE_LABELS, scare), "voice": label_file(VOICE_LABELS, voice),
                   "negation": label_file(NEGATION_LABELS, negation)},
        "scare_quotes": rows(scare, scores),
        "voice": rows(voice, voice_scores),
        "negation": {"read_as_negated": read, "precision": _clean(negation_precision(negation))},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list every item read wrongly")
    ap.add_argument("--json", default=str(JSON_OUT), metavar="PATH",
                    help=f"write the scores here (default: {JSON_OUT.relative_to(ROOT)})")
    ap.add_argument("--no-json", action="store_true", help="write no JSON file")
    args = ap.parse_args()
    missing = [str(p) for p in SOURCES.values() if not p.exists()]
    if missing:
        sys.exit(f"the labelled texts are not here: {', '.join(missing)} (they come with ../shared)")
    scare = read_labelled(load_labels(SCARE_LABELS))
    print("Scare quotes (tests/data/scare_quotes_real.tsv)\n")
    print(f"{'corpus':15s} {'batch':6s} {'precision':>9s} {'recall':>7s} {'read as scare':>14s} {'scare':>6s} "
          f"{'quotations':>10s}")
    for (corpus, batch), group in _by_batch(scare).items():
        s = scores(group)
        print(f"{corpus:15s} {batch:6s} {s['precision']:9.3f} {s['recall']:7.3f} {s['read_as_scare']:14d} "
              f"{s['scare']:6d} {s['quotations']:10d}" + (f"  ({s['missing']} not found)" if s["missing"] else ""))
    voice = read_voices(load_labels(VOICE_LABELS))
    print("\nVoice of lexicon hits (tests/data/voice_real.tsv): precision / recall per voice\n")
    print(f"{'corpus':15s} {'batch':6s} {'accuracy':>8s} " + " ".join(f"{v:>17s}" for v in VOICES) + f" {'hits':>5s}")
    for (corpus, batch), group in _by_batch(voice).items():
        s = voice_scores(group)
        print(f"{corpus:15s} {batch:6s} {s['accuracy']:8.3f} "
              + " ".join(f"{s[v + ' precision']:8.2f} / {s[v + ' recall']:.2f}" for v in VOICES)
              + f" {s['hits']:5d}" + (f"  ({s['missing']} not found)" if s["missing"] else ""))
    negation = read_negations(load_labels(NEGATION_LABELS))
    print(f"\nNegation (tests/data/negation_real.tsv): of {sum(1 for r in negation if r['negated_read'])} hits "
          f"read as negated, {negation_precision(negation):.3f} are (precision)")
    if not args.no_json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(measurement(scare, voice, negation), indent=1, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        print(f"\nscores written to {out}")
    if args.errors:
        for r in negation:
            if r["negated_read"] and r["negated"] != "yes":
                print(f"\nnegation {r['corpus']} {r['doc_id']} {r['start']}-{r['end']}: read as negated, is not"
                      f"\n    {r['context']}")
        for r in scare:
            if bool(r["scare_read"]) != (r["label"] == "scare"):
                read = "scare" if r["scare_read"] else "not scare" if r["scare_read"] is not None else "NOT FOUND"
                print(f"\n{r['corpus']} {r['batch']} {r['doc_id']} {r['start']}-{r['end']}: labelled {r['label']}, "
                      f"read as {read}\n    {r['context']}")
        for r in voice:
            if r["voice_read"] != r["voice"]:
                print(f"\n{r['corpus']} {r['batch']} {r['doc_id']} {r['start']}-{r['end']}: voice {r['voice']}, "
                      f"read as {r['voice_read'] or 'NOT FOUND'}\n    {r['context']}")


if __name__ == "__main__":
    main()
