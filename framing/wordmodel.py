"""The word-level model: how likely is each word of a text, read where it stands, to be loaded?

Trained on the words BABE's annotators marked as biased (``biased_words``) in news sentences: each
token of a training sentence is an example, positive when the annotators marked it. The model is a
scikit-learn :class:`~sklearn.pipeline.Pipeline`::

    features    WordFeatures: per token, strings naming
                  the word and two crude stems of it, its suffix, its shape (capitalised, hyphenated),
                  whether it is a function word, the words before and after it (and the bigrams),
                  the literature word lists that hold it (bias lexicon, subjectivity clues, hedges,
                  report verbs, ...) and the categories of our lexicon that hold it
    hasher      FeatureHasher (2**18 columns, so there is no vocabulary to store)
    classifier  LogisticRegression

``p`` of a token is the model's probability that annotators would mark it. A short phrase's
probability is the highest of its tokens' (:func:`phrase_probability`): "radical left" is as loaded
as "radical". The decision threshold (``threshold`` in the metadata) is the one that maximised F1
on out-of-fold predictions of the training data (:func:`choose_threshold`).

Saved and loaded like the sentence model (framing.model: skops, sha256 in a JSON beside it, only
known object types), under its own format name, so neither file can be mistaken for the other.

Public: :func:`tokenize`, :func:`train_word_model`, :func:`word_examples`, :func:`score_tokens`,
:func:`score_texts`, :func:`phrase_probability`, :func:`evaluate_word_model`, :func:`load_word_model`,
:func:`save_word_model`, :func:`default_word_model_path`.
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import platform
import re
import warnings
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from . import __version__
from .errors import FramingError, ModelError
from .model import (FORMAT_VERSION, LITERATURE_LISTS, TRUSTED_TYPES, LoadednessModel, _CompactDicts, _word_forms,
                    literature_dir, load_model, read_word_list, save_model)

WORD_FORMAT = "framing.wordloadedness"
WORD_TRUSTED_TYPES = TRUSTED_TYPES + (
    "sklearn.feature_extraction._hash.FeatureHasher", "framing.wordmodel.WordFeatures",
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class WordModelOptions:
    """The word model's settings; the defaults are the shipped model's (scripts/evaluate_word_model.py)."""

    C: float = 0.5                  # inverse regularisation of the logistic regression
    n_features: int = 2 ** 18       # hashed feature columns
    lexicon: bool = True            # use our lexicon's categories as features
    literature: bool = True         # use the literature word lists as features
    context: bool = True            # use the neighbouring words as features


@dataclass(frozen=True)
class TokenScore:
    start: int      # character offsets into the text
    end: int
    token: str      # as written
    p: float        # probability that the token is loaded where it stands


# ----------------------------------------------------------------------------- tokens

def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words (letters, with inner apostrophes and hyphens) of ``text`` as (start, end, surface)."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text or "")]


def _norm(token: str) -> str:
    return token.lower().replace("’", "'")


@functools.lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The shipped list of function words (framing/data/discover/stopwords.txt)."""
    path = Path(str(resources.files("framing.data"))) / "discover" / "stopwords.txt"
    return frozenset(read_word_list(path))


# ----------------------------------------------------------------------------- features

class WordFeatures(_CompactDicts, TransformerMixin, BaseEstimator):
    """Token -> list of feature strings (see the module docstring). ``X`` is a list of
    ``(tokens, i)`` pairs: the sentence's tokens as written and the index of the token to describe.

    ``excluded`` lexicon entries (ids) are left out of the lexicon features: held-out checks remove
    them so that the lexicon cannot lead the model to them.

    Attributes: ``words_`` (word -> bit mask of the literature lists that hold it), ``lexwords_``
    (word -> "category" for single-word lexicon forms, "category+" for words of multi-word forms),
    ``lexprefixes_`` (wildcard stems -> category), ``stop_`` (function words).
    """

    _compact_dicts = ("words_", "lexwords_")

    def __init__(self, *, lexicons=("en/core",), literature=LITERATURE_LISTS, context=True, excluded=()):
        self.lexicons = lexicons
        self.literature = literature
        self.context = context
        self.excluded = excluded

    def fit(self, X=None, y=None):
        from .lexicon import load_lexicon

        words: dict[str, int] = {}
        for j, name in enumerate(self.literature or ()):
            path = literature_dir() / f"{name}.txt"
            if not path.exists():
                raise ModelError(f"{path}: literature list '{name}' not found: choose from {', '.join(LITERATURE_LISTS)}")
            for term in read_word_list(path):
                if " " not in term:
                    key = _norm(term)
                    words[key] = words.get(key, 0) | (1 << j)
        lexwords: dict[str, str] = {}
        prefixes: list[list[str]] = []
        if self.lexicons:
            try:
                lexicon = load_lexicon(tuple(self.lexicons))
            except FramingError as exc:
                warnings.warn(f"word features: {exc}; no lexicon features", stacklevel=2)
            else:
                excluded = set(self.excluded or ())
                for e in lexicon.entries:
                    if e.lang != "en" or e.id in excluded:
                        continue
                    for form in e.forms:
                        parts = [_norm(t) for _, _, t in tokenize(form.rstrip("*"))]
                        if not parts:
                            continue
                        if len(parts) == 1:
                            if form.endswith("*"):
                                prefixes.append([parts[0], e.category])
                            else:
                                lexwords.setdefault(parts[0], e.category)
                        else:
                            for part in parts:
                                if part not in function_words():
                                    lexwords.setdefault(part, e.category + "+")
        self.words_ = words
        self.lexwords_ = lexwords
        self.lexprefixes_ = prefixes
        self.stop_ = sorted(function_words())
        return self

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_cache", None)   # a speed-up in memory, never saved
        return state

    def transform(self, X):
        check_is_fitted(self, "words_")
        stop = frozenset(self.stop_)
        lists = tuple(self.literature or ())
        cache = self.__dict__.setdefault("_cache", {})
        if len(cache) > 200_000:
            cache.clear()
        return [self._features(tokens, i, stop, lists, cache) for tokens, i in X]

    def _features(self, tokens, i, stop, lists, cache=None) -> list[str]:
        raw = tokens[i]
        key = (raw, i == 0)
        static = cache.get(key) if cache is not None else None
        if static is None:
            static = self._word_features(raw, i, stop, lists)
            if cache is not None:
                cache[key] = static
        if not self.context:
            return static
        w = _norm(raw)
        prev = _norm(tokens[i - 1]) if i > 0 else "<s>"
        nxt = _norm(tokens[i + 1]) if i + 1 < len(tokens) else "</s>"
        f = static + ["p=" + prev, "n=" + nxt, "pw=" + prev + "_" + w, "wn=" + w + "_" + nxt]
        plist = cache.get(("<prev>", prev)) if cache is not None else None
        if plist is None:
            pmask = 0
            for form in _word_forms(prev):
                pmask |= self.words_.get(form, 0)
            plist = ["plist=" + lists[j] for j in range(len(lists)) if pmask >> j & 1]
            if cache is not None:
                cache[("<prev>", prev)] = plist
        return f + plist

    def _word_features(self, raw, i, stop, lists) -> list[str]:
        """The features of the word itself (cached per surface form and sentence position)."""
        w = _norm(raw)
        f = ["w=" + w, "suf=" + w[-3:]]
        forms = _word_forms(w)
        f.extend("stem=" + s for s in forms[1:3])
        if w in stop:
            f.append("function")
        if raw[:1].isupper():
            f.append("cap" if i else "cap0")
        if raw.isupper() and len(raw) > 1:
            f.append("upper")
        if "-" in w:
            f.append("hyph")
            f.append("hp=" + w.split("-")[0])
        mask = 0
        for form in forms:
            mask |= self.words_.get(form, 0)
        f.extend("list=" + lists[j] for j in range(len(lists)) if mask >> j & 1)
        cat = self.lexwords_.get(w)
        if cat is None:
            for form in forms[1:]:
                cat = self.lexwords_.get(form)
                if cat:
                    break
        if cat is None:
            for stem, c in self.lexprefixes_:
                if w.startswith(stem):
                    cat = c
                    break
        if cat:
            f.append("lex=" + cat)
            f.append("lex")
        return f


def build_word_pipeline(options: WordModelOptions = WordModelOptions(), *, seed: int = 0, excluded=()) -> Pipeline:
    return Pipeline([
        ("features", WordFeatures(lexicons=("en/core",) if options.lexicon else (),
                                  literature=LITERATURE_LISTS if options.literature else (),
                                  context=options.context, excluded=tuple(excluded))),
        ("hasher", FeatureHasher(n_features=options.n_features, input_type="string", alternate_sign=False)),
        ("classifier", LogisticRegression(C=options.C, max_iter=2000, random_state=seed)),
    ])


# ----------------------------------------------------------------------------- training data

def _marks(cell) -> set[str]:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return set()
    parts = cell.split("|") if isinstance(cell, str) else list(cell)
    return {_norm(t) for part in parts for _, _, t in tokenize(str(part))}


def usable_sentences(labels: Sequence, marked: Sequence) -> np.ndarray:
    """Which sentences can teach the word model: neutral ones and those with marked words. A
    sentence labelled biased with no word marked says nothing about which of its words are loaded."""
    keep = []
    for label, cell in zip(labels, marked):
        keep.append(bool(_marks(cell)) or str(label).strip().lower() in ("0", "0.0", "neutral", "non-biased", "false"))
    return np.asarray(keep)


def word_examples(texts: Sequence[str], marked: Sequence) -> tuple[list, np.ndarray, np.ndarray]:
    """Per token of every text: ``(tokens, i)``, its label (1: marked), and the index of its text."""
    X, y, owner = [], [], []
    for k, (text, cell) in enumerate(zip(texts, marked)):
        marks = _marks(cell)
        tokens = tuple(t for _, _, t in tokenize(text if isinstance(text, str) else ""))
        for i, tok in enumerate(tokens):
            X.append((tokens, i))
            y.append(1 if _norm(tok) in marks else 0)
            owner.append(k)
    return X, np.asarray(y, dtype=int), np.asarray(owner, dtype=int)


def choose_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The probability threshold with the highest F1 (ties: the higher threshold)."""
    from sklearn.metrics import precision_recall_curve

    prec, rec, thr = precision_recall_curve(y, p)
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-12), 0)[:-1]
    if not len(thr):
        return 0.5
    best = np.flatnonzero(f1 >= f1.max() - 1e-12)[-1]
    return float(thr[best])


def _oof(X, y, owner, options, seed, folds=3) -> np.ndarray:
    """Out-of-fold token probabilities, folds over whole sentences."""
    from sklearn.model_selection import GroupKFold

    p = np.zeros(len(y))
    for train, test in GroupKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y, owner):
        pipe = build_word_pipeline(options, seed=seed).fit([X[i] for i in train], y[train])
        p[test] = pipe.predict_proba([X[i] for i in test])[:, 1]
    return p


def train_word_model(texts: Sequence[str], labels: Sequence, marked: Sequence, *, seed: int = 0,
                     options: WordModelOptions = WordModelOptions(), data_note: dict | None = None) -> LoadednessModel:
    """Fit the word model on sentences and the words annotators marked in them (see usable_sentences)."""
    texts = ["" if not isinstance(t, str) else t for t in texts]
    if not (len(texts) == len(labels) == len(marked)):
        raise ModelError(f"word model: {len(texts)} texts, {len(labels)} labels and {len(marked)} marked cells: "
                         "give one of each per sentence")
    keep = usable_sentences(labels, marked)
    texts = [t for t, k in zip(texts, keep) if k]
    marked = [m for m, k in zip(marked, keep) if k]
    X, y, owner = word_examples(texts, marked)
    if y.sum() < 10:
        raise ModelError("word model: fewer than 10 marked words in the training data: give sentences with "
                         "their marked words (a column like BABE's biased_words)")
    threshold = choose_threshold(y, _oof(X, y, owner, options, seed))
    pipeline = build_word_pipeline(options, seed=seed).fit(X, y)
    digest = hashlib.sha256()
    for text, cell in zip(texts, marked):
        digest.update(text.encode("utf-8") + b"\t" + "|".join(sorted(_marks(cell))).encode() + b"\n")
    metadata = {
        "format": WORD_FORMAT, "format_version": FORMAT_VERSION, "framing_version": __version__,
        "sklearn_version": sklearn.__version__, "numpy_version": np.__version__,
        "python_version": platform.python_version(), "seed": int(seed),
        "trained_at": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "n_sentences": len(texts), "n_tokens": int(len(y)), "n_marked": int(y.sum()),
        "data_sha256": digest.hexdigest(), "options": json.dumps(asdict(options), sort_keys=True),
    }
    for key, value in (data_note or {}).items():
        metadata[str(key)] = value if isinstance(value, (str, int, float, bool)) else str(value)
    return LoadednessModel(pipeline, metadata, threshold)


# ----------------------------------------------------------------------------- scoring

def score_texts(model: LoadednessModel, texts: Iterable[str]) -> list[list[TokenScore]]:
    """Every token of every text with its probability of being loaded where it stands."""
    texts = ["" if not isinstance(t, str) else t for t in texts]
    spans, X = [], []
    for text in texts:
        toks = tokenize(text)
        words = tuple(t for _, _, t in toks)
        spans.append(toks)
        X.extend((words, i) for i in range(len(words)))
    p = model.pipeline.predict_proba(X)[:, 1] if X else np.zeros(0)
    out, k = [], 0
    for toks in spans:
        out.append([TokenScore(s, e, t, float(p[k + j])) for j, (s, e, t) in enumerate(toks)])
        k += len(toks)
    return out


def score_tokens(model: LoadednessModel, text: str) -> list[TokenScore]:
    """The tokens of one text with their probabilities (see :func:`score_texts`)."""
    return score_texts(model, [text])[0]


def score_windows(model: LoadednessModel, windows: Sequence[tuple[tuple[str, ...], int, int]]) -> np.ndarray:
    """Phrase probabilities: for each ``(tokens, first, last)`` the highest probability of the tokens
    ``first..last`` (inclusive) read among ``tokens``. Used to score a phrase where it occurs."""
    X, owner = [], []
    for k, (tokens, first, last) in enumerate(windows):
        for i in range(first, last + 1):
            X.append((tuple(tokens), i))
            owner.append(k)
    out = np.zeros(len(windows))
    if X:
        p = model.pipeline.predict_proba(X)[:, 1]
        np.maximum.at(out, np.asarray(owner), p)
    return out


def phrase_probability(scores: Sequence[TokenScore], start: int, end: int) -> float:
    """The highest probability among the tokens that overlap ``[start, end)`` (0 when none does)."""
    ps = [s.p for s in scores if s.start < end and s.end > start]
    return max(ps) if ps else 0.0


# ----------------------------------------------------------------------------- evaluation

def evaluate_word_model(texts, labels, marked, *, folds: int = 5, seed: int = 0,
                        options: WordModelOptions = WordModelOptions()) -> pd.DataFrame:
    """k-fold CV over whole sentences: token-level precision, recall and F1 of the marked words.

    In each fold the threshold is chosen on out-of-fold predictions of the training folds only
    (see train_word_model), then applied to the test fold. Columns: fold, tokens, marked,
    threshold, precision, recall, f1, average_precision; the last row is the mean.
    """
    from sklearn.metrics import average_precision_score, precision_recall_fscore_support
    from sklearn.model_selection import KFold

    texts = ["" if not isinstance(t, str) else t for t in texts]
    keep = usable_sentences(labels, marked)
    texts = [t for t, k in zip(texts, keep) if k]
    marked = [m for m, k in zip(marked, keep) if k]
    rows = []
    for k, (train, test) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(texts), start=1):
        Xtr, ytr, otr = word_examples([texts[i] for i in train], [marked[i] for i in train])
        Xte, yte, _ = word_examples([texts[i] for i in test], [marked[i] for i in test])
        threshold = choose_threshold(ytr, _oof(Xtr, ytr, otr, options, seed))
        pipe = build_word_pipeline(options, seed=seed).fit(Xtr, ytr)
        p = pipe.predict_proba(Xte)[:, 1]
        prec, rec, f1, _ = precision_recall_fscore_support(yte, (p >= threshold).astype(int), average="binary",
                                                           zero_division=0)
        rows.append((str(k), len(yte), int(yte.sum()), threshold, prec, rec, f1, average_precision_score(yte, p)))
    table = pd.DataFrame(rows, columns=["fold", "tokens", "marked", "threshold", "precision", "recall", "f1",
                                        "average_precision"])
    table.loc[len(table)] = ["mean", *table.drop(columns="fold").mean().to_list()]
    return table


# ----------------------------------------------------------------------------- persistence

def default_word_model_path() -> Path:
    """The shipped word model: ``framing/data/models/wordloadedness.skops``."""
    return Path(str(resources.files("framing.data"))) / "models" / "wordloadedness.skops"


def save_word_model(model: LoadednessModel, path: str | Path) -> Path:
    return save_model(model, path, fmt=WORD_FORMAT)


def load_word_model(path: str | Path | None = None) -> LoadednessModel:
    """Load a word model (``None``: the shipped one); refuses what framing.model.load_model refuses."""
    return load_model(path, fmt=WORD_FORMAT, trusted=WORD_TRUSTED_TYPES, default=default_word_model_path())


@functools.lru_cache(maxsize=2)
def shipped_word_model() -> LoadednessModel:
    """The shipped word model, loaded once per process."""
    return load_word_model(None)


def with_excluded_entries(model: LoadednessModel, excluded: Iterable[str]) -> LoadednessModel:
    """A copy of ``model`` whose lexicon features ignore the lexicon entries ``excluded`` (ids)."""
    import copy

    excluded = tuple(excluded)
    if not excluded:
        return model
    pipeline = copy.deepcopy(model.pipeline)
    features = pipeline.named_steps["features"]
    features.set_params(excluded=excluded)
    if features.lexicons:
        features.fit()
    return LoadednessModel(pipeline, dict(model.metadata), model.threshold)


# ----------------------------------------------------------------------------- features for the sentence model

class WordModelFeatures(TransformerMixin, BaseEstimator):
    """Sentence features from the word model, for the sentence classifier (framing/model.py).

    ``fit(X, y, marked=...)`` trains a word model on the sentences and their marked words;
    ``fit_transform`` returns cross-fitted features (each training sentence scored by a word model
    trained on the other ``cv`` folds), as MarkedWordRates does. Per sentence: the highest token
    probability, the mean of the three highest, the share of tokens at or above the word model's
    threshold, and the mean probability.
    """

    __metadata_request__fit = {"marked": True}

    def __init__(self, *, cv=5, random_state=0, C=WordModelOptions.C):
        self.cv = cv
        self.random_state = random_state
        self.C = C

    def _train(self, texts, y, marked):
        opts = WordModelOptions(C=self.C)
        keep = usable_sentences(y, marked)
        X, yy, _ = word_examples([t for t, k in zip(texts, keep) if k], [m for m, k in zip(marked, keep) if k])
        pipe = build_word_pipeline(opts, seed=self.random_state).fit(X, yy)
        return LoadednessModel(pipe, {}, 0.19)

    def fit(self, X, y=None, marked=None):
        texts = ["" if not isinstance(t, str) else t for t in X]
        if marked is None or y is None:
            raise ModelError("WordModelFeatures.fit: needs labels and marked words (like BABE's biased_words)")
        self.model_ = self._train(texts, list(y), list(marked))
        return self

    def fit_transform(self, X, y=None, marked=None):
        from sklearn.model_selection import StratifiedKFold

        texts = ["" if not isinstance(t, str) else t for t in X]
        self.fit(texts, y, marked)
        y = np.asarray(y)
        marks = list(marked)
        out = np.zeros((len(texts), 4))
        for train, test in StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state).split(texts, y):
            model = self._train([texts[i] for i in train], list(y[train]), [marks[i] for i in train])
            out[test] = self._features(model, [texts[i] for i in test])
        return out

    def transform(self, X):
        check_is_fitted(self, "model_")
        return self._features(self.model_, ["" if not isinstance(t, str) else t for t in X])

    @staticmethod
    def _features(model, texts) -> np.ndarray:
        out = np.zeros((len(texts), 4))
        for i, scores in enumerate(score_texts(model, texts)):
            if not scores:
                continue
            p = np.sort([s.p for s in scores])[::-1]
            out[i] = (p[0], p[:3].mean(), (p >= model.threshold).mean(), p.mean())
        return out

    def get_feature_names_out(self, input_features=None):
        return np.asarray(["word_p_max", "word_p_top3", "word_share_loaded", "word_p_mean"], dtype=object)
