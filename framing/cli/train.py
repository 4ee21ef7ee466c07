"""`framing train`: a sentence classifier trained on your labelled sentences (framing/model.py)."""
from __future__ import annotations

import sys

from . import common

DESCRIPTION = (
    "Train the loadedness classifier on a CSV of labelled sentences and save it (skops,\n"
    "plus a .json of metadata beside it; keep both). Labels: 1/0, loaded/neutral or\n"
    "biased/non-biased. An optional column of the words annotators marked as biased\n"
    "(|-separated, like BABE's biased_words) helps; it is used when present.\n\n"
    "examples:\n"
    "  framing train labelled.csv -o mine.skops\n"
    "  framing train data.csv --text-col sentence --label-col biased -o mine.skops\n"
    "  framing score new.csv --model mine.skops -o scored.csv\n")


def add(sub) -> None:
    p = common.add_parser(sub, "train", "train a sentence classifier on your labelled sentences", DESCRIPTION)
    common.add_data_options(p)
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("-o", "--output", required=True, metavar="MODEL.skops", help="the model file to write")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..manifest import Manifest
    from ..model import save_model, train_model
    from ..scoring import data_note, labelled

    manifest = Manifest()
    texts, labels, marked = labelled(args.data, args.text_col, args.label_col, args.marked_col, manifest)
    model = train_model(texts, labels, marked=marked, seed=args.seed, data_note=data_note(args.data))
    path = save_model(model, args.output)
    print(f"wrote {path} and {path.with_suffix('.json').name}: trained on {len(texts)} sentences"
          f"{' with marked words' if marked is not None else ''}", file=sys.stderr)
    return common.finish(manifest, args)
