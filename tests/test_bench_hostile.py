"""benchmarks/bench_hostile.py builds the shapes it names and runs (issue 17, item 15)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_hostile import SHAPES, shape_text  # noqa: E402


def test_shapes():
    for name in SHAPES:
        text = shape_text(name, 20_000)
        assert 20_000 <= len(text) < 40_000, name
        assert shape_text(name, 20_000) == text  # deterministic
    for name in ("loaded", "arabic", "quotes", "speech"):
        body = shape_text(name, 20_000).split("\n\n", 1)[1]
        assert "." not in body and "\n" not in body.strip(), name  # no sentence end, one line
    assert shape_text("quotes", 20_000).count('"') > 2_000
    assert shape_text("one-line", 20_000).strip().count("\n") == 0
    assert shape_text("dump", 40_000).count(", 2021\n") == 100


def test_the_script_runs_and_prints_ratios(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_hostile.py"), "--shapes", "filler",
                           "--scale", "0.01", "--keep", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].split()[-4:] == ["time", "x", "mem", "x"] and lines[1].startswith("filler")
    assert len(lines[1].split()) == 11
