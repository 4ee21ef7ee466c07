"""`framing audit sample` and `framing audit score`: measure the tool's precision on your own corpus."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import InputError, OptionError


def add_audit_commands(sub, fmt) -> None:
    from .cli import _add_input_options, _Parser

    p = sub.add_parser("audit", help="measure precision on your corpus: a coding sheet, coders, agreement",
                       formatter_class=fmt(), description=(
                           "How good is each measure on your own corpus? Sample hits into a coding sheet, give it to\n"
                           "one or more coders, then score their sheets: precision per stratum with Wilson\n"
                           "intervals, agreement (Krippendorff's alpha, Cohen's and Fleiss' kappa), voice accuracy,\n"
                           "the disagreements. framing report/compare --audit DIR then correct the rates.\n\n"
                           "examples:\n"
                           "  framing audit sample --demo -n 200 --by category,voice -o sheet.csv\n"
                           "  framing audit sample --store archive.duckdb -n 300 --misses 100 -o sheet.csv\n"
                           "  framing audit score anna.csv ben.csv -o audit/\n"
                           "  framing report --store archive.duckdb --audit audit/ -o report.pdf\n"))
    asub = p.add_subparsers(dest="audit_command", metavar="STEP", parser_class=_Parser)
    p.set_defaults(run=lambda args: (p.print_help(), 0)[1])

    s = asub.add_parser("sample", help="write a coding sheet of sampled hits (CSV, HTML, DOCX)", formatter_class=fmt(),
                        description=(
                            "A stratified random sample of the hits (seeded: the same input and options give the\n"
                            "same sheet). Each row: a stable hit_id (from the document, offsets and term), the\n"
                            "sentence with the term between [[ ]], term, category, voice, flags, outlet, date, and\n"
                            "empty label (correct / incorrect / unsure) and voice_label (own / quoted / attributed)\n"
                            "columns. Strata share -n equally (capped by their size). Also written: SHEET.html (a\n"
                            "fillable, printable page that saves the labels as CSV), SHEET.docx (with python-docx)\n"
                            "and SHEET.sample.json (what was sampled from what; give it to audit score --sample).\n\n"
                            "examples:\n"
                            "  framing audit sample --demo -n 200 --by category,voice -o sheet.csv\n"
                            "  framing audit sample articles.csv -n 120 --by category --misses 60 -o sheet.csv\n"))
    _add_input_options(s)
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
    s.set_defaults(run=sample_command)

    c = asub.add_parser("score", help="score coders' sheets: precision, agreement, disagreements", formatter_class=fmt(),
                        description=(
                            "Score one sheet per coder (CSV from the sheet or its HTML page, or the DOCX sheet),\n"
                            "all of the same sample. Writes DIR/precision.csv (per stratum, overall weighted by\n"
                            "stratum size, per coder; Wilson 95% intervals), DIR/agreement.csv (Krippendorff's\n"
                            "alpha, Cohen's and Fleiss' kappa from nltk.metrics.agreement), DIR/voice.csv (voice\n"
                            "accuracy), DIR/disagreements.csv and DIR/audit.json (for report --audit DIR).\n"
                            "A label is the majority of the coders' labels; a tie counts as not decided.\n\n"
                            "examples:\n"
                            "  framing audit score anna.csv ben.csv -o audit/\n"
                            "  framing audit score anna.csv --sample sheet.sample.json -o audit/\n"))
    c.add_argument("sheets", nargs="+", metavar="SHEET", help="filled sheets, one per coder (.csv or .docx)")
    c.add_argument("--sample", metavar="FILE.sample.json",
                   help="the sample the sheets must match (default: SHEET.sample.json beside the sheet if there)")
    c.add_argument("-o", "--output", default="reports/audit", metavar="DIR", help="output folder (default: reports/audit)")
    c.set_defaults(run=score_command)


def _by(spec: str) -> tuple[str, ...]:
    if spec.strip().lower() in ("none", ""):
        return ()
    return tuple(x.strip() for x in spec.split(",") if x.strip())


def sample_command(args) -> int:
    from .audit import SampleOptions, VOICE_LABELS, check_options, sample_hits
    from .audit_sheets import docx_available, sheet_html, write_docx
    from .commands import _finish, run_analysis
    from .output import write_csv, write_text
    from .scare import describe

    voices = tuple(v.strip() for v in args.voices.split(",") if v.strip())
    bad = [v for v in voices if v not in VOICE_LABELS]
    if bad or not voices:
        raise OptionError(f"--voices {args.voices}: use own, quoted, attributed (comma-separated)")
    out = Path(args.output)
    if out.suffix.lower() != ".csv":
        raise OptionError(f"-o {out}: the sheet is a CSV file: give a name ending in .csv")
    options = SampleOptions(n=args.n, by=_by(args.by), seed=args.seed, misses=args.misses, voices=voices,
                            include_negated=args.include_negated)
    check_options(options)  # before the analysis, which may take a while
    analysis = run_analysis(args, keep_texts=True)
    count = analysis.count_scare_quotes
    sheet, info = sample_hits(analysis.hits, analysis.texts, options, analysis.documents)
    info["scare_quotes"] = "counted as delegitimising" if count else "a measure of their own (category scare_quote)"
    info["command"] = " ".join(["framing", *sys.argv[1:]])
    write_csv(out, sheet)
    json_path = out.with_suffix(".sample.json")
    write_text(json_path, json.dumps(info, indent=1, ensure_ascii=False, default=str) + "\n")
    html_path = out.with_suffix(".html")
    title = f"Coding sheet: {out.stem}"
    write_text(html_path, sheet_html(sheet, title=title, stem=out.stem))
    written = [str(out), str(html_path)]
    if not args.no_docx:
        if docx_available():
            written.append(str(write_docx(sheet, out.with_suffix(".docx"), title=title)))
        else:
            print("note: python-docx is not installed: no DOCX sheet (the CSV and HTML sheets are written)",
                  file=sys.stderr)
    strata = info["strata"]
    print(f"{info['n']} hit(s) sampled from {info['population_hits']:,} in {len(strata)} stratum/strata"
          + (f", and {info['sentences_sampled']} of {info['sentences_without_hits']:,} sentences without hits"
             if args.misses else "") + f" (sample {info['sample_id']}, seed {args.seed})")
    small = [k for k, v in strata.items() if v["sampled"] < 20]
    if small:
        print(f"note: {len(small)} stratum/strata have fewer than 20 rows (their precision will be imprecise): "
              + ", ".join(small[:6]) + (" ..." if len(small) > 6 else ""), file=sys.stderr)
    if not args.store:  # (a store's readers say it already, with where the setting comes from)
        print(f"note: {describe(count)}", file=sys.stderr)
    print("sheet written to " + ", ".join(written) + f"; what was sampled: {json_path}")
    return _finish(analysis, args)


def score_command(args) -> int:
    from .audit import agreement_table, disagreements, precision_table, read_sheets, summary, voice_table
    from .output import ensure_dir, write_csv, write_text

    info = None
    sample_path = Path(args.sample) if args.sample else None
    if sample_path is None:
        for sheet in args.sheets:
            stem = Path(sheet).with_suffix("")
            for cand in (stem.with_suffix(".sample.json"),):
                if cand.exists():
                    sample_path = cand
                    break
            if sample_path:
                break
    if sample_path is not None:
        try:
            info = json.loads(sample_path.read_text(encoding="utf-8"))
            info["hit_ids"], info["sample_id"]  # noqa: B018 (the keys the check needs)
        except (OSError, ValueError, KeyError, TypeError):
            raise InputError(f"{sample_path}: not a sample file written by framing audit sample: give the "
                             "SHEET.sample.json written with the sheet, or leave --sample out") from None
    sheets = read_sheets(args.sheets, info)
    for note in sheets.notes:
        print(f"note: {note}", file=sys.stderr)
    precision = precision_table(sheets)
    agreement = agreement_table(sheets)
    voice = voice_table(sheets)
    dis = disagreements(sheets)
    out = ensure_dir(args.output)
    write_csv(out / "precision.csv", precision)
    write_csv(out / "agreement.csv", agreement)
    write_csv(out / "voice.csv", voice)
    write_csv(out / "disagreements.csv", dis)
    facts = summary(sheets, precision, agreement, voice, info)
    if info:
        facts["sample"] = {k: info.get(k) for k in ("seed", "by", "population_hits", "voices", "include_negated",
                                                     "sentences_without_hits", "scare_quotes", "command")}
    write_text(out / "audit.json", json.dumps(facts, indent=1, ensure_ascii=False) + "\n")
    overall = precision[precision["scope"] == "overall"].iloc[0]
    print(f"{facts['n_hits']} hit(s) of sample {sheets.sample_id} coded by {len(sheets.coders)} coder(s) "
          f"({', '.join(sheets.coders)})")
    print(f"precision {_pct(overall['precision'])} (95% interval {_pct(overall['ci_low'])}–{_pct(overall['ci_high'])}; "
          "strata weighted by their size in the corpus)")
    for r in precision[precision["scope"] == "stratum"].itertuples():
        if not r.n_coded:
            print(f"  {r.stratum}: no decided label ({r.n_sampled} row(s))")
            continue
        print(f"  {r.stratum}: {_pct(r.precision)} ({r.correct}/{r.n_coded}; {_pct(r.ci_low)}–{_pct(r.ci_high)})"
              + (f"; {r.unsure} unsure" if r.unsure else ""))
    for r in agreement[agreement["field"] == "label"].itertuples():
        if r.measure != "(none)":
            print(f"agreement on the label: {r.measure} = {r.value:.3f} ({r.n_items} items)")
        else:
            print(f"agreement: {r.note}")
    if len(voice) and voice["n_labelled"].iloc[0]:
        v = voice.iloc[0]
        print(f"voice accuracy {_pct(v['accuracy'])} ({int(v['agree'])}/{int(v['n_labelled'])})")
    rec = facts.get("recall")
    if rec:
        print(f"sentences without hits: {_pct(rec['miss_rate'])} hold loaded language the lexicons missed "
              f"({rec['sentences_coded']} coded); recall about {_pct(rec['recall'])} "
              f"(rough range {_pct(rec['recall_ci'][0])}–{_pct(rec['recall_ci'][1])}; see README)")
    print(f"{len(dis)} disagreement(s); tables written to {out}/ (precision.csv, agreement.csv, voice.csv, "
          "disagreements.csv, audit.json)")
    return 0


def _pct(x) -> str:
    return "–" if x != x else f"{x:.0%}" if abs(x * 100 - round(x * 100)) < 1e-9 else f"{x:.1%}"
