"""`framing segment`: how text dumps are split into articles."""
from __future__ import annotations

import sys
from pathlib import Path

from . import common

DESCRIPTION = (
    "Split pasted multi-article text files into articles and filler and show the result.\n\n"
    "A corrections file (CSV or YAML) fixes what the automatic split got wrong, and gives the\n"
    "outlet of articles that have none (shown as (unknown)); give it to every command with\n"
    "--corrections FILE. Segments are named by file and line range, as this command shows them.\n\n"
    "corrections file, YAML (a list):\n"
    "  - file: dump.txt        # the input file\n"
    "    lines: 300-310        # the segment holding these lines (or one line: 300)\n"
    "    outlet: Al Mayadeen   # set any of: outlet, date, title, author, lang, kind\n"
    "  - file: dump.txt\n"
    "    merge: 120-200        # the segments overlapping these lines become one\n"
    "  - file: dump.txt\n"
    "    split: 245            # a new segment starts at line 245\n"
    "corrections file, CSV (action: set, merge or split; empty = set):\n"
    "  file,action,lines,outlet,date,title,author,lang,kind\n"
    "  dump.txt,set,300-310,Al Mayadeen,2022-03-05,,,,\n\n"
    "examples:\n"
    "  framing segment articles.txt\n"
    "  framing segment articles.txt --format jsonl -o segments.jsonl\n")


def add(sub) -> None:
    p = common.add_parser(sub, "segment", "show how text dumps are split into articles", DESCRIPTION)
    p.add_argument("inputs", nargs="+", metavar="FILE", help="text files (.txt), or PDF and Word files (.pdf, .docx)")
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table", help="output format (default: table)")
    p.add_argument("--corrections", metavar="FILE", help="corrections file to apply")
    p.add_argument("--monthfirst", action="store_true", help="read 5/12/2020 as May 12")
    p.add_argument("--outlet-aliases", action="append", default=[], metavar="FILE",
                   help="your own outlet alias table (TSV: alias, outlet, kind), added to the shipped one; repeatable")
    p.add_argument("--max-file-mb", type=float, default=None, metavar="MB",
                   help="largest file to read (default: 64; 0 = no limit)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..ingest.documents import document_text
    from ..ingest.dumps import dump_segments
    from ..ingest.encoding import read_text
    from ..ingest.readers import ReadOptions
    from ..ingest.segment import segments_to_csv, segments_to_jsonl, segments_to_table
    from ..output import write_text

    options = ReadOptions(dayfirst=not args.monthfirst, corrections=args.corrections,
                          outlet_aliases=tuple(args.outlet_aliases))
    max_mb = common.max_file_mb(args.max_file_mb)
    segments = []
    for name in args.inputs:
        path = Path(name)
        segments.extend(dump_segments(document_text(path) or read_text(path, max_mb=max_mb), path, options))  # .pdf/.docx too
    render = {"jsonl": segments_to_jsonl, "csv": segments_to_csv, "table": segments_to_table}[args.format]
    text = render(segments)
    if args.output:
        write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
