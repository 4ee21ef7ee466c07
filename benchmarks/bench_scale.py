"""Benchmark `framing analyze` at scale, with every ratio measured in the same run.

    python benchmarks/bench_scale.py [--mb 1000] [--memory-mb 100] [--entries 2000] [--keep DIR]

Generates a synthetic news-like corpus of ``--mb`` megabytes (JSON Lines; the generator of
bench_pipeline.py) and a lexicon of ``--entries`` entries (the shipped core lexicons plus generated
multi-word terms), then measures, on this machine:

- bare matching: :meth:`framing.match.Matcher.scan` alone over every text (one core), MB/s;
- ``framing analyze CORPUS --store FILE`` (lexicons + context, no classifier) with 1 and 2 jobs:
  MB/s, the ratio of bare matching's speed to the analysis's per core (issue 11's target: at most
  3), the speed-up of 2 jobs over 1 (target: at least 1.8) and peak memory;
- the same with the context stage switched off (no_context.py), 1 and 2 jobs: the floor, the most any
  context stage could let the analysis reach with the rest of the pipeline as it is;
- ``framing analyze CORPUS -o DIR`` (CSV tables; hits and attributions streamed to disk, counts kept)
  with 2 jobs: MB/s and peak memory;
- the classifier (``framing.model.load_model``, ``score_sentences``) on a ``--sample-mb`` sample:
  MB/s and sentences/s (sentence splitting included);
- ``framing report --store FILE``: seconds;
- peers on the first ``--peer-mb`` MB of the same corpus with the same terms: flashtext's
  KeywordProcessor and spaCy's PhraseMatcher (``spacy.blank("en")``, no model download), each
  beside Matcher.scan on the same texts; a peer that is not installed is left out;
- the same speeds on real news (``--real``, by default the AllSides sample in ../shared/data) with
  the shipped lexicons: bare matching, ``analyze -o`` with 1 and 2 jobs;
- peak memory of both (``--store`` and ``-o``) for the ``--memory-mb`` corpus sizes too (default 100;
  issue 11's target: the 1 GB run under 2 GB resident and at most 1.5x the 100 MB run). A 1 GB corpus
  takes a while: several minutes to generate and each analyze run minutes more.

Memory is sampled every 0.1 s over the command's whole process tree (psutil): "total" is the
sum of the proportional set sizes (shared pages counted once), "largest" the largest resident
process. Other processes on the machine share its cores: run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import make_corpus, make_lexicon  # noqa: E402

from framing.lexicon import load_lexicon, shipped_names  # noqa: E402
from framing.match import Matcher  # noqa: E402


def texts_of(corpus: Path, limit_mb: float | None = None):
    """The texts of a JSONL corpus, streamed; at most ``limit_mb`` MB of text (UTF-8)."""
    total = 0
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            total += len(text.encode())
            yield text
            if limit_mb is not None and total >= limit_mb * 1e6:
                return


def text_mb(texts) -> float:
    return sum(len(t.encode()) for t in texts) / 1e6


def time_matcher(matcher: Matcher, texts) -> tuple[float, float, int]:
    """(seconds in scan, MB of text, hits): only scan() is timed, not the reading."""
    spent, mb, hits = 0.0, 0.0, 0
    for text in texts:
        mb += len(text.encode()) / 1e6
        t0 = time.perf_counter()
        spans, _ = matcher.scan(text)
        spent += time.perf_counter() - t0
        hits += len(spans)
    return spent, mb, hits


class Sampler(threading.Thread):
    """Peak memory of a process tree: sum of PSS and largest RSS, sampled every 0.1 s."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        import psutil

        self.root = psutil.Process(pid)
        self.total = self.largest = 0
        self.done = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.done.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            total = largest = 0
            for p in procs:
                try:
                    info = p.memory_full_info()
                except psutil.Error:
                    continue
                total += getattr(info, "pss", info.rss)
                largest = max(largest, info.rss)
            self.total, self.largest = max(self.total, total), max(self.largest, largest)
            self.done.wait(0.1)


def run_measured(cmd: list[str]) -> tuple[float, float, float]:
    """(seconds, peak total MB, largest process MB) of a command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    dt = time.perf_counter() - t0
    sampler.done.set()
    sampler.join()
    if proc.returncode:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return dt, sampler.total / 2**20, sampler.largest / 2**20


def framing_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "framing", *map(str, args)]


def no_context_cmd(*args) -> list[str]:
    """The same command with the context stage switched off (no_context.py): the floor under its speed."""
    return [sys.executable, str(Path(__file__).with_name("no_context.py")), *map(str, args)]


def bench_classifier(corpus: Path, sample_mb: float) -> tuple[float, float, int]:
    from framing.model import load_model, score_sentences
    from framing.sentences import sentence_spans

    model = load_model()
    texts = list(texts_of(corpus, sample_mb))
    mb = text_mb(texts)
    t0 = time.perf_counter()
    batch, n = [], 0
    for text in texts:
        batch.extend(text[a:b] for a, b in sentence_spans(text))
        if len(batch) >= 5000:
            score_sentences(model, batch)
            n += len(batch)
            batch = []
    if batch:
        score_sentences(model, batch)
        n += len(batch)
    dt = time.perf_counter() - t0
    return mb / dt, n / dt, n


def bench_peers(corpus: Path, matcher: Matcher, terms: list[str], peer_mb: float) -> list[tuple[str, float, float, int]]:
    """(name, MB/s, Matcher.scan MB/s on the same texts, hits) per installed peer."""
    texts = list(texts_of(corpus, peer_mb))
    spent, mb, _ = time_matcher(matcher, texts)
    ours = mb / spent
    rows = []
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        print("  (flashtext is not installed: pip install flashtext)")
    else:
        kp = KeywordProcessor(case_sensitive=False)
        for t in terms:
            kp.add_keyword(t)
        t0 = time.perf_counter()
        hits = sum(len(kp.extract_keywords(t)) for t in texts)
        rows.append(("flashtext KeywordProcessor", mb / (time.perf_counter() - t0), ours, hits))
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        print("  (spaCy is not installed: pip install spacy)")
    else:
        nlp = spacy.blank("en")
        pm = PhraseMatcher(nlp.vocab, attr="LOWER")
        pm.add("LEXICON", list(nlp.tokenizer.pipe(terms)))
        t0 = time.perf_counter()
        hits = sum(len(pm(doc)) for doc in nlp.tokenizer.pipe(texts, batch_size=256))
        rows.append(("spaCy PhraseMatcher (blank en, tokenizer included)", mb / (time.perf_counter() - t0), ours, hits))
    return rows


REAL_NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "allsides-sample" / "articles.jsonl.gz"


def bench_real(path: Path, tmp: Path) -> None:
    """analyze on real news with the shipped lexicons, 1 and 2 jobs, beside bare matching."""
    import gzip

    if not path.exists():
        print(f"\n(no real-news corpus at {path}: skipped)")
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    matcher = Matcher(load_lexicon())
    spent, mb, hits = time_matcher(matcher, texts)
    bare = mb / spent
    print(f"\n== real news: {path.name}, {len(texts):,} articles, {mb:.1f} MB of text, shipped lexicons "
          f"({len(matcher.entries):,} entries)")
    print(f"bare matching, Matcher.scan (1 core):      {bare:7.1f} MB/s  ({hits:,} hits)")
    speeds, floors = {}, {}
    for jobs in (1, 2):
        dt, total, _ = run_measured(framing_cmd("analyze", path, "-o", tmp / f"real-{jobs}", "--jobs", jobs))
        speeds[jobs] = mb / dt
        print(f"analyze -o DIR, {jobs} job(s):                {speeds[jobs]:7.1f} MB/s of text  ({dt:.1f} s, "
              f"start-up included; peak {total:.0f} MB)")
        dt, _, _ = run_measured(no_context_cmd("analyze", path, "-o", tmp / f"real-floor-{jobs}", "--jobs", jobs))
        floors[jobs] = mb / dt
        print(f"  the same, context stage off:             {floors[jobs]:7.1f} MB/s of text  ({dt:.1f} s): the floor")
    print(f"  -> bare matching is {bare / speeds[1]:.1f}x the full analysis per core, {bare / floors[1]:.1f}x the "
          f"analysis without its context stage; 2 jobs are {speeds[2] / speeds[1]:.2f}x 1 job")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1000, help="corpus size for the speed runs (default: 1000)")
    ap.add_argument("--memory-mb", default="100", help="further corpus sizes for peak memory, comma-separated")
    ap.add_argument("--entries", type=int, default=2000)
    ap.add_argument("--sample-mb", type=float, default=10, help="text scored by the classifier (default: 10)")
    ap.add_argument("--peer-mb", type=float, default=100, help="text matched by the peers (default: 100)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", metavar="DIR", help="work in DIR (kept) instead of a temporary folder")
    ap.add_argument("--real", metavar="JSONL", default=str(REAL_NEWS),
                    help="real news for the same speed measurements with the shipped lexicons "
                         "(default: ../shared/data/allsides-sample/articles.jsonl.gz; skipped when absent)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="framing-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    core = [n for n in shipped_names() if n.endswith("/core")]
    lex_path = tmp / "bench_lexicon.tsv"
    make_lexicon(lex_path, max(0, args.entries - len(load_lexicon(core))), rng)
    lexicon = load_lexicon(core, [lex_path])
    lex_args = ["--lexicons", ",".join(core), "--lexicon", lex_path]
    terms = sorted({f.rstrip("*") for e in lexicon.entries if e.lang == "en" for f in e.forms})
    matcher = Matcher(lexicon)
    print(f"lexicon: {len(lexicon):,} entries, {sum(len(e.forms) for e in lexicon.entries):,} forms; work in {tmp}")

    sizes = [args.mb] + [float(s) for s in args.memory_mb.split(",") if s.strip() and float(s) != args.mb]
    corpora = {}
    for mb in sizes:
        corpus = tmp / f"corpus-{mb:g}mb.jsonl"
        if not corpus.exists():
            t0 = time.perf_counter()
            n = make_corpus(corpus, mb, [t for t in terms], random.Random(args.seed))
            print(f"corpus {mb:g} MB: {n:,} documents, generated in {time.perf_counter() - t0:.0f} s")
        corpora[mb] = corpus
    corpus = corpora[args.mb]
    size_mb = corpus.stat().st_size / 1e6

    print(f"\n== speed on the {size_mb:.0f} MB corpus (file size; MB/s of text for the matchers)")
    spent, mb, hits = time_matcher(matcher, texts_of(corpus))
    bare = mb / spent
    print(f"bare matching, Matcher.scan (1 core):      {bare:7.1f} MB/s  ({hits:,} hits in {mb:.0f} MB of text)")
    speeds, memory = {}, {}
    for jobs in (1, 2):
        store = tmp / f"store-{args.mb:g}mb-{jobs}jobs.duckdb"
        store.unlink(missing_ok=True)
        dt, total, largest = run_measured(framing_cmd("analyze", corpus, "--store", store, "--jobs", jobs, *lex_args))
        speeds[jobs] = size_mb / dt
        memory[(args.mb, "store", jobs)] = (total, largest)
        print(f"analyze --store, {jobs} job(s):              {speeds[jobs]:7.1f} MB/s  ({dt:.0f} s; peak "
              f"{total:.0f} MB total, {largest:.0f} MB largest process)")
    print(f"  -> bare matching is {bare / speeds[1]:.1f}x the full analysis per core (target: <= 3x); "
          f"2 jobs are {speeds[2] / speeds[1]:.2f}x 1 job (target: >= 1.8x)")
    floors = {}
    for jobs in (1, 2):
        store = tmp / f"store-floor-{jobs}jobs.duckdb"
        store.unlink(missing_ok=True)
        dt, _, _ = run_measured(no_context_cmd("analyze", corpus, "--store", store, "--jobs", jobs, *lex_args))
        floors[jobs] = size_mb / dt
        store.unlink(missing_ok=True)
        print(f"analyze --store, context stage off, {jobs} job(s): {floors[jobs]:7.1f} MB/s  ({dt:.0f} s): the floor")
    print(f"  -> even with no context stage, bare matching is {bare / floors[1]:.1f}x the rest of the analysis per core")
    out = tmp / "csv-out"
    dt, total, largest = run_measured(framing_cmd("analyze", corpus, "-o", out, "--jobs", 2, *lex_args))
    memory[(args.mb, "csv", 2)] = (total, largest)
    print(f"analyze -o DIR (CSV), 2 jobs:              {size_mb / dt:7.1f} MB/s  ({dt:.0f} s; peak {total:.0f} MB "
          f"total, {largest:.0f} MB largest process)")
    store = tmp / f"store-{args.mb:g}mb-2jobs.duckdb"
    dt, total, largest = run_measured(framing_cmd("report", "--store", store, "-o", tmp / "report.pdf"))
    print(f"report --store (PDF from the store):       {dt:7.1f} s  (peak {total:.0f} MB total)")

    mbs, sps, n = bench_classifier(corpus, args.sample_mb)
    print(f"classifier (split + score_sentences, 1 core): {mbs:5.2f} MB/s, {sps:,.0f} sentences/s "
          f"({n:,} sentences in a {args.sample_mb:g} MB sample); with the analysis per core: "
          f"{1 / (1 / mbs + 1 / speeds[1]):.2f} MB/s")

    print(f"\n== peers on the first {min(args.peer_mb, args.mb):g} MB of text, the same {len(terms):,} English forms")
    for name, speed, ours, hits in bench_peers(corpus, matcher, terms, args.peer_mb):
        print(f"{name}: {speed:7.2f} MB/s ({hits:,} hits); Matcher.scan on the same texts {ours:.1f} MB/s "
              f"= {ours / speed:.1f}x")

    for mode in ("store", "csv"):
        print(f"\n== peak memory, analyze {'--store FILE' if mode == 'store' else '-o DIR (CSV)'} with 2 jobs")
        for mb in sizes:
            if (mb, mode, 2) not in memory:
                if mode == "store":
                    target = tmp / f"store-{mb:g}mb-2jobs.duckdb"
                    target.unlink(missing_ok=True)
                    where = ["--store", target]
                else:
                    where = ["-o", tmp / f"csv-out-{mb:g}mb"]
                dt, total, largest = run_measured(framing_cmd("analyze", corpora[mb], *where, "--jobs", 2, *lex_args))
                memory[(mb, mode, 2)] = (total, largest)
                print(f"  ({mb:g} MB: {corpora[mb].stat().st_size / 1e6 / dt:.1f} MB/s, {dt:.0f} s)")
            total, largest = memory[(mb, mode, 2)]
            print(f"{mb:6g} MB corpus: {total:6.0f} MB total, {largest:6.0f} MB largest process")
        if len(sizes) > 1:
            small, big = min(sizes), max(sizes)
            ratio = memory[(big, mode, 2)][0] / memory[(small, mode, 2)][0]
            print(f"  -> {big:g} MB / {small:g} MB: {ratio:.2f}x (target: <= 1.5x, and under 2 GB for 1 GB)")
    bench_real(Path(args.real), tmp)
    if not args.keep:
        print(f"(temporary files in {tmp}; remove them when done)")


if __name__ == "__main__":
    main()
