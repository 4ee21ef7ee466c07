"""The command line: parse arguments, call the library, turn FramingError into one line + exit code.

One module per command (framing/cli/analyze.py, report.py, ...: each registers its parser with
``add(sub)`` and runs it with ``run(args)``), and one module they share, framing/cli/common.py (the
input options, the option objects made from the arguments, the manifest and the summary).

Exit codes: 0 success; 1 finished but inputs were skipped and ``--strict`` was given; 2 usage or
input error (the message names the file and line and what to do); 3 internal error (a short
message and the path of the full log); 130 interrupted (Ctrl-C), 143 stopped by SIGTERM (129 SIGHUP),
each after the same cleanup (framing.interrupt).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

from .. import __version__
from ..errors import FramingError, InputError
from .common import Parser, add_output_options, fmt

# the command modules, in the order of `framing --help`
COMMANDS = ("analyze", "report", "html", "exercise", "lexicon", "compare", "kwic", "audit", "score", "train",
            "evaluate", "termscores", "fingerprint", "discover", "hits", "segment", "app")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="framing", formatter_class=fmt(), description=(
        "Measure loaded language and framing in news.\n\n"
        "examples:\n"
        "  framing report --demo -o demo.pdf\n"
        "  framing analyze articles.csv -o results/\n"
        "  framing lexicon show militants\n"))
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and the scanning core, then exit")
    parser.add_argument("--core", choices=("python", "native"), default=None,
                        help="the lexicon scanner: native (compiled, framing_native) or python (the reference); "
                             "default: $FRAMING_CORE, else native when it is built")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        module.add(sub)
    add_output_options(sub, skip=("app",))  # (the app writes no file of its own)
    return parser


class _Version(argparse.Action):
    """``framing --version``: the version and the core that would scan (after any --core before it)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from ..match import core, native_module

        if namespace.core:
            os.environ["FRAMING_CORE"] = namespace.core
        try:
            active = core()
        except FramingError as exc:
            parser.exit(2, f"error: {exc}\n")
        native = native_module()
        built = f"framing_native {native.__version__}" if native else "framing_native not built"
        print(f"framing {__version__} ({active} core; {built})")
        parser.exit(0)


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


def main(argv: list[str] | None = None) -> int:
    """Run one command: ``argv`` (default: sys.argv[1:]) is what it was given, and what it records
    (a store's runs.command, a report's reproducibility page, a coding sheet's sample)."""
    from ..interrupt import handled_signals
    from ..output import OutputOptions, protect_inputs, set_output_options

    argv = [str(a) for a in (sys.argv[1:] if argv is None else argv)]
    _console_safe()
    core = os.environ.get("FRAMING_CORE")
    try:
        with handled_signals():  # SIGTERM and SIGHUP clean up as Ctrl-C does
            return _main(argv)
    finally:  # what one command set does not outlast it (main may be called again in this process)
        protect_inputs([])
        set_output_options(OutputOptions())
        if core is None:
            os.environ.pop("FRAMING_CORE", None)
        else:
            os.environ["FRAMING_CORE"] = core


def _main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return 0
        args.argv = argv
        from ..match import core

        if args.core:  # for this process and the workers it starts
            os.environ["FRAMING_CORE"] = args.core
        core()  # asking for a core that is not built is an error before any work
        from ..guard import check_outputs
        from ..output import OutputOptions, set_output_options
        from .common import planned_run

        set_output_options(OutputOptions(csv_raw=getattr(args, "csv_raw", False)))
        check_outputs(planned_run(args))
        return int(args.run(args) or 0)
    except FramingError as exc:
        if isinstance(exc, InputError):  # one line, also when it names a file whose name holds a line break
            from ..ingest.paths import shown

            exc = InputError(shown(str(exc)))
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal error: short message, full log on disk
        from ..interrupt import as_interruption

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
    from ..interrupt import Terminated

    if isinstance(exc, Terminated):
        print(f"stopped by {exc.name}", file=sys.stderr)
        return exc.exit_code
    print("interrupted", file=sys.stderr)
    return 130


def _write_error_log(argv: list[str]) -> Path | None:
    """The traceback of an internal error in a new file in the temporary folder (None if that fails)."""
    try:
        fd, name = tempfile.mkstemp(prefix="framing-error-", suffix=".log")
        with open(fd, "w", encoding="utf-8", errors="replace") as f:
            f.write(f"framing {__version__}, Python {sys.version.split()[0]}\n")
            f.write(f"command: framing {' '.join(argv)}\n\n")
            f.write(traceback.format_exc())
        return Path(name)
    except Exception:
        return None
