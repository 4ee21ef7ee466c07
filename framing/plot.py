"""Charts: ``plot_*(table, *, ax=None) -> Axes``. They draw; they never read or write files.

One style for all: Okabe-Ito colour-blind-safe palette, titles that say what is shown, readable at
A4 width. ``save_figure`` writes PNG (150 dpi or more), SVG or PDF.
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # headless: never needs a display

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .tables import ALL, NO_DATE  # noqa: E402

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo"]
STYLE = {
    "font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold", "axes.labelsize": 9,
    "xtick.labelsize": 8, "ytick.labelsize": 8, "legend.fontsize": 8, "axes.spines.top": False,
    "axes.spines.right": False, "figure.dpi": 100, "savefig.dpi": 200, "font.family": "DejaVu Sans",
}


def outlet_colours(outlets) -> dict[str, str]:
    """A fixed colour per outlet (in sorted order), reused by every chart of a report."""
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(sorted(outlets))}


def _axes(ax, size=(8, 4.2)):
    if ax is not None:
        return ax
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def plot_category_rates(rates: pd.DataFrame, *, ax=None, category_labels: dict[str, str] | None = None,
                        colours: dict[str, str] | None = None):
    """Grouped bars: rate per 1,000 words (own voice) per category, one bar per outlet.

    ``rates`` is a rates_by_outlet table; category total rows (entry == '(all)') are used.
    """
    with plt.rc_context(STYLE):
        ax = _axes(ax, (8, 4.4))
        t = rates[(rates["entry"] == ALL) & (rates["category"] != ALL)]
        pivot = t.pivot_table(index="category", columns="outlet", values="rate_per_1k", aggfunc="sum", fill_value=0)
        if not pivot.empty:  # outlets without any hit still get their (empty) bars
            pivot = pivot.reindex(columns=sorted(rates["outlet"].unique()), fill_value=0)
        if pivot.empty:
            return _empty(ax, "Loaded terms per 1,000 words, by category")
        order = pivot.sum(axis=1).sort_values(ascending=False).index
        pivot = pivot.loc[order]
        outlets = list(pivot.columns)
        colours = colours or outlet_colours(outlets)
        n = len(outlets)
        width = 0.8 / n
        x = np.arange(len(pivot))
        for i, outlet in enumerate(outlets):
            ax.bar(x + (i - (n - 1) / 2) * width, pivot[outlet].values, width, label=outlet,
                   color=colours.get(outlet), hatch=HATCHES[i % len(HATCHES)], edgecolor="white", linewidth=0.4)
        labels = [(category_labels or {}).get(c, c) for c in pivot.index]
        ax.set_xticks(x, [_wrap(lbl, 16) for lbl in labels])
        ax.set_ylabel("hits per 1,000 words (outlet's own voice)")
        ax.set_title("Loaded terms per 1,000 words, by category and outlet")
        ax.legend(title="outlet", ncols=min(n, 4), frameon=False)
        ax.grid(axis="y", alpha=0.3)
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
                                                       aggfunc="sum", fill_value=0).reindex_like(pivot)
        im = ax.imshow(pivot.values, aspect="auto", cmap="cividis")
        ax.set_xticks(range(pivot.shape[1]), [_wrap(c, 14) for c in pivot.columns])
        ax.set_yticks(range(pivot.shape[0]), [_display(t) for t in pivot.index])
        ax.tick_params(axis="x", labeltop=True, labelbottom=False, top=True, bottom=False)
        vmax = pivot.values.max() or 1
        for i in range(pivot.shape[0]):
            for j in range(pivot.shape[1]):
                n = int(counts.values[i, j])
                if n:
                    ax.text(j, i, str(n), ha="center", va="center", fontsize=7,
                            color="black" if pivot.values[i, j] > 0.6 * vmax else "white")
        ax.figure.colorbar(im, ax=ax, label="hits per 1,000 words", shrink=0.8)
        ax.set_title(f"The {len(pivot)} most used loaded terms: rate per outlet (numbers = hits)")
        ax.spines[:].set_visible(False)
        return ax


def plot_rate_over_time(period_rates: pd.DataFrame, *, ax=None, colours: dict[str, str] | None = None,
                        category: str = ALL, min_words: int = 500):
    """Rate of loaded terms (own voice) per period, one line per outlet.

    Periods with fewer than ``min_words`` words are drawn as hollow markers: too little text to
    read much into their rate.
    """
    with plt.rc_context(STYLE):
        ax = _axes(ax, (8, 4.2))
        t = period_rates[(period_rates["category"] == category) & (period_rates["entry"] == ALL)
                         & (period_rates["outlet"] != ALL) & (period_rates["period"] != NO_DATE)]
        if t.empty:
            return _empty(ax, "Loaded terms per 1,000 words over time")
        periods = sorted(t["period"].unique())
        pos = {p: i for i, p in enumerate(periods)}
        colours = colours or outlet_colours(t["outlet"].unique())
        for outlet, g in t.groupby("outlet", sort=True):
            g = g.sort_values("period")
            x = g["period"].map(pos).values
            ax.plot(x, g["rate_per_1k"].values, "-", color=colours.get(outlet), label=outlet, linewidth=1.6)
            small = g["words"].values < min_words
            ax.scatter(x[~small], g["rate_per_1k"].values[~small], color=colours.get(outlet), s=18, zorder=3)
            ax.scatter(x[small], g["rate_per_1k"].values[small], facecolors="white",
                       edgecolors=colours.get(outlet), s=18, zorder=3)
        step = max(1, len(periods) // 12)
        ax.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
        ax.set_ylabel("hits per 1,000 words (own voice)")
        what = "Loaded terms" if category == ALL else category
        ax.set_title(f"{what} per 1,000 words over time, by outlet")
        ax.legend(frameon=False, ncols=min(4, t["outlet"].nunique()))
        ax.grid(axis="y", alpha=0.3)
        ax.annotate(f"hollow markers: periods with fewer than {min_words} words", xy=(0, -0.28),
                    xycoords="axes fraction", fontsize=7, color="#555555")
        return ax


def save_figure(ax_or_fig, path, *, dpi: int = 200, fmt: str | None = None) -> None:
    """Write the figure as PNG, SVG or PDF (``fmt``, else the file's extension) and close it.

    Metadata that changes between runs (software version, creation date) is left out, so the same
    table gives the same file.
    """
    from pathlib import Path

    fig = ax_or_fig.figure if hasattr(ax_or_fig, "figure") else ax_or_fig
    fmt = (fmt or Path(path).suffix.lstrip(".") or "png").lower()
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt)
    fig.savefig(path, dpi=dpi, format=fmt, metadata=metadata)
    plt.close(fig)


def _empty(ax, title):
    ax.set_title(title)
    ax.text(0.5, 0.5, "no loaded terms found", ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_axis_off()
    return ax


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _display(text: str) -> str:
    """Arabic labels shaped and ordered right-to-left for matplotlib, others unchanged."""
    from .normalize import has_arabic

    if not has_arabic(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))
