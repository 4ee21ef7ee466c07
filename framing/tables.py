"""Documents + hits -> count and rate tables (per outlet, per period; by category and by term).

Rates are hits per 1,000 words, where words are counted over *all* documents of the group (also
those without hits), in the zone counted (headline, body, or both: :mod:`framing.zones`). By default the tables count the outlet's own voice: hits inside quotations
(``quoted``) or reported speech (``attributed``) and negated hits are shown in their own columns,
never added in.
"""
from __future__ import annotations

import pandas as pd

from .types import ATTRIBUTION_RATE_COLUMNS, RATE_COLUMNS, VOICES, returns_table
from .zones import zone_documents, zone_hits

NO_DATE = "(no date)"
ALL = "(all)"
PERIODS = ("week", "month", "quarter", "year")
# Layers of their own (the emotive lexicon, the word model's spans: framing.beyond): their own rows,
# not counted in documents.hits nor in the '(all)' totals.
SEPARATE_CATEGORIES = frozenset({"emotive", "model.loaded"})
# Categories that are measures of their own: listed as their own rows, never added into the '(all)'
# totals (scare quotes, unless --count-scare-quotes: framing.scare; and the separate layers).
APART = frozenset({"scare_quote"}) | SEPARATE_CATEGORIES


def period_labels(dates: pd.Series, period: str = "month") -> pd.Series:
    """Readable, sortable period labels: 2021-W05, 2021-03, 2021-Q1, 2021; missing dates -> '(no date)'."""
    if period not in PERIODS:
        raise ValueError(period)
    d = pd.to_datetime(dates)
    if period == "week":
        iso = d.dt.isocalendar()
        labels = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    elif period == "month":
        labels = _months(d)
    elif period == "quarter":
        labels = d.dt.year.astype("Int64").astype("string") + "-Q" + d.dt.quarter.astype("Int64").astype("string")
    else:
        labels = d.dt.year.astype("Int64").astype("string")
    return labels.astype(object).where(d.notna(), NO_DATE)


def _months(dates: pd.Series) -> pd.Series:
    """YYYY-MM of a datetime column: the first seven characters of its ISO days (through Arrow,
    several times faster than strftime on long columns)."""
    import pyarrow.compute as pc

    from .output import iso_days

    return pd.Series(pc.utf8_slice_codeunits(iso_days(dates), 0, 7).to_pandas(), index=dates.index)


def loaded_hits(hits: pd.DataFrame) -> pd.DataFrame:
    return hits[hits["sense"] == "loaded"]


COUNTS = ["hits", "hits_quoted", "hits_attributed", "hits_negated"]
COUNT_KEYS = ["outlet", "date", "category", "entry", "term"]


def hit_counts(hits: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """Hits -> counts of loaded-sense hits per (outlet, date, category, entry, term): in the outlet's
    own voice, quoted, attributed (none of them negated), and negated. With ``period``, per period
    label (``period`` column, see :func:`period_labels`) instead of per date: fewer rows, enough for
    both rate tables. A table of counts is returned as it is; counts of several tables add up (see
    :func:`add_counts`), which is how ``analyze`` keeps its tables without keeping every hit."""
    if "hits_negated" in hits.columns:
        return hits
    h = loaded_hits(hits)
    negated = h["negated"].astype(bool)
    keys = COUNT_KEYS if period is None else ["outlet", "period", "category", "entry", "term"]
    if "zone" in h.columns:  # kept apart, for the rates of one zone (framing.zones)
        keys = [*keys, "zone"]
    table = pd.DataFrame({k: h[k] for k in [*COUNT_KEYS, "zone"] if k in keys})
    if period is not None:
        table.insert(1, "period", period_labels(h["date"], period))
    for col, voice in zip(COUNTS[:3], VOICES):
        table[col] = ((h["voice"] == voice) & ~negated).astype("int64")
    table["hits_negated"] = negated.astype("int64")
    return table.groupby(keys, dropna=False, sort=False)[COUNTS].sum().reset_index()


def _dated(hits: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Hits with their document's date (a hits table without a date column gets it by doc_id)."""
    if "date" in hits.columns or "period" in hits.columns or "doc_id" not in hits.columns:
        return hits
    return hits.merge(documents[["doc_id", "date"]], on="doc_id", how="left")


def add_counts(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Tables of :func:`hit_counts` (all with dates or all with periods) -> one, with the counts of
    equal keys added."""
    empty = pd.DataFrame({k: pd.Series(dtype="datetime64[us]" if k == "date" else "str") for k in COUNT_KEYS}
                         | {c: pd.Series(dtype="int64") for c in COUNTS})
    return _summed(tables, COUNTS, empty)


def add_attribution_counts(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Tables of :func:`attribution_counts` -> one, with the counts of equal keys added."""
    empty = pd.DataFrame({k: pd.Series(dtype="str") for k in ("outlet", "attribution_class", "verb")}
                         | {"count": pd.Series(dtype="int64")})
    return _summed(tables, ["count"], empty)


def _summed(tables: list[pd.DataFrame], values: list[str], empty: pd.DataFrame) -> pd.DataFrame:
    """Count tables -> one: ``values`` added over equal keys (every other column)."""
    tables = [t for t in tables if len(t)]
    if not tables:
        return empty
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    keys = [c for c in table.columns if c not in values]
    return table.groupby(keys, dropna=False, sort=False)[values].sum().reset_index()


def rate_table(documents: pd.DataFrame, hits: pd.DataFrame, by: list[str], zone: str = "all") -> pd.DataFrame:
    """Counts and rates per group in ``by`` (columns of both tables), by category and by term.

    ``hits`` is the hits table or a table of :func:`hit_counts`. One row per (group, category) with
    ``entry`` and ``term`` = '(all)', one per (group, category, term), and one per group with
    ``category`` = '(all)'. Groups with no hits still get their '(all)' row so that every group's
    word count is listed. Categories in :data:`APART` (scare quotes, unless counted) get their own
    rows but are not added into the '(all)' rows. ``zone``: ``all`` (every hit over every word),
    ``headline`` or ``body``: that zone's hits over that zone's words (:mod:`framing.zones`).
    """
    docs = zone_documents(documents, zone)
    h = zone_hits(hit_counts(_dated(hits, documents)), zone)
    words = docs.groupby(by, dropna=False, sort=True).agg(words=("words", "sum"), n_docs=("doc_id", "size"))

    def counts(keys: list[str], table: pd.DataFrame = h) -> pd.DataFrame:
        if table.empty:
            return pd.DataFrame(columns=by + keys + COUNTS)
        return table.groupby(by + keys, dropna=False, sort=True)[COUNTS].sum().reset_index()

    term_rows = counts(["category", "entry", "term"])
    cat_rows = counts(["category"]).assign(entry=ALL, term=ALL)
    # measures apart (scare quotes, the emotive lexicon, the word model's spans) have their own rows
    # but stay out of the total
    in_total = h[~h["category"].isin(APART)] if "category" in h.columns else h
    total_rows = counts([], in_total).assign(category=ALL, entry=ALL, term=ALL)
    table = pd.concat([total_rows, cat_rows, term_rows], ignore_index=True)
    # Every group appears at least in its total row.
    groups = words.reset_index()[by]
    missing = groups.merge(total_rows[by], how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"].drop(columns="_merge")
    if not missing.empty:
        zero = missing.assign(category=ALL, entry=ALL, term=ALL, hits=0, hits_quoted=0, hits_attributed=0, hits_negated=0)
        table = pd.concat([table, zero], ignore_index=True)
    table = table.merge(words.reset_index(), on=by, how="left")
    for col in ("hits", "hits_quoted", "hits_attributed", "hits_negated", "words", "n_docs"):
        table[col] = table[col].fillna(0).astype("int64")
    denom = table["words"].where(table["words"] > 0)
    table["rate_per_1k"] = (1000 * table["hits"] / denom).round(4).fillna(0.0)
    all_voices = table["hits"] + table["hits_quoted"] + table["hits_attributed"]
    table["rate_all_voices_per_1k"] = (1000 * all_voices / denom).round(4).fillna(0.0)
    order = {ALL: "\x00"}
    table = table.sort_values(
        by + ["category", "entry"],
        key=lambda s: s.map(lambda v: order.get(v, str(v))) if s.dtype == object else s,
    ).reset_index(drop=True)
    return table[by + RATE_COLUMNS]


@returns_table("rates_by_outlet")
def rates_by_outlet(documents: pd.DataFrame, hits: pd.DataFrame, zone: str = "all") -> pd.DataFrame:
    return rate_table(documents, hits, ["outlet"], zone)


@returns_table("rates_by_period")
def rates_by_period(documents: pd.DataFrame, hits: pd.DataFrame, period: str = "month", zone: str = "all") -> pd.DataFrame:
    """Per outlet and period, plus every period over all outlets (outlet = '(all)'); ``zone`` as in
    :func:`rate_table`."""
    docs = documents.assign(period=period_labels(documents["date"], period))
    h = hit_counts(_dated(hits, documents))
    if "period" not in h.columns:  # (counts kept per period are for this period: framing.streaming)
        h = h.assign(period=period_labels(h["date"], period))  # a hit's date is its document's
    per_outlet = rate_table(docs, h, ["outlet", "period"], zone)
    overall = rate_table(docs.assign(outlet=ALL), h.assign(outlet=ALL), ["outlet", "period"], zone)
    return pd.concat([overall, per_outlet], ignore_index=True)


def corpus_summary(documents: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: documents, words, first and last date, documents without a date; words and hits
    of headlines and bodies (framing.zones)."""
    documents = zone_documents(documents, "all")
    if "headline_hits" in documents.columns:
        documents = documents.assign(hits=documents["hits"] + documents["headline_hits"].fillna(0).astype("int64"))
    g = documents.groupby("outlet", sort=True)
    out = pd.DataFrame({
        "documents": g.size(),
        "words": g["words"].sum(),
        "first_date": g["date"].min().dt.strftime("%Y-%m-%d"),
        "last_date": g["date"].max().dt.strftime("%Y-%m-%d"),
        "undated": g["date"].apply(lambda s: int(s.isna().sum())),
        "hits": g["hits"].sum(),
    }).reset_index()
    out["first_date"] = out["first_date"].fillna("")
    out["last_date"] = out["last_date"].fillna("")
    return out


def top_terms(rates: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The ``n`` most frequent own-voice terms per outlet from a rates_by_outlet table."""
    terms = rates[(rates["entry"] != ALL) & (rates["hits"] > 0)]
    terms = terms.sort_values(["outlet", "hits", "term"], ascending=[True, False, True])
    return terms.groupby("outlet", sort=True).head(n).reset_index(drop=True)


def attribution_counts(attributions: pd.DataFrame) -> pd.DataFrame:
    """Attributions -> their number per (outlet, attribution_class, verb); a verb without a class is
    'unclassified'. A table of counts is returned as it is, and such tables add up."""
    if "count" in attributions.columns:
        return attributions
    a = attributions.assign(attribution_class=attributions["attribution_class"].replace("", "unclassified"))
    return a.groupby(["outlet", "attribution_class", "verb"], sort=False).size().rename("count").reset_index()


@returns_table("attribution_by_outlet")
def attribution_rates(documents: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: how often reported speech is introduced with neutral, distancing or endorsing verbs.

    One row per (outlet, class) with verb '(all)' and one per (outlet, class, verb); ``share`` is the
    class's (or verb's) share of all the outlet's attributions; rates are per 1,000 words.
    ``attributions`` is the attributions table or a table of :func:`attribution_counts`.
    """
    words = documents.groupby("outlet", sort=True)["words"].sum()
    cols = ATTRIBUTION_RATE_COLUMNS
    if attributions.empty:
        return pd.DataFrame(columns=cols)
    a = attribution_counts(attributions)
    per_verb = a.groupby(["outlet", "attribution_class", "verb"], sort=True)["count"].sum().reset_index()
    per_class = a.groupby(["outlet", "attribution_class"], sort=True)["count"].sum().reset_index().assign(verb=ALL)
    t = pd.concat([per_class, per_verb], ignore_index=True)
    totals = a.groupby("outlet")["count"].sum()
    t["share"] = (t["count"] / t["outlet"].map(totals)).round(4)
    t["words"] = t["outlet"].map(words).fillna(0).astype("int64")
    t["rate_per_1k"] = (1000 * t["count"] / t["words"].where(t["words"] > 0)).round(4).fillna(0.0)
    order = {ALL: "\x00"}
    t = t.sort_values(["outlet", "attribution_class", "verb"],
                      key=lambda s: s.map(lambda v: order.get(v, str(v)))).reset_index(drop=True)
    return t[cols]
