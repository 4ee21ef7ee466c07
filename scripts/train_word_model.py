"""Train the shipped word-level model from BABE's marked words and write it into the package.

    python scripts/train_word_model.py [--data ../shared/data/babe/train.csv] [-o framing/data/models/wordloadedness.skops]

Reproducible: fixed seed; the metadata beside the model (wordloadedness.json) records the training
file's sha256, the content hash of the sentences and their marked words, the versions, the options
and the date. BABE's licence (AGPL-3.0) and attribution: see NOTICE. The sentences are read at
training time only; none are copied into the repository. The literature lists are the ones shipped
in framing/data/literature (copies of ../shared/data/lexicon-sources).
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.wordmodel import WordModelOptions, save_word_model, score_tokens, train_word_model  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "babe" / "train.csv"
DEFAULT_OUT = ROOT / "framing" / "data" / "models" / "wordloadedness.skops"
SEED = 0
SAMPLE = "Officials said the reckless regime unleashed a shameful propaganda campaign on Tuesday."


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="BABE train.csv (text, label, biased_words)")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="model file to write (.skops)")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"error: {args.data}: BABE train.csv not found: pass --data PATH", file=sys.stderr)
        return 2
    raw = args.data.read_bytes()
    data = pd.read_csv(args.data)
    started = time.perf_counter()
    model = train_word_model(
        data["text"].tolist(), data["label"].tolist(), data["biased_words"].tolist(), seed=args.seed,
        options=WordModelOptions(),
        data_note={"data_name": "BABE SG2 (80% split), biased_words", "data_file": args.data.name,
                   "data_file_sha256": hashlib.sha256(raw).hexdigest(), "data_licence": "AGPL-3.0",
                   "data_citation": "Spinde et al., Findings of EMNLP 2021"})
    path = save_word_model(model, args.output)
    took = time.perf_counter() - started
    sample = ", ".join(f"{s.token} {s.p:.2f}" for s in score_tokens(model, SAMPLE))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) and {path.with_suffix('.json').name} in {took:.0f} s; "
          f"{model.metadata['n_tokens']:,} tokens, {model.metadata['n_marked']:,} marked; threshold "
          f"{model.threshold:.3f}\nsample: {sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
