"""Saved HTML pages -> one corpus record (main text and metadata via trafilatura; no network).

The page's main text is what trafilatura keeps of it (navigation, comments and footers dropped);
the title, date, author and site name come from the page's metadata. The site name (or, failing
that, the page's host name) is looked up in the outlet table, so ``presstv.ir`` and ``Press TV``
are the same outlet. A page in which trafilatura finds no main text gives a record with empty
``text``; the caller decides what to do with it.
"""
from __future__ import annotations

import re
from pathlib import Path

from .dates import parse_date
from .encoding import read_text
from .outlets import OutletTable, default_outlets
from ..langguess import detect_lang

_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


def read_html(path: Path | str, *, outlets: OutletTable | None = None, max_mb: float | None = None) -> dict:
    """One record with the corpus columns from a saved HTML page.

    Keys: ``doc_id`` (None: the caller assigns), ``outlet``, ``date`` (ISO or None), ``title``,
    ``author``, ``lang``, ``text``, ``source`` (the file) and ``encoding``.
    """
    import trafilatura

    path = Path(path)
    decoded = read_text(path, max_mb=max_mb)
    html = decoded.text
    table = outlets if outlets is not None else default_outlets()
    doc = None
    if html.strip():
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True, deduplicate=False)
    meta = (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)) if doc is not None else {}
    title = _clean(meta.get("title"))
    text = (meta.get("text") or "").strip()
    if title and text.startswith(title):
        text = text[len(title):].lstrip("\n")
    site = _clean(meta.get("sitename"))
    host = _clean(meta.get("hostname"))
    outlet = table.canonical(site) or table.canonical(host) or site or host
    date = meta.get("date")
    date = parse_date(str(date)) if date else None
    m = _HTML_LANG.search(html[:5000])
    lang = (meta.get("language") or (m.group(1) if m else None) or detect_lang(text) or None)
    return {
        "doc_id": None, "outlet": outlet, "date": date, "title": title, "author": _clean(meta.get("author")),
        "lang": lang.lower()[:2] if lang else None, "text": text, "source": str(path),
        "encoding": decoded.encoding,
    }


def _clean(value) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
