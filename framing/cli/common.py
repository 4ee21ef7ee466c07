"""What every command module of the CLI shares: the parser class, the input options, turning the parsed
arguments once into the library's option objects (ReadOptions, AnalyzeOptions, StoreOptions), running
the analysis, and the finish (manifest, summary, exit code).

The argparse namespace stops here and in the command modules: the library is given option objects and
plain values only (tests/test_cli_modules.py checks it).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import FramingError, OptionError


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: one line, exit 2
        raise OptionError(f"{self.prog}: {message} (see --help)")


def fmt():
    return lambda prog: argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def add_parser(sub, name: str, help: str, description: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, formatter_class=fmt(), description=description)


# ----------------------------------------------------------------------------- options

def add_input_options(p: argparse.ArgumentParser, *, demo: bool = True, outlet_flag: str = "--outlet") -> None:
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


def add_beyond_options(p) -> None:
    """``--beyond-lexicon`` and ``--model-in-rates`` for analyze, hits, report and html (framing.beyond)."""
    g = p.add_argument_group("beyond the lexicon")
    g.add_argument("--beyond-lexicon", action="store_true",
                   help="also mark words the word-level model reads as loaded that no lexicon lists "
                        "(category model.loaded, read in context; English only; not counted in the rates)")
    g.add_argument("--model-in-rates", action="store_true",
                   help="with --beyond-lexicon: count those words in the rates and charts too")


def add_data_options(p) -> None:
    """The labelled sentences train and evaluate read."""
    p.add_argument("data", metavar="DATA.csv", help="labelled sentences (.csv .tsv .jsonl .parquet)")
    p.add_argument("--text-col", default="text", help="column holding the sentence (default: text)")
    p.add_argument("--label-col", default="label", help="column holding the label (default: label)")
    p.add_argument("--marked-col", default="biased_words",
                   help="column of words marked as biased, |-separated; used when present (default: biased_words)")


def add_output_options(sub, skip: tuple[str, ...] = ()) -> None:
    """Options of every command that writes files (each leaf command: ``lexicon show`` too)."""
    for name, p in sub.choices.items():
        if name in skip:
            continue
        nested = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            add_output_options(nested[0])
            continue
        p.add_argument("--csv-raw", action="store_true",
                       help="write CSV cells as they are: by default a cell from the input that begins with "
                            "= + - @ or a tab gets a ' before it, so that a spreadsheet does not run it as a "
                            "formula (README, Guarantees); give --csv-raw for pandas, R and other programs")


# ----------------------------------------------------------------------------- arguments -> option objects

def command_line(args) -> str:
    """The command as it was given (main's argv, or sys.argv[1:] when main was given none)."""
    return " ".join(["framing", *map(str, getattr(args, "argv", None) or [])])


def demo_path() -> Path:
    from ..ingest.readers import demo_path as shipped

    return shipped()


def input_paths(args) -> list[str]:
    if getattr(args, "demo", False):
        if args.inputs:
            raise OptionError("give either --demo or INPUT files, not both")
        return [str(demo_path())]
    if not args.inputs:
        raise OptionError("no INPUT given: name files or folders to read, or use --demo")
    return list(args.inputs)


def max_file_mb(value: float | None) -> float:
    from ..ingest.encoding import MAX_WHOLE_MB

    if value is None:
        return MAX_WHOLE_MB
    if not value >= 0 or value == float("inf"):
        raise OptionError(f"--max-file-mb {value:g}: give a size in MB (0 = no limit)")
    return value


def read_options(args):
    from ..ingest.readers import ReadOptions

    return ReadOptions(
        text_col=args.text_col, outlet_col=args.outlet_col, date_col=args.date_col, id_col=args.id_col,
        title_col=args.title_col, dayfirst=not args.monthfirst, outlet=args.outlet,
        corrections=args.corrections, keep_duplicates=args.keep_duplicates,
        outlet_aliases=tuple(getattr(args, "outlet_aliases", ()) or ()),
        csv_quotes=not getattr(args, "csv_no_quotes", False), max_file_mb=max_file_mb(getattr(args, "max_file_mb", None)),
    )


def lexicon_names(spec: str) -> list[str]:
    return [] if spec.strip().lower() == "none" else [n.strip() for n in spec.split(",") if n.strip()]


def lexicon_from(args):
    from ..lexicon import load_lexicon

    names = lexicon_names(args.lexicons)
    if not names and not args.lexicon:
        raise OptionError("--lexicons none and no --lexicon FILE: there is nothing to look for")
    notes: list[str] = []
    lexicon = load_lexicon(names, args.lexicon, notes=notes)
    if len(notes) > 3:
        notes = notes[:3] + [f"... and {len(notes) - 3} more replacements"]
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return lexicon


def jobs_option(jobs: int) -> int:
    """--jobs N: 0 = all cores; negative is refused; far more than the cores is brought down to four
    per core (each worker is a process of its own: thousands would exhaust the machine)."""
    import os

    if jobs < 0:
        raise OptionError(f"--jobs {jobs}: give the number of worker processes, 1 or more (0 = all cores)")
    cap = 4 * (os.cpu_count() or 1)
    if jobs > cap:
        print(f"note: --jobs {jobs} is more than this machine can use: {cap} worker processes are used",
              file=sys.stderr)
        return cap
    return jobs


def store_options(args):
    """The store a command was given (framing.store.StoreOptions), or None without --store."""
    from ..store import StoreOptions

    store = getattr(args, "store", None)
    if not store:
        return None
    return StoreOptions(path=store, rebuild=bool(getattr(args, "rebuild", False)), command=command_line(args))


def analyze_options(args, **options):
    from ..analyze import AnalyzeOptions
    from ..scare import setting_of

    engine, scheduler = getattr(args, "engine", "local"), getattr(args, "scheduler", None)
    store = getattr(args, "store", None)
    if scheduler and engine != "dask":
        raise OptionError("--scheduler ADDRESS is for --engine dask: add --engine dask")
    if getattr(args, "rebuild", False) and not store:
        raise OptionError("--rebuild empties a store: give it with --store FILE")
    beyond = getattr(args, "beyond_lexicon", False)
    if getattr(args, "model_in_rates", False) and not beyond:
        raise OptionError("--model-in-rates counts the word model's spans: add --beyond-lexicon")
    if beyond and (engine == "dask" or store):
        raise OptionError("--beyond-lexicon works on a local analysis of INPUT files: leave out --engine dask and --store")
    recorded = None
    if store and Path(store).is_file():
        from ..store import recorded_scare_setting

        recorded = recorded_scare_setting(store)
    return AnalyzeOptions(jobs=jobs_option(args.jobs), sense_model=getattr(args, "sense_model", False), engine=engine,
                          scheduler=scheduler, count_scare_quotes=setting_of(scare_flag(args), recorded),
                          beyond_lexicon=beyond, **options)


def scare_flag(args) -> bool | None:
    """--count-scare-quotes / --no-count-scare-quotes (None when neither was given)."""
    return getattr(args, "count_scare_quotes", None)


def planned_run(args):
    """What framing.guard checks before anything is written."""
    from ..guard import PlannedRun

    values = tuple((key, value) for key, value in vars(args).items() if key not in ("run", "command", "argv"))
    return PlannedRun(command=getattr(args, "command", "") or "", output=getattr(args, "output", None),
                      store=getattr(args, "store", None), values=values, demo=bool(getattr(args, "demo", False)))


# ----------------------------------------------------------------------------- running the analysis

def store_inputs(args):
    """With --store and INPUT: analyse INPUT's files not yet in the store into it (framing.store).
    Returns what the run did, or None when no INPUT is given (the store is only read)."""
    from ..store import add_to_store

    options = analyze_options(args)
    store = store_options(args)
    if not (args.inputs or getattr(args, "demo", False)):
        if store.rebuild:
            raise OptionError("--rebuild: give the INPUT to analyse into the emptied store")
        return None
    run = add_to_store(store.path, input_paths(args), lexicon_from(args), read_options(args), options,
                       rebuild=store.rebuild, command=store.command)
    print(run.summary(), file=sys.stdout if args.command == "analyze" else sys.stderr)
    return run


def run_analysis(args, *, keep_neutral: bool = False, keep_texts: bool = False, sink=None):
    from ..analyze import analyze_corpus
    from ..scare import apply_setting, setting_note

    if getattr(args, "store", None):
        from ..store import load_analysis

        store_inputs(args)
        analysis = load_analysis(args.store, keep_neutral=keep_neutral, keep_texts=keep_texts, attributions=False)
        if analysis.documents.empty:
            raise OptionError(f"--store {args.store}: holds no document: add some with "
                              f"framing analyze INPUT --store {args.store}")
        count = apply_setting(analysis, scare_flag(args), store=args.store)
        print(setting_note(analysis, count, scare_flag(args), store=args.store), file=sys.stderr)
        return analysis
    analysis = analyze_corpus(input_paths(args), lexicon_from(args), read_options(args),
                              analyze_options(args, keep_neutral_senses=keep_neutral, keep_texts=keep_texts), sink)
    apply_setting(analysis, scare_flag(args), recorded=False)
    if analysis.documents.empty:
        skipped = analysis.manifest.skipped()
        why = f": {skipped[0]['file']} {skipped[0]['record']}: {skipped[0]['reason']}" if skipped else ""
        where = write_manifest(analysis.manifest, args, quiet=True)
        raise OptionError(f"no document could be read from the input{why}"
                          + (f" (every record is listed in {where})" if where and len(skipped) > 1 else ""))
    return analysis


# ----------------------------------------------------------------------------- finishing

def manifest_path(args) -> Path | None:
    """Where a command writes its manifest: DIR/manifest.csv for commands that write a folder,
    FILE.manifest.csv beside a single output file, nowhere when the output goes to stdout."""
    from ..output import is_stream

    output = getattr(args, "output", None)
    if not output or output == "-" or is_stream(output):   # no manifest beside stdout, /dev/null or a FIFO
        return None
    if getattr(args, "command", "") in FOLDER_COMMANDS:
        return Path(output) / "manifest.csv"
    return Path(output).with_suffix(".manifest.csv")


FOLDER_COMMANDS = ("analyze", "compare", "termscores", "fingerprint")  # -o DIR: the manifest goes inside DIR


def write_manifest(manifest, args, *, quiet: bool = False) -> Path | None:
    from ..output import write_csv

    path = manifest_path(args)
    if path is not None:
        try:
            write_csv(path, manifest.table())
        except FramingError:
            if not quiet:
                raise
            return None
    return path


def finish(manifest, args) -> int:
    """Write the manifest, say how many records were skipped; the exit code (1: skipped and --strict)."""
    where = write_manifest(manifest, args)
    skipped = manifest.skipped()
    if skipped:
        print(f"note: {len(skipped)} input record(s) skipped; each is listed with its reason in "
              f"{where or 'the manifest (give -o to write it)'}", file=sys.stderr)
    return 1 if (skipped and getattr(args, "strict", False)) else 0


def status(message: str) -> None:
    """A progress line on stderr for the steps after the analysis (its own bar is tqdm's); only on a terminal."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def title(args) -> str:
    return args.title or ("Demo corpus" if args.demo else ", ".join(Path(p).name for p in args.inputs[:3])
                          or Path(getattr(args, "store", None) or "").stem)


def outlet_list(spec: str | None, analysis) -> tuple[str, ...]:
    """Outlet names from a comma-separated option, checked against the corpus."""
    if not spec:
        return ()
    outlets = tuple(o.strip() for o in spec.split(",") if o.strip())
    known = set(analysis.documents["outlet"])
    unknown = [o for o in outlets if o not in known]
    if unknown:
        raise OptionError(f"--outlets: no outlet named {', '.join(unknown)} in the input: the outlets are "
                          f"{', '.join(sorted(known))}")
    return outlets


def comma_list(spec: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (spec or "").split(",") if x.strip())
