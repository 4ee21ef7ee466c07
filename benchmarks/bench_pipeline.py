"""Benchmark the matcher and `analyze` against a plain-`re` baseline measured in the same run.

    python benchmarks/bench_pipeline.py [--mb 100] [--entries 2000] [--jobs 2]

Generates a synthetic news-like corpus (JSON Lines, in a temporary folder) and a lexicon of at
least ``--entries`` entries (the shipped lexicons plus generated multi-word terms), then prints:

- matcher: MB/s and documents/s on one core (Aho-Corasick + word-boundary checks);
- baseline: the same lexicon as one case-insensitive alternation in Python's `re`, per document,
  on a sample of the corpus (it is too slow for all of it), and the ratio matcher / baseline;
- segmenter: MB/s of splitting a pasted multi-article dump made of the same articles;
- where the time goes, per core on the baseline's sample: matching, sentence splitting, reading in
  context, and the rest of the per-document work (hit rows, examples), each in MB/s and as a share;
- analyze: the whole command (read JSONL, match, context, tables) with ``--jobs`` workers: MB/s;
- analyze with the context stage switched off (``no_context.py``), the same way: the floor, the
  most any context stage could let ``analyze`` reach with the rest of the pipeline as it is;
- peak resident memory of the analyze run (parent + workers), to compare across corpus sizes.

Targets (issue 3): matcher >= 40 MB/s on one core, analyze >= 15 MB/s with 2 jobs, memory that
does not grow with corpus size beyond the tables.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from framing.lexicon import load_lexicon, shipped_names
from framing.match import Matcher

WORDS = ("the a of to in and said on for with at by from after officials government forces village town "
         "city report reported attack troops military people told sources local region border talks week "
         "statement minister spokesman ceasefire aid convoy fighters province capital oil field base "
         "security council meeting agency residents killed wounded according police vehicles night "
         "morning early late two three several dozen hundreds strike strikes area near north south east west").split()


def make_lexicon(path: Path, n_extra: int, rng: random.Random) -> None:
    header = "id\tlang\tterm\tvariants\tcategory\treferent\tstrength\tneutral\trationale\n"
    rows = []
    seen = set()
    syll = ["ka", "lo", "mer", "tan", "vi", "sor", "del", "bru", "nix", "qua", "zen", "pol", "rak", "ume"]
    while len(rows) < n_extra:
        term = " ".join("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 3)))
        if term in seen:
            continue
        seen.add(term)
        rows.append(f"bench.{len(rows)}\ten\t{term}\t\tintensifier\t\t1\tneutral\tsynthetic benchmark term\n")
    path.write_text(header + "".join(rows), encoding="utf-8")


def make_corpus(path: Path, mb: float, terms: list[str], rng: random.Random) -> int:
    target = int(mb * 1_000_000)
    size = 0
    n = 0
    outlets = [f"Outlet {c}" for c in "ABCDEFGH"]
    with path.open("w", encoding="utf-8") as f:
        while size < target:
            paras = []
            for _ in range(rng.randint(3, 8)):
                sent = []
                for _ in range(rng.randint(3, 6)):
                    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
                    if rng.random() < 0.45:
                        words.insert(rng.randrange(len(words)), rng.choice(terms))
                    s = " ".join(words)
                    if rng.random() < 0.15:
                        s = f'"{s}," the spokesman said'
                    sent.append(s[0].upper() + s[1:] + ".")
                paras.append(" ".join(sent))
            text = "\n\n".join(paras)
            rec = {"id": f"b{n}", "outlet": outlets[n % len(outlets)],
                   "date": f"20{18 + n % 5}-{1 + n % 12:02d}-{1 + n % 28:02d}", "title": f"Story {n}", "text": text}
            line = json.dumps(rec) + "\n"
            f.write(line)
            size += len(line.encode())
            n += 1
    return n


def stage_times(texts: list[str], matcher: Matcher) -> dict[str, float]:
    """Seconds per stage of the per-document work over ``texts``, on one core."""
    import framing.core as analyze
    from framing.context import document_extra_hits, hit_readings, read_document
    from framing.sentences import sentence_spans

    records = [{"text": t, "doc_id": f"d{i}", "outlet": "A", "date": None, "title": "", "author": "", "lang": "en",
                "source": "", "file": "bench", "line": 1, "format": "jsonl"} for i, t in enumerate(texts)]
    for rec in records[:50]:  # warm the caches of the context stage, so that no stage timed pays for it
        analyze.analyse_document(rec, matcher)
    spent = {}
    t0 = time.perf_counter()
    scans = [matcher.scan(t)[0] for t in texts]
    spent["matching"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sentences = [sentence_spans(t) for t in texts]
    spent["sentence splitting"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text, spans, sents in zip(texts, scans, sentences):
        doc = read_document(text, sents)
        hit_readings(doc, spans, matcher.entries)
        document_extra_hits(doc, spans)
    spent["reading in context"] = time.perf_counter() - t0
    # The rest (hit rows, examples): analyse_document with the context stage switched off, less
    # matching and sentence splitting.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from no_context import context_off

    with context_off():
        t0 = time.perf_counter()
        for rec in records:
            analyze.analyse_document(rec, matcher)
        floor = time.perf_counter() - t0
    spent["the rest (hit rows, examples)"] = max(0.0, floor - spent["matching"] - spent["sentence splitting"])
    t0 = time.perf_counter()
    for rec in records:
        analyze.analyse_document(rec, matcher)
    spent["analyse_document, all of it"] = time.perf_counter() - t0
    return spent


def print_stages(texts: list[str], matcher: Matcher) -> None:
    mb = sum(len(t.encode()) for t in texts) / 1e6
    spent = stage_times(texts, matcher)
    total = spent["analyse_document, all of it"]
    print(f"where the time goes, per document on 1 core ({mb:.0f} MB sample):")
    for stage, seconds in spent.items():
        speed = f"{mb / seconds:7.1f} MB/s" if seconds else "      - MB/s"
        print(f"  {stage:32s} {speed}  {seconds / total:4.0%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--entries", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--baseline-mb", type=float, default=5, help="corpus sample for the re baseline")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dump-mb", type=float, default=20, help="size of the pasted dump for the segmenter")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    core = [n for n in shipped_names() if n.endswith('/core')]
    shipped = load_lexicon(core)
    lex_path = tmp / "bench_lexicon.tsv"
    make_lexicon(lex_path, max(0, args.entries - len(shipped)), rng)
    lexicon = load_lexicon(core, [lex_path])
    terms = [f.rstrip("*") for e in lexicon.entries if e.lang == "en" for f in e.forms]
    corpus = tmp / "corpus.jsonl"
    t0 = time.perf_counter()
    n_docs = make_corpus(corpus, args.mb, terms, rng)
    size_mb = corpus.stat().st_size / 1e6
    print(f"corpus: {n_docs:,} documents, {size_mb:.1f} MB (generated in {time.perf_counter() - t0:.1f} s); "
          f"lexicon: {len(lexicon):,} entries, {sum(len(e.forms) for e in lexicon.entries):,} forms")

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    text_mb = sum(len(t.encode()) for t in texts) / 1e6
    matcher = Matcher(lexicon)
    t0 = time.perf_counter()
    n_hits = sum(len(matcher.find(t)) for t in texts)
    dt = time.perf_counter() - t0
    match_mbs = text_mb / dt
    print(f"matcher (1 core):  {match_mbs:7.1f} MB/s  {len(texts) / dt:9.0f} docs/s  ({n_hits:,} hits)")

    # Baseline: one alternation of all terms in Python's re, per document, on a sample.
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
                         + r")\b", re.IGNORECASE)
    sample, sample_mb = [], 0.0
    for t in texts:
        if sample_mb >= args.baseline_mb:
            break
        sample.append(t)
        sample_mb += len(t.encode()) / 1e6
    t0 = time.perf_counter()
    base_hits = sum(len(pattern.findall(t)) for t in sample)
    dt = time.perf_counter() - t0
    base_mbs = sample_mb / dt
    print(f"baseline re (1 core, {sample_mb:.0f} MB sample): {base_mbs:7.2f} MB/s  ({base_hits:,} hits)"
          f"  -> matcher is {match_mbs / base_mbs:.0f}x the baseline")
    print_stages(sample, matcher)
    # Segmentation of a pasted dump: the same articles as a blog dump (headline, date line, byline,
    # body, filler), as `framing segment` and every command see .txt inputs.
    from framing.ingest.segment import segment_text

    dump_parts, dump_size = [], 0
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    for i, t in enumerate(texts):
        if dump_size >= args.dump_mb * 1e6:
            break
        part = (f"Story {i} about the talks in the region\n\n{months[i % 12]} {1 + i % 28}, 2021\n\n"
                f"By Staff, Agencies\n\n{t}\n\nRelated Videos\n\nMore on the topic\n\n")
        dump_parts.append(part)
        dump_size += len(part.encode())
    dump = "".join(dump_parts)
    t0 = time.perf_counter()
    segments = segment_text(dump, file="bench.txt")
    dt = time.perf_counter() - t0
    articles = sum(1 for seg in segments if seg.kind == "article")
    print(f"segmenter (1 core, {dump_size / 1e6:.0f} MB dump): {dump_size / 1e6 / dt:7.1f} MB/s  "
          f"({articles:,} articles of {len(dump_parts):,}, repost detection on)")
    del texts, sample, dump, dump_parts

    out = tmp / "out"
    cmd = [sys.executable, "-m", "framing", "analyze", str(corpus), "--lexicons", ",".join(core) or "none",
           "--lexicon", str(lex_path),
           "--jobs", str(args.jobs), "-o", str(out)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"analyze ({args.jobs} jobs):    {size_mb / dt:7.1f} MB/s  ({dt:.1f} s for {size_mb:.0f} MB)")
    print(f"peak resident memory of the largest analyze process: {peak:.0f} MB")
    floor_cmd = [sys.executable, str(Path(__file__).with_name("no_context.py")), *cmd[3:-1], str(tmp / "out-floor")]
    t0 = time.perf_counter()
    subprocess.run(floor_cmd, check=True, stdout=subprocess.DEVNULL)
    dt_floor = time.perf_counter() - t0
    print(f"analyze, context stage off ({args.jobs} jobs): {size_mb / dt_floor:7.1f} MB/s  ({dt_floor:.1f} s): "
          f"the floor; the context stage takes {1 - dt_floor / dt:.0%} of the whole run")
    print(f"(temporary files in {tmp})")


if __name__ == "__main__":
    main()
