"""Measured figures shipped with the package: what the evaluation scripts wrote.

``scripts/evaluate_real_news.py`` writes ``framing/data/evaluation/real_news.json``: when it was
measured, with which framing and lexicons, on which labelled data, and the scores per corpus and
batch. The report's methods page and its scare-quote page cite these figures from the file, never
from prose; where the file is missing (or lacks a figure), they say the figure is not available.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

EVALUATION_DIR = Path(__file__).resolve().parent / "data" / "evaluation"
REAL_NEWS = "real_news"
NOT_AVAILABLE = "not available (no measurement file: run scripts/evaluate_real_news.py)"


def path_of(name: str, folder: Path | None = None) -> Path:
    return Path(folder or EVALUATION_DIR) / f"{name}.json"


def load_evaluation(name: str = REAL_NEWS, folder: Path | None = None) -> dict | None:
    """The measurement file ``name``.json, or None when there is none. A file that is not JSON is
    an error naming it (a shipped file should never be broken)."""
    from .errors import FramingError

    path = path_of(name, folder)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise FramingError(f"{path}:{line}: not a measurement file (JSON): {exc}") from None


def _pooled(rows: list[dict], hits_key: str, of_key: str) -> tuple[int, int]:
    return sum(int(r.get(hits_key) or 0) for r in rows), sum(int(r.get(of_key) or 0) for r in rows)


def scare_precision(evaluation: dict | None) -> list[dict]:
    """Per labelled corpus: its description, the batches, how many quotations were read as scare
    quotes and how many of those are (pooled over batches), and the precision of each batch."""
    if not evaluation:
        return []
    out = []
    corpora = evaluation.get("corpora", {})
    rows = evaluation.get("scare_quotes", [])
    for corpus in dict.fromkeys(r["corpus"] for r in rows):
        group = [r for r in rows if r["corpus"] == corpus]
        correct, read = _pooled(group, "correct", "read_as_scare")
        batch = [r["precision"] for r in group if r.get("precision") is not None and not math.isnan(r["precision"])]
        out.append({"corpus": corpus, "kind": corpora.get(corpus, {}).get("kind", corpus),
                    "batches": [r["batch"] for r in group], "correct": correct, "read": read,
                    "precision": correct / read if read else float("nan"),
                    "low": min(batch) if batch else float("nan"), "high": max(batch) if batch else float("nan")})
    return out


def voice_accuracy(evaluation: dict | None) -> tuple[int, int] | None:
    """(hits whose voice was read right, hits labelled), pooled over every corpus and batch."""
    if not evaluation or not evaluation.get("voice"):
        return None
    return _pooled(evaluation["voice"], "correct", "hits")


def provenance(evaluation: dict | None, labels: tuple[str, ...] = ()) -> str:
    """'measured 2026-12-08 by scripts/evaluate_real_news.py with framing 0.1.0 on tests/data/...': where
    a figure comes from (``labels``: which label files it was measured on; all when empty)."""
    if not evaluation:
        return NOT_AVAILABLE
    files = [v["file"] for k, v in evaluation.get("labels", {}).items() if not labels or k in labels]
    return (f"measured {evaluation.get('date', 'on an unknown date')} by "
            f"{evaluation.get('script', 'the evaluation script')} with framing "
            f"{evaluation.get('framing_version', '?')} on {', '.join(files) or 'unknown label files'}")
