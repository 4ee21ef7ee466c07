"""The neutral rewrite of worksheet passages, case by case, on hand-written sentences (English, Arabic)."""
import pytest

from framing.lexicon import SCARE_QUOTE_ENTRY, Entry, Lexicon, load_lexicon
from framing.rewrite import is_instruction, neutral_rewrite


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def entry(eid, lang, forms, neutral):
    return Entry(id=eid, lang=lang, term=forms[0], variants=tuple(forms[1:]), category="atrocity", referent="",
                 strength=2, neutral=tuple(neutral), rationale="test", ambiguous=False, neutral_cues=(), sources=(),
                 file="", line=0)


def own(*entries):
    return Lexicon(tuple(entries), {}, (), "")


def rewrite(text, term, eid, lexicon, scare=False, nth=0):
    a = -1
    for _ in range(nth + 1):
        a = text.index(term, a + 1)
    r = neutral_rewrite(text, [(a, a + len(term), eid, scare)], lexicon)
    return None if r is None else r.text


BUTCHER = entry("t.butcher", "en", ["butcher", "butchers", "butchered", "butchering"], ["kill", "killed", "killing"])


# ----------------------------------------------------------------------------- English: part of speech, inflection

@pytest.mark.parametrize("text, term, expected", [
    ("They will butcher the prisoners.", "butcher", "They will kill the prisoners."),      # base after a modal
    ("Soldiers butchered the villagers.", "butchered", "Soldiers killed the villagers."),  # -ed
    ("The butchering went on for days.", "butchering", "The killing went on for days."),   # -ing
])
def test_same_inflection(text, term, expected):
    assert rewrite(text, term, BUTCHER.id, own(BUTCHER)) == expected


def test_no_alternative_of_the_right_form_means_no_rewrite(lex):
    """'slaughter' has only 'killing|killed': after 'will' neither fits ('will killed' is the bug)."""
    assert lex.by_id["en.atrocity.slaughter"].neutral[:2] == ("killing", "killed")
    assert rewrite("They will slaughter the prisoners.", "slaughter", "en.atrocity.slaughter", lex) is None
    assert rewrite("Thirty civilians were slaughtered.", "slaughtered", "en.atrocity.slaughter", lex) \
        == "Thirty civilians were killed."


@pytest.mark.parametrize("text, term, expected", [
    ("He claims that the road is open.", "claims", "He says that the road is open."),
    ("Despite these claims, the road is open.", "claims", "Despite these statements, the road is open."),
    ("The ministry's claim was false.", "claim", "The ministry's statement was false."),
])
def test_a_noun_for_a_noun_and_a_verb_for_a_verb(lex, text, term, expected):
    assert rewrite(text, term, "en.distance.claims", lex) == expected


def test_plural_kept_and_people_stay_people(lex):
    first = lex.by_id["en.armed.terrorist"].neutral[0]
    assert rewrite("The terrorists fled.", "terrorists", "en.armed.terrorist", lex) == f"The {first}s fled."
    # 'propaganda' offers 'statements': fine for the thing, never for the people
    assert rewrite("It came from propagandists for the group.", "propagandists", "en.deleg.propaganda", lex) is None
    dead = entry("t.martyr", "en", ["martyr", "martyrs"], ["dead"])
    assert rewrite("The funerals of the martyrs were held.", "martyrs", dead.id, own(dead)) is None  # never "deads"


def test_capital_at_the_start_of_a_sentence_and_names_after_the(lex):
    first = lex.by_id["en.armed.terrorist"].neutral[0]
    assert rewrite("Terrorists attacked the base.", "Terrorists", "en.armed.terrorist", lex) \
        == f"{first.capitalize()}s attacked the base."
    assert rewrite("Then a terrorist attacked.", "terrorist", "en.armed.terrorist", lex) == f"Then a {first} attacked."
    e = entry("t.zionist", "en", ["Zionist regime"], ["Israel"])
    assert rewrite("They blamed the Zionist regime for it.", "Zionist regime", e.id, own(e)) \
        == "They blamed Israel for it."


def test_a_and_an_follow_the_new_word():
    e = entry("t.atrocity", "en", ["atrocity"], ["attack"])
    assert rewrite("It was an atrocity.", "atrocity", e.id, own(e)) == "It was an attack."
    e2 = entry("t.outrage", "en", ["outrage"], ["protest"])
    assert rewrite("It was an outrage.", "outrage", e2.id, own(e2)) == "It was a protest."


def test_doubled_words_are_not_created():
    e = entry("t.mercs", "en", ["mercenaries"], ["foreign fighters"])
    assert rewrite("Four foreign mercenaries were taken prisoner.", "mercenaries", e.id, own(e)) \
        == "Four foreign fighters were taken prisoner."


# ----------------------------------------------------------------------------- English: quotations, scare quotes

def test_never_inside_a_direct_quotation(lex):
    text = 'The minister said "terrorists attacked the town", and terrorists fled.'
    a = text.index("terrorists")
    b = text.index("terrorists", a + 1)
    r = neutral_rewrite(text, [(a, a + 10, "en.armed.terrorist"), (b, b + 10, "en.armed.terrorist")], lex)
    assert r.text.startswith('The minister said "terrorists attacked the town", and ')
    assert "terrorists fled" not in r.text
    # only a quoted hit: nothing of the outlet's own to rewrite
    assert neutral_rewrite(text, [(a, a + 10, "en.armed.terrorist")], lex) is None


def test_scare_quotes_are_removed_by_removing_the_marks(lex):
    assert rewrite("The 'peace plan' was signed.", "peace plan", SCARE_QUOTE_ENTRY.id, lex, scare=True) \
        == "The peace plan was signed."
    assert rewrite("The “experts” disagreed.", "experts", SCARE_QUOTE_ENTRY.id, lex, scare=True) \
        == "The experts disagreed."


# ----------------------------------------------------------------------------- English: instruction text, omission

def test_instruction_text_is_never_inserted(lex):
    assert is_instruction("(describe the act)") and is_instruction("which X says is illegal")
    assert is_instruction(SCARE_QUOTE_ENTRY.neutral[0]) and is_instruction("the group designated as a terrorist organisation by")
    assert not is_instruction("armed group")
    e = entry("t.indisc", "en", ["indiscriminate"], ["(describe the strikes and where they hit)"])
    assert rewrite("The strikes were indiscriminate and deadly.", "indiscriminate", e.id, own(e)) is None
    e2 = entry("t.illegal", "en", ["illegal"], ["which X says is illegal", "without the consent of"])
    assert rewrite("The illegal settlement grew.", "illegal", e2.id, own(e2)) is None


@pytest.mark.parametrize("text, expected", [
    ("It was an egregious error.", "It was an error."),
    ("The error was egregious.", None),              # nothing left for the word to modify
    ("It was an egregious and costly error.", None),  # "an and costly error"
])
def test_omit_drops_a_modifier_only_where_the_sentence_stays_whole(text, expected):
    e = entry("t.egregious", "en", ["egregious"], ["(omit)"])
    assert rewrite(text, "egregious", e.id, own(e)) == expected


# ----------------------------------------------------------------------------- Arabic

AR_TERROR = entry("t.ar.terror", "ar", ["إرهابيين", "إرهابي", "إرهابيون"], ["مسلحون", "مقاتلون"])
AR_MARTYR = entry("t.ar.shahid", "ar", ["شهيد", "شهداء"], ["قتيل"])
AR_REBEL = entry("t.ar.rebel", "ar", ["متمردين", "متمردون"], ["مقاتلو المعارضة"])


@pytest.mark.parametrize("text, term, expected", [
    ("والإرهابيين هاجموا القرية.", "والإرهابيين", "والمسلحين هاجموا القرية."),  # conjunction and article kept, case kept
    ("قتل الإرهابيون جنديا.", "الإرهابيون", "قتل المسلحون جنديا."),            # nominative stays nominative
    ("قدم الدعم للإرهابيين في المنطقة.", "للإرهابيين", "قدم الدعم للمسلحين في المنطقة."),  # ل + ال = لل
    ("وقال إن إرهابيين هاجموا.", "إرهابيين", "وقال إن مسلحين هاجموا."),       # no article, none added
    ("فالإرهابيون فروا.", "فالإرهابيون", "فالمسلحون فروا."),                  # ف kept
])
def test_arabic_keeps_conjunctions_clitics_and_case(text, term, expected):
    assert rewrite(text, term, AR_TERROR.id, own(AR_TERROR)) == expected


def test_arabic_number_and_construct_are_not_guessed():
    # a broken plural (شهداء) is never given the singular alternative (قتيل)
    assert rewrite("شيعت جثامين الشهداء ظهر الجمعة.", "الشهداء", AR_MARTYR.id, own(AR_MARTYR)) is None
    assert rewrite("على روح الشهيد نبيل.", "الشهيد", AR_MARTYR.id, own(AR_MARTYR)) == "على روح القتيل نبيل."
    # a construct ("مقاتلو المعارضة") cannot take the article of "المتمردين"
    assert rewrite("هاجم المتمردين القرية.", "المتمردين", AR_REBEL.id, own(AR_REBEL)) is None


def test_arabic_quotation_is_left_as_written():
    text = "قال المتحدث: «الإرهابيون هاجموا القرية»، وفر الإرهابيون."
    a = text.index("الإرهابيون")
    b = text.index("الإرهابيون", a + 1)
    r = neutral_rewrite(text, [(a, a + 10, AR_TERROR.id), (b, b + 10, AR_TERROR.id)], own(AR_TERROR))
    assert r.text == "قال المتحدث: «الإرهابيون هاجموا القرية»، وفر المسلحون."


# ----------------------------------------------------------------------------- found on real news (hand-written look-alikes)

@pytest.mark.parametrize("forms, neutral, text, term, expected", [
    (["skyrocketed"], ["rose"], "Prices have skyrocketed this year.", "skyrocketed", None),         # never "have rose"
    (["skyrocketed"], ["rose"], "Prices skyrocketed this year.", "skyrocketed", "Prices rose this year."),
    (["steadfast"], ["endurance"], "She was a steadfast ally of the king.", "steadfast", None),     # adjective, not a noun
    (["brazenness"], ["open"], "It is known for its brazenness and speed.", "brazenness", None),   # a quality, not "open"
    (["tyranny"], ["ruler"], "They fought against tyranny for years.", "tyranny", None),            # a state, not a person
    (["untold"], ["many"], "It is an untold story of the war.", "untold", None),                   # never "a many story"
    (["genocide"], ["case before the court"], "The convention against genocide was signed.", "genocide", None),
    (["scandal"], ["controversy"], "The plot of Scandal was far-fetched.", "Scandal", None),        # a title in mid-sentence
    (["claim", "claims"], ["says", "said", "statement"], "These politicians claim there is proof.", "claim", None),
    (["jihadi", "jihadis"], ["armed fighter"], "The jihadis fled the town.", "jihadis", "The armed fighters fled the town."),
    (["Putin's regime"], ["Russian government"], "They worked with Putin's regime for years.", "Putin's regime",
     "They worked with the Russian government for years."),
    (["utter"], ["(omit)"], "We heard him utter his famous words.", "utter", None),                 # a verb here
    (["obvious"], ["(omit)"], "It is obvious that she knows.", "obvious", None),                    # predicate
    (["obviously"], ["(omit)"], "It is obviously not working.", "obviously", "It is not working."),
    (["obvious"], ["(omit)"], "It was an obvious error.", "obvious", "It was an error."),
    (["obvious"], ["(omit)"], "It is kind of an obvious one.", "obvious", None),                    # never "a one"
    (["obvious"], ["(omit)"], "It was an obvious pretext.", "obvious", "It was a pretext."),        # the article follows
    (["usurp"], ["took", "seize"], "It was an attempt to usurp power.", "usurp", "It was an attempt to seize power."),
    (["terrorism"], ["jihadist group"], "They spoke on terrorism and trade.", "terrorism", None),
    (["of course"], ["(omit)"], "Of course, we must act.", "Of course", "We must act."),
    (["no question that"], ["(omit)"], "There is no question that it works.", "no question that", None),
])
def test_rules_found_on_real_news(forms, neutral, text, term, expected):
    e = entry("t.case", "en", forms, neutral)
    assert rewrite(text, term, e.id, own(e)) == expected


def test_a_phrase_repeated_across_a_comma_is_not_created():
    a = entry("t.militias", "en", ["militias"], ["armed groups"])
    b = entry("t.terror_groups", "en", ["terrorist groups"], ["armed groups"])
    text = "It works through militias, terrorist groups and others."
    i, j = text.index("militias"), text.index("terrorist groups")
    assert neutral_rewrite(text, [(i, i + 8, a.id), (j, j + 16, b.id)], own(a, b)) is None


# ----------------------------------------------------------------------------- found on the shared dumps

US_OCC = entry("t.us_occ", "en", ["US occupation"], ["US military presence", "US forces in"])


def test_no_alternative_that_repeats_the_next_word_or_ends_in_a_preposition():
    # "near a US occupation military base": "US military presence military base" says "military" twice,
    # and "US forces in military base" is a fragment: no safe rewrite, so the passage is not used
    assert rewrite("A drone attack near a US occupation military base in Syria failed.", "US occupation",
                   "t.us_occ", own(US_OCC)) is None
    assert rewrite("The US occupation ended in 2021.", "US occupation", "t.us_occ", own(US_OCC)) == \
        "The US military presence ended in 2021."


def test_fix_article_before_acronyms():
    from framing.rewrite import _fix_article

    assert _fix_article("near an US base", len("near an ")) == "near a US base"
    assert _fix_article("a UN envoy", len("a ")) == "a UN envoy"
    assert _fix_article("a MP said", len("a ")) == "an MP said"
    assert _fix_article("an NATO summit", len("an ")) == "a NATO summit"   # read as a word
    assert _fix_article("an UNESCO site", len("an ")) == "a UNESCO site"
    assert _fix_article("a apple", len("a ")) == "an apple"
