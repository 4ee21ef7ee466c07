"""`framing hits`: every hit with its position, category and context (JSON Lines or CSV)."""
from __future__ import annotations

from . import common

DESCRIPTION = (
    "One record per hit: doc_id, outlet, date, file, line, start, end, surface, entry, term,\n"
    "category, referent, strength, lang, voice, scare_quote, so_called, negated, sense,\n"
    "sentence, zone (headline or body), phrase_start, phrase_end, patron.\n\n"
    "examples:\n"
    "  framing hits --demo --format csv -o hits.csv\n"
    "  framing hits sentences.jsonl --all\n")


def add(sub) -> None:
    p = common.add_parser(sub, "hits", "list every hit with its position, category and context", DESCRIPTION)
    common.add_input_options(p)
    common.add_beyond_options(p)
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--all", action="store_true", help="also list ambiguous terms read in their neutral sense (sense=neutral)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (- is standard output)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..exports import write_hit_records

    analysis = common.run_analysis(args, keep_neutral=args.all)
    write_hit_records(analysis.hits, args.format, None if args.output == "-" else args.output)
    return common.finish(analysis.manifest, args)
