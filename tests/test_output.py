"""Outputs (framing.output): CSV cells that a spreadsheet would run are neutralised, outputs never
replace an input or a special file, and a full disk costs one line and no earlier file."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from framing.cli import main

DATA = Path(__file__).resolve().parent / "data"
LEXICON = DATA / "mini_lexicon.tsv"
MINI = ["--lexicons", "none", "--lexicon", str(LEXICON), "--jobs", "1"]

# cells a spreadsheet would run, each beginning with one of = + - @ tab CR, in every text field
HOSTILE = [
    {"id": "=1+2", "outlet": "=HYPERLINK(\"http://x.invalid\",\"Outlet\")", "title": "+SUM(A1:A9)",
     "author": "@author", "date": "2021-03-04", "text": "The terrorists attacked. Nothing else happened."},
    {"id": "-7", "outlet": "\tTabbed", "title": "\rCarriage", "author": "-dash",
     "date": "2021-03-05", "text": "terrorists, said nobody. The occupation goes on."},
    {"id": "plain", "outlet": "Plain Outlet", "title": "A - title", "author": "Someone",
     "date": "2021-03-06", "text": "An occupation of the square."},
]


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "=cmd.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE), encoding="utf-8")
    return path


def _read(path):
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def test_csv_cells_that_would_run_as_formulas_get_a_quote(tmp_path, hostile):
    assert main(["analyze", str(hostile), *MINI, "-o", str(tmp_path / "out")]) == 0
    docs = _read(tmp_path / "out" / "documents.csv")
    assert list(docs["doc_id"]) == ["'=1+2", "'-7", "plain"]
    # (the readers strip the tab and the carriage return at the start of a field)
    assert list(docs["outlet"]) == ["'=HYPERLINK(\"http://x.invalid\",\"Outlet\")", "Tabbed", "Plain Outlet"]
    assert list(docs["title"]) == ["'+SUM(A1:A9)", "Carriage", "A - title"]
    assert list(docs["author"]) == ["'@author", "'-dash", "Someone"]
    assert list(docs["words"]) == ["6", "7", "5"]           # numbers are not touched
    hits = _read(tmp_path / "out" / "hits.csv")
    assert sorted(hits["doc_id"]) == ["'-7", "'-7", "'=1+2", "plain"]
    assert set(hits["file"]) == {str(hostile)}
    rates = _read(tmp_path / "out" / "rates_by_outlet.csv")
    assert "'=HYPERLINK(\"http://x.invalid\",\"Outlet\")" in set(rates["outlet"])
    manifest = _read(tmp_path / "out" / "manifest.csv")
    assert set(manifest["doc_id"]) == {"'=1+2", "'-7", "plain"}
    # no cell of any table begins with a formula character
    for name in ("documents", "hits", "rates_by_outlet", "rates_by_period", "manifest", "attributions"):
        for col, values in _read(tmp_path / "out" / f"{name}.csv").items():
            bad = [v for v in values if v[:1] in ("=", "+", "@", "\t", "\r")
                   or (v[:1] == "-" and not _number(v))]
            assert not bad, (name, col, bad)


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def test_csv_raw_writes_the_cells_as_they_are_and_the_store_keeps_them(tmp_path, hostile, capsys):
    assert main(["analyze", str(hostile), *MINI, "--csv-raw", "-o", str(tmp_path / "raw")]) == 0
    docs = _read(tmp_path / "raw" / "documents.csv")
    assert list(docs["doc_id"]) == [r["id"] for r in HOSTILE]
    assert list(docs["title"]) == ["+SUM(A1:A9)", "Carriage", "A - title"]
    assert main(["analyze", str(hostile), *MINI, "--store", str(tmp_path / "s.duckdb")]) == 0
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        assert [r[0] for r in con.execute("SELECT outlet FROM documents ORDER BY seq").fetchall()] == \
            ["=HYPERLINK(\"http://x.invalid\",\"Outlet\")", "Tabbed", "Plain Outlet"]
    capsys.readouterr()
    assert main(["hits", "--store", str(tmp_path / "s.duckdb"), "--format", "csv"]) == 0   # to stdout
    out = capsys.readouterr().out
    assert "'=1+2" in out and "\n=1+2" not in out and ",=1+2" not in out
    assert main(["hits", "--store", str(tmp_path / "s.duckdb"), "--format", "jsonl"]) == 0  # JSON: raw
    assert {json.loads(line)["doc_id"] for line in capsys.readouterr().out.splitlines()} == {"=1+2", "-7", "plain"}


def test_every_formula_start_is_neutralised_and_nothing_else(tmp_path):
    from framing.output import write_csv

    cells = ["=1", "+1", "-x", "@a", "\tt", "\rr", "a=1", " =1", "", "plain", "'=already"]
    write_csv(tmp_path / "t.csv", pd.DataFrame({"cell": cells, "n": range(len(cells)), "f": [-1.5] * len(cells)}))
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False, dtype=str)
    assert list(back["cell"]) == ["'=1", "'+1", "'-x", "'@a", "'\tt", "'\rr", "a=1", " =1", "", "plain", "'=already"]
    assert set(back["f"]) == {"-1.5"}
