import pandas as pd
import pytest

from framing.tables import ALL, NO_DATE, corpus_summary, period_labels, rates_by_outlet, rates_by_period, top_terms


def docs():
    return pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "b2"],
        "outlet": ["A", "A", "B", "B"],
        "date": pd.to_datetime(["2021-01-10", "2021-02-10", "2021-01-20", None]),
        "title": "", "author": "", "lang": "en", "source": "",
        "words": [1000, 3000, 500, 1500],
        "hits": [3, 1, 2, 0],
    })


def hit(doc, outlet, entry, category, voice="own", negated=False, sense="loaded"):
    return {"doc_id": doc, "outlet": outlet, "entry": entry, "term": entry.split(".")[-1], "category": category,
            "voice": voice, "negated": negated, "sense": sense}


def hits():
    return pd.DataFrame([
        hit("a1", "A", "t.regime", "state_label"),
        hit("a1", "A", "t.regime", "state_label"),
        hit("a1", "A", "t.terrorists", "armed_actor_label", voice="quoted"),
        hit("a2", "A", "t.terrorists", "armed_actor_label"),
        hit("a2", "A", "t.regime", "state_label", sense="neutral"),   # never counted
        hit("b1", "B", "t.terrorists", "armed_actor_label"),
        hit("b1", "B", "t.terrorists", "armed_actor_label", negated=True),
    ])


def row(t, **keys):
    sel = t
    for k, v in keys.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, keys
    return sel.iloc[0]


def test_rates_by_outlet_hand_computed():
    t = rates_by_outlet(docs(), hits())
    a = row(t, outlet="A", category=ALL)
    # A: own-voice hits = 2 regime + 1 terrorists (the quoted one apart) over 4,000 words
    assert (a.hits, a.hits_quoted, a.words, a.n_docs) == (3, 1, 4000, 2)
    assert a.rate_per_1k == pytest.approx(0.75)
    assert a.rate_all_voices_per_1k == pytest.approx(1.0)
    b = row(t, outlet="B", category=ALL)
    # B: 1 own-voice hit; the negated one counted apart; words include the undated doc with no hits
    assert (b.hits, b.hits_negated, b.words) == (1, 1, 2000)
    assert b.rate_per_1k == pytest.approx(0.5)
    reg = row(t, outlet="A", entry="t.regime")
    assert (reg.hits, reg.category) == (2, "state_label") and reg.rate_per_1k == pytest.approx(0.5)
    cat = row(t, outlet="A", category="armed_actor_label", entry=ALL)
    assert (cat.hits, cat.hits_quoted) == (1, 1)


def test_group_without_hits_still_listed():
    d = pd.concat([docs(), pd.DataFrame([{"doc_id": "c1", "outlet": "C", "date": pd.NaT, "title": "", "author": "",
                                           "lang": "en", "source": "", "words": 800, "hits": 0}])])
    t = rates_by_outlet(d, hits())
    c = row(t, outlet="C", category=ALL)
    assert (c.hits, c.words, c.rate_per_1k) == (0, 800, 0.0)


def test_rates_by_period_month():
    t = rates_by_period(docs(), hits(), "month")
    jan = row(t, outlet=ALL, period="2021-01", category=ALL)
    assert (jan.hits, jan.words) == (3, 1500)    # a1 (2 own) + b1 (1 own)
    assert jan.rate_per_1k == pytest.approx(2.0)
    nodate = row(t, outlet="B", period=NO_DATE, category=ALL)
    assert (nodate.hits, nodate.words) == (0, 1500)


@pytest.mark.parametrize("period, labels", [
    ("week", ["2021-W01", "2021-W53", NO_DATE]),
    ("month", ["2021-01", "2021-01", NO_DATE]),
    ("quarter", ["2021-Q1", "2021-Q1", NO_DATE]),
    ("year", ["2021", "2021", NO_DATE]),
])
def test_period_labels(period, labels):
    dates = pd.Series(pd.to_datetime(["2021-01-05", "2021-01-02", None]))
    got = list(period_labels(dates, period))
    if period == "week":
        labels = ["2021-W01", "2020-W53", NO_DATE]  # 2 Jan 2021 is in ISO week 53 of 2020
    assert got == labels


def test_corpus_summary_and_top_terms():
    s = corpus_summary(docs()).set_index("outlet")
    assert s.loc["A", "documents"] == 2 and s.loc["A", "first_date"] == "2021-01-10"
    assert s.loc["B", "undated"] == 1 and s.loc["B", "words"] == 2000
    top = top_terms(rates_by_outlet(docs(), hits()), n=1)
    assert list(zip(top["outlet"], top["entry"])) == [("A", "t.regime"), ("B", "t.terrorists")]
