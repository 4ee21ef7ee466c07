"""The per-document core's speed and the main process's share, every ratio measured in one run.

    python benchmarks/bench_core.py [--mb 20] [--repeat 3] [--real JSONL] [--entries 2000]

On the AllSides sample (../shared/data/allsides-sample, the shipped lexicons) and on a synthetic
corpus of ``--mb`` megabytes (bench_pipeline.py's generator and lexicon), prints:

- bare matching: :meth:`framing.match.Matcher.scan` alone over every text, on one core, MB/s of text;
- ``framing analyze CORPUS -o DIR`` and ``framing analyze CORPUS --store FILE`` with ``--jobs 1``:
  MB/s of text, and bare matching's speed as a ratio to it (how many times more the whole per-document
  core costs than matching alone);
- the same with ``--jobs 2``: the speed-up of two jobs over one (2.0 would be perfect; the main process
  and the machine's other work take the rest);
- the main process's share of all the CPU time the command used with two jobs (its own CPU time over
  its own plus its workers'): start-up (imports, the lexicon), reading the input, handing chunks out,
  writing the tables and the statistics after the analysis;
- MB of text per CPU-second (main process and workers), with one job and with two: a speed that the
  machine's other work does not change, where wall-clock speeds and speed-ups only hold on a quiet
  machine.

Each measurement is a fresh process; one-job and two-job runs alternate, ``--repeat`` times, and each
speed-up is taken from a pair of runs next to each other, so that other work on the machine weighs
on both alike. The median of the repeats is printed with their range.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
REAL_NEWS = ROOT.parent / "shared" / "data" / "allsides-sample" / "articles.jsonl.gz"


def child(argv: list[str]) -> int:
    """Run ``framing ARGV`` here and print this process's and its children's CPU seconds (stderr, last line)."""
    from framing.cli import main

    t0 = time.perf_counter()
    code = main(argv)
    wall = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("BENCH " + json.dumps({"wall": wall, "main": me.ru_utime + me.ru_stime,
                                 "workers": kids.ru_utime + kids.ru_stime}), file=sys.stderr)
    return code or 0


def run(args: list) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *map(str, args)], capture_output=True, text=True)
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("BENCH ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"framing {' '.join(map(str, args))} failed:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1][6:])


def texts_of(path: Path) -> list[str]:
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line).get("text") or "" for line in f if line.strip()]


def bare_matching(texts: list[str], lexicon) -> tuple[float, float]:
    """(MB of text, MB/s) of Matcher.scan alone, the best of three passes."""
    from framing.match import Matcher

    matcher = Matcher(lexicon)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for t in texts:
            matcher.scan(t)
        best = min(best, time.perf_counter() - t0)
    return mb, mb / best


def measure(name: str, corpus: Path, texts: list[str], lexicon, lex_args: list, repeat: int, tmp: Path) -> dict:
    mb, bare = bare_matching(texts, lexicon)
    print(f"\n== {name}: {len(texts):,} documents, {mb:.1f} MB of text")
    print(f"bare matching (Matcher.scan, 1 core):        {bare:7.2f} MB/s")
    out = {"bare": bare}
    for mode in ("-o", "--store"):
        one, two, pairs, shares, cpu_one, cpu_two = [], [], [], [], [], []
        for r in range(repeat):
            got = {}
            for jobs in (1, 2):
                where = tmp / f"{name}-{mode.strip('-')}-{jobs}-{r}"
                target = where.with_suffix(".duckdb") if mode == "--store" else where
                got[jobs] = run(["analyze", corpus, mode, target, "--jobs", jobs, *lex_args])
            one.append(mb / got[1]["wall"])
            two.append(mb / got[2]["wall"])
            pairs.append(got[1]["wall"] / got[2]["wall"])
            shares.append(got[2]["main"] / (got[2]["main"] + got[2]["workers"]))
            cpu_one.append(mb / (got[1]["main"] + got[1]["workers"]))
            cpu_two.append(mb / (got[2]["main"] + got[2]["workers"]))
        per_core = statistics.median(one)
        print(f"analyze {mode:7} --jobs 1:                   {per_core:7.2f} MB/s  "
              f"(bare matching is {bare / per_core:.1f}x that)  [{min(one):.2f}-{max(one):.2f}]")
        print(f"analyze {mode:7} --jobs 2:                   {statistics.median(two):7.2f} MB/s  "
              f"2 jobs / 1 job: {statistics.median(pairs):.2f}x [{min(pairs):.2f}-{max(pairs):.2f}]")
        print(f"  main process's share of the CPU (2 jobs):  {statistics.median(shares):7.1%}  "
              f"[{min(shares):.1%}-{max(shares):.1%}]")
        cpu = statistics.median(cpu_one)
        print(f"  by CPU time (what other work on the machine does not change): 1 job {cpu:.2f} MB per CPU-second "
              f"(bare matching is {bare / cpu:.1f}x that), 2 jobs {statistics.median(cpu_two):.2f}")
        out[mode] = {"per_core": per_core, "ratio": bare / per_core, "scaling": statistics.median(pairs),
                     "main_share": statistics.median(shares), "per_cpu_second": cpu}
    return out


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        return child(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20, help="size of the synthetic corpus (default: 20)")
    ap.add_argument("--entries", type=int, default=2000, help="entries of the synthetic lexicon (default: 2000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--real", default=str(REAL_NEWS), help="real news (default: the AllSides sample; skipped when absent)")
    ap.add_argument("--skip-synthetic", action="store_true")
    args = ap.parse_args()
    from bench_pipeline import make_corpus, make_lexicon

    from framing.lexicon import load_lexicon, shipped_names

    with tempfile.TemporaryDirectory(prefix="framing-core-") as d:
        tmp = Path(d)
        real = Path(args.real)
        if real.exists():
            measure("allsides", real, texts_of(real), load_lexicon(), [], args.repeat, tmp)
        else:
            print(f"{real}: absent, real news skipped")
        if not args.skip_synthetic:
            rng = random.Random(args.seed)
            core = [n for n in shipped_names() if n.endswith("/core")]
            lex_path = tmp / "bench_lexicon.tsv"
            make_lexicon(lex_path, max(0, args.entries - len(load_lexicon(core))), rng)
            lexicon = load_lexicon(core, [lex_path])
            terms = sorted({f.rstrip("*") for e in lexicon.entries if e.lang == "en" for f in e.forms})
            corpus = tmp / "synthetic.jsonl"
            make_corpus(corpus, args.mb, terms, random.Random(args.seed))
            measure(f"synthetic {args.mb:g} MB", corpus, texts_of(corpus), lexicon,
                    ["--lexicons", ",".join(core), "--lexicon", lex_path], args.repeat, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
