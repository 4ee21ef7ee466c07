import dataclasses
import importlib.util
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import context
from framing.context import Reading, context_data, extra_hits, read_in_context
from framing.lexicon import Entry
from framing.match import Span
from framing.sentences import sentence_spans

ROOT = Path(__file__).resolve().parent.parent


def entry(term: str, ambiguous: bool = False, cues: tuple[str, ...] = (), lang: str = "en") -> Entry:
    return Entry(id=f"t.{term}", lang=lang, term=term, variants=(), category="test", referent="",
                 strength=2, neutral=("-",), rationale="-", ambiguous=ambiguous, neutral_cues=cues)


def read(text: str, hit: str, ambiguous: bool = False, cues: tuple[str, ...] = ()) -> Reading:
    start = text.index(hit)
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in hit) else "en"
    return read_in_context(text, [Span(start, start + len(hit), 0)], (entry(hit, ambiguous, cues, lang),),
                           sentence_spans(text))[0]


# ----------------------------------------------------------------------------- contract

def test_reading_contract():
    assert [f.name for f in dataclasses.fields(Reading)] == [
        "voice", "scare_quote", "so_called", "negated", "sense", "speaker", "target", "attribution",
        "attribution_class"]
    assert Reading() == Reading("own", False, False, False, "loaded", "", "", "", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Reading().voice = "quoted"


def test_one_reading_per_span_in_order():
    text = '"The regime must go," the envoy said. The regime stayed. Militants were not arrested.'
    starts = [text.index("regime"), text.index("regime", 10), text.index("Militants")]
    spans = [Span(s, s + 6, 0) for s in starts[:2]] + [Span(starts[2], starts[2] + 9, 1)]
    readings = read_in_context(text, spans, (entry("regime"), entry("militants")), sentence_spans(text))
    assert [r.voice for r in readings] == ["quoted", "own", "own"]
    assert read_in_context(text, [], (), sentence_spans(text)) == []


def test_works_without_sentences():
    text = "Police said the terrorists fled."
    r = read_in_context(text, [Span(16, 26, 0)], (entry("terrorists"),), [])[0]
    assert r.voice == "attributed"


# ----------------------------------------------------------------------------- voice

@pytest.mark.parametrize("text, hit, voice, speaker, verb, cls", [
    ('"The occupation forces must leave," said the governor.', "occupation", "quoted", "the governor", "said", "neutral"),
    ("The occupation forces shelled the village.", "occupation", "own", "", "", ""),
    ("Police said the terrorists had fled.", "terrorists", "attributed", "Police", "said", "neutral"),
    ("The terrorists had fled, police said.", "terrorists", "attributed", "police", "said", "neutral"),
    ("According to the army, terrorists attacked.", "terrorists", "attributed", "the army", "according to", "neutral"),
    ("Terrorists attacked the post, according to the army.", "Terrorists", "attributed", "the army", "according to", "neutral"),
    ("The minister claimed the regime had fallen.", "regime", "attributed", "The minister", "claimed", "distancing"),
    ("A police officer told reporters that the thugs fled.", "thugs", "attributed", "A police officer", "told", "neutral"),
    ("The report revealed that the junta paid them.", "junta", "attributed", "The report", "revealed", "endorsing"),
    ("The regime said it would hold elections.", "regime", "own", "", "", ""),
    ("That said, the regime still rules.", "regime", "own", "", "", ""),
    # own-voice idioms (framing/languages/en/words.tsv, own_voice): the speech verb is the writer's
    ("It goes without saying that the regime lied.", "regime", "own", "", "", ""),
    ("Needless to say, the militants fled.", "militants", "own", "", "", ""),
    ("The regime, it must be said, is brutal.", "regime", "own", "", "", ""),
    ("That’s not to say the regime is weak.", "regime", "own", "", "", ""),
    ("Critics say the regime is brutal.", "regime", "attributed", "Critics", "say", "neutral"),
    ("He decided not to say whether the regime lied.", "regime", "attributed", "He", "say", "neutral"),
    ("وقال المتحدث باسم الجيش إن قوات الاحتلال انسحبت.", "الاحتلال", "attributed", "المتحدث باسم الجيش", "قال", "neutral"),
    ("قال المتحدث: «قوات الاحتلال قصفت المدرسة».", "الاحتلال", "quoted", "المتحدث", "قال", "neutral"),
])
def test_voice(text, hit, voice, speaker, verb, cls):
    r = read(text, hit)
    assert (r.voice, r.speaker, r.attribution, r.attribution_class) == (voice, speaker, verb, cls)


def test_stray_quotation_mark_does_not_swallow_the_article():
    paragraphs = ['He said "we will fight on'] + ["The militias withdrew from the town."] * 50
    text = "\n\n".join(paragraphs)
    starts = [i for i in range(len(text)) if text.startswith("militias", i)]
    readings = read_in_context(text, [Span(s, s + 8, 0) for s in starts], (entry("militias"),), sentence_spans(text))
    assert {r.voice for r in readings} == {"own"}


def test_quotation_over_paragraphs_keeps_its_speaker():
    text = 'The envoy said: "The siege is cruel.\n\n"The regime will answer for it," he added.\n\nEnd.'
    r = read(text, "regime")
    assert (r.voice, r.speaker, r.attribution) == ("quoted", "he", "added")


# ----------------------------------------------------------------------------- scare quotes and extra hits

def test_scare_quote_becomes_an_extra_hit():
    text = 'Jets from "Israel" struck the camp.'
    hits = extra_hits(text, [], sentence_spans(text))
    assert [(text[s:e], kind) for s, e, kind, _ in hits] == [("Israel", "scare_quote")]
    assert hits[0][3].scare_quote and hits[0][3].voice == "own"


def test_scare_quote_covered_by_a_span_is_not_repeated():
    text = 'The "terrorists" were farmers.'
    s = text.index("terrorists")
    spans = [Span(s, s + 10, 0)]
    assert extra_hits(text, spans, sentence_spans(text)) == []
    assert read_in_context(text, spans, (entry("terrorists"),), sentence_spans(text))[0].scare_quote


@pytest.mark.parametrize("text", [
    '"We are ready," he said.',
    'Officials said the camp was a "temporary facility" for families.',
    'The minister said: "Freedom."',
    'The minister called the protesters "thugs" on television.',
    'They shouted "Down with them!" in the square.',
])
def test_real_quotations_are_not_scare_quotes(text):
    assert [h for h in extra_hits(text, [], sentence_spans(text)) if h[2] == "scare_quote"] == []


def test_attribution_verbs_are_extra_hits_with_their_class():
    text = ("Police said the road was closed. The firm claimed the fire was an accident. "
            "The audit revealed that funds were missing. The group claimed responsibility for it. "
            "Two men were admitted to hospital.")
    got = [(r.attribution, r.attribution_class, r.speaker)
           for _, _, kind, r in extra_hits(text, [], sentence_spans(text)) if kind == "attribution"]
    assert got == [("said", "neutral", "Police"), ("claimed", "distancing", "The firm"),
                   ("revealed", "endorsing", "The audit")]


# ----------------------------------------------------------------------------- so-called, negation

@pytest.mark.parametrize("text, hit, target", [
    ("The so-called Islamic State claimed the bombing.", "Islamic State", "Islamic State"),
    ("The self-styled general ordered the raid.", "general", "general"),
    ("The alleged massacre took place in a school.", "massacre", "massacre"),
    ('The so-called "buffer zone" swallowed villages.', "buffer zone", "buffer zone"),
    ("Jets struck what Israel calls terrorist infrastructure in the north.", "terrorist infrastructure", "terrorist infrastructure"),
    ("أعلنت الدولة المزعومة حظر التجول.", "الدولة", "الدولة"),
    ("دخلت قوات ما يسمى جيش الدفاع إلى المدينة.", "جيش الدفاع", "جيش الدفاع"),
    ("Villagers alleged that a massacre took place.", "massacre", ""),
    ("The so-called experts disagreed with the junta.", "junta", ""),
])
def test_so_called(text, hit, target):
    r = read(text, hit)
    assert (r.so_called, r.target) == (bool(target), target)


@pytest.mark.parametrize("text, hit, negated", [
    ("These men are not terrorists.", "terrorists", True),
    ("It was not a massacre.", "massacre", True),
    ("It is no longer an occupation.", "occupation", True),
    ("It was never a regime.", "regime", True),
    ("They were neither terrorists nor criminals.", "criminals", True),
    ("The council isn't a puppet government.", "puppet government", True),
    ("It is not a brutal regime.", "regime", True),
    ("The ministry denied that it was an occupation.", "occupation", True),
    ("هؤلاء ليسوا إرهابيين.", "إرهابيين", True),
    ("They did not stop the terrorists.", "terrorists", False),
    ("They are not only terrorists but smugglers.", "terrorists", False),
    ("Foreign fighters are not the only militants here.", "militants", False),
    ("The terrorists were not arrested.", "terrorists", False),
    ("It was not clear whether the regime would last.", "regime", False),
    ("There is no doubt that it was a massacre.", "massacre", False),
    ("لا تزال قوات الاحتلال في المدينة.", "الاحتلال", False),
])
def test_negation(text, hit, negated):
    assert read(text, hit).negated is negated


# ----------------------------------------------------------------------------- senses

@pytest.mark.parametrize("text, hit, sense", [
    ("Her occupation was listed as nurse.", "occupation", "neutral"),
    ("Occupation: teacher.", "Occupation", "neutral"),
    ("The occupation of the valley began in 1967.", "occupation", "loaded"),
    ("The new sanctions regime targets banks.", "regime", "neutral"),
    ("The regime in Damascus refused.", "regime", "loaded"),
    ("Antibiotic resistance is rising.", "resistance", "neutral"),
    ("Armed resistance grew in the hills.", "resistance", "loaded"),
    ("The children loved the puppet show.", "puppet", "neutral"),
    ("It is a puppet government.", "puppet", "loaded"),
    ("A savage storm hit the coast.", "savage", "neutral"),
    ("Car thieves were arrested.", "thieves", "neutral"),
    ("A locust invasion destroyed the harvest.", "invasion", "neutral"),
    ("The group claimed responsibility for the attack.", "claimed", "neutral"),
    ("The army claimed the drone was Iranian.", "claimed", "loaded"),
    ("He was admitted to hospital.", "admitted", "neutral"),
    ("Workers were exposed to radiation.", "exposed", "neutral"),
    ("فرض مجلس الأمن نظام العقوبات على البلاد.", "نظام", "neutral"),
    ("ارتكب النظام السوري مجازر.", "النظام", "loaded"),
])
def test_senses(text, hit, sense):
    assert read(text, hit, ambiguous=True).sense == sense


def test_entry_neutral_cues_are_used():
    text = "The quota regime ended."
    assert read(text, "regime", ambiguous=True).sense == "loaded"
    assert read(text, "regime", ambiguous=True, cues=("quota",)).sense == "neutral"
    phrase = "They staged a walkout protest."
    assert read(phrase, "walkout", ambiguous=True, cues=("staged a walkout",)).sense == "neutral"


def test_unambiguous_entries_keep_the_loaded_sense():
    assert read("Her occupation was teacher.", "occupation", ambiguous=False).sense == "loaded"


def test_sense_model_is_asked_only_when_rules_do_not_decide(monkeypatch):
    calls = []

    def model(sentence, start, end, e):
        calls.append(sentence[start:end])
        return "neutral"

    monkeypatch.setattr(context.senses, "SENSE_MODEL", model)
    assert read("Museum staff restored an old puppet.", "puppet", ambiguous=True).sense == "neutral"
    assert read("It is a puppet government.", "puppet", ambiguous=True).sense == "loaded"
    assert calls == ["puppet"]


def test_a_failing_sense_model_leaves_the_rules(monkeypatch):
    def model(*args):
        raise RuntimeError("broken")

    monkeypatch.setattr(context.senses, "SENSE_MODEL", model)
    assert read("Museum staff restored an old puppet.", "puppet", ambiguous=True).sense == "loaded"


# ----------------------------------------------------------------------------- data, robustness, speed

@pytest.mark.parametrize("lang", ["en", "ar"])
def test_data_files_use_known_values(lang):
    data = context_data(lang)
    assert {v.cls for v in data.verbs.values()} == {"neutral", "distancing", "endorsing"}
    assert {v.frame for v in data.verbs.values()} <= {"clause", "that", "object", "naming", "as", "source"}
    assert {v.lang for v in data.verbs.values()} == {lang}
    assert set(data.negation) == {"negator", "denial", "cancel", "bridge", "barrier", "np_negator", "np_bridge"}
    assert set(data.markers.values()) <= {"before", "after", "modifier", "calls"}
    assert {r.side for r in data.cue_rules} == {"before", "after"}
    assert {r.sense for r in data.cue_rules} == {"neutral", "loaded"}
    assert all(r.cues for r in data.cue_rules)


WORDS = st.sampled_from(["said", "not", "so-called", "regime", '"', "'", "«", "»", "according to", "قال", "إن",
                         "ليس", "\u0651", "أكّد", ",", ".", "\n\n", "İ", "\u0301", "the", "claimed", "what", "calls", ":", "that"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60), st.data())
def test_any_text_and_spans_read_without_error(words, data):
    text = " ".join(words)
    spans = []
    pos = 0
    for _ in range(data.draw(st.integers(0, 5))):
        if pos >= len(text):
            break
        start = data.draw(st.integers(pos, len(text) - 1))
        end = data.draw(st.integers(start + 1, min(len(text), start + 12)))
        spans.append(Span(start, end, 0))
        pos = end
    sentences = sentence_spans(text)
    readings = read_in_context(text, spans, (entry("x", ambiguous=True),), sentences)
    assert len(readings) == len(spans)
    for start, end, kind, reading in extra_hits(text, spans, sentences):
        assert 0 <= start < end <= len(text) and kind in ("scare_quote", "attribution")


def test_cost_grows_linearly_with_length():
    unit = ('"The regime must go," the envoy said. Police said the militants fled, and officials '
            'insisted it was not a massacre. Jets from "Israel" struck the so-called buffer zone. ')
    ent = (entry("regime", ambiguous=True), entry("militants"), entry("massacre"))

    def run(n):
        text = unit * n
        spans = []
        for i in range(len(text)):
            for k, t in enumerate(("regime", "militants", "massacre")):
                if text.startswith(t, i):
                    spans.append(Span(i, i + len(t), k))
        sentences = sentence_spans(text)
        t0 = time.perf_counter()
        read_in_context(text, spans, ent, sentences)
        extra_hits(text, spans, sentences)
        return time.perf_counter() - t0

    run(50)
    small, large = min(run(200) for _ in range(2)), min(run(1600) for _ in range(2))
    assert large < small * 8 * 2.5  # 8 times the text: about 8 times the time, never quadratic


# ----------------------------------------------------------------------------- quality over the case table

def _evaluation():
    spec = importlib.util.spec_from_file_location("evaluate_context", ROOT / "scripts" / "evaluate_context.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Levels reached on tests/data/context_cases.tsv (scripts/evaluate_context.py), held a little below.
FLOORS = {
    "voice=own": (0.95, 0.95), "voice=quoted": (0.95, 0.95), "voice=attributed": (0.95, 0.95),
    "scare_quote": (0.9, 0.9), "so_called": (0.95, 0.95), "negated": (0.95, 0.95), "sense": (0.95, 0.95),
    "speaker": (0.95, 0.95), "target": (0.95, 0.95), "attribution": (0.95, 0.95),
    "attribution_class=neutral": (0.95, 0.95), "attribution_class=distancing": (0.9, 0.9),
    "attribution_class=endorsing": (0.9, 0.9),
}


def test_case_table_is_large_and_covers_both_languages():
    rows = _evaluation().load_cases()
    assert len(rows) >= 150
    assert sum(r["lang"] == "ar" for r in rows) >= 20
    assert {r["kind"] for r in rows} == {"hit", "scare", "attr"}


def test_quality_per_field_holds():
    scores, errors = _evaluation().evaluate()
    low = {f: (round(scores[f]["precision"], 3), round(scores[f]["recall"], 3))
           for f, (p, r) in FLOORS.items() if scores[f]["precision"] < p or scores[f]["recall"] < r}
    assert not low, f"below the floor: {low}\n" + "\n".join(errors)


# ----------------------------------------------------------------------------- real news, labelled by hand

def _real_news_script():
    spec = importlib.util.spec_from_file_location("evaluate_real_news", ROOT / "scripts" / "evaluate_real_news.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _real_news():
    """The evaluation script, where the real news it reads is here (else the test is skipped)."""
    module = _real_news_script()
    missing = [str(p) for p in module.SOURCES.values() if not p.exists()]
    if missing:
        pytest.skip(f"the labelled real news is not here: {', '.join(missing)} (it comes with ../shared)")
    return module


# Levels reached (scripts/evaluate_real_news.py), per corpus and batch. Scare quotes: (precision, recall).
# Mainstream news (AllSides) puts few words in scare quotes, and most of its short quotations are someone's
# words or names: there, most quotations read as scare quotes are not. Voice: accuracy.
SCARE_FLOORS = {("shared-corpus", "C"): (0.90, 0.84), ("allsides", "A"): (0.14, 1.0), ("allsides", "B"): (0.14, 1.0)}
VOICE_FLOORS = {("shared-corpus", "C"): 0.95, ("shared-corpus", "E"): 1.0, ("allsides", "A"): 0.95, ("allsides", "B"): 0.85, ("allsides", "D"): 0.86}
# allsides B: 43 of 50 until issue 18 removed one labelled hit that was a name (an Act), now 42 of 49 (0.857).


def test_scare_quotes_in_real_news_hold_their_measured_levels():
    module = _real_news()
    rows = module.read_labelled(module.load_labels(module.SCARE_LABELS))
    assert all(r["scare_read"] is not None for r in rows), "a labelled quotation is no longer found where it was"
    for (corpus, batch), (precision, recall) in SCARE_FLOORS.items():
        s = module.scores([r for r in rows if r["corpus"] == corpus and r["batch"] == batch])
        assert s["precision"] >= precision and s["recall"] >= recall, (corpus, batch, s)


def test_voice_in_real_news_holds_its_measured_level():
    module = _real_news()
    rows = module.read_voices(module.load_labels(module.VOICE_LABELS))
    assert all(r["voice_read"] is not None for r in rows), "a labelled hit is no longer found where it was"
    for (corpus, batch), accuracy in VOICE_FLOORS.items():
        s = module.voice_scores([r for r in rows if r["corpus"] == corpus and r["batch"] == batch])
        assert s["accuracy"] >= accuracy, (corpus, batch, s)


def test_negation_in_real_news_holds_its_measured_precision():
    module = _real_news()
    rows = module.read_negations(module.load_labels(module.NEGATION_LABELS))
    assert all(r["negated_read"] is not None for r in rows), "a labelled hit is no longer found where it was"
    assert module.negation_precision(rows) >= 0.87


def test_real_news_labels_hold_no_text_of_the_articles():
    module = _real_news_script()
    scare, voice = module.load_labels(module.SCARE_LABELS), module.load_labels(module.VOICE_LABELS)
    assert len(scare) >= 200 and {r["label"] for r in scare} == {"scare", "speech", "mention"}
    assert len(voice) >= 200 and {r["voice"] for r in voice} == set(module.VOICES)
    assert all(set(r) == {"corpus", "doc_id", "start", "end", "label", "batch"} for r in scare)
    assert all(set(r) == {"corpus", "doc_id", "start", "end", "voice", "batch"} for r in voice)
    negation = module.load_labels(module.NEGATION_LABELS)
    assert len(negation) >= 40 and {r["negated"] for r in negation} == {"yes", "no"}
    assert all(set(r) == {"corpus", "doc_id", "start", "end", "negated", "batch"} for r in negation)
