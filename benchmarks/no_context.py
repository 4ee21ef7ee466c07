"""Run ``framing`` with the context stage switched off: the floor under ``analyze``'s speed.

    python benchmarks/no_context.py analyze CORPUS -o DIR [options]

For measurement only (the benchmark scripts call it). Every lexicon hit is read as the outlet's own,
loaded, un-negated voice and no extra hits (scare quotes, attribution verbs) are found, so what is
left is everything else ``analyze`` does: reading, sentence splitting, matching, building the hit
rows and writing the tables. Its speed is the most any implementation of the context stage could
let ``analyze`` reach with the rest of the pipeline as it is. Worker processes are forked, so they
inherit the switch.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import framing.core
from framing.context import Reading

_OWN = Reading()


def _no_document(text, sentences, lang=""):
    return None


def _no_readings(doc, spans, entries):
    return [_OWN] * len(spans)


def _no_extra_hits(doc, spans):
    return []


@contextmanager
def context_off():
    """While it lasts, the per-document core (framing.core) reads no hit in context (and forked workers
    inherit that)."""
    a = framing.core
    saved = a.read_document, a.hit_readings, a.document_extra_hits
    a.read_document, a.hit_readings, a.document_extra_hits = _no_document, _no_readings, _no_extra_hits
    try:
        yield
    finally:
        a.read_document, a.hit_readings, a.document_extra_hits = saved


def main() -> int:
    from framing.cli import main as framing_main

    with context_off():
        return framing_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
