"""How good is the word-level model? Not a unit test: prints token-level metrics in one run.

    python scripts/evaluate_word_model.py [--data ../shared/data/babe/train.csv] [--tune] [--ablations]

On the BABE train split: sentences labelled neutral, and sentences whose marked words
(``biased_words``) are given; 5 folds over whole sentences (shuffled, seed 0); in each fold a fresh
model is trained on four folds, its threshold chosen on out-of-fold predictions of those four folds
only, and every token of the fifth fold is scored. A token counts as loaded when annotators marked
it in that sentence. Prints precision, recall, F1 and average precision (mean ± s.d. over folds):
  - for simple look-ups: a token is loaded when it is on the NPOV bias lexicon (Recasens et al.
    2013), on the strong subjectivity clues, or in our lexicon;
  - for the shipped settings (WordModelOptions);
  - with --tune: C in 0.25, 0.5, 1, 2 on another shuffle (seed 1), the run the default was chosen on;
  - with --ablations: without context, without literature lists, without lexicon features;
  - the scoring speed of the shipped model in tokens per second on one core.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.metrics import precision_recall_fscore_support  # noqa: E402
from sklearn.model_selection import KFold  # noqa: E402

from framing.model import _word_forms, literature_dir, read_word_list  # noqa: E402
from framing.wordmodel import (WordFeatures, WordModelOptions, default_word_model_path, evaluate_word_model,  # noqa: E402
                               load_word_model, score_texts, usable_sentences, word_examples)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "babe" / "train.csv"
SEED = 0
FOLDS = 5


def lookup_baseline(texts, marked, is_loaded) -> np.ndarray:
    """P, R, F1 per fold of a fixed rule 'token is loaded when is_loaded(word)' on the same folds."""
    rows = []
    for _, test in KFold(FOLDS, shuffle=True, random_state=SEED).split(texts):
        X, y, _ = word_examples([texts[i] for i in test], [marked[i] for i in test])
        pred = np.array([1 if is_loaded(tokens[i].lower()) else 0 for tokens, i in X])
        rows.append(precision_recall_fscore_support(y, pred, average="binary", zero_division=0)[:3])
    return np.asarray(rows)


def in_list(name):
    words = set(read_word_list(literature_dir() / f"{name}.txt"))
    return lambda w: any(f in words for f in _word_forms(w))



def in_lexicon():
    features = WordFeatures(literature=(), context=False).fit()
    # single-word forms only: words of multi-word forms ("forces" of "occupation forces") are not hits
    return lambda w: any(f.startswith("lex=") and not f.endswith("+")
                         for f in features._features((w,), 0, frozenset(), ()))


def line(name, folds: pd.DataFrame) -> str:
    f = folds.iloc[:-1]
    return (f"{name:<34} P {f.precision.mean():.3f}  R {f.recall.mean():.3f}  "
            f"F1 {f.f1.mean():.3f} ± {f.f1.std(ddof=0):.3f}  AP {f.average_precision.mean():.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--tune", action="store_true", help="also the C grid on shuffle seed 1")
    ap.add_argument("--ablations", action="store_true", help="also the settings without each feature group")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"error: {args.data}: BABE train.csv not found: pass --data PATH", file=sys.stderr)
        return 2
    data = pd.read_csv(args.data)
    texts, labels, marked = data["text"].tolist(), data["label"].tolist(), data["biased_words"].tolist()
    keep = usable_sentences(labels, marked)
    kept_texts = [t for t, k in zip(texts, keep) if k]
    kept_marked = [m for m, k in zip(marked, keep) if k]
    _, y, _ = word_examples(kept_texts, kept_marked)
    print(f"data: {args.data.name}, {len(kept_texts)} of {len(texts)} sentences usable (neutral, or with marked "
          f"words); {len(y):,} tokens, {int(y.sum()):,} marked ({y.mean():.1%}); {FOLDS}-fold CV over sentences, "
          f"seed {SEED}; one core")
    for name, rule in (("look-up: NPOV bias lexicon", in_list("npov_lexicon")),
                       ("look-up: strong subjectivity clues", in_list("strong_subjectives_riloff2003")),
                       ("look-up: framing's lexicon (en)", in_lexicon())):
        r = lookup_baseline(kept_texts, kept_marked, rule)
        print(f"{name:<34} P {r[:, 0].mean():.3f}  R {r[:, 1].mean():.3f}  F1 {r[:, 2].mean():.3f} ± {r[:, 2].std():.3f}")
    t = time.perf_counter()
    folds = evaluate_word_model(texts, labels, marked, folds=FOLDS, seed=SEED)
    print(line("word model, shipped settings", folds) + f"  threshold {folds.threshold.iloc[-1]:.2f}  "
          f"({time.perf_counter() - t:.0f} s)")
    if args.tune:
        for c in (0.25, 0.5, 1.0, 2.0):
            f = evaluate_word_model(texts, labels, marked, folds=FOLDS, seed=1, options=replace(WordModelOptions(), C=c))
            print(line(f"tuning (seed 1): C = {c}", f))
    if args.ablations:
        for name, opts in (("without neighbouring words", replace(WordModelOptions(), context=False)),
                           ("without literature lists", replace(WordModelOptions(), literature=False)),
                           ("without lexicon features", replace(WordModelOptions(), lexicon=False))):
            print(line(f"ablation: {name}", evaluate_word_model(texts, labels, marked, folds=FOLDS, seed=SEED,
                                                               options=opts)))
    if default_word_model_path().is_file():
        model = load_word_model()
        batch = (texts * 3)[:6000]
        n = sum(len(s) for s in score_texts(model, batch[:100]))
        t = time.perf_counter()
        n = sum(len(s) for s in score_texts(model, batch))
        took = time.perf_counter() - t
        print(f"speed: shipped model {n / took:,.0f} tokens/s on one core ({len(batch) / took:,.0f} sentences/s); "
              f"file {default_word_model_path().stat().st_size / 1e6:.1f} MB")
    else:
        print("speed: no shipped word model: run scripts/train_word_model.py first")
    return 0


if __name__ == "__main__":
    sys.exit(main())
