"""Worksheets read back: student copy vs answer key, real sentences, seeds, Arabic."""
import re

import pytest
from pypdf import PdfReader

from framing.cli import main
from framing.worksheets import neutral_version


def text_of(path):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.mark.parametrize("kind, title", [("spot", "Spot the loaded words"), ("compare", "Same event, two outlets"),
                                         ("rewrite", "Rewrite it neutrally"), ("guess", "Which outlet wrote this?")])
def test_student_copy_and_key(tmp_path, kind, title):
    out = tmp_path / f"{kind}.pdf"
    assert main(["exercise", "--demo", "--kind", kind, "--items", "5", "-o", str(out), "--jobs", "1"]) == 0
    key = tmp_path / f"{kind}-key.pdf"
    student, answers = text_of(out), text_of(key)
    assert title in student and title in answers
    assert "ANSWER KEY" in answers and "ANSWER KEY" not in student
    assert "Name:" in student
    if kind in ("spot", "rewrite", "compare"):
        # the key names categories and neutral alternatives; the student copy does not
        assert "neutral:" in answers and "neutral:" not in student
        assert re.search(r"Labels for|Glorifying|Delegitimising|Distancing|Endorsing|Intensifiers|Dehumanising", answers)
    if kind == "rewrite":
        assert "Neutral:" in answers
    if kind == "guess":
        assert "cross-validation" in answers and "Tell-tale wording" in answers
    if kind == "compare":
        assert "Which words does" in student


def test_same_seed_same_worksheet_other_seed_other_items(tmp_path):
    paths = []
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        out = tmp_path / f"{name}.pdf"
        assert main(["exercise", "--demo", "--kind", "spot", "--items", "6", "--seed", seed, "-o", str(out)]) == 0
        paths.append(out)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert text_of(paths[0]) != text_of(paths[2])


def test_items_are_real_sentences_of_the_corpus(tmp_path):
    import json

    from framing.commands import demo_path
    corpus = " ".join(" ".join(json.loads(line)["text"].split()) for line in demo_path().open(encoding="utf-8"))
    out = tmp_path / "s.pdf"
    assert main(["exercise", "--demo", "--kind", "spot", "--items", "4", "--outlets", "Daily Clarion", "-o", str(out)]) == 0
    student = text_of(out)
    items = re.findall(r"\d\. (.+?) _{10,}", student)
    assert len(items) == 4
    for item in items:
        assert item[:40] in corpus


def test_arabic_items_are_shaped(tmp_path):
    out = tmp_path / "ar.pdf"
    assert main(["exercise", "--demo", "--kind", "spot", "--lang", "ar", "--items", "3", "-o", str(out)]) == 0
    assert any("\uFE70" <= ch <= "\uFEFF" for ch in text_of(tmp_path / "ar-key.pdf"))


def test_neutral_version_uses_lexicon_alternatives():
    from framing.lexicon import load_lexicon
    lex = load_lexicon()
    text = "Terrorists attacked the regime's base."
    hits = [(0, 10, lex.find("terrorists")[0].id), (24, 30, lex.find("regime")[0].id)]
    out = neutral_version(text, hits, lex)
    assert "Terrorists" not in out and "regime" not in out
    assert out.startswith(lex.find("terrorists")[0].neutral[0][0].upper())


@pytest.mark.parametrize("args, message", [
    (["--kind", "spot", "--outlets", "Nobody"], "no outlet named Nobody"),
    (["--kind", "spot", "--items", "0"], "--items must be at least 1"),
    (["--kind", "spot", "--wording", "xx"], "no wording file 'xx'"),
])
def test_bad_options(tmp_path, capsys, args, message):
    assert main(["exercise", "--demo", "-o", str(tmp_path / "w.pdf"), *args]) == 2
    assert message in capsys.readouterr().err


def test_neutral_version_keeps_the_plural():
    from framing.lexicon import load_lexicon
    lex = load_lexicon()
    entry = lex.find("terrorist")[0]
    out = neutral_version("The terrorists fled.", [(4, 14, entry.id)], lex)
    first = entry.neutral[0]
    assert out == f"The {first if first.endswith('s') else first + 's'} fled."


@pytest.mark.parametrize("text, start, expected", [
    ("He claims that the road is open.", 3, "He says that the road is open."),
    ("Despite these claims, the road is open.", 14, "Despite these statements, the road is open."),
    ("The ministry's claim was false.", 15, "The ministry's statement was false."),
])
def test_neutral_version_picks_a_noun_for_a_noun(text, start, expected):
    """'claims' is a reporting verb and a noun; its alternatives are 'says|said|statement|account'.
    After a determiner or a possessive the term is a noun, and a verb would make nonsense ('a says')."""
    from framing.lexicon import load_lexicon
    lex = load_lexicon()
    entry = lex.by_id["en.distance.claims"]
    assert entry.neutral[:3] == ("says", "said", "statement")
    end = start + len(text[start:].split()[0].rstrip(","))
    assert neutral_version(text, [(start, end, entry.id)], lex) == expected


def test_neutral_version_keeps_the_verb_form():
    """'slaughter' has the alternatives 'killing|killed': a past participle gets 'killed'."""
    from framing.lexicon import load_lexicon
    lex = load_lexicon()
    entry = lex.by_id["en.atrocity.slaughter"]
    assert entry.neutral[:2] == ("killing", "killed")
    text = "Thirty civilians were slaughtered yesterday. The slaughtering went on."
    a = text.index("slaughtered")
    assert neutral_version(text[:44], [(a, a + 11, entry.id)], lex) == "Thirty civilians were killed yesterday."
    b = text.index("slaughtering")
    assert neutral_version(text, [(b, b + 12, entry.id)], lex).endswith("The killing went on.")


def test_neutral_version_does_not_repeat_the_word_before_the_term():
    from framing.lexicon import Entry, Lexicon
    entry = Entry(id="t.mercs", lang="en", term="mercenaries", variants=(), category="armed_actor_label",
                  referent="", strength=2, neutral=("foreign fighters",), rationale="", ambiguous=False,
                  neutral_cues=(), sources=(), file="", line=0)
    lex = Lexicon((entry,), {}, (), "")
    text = "Four foreign mercenaries were taken prisoner."
    a = text.index("mercenaries")
    assert neutral_version(text, [(a, a + 11, entry.id)], lex) == "Four foreign fighters were taken prisoner."
