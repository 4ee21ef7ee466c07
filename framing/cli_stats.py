"""`framing compare` and `framing kwic`: statistics across outlets and periods, and concordances."""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .errors import InputError, OptionError

BY_CHOICES = ("outlet", "period", "outlet,period")
CHART_FORMATS = ("png", "svg", "pdf")


def add_stats_commands(sub, fmt) -> None:
    from .cli import _add_input_options

    p = sub.add_parser("compare", help="compare outlets or periods: rates with intervals, keyness, naming, changes",
                       formatter_class=fmt(), description=(
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
                           "events.csv has two columns, date and label (2019-10-09,Turkish offensive begins).\n"))
    _add_input_options(p)
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
    p.set_defaults(run=compare_command)

    p = sub.add_parser("kwic", help="concordance: every occurrence of a term with its context",
                       formatter_class=fmt(), description=(
                           "Show every occurrence of TERM with its left and right context (key word in context).\n"
                           "TERM is a lexicon entry (id, term or variant: all its forms are found) or any phrase;\n"
                           "end it with * for any ending (occup*). The term is shown [in brackets], or in bold on\n"
                           "a terminal.\n\n"
                           "examples:\n"
                           '  framing kwic "occupation forces" --demo\n'
                           "  framing kwic regime articles.jsonl.gz --outlet \"Fox News\" --from 2015-01-01 --sort left\n"
                           "  framing kwic t.terrorists dumps/ --voice own -o terrorists.csv --plot terrorists.png\n"))
    p.add_argument("term", metavar="TERM", help="lexicon entry id, term, or any phrase")
    _add_input_options(p, outlet_flag="--outlet-name")
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
    p.set_defaults(run=kwic_command)


# ----------------------------------------------------------------------------- compare

def read_events(path: str | Path) -> pd.DataFrame:
    """Events CSV: date,label per line (a header line is optional) -> DataFrame(date, label)."""
    import csv

    from .ingest.encoding import read_text

    path = Path(path)
    try:  # any encoding the corpus readers read (a cp1252 export from a spreadsheet, UTF-16, ...)
        text = read_text(path, max_mb=16).text
    except InputError as exc:
        raise InputError(f"cannot read the events file: {exc}") from None
    rows = []
    for line_no, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < 2:
            raise InputError(f"{path}:{line_no}: expected two columns, date and label: "
                             "write e.g. 2019-10-09,Offensive begins")
        raw, label = row[0].strip(), ",".join(row[1:]).strip()
        date = pd.to_datetime(raw, errors="coerce", format="ISO8601")
        if pd.isna(date):
            if line_no == 1 and not rows:  # a header
                continue
            raise InputError(f"{path}:{line_no}: date '{raw}' not understood: write dates as YYYY-MM-DD")
        rows.append((date, label))
    return pd.DataFrame(rows, columns=["date", "label"])


def _chart_formats(spec: str) -> list[str]:
    if spec.strip().lower() == "none":
        return []
    formats = [f.strip().lower() for f in spec.split(",") if f.strip()]
    bad = [f for f in formats if f not in CHART_FORMATS]
    if bad:
        raise OptionError(f"--charts {bad[0]}: not a chart format: use png, svg, pdf or none")
    return formats


def compare_command(args) -> int:
    from . import stats
    from .commands import _finish, run_analysis
    from .output import ensure_dir, write_csv

    formats = _chart_formats(args.charts)
    events = read_events(args.events) if args.events else None
    if args.boot < 100:
        raise OptionError(f"--boot {args.boot}: too few replicates for a 95% interval: use 1000 or more")
    if args.rolling < 1:
        raise OptionError(f"--rolling {args.rolling}: use 1 (no window) or more periods")
    by = args.by.split(",")
    audit = None
    if args.audit:
        from .audit_rates import load_audit

        audit = load_audit(args.audit)
    analysis = run_analysis(args)
    started = time.perf_counter()
    docs = analysis.documents
    period = stats.choose_period(docs) if args.period == "auto" else args.period
    voices = ("own", "quoted", "attributed") if args.all_voices else ("own",)
    options = stats.StatsOptions(n_boot=args.boot, seed=args.seed, period=period, rolling=args.rolling, voices=voices)
    docs = stats.with_periods(docs, period)
    hits = analysis.hits
    tables = {
        "rates": stats.rates_ci(docs, hits, by, options),
        "keyness": stats.keyness(docs, hits, by, options),
        "naming": stats.naming_matrix(docs, hits, by, options),
        "timeseries": stats.timeseries(docs, hits, options),
        "changes": stats.label_changes(docs, hits, options),
    }
    dispersion = stats.dispersion_table(docs, hits, options=options)
    measures = _measures(docs, hits, by, options, audit)
    took = time.perf_counter() - started
    out = ensure_dir(args.output)
    for name, table in {**tables, **measures}.items():
        write_csv(out / f"{name}.csv", table)
    started = time.perf_counter()
    charts = _draw_charts(tables, dispersion, events, by, out, formats)
    if formats:
        from . import plots as plot

        for fmt in formats:
            plot.save_figure(plot.plot_scare_quotes(measures["scare_quotes"]), out / f"scare-quotes.{fmt}", fmt=fmt)
            charts.append(out / f"scare-quotes.{fmt}")
    from .scare import describe

    print(f"note: {describe(analysis.count_scare_quotes)}", file=sys.stderr)
    if audit is not None:
        print(f"rates corrected by the audit in {args.audit} written to {out / 'corrected_rates.csv'}")
    _summary(tables, by, period, out, charts, took, time.perf_counter() - started)
    return _finish(analysis, args)


def _measures(docs, hits, by, options, audit) -> dict:
    """Scare quotes per outlet (a measure of their own, framing.scare) and, with an audit, corrected rates."""
    from .scare import scare_quote_rates

    out = {"scare_quotes": scare_quote_rates(docs, hits, options)}
    if audit is not None:
        from .audit_rates import corrected_rates

        out["corrected_rates"] = corrected_rates(docs, hits, audit, by=by, n_boot=options.n_boot, seed=options.seed,
                                                 voices=options.voices)
    return out


MAX_CHART_GROUPS = 30  # more groups than this: keyness and naming are left to their CSV files


def _draw_charts(tables, dispersion, events, by, out: Path, formats) -> list[Path]:
    """Write the charts; returns their paths. Charts that cannot be read with many groups
    (keyness, naming by outlet x period) are skipped with a note."""
    from . import plots as plot

    if not formats:
        return []
    n_groups = tables["rates"]["group"].nunique()
    draws = {}
    if "period" not in by or by == ["period"]:
        draws["rates"] = lambda: plot.plot_rates_ci(tables["rates"], sort="group" if by == ["period"] else "rate")
    if n_groups <= MAX_CHART_GROUPS:
        draws["keyness"] = lambda: plot.plot_keyness(tables["keyness"])
        draws["naming"] = lambda: plot.plot_naming_matrix(tables["naming"])
        for i, page in enumerate(_naming_pages(tables["naming"], plot)[1:], start=2):
            draws[f"naming-{i}"] = lambda page=page: plot.plot_naming_matrix(tables["naming"], referents=page)
    else:
        print(f"note: {n_groups} groups are too many to chart keyness and naming readably: see keyness.csv and "
              "naming.csv, or compare --by outlet", file=sys.stderr)
    draws["timeseries"] = lambda: plot.plot_timeseries(tables["timeseries"], events=events, changes=tables["changes"])
    draws["dispersion"] = lambda: plot.plot_dispersion(dispersion)
    written = []
    for name, draw in draws.items():
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            plot.save_figure(draw(), path, fmt=fmt)
            written.append(path)
    return written


def _naming_pages(naming, plot, max_pages: int = 4) -> list[list[str]]:
    """Referents, most named first, split into pages that fit A4 (the first is plot's default)."""
    if naming.empty:
        return []
    order = naming.groupby("referent")["hits"].sum().sort_values(ascending=False).index
    pages, page, height = [], [], 0.6
    for referent in order:
        h = plot.naming_panel_height(naming, referent)
        if page and (height + h > plot.PAGE_HEIGHT or len(page) == 6):  # 6: plot_naming_matrix's default
            pages.append(page)
            page, height = [], 0.6
        page.append(referent)
        height += h
    pages.append(page)
    return pages[:max_pages]


def _summary(tables, by, period, out, charts, took, took_charts) -> None:
    from .tables import ALL

    rates = tables["rates"]
    totals = rates[(rates["category"] == ALL) & (rates["term"] == ALL)]
    flagged = int((totals["warning"].fillna("") != "").sum())
    key = tables["keyness"]
    sig = key[(key["p_adj"] < 0.05) & (key["p_adj_z"] < 0.05) & (key["z"] > 0)] if not key.empty else key
    changes = tables["changes"]
    sig_changes = changes[changes["p_adj"] < 0.05] if not changes.empty else changes
    print(f"{len(totals)} group(s) by {','.join(by)} (period: {period}); {int(totals['hits'].sum())} hits in "
          f"{int(totals['words'].sum())} words; {flagged} group(s) with a small-sample warning")
    print(f"{len(sig)} term(s) significantly over-used by a group (adjusted p < 0.05 by both G2 and the "
          "log-odds z, Benjamini-Hochberg)")
    for _, r in sig.sort_values("z", ascending=False).head(5).iterrows():
        print(f"  {r['group']}: {r['term']} ({r['hits_group']} vs {r['hits_rest']} elsewhere; z = {r['z']:.1f}, "
              f"log ratio = {r['log_ratio']:.2f})")
    print(f"{len(sig_changes)} label switch(es) found (adjusted p < 0.05) among {len(changes)} outlet x referent test(s)")
    for _, r in sig_changes.head(5).iterrows():
        print(f"  {r['outlet']}, {r['change_date']:%Y-%m-%d}: {r['evidence']}")
    print(f"tables and {len(charts)} chart(s) written to {out}/ (statistics {took:.1f} s, charts {took_charts:.1f} s)")


# ----------------------------------------------------------------------------- kwic

def _date(value: str | None, option: str):
    if not value:
        return None
    date = pd.to_datetime(value, errors="coerce", format="ISO8601")
    if pd.isna(date):
        raise OptionError(f"{option} {value}: date not understood: write YYYY-MM-DD")
    return date


def kwic_command(args) -> int:
    from .commands import input_paths, lexicon_from, read_options
    from .kwic import KwicOptions, concordance, format_line
    from .output import write_csv

    if args.width < 5:
        raise OptionError(f"--width {args.width}: too narrow: use 20 or more characters")
    options = KwicOptions(width=args.width, outlets=tuple(args.only_outlet), date_from=_date(args.date_from, "--from"),
                          date_to=_date(args.date_to, "--to"), voices=tuple(args.voice), sort=args.sort)
    if options.date_to is not None:  # the whole last day
        options = replace(options, date_to=options.date_to + pd.Timedelta(days=1) - pd.Timedelta(1))
    if args.store:  # the texts and lexicon kept in the store (INPUT, if given, is added to it first)
        from .commands import store_inputs
        from .kwic import concordance_lines, query_entries
        from .store import load_lexicon_from_store, store_records

        store_inputs(args)
        entries = query_entries(args.term, load_lexicon_from_store(args.store))
        result = concordance_lines(store_records(args.store), entries, options)
    else:
        lexicon = lexicon_from(args) if (args.lexicons.strip().lower() != "none" or args.lexicon) else None
        result = concordance(input_paths(args), args.term, lexicon=lexicon, read_options=read_options(args),
                             options=options)
    lines = result.lines
    bold = sys.stdout.isatty()
    shown = lines if not args.limit else lines.head(args.limit)
    for _, row in shown.iterrows():
        print(format_line(row, args.width, bold=bold))
    what = ", ".join(sorted({e.term for e in result.entries}))
    print(f"{len(lines)} occurrence(s) of {what} in {lines['doc_id'].nunique()} of {len(result.documents)} document(s)"
          + (f"; {len(shown)} shown" if len(shown) < len(lines) else ""), file=sys.stderr)
    if args.output:
        write_csv(args.output, lines)
        print(f"concordance written to {args.output}", file=sys.stderr)
    if args.plot:
        from . import plots as plot, stats

        docs = result.documents
        # every occurrence gets its tick, whatever its voice, sense or negation
        table = stats.dispersion_table(docs, lines.assign(category="", sense="loaded", negated=False),
                                       options=stats.StatsOptions(voices=("own", "quoted", "attributed")))
        fmt = Path(args.plot).suffix.lstrip(".").lower() or "png"
        if fmt not in CHART_FORMATS:
            raise OptionError(f"--plot {args.plot}: write .png, .svg or .pdf")
        plot.save_figure(plot.plot_dispersion(table), args.plot, fmt=fmt)
        print(f"dispersion plot written to {args.plot}", file=sys.stderr)
    skipped = result.manifest.skipped()
    if skipped:
        print(f"note: {len(skipped)} input record(s) skipped", file=sys.stderr)
    return 1 if (skipped and args.strict) else 0
