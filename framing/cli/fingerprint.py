"""`framing fingerprint`: which outlet wrote this? a cross-validated outlet model (framing/fingerprint.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from . import common

DESCRIPTION = (
    "Fit a linear model that predicts the outlet from wording; report its cross-validated\n"
    "accuracy, each outlet's most distinctive words and a confusion matrix.\n\n"
    "writes DIR/fingerprint.csv (accuracy), DIR/confusion.csv, DIR/features.csv,\n"
    "DIR/confusion.png and DIR/features-OUTLET.png\n\n"
    "examples:\n"
    "  framing fingerprint --demo -o reports/fingerprint\n"
    "  framing fingerprint articles.jsonl.gz -o results/fingerprint\n")


def add(sub) -> None:
    p = common.add_parser(sub, "fingerprint", "which outlet wrote this? a cross-validated outlet model", DESCRIPTION)
    common.add_input_options(p)
    p.add_argument("-o", "--output", default="reports/fingerprint", metavar="DIR", help="output folder")
    p.add_argument("--seed", type=int, default=0, help="seed of the folds (default: 0)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..exports import write_fingerprint

    analysis = common.run_analysis(args, keep_texts=True)
    fp = write_fingerprint(analysis, args.output, seed=args.seed)
    print(f"outlet fingerprint: {fp.accuracy:.0%} of documents attributed correctly in {len(fp.folds)}-fold "
          f"cross-validation (chance {fp.chance:.0%}); written to {Path(args.output)}/")
    if fp.dropped:
        print(f"note: left out (too few documents): {', '.join(fp.dropped)}", file=sys.stderr)
    return common.finish(analysis.manifest, args)
