"""Analysis -> every table and figure of fact the report shows, ready to lay out.

:func:`report_tables` does all the counting, grouping and statistics of a report (rates, intervals,
naming, time series, keyness, scare quotes, the audit's corrected rates, the examples chosen, the
lexicon entries used, the methods text); :mod:`framing.report` only lays these out on pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__
from .analyze import Analysis, Example
from .plots.words import KEYNESS_PANELS
from .report_findings import findings
from .tables import ALL, APART, corpus_summary, rates_by_outlet, rates_by_period, top_terms
from .types import UNKNOWN_OUTLET

FIGURE_FORMATS = ("png", "svg")
# Presets: names accepted by --sections that stand for a set of sections.
# classroom: a short report for projection: summary in plain words, three charts, example sentences.
PRESETS = {"classroom": ("summary", "categories", "voice", "terms", "examples")}
SECTIONS = ("summary", "corpus", "categories", "voice", "rates", "terms", "naming", "time", "keyness",
            "scare_quotes", "audit", "examples", "methods", "lexicon", "reproducibility")
MAX_REPOSTS = 15     # reposts listed on the corpus page (the rest are in the manifest)


@dataclass(frozen=True)
class ReportOptions:
    title: str = "Corpus"
    period: str = "month"
    page_size: str = "A4"
    command: str = "framing report"
    top_terms: int = 6
    sections: tuple[str, ...] = ()   # empty = all (see SECTIONS)
    seed: int = 0
    audit: str = ""                  # a folder of framing audit score: corrected rates (framing.audit_rates)
    count_scare_quotes: bool = False  # the setting the hits follow (framing.scare)
    figures: tuple[str, ...] = ("png",)  # chart files beside the PDF: png (always), svg


@dataclass(frozen=True)
class TermExample:
    """One of an outlet's top terms on the examples page, with the example sentence chosen for it."""

    outlet: str
    term: str
    hits: int
    rate_per_1k: float
    category: str                    # the category's label
    neutral: tuple[str, ...]         # at most two neutral alternatives
    example: Example | None          # in the outlet's own voice where one was kept
    own_voice: bool                  # whether ``example`` is in the outlet's own voice


@dataclass(frozen=True)
class ScarePage:
    table: pd.DataFrame              # framing.scare.scare_quote_rates
    measured: tuple[int, int, float, float] | None  # audit: correct, decided, Wilson interval (on this corpus)


@dataclass(frozen=True)
class AuditPages:
    methods: str                     # the audit's methods paragraph
    by: tuple[str, ...]              # what the audit sample was stratified by
    strata: pd.DataFrame             # precision per stratum
    corrected_total: pd.DataFrame    # framing.audit_rates.corrected_rates: all loaded terms per outlet
    corrected_categories: pd.DataFrame  # ... per outlet and category, those with hits


@dataclass
class ReportTables:
    """Everything the report's pages show, computed; :func:`framing.report.render_tables` lays it out."""

    options: ReportOptions
    sections: frozenset[str]
    classroom: bool
    cover: list[tuple[str, str]]
    intro: str                       # one sentence: documents, outlets, dates
    rates: pd.DataFrame              # rates_by_outlet without the measures apart
    period_rates: pd.DataFrame
    corpus: pd.DataFrame             # corpus_summary: one row per outlet
    corpus_total: dict               # the same columns, summed (outlet "Total")
    rates_ci: pd.DataFrame
    naming: pd.DataFrame
    series: pd.DataFrame | None      # None: fewer than two dated documents
    changes: pd.DataFrame | None
    keyness: pd.DataFrame | None     # None: one outlet
    outlets: list[str]
    category_labels: dict[str, str]
    findings: list[str]
    manifest_summary: str            # "" when nothing was skipped, repeated or filler
    reposts: list[tuple[str, str, str]]  # (file record, repeats, why), at most MAX_REPOSTS
    more_reposts: int
    top_terms: list[TermExample]
    lexicon_size: int
    lexicon_used: list[dict]         # one dict per entry with hits: term, category, strength, hits, neutral, why
    scare: ScarePage | None
    audit: AuditPages | None
    methods: list[str]
    reproducibility: list[tuple[str, str]]
    notes: dict[str, str] = field(default_factory=dict)  # chart notes that carry settings (period)
    chart_pages: dict[str, int] = field(default_factory=dict)  # sections whose chart takes several pages


def resolve_sections(options: ReportOptions) -> tuple[frozenset[str], bool]:
    """The sections to draw (presets expanded) and whether the classroom preset was asked for;
    an unknown section or figure format is an OptionError naming the choices."""
    from .errors import OptionError

    bad = [f for f in options.figures if f not in FIGURE_FORMATS]
    if bad:
        raise OptionError(f"--figures: unknown format(s) {', '.join(bad)}: choose from {', '.join(FIGURE_FORMATS)}")
    unknown = [s for s in options.sections if s not in SECTIONS and s not in PRESETS]
    if unknown:
        raise OptionError(f"--sections: unknown section(s) {', '.join(unknown)}: choose from {', '.join(SECTIONS)} "
                          f"or the preset {', '.join(PRESETS)}")
    sections = set(options.sections or SECTIONS)
    for preset in PRESETS:
        if preset in sections:
            sections = (sections - {preset}) | set(PRESETS[preset])
    return frozenset(sections), "classroom" in options.sections


def select(analysis: Analysis, outlets: tuple[str, ...] = (), lang: str | None = None,
           date_from=None, date_to=None) -> Analysis:
    """The analysis restricted to some outlets, a language and a date range (for report options)."""
    docs = analysis.documents
    keep = pd.Series(True, index=docs.index)
    if outlets:
        keep &= docs["outlet"].isin(outlets)
    if lang:
        keep &= docs["lang"] == lang
    if date_from is not None:
        keep &= docs["date"] >= pd.Timestamp(date_from)
    if date_to is not None:
        keep &= docs["date"] <= pd.Timestamp(date_to)
    if keep.all():
        return analysis
    docs = docs[keep].reset_index(drop=True)
    ids = set(docs["doc_id"])
    hits = analysis.hits[analysis.hits["doc_id"].isin(ids)].reset_index(drop=True)
    examples = {k: [e for e in v if e.doc_id in ids] for k, v in analysis.examples.items()}
    return Analysis(docs, hits, examples, analysis.lexicon, analysis.manifest, analysis.texts,
                    analysis.attributions[analysis.attributions["doc_id"].isin(ids)], analysis.count_scare_quotes)


def report_tables(analysis: Analysis, options: ReportOptions = ReportOptions()) -> ReportTables:
    """Compute every table of the report from the analysis and the report's options."""
    from .report_methods import methods_text, reproducibility
    from .stats import StatsOptions, keyness, label_changes, naming_matrix, rates_ci, timeseries

    sections, classroom = resolve_sections(options)
    all_docs, lexicon = analysis.documents, analysis.lexicon
    # Documents that do not say their outlet count in the corpus table and the totals, and are not
    # compared with the outlets (charts, intervals, keyness, naming, top terms), as the summary says
    # (unless no document names its outlet: then they are all there is).
    docs, hits = compared(analysis.documents, analysis.hits)
    stats_options = StatsOptions(period=options.period, seed=options.seed)
    rates = rates_by_outlet(docs, hits)
    rates = rates[~rates["category"].isin(APART)]  # measures of their own have their own pages
    with_ci = rates_ci(docs, hits, ("outlet",), stats_options)
    dated = docs["date"].notna().sum() >= 2
    changes = label_changes(docs, hits, stats_options) if dated else None
    cat_labels = {k: c.label for k, c in lexicon.categories.items()}
    key = keyness(docs, hits, ("outlet",), stats_options) if docs["outlet"].nunique() > 1 else None

    summary = corpus_summary(all_docs)   # the corpus table; the cover's word total is its total
    total = {"outlet": "Total", "documents": int(summary["documents"].sum()), "words": int(summary["words"].sum()),
             "undated": int(summary["undated"].sum()), "hits": int(summary["hits"].sum())}
    n_docs = len(all_docs)
    n_outlets = all_docs.loc[all_docs["outlet"] != UNKNOWN_OUTLET, "outlet"].nunique()
    n_unknown = int((all_docs["outlet"] == UNKNOWN_OUTLET).sum())
    outlets_said = f"{n_outlets} outlet(s)" + (f" and {n_unknown:,} that do not say their outlet" if n_unknown else "")
    dates = all_docs["date"].dropna()
    span = f"{dates.min():%d %B %Y} to {dates.max():%d %B %Y}" if not dates.empty else "no dates given"
    every_hit = analysis.hits
    loaded = every_hit["sense"] == "loaded"
    cover = [
        ("Corpus", f"{n_docs:,} documents from {outlets_said}, {total['words']:,} words"),
        ("Dates", span),
        ("Lexicons", ", ".join("/".join(Path(f).parts[-2:]) if f.endswith("core.tsv") else Path(f).name
                               for f in lexicon.files) + f" ({len(lexicon):,} entries)"),
        ("Hits counted", f"{int(loaded.sum()):,} loaded-term hits "
                         f"({int((loaded & (every_hit['voice'] == 'own') & ~every_hit['negated']).sum()):,} in the outlets' "
                         "own voice)"),
        ("Produced by", f"framing {__version__}"),
    ]
    every_rate = rates_by_outlet(all_docs, every_hit) if len(all_docs) != len(docs) else rates
    every_rate = every_rate[~every_rate["category"].isin(APART)]
    said = findings(every_rate, all_docs, lexicon, rates_with_ci=with_ci, hits=every_hit, changes=changes,
                    stats_options=stats_options) if "summary" in sections else []
    if classroom:  # for projection: the findings, not the long per-outlet lists of labels
        said = [x for x in said if not x.startswith("Labels for")]

    counts = analysis.manifest.counts()
    manifest_summary = (analysis.manifest.summary() if counts.get("skipped") or counts.get("duplicate")
                        or counts.get("filler") else "")
    reposts = [r for r in analysis.manifest.rows if r["status"] == "duplicate"]

    used = every_hit[loaded].groupby("entry").size().sort_values(ascending=False)
    lexicon_used = []
    for eid, n in used.items():
        e = lexicon.by_id.get(eid)
        if e is not None:
            lexicon_used.append({"term": e.term, "category": cat_labels.get(e.category, e.category),
                                 "strength": e.strength, "hits": int(n), "neutral": ", ".join(e.neutral[:2]),
                                 "why": e.rationale})

    return ReportTables(
        options=options, sections=sections, classroom=classroom, cover=cover,
        intro=f"{n_docs:,} articles from {outlets_said}, {span}",
        rates=rates, period_rates=rates_by_period(docs, hits, options.period), corpus=summary, corpus_total=total,
        rates_ci=with_ci,
        naming=naming_matrix(docs, hits, ("outlet",), stats_options),
        series=timeseries(docs, hits, stats_options) if dated else None, changes=changes,
        keyness=key,
        outlets=sorted(docs["outlet"].unique()), category_labels=cat_labels, findings=said,
        manifest_summary=manifest_summary,
        reposts=[(f"{Path(r['file']).name} {r['record']}", r["doc_id"] or "–", r["reason"])
                 for r in reposts[:MAX_REPOSTS]],
        more_reposts=max(0, len(reposts) - MAX_REPOSTS),
        top_terms=_top_terms(analysis, rates, min(options.top_terms, 2) if classroom else options.top_terms,
                             cat_labels),
        lexicon_size=len(lexicon), lexicon_used=lexicon_used,
        scare=_scare(docs, hits, options, stats_options) if "scare_quotes" in sections else None,
        audit=_audit(docs, hits, options, stats_options) if "audit" in sections and options.audit else None,
        methods=methods_text(lexicon, options, stats_options),
        reproducibility=reproducibility(lexicon, options, stats_options),
        notes={"period": options.period},
        chart_pages={"keyness": max(1, -(-key["group"].nunique() // KEYNESS_PANELS))} if key is not None else {},
    )


def compared(docs: pd.DataFrame, hits: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documents and hits that are compared between outlets: those of documents that name their
    outlet, when some do (all of them when none does)."""
    known = docs["outlet"] != UNKNOWN_OUTLET
    if known.all() or not known.any():
        return docs, hits
    return docs[known].reset_index(drop=True), hits[hits["outlet"] != UNKNOWN_OUTLET].reset_index(drop=True)


def _top_terms(analysis: Analysis, rates: pd.DataFrame, n: int, cat_labels: dict) -> list[TermExample]:
    out = []
    for outlet, g in top_terms(rates, n).groupby("outlet", sort=True):
        for r in g.itertuples():
            e = analysis.lexicon.by_id.get(r.entry)
            kept = analysis.examples.get((outlet, r.entry), [])
            own = [x for x in kept if x.voice == "own"]
            chosen = (own or kept)[:1]
            out.append(TermExample(outlet, r.term, int(r.hits), float(r.rate_per_1k),
                                   cat_labels.get(r.category, r.category), tuple(e.neutral[:2]) if e else (),
                                   chosen[0] if chosen else None, bool(own)))
    return out


def _scare(docs, hits, options: ReportOptions, stats_options) -> ScarePage | None:
    """Scare quotes per outlet, and their precision measured by the audit on this corpus, if any."""
    from .scare import scare_quote_rates

    t = scare_quote_rates(docs, hits, stats_options)
    if t["scare_quotes"].sum() == 0:
        return None
    measured = None
    if options.audit:
        from .audit import wilson
        from .audit_rates import load_audit

        p = load_audit(options.audit).precision
        sq = p[(p["scope"] == "stratum") & (p.get("category", "") == "scare_quote") & (p["n_coded"] > 0)]
        if len(sq):
            k, n = int(sq["correct"].sum()), int(sq["n_coded"].sum())
            lo, hi = wilson(k, n)
            measured = (k, n, lo, hi)
    return ScarePage(t, measured)


def _audit(docs, hits, options: ReportOptions, stats_options) -> AuditPages:
    from .audit_rates import corrected_rates, load_audit, methods_paragraph

    audit = load_audit(options.audit)
    corrected = corrected_rates(docs, hits, audit, n_boot=stats_options.n_boot, seed=stats_options.seed,
                                voices=stats_options.voices)
    return AuditPages(methods_paragraph(audit), tuple(audit.facts.get("by") or ()),
                      audit.precision[audit.precision["scope"] == "stratum"], corrected[corrected["category"] == ALL],
                      corrected[(corrected["category"] != ALL) & (corrected["hits"] > 0)])
