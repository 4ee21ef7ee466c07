"""Analysis -> one self-contained HTML file: articles with loaded terms highlighted.

No network: styles, script and data are inside the file. The corpus is embedded once as compact
JSON (a non-executable ``application/json`` block, every ``<`` written as ``\\u003c``) and the page
draws only the articles in view (25 at a time, more on request), so it opens and filters quickly
on thousands of articles. Filters (outlets with all / none / only, categories, voice, a search
box), charts drawn in the browser that follow the filters, tooltips kept inside the window, and a
concordance of a term across the corpus on click. Corpus text is only ever inserted escaped, and a
Content-Security-Policy allows only this file's own script (by its hash), so a corpus containing
``<script>`` cannot run script in the view. Script and styles: framing/data/html/.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from pathlib import Path

import pandas as pd

from . import __version__
from .analyze import Analysis
from .output import write_text
from .plots import outlet_colours
from .tables import APART
from .types import VOICES

VOICE_TEXT = {"own": "the outlet's own voice", "quoted": "inside a quotation", "attributed": "reported speech"}


def _asset(name: str) -> str:
    return (resources.files("framing.data") / "html" / name).read_text(encoding="utf-8")


def _utf16(text: str):
    """A function mapping Python string offsets to JavaScript (UTF-16) ones."""
    if all(ord(c) <= 0xFFFF for c in text):
        return lambda i: i
    extra, acc = [0], 0
    for c in text:
        acc += ord(c) > 0xFFFF
        extra.append(acc)
    return lambda i: i + extra[i]


def _period_label(date, period: str) -> str:
    if not isinstance(date, pd.Timestamp) or pd.isna(date):
        return ""
    code = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}.get(period, "M")
    return str(date.to_period(code))


def view_data(analysis: Analysis, *, title: str = "Corpus", period: str = "month",
              counted_model_layer: bool = False) -> dict:
    """The view's data: plain lists, compact once serialised (see render_html). Categories that are
    measures apart (framing.tables.APART: scare quotes, the emotive layer, the word model's spans) are
    highlighted but not counted in the charts, the model's spans unless ``counted_model_layer``."""
    docs, hits, lexicon = analysis.documents, analysis.hits, analysis.lexicon
    outlets = sorted(docs["outlet"].unique())
    colours = outlet_colours(outlets)
    o_index = {o: i for i, o in enumerate(outlets)}
    cats = list(lexicon.categories)
    for c in sorted(set(hits["category"]) - set(cats)):
        cats.append(c)
    c_index = {c: i for i, c in enumerate(cats)}
    def rated(c: str) -> int:
        return int(c not in APART or (counted_model_layer and c == "model.loaded"))

    cat_rows = [[c, lexicon.categories[c].label if c in lexicon.categories else c,
                 lexicon.categories[c].colour if c in lexicon.categories else "#cccccc", rated(c)] for c in cats]
    senses = sorted(set(hits["sense"]) | {"loaded"}) if len(hits) else ["loaded"]
    s_index = {s: i for i, s in enumerate(senses)}
    v_index = {v: i for i, v in enumerate(VOICES)}
    entries, e_index = [], {}
    for eid, term, cat in hits[["entry", "term", "category"]].drop_duplicates("entry").itertuples(index=False):
        e = lexicon.by_id.get(eid)
        e_index[eid] = len(entries)
        entries.append([eid, e.term.rstrip("*") if e else term, c_index[e.category if e else cat],
                        e.strength if e else 1, ", ".join(e.neutral) if e else ""])
    by_doc = {k: g for k, g in hits.sort_values(["doc_id", "start"]).groupby("doc_id", sort=False)}
    headlines = getattr(analysis, "headlines", {})
    rows = []
    for doc in docs.sort_values(["outlet", "date", "doc_id"], na_position="last").to_dict("records"):
        text = analysis.texts.get(doc["doc_id"], "")
        # the headline zone's text (framing.zones): title, and subtitle on a line of its own
        headline = headlines.get(doc["doc_id"], doc["title"] or "")
        js, jh = _utf16(text), _utf16(headline)
        flat = []
        g = by_doc.get(doc["doc_id"])
        if g is not None:
            for h in g.itertuples(index=False):
                zone = int(getattr(h, "zone", "body") == "headline")
                at = jh if zone else js
                flat += [at(int(h.start)), at(int(h.end)), e_index[h.entry], v_index.get(h.voice, 0),
                         s_index[h.sense], int(bool(h.negated)), zone]
        date = doc["date"]
        rows.append([doc["doc_id"], o_index[doc["outlet"]],
                     f"{date:%Y-%m-%d}" if isinstance(date, pd.Timestamp) and not pd.isna(date) else "",
                     _period_label(date, period), doc["title"] or "", doc["lang"] or "",
                     int(doc["words"]) + int(doc.get("headline_words", 0) or 0),
                     int(doc["hits"]) + int(doc.get("headline_hits", 0) or 0), text, flat, headline])
    periods = sorted({r[3] for r in rows if r[3]})
    return {"title": title, "outlets": [[o, colours[o]] for o in outlets], "cats": cat_rows, "entries": entries,
            "voices": list(VOICES), "senses": senses, "voiceText": VOICE_TEXT, "periods": periods, "docs": rows}


def render_html(analysis: Analysis, output: str | Path, *, title: str = "Corpus", period: str = "month",
                counted_model_layer: bool = False) -> Path:
    """Write the view; ``analysis`` must have been made with ``keep_texts=True``."""
    data = view_data(analysis, title=title, period=period, counted_model_layer=counted_model_layer)
    docs, hits, lexicon = analysis.documents, analysis.hits, analysis.lexicon
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    js = _asset("view.js")
    script_hash = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'"
    counts = docs["outlet"].value_counts()
    outlet_rows = "".join(
        f'<div class="row"><label><input type="checkbox" checked data-outlet="{i}"><span class="swatch" '
        f'style="background:{html.escape(c)}"></span><span class="name">{html.escape(o)} ({int(counts.get(o, 0))})'
        f'</span></label><button type="button" class="only" data-only="{i}" title="show only {html.escape(o)}">only'
        f"</button></div>" for i, (o, c) in enumerate(data["outlets"]))
    used = set(hits["category"])
    cat_boxes = "".join(
        f'<label><input type="checkbox" checked data-category="{html.escape(c)}"><span class="swatch" '
        f'style="background:{html.escape(colour)}"></span><span class="name">{html.escape(label)}</span></label>'
        for c, label, colour, _ in data["cats"] if c in used)
    voice_boxes = "".join(
        f'<label><input type="checkbox" checked data-voice="{v}"><span class="name">{html.escape(VOICE_TEXT[v])}'
        f"</span></label>" for v in VOICES)
    dated = docs["date"].dropna()
    span = f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if not dated.empty else "no dates"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="framing {__version__}">
<title>Loaded language: {html.escape(title)}</title><style>{_asset("view.css")}</style></head>
<body><header><h1>Loaded language: {html.escape(title)}</h1>
<p>{len(docs):,} articles from {len(data["outlets"])} outlet(s), {span}. Highlighted: terms from the lexicons, coloured
by category; dashed outline: inside a quotation or reported speech. Hover or focus a term for its category, voice and a
neutral alternative; click it for every use of the term in the corpus.</p></header>
<div id="layout"><nav id="filters" aria-label="Filters">
<h2><label for="q">Search</label></h2><input id="q" type="search" placeholder="words in the articles" autocomplete="off">
<h2>Outlets</h2><div class="bulk"><button type="button" data-bulk="all">all</button>
<button type="button" data-bulk="none">none</button></div>{outlet_rows}
<h2>Categories</h2>{cat_boxes}<h2>Voice</h2>{voice_boxes}</nav>
<main><section id="charts">
<figure><figcaption>Loaded words per 1,000 words, in each outlet's own voice</figcaption><div id="chart-outlets"></div>
<p class="note">Follows the outlet and category filters. Counted: hits in the outlet's own voice, not negated, in
their loaded sense (as in the report).</p></figure>
<figure><figcaption>Loaded words per 1,000 words over time ({html.escape(period)})</figcaption><div id="chart-time"></div>
<p class="note" id="chart-time-note"></p></figure></section>
<section id="conc" hidden aria-live="polite"></section>
<p id="count"></p><div id="docs"></div><button type="button" id="more" hidden>Show more</button></main></div>
<div id="tip" role="tooltip" hidden></div>
<script type="application/json" id="data">{payload}</script>
<script>{js}</script></body></html>
"""
    return write_text(output, page)
