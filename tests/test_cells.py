"""Typed cells, repeated header names and repeated ids (issue 17, items 3, 4 and 14)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.ingest.cells import meta_cell, text_cell, unique_names
from framing.ingest.readers import ReadOptions, iter_records
from framing.manifest import Manifest


def read(paths, **opts):
    m = Manifest()
    recs = list(iter_records([str(p) for p in paths], ReadOptions(**opts), m))
    return recs, m


def test_text_cell_conversions():
    assert text_cell("plain") == ("plain", "")
    assert text_cell(None) == ("", "")
    assert text_cell(["One.", "Two."]) == ("One.\n\nTwo.", "the text field held a list of 2 strings: joined as paragraphs")
    assert text_cell("é".encode()) == ("é", "the text field held bytes: decoded as UTF-8")
    for value, kind in [(12, "a number (12)"), (1.5, "a number (1.5)"), (True, "a true/false value (true)"),
                        ({"a": 1}, "an object"), ([1, 2], "a list of 2 value(s)"), (b"\xff\xfe\x00", "bytes that are not")]:
        text, note = text_cell(value)
        assert text is None and kind in note and note.endswith("not text: not analysed")


def test_meta_cell_conversions():
    assert meta_cell(7, "id") == ("7", "")
    assert meta_cell(["A", "B"], "author") == ("A, B", "")
    assert meta_cell(b"Outlet", "outlet") == ("Outlet", "")
    assert meta_cell({"name": "X"}, "outlet") == ("", "the outlet field holds an object ({...}): left empty")


def test_unique_names():
    assert unique_names(["a", "b", "a", "a#2", "a"]) == (["a", "b", "a#3", "a#2", "a#4"], {"a": [1, 3, 5]})
    assert unique_names(["x", "y"]) == (["x", "y"], {})


def test_typed_json_text_fields_are_never_analysed_as_their_repr(tmp_path):
    p = tmp_path / "typed.jsonl"
    objs = [{"id": "num", "text": 12345, "outlet": "O"}, {"id": "bool", "text": True}, {"id": "list", "text": ["First.", "Second."]},
            {"id": "mixed", "text": ["a", 3]}, {"id": "obj", "text": {"body": "x"}}, {"id": "ok", "text": "Plain."},
            {"id": "badmeta", "text": "Fine.", "outlet": {"name": "X"}}]
    p.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
    recs, m = read([p])
    assert {r["doc_id"]: r["text"] for r in recs} == {"list": "First.\n\nSecond.", "ok": "Plain.", "badmeta": "Fine."}
    assert all("[" not in r["text"] and "True" not in r["text"] for r in recs)
    skipped = {r["record"]: r["reason"] for r in m.skipped()}
    assert set(skipped) == {"line 1", "line 2", "line 4", "line 5"}
    assert "a number (12345)" in skipped["line 1"] and "true/false" in skipped["line 2"]
    notes = {r["doc_id"]: r["reason"] for r in m.rows if r["status"] == "analysed"}
    assert "joined as paragraphs" in notes["list"]
    assert notes["badmeta"] == "the outlet field holds an object ({...}): left empty"
    assert [r["outlet"] for r in recs if r["doc_id"] == "badmeta"] == ["(unknown)"]


def test_json_object_holding_two_lists_reads_the_one_with_text_and_says_so(tmp_path):
    p = tmp_path / "two.json"
    p.write_text(json.dumps({"articles": [{"text": "One."}, {"text": "Two."}],
                             "authors": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}), encoding="utf-8")
    recs, m = read([p])
    assert [r["text"] for r in recs] == ["One.", "Two."]
    (row,) = m.skipped()
    assert row["record"] == "'authors'" and "a list of 3 objects without a text column" in row["reason"]
    p.write_text(json.dumps({"a": [{"text": "One."}], "b": [{"text": "Two."}, {"text": "Three."}]}), encoding="utf-8")
    recs, m = read([p])
    assert [r["text"] for r in recs] == ["One.", "Two.", "Three."]
    assert len({r["doc_id"] for r in recs}) == 3
    p.write_text(json.dumps({"a": [{"x": 1}], "b": [{"y": 2}]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"holds 2 lists of objects \('a' \(1\), 'b' \(1\)\) and none has a text column"):
        read([p])


def test_parquet_typed_columns_and_an_out_of_range_timestamp(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "t.parquet"
    ts = pa.array([0, 1_600_000_000, 400_000_000_000], type=pa.timestamp("s"))  # the last is year 14645
    table = pa.table({"text": pa.array([b"Bytes text.", b"\xff\xfe bad", b"Third."], type=pa.binary()),
                      "date": ts, "outlet": ["A", "B", "C"]})
    pq.write_table(table, p)
    recs, m = read([p])
    assert [r["text"] for r in recs] == ["Bytes text.", "Third."]
    assert recs[0]["date"] is not None and recs[1]["date"] is None
    rows = {r["record"]: r for r in m.rows}
    assert rows["row 2"]["status"] == "skipped" and "bytes that are not UTF-8" in rows["row 2"]["reason"]
    assert "the date value cannot be read" in rows["row 3"]["reason"]
    assert "decoded as UTF-8" in rows["row 1"]["reason"]


def test_parquet_list_text_column(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "l.parquet"
    pq.write_table(pa.table({"text": [["Para one.", "Para two."], None], "id": [1, 2]}), p)
    recs, m = read([p])
    assert [r["text"] for r in recs] == ["Para one.\n\nPara two."]
    assert m.counts()["skipped"] == 1


def test_repeated_header_name_is_an_error_naming_the_columns(tmp_path):
    p = tmp_path / "dup.csv"
    p.write_text("id,text,outlet,text\n1,first,A,second\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dup.csv: the header names 2 columns 'text' \(columns 2, 4\): say which one "
                                         r"to read with --text-col"):
        read([p])
    recs, _ = read([p], text_col="text#2")
    assert recs[0]["text"] == "second"
    recs, _ = read([p], text_col="text#1")
    assert recs[0]["text"] == "first"
    with pytest.raises(InputError, match=r"the header names 2 columns 'text'"):
        read([p], text_col="text")


def test_header_names_differing_only_in_case_are_not_chosen_silently(tmp_path):
    p = tmp_path / "case.tsv"
    p.write_text("Title\ttext\ttitle\nT1\tbody\tT2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"the header names 2 columns 'Title', 'title' \(columns 1, 3\)"):
        read([p])
    recs, _ = read([p], title_col="title")
    assert recs[0]["title"] == "T2"


def test_repeated_header_in_a_folder_skips_that_file_with_the_reason(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.csv").write_text("text,text\nx,y\n", encoding="utf-8")
    (d / "b.csv").write_text("text\nfine\n", encoding="utf-8")
    recs, m = read([d])
    assert [r["text"] for r in recs] == ["fine"]
    assert "the header names 2 columns 'text'" in m.skipped()[0]["reason"]


def test_unused_repeated_columns_are_read_without_fuss(tmp_path):
    p = tmp_path / "tags.csv"
    p.write_text("text,tag,tag\nBody,a,b\n", encoding="utf-8")
    recs, m = read([p])
    assert [r["text"] for r in recs] == ["Body"] and not m.skipped()


def test_numbered_ids_stay_unique(tmp_path):
    p = tmp_path / "ids.jsonl"
    ids = ["a", "a", "a#2", "a#3", "a", "a#2"]
    p.write_text("".join(json.dumps({"id": i, "text": f"t{k}"}) + "\n" for k, i in enumerate(ids)), encoding="utf-8")
    recs, m = read([p])
    got = [r["doc_id"] for r in recs]
    assert len(set(got)) == len(got) == 6
    assert got[:2] == ["a", "a#2"]
    assert [r["doc_id"] for r in m.rows] == got


def test_json_object_giving_a_field_twice_says_which_was_read(tmp_path):
    p = tmp_path / "twice.jsonl"
    p.write_text('{"text": "first", "outlet": "A", "text": "second"}\n{"text": "plain", "tag": 1, "tag": 2}\n'
                 '{"text": "caf\\u00e9 \\ud800", "text": "last \\ud800"}\n', encoding="utf-8")
    recs, m = read([p])
    assert [r["text"] for r in recs] == ["second", "plain", "last \ufffd"]
    notes = [r["reason"] for r in m.rows]
    assert notes[0] == "the object gives the field 'text' more than once: the last one was read"
    assert notes[1] == ""  # an unused field given twice changes nothing
    assert "the field 'text' more than once" in notes[2]
    j = tmp_path / "twice.json"
    j.write_text('[{"text": "a", "text": "b"}]', encoding="utf-8")
    recs, m = read([j])
    assert recs[0]["text"] == "b" and "more than once" in m.rows[0]["reason"]


def test_numbered_ids_stay_unique_in_a_store_across_runs(tmp_path):
    import duckdb

    from framing.cli import main

    lexicon = ["--lexicons", "none", "--lexicon", str(Path(__file__).resolve().parent / "data" / "mini_lexicon.tsv")]
    store = tmp_path / "s.duckdb"
    for k, ids in enumerate([["a", "a", "a#2"], ["a#2", "a", "a#3"]]):
        p = tmp_path / f"run{k}.jsonl"
        p.write_text("".join(json.dumps({"id": i, "text": f"The regime {k} {n}."}) + "\n" for n, i in enumerate(ids)),
                     encoding="utf-8")
        assert main(["analyze", str(p), "--store", str(store), *lexicon, "--jobs", "1"]) == 0
    got = [r[0] for r in duckdb.connect(str(store), read_only=True).execute("SELECT doc_id FROM documents").fetchall()]
    assert len(got) == len(set(got)) == 6
