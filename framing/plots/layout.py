"""Tick labels that do not overlap (``fit_labels``) and reproducible chart files (``save_figure``)."""
from __future__ import annotations

import matplotlib.pyplot as plt


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
