"""`framing audit sample` and `framing audit score`: measure the tool's precision on your own corpus
(framing/audit.py: the statistics; framing/audit_files.py: the sheets and tables)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import OptionError
from . import common

DESCRIPTION = (
    "How good is each measure on your own corpus? Sample hits into a coding sheet, give it to\n"
    "one or more coders, then score their sheets: precision per stratum with Wilson\n"
    "intervals, agreement (Krippendorff's alpha, Cohen's and Fleiss' kappa), voice accuracy,\n"
    "the disagreements. framing report/compare --audit DIR then correct the rates.\n\n"
    "examples:\n"
    "  framing audit sample --demo -n 200 --by category,voice -o sheet.csv\n"
    "  framing audit sample --store archive.duckdb -n 300 --misses 100 -o sheet.csv\n"
    "  framing audit score anna.csv ben.csv -o audit/\n"
    "  framing report --store archive.duckdb --audit audit/ -o report.pdf\n")
SAMPLE = (
    "A stratified random sample of the hits (seeded: the same input and options give the\n"
    "same sheet). Each row: a stable hit_id (from the document, offsets and term), the\n"
    "sentence with the term between [[ ]], term, category, voice, flags, outlet, date, and\n"
    "empty label (correct / incorrect / unsure) and voice_label (own / quoted / attributed)\n"
    "columns. Strata share -n equally (capped by their size). Also written: SHEET.html (a\n"
    "fillable, printable page that saves the labels as CSV), SHEET.docx (with python-docx)\n"
    "and SHEET.sample.json (what was sampled from what; give it to audit score --sample).\n\n"
    "examples:\n"
    "  framing audit sample --demo -n 200 --by category,voice -o sheet.csv\n"
    "  framing audit sample articles.csv -n 120 --by category --misses 60 -o sheet.csv\n")
SCORE = (
    "Score one sheet per coder (CSV from the sheet or its HTML page, or the DOCX sheet),\n"
    "all of the same sample. Writes DIR/precision.csv (per stratum, overall weighted by\n"
    "stratum size, per coder; Wilson 95% intervals), DIR/agreement.csv (Krippendorff's\n"
    "alpha, Cohen's and Fleiss' kappa from nltk.metrics.agreement), DIR/voice.csv (voice\n"
    "accuracy), DIR/disagreements.csv and DIR/audit.json (for report --audit DIR).\n"
    "A label is the majority of the coders' labels; a tie counts as not decided.\n\n"
    "examples:\n"
    "  framing audit score anna.csv ben.csv -o audit/\n"
    "  framing audit score anna.csv --sample sheet.sample.json -o audit/\n")


def add(sub) -> None:
    p = common.add_parser(sub, "audit", "measure precision on your corpus: a coding sheet, coders, agreement",
                          DESCRIPTION)
    asub = p.add_subparsers(dest="audit_command", metavar="STEP", parser_class=common.Parser)
    p.set_defaults(run=lambda args: (p.print_help(), 0)[1])
    s = common.add_parser(asub, "sample", "write a coding sheet of sampled hits (CSV, HTML, DOCX)", SAMPLE)
    common.add_input_options(s)
    s.add_argument("-n", type=int, default=200, metavar="N", help="hits in the sample (default: 200)")
    s.add_argument("--by", default="category,voice", metavar="FIELDS",
                   help="strata, comma-separated from category, voice, outlet, term, lang, or 'none' "
                        "(default: category,voice)")
    s.add_argument("--misses", type=int, default=0, metavar="N",
                   help="also N sentences without any hit, to estimate what the lexicons miss (recall)")
    s.add_argument("--voices", default="own,quoted,attributed", metavar="VOICES",
                   help="sample hits in these voices (default: all three; rates count 'own')")
    s.add_argument("--include-negated", action="store_true", help="sample negated hits too (default: left out, "
                   "as in the rates)")
    s.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    s.add_argument("--no-docx", action="store_true", help="do not write the DOCX sheet")
    s.add_argument("-o", "--output", default="reports/audit-sheet.csv", metavar="SHEET.csv",
                   help="the sheet to write (default: reports/audit-sheet.csv)")
    s.set_defaults(run=sample)
    c = common.add_parser(asub, "score", "score coders' sheets: precision, agreement, disagreements", SCORE)
    c.add_argument("sheets", nargs="+", metavar="SHEET", help="filled sheets, one per coder (.csv or .docx)")
    c.add_argument("--sample", metavar="FILE.sample.json",
                   help="the sample the sheets must match (default: SHEET.sample.json beside the sheet if there)")
    c.add_argument("-o", "--output", default="reports/audit", metavar="DIR", help="output folder (default: reports/audit)")
    c.set_defaults(run=score)


def sample(args) -> int:
    from ..audit import SampleOptions, VOICE_LABELS, check_options, sample_hits
    from ..audit_files import sample_lines, small_strata, write_sample
    from ..scare import describe

    voices = common.comma_list(args.voices)
    if [v for v in voices if v not in VOICE_LABELS] or not voices:
        raise OptionError(f"--voices {args.voices}: use own, quoted, attributed (comma-separated)")
    out = Path(args.output)
    if out.suffix.lower() != ".csv":
        raise OptionError(f"-o {out}: the sheet is a CSV file: give a name ending in .csv")
    by = () if args.by.strip().lower() in ("none", "") else common.comma_list(args.by)
    options = SampleOptions(n=args.n, by=by, seed=args.seed, misses=args.misses, voices=voices,
                            include_negated=args.include_negated)
    check_options(options)  # before the analysis, which may take a while
    analysis = common.run_analysis(args, keep_texts=True)
    count = analysis.count_scare_quotes
    sheet, info = sample_hits(analysis.hits, analysis.texts, options, analysis.documents)
    info["scare_quotes"] = "counted as delegitimising" if count else "a measure of their own (category scare_quote)"
    info["command"] = common.command_line(args)
    written = write_sample(sheet, info, out, docx=not args.no_docx)
    print("\n".join(sample_lines(info, args.seed, bool(args.misses))))
    small = small_strata(info)
    if small:
        print(f"note: {len(small)} stratum/strata have fewer than 20 rows (their precision will be imprecise): "
              + ", ".join(small[:6]) + (" ..." if len(small) > 6 else ""), file=sys.stderr)
    if not args.store:  # (a store's readers say it already, with where the setting comes from)
        print(f"note: {describe(count)}", file=sys.stderr)
    print("sheet written to " + ", ".join(written) + f"; what was sampled: {out.with_suffix('.sample.json')}")
    return common.finish(analysis.manifest, args)


def score(args) -> int:
    from ..audit_files import read_sample_info, score_audit

    info = read_sample_info(args.sheets, args.sample)
    print("\n".join(score_audit(args.sheets, info, Path(args.output))))
    return 0
