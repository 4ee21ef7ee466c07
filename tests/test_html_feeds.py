"""Saved HTML pages (trafilatura) and RSS/Atom files (feedparser): text, metadata, no network."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.ingest.feeds import html_to_text, read_feed
from framing.ingest.html import read_html

DATA = Path(__file__).parent / "data" / "ingest"
COLUMNS = {"doc_id", "outlet", "date", "title", "author", "lang", "text", "source", "encoding"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a reader tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_html_page_main_text_and_metadata():
    rec = read_html(DATA / "page.html")
    assert set(rec) == COLUMNS and rec["doc_id"] is None
    assert (rec["outlet"], rec["date"], rec["title"], rec["author"], rec["lang"]) == (
        "Harbour Gazette", "2021-04-03", "Port strike spreads to second city", "Jane Roe", "en")
    assert rec["text"].startswith("Dock workers in the second city joined the strike")
    assert "Most read" not in rec["text"] and "Home" not in rec["text"] and "Copyright" not in rec["text"]
    assert rec["source"] == str(DATA / "page.html") and rec["encoding"] == "utf-8"


def test_html_site_name_is_looked_up_as_an_outlet():
    rec = read_html(DATA / "page_known_outlet.html")
    assert (rec["outlet"], rec["date"], rec["lang"]) == ("Al Mayadeen", "2022-04-12", "ar")
    assert rec["text"].startswith("افتتحت بلدية المدينة")


def test_html_without_article_does_not_fail():
    rec = read_html(DATA / "page_empty.html")
    assert isinstance(rec["text"], str) and rec["date"] is None


def test_html_missing_file():
    with pytest.raises(InputError, match="file not found"):
        read_html(DATA / "nope.html")


def test_rss_entries_with_their_own_dates_and_sources():
    recs = read_feed(DATA / "feed.rss")
    assert [set(r) for r in recs] == [COLUMNS] * 3
    assert [(r["outlet"], r["date"], r["title"], r["source"]) for r in recs] == [
        ("Press TV", "2020-05-14", "Ministry approves new wind farm on the coast", f"{DATA / 'feed.rss'}#entry 1"),
        ("Al-Ahed News", "2022-07-08", "Railway workers walk out over unpaid wages", f"{DATA / 'feed.rss'}#entry 2"),
        ("Press TV", None, "An entry without a date", f"{DATA / 'feed.rss'}#entry 3"),
    ]
    assert recs[0]["text"] == ("The energy ministry approved plans on Wednesday for a wind farm of forty turbines "
                               "on the northern coast.\n\nFishermen in the nearby villages have objected to the project.")
    assert recs[0]["author"] == "Staff writer" and recs[0]["lang"] == "en" and recs[0]["encoding"] == "utf-8"


def test_atom_entries():
    recs = read_feed(DATA / "feed.atom")
    assert [(r["outlet"], r["date"], r["author"]) for r in recs] == [
        ("Harbour Gazette", "2021-04-03", "Jane Roe"), ("Harbour Gazette", "2021-03-25", None)]
    assert recs[1]["text"] == "The city council voted to keep the night bus service running for another year."


@pytest.mark.parametrize("name, message", [
    ("not_a_feed.xml", r"not_a_feed.xml: not a readable RSS or Atom feed"),
    ("nope.xml", r"nope.xml: file not found"),
])
def test_feed_errors(name, message):
    with pytest.raises(InputError, match=message):
        read_feed(DATA / name)


def test_feed_given_as_a_url_like_text_is_not_fetched(tmp_path):
    path = tmp_path / "url.xml"
    path.write_text("https://example.com/feed.xml", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        read_feed(path)


@pytest.mark.parametrize("fragment, text", [
    ("<p>One &amp; two.</p><p>Three</p>", "One & two.\n\nThree"),
    ("Plain &lt;text&gt;", "Plain <text>"),
    ("<div>a<br>b<script>var x = 1;</script></div>", "a\n\nb"),
    ("", ""),
])
def test_html_to_text(fragment, text):
    assert html_to_text(fragment) == text
