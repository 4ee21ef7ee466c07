"""Charts of the sentence model's evaluation (``framing evaluate``): the reliability diagram of
out-of-fold probabilities and the learning curve (tables from :mod:`framing.model`)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def plot_calibration(probabilities: pd.DataFrame, *, ax=None, bins: int = 10):
    """Reliability diagram of out-of-fold p_loaded against the observed share of loaded sentences."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    p = probabilities["p_loaded"].to_numpy(dtype=float)
    y = probabilities["label"].to_numpy(dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    xs, ys, ns = [], [], []
    for b in range(bins):
        sel = which == b
        if sel.any():
            xs.append(p[sel].mean())
            ys.append(y[sel].mean())
            ns.append(int(sel.sum()))
    ax.plot([0, 1], [0, 1], linestyle="--", color="#999999", label="perfectly calibrated")
    ax.plot(xs, ys, marker="o", color="#0072B2", label="model (out of fold)")
    for x, yy, n in zip(xs, ys, ns):
        ax.annotate(str(n), (x, yy), textcoords="offset points", xytext=(4, -10), fontsize=7, color="#555555")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("predicted p_loaded")
    ax.set_ylabel("share actually labelled loaded")
    ax.set_title("Calibration (numbers: sentences per bin)")
    ax.legend(loc="upper left", fontsize=8)
    return ax


def plot_learning_curve(curve: pd.DataFrame, *, ax=None):
    """Macro F1 on held-out folds against the number of training sentences."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    x = curve["train_size"].to_numpy(dtype=float)
    m = curve["macro_f1_mean"].to_numpy(dtype=float)
    s = curve["macro_f1_std"].to_numpy(dtype=float)
    ax.plot(x, m, marker="o", color="#D55E00")
    ax.fill_between(x, m - s, m + s, color="#D55E00", alpha=0.2)
    ax.set_xlabel("training sentences")
    ax.set_ylabel("macro F1 (held-out folds)")
    ax.set_title("Learning curve (band: ±1 s.d. over folds)")
    ax.grid(alpha=0.3)
    return ax
