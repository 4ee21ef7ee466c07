import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.quotes import MARKS, find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "the talks failed," and left.', ['"the talks failed,"']),
    ("She called it “a farce” today.", ["“a farce”"]),
    ("She called it 'a farce' today.", ["'a farce'"]),
    ("She called it ‘a farce’ today.", ["‘a farce’"]),
    ("Ils ont dit « non » hier.", ["« non »"]),
    ("Er sagte „nein“ und ging.", ["„nein“"]),
    ("قال: «لن نتراجع» أمس", ["«لن نتراجع»"]),
    ('قال: "لن نتراجع" أمس', ['"لن نتراجع"']),
    ('Two quotes: "one" and "two".', ['"one"', '"two"']),
    ('Nested: "he said \'no\' twice" here.', ['"he said \'no\' twice"']),
    ('Quote at the end: "done."', ['"done."']),
    ('"Opening the text," he said.', ['"Opening the text,"']),
    ('After a colon:"tight" quote.', ['"tight"']),
])
def test_quotations_are_found(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", [
    "Don't expect the group's leaders to talk.",
    "The rebels' demands were read out in the '90s and rock 'n' roll played.",
    'He is 6\' 2" tall and carried a 12" blade.',
    "It's the soldiers’ families who pay, isn’t it?",
    'A stray mark " with spaces on both sides.',
])
def test_apostrophes_and_inch_marks_are_not_quotations(text):
    assert find_quotes(text) == []


def test_quotation_continues_over_paragraphs_when_the_next_opens_with_a_mark():
    text = '"We will not leave.\n\n"The occupation must end," he said.\n\nNext.'
    (q,) = find_quotes(text)
    assert q.closed and text[q.start:q.end].endswith('end,"')
    assert q.start == 0


def test_quotation_continues_when_the_next_paragraph_closes_it():
    text = 'He said: "The siege must end.\n\nThe answer will come." Then he left.'
    (q,) = find_quotes(text)
    assert q.closed and text[q.end - 1] == '"' and "answer" in text[q.start:q.end]


def test_unclosed_quotation_stops_at_the_end_of_its_paragraph():
    text = 'He said "we will fight on and on\n\nThe next paragraph is the outlet\'s. It has "one" quote.'
    qs = find_quotes(text)
    assert [text[q.start:q.end] for q in qs] == ['"we will fight on and on', '"one"']
    assert qs[0].closed is False and qs[1].closed is True


def test_unclosed_quotation_stops_at_a_new_opening_mark():
    text = '"We will win, he said. "They will lose." Done.'
    qs = find_quotes(text)
    assert [q.closed for q in qs] == [False, True]
    assert text[qs[1].start:qs[1].end] == '"They will lose."'


def test_unclosed_single_quotation_is_dropped():
    assert find_quotes("It was a 'strange day\n\nNext paragraph.") == []


def test_inner_excludes_the_marks():
    text = 'a "word" b'
    (q,) = find_quotes(text)
    assert text[slice(*q.inner)] == "word"


ALPHABET = st.sampled_from(list(MARKS) + list("ab cİ\n\n.,:!?-'") + ["\u0301", "\u05d0", "\u0627", "\u200f", "ﷺ", "😀"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=200).map("".join))
def test_any_text_gives_ordered_non_overlapping_quotations(text):
    qs = find_quotes(text)
    last = -1
    for q in qs:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last
        assert text[q.start] in MARKS
        if q.closed:
            assert text[q.end - 1] in MARKS
        last = q.end


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_does_not_raise(text):
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
