"""`framing kwic`: every occurrence of a term with its context (framing/kwic.py)."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..errors import OptionError
from . import common

DESCRIPTION = (
    "Show every occurrence of TERM with its left and right context (key word in context).\n"
    "TERM is a lexicon entry (id, term or variant: all its forms are found) or any phrase;\n"
    "end it with * for any ending (occup*). The term is shown [in brackets], or in bold on\n"
    "a terminal.\n\n"
    "examples:\n"
    '  framing kwic "occupation forces" --demo\n'
    "  framing kwic regime articles.jsonl.gz --outlet \"Fox News\" --from 2015-01-01 --sort left\n"
    "  framing kwic t.terrorists dumps/ --voice own -o terrorists.csv --plot terrorists.png\n")


def add(sub) -> None:
    p = common.add_parser(sub, "kwic", "concordance: every occurrence of a term with its context", DESCRIPTION)
    p.add_argument("term", metavar="TERM", help="lexicon entry id, term, or any phrase")
    common.add_input_options(p, outlet_flag="--outlet-name")
    p.add_argument("--outlet", dest="only_outlet", action="append", default=[], metavar="NAME",
                   help="only this outlet (repeatable; --outlet-name names the outlet of inputs that give none)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only documents dated on or after DATE (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only documents dated on or before DATE")
    p.add_argument("--voice", action="append", default=[], choices=["own", "quoted", "attributed"],
                   help="only occurrences in this voice (repeatable)")
    p.add_argument("--sort", default="outlet", choices=["outlet", "date", "left", "right", "doc"],
                   help="order of the lines (default: outlet, then date)")
    p.add_argument("--width", type=int, default=50, metavar="N", help="characters of context each side (default: 50)")
    p.add_argument("-o", "--output", metavar="FILE.csv", help="also write the concordance as CSV")
    p.add_argument("--plot", metavar="FILE",
                   help="write a dispersion (x-ray) plot of the term across documents (.png .svg .pdf)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="print at most N lines (the CSV has all)")
    p.set_defaults(run=run)


def _date(value: str | None, option: str):
    if not value:
        return None
    date = pd.to_datetime(value, errors="coerce", format="ISO8601")
    if pd.isna(date):
        raise OptionError(f"{option} {value}: date not understood: write YYYY-MM-DD")
    return date


def run(args) -> int:
    from ..kwic import KwicOptions, concordance, format_line, write_dispersion
    from ..output import write_csv

    if args.width < 5:
        raise OptionError(f"--width {args.width}: too narrow: use 20 or more characters")
    options = KwicOptions(width=args.width, outlets=tuple(args.only_outlet), date_from=_date(args.date_from, "--from"),
                          date_to=_date(args.date_to, "--to"), voices=tuple(args.voice), sort=args.sort)
    if options.date_to is not None:  # the whole last day
        options = replace(options, date_to=options.date_to + pd.Timedelta(days=1) - pd.Timedelta(1))
    if args.store:  # the texts and lexicon kept in the store (INPUT, if given, is added to it first)
        from ..kwic import concordance_lines, query_entries
        from ..store import load_lexicon_from_store, store_records

        common.store_inputs(args)
        entries = query_entries(args.term, load_lexicon_from_store(args.store))
        result = concordance_lines(store_records(args.store), entries, options)
    else:
        lexicon = common.lexicon_from(args) if (args.lexicons.strip().lower() != "none" or args.lexicon) else None
        result = concordance(common.input_paths(args), args.term, lexicon=lexicon,
                             read_options=common.read_options(args), options=options)
    lines = result.lines
    shown = lines if not args.limit else lines.head(args.limit)
    bold = sys.stdout.isatty()
    for _, row in shown.iterrows():
        print(format_line(row, args.width, bold=bold))
    what = ", ".join(sorted({e.term for e in result.entries}))
    print(f"{len(lines)} occurrence(s) of {what} in {lines['doc_id'].nunique()} of {len(result.documents)} document(s)"
          + (f"; {len(shown)} shown" if len(shown) < len(lines) else ""), file=sys.stderr)
    if args.output:
        write_csv(args.output, lines)
        print(f"concordance written to {args.output}", file=sys.stderr)
    if args.plot:
        fmt = Path(args.plot).suffix.lstrip(".").lower() or "png"
        if fmt not in ("png", "svg", "pdf"):
            raise OptionError(f"--plot {args.plot}: write .png, .svg or .pdf")
        write_dispersion(result, args.plot, fmt)
        print(f"dispersion plot written to {args.plot}", file=sys.stderr)
    skipped = result.manifest.skipped()
    if skipped:
        print(f"note: {len(skipped)} input record(s) skipped", file=sys.stderr)
    return 1 if (skipped and args.strict) else 0
