"""framing/wordmodel.py: tokens, training examples, threshold, scoring, persistence and refusal."""
from __future__ import annotations

import numpy as np
import pytest

from framing.errors import ModelError
from framing.model import default_model_path
from framing.wordmodel import (WordModelOptions, choose_threshold, default_word_model_path, evaluate_word_model,
                               load_word_model, phrase_probability, save_word_model, score_texts, score_tokens,
                               score_windows, tokenize, train_word_model, usable_sentences, word_examples)

# Hand-written sentences; the marked words are the emotive ones.
_TEMPLATES = [
    ("The {a} mayor gave a shameful speech full of lies.", "shameful|lies"),
    ("A reckless {a} plan will wreck the harbour.", "reckless|wreck"),
    ("The {a} council met on Tuesday to discuss the budget.", ""),
    ("Officials in the {a} district opened a new school.", ""),
    ("The disgraceful {a} deal betrayed the voters.", "disgraceful|betrayed"),
    ("Engineers inspected the {a} bridge last week.", ""),
]
_ADJ = ["northern", "southern", "eastern", "western", "coastal", "central", "upland", "river"]


def _data():
    texts, labels, marked = [], [], []
    for a in _ADJ:
        for template, marks in _TEMPLATES:
            texts.append(template.format(a=a))
            labels.append(1 if marks else 0)
            marked.append(marks or None)
    return texts, labels, marked


def test_tokenize_keeps_offsets_hyphens_and_apostrophes():
    text = "Anti-war protesters' so-called 'riot', 2020."
    toks = tokenize(text)
    assert [t for _, _, t in toks] == ["Anti-war", "protesters", "so-called", "riot"]
    assert all(text[s:e] == t for s, e, t in toks)


def test_word_examples_label_marked_tokens_case_insensitively():
    X, y, owner = word_examples(["The Shameful plan failed.", "A calm day."], ["shameful", None])
    assert [tokens[i] for tokens, i in X] == ["The", "Shameful", "plan", "failed", "A", "calm", "day"]
    assert y.tolist() == [0, 1, 0, 0, 0, 0, 0]
    assert owner.tolist() == [0, 0, 0, 0, 1, 1, 1]


def test_biased_sentences_without_marked_words_are_not_used():
    assert usable_sentences([1, 0, 1, 0], ["a|b", None, None, "c"]).tolist() == [True, True, False, True]


def test_choose_threshold_maximises_f1():
    y = np.array([0, 0, 1, 1, 0, 1])
    p = np.array([0.1, 0.2, 0.8, 0.7, 0.6, 0.3])
    # by hand: at 0.7 P 1, R 2/3, F1 0.8; at 0.6 P 2/3, R 2/3; at 0.3 P 3/4, R 1, F1 6/7 (the best)
    assert choose_threshold(y, p) == pytest.approx(0.3)


def test_trained_model_scores_marked_words_above_neutral_ones_and_round_trips(tmp_path):
    texts, labels, marked = _data()
    model = train_word_model(texts, labels, marked, options=WordModelOptions(lexicon=False))
    scores = score_tokens(model, "The shameful council opened a bridge.")
    p = {s.token: s.p for s in scores}
    assert p["shameful"] > 0.5 > p["council"]
    assert p["shameful"] > p["bridge"]
    assert 0 < model.threshold < 1
    path = save_word_model(model, tmp_path / "words.skops")
    again = load_word_model(path)
    assert [s.p for s in score_tokens(again, "The shameful council opened a bridge.")] == pytest.approx([s.p for s in scores])
    # a phrase is as loaded as its most loaded word
    assert phrase_probability(scores, scores[0].start, scores[2].end) == pytest.approx(p["shameful"])
    win = score_windows(model, [(("The", "shameful", "council"), 1, 2)])
    assert win[0] == pytest.approx(max(s.p for s in score_tokens(model, "The shameful council")[1:]))


def test_word_model_refuses_a_sentence_model_file():
    with pytest.raises(ModelError, match="not the metadata of a framing model of kind framing.wordloadedness"):
        load_word_model(default_model_path())


def test_too_few_marked_words_is_refused_with_a_message():
    with pytest.raises(ModelError, match="fewer than 10 marked words"):
        train_word_model(["A calm day.", "A shameful day."], [0, 1], [None, "shameful"])


def test_evaluation_reports_token_level_metrics_per_fold():
    texts, labels, marked = _data()
    table = evaluate_word_model(texts, labels, marked, folds=3, options=WordModelOptions(lexicon=False))
    assert list(table["fold"]) == ["1", "2", "3", "mean"]
    # every fold holds 16 sentences; marked tokens per fold add up to all marked tokens
    assert table["marked"].iloc[:-1].sum() == 8 * 6
    assert table["f1"].iloc[-1] > 0.8        # the marked words recur in every fold


def test_shipped_word_model_loads_and_reads_emotive_words_as_loaded():
    assert default_word_model_path().is_file()
    model = load_word_model()
    [scores] = score_texts(model, ["Officials said the disastrous plan was announced on Tuesday."])
    p = {s.token: s.p for s in scores}
    assert p["disastrous"] > model.threshold > max(p["Officials"], p["said"], p["Tuesday"], p["announced"])


def test_sentence_model_with_word_features_trains_saves_and_loads(tmp_path):
    from dataclasses import replace

    from framing.model import ModelOptions, load_model, save_model, score_sentences, train_model

    texts, labels, marked = _data()
    model = train_model(texts, labels, marked=marked, options=replace(ModelOptions(), word_weight=1.0,
                                                                        calibration_folds=3))
    names = list(model.pipeline.named_steps["features"].get_feature_names_out())
    assert "word__word_p_max" in names
    again = load_model(save_model(model, tmp_path / "s.skops"))   # every type in it is trusted
    p = score_sentences(again, ["The shameful deal betrayed the voters.", "Engineers inspected the bridge."])
    assert p[0] > p[1]
