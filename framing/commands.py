"""The work behind each CLI command: options -> library calls -> files. No argument parsing here."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import pandas as pd

from .analyze import Analysis, AnalyzeOptions, analyze_corpus
from .errors import FramingError, OptionError
from .ingest.readers import ReadOptions
from .lexicon import load_lexicon
from .output import ensure_dir, is_stream, neutralised_frame, write_csv, write_text
from .tables import attribution_rates, corpus_summary, rates_by_outlet, rates_by_period
from .zones import zone_hits


def demo_path() -> Path:
    return Path(str(resources.files("framing.data") / "demo" / "articles.jsonl"))


def input_paths(args) -> list[str]:
    if getattr(args, "demo", False):
        if args.inputs:
            raise OptionError("give either --demo or INPUT files, not both")
        return [str(demo_path())]
    if not args.inputs:
        raise OptionError("no INPUT given: name files or folders to read, or use --demo")
    return list(args.inputs)


def read_options(args) -> ReadOptions:
    return ReadOptions(
        text_col=args.text_col, outlet_col=args.outlet_col, date_col=args.date_col, id_col=args.id_col,
        title_col=args.title_col, dayfirst=not args.monthfirst, outlet=args.outlet,
        corrections=args.corrections, keep_duplicates=args.keep_duplicates,
        outlet_aliases=tuple(getattr(args, "outlet_aliases", ()) or ()),
        csv_quotes=not getattr(args, "csv_no_quotes", False), max_file_mb=max_file_mb(args),
    )


def max_file_mb(args) -> float:
    from .ingest.encoding import MAX_WHOLE_MB

    value = getattr(args, "max_file_mb", None)
    if value is None:
        return MAX_WHOLE_MB
    if not value >= 0 or value == float("inf"):
        raise OptionError(f"--max-file-mb {value:g}: give a size in MB (0 = no limit)")
    return value


def lexicon_from(args):
    names = [] if args.lexicons.strip().lower() == "none" else [n.strip() for n in args.lexicons.split(",") if n.strip()]
    if not names and not args.lexicon:
        raise OptionError("--lexicons none and no --lexicon FILE: there is nothing to look for")
    notes: list[str] = []
    lexicon = load_lexicon(names, args.lexicon, notes=notes)
    if len(notes) > 3:
        notes = notes[:3] + [f"... and {len(notes) - 3} more replacements"]
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return lexicon


def analyze_options(args, **options) -> AnalyzeOptions:
    engine, scheduler = getattr(args, "engine", "local"), getattr(args, "scheduler", None)
    if scheduler and engine != "dask":
        raise OptionError("--scheduler ADDRESS is for --engine dask: add --engine dask")
    if getattr(args, "rebuild", False) and not getattr(args, "store", None):
        raise OptionError("--rebuild empties a store: give it with --store FILE")
    from .scare import setting_of

    beyond = getattr(args, "beyond_lexicon", False)
    if getattr(args, "model_in_rates", False) and not beyond:
        raise OptionError("--model-in-rates counts the word model's spans: add --beyond-lexicon")
    if beyond and (engine == "dask" or getattr(args, "store", None)):
        raise OptionError("--beyond-lexicon works on a local analysis of INPUT files: leave out --engine dask and --store")
    recorded = None
    if getattr(args, "store", None) and Path(args.store).is_file():
        from .store import recorded_scare_setting

        recorded = recorded_scare_setting(args.store)
    return AnalyzeOptions(jobs=jobs_option(args.jobs), sense_model=getattr(args, "sense_model", False), engine=engine,
                          scheduler=scheduler, count_scare_quotes=setting_of(args, recorded),
                          beyond_lexicon=beyond, **options)


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


def store_inputs(args):
    """With --store and INPUT: analyse INPUT's files not yet in the store into it (framing.store).
    Returns what the run did, or None when no INPUT is given (the store is only read)."""
    from .store import add_to_store

    options = analyze_options(args)
    if not (args.inputs or getattr(args, "demo", False)):
        if args.rebuild:
            raise OptionError("--rebuild: give the INPUT to analyse into the emptied store")
        return None
    run = add_to_store(args.store, input_paths(args), lexicon_from(args), read_options(args), options,
                       rebuild=args.rebuild, command=" ".join(["framing", *sys.argv[1:]]))
    print(run.summary(), file=sys.stdout if args.command == "analyze" else sys.stderr)
    return run


def run_analysis(args, *, keep_neutral: bool = False, keep_texts: bool = False, sink=None) -> Analysis:
    from .scare import apply_setting, setting_note

    if getattr(args, "store", None):
        from .store import load_analysis

        store_inputs(args)
        analysis = load_analysis(args.store, keep_neutral=keep_neutral, keep_texts=keep_texts, attributions=False)
        if analysis.documents.empty:
            raise OptionError(f"--store {args.store}: holds no document: add some with "
                              f"framing analyze INPUT --store {args.store}")
        count = apply_setting(analysis, args)
        print(setting_note(analysis, count, args), file=sys.stderr)  # which setting the numbers use
        return analysis
    analysis = analyze_corpus(input_paths(args), lexicon_from(args), read_options(args),
                              analyze_options(args, keep_neutral_senses=keep_neutral, keep_texts=keep_texts), sink)
    apply_setting(analysis, args, recorded=False)
    if analysis.documents.empty:
        skipped = analysis.manifest.skipped()
        why = f": {skipped[0]['file']} {skipped[0]['record']}: {skipped[0]['reason']}" if skipped else ""
        where = _write_manifest(analysis, args, quiet=True)
        raise OptionError(f"no document could be read from the input{why}"
                          + (f" (every record is listed in {where})" if where and len(skipped) > 1 else ""))
    return analysis


def manifest_path(args) -> Path | None:
    """Where a command writes its manifest: DIR/manifest.csv for commands that write a folder,
    FILE.manifest.csv beside a single output file, nowhere when the output goes to stdout."""
    output = getattr(args, "output", None)
    if not output or is_stream(output):   # no manifest beside /dev/null or a FIFO (as for stdout)
        return None
    if getattr(args, "command", "") in ("analyze", "compare"):
        return Path(output) / "manifest.csv"
    return Path(output).with_suffix(".manifest.csv")


def _write_manifest(analysis: Analysis, args, *, quiet: bool = False) -> Path | None:
    path = manifest_path(args)
    if path is not None:
        try:
            write_csv(path, analysis.manifest.table())
        except FramingError:
            if not quiet:
                raise
            return None
    return path


def _finish(analysis: Analysis, args) -> int:
    where = _write_manifest(analysis, args)
    skipped = analysis.manifest.skipped()
    if skipped:
        print(f"note: {len(skipped)} input record(s) skipped; each is listed with its reason in "
              f"{where or 'the manifest (give -o to write it)'}", file=sys.stderr)
    return 1 if (skipped and args.strict) else 0


def analyze_command(args) -> int:
    if args.store:
        run = store_inputs(args)
        if run is None:
            raise OptionError("no INPUT given: name files or folders to add to the store, or use --demo")
        if not args.output:
            print(f"read it with framing report|compare|kwic|html|hits --store {args.store}, or query it with SQL "
                  "(README, Scale)")
            skipped = run.counts.get("skipped", 0)
            if skipped:
                print(f"note: {skipped} input record(s) skipped; each is listed with its reason in the store's "
                      "manifest table", file=sys.stderr)
            return 1 if (skipped and args.strict) else 0
        from .store import load_analysis

        analysis = load_analysis(args.store, rerun_rows=True)  # the tables of everything in the store
        from .scare import apply_setting

        apply_setting(analysis, args)
        out = ensure_dir(args.output)
        write_csv(out / "hits.csv", analysis.hits)
        write_csv(out / "attributions.csv", analysis.attributions)
    else:
        # hits.csv and attributions.csv are written as the analysis goes; only their counts are kept
        # (framing.streaming), so memory does not grow with the number of hits.
        from .streaming import StreamedTables

        args.output = args.output or "reports/analysis"
        out = ensure_dir(args.output)
        sink = StreamedTables(out, args.period)
        try:
            analysis = run_analysis(args, sink=sink)
        except BaseException:
            sink.abort()
            raise
    write_csv(out / "documents.csv", analysis.documents)
    counted = _rated_hits(analysis, args)
    zone = getattr(args, "zone", "all")  # framing.zones
    write_csv(out / "rates_by_outlet.csv", rates_by_outlet(analysis.documents, counted, zone))
    write_csv(out / "rates_by_period.csv", rates_by_period(analysis.documents, counted, args.period, zone))
    if getattr(args, "beyond_lexicon", False):
        from .beyond import model_layer

        write_csv(out / "model_rates_by_outlet.csv", rates_by_outlet(analysis.documents, model_layer(analysis.hits)))
    write_csv(out / "attribution_by_outlet.csv", attribution_rates(analysis.documents, analysis.attributions))
    from .scare import scare_quote_rates

    write_csv(out / "scare_quotes.csv", scare_quote_rates(analysis.documents, zone_hits(analysis.hits, "body")))
    summary = corpus_summary(analysis.documents)
    print(analysis.manifest.summary(str(manifest_path(args))))
    print(f"{int(summary['hits'].sum())} loaded-term hits in {int(summary['words'].sum())} words "
          f"from {len(summary)} outlet(s); tables written to {out}/")
    return _finish(analysis, args)


def _rated_hits(analysis: Analysis, args) -> pd.DataFrame:
    """The hits the rates count: the lexicon's, plus the word model's with --model-in-rates (framing.beyond)."""
    if getattr(args, "model_in_rates", False):
        return analysis.hits
    from .beyond import lexicon_layer

    return lexicon_layer(analysis.hits)


def report_command(args) -> int:
    from .report import ReportOptions, render_report

    from .report import select

    analysis = run_analysis(args)
    if getattr(args, "beyond_lexicon", False) and not args.model_in_rates:
        from .beyond import model_layer

        n = len(model_layer(analysis.hits))
        analysis.hits = _rated_hits(analysis, args)
        print(f"note: {n} span(s) the word model reads as loaded are kept out of the report's rates; "
              "list them with framing hits --beyond-lexicon, or add --model-in-rates", file=sys.stderr)
    outlets = _outlet_list(args.outlets, analysis)
    try:
        date_from = pd.Timestamp(args.date_from) if args.date_from else None
        date_to = pd.Timestamp(args.date_to) if args.date_to else None
    except ValueError:
        raise OptionError("--from/--to: write dates as YYYY-MM-DD") from None
    chosen = select(analysis, outlets, args.lang, date_from, date_to)
    if chosen.documents.empty:
        raise OptionError("no document is left after --outlets, --lang, --from and --to: widen the selection")
    sections = tuple(x.strip() for x in args.sections.split(",") if x.strip()) if args.sections else ()
    if args.audit:
        from .audit_rates import load_audit

        load_audit(args.audit)  # a wrong folder is reported before the report is drawn
    options = ReportOptions(title=_title(args), period=args.period, page_size=args.page_size, sections=sections,
                            seed=args.seed, command=" ".join(["framing"] + sys.argv[1:]) if sys.argv else "framing report",
                            audit=args.audit or "", count_scare_quotes=analysis.count_scare_quotes,
                            figures=tuple(dict.fromkeys(["png"] + [x.strip().lower() for x in
                                                                   getattr(args, "figures", "png").split(",") if x.strip()])))
    _status("drawing the charts and writing the report ...")
    pdf, pngs = render_report(chosen, args.output, options)
    print(analysis.manifest.summary())
    print(f"report written to {pdf} ({len(pngs)} chart(s) as PNG beside it)")
    return _finish(analysis, args)


def _status(message: str) -> None:
    """A progress line on stderr for the steps after the analysis (its own bar is tqdm's); only on a terminal."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def _title(args) -> str:
    return args.title or ("Demo corpus" if args.demo else ", ".join(Path(p).name for p in args.inputs[:3])
                          or Path(getattr(args, "store", None) or "").stem)


def html_command(args) -> int:
    from .html_view import render_html

    analysis = run_analysis(args, keep_neutral=True, keep_texts=True)
    _status("writing the page ...")
    path = render_html(analysis, args.output, title=_title(args), period=args.period,
                       counted_model_layer=getattr(args, "model_in_rates", False))
    print(analysis.manifest.summary())
    print(f"view written to {path}: open it in a browser (no network needed)")
    return _finish(analysis, args)


def _outlet_list(spec: str | None, analysis: Analysis) -> tuple[str, ...]:
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


def exercise_command(args) -> int:
    from .types import UNKNOWN_OUTLET
    from .worksheets import WorksheetOptions, parse_formats, render_worksheet

    if args.items < 1:
        raise OptionError("--items must be at least 1")
    formats = parse_formats(args.formats)
    analysis = run_analysis(args, keep_texts=True)
    outlets = _outlet_list(args.outlets, analysis)
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
    _status("choosing items and writing the worksheet ...")
    paths = render_worksheet(analysis, args.output, options, progress=_status)
    print("worksheet written: " + ", ".join(str(p) for p in paths))
    return _finish(analysis, args)


HIT_RECORD_COLUMNS = ["doc_id", "outlet", "date", "file", "line", "start", "end", "surface", "entry", "term",
                      "category", "referent", "strength", "lang", "voice", "scare_quote", "so_called",
                      "negated", "sense", "sentence"]


def hits_command(args) -> int:
    analysis = run_analysis(args, keep_neutral=args.all)
    hits = analysis.hits[HIT_RECORD_COLUMNS]
    if args.format == "csv":
        if args.output:
            write_csv(args.output, hits)
        else:
            out = neutralised_frame(hits)
            out["date"] = out["date"].dt.strftime("%Y-%m-%d").fillna("")
            out.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        lines = []
        for rec in hits.to_dict("records"):
            rec["date"] = rec["date"].strftime("%Y-%m-%d") if rec["date"] == rec["date"] and rec["date"] is not None else None
            lines.append(json.dumps({k: (v.item() if hasattr(v, "item") else v) for k, v in rec.items()},
                                    ensure_ascii=False))
        text = "\n".join(lines) + ("\n" if lines else "")
        if args.output:
            write_text(args.output, text)
        else:
            sys.stdout.write(text)
    return _finish(analysis, args)


def segment_command(args) -> int:
    from .ingest.dumps import dump_segments
    from .ingest.encoding import read_text
    from .ingest.readers import ReadOptions
    from .ingest.segment import segments_to_csv, segments_to_jsonl, segments_to_table

    options = ReadOptions(dayfirst=not args.monthfirst, corrections=args.corrections,
                          outlet_aliases=tuple(args.outlet_aliases))
    from .ingest.documents import document_text

    segments = []
    for name in args.inputs:
        path = Path(name)
        segments.extend(dump_segments(document_text(path) or read_text(path, max_mb=max_file_mb(args)), path, options))  # .pdf/.docx too
    render = {"jsonl": segments_to_jsonl, "csv": segments_to_csv, "table": segments_to_table}[args.format]
    text = render(segments)
    if args.output:
        write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
