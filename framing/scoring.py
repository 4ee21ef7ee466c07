"""The work of ``framing score``, ``framing train`` and ``framing evaluate``: the sentence classifier
(framing.model) applied to tables read by framing.ingest.tables. No argument parsing here
(framing/cli/score.py, train.py, evaluate.py)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import OptionError
from .manifest import Manifest


def score_tables(model, paths: list, *, text_col: str | None = None, sentences: bool = False,
                 threshold: float | None = None, manifest: Manifest | None = None) -> pd.DataFrame:
    """Every row (or sentence) of the files scored: the input's columns, then p_loaded and label."""
    from .ingest.tables import read_table, text_column
    from .model import LABELS, score_sentences
    from .sentences import sentence_spans

    check_threshold(threshold)
    threshold = model.threshold if threshold is None else threshold
    parts = []
    for path in paths:
        table = read_table(path, manifest)
        col = text_column(table, text_col, path)
        table = table.copy()
        if len(paths) > 1 and "file" not in table.columns:
            table.insert(0, "file", str(path))
        texts = table[col].map(lambda v: v if isinstance(v, str) else ("" if v is None or v != v else str(v)))
        if sentences:
            rows, sents = [], []
            for i, text in enumerate(texts):
                for k, (start, end) in enumerate(sentence_spans(text)):
                    rows.append(i)
                    sents.append((k, text[start:end]))
            table = table.iloc[rows].reset_index(drop=True)
            table[col] = [s for _, s in sents]
            table.insert(table.columns.get_loc(col), "sentence", [k for k, _ in sents])
            texts = table[col]
        table["p_loaded"] = score_sentences(model, texts.tolist())
        table["label"] = [LABELS[1] if p >= threshold else LABELS[0] for p in table["p_loaded"]]
        parts.append(table)
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def check_threshold(threshold: float | None) -> None:
    if threshold is not None and not 0 <= threshold <= 1:
        raise OptionError(f"--threshold {threshold}: must be between 0 and 1, e.g. 0.5")


def labelled(path, text_col: str, label_col: str, marked_col: str | None, manifest: Manifest | None = None):
    """(texts, labels, marked words or None) of a file of labelled sentences."""
    from .ingest.tables import read_table

    table = read_table(path, manifest)
    for opt, col in (("--text-col", text_col), ("--label-col", label_col)):
        if col not in table.columns:
            raise OptionError(f"{path}: no column '{col}' (columns: {', '.join(map(str, table.columns))}): "
                              f"name it with {opt}")
    marked = table[marked_col].tolist() if marked_col and marked_col in table.columns else None
    return table[text_col].tolist(), table[label_col].tolist(), marked


def data_note(path) -> dict:
    """What the model's metadata records of the data it was trained on."""
    import hashlib

    return {"data_file": Path(path).name, "data_file_sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest()}


def write_evaluation(evaluation, out: Path) -> list[str]:
    """metrics.csv, calibration.png (and the learning curve's PNG and CSV when there is one) in ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .plots import plot_calibration, plot_learning_curve
    from .output import atomic_path, ensure_dir, write_csv

    out = ensure_dir(out)
    write_csv(out / "metrics.csv", evaluation.folds)
    ax = plot_calibration(evaluation.probabilities)
    with atomic_path(out / "calibration.png") as tmp:
        ax.figure.savefig(tmp, format="png", dpi=150, bbox_inches="tight")
    plt.close(ax.figure)
    written = ["metrics.csv", "calibration.png"]
    if not evaluation.learning_curve.empty:
        ax = plot_learning_curve(evaluation.learning_curve)
        with atomic_path(out / "learning_curve.png") as tmp:
            ax.figure.savefig(tmp, format="png", dpi=150, bbox_inches="tight")
        plt.close(ax.figure)
        write_csv(out / "learning_curve.csv", evaluation.learning_curve)
        written += ["learning_curve.png", "learning_curve.csv"]
    return written


def evaluate_fixed(model, texts, labels, folds, seed):
    """The fixed model's metrics on each stratified fold of (held-out) data."""
    import numpy as np
    from sklearn.metrics import f1_score, precision_recall_fscore_support, roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    from .errors import ModelError
    from .model import Evaluation, _check_labels, score_sentences

    y = _check_labels(labels, len(texts))
    if folds < 2 or min(np.bincount(y)) < folds:
        raise ModelError(f"evaluate: {folds} folds need at least {folds} texts of each label and folds >= 2")
    p = score_sentences(model, texts)
    rows = []
    for k, (_, test) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y), 1):
        pred = (p[test] >= model.threshold).astype(int)
        prec, rec, f1, _ = precision_recall_fscore_support(y[test], pred, average="binary", zero_division=0)
        rows.append((str(k), prec, rec, f1, f1_score(y[test], pred, average="macro"), roc_auc_score(y[test], p[test])))
    table = pd.DataFrame(rows, columns=["fold", "precision", "recall", "f1", "macro_f1", "roc_auc"])
    table.loc[len(table)] = ["mean", *table.drop(columns="fold").mean().to_list()]
    return Evaluation(table, pd.DataFrame({"label": y, "p_loaded": p}),
                      pd.DataFrame(columns=["train_size", "macro_f1_mean", "macro_f1_std"]))
