"""`framing exercise`: a classroom worksheet and its answer key (PDF, DOCX, JSON)."""
from __future__ import annotations

import sys

from ..errors import OptionError
from . import common

DESCRIPTION = (
    "Worksheets from real passages of the corpus (one to three whole sentences): a student copy\n"
    "(FILE.pdf) and an answer key (FILE-key.pdf), also as editable Word files (FILE.docx,\n"
    "FILE-key.docx) and as JSON for quiz tools (FILE.json) with --format. Kinds: spot (underline\n"
    "the loaded words), rewrite (rewrite sentences neutrally), whose (whose words: the outlet's,\n"
    "a quoted speaker's or a reported source's?), guess (which of several outlets wrote this?),\n"
    "compare (the same event told by two outlets). Items use the outlet's own confident wording\n"
    "(not quotations, reported speech, scare quotes or negated terms; whose uses quotations on\n"
    "purpose) from articles whose outlet is known. The same --seed gives the same worksheet.\n\n"
    "examples:\n"
    "  framing exercise --demo --kind spot -o spot.pdf\n"
    "  framing exercise articles.txt page1.html --kind compare -o compare.pdf --seed 3\n"
    "  framing exercise export.csv --kind rewrite --items 6 --difficulty easy --format pdf,docx,json\n")


def add(sub) -> None:
    p = common.add_parser(sub, "exercise", "write a classroom worksheet and its answer key (PDF, DOCX, JSON)",
                          DESCRIPTION)
    common.add_input_options(p)
    p.add_argument("--kind", required=True, choices=["spot", "compare", "rewrite", "guess", "whose"],
                   help="the kind of worksheet")
    p.add_argument("-o", "--output", default="reports/worksheet.pdf", metavar="FILE",
                   help="student copy FILE.pdf (and .docx, .json); the key goes to FILE-key.pdf / FILE-key.docx")
    p.add_argument("--format", default="pdf", metavar="LIST", dest="formats",
                   help="comma-separated: pdf, docx, json (default: pdf)")
    p.add_argument("--items", type=int, default=8, metavar="N", help="number of passages or sentences (default: 8)")
    p.add_argument("--difficulty", choices=["easy", "medium", "hard"], default="medium", help="easy: strong, explicit terms; hard: mild ones")
    p.add_argument("--outlets", metavar="NAMES", help="only these outlets, comma-separated")
    p.add_argument("--lang", metavar="CODE", help="only documents in this language (en, ar)")
    p.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same worksheet (default: 1)")
    p.add_argument("--wording", default="en", metavar="LANG|FILE.yaml", help="wording of the instructions (default: en)")
    p.add_argument("--page-size", choices=["A4", "letter"], default="A4", help="paper size (default: A4)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..types import UNKNOWN_OUTLET
    from ..worksheets import WorksheetOptions, parse_formats, render_worksheet

    if args.items < 1:
        raise OptionError("--items must be at least 1")
    formats = parse_formats(args.formats)
    analysis = common.run_analysis(args, keep_texts=True)
    outlets = common.outlet_list(args.outlets, analysis)
    if UNKNOWN_OUTLET in outlets:
        raise OptionError(f"--outlets: {UNKNOWN_OUTLET} is not an outlet: give the outlet of those articles "
                          "(a corrections file, see framing segment --help)")
    no_outlet = int((analysis.documents["outlet"] == UNKNOWN_OUTLET).sum())
    if no_outlet:
        print(f"note: {no_outlet} of {len(analysis.documents)} article(s) have no outlet and are left out of the "
              "worksheet: name it with --corrections FILE (for pasted dumps; the format is in framing segment "
              "--help and the README), or --outlet NAME / --outlet-col COLUMN for files and tables",
              file=sys.stderr)
    options = WorksheetOptions(kind=args.kind, items=args.items, difficulty=args.difficulty, outlets=outlets,
                               lang=args.lang, seed=args.seed, wording=args.wording, page_size=args.page_size,
                               formats=formats)
    common.status("choosing items and writing the worksheet ...")
    paths = render_worksheet(analysis, args.output, options, progress=common.status)
    print("worksheet written: " + ", ".join(str(p) for p in paths))
    return common.finish(analysis.manifest, args)
