"""The compiled scanner (native/, framing_native) against the Python one, in the same run.

    python benchmarks/bench_native.py [--repeat 3] [--no-analyze]

On the AllSides sample (../shared/data/, skipped when absent) and a synthetic corpus (English and
Arabic news-like text, loaded words, quotes, diacritics), prints:

* bare matching: ``Matcher.scan`` over every text, UTF-8 MB per CPU second, for the Python scanner
  and the native one, and their ratio (best of ``--repeat`` rounds, so other work on the machine
  counts as little as it can);
* the whole ``framing analyze FILE -o DIR --jobs 1`` with each core (FRAMING_CORE), a fresh
  process each, CPU seconds (user + system of the child).

The native core replaces the scan only; reading, segmentation and the context stage are Python, so
the whole analysis gains much less than the scan does.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.lexicon import load_lexicon, shipped_names, with_context_entries  # noqa: E402
from framing.match import Matcher, native_module  # noqa: E402

ALLSIDES = ROOT.parent / "shared" / "data" / "allsides-sample" / "articles.jsonl.gz"
FILLER = ("the and of to in said on for that with was by he it at from officials government people week "
          "year city police report told reporters minister country after before while under").split()
ARABIC = ["و", "في", "قالت", "الحكومة", "إن", "الاحتلال", "للاحتلال", "مسلحين", "إرهابيين", "الشَّعب", "اليـوم"]


def synthetic(n: int = 2000, seed: int = 7) -> list[str]:
    """``n`` documents of 150-600 words: filler, the shipped lexicons' terms (as written, capitalised,
    in capitals), curly quotes and dashes; one in ten in Arabic with marks and tatweel."""
    rng = random.Random(seed)
    lexicon = load_lexicon(shipped_names())
    terms = [e.forms[0].rstrip("*") for e in lexicon.entries if e.lang == "en"]
    docs = []
    for i in range(n):
        words = []
        arabic = i % 10 == 0
        for _ in range(rng.randint(150, 600)):
            r = rng.random()
            if arabic:
                words.append(rng.choice(ARABIC))
            elif r < 0.06:
                t = rng.choice(terms)
                words.append(rng.choice([t, t.title(), t.upper(), f"\u201c{t}\u201d"]))
            else:
                w = rng.choice(FILLER)
                words.append(w + rng.choice(["", "", "", ",", ".", " \u2014", "'s"]))
        docs.append(" ".join(words))
    return docs


def allsides() -> list[str] | None:
    if not ALLSIDES.exists():
        return None
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] or "" for line in f]


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def bare(matcher: Matcher, texts: list[str], repeat: int) -> dict[str, float]:
    """MB/s of each scanner (best of ``repeat``); checks on the way that both find the same."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = {"python": float("inf"), "native": float("inf")}
    for _ in range(repeat):
        for name, scan in (("python", matcher.scan_python), ("native", matcher.scan)):
            start = cpu()
            for t in texts:
                scan(t)
            best[name] = min(best[name], cpu() - start)
    return {name: mb / max(sec, 1e-9) for name, sec in best.items()}


def analyze(path: Path, core: str) -> float:
    """CPU seconds of ``framing analyze PATH -o DIR --jobs 1`` with ``core``, in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "framing", "analyze", str(path), "-o", str(Path(tmp) / "out"),
                        "--jobs", "1"], check=True, cwd=tmp, stdout=subprocess.DEVNULL,
                       env={**os.environ, "FRAMING_CORE": core})
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="rounds of bare matching (the best counts)")
    ap.add_argument("--no-analyze", action="store_true", help="bare matching only")
    opts = ap.parse_args(argv)
    native = native_module()
    if native is None:
        print("framing_native is not built: pip install ./native", file=sys.stderr)
        return 2
    matcher = Matcher(with_context_entries(load_lexicon(shipped_names())))
    matcher.core = "native"
    corpora = {"allsides": allsides(), "synthetic": synthetic()}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'corpus':10} {'docs':>6} {'MB':>6} {'python MB/s':>12} {'native MB/s':>12} {'ratio':>6}"
              + ("" if opts.no_analyze else f" {'analyze python s':>17} {'analyze native s':>17} {'ratio':>6}"))
        for name, texts in corpora.items():
            if texts is None:
                print(f"{name:10} (not there: {ALLSIDES})")
                continue
            mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
            speed = bare(matcher, texts, opts.repeat)
            line = (f"{name:10} {len(texts):>6} {mb:>6.1f} {speed['python']:>12.1f} {speed['native']:>12.1f} "
                    f"{speed['native'] / speed['python']:>5.1f}x")
            if not opts.no_analyze:
                path = ALLSIDES if name == "allsides" else Path(tmp) / f"{name}.jsonl"
                if name != "allsides":
                    path.write_text("".join(json.dumps({"id": f"s{i}", "source": f"outlet{i % 5}", "text": t},
                                                       ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
                                    encoding="utf-8")
                py, nat = analyze(path, "python"), analyze(path, "native")
                line += f" {py:>17.1f} {nat:>17.1f} {py / nat:>5.2f}x"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
