"""framing.plots: every chart drawn from a small table, saved, and checked not blank; Arabic shaped."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from framing import plots as plot, stats  # noqa: E402
from framing.tables import rates_by_outlet, rates_by_period  # noqa: E402

AR_TERM = "الاحتلال"
AR_OUTLET = "قناة المثال"
DPI = 60  # small files: the tests check that something is drawn, not how finely
OPTIONS = stats.StatsOptions(n_boot=200, period="month", n_perm=99, change_min_docs=2)


def _corpus():
    """Three outlets (one with an Arabic name) over six months; 'terrorists' gives way to
    'militants' at outlet A from April."""
    docs, hits = [], []
    outlets = ["Alpha Daily", "Beta News", AR_OUTLET]
    for o, outlet in enumerate(outlets):
        for m in range(6):
            for k in range(3):
                doc = f"{o}-{m}-{k}"
                docs.append({"doc_id": doc, "outlet": outlet, "date": pd.Timestamp(2021, 1 + m, 1 + 5 * k),
                             "title": "", "author": "", "lang": "en", "source": "", "words": 400 + 50 * k,
                             "hits": 0})
                terms = [("e.terrorists", "terrorists", "armed", "armed groups")] * (2 if m < 3 or o else 0)
                terms += [("e.militants", "militants", "armed", "armed groups")] * (2 if m >= 3 and not o else 1)
                terms += [("e.regime", "regime", "state", "government")] * (o + k % 2)
                terms += [("e.ihtilal", AR_TERM, "state", "foreign forces")] * (2 if o == 2 else k % 2)
                for entry, term, cat, ref in terms:
                    hits.append({"doc_id": doc, "outlet": outlet, "date": pd.Timestamp(2021, 1 + m, 1 + 5 * k),
                                 "entry": entry, "term": term, "category": cat, "referent": ref, "voice": "own",
                                 "negated": False, "sense": "loaded"})
    return pd.DataFrame(docs), pd.DataFrame(hits)


@pytest.fixture(scope="module")
def tables():
    docs, hits = _corpus()
    return {
        "rates": stats.rates_ci(docs, hits, ["outlet"], OPTIONS),
        "keyness": stats.keyness(docs, hits, ["outlet"], OPTIONS),
        "naming": stats.naming_matrix(docs, hits, ["outlet"], OPTIONS),
        "timeseries": stats.timeseries(docs, hits, OPTIONS),
        "changes": stats.label_changes(docs, hits, OPTIONS),
        "dispersion": stats.dispersion_table(docs, hits),
        "docs": docs, "hits": hits,
    }


def not_blank(path, min_ink=0.01):
    img = mpimg.imread(str(path))[..., :3]
    ink = (img.mean(axis=2) < 0.9).mean()      # share of pixels that are not (near) white
    assert ink > min_ink, f"{path.name}: only {ink:.2%} of the pixels are drawn"
    assert img.std() > 0.05


EVENTS = pd.DataFrame({"date": pd.to_datetime(["2021-03-15"]), "label": ["ceasefire"]})

CHARTS = {
    "rates_ci": lambda t: plot.plot_rates_ci(t["rates"]),
    "rates_ci_categories": lambda t: plot.plot_rates_ci(t["rates"], category=None),
    "rates_ci_term": lambda t: plot.plot_rates_ci(t["rates"], term="regime"),
    "timeseries": lambda t: plot.plot_timeseries(t["timeseries"], events=EVENTS, changes=t["changes"]),
    "naming_matrix": lambda t: plot.plot_naming_matrix(t["naming"]),
    "keyness_grid": lambda t: plot.plot_keyness(t["keyness"]),
    "keyness_one": lambda t: plot.plot_keyness(t["keyness"], group="Alpha Daily"),
    "dispersion": lambda t: plot.plot_dispersion(t["dispersion"]),
    "category_rates": lambda t: plot.plot_category_rates(rates_by_outlet(t["docs"], t["hits"])),
    "term_heatmap": lambda t: plot.plot_term_heatmap(rates_by_outlet(t["docs"], t["hits"])),
    "rate_over_time": lambda t: plot.plot_rate_over_time(rates_by_period(t["docs"], t["hits"])),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_is_drawn_and_saved_as_png(name, tables, tmp_path):
    ax = CHARTS[name](tables)
    assert isinstance(ax, matplotlib.axes.Axes)
    path = tmp_path / f"{name}.png"
    plot.save_figure(ax, path, dpi=DPI)
    not_blank(path)


@pytest.mark.parametrize("name", ["rates_ci", "timeseries", "naming_matrix", "keyness_one", "dispersion"])
def test_chart_saves_as_svg_and_pdf(name, tables, tmp_path):
    for fmt, magic in (("svg", b"<svg"), ("pdf", b"%PDF")):
        path = tmp_path / f"{name}.{fmt}"
        plot.save_figure(CHARTS[name](tables), path, dpi=DPI)
        head = path.read_bytes()[:400]
        assert magic in head and path.stat().st_size > 2000


def test_charts_draw_into_a_given_axes(tables):
    fig, axes = plt.subplots(2, 3)
    drawn = [plot.plot_rates_ci(tables["rates"], ax=axes[0, 0]),
             plot.plot_timeseries(tables["timeseries"], ax=axes[0, 1]),
             plot.plot_naming_matrix(tables["naming"], ax=axes[0, 2]),
             plot.plot_keyness(tables["keyness"], ax=axes[1, 0]),
             plot.plot_dispersion(tables["dispersion"], ax=axes[1, 1])]
    assert drawn == [axes[0, 0], axes[0, 1], axes[0, 2], axes[1, 0], axes[1, 1]]
    plt.close(fig)


def test_small_samples_are_marked(tables):
    ax = plot.plot_rates_ci(tables["rates"])       # 18 documents and 8,100 words an outlet: fine
    assert not any(t.get_text().endswith(" *") for t in ax.get_yticklabels())
    plt.close(ax.figure)
    strict = stats.StatsOptions(n_boot=200, min_docs=20)
    rates = stats.rates_ci(tables["docs"], tables["hits"], ["outlet"], strict)
    ax = plot.plot_rates_ci(rates)
    assert all(t.get_text().endswith(" *") for t in ax.get_yticklabels())
    assert "few documents or words" in " ".join(ax.get_xlabel().split())
    plt.close(ax.figure)


def test_significant_change_points_are_drawn(tables):
    changes = tables["changes"]
    alpha = changes[changes["outlet"] == "Alpha Daily"].iloc[0]
    assert alpha["label_after"] == "militants" and alpha["p_adj"] < 0.05
    ax = plot.plot_timeseries(tables["timeseries"], changes=changes)
    texts = [t.get_text() for a in ax.figure.axes for t in a.texts]
    assert any("\u2192" in t and "militants" in t for t in texts)
    plt.close(ax.figure)


def _drawn_right(label: str, logical: str, base=None) -> bool:
    """The label as matplotlib draws it looks like the logical string correctly shaped and ordered
    (drawn glyph by glyph, so no layout engine is involved in the reference), and unlike the
    glyphs in reversed order (the fault of shaping twice)."""
    from framing.bidi import shape, visual

    drawn = plot.render_text(label)
    right = plot.ink_difference(drawn, plot.render_glyphs(visual(logical, base=base)))
    reversed_ = plot.ink_difference(drawn, plot.render_glyphs(shape(logical)))
    assert right < 25, (logical, right)   # the same glyphs up to sub-pixel placement
    return right < 0.6 * reversed_


def test_arabic_labels_are_drawn_in_reading_order(tables):
    ax = plot.plot_keyness(tables["keyness"], group=AR_OUTLET)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    label = next(t for t in labels if AR_TERM in t)
    assert _drawn_right(label, label.lstrip(plot.LRM), base="L")
    plt.close(ax.figure)
    ax = plot.plot_naming_matrix(tables["naming"], referents=["foreign forces"])
    outlet = next(t.get_text() for t in ax.get_yticklabels() if "\u0642" in t.get_text())
    assert _drawn_right(outlet, AR_OUTLET)
    plt.close(ax.figure)
    assert _drawn_right(plot.display(AR_TERM), AR_TERM)
    # a mixed label reads left to right as a whole, its Arabic right to left
    assert _drawn_right(plot.display(f"{AR_TERM} (3 vs 1)"), f"{AR_TERM} (3 vs 1)", base="L")


def test_arabic_is_prepared_only_where_matplotlib_does_not_shape(monkeypatch):
    from framing.bidi import visual

    assert plot.native_rtl() is True  # this matplotlib (3.11 with libraqm) shapes itself
    assert plot.display(AR_TERM) == AR_TERM
    monkeypatch.setattr(plot.text, "_NATIVE_RTL", False)
    assert plot.display(AR_TERM) == visual(AR_TERM)
    assert plot.display(f"{AR_TERM} (3 vs 1)") == visual(f"{AR_TERM} (3 vs 1)", base="L")


@pytest.mark.parametrize("draw", [plot.plot_rates_ci, plot.plot_timeseries, plot.plot_naming_matrix,
                                  plot.plot_keyness, plot.plot_dispersion])
def test_empty_tables_give_a_titled_empty_chart(draw, tables, tmp_path):
    empty = {plot.plot_rates_ci: tables["rates"].iloc[:0], plot.plot_timeseries: tables["timeseries"].iloc[:0],
             plot.plot_naming_matrix: tables["naming"].iloc[:0], plot.plot_keyness: tables["keyness"].iloc[:0],
             plot.plot_dispersion: tables["dispersion"].iloc[:0]}[draw]
    ax = draw(empty)
    assert ax.get_title()
    plot.save_figure(ax, tmp_path / "empty.png", dpi=DPI)


def test_same_table_same_png(tables, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    plot.save_figure(plot.plot_naming_matrix(tables["naming"]), a, dpi=DPI)
    plot.save_figure(plot.plot_naming_matrix(tables["naming"]), b, dpi=DPI)
    assert a.read_bytes() == b.read_bytes()
    assert np.array_equal(mpimg.imread(str(a)), mpimg.imread(str(b)))


# ----------------------------------------------------------------------------- many outlets

def _many_outlets(n=20):
    """``n`` outlets with long, similar names, six months, two categories."""
    docs, hits = [], []
    for o in range(n):
        outlet = f"The Daily Example Tribune and Herald {o + 1:02d}"
        for m in range(6):
            doc = f"{o}-{m}"
            date = pd.Timestamp(2021, 1 + m, 3)
            docs.append({"doc_id": doc, "outlet": outlet, "date": date, "title": "", "author": "", "lang": "en",
                         "source": "", "words": 600, "hits": 0})
            for k in range(1 + (o + m) % 4):
                entry, term, cat = [("e.regime", "regime", "state"), ("e.thugs", "thugs", "armed")][k % 2]
                hits.append({"doc_id": doc, "outlet": outlet, "date": date, "entry": entry, "term": term,
                             "category": cat, "referent": "x", "voice": "own", "negated": False, "sense": "loaded"})
    return pd.DataFrame(docs), pd.DataFrame(hits)


@pytest.fixture(scope="module")
def many():
    docs, hits = _many_outlets()
    return {"docs": docs, "hits": hits, "rates": rates_by_outlet(docs, hits),
            "ci": stats.rates_ci(docs, hits, ["outlet"], OPTIONS), "keyness": stats.keyness(docs, hits, ["outlet"], OPTIONS),
            "ts": stats.timeseries(docs, hits, OPTIONS), "periods": rates_by_period(docs, hits),
            "dispersion": stats.dispersion_table(docs, hits)}


def test_twenty_outlets_get_twenty_colours_and_unique_markers():
    names = [f"outlet {i:02d}" for i in range(20)]
    styles = plot.outlet_styles(names)
    assert len(set(c for c, _ in styles.values())) == 20
    assert len(set(styles.values())) == 20
    assert len(set(plot.outlet_styles([f"o{i:03d}" for i in range(200)]).values())) == 200
    # the first eight keep the Okabe-Ito colours
    assert [styles[n][0] for n in names[:8]] == plot.PALETTE


MANY_CHARTS = {
    "category_rates": lambda t: plot.plot_category_rates(t["rates"]),
    "term_heatmap": lambda t: plot.plot_term_heatmap(t["rates"]),
    "rates_ci": lambda t: plot.plot_rates_ci(t["ci"]),
    "keyness": lambda t: plot.plot_keyness(t["keyness"]),
    "timeseries": lambda t: plot.plot_timeseries(t["ts"]),
    "rate_over_time": lambda t: plot.plot_rate_over_time(t["periods"]),
    "dispersion": lambda t: plot.plot_dispersion(t["dispersion"]),
    "voice": lambda t: plot.plot_voice_shares(t["rates"]),
}


@pytest.mark.parametrize("name", sorted(MANY_CHARTS))
def test_tick_labels_never_overlap_with_twenty_outlets(name, many):
    ax = MANY_CHARTS[name](many)
    fig = ax.figure
    plot.fit_labels(fig)
    renderer = fig.canvas.get_renderer()
    checked = 0
    for a in fig.axes + [c for a in fig.axes for c in a.child_axes]:
        for axis in (a.xaxis, a.yaxis):
            boxes = plot.tick_label_boxes(axis, renderer)
            checked += len(boxes)
            for i, b1 in enumerate(boxes):
                for b2 in boxes[i + 1:]:
                    assert not (b1.x0 < b2.x1 - 0.5 and b2.x0 < b1.x1 - 0.5 and b1.y0 < b2.y1 - 0.5
                                and b2.y0 < b1.y1 - 0.5), f"{name}: overlapping tick labels"
    assert checked >= 10
    plt.close(fig)


def test_many_outlets_get_a_grid_not_grouped_bars(many):
    ax = plot.plot_category_rates(many["rates"])
    assert ax.images and not ax.containers  # a heatmap, no bars
    assert len(ax.get_xticklabels()) == 20
    assert "z" not in ax.get_title() and "log-odds" not in ax.get_title()
    plt.close(ax.figure)
    few = many["rates"][many["rates"]["outlet"].isin(sorted(many["rates"]["outlet"].unique())[:5])]
    ax = plot.plot_category_rates(few)
    assert len(ax.containers) == 5 and not ax.images
    plt.close(ax.figure)


def test_long_legends_become_direct_labels(many):
    ax = plot.plot_rate_over_time(many["periods"])
    assert ax.get_legend() is None
    named = {t.get_text() for t in ax.texts}
    assert all(o in named for o in many["docs"]["outlet"].unique())
    plt.close(ax.figure)


def test_plain_titles_with_the_statistics_in_the_caption(many):
    ax = plot.plot_keyness(many["keyness"])
    fig = ax.figure
    assert "log-odds" not in fig._suptitle.get_text() and "z " not in fig._suptitle.get_text()
    assert "log-odds ratio" in fig._supxlabel.get_text()
    plt.close(fig)


def test_svg_keeps_text_as_text(tables, tmp_path):
    path = tmp_path / "k.svg"
    plot.save_figure(plot.plot_keyness(tables["keyness"], group="Alpha Daily"), path)
    svg = path.read_text()
    assert "<text" in svg and "Alpha Daily" in svg


def test_scare_quote_chart_has_the_chart_style_and_shapes_arabic_outlets(monkeypatch):
    """plots.plot_scare_quotes (moved from framing.scare): one row per outlet, its name prepared by
    ``display`` like every other chart, in the shared style (DejaVu Sans, bold title)."""
    from framing.bidi import visual

    outlets = [f"Outlet {i:02d}" for i in range(22)] + [AR_TERM]
    table = pd.DataFrame({"outlet": outlets, "scare_quotes": range(23), "rate_per_1k": [0.5] * 23,
                          "ci_low": [0.1] * 22 + [float("nan")], "ci_high": [0.9] * 22 + [float("nan")]})
    monkeypatch.setattr(plot.text, "_NATIVE_RTL", False)
    ax = plot.plot_scare_quotes(table)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 23 and f"{visual(AR_TERM + ' (22)', base=None)}" in labels
    assert ax.title.get_fontweight() == "bold"
    plot.fit_labels(ax.figure)
    assert not plot.layout._overlaps(plot.tick_label_boxes(ax.yaxis))
    plt.close(ax.figure)


def test_keyness_of_many_outlets_takes_several_pages():
    """24 outlets: two figures of 12 panels each (page 1: outlets 1-12, page 2: 13-24), one scale."""
    groups = [f"Outlet {i:02d}" for i in range(24)]
    keyness = pd.DataFrame([{"group": g, "term": t, "z": z, "p_adj_z": 0.01, "hits_group": 3, "hits_rest": 1}
                            for i, g in enumerate(groups) for t, z in (("up", 2.0 + i / 10), ("down", -2.5))])
    assert plot.keyness_pages(keyness) == 2
    titles = []
    for page in (1, 2):
        ax = plot.plot_keyness(keyness, page=page)
        titles.append([a.get_title() for a in ax.figure.axes if a.get_visible()])
        assert "of 24" in ax.figure._suptitle.get_text().replace("\n", " ")
        plt.close(ax.figure)
    assert titles[0] == [plot.display(g) for g in groups[:12]]
    assert titles[1] == [plot.display(g) for g in groups[12:]]
    with pytest.raises(ValueError, match="page 3 of 2"):
        plot.plot_keyness(keyness, page=3)
