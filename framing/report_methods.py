"""The report's methods page and reproducibility block, built from the code and the run.

Every fact here is read from where it is decided, so the text cannot drift from what was done:
the word rule and the Arabic prefixes from :mod:`framing.match`, the ranking minimum from
:mod:`framing.report_findings`, the bootstrap and permutation settings from the run's
:class:`framing.stats.StatsOptions`, the lexicon files and their sha256 from the lexicon, the options
from :class:`framing.report_tables.ReportOptions`, and measured figures (precision of the scare-quote
reading, accuracy of the voice) from the evaluation scripts' files (:mod:`framing.evaluations`).
"""
from __future__ import annotations

import platform
from pathlib import Path
from xml.sax.saxutils import escape

from . import __version__
from .report_findings import inline_rtl as rtl


def _pct(x: float) -> str:
    return "–" if x != x else f"{x:.0%}"


def scare_quote_figures(evaluation: dict | None = None) -> str:
    """One sentence: the measured precision of the scare-quote reading per labelled corpus, or that
    the figure is not available."""
    from . import evaluations

    evaluation = evaluations.load_evaluation() if evaluation is None else evaluation
    rows = evaluations.scare_precision(evaluation)
    if not rows:
        return f"Its measured precision on hand-labelled real news is {evaluations.NOT_AVAILABLE}."
    parts = []
    for r in rows:
        spread = (f", {_pct(r['low'])}–{_pct(r['high'])} across batches {', '.join(r['batches'])}"
                  if len(r["batches"]) > 1 and r["low"] != r["high"] else "")
        parts.append(f"{r['correct']} of {r['read']} ({_pct(r['precision'])}{spread}) in {r['kind']}")
    said = "; ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    where = evaluations.provenance(evaluation, ("scare_quotes",))
    return ("On hand-labelled real news, of the short quotations read as scare quotes, these were scare quotes: "
            f"{said}. {where[:1].upper() + where[1:]}.")


def voice_figure(evaluation: dict | None = None) -> str:
    from . import evaluations

    evaluation = evaluations.load_evaluation() if evaluation is None else evaluation
    pooled = evaluations.voice_accuracy(evaluation)
    if not pooled or not pooled[1]:
        return f"The measured accuracy of this reading is {evaluations.NOT_AVAILABLE}."
    right, n = pooled
    where = evaluations.provenance(evaluation, ("voice",))
    return (f"On hand-labelled real news the voice was read right for {right} of {n} lexicon hits ({right / n:.0%}). "
            f"{where[:1].upper() + where[1:]}.")


def methods_text(lexicon, options, stats_options, evaluation: dict | None = None) -> list[str]:
    """The paragraphs of the methods page (paragraph markup)."""
    from . import match, zones
    from .report_findings import SMALL_DOCS, SMALL_WORDS

    cats = ", ".join(f"<i>{escape(c.label.lower())}</i>" for c in lexicon.categories.values())
    so = stats_options
    prefixes = rtl(" ".join(match.ARABIC_CONJUNCTIONS + match.ARABIC_ARTICLE_PREPOSITIONS))
    paras = [
        f"<b>Terms.</b> Each document was searched for the {len(lexicon):,} entries of the lexicons listed below. "
        f"An entry is a loaded term with its variants, a category ({cats}), what it names (its referent), a "
        "strength from 1 (mild) to 3 (extreme), a neutral alternative and a rationale.",
        "<b>Matching.</b> Case-insensitive, whole words; hyphens and spaces are interchangeable; where two entries "
        "overlap the longest match wins. Arabic is matched after removing diacritics and unifying letter forms, "
        f"with attached prefixes allowed ({prefixes}: a conjunction, then a preposition and/or the article; "
        f"{len(match.ARABIC_PREFIXES) - 1} combinations).",
        "<b>Context.</b> Each hit is read in context: whether it is in the outlet's own voice, inside a quotation, "
        "or in reported speech; whether it is negated; whether an ambiguous word (\"occupation\" as a job, "
        "\"sanctions regime\") is used in its loaded sense. Uses in a neutral sense are not counted. "
        + escape(voice_figure(evaluation)),
        "<b>Scare quotes.</b> A short quotation (one to four words) that nobody is shown saying is read as a scare "
        "quote, and its words are a hit even when no lexicon lists them. This reading is uncertain. "
        + escape(scare_quote_figures(evaluation))
        + " Compare scare-quote counts between outlets of the same kind, and read them in the hits table before "
        "relying on them, or measure their precision on this corpus with framing audit. "
        + ("In this report they are counted as delegitimising hits (--count-scare-quotes)." if options.count_scare_quotes
           else "In this report they are a measure of their own (their page): not added into the category rates "
                "or the totals."),
        f"<b>Rates.</b> A rate is the number of hits in the voices counted ({', '.join(so.voices)}) per 1,000 words. "
        f"Words are counted in every document of the outlet (also those without any hit): {escape(match.WORD_RULE)}; "
        f"{escape(zones.ALL_ZONES_RULE)}. "
        "Rates let outlets with different amounts of text be compared; they say nothing about why an outlet writes "
        "as it does.",
        f"<b>Intervals.</b> Each {so.level:.0%} interval comes from a bootstrap over documents: the outlet's documents "
        f"are drawn again with replacement, the rate recomputed, {so.n_boot:,} times, with a fixed seed ({so.seed}) "
        "so that reruns give the same intervals. A ratio between two outlets is reported only when its interval "
        f"excludes 1. Groups with fewer than {so.min_docs} documents or {so.min_words:,} words are marked as small "
        "samples. Documents are treated as independent; stories that repeat each other make intervals too narrow.",
        "<b>Keyness and label switches.</b> Terms that set an outlet apart are ranked by the z-score of the "
        "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008; prior "
        f"{so.keyness_prior:g} of the pooled counts), with Benjamini-Hochberg correction across all terms. A label "
        "switch is the split in time that best separates an outlet's label shares for one actor (log-likelihood "
        f"G2), with at least {so.change_min_docs} documents on each side, tested by permuting the documents' order "
        f"({so.n_perm:,} permutations).",
        f"<b>Limits.</b> A lexicon sees only the terms someone listed, and a word can be loaded in one context and "
        f"neutral in another; rules catch the common neutral senses, not all. Outlets with fewer than {SMALL_DOCS} "
        f"documents or {SMALL_WORDS:,} words give unstable rates: the summary names them as small samples and does not "
        f"rank them; documents that do not say their outlet are never compared with the outlets. Periods with little "
        "text are drawn hollow in charts over time. The corpus is what the user supplied: it may not represent each "
        "outlet's output as a whole.",
        "<b>This run.</b> " + escape(run_options(options)),
    ]
    if options.audit:
        from .audit_rates import load_audit, methods_paragraph

        text = methods_paragraph(load_audit(options.audit))
        paras.append("<b>Audit.</b> " + escape(text.removeprefix("Audit. ")))
    return paras


def run_options(options) -> str:
    """The report options this run used, in words (the command line is on the reproducibility page)."""
    sections = ", ".join(options.sections) if options.sections else "all"
    return (f"Periods: {options.period}. Random seed: {options.seed}. Scare quotes: "
            + ("counted as delegitimising" if options.count_scare_quotes else "a measure apart")
            + f". Sections: {sections}. Top terms shown per outlet: {options.top_terms}. "
            + (f"Audit: {options.audit}." if options.audit else "No audit."))


def _same_lexicon(measured: dict, lexicon) -> str:
    recorded = measured.get("lexicon_sha256")
    if not recorded:
        return "lexicons not recorded"
    if recorded == lexicon.digest:
        return "with the same lexicon files as this report"
    return f"with other lexicon files than this report's (sha256 {recorded[:12]}...): the figures may differ here"


def reproducibility(lexicon, options, stats_options) -> list[tuple[str, str]]:
    """(label, value) rows of the reproducibility block."""
    import matplotlib
    import pandas as pd

    from . import evaluations

    measured = evaluations.load_evaluation()
    return [("Command", options.command), ("framing", __version__), ("Python", platform.python_version()),
            ("pandas / matplotlib", f"{pd.__version__} / {matplotlib.__version__}"),
            ("Lexicon files", "; ".join(lexicon.files)), ("Lexicon sha256", lexicon.digest),
            ("Random seed", f"{options.seed} (bootstrap: {stats_options.n_boot} replicates; "
                            f"change points: {stats_options.n_perm} permutations)"),
            ("Measured figures", (f"{Path(evaluations.path_of(evaluations.REAL_NEWS)).name}: "
                                  + evaluations.provenance(measured) + "; " + _same_lexicon(measured, lexicon))
             if measured else evaluations.NOT_AVAILABLE),
            ("Classifier", "not used in this report's counts")]
