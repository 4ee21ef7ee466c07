"""Documents + hits -> statistics a researcher can defend. Tables in, tables out; no files.

* :func:`rates_ci` -- hits per 1,000 words per group (outlet, period or both) and per category
  or term, with a percentile interval from a document-level bootstrap: the documents of each
  group are resampled with replacement, so the interval reflects how unevenly terms cluster in
  articles, not only how many hits there are. Reproducible: each group draws from its own
  generator seeded with ``(seed, crc32(group))``, so adding an outlet changes no other interval.
  Measured coverage of the 95% interval on simulated outlets (document rates varying, Poisson
  hits): 94% with 100 documents, 93% with 60, 89% with 10 -- hence the small-sample warnings.
* :func:`keyness` -- which terms set a group apart from the rest (or from a reference group):
  log-odds ratio with an informative Dirichlet prior and its z-score (Monroe, Colaresi & Quinn
  2008, "Fightin' words", eq. 22 and 24), log-likelihood G2 of the 2x2 table with Hardie's (2014)
  Log Ratio as effect size, Benjamini-Hochberg adjusted p-values of both tests.
* :func:`naming_matrix` -- for each referent, the labels each group uses for it: hits and shares.
* :func:`timeseries` -- rates per outlet per period with intervals, low-count periods flagged,
  optionally over a rolling window of periods.
* :func:`label_changes` -- when an outlet switched the label it uses for a referent: the single
  change point that maximises the multinomial likelihood-ratio statistic G2, tested by permuting
  documents over time (so one article repeating a label counts as one unit, not many).
* :func:`dispersion_table` -- where terms fall across the documents (for the x-ray plot).

Counted hits are the ones :mod:`framing.tables` counts: loaded sense, not negated, and in the
voices of ``StatsOptions.voices`` (the outlet's own voice by default).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from .bootstrap import keyed_rng, rate_intervals, ratio_replicates
from .errors import OptionError
from .tables import ALL, APART, PERIODS, period_labels
from .types import CHANGE_COLUMNS, DISPERSION_COLUMNS, KEYNESS_COLUMNS, NAMING_COLUMNS, RATE_CI_COLUMNS, TIMESERIES_COLUMNS, returns_table


@dataclass(frozen=True)
class StatsOptions:
    n_boot: int = 2000            # bootstrap replicates
    level: float = 0.95           # interval level
    seed: int = 0
    min_docs: int = 10            # fewer documents in a group: warning
    min_words: int = 5000         # fewer words in a group: warning
    voices: tuple[str, ...] = ("own",)
    period: str = "month"         # week | month | quarter | year
    rolling: int = 1              # time series: window of this many periods (trailing)
    keyness_prior: float = 0.05   # informative prior = this fraction of the pooled counts
    n_perm: int = 999             # permutations for the change-point test
    change_min_docs: int = 3      # documents on each side of a change point, at least


GROUP_SEP = " | "
_PERIOD_FREQ = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}


# ----------------------------------------------------------------------------- inputs

def counted_hits(hits: pd.DataFrame, voices=("own",)) -> pd.DataFrame:
    """The hits that count: loaded sense, not negated, in one of ``voices``."""
    keep = (hits["sense"] == "loaded") & ~hits["negated"].astype(bool) & hits["voice"].isin(list(voices))
    return hits[keep]


def with_periods(documents: pd.DataFrame, period: str) -> pd.DataFrame:
    """``documents`` with a ``period`` column (labels as in :func:`framing.tables.period_labels`)."""
    if period not in PERIODS:
        raise OptionError(f"period '{period}' not known: use one of {', '.join(PERIODS)}")
    return documents.assign(period=period_labels(documents["date"], period))


def choose_period(documents: pd.DataFrame, min_docs: int = 10) -> str:
    """The finest of month, quarter, year at which the median outlet-period has ``min_docs`` documents."""
    dated = documents[documents["date"].notna()]
    if dated.empty:
        return "year"
    for period in ("month", "quarter", "year"):
        n = with_periods(dated, period).groupby(["outlet", "period"]).size()
        if n.median() >= min_docs:
            return period
    return "year"


def group_labels(keys: pd.DataFrame) -> pd.Series:
    cols = list(keys.columns)
    out = keys[cols[0]].astype(str)
    for c in cols[1:]:
        out = out + GROUP_SEP + keys[c].astype(str)
    return out


def _doc_matrix(documents: pd.DataFrame, hits: pd.DataFrame):
    """Per-document count matrix (CSR, documents x features) and the features table.

    Features: column 0 is the total ('(all)', '(all)', '(all)'), then one column per category,
    then one per (category, entry, term).
    """
    pos = pd.Index(documents["doc_id"]).get_indexer(hits["doc_id"])
    h = hits[pos >= 0]
    pos = pos[pos >= 0]
    terms = h[["category", "entry", "term"]].drop_duplicates().sort_values(["category", "entry"])
    cats = sorted(h["category"].unique())
    features = pd.concat([
        pd.DataFrame({"category": [ALL], "entry": [ALL], "term": [ALL]}),
        pd.DataFrame({"category": cats, "entry": ALL, "term": ALL}),
        terms,
    ], ignore_index=True)
    cat_col = pd.Index(cats).get_indexer(h["category"]) + 1
    term_col = pd.Index(terms["entry"]).get_indexer(h["entry"]) + 1 + len(cats)
    in_total = ~h["category"].isin(APART).to_numpy()  # measures apart (scare quotes) are not in the total
    rows = np.concatenate([pos[in_total], pos, pos])
    cols = np.concatenate([np.zeros(int(in_total.sum()), dtype=np.int64), cat_col, term_col])
    counts = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(documents), len(features)))
    counts.sum_duplicates()
    return counts, features


# ------------------------------------------------------- rates per group (intervals: bootstrap.py)

def _group_rates(keys: pd.DataFrame, words: np.ndarray, counts, features: pd.DataFrame,
                 options: StatsOptions, *, all_terms: bool = False) -> pd.DataFrame:
    """Rates with intervals per group (rows of ``keys``, aligned with ``counts`` and ``words``)."""
    by = list(keys.columns)
    labels = group_labels(keys).to_numpy()
    codes, uniques = pd.factorize(labels, sort=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(uniques)))])
    counts = sparse.csr_matrix(counts)[order]
    words = np.asarray(words, dtype=float)[order]
    first_rows = keys.iloc[order[bounds[:-1]]].reset_index(drop=True)
    is_term = (features["entry"] != ALL).to_numpy()
    poisson_upper = -np.log((1 - options.level) / 2)  # 0 hits: exact one-sided Poisson bound
    parts = {k: [] for k in ("group", "feature", "hits", "words", "n_docs", "low", "high")}
    for g, label in enumerate(uniques):
        a, b = bounds[g], bounds[g + 1]
        c = counts[a:b]
        w = words[a:b]
        hits = np.asarray(c.sum(axis=0)).ravel()
        total_words = w.sum()
        low, high = rate_intervals(c, w, keyed_rng(options.seed, label), options.n_boot, options.level)
        low, high = low * 1000, high * 1000
        if total_words > 0 and b - a >= 2:
            high = np.where(hits == 0, poisson_upper / total_words * 1000, high)
        keep = np.flatnonzero(np.ones(len(features), dtype=bool) if all_terms else (~is_term | (hits > 0)))
        parts["group"].append(np.full(keep.size, g))
        parts["feature"].append(keep)
        parts["hits"].append(hits[keep])
        parts["words"].append(np.full(keep.size, total_words))
        parts["n_docs"].append(np.full(keep.size, b - a))
        parts["low"].append(low[keep])
        parts["high"].append(high[keep])
    if not uniques.size:
        return pd.DataFrame(columns=by + RATE_CI_COLUMNS)
    cat = {k: np.concatenate(v) for k, v in parts.items()}
    table = features.iloc[cat["feature"]].reset_index(drop=True)
    for col in by:
        table[col] = first_rows[col].to_numpy()[cat["group"]]
    table["group"] = np.asarray(uniques, dtype=object)[cat["group"]]
    table["hits"] = cat["hits"].astype("int64")
    table["words"] = cat["words"].astype("int64")
    table["n_docs"] = cat["n_docs"].astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        table["rate_per_1k"] = np.where(cat["words"] > 0, 1000 * cat["hits"] / cat["words"], np.nan)
    table["ci_low"] = cat["low"]
    table["ci_high"] = cat["high"]
    table["warning"] = _warnings(cat["n_docs"], cat["words"], cat["hits"], options)
    return table


def _warnings(n_docs: np.ndarray, words: np.ndarray, hits: np.ndarray, options: StatsOptions) -> np.ndarray:
    """One warning text per row (empty when there is nothing to say), built column-wise."""
    parts = [
        np.where(n_docs < 2, "one document: no interval", ""),
        np.where((n_docs >= 2) & (n_docs < options.min_docs),
                 np.char.add(np.char.add("few documents (", n_docs.astype(int).astype(str)),
                             f" < {options.min_docs})"), ""),
        np.where(words < options.min_words,
                 np.char.add(np.char.add("few words (", words.astype(int).astype(str)),
                             f" < {options.min_words})"), ""),
        np.where((hits == 0) & (words > 0) & (n_docs >= 2), "no hits: upper bound is Poisson", ""),
    ]
    out = np.full(len(hits), "", dtype=object)
    for p in parts:
        p = p.astype(object)
        out = np.where(out == "", p, np.where(p == "", out, out + "; " + p))
    return out


@returns_table("rate_ci")
def rates_ci(documents: pd.DataFrame, hits: pd.DataFrame, by=("outlet",),
             options: StatsOptions = StatsOptions()) -> pd.DataFrame:
    """Hits per 1,000 words with a bootstrap interval, per group in ``by`` and per category/term.

    ``by`` names document columns; 'period' is added from ``options.period`` when asked for.
    One row per group with category = term = '(all)', one per group and category (also when it
    has no hits), one per group and term with hits. Columns: ``RATE_CI_COLUMNS`` plus the ``by``
    columns. With no hits the interval is (0, exact one-sided Poisson upper bound); with fewer
    than two documents it is missing.
    """
    by = list(by)
    docs = with_periods(documents, options.period) if "period" in by and "period" not in documents else documents
    missing = [c for c in by if c not in docs.columns]
    if missing:
        raise OptionError(f"cannot group by {missing}: use outlet, period or outlet,period")
    docs = docs.reset_index(drop=True)
    counts, features = _doc_matrix(docs, counted_hits(hits, options.voices))
    table = _group_rates(docs[by].astype(str), docs["words"].to_numpy(), counts, features, options)
    order = {ALL: "\x00"}
    table = table.sort_values(by + ["category", "entry"],
                              key=lambda s: s.map(lambda v: order.get(v, str(v)))).reset_index(drop=True)
    for col in ("rate_per_1k", "ci_low", "ci_high"):
        table[col] = table[col].astype(float).round(6)
    return table[RATE_CI_COLUMNS + by]


# ----------------------------------------------------------------------------- keyness

def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (step-up, capped at 1); NaN stays NaN."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = q.size
    if m == 0:
        return out
    order = np.argsort(q)
    ranked = q[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adj = np.empty(m)
    adj[order] = np.minimum(ranked, 1.0)
    out[ok] = adj
    return out


def log_odds_dirichlet(y_i, n_i, y_j, n_j, alpha, alpha0):
    """Monroe et al. (2008): log-odds ratio of a term in i vs j with prior ``alpha`` (per term,
    summing to ``alpha0`` over the whole vocabulary) and its z-score."""
    y_i, n_i, y_j, n_j, alpha = (np.asarray(v, dtype=float) for v in (y_i, n_i, y_j, n_j, alpha))
    delta = (np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha))
             - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha)))
    var = 1 / (y_i + alpha) + 1 / (y_j + alpha)
    return delta, delta / np.sqrt(var)


def g2_2x2(a, n_a, b, n_b):
    """Log-likelihood G2 of the 2x2 table [[a, n_a - a], [b, n_b - b]] (term vs other words in
    two corpora; 0 * log 0 = 0).

    nltk's BigramAssocMeasures.likelihood_ratio computes the same statistic but is not used: it
    adds 1e-20 inside the logarithm and forms the expected counts in another order, so on real
    tables about half of its values differ from these in the last bits (up to 2e-5 relative where
    G2 is near 0 and the terms cancel), which would change keyness.csv; and it scores one table
    per Python call, where this takes whole columns (issue 16, tests/test_stats.py)."""
    a, n_a, b, n_b = (np.asarray(v, dtype=float) for v in (a, n_a, b, n_b))
    obs = np.stack([a, n_a - a, b, n_b - b])
    total = n_a + n_b
    col_term = (a + b) / total
    exp = np.stack([n_a * col_term, n_a * (1 - col_term), n_b * col_term, n_b * (1 - col_term)])
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return 2 * terms.sum(axis=0)


def g2(a, b, c, d):
    """Dunning's log-likelihood G2 in the two-cell form corpus linguists use for keyness (Rayson and
    Garside 2000): a term seen ``a`` times in ``c`` tokens against ``b`` times in ``d`` tokens. It
    leaves out the cells of the other words, so it is a little smaller than :func:`g2_2x2`; used by
    ``framing discover`` and the 'guess the outlet' worksheet."""
    a, b, c, d = (np.asarray(v, dtype=float) for v in (a, b, c, d))
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def log_ratio(a, n_a, b, n_b):
    """Hardie's (2014) Log Ratio: log2 of the ratio of relative frequencies. When either count is
    zero, 0.5 is added to both, so the ratio stays finite and keeps its sign."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    pad = np.where((a == 0) | (b == 0), 0.5, 0.0)
    return np.log2(((a + pad) / np.asarray(n_a, dtype=float)) / ((b + pad) / np.asarray(n_b, dtype=float)))


@returns_table("keyness")
def keyness(documents: pd.DataFrame, hits: pd.DataFrame, by=("outlet",), options: StatsOptions = StatsOptions(),
            *, reference: str | None = None) -> pd.DataFrame:
    """Terms that set each group apart from the rest (or from the group ``reference``).

    For every group and every term with hits: ``log_odds`` and ``z`` (Monroe et al. 2008, with
    the informative prior alpha_w = ``keyness_prior`` x the term's pooled count and alpha_0 =
    ``keyness_prior`` x the pooled word count), ``g2`` (the 2x2 log-likelihood), ``log_ratio``
    (effect size, log2), ``p`` (chi-square, 1 df, from G2) and ``p_adj`` (Benjamini-Hochberg
    over the whole table), ``p_z`` and ``p_adj_z`` (the same from z, two-sided). Sorted by group,
    then z from most over-used to most under-used.

    G2's p-values are too small for terms with few hits (3 hits vs 0 in equal halves: p = 0.04,
    where the exact binomial test gives 0.25); the z-score with the default prior (0.05) stays
    close to the exact test (0.25 there; 0.057 for 60 vs 40, exact 0.057). Read ``p_adj``
    together with ``z``, or use ``p_adj_z``.
    """
    by = list(by)
    docs = with_periods(documents, options.period) if "period" in by and "period" not in documents else documents
    h = counted_hits(hits, options.voices)
    h = h[~h["category"].isin(APART)]  # measures of their own (scare quotes) are not lexicon terms
    h = h.merge(docs[["doc_id"] + [c for c in by if c not in h.columns]], on="doc_id", how="inner") \
        if any(c not in h.columns for c in by) else h[h["doc_id"].isin(docs["doc_id"])]
    glabel = group_labels(docs[by].astype(str))
    words = docs.assign(group=glabel.to_numpy()).groupby("group")["words"].sum()
    if len(words) < 2:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    if reference is not None and reference not in words.index:
        raise OptionError(f"reference group '{reference}' not found: groups are {', '.join(words.index[:8])}")
    hg = h.assign(group=group_labels(h[by].astype(str)).to_numpy())
    terms = h[["entry", "term", "category"]].drop_duplicates("entry").sort_values("entry").reset_index(drop=True)
    y = (hg.groupby(["group", "entry"]).size().unstack(fill_value=0)
         .reindex(index=words.index, columns=terms["entry"], fill_value=0).to_numpy(dtype=float))
    n = words.to_numpy(dtype=float)
    pooled_y, pooled_n = y.sum(axis=0), n.sum()
    alpha = options.keyness_prior * pooled_y
    alpha0 = options.keyness_prior * pooled_n
    frames = []
    for g, label in enumerate(words.index):
        if label == reference:
            continue
        if reference is None:
            y_j, n_j = pooled_y - y[g], pooled_n - n[g]
        else:
            r = words.index.get_loc(reference)
            y_j, n_j = y[r], n[r]
        delta, z = log_odds_dirichlet(y[g], n[g], y_j, n_j, alpha, alpha0)
        g2 = g2_2x2(y[g], n[g], y_j, n_j)
        frame = terms.copy()
        frame["group"] = label
        frame["hits_group"] = y[g].astype("int64")
        frame["hits_rest"] = np.asarray(y_j).astype("int64")
        frame["words_group"] = int(n[g])
        frame["words_rest"] = int(n_j)
        frame["rate_group_per_1k"] = 1000 * y[g] / n[g] if n[g] else np.nan
        frame["rate_rest_per_1k"] = 1000 * y_j / n_j if n_j else np.nan
        frame["log_odds"] = delta
        frame["z"] = z
        frame["g2"] = g2
        frame["log_ratio"] = log_ratio(y[g], n[g], y_j, n_j)
        frame["p"] = _sps().chi2.sf(g2, 1)
        frames.append(frame[(frame["hits_group"] + frame["hits_rest"]) > 0])
    if not frames:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table["p_adj"] = benjamini_hochberg(table["p"].to_numpy())
    table["p_z"] = 2 * _sps().norm.sf(np.abs(table["z"].to_numpy(dtype=float)))
    table["p_adj_z"] = benjamini_hochberg(table["p_z"].to_numpy())
    table = table.sort_values(["group", "z"], ascending=[True, False]).reset_index(drop=True)
    return table[KEYNESS_COLUMNS]


# ----------------------------------------------------------------------------- naming

@returns_table("naming")
def naming_matrix(documents: pd.DataFrame, hits: pd.DataFrame, by=("outlet",),
                  options: StatsOptions = StatsOptions()) -> pd.DataFrame:
    """Who calls whom what: per referent and group, each label (term) with its hits, its share
    of the referent's hits in the group, and the number of documents using it."""
    by = list(by)
    docs = with_periods(documents, options.period) if "period" in by and "period" not in documents else documents
    h = counted_hits(hits, options.voices)
    h = h[h["referent"].fillna("").astype(str).str.strip() != ""]
    h = h.drop(columns=[c for c in by if c in h.columns]).merge(docs[["doc_id"] + by], on="doc_id", how="inner")
    if h.empty:
        return pd.DataFrame(columns=NAMING_COLUMNS)
    h = h.assign(group=group_labels(h[by].astype(str)).to_numpy())
    table = (h.groupby(["referent", "group", "term"], sort=True)
             .agg(hits=("doc_id", "size"), docs=("doc_id", "nunique"), entry=("entry", "first"))
             .reset_index().rename(columns={"term": "label"}))
    table["share"] = table["hits"] / table.groupby(["referent", "group"])["hits"].transform("sum")
    table = table.sort_values(["referent", "group", "hits", "label"], ascending=[True, True, False, True])
    table["share"] = table["share"].round(6)
    return table[NAMING_COLUMNS].reset_index(drop=True)


# ----------------------------------------------------------------------------- time series

def _periods(dates: pd.Series, period: str) -> pd.Series:
    return pd.to_datetime(dates).dt.to_period(_PERIOD_FREQ[period])


def _feature_columns(features: pd.DataFrame, category: str, term: str) -> np.ndarray:
    if term != ALL:
        sel = (features["entry"] == term) | (features["term"] == term)
        if not sel.any():
            return np.array([], dtype=int)
        return np.flatnonzero(sel.to_numpy())
    return np.flatnonzero(((features["category"] == category) & (features["entry"] == ALL)).to_numpy())


@returns_table("timeseries")
def timeseries(documents: pd.DataFrame, hits: pd.DataFrame, options: StatsOptions = StatsOptions(), *,
               category: str = ALL, term: str = ALL) -> pd.DataFrame:
    """Rate per outlet per period with a bootstrap interval, over the whole dated range.

    Periods without documents are listed with missing rates (a gap, not a zero). ``low`` marks
    periods with fewer than ``min_docs`` documents or ``min_words`` words. With ``rolling`` = k > 1
    the value at a period covers it and the k - 1 periods before it (documents of the whole
    window are resampled together; column ``window`` = k). ``term`` may be an entry id or a term.
    """
    docs = documents[documents["date"].notna()].reset_index(drop=True)
    if docs.empty:
        return pd.DataFrame(columns=TIMESERIES_COLUMNS)
    per = _periods(docs["date"], options.period)
    ordinal = per.map(lambda p: p.ordinal).to_numpy(dtype=np.int64)
    freq = per.iloc[0].freq
    counts, features = _doc_matrix(docs, counted_hits(hits, options.voices))
    cols = _feature_columns(features, category, term)
    if cols.size:
        counts = counts[:, cols[:1]]
        feats = features.iloc[cols[:1]].reset_index(drop=True)
    else:
        counts = sparse.csr_matrix((len(docs), 1))
        feats = pd.DataFrame({"category": [category], "entry": [term], "term": [term]})
    k = max(1, int(options.rolling))
    lo, hi = ordinal.min(), ordinal.max()
    rows = np.repeat(np.arange(len(docs)), k)
    window = (ordinal[:, None] + np.arange(k)[None, :]).ravel()
    keep = window <= hi
    rows, window = rows[keep], window[keep]
    keys = pd.DataFrame({"outlet": docs["outlet"].astype(str).to_numpy()[rows],
                         "ordinal": np.char.zfill((window - lo).astype(str), 12)})  # sortable labels
    table = _group_rates(keys, docs["words"].to_numpy()[rows], counts[rows], feats, options, all_terms=True)
    table["ordinal"] = table["ordinal"].astype(np.int64) + lo
    grid = pd.MultiIndex.from_product([sorted(docs["outlet"].astype(str).unique()), np.arange(lo, hi + 1)],
                                      names=["outlet", "ordinal"]).to_frame(index=False)
    table = grid.merge(table.drop(columns=["group"]), on=["outlet", "ordinal"], how="left")
    starts = pd.PeriodIndex.from_ordinals(table["ordinal"].to_numpy(), freq=freq)
    table["period_start"] = starts.start_time
    table["period"] = period_labels(pd.Series(table["period_start"]), options.period).to_numpy()
    table["category"] = feats.at[0, "category"]
    table["term"] = feats.at[0, "term"]
    for col in ("hits", "words", "n_docs"):
        table[col] = table[col].fillna(0).astype("int64")
    table.loc[table["n_docs"] == 0, ["rate_per_1k", "ci_low", "ci_high"]] = np.nan
    table["low"] = (table["n_docs"] < options.min_docs) | (table["words"] < options.min_words)
    table["warning"] = table["warning"].fillna("no documents")
    table["window"] = k
    for col in ("rate_per_1k", "ci_low", "ci_high"):
        table[col] = table[col].astype(float).round(6)
    return table[TIMESERIES_COLUMNS].reset_index(drop=True)


# ----------------------------------------------------------------------------- change points

def _multinomial_g2(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """G2 of a change in label distribution: counts (..., K) before and after each split."""
    def loglik(y):
        n = y.sum(axis=-1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(y > 0, y * np.log(y / n), 0.0).sum(axis=-1)
    return 2 * (loglik(before) + loglik(after) - loglik(before + after))


def _permutation_maxima(y: np.ndarray, candidates: np.ndarray, rng: np.random.Generator, n_perm: int) -> np.ndarray:
    """Max G2 over the candidate splits for ``n_perm`` random orders of the documents, in chunks
    that keep memory small whatever the number of documents."""
    n = len(y)
    step = max(1, 4_000_000 // max(1, y.size))
    out = []
    for start in range(0, n_perm, step):
        k = min(step, n_perm - start)
        perm = rng.permuted(np.tile(np.arange(n), (k, 1)), axis=1)
        out.append(_best_split(y[perm], candidates)[0])
    return np.concatenate(out)


def _best_split(y: np.ndarray, candidates: np.ndarray):
    """y: (..., n_docs, K) label counts in time order; candidates: split positions.
    Returns (max G2, argmax position index) over the candidates."""
    cum = np.cumsum(y, axis=-2)
    total = cum[..., -1:, :]
    before = cum[..., candidates - 1, :]
    g2 = _multinomial_g2(before, total - before)
    best = g2.argmax(axis=-1)
    return np.take_along_axis(g2, best[..., None], axis=-1)[..., 0], best


@returns_table("changes")
def label_changes(documents: pd.DataFrame, hits: pd.DataFrame, options: StatsOptions = StatsOptions(),
                  *, labels: tuple[str, ...] | None = None) -> pd.DataFrame:
    """When did each outlet switch the labels it uses for a referent?

    For every outlet and referent with two or more labels: the documents using any of its labels,
    in date order, and the split between two periods (with at least ``change_min_docs`` documents
    on each side) that maximises G2 for a change in the label shares. The p-value comes from
    ``n_perm`` permutations of the documents' order (the maximum over splits is recomputed each
    time, so the search is accounted for); ``p_adj`` is Benjamini-Hochberg over all rows.
    ``labels`` restricts the test to these terms (e.g. two labels for the same referent).
    """
    h = counted_hits(hits, options.voices)
    h = h[h["referent"].fillna("").astype(str).str.strip() != ""]
    if labels:
        h = h[h["term"].isin(labels) | h["entry"].isin(labels)]
    docs = documents[documents["date"].notna()][["doc_id", "outlet", "date"]]
    h = h.drop(columns=[c for c in ("outlet", "date") if c in h.columns]).merge(docs, on="doc_id", how="inner")
    rows = []
    if h.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    h = h.assign(period=period_labels(h["date"], options.period).to_numpy())
    m = options.change_min_docs
    for (outlet, referent), g in h.groupby(["outlet", "referent"], sort=True):
        y_df = g.groupby(["date", "doc_id", "period", "term"]).size().unstack(fill_value=0).sort_index()
        if y_df.shape[1] < 2 or len(y_df) < 2 * m:
            continue
        periods = y_df.index.get_level_values("period").to_numpy()
        y = y_df.to_numpy(dtype=float)
        n = len(y)
        cand = np.flatnonzero(periods[1:] != periods[:-1]) + 1
        cand = cand[(cand >= m) & (n - cand >= m)]
        if cand.size == 0:
            continue
        g2, best = _best_split(y, cand)
        rng = keyed_rng(options.seed, f"{outlet}{GROUP_SEP}{referent}")
        g2_perm = _permutation_maxima(y, cand, rng, options.n_perm)
        p = (1 + np.sum(g2_perm >= g2 - 1e-9)) / (options.n_perm + 1)
        split = cand[best]
        before, after = y[:split].sum(axis=0), y[split:].sum(axis=0)
        share_b, share_a = before / before.sum(), after / after.sum()
        k = int(np.argmax(np.abs(share_a - share_b)))
        names = list(y_df.columns)
        label = names[k]
        change_date = y_df.index.get_level_values("date")[split]
        change_period = periods[split]
        start = pd.Period(change_date, freq=_PERIOD_FREQ[options.period]).start_time
        evidence = (f"share of '{label}' among {len(names)} labels for {referent}: "
                    f"{share_b[k]:.0%} ({int(before[k])}/{int(before.sum())} hits in {split} docs) before "
                    f"{change_period}, {share_a[k]:.0%} ({int(after[k])}/{int(after.sum())} hits in {n - split} docs) "
                    f"from then; G2 = {g2:.1f}, permutation p = {p:.3g}")
        rows.append({
            "outlet": outlet, "referent": referent, "label": label, "change_period": change_period,
            "change_date": start, "share_before": round(float(share_b[k]), 6), "share_after": round(float(share_a[k]), 6),
            "hits_before": int(before.sum()), "hits_after": int(after.sum()), "docs_before": int(split),
            "docs_after": int(n - split), "label_before": names[int(np.argmax(before))],
            "label_after": names[int(np.argmax(after))], "g2": round(float(g2), 6), "p_value": float(p),
            "evidence": evidence,
        })
    table = pd.DataFrame(rows, columns=[c for c in CHANGE_COLUMNS if c != "p_adj"])
    table["p_adj"] = benjamini_hochberg(table["p_value"].to_numpy()) if len(table) else []
    return table[CHANGE_COLUMNS]


# ----------------------------------------------------------------------------- dispersion

@returns_table("dispersion")
def dispersion_table(documents: pd.DataFrame, hits: pd.DataFrame, *, terms=None, top: int = 12,
                     options: StatsOptions = StatsOptions()) -> pd.DataFrame:
    """One row per term and document using it, documents numbered by outlet then date
    (``doc_index``), for the lexical dispersion (x-ray) plot. ``terms`` (terms or entry ids)
    default to the ``top`` most frequent."""
    docs = documents.sort_values(["outlet", "date", "doc_id"], na_position="last").reset_index(drop=True)
    docs["doc_index"] = np.arange(len(docs))
    span = docs.groupby("outlet")["doc_index"].agg(outlet_first="min", outlet_last="max").reset_index()
    h = counted_hits(hits, options.voices)
    h = h[~h["category"].isin(APART)]
    if terms:
        h = h[h["term"].isin(terms) | h["entry"].isin(terms)]
    else:
        h = h[h["term"].isin(h["term"].value_counts().head(top).index)]
    if h.empty:
        return pd.DataFrame(columns=DISPERSION_COLUMNS)
    t = (h.groupby(["term", "doc_id"]).size().rename("hits").reset_index()
         .merge(docs[["doc_id", "doc_index", "outlet", "date"]], on="doc_id")
         .merge(span, on="outlet"))
    t["n_docs_total"] = len(docs)
    rank = h["term"].value_counts()
    t["_rank"] = t["term"].map(rank)
    t = t.sort_values(["_rank", "term", "doc_index"], ascending=[False, True, True])
    return t[DISPERSION_COLUMNS].reset_index(drop=True)


# ----------------------------------------------------------------------------- comparisons for the summary

def rate_ratio(documents: pd.DataFrame, hits: pd.DataFrame, group_a: str, group_b: str, *, by: str = "outlet",
               category: str = ALL, options: StatsOptions = StatsOptions()) -> dict:
    """Rate of group A over rate of group B (own voice by default) with a bootstrap interval.

    Documents are resampled within each group independently (seeded); a replicate where B has no
    hit gives an infinite ratio, so the upper bound may be ``inf``. Returns a dict with rate_a,
    rate_b, ratio, ci_low, ci_high, n_docs_a, n_docs_b.
    """
    h = counted_hits(hits, options.voices)
    h = h[h["category"] == category] if category != ALL else h[~h["category"].isin(APART)]
    per_doc = h.groupby("doc_id").size()
    out = {}
    reps = []
    for key, g in ((group_a, "a"), (group_b, "b")):
        docs = documents[documents[by] == key]
        counts = docs["doc_id"].map(per_doc).fillna(0).to_numpy(dtype=float)
        words = docs["words"].to_numpy(dtype=float)
        rng = keyed_rng(options.seed, f"ratio|{key}|{category}")
        n = len(docs)
        out[f"rate_{g}"] = 1000 * counts.sum() / words.sum() if words.sum() else float("nan")
        out[f"n_docs_{g}"] = n
        if n < 2:
            reps.append(None)
            continue
        reps.append(ratio_replicates(1000 * counts, words, rng, options.n_boot))
    ratio = out["rate_a"] / out["rate_b"] if out["rate_b"] else float("inf")
    out["ratio"] = ratio
    if reps[0] is None or reps[1] is None:
        out["ci_low"] = out["ci_high"] = float("nan")
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(reps[1] > 0, reps[0] / reps[1], np.inf)
        alpha = (1 - options.level) / 2
        r = np.sort(r[~np.isnan(r)])  # order statistics: inf stays inf without inf - inf warnings
        if r.size == 0:
            out["ci_low"] = out["ci_high"] = float("nan")
        else:
            lo_i = min(r.size - 1, int(np.floor(alpha * (r.size - 1))))
            hi_i = min(r.size - 1, int(np.ceil((1 - alpha) * (r.size - 1))))
            out["ci_low"], out["ci_high"] = float(r[lo_i]), float(r[hi_i])
    return out


def _sps():
    """scipy.stats, imported when a p-value is asked for: the import takes about a second, which
    ``analyze`` (whose tables need none) would otherwise spend in the main process before any work."""
    from scipy import stats

    return stats
