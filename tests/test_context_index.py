"""The indexes of framing/context_index.py give the answers of the plain loops they replace on long
sentences (issue 17, item 15): the context stage read with every sentence indexed and with none
gives identical readings, attributions and quotations."""
from __future__ import annotations

import random

import pytest

import framing.context as context
from framing.context_index import CharIndex, RegionIndex, blank_before, only_chars_after, pattern_in
from framing.lexicon import load_lexicon
from framing.match import Matcher
from framing.sentences import sentence_spans

PIECES = ["the regime said", "terrorists", '"terrorists"', "militants", ", he said,", "officials told reporters that",
          "the so-called buffer zone", "did not describe it as a massacre", "according to the ministry",
          '"We will not stop," the spokesman said', "thugs", "she claimed", "Israel", '"Israel"', "and", ":",
          "which calls itself a liberation front", "what Israel calls terrorism", "denied that they were extremists",
          "'occupation'", "The army said.", "\n\n", "Mr. Smith added", '"the brutal regime"', "called for calm"]


def _texts(n: int, seed: int = 3):
    r = random.Random(seed)
    for _ in range(n):
        words = [r.choice(PIECES) for _ in range(r.randint(40, 400))]
        yield " ".join(words) + (" End." if r.random() < 0.5 else "")


def _read_all(text: str, matcher: Matcher):
    spans, _ = matcher.scan(text)
    sentences = sentence_spans(text)
    readings = context.read_in_context(text, spans, matcher.entries, sentences)
    extras = context.extra_hits(text, spans, sentences)
    quotes = context.quotations(text, sentences)
    return readings, extras, quotes


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_lexicon(["en/core", "ar/core"], []))


def test_indexed_and_plain_readings_agree(matcher, monkeypatch):
    compared = 0
    for text in _texts(25):
        for module in (context.quoting, context.reading):  # the modules that choose plain loops or indexes
            monkeypatch.setattr(module, "SMALL", 10 ** 9)
        plain = _read_all(text, matcher)
        for module in (context.quoting, context.reading):
            monkeypatch.setattr(module, "SMALL", 0)
        indexed = _read_all(text, matcher)
        assert plain == indexed
        compared += len(plain[0]) + len(plain[1])
    assert compared > 1000  # the texts do exercise the context stage


def test_region_index_finds_the_containing_regions_last_first():
    regions = [(0, 10), (5, 6), (3, 20), (12, 15), (7, 9)]
    index = RegionIndex(regions, region=lambda r: r)
    for p in range(-1, 22):
        expected = [i for i in range(len(regions) - 1, -1, -1) if regions[i][0] <= p < regions[i][1]]
        assert list(index.containing(p)) == expected


def test_char_index_and_scans_answer_as_str_methods():
    text = "a:b \n c:' d'e \n\n 'f' ... ."
    colons = CharIndex(text, ":")
    for lo in range(len(text)):
        for hi in range(lo, len(text) + 1):
            assert colons.last_before(lo, hi) == text.rfind(":", lo, hi)
            assert pattern_in(CharIndex(text, context.document._QUOTE_MARK), lo, hi) == \
                (context.document._QUOTE_MARK.search(text, lo, hi) is not None)
            assert blank_before(text, lo, hi) == (not text[lo:hi].strip())
            assert only_chars_after(text, lo, hi, " .?!…") == (not text[lo:hi].strip(" .?!…"))
        assert colons.first_from(lo) == text.find(":", lo)


def _record(text: str) -> dict:
    return {"text": text, "format": "text", "line": 7, "doc_id": "d", "outlet": "o", "date": None, "title": "",
            "author": "", "lang": "en", "source": "s", "file": "f"}


def test_hostile_shapes_grow_linearly_and_copy_no_sentence_per_hit(matcher):
    import sys
    import time
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bench_hostile import shape_text

    from framing.analyze import EXAMPLES_PER_TERM, analyse_document

    for shape in ("speech", "quotes", "arabic"):
        times = []
        for chars in (30_000, 60_000):
            rec = _record(shape_text(shape, chars))
            best = float("inf")
            for _ in range(2):
                t = time.process_time()
                doc, hits, atts, examples = analyse_document(rec, matcher)
                best = min(best, time.process_time() - t)
            times.append(best)
            # at most 3 examples per entry are built (every loaded hit used to copy its sentence)
            assert len(examples) <= EXAMPLES_PER_TERM * len({h[7] for h in hits})
            assert len(hits) > 500
        assert times[1] < 3.2 * times[0] + 0.05, (shape, times)  # quadratic was 4x per doubling


def test_hit_lines_are_counted_as_before(matcher):
    from framing.analyze import analyse_document

    text = "".join(f"Line {i}: the regime said the terrorists left.\n" + ("\n" if i % 3 else "") for i in range(200))
    doc, hits, atts, examples = analyse_document(_record(text), matcher)
    assert hits and all(h[-1] == 7 + text.count("\n", 0, h[3]) for h in hits)
    assert atts and all(a[-1] == 7 + text.count("\n", 0, a[3]) for a in atts)
