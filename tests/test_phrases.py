"""Hits as phrases (framing.phrases): the span of the phrase a hit heads or modifies, and its patron
label; hand-written sentences in English and Arabic, spans checked by hand."""
from __future__ import annotations

import csv
import json

import pytest

from framing.cli import main
from framing.errors import LanguageError
from framing.phrases import phrase_of


def phrase(text: str, hit: str, lang: str = "en", category: str = "") -> tuple[str, str]:
    s = text.index(hit)
    a, b, patron = phrase_of(text, s, s + len(hit), lang, category)
    assert a <= s and s + len(hit) <= b
    return text[a:b], patron


@pytest.mark.parametrize("text, hit, want", [
    # heads: modifiers before them, names and hyphenated words included, determiners and verbs not
    ("The US-sponsored ISIS terrorists attacked the town.", "terrorists", ("US-sponsored ISIS terrorists", "US-sponsored")),
    ("Yesterday US-sponsored Kurdish SDF terrorists shelled it.", "terrorists",
     ("US-sponsored Kurdish SDF terrorists", "US-sponsored")),   # a name between patron and label
    ("Officials blamed armed terrorists for the attack.", "terrorists", ("armed terrorists", "")),
    ("Residents said the regime ignored them.", "regime", ("regime", "")),
    ("Troops killed two terrorists in the hills.", "terrorists", ("terrorists", "")),
    ("Officials blamed terrorists backed by the United States.", "terrorists",
     ("terrorists backed by the United States", "backed by the United States")),
    # modifiers: the phrase runs on to what they modify
    ("The regime forces shelled the village.", "regime", ("regime forces", "")),
    ("Western-backed rebels took the hill.", "Western-backed", ("Western-backed rebels", "Western-backed")),
    ("A pro-Iranian militia fired rockets.", "militia", ("pro-Iranian militia", "pro-Iranian")),
    # punctuation, quotation marks and line breaks end a phrase; verbs and adverbs are their own phrase
    ("Kurdish SDF, terrorists say", "terrorists", ("terrorists", "")),
    ('the "moderate" terrorists', "terrorists", ("terrorists", "")),
    ("Foreign\nterrorists", "terrorists", ("terrorists", "")),
    ("They plan to plunder the fields.", "plunder", ("plunder", "")),
    ("They entered the country illegally.", "illegally", ("illegally", "")),
])
def test_english_phrases(text, hit, want):
    assert phrase(text, hit) == want


def test_attribution_verbs_and_scare_quotes_are_their_own_phrase():
    assert phrase("The group claimed victory.", "claimed", category="attribution_distancing") == ("claimed", "")
    assert phrase("the 'rebels' fighters", "rebels", category="scare_quote") == ("rebels", "")


@pytest.mark.parametrize("text, hit, want", [
    ("هاجم الإرهابيون المدعومون من واشنطن القرية", "الإرهابيون", ("الإرهابيون المدعومون من واشنطن", "المدعومون من واشنطن")),
    ("وصلت الميليشيات المدعومة أمريكيا إلى المدينة", "الميليشيات", ("الميليشيات المدعومة أمريكيا", "المدعومة أمريكيا")),
    ("قالت قوات الاحتلال الإسرائيلي إن الهجوم وقع", "قوات الاحتلال", ("قوات الاحتلال الإسرائيلي", "")),
    ("دخلت قوات الاحتلال في الصباح", "قوات الاحتلال", ("قوات الاحتلال", "")),   # "في": a boundary
    ("قتل الإرهابيين، وقال الجيش", "الإرهابيين", ("الإرهابيين", "")),              # the comma ends it
    ("قوات الاحتلال الإسرائيليّ", "قوات الاحتلال", ("قوات الاحتلال الإسرائيليّ", "")),  # harakat ignored
])
def test_arabic_phrases(text, hit, want):
    assert phrase(text, hit, "ar") == want


def test_a_language_without_phrase_rules_gives_the_hit(tmp_path, monkeypatch):
    assert phrase_of("la milice armée", 3, 9, "xx") == (3, 9, "")


def test_a_broken_phrases_file_is_named_with_its_line(tmp_path, monkeypatch):
    from framing.phrases import rules_for

    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / "language.tsv").write_text("key\tvalue\nname\tToy\n", encoding="utf-8")
    (folder / "phrases.tsv").write_text("# c\nset\twords\nbondary\tle|la\n", encoding="utf-8")
    monkeypatch.setenv("FRAMING_LANGUAGES", str(folder))
    rules_for.cache_clear()
    try:
        with pytest.raises(LanguageError, match=r"phrases.tsv:3: set 'bondary' is not known"):
            rules_for("fr")
    finally:
        rules_for.cache_clear()


def test_hits_carry_their_phrase_and_counts_do_not_change(tmp_path):
    """With the shipped lexicons: the patron label is read in the phrase of the label it qualifies;
    wire copy's "U.S.-backed SDF" has no loaded term and gives no hit (no phrase makes one)."""
    records = [
        {"id": "p", "outlet": "Blog", "text": "US-sponsored Kurdish SDF terrorists shelled the village."},
        {"id": "w", "outlet": "Wire", "text": "U.S.-backed SDF fighters captured the town on Monday."},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(path), "-o", str(out), "--jobs", "1"]) == 0
    with open(out / "hits.csv", encoding="utf-8", newline="") as f:
        hits = list(csv.DictReader(f))
    text = records[0]["text"]
    assert [(h["doc_id"], h["surface"], text[int(h["phrase_start"]):int(h["phrase_end"])], h["patron"])
            for h in hits] == [("p", "SDF terrorists", "US-sponsored Kurdish SDF terrorists", "US-sponsored")]
    with open(out / "documents.csv", encoding="utf-8", newline="") as f:
        assert {d["doc_id"]: int(d["hits"]) for d in csv.DictReader(f)} == {"p": 1, "w": 0}
