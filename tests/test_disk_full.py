"""A full disk while writing the store or an output: one line naming the file, exit 2, the earlier
outputs and the store as they were, and (space freed) the same command gives the tables of a clean
run. On a real small filesystem (a tmpfs mounted for the test: needs root, skipped otherwise; the
monkeypatched ENOSPC cases of tests/test_bad_input.py run everywhere)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import framing.analyze
import framing.store
from framing.cli import main
from framing.store import load_analysis

from test_store import assert_same
from test_store_crash import dump

DATA = Path(__file__).resolve().parent / "data"
MINI = ["--lexicons", "none", "--lexicon", str(DATA / "mini_lexicon.tsv"), "--jobs", "1"]


@pytest.fixture
def small_fs(tmp_path):
    """A 24 MiB tmpfs of its own, unmounted after the test."""
    mount = tmp_path / "fs"
    mount.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(fs: Path, leave: int) -> Path:
    """Fill the filesystem but ``leave`` bytes."""
    st = os.statvfs(fs)
    free = st.f_bavail * st.f_frsize
    filler = fs / "filler"
    with open(filler, "wb") as f:
        f.write(b"\0" * max(0, free - leave))
    return filler


def corpus(path: Path, n: int, words: int = 40) -> Path:
    text = " ".join(["The terrorists said the occupation goes on."] * (words // 7 + 1))
    path.write_text("".join(json.dumps({"id": f"{path.stem}{i}", "outlet": f"Outlet {i % 3}", "date": "2021-05-06",
                                        "text": f"{text} Number {i}."}) + "\n" for i in range(n)), encoding="utf-8")
    return path


def test_disk_full_while_writing_outputs_keeps_the_earlier_ones(small_fs, tmp_path, capsys):
    out = small_fs / "out"
    small = corpus(tmp_path / "small.jsonl", 20)
    assert main(["analyze", str(small), *MINI, "-o", str(out)]) == 0
    assert main(["report", str(small), *MINI, "--sections", "summary,voice", "-o", str(small_fs / "r.pdf")]) == 0
    before = {p.name: p.read_bytes() for p in small_fs.rglob("*") if p.is_file()}
    fill(small_fs, 40_000)
    big = corpus(tmp_path / "small.jsonl", 600)      # the same name: the same outputs, larger
    capsys.readouterr()
    for argv in (["analyze", str(big), *MINI, "-o", str(out)],
                 ["report", str(big), *MINI, "--sections", "summary,voice", "-o", str(small_fs / "r.pdf")]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "cannot write: No space left on device" in err, err
        assert err.startswith(f"error: {small_fs}/")     # names the file
    (small_fs / "filler").unlink()
    after = {p.name: p.read_bytes() for p in small_fs.rglob("*") if p.is_file()}
    assert after == before      # every earlier output intact; no temporary file left


def test_disk_full_while_writing_the_store_keeps_it_and_a_rerun_gives_a_clean_store(small_fs, tmp_path, capsys,
                                                                                     monkeypatch):
    monkeypatch.setattr(framing.store, "_BATCH_ROWS", 200)        # batches committed before the disk fills
    monkeypatch.setattr(framing.analyze, "_CHUNK_CHARS", 20_000)
    store, clean = small_fs / "s.duckdb", tmp_path / "clean.duckdb"
    first = corpus(tmp_path / "first.jsonl", 50)
    assert main(["analyze", str(first), *MINI, "--store", str(store)]) == 0
    shutil.copy(store, clean)
    previous = load_analysis(store)
    filler = fill(small_fs, 1_000_000)  # room for two batches of hits (zone and phrase columns: issue 20)
    big = corpus(tmp_path / "big.jsonl", 1_000, words=120)     # about 0.9 MB of text and 13,000 hits: does not fit
    stages = []
    monkeypatch.setattr(framing.store, "_stage", stages.append)
    capsys.readouterr()
    assert main(["analyze", str(big), *MINI, "--store", str(store)]) == 2
    assert stages.count("batch") >= 2, stages          # the disk filled up midway, after batches were committed
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == (f"error: --store {store}: cannot write: No space left on device: free some space (or choose "
                       "another place) and run again; the store keeps the results it had before this run")
    assert "Traceback" not in "\n".join(err)
    assert_same(load_analysis(store), previous)                   # the store as it was
    filler.unlink()
    assert main(["analyze", str(big), *MINI, "--store", str(store)]) == 0   # space freed: run again
    assert main(["analyze", str(big), *MINI, "--store", str(clean)]) == 0
    assert dump(store) == dump(clean)
