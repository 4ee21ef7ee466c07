import gzip
import json

import pandas as pd
import pytest

from framing.errors import InputError
from framing.ingest.dates import parse_one_date
from framing.ingest.readers import ReadOptions, iter_records
from framing.manifest import Manifest


def read(paths, **opts):
    m = Manifest()
    recs = list(iter_records([str(p) for p in paths], ReadOptions(**opts), m))
    return recs, m


def test_csv_guesses_columns_and_keeps_line_numbers(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text('id,source,published,headline,content\n'
                 '7,Outlet A,2021-03-04,Title,"First text,\nwith a newline"\n'
                 '8,Outlet B,04/05/2021,T2,Second text\n', encoding="utf-8")
    recs, m = read([p])
    assert [r["doc_id"] for r in recs] == ["7", "8"]
    assert [r["outlet"] for r in recs] == ["Outlet A", "Outlet B"]
    assert recs[0]["text"] == "First text,\nwith a newline"
    assert recs[0]["title"] == "Title"
    assert recs[1]["line"] == 4  # the quoted newline makes record 1 span lines 2-3
    assert recs[1]["date"] == "04/05/2021"
    assert m.counts()["analysed"] == 2


def test_column_options_override_guesses(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("body\tpaper\twhen\nSome text\tPaper\t2020-01-02\n", encoding="utf-8")
    recs, _ = read([p], text_col="body", outlet_col="paper", date_col="when")
    assert recs[0]["outlet"] == "Paper" and recs[0]["date"] == "2020-01-02"


def test_csv_without_text_column_is_a_clear_error(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv: no text column among a, b: name it with --text-col"):
        read([p])
    with pytest.raises(InputError, match=r"no column 'body' for --text-col"):
        read([p], text_col="body")


def test_ragged_and_empty_rows_are_skipped_with_reasons(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("text,outlet\nGood one,A\nbad,row,extra\n,B\n", encoding="utf-8")
    recs, m = read([p])
    assert len(recs) == 1
    reasons = {r["record"]: r["reason"] for r in m.skipped()}
    assert "3 fields where the header has 2" in reasons["line 3"]
    assert reasons["line 4"] == "empty text"


def test_jsonl_broken_line_is_skipped_and_rest_read(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"text": "one", "outlet": "A"}\n{broken\n[1,2]\n{"text": "two", "outlet": "B"}\n', encoding="utf-8")
    recs, m = read([p])
    assert [r["text"] for r in recs] == ["one", "two"]
    skipped = {r["record"]: r["reason"] for r in m.skipped()}
    assert skipped["line 2"].startswith("not valid JSON") and "line 3" in skipped


def test_json_list_and_wrapped_list(tmp_path):
    a = tmp_path / "a.json"
    a.write_text(json.dumps([{"content": "x1"}, {"content": "x2"}]), encoding="utf-8")
    b = tmp_path / "b.json"
    b.write_text(json.dumps({"articles": [{"text": "y"}]}), encoding="utf-8")
    recs, _ = read([a, b], outlet="Given")
    assert [r["text"] for r in recs] == ["x1", "x2", "y"]
    assert {r["outlet"] for r in recs} == {"Given"}


def test_parquet(tmp_path):
    p = tmp_path / "a.parquet"
    pd.DataFrame({"article_content": ["one", "two"], "outlet": ["A", "B"],
                  "date": pd.to_datetime(["2020-01-01", "2020-02-01"])}).to_parquet(p)
    recs, _ = read([p])
    assert [r["outlet"] for r in recs] == ["A", "B"]
    assert parse_one_date(recs[1]["date"]) == pd.Timestamp("2020-02-01")


def test_gzipped_jsonl(tmp_path):
    p = tmp_path / "a.jsonl.gz"
    p.write_bytes(gzip.compress(b'{"text": "zipped", "source": "S"}\n'))
    recs, _ = read([p])
    assert recs[0]["text"] == "zipped" and recs[0]["outlet"] == "S"


def test_folder_of_txt_files_outlet_from_subfolder(tmp_path):
    (tmp_path / "Outlet A").mkdir()
    (tmp_path / "Outlet A" / "one.txt").write_text("A single article about a ceasefire.\n", encoding="utf-8")
    (tmp_path / "loose.txt").write_text("Another article.\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    recs, m = read([tmp_path])
    outlets = {r["file"].rsplit("/", 1)[-1]: r["outlet"] for r in recs}
    assert outlets == {"one.txt": "Outlet A", "loose.txt": "(unknown)"}
    assert any("unsupported file type" in r["reason"] for r in m.skipped())


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(InputError, match=r"nope.csv: no such file or folder"):
        read([tmp_path / "nope.csv"])
    odd = tmp_path / "data.xyz"
    odd.write_text("x")
    with pytest.raises(InputError, match=r"data.xyz: unknown format '.xyz'"):
        read([odd])


def test_duplicate_ids_get_a_suffix(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": 1, "text": "a"}\n{"id": 1, "text": "b"}\n', encoding="utf-8")
    recs, _ = read([p])
    assert [r["doc_id"] for r in recs] == ["1", "1#2"]


def test_language_guess(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": "قالت قوات الاحتلال إن الهجوم وقع صباحا"}, ensure_ascii=False) + "\n"
                 + json.dumps({"text": "An English text."}) + "\n", encoding="utf-8")
    recs, _ = read([p])
    assert [r["lang"] for r in recs] == ["ar", "en"]


@pytest.mark.parametrize("value, dayfirst, expected", [
    ("2021-03-04", True, "2021-03-04"),
    ("2021-03-04T22:10:00+02:00", True, "2021-03-04"),
    ("04/05/2021", True, "2021-05-04"),
    ("04/05/2021", False, "2021-04-05"),
    ("March 4, 2021", True, "2021-03-04"),
    ("4 Mar 2021", True, "2021-03-04"),
    (1614816000, True, "2021-03-04"),
    ("", True, None),
    (None, True, None),
    ("not a date", True, None),
])
def test_dates(value, dayfirst, expected):
    got = parse_one_date(value, dayfirst=dayfirst)
    assert (got.strftime("%Y-%m-%d") if got is not None else None) == expected


def test_repost_records_original_outlet_and_reposting_site(tmp_path):
    p = tmp_path / "dump.txt"
    p.write_text("Convoy ambushed near the northern pass\n\nJune 3, 2021\n\nPress TV\n\n"
                 "Gunmen attacked a supply convoy near the northern pass on Tuesday, killing two drivers and wounding "
                 "four others, officials said. The convoy was carrying flour and medicine to villages cut off by the "
                 "fighting, and the road was closed for several hours.\n\n"
                 "The original source of this article is Global Research\n", encoding="utf-8")
    recs, _ = read([p])
    assert [(r["outlet"], r["reposted_by"]) for r in recs] == [("Global Research", "Press TV")]


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_fields_only_later_objects_have_are_read(tmp_path, fmt):
    # the first object has no title or date; the second has both, the third has its text under another key
    objs = [{"outlet": "A", "text": "First text."},
            {"outlet": "B", "text": "Second text.", "title": "A headline", "date": "2021-02-03"},
            {"outlet": "C", "body": "Third text."},
            {"outlet": "D", "summary": 3}]
    path = tmp_path / f"x.{fmt}"
    path.write_text("\n".join(json.dumps(o) for o in objs) if fmt == "jsonl" else json.dumps(objs), encoding="utf-8")
    recs, manifest = read([path])
    assert [r["text"] for r in recs] == ["First text.", "Second text.", "Third text."]
    assert [r["title"] for r in recs][:2] == ["", "A headline"]
    assert recs[0]["date"] is None and str(recs[1]["date"])[:10] == "2021-02-03"
    skipped = manifest.skipped()
    assert len(skipped) == 1 and skipped[0]["record"] in ("line 4", "record 4")  # D: no text, with its reason
    assert skipped[0]["reason"]
