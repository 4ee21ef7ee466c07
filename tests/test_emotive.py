"""lexicons/en/emotive.tsv: the emotive layer, its review, and that it stays out of the total rate."""
from __future__ import annotations

import json

import pandas as pd

from framing.cli import main
from framing.lexicon import load_lexicon
from framing.match import Matcher

TEXT = ("The minister gave a bizarre, rambling speech about the regime. "
        "Critics said the plan was disastrous. The chaos theory seminar was calm.")


def test_emotive_entries_are_low_strength_reviewed_and_load_with_the_core():
    lexicon = load_lexicon(["en/core", "ar/core", "en/emotive"])
    emotive = [e for e in lexicon.entries if e.category == "emotive"]
    assert len(emotive) >= 60
    assert all(e.strength == 1 and e.referent == "" and e.neutral and e.rationale for e in emotive)
    # culled: words loaded only in some senses, and labels for actors
    forms = {f.lower() for e in emotive for f in e.forms}
    assert not forms & {"kill", "cold", "belief", "toxic", "woke", "lying", "destroy", "leftist", "aliens"}


def test_emotive_layer_is_not_in_the_default_lexicons():
    assert not [e for e in load_lexicon().entries if e.category == "emotive"]


def test_ambiguous_emotive_words_are_read_in_their_senses():
    m = Matcher(load_lexicon(["en/emotive"]))
    assert [TEXT[s.start:s.end] for s in m.find(TEXT)] == ["bizarre", "rambling", "disastrous", "chaos"]


def test_emotive_hits_have_their_rows_but_stay_out_of_the_total(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "d1", "outlet": "Daily", "date": "2021-02-03", "text": TEXT}) + "\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(path), "--lexicons", "en/core,en/emotive", "--jobs", "1", "-o", str(out)]) == 0
    rates = pd.read_csv(out / "rates_by_outlet.csv")
    total = rates[(rates["category"] == "(all)")].iloc[0]
    emotive = rates[(rates["category"] == "emotive") & (rates["term"] == "(all)")].iloc[0]
    # by hand: 'regime' is the only core hit; bizarre, rambling, disastrous are emotive ('chaos theory' is
    # neutral by its cue)
    assert total["hits"] == 1
    assert emotive["hits"] == 3
    docs = pd.read_csv(out / "documents.csv")
    assert docs["hits"].tolist() == [1]
