"""Beyond the lexicon: spans the word-level model reads as loaded that no lexicon lists.

``--beyond-lexicon`` (analyze, hits, report, html) adds them to the hits as a layer of their own:
entry ``model.loaded``, category ``model.loaded``, strength 1, each read in context like any hit
(voice, negation, scare quotes). They are kept apart from the lexicon's rates: the rate tables,
charts and naming matrix count lexicon hits only, and ``analyze`` writes the layer's rates to
``model_rates_by_outlet.csv``; ``--model-in-rates`` counts them in the rates too.

A span is one word, or adjacent words with nothing but spaces between them, whose probability
(framing/wordmodel.py) reaches the model's threshold (chosen for F1 on BABE; on BABE's held-out
folds about 43% of the words it marks were marked by the annotators, and it finds about 47% of
those they marked: scripts/evaluate_word_model.py). Never marked: function words, names
(capitalised words not at the start of a sentence), words inside a lexicon hit, non-English
documents.
"""
from __future__ import annotations

import bisect

from .lexicon import Category, Entry, Lexicon

MODEL_CATEGORY = "model.loaded"
MODEL_ENTRY = Entry(
    id="model.loaded", lang="en", term="(loaded, per the word model)", variants=(), category=MODEL_CATEGORY,
    referent="", strength=1, neutral=("a neutral wording chosen by a person",),
    rationale="The word-level model trained on words annotators marked as biased reads it as loaded; no lexicon lists it.",
    sources=("BABE, Spinde et al. 2021",), file="(word model)")


def model_spans(text: str, lexicon_spans, sentences: list[tuple[int, int]], model=None) -> list[tuple[int, int, float]]:
    """``(start, end, p)`` of the loaded spans no lexicon span overlaps, in text order."""
    from .wordmodel import function_words, score_tokens, shipped_word_model

    model = model or shipped_word_model()
    scores = score_tokens(model, text)
    if not scores:
        return []
    stop = function_words()
    taken = sorted((s.start, s.end) for s in lexicon_spans)
    taken_starts = [a for a, _ in taken]
    token_starts = [t.start for t in scores]
    first_words = set()   # the first word of a sentence may be capitalised without being a name
    for s0, s1 in sentences:
        i = bisect.bisect_left(token_starts, s0)
        if i < len(scores) and scores[i].start < s1:
            first_words.add(scores[i].start)
    out: list[list] = []
    for t in scores:
        if t.p < model.threshold or t.token.lower() in stop:
            continue
        if t.token[:1].isupper() and t.start not in first_words:
            continue
        j = bisect.bisect_right(taken_starts, t.start) - 1
        if (j >= 0 and taken[j][1] > t.start) or (j + 1 < len(taken) and taken[j + 1][0] < t.end):
            continue
        if out and not text[out[-1][1]:t.start].strip():
            out[-1][1] = t.end
            out[-1][2] = max(out[-1][2], t.p)
        else:
            out.append([t.start, t.end, t.p])
    return [tuple(x) for x in out]


MODEL_CATEGORY_INFO = Category(
    MODEL_CATEGORY, "Loaded per the word model (no lexicon lists it)", "#BBBBBB",
    "Words the word-level model reads as loaded that no lexicon in use lists: leads to check, not lexicon hits.")


def with_model_entry(lexicon: Lexicon) -> Lexicon:
    """The lexicon plus the model layer's entry and category (for views and reports to look up)."""
    if MODEL_ENTRY.id in lexicon.by_id:
        return lexicon
    categories = dict(lexicon.categories)
    categories[MODEL_CATEGORY] = MODEL_CATEGORY_INFO
    return Lexicon(lexicon.entries + (MODEL_ENTRY,), categories, lexicon.files, lexicon.digest)


def lexicon_layer(hits):
    """Hits (or hit counts) without the model layer: what the lexicon's rates count."""
    if "category" not in hits.columns or not len(hits):
        return hits
    return hits[hits["category"] != MODEL_CATEGORY]


def model_layer(hits):
    if "category" not in hits.columns or not len(hits):
        return hits.iloc[0:0] if hasattr(hits, "iloc") else hits
    return hits[hits["category"] == MODEL_CATEGORY]
