"""Reproducibility (issue 10): the same inputs and options give byte-identical CSV tables across
runs and across 1 and 2 worker processes, on a corpus that is cut into many chunks."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import framing.analyze as analyze
from framing.cli import main

SENTENCES = [
    "The regime's forces shelled the town at dawn, residents said.",
    "Officials described the fighters as terrorists in a statement.",
    "\u201cThey are so-called peacekeepers,\u201d a spokesman said.",
    "The occupation forces withdrew after two days of talks.",
    "Militias plundered the warehouse, according to farmers.",
    "The government did not comment on the clashes.",
    "Aid groups said the convoy reached the city on Tuesday.",
    "The ministry called it a terrorist attack, not a protest.",
    "\u0642\u0627\u0644\u062a \u0642\u0648\u0627\u062a \u0627\u0644\u0627\u062d\u062a\u0644\u0627\u0644 \u0625\u0646 \u0627\u0644\u0647\u062c\u0648\u0645 \u0648\u0642\u0639 \u0635\u0628\u0627\u062d\u0627.",
    "Analysts doubted the regime would accept the terms.",
]
OUTLETS = ["North Herald", "South Post", "Wire", "East Daily"]


def _corpus(d: Path, n_docs: int = 240) -> list[str]:
    rng = random.Random(7)
    d.mkdir()
    with open(d / "articles.jsonl", "w", encoding="utf-8") as f:
        for i in range(n_docs):
            text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 12)))
            f.write(json.dumps({"id": f"a{i}", "outlet": OUTLETS[i % 4], "title": f"Story {i}",
                                "date": f"2021-{i % 12 + 1:02d}-{i % 27 + 1:02d}", "text": text},
                               ensure_ascii=False) + "\n")
    rows = ["id,outlet,date,text"]
    for i in range(60):
        text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 8))).replace('"', '""')
        rows.append(f'c{i},{OUTLETS[i % 4]},{i % 28 + 1:02d}/0{i % 9 + 1}/2022,"{text}"')
    (d / "export.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8"))
    return [str(d / "articles.jsonl"), str(d / "export.csv")]


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of ~2,000 characters, so that a few hundred documents make dozens of chunks."""
    monkeypatch.setattr(analyze, "_CHUNK_CHARS", 2000)
    counts = {"chunks": 0, "pools": 0}
    real_chunked, real_context = analyze.chunked, analyze.get_context

    def counting_chunked(records, max_chars=None):
        for chunk in real_chunked(records, max_chars):
            counts["chunks"] += 1
            yield chunk

    def counting_context(*args):
        counts["pools"] += 1
        return real_context(*args)

    monkeypatch.setattr(analyze, "chunked", counting_chunked)
    monkeypatch.setattr(analyze, "get_context", counting_context)
    return counts


def _tables(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def test_analyze_tables_are_byte_identical_across_runs_and_jobs(tmp_path, small_chunks, capsys):
    inputs = _corpus(tmp_path / "in")
    runs = {}
    for name, jobs in [("one", "1"), ("again", "1"), ("two", "2")]:
        before = small_chunks["chunks"]
        code = main(["analyze", *inputs, "-o", str(tmp_path / name), "--jobs", jobs])
        assert code == 0, capsys.readouterr().err
        assert small_chunks["chunks"] - before > 20
        runs[name] = _tables(tmp_path / name)
    assert small_chunks["pools"] == 1  # the --jobs 2 run really used worker processes
    assert {"documents.csv", "hits.csv", "manifest.csv", "rates_by_outlet.csv"} <= set(runs["one"])
    hits = runs["one"]["hits.csv"].decode("utf-8").splitlines()
    assert len(hits) > 500
    for name in ("again", "two"):
        assert runs[name].keys() == runs["one"].keys()
        for table, data in runs["one"].items():
            assert runs[name][table] == data, f"{table} differs between run 'one' and run '{name}'"


def test_compare_statistics_are_identical_across_jobs(tmp_path, small_chunks, capsys):
    inputs = _corpus(tmp_path / "in", n_docs=120)
    runs = {}
    for name, jobs in [("one", "1"), ("two", "2")]:
        code = main(["compare", *inputs, "--by", "outlet", "--boot", "200", "--charts", "none",
                     "-o", str(tmp_path / name), "--jobs", jobs])
        assert code == 0, capsys.readouterr().err
        runs[name] = _tables(tmp_path / name)
    assert "rates.csv" in runs["one"] and "manifest.csv" in runs["one"]
    assert runs["two"] == runs["one"]


HASH_PROBE = """
import json, sys
from framing.analyze import analyse_document
from framing.lexicon import load_lexicon
from framing.match import Matcher
text = sys.argv[1]
rec = {"doc_id": "p", "outlet": "o", "date": None, "title": "", "author": "", "lang": "en", "text": text,
       "source": "", "file": "f", "line": 1, "format": "jsonl"}
_, hits, atts, _ = analyse_document(rec, Matcher(load_lexicon()), keep_neutral=True)
print(json.dumps([[h[6], h[13], h[17]] for h in hits] + [[a[5], a[7]] for a in atts]))
"""


def test_same_readings_whatever_the_hash_seed():
    """Python randomises the order of sets of strings per process (PYTHONHASHSEED); no reading may
    depend on it. The entry is "concentration camps" and the text says "concentration camp
    survivor": the neutral cue must be found for every order of the term's forms (it once depended
    on which form a set gave first)."""
    import os
    import subprocess
    import sys

    text = ("He had a small role in a 2007 film about a concentration camp survivor. "
            "Officials said the regime's so-called security zone was an occupation, residents claimed.")
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", HASH_PROBE, text], env=env, capture_output=True, text=True,
                             check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1
    readings = json.loads(outputs.pop())
    assert ["concentration camp", "own", "neutral"] in readings
