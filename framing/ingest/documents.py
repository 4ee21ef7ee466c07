"""PDF and Word (.docx) files -> corpus records.

The text comes from the document itself: the text layer of a PDF (pypdf; no OCR) and the
paragraphs of a Word document (python-docx, tables' paragraphs included, in document order). The
text is then read like a ``.txt`` file: when the segmenter finds two or more articles in it (a
pasted dump saved as PDF or Word), each is a record as in a text dump, and corrections apply by line
range; otherwise the whole file is one article. Line numbers count lines of the extracted text, as
``framing segment`` shows them.

A one-article document's title comes from the document's metadata (PDF ``/Title``, Word's core
property ``title``) where present, else from the text (the headline the segmenter finds); its date
from the text's dateline where the segmenter finds one (the day the article was published), else
from the metadata (PDF ``/CreationDate``, Word's ``created``: the day the file was made); the
author likewise, text first. A PDF
without a text layer (a scan) is refused with "no text layer: needs OCR".
"""
from __future__ import annotations

import datetime as _dt
import gzip
import io
import logging
import zlib
from pathlib import Path

from ..errors import InputError
from ..manifest import Manifest
from .encoding import DecodedText, damage_note, open_error

DOCUMENT_FORMATS = {".pdf": "pdf", ".docx": "docx"}


def read_document_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
        if path.suffix.lower() == ".gz":
            raw = gzip.decompress(raw)
    except OSError as exc:
        raise open_error(path, exc) from None
    except (EOFError, zlib.error) as exc:
        raise InputError(f"{path}: damaged or truncated gzip file ({exc}): download it again") from None
    return raw


def _iso(value) -> str | None:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return None


def pdf_text(path: Path) -> tuple[str, dict]:
    """The text layer of a PDF (pages separated by a blank line) and its metadata."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-file chatter: the reason is reported instead
    raw = read_document_bytes(path)
    if not raw.strip():
        raise InputError(f"{path}: empty file: nothing to read")
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(f"{path}: not a PDF file (it does not start with %PDF): check the file")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path}: the PDF is password-protected: save an unprotected copy")
        pages = [(page.extract_text() or "") for page in reader.pages]
        meta = reader.metadata
        info = {"title": (meta.title if meta else None), "author": (meta.author if meta else None),
                "date": _iso(meta.creation_date) if meta else None}
    except InputError:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf raises several kinds for damaged files
        raise InputError(f"{path}: cannot read this PDF ({type(exc).__name__}: {exc}): check the file") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise InputError(f"{path}: no text layer: needs OCR (a scanned PDF has pictures of pages, not text): "
                         "run it through OCR first, or paste its text into a .txt file")
    return text, info


def docx_text(path: Path) -> tuple[str, dict]:
    """The paragraphs of a Word document (one a line; empty paragraphs kept as blank lines) and its metadata."""
    import docx

    raw = read_document_bytes(path)
    if not raw.strip():
        raise InputError(f"{path}: empty file: nothing to read")
    try:
        document = docx.Document(io.BytesIO(raw))
        lines = []
        body = document.element.body
        for block in body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
            elif tag == "tbl":
                for para in block.iter():
                    if para.tag.endswith("}p"):
                        lines.append("".join(t.text or "" for t in para.iter() if t.tag.endswith("}t")))
        props = document.core_properties
        info = {"title": props.title or None, "author": props.author or None, "date": _iso(props.created)}
    except Exception as exc:  # python-docx raises several kinds (zip, XML, missing parts)
        raise InputError(f"{path}: cannot read this Word document ({type(exc).__name__}: {exc}): "
                         "save it again as .docx (Word 2007 or newer; .doc is not read)") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{path}: the Word document holds no text: nothing to read")
    return text, info


def _clean(value) -> str | None:
    value = " ".join(str(value).split()) if value is not None else ""
    return value or None


def document_text(path: Path) -> DecodedText | None:
    """The text of a PDF or Word file as ``framing segment`` shows it (None for other files)."""
    from .readers import detect_format

    fmt = detect_format(Path(path))
    if fmt not in ("pdf", "docx"):
        return None
    text, _ = (pdf_text if fmt == "pdf" else docx_text)(Path(path))
    return DecodedText(text, fmt)


def read_document(path: Path, options, manifest: Manifest, fmt: str):
    """Records of one PDF or DOCX file (see the module's description)."""
    from .corrections import corrections_for, load_corrections
    from .dumps import dump_segments, records_from_dump

    text, meta = (pdf_text if fmt == "pdf" else docx_text)(path)
    decoded = DecodedText(text, fmt)
    segments = dump_segments(decoded, path, options)
    articles = [s for s in segments if s.kind == "article"]
    corrected = corrections_for(load_corrections(options.corrections), str(path)) if options.corrections else []
    if len(articles) >= 2 or corrected:
        records = list(records_from_dump(decoded, path, options, manifest))
        if len(records) == 1:  # still one article: its metadata counts as for an uncorrected one
            rec = records[0]
            titled = any(name == "title" for c in corrected for name, _ in c.values)
            rec["title"] = rec["title"] if titled else (_clean(meta["title"]) or rec["title"] or "")
            rec["date"] = rec["date"] or meta["date"]
            rec["author"] = rec["author"] or _clean(meta["author"]) or ""
        for rec in records:
            rec["encoding"] = fmt
            yield rec
        return
    seg = articles[0] if articles else None
    body = seg.text if seg is not None and seg.text.strip() else text
    last = text.count("\n") + 1
    where = f"lines {seg.start_line}-{seg.end_line}" if seg is not None else f"lines 1-{last}"
    line = seg.body_start_line if seg is not None else 1
    yield {
        "doc_id": path.name, "outlet": (seg.outlet if seg else None) or "",
        "date": (seg.date if seg else None) or meta["date"],
        "title": _clean(meta["title"]) or (seg.title if seg else None) or "",
        "author": (seg.author if seg else None) or _clean(meta["author"]) or "",
        "lang": (seg.lang if seg else None) or "", "text": body, "_record": where, "line": line,
        "source": f"{path}:{line}", "encoding": fmt, "reposted_by": (seg.reposted_by if seg else None) or "",
        "_note": damage_note(0, body.count("\ufffd")),
    }
