"""Inputs that are not plain files inside the folder named (issue 17, items 9 and 12): links out of
the folder, pipes and devices, file names that are not UTF-8 or hold line breaks."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from framing.cli import main
from framing.errors import InputError
from framing.ingest.paths import shown
from framing.ingest.readers import ReadOptions, iter_records
from framing.manifest import Manifest

LEXICON = Path(__file__).resolve().parent / "data" / "mini_lexicon.tsv"


def read(paths, **opts):
    m = Manifest()
    recs = list(iter_records([str(p) for p in paths], ReadOptions(**opts), m))
    return recs, m


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_links_out_of_the_folder_are_not_followed_and_say_where_they_point(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The regime's secret plan is in this file.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.csv").write_text("text\nInside the corpus.\n", encoding="utf-8")
    os.symlink(outside, corpus / "away")                       # a folder outside
    os.symlink(outside / "secret.txt", corpus / "secret.txt")  # a file outside
    os.symlink(corpus / "sub", corpus / "again")               # inside: followed once, not twice
    os.symlink(corpus / "sub" / "a.csv", corpus / "b.csv")     # inside: read
    recs, m = read([corpus])
    assert sorted(r["text"] for r in recs) == ["Inside the corpus.", "Inside the corpus."]
    reasons = {Path(r["file"]).name: r["reason"] for r in m.skipped()}
    assert reasons["away"] == (f"a symbolic link to {outside.resolve()}, outside the folder {corpus}: not followed "
                               "(name it on the command line to read it)")
    assert str((outside / "secret.txt").resolve()) in reasons["secret.txt"]
    assert "read already" in reasons["sub"]  # "again" (a link to sub) is walked first, sub is then not read twice
    # named on the command line, the link is read
    recs, _ = read([corpus / "secret.txt"])
    assert recs[0]["text"].startswith("The regime's secret plan")


def test_a_link_to_etc_puts_no_system_file_in_the_outputs(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The regime fell today after a long siege of the city.\n", encoding="utf-8")
    os.symlink("/etc", corpus / "etc")
    assert main(["analyze", str(corpus), "-o", str(tmp_path / "out"), "--lexicons", "none", "--lexicon",
                 str(LEXICON), "--jobs", "1"]) == 0
    manifest = rows(tmp_path / "out" / "manifest.csv")
    assert all(not r["file"].startswith("/etc") and "/etc/" not in r["file"] for r in manifest)
    assert [r["status"] for r in manifest if r["file"].endswith("etc")] == ["skipped"]
    assert len(rows(tmp_path / "out" / "documents.csv")) == 1


def test_fifo_and_device_in_a_folder_are_skipped_with_the_reason(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "pipe.csv")
    (corpus / "a.csv").write_text("text\nFine.\n", encoding="utf-8")
    os.symlink("/dev/zero", corpus / "zero.txt")  # a link to a device, outside the folder
    recs, m = read([corpus])
    assert [r["text"] for r in recs] == ["Fine."]
    reasons = {Path(r["file"]).name: r["reason"] for r in m.skipped()}
    assert reasons["pipe.csv"] == "a named pipe (FIFO), not a regular file: not read"
    assert "/dev/zero" in reasons["zero.txt"]


def test_fifo_named_on_the_command_line_is_refused_in_one_line_without_waiting(tmp_path, capsys):
    fifo = tmp_path / "stream.csv"
    os.mkfifo(fifo)
    done = []
    t = threading.Thread(target=lambda: done.append(main(["analyze", str(fifo), "-o", str(tmp_path / "o"),
                                                          "--jobs", "1"])), daemon=True)
    t.start()
    t.join(30)
    assert done == [2], "the run waited on the pipe"
    err = capsys.readouterr().err
    assert f"error: {fifo}: a named pipe (FIFO), not a file: framing reads files" in err
    with pytest.raises(InputError, match="a named pipe"):
        from framing.ingest.encoding import read_text

        read_text(fifo)


def test_names_that_are_not_utf8_or_hold_line_breaks_are_read_and_written_escaped(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bad = os.fsencode(corpus) + b"/caf\xe9.csv"   # latin-1 bytes in the name
    with open(bad, "wb") as f:
        f.write(b"text\nThe regime fell.\n")
    (corpus / "two\nlines.jsonl").write_text('{"text": "The terrorists left."}\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(corpus), "-o", str(out), "--lexicons", "none", "--lexicon", str(LEXICON),
                 "--jobs", "1"]) == 0
    manifest = rows(out / "manifest.csv")
    assert sorted(Path(r["file"]).name for r in manifest) == ["caf\\xe9.csv", "two\\nlines.jsonl"]
    assert {r["status"] for r in manifest} == {"analysed"}
    docs = rows(out / "documents.csv")
    assert sorted(d["doc_id"] for d in docs) == ["caf\\xe9.csv:2", "two\\nlines.jsonl:1"]
    # named directly too
    recs, m = read([os.fsdecode(bad)])
    assert recs[0]["file"].endswith("caf\\xe9.csv") and recs[0]["text"] == "The regime fell."


def test_shown():
    assert shown("plain/name.txt") == "plain/name.txt"
    assert shown("a\nb\tc") == "a\\nb\\tc"
    assert shown(os.fsdecode(b"x\xff")) == "x\\xff"


def test_odd_names_go_into_a_store_and_are_known_there_on_the_next_run(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.fsencode(corpus) + b"/caf\xe9.csv", "wb") as f:
        f.write(b"text\nThe regime fell.\n")
    store = tmp_path / "s.duckdb"
    args = ["analyze", str(corpus), "--store", str(store), *("--lexicons", "none", "--lexicon", str(LEXICON)),
            "--jobs", "1"]
    assert main(args) == 0
    assert main(args) == 0  # the second run finds the file already stored
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    assert [r[0].rsplit("/", 1)[-1] for r in con.execute("SELECT path FROM inputs").fetchall()] == ["caf\\xe9.csv"]
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    statuses = [r[0] for r in con.execute("SELECT status FROM manifest ORDER BY status").fetchall()]
    assert statuses == ["analysed", "duplicate"]


def test_an_error_naming_a_file_with_a_line_break_is_one_line(tmp_path, capsys):
    odd = tmp_path / "two\nlines.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["analyze", str(odd), "-o", str(tmp_path / "o"), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "two\\nlines.csv: no text column among a, b" in err
