"""The command line: parse arguments, call the library, turn FramingError into one line + exit code.

Exit codes: 0 success; 1 finished but inputs were skipped and ``--strict`` was given; 2 usage or
input error (the message names the file and line and what to do); 3 internal error (a short
message and the path of the full log); 130 interrupted (Ctrl-C), 143 stopped by SIGTERM (129 SIGHUP),
each after the same cleanup (framing.interrupt).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

from . import __version__
from .beyond import add_beyond_options
from .errors import FramingError, InputError, OptionError

DEMO = "--demo"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: one line, exit 2
        raise OptionError(f"{self.prog}: {message} (see --help)")


def _fmt():
    return lambda prog: argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _add_input_options(p: argparse.ArgumentParser, *, demo: bool = True, outlet_flag: str = "--outlet") -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files or folders (.csv .tsv .jsonl .json .parquet .txt .html .xml/.rss .pdf .docx; .gz too)")
    if demo:
        p.add_argument("--demo", action="store_true", help="use the bundled demo corpus instead of INPUT")
    g = p.add_argument_group("reading the input")
    g.add_argument("--text-col", help="column holding the article text (guessed: text, content, article_content, ...)")
    g.add_argument("--outlet-col", help="column holding the outlet (guessed: outlet, source, ...)")
    g.add_argument("--date-col", help="column holding the date (guessed: date, published, ...)")
    g.add_argument("--id-col", help="column holding a document id (guessed: id, doc_id, ...)")
    g.add_argument("--title-col", help="column holding the title (guessed: title, headline)")
    g.add_argument(outlet_flag, dest="outlet", help="outlet name for inputs that do not give one")
    g.add_argument("--monthfirst", action="store_true", help="read 5/12/2020 as May 12 (default: 5 December)")
    g.add_argument("--corrections", metavar="FILE", help="corrections to the automatic split of text dumps (see framing segment --help)")
    g.add_argument("--csv-no-quotes", action="store_true",
                   help="read CSV/TSV with quote marks as plain text, one record a line (for a file whose quoting is broken)")
    g.add_argument("--max-file-mb", type=float, default=None, metavar="MB",
                   help="largest .txt, .json, HTML or feed file to read (they are read whole; default: 64; 0 = no limit)")
    g.add_argument("--keep-duplicates", action="store_true", help="analyse reposted copies too (default: once, as the original)")
    g.add_argument("--outlet-aliases", action="append", default=[], metavar="FILE",
                   help="your own outlet alias table (TSV: alias, outlet, kind), added to the shipped one; repeatable")
    lx = p.add_argument_group("lexicons")
    lx.add_argument("--lexicons", default="en/core,ar/core", metavar="NAMES",
                    help="shipped lexicons to use, comma-separated, or 'none' (default: en/core,ar/core; see framing lexicon files)")
    lx.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                    help="a lexicon file of your own (TSV, see lexicons/SCHEMA.md); repeatable")
    lx.add_argument("--sense-model", action="store_true",
                    help="let the small sense model decide ambiguous terms no cue rule decides (default: such hits count as loaded)")
    lx.add_argument("--count-scare-quotes", action=argparse.BooleanOptionalAction, default=None,
                    help="add scare quotes (ctx.scare_quote) into the delegitimising category (default: a measure of "
                         "their own, not in category rates; with --store: the setting the store records)")
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--strict", action="store_true", help="exit with code 1 when any input was skipped")
    sc = p.add_argument_group("large corpora (README, Scale)")
    sc.add_argument("--store", metavar="FILE", help="a DuckDB file of results: analyze INPUT --store FILE adds the input "
                    "files not yet in it; other commands given --store FILE and no INPUT read it without analysing again")
    sc.add_argument("--rebuild", action="store_true", help="with --store: empty the store first (after a lexicon change)")
    sc.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="where the analysis runs: local processes (default) or a Dask cluster")
    sc.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler (tcp://HOST:8786); "
                    "default: a local Dask cluster of --jobs workers")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="framing", formatter_class=_fmt(), description=(
        "Measure loaded language and framing in news.\n\n"
        "examples:\n"
        "  framing report --demo -o demo.pdf\n"
        "  framing analyze articles.csv -o results/\n"
        "  framing lexicon show militants\n"))
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("analyze", help="count loaded terms; write documents, hits and rate tables (CSV)",
                       formatter_class=_fmt(), description=(
                           "Find lexicon terms in every document and write the tables.\n\n"
                           "writes DIR/documents.csv, DIR/hits.csv, DIR/rates_by_outlet.csv,\n"
                           "DIR/rates_by_period.csv, DIR/attributions.csv, DIR/attribution_by_outlet.csv\n"
                           "and DIR/manifest.csv (what became of every input record).\n\n"
                           "examples:\n"
                           "  framing analyze --demo -o reports/demo\n"
                           "  framing analyze export.csv --text-col body --period quarter -o results/\n"
                           "  framing analyze dumps/ --lexicon mine.tsv -o results/\n"
                           "  framing analyze archive/ --store archive.duckdb   (then: framing report --store archive.duckdb)\n"))
    _add_input_options(p)
    add_beyond_options(p)
    p.add_argument("-o", "--output", metavar="DIR",
                   help="output folder (default: reports/analysis; with --store, tables are written only when -o is given)")
    p.add_argument("--period", default="month", choices=["week", "month", "quarter", "year"], help="period for rates over time (default: month)")
    p.add_argument("--zone", default="all", choices=["all", "headline", "body"],
                   help="what the rate tables count: all (default: headlines and bodies), headline (titles and "
                        "subtitles) or body; hits.csv always has every hit, with its zone")
    p.set_defaults(run=_run_analyze)

    p = sub.add_parser("report", help="write a PDF report with charts (PNGs beside it)",
                       formatter_class=_fmt(), description=(
                           "Analyse the input and write a PDF report; every chart is also written as PNG beside it.\n\n"
                           "examples:\n"
                           "  framing report --demo -o demo.pdf\n"
                           "  framing report articles.txt page1.html -o class.pdf --period quarter\n"))
    _add_input_options(p)
    add_beyond_options(p)
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
    p.set_defaults(run=_run_report)

    p = sub.add_parser("html", help="write a self-contained HTML view with highlighted terms",
                       formatter_class=_fmt(), description=(
                           "One HTML file, no network needed: each article with its loaded terms highlighted by\n"
                           "category, a tooltip with category, voice and neutral alternative, filters by outlet,\n"
                           "category and voice, and the main charts. Arabic articles are laid out right to left.\n\n"
                           "examples:\n"
                           "  framing html --demo -o view.html\n"
                           "  framing html outletA/ outletB/ -o view.html\n"))
    _add_input_options(p)
    add_beyond_options(p)
    p.add_argument("-o", "--output", default="reports/view.html", metavar="FILE.html", help="the file to write (default: reports/view.html)")
    p.add_argument("--title", help="title of the page (default: from the input)")
    p.add_argument("--period", default="month", choices=["week", "month", "quarter", "year"], help="period of the chart over time")
    p.set_defaults(run=_run_html)

    p = sub.add_parser("exercise", help="write a classroom worksheet and its answer key (PDF, DOCX, JSON)",
                       formatter_class=_fmt(), description=(
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
                           "  framing exercise export.csv --kind rewrite --items 6 --difficulty easy --format pdf,docx,json\n"))
    _add_input_options(p)
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
    p.set_defaults(run=_run_exercise)

    from .cli_lexicon import add_lexicon_commands

    add_lexicon_commands(sub, _fmt)

    from .cli_stats import add_stats_commands

    add_stats_commands(sub, _fmt)

    from .cli_audit import add_audit_commands

    add_audit_commands(sub, _fmt)

    from .cli_model import add_corpus_model_commands, add_model_commands

    add_model_commands(sub, _fmt)
    add_corpus_model_commands(sub, _fmt)

    from .cli_discover import add_discover_command

    add_discover_command(sub, _fmt)

    p = sub.add_parser("hits", help="list every hit with its position, category and context",
                       formatter_class=_fmt(), description=(
                           "One record per hit: doc_id, outlet, date, file, line, start, end, surface, entry,\n"
                           "category, referent, lang, voice, scare_quote, so_called, negated.\n\n"
                           "examples:\n"
                           "  framing hits --demo --format csv -o hits.csv\n"
                           "  framing hits sentences.jsonl --all\n"))
    _add_input_options(p)
    add_beyond_options(p)
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="output format (default: jsonl)")
    p.add_argument("--all", action="store_true", help="also list ambiguous terms read in their neutral sense (sense=neutral)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(run=_run_hits)

    p = sub.add_parser("segment", help="show how text dumps are split into articles",
                       formatter_class=_fmt(), description=(
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
                           "  framing segment articles.txt --format jsonl -o segments.jsonl\n"))
    p.add_argument("inputs", nargs="+", metavar="FILE", help="text files (.txt), or PDF and Word files (.pdf, .docx)")
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table", help="output format (default: table)")
    p.add_argument("--corrections", metavar="FILE", help="corrections file to apply")
    p.add_argument("--monthfirst", action="store_true", help="read 5/12/2020 as May 12")
    p.add_argument("--outlet-aliases", action="append", default=[], metavar="FILE",
                   help="your own outlet alias table (TSV: alias, outlet, kind), added to the shipped one; repeatable")
    p.add_argument("--max-file-mb", type=float, default=None, metavar="MB",
                   help="largest file to read (default: 64; 0 = no limit)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(run=_run_segment)
    _add_output_options(sub)

    p = sub.add_parser("app", help="open a web page to drop articles on and get the report and worksheets",
                       formatter_class=_fmt(), description=(
                           "A local web app in your browser: drop files (text dumps, CSV, JSON Lines, saved pages,\n"
                           "feeds, PDF, Word), check and fix how they were split, choose outlets and lexicons, see\n"
                           "the charts, and download the PDF report, worksheets, HTML view and tables. It listens\n"
                           "on this computer only and needs the token in the address it prints. Ctrl-C stops it\n"
                           "and removes the uploaded files.\n\n"
                           "examples:\n"
                           "  framing app\n"
                           "  framing app --no-browser --port 8800\n"))
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--port", type=int, default=0, help="port (default: the first free one from 8765)")
    p.add_argument("--token", help="the access token (default: a new random one each time)")
    p.add_argument("--no-browser", action="store_true", help="do not open the browser")
    p.add_argument("--max-upload-mb", type=float, default=200.0, metavar="MB",
                   help="largest upload accepted at once (default: 200)")
    p.set_defaults(run=_run_app)
    return parser


def _console_safe() -> None:
    """On a console that cannot show every character (ASCII, cp1252: no Arabic), print what it
    cannot as escapes (\\u0627) instead of stopping with an encoding error."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding and not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _add_output_options(sub) -> None:
    """Options of every command that writes files (each leaf command: ``lexicon show`` too)."""
    for p in sub.choices.values():
        nested = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            _add_output_options(nested[0])
            continue
        p.add_argument("--csv-raw", action="store_true",
                       help="write CSV cells as they are: by default a cell from the input that begins with "
                            "= + - @ or a tab gets a ' before it, so that a spreadsheet does not run it as a "
                            "formula (README, Guarantees); give --csv-raw for pandas, R and other programs")


def main(argv: list[str] | None = None) -> int:
    from .interrupt import handled_signals

    from .output import OutputOptions, protect_inputs, set_output_options

    _console_safe()
    try:
        with handled_signals():  # SIGTERM and SIGHUP clean up as Ctrl-C does
            return _main(argv)
    finally:  # what one command set does not outlast it (main may be called again in this process)
        protect_inputs([])
        set_output_options(OutputOptions())


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return 0
        from .output import OutputOptions, set_output_options

        set_output_options(OutputOptions(csv_raw=getattr(args, "csv_raw", False)))
        from .guard import check_outputs

        check_outputs(args)
        return int(args.run(args) or 0)
    except FramingError as exc:
        if isinstance(exc, InputError):  # one line, also when it names a file whose name holds a line break
            from .ingest.paths import shown

            exc = InputError(shown(str(exc)))
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal error: short message, full log on disk
        from .interrupt import as_interruption

        if (interruption := as_interruption(exc)) is not None:   # a signal during a DuckDB query
            return _interrupted(interruption)
        where = _write_error_log(argv)
        short = f"{type(exc).__name__}: {exc}"
        short = short if len(short) <= 200 else short[:200] + "..."
        print(f"internal error: {short}; "
              + (f"the full log is in {where}; please report it" if where else
                 "no log could be written; please report it with the command you ran"), file=sys.stderr)
        return 3


def _interrupted(exc: KeyboardInterrupt) -> int:
    from .interrupt import Terminated

    if isinstance(exc, Terminated):
        print(f"stopped by {exc.name}", file=sys.stderr)
        return exc.exit_code
    print("interrupted", file=sys.stderr)
    return 130


def _write_error_log(argv) -> Path | None:
    """The traceback of an internal error in a new file in the temporary folder (None if that fails)."""
    try:
        fd, name = tempfile.mkstemp(prefix="framing-error-", suffix=".log")
        with open(fd, "w", encoding="utf-8", errors="replace") as f:
            f.write(f"framing {__version__}, Python {sys.version.split()[0]}\n")
            f.write(f"command: framing {' '.join(map(str, argv if argv is not None else sys.argv[1:]))}\n\n")
            f.write(traceback.format_exc())
        return Path(name)
    except Exception:
        return None


# ----------------------------------------------------------------------------- commands

def _run_analyze(args) -> int:
    from .commands import analyze_command

    return analyze_command(args)


def _run_report(args) -> int:
    from .commands import report_command

    return report_command(args)


def _run_exercise(args) -> int:
    from .commands import exercise_command

    return exercise_command(args)


def _run_html(args) -> int:
    from .commands import html_command

    return html_command(args)


def _run_hits(args) -> int:
    from .commands import hits_command

    return hits_command(args)


def _run_segment(args) -> int:
    from .commands import segment_command

    return segment_command(args)


def _run_app(args) -> int:
    from .app.server import AppOptions, run_app

    return run_app(AppOptions(host=args.host, port=args.port, token=args.token, open_browser=not args.no_browser,
                              max_upload_mb=args.max_upload_mb))


if __name__ == "__main__":
    sys.exit(main())
