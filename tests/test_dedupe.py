"""Reposts and near-duplicates: containment of 5-word-ish shingles, earliest copy kept."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.ingest.dedupe import DEFAULT_THRESHOLD, containment, find_duplicates, shingle_hashes

STORY = ("The energy ministry approved plans on Wednesday for a wind farm of forty turbines on the northern "
         "coast, which it said would supply power to a hundred thousand homes once it is finished. Fishermen "
         "in the nearby villages have objected to the project, saying that the construction of the turbines "
         "would disturb the fish that breed in the shallow water near the shore.")
OTHER = ("Railway workers across the country stopped work on Friday morning, saying that they had not been paid "
         "for two months and that the state railway company had stopped answering their letters. Trains "
         "between the capital and the coast did not run, and commuters crowded into buses.")


def test_exact_and_near_copies_point_to_the_first():
    edited = STORY.replace("Wednesday", "Thursday").replace("once it is finished", "when finished")
    texts = [STORY, OTHER, edited, STORY, "Banner of the reposting site. " + STORY + " Share this story."]
    assert find_duplicates(texts) == [None, None, 0, 0, 0]


def test_case_punctuation_and_spacing_do_not_matter():
    variant = STORY.upper().replace(",", " ,  ").replace(".", "…")
    assert find_duplicates([STORY, variant]) == [None, 0]


def test_curly_and_straight_quotes_are_the_same():
    a = "The minister said ‘the talks are over’ and that “nothing” would change before the election in May."
    b = "The minister said 'the talks are over' and that \"nothing\" would change before the election in May."
    assert find_duplicates([a, b]) == [None, 0]


def test_partial_overlap_below_threshold_is_not_a_repost():
    half = STORY[: len(STORY) // 3] + " " + OTHER
    assert find_duplicates([STORY, half]) == [None, None]


def test_a_long_text_quoting_a_short_one_is_not_its_repost():
    short = STORY[:160]
    assert find_duplicates([short, STORY + " " + OTHER]) == [None, None]
    assert find_duplicates([STORY + " " + OTHER, short]) == [None, 0]


@pytest.mark.parametrize("threshold, expected", [(0.95, [None, None]), (0.5, [None, 0])])
def test_threshold(threshold, expected):
    edited = " ".join(w + ("s" if i % 12 == 0 else "") for i, w in enumerate(STORY.split()))
    assert find_duplicates([STORY, edited], threshold=threshold) == expected


def test_chains_point_to_the_kept_copy():
    texts = [STORY, "Intro. " + STORY, "Intro. " + STORY + " Outro."]
    assert find_duplicates(texts) == [None, 0, 0]


def test_arabic_reposts():
    a = "افتتحت بلدية المدينة اليوم جسرا جديدا فوق النهر يربط الحي القديم بالسوق الكبير بعد عامين من أعمال البناء"
    assert find_duplicates([a, "عاجل: " + a + "،"]) == [None, 0]


@pytest.mark.parametrize("texts, expected", [
    ([], []), ([STORY], [None]), (["", ""], [None, None]), (["short text", "Short  text!"], [None, 0]),
    (["a", "b", "a"], [None, None, 0]),
])
def test_edge_cases(texts, expected):
    assert find_duplicates(texts) == expected


def test_deterministic_across_calls():
    texts = [STORY, OTHER, STORY + " " + OTHER, OTHER + " Share."] * 5
    assert find_duplicates(texts) == find_duplicates(list(texts))


def test_containment_and_shingles():
    a, b = shingle_hashes(STORY), shingle_hashes(STORY + " " + OTHER)
    assert containment(a, b) == 1.0
    assert 0 < containment(b, a) < 1
    assert len(shingle_hashes("")) == 0 and containment(shingle_hashes(""), a) == 0.0
    assert DEFAULT_THRESHOLD == 0.6


def test_bad_threshold():
    with pytest.raises(ValueError):
        find_duplicates([STORY], threshold=0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=8))
def test_arbitrary_texts(texts):
    result = find_duplicates(texts)
    assert len(result) == len(texts)
    for j, i in enumerate(result):
        assert i is None or (0 <= i < j and result[i] is None)
