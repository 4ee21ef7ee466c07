"""Odd option values and odd files beside the corpus (issue 17, item 17): each gives one clear line
or a sensible fallback, never an internal error (exit 3)."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framing.cli import main

DATA = Path(__file__).resolve().parent / "data"
LEX = ["--lexicons", "none", "--lexicon", str(DATA / "mini_lexicon.tsv")]


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_jobs_zero_means_all_cores_and_negative_is_one_line(tmp_path, capsys):
    src = DATA / "mini_corpus.jsonl"
    assert main(["analyze", str(src), *LEX, "--jobs", "0", "-o", str(tmp_path / "a")]) == 0
    assert main(["analyze", str(src), *LEX, "--jobs", "-1", "-o", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err
    assert "error: --jobs -1: give the number of worker processes, 1 or more (0 = all cores)" in err
    assert main(["analyze", str(src), *LEX, "--jobs", "100000", "-o", str(tmp_path / "c")]) == 0
    assert f"note: --jobs 100000 is more than this machine can use: {4 * (os.cpu_count() or 1)} worker" in \
        capsys.readouterr().err
    assert rows(tmp_path / "a" / "hits.csv") == rows(tmp_path / "c" / "hits.csv")


def test_events_file_in_cp1252_is_read(tmp_path, capsys):
    events = tmp_path / "events.csv"
    events.write_bytes("date,label\n2021-01-15,Caf\xe9 bombing \u2013 first reports\n".encode("cp1252"))
    out = tmp_path / "cmp"
    assert main(["compare", str(DATA / "mini_corpus.jsonl"), *LEX, "--events", str(events), "--charts", "none",
                 "--boot", "200", "-o", str(out), "--jobs", "1"]) == 0
    from framing.compare import read_events

    assert list(read_events(events)["label"]) == ["Caf\xe9 bombing \u2013 first reports"]


def test_model_sidecar_nested_thousands_deep_is_one_line(tmp_path, capsys):
    from framing.errors import ModelError
    from framing.model import load_model, metadata_path

    model = tmp_path / "m.joblib"
    model.write_bytes(b"not a model")
    metadata_path(model).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ModelError, match=r"unreadable model metadata \(nested too deeply\): retrain"):
        load_model(model)


def test_wording_file_missing_a_kind_falls_back_to_english_with_a_note(tmp_path, capsys):
    from framing.worksheets import load_wording

    mine = tmp_path / "mine.yaml"
    mine.write_text("name_line: 'Nom: ____'\ncompare:\n  title: 'Même événement'\n", encoding="utf-8")
    wording = load_wording(str(mine))
    assert wording["name_line"] == "Nom: ____"
    assert wording["compare"]["title"] == "Même événement"
    assert wording["spot"]["title"] == "Spot the loaded words"  # English for the missing kind
    assert wording["compare"]["key_intro"] == load_wording("en")["compare"]["key_intro"]  # English, filled in
    err = capsys.readouterr().err
    assert f"note: {mine}: no wording for key_banner, source_line, spot, compare.instructions" in err
    mine.write_text("- a list\n- not sections\n", encoding="utf-8")
    from framing.errors import OptionError

    with pytest.raises(OptionError, match="a wording file holds sections"):
        load_wording(str(mine))
    mine.write_bytes(b"spot:\n  title: 'Caf\xe9'\n")
    with pytest.raises(OptionError, match="cannot read the wording file .* save it as UTF-8"):
        load_wording(str(mine))


def test_exercise_with_a_wording_file_missing_the_kind_asked_for(tmp_path, capsys):
    mine = tmp_path / "fr.yaml"
    mine.write_text("name_line: 'Nom: ____'\n", encoding="utf-8")
    code = main(["exercise", "--demo", "--kind", "spot", "--wording", str(mine), "--items", "2",
                 "-o", str(tmp_path / "w.pdf"), "--jobs", "1"])
    assert code == 0
    assert (tmp_path / "w.pdf").stat().st_size > 1000 and (tmp_path / "w-key.pdf").exists()
    assert "no wording for" in capsys.readouterr().err


def test_a_10000_character_outlet_name_is_shortened_with_a_note(tmp_path, capsys):
    src = tmp_path / "c.jsonl"
    long_a, long_b = "Outlet " + "x" * 10_000, "Outlet " + "x" * 9_000
    with open(src, "w", encoding="utf-8") as f:
        for i, outlet in enumerate([long_a, long_b, "Short", long_a]):
            f.write(json.dumps({"text": "The regime spoke. The terrorists fled.", "outlet": outlet,
                                "date": f"2021-0{i + 1}-01"}) + "\n")
    out = tmp_path / "out"
    assert main(["analyze", str(src), *LEX, "-o", str(out), "--jobs", "1"]) == 0
    outlets = [d["outlet"] for d in rows(out / "documents.csv")]
    assert len(set(outlets)) == 3 and outlets[0] == outlets[3] != outlets[1]  # different names stay different
    assert all(len(o) < 100 for o in outlets)
    notes = [r["reason"] for r in rows(out / "manifest.csv")]
    assert notes[0].startswith("the outlet name is 10,007 characters long: shortened to 'Outlet xxx")
    assert main(["report", str(src), *LEX, "-o", str(tmp_path / "r.pdf"), "--jobs", "1",
                 "--sections", "summary,corpus,rates"]) == 0


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_a_console_that_cannot_print_arabic(tmp_path, encoding):
    src = tmp_path / "ar.csv"
    src.write_text("text,outlet\nقالت الحكومة إن الإرهابيين هاجموا المدينة,الجزيرة\n", encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    done = subprocess.run([sys.executable, "-m", "framing", "hits", str(src), "--format", "csv", "--jobs", "1"],
                          capture_output=True, env=env)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode(encoding)
    assert "\\u0627\\u0644\\u062c\\u0632\\u064a\\u0631\\u0629" in out  # الجزيرة, escaped
    assert "ar.armed.terrorist" in out
