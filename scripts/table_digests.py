"""Digests of every table `framing analyze` writes, on the demo corpus, the shared dumps and the
AllSides sample (issue 16: a refactor must leave every output table byte-identical).

    python scripts/table_digests.py            # compare with tests/data/table_digests.json
    python scripts/table_digests.py --write    # record the current tables as the reference

A deliberate change to the tables (a new column, a fixed count) re-records the reference in the
commit that makes the change, and that commit's message says what changed. Paths are written as
`<IN>` so that the digests do not depend on where the repository or ../shared sit."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = ROOT / "tests" / "data" / "table_digests.json"


def corpora() -> dict[str, tuple[Path, list[str]] | None]:
    """name -> (folder whose path is written as <IN>, arguments for `framing analyze`), or None
    where the data are absent."""
    import framing
    demo = Path(framing.__file__).resolve().parent / "data" / "demo"
    dumps = sorted((SHARED / "corpus").glob("*.txt")) if (SHARED / "corpus").is_dir() else []
    allsides = SHARED / "data" / "allsides-sample" / "articles.jsonl.gz"
    return {
        "demo": (demo, ["--demo"]),
        "shared-dumps": (SHARED / "corpus", [str(p) for p in dumps]) if dumps else None,
        "allsides": (allsides.parent, [str(allsides)]) if allsides.exists() else None,
    }


def digests(name: str, folder: Path, args: list[str], jobs: int = 2) -> dict[str, str]:
    from framing.cli import main
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        code = main(["analyze", *args, "-o", str(out), "--jobs", str(jobs)])
        if code not in (0, None):
            raise SystemExit(f"{name}: framing analyze exited with {code}")
        result = {}
        for table in sorted(out.glob("*.csv")):
            text = table.read_text(encoding="utf-8").replace(str(folder), "<IN>")
            result[table.name] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="record the current tables as the reference")
    ap.add_argument("--only", help="one corpus: demo, shared-dumps or allsides")
    opts = ap.parse_args(argv)
    reference = json.loads(REFERENCE.read_text()) if REFERENCE.exists() else {}
    changed = 0
    for name, spec in corpora().items():
        if opts.only and name != opts.only:
            continue
        if spec is None:
            print(f"{name}: data absent, skipped")
            continue
        now = digests(name, *spec)
        if opts.write:
            reference[name] = now
            print(f"{name}: recorded {len(now)} tables")
            continue
        for table, digest in sorted(now.items()):
            was = reference.get(name, {}).get(table)
            state = "same" if was == digest else ("new" if was is None else "CHANGED")
            changed += state != "same"
            print(f"{name:13} {table:28} {state}")
        for table in sorted(set(reference.get(name, {})) - set(now)):
            changed += 1
            print(f"{name:13} {table:28} GONE")
    if opts.write:
        REFERENCE.write_text(json.dumps(reference, indent=1, sort_keys=True) + "\n")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
