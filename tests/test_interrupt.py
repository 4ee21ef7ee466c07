"""Interrupting a run (framing.interrupt): Ctrl-C and SIGTERM at any stage exit 130 / 143 after the
same cleanup (no partial file, no temporary file, no traceback); Ctrl-C to the whole process group
stops a worker pool busy on a large chunk at once; what a SIGKILL leaves is removed by the next run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import framing.analyze
import framing.core
import framing.report
from framing.cli import main

DATA = Path(__file__).resolve().parent / "data"
MINI = ["--lexicons", "none", "--lexicon", str(DATA / "mini_lexicon.tsv"), "--jobs", "1"]


def _corpus(path: Path, n: int = 40) -> Path:
    outlets = ("Outlet A", "Outlet B")
    path.write_text("".join(json.dumps({
        "id": f"d{i}", "outlet": outlets[i % 2], "date": f"2021-{1 + i % 12:02d}-03",
        "title": f"Report {i}", "text": ("The terrorists attacked the town. " if i % 3 else "The occupation goes on. ")
        + "Officials said the occupation forces left. " * (1 + i % 4)}) + "\n" for i in range(n)), encoding="utf-8")
    return path


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _signal_at(monkeypatch, module, name, signum, nth=1):
    """Send ``signum`` to this process on the ``nth`` call of ``module.name`` (before it runs)."""
    real, calls = getattr(module, name), []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == nth:
            os.kill(os.getpid(), signum)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def _pdf_page_hook(monkeypatch, signum):
    from reportlab.platypus import SimpleDocTemplate

    real = SimpleDocTemplate.handle_pageBegin

    def begin(self):
        if self.page == 1:   # the second page begins: half of the PDF is in the temporary file
            os.kill(os.getpid(), signum)
        return real(self)

    monkeypatch.setattr(SimpleDocTemplate, "handle_pageBegin", begin)


@pytest.mark.parametrize("stage, signum, code", [
    ("analysis", signal.SIGINT, 130),
    ("charts", signal.SIGINT, 130),
    ("pdf", signal.SIGINT, 130),
    ("pdf", signal.SIGTERM, 143),
    ("analysis", signal.SIGTERM, 143),
])
def test_report_stopped_at_any_stage_leaves_no_partial_pdf(tmp_path, monkeypatch, capsys, stage, signum, code):
    src = _corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.pdf").write_bytes(b"%PDF an earlier report")
    if stage == "analysis":
        _signal_at(monkeypatch, framing.core, "analyse_document", signum, nth=20)
    elif stage == "charts":
        _signal_at(monkeypatch, framing.report, "save_figure", signum, nth=1)
    else:
        _pdf_page_hook(monkeypatch, signum)
    assert main(["report", str(src), *MINI, "--sections", "summary,voice,methods", "-o", str(out / "r.pdf")]) == code
    err = capsys.readouterr().err
    assert err.strip() == ("interrupted" if signum == signal.SIGINT else "stopped by SIGTERM")
    assert (out / "r.pdf").read_bytes() == b"%PDF an earlier report"     # the earlier report, untouched
    assert [n for n in _files(out) if n.endswith(".part") or n.startswith(".")] == []
    assert signal.getsignal(signal.SIGTERM) is not None   # main restored the handler it replaced


def test_sigterm_during_analyze_cleans_up_like_ctrl_c(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(framing.analyze, "_CHUNK_CHARS", 2_000)
    src = _corpus(tmp_path / "in.jsonl", 200)
    _signal_at(monkeypatch, framing.core, "analyse_document", signal.SIGTERM, nth=120)
    assert main(["analyze", str(src), *MINI, "-o", str(tmp_path / "out")]) == 143
    assert capsys.readouterr().err.strip() == "stopped by SIGTERM"
    assert _files(tmp_path / "out") == []       # hits.csv was being streamed: not left, nor its .part


# ----------------------------------------------------------------------------- the process group

DRIVER = """
import sys
from framing.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _big_corpus(path: Path) -> Path:
    """Two chunks of one large document each, so that every worker is busy for seconds."""
    sentence = "The terrorists said the occupation forces had left the town, officials said. "
    path.write_text("".join(json.dumps({"id": f"big{i}", "outlet": "A", "text": sentence * 30_000}) + "\n"
                            for i in range(4)), encoding="utf-8")
    return path


def _workers_running(pid: int, n: int, timeout: float) -> bool:
    """Whether ``pid`` has at least ``n`` child processes using the CPU."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return False
        if len(children) >= n:
            time.sleep(1.0)   # they have taken a chunk each
            return True
        time.sleep(0.1)
    return False


PROC_CHILDREN = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists()


@pytest.mark.skipif(not PROC_CHILDREN, reason="needs /proc/PID/task/PID/children (Linux)")
@pytest.mark.parametrize("signum, code, to", [(signal.SIGINT, 130, "-o"), (signal.SIGTERM, 143, "-o"),
                                             (signal.SIGINT, 130, "--store")])
def test_a_signal_to_the_process_group_stops_a_busy_pool_at_once(tmp_path, signum, code, to):
    src = _big_corpus(tmp_path / "big.jsonl")
    out = tmp_path / "out"
    target = out if to == "-o" else tmp_path / "s.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, "analyze", str(src), "--lexicons", "none", "--lexicon",
                             str(DATA / "mini_lexicon.tsv"), "--jobs", "2", to, str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert _workers_running(proc.pid, 2, 60), "the pool did not start"
        sent = time.monotonic()
        os.killpg(proc.pid, signum)        # as a terminal's Ctrl-C does: every process of the group
        _, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == code, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert took < 15
    assert _files(out) == []
    if to == "--store":   # the run was discarded: the store holds nothing
        import duckdb

        with duckdb.connect(str(target), read_only=True) as con:
            assert con.execute("SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM documents)").fetchall() \
                == [(0,)]


@pytest.mark.skipif(not PROC_CHILDREN, reason="needs /proc/PID/task/PID/children (Linux)")
def test_what_a_sigkill_leaves_is_removed_by_the_next_run(tmp_path):
    src = _big_corpus(tmp_path / "big.jsonl")
    out = tmp_path / "out"
    argv = ["analyze", str(src), "--lexicons", "none", "--lexicon", str(DATA / "mini_lexicon.tsv"), "--jobs", "2",
            "-o", str(out)]
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert _workers_running(proc.pid, 2, 60)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    left = _files(out)
    assert left and all(n.startswith(".") and n.endswith(".part") for n in left)   # hits.csv, attributions.csv
    small = _corpus(tmp_path / "small.jsonl")
    assert main(["analyze", str(small), *MINI, "-o", str(out)]) == 0
    assert [n for n in _files(out) if n.endswith(".part")] == []


# (SIGINT takes DuckDB about ten seconds to act on in such a query, SIGTERM none: the path taken
# once DuckDB raises is the same, so the test sends SIGTERM)
@pytest.mark.parametrize("signum, code, message", [(signal.SIGTERM, 143, "stopped by SIGTERM")])
def test_a_signal_during_a_store_query_is_an_interruption_not_an_internal_error(tmp_path, monkeypatch, capsys,
                                                                               signum, code, message):
    """DuckDB turns a signal that arrives during a query into RuntimeError("Query interrupted")."""
    import threading

    import framing.store

    src = _corpus(tmp_path / "in.jsonl")
    store = tmp_path / "s.duckdb"
    assert main(["analyze", str(src), *MINI, "--store", str(store)]) == 0
    real = framing.store._frame

    def slow_query(con, *args, **kwargs):
        threading.Timer(0.3, os.kill, (os.getpid(), signum)).start()
        con.execute("SELECT count(*) FROM range(100000000000)").fetchall()   # stopped by the signal
        return real(con, *args, **kwargs)

    monkeypatch.setattr(framing.store, "_frame", slow_query)
    capsys.readouterr()
    assert main(["report", "--store", str(store), "-o", str(tmp_path / "r.pdf")]) == code
    assert capsys.readouterr().err.strip() == message
    assert not (tmp_path / "r.pdf").exists()
