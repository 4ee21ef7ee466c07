"""Invariants of the segmenter on the real dumps in ../shared/corpus (skipped when absent).

The dumps are read at test time and never copied into the repository. Their careful reading (which
article starts where, with which outlet and date) is measured by a separate evaluation script, not
here; these tests check what must hold whatever the reading.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from framing.ingest.encoding import read_text
from framing.ingest.segment import KINDS, segment_text

CORPUS = Path(os.environ.get("FRAMING_SHARED_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason=f"no shared corpus at {CORPUS} (set FRAMING_SHARED_CORPUS)")

# At least this many articles, and these outlets among them, per dump (by name prefix).
EXPECTED = {
    "000_": (18, {"The Cradle", "Al Mayadeen", "Al-Ahed News", "SouthFront"}),
    "002_": (9, {"Sputnik", "Press TV", "American Herald Tribune", "Al-Masdar News", "American Free Press"}),
}


@pytest.fixture(scope="module", params=FILES, ids=[f.name for f in FILES])
def dump(request):
    text = read_text(request.param).text
    return request.param, text, segment_text(text, file=request.param.name)


def test_every_line_in_exactly_one_segment(dump):
    path, text, segs = dump
    n_lines = len(text.split("\n")) - (1 if text.endswith("\n") else 0)
    covered = [line for s in segs for line in range(s.start_line, s.end_line + 1)]
    assert covered == list(range(1, n_lines + 1))


def test_no_article_without_text_and_valid_fields(dump):
    _, _, segs = dump
    for s in segs:
        assert s.kind in KINDS
        if s.kind == "article":
            assert len(s.text.split()) >= 40
        if s.date is not None:
            assert 1990 <= dt.date.fromisoformat(s.date).year <= 2030
        if s.duplicate_of is not None:
            assert segs[s.duplicate_of].kind == "article"


def test_article_text_maps_back_to_the_file(dump):
    _, text, segs = dump
    lines = text.split("\n")
    for s in segs:
        for k, line in enumerate(s.text.split("\n")):
            if line:
                assert lines[s.body_start_line - 1 + k].rstrip() == line.rstrip()


def test_known_outlets_and_enough_articles(dump):
    path, _, segs = dump
    articles = [s for s in segs if s.kind == "article"]
    for prefix, (at_least, outlets) in EXPECTED.items():
        if path.name.startswith(prefix):
            assert len(articles) >= at_least
            assert outlets <= {s.outlet for s in articles}
            assert sum(s.date is not None for s in articles) >= at_least // 2
    assert all(s.lang for s in articles)


def test_arabic_article_found():
    texts = [read_text(p).text for p in FILES]
    segs = [s for p, t in zip(FILES, texts) for s in segment_text(t, file=p.name)]
    if any("آذار" in t for t in texts):
        assert any(s.kind == "article" and s.lang == "ar" and s.date for s in segs)
