"""Charts of the measures that have their own modules: scare quotes per outlet (a
``scare.scare_quote_rates`` table), an outlet's most loaded terms (``termscores.term_scores``) and
the outlet fingerprint's confusion matrix and distinctive features (``fingerprint.Fingerprint``)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ModelError
from ..termscores import top_loaded_terms
from .style import GREY, STYLE, plt
from .text import display


def plot_scare_quotes(table: pd.DataFrame, *, ax=None):
    """Dots with 95% intervals: scare quotes per 1,000 words per outlet (one chart of its own)."""
    t = table.sort_values(["rate_per_1k", "outlet"], ascending=[True, True])
    with plt.rc_context(STYLE):
        if ax is None:
            _, ax = plt.subplots(figsize=(8, max(2.2, 1.3 + 0.3 * len(t))), layout="constrained")
        y = range(len(t))
        rate = t["rate_per_1k"].fillna(0).to_numpy()
        lo = t["ci_low"].to_numpy()
        hi = t["ci_high"].to_numpy()
        ok = ~(pd.isna(lo) | pd.isna(hi))
        ax.errorbar(rate[ok], [i for i, k in zip(y, ok) if k], xerr=[(rate - lo)[ok], (hi - rate)[ok]], fmt="o",
                    color=GREY, ecolor="#999999", capsize=3)
        if (~ok).any():
            ax.plot(rate[~ok], [i for i, k in zip(y, ok) if not k], "o", mfc="white", color=GREY)
        ax.set_yticks(list(y), [display(f"{o} ({n})") for o, n in zip(t["outlet"], t["scare_quotes"])])
        ax.set_ylim(-0.6, len(t) - 0.4)
        ax.set_xlabel("scare quotes per 1,000 words (own voice); bars: 95% bootstrap interval; hollow: no interval")
        ax.set_xlim(left=0)
        ax.set_title("Scare quotes per 1,000 words, per outlet (number found)")
        ax.grid(axis="x", alpha=0.3)
    return ax


def plot_top_terms(scores: pd.DataFrame, outlet: str, *, ax=None, n: int = 10, colours: dict | None = None):
    """Bars of one outlet's most loaded terms with their intervals, coloured by category."""
    rows = top_loaded_terms(scores[scores["outlet"] == outlet], n)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.9 + 0.32 * max(len(rows), 1)))
    if rows.empty:
        ax.text(0.5, 0.5, f"no loaded terms for {outlet}", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    if colours is None:
        try:
            from ..lexicon import load_categories

            colours = {k: c.colour for k, c in load_categories().items()}
        except Exception:  # categories are decoration here
            colours = {}
    y = np.arange(len(rows))[::-1]
    score = rows["term_score"].to_numpy(float)
    low = np.nan_to_num(score - rows["term_score_low"].to_numpy(float), nan=0.0)
    high = np.nan_to_num(rows["term_score_high"].to_numpy(float) - score, nan=0.0)
    ax.barh(y, score, xerr=[low, high], color=[colours.get(c, "#777777") for c in rows["category"]],
            error_kw={"elinewidth": 0.8, "capsize": 2})
    ax.set_yticks(y, [f"{t} ({h})" for t, h in zip(rows["term"], rows["hits"])], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("term score (strength × voice × p_loaded; bars: 95% interval)")
    ax.set_title(f"{outlet}: most loaded terms (hits in brackets)", fontsize=9)
    return ax


def plot_confusion(fingerprint, *, ax=None, normalise: bool = True):
    """Confusion matrix of the cross-validated predictions (rows: true outlet; shares per row)."""
    table = fingerprint.confusion.astype(float)
    if normalise:
        table = table.div(table.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
    n = len(table)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 0.6 * n, 0.8 + 0.55 * n))
    im = ax.imshow(table.to_numpy(), cmap="Blues", vmin=0, vmax=1 if normalise else None)
    ax.set_xticks(range(n), table.columns, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(n), table.index, fontsize=8)
    for i in range(n):
        for j in range(n):
            v = table.iat[i, j]
            ax.text(j, i, f"{v:.2f}" if normalise else f"{int(v)}", ha="center", va="center", fontsize=7,
                    color="white" if v > (0.5 if normalise else table.to_numpy().max() / 2) else "black")
    ax.set_xlabel("predicted outlet")
    ax.set_ylabel("true outlet")
    ax.set_title(f"Which outlet wrote it? accuracy {fingerprint.accuracy:.2f} (chance {fingerprint.chance:.2f}), "
                 f"{len(fingerprint.folds)}-fold", fontsize=9)
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    return ax


def plot_distinctive_features(fingerprint, outlet: str, *, ax=None, top: int = 10):
    """Bars of one outlet's most distinctive features."""
    rows = fingerprint.features[fingerprint.features["outlet"] == outlet].head(top)
    if rows.empty:
        raise ModelError(f"fingerprint: no outlet '{outlet}': choose from {', '.join(fingerprint.outlets)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 0.8 + 0.3 * len(rows)))
    ax.barh(range(len(rows))[::-1], rows["weight"], color="#0072B2")
    ax.set_yticks(range(len(rows))[::-1], rows["feature"], fontsize=8)
    ax.set_xlabel("weight towards this outlet")
    ax.set_title(f"What sets {outlet} apart", fontsize=9)
    return ax
