"""Every table `framing analyze` writes is byte-identical to the recorded reference
(tests/data/table_digests.json) on the demo corpus, the shared dumps and the AllSides sample.
A deliberate change re-records the reference with `python scripts/table_digests.py --write` in the
commit that makes it, and says so in the commit message (issue 16)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("table_digests", ROOT / "scripts" / "table_digests.py")
table_digests = importlib.util.module_from_spec(spec)
spec.loader.exec_module(table_digests)
REFERENCE = json.loads(table_digests.REFERENCE.read_text())


@pytest.mark.parametrize("name", ["demo", "shared-dumps", "allsides"])
def test_tables_are_byte_identical_to_the_reference(name):
    spec = table_digests.corpora()[name]
    if spec is None:
        pytest.skip(f"../shared is absent here: the {name} corpus cannot be read")
    now = table_digests.digests(name, *spec)
    assert set(now) == set(REFERENCE[name]), "the set of tables changed"
    changed = sorted(t for t in now if now[t] != REFERENCE[name][t])
    assert not changed, (f"{name}: {changed} differ from the reference; if the change is deliberate, "
                         "run `python scripts/table_digests.py --write` and say why in the commit")
