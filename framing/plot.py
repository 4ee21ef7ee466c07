"""Charts: ``plot_*(table, *, ax=None) -> Axes``. They draw; they never read or write files.

One style for all: Okabe-Ito colour-blind-safe palette, titles that say what is shown, readable at
A4 width. ``save_figure`` writes PNG (150 dpi or more), SVG or PDF.
"""
from __future__ import annotations

import unicodedata

import matplotlib

matplotlib.use("Agg")  # headless: never needs a display

import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.patches  # noqa: E402,F401
import matplotlib.ticker  # noqa: E402,F401
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .tables import ALL, NO_DATE  # noqa: E402

# Okabe & Ito (2008), safe for the common colour-vision deficiencies: the first eight outlets.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# Beyond eight outlets: twelve more colours, each distinct from the above and from each other (darker
# and lighter variants of the same hues, greys), so that up to 20 outlets never share a colour.
# Each outlet also gets its own marker (MARKERS), so even where two colours look alike to a
# reader the pair (colour, marker) differs: unique up to len(OUTLET_COLOURS) * len(MARKERS) outlets.
EXTRA_COLOURS = ["#882255", "#44AA99", "#999933", "#332288", "#AA4499", "#117733", "#88CCEE", "#661100",
                 "#DDCC77", "#6699CC", "#AA4466", "#888888"]
OUTLET_COLOURS = PALETTE + EXTRA_COLOURS
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "<", ">", "h", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo"]
MANY_OUTLETS = 8  # above this, grouped bars give way to charts with one row or cell per outlet
STYLE = {
    "font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold", "axes.labelsize": 9,
    "xtick.labelsize": 8, "ytick.labelsize": 8, "legend.fontsize": 8, "axes.spines.top": False,
    "axes.spines.right": False, "figure.dpi": 100, "savefig.dpi": 200, "font.family": "DejaVu Sans",
    "svg.fonttype": "none",  # SVG keeps text as text (editable in Inkscape, Illustrator)
}


def outlet_styles(outlets) -> dict[str, tuple[str, str]]:
    """(colour, marker) per outlet, in sorted order: no two outlets share a colour up to 20
    outlets, nor a (colour, marker) pair up to 220."""
    out = {}
    for i, o in enumerate(sorted(outlets)):
        out[o] = (OUTLET_COLOURS[i % len(OUTLET_COLOURS)], MARKERS[(i // len(OUTLET_COLOURS) + i) % len(MARKERS)])
    return out


def outlet_colours(outlets) -> dict[str, str]:
    """A fixed colour per outlet (in sorted order), reused by every chart of a report."""
    return {o: c for o, (c, _) in outlet_styles(outlets).items()}


def outlet_markers(outlets) -> dict[str, str]:
    """A fixed marker per outlet (in sorted order), to go with ``outlet_colours``."""
    return {o: m for o, (_, m) in outlet_styles(outlets).items()}


def _overlaps(boxes) -> bool:
    boxes = [b for b in boxes if b.width > 0 and b.height > 0]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
                return True
    return False


def tick_label_boxes(axis, renderer=None):
    """Window extents of an axis' visible, non-empty tick labels."""
    renderer = renderer or axis.figure.canvas.get_renderer()
    labels = [t for t in axis.get_ticklabels(which="both") if t.get_visible() and t.get_text().strip()]
    return [t.get_window_extent(renderer) for t in labels]


def fit_labels(fig) -> None:
    """Make tick labels of every Axes of ``fig`` stop overlapping: x labels are rotated (45, then
    90 degrees), then made smaller; y labels made smaller. Called by ``save_figure``."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes = [a for a in fig.axes if a.get_visible()]
    for ax in axes:
        children = [ax] + [c for c in ax.child_axes]
        for a in children:
            for axis, steps in ((a.xaxis, ("rot45", "rot90", 7, 6, 5)), (a.yaxis, (7, 6, 5, 4.5))):
                for step in steps:
                    if not _overlaps(tick_label_boxes(axis, renderer)):
                        break
                    texts = [t.get_text() for t in axis.get_ticklabels()]
                    if isinstance(step, str) and any("\n" in x for x in texts):
                        axis.set_ticks(axis.get_ticklocs(), [x.replace("\n", " ") for x in texts])  # one line
                    for t in axis.get_ticklabels(which="both"):
                        if step == "rot45":
                            t.set_rotation(45)
                            t.set_ha("right" if axis is a.xaxis and t.get_va() != "bottom" else "left")
                            t.set_rotation_mode("anchor")
                        elif step == "rot90":
                            t.set_rotation(90)
                            t.set_ha("right" if axis is a.xaxis and t.get_va() != "bottom" else "left")
                            t.set_va("center")
                        else:
                            t.set_fontsize(min(step, t.get_fontsize()))
                    fig.canvas.draw()


def _axes(ax, size=(8, 4.2)):
    if ax is not None:
        return ax
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


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
            ax.set_xticks(range(len(outlets)), [_display(o) for o in outlets], rotation=45,
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
            ax.barh(y + ((n - 1) / 2 - i) * height, pivot[outlet].values, height, label=_display(outlet),
                    color=colours.get(outlet), hatch=HATCHES[i % len(HATCHES)], edgecolor="white", linewidth=0.4)
        ax.set_yticks(y, [_wrap(lbl, 28) for lbl in labels])
        ax.set_xlabel("loaded words per 1,000 words (in the outlet's own voice)")
        ax.set_title(title)
        ax.legend(title="outlet", frameon=False, loc="lower right")
        ax.grid(axis="x", alpha=0.3)
        ax.set_ylim(-0.6, len(pivot) - 0.4)
        return ax


def _direct_labels(ax, ends, colours) -> None:
    """Name each line at its last point, right of the plot; labels pushed apart vertically."""
    ends = sorted(ends)
    lo, hi = ax.get_ylim()
    gap = min((hi - lo) * 0.045, (hi - lo) / max(1, len(ends)))
    placed = []
    for y, x, name in ends:
        y = max(y, placed[-1] + gap) if placed else y
        placed.append(y)
    right = ax.get_xlim()[1]
    for (y0, x, name), y in zip(ends, placed):
        ax.annotate(_display(name), xy=(x, y0), xytext=(right + 0.3, y), textcoords="data", fontsize=7,
                    color=colours.get(name), va="center", annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": colours.get(name), "linewidth": 0.5, "alpha": 0.6})


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
        columns = [_display(c if pivot.shape[1] > 5 else _wrap(c, 14)) for c in pivot.columns]
        ax.set_xticks(range(pivot.shape[1]), columns,
                      rotation=45 if pivot.shape[1] > 5 else 0, ha="left" if pivot.shape[1] > 5 else "center",
                      rotation_mode="anchor")
        ax.set_yticks(range(pivot.shape[0]), [_display(t) for t in pivot.index])
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
        markers = outlet_markers(sorted(set(colours) | set(t["outlet"].unique())))
        ends = []
        for outlet, g in t.groupby("outlet", sort=True):
            g = g.sort_values("period")
            x = g["period"].map(pos).values
            m = markers.get(outlet, "o")
            ax.plot(x, g["rate_per_1k"].values, "-", color=colours.get(outlet), label=_display(outlet), linewidth=1.6)
            small = g["words"].values < min_words
            ax.scatter(x[~small], g["rate_per_1k"].values[~small], color=colours.get(outlet), s=18, zorder=3, marker=m)
            ax.scatter(x[small], g["rate_per_1k"].values[small], facecolors="white",
                       edgecolors=colours.get(outlet), s=18, zorder=3, marker=m)
            ends.append((float(g["rate_per_1k"].values[-1]), x[-1], outlet))
        step = max(1, len(periods) // 12)
        ax.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
        ax.set_ylabel("loaded words per 1,000 words (own voice)")
        what = "Loaded words" if category == ALL else category
        ax.set_title(_display(f"{what} per 1,000 words over time, by outlet"))
        if len(ends) > 4:  # a long legend: each line named at its end instead, labels kept apart
            _direct_labels(ax, ends, colours)
        else:
            ax.legend(frameon=False, ncols=min(4, t["outlet"].nunique()))
        ax.grid(axis="y", alpha=0.3)
        ax.annotate(f"hollow markers: periods with fewer than {min_words} words", xy=(0, -0.28),
                    xycoords="axes fraction", fontsize=7, color="#555555")
        return ax


# ----------------------------------------------------------------------------- statistics charts
# Tables from framing.stats: rates_ci, timeseries, label_changes, naming_matrix, keyness,
# dispersion_table. Functions drawing several panels (small multiples) make their own figure
# when ``ax`` is None and return its first Axes (``ax.figure`` holds them all).

SIGNIFICANT = 0.05
CHANGE_COLOUR = "#D55E00"
GREY = "#555555"


def _small_sample(warnings: pd.Series) -> np.ndarray:
    w = warnings.fillna("").astype(str)
    return (w.str.contains("few ") | w.str.contains("one document")).to_numpy()


def _grid(n: int, ncols: int, panel_h: float, width: float = 8.0, sharey=True):
    ncols = max(1, min(ncols, n))
    nrows = -(-n // ncols)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(width, panel_h * nrows + 0.9), squeeze=False,
                                 sharex=True, sharey=sharey, layout="constrained")
    flat = axes.ravel()
    for extra in flat[n:]:
        extra.set_visible(False)
    return fig, flat[:n]


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
        title = _display(f"{what} per 1,000 words, and how sure we can be")
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
        ax.set_yticks(range(len(groups)), [_display(_wrap(g, 28) + (" *" if g in flagged else "")) for g in groups])
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


def plot_timeseries(ts: pd.DataFrame, *, ax=None, events: pd.DataFrame | None = None,
                    changes: pd.DataFrame | None = None, colours: dict[str, str] | None = None,
                    ncols: int = 3, level: float = 0.95):
    """Small multiples: the rate per period for each outlet (a ``stats.timeseries`` table).

    Shaded band: the bootstrap interval; hollow markers: periods with few documents or words;
    grey dashed lines: ``events`` (columns date, label; numbered, listed below the chart);
    vermilion lines: label switches from ``stats.label_changes`` with adjusted p < 0.05.
    With ``ax`` given, every outlet is drawn on that one Axes instead.
    """
    import matplotlib.dates as mdates

    t = ts[ts["period_start"].notna()] if not ts.empty else ts
    outlets = sorted(t["outlet"].unique()) if not t.empty else []
    colours = colours or outlet_colours(outlets)
    what = "Loaded terms" if t.empty or t["term"].iloc[0] == ALL and t["category"].iloc[0] == ALL else \
        (t["term"].iloc[0] if t["term"].iloc[0] != ALL else t["category"].iloc[0])
    window = int(t["window"].iloc[0]) if "window" in t and not t.empty else 1
    rolling = f", each point over {window} periods" if window > 1 else ""
    title = _display(f"{what} per 1,000 words over time, by outlet ({level:.0%} intervals shaded{rolling})")
    with plt.rc_context(STYLE):
        if t.empty or t["hits"].sum() == 0:
            return _empty(_axes(ax), title)
        if ax is not None:
            panels = [ax] * len(outlets)
            fig = ax.figure
        else:
            fig, panels = _grid(len(outlets), ncols, 1.75)
        ev = events.sort_values("date").reset_index(drop=True) if events is not None and len(events) else None
        ch = None
        if changes is not None and len(changes):
            ch = changes[changes["p_adj"] < SIGNIFICANT]
        for i, (outlet, a) in enumerate(zip(outlets, panels)):
            g = t[t["outlet"] == outlet].sort_values("period_start")
            x = pd.to_datetime(g["period_start"]).to_numpy()
            y = g["rate_per_1k"].to_numpy(dtype=float)
            col = colours.get(outlet, PALETTE[0])
            a.fill_between(x, g["ci_low"].to_numpy(dtype=float), g["ci_high"].to_numpy(dtype=float),
                           color=col, alpha=0.18, linewidth=0)
            a.plot(x, y, "-", color=col, linewidth=1.3, label=outlet if ax is not None else None)
            low = g["low"].to_numpy(dtype=bool)
            a.scatter(x[~low], y[~low], s=12, color=col, zorder=3)
            a.scatter(x[low], y[low], s=12, facecolors="white", edgecolors=col, linewidths=0.9, zorder=3)
            if ax is None:
                a.set_title(_display(_wrap(outlet, 30)), fontsize=8.5)
                a.grid(axis="y", alpha=0.3)
            if ev is not None:
                for j, e in ev.iterrows():
                    a.axvline(e["date"], color=GREY, linestyle="--", linewidth=0.8)
                    if ax is None or i == 0:
                        a.annotate(str(j + 1), xy=(e["date"], 0.98), xycoords=("data", "axes fraction"),
                                   xytext=(2, 0), textcoords="offset points", fontsize=6.5, color=GREY,
                                   ha="left", va="top")
            if ch is not None:
                for _, c in ch[ch["outlet"] == outlet].iterrows():
                    a.axvline(c["change_date"], color=CHANGE_COLOUR, linewidth=1.4)
                    a.annotate(_display(f"{c['label_before']} \u2192 {c['label_after']}"),
                               xy=(c["change_date"], 0.97), xycoords=("data", "axes fraction"), xytext=(2, 0),
                               textcoords="offset points", fontsize=6.5, color=CHANGE_COLOUR, va="top")
        for a in panels:
            locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
            a.xaxis.set_major_locator(locator)
            a.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
            a.set_ylim(bottom=0)
        first = panels[0]
        if ax is not None:
            first.legend(frameon=False, ncols=min(4, len(outlets)))
            first.set_title(title)
            first.set_ylabel("hits per 1,000 words")
        else:
            fig.suptitle(title, fontsize=11, fontweight="bold")
            fig.supylabel("hits per 1,000 words (own voice)", fontsize=9)
        notes = ["hollow markers: few documents or words in the period"]
        if ch is not None and len(ch):
            notes.append("vermilion line: the outlet switched labels (see changes.csv)")
        if ev is not None:
            notes.append("events: " + "; ".join(
                f"{j + 1} {_display(str(e['label']))} ({pd.Timestamp(e['date']):%Y-%m-%d})" for j, e in ev.iterrows()))
        if ax is None:
            fig.supxlabel(_caption("; ".join(notes)), fontsize=7.5, color=GREY)
        else:
            first.set_xlabel(_wrap("; ".join(notes), 110), fontsize=7.5, color=GREY)
        return first


PAGE_HEIGHT = 11.0  # inches of an A4 page a chart may fill


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
                                                        label=_display(label)))
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
            a.set_yticks(y, [_display(_wrap(g, 28)) for g in groups])
            a.set_ylim(len(groups) - 0.5, -0.5)
            a.set_xlim(0, 1)
            a.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
            a.set_title(f"{_display(referent)}", loc="left", fontsize=10)
            a.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.17, 1.0), fontsize=7.5,
                     title="label")
            a.spines[["top", "right"]].set_visible(False)
        panels[-1].set_xlabel(f"share of the outlet's labels for this referent (own voice; n = hits; pale: "
                              f"fewer than {min_hits} hits)")
        if ax is None:
            fig.suptitle(title, fontsize=11, fontweight="bold")
        else:
            ax.set_title(_display(f"{title}: {chosen[0]}"))
        return panels[0]


def plot_keyness(keyness: pd.DataFrame, *, ax=None, group: str | None = None, top: int = 10,
                 ncols: int = 3):
    """Diverging bars: the terms a group uses most more (right) and less (left) than the rest,
    by z-score of the log-odds ratio with an informative Dirichlet prior (a ``stats.keyness``
    table). Hatched pale bars: z not significant after Benjamini-Hochberg (p_adj_z >= 0.05); dotted
    lines at z = +/-1.96. With ``group`` None and no ``ax``: one panel per group (at most 12,
    ``top`` = 5 each side unless given)."""
    with plt.rc_context(STYLE):
        if keyness.empty:
            return _empty(_axes(ax), "Key terms: used more or less than elsewhere")
        groups = sorted(keyness["group"].unique())
        if group is None and ax is None and len(groups) > 1:
            fig, panels = _grid(min(len(groups), 12), ncols, 2.3, sharey=False)
            lim = max(2.5, float(keyness["z"].abs().max()) * 1.08)
            for g, a in zip(groups, panels):
                _keyness_panel(keyness[keyness["group"] == g], a, g, min(top, 5), small=True, lim=lim)
            shown = "" if len(groups) <= 12 else f" (the first 12 of {len(groups)} outlets)"
            fig.suptitle("Words each outlet uses more (right) or less (left) than the other outlets" + shown,
                         fontsize=11, fontweight="bold")
            fig.supxlabel(_caption("Bar length: how far the outlet's use differs from the others' (z-score of the "
                                   "log-odds ratio with an informative Dirichlet prior, Monroe et al. 2008); dotted "
                                   "lines: z = \u00b11.96. Pale hatched bars: a difference this small could be chance "
                                   "(not significant after Benjamini-Hochberg correction, adjusted p >= 0.05)"),
                          fontsize=7.5, color=GREY)
            return panels[0]
        group = group if group is not None else groups[0]
        t = keyness[keyness["group"] == group]
        ax = _axes(ax, (8, 1.2 + 0.26 * min(len(t), 2 * top)))
        _keyness_panel(t, ax, group, top, small=False)
        return ax


def _keyness_panel(t: pd.DataFrame, ax, group: str, top: int, small: bool, lim: float | None = None):
    pos = t[t["z"] > 0].nlargest(top, "z")
    neg = t[t["z"] < 0].nsmallest(top, "z").iloc[::-1]
    rows = pd.concat([pos, neg])
    title = _display(_wrap(group, 18)) if small else \
        _display(f"{group}: words used more (right) and less (left) than the other outlets")
    if rows.empty:
        ax.set_title(title, fontsize=8.5 if small else 11)
        ax.text(0.5, 0.5, "no key terms", ha="center", va="center", transform=ax.transAxes, color=GREY)
        return
    y = np.arange(len(rows))
    z = rows["z"].to_numpy(dtype=float)
    sig = (rows["p_adj_z" if "p_adj_z" in rows else "p_adj"] < SIGNIFICANT).to_numpy()
    colour = np.where(z > 0, PALETTE[0], PALETTE[1])
    for yi, zi, ci, si in zip(y, z, colour, sig):
        ax.barh(yi, zi, color=ci, alpha=1 if si else 0.35, hatch="" if si else "///", edgecolor=ci if not si else "white",
                linewidth=0.5)
    labels = [_display(f"{r.term} ({r.hits_group} vs {r.hits_rest})") if not small else _display(r.term)
              for r in rows.itertuples()]
    ax.set_yticks(y, labels, fontsize=7 if small else 8)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    for v in (-1.96, 1.96):
        ax.axvline(v, color=GREY, linestyle=":", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.6)
    lim = lim or max(2.5, np.abs(z).max() * 1.1)
    ax.set_xlim(-lim, lim)
    ax.set_title(title, fontsize=8.5 if small else 11)
    ax.grid(axis="x", alpha=0.3)
    if not small:
        ax.set_xlabel("\u2190 used less than the other outlets          used more \u2192\n"
                      "bar length: z-score of the log-odds ratio with an informative Dirichlet prior (Monroe et al. "
                      "2008); dotted lines: z = \u00b11.96\npale hatched bars: could be chance (not significant "
                      "after Benjamini-Hochberg, adjusted p >= 0.05); in brackets: uses here vs elsewhere", fontsize=8)


def plot_dispersion(dispersion: pd.DataFrame, *, ax=None, colours: dict[str, str] | None = None):
    """Lexical dispersion ('x-ray') plot: one row per term, a tick for every document using it,
    documents ordered by outlet then date (a ``stats.dispersion_table`` table). Shaded bands
    mark the outlets; a term spread evenly is everyday vocabulary, one in a few bursts is tied
    to an outlet or an event."""
    title = "Where each term occurs across the documents"
    with plt.rc_context(STYLE):
        if dispersion.empty:
            return _empty(_axes(ax), title)
        terms = list(dict.fromkeys(dispersion["term"]))
        n_outlets = dispersion["outlet"].nunique()
        ax = _axes(ax, (8, 1.6 + 0.32 * len(terms) + (1.6 if n_outlets > 5 else 0)))
        spans = dispersion[["outlet", "outlet_first", "outlet_last"]].drop_duplicates().sort_values("outlet_first")
        colours = colours or outlet_colours(spans["outlet"])
        for i, s in enumerate(spans.itertuples()):
            if i % 2 == 0:
                ax.axvspan(s.outlet_first, s.outlet_last + 1, color="#EEEEEE", zorder=0, linewidth=0)
            if i:
                ax.axvline(s.outlet_first, color="#999999", linewidth=0.6, zorder=1)
        positions = [dispersion.loc[dispersion["term"] == t, "doc_index"].to_numpy(dtype=float) + 0.5 for t in terms]
        tick_colours = [PALETTE[0]] * len(terms)
        ax.eventplot(positions, lineoffsets=np.arange(len(terms)), linelengths=0.75, linewidths=0.9,
                     colors=tick_colours)
        ax.set_yticks(range(len(terms)), [_display(t) for t in terms])
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_xlim(0, int(dispersion["n_docs_total"].iloc[0]))
        sec = ax.secondary_xaxis("top")
        sec.set_xticks([(s.outlet_first + s.outlet_last + 1) / 2 for s in spans.itertuples()],
                       [_display(s.outlet if len(spans) > 5 else _wrap(s.outlet, 14)) for s in spans.itertuples()],
                       fontsize=6.5, rotation=45 if len(spans) > 5 else 0, ha="left" if len(spans) > 5 else "center",
                       rotation_mode="anchor")
        sec.tick_params(length=0)
        ax.set_xlabel("documents, ordered by outlet, then date (one tick per document using the term)")
        ax.set_title(title)
        ax.spines[["top", "right"]].set_visible(False)
        return ax


def save_figure(ax_or_fig, path, *, dpi: int = 200, fmt: str | None = None, close: bool = True) -> None:
    """Write the figure as PNG, SVG (text kept as text) or PDF (``fmt``, else the file's
    extension) and close it (unless ``close`` is False, to save it again in another format).

    Metadata that changes between runs (software version, creation date) is left out, so the same
    table gives the same file.
    """
    from pathlib import Path

    fig = ax_or_fig.figure if hasattr(ax_or_fig, "figure") else ax_or_fig
    fmt = (fmt or Path(path).suffix.lstrip(".") or "png").lower()
    fit_labels(fig)
    metadata = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt)
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "framing"}):
        fig.savefig(path, dpi=dpi, format=fmt, metadata=metadata)
    if close:
        plt.close(fig)


def _empty(ax, title):
    ax.set_title(title)
    ax.text(0.5, 0.5, "no loaded terms found", ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_axis_off()
    return ax


def _caption(text: str, fontsize: float = 7.5, width_in: float = 7.6) -> str:
    """``text`` wrapped to the width of a chart (about 0.55 em a character), so captions are never cut."""
    return "\n".join(_wrap(part, int(width_in * 72 / (fontsize * 0.56))) for part in str(text).split("\n"))


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _display(text: str) -> str:
    """A label as matplotlib must be given it to draw right-to-left text right.

    Where matplotlib shapes and orders text itself (libraqm, matplotlib 3.11 and later builds with
    it), the logical string is passed as is; only where it does not, Arabic is shaped and put in
    drawing order here (``bidi.visual``). Which of the two is decided by ``native_rtl``.
    """
    text = str(text)
    from .bidi import has_rtl, visual

    if not has_rtl(text):
        return text
    # Charts are English: a label mixing Arabic and Latin script reads left to right as a whole
    # (the Arabic inside it right to left); an all-Arabic label is right to left.
    mixed = any(unicodedata.bidirectional(c) == "L" for c in text)
    if native_rtl():
        return "\n".join(LRM + line if mixed else line for line in text.split("\n"))
    return "\n".join(visual(line, base="L" if mixed else None) for line in text.split("\n"))


LRM = "\u200e"  # left-to-right mark: sets a line's direction, draws nothing


_PROBE = "\u0628\u064a\u062a"  # three joining Arabic letters
_PROBE_DPI, _PROBE_SIZE = 100, 16


def _probe_canvas(width=640, height=50):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width / _PROBE_DPI, height / _PROBE_DPI), dpi=_PROBE_DPI)
    FigureCanvasAgg(fig)
    return fig


def _ink(fig) -> np.ndarray:
    fig.canvas.draw()
    return 255.0 - np.asarray(fig.canvas.buffer_rgba())[..., 0].astype(float)


def render_text(text: str, size: float = _PROBE_SIZE, family: str = "DejaVu Sans") -> np.ndarray:
    """Ink (0-255) of ``text`` drawn by matplotlib as one Text, on a small white canvas."""
    fig = _probe_canvas()
    fig.text(0.02, 0.3, text, fontsize=size, family=family)
    return _ink(fig)


def render_glyphs(glyphs: str, size: float = _PROBE_SIZE, family: str = "DejaVu Sans") -> np.ndarray:
    """Ink of ``glyphs`` (shaped, in drawing order) drawn one character at a time, left to right at
    the font's advance widths: a reference no text layout engine can reorder or reshape."""
    from matplotlib.font_manager import FontProperties, findfont, get_font

    fig = _probe_canvas()
    font = get_font(findfont(FontProperties(family=family)))
    font.set_size(size, _PROBE_DPI)
    x = 0.02 * fig.bbox.width
    for c in glyphs:
        fig.text(x / fig.bbox.width, 0.3, c, fontsize=size, family=family)
        x += font.load_char(ord(c)).linearHoriAdvance / 65536
    return _ink(fig)


def ink_difference(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference (0-255) of two ink images, each cropped to its ink and scaled to
    the larger size (so small differences in advance widths do not count)."""
    from PIL import Image

    def crop(x):
        ys, xs = np.nonzero(x > 60)
        if not len(ys):
            return x
        return x[ys.min():ys.max() + 1, xs.min():xs.max() + 1]

    a, b = crop(a), crop(b)
    h, w = max(a.shape[0], b.shape[0]), max(a.shape[1], b.shape[1])
    scale = [np.asarray(Image.fromarray(x.astype(np.uint8)).resize((w, h)), dtype=float) for x in (a, b)]
    return float(np.abs(scale[0] - scale[1]).mean())


_NATIVE_RTL = None


def native_rtl() -> bool:
    """Whether this matplotlib shapes and orders right-to-left text itself (decided by drawing, not
    by version): a logical Arabic word drawn as is looks like the correctly shaped glyphs drawn one
    by one, and more so than the word shaped and reordered beforehand."""
    global _NATIVE_RTL
    if _NATIVE_RTL is None:
        from .bidi import visual

        reference = render_glyphs(visual(_PROBE))
        as_is = ink_difference(render_text(_PROBE), reference)
        prepared = ink_difference(render_text(visual(_PROBE)), reference)
        _NATIVE_RTL = bool(as_is < prepared)
    return _NATIVE_RTL


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
        ax.set_yticks(y, [_display(f"{o} (n={int(n)})") for o, n in zip(t.index, total)])
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_title("Whose words are the loaded terms? Share of hits by voice")
        ax.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.12))
        return ax
