"""Coding sheets for people who do not like spreadsheets: a fillable, printable HTML page and a DOCX.

The HTML page works offline in any browser: each item has radio buttons for the label and the
voice and a note field; "Save my labels" downloads the sheet as CSV with the same columns and
rows as the CSV sheet, ready for ``framing audit score``. Printed, it is a paper form with boxes
to tick. The DOCX sheet is one table whose ``label`` and ``voice_label`` cells the coder types
into; ``framing audit score`` reads it back (:func:`read_docx_sheet`).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from pathlib import Path

import pandas as pd

from .audit import LABELS, MARK_CLOSE, MARK_OPEN, SHEET_COLUMNS, VOICE_LABELS
from .errors import InputError
from .types import DOCX_COLUMNS

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0 auto;max-width:60em;padding:1em 1.5em;color:#222}
h1{font-size:1.4em;margin:.2em 0}.how{font-size:.92em;line-height:1.45;background:#f4f6f8;padding:.6em 1em;border-radius:6px}
.item{border:1px solid #ccc;border-radius:6px;padding:.6em .9em;margin:.7em 0;break-inside:avoid}
.item .meta{font-size:.8em;color:#555}.item p.s{font-size:1.05em;line-height:1.5;margin:.35em 0}
mark{background:#ffe08a;font-weight:bold;padding:0 2px}
fieldset{border:none;display:inline-block;margin:0 1.2em 0 0;padding:0}legend{font-size:.8em;color:#555;padding:0}
label{margin-right:.7em;white-space:nowrap}input[type=text]{width:95%;margin-top:.3em}
#bar{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:2}
button{font-size:1em;padding:.3em .9em}
@media print{#bar,button{display:none}.item{border-color:#999}input[type=text]{border:none;border-bottom:1px solid #999}}
"""

_JS = """
(function(){
  var data=JSON.parse(document.getElementById('sheet-data').textContent);
  var cols=data.columns, rows=data.rows;
  function cell(v){v=(v===null||v===undefined)?'':String(v);
    return /[",\\n\\r]/.test(v)?'"'+v.replace(/"/g,'""')+'"':v;}
  function value(name){var c=document.querySelector('input[name="'+name+'"]:checked');return c?c.value:'';}
  function done(){var n=0;rows.forEach(function(r,i){if(value('label-'+i))n++;});
    document.getElementById('done').textContent=n+' of '+rows.length+' labelled';}
  document.querySelectorAll('input').forEach(function(b){b.addEventListener('change',done);});
  document.getElementById('save').addEventListener('click',function(){
    var lines=[cols.map(cell).join(',')];
    rows.forEach(function(r,i){
      var rec=Object.assign({},r);
      rec.label=value('label-'+i); rec.voice_label=value('voice-'+i);
      rec.note=document.getElementById('note-'+i).value;
      lines.push(cols.map(function(c){return cell(rec[c]);}).join(','));
    });
    var coder=(document.getElementById('coder').value||'coder').replace(/[^A-Za-z0-9_-]+/g,'_');
    var blob=new Blob([lines.join('\\n')+'\\n'],{type:'text/csv;charset=utf-8'});
    var a=document.createElement('a');a.href=URL.createObjectURL(blob);
    a.download=data.stem+'-'+coder+'.csv';document.body.appendChild(a);a.click();a.remove();
  });
  done();
})();
"""

QUESTION = ("Is the marked term, in this sentence, loaded language of the category shown (a use the tool "
            "should count)? Tick <b>correct</b>, <b>incorrect</b> or <b>unsure</b>; then say whose words it is in: "
            "the outlet's <b>own</b>, <b>quoted</b> (inside a quotation) or <b>attributed</b> (reported speech).")
QUESTION_SENTENCE = ("No term was found in this sentence. Tick <b>correct</b> if it holds no loaded language, "
                     "<b>incorrect</b> if it does (write the words in the note).")


def _sentence_html(text: str) -> str:
    out, rest = [], text
    while MARK_OPEN in rest and MARK_CLOSE in rest.split(MARK_OPEN, 1)[1]:
        before, after = rest.split(MARK_OPEN, 1)
        term, rest = after.split(MARK_CLOSE, 1)
        out.append(html.escape(before) + "<mark>" + html.escape(term) + "</mark>")
    out.append(html.escape(rest))
    return "".join(out)


def _plain(v) -> str:
    if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, pd.Timestamp):
        return "" if pd.isna(v) else f"{v:%Y-%m-%d}"
    return str(v)


def sheet_html(sheet: pd.DataFrame, *, title: str, stem: str) -> str:
    """The fillable, printable page of a coding sheet (the rows and columns of the CSV sheet)."""
    records = [{c: _plain(r[c]) for c in SHEET_COLUMNS} for _, r in sheet.iterrows()]
    payload = json.dumps({"columns": SHEET_COLUMNS, "rows": records, "stem": stem}, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
    items = []
    for i, r in enumerate(records):
        is_hit = r["kind"] == "hit"
        radios = "".join(f'<label><input type="radio" name="label-{i}" value="{v}"> {v}</label>' for v in LABELS)
        voice = ("<fieldset><legend>voice</legend>" + "".join(
            f'<label><input type="radio" name="voice-{i}" value="{v}"> {v}</label>' for v in VOICE_LABELS)
            + "</fieldset>") if is_hit else ""
        what = (f"<b>{html.escape(r['term'])}</b> · {html.escape(r['category'])} · tool's voice: "
                f"{html.escape(r['voice'])}" + (f" · {html.escape(r['flags'])}" if r["flags"] else "")
                if is_hit else "<b>sentence without hits</b>")
        items.append(
            f'<div class="item"><div class="meta">{i + 1}. {what} — {html.escape(r["outlet"])}, '
            f'{html.escape(r["date"] or "no date")} · <code>{html.escape(r["hit_id"])}</code></div>'
            f'<p class="s" dir="auto">{_sentence_html(r["sentence"])}</p>'
            f'<fieldset><legend>label</legend>{radios}</fieldset>{voice}'
            f'<input type="text" id="note-{i}" placeholder="note (optional)" aria-label="note for item {i + 1}"></div>')
    n_hits = sum(1 for r in records if r["kind"] == "hit")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>
<h1>{html.escape(title)}</h1>
<div class="how"><p>{QUESTION}</p><p>{QUESTION_SENTENCE}</p>
<p>{n_hits} hit(s) and {len(records) - n_hits} sentence(s) without hits, in random order. Code each item on its own,
without asking the other coders. When you are done, type your name and press <b>Save my labels</b>: a CSV file is
downloaded; give it back for <code>framing audit score</code>. On paper: print this page and tick the boxes.</p>
<p>Sample <code>{html.escape(records[0]["sample_id"] if records else "")}</code>.</p></div>
<div id="bar"><label>Your name: <input type="text" id="coder" style="width:12em"></label>
<button id="save" type="button">Save my labels (CSV)</button> <span id="done"></span></div>
{''.join(items)}
<script type="application/json" id="sheet-data">{payload}</script>
<script>{_JS}</script>
</body></html>
"""


def docx_available() -> bool:
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


def write_docx(sheet: pd.DataFrame, path: str | Path, *, title: str) -> Path:
    """A DOCX coding sheet: instructions, then one table (a row per item) whose label cells the coder
    fills. The sample's other columns are kept in a second table so that the file scores alone."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt, RGBColor

    from .output import atomic_path

    d = docx.Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    d.core_properties.title = title
    d.core_properties.author = "framing audit sample"
    d.add_heading(title, level=1)
    d.add_paragraph(_strip_tags(QUESTION))
    d.add_paragraph(_strip_tags(QUESTION_SENTENCE))
    d.add_paragraph("Type the label (correct, incorrect or unsure) and the voice (own, quoted or attributed) in "
                    "the last columns. Do not change the hit_id column; save as .docx and give the file back.")
    table = d.add_table(rows=1, cols=len(DOCX_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, DOCX_COLUMNS):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for _, r in sheet.iterrows():
        cells = table.add_row().cells
        for cell, name in zip(cells, DOCX_COLUMNS):
            if name == "sentence":
                p = cell.paragraphs[0]
                for k, piece in enumerate(_pieces(_plain(r[name]))):
                    run = p.add_run(piece)
                    if k % 2:
                        run.bold = True
                        run.font.highlight_color = 7  # yellow
            else:
                cell.text = _plain(r[name])
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(8.5)
    widths = [Cm(2.6), Cm(12.5), Cm(2.6), Cm(2.6), Cm(1.8), Cm(1.9), Cm(1.9), Cm(2.6)]
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    d.add_page_break()
    d.add_paragraph("Sample data (leave as it is)").runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    rest = [c for c in SHEET_COLUMNS if c not in DOCX_COLUMNS or c == "hit_id"]
    t2 = d.add_table(rows=1, cols=len(rest))
    t2.style = "Table Grid"
    for cell, name in zip(t2.rows[0].cells, rest):
        cell.text = name
    for _, r in sheet.iterrows():
        for cell, name in zip(t2.add_row().cells, rest):
            cell.text = _plain(r[name])
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(7)
    with atomic_path(path) as tmp:
        d.save(str(tmp))
    return Path(path)


def _pieces(text: str) -> list[str]:
    """Text split at the term marks: [before, term, after, ...] (odd positions are marked)."""
    out, rest = [], text
    while MARK_OPEN in rest and MARK_CLOSE in rest.split(MARK_OPEN, 1)[1]:
        before, after = rest.split(MARK_OPEN, 1)
        term, rest = after.split(MARK_CLOSE, 1)
        out += [before, term]
    return out + [rest]


def _strip_tags(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text)


def read_docx_sheet(path: str | Path) -> pd.DataFrame:
    """A filled DOCX sheet -> the sheet's table (strings), the coder's cells joined to the sample data."""
    try:
        import docx
    except ImportError:
        raise InputError(f"{path}: reading DOCX sheets needs python-docx (pip install python-docx), "
                         "or give the sheet as CSV") from None
    try:
        d = docx.Document(str(path))
    except Exception as exc:  # a broken or foreign file
        raise InputError(f"{path}: not a DOCX file framing can read ({type(exc).__name__}): give the sheet as "
                         "framing audit sample wrote it") from None
    tables = []
    for t in d.tables:
        rows = [[c.text.strip() for c in row.cells] for row in t.rows]
        if rows:
            tables.append(pd.DataFrame(rows[1:], columns=rows[0], dtype=str))
    coded = next((t for t in tables if {"hit_id", "label"} <= set(t.columns)), None)
    data = next((t for t in tables if {"hit_id", "sample_id"} <= set(t.columns)), None)
    if coded is None or data is None:
        raise InputError(f"{path}: no coding table (hit_id, label) and sample table (hit_id, sample_id) found: "
                         "give the DOCX sheet framing audit sample wrote")
    keep = ["hit_id"] + [c for c in coded.columns if c not in data.columns]
    merged = data.merge(coded[keep], on="hit_id", how="outer")
    for c in SHEET_COLUMNS:
        if c not in merged.columns:
            merged[c] = ""
    return merged[SHEET_COLUMNS].fillna("")
