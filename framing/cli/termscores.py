"""`framing termscores`: the terms each outlet uses, scored; a per-outlet framing index."""
from __future__ import annotations

from . import common

DESCRIPTION = (
    "For every lexicon term per outlet: how often, in whose voice, its strength, and how\n"
    "loaded the classifiers read it (the term itself, word-level model; its sentence, sentence\n"
    "model), combined into one term score\n"
    "with a bootstrap interval; a per-outlet framing index; each outlet's mean sentence\n"
    "loadedness with its interval.\n\n"
    "writes DIR/term_scores.csv, DIR/framing_index.csv, DIR/outlet_loadedness.csv and\n"
    "DIR/top-terms-OUTLET.png\n\n"
    "examples:\n"
    "  framing termscores --demo -o reports/termscores\n"
    "  framing termscores export.csv --model mine.skops -o results/\n")


def add(sub) -> None:
    p = common.add_parser(sub, "termscores", "score the terms each outlet uses; per-outlet framing index", DESCRIPTION)
    common.add_input_options(p)
    p.add_argument("--model", metavar="MODEL", help="a model made by 'framing train' (default: the shipped model)")
    p.add_argument("-o", "--output", default="reports/termscores", metavar="DIR", help="output folder")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..exports import write_term_scores
    from ..model import load_model

    analysis = common.run_analysis(args, keep_texts=True)
    print(write_term_scores(analysis, load_model(args.model), args.output, seed=args.seed))
    return common.finish(analysis.manifest, args)
