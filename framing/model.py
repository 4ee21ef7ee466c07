"""The sentence classifier: how loaded is a sentence? A calibrated probability, ``p_loaded``.

The model is a scikit-learn :class:`~sklearn.pipeline.Pipeline`, small enough to read in class::

    features   FeatureUnion
      words      TF-IDF of word 1-2-grams
      chars      TF-IDF of character 2-5-grams (inside word boundaries)
      lexicon    LexiconFeatures: counts of our lexicon's categories and of the literature's word
                 lists (bias lexicon, hedges, factives, assertives, subjectivity clues, ...)
      marked     MarkedWordRates: how often annotators marked each word of the sentence as biased
                 when it occurred in the training data (the three highest rates and their sum)
    classifier CalibratedClassifierCV(LogisticRegression), sigmoid calibration

Training data with the words annotators marked (BABE's ``biased_words``) teaches MarkedWordRates;
without them it falls back to each word's share of loaded sentences. Its features for the
training sentences themselves are cross-fitted (computed from the other folds), as scikit-learn's
TargetEncoder does, so the classifier never sees a word's rate learned from the same sentence.

Models are saved with skops (no pickle: loading never runs code) beside a JSON file of metadata
(versions, data hash, seed, date, the sha256 of the model file). :func:`load_model` refuses files
whose hash, format or object types it does not know.

Public functions: :func:`train_model`, :func:`save_model`, :func:`load_model`,
:func:`score_sentences`, :func:`score_corpus`, :func:`aggregate`, :func:`evaluate_model`,
:func:`top_features`.
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import platform
import re
import warnings
import zipfile
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from . import __version__
from .bootstrap import keyed_rng, percentile_interval, ratio_replicates, unit_totals
from .errors import FramingError, ModelError
from .output import file_sha256
from .types import LOADEDNESS_COLUMNS, SENTENCE_COLUMNS

FORMAT = "framing.loadedness"
FORMAT_VERSION = 1
LABELS = ("neutral", "loaded")
LITERATURE_LISTS = (
    "assertives_hooper1975", "factives_hooper1975", "hedges_hyland2005", "implicatives_karttunen1971",
    "report_verbs", "npov_lexicon", "strong_subjectives_riloff2003", "weak_subjectives_riloff2003",
    "positive_liu2005", "negative_liu2005",
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SUFFIXES = (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("",)), ("s", ("",)), ("ly", ("",)), ("d", ("",)))

# Every object type a framing model file may contain. skops refuses anything else before it builds a
# single object, so a file crafted to run code cannot be loaded (see load_model).
TRUSTED_TYPES = (
    "builtins.dict", "builtins.list", "builtins.tuple", "builtins.str", "builtins.int", "builtins.float",
    "builtins.bool", "builtins.NoneType", "builtins.type", "builtins.frozenset", "builtins.set", "builtins.slice",
    "numpy.dtype", "numpy.ndarray", "numpy.float64", "numpy.int64", "numpy.int32", "numpy.bool_", "numpy.str_",
    "scipy.sparse._csr.csr_matrix", "scipy.sparse._dia.dia_matrix", "scipy.sparse._csr.csr_array",
    "sklearn.pipeline.Pipeline", "sklearn.pipeline.FeatureUnion",
    "sklearn.feature_extraction.text.TfidfVectorizer", "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.calibration.CalibratedClassifierCV", "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "framing.model.LexiconFeatures", "framing.model.MarkedWordRates", "framing.model.CompactTfidfVectorizer",
    "sklearn.feature_extraction._hash.FeatureHasher", "framing.wordmodel.WordFeatures",
    "framing.wordmodel.WordModelFeatures", "framing.model.LoadednessModel",
)


# ----------------------------------------------------------------------------- options and model

@dataclass(frozen=True)
class ModelOptions:
    """The classifier's settings. The defaults are the shipped model's (see scripts/evaluate_model.py)."""

    C: float = 2.0                       # inverse regularisation of the logistic regression
    word_ngrams: tuple[int, int] = (1, 2)
    word_min_df: int = 2
    char_ngrams: tuple[int, int] = (2, 5)
    char_min_df: int = 2
    char_weight: float = 1.0             # weight of the char n-grams in the union (0 switches them off)
    lexicon_weight: float = 0.3          # weight of the (standardised) lexicon counts in the union
    marked_weight: float = 1.0           # weight of the marked-word rates
    word_weight: float = 0.0             # weight of the word model's features (0: not used; needs marked words)
    calibration_folds: int = 5


@dataclass(frozen=True)
class LoadednessModel:
    """A fitted pipeline and what is known about how it was made (versions, data hash, seed, date)."""

    pipeline: Pipeline
    metadata: dict = field(default_factory=dict)
    threshold: float = 0.5               # p_loaded at or above which a sentence is labelled loaded

    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        """p_loaded for each text (same as :func:`score_sentences`)."""
        return score_sentences(self, texts)


# ----------------------------------------------------------------------------- features

def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _word_forms(token: str) -> list[str]:
    """The token and crude stems of it (accused -> accus, accuse), to meet lemmas in word lists."""
    forms = [token]
    for suffix, endings in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            stem = token[: -len(suffix)]
            forms.extend(stem + e for e in endings)
    return forms


def read_word_list(path: str | Path) -> list[str]:
    """Terms of a literature list: one a line; lines starting with ``#`` or ``;`` are comments."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if line and not line.startswith(("#", ";")):
            words.append(line)
    return words


def literature_dir() -> Path:
    """The folder of the shipped literature word lists (see its README.md for sources and licences)."""
    return Path(str(resources.files("framing.data"))) / "literature"


class _CompactDicts:
    """Persist the large ``{str: number}`` dicts named in ``_compact_dicts`` as two arrays each.

    skops writes a dict as one JSON node per key and value, which made a model file take seconds to
    load; arrays are stored as .npy files and load at once. The object in memory is unchanged.
    """

    _compact_dicts: tuple[str, ...] = ()

    def __getstate__(self):
        state = dict(super().__getstate__())
        for name in self._compact_dicts:
            d = state.pop(name, None)
            if isinstance(d, dict):
                state[f"{name}keys"] = np.array(list(d), dtype=str)
                state[f"{name}values"] = np.array(list(d.values()))
        return state

    def __setstate__(self, state):
        state = dict(state)
        for name in self._compact_dicts:
            if f"{name}keys" in state:
                keys, values = state.pop(f"{name}keys"), state.pop(f"{name}values")
                state[name] = dict(zip(keys.tolist(), values.tolist()))
        super().__setstate__(state)


class CompactTfidfVectorizer(_CompactDicts, TfidfVectorizer):
    """TfidfVectorizer whose vocabulary is saved compactly (see _CompactDicts); otherwise the same."""

    _compact_dicts = ("vocabulary_",)


class LexiconFeatures(_CompactDicts, TransformerMixin, BaseEstimator):
    """Counts per sentence of our lexicon's categories and of the literature's word lists.

    Parameters
    ----------
    lexicons : tuple of str
        Shipped lexicon names whose English entries are counted by category (``()`` for none).
        When a named lexicon cannot be loaded the category counts are zero; the categories stay.
    literature : tuple of str
        Names of word lists in ``framing/data/literature/`` to count.

    Attributes
    ----------
    categories_ : list of str
    entries_ : list of [term, variants ("|"-joined), category, strength]
    words_ : dict, word -> bit mask of the lists (bit j: ``literature[j]``) that hold the word
    phrases_ : list of [phrase, index] for multi-word list items
    feature_names_ : list of str
    """

    _compact_dicts = ("words_",)

    def __init__(self, *, lexicons=("en/core",), literature=LITERATURE_LISTS):
        self.lexicons = lexicons
        self.literature = literature

    def fit(self, X, y=None):
        from .lexicon import load_categories, load_lexicon

        self.categories_ = sorted(load_categories())
        entries = []
        if self.lexicons:
            try:
                lexicon = load_lexicon(tuple(self.lexicons))
            except FramingError as exc:
                warnings.warn(f"lexicon features: {exc}; the category counts will be zero", stacklevel=2)
            else:
                entries = [[e.term, "|".join(e.variants), e.category, int(e.strength)]
                           for e in lexicon.entries if e.lang == "en" and e.category in self.categories_]
        self.entries_ = entries
        words: dict[str, int] = {}
        phrases = []
        for j, name in enumerate(self.literature):
            path = literature_dir() / f"{name}.txt"
            if not path.exists():
                raise ModelError(f"{path}: literature list '{name}' not found: "
                                 f"choose from {', '.join(LITERATURE_LISTS)}")
            for term in read_word_list(path):
                if " " in term:
                    phrases.append([" " + " ".join(_tokens(term)) + " ", j])
                else:
                    key = term.replace("’", "'")
                    words[key] = words.get(key, 0) | (1 << j)
        self.words_ = words
        self.phrases_ = phrases
        self.feature_names_ = ([f"category:{c}" for c in self.categories_] + ["lexicon_strength"]
                               + [f"list:{name}" for name in self.literature] + ["log_words"])
        return self

    def transform(self, X):
        check_is_fitted(self, "words_")
        texts = _as_texts(X)
        n_cat, n_lists = len(self.categories_), len(self.literature)
        out = np.zeros((len(texts), n_cat + 1 + n_lists + 1))
        matcher = _matcher(tuple(tuple(e) for e in self.entries_)) if self.entries_ else None
        cat_index = {c: i for i, c in enumerate(self.categories_)}
        cache: dict[str, tuple[int, ...]] = {}
        for i, text in enumerate(texts):
            if matcher is not None:
                for span in matcher.find(text):
                    entry = self.entries_[span.entry]
                    out[i, cat_index[entry[2]]] += 1
                    out[i, n_cat] += entry[3]
            tokens = _tokens(text)
            for tok in tokens:
                hit = cache.get(tok)
                if hit is None:
                    mask = 0
                    for form in _word_forms(tok):
                        mask |= self.words_.get(form, 0)
                    hit = cache[tok] = tuple(j for j in range(n_lists) if mask >> j & 1)
                for j in hit:
                    out[i, n_cat + 1 + j] += 1
            if self.phrases_:
                joined = " " + " ".join(tokens) + " "
                for phrase, j in self.phrases_:
                    if phrase in joined:
                        out[i, n_cat + 1 + j] += 1
            out[i, -1] = len(tokens)
        return np.log1p(out)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "feature_names_")
        return np.asarray(self.feature_names_, dtype=object)


@functools.lru_cache(maxsize=8)
def _matcher(entries: tuple[tuple, ...]):
    """A Matcher over stored lexicon entries (built once per distinct list, not stored in the model)."""
    from .lexicon import Entry, Lexicon
    from .match import Matcher

    built = tuple(Entry(id=f"e{i}", lang="en", term=term, variants=tuple(v for v in variants.split("|") if v),
                        category=category, referent="", strength=int(strength), neutral=("-",), rationale="-")
                  for i, (term, variants, category, strength) in enumerate(entries))
    return Matcher(Lexicon(built, {}))


class MarkedWordRates(_CompactDicts, TransformerMixin, BaseEstimator):
    """How often each word of a sentence was marked as biased by annotators in the training data.

    ``fit(X, y, marked=...)`` takes, per training sentence, the words annotators marked (a list of
    words or a ``|``-separated string; empty or None for none). A word's rate is
    ``(times marked + prior * smoothing) / (sentences containing it + smoothing)``. Without
    ``marked`` every word of a loaded sentence (``y == 1``) counts as marked, so the rate is the
    word's smoothed share of loaded sentences.

    ``fit_transform`` returns cross-fitted features: each training sentence's rates come from a
    model fitted on the other folds (``cv`` folds), so that no sentence sees its own marks.

    Output per sentence: the three highest rates among its words, the share of its words whose
    rate reaches ``threshold``, and the mean rate (all between 0 and 1).

    Attributes
    ----------
    rates_ : dict, word -> rate
    prior_ : float, rate of a word never seen in training
    """

    __metadata_request__fit = {"marked": True}
    _compact_dicts = ("rates_",)

    def __init__(self, *, smoothing=4.0, threshold=0.2, cv=5, random_state=0):
        self.smoothing = smoothing
        self.threshold = threshold
        self.cv = cv
        self.random_state = random_state

    def fit(self, X, y=None, marked=None):
        texts = _as_texts(X)
        self.rates_, self.prior_ = self._learn(texts, y, marked)
        return self

    def fit_transform(self, X, y=None, marked=None):
        texts = _as_texts(X)
        self.fit(texts, y, marked)
        if y is None or self.cv is None or self.cv < 2:
            return self.transform(texts)
        y = np.asarray(y)
        marks = None if marked is None else list(marked)
        out = np.zeros((len(texts), 5))
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
        for train, test in folds.split(np.zeros(len(texts)), y):
            rates, prior = self._learn([texts[i] for i in train], y[train],
                                       None if marks is None else [marks[i] for i in train])
            out[test] = self._features([texts[i] for i in test], rates, prior)
        return out

    def transform(self, X):
        check_is_fitted(self, "rates_")
        return self._features(_as_texts(X), self.rates_, self.prior_)

    def get_feature_names_out(self, input_features=None):
        return np.asarray(["marked_rate_1", "marked_rate_2", "marked_rate_3", "marked_share_over_threshold",
                           "marked_rate_mean"], dtype=object)

    def _learn(self, texts, y, marked):
        if marked is None and y is None:
            raise ModelError("MarkedWordRates.fit: neither marked words nor labels were given: pass y or marked")
        seen: dict[str, int] = {}
        hits: dict[str, int] = {}
        n_marked = n_tokens = 0
        for k, text in enumerate(texts):
            words = set(_tokens(text))
            if marked is not None:
                marks = _marked_words(marked[k]) & words
            else:
                marks = words if int(y[k]) == 1 else set()
            for w in words:
                seen[w] = seen.get(w, 0) + 1
            for w in marks:
                hits[w] = hits.get(w, 0) + 1
            n_marked += len(marks)
            n_tokens += len(words)
        prior = n_marked / n_tokens if n_tokens else 0.0
        s = float(self.smoothing)
        rates = {w: (hits.get(w, 0) + prior * s) / (n + s) for w, n in seen.items()}
        return rates, float(prior)

    def _features(self, texts, rates, prior):
        out = np.zeros((len(texts), 5))
        for i, text in enumerate(texts):
            r = sorted((rates.get(w, prior) for w in set(_tokens(text))), reverse=True)
            top = (r + [prior, prior, prior])[:3]
            out[i, :3] = top
            if r:
                out[i, 3] = sum(v >= self.threshold for v in r) / len(r)
                out[i, 4] = sum(r) / len(r)
        return out


def _marked_words(cell) -> set[str]:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return set()
    if isinstance(cell, str):
        cell = cell.split("|")
    return {t for part in cell for t in _tokens(str(part))}


def _as_texts(X) -> list[str]:
    if isinstance(X, str):
        raise ModelError("texts: got one string where a list of sentences was expected: pass [text]")
    return ["" if (x is None or (isinstance(x, float) and np.isnan(x))) else str(x) for x in X]


# ----------------------------------------------------------------------------- building and training

def build_pipeline(options: ModelOptions = ModelOptions(), *, seed: int = 0) -> Pipeline:
    """The unfitted pipeline (see the module docstring)."""
    union = FeatureUnion([
        ("words", CompactTfidfVectorizer(ngram_range=tuple(options.word_ngrams), min_df=options.word_min_df,
                                  sublinear_tf=True, dtype=np.float64)),
        ("chars", CompactTfidfVectorizer(analyzer="char_wb", ngram_range=tuple(options.char_ngrams),
                                  min_df=options.char_min_df, sublinear_tf=True, dtype=np.float64)),
        ("lexicon", Pipeline([("counts", LexiconFeatures()), ("scale", StandardScaler())])),
        ("marked", MarkedWordRates(random_state=seed)),
    ] + ([("word", _word_model_features(seed))] if options.word_weight > 0 else []),
        transformer_weights={"chars": options.char_weight, "lexicon": options.lexicon_weight,
                             "marked": options.marked_weight,
                             **({"word": options.word_weight} if options.word_weight > 0 else {})})
    classifier = CalibratedClassifierCV(LogisticRegression(C=options.C, max_iter=5000, random_state=seed),
                                        method="sigmoid", cv=options.calibration_folds, ensemble=False)
    return Pipeline([("features", union), ("classifier", classifier)])


def _word_model_features(seed: int):
    from .wordmodel import WordModelFeatures

    return WordModelFeatures(random_state=seed)


def fit_pipeline(pipeline: Pipeline, texts, labels, marked=None) -> Pipeline:
    """Fit ``pipeline`` (from :func:`build_pipeline`), routing ``marked`` to MarkedWordRates."""
    texts = _as_texts(texts)
    y = _check_labels(labels, len(texts))
    params = {} if marked is None else {"marked": list(marked)}
    if marked is not None and len(params["marked"]) != len(texts):
        raise ModelError(f"marked words: {len(params['marked'])} rows for {len(texts)} texts: give one per text")
    with sklearn.config_context(enable_metadata_routing=True):
        pipeline.fit(texts, y, **params)
    return pipeline


def _check_labels(labels, n: int) -> np.ndarray:
    y = pd.Series(list(labels))
    if len(y) != n:
        raise ModelError(f"labels: {len(y)} labels for {n} texts: give one label per text")
    if y.isna().any():
        raise ModelError(f"labels: {int(y.isna().sum())} missing label(s): every text needs 0 or 1")
    mapped = y.map(lambda v: _LABEL_VALUES.get(str(v).strip().lower()))
    if mapped.isna().any():
        bad = sorted({str(v) for v in y[mapped.isna()]})[:5]
        raise ModelError(f"labels: value(s) {', '.join(bad)} are not labels: use 1/0, loaded/neutral or biased/non-biased")
    out = mapped.astype(int).to_numpy()
    if len(set(out)) < 2:
        raise ModelError("labels: all texts have the same label: training needs loaded and neutral examples")
    if min(np.bincount(out)) < 10:
        raise ModelError("labels: fewer than 10 texts of one label: give at least 10 loaded and 10 neutral")
    return out


_LABEL_VALUES = {"1": 1, "1.0": 1, "true": 1, "loaded": 1, "biased": 1, "yes": 1,
                 "0": 0, "0.0": 0, "false": 0, "neutral": 0, "non-biased": 0, "unbiased": 0, "no": 0}


def train_model(texts: Sequence[str], labels: Sequence, *, marked=None, seed: int = 0,
                options: ModelOptions = ModelOptions(), data_note: dict | None = None) -> LoadednessModel:
    """Fit the loadedness pipeline on labelled sentences (1/loaded/biased vs 0/neutral).

    ``marked`` optionally gives, per sentence, the words annotators marked as biased.
    ``data_note`` is added to the metadata (e.g. the training file's name and sha256).
    """
    texts = _as_texts(texts)
    pipeline = fit_pipeline(build_pipeline(options, seed=seed), texts, labels, marked)
    y = _check_labels(labels, len(texts))
    digest = hashlib.sha256()
    for text, label in zip(texts, y):
        digest.update(text.encode("utf-8") + b"\t" + str(int(label)).encode() + b"\n")
    metadata = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "framing_version": __version__, "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__, "python_version": platform.python_version(),
        "seed": int(seed), "trained_at": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "n_sentences": len(texts), "n_loaded": int(y.sum()), "data_sha256": digest.hexdigest(),
        "marked_words": marked is not None,
        "options": json.dumps(asdict(options), sort_keys=True),
    }
    for key, value in (data_note or {}).items():
        metadata[str(key)] = value if isinstance(value, (str, int, float, bool)) else str(value)
    return LoadednessModel(pipeline, metadata)


def score_sentences(model: LoadednessModel, texts: Iterable[str]) -> np.ndarray:
    """p_loaded (calibrated probability that the sentence is loaded) for each text."""
    texts = _as_texts(texts)
    if not texts:
        return np.zeros(0)
    return model.pipeline.predict_proba(texts)[:, 1]


def top_features(model: LoadednessModel, n: int = 20) -> pd.DataFrame:
    """The features with the largest weights towards loaded and towards neutral: feature, weight, towards."""
    features = model.pipeline.named_steps["features"]
    classifier = model.pipeline.named_steps["classifier"]
    coef = np.ravel(classifier.calibrated_classifiers_[0].estimator.coef_)
    names = np.asarray(features.get_feature_names_out(), dtype=object)
    order = np.argsort(coef)
    rows = [(names[i], coef[i], "loaded") for i in order[::-1][:n]] + [(names[i], coef[i], "neutral") for i in order[:n]]
    return pd.DataFrame(rows, columns=["feature", "weight", "towards"])


# ----------------------------------------------------------------------------- persistence

def default_model_path() -> Path:
    """The shipped default model: ``framing/data/models/loadedness.skops``."""
    return Path(str(resources.files("framing.data"))) / "models" / "loadedness.skops"


def metadata_path(path: str | Path) -> Path:
    """The JSON file of metadata kept beside a model file (``model.skops`` -> ``model.json``)."""
    return Path(path).with_suffix(".json")


def save_model(model: LoadednessModel, path: str | Path, *, fmt: str = FORMAT) -> Path:
    """Write ``path`` (skops) and its metadata beside it (``.json``, with the file's sha256).

    ``fmt`` names the kind of model (FORMAT for sentence models; framing.wordmodel saves its own)."""
    import skops.io as sio

    path = Path(path)
    if path.suffix != ".skops":
        raise ModelError(f"{path}: a model file must end in .skops: e.g. -o model.skops")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: v for k, v in model.metadata.items()}
        meta.update(format=fmt, format_version=FORMAT_VERSION, threshold=float(model.threshold),
                    skops_version=_skops_version())
        tmp = path.with_name(path.name + ".part")
        sio.dump({"format": fmt, "format_version": FORMAT_VERSION, "metadata": meta,
                  "threshold": float(model.threshold), "pipeline": model.pipeline}, tmp,
                 compression=zipfile.ZIP_DEFLATED, compresslevel=9)
        tmp.replace(path)
        sidecar = dict(meta, model_file=path.name, model_sha256=file_sha256(path))
        metadata_path(path).write_text(json.dumps(sidecar, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot write the model: {exc.strerror or exc}: choose a writable place") from None
    return path


def _skops_version() -> str:
    from importlib.metadata import version

    return version("skops")


def load_model(path: str | Path | None = None, *, fmt: str = FORMAT, trusted: tuple[str, ...] = TRUSTED_TYPES,
               default: Path | None = None) -> LoadednessModel:
    """Load a model saved by :func:`save_model`; ``None`` loads the shipped default model.

    Refuses (ModelError), without building any object, a file that is missing, has no metadata
    beside it, whose sha256 differs from its metadata's, or that contains a type not in
    :data:`TRUSTED_TYPES`; and a model of another format version.
    """
    import skops.io as sio

    default = default or default_model_path()
    path = default if path is None else Path(path)
    if not path.is_file():
        hint = ("the shipped model is missing: reinstall framing or run scripts/train_model.py"
                if path == default else "check the path, or train one with 'framing train'")
        raise ModelError(f"{path}: model file not found: {hint}")
    sidecar_path = metadata_path(path)
    try:
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no metadata file {sidecar_path.name} beside it: keep the .json that "
                         "'framing train' wrote next to the model") from None
    except (OSError, ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else exc
        raise ModelError(f"{sidecar_path}: unreadable model metadata ({why}): retrain with 'framing train'") from None
    if not isinstance(sidecar, dict) or sidecar.get("format") != fmt:
        raise ModelError(f"{sidecar_path}: not the metadata of a framing model of kind {fmt}: retrain with 'framing train'")
    if sidecar.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"{path}: model format version {sidecar.get('format_version')} but this framing reads "
                         f"version {FORMAT_VERSION}: retrain with 'framing train'")
    if file_sha256(path) != sidecar.get("model_sha256"):
        raise ModelError(f"{path}: the file differs from the one recorded in {sidecar_path.name} "
                         "(changed or tampered with): refusing to load it; retrain with 'framing train'")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # a corrupt zip, bad schema: skops raises many kinds
        raise ModelError(f"{path}: not a readable skops model file ({type(exc).__name__}): retrain with 'framing train'") from None
    unknown = sorted(set(untrusted) - set(trusted))
    if unknown:
        raise ModelError(f"{path}: contains object types framing does not trust ({', '.join(unknown[:5])}): "
                         "refusing to load it; use a model made by 'framing train'")
    try:
        obj = sio.load(path, trusted=sorted(set(untrusted)))
    except Exception as exc:
        raise ModelError(f"{path}: cannot load the model ({type(exc).__name__}: {exc}): retrain with 'framing train'") from None
    if (not isinstance(obj, dict) or obj.get("format") != fmt or not isinstance(obj.get("pipeline"), Pipeline)
            or obj.get("metadata", {}).get("data_sha256") != sidecar.get("data_sha256")):
        raise ModelError(f"{path}: not a framing loadedness model, or its metadata do not match "
                         f"{sidecar_path.name}: retrain with 'framing train'")
    trained = sidecar.get("sklearn_version", "")
    if trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        warnings.warn(f"{path}: trained with scikit-learn {trained}, running {sklearn.__version__}: scores may "
                      "differ slightly; retrain with 'framing train' to be sure", stacklevel=2)
    return LoadednessModel(obj["pipeline"], dict(obj["metadata"]), float(obj.get("threshold", 0.5)))


# ----------------------------------------------------------------------------- corpus scores


def score_corpus(model: LoadednessModel, corpus: pd.DataFrame) -> pd.DataFrame:
    """Split each document of a Corpus table into sentences and score them (columns SENTENCE_COLUMNS)."""
    from .sentences import sentence_spans

    rows = []
    for doc in corpus.itertuples(index=False):
        text = doc.text if isinstance(doc.text, str) else ""
        for k, (start, end) in enumerate(sentence_spans(text)):
            rows.append((doc.doc_id, getattr(doc, "outlet", ""), getattr(doc, "date", pd.NaT), k, start, end,
                         text[start:end]))
    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS[:7])
    table["p_loaded"] = score_sentences(model, table["text"].tolist())
    table["label"] = np.where(table["p_loaded"] >= model.threshold, LABELS[1], LABELS[0])
    return table


def aggregate(sentences: pd.DataFrame, by: str | list[str], *, cluster: str | None = "doc_id",
              score: str = "p_loaded", threshold: float = 0.5, n_boot: int = 1000, level: float = 0.95,
              seed: int = 0) -> pd.DataFrame:
    """Mean p_loaded and share of loaded sentences per group, with percentile bootstrap intervals.

    ``by`` names the grouping columns: ``"doc_id"`` for documents, ``"outlet"`` for outlets,
    ``["outlet", "period"]`` for periods (add the period column first, e.g. with
    ``framing.tables.period_labels``). The bootstrap resamples ``cluster`` units (whole documents by
    default, since sentences of one article are not independent) within each group; with
    ``cluster=None`` or ``cluster`` in ``by`` it resamples sentences. Each group draws from its own
    generator (framing/bootstrap.py), so adding a group moves no other group's interval.

    Columns: the ``by`` columns, sentences, units, mean_p, mean_p_low, mean_p_high, share_loaded,
    share_loaded_low, share_loaded_high.
    """
    by = [by] if isinstance(by, str) else list(by)
    missing = [c for c in by + [score] if c not in sentences.columns]
    if missing:
        raise ModelError(f"aggregate: the sentence table lacks column(s) {', '.join(missing)}: score the corpus first")
    if not 0 < level < 1:
        raise ModelError(f"aggregate: level {level} must be between 0 and 1, e.g. 0.95")
    use_cluster = cluster if (cluster and cluster in sentences.columns and cluster not in by) else None
    rows = []
    columns = by + LOADEDNESS_COLUMNS
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    for key, group in sentences.groupby(by, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        p = group[score].to_numpy(dtype=float)
        loaded = (p >= threshold).astype(float)
        units = group[use_cluster].to_numpy() if use_cluster else np.arange(len(p))
        p_sum, count = unit_totals(p, units)
        l_sum, _ = unit_totals(loaded, units)
        n_units = len(count)
        mean_ci = share_ci = (np.nan, np.nan)
        if n_units > 1 and n_boot > 0:
            # each group draws from its own generator (seed, group name): other groups never move it
            rng = keyed_rng(seed, "|".join(str(k) for k in key))
            reps = ratio_replicates(np.column_stack([p_sum, l_sum]), count, rng, n_boot)
            low, high = percentile_interval(reps, level)
            mean_ci, share_ci = (low[0], high[0]), (low[1], high[1])
        rows.append((*key, len(p), int(n_units), p.mean(), *mean_ci, loaded.mean(), *share_ci))
    return pd.DataFrame(rows, columns=columns)


# ----------------------------------------------------------------------------- evaluation

@dataclass(frozen=True)
class Evaluation:
    """Cross-validated quality: per-fold metrics, out-of-fold probabilities, a learning curve."""

    folds: pd.DataFrame          # fold, precision, recall, f1, macro_f1, roc_auc (last row: mean)
    probabilities: pd.DataFrame  # label, p_loaded (out of fold) for every sentence
    learning_curve: pd.DataFrame  # train_size, macro_f1_mean, macro_f1_std


def evaluate_model(texts, labels, *, marked=None, folds: int = 5, seed: int = 0,
                   options: ModelOptions = ModelOptions(), learning_curve: bool = True) -> Evaluation:
    """Stratified k-fold evaluation of a fresh pipeline per fold (nothing is tuned on the test folds)."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support, roc_auc_score

    texts = _as_texts(texts)
    y = _check_labels(labels, len(texts))
    marks = None if marked is None else list(marked)
    if folds < 2 or min(np.bincount(y)) < folds:
        raise ModelError(f"evaluate: {folds} folds need at least {folds} texts of each label and folds >= 2")
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    oof = np.zeros(len(texts))
    rows = []
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(y)), y), start=1):
        pipe = fit_pipeline(build_pipeline(options, seed=seed), [texts[i] for i in train], y[train],
                            None if marks is None else [marks[i] for i in train])
        p = pipe.predict_proba([texts[i] for i in test])[:, 1]
        oof[test] = p
        pred = (p >= 0.5).astype(int)
        prec, rec, f1, _ = precision_recall_fscore_support(y[test], pred, average="binary", zero_division=0)
        rows.append((str(k), prec, rec, f1, f1_score(y[test], pred, average="macro"), roc_auc_score(y[test], p)))
    table = pd.DataFrame(rows, columns=["fold", "precision", "recall", "f1", "macro_f1", "roc_auc"])
    mean = table.drop(columns="fold").mean()
    table.loc[len(table)] = ["mean", *mean.to_list()]
    curve = pd.DataFrame(columns=["train_size", "macro_f1_mean", "macro_f1_std"])
    if learning_curve:
        curve = _learning_curve(texts, y, marks, splitter, options, seed)
    return Evaluation(table, pd.DataFrame({"label": y, "p_loaded": oof}), curve)


def _learning_curve(texts, y, marks, splitter, options, seed, fractions=(0.2, 0.4, 0.6, 0.8, 1.0)) -> pd.DataFrame:
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(seed)
    scores: dict[float, list[float]] = {}
    sizes: dict[float, list[int]] = {}
    for train, test in splitter.split(np.zeros(len(y)), y):
        order = rng.permutation(train)
        used: set[int] = set()
        for frac in fractions:
            part = order[: max(20, int(round(frac * len(order))))]
            if len(part) in used or len(set(y[part])) < 2 or min(np.bincount(y[part])) < 10:
                continue
            used.add(len(part))
            pipe = fit_pipeline(build_pipeline(options, seed=seed), [texts[i] for i in part], y[part],
                                None if marks is None else [marks[i] for i in part])
            pred = (pipe.predict_proba([texts[i] for i in test])[:, 1] >= 0.5).astype(int)
            scores.setdefault(frac, []).append(f1_score(y[test], pred, average="macro"))
            sizes.setdefault(frac, []).append(len(part))
    rows = [(int(round(np.mean(sizes[f]))), float(np.mean(v)), float(np.std(v))) for f, v in sorted(scores.items())]
    return pd.DataFrame(rows, columns=["train_size", "macro_f1_mean", "macro_f1_std"])
