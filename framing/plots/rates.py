"""Rates per outlet: by category (``plot_category_rates``), per term (``plot_term_heatmap``), with
their intervals (``plot_rates_ci``) and by voice (``plot_voice_shares``)."""
from __future__ import annotations

import matplotlib.ticker
import numpy as np
import pandas as pd

from ..tables import ALL
from .style import (GREY, HATCHES, MANY_OUTLETS, PALETTE, STYLE, _axes, _caption, _empty, _small_sample, _wrap,
                    outlet_colours, plt)
from .text import display


def plot_category_rates(rates: pd.DataFrame, *, ax=None, category_labels: dict[str, str] | None = None,
                        colours: dict[str, str] | None = None):
    """Loaded words per 1,000 words (own voice) per category and outlet (a rates_by_outlet table;
    category total rows, entry == '(all)', are used). Categories are sorted by their total rate,
    the largest on top.

    Up to ``MANY_OUTLETS`` outlets: horizontal grouped bars, one bar per outlet. With more, grouped
    bars would be unreadable: a grid, one row per category and one column per outlet, the rate
    written in each cell and shaded by it.
    """
    with plt.rc_context(STYLE):
        t = rates[(rates["entry"] == ALL) & (rates["category"] != ALL)]
        pivot = t.pivot_table(index="category", columns="outlet", values="rate_per_1k", aggfunc="sum", fill_value=0)
        if not pivot.empty:  # outlets without any hit still get their (empty) bars
            pivot = pivot.reindex(columns=sorted(rates["outlet"].unique()), fill_value=0)
        title = "How often each outlet uses loaded words, by kind of word"
        many = pivot.shape[1] > MANY_OUTLETS
        if many:
            ax = _axes(ax, (8, max(3.5, 0.42 * len(pivot) + 2.6)))
        else:
            ax = _axes(ax, (8, max(3.5, 0.62 * len(pivot) + 1.6)))
        if pivot.empty:
            return _empty(ax, title)
        order = pivot.sum(axis=1).sort_values(ascending=True).index
        pivot = pivot.loc[order]
        outlets = list(pivot.columns)
        labels = [(category_labels or {}).get(c, c) for c in pivot.index]
        if many:
            pivot = pivot.iloc[::-1]
            labels = labels[::-1]
            values = pivot.to_numpy(dtype=float)
            im = ax.imshow(values, aspect="auto", cmap="Blues", vmin=0)
            vmax = values.max() or 1
            for i in range(values.shape[0]):
                for j in range(values.shape[1]):
                    ax.text(j, i, f"{values[i, j]:.1f}" if values[i, j] else "–", ha="center", va="center",
                            fontsize=6.5, color="white" if values[i, j] > 0.55 * vmax else "black")
            ax.set_xticks(range(len(outlets)), [display(o) for o in outlets], rotation=45,
                          ha="right", rotation_mode="anchor")
            ax.set_yticks(range(len(labels)), [_wrap(lbl, 30) for lbl in labels])
            ax.spines[:].set_visible(False)
            ax.tick_params(length=0)
            ax.figure.colorbar(im, ax=ax, label="loaded words per 1,000 words", shrink=0.8)
            ax.set_title(title)
            ax.set_xlabel("outlet (numbers: loaded words per 1,000 words, in the outlet's own voice)")
            return ax
        colours = colours or outlet_colours(outlets)
        n = len(outlets)
        height = 0.8 / n
        y = np.arange(len(pivot))
        for i, outlet in enumerate(outlets):
            ax.barh(y + ((n - 1) / 2 - i) * height, pivot[outlet].values, height, label=display(outlet),
                    color=colours.get(outlet), hatch=HATCHES[i % len(HATCHES)], edgecolor="white", linewidth=0.4)
        ax.set_yticks(y, [_wrap(lbl, 28) for lbl in labels])
        ax.set_xlabel("loaded words per 1,000 words (in the outlet's own voice)")
        ax.set_title(title)
        ax.legend(title="outlet", frameon=False, loc="lower right")
        ax.grid(axis="x", alpha=0.3)
        ax.set_ylim(-0.6, len(pivot) - 0.4)
        return ax


def plot_term_heatmap(rates: pd.DataFrame, *, ax=None, top: int = 20):
    """Heatmap of outlets x the ``top`` most used terms: rate per 1,000 words, own voice."""
    with plt.rc_context(STYLE):
        ax = _axes(ax, (8, 6))
        t = rates[(rates["entry"] != ALL)]
        if t.empty or t["hits"].sum() == 0:
            return _empty(ax, "Most used loaded terms per outlet")
        terms = t.groupby("term")["hits"].sum().sort_values(ascending=False).head(top).index
        pivot = t[t["term"].isin(terms)].pivot_table(index="term", columns="outlet", values="rate_per_1k",
                                                      aggfunc="sum", fill_value=0)
        pivot = pivot.loc[[x for x in terms if x in pivot.index]]
        pivot = pivot.reindex(columns=sorted(rates["outlet"].unique()), fill_value=0)
        counts = t[t["term"].isin(terms)].pivot_table(index="term", columns="outlet", values="hits",
                                                       aggfunc="sum", fill_value=0).reindex_like(pivot).fillna(0)
        n_terms = len(pivot)
        if pivot.shape[1] > MANY_OUTLETS:  # many outlets: one row each (names read across), terms on top
            pivot, counts = pivot.T, counts.T
        im = ax.imshow(pivot.values, aspect="auto", cmap="cividis")
        columns = [display(c if pivot.shape[1] > 5 else _wrap(c, 14)) for c in pivot.columns]
        ax.set_xticks(range(pivot.shape[1]), columns,
                      rotation=45 if pivot.shape[1] > 5 else 0, ha="left" if pivot.shape[1] > 5 else "center",
                      rotation_mode="anchor")
        ax.set_yticks(range(pivot.shape[0]), [display(t) for t in pivot.index])
        ax.tick_params(axis="x", labeltop=True, labelbottom=False, top=True, bottom=False)
        vmax = pivot.values.max() or 1
        for i in range(pivot.shape[0]):
            for j in range(pivot.shape[1]):
                n = int(counts.values[i, j])
                if n:
                    ax.text(j, i, str(n), ha="center", va="center", fontsize=7 if pivot.shape[1] <= 12 else 6,
                            color="black" if pivot.values[i, j] > 0.6 * vmax else "white")
        ax.figure.colorbar(im, ax=ax, label="uses per 1,000 words", shrink=0.8)
        ax.set_title(f"The {n_terms} loaded words used most, per outlet (numbers: how many times)")
        ax.spines[:].set_visible(False)
        return ax


def plot_rates_ci(rates: pd.DataFrame, *, ax=None, category: str | None = ALL, term: str = ALL,
                  colours: dict[str, str] | None = None, level: float = 0.95, max_groups: int = 40,
                  sort: str = "rate"):
    """Rate per 1,000 words per group with its bootstrap interval (a ``stats.rates_ci`` table).

    One row per group, sorted by rate (``sort="group"``: by name, e.g. for periods);
    ``category``/``term`` choose the row kind ('(all)' = every loaded term; ``category=None``
    draws each category, dodged). Groups with a small-sample
    warning get a hollow marker and a '*' beside their name; the dashed line is the pooled rate.
    """
    with plt.rc_context(STYLE):
        if category is None:
            t = rates[(rates["term"] == ALL) & (rates["category"] != ALL)]
        elif term != ALL:
            t = rates[(rates["term"] == term) | (rates["entry"] == term)]
        else:
            t = rates[(rates["category"] == category) & (rates["term"] == ALL)]
        peak = t.groupby("group")["rate_per_1k"].max()
        groups = (peak.sort_index() if sort == "group" else peak.sort_values(ascending=False)).index[:max_groups]
        ax = _axes(ax, (8, min(10.5, 1.2 + 0.28 * len(groups) * (1 if category is not None else 1.6))))
        if term != ALL:
            what = term
        elif category is None:
            what = "Loaded words by kind"
        else:
            what = "Loaded words" if category == ALL else category
        title = display(f"{what} per 1,000 words, and how sure we can be")
        if t.empty or not len(groups):
            return _empty(ax, title)
        t = t[t["group"].isin(groups)]
        pos = {g: i for i, g in enumerate(groups)}
        series = [(None, t)] if category is not None else list(t.groupby("category", sort=True))
        k = len(series)
        width = 0.7 / k
        colours = colours or outlet_colours(groups)
        for j, (cat, s) in enumerate(series):
            y = s["group"].map(pos).to_numpy(dtype=float) + (j - (k - 1) / 2) * width
            x = s["rate_per_1k"].to_numpy(dtype=float)
            lo, hi = s["ci_low"].to_numpy(dtype=float), s["ci_high"].to_numpy(dtype=float)
            err = np.vstack([np.clip(x - lo, 0, None), np.clip(hi - x, 0, None)])
            small = _small_sample(s["warning"])
            if cat is None:
                col = np.array([colours.get(g, PALETTE[0]) for g in s["group"]], dtype=object)
            else:
                col = np.array([PALETTE[j % len(PALETTE)]] * len(s), dtype=object)
            for i in range(len(s)):
                if np.isfinite(lo[i]):
                    ax.errorbar(x[i], y[i], xerr=err[:, i:i + 1], fmt="none", ecolor=col[i], elinewidth=1.6,
                                capsize=3, alpha=0.55 if small[i] else 1)
            ax.scatter(x[~small], y[~small], s=36, color=list(col[~small]), zorder=3,
                       label=cat if cat is not None else None)
            ax.scatter(x[small], y[small], s=36, facecolors="white", edgecolors=list(col[small]), linewidths=1.4,
                       zorder=3)
            if cat is None:
                for yi, r in zip(y, s.itertuples()):
                    ax.annotate(f"{r.hits:,} hits, {r.n_docs:,} docs", xy=(1.0, yi), xycoords=("axes fraction", "data"),
                                xytext=(4, 0), textcoords="offset points", va="center", fontsize=7, color=GREY)
        flagged = set(t.loc[_small_sample(t["warning"]), "group"])
        ax.set_yticks(range(len(groups)), [display(_wrap(g, 28) + (" *" if g in flagged else "")) for g in groups])
        ax.set_ylim(len(groups) - 0.5, -0.5)
        if category is not None:
            pooled = 1000 * t["hits"].sum() / t.drop_duplicates("group")["words"].sum()
            ax.axvline(pooled, color=GREY, linestyle="--", linewidth=0.9)
            ax.annotate(f"all groups: {pooled:.2f}", xy=(pooled, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3, -2), textcoords="offset points", fontsize=7, color=GREY, va="top")
        else:
            ax.legend(title="category", frameon=False, loc="lower right")
        ax.set_xlim(left=0)
        note = f"bars: the range of likely values ({level:.0%} bootstrap interval, documents resampled)"
        if flagged:
            note += "; * and hollow markers: few documents or words, read with care"
        ax.set_xlabel(f"loaded words per 1,000 words (in the outlet's own voice)\n{_caption(note, 9)}")
        ax.set_title(title)
        ax.grid(axis="x", alpha=0.3)
        return ax


def plot_voice_shares(rates: pd.DataFrame, *, ax=None):
    """Whose words: per outlet, the loaded-term hits in its own voice, inside quotations and in
    reported speech (stacked, shares of all its hits; n = hits). A rates_by_outlet table."""
    with plt.rc_context(STYLE):
        t = rates[(rates["category"] == ALL)].set_index("outlet").sort_index()
        ax = _axes(ax, (8, max(2.6, 0.45 * len(t) + 1.4)))
        total = t["hits"] + t["hits_quoted"] + t["hits_attributed"]
        t = t[total > 0]
        total = total[total > 0]
        if t.empty:
            return _empty(ax, "Whose words are the loaded terms?")
        y = np.arange(len(t))[::-1]
        left = np.zeros(len(t))
        parts = [("hits", "outlet's own voice", "#0072B2", ""), ("hits_attributed", "reported speech", "#E69F00", "//"),
                 ("hits_quoted", "inside quotations", "#CCCCCC", "..")]
        for col, label, colour, hatch in parts:
            share = (t[col] / total).to_numpy()
            ax.barh(y, share, left=left, color=colour, hatch=hatch, edgecolor="white", label=label, height=0.6)
            for yi, s, l0 in zip(y, share, left):
                if s >= 0.08:
                    ax.text(l0 + s / 2, yi, f"{s:.0%}", ha="center", va="center", fontsize=7,
                            color="white" if colour == "#0072B2" else "black")
            left += share
        ax.set_yticks(y, [display(f"{o} (n={int(n)})") for o, n in zip(t.index, total)])
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_title("Whose words are the loaded terms? Share of hits by voice")
        ax.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.12))
        return ax
