"""framing/model.py: fitted checks, shapes, determinism, persistence, refusal of unsafe files, CLI."""
from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError

from framing.errors import ModelError
from framing.model import (LexiconFeatures, MarkedWordRates, ModelOptions, aggregate, default_model_path,
                           evaluate_model, load_model, metadata_path, save_model, score_corpus, score_sentences,
                           top_features, train_model)

# Hand-written sentences (not from any data set): loaded ones use emotive, judging words.
_LOADED = [
    "The {a} regime brutally crushed the brave protesters in a shameful display of tyranny.",
    "These radical extremists want to destroy everything decent about our {a} country.",
    "The corrupt {a} elites shamelessly rigged the system against hardworking families.",
    "A disastrous and reckless {a} policy has left ordinary people utterly betrayed.",
    "The so-called experts peddled outrageous lies about the {a} crisis.",
    "Thugs from the {a} militia terrorised innocent villagers with savage cruelty.",
]
_NEUTRAL = [
    "The {a} ministry published its annual budget report on Tuesday.",
    "Officials said the {a} bridge will reopen to traffic next month.",
    "The {a} council voted to extend library opening hours by one hour.",
    "Rainfall in the {a} region was close to the long-term average this spring.",
    "The {a} company reported quarterly revenue of two billion dollars.",
    "Researchers at the {a} university published a study on soil moisture.",
]
_ADJ = ["northern", "southern", "eastern", "western", "coastal"]
_MARKS = ["brutally|tyranny|shameful", "radical|extremists|destroy", "corrupt|shamelessly|rigged",
          "disastrous|reckless|betrayed", "so-called|outrageous|lies", "thugs|terrorised|savage"]


def _data():
    texts, labels, marked = [], [], []
    for a in _ADJ:
        for t, m in zip(_LOADED, _MARKS):
            texts.append(t.format(a=a))
            labels.append(1)
            marked.append(m)
        for t in _NEUTRAL:
            texts.append(t.format(a=a))
            labels.append(0)
            marked.append("")
    return texts, labels, marked


@pytest.fixture(scope="module")
def model():
    texts, labels, marked = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the shipped lexicon may not exist yet
        return train_model(texts, labels, marked=marked, seed=0)


@pytest.fixture(scope="module")
def saved(model, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "m.skops"
    save_model(model, path)
    return path


# ----------------------------------------------------------------------------- transformers

@pytest.mark.parametrize("transformer", [LexiconFeatures(lexicons=()), MarkedWordRates()])
def test_transform_before_fit_raises(transformer):
    with pytest.raises(NotFittedError):
        transformer.transform(["a sentence"])


def test_init_only_stores_parameters():
    lf = LexiconFeatures(lexicons=(), literature=("hedges_hyland2005",))
    assert lf.get_params() == {"lexicons": (), "literature": ("hedges_hyland2005",)}
    assert not [k for k in vars(lf) if k.endswith("_")]


def test_lexicon_features_count_literature_words():
    lf = LexiconFeatures(lexicons=(), literature=("hedges_hyland2005", "factives_hooper1975")).fit(["x"])
    out = lf.transform(["It is apparently possible that they regret it.", "Nothing here."])
    names = list(lf.get_feature_names_out())
    assert out.shape == (2, len(names))
    hedges = names.index("list:hedges_hyland2005")
    assert out[0, hedges] > 0 and out[1, hedges] == 0      # "apparently", "possible"
    assert out[0, names.index("list:factives_hooper1975")] > 0  # "regret"


def test_unknown_literature_list_is_a_model_error():
    with pytest.raises(ModelError, match="literature list 'nope' not found"):
        LexiconFeatures(lexicons=(), literature=("nope",)).fit(["x"])


def test_marked_word_rates_learn_marked_words_and_cross_fit():
    texts, labels, marked = _data()
    mwr = MarkedWordRates(cv=5, random_state=0)
    crossed = mwr.fit_transform(texts, np.array(labels), marked=marked)
    assert crossed.shape == (len(texts), 5)
    assert mwr.rates_["tyranny"] > mwr.rates_["budget"]
    assert not np.allclose(crossed, mwr.transform(texts))  # training rows never see their own marks
    assert ((crossed >= 0) & (crossed <= 1)).all()


def test_marked_word_rates_fall_back_to_labels():
    texts, labels, _ = _data()
    mwr = MarkedWordRates().fit(texts, labels)
    assert mwr.rates_["tyranny"] > mwr.rates_["budget"]


# ----------------------------------------------------------------------------- training and scoring

def test_scores_are_probabilities_of_the_right_shape(model):
    p = score_sentences(model, ["The brutal regime crushed dissent.", "The council met on Monday.", ""])
    assert p.shape == (3,)
    assert ((p >= 0) & (p <= 1)).all()
    assert score_sentences(model, []).shape == (0,)


def test_scores_order_loaded_above_neutral(model):
    p = score_sentences(model, ["Corrupt thugs shamelessly rigged the disastrous vote.",
                                "The ministry published the budget report on Tuesday."])
    assert p[0] > p[1]


def test_training_is_deterministic(model):
    texts, labels, marked = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        again = train_model(texts, labels, marked=marked, seed=0)
    probe = ["A shameful and reckless decision.", "The report was published."]
    np.testing.assert_array_equal(score_sentences(model, probe), score_sentences(again, probe))


def test_metadata_records_versions_data_hash_and_seed(model):
    meta = model.metadata
    for key in ("framing_version", "sklearn_version", "data_sha256", "seed", "trained_at", "options"):
        assert key in meta
    assert len(meta["data_sha256"]) == 64 and meta["seed"] == 0


@pytest.mark.parametrize("labels, message", [
    ([1] * 60, "same label"),
    (["yes?"] * 60, "not labels"),
    ([1, 0] * 29, "58 labels for 60 texts"),
])
def test_bad_labels_are_model_errors(labels, message):
    texts, _, _ = _data()
    with pytest.raises(ModelError, match=message):
        train_model(texts, labels)


def test_one_string_instead_of_a_list_is_refused(model):
    with pytest.raises(ModelError, match="one string"):
        score_sentences(model, "a sentence")


def test_top_features_lists_both_directions(model):
    table = top_features(model, n=5)
    assert list(table.columns) == ["feature", "weight", "towards"]
    assert set(table["towards"]) == {"loaded", "neutral"} and len(table) == 10


# ----------------------------------------------------------------------------- persistence

def test_save_load_round_trip(model, saved):
    loaded = load_model(saved)
    probe = ["Outrageous lies from corrupt elites.", "Rainfall was average this spring."]
    np.testing.assert_array_equal(score_sentences(model, probe), score_sentences(loaded, probe))
    sidecar = json.loads(metadata_path(saved).read_text())
    assert sidecar["model_sha256"] and sidecar["data_sha256"] == model.metadata["data_sha256"]


def test_tampered_file_is_refused(saved, tmp_path):
    bad = tmp_path / "bad.skops"
    raw = bytearray(saved.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    bad.write_bytes(bytes(raw))
    metadata_path(bad).write_bytes(metadata_path(saved).read_bytes())
    with pytest.raises(ModelError, match="differs from the one recorded"):
        load_model(bad)


class Evil:
    """A type no framing model contains; loading it must never build it."""

    built = False

    def __setstate__(self, state):
        Evil.built = True


def test_untrusted_types_are_refused_without_running_code(saved, tmp_path):
    import hashlib

    import skops.io as sio

    bad = tmp_path / "evil.skops"
    sio.dump({"format": "framing.loadedness", "pipeline": Evil()}, bad)
    sidecar = json.loads(metadata_path(saved).read_text())
    sidecar["model_sha256"] = hashlib.sha256(bad.read_bytes()).hexdigest()  # a careful attacker fixes the hash
    metadata_path(bad).write_text(json.dumps(sidecar))
    with pytest.raises(ModelError, match="does not trust"):
        load_model(bad)
    assert Evil.built is False


def test_missing_metadata_is_refused(saved, tmp_path):
    lone = tmp_path / "lone.skops"
    lone.write_bytes(saved.read_bytes())
    with pytest.raises(ModelError, match="no metadata file"):
        load_model(lone)


def test_other_format_version_is_refused(saved, tmp_path):
    other = tmp_path / "other.skops"
    other.write_bytes(saved.read_bytes())
    sidecar = json.loads(metadata_path(saved).read_text())
    sidecar["format_version"] = 99
    metadata_path(other).write_text(json.dumps(sidecar))
    with pytest.raises(ModelError, match="format version 99"):
        load_model(other)


def test_not_a_skops_file_is_refused(saved, tmp_path):
    import hashlib

    junk = tmp_path / "junk.skops"
    junk.write_bytes(b"not a zip file at all")
    sidecar = json.loads(metadata_path(saved).read_text())
    sidecar["model_sha256"] = hashlib.sha256(junk.read_bytes()).hexdigest()
    metadata_path(junk).write_text(json.dumps(sidecar))
    with pytest.raises(ModelError, match="not a readable skops model file"):
        load_model(junk)


def test_missing_file_and_bad_suffix(model, tmp_path):
    with pytest.raises(ModelError, match="model file not found"):
        load_model(tmp_path / "none.skops")
    with pytest.raises(ModelError, match="must end in .skops"):
        save_model(model, tmp_path / "model.pkl")


@pytest.mark.skipif(not default_model_path().is_file(), reason="the shipped model is not built (scripts/train_model.py)")
def test_shipped_model_loads_and_scores():
    shipped = load_model()
    p = score_sentences(shipped, ["The president's reckless, shameful lies betrayed the nation.",
                                  "The committee will meet again on Thursday."])
    assert p.shape == (2,) and p[0] > p[1]
    assert shipped.metadata.get("data_licence") == "AGPL-3.0"


# ----------------------------------------------------------------------------- corpus scores

def test_score_corpus_gives_one_row_per_sentence(model):
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "date": pd.to_datetime(["2020-01-01", None]),
                           "text": ["The corrupt elites lied. The report was published.", "Rain fell."]})
    table = score_corpus(model, corpus)
    assert list(table["doc_id"]) == ["a", "a", "b"]
    assert list(table["sentence"]) == [0, 1, 0]
    assert set(table["label"]) <= {"loaded", "neutral"}


def test_aggregate_means_and_intervals_by_hand():
    sentences = pd.DataFrame({"doc_id": ["d1", "d1", "d2", "d3"], "outlet": ["A", "A", "A", "B"],
                              "p_loaded": [0.2, 0.6, 0.9, 0.4]})
    out = aggregate(sentences, "outlet", n_boot=500, seed=1)
    a = out.set_index("outlet").loc["A"]
    assert a["sentences"] == 3 and a["units"] == 2
    assert a["mean_p"] == pytest.approx((0.2 + 0.6 + 0.9) / 3)
    assert a["share_loaded"] == pytest.approx(2 / 3)
    # resampling whole documents: the mean lies between d1's mean (0.4) and d2's (0.9)
    assert 0.4 - 1e-9 <= a["mean_p_low"] <= a["mean_p"] <= a["mean_p_high"] <= 0.9 + 1e-9
    assert np.isnan(out.set_index("outlet").loc["B", "mean_p_low"])  # one document: no interval
    docs = aggregate(sentences, "doc_id", n_boot=0)
    assert docs.set_index("doc_id").loc["d1", "mean_p"] == pytest.approx(0.4)
    again = aggregate(sentences, "outlet", n_boot=500, seed=1)
    pd.testing.assert_frame_equal(out, again)


def test_aggregate_reports_missing_columns():
    with pytest.raises(ModelError, match="lacks column"):
        aggregate(pd.DataFrame({"p_loaded": [0.5]}), "outlet")


def test_evaluate_model_shapes():
    texts, labels, marked = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ev = evaluate_model(texts, labels, marked=marked, folds=3, options=ModelOptions(calibration_folds=3),
                            learning_curve=True)
    assert list(ev.folds["fold"]) == ["1", "2", "3", "mean"]
    assert {"precision", "recall", "f1", "macro_f1", "roc_auc"} <= set(ev.folds.columns)
    assert len(ev.probabilities) == len(texts)
    assert not ev.learning_curve.empty
    assert ev.learning_curve["train_size"].is_monotonic_increasing and ev.learning_curve["train_size"].is_unique


# ----------------------------------------------------------------------------- command line

def _main(argv):
    from framing.cli import main

    return main(argv)


def test_cli_score_keeps_columns_and_adds_p_loaded(saved, tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": ["1", "2"], "text": ["Corrupt thugs lied. The bridge reopened.", "Rain fell on Monday."],
                  "outlet": ["X", "Y"]}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    assert _main(["score", str(src), "--model", str(saved), "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["id", "text", "outlet", "p_loaded", "label"] and len(table) == 2
    out2 = tmp_path / "sent.csv"
    assert _main(["score", str(src), "--model", str(saved), "--sentences", "-o", str(out2)]) == 0
    per_sentence = pd.read_csv(out2)
    assert len(per_sentence) == 3 and list(per_sentence["sentence"]) == [0, 1, 0]


def test_cli_score_errors_are_one_line(saved, tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame({"body": ["x"]}).to_csv(src, index=False)
    assert _main(["score", str(src), "--model", str(saved), "--text-col", "nope", "-o", str(tmp_path / "o.csv")]) == 2
    assert "no column 'nope'" in capsys.readouterr().err


def test_cli_train_then_score(tmp_path):
    texts, labels, marked = _data()
    data = tmp_path / "train.csv"
    pd.DataFrame({"text": texts, "label": labels, "biased_words": marked}).to_csv(data, index=False)
    model_path = tmp_path / "mine.skops"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assert _main(["train", str(data), "-o", str(model_path)]) == 0
    assert model_path.is_file() and metadata_path(model_path).is_file()
    assert load_model(model_path).metadata["marked_words"] is True


def test_cli_score_reads_legacy_encodings_and_writes_a_manifest(saved, tmp_path, capsys):
    """cp1252 and UTF-16 files are decoded as the corpus readers decode them (framing.ingest.encoding),
    and every row read is listed in OUT.manifest.csv with the file's encoding."""
    cp = tmp_path / "cp.csv"
    cp.write_bytes('id,text\n1,"Caf\xe9 owners were \u201cthugs\u201d, he said."\n2,Rain fell.\n'.encode("cp1252"))
    u16 = tmp_path / "u16.tsv"
    u16.write_bytes("id\ttext\n3\tLe caf\xe9 a ferm\xe9.\n".encode("utf-16"))
    out = tmp_path / "scored.csv"
    assert _main(["score", str(cp), str(u16), "--model", str(saved), "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str)
    assert list(table["text"]) == ["Caf\xe9 owners were \u201cthugs\u201d, he said.", "Rain fell.", "Le caf\xe9 a ferm\xe9."]
    assert list(table["file"]) == [str(cp), str(cp), str(u16)]
    manifest = pd.read_csv(tmp_path / "scored.manifest.csv", dtype=str, keep_default_na=False)
    assert list(manifest["record"]) == ["row 1", "row 2", "row 1"]
    assert list(manifest["status"]) == ["analysed"] * 3
    assert list(manifest["encoding"])[0] == "cp1252" and list(manifest["encoding"])[2] == "utf-16 (BOM)"
    assert "wrote " + str(out) + ": 3 rows" in capsys.readouterr().err


def test_cli_score_txt_lines_are_rows_named_by_line(saved, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_bytes("\ufeffFirst line.\n\nThird line, caf\xe9.\n".encode("utf-8"))
    out = tmp_path / "n.csv"
    assert _main(["score", str(notes), "--model", str(saved), "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str)
    assert list(table["line"]) == ["1", "3"] and list(table["text"]) == ["First line.", "Third line, caf\xe9."]
    manifest = pd.read_csv(tmp_path / "n.manifest.csv", dtype=str)
    assert list(manifest["record"]) == ["line 1", "line 3"] and set(manifest["encoding"]) == {"utf-8 (BOM)"}


def test_cli_train_reads_a_cp1252_file_and_writes_a_manifest(tmp_path):
    texts, labels, marked = _data()
    data = tmp_path / "train.csv"
    pd.DataFrame({"text": [t + " caf\xe9" for t in texts], "label": labels}).to_csv(data, index=False,
                                                                                  encoding="cp1252")
    model_path = tmp_path / "mine.skops"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        assert _main(["train", str(data), "-o", str(model_path)]) == 0
    manifest = pd.read_csv(tmp_path / "mine.manifest.csv", dtype=str)
    assert len(manifest) == len(texts) and set(manifest["encoding"]) == {"cp1252"}
    assert load_model(model_path).metadata["marked_words"] is False


def test_cli_evaluate_writes_metrics_and_plots(saved, tmp_path):
    import matplotlib.pyplot as plt

    texts, labels, marked = _data()
    data = tmp_path / "heldout.csv"
    pd.DataFrame({"text": texts, "label": labels}).to_csv(data, index=False)
    out = tmp_path / "eval"
    assert _main(["evaluate", str(data), "--model", str(saved), "--folds", "3", "-o", str(out)]) == 0
    metrics = pd.read_csv(out / "metrics.csv")
    assert list(metrics["fold"].astype(str)) == ["1", "2", "3", "mean"]
    assert plt.imread(out / "calibration.png").std() > 0.01
    assert _main(["evaluate", str(data), "--folds", "3", "-o", str(tmp_path / "cv")]) == 0
    assert plt.imread(tmp_path / "cv" / "learning_curve.png").std() > 0.01
