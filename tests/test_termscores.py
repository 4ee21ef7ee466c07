"""framing/termscores.py: term scores and the framing index, recomputed by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.errors import ModelError
from framing.plots import plot_top_terms
from framing.termscores import (INDEX_COLUMNS, TERM_SCORE_COLUMNS, TermScoreOptions, framing_index, hit_loadings,
                                term_scores, top_loaded_terms)


def _hit(doc, outlet, sentence, entry, strength, voice, sense="loaded"):
    return {"doc_id": doc, "outlet": outlet, "date": pd.NaT, "start": 0, "end": 5, "sentence": sentence,
            "surface": entry, "entry": f"en.x.{entry}", "term": entry, "category": "state_label",
            "referent": "", "strength": strength, "lang": "en", "voice": voice, "scare_quote": False,
            "so_called": False, "negated": False, "sense": sense}


@pytest.fixture
def tables():
    hits = pd.DataFrame([
        _hit("d1", "A", 0, "regime", 3, "own"),
        _hit("d1", "A", 1, "regime", 3, "quoted"),
        _hit("d2", "A", 0, "regime", 3, "attributed"),
        _hit("d2", "A", 0, "militants", 1, "own"),
        _hit("d3", "B", 0, "regime", 3, "own"),
        _hit("d3", "B", 1, "regime", 3, "own", sense="neutral"),  # a tax regime: left out
    ])
    sentences = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d3", "d3"], "sentence": [0, 1, 0, 0, 1],
                              "p_loaded": [0.8, 0.4, 0.6, 0.5, 0.1]})
    documents = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "outlet": ["A", "A", "B"], "words": [100, 300, 200]})
    return hits, sentences, documents


def test_term_score_by_hand(tables):
    hits, sentences, documents = tables
    scores = term_scores(hits, sentences, documents, TermScoreOptions(n_boot=200))
    assert list(scores.columns) == TERM_SCORE_COLUMNS
    row = scores.set_index(["outlet", "term"]).loc[("A", "regime")]
    # loadings: own 3/3*1*0.8 = 0.8; quoted 1*0.25*0.4 = 0.1; attributed 1*0.5*0.6 = 0.3
    assert row["term_score"] == pytest.approx((0.8 + 0.1 + 0.3) / 3)
    assert row["hits"] == 3 and row["documents"] == 2
    assert row["own_share"] == pytest.approx(1 / 3) and row["quoted_share"] == pytest.approx(1 / 3)
    assert row["mean_p_loaded"] == pytest.approx((0.8 + 0.4 + 0.6) / 3)
    assert row["per_10k_words"] == pytest.approx(3 / 400 * 10_000)
    # documents resampled: d1's mean loading 0.45, d2's 0.3 bound the interval
    assert 0.3 - 1e-9 <= row["term_score_low"] <= row["term_score"] <= row["term_score_high"] <= 0.45 + 1e-9
    militants = scores.set_index(["outlet", "term"]).loc[("A", "militants")]
    assert militants["term_score"] == pytest.approx(1 / 3 * 0.6)
    b = scores.set_index(["outlet", "term"]).loc[("B", "regime")]
    assert b["hits"] == 1 and b["term_score"] == pytest.approx(0.5)  # the neutral-sense hit is not counted
    assert np.isnan(b["term_score_low"])  # one document: no interval


def test_scores_sorted_most_loaded_first_and_top_terms(tables):
    hits, sentences, documents = tables
    scores = term_scores(hits, sentences, documents)
    a = scores[scores["outlet"] == "A"]
    assert list(a["term"]) == ["regime", "militants"]
    top = top_loaded_terms(scores, n=1)
    assert list(zip(top["outlet"], top["term"])) == [("A", "regime"), ("B", "regime")]


def test_framing_index_by_hand(tables):
    hits, sentences, documents = tables
    index = framing_index(hits, sentences, documents, TermScoreOptions(n_boot=200))
    assert list(index.columns) == INDEX_COLUMNS
    a = index.set_index("outlet").loc["A"]
    assert a["loading_sum"] == pytest.approx(0.8 + 0.1 + 0.3 + 0.2)
    assert a["framing_index"] == pytest.approx(1.4 / 400 * 1000)
    assert a["words"] == 400 and a["hits"] == 4
    assert a["framing_index_low"] <= a["framing_index"] <= a["framing_index_high"]
    assert index.set_index("outlet").loc["B", "framing_index"] == pytest.approx(0.5 / 200 * 1000)


def test_voice_weights_are_options(tables):
    hits, sentences, documents = tables
    equal = TermScoreOptions(voice_weights={"own": 1.0, "attributed": 1.0, "quoted": 1.0}, n_boot=0)
    row = term_scores(hits, sentences, documents, equal).set_index(["outlet", "term"]).loc[("A", "regime")]
    assert row["term_score"] == pytest.approx((0.8 + 0.4 + 0.6) / 3)


def test_missing_inputs_are_model_errors(tables):
    hits, sentences, documents = tables
    with pytest.raises(ModelError, match="sentence table lacks column"):
        term_scores(hits, sentences.drop(columns="p_loaded"))
    with pytest.raises(ModelError, match="hits table lacks column"):
        term_scores(hits.drop(columns="voice"), sentences)
    with pytest.raises(ModelError, match="have no scored sentence"):
        term_scores(hits, sentences.iloc[:1])
    with pytest.raises(ModelError, match="voice\\(s\\) whispered"):
        term_scores(hits.assign(voice="whispered"), sentences)


def test_empty_hits_give_empty_tables(tables):
    _, sentences, documents = tables
    from framing.types import empty_hits

    assert term_scores(empty_hits(), sentences).empty
    index = framing_index(empty_hits(), sentences, documents)
    assert (index["framing_index"] == 0).all()


def test_hit_loadings_keep_the_hits(tables):
    hits, sentences, _ = tables
    table = hit_loadings(hits, sentences)
    assert len(table) == 5 and table["loading"].between(0, 1).all()


def test_chart_is_drawn(tables, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    hits, sentences, documents = tables
    ax = plot_top_terms(term_scores(hits, sentences, documents), "A")
    assert len(ax.patches) == 2
    path = tmp_path / "terms.png"
    ax.figure.savefig(path)
    plt.close(ax.figure)
    assert plt.imread(path).std() > 0.01


def test_word_level_score_of_the_term_enters_the_loading_by_hand(tables):
    hits, sentences, documents = tables
    hits = hits.assign(p_word=[0.2, 0.6, 0.4, 1.0, 0.0, 0.0])
    table = hit_loadings(hits, sentences)
    # first hit: strength 3, own voice, sentence 0.8, word 0.2 -> 1 * 1 * (0.8 + 0.2) / 2 = 0.5
    # militants: strength 1, own, sentence 0.6, word 1.0 -> 1/3 * 0.8 = 0.2667
    assert table["loading"].tolist()[:4] == pytest.approx([0.5, 0.25 * 0.5, 0.5 * 0.5, 0.8 / 3])
    scores = term_scores(hits, sentences, documents, TermScoreOptions(n_boot=0))
    row = scores[(scores["outlet"] == "A") & (scores["term"] == "regime")].iloc[0]
    assert row["mean_p_word"] == pytest.approx(0.4)


def test_add_word_scores_reads_the_term_where_it_stands():
    from framing.termscores import add_word_scores

    text = "Officials said the disastrous plan was announced on Tuesday."
    start = text.index("disastrous")
    hits = pd.DataFrame([{"doc_id": "d1", "start": start, "end": start + 10},
                         {"doc_id": "d1", "start": text.index("Tuesday"), "end": text.index("Tuesday") + 7},
                         {"doc_id": "d9", "start": 0, "end": 3}])
    out = add_word_scores(hits, {"d1": text})
    assert out["p_word"].iloc[0] > 0.3 > out["p_word"].iloc[1]
    assert np.isnan(out["p_word"].iloc[2])     # no text: no word score
