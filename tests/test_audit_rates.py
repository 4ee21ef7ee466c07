"""framing.audit_rates: rates corrected by measured precision, on examples computed by hand."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy.stats import beta

from framing.audit import PRECISION_COLUMNS
from framing.audit_rates import cell_precision, corrected_rates, load_audit, methods_paragraph


def _audit(tmp_path, strata: list[tuple[str, str, int, int, int]], overall=(0.7, 20.0), coders=2, alpha=0.8):
    """An audit folder: strata (category, voice, correct, decided, size)."""
    rows = []
    for cat, voice, k, n, size in strata:
        rows.append({"scope": "stratum", "stratum": f"category={cat} | voice={voice}", "coder": "(consensus)",
                     "n_sampled": n, "n_coded": n, "correct": k, "incorrect": n - k, "unsure": 0,
                     "precision": k / n if n else float("nan"), "ci_low": 0, "ci_high": 1, "stratum_size": size, "weight": 0,
                     "n_effective": n, "category": cat, "voice": voice, "outlet": "", "term": "", "lang": ""})
    rows.append({"scope": "overall", "stratum": "(all)", "coder": "(consensus)", "n_sampled": 0, "n_coded": 0,
                 "correct": 0, "incorrect": 0, "unsure": 0, "precision": overall[0], "ci_low": 0.5, "ci_high": 0.85,
                 "stratum_size": 0, "weight": 1, "n_effective": overall[1], "category": "", "voice": "",
                 "outlet": "", "term": "", "lang": ""})
    pd.DataFrame(rows, columns=PRECISION_COLUMNS).to_csv(tmp_path / "precision.csv", index=False)
    pd.DataFrame([{"field": "label", "measure": "krippendorff_alpha", "value": alpha, "n_items": 40,
                   "n_coders": coders, "observed_agreement": 0.9, "implementation": "nltk", "note": ""},
                  {"field": "label", "measure": "cohen_kappa", "value": 0.79, "n_items": 40, "n_coders": coders,
                   "observed_agreement": 0.9, "implementation": "nltk", "note": ""}]).to_csv(
        tmp_path / "agreement.csv", index=False)
    (tmp_path / "audit.json").write_text(json.dumps({
        "sample_id": "Atest", "coders": ["a", "b"][:coders], "n_coders": coders, "n_hits": 40, "by": ["category", "voice"],
        "strata": [r["stratum"] for r in rows[:-1]], "precision": overall[0], "precision_ci": [0.5, 0.85],
        "voice_accuracy": 0.9}))
    return load_audit(tmp_path)


def _corpus(per_doc: list[tuple[str, int, dict]]):
    """Documents (outlet, words, {category: hits}) -> documents and hits tables."""
    docs, hits = [], []
    for i, (outlet, words, cats) in enumerate(per_doc):
        doc_id = f"d{i}"
        docs.append({"doc_id": doc_id, "outlet": outlet, "words": words, "date": pd.NaT})
        for cat, n in cats.items():
            for j in range(n):
                hits.append({"doc_id": doc_id, "outlet": outlet, "category": cat, "entry": f"e.{cat}", "term": cat,
                             "voice": "own", "negated": False, "sense": "loaded", "scare_quote": False,
                             "start": j, "end": j + 1})
    return pd.DataFrame(docs), pd.DataFrame(hits)


def test_corrected_rates_by_hand(tmp_path):
    audit = _audit(tmp_path, [("x", "own", 3, 4, 100), ("y", "own", 1, 2, 50), ("x", "quoted", 0, 5, 10)])
    docs, hits = _corpus([("A", 1000, {"x": 4, "y": 2}), ("A", 1000, {"x": 2}), ("B", 500, {"y": 1}),
                          ("B", 1500, {"x": 1})])
    t = corrected_rates(docs, hits, audit, n_boot=500).set_index(["group", "category"])
    # A: x 6 hits / 2000 words = 3.0 per 1,000, precision 3/4 (the own-voice stratum, not the quoted one)
    assert t.loc[("A", "x"), "rate_per_1k"] == pytest.approx(3.0)
    assert t.loc[("A", "x"), "precision"] == pytest.approx(0.75)
    assert t.loc[("A", "x"), "corrected_per_1k"] == pytest.approx(2.25)
    assert t.loc[("A", "y"), "corrected_per_1k"] == pytest.approx(0.5)    # 1.0 x 1/2
    assert t.loc[("A", "(all)"), "rate_per_1k"] == pytest.approx(4.0)
    assert t.loc[("A", "(all)"), "corrected_per_1k"] == pytest.approx(2.75)
    # B: x 1 / 2000 = 0.5 -> 0.375; y 1 / 2000 = 0.5 -> 0.25
    assert t.loc[("B", "(all)"), "corrected_per_1k"] == pytest.approx(0.625)
    assert t.loc[("A", "x"), "precision_from"] == "audit stratum x · own"
    # the Jeffreys interval of 3 of 4
    assert (t.loc[("A", "x"), "precision_low"], t.loc[("A", "x"), "precision_high"]) == pytest.approx(
        tuple(beta.ppf([0.025, 0.975], 3.5, 1.5)), abs=1e-6)
    assert t.loc[("A", "x"), "corrected_low"] < 2.25 < t.loc[("A", "x"), "corrected_high"]


def test_interval_is_the_audits_alone_when_the_corpus_has_no_spread(tmp_path):
    audit = _audit(tmp_path, [("x", "own", 3, 4, 100)])
    docs, hits = _corpus([("A", 1000, {"x": 3})] * 30)  # every document alike: the bootstrap rate is 3.0
    t = corrected_rates(docs, hits, audit, n_boot=20000).set_index(["group", "category"])
    lo, hi = 3.0 * beta.ppf([0.025, 0.975], 3.5, 1.5)
    assert t.loc[("A", "x"), "corrected_low"] == pytest.approx(lo, abs=0.03)
    assert t.loc[("A", "x"), "corrected_high"] == pytest.approx(hi, abs=0.03)


def test_interval_is_the_corpus_alone_when_the_precision_is_sure(tmp_path):
    from framing.stats import StatsOptions, rates_ci

    audit = _audit(tmp_path, [("x", "own", 900_000, 1_000_000, 100)])
    rng = np.random.default_rng(5)
    docs, hits = _corpus([("A", int(w), {"x": int(k)}) for w, k in zip(rng.integers(300, 900, 60), rng.poisson(2, 60))])
    t = corrected_rates(docs, hits, audit, n_boot=4000).set_index(["group", "category"])
    plain = rates_ci(docs.assign(date=pd.NaT), hits, ("outlet",), StatsOptions(n_boot=4000))
    row = plain[(plain["category"] == "x") & (plain["term"] == "(all)")].iloc[0]
    assert t.loc[("A", "x"), "corrected_low"] == pytest.approx(0.9 * row["ci_low"], rel=0.04)
    assert t.loc[("A", "x"), "corrected_high"] == pytest.approx(0.9 * row["ci_high"], rel=0.04)
    # delta method: the relative variance of the product is about the corpus's alone here
    assert t.loc[("A", "x"), "corrected_per_1k"] == pytest.approx(0.9 * row["rate_per_1k"], rel=1e-6)


def test_a_category_the_audit_did_not_sample_gets_the_overall_precision(tmp_path):
    audit = _audit(tmp_path, [("x", "own", 3, 4, 100)], overall=(0.6, 30.0))
    assert cell_precision(audit, "z", "A") == (0.6, 30.0, "audit overall (this category was not sampled)")


def test_methods_paragraph_says_what_was_audited(tmp_path):
    audit = _audit(tmp_path, [("x", "own", 3, 4, 100)])
    text = methods_paragraph(audit)
    assert "40 hits" in text and "2 coders" in text and "Krippendorff's alpha 0.80" in text
    assert "Cohen's kappa 0.79" in text and "stratified by category and voice" in text


def test_load_audit_names_what_is_missing(tmp_path):
    from framing.errors import InputError

    with pytest.raises(InputError, match="precision.csv, audit.json, agreement.csv not found"):
        load_audit(tmp_path)


def test_a_stratum_sampled_but_not_coded_is_not_corrected(tmp_path):
    audit = _audit(tmp_path, [("x", "own", 3, 4, 100), ("y", "own", 0, 0, 50)])
    docs, hits = _corpus([("A", 1000, {"x": 4, "y": 2}), ("A", 1000, {"x": 2})])
    t = corrected_rates(docs, hits, audit, n_boot=200).set_index(["group", "category"])
    assert np.isnan(t.loc[("A", "y"), "corrected_per_1k"])
    assert t.loc[("A", "y"), "precision_from"] == "not corrected: stratum y · own has no decided label"
    assert np.isnan(t.loc[("A", "(all)"), "corrected_per_1k"])
    assert t.loc[("A", "x"), "corrected_per_1k"] == pytest.approx(2.25)
