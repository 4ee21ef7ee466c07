"""Outlet fingerprint: which outlet wrote this? A linear model that predicts the outlet from wording.

For a class: fit it on a labelled corpus, read each outlet's most distinctive words (the largest
weights of its column of the logistic regression), look at the confusion matrix of
cross-validated predictions, and ask it "which outlet wrote this paragraph?".

Outlet names (and their single words, e.g. "Fox" of "Fox News") are removed from the texts by
default, and so are lines found word for word in three or more documents (captions, "Story
continued below", newsletter footers): otherwise the model learns bylines and page furniture rather
than wording. Some boilerplate still leaks (agency credits, "Mr." house style); read the features
before reading anything into the accuracy.

Public: :func:`fingerprint_outlets`, :class:`Fingerprint` (``.predict``); its charts are
:func:`framing.plots.plot_confusion` and :func:`framing.plots.plot_distinctive_features`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from .errors import ModelError

MASK = " "


@dataclass(frozen=True)
class FingerprintOptions:
    ngrams: tuple[int, int] = (1, 2)
    min_df: int = 2
    max_features: int = 50_000
    C: float = 10.0
    folds: int = 5
    top: int = 15                 # distinctive features listed per outlet
    mask_outlet_names: bool = True
    drop_repeated_lines: int = 3  # drop lines found word for word in this many documents or more (0: keep all)
    min_docs: int = 5             # outlets with fewer documents are left out (and listed)


@dataclass(frozen=True)
class Fingerprint:
    """The fitted model and its cross-validated quality.

    accuracy      mean accuracy over the folds; ``chance`` is the share of the largest outlet
    folds         accuracy per fold
    confusion     counts: rows = true outlet, columns = predicted outlet (out-of-fold predictions)
    features      outlet, rank, feature, weight: each outlet's most distinctive features
    dropped       outlets left out for having fewer than ``min_docs`` documents
    """

    pipeline: Pipeline
    outlets: tuple[str, ...]
    accuracy: float
    chance: float
    folds: tuple[float, ...]
    confusion: pd.DataFrame
    features: pd.DataFrame
    dropped: tuple[str, ...]
    mask: tuple[str, ...]

    def predict(self, texts: Sequence[str]) -> pd.DataFrame:
        """Most likely outlet and the probability of each outlet, one row per text."""
        texts = [_mask(str(t), self.mask) for t in texts]
        proba = self.pipeline.predict_proba(texts)
        classes = list(self.pipeline.classes_)
        table = pd.DataFrame(proba, columns=classes)
        table.insert(0, "predicted", [classes[i] for i in proba.argmax(axis=1)])
        return table


def build_fingerprint_pipeline(options: FingerprintOptions = FingerprintOptions(), *, seed: int = 0) -> Pipeline:
    vectorizer = TfidfVectorizer(ngram_range=tuple(options.ngrams), min_df=options.min_df,
                                 max_features=options.max_features, sublinear_tf=True,
                                 token_pattern=r"(?u)\b[^\W\d_][\w'’-]*\b")
    return Pipeline([("words", vectorizer),
                     ("classifier", LogisticRegression(C=options.C, max_iter=3000, random_state=seed))])


def fingerprint_outlets(texts: Sequence[str], outlets: Sequence[str], *,
                        options: FingerprintOptions = FingerprintOptions(), seed: int = 0) -> Fingerprint:
    """Cross-validate and fit the outlet model on texts (documents or paragraphs) and their outlets."""
    texts = ["" if not isinstance(t, str) else t for t in texts]
    outlets = [str(o) for o in outlets]
    if len(texts) != len(outlets):
        raise ModelError(f"fingerprint: {len(texts)} texts but {len(outlets)} outlets: give one outlet per text")
    counts = pd.Series(outlets).value_counts()
    keep_outlets = sorted(counts[counts >= max(options.min_docs, options.folds)].index)
    dropped = tuple(sorted(set(counts.index) - set(keep_outlets)))
    if len(keep_outlets) < 2:
        raise ModelError(f"fingerprint: need at least two outlets with {max(options.min_docs, options.folds)} or more "
                         f"documents each (found {len(keep_outlets)}): add documents or outlets")
    mask = _mask_terms(keep_outlets + list(dropped)) if options.mask_outlet_names else ()
    keep = [i for i, o in enumerate(outlets) if o in set(keep_outlets)]
    kept_texts = [texts[i] for i in keep]
    if options.drop_repeated_lines:
        kept_texts = drop_repeated_lines(kept_texts, options.drop_repeated_lines)
    X = [_mask(t, mask) for t in kept_texts]
    y = np.asarray([outlets[i] for i in keep], dtype=object)

    pred = np.empty(len(y), dtype=object)
    fold_acc = []
    splitter = StratifiedKFold(options.folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(np.zeros(len(y)), y):
        pipe = build_fingerprint_pipeline(options, seed=seed).fit([X[i] for i in train], y[train])
        pred[test] = pipe.predict([X[i] for i in test])
        fold_acc.append(float(accuracy_score(y[test], pred[test])))
    confusion = pd.DataFrame(confusion_matrix(y, pred, labels=keep_outlets), index=keep_outlets, columns=keep_outlets)
    confusion.index.name = "true"
    confusion.columns.name = "predicted"

    pipeline = build_fingerprint_pipeline(options, seed=seed).fit(X, y)
    features = distinctive_features(pipeline, options.top)
    chance = float(counts[keep_outlets].max() / counts[keep_outlets].sum())
    return Fingerprint(pipeline, tuple(keep_outlets), float(np.mean(fold_acc)), chance, tuple(fold_acc),
                       confusion, features, dropped, mask)


def distinctive_features(pipeline: Pipeline, top: int = 15) -> pd.DataFrame:
    """Each outlet's ``top`` features with the largest positive weights: outlet, rank, feature, weight."""
    names = pipeline.named_steps["words"].get_feature_names_out()
    clf = pipeline.named_steps["classifier"]
    coef = clf.coef_
    classes = list(clf.classes_)
    if coef.shape[0] == 1:  # two outlets: one column of weights, for the second class
        coef = np.vstack([-coef[0], coef[0]])
    rows = []
    for k, outlet in enumerate(classes):
        order = np.argsort(-coef[k])[:top]
        rows.extend((outlet, r + 1, names[i], float(coef[k, i])) for r, i in enumerate(order))
    return pd.DataFrame(rows, columns=["outlet", "rank", "feature", "weight"])


def drop_repeated_lines(texts: list[str], min_docs: int = 3) -> list[str]:
    """Remove lines that occur word for word in ``min_docs`` or more texts (captions, footers, ads)."""
    seen: dict[str, int] = {}
    for text in texts:
        for line in {ln.strip() for ln in text.splitlines() if ln.strip()}:
            seen[line] = seen.get(line, 0) + 1
    boiler = {line for line, n in seen.items() if n >= min_docs}
    if not boiler:
        return texts
    return ["\n".join(ln for ln in text.splitlines() if ln.strip() not in boiler) for text in texts]


def _mask_terms(outlets: list[str]) -> tuple[str, ...]:
    """Outlet names and their distinctive words (4+ letters, not common words) to hide from the model."""
    common = {"news", "post", "times", "daily", "press", "media", "the", "world", "journal", "network", "online",
              "today", "review", "herald", "tribune", "report", "international", "channel", "radio", "public"}
    terms = set()
    for outlet in outlets:
        name = outlet.strip()
        if not name or name.startswith("("):
            continue
        terms.add(name.lower())
        for word in re.findall(r"[^\W\d_]+", name.lower()):
            if len(word) >= 4 and word not in common:
                terms.add(word)
    return tuple(sorted(terms, key=lambda t: (-len(t), t)))


def _mask(text: str, terms: tuple[str, ...]) -> str:
    if not terms:
        return text
    pattern = _mask_pattern(terms)
    return pattern.sub(MASK, text)


_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _mask_pattern(terms: tuple[str, ...]) -> re.Pattern:
    pattern = _PATTERNS.get(terms)
    if pattern is None:
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
        _PATTERNS[terms] = pattern
    return pattern
