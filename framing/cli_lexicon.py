"""`framing lexicon list|show|validate|stats|files`: read, check and explain the lexicons."""
from __future__ import annotations

import sys

import pandas as pd

from .errors import LexiconError, OptionError

LIST_COLUMNS = ["id", "lang", "term", "variants", "category", "referent", "strength", "neutral",
                "rationale", "ambiguous"]


def add_lexicon_commands(sub, fmt) -> None:
    p = sub.add_parser("lexicon", help="list, show, validate and count lexicon entries", formatter_class=fmt(),
                       description=(
                           "Work with lexicons (see lexicons/SCHEMA.md and lexicons/CODEBOOK.md).\n\n"
                           "examples:\n"
                           "  framing lexicon show militants\n"
                           "  framing lexicon list --format csv > entries.csv\n"
                           "  framing lexicon validate mine.tsv\n"
                           "  framing lexicon stats --lexicon mine.tsv\n"))
    lsub = p.add_subparsers(dest="lexicon_command", metavar="ACTION", parser_class=type(p))

    def common(q):
        q.add_argument("--lexicons", default="en/core,ar/core", metavar="NAMES",
                       help="shipped lexicons, comma-separated, or 'none' (default: en/core,ar/core)")
        q.add_argument("--lexicon", action="append", default=[], metavar="FILE", help="your own lexicon file; repeatable")

    q = lsub.add_parser("list", help="one row per entry", formatter_class=fmt(),
                        description="List entries.\n\nexample:\n  framing lexicon list --format csv > entries.csv\n")
    common(q)
    q.add_argument("--format", choices=["table", "csv"], default="table")
    q.add_argument("--category", help="only this category")
    q.add_argument("--lang", help="only this language")
    q.set_defaults(run=_list)

    q = lsub.add_parser("show", help="everything about one term", formatter_class=fmt(),
                        description="Show the entry for a term, a variant or an id.\n\nexample:\n  framing lexicon show militants\n")
    common(q)
    q.add_argument("term")
    q.set_defaults(run=_show)

    q = lsub.add_parser("validate", help="check lexicon files; every problem as FILE:LINE", formatter_class=fmt(),
                        description="Check files against lexicons/SCHEMA.md.\n\nexample:\n  framing lexicon validate mine.tsv\n")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.set_defaults(run=_validate)

    q = lsub.add_parser("stats", help="entries per language, category and strength", formatter_class=fmt(),
                        description="Count entries.\n\nexample:\n  framing lexicon stats\n")
    common(q)
    q.set_defaults(run=_stats)

    q = lsub.add_parser("balance", help="per referent: loaded terms against it and for it", formatter_class=fmt(),
                        description=("Show, for each referent (what a term names), how many entries label it unfavourably\n"
                                     "and favourably, so that no side's loaded vocabulary is missing.\n\n"
                                     "example:\n  framing lexicon balance --format csv > balance.csv\n"))
    common(q)
    q.add_argument("--format", choices=["table", "csv"], default="table")
    q.set_defaults(run=_balance)

    q = lsub.add_parser("coverage", help="what the lexicons find in a corpus, and frequent words near hits they miss",
                        formatter_class=fmt(),
                        description=("List the loaded expressions found per article and the frequent words near them that no\n"
                                     "lexicon lists, to guide additions.\n\n"
                                     "example:\n  framing lexicon coverage articles.txt -o coverage/\n"))
    from .cli import _add_input_options

    _add_input_options(q)
    q.add_argument("-o", "--output", metavar="DIR", help="write coverage_articles.csv and coverage_nearby.csv here")
    q.add_argument("--top", type=int, default=40, help="how many nearby words to list (default: 40)")
    q.set_defaults(run=_coverage)

    q = lsub.add_parser("files", help="the shipped lexicon files and where they are", formatter_class=fmt(),
                        description="List shipped lexicons (names for --lexicons).\n\nexample:\n  framing lexicon files\n")
    q.set_defaults(run=_files)
    p.set_defaults(run=lambda args: (p.print_help(), 0)[1])


def _load(args):
    from .lexicon import load_lexicon

    names = [] if args.lexicons.strip().lower() == "none" else [n.strip() for n in args.lexicons.split(",") if n.strip()]
    return load_lexicon(names, args.lexicon)


def entries_table(lexicon) -> pd.DataFrame:
    rows = [{"id": e.id, "lang": e.lang, "term": e.term, "variants": "|".join(e.variants), "category": e.category,
             "referent": e.referent, "strength": e.strength, "neutral": "|".join(e.neutral),
             "rationale": e.rationale, "ambiguous": "yes" if e.ambiguous else "no"} for e in lexicon.entries]
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def _list(args) -> int:
    table = entries_table(_load(args))
    if args.category:
        table = table[table["category"] == args.category]
    if args.lang:
        table = table[table["lang"] == args.lang]
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_colwidth", 40, "display.width", 200):
            print(table[["id", "lang", "term", "category", "referent", "strength", "neutral"]].to_string(index=False))
    return 0


def _show(args) -> int:
    lexicon = _load(args)
    found = lexicon.find(args.term)
    if not found:
        raise OptionError(f"no entry for '{args.term}' in {', '.join(lexicon.files)}: "
                          "try 'framing lexicon list' to see all entries")
    for e in found:
        cat = lexicon.categories.get(e.category)
        print(f"{e.term}  [{e.id}]")
        print(f"  variants:   {', '.join(e.variants) or '-'}")
        print(f"  category:   {e.category} ({cat.label if cat else ''})")
        print(f"  referent:   {e.referent or '-'}")
        print(f"  strength:   {e.strength} ({ {1: 'mild', 2: 'strong', 3: 'extreme'}[e.strength] })")
        print(f"  neutral:    {', '.join(e.neutral)}")
        print(f"  rationale:  {e.rationale}")
        if e.ambiguous:
            print(f"  ambiguous:  yes; neutral sense when near: {', '.join(e.neutral_cues) or '-'}")
        print(f"  sources:    {'; '.join(e.sources) or '-'}")
        print(f"  defined in: {e.file}:{e.line}")
        print()
    return 0


def _validate(args) -> int:
    from .lexicon import validate_file

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
    table = entries_table(_load(args))
    print(f"{len(table)} entries")
    print(pd.crosstab(table["category"], table["lang"], margins=True, margins_name="total").to_string())
    print()
    print(pd.crosstab(table["category"], table["strength"]).to_string())
    print(f"\nambiguous entries: {int((table['ambiguous'] == 'yes').sum())}")
    return 0


def _balance(args) -> int:
    from .lexicon_checks import balance_table, missing_pairs

    lexicon = _load(args)
    table = balance_table(lexicon)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_colwidth", 45, "display.width", 200):
            print(table.to_string(index=False))
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
    from .analyze import prepared_records
    from .commands import input_paths, read_options
    from .lexicon_checks import coverage
    from .manifest import Manifest
    from .output import ensure_dir, write_csv

    lexicon = _load(args)
    per_article, nearby = coverage(prepared_records(input_paths(args), read_options(args), Manifest()),
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
    from .lexicon import shipped_dir, shipped_names

    for name in shipped_names():
        print(f"{name}\t{shipped_dir() / (name + '.tsv')}")
    return 0
