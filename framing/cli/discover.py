"""`framing discover`: candidate loaded terms no lexicon lists (framing/discover.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from ..errors import OptionError
from . import common

DESCRIPTION = (
    "Find 1-4-word phrases that one outlet (or period) uses much more than the rest and that\n"
    "the word-level model reads as loaded, which no lexicon in use lists. Function words,\n"
    "names, outlet names and boilerplate are never candidates. Keyness: log-odds with an\n"
    "informative prior and G2 with false-discovery control; stability between two random\n"
    "halves of the corpus. Candidates are leads for a person to judge, not findings.\n\n"
    "writes DIR/candidates.csv (rank, term, group, count, docs, keyness_z, g2, q_value,\n"
    "p_loaded, score, stable, example, words; group '(all)' is the overall ranking) and\n"
    "DIR/lexicon-draft.tsv (the top candidates as draft lexicon rows to review)\n\n"
    "examples:\n"
    "  framing discover articles.jsonl.gz --by outlet -o results/discover\n"
    "  framing discover dumps/ --by period --period year -o results/discover\n")


def add(sub) -> None:
    p = common.add_parser(sub, "discover", "candidate loaded terms no lexicon lists, with keyness per outlet or period",
                          DESCRIPTION)
    common.add_input_options(p)
    p.add_argument("--by", choices=["outlet", "period"], default="outlet", help="compare outlets or periods (default: outlet)")
    p.add_argument("--period", choices=["week", "month", "quarter", "year"], default="year",
                   help="with --by period: the period (default: year)")
    p.add_argument("--min-docs", type=int, default=0, metavar="N",
                   help="documents a phrase must stand in (default: from the corpus size, 3 to 8)")
    p.add_argument("--top", type=int, default=300, metavar="N", help="candidates kept per group and overall (default: 300)")
    p.add_argument("--draft", type=int, default=50, metavar="N", help="rows in lexicon-draft.tsv (default: 50)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random split into halves (default: 0)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..analyze import prepared_records
    from ..discover import DiscoverOptions, discover, draft_lexicon, load_corpus
    from ..manifest import Manifest
    from ..output import ensure_dir, write_csv, write_text

    for name, value in (("--min-docs", args.min_docs), ("--top", args.top), ("--draft", args.draft)):
        if value < 0 or (name != "--min-docs" and value == 0):
            raise OptionError(f"{name} {value}: give a positive number")
    manifest = Manifest()
    lexicon = common.lexicon_from(args)
    docs = load_corpus(prepared_records(common.input_paths(args), common.read_options(args), manifest),
                       args.by, args.period)
    options = DiscoverOptions(by=args.by, period=args.period, min_docs=args.min_docs, top=args.top, seed=args.seed)
    result = discover(docs, options, lexicon=lexicon)
    out = ensure_dir(args.output)
    write_csv(out / "candidates.csv", result.candidates)
    write_text(out / "lexicon-draft.tsv", draft_lexicon(result.candidates, args.draft))
    write_csv(out / "manifest.csv", manifest.table())
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    overall = result.candidates[result.candidates["group"] == "(all)"]
    groups = result.candidates.loc[result.candidates["group"] != "(all)", "group"].nunique()
    print(f"{len(docs)} documents; {len(overall)} candidates overall, key terms for {groups} {args.by}(s); "
          f"written to {out}/candidates.csv and {out}/lexicon-draft.tsv")
    if len(overall):
        with pd.option_context("display.width", 120, "display.max_colwidth", 40):
            print(overall.head(15)[["rank", "term", "docs", "p_loaded", "score"]].to_string(index=False))
    skipped = manifest.skipped()
    if skipped:
        print(f"note: {len(skipped)} input record(s) skipped; each is listed with its reason in {Path(out)}/manifest.csv",
              file=sys.stderr)
    return 1 if (skipped and args.strict) else 0
