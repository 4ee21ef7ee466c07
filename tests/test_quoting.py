"""CSV/TSV quoting gone wrong (issue 17, item 2): a broken quote never silently merges records."""
from __future__ import annotations

import csv

import pytest

from framing.cli import main
from framing.ingest.quoting import strict_ok, swallowed_reason
from framing.ingest.readers import ReadOptions, iter_records
from framing.manifest import Manifest


def read(path, **opts):
    m = Manifest()
    recs = list(iter_records([str(path)], ReadOptions(**opts), m))
    return recs, m


BROKEN = ("id,text,date\n"
          "1,The first article is fine.,2020-01-01\n"
          '2,"The second one opens a quote and never closes it,2020-01-02\n'
          "3,The third article is swallowed.,2020-01-03\n"
          '4,"The fourth is quoted properly",2020-01-04\n'
          "5,The fifth is after the damage.,2020-01-05\n")


def test_swallowing_record_is_skipped_with_its_lines_and_the_rest_is_read(tmp_path):
    p = tmp_path / "broken.csv"
    p.write_text(BROKEN, encoding="utf-8")
    recs, m = read(p)
    assert [r["doc_id"] for r in recs] == ["1", "5"]
    (row,) = m.skipped()
    assert row["record"] == "lines 3-5"
    assert "a quote opened on line 3" in row["reason"] and "1 of which looks like a record of its own" in row["reason"]
    assert "--csv-no-quotes" in row["reason"]
    # every line of the file is accounted for: 2 analysed + 1 skipped row covering lines 3-5
    assert m.counts() == {"analysed": 2, "skipped": 1, "duplicate": 0, "filler": 0}


def test_no_quotes_option_reads_every_line_as_a_record(tmp_path):
    p = tmp_path / "broken.csv"
    p.write_text(BROKEN, encoding="utf-8")
    recs, m = read(p, csv_quotes=False)
    assert [r["doc_id"] for r in recs] == ["1", "2", "3", "4", "5"]
    assert recs[1]["text"].startswith('"The second one')
    assert not m.skipped()


def test_tsv_with_unbalanced_quote_closing_at_a_well_placed_quote(tmp_path):
    # the swallowing ends at a quote that stands just before a delimiter: strict parsing passes,
    # but the swallowed lines are records of their own (their date cells are dates)
    p = tmp_path / "b.tsv"
    p.write_text("text\tdate\n"
                 '"He called it awful\t2021-05-01\n'
                 "Second article\t2021-05-02\n"
                 'Third ends with a quote"\t2021-05-03\n'
                 "Fourth article\t2021-05-04\n", encoding="utf-8")
    recs, m = read(p)
    assert [r["text"] for r in recs] == ["Fourth article"]
    (row,) = m.skipped()
    assert row["record"] == "lines 2-4" and "looks like a record of its own" in row["reason"]


def test_real_multiline_fields_are_not_flagged(tmp_path):
    p = tmp_path / "ok.csv"
    rows = [["id", "text", "date"],
            ["1", "First paragraph, with a comma.\n\nSecond paragraph, 2020, more.\nThird, line", "2020-01-01"],
            ["2", 'He said "no" twice,\nthen left', "2020-01-02"]]
    with open(p, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    recs, m = read(p)
    assert [r["doc_id"] for r in recs] == ["1", "2"]
    assert recs[0]["text"] == rows[1][1]
    assert not m.skipped()


def test_numeric_ids_make_swallowed_lines_visible_without_a_date_column(tmp_path):
    p = tmp_path / "n.csv"
    p.write_text('id,text\n10,One\n11,"Two never closes\n12,Three\n13,Four "quoted" end\n14,Five\n',
                 encoding="utf-8")
    recs, m = read(p)
    assert [r["doc_id"] for r in recs] == ["10", "14"]
    assert m.skipped()[0]["record"] == "lines 3-5"


def test_helpers():
    assert strict_ok(['1,"a\n', 'b",2\n'], ",")
    assert not strict_ok(['1,"a\n', '2,"b",3\n'], ",")
    assert swallowed_reason(['1,"a\n', 'b",2\n'], ",", 3, 2, 3, date_index=2, id_index=0, numeric_ids=True) is None


def test_cli_option_and_exit_code(tmp_path, capsys):
    p = tmp_path / "broken.csv"
    p.write_text(BROKEN, encoding="utf-8")
    assert main(["analyze", str(p), "-o", str(tmp_path / "a"), "--lexicons", "none", "--lexicon",
                 str(_lexicon(tmp_path)), "--jobs", "1", "--strict"]) == 1
    assert main(["analyze", str(p), "-o", str(tmp_path / "b"), "--lexicons", "none", "--lexicon",
                 str(_lexicon(tmp_path)), "--jobs", "1", "--strict", "--csv-no-quotes"]) == 0
    with open(tmp_path / "b" / "documents.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 5


def _lexicon(tmp_path):
    from pathlib import Path

    return Path(__file__).resolve().parent / "data" / "mini_lexicon.tsv"


def test_the_rest_of_a_record_cut_by_a_broken_quote_says_so(tmp_path):
    p = tmp_path / "cut.csv"
    rows = [["id", "date", "text"], ["a1", "2020-01-01", "First.\n\nSecond paragraph."],
            ["a2", "2020-01-02", "Broken one.\n\nIts end."], ["a3", "2020-01-03", "Next one.\n\nMore, and more.\n\nEnd."],
            ["a4", "2020-01-04", "Fine again."]]
    with open(p, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    text = p.read_text(encoding="utf-8").replace('Its end."', "Its end.", 1)  # the closing quote of a2 lost
    p.write_text(text, encoding="utf-8")
    recs, m = read(p)
    assert [r["doc_id"] for r in recs] == ["a1", "a4"]
    reasons = [r["reason"] for r in m.skipped()]
    assert reasons[0].startswith("a quote opened on line 5 does not close where a field ends")
    assert reasons[1:] and all("the broken quote of line 5 cut in two" in r for r in reasons[1:])
