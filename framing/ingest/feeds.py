"""RSS and Atom files -> one corpus record per entry (feedparser; no network).

Each entry keeps its own date (published, else updated) and author. The outlet is the entry's own
source where the feed names one (RSS ``<source>``, as aggregators write), else the feed's title;
both are looked up in the outlet table. The text is the entry's full content when the feed
carries it, else its summary, with HTML turned into plain paragraphs.
"""
from __future__ import annotations

import io
from datetime import date as _date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from .encoding import read_bytes
from .dates import parse_date
from .outlets import OutletTable, default_outlets
from ..langguess import detect_lang

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "figure", "figcaption", "pre", "hr", "table"}
_SKIP = {"script", "style", "noscript", "iframe", "svg"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element, blank lines between."""
    if "<" not in fragment:
        return "\n\n".join(" ".join(p.split()) for p in unescape(fragment).split("\n\n") if p.strip())
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n"))
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(path: Path | str, *, outlets: OutletTable | None = None, max_mb: float | None = None) -> list[dict]:
    """One record per entry, with the corpus columns (see :func:`framing.ingest.html.read_html`).

    ``source`` is ``"<file>#entry N"`` (N from 1, in the feed's order). A ``.gz`` feed is
    decompressed first; the file is read whole, up to ``max_mb`` (see :func:`~.encoding.read_bytes`).
    """
    import feedparser

    path = Path(path)
    raw = read_bytes(path, max_mb=max_mb)
    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            problem = str(parsed.get("bozo_exception") or "not XML").splitlines()[0]
            raise InputError(f"{path}: not a readable RSS or Atom feed ({problem}): check that the file is a feed")
        return []
    table = outlets if outlets is not None else default_outlets()
    feed = parsed.get("feed", {})
    feed_title = _clean(feed.get("title"))
    feed_outlet = table.canonical(feed_title) or table.canonical(_host(feed.get("link"))) or feed_title
    feed_lang = _clean(feed.get("language"))
    records = []
    for number, entry in enumerate(parsed.entries, start=1):
        source = entry.get("source") or {}
        src_title = _clean(source.get("title"))
        outlet = (table.canonical(src_title) or table.canonical(_host(source.get("href") or source.get("url")))
                  or src_title or feed_outlet)
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        text = html_to_text(body or "")
        lang = None
        if contents and contents[0].get("language"):
            lang = contents[0]["language"]
        lang = lang or feed_lang or detect_lang(text)
        records.append({
            "doc_id": None, "outlet": outlet, "date": _entry_date(entry), "title": _clean(entry.get("title")),
            "author": _clean(entry.get("author")), "lang": lang.lower()[:2] if lang else None, "text": text,
            "source": f"{path}#entry {number}", "encoding": parsed.get("encoding") or "utf-8",
        })
    return records


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return _date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except ValueError:
                pass
    for key in ("published", "updated", "created", "dc_date"):
        if entry.get(key):
            iso = parse_date(str(entry[key]))
            if iso:
                return iso
    return None


def _host(url) -> str | None:
    if not url:
        return None
    from urllib.parse import urlparse

    return urlparse(str(url)).hostname


def _clean(value) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
