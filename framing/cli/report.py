"""`framing report`: a PDF report with charts (PNGs beside it)."""
from __future__ import annotations

import sys

import pandas as pd

from ..errors import OptionError
from . import common

DESCRIPTION = (
    "Analyse the input and write a PDF report; every chart is also written as PNG beside it.\n\n"
    "examples:\n"
    "  framing report --demo -o demo.pdf\n"
    "  framing report articles.txt page1.html -o class.pdf --period quarter\n")


def add(sub) -> None:
    p = common.add_parser(sub, "report", "write a PDF report with charts (PNGs beside it)", DESCRIPTION)
    common.add_input_options(p)
    common.add_beyond_options(p)
    p.add_argument("-o", "--output", default="reports/report.pdf", metavar="FILE.pdf", help="the PDF to write (default: reports/report.pdf)")
    p.add_argument("--period", default="month", choices=["week", "month", "quarter", "year"], help="period for charts over time (default: month)")
    p.add_argument("--title", help="title on the cover (default: from the input)")
    p.add_argument("--page-size", choices=["A4", "letter"], default="A4", help="paper size (default: A4)")
    p.add_argument("--sections", metavar="NAMES",
                   help="only these sections, comma-separated: summary, corpus, categories, voice, rates, terms, "
                        "naming, time, keyness, scare_quotes, audit, examples, methods, lexicon, reproducibility (default: all); "
                        "or classroom: a short report for projection (summary in plain words, three charts, examples, no appendix)")
    p.add_argument("--outlets", metavar="NAMES", help="only these outlets, comma-separated")
    p.add_argument("--lang", metavar="CODE", help="only documents in this language (en, ar)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="only documents dated on or after DATE (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="only documents dated on or before DATE")
    p.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap and permutation tests (default: 0)")
    p.add_argument("--audit", metavar="DIR", help="a folder written by framing audit score: add rates corrected by "
                   "the measured precision, and say what was audited in the methods")
    p.add_argument("--figures", default="png", metavar="FORMATS",
                   help="chart files written beside the PDF, comma-separated: png, svg (SVG keeps text as text, "
                        "editable in Inkscape or Illustrator; default: png)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..exports import rated_hits
    from ..report import ReportOptions, render_report, select

    analysis = common.run_analysis(args)
    if args.beyond_lexicon and not args.model_in_rates:
        from ..beyond import model_layer

        n = len(model_layer(analysis.hits))
        analysis.hits = rated_hits(analysis.hits)
        print(f"note: {n} span(s) the word model reads as loaded are kept out of the report's rates; "
              "list them with framing hits --beyond-lexicon, or add --model-in-rates", file=sys.stderr)
    outlets = common.outlet_list(args.outlets, analysis)
    try:
        date_from = pd.Timestamp(args.date_from) if args.date_from else None
        date_to = pd.Timestamp(args.date_to) if args.date_to else None
    except ValueError:
        raise OptionError("--from/--to: write dates as YYYY-MM-DD") from None
    chosen = select(analysis, outlets, args.lang, date_from, date_to)
    if chosen.documents.empty:
        raise OptionError("no document is left after --outlets, --lang, --from and --to: widen the selection")
    if args.audit:
        from ..audit_rates import load_audit

        load_audit(args.audit)  # a wrong folder is reported before the report is drawn
    figures = tuple(dict.fromkeys(["png"] + [x.lower() for x in common.comma_list(args.figures)]))
    options = ReportOptions(title=common.title(args), period=args.period, page_size=args.page_size,
                            sections=common.comma_list(args.sections), seed=args.seed,
                            command=common.command_line(args), audit=args.audit or "",
                            count_scare_quotes=analysis.count_scare_quotes, figures=figures)
    common.status("drawing the charts and writing the report ...")
    pdf, pngs = render_report(chosen, args.output, options)
    print(analysis.manifest.summary())
    print(f"report written to {pdf} ({len(pngs)} chart(s) as PNG beside it)")
    return common.finish(analysis.manifest, args)
