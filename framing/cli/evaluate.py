"""`framing evaluate`: cross-validated metrics of the sentence classifier (framing/scoring.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from . import common

DESCRIPTION = (
    "Without --model: stratified k-fold cross-validation of training the classifier on\n"
    "DATA (a fresh model per fold; nothing is tuned on the test folds), and a learning\n"
    "curve. With --model: the given model scores each fold of DATA as held-out data\n"
    "(DATA must not be what it was trained on), no learning curve.\n"
    "Writes DIR/metrics.csv, DIR/calibration.png and DIR/learning_curve.png.\n\n"
    "examples:\n"
    "  framing evaluate labelled.csv -o reports/evaluation\n"
    "  framing evaluate heldout.csv --model mine.skops\n")


def add(sub) -> None:
    p = common.add_parser(sub, "evaluate",
                          "cross-validated precision, recall, F1, ROC-AUC; calibration and learning curve", DESCRIPTION)
    common.add_data_options(p)
    p.add_argument("--model", metavar="MODEL", help="evaluate this trained model on DATA instead of cross-validating training")
    p.add_argument("--folds", type=int, default=5, help="number of stratified folds (default: 5)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the folds (default: 0)")
    p.add_argument("-o", "--output", default="reports/evaluation", metavar="DIR",
                   help="output folder (default: reports/evaluation)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..model import evaluate_model, load_model
    from ..scoring import evaluate_fixed, labelled, write_evaluation

    texts, labels, marked = labelled(args.data, args.text_col, args.label_col, args.marked_col)
    if args.model:
        evaluation = evaluate_fixed(load_model(args.model), texts, labels, args.folds, args.seed)
    else:
        evaluation = evaluate_model(texts, labels, marked=marked, folds=args.folds, seed=args.seed)
    written = write_evaluation(evaluation, args.output)
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(evaluation.folds.to_string(index=False))
    print(f"wrote {', '.join(str(Path(args.output) / w) for w in written)}", file=sys.stderr)
    return 0
