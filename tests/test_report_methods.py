"""The methods page takes its facts from the code and the measured figures from the evaluation file
(framing.report_methods, framing.evaluations); the renderer only lays out ready tables."""
import json
import re
from pathlib import Path

import pytest

from framing import evaluations, match, report_findings
from framing.errors import FramingError
from framing.lexicon import load_lexicon
from framing.report_methods import methods_text, scare_quote_figures, voice_figure
from framing.report_tables import ReportOptions
from framing.stats import StatsOptions

ROOT = Path(__file__).resolve().parent.parent


def _text(options=ReportOptions(), stats=StatsOptions(), evaluation=None) -> str:
    return " ".join(methods_text(load_lexicon(), options, stats, evaluation))


def _measurement(**scare) -> dict:
    """A measurement file as scripts/evaluate_real_news.py writes it, with hand-chosen numbers."""
    return {"script": "scripts/evaluate_real_news.py", "date": "2001-02-03", "framing_version": "9.9",
            "corpora": {"x": {"kind": "test news"}, "y": {"kind": "other news"}},
            "labels": {"scare_quotes": {"file": "tests/data/s.tsv"}, "voice": {"file": "tests/data/v.tsv"}},
            "scare_quotes": [{"corpus": "x", "batch": "A", "correct": 3, "read_as_scare": 4, "precision": 0.75},
                             {"corpus": "x", "batch": "B", "correct": 1, "read_as_scare": 4, "precision": 0.25},
                             {"corpus": "y", "batch": "C", "correct": 9, "read_as_scare": 10, "precision": 0.9}],
            "voice": [{"corpus": "x", "batch": "A", "correct": 7, "hits": 8},
                      {"corpus": "y", "batch": "C", "correct": 2, "hits": 2}], **scare}


def test_word_rule_comes_from_the_matcher(monkeypatch):
    text = _text()
    assert match.WORD_RULE in text
    assert "white-space" not in text  # the old prose, wrong since words are runs of letters and digits
    monkeypatch.setattr(match, "WORD_RULE", "a word is whatever the test says")
    assert "a word is whatever the test says" in _text()


def test_the_word_rule_says_what_scan_counts():
    m = match.Matcher(load_lexicon())
    assert m.scan("don't pro-Israel")[1] == 4  # WORD_RULE: "don't" is two words and "pro-Israel" two
    assert '"don\'t" is two words and "pro-Israel" two' in match.WORD_RULE


def test_ranking_minimum_and_stats_settings_follow_the_code(monkeypatch):
    monkeypatch.setattr(report_findings, "SMALL_DOCS", 17)
    monkeypatch.setattr(report_findings, "SMALL_WORDS", 1234)
    text = _text(stats=StatsOptions(n_boot=321, level=0.9, seed=7, n_perm=55, keyness_prior=0.2))
    assert "fewer than 17 documents or 1,234 words give unstable rates" in text
    assert "recomputed, 321 times, with a fixed seed (7)" in text
    assert "Each 90% interval" in text and "(55 permutations)" in text and "prior 0.2 of" in text
    assert "2,000" not in text and "999" not in text


def test_arabic_prefixes_come_from_the_matcher(monkeypatch):
    text = _text()
    assert f"{len(match.ARABIC_PREFIXES) - 1} combinations" in text
    monkeypatch.setattr(match, "ARABIC_CONJUNCTIONS", ("و",))
    monkeypatch.setattr(match, "ARABIC_ARTICLE_PREPOSITIONS", ("ب",))
    assert report_findings.inline_rtl("و ب") in _text()


def test_options_of_the_run_are_named():
    text = _text(ReportOptions(period="quarter", seed=3, count_scare_quotes=True, sections=("summary", "methods")))
    assert "Periods: quarter. Random seed: 3. Scare quotes: counted as delegitimising." in text
    assert "Sections: summary, methods." in text
    assert "they are counted as delegitimising hits" in text


def test_measured_figures_come_from_the_file():
    e = _measurement()
    said = scare_quote_figures(e)
    # x: 3 + 1 of 4 + 4 read = 4 of 8 (50%), batches 25% and 75%; y: 9 of 10 (90%)
    assert "4 of 8 (50%, 25%–75% across batches A, B) in test news and 9 of 10 (90%) in other news" in said
    assert "Measured 2001-02-03 by scripts/evaluate_real_news.py with framing 9.9 on tests/data/s.tsv." in said
    assert "tests/data/v.tsv" not in said
    assert "9 of 10 lexicon hits (90%)" in voice_figure(e)  # 7 + 2 of 8 + 2
    text = _text(evaluation=e)
    assert said in text.replace("&amp;", "&")
    assert "90% in articles of partisan" not in text  # no figure that is not in the file


def test_missing_file_says_not_available(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluations, "EVALUATION_DIR", tmp_path)
    assert evaluations.load_evaluation() is None
    text = _text()
    assert "precision on hand-labelled real news is not available" in text
    assert "accuracy of this reading is not available" in text
    assert not re.search(r"\d+%\s+in (mainstream|articles)", text)
    (tmp_path / "real_news.json").write_text(json.dumps(_measurement()), encoding="utf-8")
    assert "4 of 8 (50%" in _text()


def test_broken_file_names_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluations, "EVALUATION_DIR", tmp_path)
    (tmp_path / "real_news.json").write_text('{\n "date": \n}', encoding="utf-8")
    with pytest.raises(FramingError, match=r"real_news\.json:3"):
        evaluations.load_evaluation()


def test_shipped_file_is_what_the_script_writes():
    e = evaluations.load_evaluation()
    assert e is not None, "framing/data/evaluation/real_news.json: run scripts/evaluate_real_news.py"
    assert e["script"] == "scripts/evaluate_real_news.py" and re.fullmatch(r"\d{4}-\d\d-\d\d", e["date"])
    for row in e["scare_quotes"]:
        assert row["correct"] <= row["read_as_scare"]
        assert row["precision"] == pytest.approx(row["correct"] / row["read_as_scare"], abs=1e-4)
    assert {v["file"] for v in e["labels"].values()} <= {str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "data").glob("*.tsv")}


def test_renderer_computes_no_statistics():
    """framing/report.py and framing/audit_report.py lay out ready tables: no grouping, pivoting or
    statistics there (they are in framing/report_tables.py)."""
    for name in ("report.py", "audit_report.py"):
        source = (ROOT / "framing" / name).read_text(encoding="utf-8")
        for call in (r"\.groupby\(", r"\.pivot", r"\.sum\(", r"\.mean\(", r"value_counts\(", r"(?<![\w.])rates_by_\w+\(",
                     r"(?<![\w.])rates_ci\(", r"(?<![\w.])keyness\(", r"(?<![\w.])naming_matrix\(",
                     r"(?<![\w.])timeseries\(", r"label_changes\(", r"rate_ratio", r"wilson\(", r"corrected_rates\(",
                     r"scare_quote_rates\(", r"from \.stats", r"from \.tables", r"from \.audit_rates"):
            found = re.search(call, source)
            assert not found, f"framing/{name} computes ({found.group()}); move it to framing/report_tables.py"


def test_reproducibility_says_whether_the_figures_were_measured_with_these_lexicons(tmp_path, monkeypatch):
    from framing.report_methods import reproducibility

    lexicon = load_lexicon()
    monkeypatch.setattr(evaluations, "EVALUATION_DIR", tmp_path)
    rows = dict(reproducibility(lexicon, ReportOptions(), StatsOptions()))
    assert rows["Measured figures"].startswith("not available")
    for digest, said in ((lexicon.digest, "with the same lexicon files as this report"),
                         ("0" * 64, "with other lexicon files than this report's (sha256 000000000000...)")):
        (tmp_path / "real_news.json").write_text(json.dumps(_measurement(lexicon_sha256=digest)), encoding="utf-8")
        rows = dict(reproducibility(lexicon, ReportOptions(), StatsOptions()))
        assert "measured 2001-02-03" in rows["Measured figures"] and said in rows["Measured figures"]


def test_the_rates_paragraph_says_headlines_are_counted_and_the_rates_do_so(monkeypatch):
    import pandas as pd

    from framing import zones
    from framing.tables import rates_by_outlet

    assert zones.ALL_ZONES_RULE in _text()
    monkeypatch.setattr(zones, "ALL_ZONES_RULE", "headlines are whatever the test says")
    assert "headlines are whatever the test says" in _text()
    # and the rule is what the rate tables do by default: 1 headline hit + 1 body hit over 10 + 90 words
    docs = pd.DataFrame({"doc_id": ["d"], "outlet": ["A"], "date": [pd.NaT], "words": [90], "hits": [1],
                         "headline_words": [10], "headline_hits": [1]})
    hit = {"doc_id": "d", "outlet": "A", "date": pd.NaT, "category": "c", "entry": "e", "term": "t",
           "voice": "own", "negated": False, "sense": "loaded", "scare_quote": False}
    hits = pd.DataFrame([{**hit, "zone": "headline"}, {**hit, "zone": "body"}])
    row = rates_by_outlet(docs, hits).query("term == '(all)'").iloc[0]
    assert (row["hits"], row["words"], row["rate_per_1k"]) == (2, 100, 20.0)
    body = rates_by_outlet(docs, hits, "body").query("term == '(all)'").iloc[0]
    assert (body["hits"], body["words"], body["rate_per_1k"]) == (1, 90, round(1000 / 90, 4))  # rates: 4 decimals


def test_documents_without_an_outlet_count_in_totals_and_are_not_compared(tmp_path):
    from framing.analyze import AnalyzeOptions, analyze_corpus
    from framing.report_tables import report_tables

    rows = ["outlet,date,text"]
    rows += [f"North Post,2021-03-0{i},The regime fell again today in the capital." for i in range(1, 4)]
    rows += [f"South Star,2021-03-0{i},The government met again today in the capital." for i in range(1, 4)]
    rows += [",2021-03-05,The regime and the militants and the thugs met today."] * 2  # no outlet: (unknown)
    corpus = tmp_path / "c.csv"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    analysis = analyze_corpus([str(corpus)], load_lexicon(), options=AnalyzeOptions(jobs=1))
    assert (analysis.documents["outlet"] == "(unknown)").sum() == 2
    t = report_tables(analysis)
    assert t.outlets == ["North Post", "South Star"]
    assert "(unknown)" not in set(t.rates["outlet"]) | set(t.rates_ci["group"]) | set(t.naming["group"])
    assert "(unknown)" in set(t.corpus["outlet"]) and t.corpus_total["documents"] == 8   # the totals keep them
    assert dict(t.cover)["Corpus"].startswith("8 documents from 2 outlet(s) and 2 that do not say their outlet")
    assert any("do not say which outlet" in s for s in t.findings)
