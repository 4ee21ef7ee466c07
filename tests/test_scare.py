"""Scare quotes as a measure of their own (framing.scare): not in category rates unless asked."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.analyze import AnalyzeOptions, analyze_corpus
from framing.cli import main
from framing.lexicon import load_lexicon
from framing.scare import scare_quote_rates
from framing.tables import rates_by_outlet

# Our own texts: one scare quote ("experts") nobody is shown saying, one lexicon term (regime).
ARTICLES = [
    {"id": "p1", "outlet": "Paper", "date": "2024-03-01",
     "text": "The regime met the \"experts\" again on Monday. The meeting lasted four hours in the capital."},
    {"id": "p2", "outlet": "Paper", "date": "2024-03-02",
     "text": "Farmers sold their wheat at the market. Prices rose slowly over the week in every town."},
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    return path


def _analysis(corpus, count):
    return analyze_corpus([str(corpus)], load_lexicon(["en/core"]),
                          options=AnalyzeOptions(jobs=1, progress=False, count_scare_quotes=count))


def test_scare_quotes_are_their_own_row_not_in_the_totals(corpus):
    a = _analysis(corpus, False)
    scare = a.hits[a.hits["entry"] == "ctx.scare_quote"]
    assert list(scare["surface"]) == ["experts"] and list(scare["category"]) == ["scare_quote"]
    r = rates_by_outlet(a.documents, a.hits).set_index(["category", "entry"])
    assert r.loc[("(all)", "(all)"), "hits"] == 1                      # regime only
    assert r.loc[("scare_quote", "(all)"), "hits"] == 1                # its own row
    assert ("delegitimising", "(all)") not in r.index
    words = int(a.documents["words"].sum())
    t = scare_quote_rates(a.documents, a.hits).iloc[0]
    assert (t["scare_quotes"], t["counted_in"]) == (1, "apart")
    assert t["rate_per_1k"] == pytest.approx(1000 / words)


def test_count_scare_quotes_adds_them_to_delegitimising(corpus):
    a = _analysis(corpus, True)
    r = rates_by_outlet(a.documents, a.hits).set_index(["category", "entry"])
    assert r.loc[("(all)", "(all)"), "hits"] == 2
    assert r.loc[("delegitimising", "(all)"), "hits"] == 1
    assert scare_quote_rates(a.documents, a.hits).iloc[0]["counted_in"] == "delegitimising"


def test_compare_totals_leave_scare_quotes_out(corpus, tmp_path):
    from framing.stats import StatsOptions, rates_ci

    a = _analysis(corpus, False)
    t = rates_ci(a.documents, a.hits, ("outlet",), StatsOptions(n_boot=200)).set_index(["category", "term"])
    assert t.loc[("(all)", "(all)"), "hits"] == 1 and t.loc[("scare_quote", "(all)"), "hits"] == 1


def test_the_store_records_the_setting_and_readers_say_it(corpus, tmp_path, capsys):
    import duckdb

    store = tmp_path / "s.duckdb"
    assert main(["analyze", str(corpus), "--store", str(store), "--jobs", "1"]) == 0
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'count_scare_quotes'").fetchall() == [("false",)]
        assert con.execute("SELECT category FROM hits WHERE entry = 'ctx.scare_quote'").fetchall() == [("scare_quote",)]
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["compare", "--store", str(store), "--charts", "none", "--boot", "200", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "measured apart" in err and f"the setting recorded in the store {store}" in err
    assert pd.read_csv(out / "scare_quotes.csv").iloc[0]["scare_quotes"] == 1
    # a reader may ask for the other setting; it says so, and the store is unchanged
    assert main(["compare", "--store", str(store), "--count-scare-quotes", "--charts", "none", "--boot", "200",
                 "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "counted as delegitimising" in err and "records the other setting" in err
    rates = pd.read_csv(out / "rates.csv")
    assert rates[(rates["category"] == "(all)") & (rates["term"] == "(all)")].iloc[0]["hits"] == 2
    # analysing into the store with the flag changes the recorded setting and the stored rows
    assert main(["analyze", str(corpus), "--store", str(store), "--count-scare-quotes", "--jobs", "1"]) == 0
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'count_scare_quotes'").fetchall() == [("true",)]
        assert con.execute("SELECT category FROM hits WHERE entry = 'ctx.scare_quote'").fetchall() == [("delegitimising",)]


def test_analyze_writes_scare_quotes_csv(corpus, tmp_path):
    out = tmp_path / "o"
    assert main(["analyze", str(corpus), "--jobs", "1", "-o", str(out)]) == 0
    t = pd.read_csv(out / "scare_quotes.csv")
    assert t.iloc[0]["scare_quotes"] == 1 and t.iloc[0]["counted_in"] == "apart"
    rates = pd.read_csv(out / "rates_by_outlet.csv")
    assert rates[rates["category"] == "(all)"].iloc[0]["hits"] == 1
    assert "scare_quote" in set(pd.read_csv(out / "hits.csv")["category"])


def test_keyness_and_dispersion_leave_scare_quotes_out_unless_counted(corpus):
    from framing.stats import StatsOptions, dispersion_table, keyness

    docs = pd.DataFrame({"doc_id": ["p1", "p2"], "outlet": ["Paper", "Other"], "words": [16, 16],
                         "date": pd.to_datetime(["2024-03-01", "2024-03-02"])})
    for count, expected in ((False, set()), (True, {"(words in scare quotes)"})):
        hits = _analysis(corpus, count).hits.assign(outlet=lambda h: h["doc_id"].map({"p1": "Paper", "p2": "Other"}))
        k = keyness(docs, hits, ("outlet",), StatsOptions(n_boot=100))
        d = dispersion_table(docs, hits)
        assert set(k["term"]) & {"(words in scare quotes)"} == expected
        assert set(d["term"]) & {"(words in scare quotes)"} == expected
