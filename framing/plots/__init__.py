"""Charts: ``plot_*(table, *, ax=None) -> Axes``. They draw from ready tables; they never read or
write files (``save_figure`` writes one when asked).

One style for all (:mod:`.style`): Okabe-Ito colour-blind-safe palette, titles that say what is
shown, readable at A4 width. One module per kind of chart:

- :mod:`.rates`     rates per outlet: by category, per term, with intervals, by voice
- :mod:`.time`      rates over time
- :mod:`.naming`    who calls whom what
- :mod:`.words`     keyness and dispersion
- :mod:`.measures`  scare quotes, term scores, outlet fingerprints
- :mod:`.model`     the sentence model's calibration and learning curve
- :mod:`.text`      right-to-left labels (``display``, ``native_rtl``)
- :mod:`.layout`    tick labels that do not overlap, reproducible files (``save_figure``)
"""
from __future__ import annotations

from .layout import fit_labels, save_figure, tick_label_boxes
from .model import plot_calibration, plot_learning_curve
from .measures import plot_confusion, plot_distinctive_features, plot_scare_quotes, plot_top_terms
from .naming import naming_panel_height, plot_naming_matrix
from .rates import plot_category_rates, plot_rates_ci, plot_term_heatmap, plot_voice_shares
from .style import (EXTRA_COLOURS, HATCHES, MANY_OUTLETS, MARKERS, OUTLET_COLOURS, PAGE_HEIGHT, PALETTE, STYLE,
                    outlet_colours, outlet_markers, outlet_styles)
from .text import LRM, display, ink_difference, native_rtl, render_glyphs, render_text
from .time import plot_rate_over_time, plot_timeseries
from .words import KEYNESS_PANELS, keyness_pages, plot_dispersion, plot_keyness

__all__ = [
    "EXTRA_COLOURS", "HATCHES", "KEYNESS_PANELS", "keyness_pages", "LRM", "MANY_OUTLETS", "MARKERS", "OUTLET_COLOURS", "PAGE_HEIGHT", "PALETTE", "STYLE",
    "display", "fit_labels", "ink_difference", "naming_panel_height", "native_rtl", "outlet_colours",
    "outlet_markers", "outlet_styles", "plot_calibration", "plot_category_rates", "plot_learning_curve", "plot_confusion", "plot_dispersion",
    "plot_distinctive_features", "plot_keyness", "plot_naming_matrix", "plot_rate_over_time", "plot_rates_ci",
    "plot_scare_quotes", "plot_term_heatmap", "plot_timeseries", "plot_top_terms", "plot_voice_shares",
    "render_glyphs", "render_text", "save_figure", "tick_label_boxes",
]
