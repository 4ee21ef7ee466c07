"""Analysis -> PDF report (reportlab) with its charts also written as PNG beside it.

Only this layer writes files. The PDF has real, selectable text with embedded fonts (DejaVu Sans,
shipped with matplotlib, which also covers Arabic; Arabic is shaped and ordered right-to-left).
Output is reproducible: the same analysis gives the same pages (reportlab's invariant mode, no
timestamps).
"""
from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
import pandas as pd

from . import __version__
from .analyze import Analysis, Example
from .bidi import paragraph as bidi_paragraph
from .normalize import has_arabic
from .output import atomic_path, ensure_dir
from .plot import (outlet_colours, plot_category_rates, plot_rate_over_time, plot_term_heatmap,
                   save_figure)
from .types import UNKNOWN_OUTLET
from .tables import ALL, APART, corpus_summary, rates_by_outlet, rates_by_period, top_terms

SMALL_DOCS = 10      # outlets with fewer documents than this are flagged
SMALL_WORDS = 5000   # ... or fewer words
VOICE_LABEL = {"own": "outlet's own voice", "quoted": "inside a quotation", "attributed": "reported speech"}


@dataclass(frozen=True)
class ReportOptions:
    title: str = "Corpus"
    period: str = "month"
    page_size: str = "A4"
    command: str = "framing report"
    top_terms: int = 6
    sections: tuple[str, ...] = ()   # empty = all (see SECTIONS)
    seed: int = 0
    audit: str = ""                  # a folder of framing audit score: corrected rates (framing.audit_report)
    count_scare_quotes: bool = False  # the setting the hits follow (framing.scare)
    figures: tuple[str, ...] = ("png",)  # chart files beside the PDF: png (always), svg


# ----------------------------------------------------------------------------- fonts and text

_FONTS_READY = False


def _register_fonts() -> None:
    global _FONTS_READY
    if _FONTS_READY:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont("DejaVu", str(ttf / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(ttf / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(ttf / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-BoldOblique", str(ttf / "DejaVuSans-BoldOblique.ttf")))
    addMapping("DejaVu", 0, 0, "DejaVu")
    addMapping("DejaVu", 1, 0, "DejaVu-Bold")
    addMapping("DejaVu", 0, 1, "DejaVu-Oblique")
    addMapping("DejaVu", 1, 1, "DejaVu-BoldOblique")
    _FONTS_READY = True


def rtl(text: str) -> str:
    """A short piece of right-to-left text (a name, a term) for inline use in an English
    paragraph: shaped, in drawing order (``bidi.visual``), its spaces non-breaking so that reportlab
    cannot wrap it between words (which would put its words in the wrong order). Longer text goes
    in its own ``bidi.paragraph``. Other text is returned unchanged."""
    if not has_arabic(text):
        return text
    from .bidi import visual

    out = visual(text)
    return out.replace(" ", "\u00a0") if len(out) <= 60 else out


HIGHLIGHT = "#FFE08A"
TEXT_WIDTH = 460.0  # points of text width for right-to-left line breaking (A4 frame less indents)


def rtl_markup(text: str, marks=(), *, width: float = TEXT_WIDTH, size: float = 8.5, numbered: bool = False,
               colour: str = HIGHLIGHT) -> str:
    """Paragraph markup for right-to-left text: lines broken in reading order, then each drawn in
    visual order by the bidirectional algorithm (``bidi.markup``; reportlab lays text out left to
    right, so a whole shaped paragraph would wrap with its last words on the first line). ``marks``
    are (start, end) spans to highlight; with ``numbered`` each gets a superscript number."""
    from .bidi import markup

    _register_fonts()  # widths are measured in the report's font
    return markup(text, "DejaVu", size, width, marks, numbered=numbered, colour=colour, bold_font="DejaVu-Bold")


def highlight(sentence: str, start: int, end: int, colour: str = HIGHLIGHT) -> str:
    """Paragraph markup of ``sentence`` with ``sentence[start:end]`` highlighted (escaped, RTL-aware)."""
    if has_arabic(sentence):
        return rtl_markup(sentence, [(start, end)], colour=colour)
    before, term, after = sentence[:start], sentence[start:end], sentence[end:]
    return escape(before) + f'<font backColor="{colour}"><b>{escape(term)}</b></font>' + escape(after)


def _styles(projection: bool = False):
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    s = {
        "title": ParagraphStyle("title", parent=base["Title"], fontName="DejaVu-Bold", fontSize=24, leading=30),
        "subtitle": ParagraphStyle("subtitle", parent=base["Normal"], fontName="DejaVu", fontSize=13, leading=18,
                                   textColor="#333333"),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontName="DejaVu-Bold", fontSize=16, leading=20,
                             spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName="DejaVu-Bold", fontSize=12, leading=15,
                             spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName="DejaVu", fontSize=9.5, leading=13),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontName="DejaVu", fontSize=8, leading=10,
                                textColor="#444444"),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName="DejaVu", fontSize=8, leading=10),
        "example": ParagraphStyle("example", parent=base["BodyText"], fontName="DejaVu", fontSize=8.5, leading=11.5,
                                  leftIndent=10, spaceAfter=3),
    }
    if projection:  # read from the back of a classroom: larger text
        for name, size in (("body", 13), ("example", 12), ("small", 10), ("h1", 20), ("h2", 15)):
            s[name] = ParagraphStyle(f"{name}-projection", parent=s[name], fontSize=size, leading=size * 1.35)
    s["example_rtl"] = ParagraphStyle("example_rtl", parent=s["example"], alignment=TA_RIGHT, rightIndent=10)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=12, bulletIndent=2, spaceAfter=3)
    return s


# ----------------------------------------------------------------------------- findings

def _ci(lo, hi) -> str:
    if lo != lo or hi != hi:  # NaN
        return "no interval: too few documents"
    return f"95% interval {lo:.1f}–{hi:.1f}"


def _plain_rate(rate: float) -> str:
    """A rate per 1,000 words in words a teacher can read aloud: 'about 38 in every 1,000 words
    (one word in 26)'."""
    if rate <= 0:
        return "none in its own voice"
    every = 1000 / rate
    approx = f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}".rstrip("0").rstrip(".")
    return f"about {approx} in every 1,000 words (one word in {every:,.0f})"


def findings(rates: pd.DataFrame, documents: pd.DataFrame, lexicon, *, rates_with_ci: pd.DataFrame | None = None,
             hits: pd.DataFrame | None = None, changes: pd.DataFrame | None = None,
             stats_options=None) -> list[str]:
    """Plain sentences with their numbers and intervals; they describe the counts and claim no more.

    A difference between two outlets is stated as a ratio only when its 95% bootstrap interval
    excludes 1; otherwise the sentence says the difference is within the uncertainty.
    """
    from .stats import StatsOptions, rate_ratio

    stats_options = stats_options or StatsOptions()
    out = []
    totals = rates[(rates["category"] == ALL)].set_index("outlet")
    if totals.empty or totals["hits"].sum() == 0:
        return ["No loaded terms from the lexicons were found in this corpus in the outlets' own voice."]
    ci = {}
    if rates_with_ci is not None:
        t = rates_with_ci[(rates_with_ci["category"] == ALL) & (rates_with_ci["term"] == ALL)]
        ci = {r.group: (r.ci_low, r.ci_high) for r in t.itertuples()}
    unknown = totals[totals.index == UNKNOWN_OUTLET]
    outlets = totals[totals.index != UNKNOWN_OUTLET]
    enough = outlets[(outlets["n_docs"] >= SMALL_DOCS) & (outlets["words"] >= SMALL_WORDS)]
    ranked = enough.sort_values(["rate_per_1k", "words"], ascending=[False, False])
    rule = f"at least {SMALL_DOCS} documents and {SMALL_WORDS:,} words"

    def numbers(name, row):
        return (f"{row['rate_per_1k']:.1f} per 1,000 words, {_ci(*ci.get(name, (float('nan'),) * 2))}; "
                f"{int(row['hits']):,} hits in {int(row['words']):,} words")

    if ranked.empty:
        out.append(f"No outlet has enough text to be ranked ({rule} each), so this report does not say which "
                   "outlet uses loaded words more: the counts below describe small samples.")
    else:
        top_name, top = ranked.index[0], ranked.iloc[0]
        lead = (f"Of the {len(ranked)} outlets with enough text to compare ({rule} each), " if len(ranked) > 1
                else f"Only one outlet has enough text to be compared ({rule}): ")
        out.append(lead + f"<b>{escape(rtl(top_name))}</b> uses loaded words most often in its own voice: "
                   f"{_plain_rate(top['rate_per_1k'])} ({numbers(top_name, top)}).")
        if len(ranked) > 1:
            low_name, low = ranked.index[-1], ranked.iloc[-1]
            t_lo = ci.get(top_name, (float("nan"),) * 2)[0]
            l_hi = ci.get(low_name, (float("nan"),) * 2)[1]
            apart = t_lo == t_lo and l_hi == l_hi and t_lo > l_hi
            out.append(f"<b>{escape(rtl(low_name))}</b> uses them least: {_plain_rate(low['rate_per_1k'])} "
                       f"({numbers(low_name, low)})." + ("" if apart else
                       " Their intervals overlap, so even these two are not clearly apart."))
    labels = {k: c.label for k, c in lexicon.categories.items()}
    # The biggest categories: highest vs lowest outlet, as a ratio with its interval.
    if hits is not None and len(ranked) > 1:  # only outlets with enough text are compared
        cats = rates[(rates["entry"] == ALL) & (rates["category"] != ALL) & rates["outlet"].isin(ranked.index)]
        biggest = cats.groupby("category")["hits"].sum().sort_values(ascending=False)
        for category in [c for c in biggest.index if biggest[c] >= 5][:3]:
            g = cats[cats["category"] == category].sort_values(["rate_per_1k", "outlet"], ascending=[False, True])
            a = g.iloc[0]
            # Compare with the lowest non-zero rate, preferring outlets that are not small samples.
            lower = g[(g["rate_per_1k"] > 0) & (g["outlet"] != a["outlet"])]
            big = lower[(lower["n_docs"] >= SMALL_DOCS) & (lower["words"] >= SMALL_WORDS)]
            b = (big if not big.empty else lower).iloc[-1] if not lower.empty else None
            name = escape(labels.get(category, category).lower())
            if b is None or b["outlet"] == a["outlet"]:
                zero = g[g["rate_per_1k"] == 0]["outlet"].tolist()
                tail = (f"; {', '.join(escape(rtl(z)) for z in zero)} none in its own voice" if zero else "")
                out.append(f"<i>{name.capitalize()}</i>: <b>{escape(rtl(a['outlet']))}</b> uses them "
                           f"{a['rate_per_1k']:.1f} times per 1,000 words{tail}.")
                continue
            r = rate_ratio(documents, hits, a["outlet"], b["outlet"], category=category, options=stats_options)
            if r["ci_low"] > 1:
                hi = "∞" if r["ci_high"] == float("inf") else f"{r['ci_high']:.1f}"
                out.append(f"<i>{name.capitalize()}</i>: <b>{escape(rtl(a['outlet']))}</b> uses them {r['ratio']:.1f} "
                           f"times as often as <b>{escape(rtl(b['outlet']))}</b> (95% interval {r['ci_low']:.1f}–{hi}; "
                           f"{a['rate_per_1k']:.1f} vs {b['rate_per_1k']:.1f} per 1,000 words).")
            else:
                out.append(f"<i>{name.capitalize()}</i>: {escape(rtl(a['outlet']))} ({a['rate_per_1k']:.1f} per 1,000 "
                           f"words) and {escape(rtl(b['outlet']))} ({b['rate_per_1k']:.1f}) differ by less than the "
                           f"uncertainty of these counts allows us to call (ratio {r['ratio']:.1f}, interval includes 1).")
    # Whose words.
    voices = outlets.assign(all=outlets["hits"] + outlets["hits_quoted"] + outlets["hits_attributed"])
    voices = voices[voices["all"] >= 10]
    if not voices.empty:
        parts = [f"{escape(rtl(o))} {r['hits'] / r['all']:.0%}" for o, r in voices.iterrows()]
        out.append("Share of each outlet's loaded terms that are in its own voice (the rest are quotations or "
                   "reported speech): " + "; ".join(parts) + ".")
    # Who calls whom what: the commonest label per referent per outlet.
    terms = rates[(rates["entry"] != ALL) & (rates["hits"] > 0)].copy()
    ref = {e.id: e.referent for e in lexicon.entries}
    terms["referent"] = terms["entry"].map(ref).fillna("")
    terms = terms[(terms["referent"] != "") & (terms["outlet"] != UNKNOWN_OUTLET)]
    shown = 0
    for referent, g in sorted(terms.groupby("referent"), key=lambda kv: -kv[1]["hits"].sum()):
        if g["outlet"].nunique() < 2 or g["hits"].sum() < 5 or shown >= 4:
            continue
        shown += 1
        parts = []
        for outlet, go in g.groupby("outlet", sort=True):
            b = go.sort_values(["hits", "term"], ascending=[False, True]).iloc[0]
            parts.append(f"{escape(rtl(outlet))} most often writes “{escape(rtl(b['term']))}” ({int(b['hits'])}×)")
        out.append(f"Labels for <b>{escape(rtl(referent))}</b>: " + "; ".join(parts) + ".")
    # Label switches.
    if changes is not None and not changes.empty:
        sig = changes[changes["p_adj"] < 0.05].sort_values("p_adj").head(3)
        for r in sig.itertuples():
            out.append(f"<b>{escape(rtl(r.outlet))}</b> changed how it names {escape(rtl(r.referent))} around "
                       f"{escape(str(r.change_period))}: “{escape(rtl(str(r.label_before)))}” before, "
                       f"“{escape(rtl(str(r.label_after)))}” after (permutation test, adjusted p = {r.p_adj:.3f}).")
    small = outlets[(outlets["n_docs"] < SMALL_DOCS) | (outlets["words"] < SMALL_WORDS)]
    if not small.empty:
        lead = (f"Too little text to rank ({rule} are needed), so left out of the comparisons above: " if len(ranked)
                else f"Small samples ({rule} would be needed to rank an outlet): ")
        out.append(lead + ", ".join(
            f"{escape(rtl(o))} ({int(r['n_docs'])} document{'s' if r['n_docs'] != 1 else ''}, {int(r['words']):,} words)"
            for o, r in small.iterrows()) + ".")
    if not unknown.empty:
        r = unknown.iloc[0]
        out.append(f"{int(r['n_docs'])} document(s) ({int(r['words']):,} words) do not say which outlet they come from "
                   f"(“{UNKNOWN_OUTLET}”): they count in the totals but are not compared with the outlets.")
    undated = int(documents["date"].isna().sum())
    if undated:
        out.append(f"{undated} document(s) have no date: they count in the outlet totals but not over time.")
    return out


# ----------------------------------------------------------------------------- the report

FIGURE_FORMATS = ("png", "svg")
# Presets: names accepted by --sections that stand for a set of sections.
# classroom: a short report for projection: summary in plain words, three charts, example sentences.
PRESETS = {"classroom": ("summary", "categories", "voice", "terms", "examples")}
SECTIONS = ("summary", "corpus", "categories", "voice", "rates", "terms", "naming", "time", "keyness",
            "scare_quotes", "audit", "examples", "methods", "lexicon", "reproducibility")


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


def render_report(analysis: Analysis, output: str | Path, options: ReportOptions = ReportOptions()):
    """Write the PDF and its PNG charts; return (pdf path, list of png paths)."""
    from PIL import Image as PILImage
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import (CondPageBreak, Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer,
                                    Table, TableStyle)

    from .plot import (plot_keyness, plot_naming_matrix, plot_rates_ci, plot_timeseries, plot_voice_shares)
    from .stats import StatsOptions, keyness, label_changes, naming_matrix, rates_ci, timeseries

    bad = [f for f in options.figures if f not in FIGURE_FORMATS]
    if bad:
        from .errors import OptionError
        raise OptionError(f"--figures: unknown format(s) {', '.join(bad)}: choose from {', '.join(FIGURE_FORMATS)}")
    unknown = [s for s in options.sections if s not in SECTIONS and s not in PRESETS]
    if unknown:
        from .errors import OptionError
        raise OptionError(f"--sections: unknown section(s) {', '.join(unknown)}: choose from {', '.join(SECTIONS)} "
                          f"or the preset {', '.join(PRESETS)}")
    classroom = "classroom" in options.sections
    sections = set(options.sections or SECTIONS)
    for preset in PRESETS:
        if preset in sections:
            sections = (sections - {preset}) | set(PRESETS[preset])
    _register_fonts()
    output = Path(output)
    if output.suffix.lower() != ".pdf":
        output = output.with_suffix(".pdf")
    ensure_dir(output.parent if str(output.parent) else ".")
    st = _styles(projection=classroom)
    docs, hits, lexicon = analysis.documents, analysis.hits, analysis.lexicon
    stats_options = StatsOptions(period=options.period, seed=options.seed)
    rates = rates_by_outlet(docs, hits)
    rates = rates[~rates["category"].isin(APART)]  # measures of their own have their own pages
    period_rates = rates_by_period(docs, hits, options.period)
    summary = corpus_summary(docs)
    colours = outlet_colours(docs["outlet"].unique())
    cat_labels = {k: c.label for k, c in lexicon.categories.items()}
    with_ci = rates_ci(docs, hits, ("outlet",), stats_options)
    naming = naming_matrix(docs, hits, ("outlet",), stats_options)
    dated = docs["date"].notna().sum() >= 2
    series = timeseries(docs, hits, stats_options) if dated else None
    changes = label_changes(docs, hits, stats_options) if dated else None
    key = keyness(docs, hits, ("outlet",), stats_options) if docs["outlet"].nunique() > 1 else None

    # Charts, written as PNG beside the PDF and embedded from those files.
    stem = output.with_suffix("")
    charts = {
        "categories": ("category-rates", lambda: plot_category_rates(rates, category_labels=cat_labels, colours=colours)),
        "rates": ("rates-ci", lambda: plot_rates_ci(with_ci, colours=colours)),
        "voice": ("voice", lambda: plot_voice_shares(rates)),
        "terms": ("term-heatmap", lambda: plot_term_heatmap(rates)),
        "naming": ("naming", lambda: plot_naming_matrix(naming)),
        "time": ("rate-over-time", lambda: plot_timeseries(series, changes=changes, colours=colours)
                 if series is not None else plot_rate_over_time(period_rates, colours=colours)),
        "keyness": ("keyness", lambda: plot_keyness(key)),
    }
    pngs: dict[str, Path] = {}
    for section, (name, draw) in charts.items():
        if section not in sections or (section == "keyness" and key is None):
            continue
        png = Path(f"{stem}-{name}.png")
        drawn = draw()
        with atomic_path(png) as tmp:
            save_figure(drawn, tmp, dpi=200, fmt="png", close="svg" not in options.figures)
        if "svg" in options.figures:
            with atomic_path(png.with_suffix(".svg")) as tmp:
                save_figure(drawn, tmp, fmt="svg")
        pngs[section] = png

    page = A4 if options.page_size.upper() == "A4" else letter
    width = page[0] - 4 * cm
    max_height = page[1] - 6.5 * cm

    def chart(section, max_share: float = 1.0):
        path = pngs[section] if section in pngs else section
        with PILImage.open(path) as im:
            w, h = im.size
        height = width * h / w
        scale = min(1.0, max_height * max_share / height)
        return Image(str(path), width=width * scale, height=height * scale)

    def table(rows, col_widths, header=True):
        t = Table(rows, colWidths=col_widths, repeatRows=1 if header else 0)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), "DejaVu", 8),
            ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ]))
        return t

    def chart_page(section, heading, note):
        if section not in pngs:
            return []
        return [Paragraph(heading, st["h1"]), chart(section), Spacer(1, 4), Paragraph(note, st["small"]), PageBreak()]

    story = []
    n_docs, n_outlets = len(docs), docs["outlet"].nunique()
    dates = docs["date"].dropna()
    span = f"{dates.min():%d %B %Y} to {dates.max():%d %B %Y}" if not dates.empty else "no dates given"
    # Cover (classroom: one line under the title, then straight to the findings)
    if classroom:
        story += [Paragraph("Loaded language and framing", st["title"]), Paragraph(escape(options.title), st["subtitle"]),
                  Paragraph(f"{n_docs:,} articles from {n_outlets} outlet(s), {span}. This counts wording: which loaded "
                            "words each outlet uses, how often and in whose voice. It does not judge whether a word is "
                            "deserved.", st["body"]), Spacer(1, 0.6 * cm)]
    story += [] if classroom else [Spacer(1, 4 * cm), Paragraph("Loaded language and framing", st["title"]),
              Paragraph(escape(options.title), st["subtitle"]), Spacer(1, 1.2 * cm)]
    cover = [
        ["Corpus", f"{n_docs:,} documents from {n_outlets} outlet(s), {int(docs['words'].sum()):,} words"],
        ["Dates", span],
        ["Lexicons", ", ".join("/".join(Path(f).parts[-2:]) if f.endswith("core.tsv") else Path(f).name
                               for f in lexicon.files) + f" ({len(lexicon):,} entries)"],
        ["Hits counted", f"{int((hits['sense'] == 'loaded').sum()):,} loaded-term hits "
                         f"({int(((hits['sense'] == 'loaded') & (hits['voice'] == 'own') & ~hits['negated']).sum()):,} in the outlets' own voice)"],
        ["Produced by", f"framing {__version__}"],
    ]
    if not classroom:
        story.append(table([[Paragraph(f"<b>{a}</b>", st["cell"]), Paragraph(escape(b), st["cell"])] for a, b in cover],
                           [3.5 * cm, width - 3.5 * cm], header=False))
        story += [Spacer(1, 1 * cm), Paragraph(
            "This report counts wording: which loaded terms each outlet uses, how often, for whom, and in whose "
            "voice. It does not judge whether a label is deserved. Each term comes from a lexicon entry with a neutral "
            "alternative and a rationale (see the appendix and the methods page).", st["body"]), PageBreak()]

    if "summary" in sections:
        story.append(Paragraph("Summary of findings", st["h1"]))
        said = findings(rates, docs, lexicon, rates_with_ci=with_ci, hits=hits, changes=changes,
                        stats_options=stats_options)
        if classroom:  # for projection: the findings, not the long per-outlet lists of labels
            said = [x for x in said if not x.startswith("Labels for")]
        for sentence in said:
            story.append(Paragraph(sentence, st["bullet"], bulletText="•"))
        story.append(Spacer(1, 0.4 * cm))
        story.append(Paragraph("Rates are hits per 1,000 words in the outlet's own voice: terms inside quotations or "
                               "reported speech, and negated terms, are counted apart. Intervals are 95% bootstrap "
                               "intervals over documents (see the methods page).", st["small"]))
    if "corpus" in sections:
        story.append(CondPageBreak(4 * cm))  # the heading stays with its table
        story.append(Paragraph("The corpus", st["h2"]))
        rows = [["Outlet", "Documents", "Words", "First date", "Last date", "Undated", "Hits"]]
        for r in summary.itertuples():
            rows.append([bidi_paragraph(r.outlet, st["cell"]), f"{r.documents:,}", f"{r.words:,}",
                         r.first_date or "–", r.last_date or "–", str(r.undated), f"{r.hits:,}"])
        rows.append(["Total", f"{int(summary['documents'].sum()):,}", f"{int(summary['words'].sum()):,}",
                     "", "", str(int(summary["undated"].sum())), f"{int(summary['hits'].sum()):,}"])
        story.append(table(rows, [5 * cm] + [(width - 5 * cm) / 6] * 6))
        counts = analysis.manifest.counts()
        if counts.get("skipped") or counts.get("duplicate") or counts.get("filler"):
            story.append(Spacer(1, 4))
            story.append(Paragraph(escape(analysis.manifest.summary()) + " Every input record and what became of it "
                                   "is listed in the manifest.", st["small"]))
        reposts = [r for r in analysis.manifest.rows if r["status"] == "duplicate"]
        if reposts:
            story.append(Paragraph("Reposts, analysed once (as the article they repeat)", st["h2"]))
            rows = [["Repost", "Repeats", "Why"]]
            for r in reposts[:15]:
                rows.append([Paragraph(escape(f"{Path(r['file']).name} {r['record']}"), st["cell"]),
                             Paragraph(escape(r["doc_id"] or "–"), st["cell"]), Paragraph(escape(r["reason"]), st["cell"])])
            story.append(table(rows, [5 * cm, 4 * cm, width - 9 * cm]))
            if len(reposts) > 15:
                story.append(Paragraph(f"... and {len(reposts) - 15} more, listed in the manifest.", st["small"]))
    if {"summary", "corpus"} & sections:
        story.append(PageBreak())

    story += chart_page("categories", "Loaded terms by category",
                        "Each bar (with more than eight outlets, each cell) is one outlet's rate for one category of "
                        "the lexicon, in its own voice. "
                        "Categories are defined in the lexicon codebook.")
    story += chart_page("rates", "How sure are we? Rates with intervals",
                        "Dots: each outlet's rate of loaded terms in its own voice; bars: 95% bootstrap intervals "
                        "(documents resampled). Where two intervals overlap widely, the data do not separate the outlets.")
    story += chart_page("voice", "Whose words are they?",
                        "A loaded term inside a quotation is the speaker's wording, not the outlet's; in reported speech "
                        "(\"X said that ...\") it is attributed. Only the outlet's own voice counts in the rates.")
    story += chart_page("terms", "Which terms each outlet uses",
                        "Colour: rate per 1,000 words in the outlet's own voice; numbers: hits.")
    story += chart_page("naming", "Who calls whom what",
                        "For each actor the lexicon knows (its referent), the labels each outlet uses for it, as "
                        "shares of that outlet's labels for the actor. Pale bars: fewer than 10 hits.")
    story += chart_page("time", "Over time",
                        f"Periods: {options.period}. Shaded: 95% intervals; hollow markers: periods with few documents "
                        "or words; vertical lines: label switches found by the change-point test. Undated documents "
                        "are left out.")
    story += chart_page("keyness", "What sets each outlet apart",
                        "Terms each outlet uses more (right) or less (left) than the others: z-score of the log-odds "
                        "ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008). Pale bars are "
                        "not significant after Benjamini-Hochberg correction.")

    story += _measured_pages(docs, hits, options, sections, st, table, width, stem, stats_options, pngs, chart,
                             cat_labels)

    if "examples" in sections:
        story.append(Paragraph("Top terms per outlet, with examples", st["h1"]))
        story.append(Paragraph("For each outlet, its most frequent loaded terms in its own voice, each with an example "
                               "sentence from the corpus in the outlet's own voice where one was kept. The term is "
                               "highlighted; the note after it says whose voice the sentence is in.", st["small"]))
        entries = lexicon.by_id
        shown_terms = min(options.top_terms, 2) if classroom else options.top_terms
        for outlet, g in top_terms(rates, shown_terms).groupby("outlet", sort=True):
            block = [Paragraph(escape(rtl(outlet)), st["h2"])]
            for r in g.itertuples():
                e = entries.get(r.entry)
                neutral = f" · neutral: {escape(rtl(', '.join(e.neutral[:2])))}" if e else ""
                block.append(Paragraph(
                    f"<b>{escape(rtl(r.term))}</b> — {r.hits} hit(s), {r.rate_per_1k:.2f} per 1,000 words · "
                    f"<i>{escape(cat_labels.get(r.category, r.category))}</i>{neutral}", st["body"]))
                kept = _examples_for(analysis.examples, outlet, r.entry)
                own = [x for x in kept if x.voice == "own"]
                if kept and not own:
                    block.append(Paragraph("No example in the outlet's own voice was kept for this term; the "
                                           "sentence below has it in someone else's words.", st["small"]))
                for ex in (own or kept)[:1]:
                    story_style = st["example_rtl"] if has_arabic(ex.sentence) else st["example"]
                    date = f"{ex.date:%Y-%m-%d}" if isinstance(ex.date, pd.Timestamp) and not pd.isna(ex.date) else "no date"
                    quoted = highlight(_trim(ex), *_trim_offsets(ex))
                    quoted = quoted if has_arabic(ex.sentence) else f"“{quoted}”"
                    sep = "<br/>" if has_arabic(ex.sentence) else " "  # the note on its own line under Arabic
                    block.append(Paragraph(f"{quoted}{sep}"
                                           f"<font color='#555555' size='7'>({escape(VOICE_LABEL.get(ex.voice, ex.voice))}; "
                                           f"{escape(ex.doc_id)}, {date})</font>", story_style))
            story.append(KeepTogether(block))
        story.append(PageBreak())

    if "methods" in sections:
        story.append(Paragraph("What was counted, and how", st["h1"]))
        for para in methods_text(lexicon, options):
            story.append(Paragraph(para, st["body"]))
            story.append(Spacer(1, 0.2 * cm))
    if "reproducibility" in sections:
        story.append(Paragraph("Reproducibility", st["h2"]))
        repro = [["Command", options.command], ["framing", __version__], ["Python", platform.python_version()],
                 ["pandas / matplotlib", f"{pd.__version__} / {matplotlib.__version__}"],
                 ["Lexicon files", "; ".join(lexicon.files)], ["Lexicon sha256", lexicon.digest],
                 ["Random seed", f"{options.seed} (bootstrap: {stats_options.n_boot} replicates; "
                                 f"change points: {stats_options.n_perm} permutations)"],
                 ["Classifier", "not used in this report's counts"]]
        story.append(table([[Paragraph(f"<b>{a}</b>", st["cell"]), Paragraph(escape(b), st["cell"])] for a, b in repro],
                           [3.5 * cm, width - 3.5 * cm], header=False))
    if {"methods", "reproducibility"} & sections:
        story.append(PageBreak())

    if "lexicon" in sections:
        story.append(Paragraph("Appendix: the lexicon entries found in this corpus", st["h1"]))
        story.append(Paragraph(f"{len(lexicon):,} entries were searched; these are the ones with at least one hit, with "
                               "their category, strength (1 mild – 3 extreme), a neutral alternative and why the term is "
                               "loaded. The full lexicons are in the files listed on the reproducibility page.", st["small"]))
        used = hits[hits["sense"] == "loaded"].groupby("entry").size().sort_values(ascending=False)
        rows = [["Term", "Category", "Str.", "Hits", "Neutral", "Why it is loaded"]]
        for eid, n in used.items():
            e = lexicon.by_id.get(eid)
            if e is None:
                continue
            rows.append([bidi_paragraph(e.term, st["cell"]),
                         Paragraph(escape(cat_labels.get(e.category, e.category)), st["cell"]), str(e.strength),
                         str(int(n)), bidi_paragraph(", ".join(e.neutral[:2]), st["cell"]),
                         bidi_paragraph(e.rationale, st["cell"])])
        story.append(table(rows, [3.2 * cm, 3.0 * cm, 0.9 * cm, 1.1 * cm, 3.0 * cm, width - 11.2 * cm]))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 7.5)
        canvas.setFillGray(0.35)
        canvas.drawString(2 * cm, 1.2 * cm, f"framing {__version__} · {options.title[:80]}")
        canvas.drawRightString(page[0] - 2 * cm, 1.2 * cm, f"page {doc.page}")
        canvas.restoreState()

    while story and isinstance(story[-1], PageBreak):
        story.pop()
    with atomic_path(output) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=page, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                                bottomMargin=2 * cm, title=f"Loaded language and framing: {options.title}",
                                author=f"framing {__version__}", creator=f"framing {__version__}",
                                subject="Loaded language and framing report", invariant=1)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return output, list(pngs.values())


def _measured_pages(docs, hits, options: ReportOptions, sections, st, table, width, stem, stats_options, pngs,
                    chart, cat_labels) -> list:
    """Scare quotes as a measure of their own, and rates corrected by an audit (framing.audit_report)."""
    from .audit_report import audit_story, scare_story

    story = []
    if "scare_quotes" in sections:
        story += scare_story(docs, hits, count=options.count_scare_quotes, st=st, table=table, width=width, stem=stem,
                             stats_options=stats_options, pngs=pngs, image=chart, audit_dir=options.audit)
    if "audit" in sections and options.audit:
        story += audit_story(docs, hits, options.audit, st=st, table=table, width=width, stats_options=stats_options,
                             cat_labels=cat_labels)
    return story


def methods_text(lexicon, options: ReportOptions) -> list[str]:
    cats = ", ".join(f"<i>{escape(c.label.lower())}</i>" for c in lexicon.categories.values())
    paras = [
        f"<b>Terms.</b> Each document was searched for the {len(lexicon):,} entries of the lexicons listed below. "
        f"An entry is a loaded term with its variants, a category ({cats}), what it names (its referent), a "
        "strength from 1 (mild) to 3 (extreme), a neutral alternative and a rationale.",
        "<b>Matching.</b> Case-insensitive, whole words; hyphens and spaces are interchangeable; where two entries "
        "overlap the longest match wins. Arabic is matched after removing diacritics and unifying letter forms, "
        f"with attached prefixes ({rtl('و ف ب ل ك ال')}) allowed.",
        "<b>Context.</b> Each hit is read in context: whether it is in the outlet's own voice, inside a quotation, "
        "or in reported speech; whether it is negated; whether an ambiguous word (\"occupation\" as a job, "
        "\"sanctions regime\") is used in its loaded sense. Uses in a neutral sense are not counted.",
        "<b>Scare quotes.</b> A short quotation (one to four words) that nobody is shown saying is read as a scare "
        "quote, and its words are a hit even when no lexicon lists them. This reading is "
        "uncertain. On hand-labelled real news (scripts/evaluate_real_news.py), 90% of the scare quotes found in "
        "articles of partisan outlets were scare quotes, but only 13-14% of those found in mainstream US news, "
        "where short quotations mostly repeat a speaker's words or name a thing. Compare scare-quote counts "
        "between outlets of the same kind, and read them in the hits table before relying on them, or measure "
        "their precision on this corpus with framing audit. "
        + ("In this report they are counted as delegitimising hits (--count-scare-quotes)." if options.count_scare_quotes
           else "In this report they are a measure of their own (their page): not added into the category rates "
                "or the totals."),
        "<b>Rates.</b> A rate is the number of hits in the outlet's own voice per 1,000 words, where words are all "
        "white-space separated tokens of all the outlet's documents (also those without any hit). Rates let outlets "
        "with different amounts of text be compared; they say nothing about why an outlet writes as it does.",
        "<b>Intervals.</b> Each 95% interval comes from a bootstrap over documents: the outlet's documents are "
        "drawn again with replacement, the rate recomputed, 2,000 times, with a fixed seed so that reruns give the "
        "same intervals. A ratio between two outlets is reported only when its interval excludes 1. Documents are "
        "treated as independent; stories that repeat each other make intervals too narrow.",
        "<b>Keyness and label switches.</b> Terms that set an outlet apart are ranked by the z-score of the "
        "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), with "
        "Benjamini-Hochberg correction across all terms. A label switch is the split in time that best separates an "
        "outlet's label shares for one actor (log-likelihood G2), tested by permuting the documents' order.",
        f"<b>Limits.</b> A lexicon sees only the terms someone listed, and a word can be loaded in one context and "
        f"neutral in another; rules catch the common neutral senses, not all. Outlets with fewer than {SMALL_DOCS} "
        f"documents or {SMALL_WORDS:,} words give unstable rates: the summary names them as small samples and does not "
        f"rank them; documents that do not say their outlet are never compared with the outlets. Periods with little "
        "text are drawn hollow in charts over time. The corpus is what the user supplied: it may not represent each "
        "outlet's output as a whole.",
    ]
    if options.audit:
        from .audit_rates import load_audit, methods_paragraph

        text = methods_paragraph(load_audit(options.audit))
        paras.append("<b>Audit.</b> " + escape(text.removeprefix("Audit. ")))
    return paras


def _examples_for(examples: dict, outlet: str, entry: str) -> list[Example]:
    return examples.get((outlet, entry), [])


_MAX_EXAMPLE = 320


def _trim(ex: Example) -> str:
    s, a, b = ex.sentence, ex.start, ex.end
    if len(s) <= _MAX_EXAMPLE:
        return s
    lo = max(0, a - 150)
    hi = min(len(s), b + 150)
    return ("…" if lo else "") + s[lo:hi] + ("…" if hi < len(s) else "")


def _trim_offsets(ex: Example) -> tuple[int, int]:
    s, a, b = ex.sentence, ex.start, ex.end
    if len(s) <= _MAX_EXAMPLE:
        return a, b
    lo = max(0, a - 150)
    shift = lo - (1 if lo else 0)
    return a - shift, b - shift
