"""PDF and Word input (framing/ingest/documents.py), through the readers and the command line."""
import csv
import gzip
from pathlib import Path

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.ingest.documents import docx_text, pdf_text
from framing.ingest.readers import ReadOptions, iter_records
from framing.manifest import Manifest

DATA = Path(__file__).parent / "data"


def make_pdf(path: Path, lines: list[str], *, title: str | None = None, pages: int = 1, **kw) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1, **kw)
    if title:
        c.setTitle(title)
    per_page = max(1, -(-len(lines) // pages))
    for start in range(0, len(lines), per_page):
        y = 800
        for line in lines[start:start + per_page]:
            c.drawString(40, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def make_docx(path: Path, paragraphs: list[str], *, title: str | None = None, table: list[str] = ()) -> Path:
    import docx

    d = docx.Document()
    if title:
        d.core_properties.title = title
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=1, cols=len(table))
        for cell, text in zip(t.rows[0].cells, table):
            cell.text = text
    d.save(str(path))
    return path


def records(*paths, **options):
    manifest = Manifest()
    return list(iter_records(list(paths), ReadOptions(**options), manifest)), manifest


ARTICLE = ["Convoy stopped at the border", "", "Militants stopped the aid convoy at the crossing on Monday.",
           "The regime closed the second road to the valley for a week.", "Drivers waited in the heat for news."]


def test_pdf_one_article_with_title_from_metadata(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", ARTICLE, title="Convoy stopped at the border (metadata)", pages=2)
    recs, manifest = records(pdf)
    assert len(recs) == 1
    rec = recs[0]
    assert rec["title"] == "Convoy stopped at the border (metadata)"
    assert rec["format"] == "pdf" and rec["encoding"] == "pdf"
    assert "Militants stopped the aid convoy" in rec["text"] and "Drivers waited in the heat" in rec["text"]
    assert manifest.counts()["analysed"] == 1


def test_pdf_hits_are_counted_by_every_command(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", ARTICLE, title="Convoy")
    out = tmp_path / "hits.csv"
    assert main(["hits", str(pdf), "--format", "csv", "-o", str(out), "--jobs", "1"]) == 0
    surfaces = [r["surface"] for r in csv.DictReader(open(out, encoding="utf-8"))]
    assert sorted(surfaces) == ["Militants", "regime"]  # hand-counted


def test_scanned_pdf_needs_ocr(tmp_path, capsys):
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan))
    c.rect(40, 40, 400, 600, fill=1)
    c.showPage()
    c.save()
    assert main(["hits", str(scan)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {scan}: no text layer: needs OCR") and "\n" not in err
    # In a folder, the scan is skipped with its reason and the rest is read.
    make_pdf(tmp_path / "good.pdf", ARTICLE)
    recs, manifest = records(tmp_path)
    assert [Path(r["file"]).name for r in recs] == ["good.pdf"]
    assert "no text layer: needs OCR" in manifest.skipped()[0]["reason"]


def test_not_a_pdf_and_a_password(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html>a page saved with the wrong name</html>")
    with pytest.raises(InputError, match="not a PDF file"):
        pdf_text(fake)
    locked = make_pdf(tmp_path / "locked.pdf", ARTICLE, encrypt="secret")
    with pytest.raises(InputError, match="password-protected"):
        pdf_text(locked)


def test_pdf_dump_is_split_like_a_text_dump(tmp_path):
    lines = (DATA / "app" / "class_dump.txt").read_text(encoding="utf-8").splitlines()
    pdf = make_pdf(tmp_path / "dump.pdf", [line[:95] for line in lines])
    recs, _ = records(pdf)
    assert [(r["outlet"], r["title"]) for r in recs] == [
        ("Press TV", "Rockets Hit Market Town as Talks Falter"), ("Sputnik", "Flour Convoy Waits at the Checkpoint"),
        ("Press TV", "Schools Reopen in the Valley After the Floods"), ("Sputnik", "Fishermen Return to the Harbour")]


def test_gzipped_pdf(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", ARTICLE, title="Zipped")
    gz = tmp_path / "a.pdf.gz"
    gz.write_bytes(gzip.compress(pdf.read_bytes()))
    recs, _ = records(gz)
    assert recs[0]["title"] == "Zipped"


def test_docx_paragraphs_tables_and_metadata(tmp_path):
    path = make_docx(tmp_path / "a.docx", ARTICLE, title="From Word", table=["The so-called council met.", "Twice."])
    text, meta = docx_text(path)
    assert text.splitlines()[:3] == ["Convoy stopped at the border", "", "Militants stopped the aid convoy at the crossing on Monday."]
    assert text.splitlines()[-2:] == ["The so-called council met.", "Twice."]
    assert meta["title"] == "From Word"
    recs, _ = records(path)
    assert len(recs) == 1 and recs[0]["title"] == "From Word" and recs[0]["format"] == "docx"


def test_docx_dump_is_split(tmp_path):
    lines = (DATA / "ingest" / "compact_dump.txt").read_text(encoding="utf-8").splitlines()
    recs, _ = records(make_docx(tmp_path / "dump.docx", lines))
    assert len(recs) == 7  # as framing segment splits the same text as .txt
    assert [r["outlet"] for r in recs][:2] == ["Sputnik", "American Herald Tribune"]


def test_damaged_docx(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert main(["hits", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: cannot read this Word document" in err and "save it again as .docx" in err


def test_corrections_apply_to_a_one_article_pdf(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", ARTICLE, title="Convoy")
    _, manifest = records(pdf)
    where = manifest.rows[0]["record"]
    assert where == "lines 1-4"  # the empty line is not in the PDF's text layer
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("file,action,lines,outlet,date\na.pdf,set,1-4,Al Mayadeen,2022-03-05\n", encoding="utf-8")
    recs, _ = records(pdf, corrections=str(fixes))
    assert (recs[0]["outlet"], str(recs[0]["date"])[:10], recs[0]["title"]) == ("Al Mayadeen", "2022-03-05", "Convoy")


def test_segment_shows_the_lines_of_a_pdf_and_a_docx(tmp_path, capsys):
    pdf = make_pdf(tmp_path / "a.pdf", ARTICLE, title="Convoy")
    doc = make_docx(tmp_path / "b.docx", ARTICLE)
    assert main(["segment", str(pdf), str(doc), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(Path(r["file"]).name, r["start_line"], r["end_line"], r["kind"]) for r in rows] == [
        ("a.pdf", "1", "4", "article"), ("b.docx", "1", "5", "article")]
