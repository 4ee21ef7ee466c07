"""The benchmark scripts' floor switch (benchmarks/no_context.py) keeps working: it is what the floor
figures in the README measure."""
import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_context_runs_analyze_without_the_context_stage(tmp_path, data_dir):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "no_context.py"), "analyze",
                           str(data_dir / "mini_corpus.jsonl"), "--lexicons", "none",
                           "--lexicon", str(data_dir / "mini_lexicon.tsv"), "-o", str(out), "--jobs", "1"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    hits = list(csv.DictReader((out / "hits.csv").open(encoding="utf-8")))
    # The hand count of test_cli.py (7) plus the two neutral senses of s2, which no context stage drops;
    # every hit is read as the outlet's own, loaded, plain use, and no attribution verb is found.
    assert len(hits) == 9
    assert {(h["voice"], h["sense"], h["negated"], h["scare_quote"]) for h in hits} == {("own", "loaded", "false", "false")}
    assert not list(csv.DictReader((out / "attributions.csv").open(encoding="utf-8")))
