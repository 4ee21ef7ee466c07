"""The report read back: pages, headings, findings, highlighted examples; PNG charts not blank."""
import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from framing.cli import main
from framing.report import highlight, rtl


def not_blank(png) -> bool:
    img = np.asarray(Image.open(png).convert("L"), dtype=float)
    non_white = (img < 240).mean()
    return img.std() > 10 and 0.01 < non_white < 0.9


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "demo.pdf"
    assert main(["report", "--demo", "-o", str(out), "--jobs", "1"]) == 0
    return out


def test_demo_report_pdf_reads_back(demo_report):
    reader = PdfReader(demo_report)
    assert len(reader.pages) >= 7
    text = "\n".join(p.extract_text() for p in reader.pages)
    for heading in ("Loaded language and framing", "Summary of findings", "The corpus",
                    "Loaded terms by category", "How sure are we? Rates with intervals", "Whose words are they?",
                    "Which terms each outlet uses", "Who calls whom what", "Over time", "What sets each outlet apart",
                    "Top terms per outlet, with examples", "What was counted, and how", "Reproducibility",
                    "Appendix: the lexicon entries found in this corpus"):
        assert heading in text, heading
    assert "per 1,000 words" in text
    assert "outlet's own voice" in text
    # findings carry their numbers and intervals, and the demo's designed label switch is found
    assert "95% interval" in text
    assert "Daily Clarion changed how it names armed groups" in " ".join(text.split())
    # Arabic in the PDF is shaped (presentation forms), not raw isolated letters
    assert any("\uFE70" <= ch <= "\uFEFF" for ch in text)
    # fonts are embedded (TrueType subsets), so the text is real and portable
    fonts = reader.pages[1]["/Resources"]["/Font"]
    assert any("/FontFile2" in f.get_object()["/FontDescriptor"] for f in
               (v.get_object()["/DescendantFonts"][0].get_object() if "/DescendantFonts" in v.get_object() else v.get_object()
                for v in fonts.values()) if "/FontDescriptor" in f)


def test_demo_report_pngs_beside_pdf_are_not_blank(demo_report):
    pngs = sorted(demo_report.parent.glob("demo-*.png"))
    assert [p.name for p in pngs] == ["demo-category-rates.png", "demo-keyness.png", "demo-naming.png",
                                      "demo-rate-over-time.png", "demo-rates-ci.png", "demo-scare-quotes.png",
                                      "demo-term-heatmap.png",
                                      "demo-voice.png"]
    for png in pngs:
        img = Image.open(png)
        assert img.width >= 1200  # 8 inches at >= 150 dpi
        assert not_blank(png), png


def _words(pdf) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(pdf).pages).split())


def test_report_is_reproducible(demo_report, tmp_path, monkeypatch):
    """The same command gives the same bytes; other workers (--jobs) the same charts and the same text
    but for the command line the reproducibility page records (the command's own arguments)."""
    argv = ["report", "--demo", "-o", "demo.pdf", "--jobs", "2"]
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        assert main(argv) == 0
    again = tmp_path / "a" / "demo.pdf"
    assert again.read_bytes() == (tmp_path / "b" / "demo.pdf").read_bytes()
    for png in demo_report.parent.glob("demo-*.png"):
        assert (tmp_path / "a" / png.name).read_bytes() == png.read_bytes()
    first = "framing report --demo -o " + str(demo_report) + " --jobs 1"
    text, text_first = _words(again), _words(demo_report)
    assert "framing " + " ".join(argv) in text and first in text_first
    assert text.replace("framing " + " ".join(argv), "(command)") == text_first.replace(first, "(command)")


def test_report_options_sections_and_outlets(tmp_path):
    out = tmp_path / "part.pdf"
    assert main(["report", "--demo", "-o", str(out), "--sections", "summary,naming,methods",
                 "--outlets", "Daily Clarion,Aldenport Courier"]) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Who calls whom what" in text and "Over time" not in text
    assert "Sarvel Voice" not in text
    assert [p.name for p in tmp_path.glob("part-*.png")] == ["part-naming.png"]
    assert main(["report", "--demo", "-o", str(out), "--sections", "nonsense"]) == 2


def test_report_letter_size(tmp_path, data_dir):
    out = tmp_path / "mini.pdf"
    assert main(["report", str(data_dir / "mini_corpus.jsonl"), "--lexicons", "none", "--lexicon",
                 str(data_dir / "mini_lexicon.tsv"), "--page-size", "letter", "-o", str(out)]) == 0
    page = PdfReader(out).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "North Herald" in text and "occupation forces" in text


def test_highlight_escapes_and_marks():
    assert highlight("a <b> regime & co", 6, 12) == 'a &lt;b&gt; <font backColor="#FFE08A"><b>regime</b></font> &amp; co'
    # Arabic: shaped, and what follows the term is drawn to its left
    marked = highlight("قالت قوات الاحتلال اليوم", 5, 18)
    assert marked.index("<font") > 0 and rtl("اليوم") in marked.split("<font")[0]


def test_reposts_are_listed_in_the_report(tmp_path, data_dir):
    out = tmp_path / "r.pdf"
    assert main(["report", str(data_dir / "repost_pair.txt"), "-o", str(out), "--sections", "corpus"]) == 0
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Reposts, analysed once" in text
    assert "repost_pair.txt lines 11-17" in text and "repeats the article at lines 1-8" in text


def test_report_with_an_audit_has_corrected_rates_and_says_what_was_audited(tmp_path):
    """framing report --audit DIR: the audit's pages and its methods paragraph (framing.audit_report)."""
    import json

    import pandas as pd
    from pypdf import PdfReader

    from framing.cli import main

    sheet = tmp_path / "sheet.csv"
    assert main(["audit", "sample", "--demo", "-n", "30", "--by", "category", "--jobs", "1", "--no-docx",
                 "-o", str(sheet)]) == 0
    filled = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    for coder, flip in (("anna", 0), ("ben", 3)):
        t = filled.assign(label=["incorrect" if i % 4 == 0 or i < flip else "correct" for i in range(len(filled))])
        t.to_csv(tmp_path / f"{coder}.csv", index=False)
    audit = tmp_path / "audit"
    assert main(["audit", "score", str(tmp_path / "anna.csv"), str(tmp_path / "ben.csv"), "-o", str(audit)]) == 0
    facts = json.loads((audit / "audit.json").read_text())
    pdf = tmp_path / "r.pdf"
    assert main(["report", "--demo", "--jobs", "1", "--audit", str(audit), "--sections", "scare_quotes,audit,methods",
                 "-o", str(pdf)]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Rates corrected by the audit" in text and "Scare quotes, a measure of their own" in text
    assert "30 hits" in text and "2 coders" in text and "Krippendorff" in text
    assert f"{facts['alpha']:.2f}" in text
    assert "not added into the category rates" in text
    assert "On this corpus, the audit found" in text


def test_figures_also_as_svg_with_text_kept_as_text(tmp_path, data_dir, capsys):
    out = tmp_path / "mini.pdf"
    args = ["report", str(data_dir / "mini_corpus.jsonl"), "--lexicons", "none", "--lexicon",
            str(data_dir / "mini_lexicon.tsv"), "-o", str(out), "--sections", "summary,categories,rates"]
    assert main(args + ["--figures", "png,svg"]) == 0
    svgs = sorted(p.name for p in tmp_path.glob("mini-*.svg"))
    assert svgs == ["mini-category-rates.svg", "mini-rates-ci.svg"]
    svg = (tmp_path / "mini-category-rates.svg").read_text()
    assert "<text" in svg and "North Herald" in svg
    assert main(args + ["--figures", "png,gif"]) == 2
    assert "--figures: unknown format(s) gif" in capsys.readouterr().err


def _claims_corpus():
    """Two outlets with enough text, one with 2 short documents and a low rate, and documents
    without an outlet. Hit counts chosen by hand: A 4 per document, B 1, C 0-1, unknown 6."""
    import pandas as pd

    docs, hits = [], []
    spec = {"Alpha Daily": (20, 500, 4), "Beta News": (15, 600, 1), "Gamma Post": (2, 250, 0), "(unknown)": (9, 600, 6)}
    for outlet, (n, words, per_doc) in spec.items():
        for k in range(n):
            doc = f"{outlet[:2]}-{k}"
            date = pd.Timestamp(2021, 1 + k % 6, 1)
            docs.append({"doc_id": doc, "outlet": outlet, "date": date, "title": "", "author": "", "lang": "en",
                         "source": "", "words": words, "hits": 0})
            for _ in range(per_doc + (1 if outlet == "Gamma Post" and k == 0 else 0)):
                hits.append({"doc_id": doc, "outlet": outlet, "date": date, "entry": "e.regime", "term": "regime",
                             "category": "state_label", "referent": "government", "voice": "own", "negated": False,
                             "sense": "loaded"})
    return pd.DataFrame(docs), pd.DataFrame(hits)


def test_findings_rank_only_outlets_with_enough_text():
    from framing import stats
    from framing.lexicon import load_lexicon
    from framing.report_findings import findings
    from framing.tables import rates_by_outlet

    docs, hits = _claims_corpus()
    rates = rates_by_outlet(docs, hits)
    ci = stats.rates_ci(docs, hits, ["outlet"], stats.StatsOptions(n_boot=200))
    out = findings(rates, docs, load_lexicon(["en/core"]), rates_with_ci=ci)
    text = " ".join(out)
    # lead: plain words first, numbers after; only the two outlets with enough text are ranked
    assert out[0].startswith("Of the 2 outlets with enough text to compare (at least 10 documents and 5,000 words each), "
                             "<b>Alpha Daily</b> uses loaded words most often in its own voice: about 8 in every 1,000 "
                             "words (one word in 125) (8.0 per 1,000 words, 95% interval")
    assert out[1].startswith("<b>Beta News</b> uses them least: about 1.7 in every 1,000 words")
    # Gamma Post (2 documents, 500 words, 1 hit: the lowest rate) is stated as a small sample, not ranked
    assert "Gamma Post" not in out[0] + out[1]
    assert "Too little text to rank (at least 10 documents and 5,000 words are needed), so left out of the " \
           "comparisons above: Gamma Post (2 documents, 500 words)." in text
    # documents without an outlet are never an outlet
    assert "(unknown)</b>" not in text and "(unknown) " not in text.replace("(“(unknown)”)", "")
    assert "9 document(s) (5,400 words) do not say which outlet they come from" in text


def test_findings_with_no_outlet_large_enough_do_not_rank():
    from framing.lexicon import load_lexicon
    from framing.report_findings import findings
    from framing.tables import rates_by_outlet

    docs, hits = _claims_corpus()
    small = docs["outlet"].isin(["Gamma Post"])
    out = findings(rates_by_outlet(docs[small], hits[hits["outlet"] == "Gamma Post"]), docs[small],
                   load_lexicon(["en/core"]))
    assert out[0].startswith("No outlet has enough text to be ranked")
    assert not any("uses loaded words most often" in s or "uses them least" in s for s in out)


def test_classroom_preset_is_short_and_plain(tmp_path):
    out = tmp_path / "class.pdf"
    assert main(["report", "--demo", "-o", str(out), "--sections", "classroom", "--jobs", "1"]) == 0
    reader = PdfReader(out)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert len(reader.pages) <= 8
    for heading in ("Summary of findings", "Loaded terms by category", "Whose words are they?",
                    "Which terms each outlet uses", "Top terms per outlet, with examples"):
        assert heading in text, heading
    for absent in ("Appendix", "What was counted, and how", "Reproducibility", "Who calls whom what", "The corpus"):
        assert absent not in text, absent
    assert "No outlet has enough text to be ranked" in text  # the demo outlets are small samples
    assert "Labels for armed groups" not in text  # long per-outlet lists are for the full report
    assert sorted(p.name for p in tmp_path.glob("class-*.png")) == [
        "class-category-rates.png", "class-term-heatmap.png", "class-voice.png"]
    # larger type for projection: the summary's text is set at 13 pt (9.5 pt in the full report)
    sizes = []
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, font, size: sizes.append(round(size * tm[0], 1))
                                 if t.strip() else None)
    assert 13.0 in sizes
