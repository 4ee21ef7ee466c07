"""Words that set an outlet apart (``plot_keyness``, a stats.keyness table) and where each term
occurs across the documents (``plot_dispersion``, a stats.dispersion_table table)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .style import GREY, PALETTE, SIGNIFICANT, STYLE, _axes, _caption, _empty, _grid, _wrap, outlet_colours, plt
from .text import display


KEYNESS_PANELS = 12  # panels of one keyness figure (one A4 page)


def plot_keyness(keyness: pd.DataFrame, *, ax=None, group: str | None = None, top: int = 10,
                 ncols: int = 3, page: int = 1):
    """Diverging bars: the terms a group uses most more (right) and less (left) than the rest,
    by z-score of the log-odds ratio with an informative Dirichlet prior (a ``stats.keyness``
    table). Hatched pale bars: z not significant after Benjamini-Hochberg (p_adj_z >= 0.05); dotted
    lines at z = +/-1.96. With ``group`` None and no ``ax``: one panel per group, at most
    ``KEYNESS_PANELS`` (``page`` 2 draws the next ones, and so on; ``top`` = 5 each side unless
    given)."""
    with plt.rc_context(STYLE):
        if keyness.empty:
            return _empty(_axes(ax), "Key terms: used more or less than elsewhere")
        groups = sorted(keyness["group"].unique())
        if group is None and ax is None and len(groups) > 1:
            first = (page - 1) * KEYNESS_PANELS
            chosen = groups[first:first + KEYNESS_PANELS]
            if not chosen:
                raise ValueError(f"plot_keyness: page {page} of {keyness_pages(keyness)}")
            fig, panels = _grid(len(chosen), ncols, 2.3, sharey=False)
            lim = max(2.5, float(keyness["z"].abs().max()) * 1.08)  # one scale on every page
            for g, a in zip(chosen, panels):
                _keyness_panel(keyness[keyness["group"] == g], a, g, min(top, 5), small=True, lim=lim)
            shown = ("" if len(groups) <= KEYNESS_PANELS else
                     f" (outlets {first + 1}\u2013{first + len(chosen)} of {len(groups)})")
            fig.suptitle(_caption("Words each outlet uses more (right) or less (left) than the other outlets" + shown,
                                  11), fontsize=11, fontweight="bold")
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


def keyness_pages(keyness: pd.DataFrame) -> int:
    """How many figures (pages) ``plot_keyness`` needs to show every group of ``keyness``."""
    return max(1, -(-keyness["group"].nunique() // KEYNESS_PANELS)) if not keyness.empty else 1


def _keyness_panel(t: pd.DataFrame, ax, group: str, top: int, small: bool, lim: float | None = None):
    pos = t[t["z"] > 0].nlargest(top, "z")
    neg = t[t["z"] < 0].nsmallest(top, "z").iloc[::-1]
    rows = pd.concat([pos, neg])
    title = display(_wrap(group, 18)) if small else \
        display(f"{group}: words used more (right) and less (left) than the other outlets")
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
    labels = [display(f"{r.term} ({r.hits_group} vs {r.hits_rest})") if not small else display(r.term)
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
        ax.set_yticks(range(len(terms)), [display(t) for t in terms])
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_xlim(0, int(dispersion["n_docs_total"].iloc[0]))
        sec = ax.secondary_xaxis("top")
        sec.set_xticks([(s.outlet_first + s.outlet_last + 1) / 2 for s in spans.itertuples()],
                       [display(s.outlet if len(spans) > 5 else _wrap(s.outlet, 14)) for s in spans.itertuples()],
                       fontsize=6.5, rotation=45 if len(spans) > 5 else 0, ha="left" if len(spans) > 5 else "center",
                       rotation_mode="anchor")
        sec.tick_params(length=0)
        ax.set_xlabel("documents, ordered by outlet, then date (one tick per document using the term)")
        ax.set_title(title)
        ax.spines[["top", "right"]].set_visible(False)
        return ax
