"""Train the shipped default sentence classifier from BABE and write it into the package.

    python scripts/train_model.py [--data ../shared/data/babe/train.csv] [-o framing/data/models/loadedness.skops]

Reproducible: fixed seed, and the metadata beside the model (loadedness.json) records the training
file's sha256, the content hash of the sentences and labels, the versions of framing, scikit-learn,
numpy and Python, the options and the date. BABE's licence (AGPL-3.0) and attribution: see NOTICE.
The BABE sentences are read at training time only; none are copied into the repository.
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

from framing.model import ModelOptions, save_model, score_sentences, train_model  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "babe" / "train.csv"
DEFAULT_OUT = ROOT / "framing" / "data" / "models" / "loadedness.skops"
SEED = 0


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
    model = train_model(
        data["text"], data["label"], marked=data["biased_words"].tolist(), seed=args.seed, options=ModelOptions(),
        data_note={"data_name": "BABE SG2 (80% split)", "data_file": args.data.name,
                   "data_file_sha256": hashlib.sha256(raw).hexdigest(), "data_licence": "AGPL-3.0",
                   "data_citation": "Spinde et al., Findings of EMNLP 2021"})
    path = save_model(model, args.output)
    took = time.perf_counter() - started
    p = score_sentences(model, data["text"].head(5).tolist())
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) and {path.with_suffix('.json').name} "
          f"in {took:.0f} s; {len(data)} sentences; sample p_loaded {p.round(2).tolist()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
