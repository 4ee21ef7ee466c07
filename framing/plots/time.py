"""Rates over time: per period (``plot_rate_over_time``, a rates_by_period table) and as small
multiples with intervals, events and label switches (``plot_timeseries``, a stats.timeseries table)."""
from __future__ import annotations

import pandas as pd

from ..tables import ALL, NO_DATE
from .style import CHANGE_COLOUR, GREY, PALETTE, SIGNIFICANT, STYLE, _axes, _caption, _empty, _grid, _wrap, \
    outlet_colours, outlet_markers, plt
from .text import display


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
        ax.annotate(display(name), xy=(x, y0), xytext=(right + 0.3, y), textcoords="data", fontsize=7,
                    color=colours.get(name), va="center", annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": colours.get(name), "linewidth": 0.5, "alpha": 0.6})


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
            ax.plot(x, g["rate_per_1k"].values, "-", color=colours.get(outlet), label=display(outlet), linewidth=1.6)
            small = g["words"].values < min_words
            ax.scatter(x[~small], g["rate_per_1k"].values[~small], color=colours.get(outlet), s=18, zorder=3, marker=m)
            ax.scatter(x[small], g["rate_per_1k"].values[small], facecolors="white",
                       edgecolors=colours.get(outlet), s=18, zorder=3, marker=m)
            ends.append((float(g["rate_per_1k"].values[-1]), x[-1], outlet))
        step = max(1, len(periods) // 12)
        ax.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right")
        ax.set_ylabel("loaded words per 1,000 words (own voice)")
        what = "Loaded words" if category == ALL else category
        ax.set_title(display(f"{what} per 1,000 words over time, by outlet"))
        if len(ends) > 4:  # a long legend: each line named at its end instead, labels kept apart
            _direct_labels(ax, ends, colours)
        else:
            ax.legend(frameon=False, ncols=min(4, t["outlet"].nunique()))
        ax.grid(axis="y", alpha=0.3)
        ax.annotate(f"hollow markers: periods with fewer than {min_words} words", xy=(0, -0.28),
                    xycoords="axes fraction", fontsize=7, color="#555555")
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
    title = display(f"{what} per 1,000 words over time, by outlet ({level:.0%} intervals shaded{rolling})")
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
                a.set_title(display(_wrap(outlet, 30)), fontsize=8.5)
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
                    a.annotate(display(f"{c['label_before']} \u2192 {c['label_after']}"),
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
                f"{j + 1} {display(str(e['label']))} ({pd.Timestamp(e['date']):%Y-%m-%d})" for j, e in ev.iterrows()))
        if ax is None:
            fig.supxlabel(_caption("; ".join(notes)), fontsize=7.5, color=GREY)
        else:
            first.set_xlabel(_wrap("; ".join(notes), 110), fontsize=7.5, color=GREY)
        return first
