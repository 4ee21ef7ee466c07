"""Languages as data (framing/languages/README.md): every language is a folder, checked on loading
with file:line errors; a third language is added from a folder named by FRAMING_LANGUAGES, with no
code edited; word lists are keyed by language, never pooled."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from framing.cli import main
from framing.context import read_in_context
from framing.context.language import language_for, languages, load_language
from framing.languages import SHIPPED
from framing.errors import LanguageError
from framing.lexicon import Entry
from framing.match import Span
from framing.sentences import sentence_spans

# A toy French: two speech verbs, two negators, elision (qu'il, s'agit, n'est) by the shipped hook.
TOY = {
    "language.tsv": "# a toy language for the tests\nkey\tvalue\nname\tToy French\ntokenizer\telision\n"
                    "word_order\tsubject_first\nverbs_mark_quotes\tyes\ncues_after\tlink\n",
    "speech_verbs.tsv": "verb\tforms\tclass\tframe\n"
                        "déclarer\ta déclaré|déclare\tneutral\tclause\n"
                        "prétendre\ta prétendu|prétend\tdistancing\tclause\n",
    "negation.tsv": "role\tword\nnegator\tpas\nnegator\tjamais\nbridge\tun\nbridge\tune\nbridge\tdes\n"
                    "np_bridge\tun\nnp_bridge\tune\nnp_bridge\tdes\nbarrier\tmais\n",
    "words.tsv": "set\twords\ncomplementizer\tque|qu'\ncloser\t,|»|\"\n",
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def toy(tmp_path, monkeypatch):
    _write(tmp_path / "langs" / "fr", TOY)
    monkeypatch.setenv("FRAMING_LANGUAGES", str(tmp_path / "langs"))
    return languages()["fr"]


def _read(text: str, hit: str, lang: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(hit, start + 1)
    entry = Entry(id="x", lang=lang, term=hit, variants=(), category="c", referent="", strength=2, neutral="",
                  rationale="")
    return read_in_context(text, [Span(start, start + len(hit), 0)], (entry,), sentence_spans(text), lang)[0]


def test_the_shipped_languages_are_folders_with_the_documented_files():
    assert sorted(languages()) == ["ar", "en"]
    for code in ("en", "ar"):
        assert sorted(p.name for p in (SHIPPED / code).iterdir()) == [
            "filler_headers.tsv", "language.tsv", "negation.tsv", "phrases.tsv", "segmenter.tsv", "sense_cues.tsv",
            "so_called.tsv", "speech_verbs.tsv", "words.tsv"]
    assert languages()["ar"].verb_first and not languages()["en"].verb_first


def test_a_toy_language_reads_speech_verbs_quotes_and_negation(toy):
    assert toy.settings["name"] == "Toy French" and set(toy.verbs) == {"a déclaré", "déclare", "a prétendu", "prétend"}
    # a reported clause after "qu'" (cut from "qu'il" by the elision hook)
    r = _read("Le ministre a déclaré qu'il s'agissait de terroristes.", "terroristes", "fr")
    assert (r.voice, r.speaker, r.attribution, r.attribution_class) == ("attributed", "Le ministre", "a déclaré", "neutral")
    # a quotation followed by its speech verb: someone's words, with the verb's class
    r = _read("« Ce sont des terroristes », a prétendu le ministre.", "terroristes", "fr")
    assert (r.voice, r.speaker, r.attribution, r.attribution_class) == ("quoted", "le ministre", "a prétendu", "distancing")
    # negation through a bridge word, not through a barrier
    assert _read("Ce n'est pas un massacre.", "massacre", "fr").negated
    assert not _read("Ce fut un massacre.", "massacre", "fr").negated
    assert not _read("Ce n'est pas tout, mais un massacre.", "massacre", "fr").negated
    # a short quotation with no speaker near: a scare quote in the outlet's voice
    r = _read("Ils ont visité la « zone tampon » hier.", "zone", "fr")
    assert (r.voice, r.scare_quote) == ("own", True)


def test_word_lists_are_not_pooled_across_languages(toy):
    # the English negator does not negate in the toy language, nor the toy negator in English
    assert not _read("Ce fut not un massacre.", "massacre", "fr").negated
    assert not _read("It was pas a massacre.", "massacre", "en").negated
    assert _read("It was not a massacre.", "massacre", "en").negated
    # an English speech verb is no speech verb in the toy language
    r = _read("Le ministre said que des terroristes sont venus.", "terroristes", "fr")
    assert (r.voice, r.attribution) == ("own", "")


def test_a_documents_language_is_its_own_else_a_guess_from_its_script(toy):
    assert language_for("fr").code == "fr"
    assert language_for("", "والقوات قالت إن").code == "ar"
    assert language_for("de", "Der Minister sagte").code == "en"  # no folder for de: the guesser's en


def test_framing_analyze_reads_a_toy_language_from_its_folder(toy, tmp_path):
    lexicon = tmp_path / "fr.tsv"
    lexicon.write_text("id\tlang\tterm\tvariants\tcategory\treferent\tstrength\tneutral\trationale\n"
                       "fr.terroristes\tfr\tterroristes\t\tarmed_actor_label\tgroupes armés\t3\tcombattants\t"
                       "Désigne un groupe armé comme terroriste.\n", encoding="utf-8")
    corpus = tmp_path / "fr.jsonl"
    texts = ["« Ce sont des terroristes », a prétendu le ministre.",
             "Ce ne sont pas des terroristes, a déclaré le maire.",
             "Des terroristes ont attaqué le village."]
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "outlet": "Le Toy", "date": "2024-01-0%d" % (i + 1),
                                          "lang": "fr", "text": t}) + "\n" for i, t in enumerate(texts)),
                      encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "--lexicons", "", "--lexicon", str(lexicon), "-o", str(out)]) in (0, None)
    with open(out / "hits.csv", encoding="utf-8") as f:
        hits = [(h["doc_id"], h["voice"], h["negated"]) for h in csv.DictReader(f) if h["entry"] == "fr.terroristes"]
    assert hits == [("d0", "quoted", "false"), ("d1", "attributed", "true"), ("d2", "own", "false")]
    with open(out / "attributions.csv", encoding="utf-8") as f:
        verbs = [(a["doc_id"], a["verb"], a["attribution_class"]) for a in csv.DictReader(f)]
    assert verbs == [("d0", "a prétendu", "distancing"), ("d1", "a déclaré", "neutral")]


# ----------------------------------------------------------------------------- errors: file:line

@pytest.mark.parametrize("name, text, message", [
    ("speech_verbs.tsv", "verb\tforms\tclass\nsay\tsaid\tneutral\n", r"speech_verbs.tsv:1: the header lacks the column\(s\) frame"),
    ("speech_verbs.tsv", "# c\nverb\tforms\tclass\tframe\nsay\tsaid\tneutral\tclause\nsay\tsays\tcheerful\tclause\n",
     r"speech_verbs.tsv:4: class 'cheerful' is not known: write one of neutral, distancing, endorsing"),
    ("negation.tsv", "role\tword\nnegator\tnot\nnegater\tnever\n", r"negation.tsv:3: role 'negater' is not known"),
    ("negation.tsv", "role\tword\nnegator\t\n", r"negation.tsv:2: the word cell is empty"),
    ("sense_cues.tsv", "term\tside\twindow\tsense\tcues\nregime\tafter\ttwo\tneutral\tchange\n",
     r"sense_cues.tsv:2: window 'two' is not a whole number"),
    ("words.tsv", "set\twords\nstops\tand|or\n", r"words.tsv:2: set 'stops' is not known"),
    ("so_called.tsv", "position\tmarker\nahead\tso-called\n", r"so_called.tsv:2: position 'ahead' is not known"),
    ("language.tsv", "key\tvalue\ntokenizer\tklingon\n", r"language.tsv:2: tokenizer 'klingon' is not registered"),
    ("language.tsv", "key\tvalue\nword_order\tsideways\n", r"language.tsv:2: word_order 'sideways' is not known"),
    ("language.tsv", "key\tvalue\ncolour\tblue\n", r"language.tsv:2: key 'colour' is not known"),
])
def test_a_broken_language_file_is_named_with_its_line(tmp_path, name, text, message):
    files = {"language.tsv": "key\tvalue\ntokenizer\tplain\n", name: text}
    folder = _write(tmp_path / "xx", files)
    with pytest.raises(LanguageError, match=message):
        load_language(folder)


def test_a_folder_without_language_tsv_is_refused(tmp_path, monkeypatch):
    with pytest.raises(LanguageError, match="no language.tsv"):
        load_language(_write(tmp_path / "xx", {"words.tsv": "set\twords\n"}))
    monkeypatch.setenv("FRAMING_LANGUAGES", str(tmp_path / "nowhere"))
    with pytest.raises(LanguageError, match="FRAMING_LANGUAGES: .*nowhere is not a folder"):
        languages()


def test_the_cli_reports_a_broken_language_as_one_line(tmp_path, monkeypatch, capsys):
    _write(tmp_path / "langs" / "fr", {**TOY, "negation.tsv": "role\tword\nnegator\tpas\nnope\tjamais\n"})
    monkeypatch.setenv("FRAMING_LANGUAGES", str(tmp_path / "langs"))
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "outlet": "O", "lang": "fr", "text": "Ce n'est pas un massacre."}) + "\n",
                      encoding="utf-8")
    code = main(["analyze", str(corpus), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code not in (0, None)
    assert "negation.tsv:3: role 'nope' is not known" in err and "Traceback" not in err


# ----------------------------------------------------------------------------- the segmenter's vocabulary

def test_the_segmenter_reads_a_toy_languages_filler_vocabulary(tmp_path, monkeypatch):
    from framing.ingest.segment import segment_text, vocabulary

    dump = ("Premier titre du jour\n12 mars 2024\n\n" + "Le conseil a voté la loi ce matin. " * 12 + "\n\n"
            "Lire aussi\nUn autre titre\nEncore un titre\n\n")
    before = [s.kind for s in segment_text(dump, file="d.txt")]
    assert "related-links" not in before  # "Lire aussi" is no filler header in English or Arabic
    _write(tmp_path / "langs" / "fr", {**TOY, "filler_headers.tsv": "kind\theader\nrelated-links\tlire aussi\n",
                                       "segmenter.tsv": "rule\tpattern\ninline_filler\tlisez aussi\\s*[:：]\n"})
    monkeypatch.setenv("FRAMING_LANGUAGES", str(tmp_path / "langs"))
    after = segment_text(dump, file="d.txt")
    assert [s.kind for s in after][-1] == "related-links" and after[-1].text.startswith("Lire aussi")
    assert vocabulary().inline_filler.match("Lisez aussi : la suite")
    monkeypatch.delenv("FRAMING_LANGUAGES")
    assert [s.kind for s in segment_text(dump, file="d.txt")] == before


@pytest.mark.parametrize("name, text, message", [
    ("segmenter.tsv", "rule\tpattern\ninline_filler\tread (more\n", r"segmenter.tsv:2: the pattern is not a regular expression"),
    ("segmenter.tsv", "rule\tpattern\nfiller\tread more\n", r"segmenter.tsv:2: rule 'filler' is not known"),
    ("filler_headers.tsv", "# c\nkind\theader\nrelated\tlire aussi\n", r"filler_headers.tsv:3: kind 'related' is not known"),
])
def test_a_broken_segmenter_file_is_named_with_its_line(tmp_path, monkeypatch, name, text, message):
    from framing.ingest.segment import segment_text

    _write(tmp_path / "fr", {**TOY, name: text})
    monkeypatch.setenv("FRAMING_LANGUAGES", str(tmp_path / "fr"))
    with pytest.raises(LanguageError, match=message):
        segment_text("Un titre\n\nDu texte.\n", file="d.txt")


def test_a_toy_languages_byline_words_join_two_authors(tmp_path, monkeypatch):
    """The segmenter's name words are data too: a byline "Par A et B" needs the toy language's
    byline pattern and its name joiner "et" (without "et" the line is no byline: "Par" + lower case)."""
    from framing.ingest.segment import DumpLines, segment_text

    line = "Par Jean Dupont et Marie Roe"
    body = "Le conseil a voté la loi ce matin. " * 12
    dump = f"Premier titre du jour\n{line}\n12 mars 2024\n\n{body}\n"
    rules = "rule\tpattern\nbyline\tPar\\s+\nfirst_word\tpar\n"
    _write(tmp_path / "a" / "fr", {**TOY, "segmenter.tsv": rules})
    monkeypatch.setenv("FRAMING_LANGUAGES", str(tmp_path / "a" / "fr"))
    assert DumpLines(dump, file="d.txt").meta.get(1) is None  # "et" joins nothing yet
    _write(tmp_path / "b" / "fr", {**TOY, "segmenter.tsv": rules + "name_joiner\tet\n"})
    monkeypatch.setenv("FRAMING_LANGUAGES", str(tmp_path / "b" / "fr"))
    [seg] = segment_text(dump, file="d.txt")
    assert (seg.title, seg.author) == ("Premier titre du jour", "Jean Dupont et Marie Roe")


def test_the_language_guesser_reads_its_stop_words_from_guesser_tsv():
    from framing.ingest.segment import detect_lang
    from framing.languages import SHIPPED, read_rows

    rows = {row["lang"]: set(row["stopwords"].split("|")) for _, row in read_rows(SHIPPED / "guesser.tsv", ("lang", "stopwords"))}
    assert list(rows)[0] == "en" and {"fr", "de", "es"} <= set(rows) and "les" in rows["fr"]
    assert detect_lang("Les ministres et les députés sont dans la salle pour une séance qui dure") == "fr"
    assert detect_lang("Die Minister und die Abgeordneten sind nicht mit dem Zug zu spät") == "de"
