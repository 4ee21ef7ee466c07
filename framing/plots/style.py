"""The one style of every chart: Okabe-Ito colour-blind-safe palette, a colour and a marker per
outlet fixed across a report, font sizes readable at A4 width, and the small helpers every chart
uses (a new Axes, a grid of panels, the 'nothing found' chart, wrapped captions)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # headless: never needs a display

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

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


def _axes(ax, size=(8, 4.2)):
    if ax is not None:
        return ax
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


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


PAGE_HEIGHT = 11.0  # inches of an A4 page a chart may fill


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
