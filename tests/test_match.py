import pytest

from framing.lexicon import load_lexicon
from framing.match import Matcher


@pytest.fixture(scope="module")
def matcher(request):
    from pathlib import Path
    return Matcher(load_lexicon([], [Path(__file__).parent / "data" / "mini_lexicon.tsv"]))


def hits(matcher, text):
    return [(text[s.start:s.end], matcher.entries[s.entry].id) for s in matcher.find(text)]


@pytest.mark.parametrize("text, expected", [
    # case-insensitive, whole words
    ("The REGIME fell; the regimen did not.", [("REGIME", "t.regime")]),
    # longest match wins, no overlap
    ("Occupation forces left the occupation zone.",
     [("Occupation forces", "t.occupation_forces"), ("occupation", "t.occupation")]),
    # hyphen and space interchangeable, any dash
    ("the so-called army, the so called army, the so–called army",
     [("so-called", "t.so_called"), ("so called", "t.so_called"), ("so–called", "t.so_called")]),
    ("occupation-forces", [("occupation-forces", "t.occupation_forces")]),
    # variants and trailing-* inflections
    ("a terrorist and two terrorists", [("terrorist", "t.terrorists"), ("terrorists", "t.terrorists")]),
    ("They plundered, plunder and are plundering.",
     [("plundered", "t.plunder"), ("plunder", "t.plunder"), ("plundering", "t.plunder")]),
    # curly and straight apostrophes are the same; punctuation around words is a boundary
    ("Erdogan’s forces and Erdogan's forces", [("Erdogan’s forces", "t.erdogan"), ("Erdogan's forces", "t.erdogan")]),
    ('"Regime" (regime) regime\'s', [("Regime", "t.regime"), ("regime", "t.regime"), ("regime", "t.regime")]),
    # adjacent hits share a space
    ("regime regime regime", [("regime", "t.regime")] * 3),
    # nothing
    ("Nothing loaded here: regimental occupational terrorism.", []),
    ("", []),
])
def test_hand_counted_hits(matcher, text, expected):
    assert hits(matcher, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("قالت قوات الاحتلال", [("قوات الاحتلال", "t.quwat")]),
    ("انسحاب الاحتلال", [("الاحتلال", "t.ihtilal")]),
    ("ضد للاحتلال وبالاحتلال", [("للاحتلال", "t.ihtilal"), ("وبالاحتلال", "t.ihtilal")]),
    ("وقُوَّاتُ الاحْتِلال", [("وقُوَّاتُ الاحْتِلال", "t.quwat")]),  # diacritics
    ("المحتل", [("المحتل", "t.ihtilal")]),
    ("احتلالهم", []),  # an attached suffix is another word form: not listed, not matched
])
def test_arabic_normalisation_and_prefixes(matcher, text, expected):
    assert hits(matcher, text) == expected


def test_offsets_and_word_count(matcher):
    text = "İstanbul: the regime’s so-called forces."
    spans, words = matcher.scan(text)
    assert [(text[s.start:s.end]) for s in spans] == ["regime", "so-called"]
    assert words == 7  # İstanbul the regime s so called forces


def test_matcher_pickles(matcher):
    import pickle
    again = pickle.loads(pickle.dumps(matcher))
    assert again.find("the regime") == matcher.find("the regime")


def _guarded(tmp_path, rule, term="orcs", variants="orc"):
    from framing.lexicon import load_lexicon as load
    p = tmp_path / "g.tsv"
    p.write_text("id\tlang\tterm\tvariants\tcategory\treferent\tstrength\tneutral\trationale\tcase\n"
                 f"g.x\ten\t{term}\t{variants}\tdehumanising\t\t3\tsoldiers\tSlur.\t{rule}\n", encoding="utf-8")
    return Matcher(load([], [p]))


# Hand-written sentences; the counts are hand-counted.
GUARD_TEXT = ("A CNN/ORC International poll was out. Orcs, the minister said, were at the gate. "
              "He called them orcs. The Orc Company sells games.")


@pytest.mark.parametrize("rule, expected", [
    ("", ["ORC", "Orcs", "orcs", "Orc"]),
    ("not_caps", ["Orcs", "orcs", "Orc"]),
    ("not_name", ["Orcs", "orcs"]),
    ("exact", ["Orcs", "orcs"]),   # 'Orc' mid-sentence is not as written ('orc'); 'Orcs' starts a sentence
])
def test_case_guards(tmp_path, rule, expected):
    m = _guarded(tmp_path, rule)
    assert [GUARD_TEXT[s.start:s.end] for s in m.find(GUARD_TEXT)] == expected


def test_not_name_keeps_sentence_starts_and_drops_names(tmp_path):
    m = _guarded(tmp_path, "not_name", "savage", "savages|savagely")
    text = ("Savage attacks followed. Mr. Savage said so. David Savage wrote it. Savages, he said. "
            "It was savage. SAVAGE, read the headline. Savage Garden played.")
    assert [text[s.start:s.end] for s in m.find(text)] == ["Savage", "Savages", "savage"]
