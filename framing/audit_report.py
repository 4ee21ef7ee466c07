"""The report's pages for scare quotes (a measure of their own) and for an audit (corrected rates).

Kept apart from :mod:`framing.report` so that its layout can change without touching these: each
function lays out tables computed by :mod:`framing.report_tables` (``ScarePage``, ``AuditPages``)
and returns reportlab flowables, given the report's styles and its table helper.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd

from .bidi import paragraph as bidi_paragraph



def _header(row: list[str], st) -> list:
    from reportlab.platypus import Paragraph

    return [Paragraph(f"<b>{escape(h)}</b>", st["cell"]) for h in row]


def _f(x, fmt: str = "{:.2f}") -> str:
    return "–" if pd.isna(x) else fmt.format(x)


def _stratum(label: str) -> str:
    from .audit import stratum_fields

    fields = stratum_fields(label)
    return " · ".join(fields.values()) if fields else label


def scare_story(page, *, count: bool, st, table, width: float, stem: Path, pngs: dict, image,
                figures=("png",)) -> list:
    """A page: scare quotes per 1,000 words per outlet (chart and table), what the setting was and how
    far the reading can be trusted; nothing when the corpus has none (``page`` None)."""
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    from .output import atomic_path
    from .plots import plot_scare_quotes, save_figure
    from .report_methods import scare_quote_figures

    if page is None:
        return []
    t = page.table
    png = Path(f"{stem}-scare-quotes.png")
    drawn = plot_scare_quotes(t)
    with atomic_path(png) as tmp:
        save_figure(drawn, tmp, dpi=200, fmt="png", close="svg" not in figures)
    if "svg" in figures:
        with atomic_path(png.with_suffix(".svg")) as tmp:
            save_figure(drawn, tmp, fmt="svg")
    pngs["scare_quotes"] = png
    setting = ("They are <b>also counted</b> in the delegitimising category (--count-scare-quotes)." if count else
               "They are <b>not</b> added into the category rates or the totals of this report (give "
               "--count-scare-quotes to count them as delegitimising).")
    measured = ""
    if page.measured:
        k, n, lo, hi = page.measured
        measured = (f" <b>On this corpus</b>, the audit found {k} of {n} decided scare-quote hits correct "
                    f"({k / n:.0%}, Wilson 95% interval {lo:.0%}–{hi:.0%}).")
    rows = [_header(["Outlet", "Documents", "Words", "Scare quotes", "per 1,000 words", "95% interval",
                     "Lexicon terms in scare quotes"], st)]
    for r in t.itertuples():
        ci = "–" if pd.isna(r.ci_low) else f"{r.ci_low:.2f}–{r.ci_high:.2f}"
        lex = "–" if pd.isna(r.lexicon_terms_in_scare_quotes) else str(int(r.lexicon_terms_in_scare_quotes))
        rows.append([bidi_paragraph(r.outlet, st["cell"]), f"{r.documents:,}", f"{r.words:,}", str(r.scare_quotes),
                     f"{r.rate_per_1k:.2f}", ci, lex])
    return [Paragraph("Scare quotes, a measure of their own", st["h1"]),
            Paragraph("Words in short quotation marks that nobody is shown saying, read as scare quotes by the context "
                      f"stage. {setting} {escape(scare_quote_figures())}{measured} Before relying on these counts, read them in the "
                      "hits table (entry ctx.scare_quote) or audit a sample: framing audit sample ... --by category.",
                      st["small"]), Spacer(1, 4), image(png, max_share=0.45 if len(t) <= 10 else 0.8), Spacer(1, 6),
            table(rows, [3.6 * cm] + [(width - 3.6 * cm) / 6] * 6), PageBreak()]


def audit_story(pages, *, st, table, width: float, cat_labels: dict) -> list:
    """Pages: the audit's methods paragraph, precision per stratum, and rates corrected by it
    (``pages``: a ``report_tables.AuditPages``)."""
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    story = [Paragraph("Rates corrected by the audit", st["h1"]),
             Paragraph(escape(pages.methods), st["body"]), Spacer(1, 6)]
    strata = pages.strata
    rows = [_header(["Stratum", "Decided", "Correct", "Unsure", "Precision", "95% Wilson interval", "Hits in corpus"],
                    st)]
    for r in strata.itertuples():
        p = "–" if pd.isna(r.precision) else f"{r.precision:.0%}"
        ci = "–" if pd.isna(r.ci_low) else f"{r.ci_low:.0%}–{r.ci_high:.0%}"
        rows.append([Paragraph(escape(_stratum(str(r.stratum))), st["cell"]), str(r.n_coded), str(r.correct), str(r.unsure),
                     p, ci, f"{int(r.stratum_size):,}"])
    by = pages.by
    story += [Paragraph("Precision per stratum" + (f" ({escape(' · '.join(by))})" if by else ""), st["h2"]), table(rows, [5.4 * cm] + [(width - 5.4 * cm) / 6] * 6),
              Spacer(1, 6)]
    total = pages.corrected_total
    rows = [_header(["Outlet", "Rate per 1,000 words", "Corrected rate", "95% interval (corpus and audit)"], st)]
    for r in total.itertuples():
        ci = "–" if pd.isna(r.corrected_low) else f"{r.corrected_low:.2f}–{r.corrected_high:.2f}"
        rows.append([bidi_paragraph(r.group, st["cell"]), f"{r.rate_per_1k:.2f}", _f(r.corrected_per_1k), ci])
    story += [Paragraph("All loaded terms, own voice: rate and corrected rate", st["h2"]),
              table(rows, [6 * cm] + [(width - 6 * cm) / 3] * 3), Spacer(1, 6)]
    cats = pages.corrected_categories
    rows = [_header(["Outlet", "Category", "Rate", "Precision", "Corrected", "95% interval", "Precision from"], st)]
    for r in cats.itertuples():
        ci = "–" if pd.isna(r.corrected_low) else f"{r.corrected_low:.2f}–{r.corrected_high:.2f}"
        rows.append([bidi_paragraph(r.group, st["cell"]), Paragraph(escape(cat_labels.get(r.category, r.category)),
                                                                       st["cell"]),
                     f"{r.rate_per_1k:.2f}", _f(r.precision, "{:.0%}"), _f(r.corrected_per_1k), ci,
                     Paragraph(escape(r.precision_from), st["cell"])])
    story += [Paragraph("Per outlet and category", st["h2"]),
              table(rows, [3.0 * cm, 3.2 * cm, 1.3 * cm, 1.9 * cm, 2.0 * cm, 2.3 * cm, width - 13.7 * cm]),
              Paragraph("Rates per 1,000 words in the outlet's own voice. Corrected = rate × precision; the interval "
                        "resamples the outlet's documents and draws the precision from its Jeffreys posterior "
                        "(framing/audit_rates.py).", st["small"]), PageBreak()]
    return story
