"""Scare quotes as a measure of their own.

The context stage turns the words of a short quotation nobody is shown saying into a hit of the
entry ``ctx.scare_quote`` (:mod:`framing.context`). That reading is right in most of the partisan
articles we labelled but wrong in most of mainstream news (README, "How good is it"), so by
default these hits are *not* added into the category rates: their category is ``scare_quote``, a
measure apart, never part of the '(all)' totals (:data:`framing.tables.APART`), reported as its
own row of the rate tables, its own table (:func:`scare_quote_rates`: scare quotes per 1,000
words per outlet, with a bootstrap interval) and its own chart. ``--count-scare-quotes`` counts
them as *delegitimising* hits again, as before. The setting is one flag of every command; a store
records the one it was written with (meta ``count_scare_quotes``), and commands reading the store
use it unless told otherwise, and say which was used.
"""
from __future__ import annotations

import pandas as pd

from .lexicon import SCARE_QUOTE_ENTRY, Category, Lexicon
from .tables import ALL
from .types import SCARE_RATE_COLUMNS, returns_table

ENTRY = SCARE_QUOTE_ENTRY.id
CATEGORY = "scare_quote"
COUNTED_CATEGORY = SCARE_QUOTE_ENTRY.category  # delegitimising
SCARE_CATEGORY = Category(CATEGORY, "Scare quotes (a measure of their own)", "#7F7F7F",
                          "Words in short quotation marks that nobody is shown saying (the context stage's reading, "
                          "ctx.scare_quote); counted apart from the lexicon's categories unless --count-scare-quotes.")


def recategorise(hits: pd.DataFrame, count: bool) -> pd.DataFrame:
    """``hits`` (a hits table or a table of counts) with the category of ``ctx.scare_quote`` rows set
    by the setting: ``delegitimising`` when counted, ``scare_quote`` when measured apart."""
    if hits is None or "entry" not in hits.columns or not len(hits):
        return hits
    is_scare = (hits["entry"] == ENTRY).to_numpy()
    want = COUNTED_CATEGORY if count else CATEGORY
    if not is_scare.any() or (hits.loc[is_scare, "category"] == want).all():
        return hits
    hits = hits.copy()
    hits.loc[is_scare, "category"] = want
    return hits


def with_category(lexicon: Lexicon) -> Lexicon:
    """The lexicon with the ``scare_quote`` category (label, colour) for charts, views and reports."""
    if CATEGORY in lexicon.categories:
        return lexicon
    return Lexicon(lexicon.entries, {**lexicon.categories, CATEGORY: SCARE_CATEGORY}, lexicon.files, lexicon.digest)


def setting_of(flag: bool | None, recorded: bool | None = None) -> bool:
    """The setting a command uses: its flag (--count-scare-quotes / --no-count-scare-quotes, None when
    neither was given) if given, else the one the store recorded, else apart."""
    return bool(flag) if flag is not None else bool(recorded)


def apply_setting(analysis, flag: bool | None, *, store=None, recorded: bool | None = None) -> bool:
    """Apply the setting to an analysis in place (hits' categories, the lexicon's categories);
    ``store``: the store the analysis was read from, whose recorded setting counts when ``flag`` is None."""
    if recorded is None and store:
        from .store import recorded_scare_setting

        recorded = recorded_scare_setting(store)
    count = setting_of(flag, recorded)
    analysis.hits = recategorise(analysis.hits, count)
    analysis.lexicon = with_category(analysis.lexicon)
    analysis.count_scare_quotes = count
    return count


def describe(count: bool) -> str:
    return ("scare quotes (ctx.scare_quote) counted as delegitimising hits (--count-scare-quotes)" if count else
            "scare quotes (ctx.scare_quote) measured apart: not in the category rates (--count-scare-quotes adds "
            "them to 'delegitimising')")


def setting_note(analysis, count: bool, flag: bool | None = None, *, store=None) -> str:
    """One line for stderr: which setting the numbers use, and where it came from."""
    where = ""
    if store:
        from .store import recorded_scare_setting

        recorded = recorded_scare_setting(store)
        if flag is None:
            where = f" (the setting recorded in the store {store})"
        elif recorded is not None and bool(recorded) != bool(flag):
            where = f" (as asked; the store {store} records the other setting)"
    return "note: " + describe(count) + where


@returns_table("scare_quotes")
def scare_quote_rates(documents: pd.DataFrame, hits: pd.DataFrame, options=None) -> pd.DataFrame:
    """Scare quotes per 1,000 words per outlet, with a 95% document-bootstrap interval.

    Counts the ``ctx.scare_quote`` hits that count (loaded sense, not negated, in the voices of
    ``options``: the outlet's own by default), whichever category the setting gives them;
    ``lexicon_terms_in_scare_quotes`` counts lexicon hits read as in scare quotes (they stay in
    their own category)."""
    from .stats import StatsOptions, counted_hits, rates_ci

    options = options or StatsOptions()
    if "doc_id" not in hits.columns:  # a table of counts (analyze -o streams its hits): no interval
        return _from_counts(documents, hits)
    counted = counted_hits(hits, options.voices)
    scare = counted[counted["entry"] == ENTRY]
    in_quotes = counted[(counted["entry"] != ENTRY) & counted["scare_quote"].astype(bool)]
    table = rates_ci(documents, scare.assign(category=CATEGORY), ("outlet",), options)
    table = table[(table["category"] == CATEGORY) & (table["term"] == ALL)]
    docs = documents.groupby("outlet").agg(documents=("doc_id", "size"), words=("words", "sum"))
    out = docs.reset_index().merge(table[["outlet", "hits", "rate_per_1k", "ci_low", "ci_high"]], on="outlet",
                                   how="left").rename(columns={"hits": "scare_quotes"})
    out["scare_quotes"] = out["scare_quotes"].fillna(0).astype("int64")
    out["rate_per_1k"] = out["rate_per_1k"].fillna(0.0)
    out["lexicon_terms_in_scare_quotes"] = out["outlet"].map(in_quotes.groupby("outlet").size()).fillna(0).astype("int64")
    category = scare["category"].iloc[0] if len(scare) else CATEGORY
    out["counted_in"] = "delegitimising" if category == COUNTED_CATEGORY else "apart"
    return out[SCARE_RATE_COLUMNS].sort_values("outlet").reset_index(drop=True)


def _from_counts(documents: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """The table from a table of counts (framing.tables.hit_counts): own-voice scare quotes, no interval
    (the bootstrap needs the hits of each document) and no count of lexicon terms in scare quotes."""
    docs = documents.groupby("outlet").agg(documents=("doc_id", "size"), words=("words", "sum")).reset_index()
    c = counts[counts["entry"] == ENTRY]
    docs["scare_quotes"] = docs["outlet"].map(c.groupby("outlet")["hits"].sum()).fillna(0).astype("int64")
    docs["rate_per_1k"] = (1000 * docs["scare_quotes"] / docs["words"].where(docs["words"] > 0)).round(6).fillna(0.0)
    docs["ci_low"] = docs["ci_high"] = float("nan")
    docs["lexicon_terms_in_scare_quotes"] = pd.NA
    category = c["category"].iloc[0] if len(c) else CATEGORY
    docs["counted_in"] = "delegitimising" if category == COUNTED_CATEGORY else "apart"
    return docs[SCARE_RATE_COLUMNS].sort_values("outlet").reset_index(drop=True)
