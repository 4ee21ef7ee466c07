"""Mixed Arabic/English text laid out for reportlab, which draws every line left to right.

reportlab neither shapes Arabic nor reorders right-to-left text. Shaping and reordering a whole
paragraph before reportlab wraps it gives lines in the wrong order (the paragraph's last words on
its first line) and brackets, full stops and numbers at the wrong end. Here, as the Unicode
bidirectional algorithm (UAX #9) prescribes, a paragraph is:

1. shaped (Arabic letters to their joined presentation forms; ``arabic_reshaper``), word by word;
2. resolved once: embedding levels for every character of the whole paragraph (``bidi.algorithm``,
   the pure-Python implementation of python-bidi, rules P2-I2), base direction from its first
   strong character;
3. wrapped in logical (reading) order at the width measured in the drawing font;
4. reordered line by line (rules L1, L2) and mirrored (L4: brackets facing the right way).

The API is small and stable (other modules build on it):

- ``shape(text) -> str``: Arabic shaped, order unchanged.
- ``base_direction(text) -> "L" | "R"``: the paragraph direction (first strong character).
- ``visual(text, base=None) -> str``: one line, shaped and in drawing order.
- ``wrap_and_order(text, font, size, width, base=None) -> list[str]``: the lines, top to bottom,
  each shaped and in drawing order.
- ``markup(text, font, size, width, marks=(), ...) -> str``: reportlab Paragraph markup (lines joined
  by ``<br/>``), optionally with highlighted (and numbered) spans given in logical offsets.
- ``BidiParagraph(text, style, marks=(), ...)``: a flowable that wraps at the width it is given
  (a table cell, a frame) and right-aligns right-to-left paragraphs; ``paragraph(...)`` returns a
  plain reportlab Paragraph for text without right-to-left characters and a BidiParagraph otherwise.
"""
from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

HIGHLIGHT = "#FFE08A"
_RTL_CLASSES = {"R", "AL"}
_STRONG = {"L": "L", "R": "R", "AL": "R"}
_TOKEN = re.compile(r"\S+")


def has_rtl(text: str) -> bool:
    """True when ``text`` has a right-to-left character (Arabic, Hebrew, ...)."""
    return not str(text).isascii() and any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in str(text))


def shape(text: str) -> str:
    """Arabic letters replaced by their contextual presentation forms; the order is unchanged."""
    if not has_rtl(text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def base_direction(text: str) -> str:
    """'R' when the first strong character of ``text`` is right-to-left, else 'L' (rules P2, P3)."""
    for c in str(text):
        d = _STRONG.get(unicodedata.bidirectional(c))
        if d:
            return d
    return "L"


# ----------------------------------------------------------------------------- the algorithm

def _levels(text: str, base: str) -> list[dict]:
    """Resolved embedding levels of each character of ``text`` (rules X1-I2, not yet reordered).

    Each item is python-bidi's character record with ``idx``, the character's position in ``text``
    (explicit embedding controls are removed by rule X9 and have no record)."""
    from bidi import algorithm as alg

    storage = alg.get_empty_storage()
    storage["base_level"] = 1 if base == "R" else 0
    storage["base_dir"] = base
    alg.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["idx"] = i
    alg.explicit_embed_and_overrides(storage)
    alg.resolve_weak_types(storage)
    _resolve_brackets(storage)
    alg.resolve_neutral_types(storage, False)
    alg.resolve_implicit_levels(storage, False)
    return storage["chars"]


_OPENING = {"(": ")", "[": "]", "{": "}", "\u27e8": "\u27e9", "\u2329": "\u232a", "\u2045": "\u2046",
            "\u207d": "\u207e", "\u208d": "\u208e", "\uff08": "\uff09", "\uff3b": "\uff3d"}
_CLOSING = {v: k for k, v in _OPENING.items()}


def _strong(t: str) -> str | None:
    return "L" if t == "L" else "R" if t in ("R", "AL", "EN", "AN") else None


def _resolve_brackets(storage) -> None:
    """Rule N0 (paired brackets, UAX #9 since Unicode 6.3), which python-bidi's pure-Python
    algorithm lacks: a bracket pair takes the embedding direction when it encloses text of that
    direction, else the direction of the text it encloses when the text before it agrees. So
    'word (36 vs 12)' keeps its brackets around '36 vs 12' after an Arabic word."""
    chars = storage["chars"]
    for run in storage["runs"]:
        seq = chars[run["start"]:run["start"] + run["length"]]
        if not seq:
            continue
        stack, pairs = [], []
        for i, c in enumerate(seq):
            if c["type"] != "ON":
                continue
            if c["ch"] in _OPENING:
                if len(stack) >= 63:
                    break
                stack.append((_OPENING[c["ch"]], i))
            elif c["ch"] in _CLOSING:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == c["ch"]:
                        pairs.append((stack[depth][1], i))
                        del stack[depth:]
                        break
        embedding = "R" if seq[0]["level"] % 2 else "L"
        for a, b in sorted(pairs):
            inside = {_strong(c["type"]) for c in seq[a + 1:b]} - {None}
            if not inside:
                continue
            if embedding in inside:
                new = embedding
            else:
                before = next((_strong(c["type"]) for c in reversed(seq[:a]) if _strong(c["type"])), run["sor"])
                new = before if before != embedding else embedding
            seq[a]["type"] = seq[b]["type"] = new


def _reorder_line(chars: list[dict], base_level: int) -> list[tuple[int, str]]:
    """Rules L1 (trailing white space to the base level), L2 (reverse runs) and L4 (mirroring) on
    one line; returns (logical index, character as drawn) in drawing order, left to right."""
    from bidi.mirror import MIRRORED

    levels = [c["level"] for c in chars]
    for i in range(len(chars) - 1, -1, -1):  # L1: white space at the end of the line
        if chars[i]["orig"] in ("WS", "BN", "S", "B"):
            levels[i] = base_level
        else:
            break
    for i, c in enumerate(chars):  # L1: segment separators (tabs) and white space before them
        if c["orig"] in ("S", "B"):
            levels[i] = base_level
            j = i - 1
            while j >= 0 and chars[j]["orig"] in ("WS", "BN"):
                levels[j] = base_level
                j -= 1
    order = list(range(len(chars)))
    if levels:
        odd = [lv for lv in levels if lv % 2]
        for level in range(max(levels), (min(odd) if odd else max(levels) + 1) - 1, -1):
            i = 0
            while i < len(order):
                if levels[order[i]] >= level:
                    j = i
                    while j < len(order) and levels[order[j]] >= level:
                        j += 1
                    order[i:j] = order[i:j][::-1]
                    i = j
                else:
                    i += 1
    out = []
    for k in order:
        ch = chars[k]["ch"]
        if levels[k] % 2 and unicodedata.mirrored(ch):
            ch = MIRRORED.get(ch, ch)
        out.append((chars[k]["idx"], ch, levels[k]))
    return out


# ----------------------------------------------------------------------------- shaping, wrapping

def _segments(text: str, marks) -> list[tuple[int, int, int | None]]:
    """Words of ``text`` (logical spans), split where a mark starts or ends unless that would cut
    between two letters (Arabic letters join: a mark inside a word highlights the whole word).
    Returns (start, end, mark number or None)."""
    marks = sorted((int(a), int(b)) for a, b in marks if b > a)
    out = []
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        cuts = {a, b}
        for x, y in marks:
            for p in (x, y):
                if a < p < b and not (text[p - 1].isalpha() and text[p].isalpha()):
                    cuts.add(p)
        cuts = sorted(cuts)
        for s, e in zip(cuts, cuts[1:]):
            n = next((i for i, (x, y) in enumerate(marks, start=1) if x < e and s < y), None)
            out.append((s, e, n))
    return out


class _Layout:
    """A paragraph shaped, resolved and wrapped: ``lines`` are lists of segment numbers."""

    def __init__(self, text: str, font: str, size: float, width: float, marks=(), base: str | None = None,
                 bold_font: str | None = None):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.text = text
        self.base = base or base_direction(text)
        self.segments = _segments(text, marks)
        # The shaped paragraph: each segment shaped on its own, white space between kept as one space
        # (reportlab collapses runs of spaces anyway); ``owner[i]`` is the segment of character i.
        pieces, owner = [], []
        self.shaped = []
        prev_end = None
        for k, (a, b, _) in enumerate(self.segments):
            if prev_end is not None and prev_end < a:
                pieces.append(" ")
                owner.append(-1)
            s = shape(text[a:b])
            self.shaped.append(s)
            pieces.append(s)
            owner.extend([k] * len(s))
            prev_end = b
        self.string = "".join(pieces)
        self.owner = owner
        self.chars = _levels(self.string, self.base) if self.string else []
        # Wrap in logical order, measuring each segment in the font it is drawn in.
        bold = bold_font or font
        space = stringWidth(" ", font, size)
        self.lines: list[list[int]] = []
        cur, cur_w = [], 0.0
        for k, (a, b, n) in enumerate(self.segments):
            w = stringWidth(self.shaped[k], bold if n else font, size) + (0.45 * size if n else 0)
            joined = bool(cur) and self.segments[cur[-1]][1] == a  # a mark split inside a word
            gap = 0.0 if (joined or not cur) else space
            if cur and not joined and cur_w + gap + w > width:
                self.lines.append(cur)
                cur, cur_w, gap = [], 0.0, 0.0
            cur.append(k)
            cur_w += gap + w
        if cur:
            self.lines.append(cur)
        # Character ranges of each line in the shaped paragraph.
        starts, pos = [], 0
        for k in range(len(self.segments)):
            while pos < len(owner) and owner[pos] != k:
                pos += 1
            starts.append(pos)
        self.ranges = []
        for line in self.lines:
            lo = starts[line[0]]
            hi = starts[line[-1]] + len(self.shaped[line[-1]])
            self.ranges.append((lo, hi))

    def visual_lines(self) -> list[list[tuple[int, str, int]]]:
        """Each line's characters in drawing order: (index in the shaped paragraph, char, level)."""
        base_level = 1 if self.base == "R" else 0
        by_idx = {c["idx"]: c for c in self.chars}
        out = []
        for lo, hi in self.ranges:
            chars = [by_idx[i] for i in range(lo, hi) if i in by_idx]
            out.append(_reorder_line(chars, base_level))
        return out


def visual(text: str, base: str | None = None) -> str:
    """One line of text shaped and in drawing order (no wrapping)."""
    text = str(text)
    if not has_rtl(text) and (base or "L") == "L":
        return text
    base = base or base_direction(text)
    s = shape(text)
    return "".join(ch for _, ch, _ in _reorder_line(_levels(s, base), 1 if base == "R" else 0))


def wrap_and_order(text: str, font: str, size: float, width: float, base: str | None = None) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points in ``font`` at ``size`` (a word
    wider than that gets a line of its own), top to bottom in reading order, each line shaped and
    in drawing order. Line breaks in ``text`` start new lines."""
    out = []
    for para in str(text).split("\n"):
        if not para.strip():
            out.append("")
            continue
        lay = _Layout(para, font, size, width, base=base or base_direction(text))
        out += ["".join(ch for _, ch, _ in line) for line in lay.visual_lines()]
    return out


def markup(text: str, font: str, size: float, width: float, marks=(), *, numbered: bool = False,
           colour: str = HIGHLIGHT, bold_font: str | None = None, base: str | None = None) -> str:
    """reportlab Paragraph markup of ``text`` laid out as ``wrap_and_order`` does, lines joined by
    ``<br/>``. ``marks`` are (start, end) spans of ``text`` drawn bold on ``colour``; with
    ``numbered`` each mark gets a superscript number (1, 2, ...) at its end in reading order."""
    if bold_font is None:
        from reportlab.lib.fonts import tt2ps

        try:
            bold_font = tt2ps(font, 1, 0)
        except ValueError:
            bold_font = font
    base = base or base_direction(text)
    marks = list(marks)
    out = []
    for m_para in re.finditer(r"[^\n]+", str(text)):
        off = m_para.start()
        local = [(a - off, b - off) for a, b in marks if a < m_para.end() and b > off]
        lay = _Layout(m_para.group(), font, size, width, local, base, bold_font)
        numbers = {}
        if local:  # global mark numbers of this paragraph's marks
            order = sorted(set((int(a), int(b)) for a, b in marks if b > a))
            glob = {span: i for i, span in enumerate(order, start=1)}
            loc = sorted(set((int(a), int(b)) for a, b in local if b > a))
            numbers = {i: glob[(a + off, b + off)] for i, (a, b) in enumerate(loc, start=1)}
        numbered_done = set()
        for line in lay.visual_lines():
            runs = []  # (mark number or None, level parity, text)
            for idx, ch, level in line:
                k = lay.owner[idx]
                n = lay.segments[k][2] if k >= 0 else None
                if k < 0 and runs and runs[-1][0] is not None:
                    # a space between two parts of one mark stays inside the highlight
                    n = runs[-1][0]
                if runs and runs[-1][0] == n:
                    runs[-1][2].append(ch)
                else:
                    runs.append([n, level % 2, [ch]])
            pieces = []
            for n, odd, chars in runs:
                piece = escape("".join(chars))
                if n is None:
                    pieces.append(piece)
                    continue
                core = piece.strip(" ")
                lead, trail = piece[:len(piece) - len(piece.lstrip(" "))], piece[len(piece.rstrip(" ")):]
                sup = ""
                if numbered and n not in numbered_done:
                    numbered_done.add(n)
                    sup = f"<super>{numbers.get(n, n)}</super>"
                hl = f'<font backColor="{colour}"><b>{core}</b></font>'
                pieces.append(lead + ((sup + hl) if odd else (hl + sup)) + trail)
            out.append("".join(pieces))
    return "<br/>".join(out)


# ----------------------------------------------------------------------------- reportlab flowables

def _flowable_base():
    from reportlab.platypus.flowables import Flowable

    return Flowable


class BidiParagraph(_flowable_base()):
    """A Paragraph whose text is laid out by ``markup`` at the width it is given when wrapped, so
    it is right in table cells and frames of any width. Right-to-left paragraphs are right-aligned
    (unless the style centres them). Other keyword arguments go to reportlab's Paragraph."""

    def __init__(self, text: str, style, marks=(), *, numbered: bool = False, colour: str = HIGHLIGHT,
                 **paragraph_kwargs):
        super().__init__()
        self.text, self.style, self.marks = str(text), style, tuple(marks)
        self.numbered, self.colour, self.kwargs = numbered, colour, paragraph_kwargs
        self.base = base_direction(self.text)
        self._para = None
        self._width = None

    def _build(self, avail_width: float):
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        inner = max(1.0, avail_width - self.style.leftIndent - self.style.rightIndent)
        text = markup(self.text, self.style.fontName, self.style.fontSize, inner, self.marks,
                      numbered=self.numbered, colour=self.colour, base=self.base)
        style = self.style
        if self.base == "R" and style.alignment != TA_CENTER:
            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        self._para = Paragraph(text, style, **self.kwargs)
        self._width = avail_width

    def wrap(self, avail_width, avail_height):
        if self._para is None or self._width != avail_width:
            self._build(avail_width)
        w, h = self._para.wrap(avail_width, avail_height)
        self.width, self.height = w, h
        return w, h

    def split(self, avail_width, avail_height):
        if self._para is None or self._width != avail_width:
            self._build(avail_width)
        return self._para.split(avail_width, avail_height)

    def draw(self):
        self._para.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):  # noqa: N802 (reportlab's name)
        return self.style.spaceBefore

    def getSpaceAfter(self):  # noqa: N802
        return self.style.spaceAfter

    def minWidth(self):  # noqa: N802
        return 0


def paragraph(text: str, style, marks=(), *, numbered: bool = False, colour: str = HIGHLIGHT, **kwargs):
    """A flowable for ``text`` (plain text, not markup): reportlab's Paragraph when it has no
    right-to-left characters, else a BidiParagraph. ``marks`` as in ``markup``."""
    text = str(text)
    if has_rtl(text):
        return BidiParagraph(text, style, marks, numbered=numbered, colour=colour, **kwargs)
    from reportlab.platypus import Paragraph

    if not marks:
        return Paragraph(escape(text), style, **kwargs)
    parts, pos = [], 0
    for n, (a, b) in enumerate(sorted(marks), start=1):
        if a < pos:
            continue
        sup = f"<super>{n}</super>" if numbered else ""
        parts.append(escape(text[pos:a]) + f'<font backColor="{colour}"><b>{escape(text[a:b])}</b></font>{sup}')
        pos = b
    parts.append(escape(text[pos:]))
    return Paragraph("".join(parts), style, **kwargs)
