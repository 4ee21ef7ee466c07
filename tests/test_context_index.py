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
    context._CACHE.clear()
    readings = context.read_in_context(text, spans, matcher.entries, sentences)
    extras = context.extra_hits(text, spans, sentences)
    quotes = context.quotations(text, sentences)
    return readings, extras, quotes


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_lexicon(["en/core"], []))


def test_indexed_and_plain_readings_agree(matcher, monkeypatch):
    compared = 0
    for text in _texts(25):
        monkeypatch.setattr(context, "SMALL", 10 ** 9)
        plain = _read_all(text, matcher)
        monkeypatch.setattr(context, "SMALL", 0)
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
            assert pattern_in(CharIndex(text, context._QUOTE_MARK), lo, hi) == \
                (context._QUOTE_MARK.search(text, lo, hi) is not None)
            assert blank_before(text, lo, hi) == (not text[lo:hi].strip())
            assert only_chars_after(text, lo, hi, " .?!…") == (not text[lo:hi].strip(" .?!…"))
        assert colons.first_from(lo) == text.find(":", lo)
