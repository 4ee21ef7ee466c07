"""`framing score`: how loaded is each text or sentence? (the sentence classifier, framing/scoring.py)"""
from __future__ import annotations

import sys

from . import common

DESCRIPTION = (
    "Score each row (or each sentence with --sentences) with the sentence classifier:\n"
    "p_loaded is the calibrated probability that it is loaded; label is 'loaded' when\n"
    "p_loaded >= --threshold (default 0.5), else 'neutral'. The input's columns are kept.\n"
    "Inputs: .csv .tsv .jsonl .json .parquet (one row per record) or .txt (one row per line).\n\n"
    "examples:\n"
    "  framing score sentences.csv -o scored.csv\n"
    "  framing score articles.csv --text-col body --sentences -o sentences.csv\n"
    "  framing score notes.txt --model mine.skops -o scored.csv\n")


def add(sub) -> None:
    p = common.add_parser(sub, "score", "how loaded is each text or sentence? (p_loaded, label)", DESCRIPTION)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files to score")
    p.add_argument("--text-col", help="column holding the text (guessed: text, content, body, ...)")
    p.add_argument("--model", metavar="MODEL", help="a model file made by 'framing train' (default: the shipped model)")
    p.add_argument("--sentences", action="store_true",
                   help="one row per sentence: the text column holds the sentence, 'sentence' its number")
    p.add_argument("--threshold", type=float, default=None, metavar="P",
                   help="p_loaded from which a text is labelled loaded (default: the model's, 0.5)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv", help="the CSV to write")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..manifest import Manifest
    from ..model import LABELS, load_model
    from ..output import write_csv
    from ..scoring import check_threshold, score_tables

    check_threshold(args.threshold)
    model = load_model(args.model)
    manifest = Manifest()
    out = score_tables(model, args.inputs, text_col=args.text_col, sentences=args.sentences,
                       threshold=args.threshold, manifest=manifest)
    write_csv(args.output, out)
    n_loaded = int((out["label"] == LABELS[1]).sum())
    print(f"wrote {args.output}: {len(out)} {'sentences' if args.sentences else 'rows'}, {n_loaded} labelled loaded",
          file=sys.stderr)
    return common.finish(manifest, args)
