"""Outputs (framing.output): CSV cells that a spreadsheet would run are neutralised, outputs never
replace an input or a special file, and a full disk costs one line and no earlier file."""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from framing.cli import main

DATA = Path(__file__).resolve().parent / "data"
LEXICON = DATA / "mini_lexicon.tsv"
MINI = ["--lexicons", "none", "--lexicon", str(LEXICON), "--jobs", "1"]

# cells a spreadsheet would run, each beginning with one of = + - @ tab CR, in every text field
HOSTILE = [
    {"id": "=1+2", "outlet": "=HYPERLINK(\"http://x.invalid\",\"Outlet\")", "title": "+SUM(A1:A9)",
     "author": "@author", "date": "2021-03-04", "text": "The terrorists attacked. Nothing else happened."},
    {"id": "-7", "outlet": "\tTabbed", "title": "\rCarriage", "author": "-dash",
     "date": "2021-03-05", "text": "terrorists, said nobody. The occupation goes on."},
    {"id": "plain", "outlet": "Plain Outlet", "title": "A - title", "author": "Someone",
     "date": "2021-03-06", "text": "An occupation of the square."},
]


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "=cmd.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE), encoding="utf-8")
    return path


def _read(path):
    return pd.read_csv(path, keep_default_na=False, dtype=str)


def test_csv_cells_that_would_run_as_formulas_get_a_quote(tmp_path, hostile):
    assert main(["analyze", str(hostile), *MINI, "-o", str(tmp_path / "out")]) == 0
    docs = _read(tmp_path / "out" / "documents.csv")
    assert list(docs["doc_id"]) == ["'=1+2", "'-7", "plain"]
    # (the readers strip the tab and the carriage return at the start of a field)
    assert list(docs["outlet"]) == ["'=HYPERLINK(\"http://x.invalid\",\"Outlet\")", "Tabbed", "Plain Outlet"]
    assert list(docs["title"]) == ["'+SUM(A1:A9)", "Carriage", "A - title"]
    assert list(docs["author"]) == ["'@author", "'-dash", "Someone"]
    assert list(docs["words"]) == ["6", "7", "5"]           # numbers are not touched
    hits = _read(tmp_path / "out" / "hits.csv")
    assert sorted(hits["doc_id"]) == ["'-7", "'-7", "'=1+2", "plain"]
    assert set(hits["file"]) == {str(hostile)}
    rates = _read(tmp_path / "out" / "rates_by_outlet.csv")
    assert "'=HYPERLINK(\"http://x.invalid\",\"Outlet\")" in set(rates["outlet"])
    manifest = _read(tmp_path / "out" / "manifest.csv")
    assert set(manifest["doc_id"]) == {"'=1+2", "'-7", "plain"}
    # no cell of any table begins with a formula character
    for name in ("documents", "hits", "rates_by_outlet", "rates_by_period", "manifest", "attributions"):
        for col, values in _read(tmp_path / "out" / f"{name}.csv").items():
            bad = [v for v in values if v[:1] in ("=", "+", "@", "\t", "\r")
                   or (v[:1] == "-" and not _number(v))]
            assert not bad, (name, col, bad)


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def test_csv_raw_writes_the_cells_as_they_are_and_the_store_keeps_them(tmp_path, hostile, capsys):
    assert main(["analyze", str(hostile), *MINI, "--csv-raw", "-o", str(tmp_path / "raw")]) == 0
    docs = _read(tmp_path / "raw" / "documents.csv")
    assert list(docs["doc_id"]) == [r["id"] for r in HOSTILE]
    assert list(docs["title"]) == ["+SUM(A1:A9)", "Carriage", "A - title"]
    assert main(["analyze", str(hostile), *MINI, "--store", str(tmp_path / "s.duckdb")]) == 0
    with duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True) as con:
        assert [r[0] for r in con.execute("SELECT outlet FROM documents ORDER BY seq").fetchall()] == \
            ["=HYPERLINK(\"http://x.invalid\",\"Outlet\")", "Tabbed", "Plain Outlet"]
    capsys.readouterr()
    assert main(["hits", "--store", str(tmp_path / "s.duckdb"), "--format", "csv"]) == 0   # to stdout
    out = capsys.readouterr().out
    assert "'=1+2" in out and "\n=1+2" not in out and ",=1+2" not in out
    assert main(["hits", "--store", str(tmp_path / "s.duckdb"), "--format", "jsonl"]) == 0  # JSON: raw
    assert {json.loads(line)["doc_id"] for line in capsys.readouterr().out.splitlines()} == {"=1+2", "-7", "plain"}


def test_every_formula_start_is_neutralised_and_nothing_else(tmp_path):
    from framing.output import write_csv

    cells = ["=1", "+1", "-x", "@a", "\tt", "\rr", "a=1", " =1", "", "plain", "'=already"]
    write_csv(tmp_path / "t.csv", pd.DataFrame({"cell": cells, "n": range(len(cells)), "f": [-1.5] * len(cells)}))
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False, dtype=str)
    assert list(back["cell"]) == ["'=1", "'+1", "'-x", "'@a", "'\tt", "'\rr", "a=1", " =1", "", "plain", "'=already"]
    assert set(back["f"]) == {"-1.5"}


# ----------------------------------------------------------------------------- outputs that are inputs

def _tree(tmp_path):
    """Everything under tmp_path: name -> bytes (to show that nothing was written)."""
    return {str(p.relative_to(tmp_path)): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("argv", [
    ["hits", "{corpus}", "--format", "csv", "-o", "{corpus}"],
    ["hits", "{corpus}", "--format", "csv", "-o", "{link}"],              # the same file through a link
    ["hits", "{corpus}", "--format", "csv", "-o", "{hardlink}"],          # or a hard link
    ["segment", "{dump}", "-o", "{dump}"],
    ["html", "{corpus}", "-o", "{corpus}"],
    ["report", "{folder}", "-o", "{folder}/notes.pdf"],                   # notes.manifest.csv is read by the walk
    ["analyze", "{folder}", "-o", "{folder}"],                            # documents.csv is in the input folder
    ["analyze", "{corpus}", "--store", "{corpus}"],
    ["hits", "--store", "{store}", "--format", "csv", "-o", "{store}"],
    ["hits", "{corpus}", "--lexicon", "{lexicon}", "-o", "{lexicon}"],
])
def test_an_output_that_is_an_input_is_refused_before_anything_is_written(tmp_path, hostile, capsys, argv):
    import os
    import shutil

    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,text\nd1,The terrorists attacked.\nd2,An occupation.\n", encoding="utf-8")
    os.symlink(corpus, tmp_path / "link.csv")
    os.link(corpus, tmp_path / "hard.csv")
    (tmp_path / "dump.txt").write_text("A title\n\nThe terrorists attacked the town.\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(corpus, folder / "a.csv")
    (folder / "documents.csv").write_text("id,text\nx,The occupation.\n", encoding="utf-8")
    (folder / "notes.manifest.csv").write_text("id,text\ny,More terrorists.\n", encoding="utf-8")
    lexicon = tmp_path / "lex.tsv"
    shutil.copy(LEXICON, lexicon)
    store = tmp_path / "s.duckdb"
    assert main(["analyze", str(corpus), *MINI, "--store", str(store)]) == 0
    names = dict(corpus=corpus, link=tmp_path / "link.csv", hardlink=tmp_path / "hard.csv", dump=tmp_path / "dump.txt",
                 folder=folder, store=store, lexicon=lexicon)
    before = _tree(tmp_path)
    capsys.readouterr()
    args = [a.format(**names) for a in argv]
    extra = [] if "--lexicon" in args else ["--lexicons", "none", "--lexicon", str(LEXICON)]
    if args[0] == "segment":
        extra = []
    assert main([*args, *extra, *(["--jobs", "1"] if args[0] != "segment" else [])]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "is one of the inputs" in err and "nothing was written" in err
    assert _tree(tmp_path) == before


def test_every_write_refuses_an_input_even_one_no_command_foresaw(tmp_path):
    from framing.errors import OutputError
    from framing.output import protect_inputs, write_text

    src = tmp_path / "in" / "a.txt"
    src.parent.mkdir()
    src.write_text("the input\n")
    protect_inputs([str(src.parent)])
    try:
        with pytest.raises(OutputError, match="is one of the inputs"):
            write_text(src, "an output")
        write_text(tmp_path / "in" / "chart.png", "not read by the walk: allowed")
        write_text(tmp_path / "in" / ".hidden.csv", "hidden: not read by the walk: allowed")
    finally:
        protect_inputs([])
    assert src.read_text() == "the input\n"


# ----------------------------------------------------------------------------- links, FIFOs and devices

HITS = ["hits", "--format", "csv", *MINI]


def test_an_output_through_a_symbolic_link_replaces_the_file_and_keeps_the_link(tmp_path, hostile):
    import os

    real = tmp_path / "real" / "hits.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "hits.csv"
    os.symlink(real, link)
    assert main([*HITS, str(hostile), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(_read(real)) == 4 and _read(real)["doc_id"].iloc[0] == "'=1+2"
    dangling = tmp_path / "dangling.csv"
    os.symlink(tmp_path / "real" / "new.csv", dangling)
    assert main([*HITS, str(hostile), "-o", str(dangling)]) == 0
    assert dangling.is_symlink() and len(_read(tmp_path / "real" / "new.csv")) == 4
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["hits.csv", "new.csv"]
    assert (tmp_path / "hits.manifest.csv").is_file()          # the manifest goes beside the name given


def test_a_fifo_is_written_through_and_one_nobody_reads_is_refused(tmp_path, hostile, capsys):
    import os
    import threading

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    import time

    time.sleep(0.2)   # the reader has opened the FIFO
    assert main([*HITS, str(hostile), "-o", str(fifo)]) == 0
    reader.join(10)
    assert got and got[0].decode().count("\n") == 5 and got[0].startswith(b'"doc_id"')
    assert "pipe.csv is a FIFO: the output was written into it, not put in its place" in capsys.readouterr().err
    assert main([*HITS, str(hostile), "-o", str(fifo)]) == 2          # nobody reads it now: no hang
    assert "a FIFO that nothing reads" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["=cmd.jsonl", "pipe.csv"]   # no manifest beside it
    assert os.path.exists(fifo) and not fifo.is_file()


ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@pytest.mark.skipif(not ROOT, reason="mknod of a device needs root")
@pytest.mark.parametrize("argv, code, message", [
    (["hits", "--format", "csv"], 0, "is a character device: the output was written into it"),
    (["hits", "--format", "jsonl"], 0, "is a character device: the output was written into it"),
    (["html"], 0, "is a character device: the output was written into it"),
    (["report"], 2, "report also writes its charts (PNG) beside the PDF"),
    (["exercise", "--kind", "spot"], 2, "exercise also writes the answer key beside the PDF"),
    (["analyze"], 2, "a character device, not a folder"),
])
def test_a_device_like_dev_null_is_never_replaced(tmp_path, hostile, capsys, argv, code, message):
    """A copy of /dev/null (character device 1:3) made with mknod, so that a regression cannot
    delete the machine's own /dev/null."""
    import stat

    null = tmp_path / "dev" / "null"
    null.parent.mkdir()
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert main([argv[0], str(hostile), *argv[1:], *MINI, "-o", str(null)]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert os.listdir(null.parent) == ["null"]          # nothing written beside it


@pytest.mark.skipif(not ROOT, reason="mknod of a device needs root")
def test_a_block_device_is_refused(tmp_path, hostile, capsys):
    import stat

    block = tmp_path / "disk"
    os.mknod(block, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    assert main([*HITS, str(hostile), "-o", str(block)]) == 2
    assert "is a block device: framing does not write to it" in capsys.readouterr().err
    assert stat.S_ISBLK(os.stat(block).st_mode)


def test_a_fifo_or_device_as_the_store_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "store.fifo"
    os.mkfifo(fifo)
    for argv in (["analyze", "--demo", "--store", str(fifo)], ["report", "--store", str(fifo)]):
        assert main([*argv, "--jobs", "1"]) == 2        # (DuckDB would wait for a writer for ever)
        assert f"--store {fifo}: a FIFO, not a file: give a file name" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.fifo"]


def test_the_demo_corpus_is_an_input_too():
    """Checked on the parsed arguments alone, so that a regression cannot overwrite the shipped file."""
    from framing.cli import build_parser
    from framing.ingest.readers import demo_path
    from framing.errors import OutputError
    from framing.cli.common import planned_run
    from framing.guard import check_outputs
    from framing.output import protect_inputs

    args = build_parser().parse_args(["hits", "--demo", "--format", "csv", "-o", str(demo_path())])
    try:
        with pytest.raises(OutputError, match="is one of the inputs"):
            check_outputs(planned_run(args))
    finally:
        protect_inputs([])
