"""A worksheet (framing.worksheets.Worksheet) as two PDFs: the student copy and the answer key.

Passages are set at 11 pt, every item is kept whole on one page, Arabic is shaped and laid out right
to left by framing.bidi (also inside English lines), with the item number at the right end.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from .bidi import has_rtl, paragraph
from .output import atomic_path, ensure_dir
from .report import _register_fonts

HIGHLIGHT = "#FFE08A"
PASSAGE_PT, DETAIL_PT, BODY_PT = 11, 10, 11


NEAR_EMPTY = 0.25   # a last page filled less than this is rebuilt tighter


def _styles(compact: bool = False):
    from reportlab.lib.styles import ParagraphStyle

    lead = 1.25 if compact else 1.35
    base = ParagraphStyle("base", fontName="DejaVu", fontSize=BODY_PT, leading=BODY_PT * lead)
    return {
        "h1": ParagraphStyle("h1", parent=base, fontName="DejaVu-Bold", fontSize=17, leading=22, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName="DejaVu-Bold", fontSize=12, leading=15, spaceBefore=6,
                             spaceAfter=3),
        "body": base,
        "passage": ParagraphStyle("passage", parent=base, fontSize=PASSAGE_PT, leading=PASSAGE_PT * (lead + 0.05),
                                  spaceAfter=4),
        "detail": ParagraphStyle("detail", parent=base, fontSize=DETAIL_PT, leading=DETAIL_PT * (lead - 0.05),
                                 leftIndent=14, spaceAfter=2, textColor="#222222"),
        "source": ParagraphStyle("source", parent=base, fontSize=DETAIL_PT, leading=DETAIL_PT * (lead - 0.05),
                                 leftIndent=14, textColor="#555555", spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=PASSAGE_PT, leading=PASSAGE_PT * lead),
        "gap": 7 if compact else 12,
        "line_gap": 15 if compact else 17,
    }


_LINE_GAP = [17]


def _line():
    from reportlab.platypus.flowables import HRFlowable

    return HRFlowable(width="100%", thickness=0.5, color="#888888", spaceBefore=_LINE_GAP[0], spaceAfter=0)


def _numbered(number: int, text: str, style, marks=(), *, numbered_marks: bool = False):
    """The passage with its item number first in reading order: at the left end of an English
    passage, at the right end of an Arabic one."""
    prefix = f"{number}. "
    return paragraph(prefix + text, style, [(a + len(prefix), b + len(prefix)) for a, b in marks],
                     numbered=numbered_marks)


def _quoted(s: str) -> str:
    return f"“{s}”"


def hit_line(n: int, h: dict) -> str:
    sep = "، " if any(has_rtl(a) for a in h["alternatives"]) else ", "  # an Arabic comma keeps Arabic lists in order
    alts = sep.join(h["alternatives"]) or "–"
    same = h["surface"].lower() == h["term"].lower()
    lead = "•" if n is None else f"{n}."
    return (f"{lead} In the passage: {_quoted(h['surface'])}{'' if same else ' (lexicon: ' + h['term'] + ')'}. "
            f"{h['category_label']}; "
            f"{h['voice_label']}. Neutral alternatives: {alts}. Why: {h['rationale']}")


def _source(p, st, wording):
    return paragraph(wording["source_line"].format(outlet=p.outlet, date=p.date)
                     + (f" · “{p.title}”" if p.title else ""), st["source"])


def _item_flow(sheet, item, st, is_key):
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    kind, w = sheet.kind, sheet.wording
    p = item.passages[0] if item.passages else None
    flow = []
    if kind == "whose":
        marks = [(h.start, h.end) for h in p.hits]
        flow.append(_numbered(item.number, p.text, st["passage"], marks, numbered_marks=True))
        for n, h in enumerate(item.answer["voices"], start=1):
            if is_key:
                flow.append(paragraph(f"{n}. Term {_quoted(h['surface'])}: {h['voice_label']}. Cue: {h['cue']}.",
                                      st["detail"]))
            else:
                boxes = "    ".join(f"☐ {c}" for c in item.choices)
                flow.append(paragraph(f"{n}. Term {_quoted(h['surface'])}:  {boxes}", st["detail"]))
    elif kind == "guess":
        flow.append(_numbered(item.number, p.text, st["passage"]))
        if is_key:
            a = item.answer
            flow.append(Paragraph(f"<b>Answer: {escape(a['outlet'])}</b> ({escape(p.date)})", st["detail"]))
            if a["lexicon_words"]:
                flow.append(paragraph("Loaded words from the lexicon: " + " · ".join(a["lexicon_words"]), st["detail"]))
            if a["keyness_words"]:
                flow.append(paragraph("Words this outlet uses far more than the others (keyness): "
                                      + " · ".join(a["keyness_words"]), st["detail"]))
        else:
            flow.append(paragraph("Which outlet?   " + "     ".join(f"☐ {c}" for c in item.choices), st["detail"]))
            flow.append(paragraph(w["guess"].get("clue_line", "Words that gave it away:"), st["detail"]))
            flow.append(_line())
    else:
        marks = [(h["start"], h["end"]) for h in item.answer["loaded"]] if is_key else []
        flow.append(_numbered(item.number, p.text, st["passage"], marks, numbered_marks=is_key))
        if is_key:
            if kind == "rewrite" and p.rtl:  # its own right-to-left paragraph, not inside an English line
                flow += [paragraph("Neutral version:", st["detail"]), paragraph(item.answer["neutral"], st["detail"])]
            elif kind == "rewrite":
                flow.append(paragraph("Neutral version: " + item.answer["neutral"], st["detail"]))
            for n, h in enumerate(item.answer["loaded"], start=1):
                flow.append(paragraph(hit_line(n, h), st["detail"]))
        else:
            for _ in range(w[kind].get("answer_lines", 2)):
                flow.append(_line())
    if is_key and p is not None:
        flow.append(_source(p, st, w))
    flow.append(Spacer(1, st["gap"]))
    return [KeepTogether(flow)]


def _compare_flow(sheet, st, is_key):
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    item = sheet.items[0]
    cells = []
    for p in item.passages:
        marks = [(h.start, h.end) for h in p.hits] if is_key else []
        cell = [Paragraph(f"<b>{escape(p.outlet)}</b> · {escape(p.date)}", st["body"])]
        if p.title:
            cell.append(paragraph(p.title, st["h2"]))
        for para in _paragraph_spans(p.text, marks):
            cell.append(paragraph(para[0], st["cell"], para[1]))  # highlighted; listed in reading order below
            cell.append(Spacer(1, 4))
        cells.append(cell)
    t = Table([cells], colWidths=[8.5 * cm, 8.5 * cm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (0, 0), 0.5, "#999999"),
                           ("BOX", (1, 0), (1, 0), 0.5, "#999999"), ("LEFTPADDING", (0, 0), (-1, -1), 6),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
    flow = [t, Spacer(1, 12)]
    if is_key:
        for p in item.passages:
            block = [Paragraph(f"<b>{escape(p.outlet)}</b>", st["h2"])]
            if not p.hits:
                block.append(Paragraph("no loaded terms in this excerpt", st["detail"]))
            lines = [paragraph(hit_line(None, h), st["detail"]) for h in grouped_hits(p.hits)]
            # the heading stays with its first line; the list itself may run on to the next page
            flow.append(KeepTogether(block + lines[:1]))
            flow += lines[1:]
    else:
        for i, q in enumerate(sheet.questions, start=1):
            flow.append(KeepTogether([paragraph(f"{i}. {q}", st["body"]), _line(), _line(), Spacer(1, 8)]))
    return flow


def grouped_hits(hits) -> list[dict]:
    """One record per term as it stands (in reading order), its voices counted: a word used four
    times is listed once ("the outlet's own words ×2; a reported source (reported speech) ×2")."""
    from collections import Counter

    from .worksheets import hit_record

    groups: dict[tuple[str, str], tuple[dict, Counter]] = {}
    for h in hits:
        key = (h.surface.lower(), h.entry)
        if key not in groups:
            groups[key] = (hit_record(h), Counter())
        groups[key][1][hit_record(h)["voice_label"]] += 1
    out = []
    for rec, voices in groups.values():
        rec = dict(rec)
        rec["voice_label"] = "; ".join(v if n == 1 else f"{v} ×{n}" for v, n in voices.items())
        out.append(rec)
    return out


def _paragraph_spans(text: str, marks):
    """The excerpt's paragraphs, each with its marks in its own offsets."""
    import re

    out = []
    for m in re.finditer(r"[^\n]+", text):
        a0, a1 = m.start(), m.end()
        out.append((m.group(), [(a - a0, b - a0) for a, b in marks if a >= a0 and b <= a1]))
    return out


def write_pdf(sheet, stem: Path, options) -> list[Path]:
    _register_fonts()
    ensure_dir(stem.parent if str(stem.parent) else ".")
    student = stem.with_name(stem.name + ".pdf")
    key = stem.with_name(stem.name + "-key.pdf")
    for path, is_key in ((student, False), (key, True)):
        # a last page that holds a line or two is avoided by setting the sheet a little tighter
        pages, fill = _build(sheet, path, options, is_key)
        if pages > 1 and fill < NEAR_EMPTY:
            tight, _ = _build(sheet, path, options, is_key, compact=True)
            if tight >= pages:  # no page saved: keep the airier layout
                _build(sheet, path, options, is_key)
    return [student, key]


def _build(sheet, path, options, is_key, compact: bool = False) -> tuple[int, float]:
    """Write one PDF; returns its number of pages and how full its last page is (0-1)."""
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from . import __version__

    st = _styles(compact)
    _LINE_GAP[0] = st["line_gap"]
    w = sheet.wording
    page = A4 if options.page_size.upper() == "A4" else letter
    flow = [Paragraph(escape(sheet.title) + (f" — {escape(w['key_banner'])}" if is_key else ""), st["h1"])]
    if not is_key:
        flow += [Paragraph(escape(w["name_line"]), st["body"]), Spacer(1, 6)]
    flow += [paragraph(sheet.key_intro if is_key else sheet.instructions, st["body"]), Spacer(1, 10)]
    if sheet.kind == "compare":
        flow += _compare_flow(sheet, st, is_key)
    else:
        for item in sheet.items:
            flow += _item_flow(sheet, item, st, is_key)
    if is_key:
        for note in sheet.notes:
            flow.append(paragraph(note, st["source"]))

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 8)
        canvas.setFillGray(0.4)
        canvas.drawString(2 * cm, 1.2 * cm, f"framing {__version__} · {sheet.kind} worksheet · seed {sheet.seed}"
                          + (" · answer key" if is_key else ""))
        canvas.drawRightString(page[0] - 2 * cm, 1.2 * cm, f"page {doc.page}")
        canvas.restoreState()

    title = sheet.title + (" (answer key)" if is_key else "")
    state = {"page": 0, "y": 0.0, "top": 0.0, "height": 1.0}

    class Doc(SimpleDocTemplate):
        def afterFlowable(self, flowable):  # noqa: N802 (reportlab's name)
            frame = getattr(self, "frame", None)
            if frame is None:
                return
            state.update(page=self.page, y=frame._y, top=frame._y1 + frame._height, height=frame._height)

    with atomic_path(path) as tmp:
        doc = Doc(str(tmp), pagesize=page, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm,
                  bottomMargin=2 * cm, title=title, author=f"framing {__version__}", invariant=1)
        doc.build(flow, onFirstPage=footer, onLaterPages=footer)
    return state["page"], (state["top"] - state["y"]) / max(1.0, state["height"])
