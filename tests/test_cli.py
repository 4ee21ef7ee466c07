"""End-to-end: the CLI in-process on a hand-written corpus with hand-counted hits."""
import csv

import pytest

from framing.cli import main

# Hand count with tests/data/mini_lexicon.tsv:
#   n1: occupation forces, regime, so-called              -> 3
#   n2: Occupying forces, plundered                       -> 2
#   s1: Terrorists, terrorists                            -> 2
#   s2: "sanctions regime", "Her occupation": neutral senses -> 0
#   w1, w2: nothing                                        -> 0
EXPECTED = {"n1": 3, "n2": 2, "s1": 2, "s2": 0, "w1": 0, "w2": 0}


def run(*args):
    return main([str(a) for a in args])


@pytest.fixture
def analysed(tmp_path, data_dir):
    out = tmp_path / "out"
    code = run("analyze", data_dir / "mini_corpus.jsonl", "--lexicons", "none",
               "--lexicon", data_dir / "mini_lexicon.tsv", "-o", out, "--jobs", "1")
    assert code == 0
    return out


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_analyze_writes_the_four_tables_with_hand_counted_hits(analysed):
    docs = {r["doc_id"]: r for r in rows(analysed / "documents.csv")}
    assert {k: int(v["hits"]) for k, v in docs.items()} == EXPECTED
    assert docs["w2"]["date"] == ""           # missing dates are allowed
    assert int(docs["s1"]["words"]) == 11  # Terrorists attacked a checkpoint Troops killed two terrorists in the hills
    hits = rows(analysed / "hits.csv")
    assert [(h["doc_id"], h["surface"], h["entry"]) for h in hits] == [
        ("n1", "occupation forces", "t.occupation_forces"), ("n1", "regime", "t.regime"),
        ("n1", "so-called", "t.so_called"), ("n2", "Occupying forces", "t.occupation_forces"),
        ("n2", "plundered", "t.plunder"), ("s1", "Terrorists", "t.terrorists"), ("s1", "terrorists", "t.terrorists")]
    n1 = [h for h in hits if h["doc_id"] == "n1"]
    assert [int(h["sentence"]) for h in n1] == [0, 1, 2]
    text = "The occupation forces shelled the village at dawn."
    assert (int(n1[0]["start"]), int(n1[0]["end"])) == (4, 21) and text[4:21] == "occupation forces"
    by_outlet = {(r["outlet"], r["category"], r["entry"]): r for r in rows(analysed / "rates_by_outlet.csv")}
    # voices: "Residents said the regime ..." and "..., according to local farmers." are reported speech
    assert [h["voice"] for h in hits] == ["own", "attributed", "own", "attributed", "attributed", "own", "own"]
    north = by_outlet[("North Herald", "(all)", "(all)")]
    assert (int(north["hits"]), int(north["hits_attributed"])) == (2, 3)
    # rates count headlines and bodies (--zone all, framing.zones): the titles' words too
    words = sum(int(docs[d]["words"]) + int(docs[d]["headline_words"]) for d in ("n1", "n2"))
    assert (int(docs["n1"]["headline_words"]), int(docs["n2"]["headline_words"])) == (2, 1)  # "Convoy hit", "Oil"
    assert float(north["rate_per_1k"]) == pytest.approx(round(2000 / words, 3), rel=1e-4)
    assert float(north["rate_all_voices_per_1k"]) == pytest.approx(round(5000 / words, 3), rel=1e-4)
    periods = {(r["outlet"], r["period"], r["category"], r["entry"]): r for r in rows(analysed / "rates_by_period.csv")}
    assert int(periods[("(all)", "2021-01", "(all)", "(all)")]["hits"]) == 4   # n1 (2 own) + s1 (2)
    assert int(periods[("Wire", "(no date)", "(all)", "(all)")]["words"]) == (int(docs["w2"]["words"])
                                                                              + int(docs["w2"]["headline_words"]))
    manifest = rows(analysed / "manifest.csv")
    assert [m["status"] for m in manifest] == ["analysed"] * 6


def test_outputs_are_byte_identical_across_runs_and_jobs(tmp_path, data_dir, analysed):
    again = tmp_path / "again"
    run("analyze", data_dir / "mini_corpus.jsonl", "--lexicons", "none", "--lexicon",
        data_dir / "mini_lexicon.tsv", "-o", again, "--jobs", "2")
    for name in ("documents.csv", "hits.csv", "rates_by_outlet.csv", "rates_by_period.csv"):
        assert (again / name).read_bytes() == (analysed / name).read_bytes(), name


def test_period_option(tmp_path, data_dir):
    out = tmp_path / "q"
    assert run("analyze", data_dir / "mini_corpus.jsonl", "--lexicons", "none", "--lexicon",
               data_dir / "mini_lexicon.tsv", "--period", "quarter", "-o", out) == 0
    periods = {r["period"] for r in rows(out / "rates_by_period.csv")}
    assert periods == {"2021-Q1", "(no date)"}


@pytest.mark.parametrize("args, message", [
    (["analyze", "missing.csv", "-o", "{tmp}/o"], "missing.csv: no such file or folder"),
    (["analyze", "{tmp}/x.weird", "-o", "{tmp}/o"], "unknown format '.weird'"),
    (["analyze", "{tmp}/notext.csv", "-o", "{tmp}/o"], "notext.csv: no text column among a, b: name it with --text-col"),
    (["analyze", "{data}/mini_corpus.jsonl", "--lexicons", "none", "--lexicon", "{tmp}/bad.tsv"], "bad.tsv:2: unknown category 'nope'"),
    (["analyze", "--demo", "{data}/mini_corpus.jsonl"], "give either --demo or INPUT files, not both"),
    (["analyze"], "no INPUT given"),
    (["analyze", "{data}/mini_corpus.jsonl", "--period", "decade"], "invalid choice: 'decade'"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, data_dir, capsys, args, message):
    (tmp_path / "x.weird").write_text("x")
    (tmp_path / "notext.csv").write_text("a,b\n1,2\n")
    (tmp_path / "bad.tsv").write_text("id\tlang\tterm\tcategory\tstrength\tneutral\trationale\n"
                                      "a.b\ten\tregime\tnope\t2\tgov\tr\n")
    argv = [a.format(tmp=tmp_path, data=data_dir) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert err.startswith("error: ")


def test_strict_exit_code_when_records_skipped(tmp_path, data_dir):
    p = tmp_path / "some_bad.jsonl"
    p.write_text('{"text": "the regime"}\n{oops\n', encoding="utf-8")
    args = ["analyze", p, "--lexicons", "none", "--lexicon", data_dir / "mini_lexicon.tsv", "-o", tmp_path / "o"]
    assert run(*args) == 0
    assert run(*args, "--strict") == 1


def test_output_folder_not_writable(tmp_path, data_dir, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = run("analyze", data_dir / "mini_corpus.jsonl", "--lexicons", "none", "--lexicon",
               data_dir / "mini_lexicon.tsv", "-o", blocker / "sub")
    assert code == 2
    assert "cannot create the output folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["analyze", "report", "hits", "segment", "lexicon", "html", "exercise", "compare",
                                     "kwic", "score", "train", "evaluate", "termscores", "fingerprint"])
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out and f"framing {command}" in out


def test_hits_command_jsonl(tmp_path, data_dir, capsys):
    import json

    assert run("hits", data_dir / "mini_corpus.jsonl", "--lexicons", "none", "--lexicon",
               data_dir / "mini_lexicon.tsv") == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 7
    first = records[0]
    for key in ("doc_id", "outlet", "date", "file", "line", "start", "end", "surface", "entry", "category",
                "referent", "lang", "voice", "scare_quote", "so_called", "negated"):
        assert key in first
    assert first["surface"] == "occupation forces" and first["referent"] == "foreign forces"
    assert first["line"] == 1 and first["date"] == "2021-01-05"
    assert run("hits", data_dir / "mini_corpus.jsonl", "--lexicons", "none", "--lexicon",
               data_dir / "mini_lexicon.tsv", "--all") == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    neutral = [r for r in records if r["sense"] == "neutral"]
    assert sorted(r["surface"] for r in neutral) == ["occupation", "regime"]


def test_hits_dash_output_is_standard_output(tmp_path, data_dir, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("hits", data_dir / "mini_corpus.jsonl", "--lexicons", "none", "--lexicon",
               data_dir / "mini_lexicon.tsv", "--format", "csv", "-o", "-") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",")[:3] == ["doc_id", "outlet", "date"] and len(lines) == 1 + 7  # header + 7 hits
    assert "zone" in lines[0] and "phrase_start" in lines[0]
    assert list(tmp_path.iterdir()) == []  # no file named '-', and no '-.manifest.csv'
