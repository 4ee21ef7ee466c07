"""The shipped lexicons, category by category: loaded uses found, neutral uses not (examples written for the tests)."""
import pytest

from framing.analyze import analyse_document
from framing.lexicon import load_lexicon
from framing.lexicon_checks import balance_table, missing_pairs
from framing.match import Matcher


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_lexicon())


def loaded(matcher, text, lang="en"):
    rec = {"doc_id": "t", "outlet": "o", "date": None, "title": "", "author": "", "lang": lang, "text": text,
           "source": "", "file": "f", "line": 1, "format": "jsonl"}
    _, hits, _, _ = analyse_document(rec, matcher)
    return {(h[6].lower(), h[9]) for h in hits if h[17] == "loaded" and h[7] != "ctx.scare_quote"}


POSITIVE = [
    ("armed_actor_label", "Terrorists stormed the checkpoint before dawn.", "terrorists"),
    ("armed_actor_label", "The freedom fighters held the ridge for a week.", "freedom fighters"),
    ("armed_actor_label", "Government jets bombed militant positions in the hills.", "militant"),
    ("state_label", "The regime cut the water supply to the district.", "regime"),
    ("state_label", "Occupation forces raided the camp at night.", "occupation forces"),
    ("state_label", "The puppet government signed the deal within a day.", "puppet government"),
    ("delegitimising", "The so-called peace council met again on Monday.", "so-called"),
    ("delegitimising", "The self-proclaimed governor issued a decree.", "self-proclaimed"),
    ("attribution_distancing", "The ministry claimed the strike hit only fighters.", "claimed"),
    ("attribution_endorsing", "The documents revealed that the convoy carried arms.", "revealed"),
    ("crime_theft", "Foreign troops plundered the oil fields of the east.", "plundered"),
    ("crime_theft", "Villagers accused the army of looting their homes.", "looting"),
    ("atrocity", "Witnesses described a massacre in the market square.", "massacre"),
    ("atrocity", "The report accuses both armies of war crimes.", "war crimes"),
    ("glorifying", "The town buried its martyrs on Friday.", "martyrs"),
    ("glorifying", "Posters hailed the fallen men as heroes.", "heroes"),
    ("dehumanising", "A savage attack on the villagers left nine dead.", "savage"),
    ("dehumanising", "The columnist called the protesters barbaric.", "barbaric"),
    ("euphemism", "The army said the strike caused some collateral damage.", "collateral damage"),
    ("euphemism", "Two gunmen were neutralised at the border.", "neutralised"),
    ("intensifier", "The attack was an unprecedented escalation.", "unprecedented"),
    ("intensifier", "It was a blatant violation of the truce.", "blatant"),
]


@pytest.mark.parametrize("category, text, surface", POSITIVE)
def test_loaded_uses_are_found(matcher, category, text, surface):
    assert (surface, category) in loaded(matcher, text)


NEGATIVE = [
    "Her occupation was listed as nurse.",
    "The sanctions regime was extended for another year.",
    "Doctors warned about antibiotic resistance in the ward.",
    "Children laughed at the puppet show in the park.",
    "A savage storm closed the coastal road.",
    "Car thieves took two vehicles from the car park.",
    "Farmers fear a locust invasion this spring.",
    "The group claimed responsibility for the blast.",
    "Two men were admitted to hospital after the crash.",
    "Workers were exposed to asbestos for years.",
    "Foreign troops and armed groups met for talks on a ceasefire.",
    "Officials said the talks would resume next week.",
    "Thousands gathered in Liberation Square on Friday.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_neutral_uses_are_not_counted(matcher, text):
    assert loaded(matcher, text) == set()


@pytest.mark.parametrize("text, surface, category", [
    ("قصفت قوات الاحتلال القرية فجرا.", "قوات الاحتلال", "state_label"),
    ("شيع الأهالي الشهيد بعد صلاة الجمعة.", "الشهيد", "glorifying"),
    ("هاجم الإرهابيون نقطة التفتيش.", "الإرهابيون", "armed_actor_label"),
    ("قالت ما يسمى الإدارة الذاتية إن الطريق مغلق.", "ما يسمى", "delegitimising"),
])
def test_arabic_loaded_uses(matcher, text, surface, category):
    assert (surface, category) in loaded(matcher, text, "ar")


def test_balance_pairs_present_and_both_sides_labelled():
    lexicon = load_lexicon()
    assert missing_pairs(lexicon) == []
    table = balance_table(lexicon).set_index(["referent", "lang"])
    for referent in ("armed groups", "government", "Israel", "Palestinian groups", "Syrian government",
                     "Russian forces", "Ukrainian government", "Iran", "US government"):
        assert table.loc[(referent, "en"), "unfavourable"] >= 1, referent
    assert table.loc[("armed groups", "en"), "favourable"] >= 1   # freedom fighters, resistance fighters
    assert table.loc[("foreign forces", "en"), "unfavourable"] >= 1  # occupation forces, occupiers


def test_shipped_lexicon_sizes():
    lexicon = load_lexicon()
    en = [e for e in lexicon.entries if e.lang == "en"]
    ar = [e for e in lexicon.entries if e.lang == "ar"]
    assert len(en) >= 300 and len(ar) >= 80
    for e in lexicon.entries:
        assert e.neutral and e.rationale and 1 <= e.strength <= 3
