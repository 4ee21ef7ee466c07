"""Headlines are a zone of their own (framing.zones): titles and subtitles of dumps, CSV and JSON Lines
files are matched and read in context; every hit has its zone; rates per zone. Hand-written texts,
hits counted by hand with tests/data/mini_lexicon.tsv."""
from __future__ import annotations

import csv
import json

import pytest

from framing.cli import main

BODY1 = ("The council met on Monday to discuss the new water plan for the northern districts. " * 3
         + "Residents complained that the regime ignored them for years.")   # 1 hit: regime
BODY2 = ("Farmers in the valley said the harvest was smaller than last year because of the drought. " * 3
         + "Officials blamed terrorists for the damage to the pumps.")       # 1 hit: terrorists
# Hand count:
#   article 1 (lines 1-5): headline "Terrorists shelled the village again" (line 1) -> Terrorists;
#                          body (line 4) -> regime
#   article 2 (lines 6-9): headline "Occupation forces plunder the oil field" (line 6) -> Occupation
#                          forces, plunder; body (line 9) -> terrorists
DUMP = ("Terrorists shelled the village again\nJune 17, 2022\n\n" + BODY1 + "\n\n"
        "Occupation forces plunder the oil field\nJune 18, 2022\n\n" + BODY2 + "\n")


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def analyse(tmp_path, name, content, *extra):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = tmp_path / ("out" + "".join(extra).replace("-", ""))
    assert main(["analyze", str(path), "--lexicons", "none", "--lexicon", "tests/data/mini_lexicon.tsv",
                 "-o", str(out), "--jobs", "1", *extra]) == 0
    return out


def test_a_dumps_title_lines_are_read_as_headlines_with_their_lines(tmp_path):
    out = analyse(tmp_path, "dump.txt", DUMP)
    hits = rows(out / "hits.csv")
    got = [(h["doc_id"], h["zone"], h["surface"], int(h["start"]), int(h["end"]), int(h["line"])) for h in hits]
    assert got == [
        ("dump.txt:1", "headline", "Terrorists", 0, 10, 1),
        ("dump.txt:1", "body", "regime", BODY1.index("regime"), BODY1.index("regime") + 6, 4),
        ("dump.txt:6", "headline", "Occupation forces", 0, 17, 6),
        ("dump.txt:6", "headline", "plunder", 18, 25, 6),
        ("dump.txt:6", "body", "terrorists", BODY2.index("terrorists"), BODY2.index("terrorists") + 10, 9),
    ]
    docs = {d["doc_id"]: d for d in rows(out / "documents.csv")}
    assert [(int(d["hits"]), int(d["headline_hits"]), int(d["headline_words"])) for d in docs.values()] == [
        (1, 1, 5), (1, 2, 6)]


# words: bodies 3 * 15 + 9 = 54 and 3 * 16 + 9 = 57; headlines 5 and 6
@pytest.mark.parametrize("zone, hits, words", [("all", 5, 54 + 57 + 5 + 6), ("headline", 3, 5 + 6), ("body", 2, 54 + 57)])
def test_the_rate_tables_count_one_zone_or_both(tmp_path, zone, hits, words):
    out = analyse(tmp_path, "dump.txt", DUMP, "--zone", zone)
    assert sum(int(d["words"]) for d in rows(out / "documents.csv")) == 54 + 57  # documents: the body's words
    [total] = [r for r in rows(out / "rates_by_outlet.csv") if r["category"] == "(all)"]
    assert (int(total["hits"]), int(total["words"])) == (hits, words)
    assert float(total["rate_per_1k"]) == pytest.approx(1000 * hits / words, rel=1e-4)
    assert len(rows(out / "hits.csv")) == 5  # hits.csv has every hit whatever --zone says


def test_a_dump_subtitle_is_part_of_the_headline_on_its_own_line(tmp_path):
    dump = ("Regime troops enter the town\n\n"
            "How the so-called coalition left the northern districts to the army after a week of talks\n\n"
            "June 17, 2022\n\n" + BODY1 + "\n")
    hits = rows(analyse(tmp_path, "d.txt", dump) / "hits.csv")
    # headline = "Regime troops enter the town\nHow the so-called ..." : "so-called" at 29 + 8
    assert [(h["zone"], h["surface"], int(h["start"]), int(h["line"])) for h in hits] == [
        ("headline", "Regime", 0, 1), ("headline", "so-called", 37, 3), ("body", "regime", BODY1.index("regime"), 7)]


def test_a_csv_title_column_is_a_headline(tmp_path):
    content = ("id,outlet,title,text\n"
               "a,North,\"Terrorists, again\",\"The regime said nothing. Terrorists were blamed.\"\n"
               "b,North,Calm day,\"Nothing to report.\"\n")
    out = analyse(tmp_path, "t.csv", content)
    hits = rows(out / "hits.csv")
    assert [(h["doc_id"], h["zone"], h["surface"], int(h["start"]), int(h["line"])) for h in hits] == [
        ("a", "headline", "Terrorists", 0, 2), ("a", "body", "regime", 4, 2), ("a", "body", "Terrorists", 25, 2)]
    docs = {d["doc_id"]: d for d in rows(out / "documents.csv")}
    assert (int(docs["a"]["headline_words"]), int(docs["b"]["headline_words"])) == (2, 2)


def test_a_jsonl_title_and_subtitle_are_read_in_context(tmp_path):
    records = [
        {"id": "q", "outlet": "South", "title": "Minister: \"terrorists\" behind the fire",
         "subtitle": "Not terrorists, say the villagers", "text": "The fire burned for two days."},
        {"id": "r", "outlet": "South", "title": "The fire burned for two days", "text": "The fire burned for two days\n\nThe regime said so."},
    ]
    out = analyse(tmp_path, "t.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    hits = rows(out / "hits.csv")
    got = [(h["doc_id"], h["zone"], h["surface"], int(h["start"]), h["negated"], int(h["sentence"])) for h in hits]
    # headline of q: title (0-38), "\n", subtitle from 39: "Not terrorists" -> negated
    assert got == [("q", "headline", "terrorists", 11, "false", 0), ("q", "headline", "terrorists", 43, "true", 1),
                   ("r", "body", "regime", 34, "false", 1)]  # r: a title that opens the body is not read twice
    docs = {d["doc_id"]: d for d in rows(out / "documents.csv")}
    assert (int(docs["q"]["headline_words"]), int(docs["r"]["headline_words"])) == (5 + 5, 0)


def test_kwic_shows_the_zone_of_each_line():
    import pandas as pd

    from framing.kwic import concordance_lines, format_line, query_entries

    rec = {"doc_id": "d", "outlet": "Desk", "date": pd.Timestamp("2021-05-04"), "title": "The regime falls",
           "text": "Crowds said the regime fell.", "source": "t#1", "lang": "en"}
    lines = concordance_lines([rec], query_entries("regime", None)).lines
    assert list(zip(lines["zone"], lines["start"], lines["left"])) == [("headline", 4, "The"), ("body", 16, "Crowds said the")]
    assert "(headline) The [regime]" in format_line(lines.iloc[0], 20, bold=False)
    assert "(headline)" not in format_line(lines.iloc[1], 20, bold=False)


def test_the_html_view_marks_headline_hits_in_the_headline(tmp_path):
    import re

    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "q", "outlet": "South", "title": "Terrorists strike", "subtitle": "The regime blames them",
                                "text": "Terrorists struck at dawn."}) + "\n", encoding="utf-8")
    out = tmp_path / "view.html"
    assert main(["html", str(path), "--lexicons", "none", "--lexicon", "tests/data/mini_lexicon.tsv", "-o", str(out)]) == 0
    payload = re.search(r'<script type="application/json" id="data">(.*?)</script>', out.read_text(encoding="utf-8")).group(1)
    [doc] = json.loads(payload)["docs"]
    assert doc[10] == "Terrorists strike\nThe regime blames them"
    hits = [doc[9][k:k + 7] for k in range(0, len(doc[9]), 7)]
    # (start, end, zone): the headline's two hits ("Terrorists", "regime" after the line break), the body's one
    assert sorted((h[6], h[0], h[1]) for h in hits) == [(0, 0, 10), (1, 0, 10), (1, 22, 28)]
    assert (doc[6], doc[7]) == (2 + 4 + 4, 3)  # words and loaded hits of both zones
