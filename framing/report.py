"""Analysis -> PDF report (reportlab) with its charts also written as PNG beside it.

Only this layer writes files. The PDF has real, selectable text with embedded fonts (DejaVu Sans,
shipped with matplotlib, which also covers Arabic; Arabic is shaped and ordered right-to-left).
Output is reproducible: the same analysis gives the same pages (reportlab's invariant mode, no
timestamps).
"""
from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
import pandas as pd

from . import __version__
from .analyze import Analysis, Example
from .normalize import has_arabic
from .output import atomic_path, ensure_dir
from .plot import (outlet_colours, plot_category_rates, plot_rate_over_time, plot_term_heatmap,
                   save_figure)
from .tables import ALL, corpus_summary, rates_by_outlet, rates_by_period, top_terms

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
    """Arabic text shaped and in visual order for a left-to-right renderer; other text unchanged."""
    if not has_arabic(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def highlight(sentence: str, start: int, end: int, colour: str = "#FFE08A") -> str:
    """Paragraph markup of ``sentence`` with ``sentence[start:end]`` highlighted (escaped, RTL-aware)."""
    before, term, after = sentence[:start], sentence[start:end], sentence[end:]
    mark = f'<font backColor="{colour}"><b>{escape(rtl(term))}</b></font>'
    if has_arabic(sentence):
        # Visual order of a right-to-left line: what follows the term is drawn to its left.
        return escape(rtl(after)) + mark + escape(rtl(before))
    return escape(before) + mark + escape(after)


def _styles():
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
    s["example_rtl"] = ParagraphStyle("example_rtl", parent=s["example"], alignment=TA_RIGHT, rightIndent=10)
    s["bullet"] = ParagraphStyle("bullet", parent=s["body"], leftIndent=12, bulletIndent=2, spaceAfter=3)
    return s


# ----------------------------------------------------------------------------- findings

def findings(rates: pd.DataFrame, documents: pd.DataFrame, lexicon) -> list[str]:
    """Plain sentences with their numbers; they describe the counts and claim nothing more."""
    out = []
    totals = rates[(rates["category"] == ALL)].set_index("outlet")
    if totals.empty:
        return ["No loaded terms from the lexicons were found in this corpus."]
    ranked = totals.sort_values("rate_per_1k", ascending=False)
    top, low = ranked.iloc[0], ranked.iloc[-1]
    out.append(f"<b>{escape(ranked.index[0])}</b> uses loaded terms in its own voice most often: "
               f"{top['rate_per_1k']:.1f} per 1,000 words ({int(top['hits'])} hits in {int(top['words']):,} words).")
    if len(ranked) > 1:
        out.append(f"<b>{escape(ranked.index[-1])}</b> uses them least: {low['rate_per_1k']:.1f} per 1,000 words "
                   f"({int(low['hits'])} hits in {int(low['words']):,} words).")
    cats = rates[(rates["entry"] == ALL) & (rates["category"] != ALL) & (rates["hits"] > 0)]
    labels = {k: c.label for k, c in lexicon.categories.items()}
    for outlet, g in cats.groupby("outlet", sort=True):
        best = g.sort_values(["rate_per_1k", "category"], ascending=[False, True]).iloc[0]
        out.append(f"{escape(outlet)}: the largest category is <i>{escape(labels.get(best['category'], best['category']))}</i> "
                   f"({best['rate_per_1k']:.1f} per 1,000 words).")
    # Who calls whom what: the commonest label per referent per outlet.
    terms = rates[(rates["entry"] != ALL) & (rates["hits"] > 0)].copy()
    ref = {e.id: e.referent for e in lexicon.entries}
    terms["referent"] = terms["entry"].map(ref).fillna("")
    terms = terms[terms["referent"] != ""]
    for referent, g in terms.groupby("referent", sort=True):
        if g["outlet"].nunique() < 2 or g["hits"].sum() < 5:
            continue
        parts = []
        for outlet, go in g.groupby("outlet", sort=True):
            b = go.sort_values(["hits", "term"], ascending=[False, True]).iloc[0]
            parts.append(f"{escape(outlet)} most often writes “{escape(rtl(b['term']))}” ({int(b['hits'])}×)")
        out.append(f"Labels for <b>{escape(rtl(referent))}</b>: " + "; ".join(parts) + ".")
    small = totals[(totals["n_docs"] < SMALL_DOCS) | (totals["words"] < SMALL_WORDS)]
    if not small.empty:
        out.append("Small samples, read with care: " + ", ".join(
            f"{escape(o)} ({int(r['n_docs'])} documents, {int(r['words']):,} words)" for o, r in small.iterrows()) + ".")
    undated = int(documents["date"].isna().sum())
    if undated:
        out.append(f"{undated} document(s) have no date: they count in the outlet totals but not over time.")
    return out


# ----------------------------------------------------------------------------- the report

def render_report(analysis: Analysis, output: str | Path, options: ReportOptions = ReportOptions()):
    """Write the PDF and its PNG charts; return (pdf path, list of png paths)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import (Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer,
                                    Table, TableStyle)

    _register_fonts()
    output = Path(output)
    if output.suffix.lower() != ".pdf":
        output = output.with_suffix(".pdf")
    ensure_dir(output.parent if str(output.parent) else ".")
    st = _styles()
    docs, hits, lexicon = analysis.documents, analysis.hits, analysis.lexicon
    rates = rates_by_outlet(docs, hits)
    period_rates = rates_by_period(docs, hits, options.period)
    summary = corpus_summary(docs)
    colours = outlet_colours(docs["outlet"].unique())
    cat_labels = {k: c.label for k, c in lexicon.categories.items()}

    # Charts, written as PNG beside the PDF and embedded from those files.
    stem = output.with_suffix("")
    charts = [
        ("category-rates", lambda: plot_category_rates(rates, category_labels=cat_labels, colours=colours), 8,
         max(3.5, 0.62 * rates[(rates["entry"] == ALL) & (rates["category"] != ALL)]["category"].nunique() + 1.6)),
        ("term-heatmap", lambda: plot_term_heatmap(rates), 8, 6),
        ("rate-over-time", lambda: plot_rate_over_time(period_rates, colours=colours), 8, 4.2),
    ]
    pngs = []
    for name, draw, w, h in charts:
        png = Path(f"{stem}-{name}.png")
        with atomic_path(png) as tmp:
            save_figure(draw(), tmp, dpi=200, fmt="png")
        pngs.append((png, w, h))

    page = A4 if options.page_size.upper() == "A4" else letter
    width = page[0] - 4 * cm

    def chart(png, w, h):
        return Image(str(png), width=width, height=width * h / w)

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

    story = []
    n_docs, n_outlets = len(docs), docs["outlet"].nunique()
    dated = docs["date"].dropna()
    span = f"{dated.min():%d %B %Y} to {dated.max():%d %B %Y}" if not dated.empty else "no dates given"
    # Cover
    story += [Spacer(1, 4 * cm), Paragraph("Loaded language and framing", st["title"]),
              Paragraph(escape(options.title), st["subtitle"]), Spacer(1, 1.2 * cm)]
    cover = [
        ["Corpus", f"{n_docs:,} documents from {n_outlets} outlet(s), {int(docs['words'].sum()):,} words"],
        ["Dates", span],
        ["Lexicons", ", ".join(Path(f).name if not f.endswith("core.tsv") else "/".join(Path(f).parts[-2:])
                               for f in lexicon.files) + f" ({len(lexicon):,} entries)"],
        ["Hits counted", f"{int((hits['sense'] == 'loaded').sum()):,} loaded-term hits"],
        ["Produced by", f"framing {__version__}"],
    ]
    story.append(table([[Paragraph(f"<b>{a}</b>", st["cell"]), Paragraph(escape(b), st["cell"])] for a, b in cover],
                       [3.5 * cm, width - 3.5 * cm], header=False))
    story += [Spacer(1, 1 * cm), Paragraph(
        "This report counts wording: which loaded terms each outlet uses, how often, and in whose voice. "
        "It does not judge whether a label is deserved. Each term comes from a lexicon entry with a neutral "
        "alternative and a rationale (see the methods page).", st["body"]), PageBreak()]

    # Summary of findings
    story.append(Paragraph("Summary of findings", st["h1"]))
    for sentence in findings(rates, docs, lexicon):
        story.append(Paragraph(sentence, st["bullet"], bulletText="•"))
    story.append(Spacer(1, 0.4 * cm))
    story.append(Paragraph("Rates are hits per 1,000 words in the outlet's own voice: terms inside quotations or "
                           "reported speech, and negated terms, are counted apart (see the methods page).", st["small"]))

    # Corpus summary
    story.append(Paragraph("The corpus", st["h2"]))
    rows = [["Outlet", "Documents", "Words", "First date", "Last date", "Undated", "Hits"]]
    for r in summary.itertuples():
        rows.append([Paragraph(escape(rtl(r.outlet)), st["cell"]), f"{r.documents:,}", f"{r.words:,}",
                     r.first_date or "–", r.last_date or "–", str(r.undated), f"{r.hits:,}"])
    rows.append(["Total", f"{int(summary['documents'].sum()):,}", f"{int(summary['words'].sum()):,}",
                 "", "", str(int(summary["undated"].sum())), f"{int(summary['hits'].sum()):,}"])
    story.append(table(rows, [5 * cm] + [(width - 5 * cm) / 6] * 6))
    story.append(PageBreak())

    # Charts
    story.append(Paragraph("Loaded terms by category", st["h1"]))
    story.append(chart(*pngs[0]))
    story.append(Paragraph("Each bar is one outlet's rate for one category of the lexicon. "
                           "Categories are defined in the lexicon codebook.", st["small"]))
    story.append(PageBreak())
    story.append(Paragraph("Which terms each outlet uses", st["h1"]))
    story.append(chart(*pngs[1]))
    story.append(PageBreak())
    story.append(Paragraph("Over time", st["h1"]))
    story.append(chart(*pngs[2]))
    story.append(Paragraph(f"Periods: {options.period}. Documents without a date are left out of this chart.",
                           st["small"]))
    story.append(PageBreak())

    # Top terms with examples
    story.append(Paragraph("Top terms per outlet, with examples", st["h1"]))
    story.append(Paragraph("For each outlet, its most frequent loaded terms in its own voice, each with an example "
                           "sentence from the corpus. The term is highlighted; the note after it says whose voice "
                           "the sentence is in.", st["small"]))
    entries = lexicon.by_id
    for outlet, g in top_terms(rates, options.top_terms).groupby("outlet", sort=True):
        block = [Paragraph(escape(rtl(outlet)), st["h2"])]
        for r in g.itertuples():
            e = entries.get(r.entry)
            neutral = f" · neutral: {escape(rtl(', '.join(e.neutral[:2])))}" if e else ""
            block.append(Paragraph(
                f"<b>{escape(rtl(r.term))}</b> — {r.hits} hit(s), {r.rate_per_1k:.2f} per 1,000 words · "
                f"<i>{escape(cat_labels.get(r.category, r.category))}</i>{neutral}", st["body"]))
            for ex in _examples_for(analysis.examples, outlet, r.entry)[:1]:
                story_style = st["example_rtl"] if has_arabic(ex.sentence) else st["example"]
                date = f"{ex.date:%Y-%m-%d}" if isinstance(ex.date, pd.Timestamp) and not pd.isna(ex.date) else "no date"
                block.append(Paragraph(f"“{highlight(_trim(ex), *_trim_offsets(ex))}” "
                                       f"<font color='#555555' size='7'>({escape(VOICE_LABEL.get(ex.voice, ex.voice))}; "
                                       f"{escape(ex.doc_id)}, {date})</font>", story_style))
        story.append(KeepTogether(block))
    story.append(PageBreak())

    # Methods
    story.append(Paragraph("What was counted, and how", st["h1"]))
    for para in methods_text(lexicon, options):
        story.append(Paragraph(para, st["body"]))
        story.append(Spacer(1, 0.2 * cm))
    story.append(Paragraph("Reproducibility", st["h2"]))
    repro = [["Command", options.command], ["framing", __version__], ["Python", platform.python_version()],
             ["pandas / matplotlib", f"{pd.__version__} / {matplotlib.__version__}"],
             ["Lexicon files", "; ".join(lexicon.files)], ["Lexicon sha256", lexicon.digest]]
    story.append(table([[Paragraph(f"<b>{a}</b>", st["cell"]), Paragraph(escape(b), st["cell"])] for a, b in repro],
                       [3.5 * cm, width - 3.5 * cm], header=False))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 7.5)
        canvas.setFillGray(0.35)
        canvas.drawString(2 * cm, 1.2 * cm, f"framing {__version__} · {options.title[:80]}")
        canvas.drawRightString(page[0] - 2 * cm, 1.2 * cm, f"page {doc.page}")
        canvas.restoreState()

    with atomic_path(output) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=page, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                                bottomMargin=2 * cm, title=f"Loaded language and framing: {options.title}",
                                author=f"framing {__version__}", creator=f"framing {__version__}",
                                subject="Loaded language and framing report", invariant=1)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return output, [p for p, _, _ in pngs]


def methods_text(lexicon, options: ReportOptions) -> list[str]:
    cats = ", ".join(f"<i>{escape(c.label.lower())}</i>" for c in lexicon.categories.values())
    return [
        f"<b>Terms.</b> Each document was searched for the {len(lexicon):,} entries of the lexicons listed below. "
        f"An entry is a loaded term with its variants, a category ({cats}), what it names (its referent), a "
        "strength from 1 (mild) to 3 (extreme), a neutral alternative and a rationale.",
        "<b>Matching.</b> Case-insensitive, whole words; hyphens and spaces are interchangeable; where two entries "
        "overlap the longest match wins. Arabic is matched after removing diacritics and unifying letter forms, "
        f"with attached prefixes ({rtl('و ف ب ل ك ال')}) allowed.",
        "<b>Context.</b> Each hit is read in context: whether it is in the outlet's own voice, inside a quotation, "
        "or in reported speech; whether it is negated; whether an ambiguous word (\"occupation\" as a job, "
        "\"sanctions regime\") is used in its loaded sense. Uses in a neutral sense are not counted.",
        "<b>Rates.</b> A rate is the number of hits in the outlet's own voice per 1,000 words, where words are all "
        "white-space separated tokens of all the outlet's documents (also those without any hit). Rates let outlets "
        "with different amounts of text be compared; they say nothing about why an outlet writes as it does.",
        f"<b>Limits.</b> A lexicon sees only the terms someone listed, and a word can be loaded in one context and "
        f"neutral in another; rules catch the common neutral senses, not all. Outlets with fewer than {SMALL_DOCS} "
        f"documents or {SMALL_WORDS:,} words give unstable rates and are flagged in the summary. Periods with little "
        "text are drawn hollow in charts over time. The corpus is what the user supplied: it may not represent each "
        "outlet's output as a whole.",
    ]


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
