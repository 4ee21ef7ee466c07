"""framing/types.py is the one owner of the table contracts (issue 16): every table's columns and
kinds, checked where a table leaves its stage."""
from __future__ import annotations

import pandas as pd
import pytest

from framing import types
from framing.types import TABLES, TableError, check_table


def test_a_frame_missing_a_column_is_a_clear_error():
    docs = pd.DataFrame({c: ["x"] for c in TABLES["documents"]}).assign(words=[3], hits=[1], headline_words=[0], headline_hits=[0])
    assert check_table("documents", docs) is docs
    with pytest.raises(TableError, match=r"the documents table lacks column\(s\) words, reposted_by"):
        check_table("documents", docs.drop(columns=["words", "reposted_by"]))


def test_a_column_of_the_wrong_kind_is_named():
    docs = pd.DataFrame({c: ["x"] for c in TABLES["documents"]}).assign(hits=[1], headline_words=[0], headline_hits=[0])
    with pytest.raises(TableError, match=r"words is (object|str), not int"):
        check_table("documents", docs)
    # an empty table may hold untyped columns
    check_table("documents", pd.DataFrame(columns=list(TABLES["documents"])))


def test_unknown_table_names_are_refused():
    with pytest.raises(TableError, match="no table contract named 'nope'"):
        check_table("nope", pd.DataFrame())


def test_the_modules_import_their_column_lists_from_types():
    from framing import analyze, audit, audit_rates, audit_sheets, discover, kwic, manifest, model, scare, stats, \
        tables, termscores

    owners = {analyze: ["HIT_OUTPUT_COLUMNS", "ATTRIBUTION_COLUMNS"], tables: ["RATE_COLUMNS"],
              stats: ["RATE_CI_COLUMNS", "KEYNESS_COLUMNS", "NAMING_COLUMNS", "TIMESERIES_COLUMNS", "CHANGE_COLUMNS",
                      "DISPERSION_COLUMNS"],
              scare: ["SCARE_RATE_COLUMNS"], audit_rates: ["CORRECTED_COLUMNS"], model: ["SENTENCE_COLUMNS"],
              termscores: ["TERM_SCORE_COLUMNS", "INDEX_COLUMNS"], discover: ["CANDIDATE_COLUMNS", "DRAFT_COLUMNS"],
              kwic: ["KWIC_COLUMNS"], audit: ["SHEET_COLUMNS", "PRECISION_COLUMNS", "AGREEMENT_COLUMNS", "VOICE_COLUMNS"],
              audit_sheets: ["DOCX_COLUMNS"], manifest: ["MANIFEST_COLUMNS"]}
    for module, names in owners.items():
        for name in names:
            assert getattr(module, name) is getattr(types, name), f"{module.__name__}.{name}"
    assert audit.VOICE_LABELS is types.VOICES


def test_the_analysis_tables_keep_their_contracts():
    from framing.analyze import hit_frame
    from framing.scare import scare_quote_rates
    from framing.tables import attribution_rates, rates_by_outlet

    hit = {c: "x" for c in types.HIT_OUTPUT_COLUMNS} | {"date": pd.Timestamp("2020-01-02"), "start": 0, "end": 1, "sentence": 0,
                                                        "strength": 2, "line": 1, "scare_quote": False,
                                                        "so_called": False, "negated": False, "sense": "loaded",
                                                        "voice": "own", "doc_id": "d1", "outlet": "A",
                                                        "category": "c", "zone": "body", "phrase_start": 0,
                                                        "phrase_end": 1, "patron": ""}
    hits = check_table("hits", hit_frame([[hit[c] for c in types.HIT_OUTPUT_COLUMNS]]), extra=("file", "line"))
    docs = pd.DataFrame({"doc_id": ["d1"], "outlet": ["A"], "date": pd.to_datetime(["2020-01-02"]), "title": [""],
                         "author": [""], "lang": ["en"], "source": ["f:1"], "words": [100], "hits": [1],
                         "reposted_by": [""], "headline_words": [0], "headline_hits": [0]})
    rates = rates_by_outlet(docs, hits)
    assert list(rates.columns) == ["outlet", *types.RATE_COLUMNS]
    # 1 hit in 100 words: 10 per 1,000, in the category's row and in its term's row
    assert rates.loc[rates["category"] == "c", ["term", "rate_per_1k"]].values.tolist() == [["(all)", 10.0],
                                                                                          ["x", 10.0]]
    assert list(attribution_rates(docs, pd.DataFrame(columns=types.ATTRIBUTION_COLUMNS)).columns) \
        == types.ATTRIBUTION_RATE_COLUMNS
    assert list(scare_quote_rates(docs, hits).columns) == types.SCARE_RATE_COLUMNS
