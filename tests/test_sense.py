"""framing/sense.py: the examples file, the sense classifier, the probability and the context hook."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from framing.errors import ModelError
from framing.sense import (SenseClassifier, evaluate_sense, load_sense_examples, sense_hook, sense_probability,
                           term_for_entry, train_sense_model)

REQUIRED_TERMS = ["occupation", "regime", "resistance", "puppet", "savage", "thieves", "invasion", "liberation",
                  "heroes", "massacre", "claimed", "admitted", "exposed", "revealed", "confirmed"]


def test_shipped_examples_cover_every_term_in_both_senses():
    examples = load_sense_examples()
    counts = examples.groupby(["term", "sense"]).size().unstack(fill_value=0)
    for term in REQUIRED_TERMS:
        assert term in counts.index, term
        assert counts.loc[term, "loaded"] >= 10 and counts.loc[term, "neutral"] >= 10, term
        assert counts.loc[term].sum() >= 20, term


def test_examples_are_split_around_the_hit():
    examples = load_sense_examples()
    row = examples[(examples["term"] == "regime") & (examples["sense"] == "neutral")].iloc[0]
    assert row["hit"].lower().startswith("regime")
    assert "[[" not in row["left"] + row["right"]


@pytest.mark.parametrize("entry, left, right, expected", [
    ("regime", "The new tax", " takes effect in January.", "neutral"),
    ("regime", "Opposition leaders vowed to topple the", " before the election.", "loaded"),
    ("claimed", "An armed group", " responsibility for the attack.", "neutral"),
    ("claimed", "The minister", " that the protests were organised from abroad.", "loaded"),
    ("admitted", "Three people were", " to hospital with injuries.", "neutral"),
    ("exposed", "Nurses were", " to the virus at work.", "neutral"),
    ("resistance", "Doctors warn that antibiotic", " is growing.", "neutral"),
])
def test_clear_cases_go_the_right_way(entry, left, right, expected):
    p = sense_probability(entry, left, right)
    assert 0.0 <= p <= 1.0
    assert (p >= 0.5) == (expected == "loaded")


def test_unknown_entry_gives_none():
    assert sense_probability("en.label.militants", "The", " attacked") is None
    assert sense_hook("The militants attacked.", 4, 13, "militants") is None


def test_entry_ids_and_entries_map_to_terms():
    terms = ("claimed", "regime")
    assert term_for_entry("regime", terms) == "regime"
    assert term_for_entry("en.state.regime", terms) == "regime"

    class FakeEntry:
        forms = ("claim*", "claims")

    assert term_for_entry(FakeEntry(), terms) == "claimed"


def test_sense_hook_answers_loaded_neutral_or_none():
    sentence = "The new tax regime takes effect in January."
    start = sentence.index("regime")
    assert sense_hook(sentence, start, start + 6, "regime") == "neutral"
    assert sense_hook(sentence, start, start + 6, "regime", low=0.0, high=1.0) is None


def test_classifier_checks_it_is_fitted_and_is_deterministic():
    with pytest.raises(NotFittedError):
        SenseClassifier().predict_proba([("regime", "a", "b")])
    X = [("regime", "The tax", "is new")]
    a = train_sense_model().p_loaded(X)
    b = train_sense_model().p_loaded(X)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("line, message", [
    ("regime\tmaybe\tThe [[regime]] fell.", "sense 'maybe' is not a sense: write loaded or neutral"),
    ("regime\tloaded\tThe regime fell.", r"0 hits marked: mark exactly one with \[\[double brackets\]\]"),
    ("regime\tloaded", r"2 cell\(s\) where 3 are expected \(term, sense, example\)"),
])
def test_bad_example_rows_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "ex.tsv"
    path.write_text("# comment\nterm\tsense\texample\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ModelError, match=f"ex.tsv:3: {message}"):
        load_sense_examples(path)


def test_evaluate_sense_reports_every_term():
    examples = load_sense_examples()
    small = examples[examples["term"].isin(["regime", "claimed"])]
    table = evaluate_sense(small, folds=3)
    assert list(table["term"]) == ["claimed", "regime", "(all)"]
    assert ((table["accuracy"] >= 0) & (table["accuracy"] <= 1)).all()


def test_lexicon_entries_of_the_example_terms_find_their_examples():
    from framing.errors import FramingError
    from framing.lexicon import load_lexicon

    try:
        lexicon = load_lexicon(("en/core",))
    except FramingError as exc:
        pytest.skip(f"the English core lexicon is not loadable here: {exc}")
    terms = tuple(sorted(set(train_sense_model().terms_)))
    for entry in lexicon.entries:
        forms = {f.rstrip("*").lower() for f in entry.forms}
        if entry.term.lower() in terms:
            assert term_for_entry(entry, terms) == entry.term.lower(), entry.id
            assert sense_probability(entry.id, "The", " was mentioned.") is not None, entry.id
        elif not forms & set(terms):
            assert sense_probability(entry, "The", " was mentioned.") is None, entry.id
