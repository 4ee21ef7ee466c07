"""`framing compare` and `framing kwic` in-process on the hand-counted mini corpus."""
import csv

import matplotlib.image as mpimg
import pytest

from framing.cli import main


def run(*args):
    return main([str(a) for a in args])


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def lex(data_dir):
    return ["--lexicons", "none", "--lexicon", data_dir / "mini_lexicon.tsv", "--jobs", "1"]


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    from pathlib import Path

    data = Path(__file__).resolve().parent / "data"
    out = tmp_path_factory.mktemp("compare")
    code = run("compare", data / "mini_corpus.jsonl", *lex(data), "--all-voices", "--period", "month",
               "--events", data / "stats" / "events.csv", "-o", out)
    assert code == 0
    return out


# Hand count over all voices (tests/test_cli.py): North Herald n1 3 + n2 2; South Post s1 2; Wire 0.
@pytest.mark.parametrize("outlet,hits", [("North Herald", 5), ("South Post", 2), ("Wire", 0)])
def test_rates_csv(compared, outlet, hits):
    table = rows(compared / "rates.csv")
    assert list(table[0])[:10] == ["group", "category", "term", "hits", "words", "rate_per_1k", "ci_low", "ci_high",
                                   "n_docs", "warning"]
    total = next(r for r in table if r["group"] == outlet and r["category"] == "(all)" and r["term"] == "(all)")
    assert int(total["hits"]) == hits and int(total["n_docs"]) == 2
    assert float(total["rate_per_1k"]) == pytest.approx(1000 * hits / int(total["words"]), rel=1e-5)
    assert "few documents (2 < 10)" in total["warning"]


def test_keyness_naming_changes_csv(compared):
    key = rows(compared / "keyness.csv")
    assert list(key[0])[:8] == ["group", "term", "hits_group", "hits_rest", "log_odds", "z", "g2", "p_adj"]
    terr = next(r for r in key if r["group"] == "South Post" and r["term"] == "terrorists")
    assert (terr["hits_group"], terr["hits_rest"]) == ("2", "0")
    naming = rows(compared / "naming.csv")
    assert list(naming[0])[:5] == ["referent", "group", "label", "hits", "share"]
    got = {(r["referent"], r["group"], r["label"]): (int(r["hits"]), float(r["share"])) for r in naming}
    assert got[("foreign forces", "North Herald", "occupation forces")] == (2, 1.0)   # n1 + n2 ("Occupying forces")
    assert got[("armed groups", "South Post", "terrorists")] == (2, 1.0)
    assert got[("government", "North Herald", "regime")] == (1, 1.0)
    changes = (compared / "changes.csv").read_text(encoding="utf-8").splitlines()
    assert changes[0].startswith('"outlet","referent","label","change_period","change_date"')
    series = rows(compared / "timeseries.csv")
    assert {r["period"] for r in series} == {"2021-01", "2021-02", "2021-03"}


@pytest.mark.parametrize("name", ["rates", "keyness", "naming", "timeseries", "dispersion"])
def test_charts_written(compared, name):
    img = mpimg.imread(str(compared / f"{name}.png"))[..., :3]
    assert (img.mean(axis=2) < 0.9).mean() > 0.01


def test_same_seed_same_numbers(tmp_path, data_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert run("compare", data_dir / "mini_corpus.jsonl", *lex(data_dir), "--charts", "none", "-o", out) == 0
    assert (a / "rates.csv").read_bytes() == (b / "rates.csv").read_bytes()
    assert not list(a.glob("*.png"))


def test_by_outlet_and_period(tmp_path, data_dir, capsys):
    out = tmp_path / "op"
    assert run("compare", data_dir / "mini_corpus.jsonl", *lex(data_dir), "--by", "outlet,period",
               "--period", "month", "--charts", "svg", "-o", out) == 0
    table = rows(out / "rates.csv")
    assert {"outlet", "period"} <= set(table[0])
    assert any(r["group"] == "North Herald | 2021-01" for r in table)
    assert (out / "timeseries.svg").exists() and not (out / "rates.svg").exists()
    assert "group(s) by outlet,period (period: month)" in capsys.readouterr().out


@pytest.mark.parametrize("extra,message", [
    (["--events", "stats/bad_events.csv"], "bad_events.csv:3: date 'last spring' not understood"),
    (["--events", "stats/missing.csv"], "cannot read the events file"),
    (["--charts", "gif"], "--charts gif: not a chart format"),
    (["--by", "topic"], "invalid choice"),
    (["--boot", "10"], "--boot 10: too few replicates"),
])
def test_compare_errors(tmp_path, data_dir, capsys, extra, message):
    extra = [str(data_dir / e) if e.startswith("stats/") else e for e in extra]
    code = run("compare", data_dir / "mini_corpus.jsonl", *lex(data_dir), *extra, "-o", tmp_path / "x")
    assert code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command", ["compare", "kwic"])
def test_help_has_examples(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(command, "--help")
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert "examples:" in text and f"framing {command}" in text


def test_kwic_prints_highlighted_lines(data_dir, capsys):
    assert run("kwic", "occupation forces", data_dir / "stats" / "kwic_corpus.jsonl", *lex(data_dir)) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 3
    assert "[occupation forces]" in lines[0] and "[occupying forces]" in captured.out
    assert "\033[1m" not in captured.out                     # not a terminal: brackets, no ANSI
    assert "3 occurrence(s) of occupation forces in 2 of 4 document(s)" in captured.err


def test_kwic_filters_csv_and_plot(tmp_path, data_dir, capsys):
    out, png = tmp_path / "k.csv", tmp_path / "k.png"
    assert run("kwic", "t.occupation_forces", data_dir / "stats" / "kwic_corpus.jsonl", *lex(data_dir),
               "--outlet", "North Herald", "--from", "2021-01-01", "--to", "2021-01-05", "--sort", "right",
               "-o", out, "--plot", png) == 0
    table = rows(out)
    assert [r["doc_id"] for r in table] == ["k1", "k1"]
    assert [r["right"].split()[0] for r in table] == ["entered", "withdrew"]
    img = mpimg.imread(str(png))[..., :3]
    assert (img.mean(axis=2) < 0.9).mean() > 0.01


def test_kwic_phrase_without_lexicon_and_outlet_name(tmp_path, data_dir, capsys):
    text = tmp_path / "a.txt"
    text.write_text("The talks on the ceasefire resumed.\n", encoding="utf-8")
    assert run("kwic", "ceasefire", text, "--lexicons", "none", "--outlet-name", "My Desk", "--jobs", "1") == 0
    out = capsys.readouterr().out
    assert "My Desk" in out and "[ceasefire]" in out


@pytest.mark.parametrize("extra,message", [
    (["--from", "yesterday"], "--from yesterday: date not understood"),
    (["--sort", "length"], "invalid choice"),
    (["--width", "2"], "--width 2: too narrow"),
])
def test_kwic_errors(data_dir, capsys, extra, message):
    assert run("kwic", "regime", data_dir / "mini_corpus.jsonl", *lex(data_dir), *extra) == 2
    assert message in capsys.readouterr().err
