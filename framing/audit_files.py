"""The files of an audit: a sample's coding sheets (CSV, HTML, DOCX, SHEET.sample.json) and the scored
audit's tables (precision, agreement, voice, disagreements, audit.json), with the lines that sum them
up. The statistics are framing.audit's, the sheets' formats framing.audit_sheets'; no argument parsing
here (framing/cli/audit.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import InputError


def write_sample(sheet, info: dict, out: Path, *, docx: bool = True) -> list[str]:
    """The sheet as CSV, HTML (and DOCX), and SHEET.sample.json; returns the sheets written."""
    from .audit_sheets import docx_available, sheet_html, write_docx
    from .output import write_csv, write_text

    write_csv(out, sheet)
    write_text(out.with_suffix(".sample.json"), json.dumps(info, indent=1, ensure_ascii=False, default=str) + "\n")
    html_path = out.with_suffix(".html")
    title = f"Coding sheet: {out.stem}"
    write_text(html_path, sheet_html(sheet, title=title, stem=out.stem))
    written = [str(out), str(html_path)]
    if docx:
        if docx_available():
            written.append(str(write_docx(sheet, out.with_suffix(".docx"), title=title)))
        else:
            print("note: python-docx is not installed: no DOCX sheet (the CSV and HTML sheets are written)",
                  file=sys.stderr)
    return written


def sample_lines(info: dict, seed: int, misses: bool) -> list[str]:
    strata = info["strata"]
    return [f"{info['n']} hit(s) sampled from {info['population_hits']:,} in {len(strata)} stratum/strata"
            + (f", and {info['sentences_sampled']} of {info['sentences_without_hits']:,} sentences without hits"
               if misses else "") + f" (sample {info['sample_id']}, seed {seed})"]


def small_strata(info: dict) -> list[str]:
    return [k for k, v in info["strata"].items() if v["sampled"] < 20]


def read_sample_info(sheets: list[str], sample: str | None) -> dict | None:
    """The sample the sheets belong to: ``sample``, else SHEET.sample.json beside a sheet, else None."""
    sample_path = Path(sample) if sample else None
    if sample_path is None:
        for sheet in sheets:
            cand = Path(sheet).with_suffix("").with_suffix(".sample.json")
            if cand.exists():
                sample_path = cand
                break
    if sample_path is None:
        return None
    try:
        info = json.loads(sample_path.read_text(encoding="utf-8"))
        info["hit_ids"], info["sample_id"]  # noqa: B018 (the keys the check needs)
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{sample_path}: not a sample file written by framing audit sample: give the "
                         "SHEET.sample.json written with the sheet, or leave --sample out") from None
    return info


def score_audit(sheet_paths: list[str], info: dict | None, out: Path) -> list[str]:
    """Score the coders' sheets, write the tables and audit.json into ``out``; returns the summary lines
    (notes on reading the sheets go to stderr)."""
    from .audit import agreement_table, disagreements, precision_table, read_sheets, summary, voice_table
    from .output import ensure_dir, write_csv, write_text

    sheets = read_sheets(sheet_paths, info)
    for note in sheets.notes:
        print(f"note: {note}", file=sys.stderr)
    precision = precision_table(sheets)
    agreement = agreement_table(sheets)
    voice = voice_table(sheets)
    dis = disagreements(sheets)
    out = ensure_dir(out)
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
    lines = [f"{facts['n_hits']} hit(s) of sample {sheets.sample_id} coded by {len(sheets.coders)} coder(s) "
             f"({', '.join(sheets.coders)})",
             f"precision {pct(overall['precision'])} (95% interval {pct(overall['ci_low'])}–{pct(overall['ci_high'])}; "
             "strata weighted by their size in the corpus)"]
    for r in precision[precision["scope"] == "stratum"].itertuples():
        if not r.n_coded:
            lines.append(f"  {r.stratum}: no decided label ({r.n_sampled} row(s))")
            continue
        lines.append(f"  {r.stratum}: {pct(r.precision)} ({r.correct}/{r.n_coded}; {pct(r.ci_low)}–{pct(r.ci_high)})"
                     + (f"; {r.unsure} unsure" if r.unsure else ""))
    for r in agreement[agreement["field"] == "label"].itertuples():
        if r.measure != "(none)":
            lines.append(f"agreement on the label: {r.measure} = {r.value:.3f} ({r.n_items} items)")
        else:
            lines.append(f"agreement: {r.note}")
    if len(voice) and voice["n_labelled"].iloc[0]:
        v = voice.iloc[0]
        lines.append(f"voice accuracy {pct(v['accuracy'])} ({int(v['agree'])}/{int(v['n_labelled'])})")
    rec = facts.get("recall")
    if rec:
        lines.append(f"sentences without hits: {pct(rec['miss_rate'])} hold loaded language the lexicons missed "
                     f"({rec['sentences_coded']} coded); recall about {pct(rec['recall'])} "
                     f"(rough range {pct(rec['recall_ci'][0])}–{pct(rec['recall_ci'][1])}; see README)")
    lines.append(f"{len(dis)} disagreement(s); tables written to {out}/ (precision.csv, agreement.csv, voice.csv, "
                 "disagreements.csv, audit.json)")
    return lines


def pct(x) -> str:
    return "–" if x != x else f"{x:.0%}" if abs(x * 100 - round(x * 100)) < 1e-9 else f"{x:.1%}"
