"""Precision and recall of framing/context/, field by field, over tests/data/context_cases.tsv.

    python scripts/evaluate_context.py            # the table of scores
    python scripts/evaluate_context.py --errors   # and every row that is wrong, with what was read

Each row of the table is one probe (see the table's header): a lexicon hit placed on the words
``hit`` (kind ``hit``), or a question about the extra hits (kind ``scare``: are these quoted words
a scare-quote hit? kind ``attr``: is this word an attribution verb?). Scores:

- yes/no fields (scare_quote, so_called, negated) and sense: precision and recall of the marked
  case (yes; ``neutral`` for sense);
- voice and attribution_class: precision and recall of each value;
- text fields (speaker, target, attribution): a prediction counts when it is not empty; it is
  right when it equals the expected text, ignoring case, a leading article and quotation marks.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.context import extra_hits, read_in_context  # noqa: E402
from framing.lexicon import Entry  # noqa: E402
from framing.match import Span  # noqa: E402
from framing.normalize import fold  # noqa: E402
from framing.sentences import sentence_spans  # noqa: E402

CASES = ROOT / "tests" / "data" / "context_cases.tsv"
BOOL_FIELDS = ("scare_quote", "so_called", "negated")
TEXT_FIELDS = ("speaker", "target", "attribution")
VALUE_FIELDS = {"voice": ("own", "quoted", "attributed"), "attribution_class": ("neutral", "distancing", "endorsing")}
FIELDS = ("voice", "scare_quote", "so_called", "negated", "sense", "speaker", "target", "attribution",
          "attribution_class")


def load_cases(path: Path = CASES) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["text"] = row["text"].replace("\\n", "\n")
    return rows


def _locate(text: str, hit: str) -> tuple[int, int]:
    surface, _, nth = hit.partition("#")
    start = -1
    for _ in range(int(nth or 1)):
        start = text.find(surface, start + 1)
    if start < 0:
        raise ValueError(f"'{surface}' is not in: {text}")
    return start, start + len(surface)


def predict(row: dict[str, str]) -> dict[str, str]:
    """What context.py reads for one row, as the table's strings."""
    text = row["text"]
    start, end = _locate(text, row["hit"])
    sentences = sentence_spans(text)
    if row["kind"] == "hit":
        entry = Entry(id="case", lang=row["lang"], term=row["hit"].partition("#")[0], variants=(),
                      category="test", referent="", strength=2, neutral=("-",), rationale="-",
                      ambiguous=row["ambiguous"] == "yes", neutral_cues=tuple(c for c in row["cues"].split("|") if c))
        reading = read_in_context(text, [Span(start, end, 0)], (entry,), sentences)[0]
        return _as_strings(reading)
    extras = extra_hits(text, [], sentences)
    kind = "scare_quote" if row["kind"] == "scare" else "attribution"
    found = [h for h in extras if h[2] == kind and h[0] < end and start < h[1]]
    if not found:
        return {"scare_quote": "no", "so_called": "no", "negated": "no", "speaker": "", "target": "",
                "attribution": "", "attribution_class": ""}
    s, e, _, reading = found[0]
    out = _as_strings(reading)
    if kind == "scare_quote":
        out["scare_quote"] = "yes" if (s, e) == (start, end) else f"wrong span: {text[s:e]}"
    return out


def _as_strings(reading) -> dict[str, str]:
    return {
        "voice": reading.voice, "scare_quote": _yn(reading.scare_quote), "so_called": _yn(reading.so_called),
        "negated": _yn(reading.negated), "sense": reading.sense, "speaker": reading.speaker,
        "target": reading.target, "attribution": reading.attribution,
        "attribution_class": reading.attribution_class,
    }


def _yn(flag: bool) -> str:
    return "yes" if flag else "no"


def _norm(value: str) -> str:
    v = fold(value).strip().strip("\"'«»“”‘’ ")
    for article in ("the ", "a ", "an "):
        if v.startswith(article):
            v = v[len(article):]
    return " ".join(v.split())


def evaluate(rows: list[dict[str, str]] | None = None) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Scores per field (and per value of voice and attribution_class), and the rows read wrong."""
    rows = load_cases() if rows is None else rows
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "n": 0})
    errors = []
    for row in rows:
        got = predict(row)
        wrong = []
        for field in FIELDS:
            want = row.get(field, "*")
            if want == "*" or field not in got:
                continue
            have = got[field]
            if field in BOOL_FIELDS or field == "sense":
                positive = "neutral" if field == "sense" else "yes"
                _count(counts[field], want == positive, have == positive, want == have)
            elif field in VALUE_FIELDS:
                for value in VALUE_FIELDS[field]:
                    _count(counts[f"{field}={value}"], want == value, have == value, want == have)
            else:
                _count(counts[field], want != "", have != "", _norm(want) == _norm(have))
            ok = _norm(want) == _norm(have) if field in TEXT_FIELDS else want == have
            if not ok:
                wrong.append(f"{field}: want {want!r} got {have!r}")
        if wrong:
            errors.append(f"{row['id']} [{row['kind']} '{row['hit']}'] {row['text']!r}\n    " + "\n    ".join(wrong))
    scores = {}
    for name, c in sorted(counts.items()):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        scores[name] = {"precision": p, "recall": r, "support": c["tp"] + c["fn"], "rows": c["n"]}
    return scores, errors


def _count(c: dict[str, int], want: bool, have: bool, equal: bool) -> None:
    c["n"] += 1
    if have and want and equal:
        c["tp"] += 1
    else:
        if have:
            c["fp"] += 1
        if want:
            c["fn"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: python scripts/evaluate_context.py --errors")
    parser.add_argument("--errors", action="store_true", help="also list the rows read wrong")
    args = parser.parse_args(argv)
    rows = load_cases()
    scores, errors = evaluate(rows)
    print(f"{len(rows)} probes in {CASES.relative_to(ROOT)}\n")
    print(f"{'field':32} {'precision':>9} {'recall':>7} {'support':>8} {'rows':>5}")
    for name, s in scores.items():
        print(f"{name:32} {s['precision']:9.3f} {s['recall']:7.3f} {s['support']:8d} {s['rows']:5d}")
    print(f"\n{len(errors)} rows with at least one field wrong")
    if args.errors:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
