"""The work of ``framing compare``: statistics across outlets and periods (framing.stats), the scare-quote
measure and audit-corrected rates, the charts, and the summary lines. No argument parsing here
(framing/cli/compare.py)."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, OptionError

BY_CHOICES = ("outlet", "period", "outlet,period")
CHART_FORMATS = ("png", "svg", "pdf")
MAX_CHART_GROUPS = 30  # more groups than this: keyness and naming are left to their CSV files


@dataclass(frozen=True)
class CompareOptions:
    by: tuple[str, ...] = ("outlet",)
    period: str = "auto"          # or week, month, quarter, year
    rolling: int = 1
    seed: int = 0
    boot: int = 2000
    all_voices: bool = False
    charts: tuple[str, ...] = ("png",)
    events: pd.DataFrame | None = field(default=None, compare=False)


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


def chart_formats(spec: str) -> tuple[str, ...]:
    """--charts png,svg,pdf or none."""
    if spec.strip().lower() == "none":
        return ()
    formats = tuple(f.strip().lower() for f in spec.split(",") if f.strip())
    bad = [f for f in formats if f not in CHART_FORMATS]
    if bad:
        raise OptionError(f"--charts {bad[0]}: not a chart format: use png, svg, pdf or none")
    return formats


def check_options(options: CompareOptions) -> None:
    if options.boot < 100:
        raise OptionError(f"--boot {options.boot}: too few replicates for a 95% interval: use 1000 or more")
    if options.rolling < 1:
        raise OptionError(f"--rolling {options.rolling}: use 1 (no window) or more periods")


def write_comparison(analysis, out: Path, options: CompareOptions, audit=None) -> list[str]:
    """Compute every table, write them and the charts into ``out``; returns the summary lines."""
    from . import stats
    from .output import ensure_dir, write_csv

    started = time.perf_counter()
    docs = analysis.documents
    by = list(options.by)
    period = stats.choose_period(docs) if options.period == "auto" else options.period
    voices = ("own", "quoted", "attributed") if options.all_voices else ("own",)
    st = stats.StatsOptions(n_boot=options.boot, seed=options.seed, period=period, rolling=options.rolling,
                            voices=voices)
    docs = stats.with_periods(docs, period)
    hits = analysis.hits
    tables = {
        "rates": stats.rates_ci(docs, hits, by, st),
        "keyness": stats.keyness(docs, hits, by, st),
        "naming": stats.naming_matrix(docs, hits, by, st),
        "timeseries": stats.timeseries(docs, hits, st),
        "changes": stats.label_changes(docs, hits, st),
    }
    dispersion = stats.dispersion_table(docs, hits, options=st)
    measures = _measures(docs, hits, by, st, audit)
    took = time.perf_counter() - started
    out = ensure_dir(out)
    for name, table in {**tables, **measures}.items():
        write_csv(out / f"{name}.csv", table)
    started = time.perf_counter()
    formats = list(options.charts)
    charts = _draw_charts(tables, dispersion, options.events, by, out, formats)
    if formats:
        from . import plots as plot

        for fmt in formats:
            plot.save_figure(plot.plot_scare_quotes(measures["scare_quotes"]), out / f"scare-quotes.{fmt}", fmt=fmt)
            charts.append(out / f"scare-quotes.{fmt}")
    return summary_lines(tables, by, period, out, charts, took, time.perf_counter() - started)


def _measures(docs, hits, by, options, audit) -> dict:
    """Scare quotes per outlet (a measure of their own, framing.scare) and, with an audit, corrected rates."""
    from .scare import scare_quote_rates

    out = {"scare_quotes": scare_quote_rates(docs, hits, options)}
    if audit is not None:
        from .audit_rates import corrected_rates

        out["corrected_rates"] = corrected_rates(docs, hits, audit, by=by, n_boot=options.n_boot, seed=options.seed,
                                                 voices=options.voices)
    return out


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
        for i, page in enumerate(naming_pages(tables["naming"], plot)[1:], start=2):
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


def naming_pages(naming, plot, max_pages: int = 4) -> list[list[str]]:
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


def summary_lines(tables, by, period, out, charts, took, took_charts) -> list[str]:
    from .tables import ALL

    rates = tables["rates"]
    totals = rates[(rates["category"] == ALL) & (rates["term"] == ALL)]
    flagged = int((totals["warning"].fillna("") != "").sum())
    key = tables["keyness"]
    sig = key[(key["p_adj"] < 0.05) & (key["p_adj_z"] < 0.05) & (key["z"] > 0)] if not key.empty else key
    changes = tables["changes"]
    sig_changes = changes[changes["p_adj"] < 0.05] if not changes.empty else changes
    lines = [f"{len(totals)} group(s) by {','.join(by)} (period: {period}); {int(totals['hits'].sum())} hits in "
             f"{int(totals['words'].sum())} words; {flagged} group(s) with a small-sample warning",
             f"{len(sig)} term(s) significantly over-used by a group (adjusted p < 0.05 by both G2 and the "
             "log-odds z, Benjamini-Hochberg)"]
    for _, r in sig.sort_values("z", ascending=False).head(5).iterrows():
        lines.append(f"  {r['group']}: {r['term']} ({r['hits_group']} vs {r['hits_rest']} elsewhere; z = {r['z']:.1f}, "
                     f"log ratio = {r['log_ratio']:.2f})")
    lines.append(f"{len(sig_changes)} label switch(es) found (adjusted p < 0.05) among {len(changes)} outlet x "
                 "referent test(s)")
    for _, r in sig_changes.head(5).iterrows():
        lines.append(f"  {r['outlet']}, {r['change_date']:%Y-%m-%d}: {r['evidence']}")
    lines.append(f"tables and {len(charts)} chart(s) written to {out}/ (statistics {took:.1f} s, charts "
                 f"{took_charts:.1f} s)")
    return lines
