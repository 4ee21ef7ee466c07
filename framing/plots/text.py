"""Right-to-left text in charts: a label as matplotlib must be given it (``display``), decided by
drawing whether this matplotlib shapes Arabic itself (``native_rtl``)."""
from __future__ import annotations

import unicodedata

import numpy as np


def display(text: str) -> str:
    """A label as matplotlib must be given it to draw right-to-left text right.

    Where matplotlib shapes and orders text itself (libraqm, matplotlib 3.11 and later builds with
    it), the logical string is passed as is; only where it does not, Arabic is shaped and put in
    drawing order here (``bidi.visual``). Which of the two is decided by ``native_rtl``.
    """
    text = str(text)
    from ..bidi import has_rtl, visual

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
        from ..bidi import visual

        reference = render_glyphs(visual(_PROBE))
        as_is = ink_difference(render_text(_PROBE), reference)
        prepared = ink_difference(render_text(visual(_PROBE)), reference)
        _NATIVE_RTL = bool(as_is < prepared)
    return _NATIVE_RTL
