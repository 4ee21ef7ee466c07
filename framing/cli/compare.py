"""`framing compare`: outlets or periods compared (framing/compare.py does the work)."""
from __future__ import annotations

import sys
from pathlib import Path

from . import common

DESCRIPTION = (
    "Compare groups of documents (outlets, periods or both) with statistics you can defend.\n\n"
    "writes, in DIR:\n"
    "  rates.csv       hits per 1,000 words per group and category/term, with a 95% interval\n"
    "                  from resampling documents (seeded: same numbers on every run)\n"
    "  keyness.csv     terms that set each group apart from the rest: log-odds z-score\n"
    "                  (Monroe et al. 2008), G2 with Log Ratio; p_adj (from G2) and\n"
    "                  p_adj_z (from z), Benjamini-Hochberg\n"
    "  naming.csv      who calls whom what: the labels each group uses for each referent\n"
    "  timeseries.csv  rate per outlet and period, with intervals; low-count periods flagged\n"
    "  changes.csv     when an outlet switched labels for a referent (date and evidence)\n"
    "  scare_quotes.csv scare quotes per 1,000 words per outlet (a measure of their own)\n"
    "  corrected_rates.csv  with --audit DIR: rates corrected by the measured precision\n"
    "  charts: rates, keyness, naming, timeseries, dispersion (PNG; see --charts)\n\n"
    "examples:\n"
    "  framing compare articles.jsonl.gz --by outlet -o results/compare\n"
    "  framing compare export.csv --by outlet,period --period quarter -o results/\n"
    "  framing compare dumps/ --events events.csv --charts png,pdf -o results/\n"
    "  framing compare --store archive.duckdb --by outlet -o results/   (no re-analysis)\n\n"
    "events.csv has two columns, date and label (2019-10-09,Turkish offensive begins).\n")


def add(sub) -> None:
    from ..compare import BY_CHOICES

    p = common.add_parser(sub, "compare", "compare outlets or periods: rates with intervals, keyness, naming, changes",
                          DESCRIPTION)
    common.add_input_options(p)
    p.add_argument("--by", default="outlet", choices=BY_CHOICES, help="groups to compare (default: outlet)")
    p.add_argument("--period", default="auto", choices=["auto", "week", "month", "quarter", "year"],
                   help="period for time series and --by period (default: auto, the finest period "
                        "with a median of 10 documents per outlet and period)")
    p.add_argument("--rolling", type=int, default=1, metavar="K",
                   help="time series over a window of K periods (default: 1, no window)")
    p.add_argument("--events", metavar="FILE", help="CSV of date,label: events marked on the time series")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the bootstrap and permutations (default: 0)")
    p.add_argument("--boot", type=int, default=2000, metavar="N", help="bootstrap replicates (default: 2000)")
    p.add_argument("--all-voices", action="store_true",
                   help="count hits inside quotations and reported speech too (default: the outlet's own voice)")
    p.add_argument("--charts", default="png", metavar="FORMATS",
                   help="chart formats, comma-separated from png, svg, pdf, or 'none' (default: png)")
    p.add_argument("--audit", metavar="DIR", help="a folder written by framing audit score: also write "
                   "corrected_rates.csv (rates x measured precision, intervals from the corpus and the audit)")
    p.add_argument("-o", "--output", default="reports/compare", metavar="DIR", help="output folder (default: reports/compare)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..compare import CompareOptions, chart_formats, check_options, read_events, write_comparison
    from ..scare import describe

    charts = chart_formats(args.charts)
    events = read_events(args.events) if args.events else None
    options = CompareOptions(by=tuple(args.by.split(",")), period=args.period, rolling=args.rolling, seed=args.seed,
                             boot=args.boot, all_voices=args.all_voices, charts=charts, events=events)
    check_options(options)
    audit = None
    if args.audit:
        from ..audit_rates import load_audit

        audit = load_audit(args.audit)
    analysis = common.run_analysis(args)
    lines = write_comparison(analysis, args.output, options, audit)
    print(f"note: {describe(analysis.count_scare_quotes)}", file=sys.stderr)
    if audit is not None:
        print(f"rates corrected by the audit in {args.audit} written to {Path(args.output) / 'corrected_rates.csv'}")
    print("\n".join(lines))
    return common.finish(analysis.manifest, args)
