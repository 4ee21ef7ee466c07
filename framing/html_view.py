"""Analysis -> one self-contained HTML file: articles with loaded terms highlighted.

No network: styles, script and charts (PNG as data: URIs) are inside the file. Every piece of
corpus text is HTML-escaped, and a Content-Security-Policy allows only this file's own script (by
its hash), so a corpus containing ``<script>`` cannot run script in the view.
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
from pathlib import Path

import pandas as pd

from . import __version__
from .analyze import Analysis
from .normalize import has_arabic
from .output import write_text
from .plot import outlet_colours, plot_category_rates, plot_rate_over_time
from .tables import rates_by_outlet, rates_by_period

VOICE_TEXT = {"own": "the outlet's own voice", "quoted": "inside a quotation", "attributed": "reported speech"}

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1f2d3d;color:#fff;padding:14px 24px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;font-size:13px;color:#dfe6ee}
#layout{display:flex;gap:18px;padding:16px 24px}
nav{flex:0 0 230px;position:sticky;top:10px;align-self:flex-start;background:#fff;border:1px solid #ddd;
 border-radius:6px;padding:10px 12px;font-size:13px}
nav h2{font-size:13px;margin:10px 0 4px;text-transform:uppercase;color:#555}
nav label{display:block;margin:2px 0;cursor:pointer}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:middle}
main{flex:1;min-width:0}
#charts{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:16px}#charts img{max-width:49%;background:#fff;border:1px solid #ddd}
article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 18px;margin-bottom:14px}
article h2{font-size:17px;margin:0 0 2px}.meta{color:#666;font-size:12px;margin:0 0 8px}
article p{line-height:1.55;font-size:14.5px;margin:6px 0}
article[dir=rtl]{font-size:16px}
mark.hit{position:relative;border-radius:3px;padding:0 2px;cursor:help;background:var(--c);color:inherit;
 box-shadow:inset 0 -2px 0 rgba(0,0,0,.35)}
mark.hit.quoted,mark.hit.attributed{background:transparent;outline:2px dashed var(--c)}
mark.hit.off{background:transparent;box-shadow:none;outline:none;cursor:auto}
mark.hit.neutral{background:transparent;box-shadow:none;outline:none;border-bottom:1px dotted #888}
mark.hit .tip{display:none;position:absolute;left:0;top:1.6em;z-index:5;width:260px;background:#222;color:#fff;
 font-size:12px;line-height:1.35;padding:6px 8px;border-radius:4px;text-align:left;direction:ltr;font-weight:normal}
mark.hit:hover .tip,mark.hit:focus .tip{display:block}mark.hit.off:hover .tip,mark.hit.off:focus .tip{display:none}
#count{font-size:12px;color:#555;margin:0 0 10px}
"""

_JS = """
(function(){
  function apply(){
    var outlets={},cats={},voices={};
    document.querySelectorAll('input[data-outlet]').forEach(function(b){outlets[b.dataset.outlet]=b.checked;});
    document.querySelectorAll('input[data-category]').forEach(function(b){cats[b.dataset.category]=b.checked;});
    document.querySelectorAll('input[data-voice]').forEach(function(b){voices[b.dataset.voice]=b.checked;});
    var shown=0;
    document.querySelectorAll('article.doc').forEach(function(a){
      var on=outlets[a.dataset.outlet]!==false; a.hidden=!on; if(on){shown++;}
    });
    document.querySelectorAll('mark.hit').forEach(function(m){
      var on=cats[m.dataset.category]!==false && voices[m.dataset.voice]!==false;
      m.classList.toggle('off',!on);
    });
    document.getElementById('count').textContent=shown+' of '+document.querySelectorAll('article.doc').length+' articles shown';
  }
  document.querySelectorAll('nav input').forEach(function(b){b.addEventListener('change',apply);});
  apply();
})();
"""


def _png_data_uri(ax) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    plt.close(ax.figure)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _tip(entry, category_label: str, voice: str, sense: str, negated: bool) -> str:
    parts = [f"<b>{html.escape(category_label)}</b>", f"term: {html.escape(entry.term)} (strength {entry.strength})",
             f"voice: {html.escape(VOICE_TEXT.get(voice, voice))}"]
    if negated:
        parts.append("negated: the text rejects the label")
    if sense == "neutral":
        parts.append("read in its neutral sense: not counted")
    parts.append(f"neutral alternative: {html.escape(', '.join(entry.neutral))}")
    return "<br>".join(parts)


def _article_html(doc: dict, text: str, hits: pd.DataFrame, lexicon, colours_by_cat: dict[str, str]) -> str:
    """Paragraphs of ``text`` with each hit wrapped in a <mark>; everything else escaped."""
    out = []
    pos = 0
    for h in hits.sort_values("start").itertuples():
        if h.start < pos:
            continue
        entry = lexicon.by_id.get(h.entry)
        if entry is None:
            continue
        cat = lexicon.categories.get(h.category)
        label = cat.label if cat else h.category
        out.append(html.escape(text[pos:h.start]))
        out.append(
            f'<mark class="hit {html.escape(h.voice)} {html.escape(h.sense)}" tabindex="0" style="--c:{colours_by_cat.get(h.category, "#ccc")}55" '
            f'data-category="{html.escape(h.category)}" data-voice="{html.escape(h.voice)}" data-entry="{html.escape(h.entry)}">'
            f'{html.escape(text[h.start:h.end])}<span class="tip">{_tip(entry, label, h.voice, h.sense, bool(h.negated))}</span></mark>')
        pos = h.end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    paras = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    rtl = doc["lang"] == "ar" or has_arabic(text[:200])
    date = doc["date"].strftime("%Y-%m-%d") if isinstance(doc["date"], pd.Timestamp) and not pd.isna(doc["date"]) else "no date"
    return (f'<article class="doc" data-outlet="{html.escape(doc["outlet"])}" dir="{"rtl" if rtl else "ltr"}" '
            f'lang="{html.escape(doc["lang"] or "en")}" id="{html.escape(doc["doc_id"])}">'
            f'<h2>{html.escape(doc["title"] or "(untitled)")}</h2>'
            f'<p class="meta" dir="ltr">{html.escape(doc["outlet"])} · {date} · {doc["hits"]} loaded term(s)</p>'
            f"{paras}</article>")


def render_html(analysis: Analysis, output: str | Path, *, title: str = "Corpus", period: str = "month",
                counted_model_layer: bool = False) -> Path:
    """Write the view; ``analysis`` must have been made with ``keep_texts=True``."""
    docs, hits, lexicon = analysis.documents, analysis.hits, analysis.lexicon
    colours_by_cat = {k: c.colour for k, c in lexicon.categories.items()}
    from .beyond import lexicon_layer

    counted = hits if counted_model_layer else lexicon_layer(hits)  # the model layer is highlighted, not rated
    rates = rates_by_outlet(docs, counted)
    outlets = sorted(docs["outlet"].unique())
    colours = outlet_colours(outlets)
    charts = [_png_data_uri(plot_category_rates(rates, colours=colours,
                                                category_labels={k: c.label for k, c in lexicon.categories.items()})),
              _png_data_uri(plot_rate_over_time(rates_by_period(docs, counted, period), colours=colours))]
    by_doc = {k: g for k, g in hits.groupby("doc_id", sort=False)}
    empty = hits.iloc[0:0]
    articles = []
    for doc in docs.sort_values(["outlet", "date", "doc_id"]).to_dict("records"):
        text = analysis.texts.get(doc["doc_id"], "")
        articles.append(_article_html(doc, text, by_doc.get(doc["doc_id"], empty), lexicon, colours_by_cat))
    used_cats = [c for c in lexicon.categories if c in set(hits["category"])]
    outlet_boxes = "".join(
        f'<label><input type="checkbox" checked data-outlet="{html.escape(o)}"> {html.escape(o)} '
        f'({int((docs["outlet"] == o).sum())})</label>' for o in outlets)
    cat_boxes = "".join(
        f'<label><input type="checkbox" checked data-category="{html.escape(c)}"><span class="swatch" '
        f'style="background:{colours_by_cat[c]}"></span>{html.escape(lexicon.categories[c].label)}</label>'
        for c in used_cats)
    voice_boxes = "".join(
        f'<label><input type="checkbox" checked data-voice="{v}"> {html.escape(VOICE_TEXT[v])}</label>'
        for v in ("own", "quoted", "attributed"))
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'")
    dated = docs["date"].dropna()
    span = f"{dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if not dated.empty else "no dates"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="framing {__version__}">
<title>Loaded language: {html.escape(title)}</title><style>{_CSS}</style></head>
<body><header><h1>Loaded language: {html.escape(title)}</h1>
<p>{len(docs)} articles from {len(outlets)} outlet(s), {span}. Highlighted: terms from the lexicons, coloured by
category; dashed outline: inside a quotation or reported speech. Hover or focus a term for its category, voice and a
neutral alternative.</p></header>
<div id="layout"><nav id="filters" aria-label="Filters"><h2>Outlets</h2>{outlet_boxes}
<h2>Categories</h2>{cat_boxes}<h2>Voice</h2>{voice_boxes}</nav>
<main><p id="count"></p><section id="charts">{"".join(f'<img alt="chart" src="{c}">' for c in charts)}</section>
{"".join(articles)}</main></div>
<script>{_JS}</script></body></html>
"""
    return write_text(output, page)
