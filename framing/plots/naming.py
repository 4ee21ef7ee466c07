"""Who calls whom what: the labels each outlet uses for each referent (a stats.naming_matrix table)."""
from __future__ import annotations

import matplotlib.patches
import matplotlib.ticker
import numpy as np

import pandas as pd

from .style import GREY, HATCHES, PAGE_HEIGHT, PALETTE, STYLE, _axes, _wrap, plt
from .text import display


def naming_panel_height(naming: pd.DataFrame, referent: str) -> float:
    """Inches the naming-matrix panel of ``referent`` needs (to split referents over pages)."""
    return 0.9 + 0.27 * naming.loc[naming["referent"] == referent, "group"].nunique()


def plot_naming_matrix(naming: pd.DataFrame, *, ax=None, referents: list[str] | None = None,
                       max_referents: int = 6, max_labels: int = 7, min_hits: int = 10):
    """Who calls whom what: for each referent, one bar per outlet split by the labels it uses
    (share of the referent's hits; ``n`` = hits). A ``stats.naming_matrix`` table.

    One panel per referent (the ``max_referents`` most named, as many as fit a page, unless
    ``referents`` is given);
    labels beyond the ``max_labels`` most used are pooled as 'other labels'; outlets with fewer
    than ``min_hits`` hits for a referent are drawn pale (shares of a handful of hits). With
    ``ax`` given, only the first referent is drawn.
    """
    title = "Who calls whom what: the labels each outlet uses"
    with plt.rc_context(STYLE):
        if naming.empty:
            a = _axes(ax)
            a.set_title(title)
            a.text(0.5, 0.5, "no hits of terms with a referent", ha="center", va="center",
                   transform=a.transAxes, color=GREY)
            a.set_axis_off()
            return a
        totals = naming.groupby("referent")["hits"].sum().sort_values(ascending=False)
        chosen = [r for r in (referents or totals.index[:max_referents]) if r in totals.index]
        if ax is not None:
            chosen = chosen[:1]
            panels, fig = [ax], ax.figure
        else:
            heights = [naming_panel_height(naming, r) for r in chosen]
            if referents is None:  # as many of the most named referents as fit an A4 page
                fit = np.cumsum(heights) + 0.6 <= PAGE_HEIGHT
                keep = max(1, int(fit.sum()))
                chosen, heights = chosen[:keep], heights[:keep]
            fig, panels = plt.subplots(len(chosen), 1, figsize=(8, min(PAGE_HEIGHT, sum(heights) + 0.6)),
                                       gridspec_kw={"height_ratios": heights}, squeeze=False,
                                       layout="constrained")
            panels = list(panels.ravel())
        for a, referent in zip(panels, chosen):
            t = naming[naming["referent"] == referent]
            order = t.groupby("label")["hits"].sum().sort_values(ascending=False).index
            top = list(order[:max_labels])
            t = t.assign(label=t["label"].where(t["label"].isin(top), "other labels"))
            pivot = t.pivot_table(index="group", columns="label", values="hits", aggfunc="sum", fill_value=0)
            pivot = pivot[[c for c in top + ["other labels"] if c in pivot.columns]]
            n = pivot.sum(axis=1)
            share = pivot.div(n, axis=0)
            groups = sorted(share.index)
            share, n = share.loc[groups], n.loc[groups]
            left = np.zeros(len(groups))
            y = np.arange(len(groups))
            few = (n < min_hits).to_numpy()
            handles = []
            for j, label in enumerate(share.columns):
                v = share[label].to_numpy()
                colour = "#BBBBBB" if label == "other labels" else PALETTE[j % len(PALETTE)]
                hatch = HATCHES[j % len(HATCHES)] if label != "other labels" else ""
                a.barh(y[~few], v[~few], left=left[~few], color=colour, edgecolor="white", linewidth=0.6, hatch=hatch)
                handles.append(matplotlib.patches.Patch(facecolor=colour, edgecolor="white", hatch=hatch,
                                                        label=display(label)))
                a.barh(y[few], v[few], left=left[few], color=colour, edgecolor="white", linewidth=0.6,
                       hatch=hatch, alpha=0.35)
                for yi, (l0, vi) in enumerate(zip(left, v)):
                    if vi >= 0.1 and not few[yi]:
                        a.text(l0 + vi / 2, yi, f"{vi:.0%}", ha="center", va="center", fontsize=7, color="black",
                               bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
                left += v
            for yi, count in enumerate(n):
                a.text(1.01, yi, f"n = {int(count)}" + (" (few)" if count < min_hits else ""), va="center",
                       fontsize=7, color=GREY, transform=a.get_yaxis_transform())
            a.set_yticks(y, [display(_wrap(g, 28)) for g in groups])
            a.set_ylim(len(groups) - 0.5, -0.5)
            a.set_xlim(0, 1)
            a.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
            a.set_title(f"{display(referent)}", loc="left", fontsize=10)
            a.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.17, 1.0), fontsize=7.5,
                     title="label")
            a.spines[["top", "right"]].set_visible(False)
        panels[-1].set_xlabel(f"share of the outlet's labels for this referent (own voice; n = hits; pale: "
                              f"fewer than {min_hits} hits)")
        if ax is None:
            fig.suptitle(title, fontsize=11, fontweight="bold")
        else:
            ax.set_title(display(f"{title}: {chosen[0]}"))
        return panels[0]
