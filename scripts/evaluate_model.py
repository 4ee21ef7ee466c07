"""How good and how fast is the sentence classifier? Not a unit test: prints metrics in one run.

    python scripts/evaluate_model.py [--data ../shared/data/babe/train.csv] [--nested] [--ablations]

Prints, on the BABE train split (5 stratified folds, shuffled with seed 0; a fresh model per fold,
nothing fitted on the test fold):
  - macro F1 of a plain baseline: TfidfVectorizer() + LogisticRegression() with default settings;
  - macro F1, F1, precision, recall and ROC-AUC of the shipped model's pipeline and settings;
  - with --nested: the same with C chosen per outer fold by an inner 3-fold CV (C in 1, 2, 4), the
    honest check that the default C was not tuned on the test folds;
  - with --ablations: the shipped settings without marked-word rates, lexicon features, char n-grams;
  - with --word-features: the shipped settings plus the word-level model's sentence features
    (framing.wordmodel.WordModelFeatures, cross-fitted) at weights 0.3 and 1;
  - the shipped model's scoring speed in sentences per second on one core (and its load time);
  - the sense helper's cross-validated accuracy on its hand-written examples.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")        # one core, before numpy loads
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from framing.model import (ModelOptions, build_pipeline, default_model_path, evaluate_model,  # noqa: E402
                           fit_pipeline, load_model, score_sentences)
from framing.sense import evaluate_sense  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "babe" / "train.csv"
SEED = 0
FOLDS = 5


def baseline(texts, y) -> np.ndarray:
    cv = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    pipe = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
    return cross_val_score(pipe, texts, y, cv=cv, scoring="f1_macro", n_jobs=1)


def nested(texts, y, marked, grid=(1.0, 2.0, 4.0)) -> tuple[np.ndarray, list[float]]:
    outer = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    scores, chosen = [], []
    texts = np.asarray(texts, dtype=object)
    marked = np.asarray(marked, dtype=object)
    for train, test in outer.split(texts, y):
        inner = StratifiedKFold(3, shuffle=True, random_state=SEED + 1)
        best_c, best = None, -1.0
        for c in grid:
            options = replace(ModelOptions(), C=c)
            f1s = []
            for itr, ite in inner.split(texts[train], y[train]):
                tr, te = train[itr], train[ite]
                pipe = fit_pipeline(build_pipeline(options, seed=SEED), list(texts[tr]), y[tr], list(marked[tr]))
                f1s.append(f1_score(y[te], pipe.predict(list(texts[te])), average="macro"))
            if np.mean(f1s) > best:
                best_c, best = c, float(np.mean(f1s))
        pipe = fit_pipeline(build_pipeline(replace(ModelOptions(), C=best_c), seed=SEED), list(texts[train]),
                            y[train], list(marked[train]))
        scores.append(f1_score(y[test], pipe.predict(list(texts[test])), average="macro"))
        chosen.append(best_c)
    return np.asarray(scores), chosen


def speed(texts: list[str], n: int = 20_000) -> tuple[float, float]:
    started = time.perf_counter()
    model = load_model()
    load_s = time.perf_counter() - started
    batch = (texts * (n // len(texts) + 1))[:n]
    score_sentences(model, batch[:200])  # warm up
    started = time.perf_counter()
    score_sentences(model, batch)
    return n / (time.perf_counter() - started), load_s


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--nested", action="store_true", help="also choose C by nested CV (slower: about 3 minutes)")
    ap.add_argument("--ablations", action="store_true", help="also evaluate the settings without each feature set")
    ap.add_argument("--word-features", action="store_true",
                    help="also evaluate the settings with the word-level model's features (slow: about 10 minutes)")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"error: {args.data}: BABE train.csv not found: pass --data PATH", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore", UserWarning)
    data = pd.read_csv(args.data)
    texts, y, marked = data["text"].tolist(), data["label"].to_numpy(), data["biased_words"].tolist()
    print(f"data: {args.data.name}, {len(texts)} sentences ({int(y.sum())} biased); "
          f"{FOLDS}-fold stratified CV, shuffle seed {SEED}; one core")

    t = time.perf_counter()
    b = baseline(texts, y)
    print(f"baseline  TF-IDF + LogisticRegression        macro F1 {b.mean():.3f} ± {b.std():.3f}  "
          f"({time.perf_counter() - t:.0f} s)")

    t = time.perf_counter()
    ev = evaluate_model(texts, y, marked=marked, folds=FOLDS, seed=SEED, learning_curve=False)
    m = ev.folds.iloc[-1]
    sd = ev.folds["macro_f1"].iloc[:-1].astype(float).std(ddof=0)
    print(f"shipped   pipeline and settings (ModelOptions) macro F1 {m.macro_f1:.3f} ± {sd:.3f}  "
          f"F1(biased) {m.f1:.3f}  P {m.precision:.3f}  R {m.recall:.3f}  ROC-AUC {m.roc_auc:.3f}  "
          f"({time.perf_counter() - t:.0f} s)")

    if args.nested:
        t = time.perf_counter()
        s, chosen = nested(texts, y, marked)
        print(f"nested    C chosen by inner 3-fold CV         macro F1 {s.mean():.3f} ± {s.std():.3f}  "
              f"(C per fold: {chosen}; {time.perf_counter() - t:.0f} s)")

    if args.ablations:
        for name, options, use_marked in (
                ("without marked-word rates", replace(ModelOptions(), marked_weight=0.0), False),
                ("marked rates from labels only", ModelOptions(), False),
                ("without lexicon features", replace(ModelOptions(), lexicon_weight=0.0), True),
                ("without char n-grams", replace(ModelOptions(), char_weight=0.0), True)):
            t = time.perf_counter()
            ev = evaluate_model(texts, y, marked=marked if use_marked else None, folds=FOLDS, seed=SEED,
                                options=options, learning_curve=False)
            print(f"ablation  {name:<33} macro F1 {ev.folds.iloc[-1].macro_f1:.3f}  "
                  f"({time.perf_counter() - t:.0f} s)")

    if args.word_features:
        for weight in (0.3, 1.0):
            t = time.perf_counter()
            ev = evaluate_model(texts, y, marked=marked, folds=FOLDS, seed=SEED,
                                options=replace(ModelOptions(), word_weight=weight), learning_curve=False)
            sd = ev.folds["macro_f1"].iloc[:-1].astype(float).std(ddof=0)
            print(f"word      with word-model features, weight {weight:<4}  macro F1 {ev.folds.iloc[-1].macro_f1:.3f} "
                  f"± {sd:.3f}  ({time.perf_counter() - t:.0f} s)")

    if default_model_path().is_file():
        rate, load_s = speed(texts)
        size = default_model_path().stat().st_size / 1e6
        print(f"speed     shipped model: {rate:,.0f} sentences/s on one core; loads in {load_s:.1f} s; "
              f"file {size:.1f} MB")
    else:
        print("speed     no shipped model: run scripts/train_model.py first")

    sense = evaluate_sense()
    total = sense.iloc[-1]
    print(f"sense     helper, 5-fold CV on {int(total.examples)} hand-written examples: accuracy {total.accuracy:.3f} "
          f"(per term {sense.accuracy.iloc[:-1].min():.2f} to {sense.accuracy.iloc[:-1].max():.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
