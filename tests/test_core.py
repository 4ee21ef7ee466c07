"""The per-document core's columnar interface (framing/core.py, README "The per-document core"):
typed Arrow columns for documents, hits and attributions, counted by hand on two short records."""
import pickle

import pandas as pd
import pyarrow as pa

from framing.core import (ATTRIBUTION_COLUMNS, HIT_OUTPUT_COLUMNS, Core, CoreOptions, arrow_table, HIT_SCHEMA)
from framing.lexicon import load_lexicon
from framing.types import DOCUMENT_COLUMNS

TEXT_A = "The occupation forces shelled the village. Officials said the terrorists fled."
TEXT_B = "Nothing loaded here at all."


def _record(doc_id, text, date="2021-03-04"):
    return {"doc_id": doc_id, "outlet": "North Herald", "date": pd.Timestamp(date) if date else None,
            "title": "T", "author": "", "lang": "en", "source": "s", "text": text, "format": "jsonl",
            "file": "in.jsonl", "line": 7}


def _core(data_dir, **options):
    return Core(load_lexicon([], [data_dir / "mini_lexicon.tsv"]), CoreOptions(**options))


def test_a_batch_becomes_typed_columns_in_input_order(data_dir):
    cols = _core(data_dir).analyse([_record("a", TEXT_A), _record("b", TEXT_B, date=None)])
    assert cols.documents.column_names == DOCUMENT_COLUMNS
    assert cols.hits.column_names == HIT_OUTPUT_COLUMNS
    assert cols.attributions.column_names == ATTRIBUTION_COLUMNS
    assert len(cols) == 2 and cols.doc_ids == ["a", "b"]
    # "occupation forces" and "terrorists" in a; nothing in b. One attribution verb: "said".
    hits = cols.hits.to_pylist()
    assert [(h["surface"], h["entry"], h["start"], h["end"], h["sentence"]) for h in hits] == [
        ("occupation forces", "t.occupation_forces", 4, 21, 0),
        ("terrorists", "t.terrorists", 62, 72, 1)]
    assert [h["voice"] for h in hits] == ["own", "attributed"]  # "Officials said CLAUSE"
    assert list(cols.hit_counts) == [2, 0] and list(cols.attribution_counts) == [1, 0]
    [att] = cols.attributions.to_pylist()
    assert (att["verb"], att["start"], att["end"], att["speaker"], att["line"]) == ("said", 53, 57, "Officials", 7)
    docs = cols.documents.to_pylist()
    assert [(d["words"], d["hits"]) for d in docs] == [(11, 2), (5, 0)]
    assert docs[1]["date"] is None and docs[0]["date"].isoformat() == "2021-03-04T00:00:00"
    types = dict(zip(cols.hits.column_names, cols.hits.schema.types))
    assert types["start"] == pa.int64() and types["negated"] == pa.bool_() and types["date"] == pa.timestamp("us")
    assert types["surface"] == pa.string()


def test_columns_pickle_to_the_main_process_and_an_empty_batch_has_the_schema(data_dir):
    core = _core(data_dir)
    back = pickle.loads(pickle.dumps(core)).analyse([_record("a", TEXT_A)])
    assert back.hits.equals(core.analyse([_record("a", TEXT_A)]).hits)
    empty = core.analyse([])
    assert len(empty) == 0 and empty.hits.schema == HIT_SCHEMA and empty.examples == []


def test_counts_per_period_are_made_in_the_core(data_dir):
    cols = _core(data_dir, period="month").analyse([_record("a", TEXT_A), _record("c", TEXT_A, "2021-04-01")])
    counted = cols.counted_hits.sort_values(["period", "entry"]).reset_index(drop=True)
    assert list(counted["period"]) == ["2021-03", "2021-03", "2021-04", "2021-04"]
    assert list(counted["hits"]) == [1, 0, 1, 0] and list(counted["hits_attributed"]) == [0, 1, 0, 1]
    assert cols.counted_attributions["count"].tolist() == [2]


def test_a_value_of_another_type_in_a_text_column_is_kept_as_its_text():
    table = arrow_table([("d", 5)], pa.schema([("doc_id", pa.string()), ("title", pa.string())]))
    assert table.column("title").to_pylist() == ["5"]
