"""Sense help for ambiguous lexicon entries: is this "regime" a government or a tax regime?

A small logistic regression over the words around a hit, trained on the hand-written examples in
``framing/data/sense_examples.tsv`` (at least ten loaded and ten neutral uses per term). It is
fitted on first use (well under a second) and kept in memory; nothing is downloaded or unpickled.

Features, for the ``window`` words on each side: the words on each side (``L:w``, ``R:w``), the
nearest two on each side with their position (``L1:w``, ``R2:w``), whether the nearest words are
capitalised (names: "Michael Savage", "Savage Garden"), each of them both shared by all terms and
conjoined with the term (``regime|L1:tax``), plus one intercept per term.

Public: :func:`sense_probability`, :func:`sense_hook` (the adapter for the context stage:
``framing.context.SENSE_MODEL = sense_hook``), :func:`load_sense_examples`, :class:`SenseClassifier`,
:func:`evaluate_sense`.
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .errors import FramingError, ModelError
from .tsv import table_lines

SENSES = ("neutral", "loaded")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_HIT = re.compile(r"\[\[(.+?)\]\]")
_SENTENCE_END = re.compile(r"[.!?؟:;\"“”]\s*$")


def examples_path() -> Path:
    return Path(str(resources.files("framing.data"))) / "sense_examples.tsv"


def load_sense_examples(path: str | Path | None = None) -> pd.DataFrame:
    """Examples as a table: term, sense, left, hit, right (``left``/``right``: the text around the hit).

    Raises ModelError naming ``file:line`` for a bad row.
    """
    path = examples_path() if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the sense examples: {exc.strerror or exc}: check the path") from None
    header = None
    rows = []
    problems = []
    for line, cells in table_lines(text):
        if header is None:
            header = [c.strip().lower() for c in cells]
            if header[:3] != ["term", "sense", "example"]:
                raise ModelError(f"{path}:{line}: the header must be term, sense, example (tab-separated): fix the first line")
            continue
        if len(cells) < 3:
            problems.append(f"{path}:{line}: {len(cells)} cell(s) where 3 are expected (term, sense, example): "
                            "separate them with tabs")
            continue
        term, sense, example = (c.strip() for c in cells[:3])
        if sense not in SENSES:
            problems.append(f"{path}:{line}: sense '{sense}' is not a sense: write loaded or neutral")
            continue
        hits = list(_HIT.finditer(example))
        if len(hits) != 1:
            problems.append(f"{path}:{line}: {len(hits)} hits marked: mark exactly one with [[double brackets]]")
            continue
        m = hits[0]
        rows.append((term.lower(), sense, example[: m.start()], m.group(1), example[m.end():]))
    if problems:
        raise ModelError("\n".join(problems[:20]))
    table = pd.DataFrame(rows, columns=["term", "sense", "left", "hit", "right"])
    if table.empty:
        raise ModelError(f"{path}: no sense examples: add rows of term, sense, example")
    return table


def context_features(term: str, left: str, right: str, *, window: int = 6) -> dict[str, float]:
    """The features of one hit (see the module docstring)."""
    left_words = _WORD.findall(left or "")[-window:]
    right_words = _WORD.findall(right or "")[:window]
    feats: dict[str, float] = {}

    def add(name: str) -> None:
        feats[name] = 1.0
        feats[f"{term}|{name}"] = 1.0

    feats[f"{term}|bias"] = 1.0
    for w in left_words:
        add(f"L:{w.lower()}")
    for w in right_words:
        add(f"R:{w.lower()}")
    for k, w in enumerate(reversed(left_words[-2:]), start=1):
        add(f"L{k}:{w.lower()}")
    for k, w in enumerate(right_words[:2], start=1):
        add(f"R{k}:{w.lower()}")
    starts_sentence = not left_words or bool(_SENTENCE_END.search(left or ""))
    if left_words and left_words[-1][:1].isupper() and not starts_sentence and len(left_words) > 1:
        add("L1:Cap")
    if right_words and right_words[0][:1].isupper():
        add("R1:Cap")
    if not left_words:
        add("L:<start>")
    if not right_words:
        add("R:<end>")
    return feats


class SenseClassifier(ClassifierMixin, BaseEstimator):
    """Logistic regression over :func:`context_features`; X is a sequence of (term, left, right).

    Attributes
    ----------
    terms_ : list of str, the terms seen in training
    vectorizer_ : DictVectorizer
    classifier_ : LogisticRegression
    classes_ : array, ["loaded", "neutral"] in sorted order
    """

    def __init__(self, *, window=6, C=1.0, random_state=0):
        self.window = window
        self.C = C
        self.random_state = random_state

    def fit(self, X, y):
        X = list(X)
        y = np.asarray(y)
        if len(X) != len(y) or not len(X):
            raise ModelError("sense: give one sense per example, and at least one example")
        self.vectorizer_ = DictVectorizer()
        features = self.vectorizer_.fit_transform([context_features(t, l, r, window=self.window) for t, l, r in X])
        self.classifier_ = LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state)
        self.classifier_.fit(features, y)
        self.classes_ = self.classifier_.classes_
        self.terms_ = sorted({t for t, _, _ in X})
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "classifier_")
        features = self.vectorizer_.transform([context_features(t, l, r, window=self.window) for t, l, r in X])
        return self.classifier_.predict_proba(features)

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def p_loaded(self, X) -> np.ndarray:
        """Probability of the loaded sense for each (term, left, right)."""
        col = list(self.classes_).index("loaded")
        return self.predict_proba(X)[:, col]


def train_sense_model(examples: pd.DataFrame | None = None, **params) -> SenseClassifier:
    examples = load_sense_examples() if examples is None else examples
    X = list(zip(examples["term"], examples["left"], examples["right"]))
    return SenseClassifier(**params).fit(X, examples["sense"].to_numpy())


@functools.lru_cache(maxsize=1)
def _shipped_model() -> SenseClassifier:
    return train_sense_model()


def term_for_entry(entry, terms: tuple[str, ...]) -> str | None:
    """The example term a lexicon entry (an Entry, its id, or a term) stands for; None if no examples cover it."""
    if isinstance(entry, str):
        key = entry.strip().lower()
        if key in terms:
            return key
        found = _entry_by_id(entry)
        if found is None:
            tail = key.rsplit(".", 1)[-1].replace("_", " ")  # en.state.regime -> regime
            return tail if tail in terms else None
        entry = found
    forms = tuple(getattr(entry, "forms", ()))
    for form in forms:
        form = form.rstrip("*").strip().lower()
        if form in terms:
            return form
    for term in terms:  # a wildcard form: claim* covers claimed
        if any(f.endswith("*") and term.startswith(f.rstrip("*").lower()) for f in forms):
            return term
    return None


def _entry_by_id(entry_id: str):
    return _shipped_entries().get(entry_id)


@functools.lru_cache(maxsize=1)
def _shipped_entries() -> dict:
    """Entries of every shipped lexicon that loads (each on its own, so one bad file hides no other)."""
    from .lexicon import load_lexicon, shipped_names

    entries = {}
    for name in shipped_names():
        try:
            entries.update(load_lexicon((name,)).by_id)
        except FramingError:
            continue
    return entries


def sense_probability(entry_id, left_context: str, right_context: str) -> float | None:
    """Probability that the hit is used in its loaded sense; None when no examples cover the entry.

    ``entry_id`` is a lexicon entry id (or an :class:`~framing.lexicon.Entry`, or the term
    itself); ``left_context``/``right_context`` are the text just before and after the hit (a
    sentence's worth is plenty).
    """
    model = _shipped_model()
    term = term_for_entry(entry_id, tuple(model.terms_))
    if term is None:
        return None
    return float(model.p_loaded([(term, left_context or "", right_context or "")])[0])


def sense_hook(sentence: str, start: int, end: int, entry, *, low: float = 0.35, high: float = 0.65) -> str | None:
    """Adapter for ``framing.context.SENSE_MODEL``: "loaded", "neutral", or None when unsure.

    Unsure means no examples for the entry, or a probability between ``low`` and ``high``;
    the context stage then keeps its default reading.
    """
    p = sense_probability(entry, sentence[:start], sentence[end:])
    if p is None:
        return None
    if p >= high:
        return "loaded"
    if p <= low:
        return "neutral"
    return None


def evaluate_sense(examples: pd.DataFrame | None = None, *, folds: int = 5, seed: int = 0) -> pd.DataFrame:
    """Cross-validated accuracy of the sense model per term (stratified by term and sense)."""
    from sklearn.model_selection import StratifiedKFold

    examples = load_sense_examples() if examples is None else examples.reset_index(drop=True)
    strata = examples["term"] + "/" + examples["sense"]
    pred = np.empty(len(examples), dtype=object)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(examples, strata):
        model = train_sense_model(examples.iloc[train])
        part = examples.iloc[test]
        pred[test] = model.predict(list(zip(part["term"], part["left"], part["right"])))
    correct = pred == examples["sense"].to_numpy()
    table = (pd.DataFrame({"term": examples["term"], "correct": correct})
             .groupby("term")["correct"].agg(examples="size", accuracy="mean").reset_index())
    table.loc[len(table)] = ["(all)", len(examples), float(correct.mean())]
    return table
