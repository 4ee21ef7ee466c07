"""`framing analyze`: count loaded terms; write documents, hits and rate tables (CSV)."""
from __future__ import annotations

import sys

from ..errors import OptionError
from . import common

DESCRIPTION = (
    "Find lexicon terms in every document and write the tables.\n\n"
    "writes DIR/documents.csv, DIR/hits.csv, DIR/rates_by_outlet.csv,\n"
    "DIR/rates_by_period.csv, DIR/attributions.csv, DIR/attribution_by_outlet.csv\n"
    "and DIR/manifest.csv (what became of every input record).\n\n"
    "examples:\n"
    "  framing analyze --demo -o reports/demo\n"
    "  framing analyze export.csv --text-col body --period quarter -o results/\n"
    "  framing analyze dumps/ --lexicon mine.tsv -o results/\n"
    "  framing analyze archive/ --store archive.duckdb   (then: framing report --store archive.duckdb)\n")


def add(sub) -> None:
    p = common.add_parser(sub, "analyze", "count loaded terms; write documents, hits and rate tables (CSV)", DESCRIPTION)
    common.add_input_options(p)
    common.add_beyond_options(p)
    p.add_argument("-o", "--output", metavar="DIR",
                   help="output folder (default: reports/analysis; with --store, tables are written only when -o is given)")
    p.add_argument("--period", default="month", choices=["week", "month", "quarter", "year"], help="period for rates over time (default: month)")
    p.add_argument("--zone", default="all", choices=["all", "headline", "body"],
                   help="what the rate tables count: all (default: headlines and bodies), headline (titles and "
                        "subtitles) or body; hits.csv always has every hit, with its zone")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..exports import write_analysis_tables
    from ..output import ensure_dir, write_csv
    from ..scare import apply_setting

    if args.store:
        store_run = common.store_inputs(args)
        if store_run is None:
            raise OptionError("no INPUT given: name files or folders to add to the store, or use --demo")
        if not args.output:
            print(f"read it with framing report|compare|kwic|html|hits --store {args.store}, or query it with SQL "
                  "(README, Scale)")
            skipped = store_run.counts.get("skipped", 0)
            if skipped:
                print(f"note: {skipped} input record(s) skipped; each is listed with its reason in the store's "
                      "manifest table", file=sys.stderr)
            return 1 if (skipped and args.strict) else 0
        from ..store import load_analysis

        analysis = load_analysis(args.store, rerun_rows=True)  # the tables of everything in the store
        apply_setting(analysis, common.scare_flag(args), store=args.store)
        out = ensure_dir(args.output)
        write_csv(out / "hits.csv", analysis.hits)
        write_csv(out / "attributions.csv", analysis.attributions)
    else:
        # hits.csv and attributions.csv are written as the analysis goes; only their counts are kept
        # (framing.streaming), so memory does not grow with the number of hits.
        from ..streaming import StreamedTables

        args.output = args.output or "reports/analysis"
        out = ensure_dir(args.output)
        sink = StreamedTables(out, args.period)
        try:
            analysis = common.run_analysis(args, sink=sink)
        except BaseException:
            sink.abort()
            raise
    line = write_analysis_tables(analysis, out, args.period, zone=args.zone, beyond_lexicon=args.beyond_lexicon,
                                 model_in_rates=args.model_in_rates)
    print(analysis.manifest.summary(str(common.manifest_path(args))))
    print(line)
    return common.finish(analysis.manifest, args)
