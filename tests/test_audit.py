"""framing.audit: sampling, reading coders' sheets, precision, agreement; checked by hand and against
independent implementations (scipy's Wilson interval, the krippendorff package, scikit-learn's and
statsmodels' kappas)."""
from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from framing.audit import (SampleOptions, agreement_table, hit_id, precision_table, read_sheets, recall_estimate,
                           sample_hits,
                           stratified, stratum_fields, voice_table, wilson)
from framing.cli import main

# ----------------------------------------------------------------------------- a small corpus of our own

TEXTS = {
    "a1": "The regime shelled the town. Officials said the militants had fled. The weather was mild today.",
    "a2": "Rebels and militants met the regime's envoy. Nobody spoke of peace at the long meeting.",
    "b1": "\"They are terrorists,\" the minister said. The regime denied it. Markets were calm in the city.",
    "b2": "The so-called government met again. Terrorists were blamed by the regime. Talks will resume next week in Geneva.",
}
OUTLET = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}


def _hits() -> pd.DataFrame:
    rows = []
    spec = [("regime", "state_label"), ("militants", "armed_actor_label"), ("Rebels", "armed_actor_label"),
            ("terrorists", "armed_actor_label"), ("Terrorists", "armed_actor_label"), ("so-called", "delegitimising")]
    for doc, text in TEXTS.items():
        for word, cat in spec:
            start = text.find(word)
            while start >= 0:
                voice = "quoted" if text[max(0, start - 12):start].count('"') else "own"
                rows.append({"doc_id": doc, "outlet": OUTLET[doc], "date": pd.Timestamp("2024-01-02"), "start": start,
                             "end": start + len(word), "sentence": 0, "surface": word, "entry": f"e.{word.lower()}",
                             "term": word.lower(), "category": cat, "referent": "", "strength": 2, "lang": "en",
                             "voice": voice, "scare_quote": False, "so_called": word == "so-called", "negated": False,
                             "sense": "loaded"})
                start = text.find(word, start + 1)
    return pd.DataFrame(rows)


def test_hit_ids_come_from_the_hit_not_from_its_row():
    assert hit_id("a1", 4, 10, "e.regime") == hit_id("a1", 4, 10, "e.regime")
    assert hit_id("a1", 4, 10, "e.regime") != hit_id("a1", 4, 11, "e.regime")
    hits = _hits()
    sheet, _ = sample_hits(hits, TEXTS, SampleOptions(n=50, by=("category",)))
    shuffled, _ = sample_hits(hits.sample(frac=1, random_state=3), TEXTS, SampleOptions(n=50, by=("category",)))
    assert list(sheet["hit_id"]) == list(shuffled["hit_id"])  # input order does not matter


def test_sample_is_stratified_seeded_and_marks_the_term():
    hits = _hits()
    # counted by hand: regime 4 (a1, a2, b1, b2), militants 2, Rebels 1, terrorists 1, Terrorists 1, so-called 1
    assert len(hits) == 10
    sheet, info = sample_hits(hits, TEXTS, SampleOptions(n=4, by=("category",), seed=7))
    again, _ = sample_hits(hits, TEXTS, SampleOptions(n=4, by=("category",), seed=7))
    pd.testing.assert_frame_equal(sheet, again)
    # three strata share 4 rows: one each at least, the fourth to the first stratum with room
    assert sorted(sheet["stratum"].value_counts().tolist()) == [1, 1, 2]
    assert info["strata"]["category=delegitimising"] == {"size": 1, "sampled": 1}
    row = sheet[sheet["term"] == "so-called"].iloc[0]
    assert row["sentence"] == "The [[so-called]] government met again."
    assert row["flags"] == "so_called" and row["label"] == "" and row["voice_label"] == ""
    other, _ = sample_hits(hits, TEXTS, SampleOptions(n=4, by=("category",), seed=8))
    assert set(other["hit_id"]) != set(sheet["hit_id"])


def test_misses_samples_sentences_without_hits():
    sheet, info = sample_hits(_hits(), TEXTS, SampleOptions(n=3, by=(), misses=10))
    sent = sheet[sheet["kind"] == "sentence"]
    # sentences of four or more words without a hit, counted by hand: a1 3rd, a2 2nd, b1 3rd, b2 3rd
    assert info["sentences_without_hits"] == 4 and len(sent) == 4
    assert "Markets were calm in the city." in set(sent["sentence"])
    # a document without hits: its outlet comes from the documents table
    texts = dict(TEXTS, c1="Rain fell on the quiet hills all night.")
    docs = pd.DataFrame({"doc_id": list(texts), "outlet": [OUTLET.get(d, "C") for d in texts], "date": pd.NaT})
    sheet, info = sample_hits(_hits(), texts, SampleOptions(n=3, by=(), misses=10), docs)
    sent = sheet[sheet["kind"] == "sentence"]
    assert info["sentences_without_hits"] == 5
    assert sent.loc[sent["doc_id"] == "c1", "outlet"].tolist() == ["C"]


def test_wilson_by_hand_and_by_scipy():
    from scipy.stats import binomtest

    lo, hi = wilson(8, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.4902, 0.9433)  # by hand, z = 1.96
    for k, n in ((0, 5), (5, 5), (13, 40), (1, 1)):
        ci = binomtest(k, n).proportion_ci(method="wilson")
        assert wilson(k, n) == pytest.approx((ci.low, ci.high), abs=1e-9)


def _write_sheets(tmp_path, labels_by_coder: dict[str, list[str]], voices_by_coder=None):
    """A sheet of ten items from the corpus above, filled by each coder."""
    hits = _hits()
    sheet, info = sample_hits(hits, TEXTS, SampleOptions(n=10, by=("category",), seed=1))
    sheet = sheet.sort_values("hit_id").reset_index(drop=True)
    paths = []
    for coder, labels in labels_by_coder.items():
        t = sheet.copy()
        t["label"] = labels
        if voices_by_coder:
            t["voice_label"] = voices_by_coder[coder]
        path = tmp_path / f"{coder}.csv"
        t.to_csv(path, index=False)
        paths.append(path)
    return sheet, info, paths


A = ["correct"] * 6 + ["incorrect"] * 3 + ["unsure"]
B = ["correct"] * 5 + ["incorrect", "incorrect", "incorrect", "correct", "unsure"]


def test_agreement_by_hand_and_by_independent_implementations(tmp_path):
    _, _, paths = _write_sheets(tmp_path, {"a": A, "b": B})
    sheets = read_sheets(paths)
    ag = agreement_table(sheets).set_index(["field", "measure"])["value"]
    # By hand: observed agreement 8/10; both coders' marginals c .6, i .3, u .1 -> expected .46
    assert ag["label", "cohen_kappa"] == pytest.approx((0.8 - 0.46) / 0.54, abs=1e-6)
    assert ag["label", "fleiss_kappa"] == pytest.approx((0.8 - 0.46) / 0.54, abs=1e-6)
    # Krippendorff's alpha, nominal: D_o = 4/20, D_e = 2 (12*6 + 12*2 + 6*2) / (20*19)
    assert ag["label", "krippendorff_alpha"] == pytest.approx(1 - 0.2 / (216 / 380), abs=1e-6)
    import krippendorff
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    code = {"correct": 0, "incorrect": 1, "unsure": 2}
    assert ag["label", "krippendorff_alpha"] == pytest.approx(krippendorff.alpha(
        reliability_data=[[code[x] for x in A], [code[x] for x in B]], level_of_measurement="nominal"), abs=1e-9)
    assert ag["label", "cohen_kappa"] == pytest.approx(cohen_kappa_score(A, B), abs=1e-9)
    table, _ = aggregate_raters(list(zip([code[x] for x in A], [code[x] for x in B])))
    assert ag["label", "fleiss_kappa"] == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-9)


def test_three_coders_fleiss_against_statsmodels(tmp_path):
    C = ["correct"] * 4 + ["incorrect"] * 5 + ["correct"]
    _, _, paths = _write_sheets(tmp_path, {"a": A, "b": B, "c": C})
    ag = agreement_table(read_sheets(paths)).set_index(["field", "measure"])["value"]
    import krippendorff
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    code = {"correct": 0, "incorrect": 1, "unsure": 2}
    data = [[code[x] for x in col] for col in (A, B, C)]
    table, _ = aggregate_raters(list(zip(*data)))
    assert ag["label", "fleiss_kappa"] == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-9)
    assert ag["label", "krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"), abs=1e-9)


def test_precision_per_stratum_consensus_and_weighting(tmp_path):
    sheet, _, paths = _write_sheets(tmp_path, {"a": A, "b": B})
    sheets = read_sheets(paths)
    p = precision_table(sheets)
    # consensus: equal labels kept, the two disagreements (one correct/incorrect, and the tie) undecided
    cons = [x if x == y else "" for x, y in zip(A, B)]
    for stratum, g in sheet.assign(cons=cons).groupby("stratum"):
        row = p[(p["scope"] == "stratum") & (p["stratum"] == stratum)].iloc[0]
        k, n = (g["cons"] == "correct").sum(), g["cons"].isin(["correct", "incorrect"]).sum()
        assert (row["correct"], row["n_coded"]) == (k, n)
        if n:
            assert row["precision"] == pytest.approx(k / n)
            assert (row["ci_low"], row["ci_high"]) == pytest.approx(wilson(k, n))
    coder_a = p[(p["scope"] == "coder") & (p["coder"] == "a")].iloc[0]
    assert (coder_a["correct"], coder_a["incorrect"], coder_a["unsure"]) == (6, 3, 1)
    assert coder_a["precision"] == pytest.approx(6 / 9)


def test_stratified_precision_by_hand():
    rows = [{"precision": 0.8, "n_coded": 10, "stratum_size": 300}, {"precision": 0.5, "n_coded": 10, "stratum_size": 100}]
    p, lo, hi, n_eff = stratified(rows)
    assert p == pytest.approx(0.75 * 0.8 + 0.25 * 0.5)  # 0.725
    z2 = 1.959963984540054 ** 2
    pa, pb = (8 + z2 / 2) / (10 + z2), (5 + z2 / 2) / (10 + z2)
    var = 0.75 ** 2 * pa * (1 - pa) / (10 + z2) + 0.25 ** 2 * pb * (1 - pb) / (10 + z2)
    assert n_eff == pytest.approx(min(20, 0.725 * 0.275 / var))
    assert (lo, hi) == pytest.approx(wilson(0.725 * n_eff, n_eff))
    assert lo < 0.725 < hi


def test_voice_accuracy(tmp_path):
    sheet, _, _ = _write_sheets(tmp_path, {"x": A})
    voices = list(sheet["voice"])
    wrong = ["attributed" if v == "own" else "own" for v in voices]
    labelled = voices[:7] + wrong[7:]
    _, _, paths = _write_sheets(tmp_path, {"a": A}, {"a": labelled})
    v = voice_table(read_sheets(paths)).set_index("voice")
    assert (v.loc["(all)", "agree"], v.loc["(all)", "n_labelled"]) == (7, 10)
    assert v.loc["(all)", "accuracy"] == pytest.approx(0.7)


# ----------------------------------------------------------------------------- bad sheets

def _rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f))


def _save(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def test_every_problem_is_one_line_with_file_and_line(tmp_path, capsys):
    _, _, (a, b) = _write_sheets(tmp_path, {"a": A, "b": B})
    rows = _rows(b)
    head = rows[0]
    rows[3][head.index("label")] = "corect"          # file line 4
    rows[5][head.index("hit_id")] = "hdeadbeef0000"  # file line 6: unknown id (and its own id missing)
    del rows[8]                                      # a row removed: its id is missing
    _save(b, rows)
    code = main(["audit", "score", str(a), str(b), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "nothing was scored" in err
    assert "b.csv:4: label 'corect' is not one of correct, incorrect, unsure" in err
    assert "b.csv:6: hit_id hdeadbeef0000 is not in sample" in err
    assert err.count("b.csv: hit_id ") == 2 and "is missing" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "precision.csv").exists()


def test_a_sheet_of_another_sample_is_refused(tmp_path, capsys):
    _, _, (a,) = _write_sheets(tmp_path, {"a": A})
    other = tmp_path / "other"
    other.mkdir()
    hits = _hits()
    sheet, _ = sample_hits(hits, TEXTS, SampleOptions(n=10, by=("category",), seed=99, misses=1))
    sheet.assign(label="correct").to_csv(other / "z.csv", index=False)
    code = main(["audit", "score", str(a), str(other / "z.csv"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "z.csv: a sheet of sample" in err and "give the sheets of one sample only" in err
    assert not (tmp_path / "out").exists()


def test_a_sheet_not_matching_its_sample_file(tmp_path, capsys):
    _, info, (a,) = _write_sheets(tmp_path, {"a": A})
    info = dict(info, hit_ids=info["hit_ids"] + ["h000000000000"])
    (tmp_path / "s.sample.json").write_text(json.dumps(info))
    code = main(["audit", "score", str(a), "--sample", str(tmp_path / "s.sample.json"), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "a.csv: hit_id h000000000000 of sample" in err and "is missing" in err


def test_labels_are_read_case_and_space_insensitively(tmp_path):
    _, _, (a,) = _write_sheets(tmp_path, {"a": [x.upper() + " " for x in A]})
    p = precision_table(read_sheets([a]))
    assert p[p["scope"] == "sample"].iloc[0]["correct"] == 6


def test_stratum_fields():
    assert stratum_fields("category=state_label | voice=own") == {"category": "state_label", "voice": "own"}
    assert stratum_fields("(all)") == {}


# ----------------------------------------------------------------------------- round trip on the demo

def test_round_trip_sample_fill_score_loses_no_row(tmp_path, capsys):
    sheet_path = tmp_path / "sheet.csv"
    assert main(["audit", "sample", "--demo", "-n", "40", "--by", "category", "--misses", "5", "--jobs", "1",
                 "-o", str(sheet_path)]) == 0
    for ext in (".html", ".sample.json", ".docx"):
        assert sheet_path.with_suffix(ext).exists()
    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    assert len(sheet) == 45 and sheet["hit_id"].is_unique
    info = json.loads(sheet_path.with_suffix(".sample.json").read_text())
    assert info["n"] == 40 and set(info["hit_ids"]) == set(sheet["hit_id"])
    labels = ["correct", "incorrect", "unsure"]
    sheet["label"] = [labels[i % 3] for i in range(len(sheet))]
    sheet.loc[sheet["kind"] == "hit", "voice_label"] = sheet.loc[sheet["kind"] == "hit", "voice"]
    filled = tmp_path / "coder1.csv"
    sheet.to_csv(filled, index=False)
    out = tmp_path / "audit"
    assert main(["audit", "score", str(filled), "--sample", str(sheet_path.with_suffix(".sample.json")),
                 "-o", str(out)]) == 0
    p = pd.read_csv(out / "precision.csv")
    strata = p[p["scope"] == "stratum"]
    # every hit row is in exactly one stratum row: decided + unsure = sampled
    assert strata["n_sampled"].sum() == 40
    assert (strata["n_coded"] + strata["unsure"]).sum() == 40
    sample = p[p["scope"] == "sample"].iloc[0]
    hits = sheet[sheet["kind"] == "hit"]
    assert sample["correct"] == (hits["label"] == "correct").sum()
    assert p[p["scope"] == "no_hit_sentences"].iloc[0]["n_sampled"] == 5
    v = pd.read_csv(out / "voice.csv")
    assert v.iloc[0]["accuracy"] == 1.0 and v.iloc[0]["n_labelled"] == 40
    facts = json.loads((out / "audit.json").read_text())
    assert facts["n_hits"] == 40 and facts["n_coders"] == 1 and facts["by"] == ["category"]
    assert pd.read_csv(out / "agreement.csv")["note"].str.contains("one coder").all()


def test_docx_sheet_scores_like_the_csv(tmp_path):
    pytest.importorskip("docx")
    import docx

    from framing.audit_sheets import write_docx

    sheet, _ = sample_hits(_hits(), TEXTS, SampleOptions(n=10, by=("category",), seed=1))
    path = write_docx(sheet, tmp_path / "s.docx", title="t")
    d = docx.Document(str(path))
    table = d.tables[0]
    header = [c.text for c in table.rows[0].cells]
    for i, row in enumerate(table.rows[1:]):
        row.cells[header.index("label")].text = "correct" if i % 2 else "incorrect"
    d.save(str(tmp_path / "filled.docx"))
    p = precision_table(read_sheets([tmp_path / "filled.docx"]))
    sample = p[p["scope"] == "sample"].iloc[0]
    assert (sample["correct"], sample["incorrect"]) == (5, 5)


def test_html_sheet_holds_every_row_and_no_raw_markup(tmp_path):
    from framing.audit_sheets import sheet_html

    texts = dict(TEXTS, a1=TEXTS["a1"].replace("mild today", "mild <script>alert(1)</script> today"))
    sheet, _ = sample_hits(_hits(), texts, SampleOptions(n=10, by=()))
    page = sheet_html(sheet, title="t", stem="s")
    assert page.count('class="item"') == len(sheet)
    assert "<script>alert" not in page
    assert all(h in page for h in sheet["hit_id"])


def test_a_sheet_saved_with_semicolons_is_read(tmp_path):
    _, _, (a,) = _write_sheets(tmp_path, {"a": A})
    t = pd.read_csv(a, dtype=str, keep_default_na=False)
    t.to_csv(tmp_path / "semi.csv", sep=";", index=False)
    p = precision_table(read_sheets([tmp_path / "semi.csv"]))
    assert p[p["scope"] == "sample"].iloc[0]["correct"] == 6


@pytest.mark.parametrize("argv, message", [
    (["--by", "colour"], "--by colour: 'colour' is not a stratum: use any of category, voice, outlet, term, lang"),
    (["-n", "0"], "-n 0: sample at least 1 hit"),
    (["--voices", "own,loud"], "--voices own,loud: use own, quoted, attributed"),
    (["-o", "sheet.xlsx"], "the sheet is a CSV file"),
])
def test_sample_options_are_checked_before_the_analysis(argv, message, capsys, tmp_path):
    argv = ["audit", "sample", "--demo", *argv]
    if "-o" not in argv:
        argv += ["-o", str(tmp_path / "s.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_recall_estimate_by_hand():
    p = pd.DataFrame([
        {"scope": "stratum", "stratum_size": 600, "n_coded": 10, "precision": 0.9, "ci_low": 0.6, "ci_high": 0.98},
        {"scope": "stratum", "stratum_size": 400, "n_coded": 10, "precision": 0.4, "ci_low": 0.2, "ci_high": 0.7},
        {"scope": "overall", "stratum_size": 1000, "n_coded": 20, "precision": 0.7, "ci_low": 0.5, "ci_high": 0.85},
        {"scope": "no_hit_sentences", "stratum_size": 5000, "n_coded": 50, "precision": 0.96, "ci_low": 0.87,
         "ci_high": 0.99},
    ])
    r = recall_estimate(p)
    # found 0.7 x 1000 = 700; missed 0.04 x 5000 = 200; recall 700 / 900
    assert r["recall"] == pytest.approx(700 / 900, abs=1e-6)
    assert r["miss_rate"] == pytest.approx(0.04)
    assert r["recall_ci"][0] == pytest.approx(500 / (500 + 0.13 * 5000), abs=1e-6)
    assert r["recall_ci"][1] == pytest.approx(850 / (850 + 0.01 * 5000), abs=1e-6)


def test_html_sheet_saves_the_labels_as_a_sheet_that_scores(tmp_path):
    """The fillable page in a real browser: tick labels, save, score the downloaded CSV."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    from framing.audit_sheets import sheet_html

    sheet, _ = sample_hits(_hits(), TEXTS, SampleOptions(n=10, by=("category",), seed=1))
    page_path = tmp_path / "sheet.html"
    page_path.write_text(sheet_html(sheet, title="t", stem="sheet"), encoding="utf-8")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = b.new_page(accept_downloads=True)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        for i in range(len(sheet)):
            page.check(f'input[name="label-{i}"][value="{"correct" if i < 7 else "incorrect"}"]')
        page.check('input[name="voice-0"][value="quoted"]')
        page.fill("#note-0", 'says "so", twice, with commas')
        page.fill("#coder", "Ann Lee")
        with page.expect_download() as download:
            page.click("#save")
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        b.close()
    assert not errors and saved.name == "sheet-Ann_Lee.csv"
    back = pd.read_csv(saved, dtype=str, keep_default_na=False)
    assert list(back["hit_id"]) == list(sheet["hit_id"])
    assert back.loc[0, "note"] == 'says "so", twice, with commas' and back.loc[0, "voice_label"] == "quoted"
    p = precision_table(read_sheets([saved]))
    sample = p[p["scope"] == "sample"].iloc[0]
    assert (sample["correct"], sample["incorrect"]) == (7, 3)


def test_unreadable_or_repeated_sheets(tmp_path, capsys):
    _, _, (a,) = _write_sheets(tmp_path, {"a": A})
    assert main(["audit", "score", str(a), str(a), "-o", str(tmp_path / "o")]) == 2
    assert "a.csv: given twice: give each coder's sheet once" in capsys.readouterr().err
    latin = tmp_path / "latin.csv"
    latin.write_bytes("sample_id,hit_id\ncaf\xe9,x\n".encode("latin-1"))
    assert main(["audit", "score", str(latin), "-o", str(tmp_path / "o")]) == 2
    assert "latin.csv: not UTF-8 text: save the sheet as CSV UTF-8" in capsys.readouterr().err
    assert main(["audit", "score", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o")]) == 2
    assert "nope.csv: no such file" in capsys.readouterr().err
    cols = tmp_path / "cols.csv"
    cols.write_text("hit_id,label\nh1,correct\n")
    assert main(["audit", "score", str(cols), "-o", str(tmp_path / "o")]) == 2
    assert "cols.csv:1: column(s) sample_id, kind, stratum, stratum_size missing" in capsys.readouterr().err
