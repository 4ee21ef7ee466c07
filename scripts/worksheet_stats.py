"""Figures for the README's worksheet section: what qualifies for items and how many rewrites are safe.

    nice .venv/bin/python scripts/worksheet_stats.py INPUT... [--corrections FILE]

Analyses INPUT as `framing exercise` does, then reports, for the default item rules: the passages
that qualify, the hits left out by reason, the share of qualifying passages with a safe neutral
rewrite, and the problems framing.worksheet_check finds in each of the five kinds (8 items, seed 1).
"""
from __future__ import annotations

import argparse
from collections import Counter

from framing.analyze import AnalyzeOptions, analyze_corpus
from framing.errors import FramingError
from framing.ingest.readers import ReadOptions
from framing.lexicon import load_lexicon
from framing.rewrite import neutral_rewrite
from framing.worksheet_check import check_record
from framing.worksheet_docx import worksheet_record
from framing.worksheet_items import REASONS, select_passages
from framing.worksheets import KINDS, WorksheetOptions, build_worksheet


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--corrections")
    ap.add_argument("--lang")
    args = ap.parse_args()
    analysis = analyze_corpus(args.inputs, load_lexicon(), ReadOptions(corrections=args.corrections),
                              AnalyzeOptions(keep_texts=True, progress=False))
    opts = WorksheetOptions(items=8, lang=args.lang)
    sel = select_passages(analysis, opts)
    print(f"{len(analysis.documents):,} articles, {len(analysis.hits):,} hits; {len(sel.passages):,} passages qualify")
    total = sum(sel.excluded.values())
    for k, n in sel.excluded.most_common():
        print(f"  left out: {n:,} hits ({n / max(1, total):.0%}) {REASONS.get(k, k)}")
    safe = Counter()
    for p in sel.passages:
        own = [(h.start, h.end, h.entry, h.scare_quote) for h in p.hits
               if h.teach or (h.voice == "own" and not h.scare_quote)]
        r = neutral_rewrite(p.text, own, analysis.lexicon)
        safe["safe" if r is not None and r.text != p.text else "none"] += 1
    print(f"  safe neutral rewrite for {safe['safe']:,} of {len(sel.passages):,} qualifying passages "
          f"({safe['safe'] / max(1, len(sel.passages)):.0%})")
    for kind in KINDS:
        try:
            sheet = build_worksheet(analysis, WorksheetOptions(kind=kind, items=8, lang=args.lang))
        except FramingError as exc:
            print(f"  {kind}: refused: {exc}")
            continue
        problems = check_record(worksheet_record(sheet, opts))
        print(f"  {kind}: {len(sheet.items)} item(s), {len(problems)} problem(s) found by worksheet_check"
              + (f": {problems[:2]}" if problems else ""))


if __name__ == "__main__":
    main()
