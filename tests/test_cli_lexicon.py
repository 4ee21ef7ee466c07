"""Every `framing lexicon` action on a small lexicon written here: what each prints and returns
(counts by hand from the four entries below)."""
import csv
import io

import pytest

from framing.cli import main

HEADER = "id\tlang\tterm\tvariants\tcategory\treferent\tstrength\tneutral\trationale\tambiguous\tneutral_cues\n"
ENTRIES = [
    "x.regime\ten\tregime\tregimes\tstate_label\tgovernment\t2\tgovernment\tDenies legitimacy.\tno\t\n",
    "x.junta\ten\tjunta\tjuntas\tstate_label\tgovernment\t3\tmilitary government\tCasts it as usurpers.\tyes\tfootball\n",
    "x.heroes\ten\theroes\thero\tglorifying\tfighters\t1\tfighters\tHonours one side.\tno\t\n",
    "x.nizam\tar\tالنظام\t\tstate_label\tgovernment\t2\tالحكومة\tDenies legitimacy.\tno\t\n",
]


@pytest.fixture
def lex(tmp_path):
    path = tmp_path / "lex.tsv"
    path.write_text(HEADER + "".join(ENTRIES), encoding="utf-8")
    return path


def run(capsys, *args):
    code = main(["lexicon", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def own(lex):
    return ["--lexicons", "none", "--lexicon", str(lex)]


def test_list_as_csv_and_filtered(lex, capsys):
    code, out, _ = run(capsys, "list", *own(lex), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["x.regime", "x.junta", "x.heroes", "x.nizam"]
    assert rows[1]["variants"] == "juntas" and rows[1]["ambiguous"] == "yes" and rows[1]["strength"] == "3"
    _, out, _ = run(capsys, "list", *own(lex), "--format", "csv", "--category", "glorifying")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["x.heroes"]
    _, out, _ = run(capsys, "list", *own(lex), "--format", "csv", "--lang", "ar")
    assert [r["term"] for r in csv.DictReader(io.StringIO(out))] == ["النظام"]
    code, out, _ = run(capsys, "list", *own(lex))     # the table: seven columns, one line per entry
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "lang", "term", "category", "referent", "strength", "neutral"]
    assert len(lines) == 5 and "x.heroes" in lines[3] and "rationale" not in out


def test_show_by_variant_with_the_file_and_line(lex, capsys):
    code, out, _ = run(capsys, "show", "juntas", *own(lex))
    assert code == 0
    assert out.splitlines()[0] == "junta  [x.junta]"
    assert "  strength:   3 (extreme)" in out
    assert "  neutral:    military government" in out
    assert "  ambiguous:  yes; neutral sense when near: football" in out
    assert f"  defined in: {lex}:3" in out      # header on line 1, x.junta on line 3
    code, out, _ = run(capsys, "show", "x.regime", *own(lex))
    assert code == 0 and out.startswith("regime  [x.regime]") and "ambiguous" not in out


def test_show_of_an_unknown_term_is_one_line_and_exit_2(lex, capsys):
    code, out, err = run(capsys, "show", "militants", *own(lex))
    assert code == 2 and out == ""
    assert err.strip() == (f"error: no entry for 'militants' in {lex}: try 'framing lexicon list' to see all entries")


def test_validate_a_good_file(lex, capsys):
    code, out, err = run(capsys, "validate", lex)
    assert code == 0 and err == ""
    assert out.strip() == f"{lex}: 4 valid entries; OK"


def test_validate_names_every_problem_by_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + ENTRIES[0] + ENTRIES[1].replace("state_label", "nope")
                   + ENTRIES[2].replace("\t1\t", "\t7\t"), encoding="utf-8")
    code, out, err = run(capsys, "validate", bad)
    assert code == 2
    assert f"{bad}:3: unknown category 'nope'" in err
    assert f"{bad}:4: strength '7' must be 1" in err
    assert out.strip() == f"{bad}: 1 valid entry; 2 problem(s)"
    assert "2 problem(s) found: fix the lines listed above and validate again" in err


def test_stats_counts_per_category_language_and_strength(lex, capsys):
    code, out, _ = run(capsys, "stats", *own(lex))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "4 entries"
    row = next(ln.split() for ln in lines if ln.startswith("state_label"))
    assert row == ["state_label", "1", "2", "3"]          # ar, en, total
    assert next(ln.split() for ln in lines if ln.startswith("total")) == ["total", "1", "3", "4"]
    strengths = [ln.split() for ln in lines if ln.startswith("state_label")][1]
    assert strengths == ["state_label", "0", "2", "1"]    # strength 1, 2, 3
    assert lines[-1] == "ambiguous entries: 1"


def test_balance_per_referent_and_the_missing_pairs(lex, capsys):
    code, out, err = run(capsys, "balance", *own(lex), "--format", "csv")
    rows = [(r["referent"], r["lang"], r["unfavourable"], r["favourable"]) for r in csv.DictReader(io.StringIO(out))]
    assert rows == [("fighters", "en", "0", "1"), ("government", "ar", "1", "0"), ("government", "en", "2", "0")]
    assert code == 1        # the required pairs are not in a four-entry lexicon
    missing = err.strip().removeprefix("missing from a required pair: ").split(", ")
    assert "regime" not in missing and {"occupation forces", "terrorists", "martyr"} <= set(missing)
    code, out, _ = run(capsys, "balance", *own(lex))
    assert "3 referent/language pair(s) have words on one side only" in out


def test_coverage_counts_hits_per_article_and_nearby_words(lex, tmp_path, capsys):
    corpus = tmp_path / "c.csv"
    corpus.write_text("id,outlet,text\n1,North,The regime and its regimes met the junta in Valdor.\n"
                      "2,South,Nothing loaded here at all.\n", encoding="utf-8")
    out_dir = tmp_path / "cov"
    code, out, _ = run(capsys, "coverage", corpus, *own(lex), "-o", out_dir)
    assert code == 0 and f"coverage of 2 article(s) written to {out_dir}/" in out
    articles = list(csv.DictReader(open(out_dir / "coverage_articles.csv", encoding="utf-8")))
    assert [(a["doc_id"], a["hits"], a["terms"]) for a in articles] == [("1", "3", "regime (2); junta (1)"),
                                                                       ("2", "0", "")]
    nearby = {r["word"]: r["count_near_hits"] for r in csv.DictReader(open(out_dir / "coverage_nearby.csv",
                                                                           encoding="utf-8"))}
    # words of 3+ letters, 4 each side within 60 characters: Valdor is among the four right of "regimes"
    # (met, the, junta, Valdor) and of "junta", not of "regime" (and, its, regimes, met)
    assert nearby["valdor"] == "2" and "regime" not in nearby and "the" not in nearby


def test_files_lists_the_shipped_lexicons_where_they_are(capsys):
    from pathlib import Path

    code, out, _ = run(capsys, "files")
    assert code == 0
    listed = dict(line.split("\t") for line in out.splitlines())
    assert {"en/core", "ar/core"} <= set(listed)
    assert all(Path(p).is_file() and p.endswith(f"{name}.tsv") for name, p in listed.items())


def test_lexicon_without_an_action_prints_its_actions(capsys):
    code, out, _ = run(capsys)
    assert code == 0
    for action in ("list", "show", "validate", "stats", "balance", "coverage", "files"):
        assert action in out
