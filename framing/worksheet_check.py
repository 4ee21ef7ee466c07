"""Mechanical checks of a worksheet's JSON items: what a teacher would otherwise correct by hand.

For every item: each hit's offsets give its words; no item rests on an article without outlet; a
passage is one to three sentences; the hits an item teaches are in the outlet's own voice (except
'whose words?', which uses quotations on purpose). For rewrite items: nothing inside quotation
marks changes, no instruction text of the lexicon is inserted, no doubled word is created.
``python -m framing.cli.worksheet_check FILE.json ...`` prints the problems and exits 1 if any.
"""
from __future__ import annotations

import json
import re

from .lexicon import load_lexicon
from .quotes import find_quotes
from .rewrite import is_instruction
from .sentences import sentence_spans
from .types import UNKNOWN_OUTLET

_DOUBLED = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)


def _instructions() -> set[str]:
    lex = load_lexicon()
    return {a for e in lex.entries for a in e.neutral if is_instruction(a) and len(a) > 3} | \
        {"the same words without quotation marks"}


def check_record(record: dict, instructions: set[str] | None = None) -> list[str]:
    """Problems found in one worksheet record (the JSON file's content); [] when none."""
    instructions = _instructions() if instructions is None else instructions
    kind = record["kind"]
    problems = []
    for item in record["items"]:
        where = f"item {item['number']}"
        for p in item["passages"]:
            text = p["text"]
            if p["outlet"] == UNKNOWN_OUTLET:
                problems.append(f"{where}: from an article without outlet")
            for h in p["hits"]:
                if text[h["start"]:h["end"]] != h["surface"]:
                    problems.append(f"{where}: hit offsets {h['start']}-{h['end']} do not give {h['surface']!r}")
            if kind != "compare" and not 1 <= len(sentence_spans(text)) <= 3:
                problems.append(f"{where}: the passage is {len(sentence_spans(text))} sentences, not 1 to 3")
        if kind in ("spot", "rewrite", "guess"):
            if not any(h["voice"] == "own" for p in item["passages"] for h in p["hits"]):
                problems.append(f"{where}: no hit in the outlet's own voice")
        if kind == "guess":
            choices = item["choices"]
            if len(choices) < 3 or UNKNOWN_OUTLET in choices or item["answer"]["outlet"] not in choices:
                problems.append(f"{where}: choices {choices} are not three or more real outlets with the answer")
        if kind == "rewrite":
            problems += [f"{where}: {m}" for m in check_rewrite(item["passages"][0]["text"], item["answer"]["neutral"],
                                                               instructions)]
    return problems


def check_rewrite(original: str, neutral: str, instructions: set[str]) -> list[str]:
    problems = []
    if neutral == original:
        problems.append("the neutral version is the passage unchanged")
    for q in find_quotes(original):
        quoted = original[q.start:q.end]
        if quoted not in neutral and quoted[1:-1] not in neutral:
            problems.append(f"words inside quotation marks changed: {quoted!r}")
    for ins in instructions:
        if ins in neutral and ins not in original:
            problems.append(f"instruction text inserted: {ins!r}")
    if neutral.count("(") > original.count("("):
        problems.append("a bracket was inserted")
    before = {m.group(1).lower() for m in _DOUBLED.finditer(original)}
    for m in _DOUBLED.finditer(neutral):
        if m.group(1).lower() not in before:
            problems.append(f"doubled word created: {m.group(0)!r}")
    return problems


def check_files(paths) -> tuple[list[str], int]:
    """The report on each worksheet JSON file (a line per file, then its problems) and the number of problems."""
    instructions = _instructions()
    bad, lines = 0, []
    for path in paths:
        record = json.loads(open(path, encoding="utf-8").read())
        problems = check_record(record, instructions)
        bad += len(problems)
        lines.append(f"{path}: {record['kind']}, {len(record['items'])} item(s), "
                     + ("no problem" if not problems else f"{len(problems)} problem(s)"))
        lines += [f"  {m}" for m in problems]
    return lines, bad
