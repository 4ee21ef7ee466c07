import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.sentences import sentence_index, sentence_spans


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("The talks failed. Both sides left.", ["The talks failed.", "Both sides left."]),
    ('He took one gift. "[T]he kids love the dog," he said.', ["He took one gift.", '"[T]he kids love the dog," he said.']),
    ("Mr. Smith met Gen. Jones. They spoke.", ["Mr. Smith met Gen. Jones.", "They spoke."]),
    ("George W. Bush and J. R. Smith spoke.", ["George W. Bush and J. R. Smith spoke."]),
    ("It happened on Jan. 5 and again on Aug. 25. Nobody came.",
     ["It happened on Jan. 5 and again on Aug. 25.", "Nobody came."]),
    ("Growth was 3.5 percent. Prices rose 1.2 percent.", ["Growth was 3.5 percent.", "Prices rose 1.2 percent."]),
    ("Troops left the U.S. base at 5 p.m. on Friday.", ["Troops left the U.S. base at 5 p.m. on Friday."]),
    ("The aid came from the U.S. The talks ended.", ["The aid came from the U.S.", "The talks ended."]),
    ("See No. 5 on the list. It is long.", ["See No. 5 on the list.", "It is long."]),
    ("He said no. Then he left.", ["He said no.", "Then he left."]),
    ('"Stop!" he shouted. "Why?" she asked. They left.', ['"Stop!" he shouted.', '"Why?" she asked.', "They left."]),
    ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
    ("Is it over? Nobody knows! Wait…", ["Is it over?", "Nobody knows!", "Wait…"]),
    ("Headline without a stop\nThe body starts here. Second sentence.",
     ["Headline without a stop", "The body starts here.", "Second sentence."]),
    ("First paragraph\n\nsecond paragraph in lower case", ["First paragraph", "second paragraph in lower case"]),
    ("قال الوزير إن الوضع صعب. وأضاف أن الحل قريب؟ نعم، ربما؛ لكن لا.",
     ["قال الوزير إن الوضع صعب.", "وأضاف أن الحل قريب؟", "نعم، ربما؛ لكن لا."]),
    ("التقى د. أحمد بالوزير. ثم غادر.", ["التقى د. أحمد بالوزير.", "ثم غادر."]),
    ("Gen. Smith (ret.) spoke. He left.", ["Gen. Smith (ret.) spoke.", "He left."]),
])
def test_sentences(text, expected):
    assert split(text) == expected


def test_empty_and_blank_text():
    assert sentence_spans("") == []
    assert sentence_spans("  \n\n ") == []


def test_sentence_index():
    spans = sentence_spans("One. Two. Three.")
    assert [sentence_index(spans, o) for o in (0, 5, 10, 15)] == [0, 1, 2, 2]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab c.!?؟\n\"'«»Jan5") + ["\u0627", "İ", "\u0301"]), max_size=200))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text):
    spans = sentence_spans(text)
    covered = set()
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        covered.update(range(a, b))
        last = b
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
