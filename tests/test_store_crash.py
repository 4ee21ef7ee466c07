"""A store killed (SIGKILL) at any stage of ``analyze --store`` keeps its previous results, and the
same command run again gives exactly the store of a run that was never killed.

Each case runs the CLI in a child process whose ``framing.store._stage`` hook sends SIGKILL to the
process itself when the run reaches the chosen stage (the n-th time): a real kill, with no cleanup
code run, at a chosen point."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys

import duckdb
import pytest

from framing.cli import main
from framing.store import load_analysis

from test_store import assert_same, corpus, lexicon  # noqa: F401  (fixtures)

DRIVER = """
import os, signal, sys
import framing.analyze, framing.store
from framing.cli import main
stage, nth = sys.argv[1], int(sys.argv[2])
framing.store._BATCH_ROWS = 40        # many batches, each committed
framing.analyze._CHUNK_CHARS = 3_000
seen = []
def kill_at(name):
    if name == stage:
        seen.append(name)
        if len(seen) == nth:
            os.kill(os.getpid(), signal.SIGKILL)
framing.store._stage = kill_at
sys.exit(main(sys.argv[3:]))
"""
# tables compared row for row, ordered by seq (or their key), without the columns that hold times
TABLES = {"documents": "seq", "texts": "input_id, doc_id", "hits": "seq", "attributions": "seq",
          "examples": "seq", "manifest": "seq", "lexicon": "position", "categories": "id", "meta": "key",
          "inputs": "input_id", "runs": "run_id"}
TIMES = {"runs": ("started", "finished", "seconds", "command"), "meta": ()}


def dump(store) -> dict:
    with duckdb.connect(str(store), read_only=True) as con:
        out = {}
        for table, order in TABLES.items():
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in TIMES.get(table, ())]
            out[table] = con.execute(f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in cols)} "
                                     f"FROM {table} ORDER BY {order}").fetchall()
        return out


def cli(*args) -> int:
    return main([str(a) for a in args])


def killed(stage: str, nth: int, *args) -> None:
    proc = subprocess.run([sys.executable, "-c", DRIVER, stage, str(nth), *map(str, args)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, f"stage {stage} #{nth} not reached: {proc.returncode} {proc.stderr}"


def analysis_args(*inputs, extra=()):
    return ["analyze", *inputs, "--jobs", "1", *extra]


def _scenario(name, corpus, data_dir):
    """(prepare the store, the command that is killed) of each scenario."""
    a, b = corpus / "a.jsonl", corpus / "b.jsonl"
    mini = ["--lexicons", "none", "--lexicon", data_dir / "mini_lexicon.tsv"]
    if name == "add":
        return [analysis_args(a)], analysis_args(a, b, corpus / "folder"), None
    if name == "rebuild":  # another lexicon, every stored file removed
        return [analysis_args(a, b)], analysis_args(b, extra=[*mini, "--rebuild"]), None
    if name == "changed":  # a.jsonl's bytes change: its old results are replaced

        def change():
            lines = a.read_text(encoding="utf-8").splitlines()
            a.write_text("\n".join(lines[5:25]) + "\n", encoding="utf-8")
        return [analysis_args(a, b)], analysis_args(a, b), change
    raise AssertionError(name)


@pytest.mark.parametrize("scenario, stage, nth", [
    ("add", "registered", 1), ("add", "batch", 2),
    ("rebuild", "batch", 1), ("rebuild", "written", 1), ("rebuild", "committing", 1),
    ("changed", "batch", 1), ("changed", "committing", 1),
])
def test_a_kill_at_any_stage_keeps_the_previous_results(tmp_path, corpus, data_dir, scenario, stage, nth, capsys):
    before, command, change = _scenario(scenario, corpus, data_dir)
    store, clean = tmp_path / "s.duckdb", tmp_path / "clean.duckdb"
    for args in before:
        assert cli(*args, "--store", store) == 0
    if change:
        change()
    shutil.copy(store, clean)
    previous = load_analysis(store)
    previous_tables = dump(store)

    killed(stage, nth, *command, "--store", store)
    stored = load_analysis(store)          # the previous results, as they were
    assert_same(stored, previous)
    assert len(stored.documents) == len(previous.documents) > 0
    after_kill = dump(store)   # the killed run's committed batches may be there, ignored by every reader
    for table in ("lexicon", "categories", "meta"):
        assert after_kill[table] == previous_tables[table], table

    capsys.readouterr()
    assert cli(*command, "--store", store) == 0    # run again ...
    if stage != "registered" or scenario != "add":
        assert "which did not finish: they are removed" in capsys.readouterr().err
    assert cli(*command, "--store", clean) == 0    # ... gives the store of a run never killed
    assert dump(store) == dump(clean)
    assert_same(load_analysis(store), load_analysis(clean))


def test_a_kill_after_the_commit_keeps_the_new_results(tmp_path, corpus, data_dir, capsys):
    before, command, _ = _scenario("rebuild", corpus, data_dir)
    store, clean = tmp_path / "s.duckdb", tmp_path / "clean.duckdb"
    for args in before:
        assert cli(*args, "--store", store) == 0
        assert cli(*args, "--store", clean) == 0
    killed("committed", 1, *command, "--store", store)
    assert cli(*command, "--store", clean) == 0
    assert dump(store) == dump(clean)
    assert len(load_analysis(store).documents) == 30      # b.jsonl alone, found with the mini lexicon
