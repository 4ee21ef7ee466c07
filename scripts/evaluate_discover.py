"""Does `framing discover` find loaded terms? Held-out lexicon entries on a real corpus.

    python scripts/evaluate_discover.py [--data ../shared/data/allsides-sample/articles.jsonl.gz] [--top 300]

Entries of the shipped English lexicon (en/core) are held out: a random half of them (seed 0), and,
in a second run, all of them. The held-out entries are removed from the lexicon discover uses (so
their terms may become candidates) and from the word model's lexicon features (so the model cannot
lead discover to them). Prints, for the top N overall candidates (group '(all)', ranked by
score), how many held-out entries come back (an entry comes back when one of its forms is, or is
inside, a candidate), out of the held-out entries that occur in enough documents to be candidates
at all; and the same for a baseline ranking of the same phrases by document count alone.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.analyze import prepared_records  # noqa: E402
from framing.discover import ALL, DiscoverOptions, discover, load_corpus, min_docs_for  # noqa: E402
from framing.ingest.readers import ReadOptions  # noqa: E402
from framing.lexicon import Lexicon, load_lexicon  # noqa: E402
from framing.manifest import Manifest  # noqa: E402
from framing.match import Matcher  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "allsides-sample" / "articles.jsonl.gz"


def come_back(terms, held: Lexicon) -> set[str]:
    matcher = Matcher(held)
    found = set()
    for term in terms:
        for span in matcher.find(term):
            found.add(held.entries[span.entry].id)
    return found


def occurring(docs, held: Lexicon, min_docs: int) -> set[str]:
    matcher = Matcher(held)
    per_entry: dict[str, int] = {}
    for d in docs:
        for eid in {held.entries[s.entry].id for s in matcher.find(d["text"])}:
            per_entry[eid] = per_entry.get(eid, 0) + 1
    return {e for e, n in per_entry.items() if n >= min_docs}


def run(docs, core: Lexicon, held_ids: set[str], top: int, label: str) -> None:
    kept = Lexicon(tuple(e for e in core.entries if e.id not in held_ids), core.categories)
    held = Lexicon(tuple(e for e in core.entries if e.id in held_ids), core.categories)
    t = time.perf_counter()
    result = discover(docs, DiscoverOptions(by="outlet", top=100_000, excluded_entries=tuple(sorted(held_ids))),
                      lexicon=kept)
    overall = result.candidates[result.candidates["group"] == ALL]
    min_docs = min_docs_for(len(docs))
    present = occurring(docs, held, min_docs)
    by_score = come_back(overall.head(top)["term"], held)
    by_docs = come_back(overall.sort_values(["docs", "term"], ascending=[False, True]).head(top)["term"], held)
    print(f"{label}: {len(held_ids)} entries held out, {len(present)} of them in {min_docs}+ documents; "
          f"top {top} by score bring back {len(by_score & present)} ({len(by_score & present) / max(len(present), 1):.0%}); "
          f"top {top} by document count alone {len(by_docs & present)}  ({time.perf_counter() - t:.0f} s)")
    print(f"  came back: {', '.join(sorted(held.by_id[e].term for e in by_score & present))}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--top", type=int, default=300)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data}: not found: pass --data PATH", file=sys.stderr)
        return 2
    docs = load_corpus(prepared_records([str(args.data)], ReadOptions(), Manifest()), "outlet")
    core = load_lexicon(["en/core"])
    ids = sorted(e.id for e in core.entries)
    half = set(random.Random(0).sample(ids, len(ids) // 2))
    print(f"data: {args.data.name}, {len(docs)} documents; lexicon en/core, {len(ids)} entries")
    run(docs, core, half, args.top, "half held out (seed 0)")
    run(docs, core, set(ids), args.top, "all held out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
