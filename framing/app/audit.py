"""The audit page of the web app: a coding sheet of the project's hits, and the score of filled sheets.

No HTTP here (that is framing/app/server.py) and no statistics either: sampling, reading sheets and
scoring are framing.audit's, the HTML and DOCX sheets framing.audit_sheets'; this module keeps one
sample per project, writes its sheets for download, stores uploaded filled sheets under names it
makes (the coder's name, reduced to letters and digits, is kept as the coder) and returns the score
as plain data for the page.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import OptionError
from ..types import VOICES

SHEET_FORMATS = ("csv", "html", "docx", "json")
MAX_SHEETS = 20
_CODER = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass
class AuditSample:
    sheet: pd.DataFrame          # framing.audit.SHEET_COLUMNS
    info: dict                   # what SHEET.sample.json holds
    version: int                 # the project's analysis version it was drawn from
    folder: Path
    score: dict | None = None    # the last score, as sent to the page
    tables: dict = field(default_factory=dict)  # name -> DataFrame of the last score
    facts: dict = field(default_factory=dict)   # DIR/audit.json of the last score


def sample_options(body: dict):
    """The page's choices -> framing.audit.SampleOptions (checked there)."""
    from ..audit import STRATA, SampleOptions, VOICE_LABELS

    def number(name, default):
        value = body.get(name, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            raise OptionError(f"audit: {name} must be a whole number, not {value!r}") from None

    by = body.get("by", ["category", "voice"])
    if isinstance(by, str):
        by = [] if by.strip().lower() in ("", "none") else [b.strip() for b in by.split(",") if b.strip()]
    if not isinstance(by, list) or any(not isinstance(b, str) for b in by):
        raise OptionError(f"audit: by is a list of fields from {', '.join(STRATA)}")
    voices = body.get("voices") or list(VOICE_LABELS)
    if isinstance(voices, str):
        voices = [v.strip() for v in voices.split(",") if v.strip()]
    bad = [v for v in voices if v not in VOICE_LABELS]
    if bad:
        raise OptionError(f"audit: voice {bad[0]!r}: use own, quoted, attributed")
    n = number("n", 60)
    if n > 2000:
        raise OptionError(f"audit: n {n}: sample at most 2000 hits in the app (use framing audit sample for more)")
    misses = number("misses", 0)
    if misses > 2000:
        raise OptionError(f"audit: misses {misses}: at most 2000 sentences in the app")
    return SampleOptions(n=n, by=tuple(by), seed=number("seed", 1), misses=misses, voices=tuple(voices),
                         include_negated=bool(body.get("include_negated", False)))


def draw_sample(project, body: dict) -> AuditSample:
    """A coding sheet of the chosen articles' hits (the project's outlets and dates)."""
    from ..audit import check_options, sample_hits
    from ..scare import describe

    options = sample_options(body)
    check_options(options)
    chosen = project.selected()
    all_texts = project.ready().texts
    docs, hits = chosen.documents, chosen.hits
    # Documents are named by the uploaded file names, as the command line names them, so that hit ids
    # (a digest of document, offsets and term) are those framing audit sample gives for the same files;
    # unless two uploads share a name (then the app's own names keep the documents apart).
    names = list(project.uploads.values())
    shown = project.humanise if len(set(names)) == len(names) else str
    texts = {shown(d): all_texts[d] for d in docs["doc_id"] if d in all_texts}
    docs = docs.assign(doc_id=docs["doc_id"].astype(str).map(shown))
    hits = hits.assign(doc_id=hits["doc_id"].astype(str).map(shown))
    sheet, info = sample_hits(hits, texts, options, docs)
    count = bool(getattr(chosen, "count_scare_quotes", False))
    info["scare_quotes"] = "counted as delegitimising" if count else "a measure of their own (category scare_quote)"
    info["command"] = "framing app"
    info["scare_note"] = describe(count)
    folder = project.folder / "audit" / info["sample_id"]
    folder.mkdir(parents=True, exist_ok=True)
    return AuditSample(sheet, info, project.version, folder)


def sample_state(sample: AuditSample) -> dict:
    """The sample as the page shows it: its facts and its rows (sentence with the term between [[ ]])."""
    from ..audit_sheets import _plain

    info = {k: v for k, v in sample.info.items() if k != "hit_ids"}
    rows = [{c: _plain(r[c]) for c in ("hit_id", "kind", "stratum", "outlet", "date", "term", "category", "voice",
                                       "flags", "sentence")} for _, r in sample.sheet.iterrows()]
    return {"sample": info, "rows": rows, "labels": ["correct", "incorrect", "unsure"],
            "voice_labels": list(VOICES), "score": sample.score}


def sheet_file(sample: AuditSample, fmt: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the sheet as csv, html, docx or json (the sample file)."""
    from ..audit_sheets import docx_available, sheet_html, write_docx
    from ..output import write_csv

    stem = f"audit-sheet-{sample.info['sample_id']}"
    title = f"Coding sheet: sample {sample.info['sample_id']}"
    if fmt == "csv":
        path = sample.folder / f"{stem}.csv"
        write_csv(path, sample.sheet)
        return path.read_bytes(), "text/csv; charset=utf-8", path.name
    if fmt == "html":
        return sheet_html(sample.sheet, title=title, stem=stem).encode("utf-8"), "text/html; charset=utf-8", f"{stem}.html"
    if fmt == "docx":
        if not docx_available():
            raise OptionError("the Word (.docx) sheet needs python-docx, which is not installed: download the CSV "
                              "or HTML sheet")
        path = write_docx(sample.sheet, sample.folder / f"{stem}.docx", title=title)
        return (Path(path).read_bytes(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", f"{stem}.docx")
    if fmt == "json":
        text = json.dumps(sample.info, indent=1, ensure_ascii=False, default=str) + "\n"
        return text.encode("utf-8"), "application/json", f"{stem}.sample.json"
    raise OptionError(f"the coding sheet comes as .csv, .html, .docx or .json (the sample file), not .{fmt}")


def coder_name(raw: str | None, taken: set[str], *, file: bool = True) -> str:
    """A coder's name from an uploaded sheet's file name (its stem) or as typed in the page: letters,
    digits, - and _ only."""
    last = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = Path(last).stem if file else last
    name = _CODER.sub("_", stem).strip("_")[:40] or "coder"
    base, n = name, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def filled_sheet(sample: AuditSample, body: dict) -> tuple[str, bytes]:
    """The sheet filled in the page: ``{"coder": NAME, "labels": {hit_id: {"label", "voice_label", "note"}}}``
    -> (file name, the CSV sheet with those labels), the same file a coder saves from the HTML sheet."""
    from ..output import write_csv

    labels = body.get("labels")
    if not isinstance(labels, dict):
        raise OptionError("the page's labels: send {\"coder\": NAME, \"labels\": {hit_id: {\"label\": ...}}}")
    known = set(sample.sheet["hit_id"])
    unknown = [h for h in labels if h not in known]
    if unknown:
        raise OptionError(f"label for hit_id {unknown[0]} that is not in sample {sample.info['sample_id']}: "
                          "draw the sheet again or reload the page")
    sheet = sample.sheet.copy()
    for column in ("label", "voice_label", "note"):
        sheet[column] = [str((labels.get(h) or {}).get(column) or "").strip()[:500] if isinstance(labels.get(h, {}), dict)
                         else "" for h in sheet["hit_id"]]
    coder = coder_name(str(body.get("coder") or "me"), set(), file=False)
    path = sample.folder / f"page-{coder}.csv"
    write_csv(path, sheet)
    return f"{coder}.csv", path.read_bytes()


def score_sheets(sample: AuditSample, uploads: list[tuple[str, bytes]]) -> dict:
    """Score filled sheets (one per coder, CSV or DOCX) against this sample; raises framing.audit's
    InputError (one line per problem, with the sheet and line) when a sheet does not fit."""
    from ..audit import agreement_table, disagreements, precision_table, read_sheets, summary, voice_table

    if not uploads:
        raise OptionError("no filled sheet in the upload: send them as multipart field 'sheets' (CSV or DOCX, "
                          "one per coder)")
    if len(uploads) > MAX_SHEETS:
        raise OptionError(f"{len(uploads)} sheets: score at most {MAX_SHEETS} coders at a time")
    n = len([p for p in sample.folder.glob("score-*") if p.is_dir()]) + 1
    folder = sample.folder / f"score-{n:03d}"
    folder.mkdir(parents=True)
    paths, taken = [], set()
    for raw, data in uploads:
        suffix = Path(raw or "").suffix.lower()
        if suffix not in (".csv", ".docx", ".tsv", ".txt"):
            raise OptionError(f"{Path(raw or '').name or 'a sheet'}: a filled sheet is a .csv or .docx file")
        coder = coder_name(raw, taken)
        taken.add(coder)
        path = folder / f"{coder}{'.docx' if suffix == '.docx' else '.csv'}"
        path.write_bytes(data)
        paths.append(path)
    sheets = read_sheets(paths, sample.info)
    precision, agreement = precision_table(sheets), agreement_table(sheets)
    voice, dis = voice_table(sheets), disagreements(sheets)
    facts = summary(sheets, precision, agreement, voice, sample.info)
    facts["sample"] = {k: sample.info.get(k) for k in ("seed", "by", "population_hits", "voices", "include_negated",
                                                        "sentences_without_hits", "scare_quotes", "command")}
    sample.tables = {"precision.csv": precision, "agreement.csv": agreement, "voice.csv": voice,
                     "disagreements.csv": dis}
    sample.facts = facts
    sample.score = {"coders": list(sheets.coders), "notes": list(sheets.notes), "summary": facts,
                    "precision": _records(precision), "agreement": _records(agreement), "voice": _records(voice),
                    "disagreements": _records(dis)}
    return sample.score


def score_zip(sample: AuditSample) -> bytes:
    """DIR/precision.csv, agreement.csv, voice.csv, disagreements.csv and audit.json of the last score,
    as ``framing audit score -o DIR`` writes them (for ``framing report --audit DIR``)."""
    from ..output import write_csv

    if not sample.score:
        raise OptionError("nothing scored yet: upload the filled sheets first")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, table in sample.tables.items():
            path = sample.folder / name
            write_csv(path, table)
            z.writestr(zipfile.ZipInfo(f"audit/{name}", (1980, 1, 1, 0, 0, 0)), path.read_bytes())
        z.writestr(zipfile.ZipInfo("audit/audit.json", (1980, 1, 1, 0, 0, 0)),
                   json.dumps(sample.facts, indent=1, ensure_ascii=False) + "\n")
    return buf.getvalue()


def _records(table: pd.DataFrame) -> list[dict]:
    """JSON-ready rows (NaN -> None)."""
    return json.loads(table.to_json(orient="records", date_format="iso", force_ascii=False))
