"""Ready tables -> PDF report (reportlab) with its charts also written as PNG beside it.

Every number on the pages is computed by :mod:`framing.report_tables` (the findings by
:mod:`framing.report_findings`, the methods text by :mod:`framing.report_methods`); this module only
lays them out, and draws the charts from them with :mod:`framing.plots`. Only this layer writes
files. The PDF has real, selectable text with embedded fonts (DejaVu Sans, shipped with matplotlib,
which also covers Arabic; Arabic is shaped and ordered right-to-left). Output is reproducible: the
same analysis gives the same pages (reportlab's invariant mode, no timestamps).
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
import pandas as pd

from . import __version__
from .analyze import Analysis, Example
from .bidi import paragraph as bidi_paragraph
from .normalize import has_arabic
from .output import atomic_path, ensure_dir
from .plots import (outlet_colours, plot_category_rates, plot_keyness, plot_naming_matrix, plot_rate_over_time,
                    plot_rates_ci, plot_term_heatmap, plot_timeseries, plot_voice_shares, save_figure)
from .report_findings import inline_rtl as rtl
from .report_tables import ReportOptions, ReportTables, report_tables, select  # noqa: F401 (select: the commands')

VOICE_LABEL = {"own": "outlet's own voice", "quoted": "inside a quotation", "attributed": "reported speech"}


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


# ----------------------------------------------------------------------------- the report

CHARTS = {  # section: (file name, heading, note); the note may name the run's {period}
    "categories": ("category-rates", "Loaded terms by category",
                   "Each bar (with more than eight outlets, each cell) is one outlet's rate for one category of the "
                   "lexicon, in its own voice. Categories are defined in the lexicon codebook."),
    "rates": ("rates-ci", "How sure are we? Rates with intervals",
              "Dots: each outlet's rate of loaded terms in its own voice; bars: 95% bootstrap intervals (documents "
              "resampled). Where two intervals overlap widely, the data do not separate the outlets."),
    "voice": ("voice", "Whose words are they?",
              "A loaded term inside a quotation is the speaker's wording, not the outlet's; in reported speech "
              "(\"X said that ...\") it is attributed. Only the outlet's own voice counts in the rates."),
    "terms": ("term-heatmap", "Which terms each outlet uses",
              "Colour: rate per 1,000 words in the outlet's own voice; numbers: hits."),
    "naming": ("naming", "Who calls whom what",
               "For each actor the lexicon knows (its referent), the labels each outlet uses for it, as shares of "
               "that outlet's labels for the actor. Pale bars: fewer than 10 hits."),
    "time": ("rate-over-time", "Over time",
             "Periods: {period}. Shaded: 95% intervals; hollow markers: periods with few documents or words; "
             "vertical lines: label switches found by the change-point test. Undated documents are left out."),
    "keyness": ("keyness", "What sets each outlet apart",
                "Terms each outlet uses more (right) or less (left) than the others: z-score of the log-odds ratio "
                "with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008). Pale bars are not "
                "significant after Benjamini-Hochberg correction."),
}


def render_report(analysis: Analysis, output: str | Path, options: ReportOptions = ReportOptions()):
    """Write the PDF and its PNG charts; return (pdf path, list of png paths)."""
    return render_tables(report_tables(analysis, options), output)


def _draw(section: str, t: ReportTables, page: int = 1):
    """The chart of ``section`` (its ``page``-th figure), drawn from the ready tables (None: nothing
    to draw)."""
    colours = outlet_colours(t.outlets)
    if section == "categories":
        return plot_category_rates(t.rates, category_labels=t.category_labels, colours=colours)
    if section == "rates":
        return plot_rates_ci(t.rates_ci, colours=colours)
    if section == "voice":
        return plot_voice_shares(t.rates)
    if section == "terms":
        return plot_term_heatmap(t.rates)
    if section == "naming":
        return plot_naming_matrix(t.naming)
    if section == "time":
        return (plot_timeseries(t.series, changes=t.changes, colours=colours) if t.series is not None
                else plot_rate_over_time(t.period_rates, colours=colours))
    if section == "keyness":
        return plot_keyness(t.keyness, page=page) if t.keyness is not None else None
    raise KeyError(section)


def render_tables(t: ReportTables, output: str | Path):
    """Lay out the report's pages from ready tables; write the PDF and its PNG charts beside it.
    Returns (pdf path, list of png paths)."""
    from PIL import Image as PILImage
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import (CondPageBreak, Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                    TableStyle)

    from .audit_report import audit_story, scare_story

    options, sections, classroom = t.options, t.sections, t.classroom
    _register_fonts()
    output = Path(output)
    if output.suffix.lower() != ".pdf":
        output = output.with_suffix(".pdf")
    ensure_dir(output.parent if str(output.parent) else ".")
    st = _styles(projection=classroom)

    # Charts, written as PNG beside the PDF and embedded from those files.
    stem = output.with_suffix("")
    pngs: dict[str, Path] = {}
    pages: dict[str, list[str]] = {}  # section: the keys of its figures in pngs, one page each
    for section, (name, _, _) in CHARTS.items():
        if section not in sections:
            continue
        for n in range(1, t.chart_pages.get(section, 1) + 1):
            drawn = _draw(section, t, n)
            if drawn is None:
                continue
            key = section if n == 1 else f"{section}-{n}"
            png = Path(f"{stem}-{name}.png" if n == 1 else f"{stem}-{name}-{n}.png")
            with atomic_path(png) as tmp:
                save_figure(drawn, tmp, dpi=200, fmt="png", close="svg" not in options.figures)
            if "svg" in options.figures:
                with atomic_path(png.with_suffix(".svg")) as tmp:
                    save_figure(drawn, tmp, fmt="svg")
            pngs[key] = png
            pages.setdefault(section, []).append(key)

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
        tb = Table(rows, colWidths=col_widths, repeatRows=1 if header else 0)
        tb.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), "DejaVu", 8),
            ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ]))
        return tb

    def pairs(rows):
        return table([[Paragraph(f"<b>{a}</b>", st["cell"]), Paragraph(escape(b), st["cell"])] for a, b in rows],
                     [3.5 * cm, width - 3.5 * cm], header=False)

    def chart_page(section):
        _, heading, note = CHARTS[section]
        out = []
        for i, key in enumerate(pages.get(section, [])):
            out += [Paragraph(heading + (" (continued)" if i else ""), st["h1"]), chart(key), Spacer(1, 4),
                    Paragraph(note.format(**t.notes), st["small"]), PageBreak()]
        return out

    story = []
    # Cover (classroom: one line under the title, then straight to the findings)
    if classroom:
        story += [Paragraph("Loaded language and framing", st["title"]), Paragraph(escape(options.title), st["subtitle"]),
                  Paragraph(f"{escape(t.intro)}. This counts wording: which loaded words each outlet uses, how often "
                            "and in whose voice. It does not judge whether a word is deserved.", st["body"]),
                  Spacer(1, 0.6 * cm)]
    else:
        story += [Spacer(1, 4 * cm), Paragraph("Loaded language and framing", st["title"]),
                  Paragraph(escape(options.title), st["subtitle"]), Spacer(1, 1.2 * cm), pairs(t.cover),
                  Spacer(1, 1 * cm), Paragraph(
                      "This report counts wording: which loaded terms each outlet uses, how often, for whom, and in "
                      "whose voice. It does not judge whether a label is deserved. Each term comes from a lexicon "
                      "entry with a neutral alternative and a rationale (see the appendix and the methods page).",
                      st["body"]), PageBreak()]

    if "summary" in sections:
        story.append(Paragraph("Summary of findings", st["h1"]))
        for sentence in t.findings:
            story.append(Paragraph(sentence, st["bullet"], bulletText="•"))
        story.append(Spacer(1, 0.4 * cm))
        story.append(Paragraph("Rates are hits per 1,000 words in the outlet's own voice: terms inside quotations or "
                               "reported speech, and negated terms, are counted apart. Intervals are 95% bootstrap "
                               "intervals over documents (see the methods page).", st["small"]))
    if "corpus" in sections:
        story.append(CondPageBreak(4 * cm))  # the heading stays with its table
        story.append(Paragraph("The corpus", st["h2"]))
        rows = [["Outlet", "Documents", "Words", "First date", "Last date", "Undated", "Hits"]]
        for r in t.corpus.itertuples():
            rows.append([bidi_paragraph(r.outlet, st["cell"]), f"{r.documents:,}", f"{r.words:,}",
                         r.first_date or "–", r.last_date or "–", str(r.undated), f"{r.hits:,}"])
        total = t.corpus_total
        rows.append(["Total", f"{total['documents']:,}", f"{total['words']:,}", "", "", str(total["undated"]),
                     f"{total['hits']:,}"])
        story.append(table(rows, [5 * cm] + [(width - 5 * cm) / 6] * 6))
        if t.manifest_summary:
            story.append(Spacer(1, 4))
            story.append(Paragraph(escape(t.manifest_summary) + " Every input record and what became of it "
                                   "is listed in the manifest.", st["small"]))
        if t.reposts:
            story.append(Paragraph("Reposts, analysed once (as the article they repeat)", st["h2"]))
            rows = [["Repost", "Repeats", "Why"]]
            for record, repeats, why in t.reposts:
                rows.append([Paragraph(escape(record), st["cell"]), Paragraph(escape(repeats), st["cell"]),
                             Paragraph(escape(why), st["cell"])])
            story.append(table(rows, [5 * cm, 4 * cm, width - 9 * cm]))
            if t.more_reposts:
                story.append(Paragraph(f"... and {t.more_reposts} more, listed in the manifest.", st["small"]))
    if {"summary", "corpus"} & sections:
        story.append(PageBreak())

    for section in ("categories", "rates", "voice", "terms", "naming", "time", "keyness"):
        story += chart_page(section)

    if "scare_quotes" in sections:
        story += scare_story(t.scare, count=options.count_scare_quotes, st=st, table=table, width=width, stem=stem,
                             pngs=pngs, image=chart, figures=options.figures)
    if t.audit is not None:
        story += audit_story(t.audit, st=st, table=table, width=width, cat_labels=t.category_labels)

    if "examples" in sections:
        story += _examples_story(t, st)

    if "methods" in sections:
        story.append(Paragraph("What was counted, and how", st["h1"]))
        for para in t.methods:
            story.append(Paragraph(para, st["body"]))
            story.append(Spacer(1, 0.2 * cm))
    if "reproducibility" in sections:
        story.append(Paragraph("Reproducibility", st["h2"]))
        story.append(pairs(t.reproducibility))
    if {"methods", "reproducibility"} & sections:
        story.append(PageBreak())

    if "lexicon" in sections:
        story.append(Paragraph("Appendix: the lexicon entries found in this corpus", st["h1"]))
        story.append(Paragraph(f"{t.lexicon_size:,} entries were searched; these are the ones with at least one hit, "
                               "with their category, strength (1 mild – 3 extreme), a neutral alternative and why the "
                               "term is loaded. The full lexicons are in the files listed on the reproducibility page.",
                               st["small"]))
        rows = [["Term", "Category", "Str.", "Hits", "Neutral", "Why it is loaded"]]
        for e in t.lexicon_used:
            rows.append([bidi_paragraph(e["term"], st["cell"]), Paragraph(escape(e["category"]), st["cell"]),
                         str(e["strength"]), str(e["hits"]), bidi_paragraph(e["neutral"], st["cell"]),
                         bidi_paragraph(e["why"], st["cell"])])
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


def _examples_story(t: ReportTables, st) -> list:
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph

    story = [Paragraph("Top terms per outlet, with examples", st["h1"]),
             Paragraph("For each outlet, its most frequent loaded terms in its own voice, each with an example "
                       "sentence from the corpus in the outlet's own voice where one was kept. The term is "
                       "highlighted; the note after it says whose voice the sentence is in.", st["small"])]
    outlets = list(dict.fromkeys(x.outlet for x in t.top_terms))
    for outlet in outlets:
        block = [Paragraph(escape(rtl(outlet)), st["h2"])]
        for x in (x for x in t.top_terms if x.outlet == outlet):
            neutral = f" · neutral: {escape(rtl(', '.join(x.neutral)))}" if x.neutral else ""
            block.append(Paragraph(
                f"<b>{escape(rtl(x.term))}</b> — {x.hits} hit(s), {x.rate_per_1k:.2f} per 1,000 words · "
                f"<i>{escape(x.category)}</i>{neutral}", st["body"]))
            ex = x.example
            if ex is None:
                continue
            if not x.own_voice:
                block.append(Paragraph("No example in the outlet's own voice was kept for this term; the "
                                       "sentence below has it in someone else's words.", st["small"]))
            arabic = has_arabic(ex.sentence)
            date = f"{ex.date:%Y-%m-%d}" if isinstance(ex.date, pd.Timestamp) and not pd.isna(ex.date) else "no date"
            quoted = highlight(_trim(ex), *_trim_offsets(ex))
            quoted = quoted if arabic else f"“{quoted}”"
            sep = "<br/>" if arabic else " "  # the note on its own line under Arabic
            block.append(Paragraph(f"{quoted}{sep}"
                                   f"<font color='#555555' size='7'>({escape(VOICE_LABEL.get(ex.voice, ex.voice))}; "
                                   f"{escape(ex.doc_id)}, {date})</font>", st["example_rtl"] if arabic else st["example"]))
        story.append(KeepTogether(block))
    story.append(PageBreak())
    return story


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
