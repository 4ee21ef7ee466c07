"""framing.bidi: right-to-left and mixed text shaped, wrapped in reading order, then reordered per
line; read back from a PDF in drawing order."""
import pytest
from pypdf import PdfReader

from framing import bidi
from framing.report import _register_fonts, _styles

# Hand-written words (not from any corpus): "word", "first", "second", "third", "fourth", "fifth".
W = ["كلمة", "أولى", "ثانية", "ثالثة", "رابعة", "خامسة"]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    _register_fonts()


def S(text):
    return bidi.shape(text)


def test_base_direction_and_detection():
    assert bidi.base_direction("«كلمة» then English") == "R"
    assert bidi.base_direction("12, English then كلمة") == "L"
    assert bidi.base_direction("123 ...") == "L"
    assert bidi.has_rtl("a كلمة") and not bidi.has_rtl("a word, é")


def test_shape_joins_letters_and_keeps_order():
    shaped = S("قال")
    assert len(shaped) == 3 and all("\uFE70" <= c <= "\uFEFF" for c in shaped)
    assert S("plain text") == "plain text"


def test_one_right_to_left_line():
    # A full stop ends the sentence: drawn at the left end. Brackets face the word they enclose
    # (the logical '(' is drawn as ')' on the right of the word).
    assert bidi.visual("قال (نعم).") == "." + "(" + S("نعم")[::-1] + ")" + " " + S("قال")[::-1]
    # An item number leads the line in reading order: drawn at its right end, digits left to right.
    assert bidi.visual("12. النص") == S("النص")[::-1] + " .12"
    # English inside Arabic keeps its own order.
    assert bidi.visual("قال BBC News اليوم") == S("اليوم")[::-1] + " BBC News " + S("قال")[::-1]


def test_arabic_inside_english_line():
    assert bidi.visual("The term قوات الاحتلال (occupation).") == \
        "The term " + S("الاحتلال")[::-1] + " " + S("قوات")[::-1] + " (occupation)."


def test_wrapping_happens_before_reordering():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(W)
    # room for two words a line, not three
    two = max(stringWidth(S(a) + " " + S(b), "DejaVu", 10) for a, b in zip(W, W[1:]))
    lines = bidi.wrap_and_order(text, "DejaVu", 10, two + 1)
    # top line holds the first two words, the first word on the right
    assert lines == [S(W[1])[::-1] + " " + S(W[0])[::-1], S(W[3])[::-1] + " " + S(W[2])[::-1],
                     S(W[5])[::-1] + " " + S(W[4])[::-1]]
    for line in lines:
        assert stringWidth(line, "DejaVu", 10) <= two + 1


def test_markup_highlights_and_numbers_in_reading_order():
    text = "قالت قوات الاحتلال اليوم"
    m = bidi.markup(text, "DejaVu", 8.5, 400, [(5, 18)], numbered=True)
    # drawn left to right: 'today', the number (at the term's end in reading order), the term, 'said'
    assert m == (S("اليوم")[::-1] + " <super>1</super><font backColor=\"#FFE08A\"><b>" + S("الاحتلال")[::-1] + " "
                 + S("قوات")[::-1] + "</b></font> " + S("قالت")[::-1])
    assert "&lt;b&gt;" in bidi.markup("<b> كلمة", "DejaVu", 8, 400)


def _pdf_lines(tmp_path, flowables):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    out = tmp_path / "bidi.pdf"
    SimpleDocTemplate(str(out), pagesize=A4, invariant=1).build(flowables)
    text = PdfReader(out).pages[0].extract_text()
    return [line.strip() for line in text.splitlines() if line.strip()]


def _words(text):
    """Words with letters or digits, brackets and punctuation stripped (their glyphs are compared
    elsewhere)."""
    return [w.strip("()[].,،:;") for w in text.split() if w.strip("()[].,،:;")]


def test_mixed_direction_table_cell_reads_back_in_order(tmp_path):
    from reportlab.platypus import Table

    st = _styles()["cell"]
    english = "The label قوات الاحتلال (occupation forces) is used by two outlets in 2023."
    arabic = "قالت الوكالة إن قوات الاحتلال (بحسب بيان) دخلت المدينة، ثم انسحبت في 2023."
    width = 110
    lines = _pdf_lines(tmp_path, [Table([[bidi.paragraph(english, st)], [bidi.paragraph(arabic, st)]],
                                        colWidths=[width])])
    drawn_en = bidi.wrap_and_order(english, "DejaVu", st.fontSize, width - 12)
    drawn_ar = bidi.wrap_and_order(arabic, "DejaVu", st.fontSize, width - 12)
    assert len(drawn_en) == 4 and len(drawn_ar) == 4
    assert len(lines) == 8
    # pypdf returns each drawn line in reading order (it reverses right-to-left runs): the words of
    # both cells come back in the order they were written, line after line, top to bottom.
    assert _words(" ".join(lines[:4])) == _words(S(english))
    assert _words(" ".join(lines[4:])) == _words(S(arabic))
    # and each line is one laid-out line: English cell's top line starts with its first words and
    # holds the whole Arabic phrase; the Arabic cell's top line holds the sentence's first four words
    assert lines[0] == "The label " + S("قوات الاحتلال")
    assert _words(lines[4]) == _words(S("قالت الوكالة إن قوات"))
    # what was drawn: the Arabic phrase right to left inside the English line, the first Arabic
    # word at the right end of the top line, the year and full stop at the left of the last
    assert drawn_en[0] == "The label " + S("الاحتلال")[::-1] + " " + S("قوات")[::-1]
    assert drawn_ar[0].endswith(S("قالت")[::-1])
    assert drawn_ar[-1] == ".2023"


def test_paragraph_right_aligns_arabic_and_leaves_english_to_reportlab(tmp_path):
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.platypus import Paragraph

    st = _styles()["body"]
    p = bidi.paragraph("كلمة أولى", st)
    assert isinstance(p, bidi.BidiParagraph)
    p.wrap(200, 100)
    assert p._para.style.alignment == TA_RIGHT
    plain = bidi.paragraph("a <word> & more", st, [(2, 8)])
    assert isinstance(plain, Paragraph) and "&lt;word&gt;" in plain.text
    lines = _pdf_lines(tmp_path, [bidi.paragraph(" ".join(W * 8), st)])
    assert len(lines) >= 2 and _words(" ".join(lines)) == _words(S(" ".join(W * 8)))
