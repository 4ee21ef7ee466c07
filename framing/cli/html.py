"""`framing html`: a self-contained HTML view with highlighted terms."""
from __future__ import annotations

from . import common

DESCRIPTION = (
    "One HTML file, no network needed: each article with its loaded terms highlighted by\n"
    "category, a tooltip with category, voice and neutral alternative, filters by outlet,\n"
    "category and voice, and the main charts. Arabic articles are laid out right to left.\n\n"
    "examples:\n"
    "  framing html --demo -o view.html\n"
    "  framing html outletA/ outletB/ -o view.html\n")


def add(sub) -> None:
    p = common.add_parser(sub, "html", "write a self-contained HTML view with highlighted terms", DESCRIPTION)
    common.add_input_options(p)
    common.add_beyond_options(p)
    p.add_argument("-o", "--output", default="reports/view.html", metavar="FILE.html", help="the file to write (default: reports/view.html)")
    p.add_argument("--title", help="title of the page (default: from the input)")
    p.add_argument("--period", default="month", choices=["week", "month", "quarter", "year"], help="period of the chart over time")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..html_view import render_html

    analysis = common.run_analysis(args, keep_neutral=True, keep_texts=True)
    common.status("writing the page ...")
    path = render_html(analysis, args.output, title=common.title(args), period=args.period,
                       counted_model_layer=args.model_in_rates)
    print(analysis.manifest.summary())
    print(f"view written to {path}: open it in a browser (no network needed)")
    return common.finish(analysis.manifest, args)
