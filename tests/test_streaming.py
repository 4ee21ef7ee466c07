"""`analyze -o DIR` writes hits.csv and attributions.csv as it goes and keeps only counts
(framing.streaming): its tables must equal those computed from every hit held in memory."""
from __future__ import annotations

import pandas as pd

import framing.analyze as analyze
from framing.analyze import AnalyzeOptions, analyze_corpus
from framing.cli import main
from framing.lexicon import load_lexicon
from framing.output import CsvStream, write_csv
from framing.tables import (add_counts, attribution_rates, hit_counts, rates_by_outlet, rates_by_period)

from test_reproducible import _corpus


def test_csv_stream_writes_the_same_bytes_as_one_write(tmp_path):
    frame = pd.DataFrame({"a": ["x", "y, with a comma", 'say "no"', ""], "n": [1, 2, 3, 4],
                          "d": pd.to_datetime(["2021-01-02", None, "2022-03-04", "2020-12-31"]),
                          "b": [True, False, True, False]})
    write_csv(tmp_path / "whole.csv", frame)
    stream = CsvStream(tmp_path / "parts.csv", ["a", "n", "d", "b"])
    for part in (frame.iloc[:1], frame.iloc[1:1], frame.iloc[1:3], frame.iloc[3:]):
        stream.write(part)
    assert not (tmp_path / "parts.csv").exists()  # not under its name before it is complete
    stream.close()
    assert (tmp_path / "parts.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    lines = (tmp_path / "parts.csv").read_text().splitlines()
    assert len(lines) == 5 and lines[2] == '"y, with a comma",2,"",false'


def test_csv_stream_of_nothing_is_a_header_and_abort_leaves_the_old_file(tmp_path):
    empty = CsvStream(tmp_path / "empty.csv", ["doc_id", "start"])
    empty.close()
    assert (tmp_path / "empty.csv").read_text() == '"doc_id","start"\n'
    (tmp_path / "old.csv").write_text("the previous file\n")
    stream = CsvStream(tmp_path / "old.csv", ["a"])
    stream.write(pd.DataFrame({"a": ["new"]}))
    stream.abort()
    assert (tmp_path / "old.csv").read_text() == "the previous file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.csv", "old.csv"]


def test_counts_add_up_to_the_counts_of_all_hits():
    hits = pd.DataFrame({
        "outlet": ["A", "A", "A", "B", "B"], "date": pd.to_datetime(["2021-01-01"] * 4 + [None]),
        "category": ["c"] * 5, "entry": ["e1", "e1", "e2", "e1", "e1"], "term": ["t1", "t1", "t2", "t1", "t1"],
        "voice": ["own", "quoted", "own", "own", "attributed"], "negated": [False, False, True, False, False],
        "sense": ["loaded"] * 4 + ["neutral"]})
    whole = hit_counts(hits)
    parts = add_counts([hit_counts(hits.iloc[:2]), hit_counts(hits.iloc[2:])])
    key = ["outlet", "entry"]
    assert whole.sort_values(key).reset_index(drop=True).equals(parts.sort_values(key).reset_index(drop=True))
    a = whole[(whole.outlet == "A") & (whole.entry == "e1")].iloc[0]
    assert (a.hits, a.hits_quoted, a.hits_attributed, a.hits_negated) == (1, 1, 0, 0)
    assert len(whole[whole.outlet == "B"]) == 1  # the neutral-sense hit is not counted


def test_analyze_tables_equal_the_tables_of_every_hit(tmp_path, monkeypatch, capsys):
    import framing.streaming

    monkeypatch.setattr(analyze, "_CHUNK_CHARS", 3000)  # many chunks, so the counts are added up
    monkeypatch.setattr(framing.streaming, "_FOLD_EVERY", 4)  # and added into one table now and then
    inputs = _corpus(tmp_path / "in")
    assert main(["analyze", *inputs, "-o", str(tmp_path / "out"), "--jobs", "1", "--period", "quarter"]) == 0
    full = analyze_corpus(inputs, load_lexicon(), options=AnalyzeOptions(jobs=1, progress=False))
    assert len(full.hits) > 500 and len(full.attributions) > 100
    for name, table in [("hits.csv", full.hits), ("attributions.csv", full.attributions),
                        ("rates_by_outlet.csv", rates_by_outlet(full.documents, full.hits)),
                        ("rates_by_period.csv", rates_by_period(full.documents, full.hits, "quarter")),
                        ("attribution_by_outlet.csv", attribution_rates(full.documents, full.attributions))]:
        write_csv(tmp_path / "expected.csv", table)
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "expected.csv").read_bytes(), name


def test_analyze_that_fails_midway_leaves_no_partial_hits_file(tmp_path, monkeypatch, capsys):
    inputs = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    (out / "hits.csv").write_text("an earlier run\n")
    monkeypatch.setattr(analyze, "_CHUNK_CHARS", 3000)
    real, calls = analyze._run_chunk, []

    def failing(chunk):
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real(chunk)

    monkeypatch.setattr(analyze, "_run_chunk", failing)
    assert main(["analyze", *inputs, "-o", str(out), "--jobs", "1"]) != 0
    assert "interrupted" in capsys.readouterr().err
    assert (out / "hits.csv").read_text() == "an earlier run\n"
    assert sorted(p.name for p in out.iterdir()) == ["hits.csv"]
