"""Worksheets read back: student copy vs answer key, the five kinds, DOCX and JSON, refusals, print."""
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from framing.cli import main
from framing.worksheet_check import check_record

SHARED_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
KINDS = [("spot", "Spot the loaded words"), ("compare", "Same event, two outlets"),
         ("rewrite", "Rewrite it neutrally"), ("guess", "Which outlet wrote this?"), ("whose", "Whose words are these?")]


def text_of(path):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def demo_sheets(tmp_path_factory):
    """Every kind from the demo corpus, in the three formats (made once for the module)."""
    out = tmp_path_factory.mktemp("sheets")
    for kind, _ in KINDS:
        assert main(["exercise", "--demo", "--kind", kind, "--items", "5", "-o", str(out / kind),
                     "--format", "pdf,docx,json", "--jobs", "1"]) == 0
    return out


@pytest.mark.parametrize("kind, title", KINDS)
def test_student_copy_and_key(demo_sheets, kind, title):
    student, answers = text_of(demo_sheets / f"{kind}.pdf"), text_of(demo_sheets / f"{kind}-key.pdf")
    assert title in student and title in answers
    assert "ANSWER KEY" in answers and "ANSWER KEY" not in student
    assert "Name:" in student
    if kind in ("spot", "rewrite", "compare"):
        # the key names the words as they stand, category, voice, alternatives and rationale
        for part in ("In the passage:", "Neutral alternatives:", "Why:", "own words"):
            assert part in answers and part not in student
    if kind == "rewrite":
        assert "Neutral version:" in answers
    if kind == "guess":
        assert "Answer:" in answers and "Which outlet?" in student and "(unknown)" not in student
    if kind == "whose":
        assert "Cue:" in answers and "☐ a quoted speaker" in student
    if kind == "compare":
        assert "Which words does" in student


@pytest.mark.parametrize("kind", [k for k, _ in KINDS])
def test_json_items_follow_the_rules(demo_sheets, kind):
    record = json.loads((demo_sheets / f"{kind}.json").read_text(encoding="utf-8"))
    assert record["kind"] == kind and record["items"]
    assert check_record(record) == []
    for item in record["items"]:
        for p in item["passages"]:
            assert p["outlet"] != "(unknown)"
            for h in p["hits"]:
                assert {"start", "end", "surface", "voice", "category", "alternatives", "rationale", "cue"} <= set(h)


def test_guess_offers_at_least_three_real_outlets(demo_sheets):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from framing.worksheet_items import filters
    never = set(ENGLISH_STOP_WORDS) | set(filters()["boilerplate_words"])
    outlets = {"Meridian Wire", "Aldenport Courier", "Sarvel Voice", "Daily Clarion", "Sada Sarvel"}
    record = json.loads((demo_sheets / "guess.json").read_text(encoding="utf-8"))
    assert any(item["answer"]["keyness_words"] for item in record["items"])
    for item in record["items"]:
        assert len(item["choices"]) >= 3 and item["answer"]["outlet"] in item["choices"]
        for w in item["answer"]["keyness_words"]:
            assert w not in never and not any(w in o.lower().split() for o in outlets), w
            assert item["answer"]["keyness"][w] >= 10.83


def test_docx_holds_the_same_items(demo_sheets):
    import docx

    record = json.loads((demo_sheets / "rewrite.json").read_text(encoding="utf-8"))
    key = "\n".join(p.text for p in docx.Document(str(demo_sheets / "rewrite-key.docx")).paragraphs)
    student = "\n".join(p.text for p in docx.Document(str(demo_sheets / "rewrite.docx")).paragraphs)
    for item in record["items"]:
        assert item["passages"][0]["text"] in student
        assert item["answer"]["neutral"] in key and item["answer"]["neutral"] not in student


def test_whose_key_gives_voice_and_cue(demo_sheets):
    record = json.loads((demo_sheets / "whose.json").read_text(encoding="utf-8"))
    voices = [h["voice"] for item in record["items"] for h in item["answer"]["voices"]]
    assert len(set(voices)) >= 2  # the kind mixes voices on purpose
    for item in record["items"]:
        for h in item["answer"]["voices"]:
            if h["voice"] == "quoted":
                assert h["cue"].startswith("quotation marks")
            if h["voice"] == "own":
                assert h["cue"] == "no quotation marks and no reporting verb"


def test_same_seed_same_worksheet_other_seed_other_items(tmp_path):
    paths = []
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        out = tmp_path / f"{name}.pdf"
        assert main(["exercise", "--demo", "--kind", "spot", "--items", "6", "--seed", seed, "-o", str(out)]) == 0
        paths.append(out)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert text_of(paths[0]) != text_of(paths[2])


def test_items_are_real_passages_of_the_corpus(tmp_path):
    from framing.ingest.readers import demo_path
    corpus = " ".join(" ".join(json.loads(line)["text"].split()) for line in demo_path().open(encoding="utf-8"))
    assert main(["exercise", "--demo", "--kind", "spot", "--items", "4", "--outlets", "Daily Clarion",
                 "-o", str(tmp_path / "s"), "--format", "json"]) == 0
    record = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert len(record["items"]) == 4
    for item in record["items"]:
        assert " ".join(item["passages"][0]["text"].split()) in corpus


def test_fewer_items_than_asked_says_how_many_and_why(tmp_path, capsys):
    assert main(["exercise", "--demo", "--kind", "rewrite", "--items", "300", "-o", str(tmp_path / "r"),
                 "--format", "json"]) == 0
    err = capsys.readouterr().err
    n = len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["items"])
    assert f"only {n} of the 300 items asked for qualified" in err
    assert "inside a quotation" in err and "passage(s) with no safe neutral rewrite" in err


def test_arabic_items_are_shaped_with_the_number_at_the_right(tmp_path):
    out = tmp_path / "ar.pdf"
    assert main(["exercise", "--demo", "--kind", "spot", "--lang", "ar", "--items", "3", "-o", str(out)]) == 0
    assert any("\uFE70" <= ch <= "\uFEFF" for ch in text_of(tmp_path / "ar-key.pdf"))
    lines: dict = {}

    def visit(text, cm, tm, font, size):
        if text:
            key = (round(cm[5], 1), round(tm[5], 1))
            lines[key] = lines.get(key, "") + text
    PdfReader(out).pages[0].extract_text(visitor_text=visit)
    first = next(t for t in lines.values() if re.search("[\uFE70-\uFEFF]", t))
    # drawn left to right: the item number is the last thing on its line, i.e. at its right end
    assert re.search(r"1\.?$", first.strip()), first


@pytest.mark.parametrize("kind", ["spot", "whose", "compare", "rewrite"])
def test_passages_are_set_at_11_pt_or_more(demo_sheets, kind):
    record = json.loads((demo_sheets / f"{kind}.json").read_text(encoding="utf-8"))
    passage = next(p["text"] for item in record["items"] for p in item["passages"]
                   if not re.search("[\u0600-\u06FF]", p["text"]))
    probe = " ".join(passage.split()[1:3])
    sizes = []

    def visit(text, cm, tm, font, size):
        if probe in (text or ""):
            sizes.append(size * tm[0])
    PdfReader(demo_sheets / f"{kind}.pdf").pages[0].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 11


def test_items_are_kept_whole_on_a_page(demo_sheets):
    def squeeze(t):
        return re.sub(r"[\s\d]", "", t)

    record = json.loads((demo_sheets / "whose.json").read_text(encoding="utf-8"))
    pages = [squeeze(p.extract_text()) for p in PdfReader(demo_sheets / "whose.pdf").pages]
    checked = 0
    for item in record["items"]:
        text = item["passages"][0]["text"]
        if not text.isascii():
            continue
        words = text.split()
        head, tail = squeeze(" ".join(words[:4])), squeeze(" ".join(words[-3:]))
        where = [i for i, t in enumerate(pages) if head in t]
        assert where and tail in pages[where[0]]
        checked += 1
    assert checked


@pytest.mark.parametrize("args, message", [
    (["--kind", "spot", "--outlets", "Nobody"], "no outlet named Nobody"),
    (["--kind", "spot", "--items", "0"], "--items must be at least 1"),
    (["--kind", "spot", "--wording", "xx"], "no wording file 'xx'"),
    (["--kind", "spot", "--format", "pdf,odt"], "--format pdf,odt: choose one or more of pdf, docx, json"),
    (["--kind", "guess", "--lang", "ar"], "--kind guess needs at least three outlets with enough text"),
    (["--kind", "guess", "--outlets", "Daily Clarion,Meridian Wire"], "this selection has 2: Daily Clarion, Meridian Wire"),
])
def test_bad_options(tmp_path, capsys, args, message):
    assert main(["exercise", "--demo", "-o", str(tmp_path / "w.pdf"), *args]) == 2
    assert message in capsys.readouterr().err


def test_articles_without_outlet_are_counted_and_never_offered(tmp_path, capsys):
    from framing.ingest.readers import demo_path
    rows = [json.loads(line) for line in demo_path().open(encoding="utf-8")]
    for r in rows[-10:]:
        r["outlet"] = ""
    src = tmp_path / "mixed.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["exercise", str(src), "--kind", "guess", "--items", "6", "-o", str(tmp_path / "g"),
                 "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "10 of 83 article(s) have no outlet" in err and "--corrections FILE" in err and "framing segment --help" in err
    record = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert all("(unknown)" not in item["choices"] for item in record["items"])
    assert main(["exercise", str(src), "--kind", "spot", "--outlets", "(unknown)", "-o", str(tmp_path / "u")]) == 2
    assert "(unknown) is not an outlet" in capsys.readouterr().err


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not here (it is on CI and dev machines)")
@pytest.mark.parametrize("kind", [k for k, _ in KINDS])
def test_every_kind_from_the_real_dumps_passes_the_checks(tmp_path, kind):
    files = sorted(str(p) for p in SHARED_CORPUS.glob("*.txt"))
    assert main(["exercise", *files, "--kind", kind, "--items", "8", "-o", str(tmp_path / kind), "--format", "json",
                 "--jobs", "1"]) == 0
    record = json.loads((tmp_path / f"{kind}.json").read_text(encoding="utf-8"))
    assert record["items"] and check_record(record) == []


def test_arabic_docx_paragraphs_are_right_to_left(tmp_path):
    import docx
    from docx.oxml.ns import qn

    assert main(["exercise", "--demo", "--kind", "rewrite", "--lang", "ar", "--items", "2", "-o", str(tmp_path / "ar"),
                 "--format", "docx"]) == 0
    paras = [p for p in docx.Document(str(tmp_path / "ar-key.docx")).paragraphs if re.search("[\u0600-\u06FF]", p.text)]
    assert paras
    passage = paras[0]
    assert passage._p.pPr.find(qn("w:bidi")) is not None   # Word lays it out right to left and shapes it itself
    assert passage.text.startswith("1. ")                  # logical order: the number first, i.e. at the right
