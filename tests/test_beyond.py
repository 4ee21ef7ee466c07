"""framing/beyond.py and --beyond-lexicon: the word model's loaded spans as a layer of their own."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framing.analyze import analyse_document
from framing.beyond import MODEL_CATEGORY, lexicon_layer, model_spans
from framing.cli import main
from framing.lexicon import load_lexicon
from framing.match import Matcher
from framing.sentences import sentence_spans

MINI = Path(__file__).parent / "data" / "mini_lexicon.tsv"
TEXT = ("The regime gave a disastrous speech on Tuesday. "
        "\"It was not disastrous,\" Halvorsen Disastrous said. Critics called the plan chaotic and reckless.")


def _record(text=TEXT):
    return {"doc_id": "d1", "outlet": "Daily", "date": None, "title": "", "author": "", "lang": "en", "source": "x",
            "file": "x.jsonl", "line": 1, "format": "jsonl", "text": text}


def test_model_spans_skip_lexicon_words_names_and_function_words():
    matcher = Matcher(load_lexicon([], [MINI]))
    spans = matcher.find(TEXT)
    found = [TEXT[a:b] for a, b, _ in model_spans(TEXT, spans, sentence_spans(TEXT))]
    assert "regime" not in found                  # a lexicon hit already
    assert "Disastrous" not in found              # part of a name, mid-sentence
    assert found.count("disastrous") == 2
    assert "chaotic" in found and "reckless" in found
    assert not {"The", "the", "and", "on", "Tuesday", "speech"} & set(found)


def test_model_hits_are_read_in_context_and_not_counted_as_lexicon_hits():
    matcher = Matcher(load_lexicon([], [MINI]))
    doc, hits, _, _ = analyse_document(_record(), matcher, beyond=True)
    model = [h for h in hits if h[9] == MODEL_CATEGORY]
    by_surface = {h[6]: h for h in model}
    first, quoted = [h for h in model if h[6] == "disastrous"]
    assert first[13] == "own" and not first[16]
    assert quoted[13] == "quoted" and quoted[16]          # inside the quotation, and negated ("not disastrous")
    assert by_surface["chaotic"][7] == "model.loaded" and by_surface["chaotic"][11] == 1
    assert doc[8] == 1                                     # the document's hit count: the lexicon's 'regime' only
    _, plain, _, _ = analyse_document(_record(), matcher)
    assert not [h for h in plain if h[9] == MODEL_CATEGORY]


def test_analyze_keeps_the_layer_apart_from_the_rates(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "d1", "outlet": "Daily", "date": "2021-02-03", "text": TEXT}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    args = ["analyze", str(path), "--lexicons", "none", "--lexicon", str(MINI), "--jobs", "1"]
    assert main(args + ["--beyond-lexicon", "-o", str(out)]) == 0
    hits = pd.read_csv(out / "hits.csv")
    n_model = int((hits["category"] == MODEL_CATEGORY).sum())
    assert n_model >= 4
    rates = pd.read_csv(out / "rates_by_outlet.csv")
    model_rates = pd.read_csv(out / "model_rates_by_outlet.csv")
    assert MODEL_CATEGORY not in set(rates["category"])
    assert set(model_rates["category"]) == {MODEL_CATEGORY, "(all)"}   # the layer, and its total
    out2 = tmp_path / "out2"
    assert main(args + ["--beyond-lexicon", "--model-in-rates", "-o", str(out2)]) == 0
    assert MODEL_CATEGORY in set(pd.read_csv(out2 / "rates_by_outlet.csv")["category"])


def test_model_in_rates_needs_beyond_lexicon(tmp_path, capsys):
    assert main(["hits", "--demo", "--model-in-rates"]) == 2
    assert "--model-in-rates counts the word model's spans: add --beyond-lexicon" in capsys.readouterr().err


def test_lexicon_layer_filters_counts_too():
    counts = pd.DataFrame({"category": ["state_label", MODEL_CATEGORY], "hits": [3, 5]})
    assert lexicon_layer(counts)["hits"].tolist() == [3]
