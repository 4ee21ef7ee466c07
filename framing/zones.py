"""Zones of a document: its headline (title, and subtitle where the input has one) and its body.

Headlines are where loaded wording concentrates, so they are matched and read in context like the
body, as a text of their own: every hit has ``zone`` = ``headline`` or ``body``, and its ``start``,
``end`` and ``sentence`` count in the text of its zone. The headline's text is the title, then a
line break and the subtitle when there is one; a hit's ``line`` is the line of the title or
subtitle it is in (a dump's header lines; a table's record line). A title that is also the first
line of the body (some PDF and Word documents) is not read twice: the document then has no
headline zone.

Words are counted per zone (documents ``words``: the body's, as before; ``headline_words``), so
that a rate per zone divides the zone's hits by the zone's words. The rate tables count
``--zone all`` by default: every hit over every word (the body's totals plus the headline's);
``--zone body`` gives the body alone (the tables before headlines were read), ``--zone headline``
the headlines alone. Attributions and example sentences come from the body only, and so does the
scare-quote table (whose words are the body's).
"""
from __future__ import annotations

import pandas as pd

ZONES = ("headline", "body")
ZONE_CHOICES = ("all", "headline", "body")
# what a rate counts with --zone all (the default, and the report's): said on the report's methods page
ALL_ZONES_RULE = ("headlines (titles and subtitles) are read like the body and counted with it: a rate divides "
                  "the hits in headline and body by the words of both")


def headline_of(rec: dict) -> tuple[str, list[tuple[int, int]]]:
    """The headline text of a record and where its pieces are: ``(text, [(offset, line), ...])``;
    ``("", [])`` when the record has no title and no subtitle, or its body opens with its title."""
    title = " ".join((rec.get("title") or "").split())
    subtitle = " ".join((rec.get("subtitle") or "").split())
    if title and _opens(rec.get("text") or "", title):
        return "", []
    line = rec.get("line") or 0
    pieces = [(p, rec.get(key) or line) for p, key in ((title, "title_line"), (subtitle, "subtitle_line")) if p]
    text, where = "", []
    for piece, at in pieces:
        if text:
            text += "\n"
        where.append((len(text), int(at)))
        text += piece
    return text, where


def _opens(text: str, title: str) -> bool:
    """The first non-blank line of ``text`` is ``title`` (spaces aside)."""
    head = text.lstrip()[: len(title) * 2 + 50]
    return " ".join(head.split("\n", 1)[0].split()) == title


def zone_hits(hits: pd.DataFrame, zone: str = "all") -> pd.DataFrame:
    """The hits (or hit counts) of one zone; ``all``: every one."""
    if zone == "all" or "zone" not in hits.columns:
        return hits
    return hits[hits["zone"] == zone]


def zone_documents(documents: pd.DataFrame, zone: str = "all") -> pd.DataFrame:
    """The documents with ``words`` = the words of the zone (``all``: body and headline)."""
    if zone == "body" or "headline_words" not in documents.columns:
        return documents.assign(words=0) if zone == "headline" else documents
    headline = documents["headline_words"].fillna(0).astype("int64")
    return documents.assign(words=headline if zone == "headline" else documents["words"] + headline)
