"""Term scores: for every lexicon term an outlet uses, how loaded is its use? And a framing index.

Inputs: the Hits table (framing/types.py), the Documents table (for word counts) and a sentence
table with ``doc_id``, ``sentence`` and ``p_loaded`` (from :func:`framing.model.score_corpus`).

The term score, per outlet and lexicon entry, is the mean over the outlet's hits of that entry of
the hit's *loading*::

    loading = (strength / 3) * voice_weight * p

    p             the classifier's probability that the sentence holding the hit is loaded
                  (``p_loaded``); when the hits carry ``p_word`` (the word-level model's probability
                  that the term itself is loaded where it stands, see :func:`add_word_scores`), the
                  mean of the two: the term's own wording counts as much as its sentence's

    strength      the entry's lexicon strength (1 mild, 2 strong, 3 extreme)
    voice_weight  1 in the outlet's own voice, 0.5 when attributed to someone ("officials called
                  it ..."), 0.25 inside a direct quotation: the outlet chose the words in the first
                  case, a paraphrase in the second, only to quote them in the third
                  (VOICE_WEIGHTS; change them with TermScoreOptions)

so a score lies between 0 and 1: near 1 for an extreme term used in the outlet's own voice in
sentences the classifier finds loaded; near 0 for a mild term, quoted, in neutral sentences.
Hits read in their neutral sense (``sense == "neutral"``) are left out. The interval is a
percentile bootstrap that resamples the outlet's documents (hits of one article are not
independent).

The framing index of an outlet sums the loadings of all its hits per 1,000 words: it grows with how
often the outlet uses loaded terms (frequency), how strong they are (strength), in whose voice, and
how loaded the sentences are. Its interval resamples the outlet's documents, words included.

Public: :func:`add_word_scores`, :func:`term_scores`, :func:`framing_index`, :func:`top_loaded_terms`;
the chart is :func:`framing.plots.plot_top_terms`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .bootstrap import keyed_rng, ratio_interval, unit_totals
from .errors import ModelError
from .types import INDEX_COLUMNS, TERM_SCORE_COLUMNS, returns_table

VOICE_WEIGHTS = {"own": 1.0, "attributed": 0.5, "quoted": 0.25}


@dataclass(frozen=True)
class TermScoreOptions:
    voice_weights: dict = field(default_factory=lambda: dict(VOICE_WEIGHTS))
    n_boot: int = 1000
    level: float = 0.95
    seed: int = 0
    per_words: int = 1000          # the framing index is per this many words


def hit_loadings(hits: pd.DataFrame, sentences: pd.DataFrame,
                 options: TermScoreOptions = TermScoreOptions()) -> pd.DataFrame:
    """The hits (neutral senses left out) with ``p_loaded`` of their sentence and their ``loading``."""
    need = ["doc_id", "outlet", "sentence", "entry", "term", "category", "strength", "voice"]
    missing = [c for c in need if c not in hits.columns]
    if missing:
        raise ModelError(f"term scores: the hits table lacks column(s) {', '.join(missing)}: run the analysis first")
    missing = [c for c in ("doc_id", "sentence", "p_loaded") if c not in sentences.columns]
    if missing:
        raise ModelError(f"term scores: the sentence table lacks column(s) {', '.join(missing)}: "
                         "score the corpus with framing.model.score_corpus first")
    table = hits
    if "sense" in table.columns:
        table = table[table["sense"].fillna("loaded") != "neutral"]
    scores = (sentences[["doc_id", "sentence", "p_loaded"]]
              .drop_duplicates(["doc_id", "sentence"])
              .astype({"doc_id": str, "sentence": "int64"}))
    table = table.astype({"doc_id": str, "sentence": "int64"}).merge(scores, on=["doc_id", "sentence"], how="left")
    unknown = sorted(set(table["voice"].dropna()) - set(options.voice_weights))
    if unknown:
        raise ModelError(f"term scores: voice(s) {', '.join(unknown)} have no weight: "
                         f"give weights for {', '.join(sorted(set(table['voice'])))}")
    if table["p_loaded"].isna().any():
        n = int(table["p_loaded"].isna().sum())
        raise ModelError(f"term scores: {n} hit(s) have no scored sentence: score the same corpus the hits come from")
    weight = table["voice"].map(options.voice_weights).astype(float)
    p = table["p_loaded"].astype(float)
    if "p_word" in table.columns:
        p = (p + table["p_word"].astype(float).fillna(p)) / 2.0
    table = table.assign(loading=table["strength"].astype(float) / 3.0 * weight * p)
    return table


def add_word_scores(hits: pd.DataFrame, texts: dict[str, str], word_model=None) -> pd.DataFrame:
    """The hits with ``p_word``: the word-level model's probability (framing/wordmodel.py) that the
    hit's own words are loaded where they stand (its most loaded word's). ``texts``: doc_id -> text.
    Hits of a document whose text is not given get NaN (term scores then use p_loaded alone)."""
    from .wordmodel import phrase_probability, score_tokens, shipped_word_model

    model = word_model or shipped_word_model()
    p = np.full(len(hits), np.nan)
    if len(hits):
        doc_ids = hits["doc_id"].astype(str).to_numpy()
        starts, ends = hits["start"].to_numpy(int), hits["end"].to_numpy(int)
        for doc_id in pd.unique(doc_ids):
            text = texts.get(doc_id)
            if text is None:
                continue
            scores = score_tokens(model, text)
            for i in np.flatnonzero(doc_ids == doc_id):
                p[i] = phrase_probability(scores, starts[i], ends[i])
    return hits.assign(p_word=p)


@returns_table("term_scores")
def term_scores(hits: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame | None = None,
                options: TermScoreOptions = TermScoreOptions()) -> pd.DataFrame:
    """One row per outlet and entry (columns TERM_SCORE_COLUMNS), most loaded first within each outlet."""
    table = hit_loadings(hits, sentences, options)
    if table.empty:
        return pd.DataFrame(columns=TERM_SCORE_COLUMNS)
    words = _words_by_outlet(documents)
    rows = []
    for (outlet, entry), group in table.groupby(["outlet", "entry"], sort=True):
        n = len(group)
        voices = group["voice"].value_counts(normalize=True)
        # one generator per (outlet, entry): no other outlet or term moves this interval
        sums, counts = unit_totals(group["loading"].to_numpy(float), group["doc_id"].to_numpy())
        low, high = ratio_interval(sums, counts, keyed_rng(options.seed, f"term|{outlet}|{entry}"),
                                   options.n_boot, options.level)
        w = words.get(outlet)
        rows.append((outlet, entry, group["term"].iloc[0], group["category"].iloc[0], int(group["strength"].iloc[0]), n,
                     group["doc_id"].nunique(), (n / w * 10_000) if w else np.nan,
                     float(voices.get("own", 0.0)), float(voices.get("attributed", 0.0)),
                     float(voices.get("quoted", 0.0)), float(group["p_loaded"].mean()),
                     float(group["p_word"].mean()) if "p_word" in group.columns else np.nan,
                     float(group["loading"].mean()), low, high))
    out = pd.DataFrame(rows, columns=TERM_SCORE_COLUMNS)
    return out.sort_values(["outlet", "term_score", "hits"], ascending=[True, False, False], ignore_index=True)


@returns_table("framing_index")
def framing_index(hits: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame,
                  options: TermScoreOptions = TermScoreOptions()) -> pd.DataFrame:
    """Per outlet: sum of hit loadings per ``per_words`` words, with a document bootstrap interval."""
    if not {"doc_id", "outlet", "words"} <= set(documents.columns):
        raise ModelError("framing index: the documents table needs doc_id, outlet and words: run the analysis first")
    table = hit_loadings(hits, sentences, options)
    per_doc = table.groupby("doc_id")["loading"].agg(["sum", "size"])
    docs = documents[["doc_id", "outlet", "words"]].astype({"doc_id": str}).drop_duplicates("doc_id")
    docs = docs.join(per_doc, on="doc_id").fillna({"sum": 0.0, "size": 0})
    scores = term_scores(hits, sentences, documents, options) if not table.empty else pd.DataFrame(columns=TERM_SCORE_COLUMNS)
    rows = []
    for outlet, group in docs.groupby("outlet", sort=True):
        load = group["sum"].to_numpy(float)
        words = group["words"].to_numpy(float)
        total_words = words.sum()
        index = load.sum() / total_words * options.per_words if total_words else np.nan
        low = high = np.nan
        if total_words:
            # one generator per outlet: adding an outlet moves no other outlet's interval
            low, high = ratio_interval(load, words, keyed_rng(options.seed, f"index|{outlet}"),
                                       options.n_boot, options.level)
            low, high = low * options.per_words, high * options.per_words
        mts = scores.loc[scores["outlet"] == outlet, "term_score"]
        rows.append((outlet, len(group), int(total_words), int(group["size"].sum()), float(load.sum()), index,
                     float(low), float(high), float(mts.mean()) if len(mts) else np.nan))
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def top_loaded_terms(scores: pd.DataFrame, n: int = 10, *, min_hits: int = 1) -> pd.DataFrame:
    """Each outlet's ``n`` terms with the highest term score (with at least ``min_hits`` hits)."""
    kept = scores[scores["hits"] >= min_hits]
    return (kept.sort_values(["outlet", "term_score", "hits"], ascending=[True, False, False])
            .groupby("outlet", sort=True).head(n).reset_index(drop=True))


def _words_by_outlet(documents: pd.DataFrame | None) -> dict[str, float]:
    if documents is None or not {"outlet", "words"} <= set(documents.columns):
        return {}
    return documents.groupby("outlet")["words"].sum().astype(float).to_dict()


