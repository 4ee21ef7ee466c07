"""framing/bootstrap.py owns the cluster bootstrap: each group draws from its own generator, so
adding an outlet moves no other outlet's interval, in every table that carries intervals."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from framing.bootstrap import (keyed_rng, percentile_interval, rate_intervals, ratio_interval,
                               ratio_replicates, replicate_weights, unit_totals)


def test_keyed_rng_depends_on_seed_and_name_only():
    a = keyed_rng(0, "Outlet A").integers(0, 1000, size=5)
    assert (a == keyed_rng(0, "Outlet A").integers(0, 1000, size=5)).all()
    assert not (a == keyed_rng(0, "Outlet B").integers(0, 1000, size=5)).all()
    assert not (a == keyed_rng(1, "Outlet A").integers(0, 1000, size=5)).all()


def test_unit_totals_by_hand():
    sums, counts = unit_totals([0.5, 1.0, 0.25, 0.25], ["d2", "d1", "d2", "d2"])
    assert sums.tolist() == [1.0, 1.0]      # d2: 0.5 + 0.25 + 0.25; d1: 1.0
    assert counts.tolist() == [3.0, 1.0]


def test_replicate_weights_count_the_draws():
    w = replicate_weights(keyed_rng(3, "x"), 4, 50)
    assert w.shape == (50, 4) and (w.sum(axis=1) == 4).all()


def test_identical_units_give_a_point_interval():
    # every document has 2 hits in 100 words: every replicate is 2/100
    assert ratio_interval(np.array([2, 2, 2.]), np.array([100, 100, 100.]), keyed_rng(0, "a"), 200, 0.95) \
        == pytest.approx((0.02, 0.02))


def test_two_units_interval_by_hand():
    # units (1 hit / 10 words) and (0 / 10): a replicate draws each unit 0, 1 or 2 times, so its
    # rate is 0, 0.05 or 0.1; with 2,000 replicates both extremes occur (each has chance 1/4)
    low, high = ratio_interval(np.array([1., 0.]), np.array([10., 10.]), keyed_rng(0, "a"), 2000, 0.95)
    assert (low, high) == (0.0, 0.1)
    reps = ratio_replicates(np.array([1., 0.]), np.array([10., 10.]), keyed_rng(0, "a"), 2000)
    assert set(np.round(reps, 10)) == {0.0, 0.05, 0.1}


def test_fewer_than_two_units_give_no_interval():
    assert np.isnan(ratio_interval(np.array([1.]), np.array([10.]), keyed_rng(0, "a"), 100, 0.95)).all()
    low, high = rate_intervals(sparse.csr_matrix(np.array([[1.0]])), np.array([10.]), keyed_rng(0, "a"), 100, 0.95)
    assert np.isnan(low).all() and np.isnan(high).all()


def test_percentile_interval_leaves_out_nan():
    assert percentile_interval(np.array([np.nan, 1.0, 1.0]), 0.9) == (1.0, 1.0)


def _sentences(outlets):
    rows = []
    for o, n_docs in outlets.items():
        for d in range(n_docs):
            for s in range(3):
                rows.append({"outlet": o, "doc_id": f"{o}-{d}", "p_loaded": ((d * 7 + s * 3) % 10) / 10})
    return pd.DataFrame(rows)


def test_model_aggregate_adding_an_outlet_moves_no_other_interval():
    from framing.model import aggregate

    two = aggregate(_sentences({"A": 6, "B": 5}), "outlet", n_boot=300, seed=4).set_index("outlet")
    three = aggregate(_sentences({"A": 6, "B": 5, "0first": 4}), "outlet", n_boot=300, seed=4).set_index("outlet")
    pd.testing.assert_frame_equal(two, three.loc[["A", "B"]])


def test_term_scores_and_index_adding_an_outlet_moves_no_other_interval():
    from framing.termscores import TermScoreOptions, framing_index, term_scores

    def tables(outlets):
        hits, sentences, documents = [], [], []
        for o in outlets:
            for d in range(4):
                doc = f"{o}-{d}"
                documents.append({"doc_id": doc, "outlet": o, "words": 100 + 10 * d})
                sentences.append({"doc_id": doc, "sentence": 0, "p_loaded": 0.2 + 0.15 * d})
                for k in range(d % 3 + 1):
                    hits.append({"doc_id": doc, "outlet": o, "sentence": 0, "entry": "e1", "term": "regime",
                                 "category": "state_label", "strength": 2, "voice": "own", "start": 0, "end": 6})
        return pd.DataFrame(hits), pd.DataFrame(sentences), pd.DataFrame(documents)

    opts = TermScoreOptions(n_boot=200)
    small, big = tables(["A", "B"]), tables(["0first", "A", "B"])
    s1 = term_scores(*small, opts).set_index("outlet")
    s2 = term_scores(*big, opts).set_index("outlet")
    pd.testing.assert_frame_equal(s1, s2.loc[["A", "B"]])
    i1 = framing_index(*small, opts).set_index("outlet")
    i2 = framing_index(*big, opts).set_index("outlet")
    pd.testing.assert_frame_equal(i1, i2.loc[["A", "B"]])
    assert (i1["framing_index_low"] < i1["framing_index_high"]).all()


def test_stats_rates_ci_adding_an_outlet_moves_no_other_interval():
    from framing.stats import StatsOptions, rates_ci

    def tables(outlets):
        docs, hits = [], []
        for o in outlets:
            for d in range(5):
                docs.append({"doc_id": f"{o}-{d}", "outlet": o, "words": 200})
                for k in range(d):
                    hits.append({"doc_id": f"{o}-{d}", "category": "c", "entry": "e", "term": "t", "voice": "own",
                                 "sense": "loaded", "negated": False})
        return pd.DataFrame(docs), pd.DataFrame(hits)

    opts = StatsOptions(n_boot=300)
    one = rates_ci(*tables(["A"]), options=opts).set_index(["outlet", "category", "term"])
    two = rates_ci(*tables(["0first", "A"]), options=opts).set_index(["outlet", "category", "term"])
    pd.testing.assert_frame_equal(one, two.loc[["A"]])
