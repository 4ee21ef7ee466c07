"""Time and memory of `framing analyze` on hostile text shapes, each at a size and at twice that size.

    python benchmarks/bench_hostile.py [--scale 1.0] [--shapes loaded,quotes,...] [--keep DIR]

A tool that reads texts from the web meets pages no news writer wrote: a list of loaded words
without a full stop, a page of quotations or of chained speech verbs with no sentence end, a
5 MB article, a dump of 30,000 short articles, a whole article on one line, a dump made of filler.
Issue 17 asks that time and memory grow linearly with the document's length whatever its shape:
each doubling of the input should about double the time (ratio ~2) and leave memory flat or
growing with the text (which is held whole for a .txt dump).

Each shape is written as a .txt file (the pasted-dump reader: segmentation, then matching and the
context stage, with the shipped English and Arabic lexicons) at ``size`` and ``2 x size``; each run
is a fresh process (``framing analyze FILE -o DIR --jobs 1``), timed, its peak resident memory read
from the kernel (ru_maxrss). Printed: CPU seconds (user + system, so that other work on the machine
does not count; less the start-up time of a run on 1,000 characters of the same shape) and MB at
both sizes, and the ratios. ``--scale``
multiplies every size (0.1 for a quick look); the sizes at scale 1 are those the issue names
(700 KB of loaded words, 200 KB of quotations and of speech verbs, a 5 MB article, 30,000
articles). Timings share the machine's cores with whatever else runs: look at the ratios.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

LOADED = ["terrorists", "regime", "militants", "massacre", "thugs", "occupation", "extremists", "the", "and",
          "slaughter", "puppet", "jihadists", "of", "brutal"]
ARABIC = ["إرهابيين", "مسلحين", "مرتزقة", "ميليشيات", "و", "في", "قالت", "الحكومة", "إن", "الاحتلال"]
QUOTED = ["terrorists", "regime", "peace", "thugs", "liberation", "martyrs", "Israel", "freedom fighters"]
SPEECH = ["he said", "they claimed", "officials told reporters", "she added that", "the regime said",
          "terrorists, he insisted,", "according to the ministry", "sources alleged", "it was reported that"]
SENTENCES = ["The regime said the militants attacked the town on Tuesday.",
             'Officials told reporters that "terrorists" were behind the attack.',
             "Residents described a massacre, he said, and called for an inquiry.",
             "Peace talks resumed in the capital after a week of delays.",
             "The occupation forces did not comment on the report.",
             "Analysts said the so-called buffer zone would not hold."]


def _words(r: random.Random, vocab: list[str], chars: int, sep: str = " ") -> str:
    out, size = [], 0
    while size < chars:
        w = r.choice(vocab)
        out.append(w)
        size += len(w) + len(sep)
    return sep.join(out)


def shape_text(name: str, chars: int) -> str:
    """The text of one shape, about ``chars`` characters long (deterministic)."""
    r = random.Random(17)
    if name == "loaded":        # loaded words, no full stop, no line break
        return "Loaded words\n\n" + _words(r, LOADED, chars) + "\n"
    if name == "arabic":        # Arabic loaded words without a full stop, a "so-called" marker at the end
        return "كلمات\n\n" + _words(r, ARABIC, chars) + " الدولة المزعومة\n"
    if name == "quotes":        # quotations without a sentence end
        return "Quotations\n\n" + _words(r, [f'"{w}"' for w in QUOTED] + ["and", "or", "then"], chars) + "\n"
    if name == "speech":        # chained speech verbs without a sentence end
        return "Speech verbs\n\n" + _words(r, SPEECH + ["the terrorists", "the regime"], chars) + "\n"
    if name == "article":       # one long article: sentences in paragraphs
        paras, size = [], 0
        while size < chars:
            p = " ".join(r.choice(SENTENCES) for _ in range(r.randint(2, 6)))
            paras.append(p)
            size += len(p) + 2
        return "One very long article\n\nBy Staff Writer\n\nMarch 3, 2021\n\n" + "\n\n".join(paras) + "\n"
    if name == "one-line":      # one article on one line
        return " ".join(r.choice(SENTENCES) for _ in range(chars // 60)) + "\n"
    if name == "dump":          # many short articles, each with a title and a date line
        n = max(1, chars // 400)
        out = []
        for i in range(n):  # each article its own: a place name of its own in every sentence
            place = "".join(r.choice("bcdfghklmnprstvz") + r.choice("aeiou") for _ in range(4)).title()
            body = " ".join(r.choice(SENTENCES).replace("the town", place).replace("the capital", place)
                            .replace("the report", f"the {place} report") for _ in range(6))
            out.append(f"Article number {i} about {place}\n\nMarch {1 + i % 28}, 2021\n\n{body}\n")
        return "\n\n".join(out)
    if name == "filler":        # filler blocks and items too short to be articles
        out, size, i = [], 0, 0
        while size < chars:
            out.append("Related Videos" if i % 3 == 0 else f"Short item {i} title\n\nRead more: item {i}")
            size += len(out[-1]) + 2
            i += 1
        return "\n\n".join(out) + "\n"
    raise ValueError(name)


# (shape, characters at scale 1)
SHAPES = {"loaded": 350_000, "arabic": 350_000, "quotes": 100_000, "speech": 100_000, "article": 2_500_000,
          "one-line": 2_500_000, "dump": 6_000_000, "filler": 1_000_000}

_CHILD = r"""
import json, resource, sys, time
t = time.perf_counter()
from framing.cli import main
code = main(["analyze", sys.argv[1], "-o", sys.argv[2], "--jobs", "1"])
use = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"code": code, "wall": time.perf_counter() - t, "seconds": use.ru_utime + use.ru_stime,
                  "mb": use.ru_maxrss / 1024}))
"""


def run_one(path: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(out)], capture_output=True, text=True)
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise SystemExit(f"the run on {path} failed:\n{done.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated, of: " + ", ".join(SHAPES))
    ap.add_argument("--keep", metavar="DIR", help="write the inputs and outputs here (default: a temporary folder)")
    args = ap.parse_args(argv)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep or tmp)
        base.mkdir(parents=True, exist_ok=True)
        print(f"{'shape':10} {'size':>10} {'s':>8} {'MB':>7} | {'2x size':>10} {'s':>8} {'MB':>7} | "
              f"{'time x':>6} {'mem x':>6}")
        for name in shapes:
            chars = int(SHAPES[name] * args.scale)
            results = []
            base_path = base / f"{name}-0.txt"  # start-up (imports, lexicons), subtracted from both times
            base_path.write_text(shape_text(name, 1000), encoding="utf-8")
            start_up = run_one(base_path, base / f"{name}-0-out")["seconds"]
            for k, size in enumerate((chars, 2 * chars)):
                path = base / f"{name}-{k + 1}.txt"
                path.write_text(shape_text(name, size), encoding="utf-8")
                results.append((path.stat().st_size, run_one(path, base / f"{name}-{k + 1}-out")))
            (s1, r1), (s2, r2) = results
            for r in (r1, r2):
                r["seconds"] = max(r["seconds"] - start_up, 0.01)
            print(f"{name:10} {s1 / 1e3:>8.0f}KB {r1['seconds']:>8.2f} {r1['mb']:>7.0f} | {s2 / 1e3:>8.0f}KB "
                  f"{r2['seconds']:>8.2f} {r2['mb']:>7.0f} | {r2['seconds'] / r1['seconds']:>6.2f} "
                  f"{r2['mb'] / r1['mb']:>6.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
