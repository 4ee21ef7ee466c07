"""A worksheet as editable Word files (python-docx) and as JSON for quiz tools.

The DOCX copies hold the same items as the PDFs, in logical order (Word shapes Arabic and lays it
out right to left itself; Arabic paragraphs are marked right-to-left). The JSON file holds every
item with its passage(s), hits with offsets, voice, cue, alternatives and the answer.
"""
from __future__ import annotations

import json
from pathlib import Path

from .bidi import has_rtl
from .output import atomic_path, ensure_dir
from .worksheet_pdf import grouped_hits, hit_line


def _rtl(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    ppr.insert(0, bidi)
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        rpr.append(OxmlElement("w:rtl"))
        rpr.append(OxmlElement("w:cs"))  # complex-script font sizes apply
        sz = OxmlElement("w:szCs")
        sz.set(qn("w:val"), "24")
        rpr.append(sz)


def _passage(doc, number, text, marks, *, numbered: bool):
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.shared import Pt

    par = doc.add_paragraph()
    lead = par.add_run(f"{number}. " if number is not None else "")
    lead.bold = True
    pos = 0
    for n, (a, b) in enumerate(sorted(marks), start=1):
        if a < pos:
            continue
        par.add_run(text[pos:a])
        r = par.add_run(text[a:b])
        r.bold = True
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if numbered:
            sup = par.add_run(str(n))
            sup.font.superscript = True
        pos = b
    par.add_run(text[pos:])
    for r in par.runs:
        r.font.size = Pt(12)
    if has_rtl(text):
        _rtl(par)
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return par


def _detail(doc, text):
    from docx.shared import Pt

    par = doc.add_paragraph()
    run = par.add_run(text)
    run.font.size = Pt(10.5)
    par.paragraph_format.left_indent = Pt(14)
    return par


def _lines(doc, n):
    for _ in range(n):
        doc.add_paragraph("_" * 70)


def _write_one(sheet, path: Path, is_key: bool) -> None:
    from docx import Document
    from docx.shared import Pt

    w = sheet.wording
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(11)
    doc.add_heading(sheet.title + (f" — {w['key_banner']}" if is_key else ""), level=1)
    if not is_key:
        doc.add_paragraph(w["name_line"])
    doc.add_paragraph(sheet.key_intro if is_key else sheet.instructions)
    if sheet.kind == "compare":
        item = sheet.items[0]
        for p in item.passages:
            doc.add_heading(f"{p.outlet} · {p.date}", level=2)
            if p.title:
                doc.add_paragraph().add_run(p.title).bold = True
            _passage(doc, None, p.text, [(h.start, h.end) for h in p.hits] if is_key else [], numbered=False)
            if is_key:
                for h in grouped_hits(p.hits):
                    _detail(doc, hit_line(None, h))
        if not is_key:
            for i, q in enumerate(sheet.questions, start=1):
                doc.add_paragraph(f"{i}. {q}")
                _lines(doc, 2)
    for item in ([] if sheet.kind == "compare" else sheet.items):
        p = item.passages[0]
        if sheet.kind == "whose":
            _passage(doc, item.number, p.text, [(h.start, h.end) for h in p.hits], numbered=True)
            for n, h in enumerate(item.answer["voices"], start=1):
                _detail(doc, f"{n}. Term “{h['surface']}”: " + (f"{h['voice_label']}. Cue: {h['cue']}." if is_key
                                                          else "    ".join(f"☐ {c}" for c in item.choices)))
        elif sheet.kind == "guess":
            _passage(doc, item.number, p.text, [], numbered=False)
            a = item.answer
            if is_key:
                _detail(doc, f"Answer: {a['outlet']} ({p.date})")
                if a["lexicon_words"]:
                    _detail(doc, "Loaded words from the lexicon: " + " · ".join(a["lexicon_words"]))
                if a["keyness_words"]:
                    _detail(doc, "Words this outlet uses far more than the others (keyness): "
                            + " · ".join(a["keyness_words"]))
            else:
                _detail(doc, "Which outlet?   " + "     ".join(f"☐ {c}" for c in item.choices))
                _detail(doc, w["guess"].get("clue_line", "Words that gave it away:"))
                _lines(doc, 1)
        else:
            marks = [(h["start"], h["end"]) for h in item.answer["loaded"]] if is_key else []
            _passage(doc, item.number, p.text, marks, numbered=is_key)
            if is_key:
                if sheet.kind == "rewrite":
                    _detail(doc, "Neutral version: " + item.answer["neutral"])
                for n, h in enumerate(item.answer["loaded"], start=1):
                    _detail(doc, hit_line(n, h))
            else:
                _lines(doc, w[sheet.kind].get("answer_lines", 2))
        if is_key:
            _detail(doc, w["source_line"].format(outlet=p.outlet, date=p.date) + (f" · “{p.title}”" if p.title else ""))
    if is_key:
        for note in sheet.notes:
            _detail(doc, note)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))


def write_docx(sheet, stem: Path, options) -> list[Path]:
    ensure_dir(stem.parent if str(stem.parent) else ".")
    student = stem.with_name(stem.name + ".docx")
    key = stem.with_name(stem.name + "-key.docx")
    _write_one(sheet, student, False)
    _write_one(sheet, key, True)
    return [student, key]


def worksheet_record(sheet, options) -> dict:
    from .worksheets import hit_record

    items = []
    for it in sheet.items:
        items.append({
            "number": it.number,
            "passages": [{"doc_id": p.doc_id, "outlet": p.outlet, "date": p.date, "title": p.title,
                          "offset": p.offset, "text": p.text,
                          "hits": [hit_record(h, n) for n, h in enumerate(p.hits, start=1)]} for p in it.passages],
            "choices": it.choices,
            "answer": it.answer,
        })
    return {"kind": sheet.kind, "title": sheet.title, "instructions": sheet.instructions,
            "key_intro": sheet.key_intro, "seed": sheet.seed, "questions": sheet.questions,
            "items": items, "notes": sheet.notes, "shortfall": sheet.shortfall,
            "options": {"items": options.items, "difficulty": options.difficulty, "outlets": list(options.outlets),
                        "lang": options.lang}}


def write_json(sheet, stem: Path, options) -> Path:
    ensure_dir(stem.parent if str(stem.parent) else ".")
    path = stem.with_name(stem.name + ".json")
    with atomic_path(path) as tmp:
        Path(tmp).write_text(json.dumps(worksheet_record(sheet, options), ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return path
