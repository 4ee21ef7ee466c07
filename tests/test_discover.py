"""framing/discover.py: statistics by hand, and a hand-written corpus with planted terms."""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.cli import main
from framing.discover import (ALL, CANDIDATE_COLUMNS, DiscoverOptions, discover, draft_lexicon,
                              log_odds_z)
from framing.lexicon import load_lexicon, parse_lexicon, load_categories
from framing.stats import benjamini_hochberg, g2
from framing.wordmodel import function_words

NOUNS = ["council", "harbour", "budget", "bridge", "school", "market", "railway", "clinic", "library", "factory",
         "orchard", "museum", "stadium", "airport", "canal", "farm"]
VERBS = ["opened", "inspected", "funded", "reviewed", "closed", "visited", "planned", "repaired", "measured"]
PLACES = ["the valley", "the old town", "the north", "the coast", "the hills", "the suburbs", "the east"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _doc(rng: random.Random, outlet: str) -> str:
    sentences = []
    for _ in range(6):
        sentences.append(f"The {rng.choice(NOUNS)} {rng.choice(VERBS)} the {rng.choice(NOUNS)} in "
                         f"{rng.choice(PLACES)} on {rng.choice(DAYS)}.")
    if outlet == "Alpha Daily":
        # planted: an emotive word, a person's name, boilerplate
        sentences.insert(2, f"It was a shameful {rng.choice(NOUNS)} for {rng.choice(PLACES)}.")
        sentences.insert(4, f"Marta Kovacs {rng.choice(VERBS)} the {rng.choice(NOUNS)} again.")
        sentences.append("Subscribe to our newsletter for the best stories every morning.")
    elif outlet == "Beta Post":
        sentences.insert(3, f"Critics called the {rng.choice(NOUNS)} plan disgraceful and {rng.choice(['odd', 'late'])}.")
    return " ".join(sentences)


def _corpus(n_per_outlet: int = 30, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    docs = []
    for outlet in ("Alpha Daily", "Beta Post", "Gamma Wire"):
        for k in range(n_per_outlet):
            docs.append({"doc_id": f"{outlet}-{k}", "group": outlet, "outlet": outlet, "text": _doc(rng, outlet)})
    return docs


@pytest.fixture(scope="module")
def result():
    return discover(_corpus(), DiscoverOptions(min_docs=5, min_group_docs=10))


# ----------------------------------------------------------------------------- statistics by hand

def test_g2_matches_a_hand_computed_value():
    # a=10 in c=100 tokens, b=10 in d=200: E1 = 20/3, E2 = 40/3; G2 = 2(10 ln 1.5 + 10 ln 0.75) = 2.3557
    assert g2(np.array([10.0]), np.array([10.0]), 100.0, 200.0)[0] == pytest.approx(2.3557, abs=1e-4)


def test_benjamini_hochberg_by_hand():
    # sorted 0.01, 0.03, 0.04 -> 0.03, 0.045, 0.04 -> running minimum from the top: 0.03, 0.04, 0.04
    assert benjamini_hochberg(np.array([0.01, 0.04, 0.03])).tolist() == pytest.approx([0.03, 0.04, 0.04])


def test_log_odds_z_by_hand():
    # y_g=20 of n_g=100, y_r=10 of n_r=100, prior 1 of alpha0 10:
    # delta = ln(21/89) - ln(11/99); var = 1/21 + 1/11
    z = log_odds_z(np.array([20.0]), np.array([10.0]), 100.0, 100.0, np.array([1.0]), 10.0)[0]
    expected = (np.log(21 / 89) - np.log(11 / 99)) / np.sqrt(1 / 21 + 1 / 11)
    assert z == pytest.approx(expected)
    assert z > 0


# ----------------------------------------------------------------------------- planted corpus

def test_planted_terms_are_found_for_their_outlet_stable_and_on_top(result):
    cand = result.candidates
    assert list(cand.columns) == CANDIDATE_COLUMNS
    alpha = cand[cand["group"] == "Alpha Daily"]
    beta = cand[cand["group"] == "Beta Post"]
    top_alpha = alpha.iloc[0]
    assert top_alpha["term"] == "shameful" and top_alpha["rank"] == 1
    assert bool(top_alpha["stable"]) and top_alpha["docs"] == 30 and top_alpha["count"] == 30
    assert top_alpha["keyness_z"] > 1.96 and top_alpha["q_value"] <= 0.05
    assert "[shameful]" in top_alpha["example"]
    assert beta.iloc[0]["term"] == "disgraceful"
    # overall, the two planted emotive words lead
    overall = cand[cand["group"] == ALL]
    assert set(overall.head(2)["term"]) == {"shameful", "disgraceful"}
    assert overall["rank"].tolist() == list(range(1, len(overall) + 1))
    # a planted word is key only for the outlet that uses it
    assert "shameful" not in set(cand.loc[cand["group"] == "Gamma Wire", "term"])


def test_names_boilerplate_function_words_and_outlet_names_never_appear(result):
    terms = result.candidates["term"]
    words = {w for t in terms for w in t.split()}
    assert not words & {"marta", "kovacs", "subscribe", "newsletter"}
    assert not words & {"alpha", "beta", "gamma", "monday", "tuesday"}
    stop = function_words()
    assert not [t for t in terms if t.split()[0] in stop or t.split()[-1] in stop]
    assert any("boilerplate" in n and "sentence" in n for n in result.notes)


def test_lexicon_terms_are_not_candidates():
    # the shipped lexicon lists 'shameful' and 'disgraceful' (en.intens.egregious) but not 'chaotic'
    lexicon = load_lexicon(["en/core"])
    rng = random.Random(3)
    docs = _corpus()
    for d in docs[60:]:
        d["text"] += f" The {rng.choice(NOUNS)} meeting was chaotic in {rng.choice(PLACES)}."
    terms = set(discover(docs, DiscoverOptions(min_docs=5, min_group_docs=10), lexicon=lexicon).candidates["term"])
    assert "shameful" not in terms and "disgraceful" not in terms
    assert "chaotic" in terms


def test_same_input_same_candidates():
    a = discover(_corpus(), DiscoverOptions(min_docs=5, min_group_docs=10)).candidates
    b = discover(_corpus(), DiscoverOptions(min_docs=5, min_group_docs=10)).candidates
    pd.testing.assert_frame_equal(a, b)


def test_draft_lexicon_rows_are_drafts_in_the_schema(result):
    text = draft_lexicon(result.candidates, 5)
    entries, problems = parse_lexicon(text.encode(), "draft.tsv", load_categories())
    assert problems == []
    assert [e.term for e in entries][:2] == ["shameful", "disgraceful"] or {e.term for e in entries[:2]} == {
        "shameful", "disgraceful"}
    assert all(e.id.startswith("draft.") and "DRAFT" in e.rationale and e.referent == "" for e in entries)
    assert text.startswith("# DRAFT")


def test_a_corpus_too_small_says_so_and_writes_what_it_can():
    small = discover(_corpus(n_per_outlet=2), DiscoverOptions())
    assert any(n.startswith("only 6 documents: too few for stable results") for n in small.notes)
    assert any("fewer than two outlets with 20+ documents" in n for n in small.notes)
    assert set(small.candidates["group"]) == {ALL}            # what it can: the overall ranking
    tiny = discover(_corpus(n_per_outlet=2)[:2], DiscoverOptions())
    assert tiny.candidates.empty and list(tiny.candidates.columns) == CANDIDATE_COLUMNS
    assert any(n.startswith("only 2 document(s)") and "give more documents" in n for n in tiny.notes)


def test_cli_writes_candidates_and_a_draft_that_validates(tmp_path, capsys):
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for d in _corpus():
            fh.write(json.dumps({"id": d["doc_id"], "outlet": d["outlet"], "date": "2021-03-04", "text": d["text"]}) + "\n")
    out = tmp_path / "disc"
    mini = Path(__file__).parent / "data" / "mini_lexicon.tsv"   # does not list the planted words
    assert main(["discover", str(path), "--by", "outlet", "--min-docs", "5", "--lexicons", "none",
                 "--lexicon", str(mini), "-o", str(out)]) == 0
    cand = pd.read_csv(out / "candidates.csv")
    assert {"rank", "term", "group", "count", "docs", "keyness_z", "p_loaded", "stable", "example"} <= set(cand.columns)
    assert "shameful" in set(cand.loc[cand["group"] == "Alpha Daily", "term"])
    assert main(["lexicon", "validate", str(out / "lexicon-draft.tsv")]) == 0
    assert main(["discover", str(path), "--top", "0", "-o", str(out)]) == 2
    assert "--top 0: give a positive number" in capsys.readouterr().err


def test_by_period_groups_documents_by_year():
    from framing.discover import load_corpus

    rng = random.Random(5)
    records = []
    for k in range(40):
        year = 2020 if k < 20 else 2021
        text = _doc(rng, "Gamma Wire")
        if year == 2021:
            text += f" The {rng.choice(NOUNS)} plan was shameful in {rng.choice(PLACES)}."
        records.append({"doc_id": f"d{k}", "outlet": "Gamma Wire", "date": pd.Timestamp(f"{year}-05-0{1 + k % 9}"),
                        "title": "", "text": text})
    docs = load_corpus(records, "period", "year")
    assert {d["group"] for d in docs} == {"2020", "2021"}
    cand = discover(docs, DiscoverOptions(by="period", min_docs=5, min_group_docs=10)).candidates
    top = cand[cand["group"] == "2021"].iloc[0]
    assert top["term"] == "shameful" and top["docs"] == 20
    assert "shameful" not in set(cand.loc[cand["group"] == "2020", "term"])



def test_a_topical_noun_frequent_in_one_group_ranks_below_a_loaded_adjective():
    # both planted in the 30 Alpha Daily documents only: the noun names what the stories are about
    # (3 uses in each, so it is the more key of the two), the adjective stands once in each. The word
    # model's probability leads the ranking and keyness weighs it, not the reverse: the adjective
    # ranks above the noun for Alpha Daily and overall
    rng = random.Random(11)
    docs = _corpus()
    for d in docs[:30]:   # random nouns keep the sentences and 8-word runs apart (no boilerplate)
        n = [rng.choice(NOUNS) for _ in range(6)]
        d["text"] += (f" The pipeline {rng.choice(VERBS)} the {n[0]} near the {n[1]}. It was a scornful {n[2]} for the"
                      f" {n[3]}. The {n[4]} {rng.choice(VERBS)} the pipeline. The {n[5]} saw the pipeline.")
    cand = discover(docs, DiscoverOptions(min_docs=5, min_group_docs=10)).candidates
    alpha = cand[cand["group"] == "Alpha Daily"].set_index("term")
    assert alpha.loc["pipeline", "keyness_z"] > alpha.loc["scornful", "keyness_z"] > 1.96
    assert alpha.loc["pipeline", "count"] > 2 * alpha.loc["scornful", "count"] and alpha.loc["scornful", "docs"] == 30
    assert alpha.loc["scornful", "p_loaded"] > 2 * alpha.loc["pipeline", "p_loaded"]
    for group in (ALL, "Alpha Daily"):
        ranks = cand[cand["group"] == group].set_index("term")["rank"]
        assert ranks["scornful"] < ranks["pipeline"], group
