"""`framing lexicon list|show|validate|stats|balance|coverage|files`: read, check and explain the lexicons."""
from __future__ import annotations

import sys

import pandas as pd

from ..errors import LexiconError, OptionError
from . import common

DESCRIPTION = (
    "Work with lexicons (see lexicons/SCHEMA.md and lexicons/CODEBOOK.md).\n\n"
    "examples:\n"
    "  framing lexicon show militants\n"
    "  framing lexicon list --format csv > entries.csv\n"
    "  framing lexicon validate mine.tsv\n"
    "  framing lexicon stats --lexicon mine.tsv\n")


def _lexicons(q) -> None:
    q.add_argument("--lexicons", default="en/core,ar/core", metavar="NAMES",
                   help="shipped lexicons, comma-separated, or 'none' (default: en/core,ar/core)")
    q.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="your own lexicon file; repeatable")


def add(sub) -> None:
    p = common.add_parser(sub, "lexicon", "list, show, validate and count lexicon entries", DESCRIPTION)
    lsub = p.add_subparsers(dest="lexicon_command", metavar="ACTION", parser_class=common.Parser)
    q = common.add_parser(lsub, "list", "one row per entry",
                          "List entries.\n\nexample:\n  framing lexicon list --format csv > entries.csv\n")
    _lexicons(q)
    q.add_argument("--format", choices=["table", "csv"], default="table")
    q.add_argument("--category", help="only this category")
    q.add_argument("--lang", help="only this language")
    q.set_defaults(run=_list)
    q = common.add_parser(lsub, "show", "everything about one term",
                          "Show the entry for a term, a variant or an id.\n\nexample:\n  framing lexicon show militants\n")
    _lexicons(q)
    q.add_argument("term")
    q.set_defaults(run=_show)
    q = common.add_parser(lsub, "validate", "check lexicon files; every problem as FILE:LINE",
                          "Check files against lexicons/SCHEMA.md.\n\nexample:\n  framing lexicon validate mine.tsv\n")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.set_defaults(run=_validate)
    q = common.add_parser(lsub, "stats", "entries per language, category and strength",
                          "Count entries.\n\nexample:\n  framing lexicon stats\n")
    _lexicons(q)
    q.set_defaults(run=_stats)
    q = common.add_parser(lsub, "balance", "per referent: loaded terms against it and for it", (
        "Show, for each referent (what a term names), how many entries label it unfavourably\n"
        "and favourably, so that no side's loaded vocabulary is missing.\n\n"
        "example:\n  framing lexicon balance --format csv > balance.csv\n"))
    _lexicons(q)
    q.add_argument("--format", choices=["table", "csv"], default="table")
    q.set_defaults(run=_balance)
    q = common.add_parser(lsub, "coverage", "what the lexicons find in a corpus, and frequent words near hits they miss", (
        "List the loaded expressions found per article and the frequent words near them that no\n"
        "lexicon lists, to guide additions.\n\n"
        "example:\n  framing lexicon coverage articles.txt -o coverage/\n"))
    common.add_input_options(q)
    q.add_argument("-o", "--output", metavar="DIR", help="write coverage_articles.csv and coverage_nearby.csv here")
    q.add_argument("--top", type=int, default=40, help="how many nearby words to list (default: 40)")
    q.set_defaults(run=_coverage)
    q = common.add_parser(lsub, "files", "the shipped lexicon files and where they are",
                          "List shipped lexicons (names for --lexicons).\n\nexample:\n  framing lexicon files\n")
    q.set_defaults(run=_files)
    p.set_defaults(run=lambda args: (p.print_help(), 0)[1])


def _load(args):
    from ..lexicon import load_lexicon

    return load_lexicon(common.lexicon_names(args.lexicons), args.lexicon)


def _print_table(table: pd.DataFrame, fmt: str, width: int) -> None:
    if fmt == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_colwidth", width, "display.width", 200):
            print(table.to_string(index=False))


def _list(args) -> int:
    from ..lexicon_checks import entries_table

    table = entries_table(_load(args))
    if args.category:
        table = table[table["category"] == args.category]
    if args.lang:
        table = table[table["lang"] == args.lang]
    shown = table if args.format == "csv" else table[["id", "lang", "term", "category", "referent", "strength", "neutral"]]
    _print_table(shown, args.format, 40)
    return 0


def _show(args) -> int:
    from ..lexicon_checks import entry_lines

    lexicon = _load(args)
    found = lexicon.find(args.term)
    if not found:
        raise OptionError(f"no entry for '{args.term}' in {', '.join(lexicon.files)}: "
                          "try 'framing lexicon list' to see all entries")
    for e in found:
        print("\n".join(entry_lines(lexicon, e)))
    return 0


def _validate(args) -> int:
    from ..lexicon import validate_file

    bad = 0
    for f in args.files:
        entries, problems = validate_file(f)
        for p in problems:
            print(p, file=sys.stderr)
        bad += len(problems)
        status = "OK" if not problems else f"{len(problems)} problem(s)"
        print(f"{f}: {len(entries)} valid entr{'y' if len(entries) == 1 else 'ies'}; {status}")
    if bad:
        raise LexiconError([f"{bad} problem(s) found: fix the lines listed above and validate again"])
    return 0


def _stats(args) -> int:
    from ..lexicon_checks import entries_table

    table = entries_table(_load(args))
    print(f"{len(table)} entries")
    print(pd.crosstab(table["category"], table["lang"], margins=True, margins_name="total").to_string())
    print()
    print(pd.crosstab(table["category"], table["strength"]).to_string())
    print(f"\nambiguous entries: {int((table['ambiguous'] == 'yes').sum())}")
    return 0


def _balance(args) -> int:
    from ..lexicon_checks import balance_table, missing_pairs

    lexicon = _load(args)
    table = balance_table(lexicon)
    _print_table(table, args.format, 45)
    one_sided = table[(table["unfavourable"] == 0) | (table["favourable"] == 0)]
    if not one_sided.empty and args.format != "csv":
        print(f"\n{len(one_sided)} referent/language pair(s) have words on one side only (not always a gap: "
              "some actors have no favourable loaded names in the news).")
    missing = missing_pairs(lexicon)
    if missing:
        print(f"missing from a required pair: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


def _coverage(args) -> int:
    from ..analyze import prepared_records
    from ..lexicon_checks import coverage
    from ..manifest import Manifest
    from ..output import ensure_dir, write_csv

    lexicon = _load(args)
    per_article, nearby = coverage(prepared_records(common.input_paths(args), common.read_options(args), Manifest()),
                                   lexicon, top=args.top)
    if args.output:
        out = ensure_dir(args.output)
        write_csv(out / "coverage_articles.csv", per_article)
        write_csv(out / "coverage_nearby.csv", nearby)
        print(f"coverage of {len(per_article)} article(s) written to {out}/")
    else:
        with pd.option_context("display.max_rows", None, "display.max_colwidth", 90, "display.width", 200):
            print(per_article[["doc_id", "outlet", "hits", "terms"]].to_string(index=False))
            print("\nfrequent words near hits that no lexicon lists:")
            print(nearby.to_string(index=False))
    return 0


def _files(args) -> int:
    from ..lexicon import shipped_dir, shipped_names

    for name in shipped_names():
        print(f"{name}\t{shipped_dir() / (name + '.tsv')}")
    return 0
