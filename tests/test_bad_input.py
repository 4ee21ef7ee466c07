"""The bad-input battery (issue 10): each case is an input a user could really give, with its
expected outcome. Nothing may crash with a traceback, and every input record must be accounted
for in the manifest (records in = analysed + skipped + duplicate + filler)."""
from __future__ import annotations

import csv
import errno
import gzip
import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from framing.cli import main
from framing.manifest import STATUSES

DATA = Path(__file__).resolve().parent / "data"
LEXICON = DATA / "mini_lexicon.tsv"
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
NO_CHMOD = "running as root: file permissions do not stop root from reading"

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90\x91h6"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("articles.csv", "text\nThe regime spoke.\n" * 50)
    return buf.getvalue()


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ----------------------------------------------------------------------------- the cases

@dataclass
class Case:
    """Files to write (name -> bytes, or a callable making them in the folder), the arguments, and
    the expected outcome: exit code, a piece of stderr, manifest statuses and reasons, titles."""

    id: str
    files: dict[str, bytes] | Callable[[Path], None]
    code: int = 0
    err: str = ""
    statuses: dict[str, int] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    encoding: str = ""
    titles: tuple[str, ...] | None = None
    hits: int | None = None
    records: tuple[str, ...] | None = None
    args: tuple[str, ...] = ()
    inputs: tuple[str, ...] | None = None   # default: every file written, in name order
    skip_if_root: bool = False


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def _folder_with_unreadable_file(d: Path) -> None:
    (d / "corpus").mkdir()
    (d / "corpus" / "good.csv").write_text("text\nThe regime fell.\n", encoding="utf-8")
    locked = d / "corpus" / "locked.csv"
    locked.write_text("text\nsecret\n", encoding="utf-8")
    locked.chmod(0)
    sub = d / "corpus" / "closed"
    sub.mkdir()
    (sub / "inside.csv").write_text("text\nunseen\n", encoding="utf-8")
    sub.chmod(0)


def _folder_with_link_loops(d: Path) -> None:
    c = d / "corpus"
    (c / "a").mkdir(parents=True)
    (c / "a" / "good.csv").write_text("text\nThe regime fell.\n", encoding="utf-8")
    (c / "a" / "loop").symlink_to("..")                 # corpus/a/loop -> corpus
    (c / "again").symlink_to("a")                       # the same folder under a second name
    (c / "broken.csv").symlink_to("nowhere.csv")        # a link to nothing
    (c / "self.csv").symlink_to("self.csv")             # a link to itself


def _folder_with_binary_and_empty(d: Path) -> None:
    c = d / "corpus"
    c.mkdir()
    (c / "good.jsonl").write_text('{"text": "The regime fell."}\n', encoding="utf-8")
    (c / "photo.csv").write_bytes(PNG)
    (c / "archive.txt").write_bytes(_zip())
    (c / "empty.csv").write_bytes(b"")
    (c / "notes.odt").write_bytes(b"PK\x03\x04")  # .docx is read now (framing/ingest/documents.py)
    (c / ".hidden.csv").write_text("text\nnot read\n")


PARA = "Witnesses said the market opened late and the streets were quiet. " * 40

CASES = [
    # -- empty and binary files
    Case("empty csv alone", {"empty.csv": b""}, code=2,
         err="no document could be read from the input: ", reasons=("empty file: nothing to read",),
         statuses={"skipped": 1}),
    Case("empty jsonl, txt and json beside a good file",
         {"a.jsonl": b"", "b.txt": b"  \n\n", "c.json": b"", "d.csv": b"text\nThe regime fell.\n"},
         statuses={"skipped": 3, "analysed": 1}, reasons=("empty file: nothing to read",) * 3, hits=1),
    Case("empty file and --strict", {"a.csv": b"", "b.csv": b"text\nThe regime fell.\n"}, code=1,
         args=("--strict",), statuses={"skipped": 1, "analysed": 1}),
    Case("png passed as csv", {"photo.csv": PNG}, code=2, err="photo.csv: looks like a binary file"),
    Case("zip passed as txt", {"archive.txt": _zip()}, code=2, err="archive.txt: looks like a binary file"),
    Case("zip passed as csv.gz", {"archive.csv.gz": _zip()}, code=2, err="archive.csv.gz: not a gzip file"),
    Case("binary, empty and unsupported files inside a folder", _folder_with_binary_and_empty,
         inputs=("corpus",), statuses={"analysed": 1, "skipped": 4},
         reasons=("looks like a binary file", "looks like a binary file", "empty file", "unsupported file type")),
    # -- encodings
    Case("utf-16 with BOM", {"u16.csv": _csv("title,text\r\n\u201cCaf\u00e9\u201d \u0642\u0627\u0644,The regime fell.\r\n", "utf-16")},
         statuses={"analysed": 1}, encoding="utf-16 (BOM)", titles=("\u201cCaf\u00e9\u201d \u0642\u0627\u0644",), hits=1),
    Case("utf-16 without BOM", {"u16.csv": _csv("title,text\nCaf\u00e9,The regime fell.\n", "utf-16-le")},
         statuses={"analysed": 1}, encoding="utf-16-le", titles=("Caf\u00e9",), hits=1),
    Case("utf-8 with BOM", {"bom.csv": b"\xef\xbb\xbftitle,text\nCaf\xc3\xa9,The regime fell.\n"},
         statuses={"analysed": 1}, encoding="utf-8 (BOM)", titles=("Caf\u00e9",), hits=1),
    Case("cp1252 with curly quotes", {"win.csv": _csv(
        "title,text\n\u201cSo-called\u201d talks \u2013 it\u2019s over,The \u201cregime\u201d fell \u2026 caf\u00e9.\n", "cp1252")},
         statuses={"analysed": 1}, encoding="cp1252",
         titles=("\u201cSo-called\u201d talks \u2013 it\u2019s over",), hits=1),
    Case("latin-1", {"latin.tsv": _csv("title\ttext\nVoil\u00e0 un caf\u00e9 na\u00eff\tLe r\u00e9gime et the regime.\n", "latin-1")},
         statuses={"analysed": 1}, encoding="cp1252", titles=("Voil\u00e0 un caf\u00e9 na\u00eff",), hits=1),
    Case("cp1256 arabic", {"ar.csv": _csv("text\n\u0642\u0627\u0644\u062a \u0642\u0648\u0627\u062a \u0627\u0644\u0627\u062d\u062a\u0644\u0627\u0644 "
                                          "\u0625\u0646 \u0627\u0644\u0647\u062c\u0648\u0645 \u0648\u0642\u0639 \u0635\u0628\u0627\u062d\u0627\n", "cp1256")},
         statuses={"analysed": 1}, encoding="cp1256", hits=1),
    Case("utf-8 with stray latin-1 bytes and earlier U+FFFD",
         {"damaged.csv": b"id,title,text\n1,caf\xe9 na\xefve,The regime \xc3\xa9t\xc3\xa9\n"
                         b"2,lost \xef\xbf\xbd\xef\xbf\xbd,Gr\xc3\xbc\xc3\x9fe\n3,fine,ok\n"},
         statuses={"analysed": 3}, encoding="utf-8",
         reasons=("2 undecodable bytes replaced by U+FFFD", "2 U+FFFD replacement characters already in the input"),
         titles=("caf\ufffd na\ufffdve", "lost \ufffd\ufffd", "fine"), hits=1),
    Case("jsonl with a lone surrogate escape", {"s.jsonl": b'{"title": "x\\ud800y", "text": "The regime \\udfff"}\n'},
         statuses={"analysed": 1}, reasons=("2 invalid \\u escapes (lone surrogates) replaced by U+FFFD",),
         titles=("x\ufffdy",), hits=1),
    # -- line endings and long lines
    Case("mixed line endings", {"mixed.csv": b"title,text\r\none,The regime\rtwo,a regime\nthree,regimes\r\n"
                                              b"four,\"two\r\nlines regime\"\r"},
         statuses={"analysed": 4}, titles=("one", "two", "three", "four"), hits=4,
         records=("line 2", "line 3", "line 4", "lines 5-6")),
    Case("a 3 MB line", {"long.csv": ('title,text\nlong,"the regime ' + PARA * 1100 + ' the regime"\nshort,regime\n').encode()},
         statuses={"analysed": 2}, titles=("long", "short"), hits=3),
    Case("a line longer than the limit", lambda d: (d / "huge.jsonl").write_text(
        '{"text": "' + "x" * 1200 + '"}\n{"text": "the regime"}\n'),
         statuses={"skipped": 1, "analysed": 1}, reasons=("longer than 1,000 characters: not read",), hits=1),
    # -- CSV shapes
    Case("csv without a text column", {"notext.csv": b"a,b\n1,2\n"}, code=2,
         err="notext.csv: no text column among a, b: name it with --text-col"),
    Case("csv with a ragged row", {"r.csv": b"title,text\nok,The regime\nbad,row,extra\nshort\n"},
         statuses={"analysed": 1, "skipped": 2},
         reasons=("3 fields where the header has 2", "1 fields where the header has 2"), hits=1),
    Case("csv with embedded newlines", {"nl.csv": b'title,text\nA,"First line\nthe regime\n\nlast"\nB,"x\r\ny regime"\nC,plain\n'},
         statuses={"analysed": 3}, titles=("A", "B", "C"), hits=2, records=("lines 2-5", "lines 6-7", "line 8")),
    Case("csv with a quote never closed", {"q.csv": b'title,text\nA,the regime\nB,"oops\nC,lost\nD,lost too\n'},
         statuses={"analysed": 1, "skipped": 1}, reasons=("a quote opened on line 3 is never closed",),
         records=("line 2", "lines 3-5")),
    Case("csv with a quote not closed until a later row's quote",
         {"m.csv": b'outlet,date,text\nA,2021-01-02,the regime\nB,"2021-01-03\nC,2021-01-04",the regime again\n'
                   b'D,2021-01-05,regimes\n'},
         statuses={"analysed": 2, "skipped": 1}, reasons=("a line break inside the date field: a quote opened on "
                                                          "line 3 is probably not closed",),
         records=("line 2", "lines 3-4", "line 5"), hits=2),
    Case("semicolon csv, header only", {"h.csv": b"text;outlet\n"}, code=2, err="no document could be read",
         statuses={"skipped": 1}, reasons=("no records below the header",)),
    # -- JSON
    Case("jsonl with one broken line", {"a.jsonl": b'{"text": "the regime"}\n{"text": "cut of\n[1, 2]\n'
                                                  b'{"text": "' + b"[" * 5 + b'"}\n{"text": "regimes"}\n'},
         statuses={"analysed": 3, "skipped": 2}, reasons=("not valid JSON", "not a JSON object"), hits=2),
    Case("jsonl nested too deeply", {"deep.jsonl": b"[" * 100_000 + b"\n" + b'{"text": "the regime"}\n'},
         statuses={"analysed": 1, "skipped": 1}, reasons=("JSON",), hits=1),
    Case("jsonl whose first object has no text", {"f.jsonl": b'{"meta": 1}\n{"text": "the regime"}\n'},
         statuses={"analysed": 1, "skipped": 1}, reasons=("no text column among meta",), hits=1),
    Case("json that is not a list of objects", {"x.json": b'"just a string"'}, code=2,
         err="x.json: JSON must be a list of objects"),
    Case("gzip cut short", lambda d: (d / "cut.jsonl.gz").write_bytes(
        gzip.compress(b"".join(b'{"text": "doc %d regime"}\n' % i for i in range(3000)))[:-40]),
         reasons=("the rest of the file was not read",)),
    # -- dates
    Case("unparsable dates", {"d.csv": b"date,text\nsoon,the regime\n2021-13-45,x\n0000-00-00,y\n12:30,z\n2021-03-04,w\n"},
         statuses={"analysed": 5},
         reasons=("date 'soon' not understood", "date '2021-13-45' not understood",
                  "date '0000-00-00' not understood", "date '12:30' not understood")),
    # -- folders
    Case("folder with an unreadable file and folder", _folder_with_unreadable_file, inputs=("corpus",),
         statuses={"analysed": 1, "skipped": 2}, reasons=("Permission denied",) * 2, skip_if_root=True),
    Case("folder with link loops", _folder_with_link_loops, inputs=("corpus",),
         statuses={"analysed": 1, "skipped": 4},
         reasons=("which is read already: not read twice",) * 2 + ("a broken or looping symbolic link",) * 2),
    # -- lexicons
    *[Case(f"lexicon with {what}", {"c.csv": b"text\nthe regime\n"}, code=2, err=message,
           args=("--lexicon", f"{{tmp}}/{name}.tsv"), inputs=("c.csv",))
      for what, name, message in [
          ("a duplicate id", "dup", "dup.tsv:3: duplicate id 'x.a' (first at"),
          ("an empty term", "empty", "empty.tsv:2: empty term: write the term, or delete the row"),
          ("a bad category", "cat", "cat.tsv:2: unknown category 'nope'"),
          ("an all-punctuation term", "punct", "punct.tsv:2: term or variant '?!...' has no letters"),
          ("a non-UTF-8 encoding", "latin", "latin.tsv:2: not UTF-8 text"),
      ]],
    # -- corrections
    Case("corrections pointing past the end of the dump", {"dump.txt": ("A headline\n\n" + PARA + "\n").encode(),
                                                           "fix.yaml": b"- file: dump.txt\n  lines: 800-810\n  outlet: X\n"},
         code=2, err="fix.yaml:2: no segment covers lines 800-810 of", args=("--corrections", "{tmp}/fix.yaml"),
         inputs=("dump.txt",)),
    Case("corrections file missing", {"dump.txt": ("A headline\n\n" + PARA + "\n").encode()}, code=2,
         err="--corrections", args=("--corrections", "{tmp}/nope.yaml")),
]

LEXICON_HEADER = "id\tlang\tterm\tvariants\tcategory\tstrength\tneutral\trationale\n"
BAD_LEXICONS = {
    "dup": LEXICON_HEADER + "x.a\ten\tregime\t\tstate_label\t2\tgovernment\tr\nx.a\ten\tjunta\t\tstate_label\t2\tgovernment\tr\n",
    "empty": LEXICON_HEADER + "x.a\ten\t\t\tstate_label\t2\tgovernment\tr\n",
    "cat": LEXICON_HEADER + "x.a\ten\tregime\t\tnope\t2\tgovernment\tr\n",
    "punct": LEXICON_HEADER + "x.a\ten\t?!...\t\tstate_label\t2\tgovernment\tr\n",
}


def _write_lexicons(d: Path) -> None:
    for name, text in BAD_LEXICONS.items():
        (d / f"{name}.tsv").write_text(text, encoding="utf-8")
    (d / "latin.tsv").write_bytes((LEXICON_HEADER + "x.a\ten\tr\u00e9gime\t\tstate_label\t2\tg\tr\n").encode("latin-1"))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_battery(case: Case, tmp_path: Path, capsys, monkeypatch):
    if case.skip_if_root and ROOT:
        pytest.skip(NO_CHMOD)
    if case.id == "a line longer than the limit":
        monkeypatch.setattr("framing.ingest.encoding.MAX_LINE_CHARS", 1000)
        monkeypatch.setattr("framing.ingest.readers.MAX_LINE_CHARS", 1000)
    d = tmp_path / "in"
    d.mkdir()
    if callable(case.files):
        case.files(d)
        names = sorted(p.name for p in d.iterdir())
    else:
        for name, raw in case.files.items():
            (d / name).write_bytes(raw)
        names = sorted(n for n in case.files if not n.endswith(".yaml"))
    inputs = [str(d / n) for n in (case.inputs or names)]
    out = tmp_path / "out"
    args = [a.format(tmp=d) for a in case.args]
    if "--lexicon" in args:
        _write_lexicons(d)
    else:
        args += ["--lexicon", str(LEXICON)]
    try:
        code = main(["analyze", *inputs, "--lexicons", "none", *args, "-o", str(out), "--jobs", "1"])
    finally:
        for p in d.rglob("*"):  # let pytest clean up what the case locked
            if not p.is_symlink():
                p.chmod(0o755)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == case.code, err
    if case.err:
        assert case.err in err
        assert err.startswith("error: ")
    manifest_file = out / "manifest.csv"
    if case.code == 2 and not manifest_file.exists():
        assert not (case.statuses or case.reasons or case.titles), "a case that stops early has no manifest"
        return
    manifest = rows(manifest_file)
    statuses = Counter(r["status"] for r in manifest)
    assert set(statuses) <= set(STATUSES)
    for status, n in case.statuses.items():
        assert statuses[status] == n, (status, manifest)
    reasons = [r["reason"] for r in manifest]
    for want, n in Counter(case.reasons).items():
        assert sum(want in r for r in reasons) >= n, (want, reasons)
    if case.encoding:
        assert {r["encoding"] for r in manifest if r["status"] == "analysed"} == {case.encoding}
    if case.records is not None:
        assert tuple(r["record"] for r in manifest if r["record"] not in ("file", "folder")) == case.records
    if case.code == 2:
        return
    docs = rows(out / "documents.csv")
    assert len(docs) == statuses["analysed"]
    assert sorted(r["doc_id"] for r in docs) == sorted(r["doc_id"] for r in manifest if r["status"] == "analysed")
    if case.titles is not None:
        assert tuple(r["title"] for r in docs) == case.titles
    if case.hits is not None:
        # the case's hits are the text's: headlines are a zone of their own (framing.zones)
        assert len([h for h in rows(out / "hits.csv") if h["zone"] == "body"]) == case.hits


# ----------------------------------------------------------------------------- a real-looking export

def _damaged_export() -> tuple[bytes, int]:
    """A semicolon-separated 'export' from an old content system: CRLF line ends, quoted bodies with
    line breaks, U+FFFD left by an earlier conversion, raw latin-1 bytes inside UTF-8, an empty
    body, a ragged row, an unreadable date and a repeated id."""
    out = io.BytesIO()
    out.write("Article ID;Headline;Body;Publication;Published Date\r\n".encode())
    bodies = [
        "The regime\u2019s forces entered the town.\r\nResidents fled.",
        "Officials met in Gen\ufffdve on Tuesday \ufffd no agreement.",
        None,  # raw latin-1 bytes, written below
        "",
        "A \"quoted\" word; and a semicolon.",
        "Occupying forces plundered the depot.",
    ]
    n = 0
    for i in range(60):
        body = bodies[i % len(bodies)]
        date = "2021-%02d-%02d" % (i % 12 + 1, i % 28 + 1) if i % 12 != 4 else "n/a"
        art_id = f"A{i:03d}" if i != 30 else "A001"
        if body is None:
            row = (f'{art_id};Caf'.encode() + b"\xe9 talks;\"Na\xefve hopes in the caf\xe9, said the regime.\";"
                   + f"Daily Wire {i % 3};{date}\r\n".encode())
        else:
            quoted = '"' + body.replace('"', '""') + '"'
            row = f"{art_id};Headline {i} \u2014 \u00e9t\u00e9;{quoted};Daily Wire {i % 3};{date}\r\n".encode("utf-8")
        out.write(row)
        n += 1
    out.write("A999;ragged;row\r\n".encode())
    return out.getvalue(), n + 1


def test_third_party_export_with_encoding_damage_is_fully_accounted_for(tmp_path, capsys):
    raw, n_records = _damaged_export()
    src = tmp_path / "export.csv"
    src.write_bytes(raw)
    out = tmp_path / "out"
    code = main(["analyze", str(src), "--date-col", "Published Date", "--id-col", "Article ID", "--lexicons", "none",
                 "--lexicon", str(LEXICON), "-o", str(out), "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    manifest = rows(out / "manifest.csv")
    assert len(manifest) == n_records  # every record has exactly one row
    statuses = Counter(r["status"] for r in manifest)
    assert statuses == {"analysed": 50, "skipped": 11}
    assert {r["encoding"] for r in manifest if r["status"] == "analysed"} == {"utf-8"}
    notes = Counter(r["reason"].split(";")[0] for r in manifest if r["status"] == "analysed" and r["reason"])
    assert notes["3 undecodable bytes replaced by U+FFFD"] == 10
    assert notes["2 U+FFFD replacement characters already in the input (characters lost before this file was written)"] == 10
    assert sum(1 for r in manifest if "date 'n/a' not understood" in r["reason"]) == 5
    skipped = Counter(r["reason"] for r in manifest if r["status"] == "skipped")
    assert skipped == {"empty text": 10, "3 fields where the header has 5: fix the row or its quoting": 1}
    docs = rows(out / "documents.csv")
    assert len(docs) == 50 and "A001#2" in {d["doc_id"] for d in docs}
    assert {d["outlet"] for d in docs} == {"Daily Wire 0", "Daily Wire 1", "Daily Wire 2"}
    # the summary's counts add up
    assert "61 input record(s) from 1 file(s): 50 analysed, 11 skipped, 0 duplicate(s), 0 filler" in captured.out


# ----------------------------------------------------------------------------- outputs

@pytest.fixture
def good_input(tmp_path):
    p = tmp_path / "good.jsonl"
    p.write_text("".join(json.dumps({"id": f"d{i}", "text": f"The regime said {i}."}) + "\n" for i in range(30)),
                 encoding="utf-8")
    return p


def _analyze(src, out, *extra):
    return main(["analyze", str(src), "--lexicons", "none", "--lexicon", str(LEXICON), "-o", str(out),
                 "--jobs", "1", *extra])


def test_output_folder_under_a_file_is_exit_2(tmp_path, good_input, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert _analyze(good_input, blocker / "sub") == 2
    err = capsys.readouterr().err
    assert "cannot create the output folder" in err and "Traceback" not in err


def test_single_file_output_that_is_a_folder(tmp_path, good_input, capsys):
    (tmp_path / "view.html").mkdir()
    code = main(["hits", str(good_input), "--lexicons", "none", "--lexicon", str(LEXICON), "--format", "csv",
                 "-o", str(tmp_path / "view.html"), "--jobs", "1"])
    assert code == 2
    assert "view.html: is a folder: give a file name to write" in capsys.readouterr().err


@pytest.mark.skipif(ROOT, reason=NO_CHMOD)
def test_read_only_output_folder(tmp_path, good_input, capsys):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert _analyze(good_input, ro) == 2
    finally:
        ro.chmod(0o755)
    assert "not writable" in capsys.readouterr().err


def _fail_midway(monkeypatch, exc: BaseException, *, after: int = 1):
    """Make the CSV writer write half a file and then fail, from the ``after``-th file on."""
    import pyarrow.csv as pacsv

    real = pacsv.write_csv
    calls = []

    def half_then_fail(table, path, *args, **kwargs):
        calls.append(path)
        if len(calls) < after:
            return real(table, path, *args, **kwargs)
        with open(path, "wb") as f:
            f.write(b'"doc_id","outlet"\n"d1","half')
        raise exc

    monkeypatch.setattr(pacsv, "write_csv", half_then_fail)
    return calls


@pytest.mark.parametrize("exc, code, message", [
    (OSError(errno.ENOSPC, "No space left on device"), 2, "cannot write: No space left on device"),
    (KeyboardInterrupt(), 130, "interrupted"),
])
def test_disk_full_or_interrupted_write_leaves_no_half_file(tmp_path, good_input, monkeypatch, capsys,
                                                             exc, code, message):
    out = tmp_path / "out"
    assert _analyze(good_input, out) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _fail_midway(monkeypatch, exc, after=2)  # documents.csv is written anew, hits.csv fails
    capsys.readouterr()
    assert _analyze(good_input, out) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(after) == set(before), "no temporary or partial file is left"
    assert after == before  # the earlier files are intact (the new documents.csv is the same bytes)


def test_failed_write_of_a_single_file_keeps_the_old_one(tmp_path, good_input, monkeypatch, capsys):
    target = tmp_path / "hits.csv"
    target.write_text("the previous file\n")
    _fail_midway(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    code = main(["hits", str(good_input), "--lexicons", "none", "--lexicon", str(LEXICON), "--format", "csv",
                 "-o", str(target), "--jobs", "1"])
    assert code == 2
    assert target.read_text() == "the previous file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.jsonl", "hits.csv"]


# ----------------------------------------------------------------------------- errors and manifests

def test_internal_error_prints_a_short_message_and_the_log(tmp_path, good_input, monkeypatch, capsys):
    import framing.core

    def boom(*args, **kwargs):
        raise RuntimeError("a stage broke")

    monkeypatch.setattr(framing.core, "analyse_document", boom)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert _analyze(good_input, tmp_path / "out") == 3
    err = capsys.readouterr().err
    assert err.startswith("internal error: RuntimeError: a stage broke; the full log is in ")
    assert "Traceback" not in err and len(err.splitlines()) == 1
    log = Path(err.split("the full log is in ")[1].split(";")[0])
    assert log.parent == tmp_path
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "a stage broke" in text and "command: framing analyze" in text


@pytest.mark.parametrize("command, extra, manifest", [
    ("analyze", (), "out/manifest.csv"),
    ("hits", ("--format", "csv"), "out/hits.manifest.csv"),
    ("html", (), "out/view.manifest.csv"),
    ("compare", ("--boot", "200", "--charts", "none"), "out/manifest.csv"),
])
def test_every_command_writes_a_manifest(tmp_path, command, extra, manifest, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "the regime"}\n{broken\n', encoding="utf-8")
    target = {"analyze": "out", "compare": "out", "hits": "out/hits.csv", "html": "out/view.html"}[command]
    code = main([command, str(src), "--lexicons", "none", "--lexicon", str(LEXICON), "-o", str(tmp_path / target),
                 "--jobs", "1", *extra])
    assert code == 0, capsys.readouterr().err
    table = rows(tmp_path / manifest)
    assert [(r["record"], r["status"]) for r in table] == [("line 1", "analysed"), ("line 2", "skipped")]
    assert "manifest" in capsys.readouterr().err  # the note on skipped records says where they are listed


def test_analyze_summary_adds_up(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text('{"text": "the regime"}\n{"text": ""}\n{oops\n', encoding="utf-8")
    (d / "dump.txt").write_text(textwrap.dedent("""\
        First headline here
        By Staff | North Herald | May 12, 2020

        """) + PARA + "\n\nSecond headline here\nBy Staff | North Herald | May 13, 2020\n\n" + PARA + "\n",
        encoding="utf-8")
    code = main(["analyze", str(d), "--lexicons", "none", "--lexicon", str(LEXICON), "-o", str(tmp_path / "o"),
                 "--jobs", "1"])
    out = capsys.readouterr().out
    assert code == 0
    manifest = rows(tmp_path / "o" / "manifest.csv")
    c = Counter(r["status"] for r in manifest)
    line = out.splitlines()[0]
    assert line.startswith(f"{len(manifest)} input record(s) from 2 file(s): {c['analysed']} analysed, "
                           f"{c['skipped']} skipped, {c['duplicate']} duplicate(s), {c['filler']} filler")
    assert c["analysed"] + c["skipped"] + c["duplicate"] + c["filler"] == len(manifest)
    assert c["skipped"] == 2 and c["duplicate"] == 1


def test_a_record_keeps_both_its_encoding_note_and_its_date_note(tmp_path):
    src = tmp_path / "d.csv"
    src.write_bytes(b"date,text\nsoon,caf\xe9 and the regime \xc3\xa9t\xc3\xa9\n")
    assert _analyze(src, tmp_path / "o") == 0
    reason = rows(tmp_path / "o" / "manifest.csv")[0]["reason"]
    assert "1 undecodable byte replaced" in reason and "date 'soon' not understood" in reason


# ----------------------------------------------------------------------------- a very large file

_MEASURE = """
import resource, sys
from framing.analyze import chunked, prepared_records
from framing.ingest.readers import ReadOptions
from framing.manifest import Manifest


def peak_rss():
    # VmHWM is this program's own peak; ru_maxrss would carry over the parent's across exec.
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


before = peak_rss()
manifest = Manifest()
docs = chars = chunks = 0
for chunk in chunked(prepared_records([sys.argv[1]], ReadOptions(), manifest), 2_000_000):
    chunks += 1
    docs += len(chunk)
    chars += sum(len(r["text"]) for r in chunk)
print(docs, chars, chunks, manifest.counts()["analysed"], before, peak_rss())
"""


def _measure(path: Path) -> tuple[int, int, int, int, int, int]:
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    return tuple(int(x) for x in done.stdout.split())


@pytest.mark.parametrize("name, target_mb", [("big.csv", 300), ("big.jsonl.gz", 200)])
def test_very_large_file_streams_in_bounded_memory(tmp_path, name, target_mb):
    """Hundreds of MB written on the fly; the reader's peak memory must stay near one chunk."""
    body = ("The occupation forces shelled the village at dawn, witnesses said; the regime denied it. " * 220
            + "Caf\u00e9 \u0642\u0627\u0644 {i}.")
    path = tmp_path / name
    n = size = 0
    if name.endswith(".csv"):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("id,outlet,date,text\n")
            while size < target_mb * 1_000_000:
                row = f'{n},Outlet {n % 5},2021-03-{n % 28 + 1:02d},"{body.format(i=n)}"\n'
                f.write(row)
                size += len(row)
                n += 1
    else:
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
            while size < target_mb * 1_000_000:
                row = json.dumps({"id": n, "outlet": f"Outlet {n % 5}", "text": body.format(i=n)}) + "\n"
                f.write(row)
                size += len(row)
                n += 1
    docs, chars, chunks, analysed, before, peak = _measure(path)
    assert docs == analysed == n
    assert chunks > 50
    grown = peak - before
    print(f"{name}: {size / 1e6:.0f} MB of text, {n} records; peak RSS {peak / 1e6:.0f} MB, "
          f"grew {grown / 1e6:.1f} MB while reading")
    assert grown < 60_000_000, f"memory grew by {grown / 1e6:.0f} MB reading {size / 1e6:.0f} MB"
    assert grown < size / 10
