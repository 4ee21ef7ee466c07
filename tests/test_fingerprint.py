"""framing/fingerprint.py: cross-validated outlet model, distinctive features, masking, confusion chart."""
from __future__ import annotations

import numpy as np
import pytest

from framing.errors import ModelError
from framing.fingerprint import FingerprintOptions, drop_repeated_lines, fingerprint_outlets
from framing.plots import plot_confusion, plot_distinctive_features

# Three made-up outlets with their own pet words, and boilerplate that must not decide.
_STYLE = {
    "Harbour Gazette": ("fishermen", "tides", "harbour"),
    "Valley Courier": ("farmers", "harvest", "orchards"),
    "Metro Wire": ("commuters", "subway", "skyline"),
}
_TOPICS = ["budget", "school", "election", "storm", "festival", "hospital", "bridge", "museum"]


def _corpus():
    texts, outlets = [], []
    for outlet, (a, b, c) in _STYLE.items():
        for k, topic in enumerate(_TOPICS):
            texts.append(f"The {topic} story from {outlet}: {a} and {b} talked about the {topic}.\n"
                         f"Local {c} news on the {topic} continues.\nSubscribe to our newsletter")
            outlets.append(outlet)
    return texts, outlets


@pytest.fixture(scope="module")
def fingerprint():
    texts, outlets = _corpus()
    return fingerprint_outlets(texts, outlets, options=FingerprintOptions(folds=4, min_df=1, top=5), seed=0)


def test_accuracy_confusion_and_features(fingerprint):
    assert fingerprint.outlets == tuple(sorted(_STYLE))
    assert 0 <= fingerprint.chance <= fingerprint.accuracy <= 1
    assert fingerprint.accuracy > 0.9  # the pet words make it easy
    assert len(fingerprint.folds) == 4
    assert fingerprint.confusion.shape == (3, 3)
    assert fingerprint.confusion.to_numpy().sum() == 24
    feats = fingerprint.features
    assert set(feats["outlet"]) == set(_STYLE) and (feats.groupby("outlet").size() == 5).all()
    valley = set(feats.loc[feats["outlet"] == "Valley Courier", "feature"])
    assert valley & {"farmers", "harvest", "orchards"}


def test_outlet_names_and_boilerplate_are_not_features(fingerprint):
    names = set(fingerprint.features["feature"])
    assert not names & {"harbour gazette", "gazette", "valley", "courier", "metro", "wire", "subscribe", "newsletter"}


def test_predict_names_the_outlet(fingerprint):
    table = fingerprint.predict(["The farmers brought the harvest from the orchards.", "Commuters packed the subway."])
    assert list(table["predicted"]) == ["Valley Courier", "Metro Wire"]
    probs = table[list(fingerprint.outlets)].to_numpy()
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)


def test_deterministic():
    texts, outlets = _corpus()
    opts = FingerprintOptions(folds=4, min_df=1, top=5)
    a = fingerprint_outlets(texts, outlets, options=opts, seed=0)
    b = fingerprint_outlets(texts, outlets, options=opts, seed=0)
    assert a.folds == b.folds
    assert a.features.equals(b.features)


def test_small_outlets_are_dropped_and_too_few_refused():
    texts, outlets = _corpus()
    fp = fingerprint_outlets(texts + ["A lone text."], outlets + ["Tiny Times"],
                             options=FingerprintOptions(folds=4, min_df=1))
    assert fp.dropped == ("Tiny Times",)
    with pytest.raises(ModelError, match="at least two outlets"):
        fingerprint_outlets(texts[:8], outlets[:8], options=FingerprintOptions(folds=4, min_df=1))
    with pytest.raises(ModelError, match="one outlet per text"):
        fingerprint_outlets(texts, outlets[:-1])


def test_drop_repeated_lines():
    texts = ["a\nfooter", "b\nfooter", "c\nfooter", "d"]
    assert drop_repeated_lines(texts, 3) == ["a", "b", "c", "d"]
    assert drop_repeated_lines(texts, 4) == texts


def test_charts_are_drawn(fingerprint, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plot_confusion(fingerprint)
    path = tmp_path / "confusion.png"
    ax.figure.savefig(path)
    plt.close(ax.figure)
    image = plt.imread(path)
    assert image.std() > 0.01  # not blank
    ax = plot_distinctive_features(fingerprint, "Metro Wire")
    assert len(ax.patches) == 5
    plt.close(ax.figure)
    with pytest.raises(ModelError, match="no outlet 'Nope'"):
        plot_distinctive_features(fingerprint, "Nope")
