"""One project of the web app: the uploaded files, the user's corrections and choices, the analysis.

No HTTP here (that is framing/app/server.py). Uploaded files are stored under names this module
makes (``doc-001.txt``): an uploaded file name is never used as a path; it is kept only as the name
shown in the page, written in the corrections file and put back in the tables. The upload folder is
read as a folder by the command line's readers, so a bad file is skipped with the command line's
one-line reason and the rest is analysed.

Corrections are the command line's corrections file (framing/ingest/corrections.py): the app
writes one with its own file names to analyse with, and gives the user the same file with the
uploaded names, for ``framing ... --corrections corrections.csv``.
"""
from __future__ import annotations

import csv
import html
import io
import re
import threading
import time
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pandas as pd

from ..analyze import (Analysis, AnalyzeOptions, TablesInMemory, add_examples, analysed_chunks, chunked,
                       concat_frames, document_frame, prepared_records)
from ..errors import FramingError, OptionError
from ..ingest.readers import ALL_FORMATS, ReadOptions, iter_records
from ..lexicon import DEFAULT_LEXICONS, Lexicon, load_lexicon, shipped_names, with_context_entries
from ..manifest import Manifest
from ..match import Matcher
from ..types import UNKNOWN_OUTLET

PERIODS = ("week", "month", "quarter", "year")
CORRECTION_COLUMNS = ("file", "action", "lines", "outlet", "date", "title", "author", "lang", "kind")
EDITABLE_FORMATS = ("text", "pdf", "docx")  # records the corrections file can address by line range
RENDER_LOCK = threading.Lock()  # matplotlib and the report's text helpers are not thread-safe
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_RANGE = re.compile(r"^lines? (\d+)(?:-(\d+))?$")


def display_name(raw: str | None) -> str:
    """The name shown for an uploaded file: its last path part, without control characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", _CONTROL.sub("", name)).strip() or "unnamed"
    return name[:150]


def folder_outlet(raw: str | None) -> str | None:
    """For a file of a dropped folder, ``folder/Outlet name/file.txt``, the outlet the command line
    would take from the sub-folder's name (None for a file not in a sub-folder)."""
    parts = [p for p in (raw or "").replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if len(parts) < 3:
        return None
    name = unicodedata.normalize("NFC", _CONTROL.sub("", parts[1])).strip()
    return name[:150] or None


def stored_suffix(name: str) -> str | None:
    """The extension the stored copy gets (".csv", ".txt.gz"), from known ones only; None if unknown."""
    parts = [p.lower() for p in Path(name).suffixes]
    gz = bool(parts) and parts[-1] == ".gz"
    if gz:
        parts = parts[:-1]
    if not parts or parts[-1] not in ALL_FORMATS:
        return None
    return parts[-1] + (".gz" if gz else "")


@dataclass(frozen=True)
class Settings:
    """The user's choices in the page (outlets, period, lexicons): one frozen value per version."""

    outlets: tuple[str, ...] = ()        # empty: all
    date_from: str | None = None         # YYYY-MM-DD
    date_to: str | None = None
    period: str = "month"
    lexicons: tuple[str, ...] = tuple(DEFAULT_LEXICONS)
    own_lexicons: tuple[str, ...] = ()   # stored names of uploaded lexicon files
    title: str = ""

    def checked(self, outlets_known: set[str] | None = None) -> "Settings":
        if self.period not in PERIODS:
            raise OptionError(f"period {self.period!r}: choose one of {', '.join(PERIODS)}")
        for name, value in (("from", self.date_from), ("to", self.date_to)):
            if value:
                try:
                    pd.Timestamp(value)
                except (ValueError, TypeError):
                    raise OptionError(f"{name} date {value!r}: write it as YYYY-MM-DD") from None
        unknown = [n for n in self.lexicons if n not in shipped_names()]
        if unknown:
            raise OptionError(f"no shipped lexicon named {', '.join(unknown)}: choose from {', '.join(shipped_names())}")
        if not self.lexicons and not self.own_lexicons:
            raise OptionError("no lexicon chosen: choose a shipped lexicon or add one of your own")
        if outlets_known is not None:
            missing = [o for o in self.outlets if o not in outlets_known]
            if missing:
                raise OptionError(f"no outlet named {', '.join(missing)} in these articles")
        return self


@dataclass
class Progress:
    stage: str = "waiting"       # waiting | reading | analysing | ready | failed
    files_done: int = 0
    files_total: int = 0
    documents: int = 0
    started: float = 0.0
    seconds: float = 0.0


@dataclass
class Project:
    pid: str
    folder: Path
    settings: Settings = field(default_factory=Settings)
    uploads: dict[str, str] = field(default_factory=dict)       # stored name -> display name
    folder_outlets: dict[str, str] = field(default_factory=dict)  # stored name -> outlet from a dropped folder
    lexicon_names: dict[str, str] = field(default_factory=dict)  # stored lexicon name -> display name
    rejected: list[dict] = field(default_factory=list)          # manifest rows for files not stored
    corrections: list[dict] = field(default_factory=list)       # rows of CORRECTION_COLUMNS (stored names)
    analysis: Analysis | None = None
    view_analysis: Analysis | None = None
    progress: Progress = field(default_factory=Progress)
    error: str = ""
    version: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)
    run_lock: threading.Lock = field(default_factory=threading.Lock)
    turns: threading.Condition = field(default_factory=threading.Condition)
    requested: int = 0   # analyses asked for
    finished: int = 0    # the latest of them done (a run reads the state as it is then, so it covers earlier asks)
    outputs: dict[tuple, object] = field(default_factory=dict)  # made files and summaries, by version
    audit: object = None  # the audit page's sample and score (framing.app.audit.AuditSample)

    # ------------------------------------------------------------------ paths and names

    @property
    def files_dir(self) -> Path:
        return self.folder / "files"

    @property
    def out_dir(self) -> Path:
        return self.folder / "out"

    def humanise(self, text: str) -> str:
        """A message or path with stored names put back to the uploaded names."""
        text = str(text).replace(str(self.files_dir) + "/", "").replace(str(self.folder / "lexicons") + "/", "")
        for stored, shown in {**self.uploads, **self.lexicon_names}.items():
            text = text.replace(stored, shown)
        return text

    # ------------------------------------------------------------------ input

    def add_files(self, files: list[tuple[str, io.BufferedIOBase]]) -> None:
        """Store uploaded files under made-up names; unknown types are recorded as skipped, with the
        reason the command line gives for them in a folder."""
        self.files_dir.mkdir(parents=True, exist_ok=True)
        with self.lock:
            for raw_name, stream in files:
                shown = display_name(raw_name)
                suffix = stored_suffix(shown)
                if suffix is None:
                    self.rejected.append({"file": shown, "record": "file", "format": "", "encoding": "",
                                          "status": "skipped", "doc_id": "", "reason": "unsupported file type: use "
                                          ".csv .tsv .jsonl .json .parquet .txt .html .pdf .docx or a feed"})
                    continue
                stored = f"doc-{len(self.uploads) + 1:03d}{suffix}"
                with open(self.files_dir / stored, "wb") as out:
                    while chunk := stream.read(1 << 16):
                        out.write(chunk)
                self.uploads[stored] = shown
                outlet = folder_outlet(raw_name)
                if outlet:
                    self.folder_outlets[stored] = outlet

    def add_lexicon(self, raw_name: str, data: bytes) -> str:
        """Store a lexicon file of the user's; raise OptionError/LexiconError (humanised) when it is not one."""
        from ..lexicon import validate_file

        folder = self.folder / "lexicons"
        folder.mkdir(parents=True, exist_ok=True)
        shown = display_name(raw_name)
        stored = f"lexicon-{len(self.lexicon_names) + 1:02d}.tsv"
        (folder / stored).write_bytes(data)
        self.lexicon_names[stored] = shown
        _, problems = validate_file(folder / stored)
        if problems:
            del self.lexicon_names[stored]
            (folder / stored).unlink()
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise OptionError(f"{shown}: " + self.humanise(problems[0]).removeprefix(f"{shown}:").strip() + more)
        with self.lock:
            self.settings = replace(self.settings, own_lexicons=self.settings.own_lexicons + (stored,))
        return shown

    def lexicon(self) -> Lexicon:
        own = [self.folder / "lexicons" / n for n in self.settings.own_lexicons]
        return load_lexicon(list(self.settings.lexicons), own)

    # ------------------------------------------------------------------ corrections

    def corrections_path(self) -> Path | None:
        if not self.corrections:
            return None
        path = self.folder / "corrections.csv"
        path.write_text(self.corrections_csv(stored=True), encoding="utf-8")
        return path

    def corrections_csv(self, *, stored: bool = False) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CORRECTION_COLUMNS)
        for c in self.corrections:
            row = dict(c)
            if not stored:
                row["file"] = self.uploads.get(row["file"], row["file"])
            w.writerow([row.get(k) or "" for k in CORRECTION_COLUMNS])
        return buf.getvalue()

    def add_correction(self, change: dict) -> None:
        """Check one correction on its file (as the command line would read it) and keep it."""
        shown = str(change.get("file") or "")
        stored = next((s for s, d in self.uploads.items() if s == shown or d == shown), None)
        if stored is None:
            raise OptionError(f"no uploaded file named {shown!r}: corrections name one of the uploaded files")
        row = {k: ("" if change.get(k) is None else str(change.get(k)).strip()) for k in CORRECTION_COLUMNS}
        row["file"] = stored
        row["action"] = row["action"] or "set"
        for k in ("outlet", "title", "author"):
            row[k] = _CONTROL.sub(" ", row[k])[:300]
        trial = self.corrections + [row]
        path = self.folder / "corrections-trial.csv"
        saved, self.corrections = self.corrections, trial
        try:
            path.write_text(self.corrections_csv(stored=True), encoding="utf-8")
            list(iter_records([self.files_dir / stored], ReadOptions(corrections=str(path)), Manifest()))
        except FramingError as exc:
            self.corrections = saved
            raise OptionError(self.humanise(str(exc)).replace(str(path), "the correction")) from None
        finally:
            path.unlink(missing_ok=True)

    def remove_correction(self, index: int) -> None:
        if not 0 <= index < len(self.corrections):
            raise OptionError(f"no correction number {index + 1}")
        del self.corrections[index]

    # ------------------------------------------------------------------ analysis

    def read_options(self) -> ReadOptions:
        path = self.corrections_path()
        return ReadOptions(corrections=str(path) if path else None)

    def analyse_soon(self) -> int:
        """Start an analysis of the project as it is now, in a thread; returns its ticket for :meth:`wait`."""
        with self.turns:
            self.requested += 1
            ticket = self.requested
            if self.progress.stage in ("waiting", "ready", "failed"):
                self.progress.stage = "analysing"
        threading.Thread(target=self._turn, args=(ticket,), daemon=True, name=f"analyse-{self.pid}").start()
        return ticket

    def wait(self, ticket: int | None = None, timeout: float | None = 900) -> None:
        """Until the analysis ``ticket`` (default: the latest asked for) is done."""
        with self.turns:
            ticket = self.requested if ticket is None else ticket
            self.turns.wait_for(lambda: self.finished >= ticket, timeout)

    def _turn(self, ticket: int) -> None:
        with self.run_lock:  # one analysis at a time per project
            with self.turns:
                if self.finished >= ticket:
                    return
                latest = self.requested
            self.analyse()
            with self.turns:
                self.finished = max(self.finished, latest)
                self.turns.notify_all()

    def analyse(self) -> None:
        """Read and analyse everything uploaded (the command line's pipeline, with progress); never raises."""
        self._analyse()

    def _analyse(self) -> None:
        with self.lock:
            self.error = ""
            self.progress = Progress(stage="reading", files_total=len(self.uploads), started=time.monotonic())
            self.view_analysis = None
            self.outputs.clear()
        try:
            analysis = self._run(keep_neutral=False) if self.uploads else None
            with self.lock:
                self.analysis = analysis
                self.version += 1
                self.progress.stage = "ready"
        except FramingError as exc:
            with self.lock:
                self.analysis, self.error, self.progress.stage = None, self.humanise(str(exc)), "failed"
        except Exception as exc:  # an internal error: shown as one line, the server goes on
            with self.lock:
                self.analysis, self.progress.stage = None, "failed"
                self.error = f"internal error: {type(exc).__name__}: {self.humanise(str(exc))}; please report it"
        finally:
            self.progress.seconds = round(time.monotonic() - self.progress.started, 1)

    def _run(self, *, keep_neutral: bool) -> Analysis:
        """framing.analyze.analyze_corpus, in small chunks so that the page can show progress."""
        lexicon = self.lexicon()
        manifest = Manifest()
        texts: dict[str, str] = {}

        def counted(records):
            for rec in records:
                hint = self.folder_outlets.get(Path(rec["file"]).name)
                if hint and rec["outlet"] == UNKNOWN_OUTLET:  # as the command line does for folder/Outlet/file.txt
                    rec["outlet"] = hint
                texts[rec["doc_id"]] = rec["text"]
                self.progress.documents += 1
                self.progress.files_done = len({r["file"] for r in manifest.rows})
                self.progress.stage = "analysing"
                yield rec

        records = counted(prepared_records([self.files_dir], self.read_options(), manifest))
        options = AnalyzeOptions(jobs=1, progress=False, keep_texts=True, keep_neutral_senses=keep_neutral)
        sink, docs, examples = TablesInMemory(), [], {}
        for result in analysed_chunks(chunked(records, 200_000), Matcher(lexicon), options):
            docs.append(document_frame(result.documents))
            sink.add(result)
            add_examples(examples, result.examples)
        hits, attributions = sink.finish()
        manifest.rows[:0] = [dict(r) for r in self.rejected]
        return Analysis(concat_frames(docs, document_frame), hits, examples, with_context_entries(lexicon),
                        manifest, texts, attributions)

    def view(self) -> Analysis:
        """The analysis with ambiguous terms read neutrally kept (the HTML view shows them), made once."""
        if self.view_analysis is None:
            self.view_analysis = self._run(keep_neutral=True)
        return self.view_analysis

    def selected(self, analysis: Analysis | None = None) -> Analysis:
        from ..report import select

        analysis = analysis or self.ready()
        s = self.settings
        chosen = select(analysis, s.outlets, None, s.date_from or None, s.date_to or None)
        if chosen.documents.empty:
            raise OptionError("no article is left with these outlets and dates: widen the selection")
        return chosen

    def ready(self) -> Analysis:
        if self.analysis is None:
            raise OptionError(self.error or "nothing analysed yet: add files first")
        if self.analysis.documents.empty:
            raise OptionError("no article could be read from the files: see the skipped files and their reasons")
        return self.analysis

    # ------------------------------------------------------------------ what the page shows

    def state(self) -> dict:
        with self.lock:
            p = self.progress
            status = p.stage if self.finished >= self.requested or p.stage in ("reading", "analysing") else "analysing"
            out = {"id": self.pid, "status": status, "error": self.error,
                   "progress": {"files_done": p.files_done, "files_total": p.files_total, "documents": p.documents,
                                "seconds": p.seconds if p.stage in ("ready", "failed") else
                                round(time.monotonic() - p.started, 1) if p.started else 0.0},
                   "files": [{"name": d, "stored": s} for s, d in self.uploads.items()],
                   "settings": {**asdict(self.settings),
                                "own_lexicons": [self.lexicon_names.get(n, n) for n in self.settings.own_lexicons]},
                   "corrections": [{**c, "file": self.uploads.get(c["file"], c["file"])} for c in self.corrections],
                   "documents": 0, "outlets": [], "articles": [], "set_apart": [], "skipped": [], "manifest": [],
                   "summary": [], "version": self.version}
            analysis = self.analysis
        if analysis is None:
            out["skipped"] = [{"file": r["file"], "record": r["record"], "reason": r["reason"]} for r in self.rejected]
            out["manifest"] = [dict(r) for r in self.rejected]
            return out
        manifest = [self._shown_row(r) for r in analysis.manifest.rows]
        out["manifest"] = manifest
        docs = analysis.documents
        by_id = {d["doc_id"]: d for d in docs.to_dict("records")}
        articles = []
        for row, raw in zip(manifest, analysis.manifest.rows):
            if row["status"] != "analysed" or raw["doc_id"] not in by_id:
                continue
            d = by_id[raw["doc_id"]]
            lines = _RANGE.match(row["record"])
            articles.append({
                "doc_id": self.humanise(d["doc_id"]), "file": row["file"], "stored": Path(raw["file"]).name, "record": row["record"],
                "outlet": d["outlet"], "date": _day(d["date"]), "title": d["title"], "lang": d["lang"],
                "words": int(d["words"]), "hits": int(d["hits"]), "note": row["reason"],
                "lines": [int(lines.group(1)), int(lines.group(2) or lines.group(1))] if lines else None,
                "editable": bool(lines) and row["format"] in EDITABLE_FORMATS})
        out["articles"] = articles
        out["set_apart"] = [{**r, "stored": Path(raw["file"]).name,
                             "lines": _lines(r["record"])}
                            for r, raw in zip(manifest, analysis.manifest.rows) if r["status"] in ("filler", "duplicate")]
        out["skipped"] = [{"file": r["file"], "record": r["record"], "reason": r["reason"]}
                          for r in manifest if r["status"] == "skipped"]
        out["documents"] = int(len(docs))
        out["outlets"] = self._outlets(analysis)
        out["summary"] = self._summary()
        return out

    def _shown_row(self, row: dict) -> dict:
        return {**row, "file": self.humanise(row["file"]), "doc_id": self.humanise(row["doc_id"]),
                "reason": self.humanise(row["reason"])}

    def _outlets(self, analysis: Analysis) -> list[dict]:
        from ..tables import corpus_summary

        if analysis.documents.empty:
            return []
        s = corpus_summary(analysis.documents)
        return [{"name": r.outlet, "documents": int(r.documents), "words": int(r.words), "hits": int(r.hits),
                 "first_date": r.first_date, "last_date": r.last_date} for r in s.itertuples()]

    def _summary(self) -> list[str]:
        """The report's summary sentences, as plain text (the report writes them as PDF markup); made once
        per analysis and choice of outlets and dates (its intervals take a bootstrap)."""
        key = ("summary", self.version, self.settings)
        if key not in self.outputs:
            self.outputs[key] = self._make_summary()
        return self.outputs[key]

    def _make_summary(self) -> list[str]:
        from ..report_findings import findings
        from ..stats import StatsOptions, rates_ci
        from ..tables import rates_by_outlet

        try:
            chosen = self.selected()
        except FramingError as exc:
            return [str(exc)]
        docs, hits = chosen.documents, chosen.hits
        options = StatsOptions(period=self.settings.period)
        with RENDER_LOCK:
            sentences = findings(rates_by_outlet(docs, hits), docs, chosen.lexicon,
                                 rates_with_ci=rates_ci(docs, hits, ("outlet",), options), hits=hits,
                                 stats_options=options, rtl=str)  # browsers order Arabic themselves
        return [html.unescape(re.sub(r"</?(b|i)>", "", s)) for s in sentences]

    # ------------------------------------------------------------------ files to download

    def chart_png(self, name: str) -> bytes:
        from ..plots import outlet_colours, plot_category_rates, plot_rate_over_time, save_figure
        from ..tables import rates_by_outlet, rates_by_period

        chosen = self.selected()
        docs, hits, lexicon = chosen.documents, chosen.hits, chosen.lexicon
        colours = outlet_colours(self.ready().documents["outlet"].unique())
        with RENDER_LOCK:
            if name == "categories":
                ax = plot_category_rates(rates_by_outlet(docs, hits), colours=colours,
                                         category_labels={k: c.label for k, c in lexicon.categories.items()})
            elif name == "time":
                ax = plot_rate_over_time(rates_by_period(docs, hits, self.settings.period), colours=colours)
            else:
                raise OptionError(f"no chart named {name!r}: the charts are categories and time")
            buf = io.BytesIO()
            save_figure(ax, buf, dpi=110, fmt="png")  # labels fitted, no run-dependent metadata, closed
        return buf.getvalue()

    def _cached(self, key: tuple, make) -> Path:
        full = (self.version, self.settings, tuple(map(tuple, (c.values() for c in self.corrections)))) + key
        path = self.outputs.get(full)
        if path is None or not path.exists():
            self.out_dir.mkdir(parents=True, exist_ok=True)
            with RENDER_LOCK:
                path = make(self.out_dir / f"v{self.version}-{len(self.outputs)}")
            self.outputs[full] = path
        return path

    def report_pdf(self) -> Path:
        from ..report import ReportOptions, render_report

        s = self.settings
        options = ReportOptions(title=s.title or self._title(), period=s.period, command="framing app")
        return self._cached(("report",), lambda base: render_report(self.selected(), base / "report.pdf", options)[0])

    def worksheet(self, kind: str, *, key: bool, fmt: str = "pdf") -> tuple[Path, str | None]:
        """The student copy or the key of a worksheet as ``fmt`` (pdf, docx), and the worksheet code's
        note when fewer items qualified than asked (None when all did). A worksheet that cannot be made
        ("fewer than three outlets", no passage qualifies) raises the worksheet code's OptionError."""
        from .. import worksheets

        if kind not in worksheets.KINDS:
            raise OptionError(f"no worksheet kind {kind!r}: choose one of {', '.join(worksheets.KINDS)}")
        if fmt not in WORKSHEET_FORMATS:
            raise OptionError(f"worksheets come as .pdf or .docx, not .{fmt}")
        if fmt == "docx" and not docx_worksheets():
            raise OptionError("Word (.docx) worksheets need python-docx, which is not installed: download the PDF")
        options = worksheets.WorksheetOptions(kind=kind, outlets=self.settings.outlets, formats=(fmt,))
        notes: dict[str, str | None] = {}

        def make(base: Path) -> Path:
            student, answer, notes["shortfall"] = render_worksheet(self.selected(), base / kind, options)
            self.outputs[("worksheet-note", self.version, self.settings, kind)] = notes["shortfall"]
            return answer if key else student

        try:
            path = self._cached(("worksheet", kind, fmt, key), make)
        except OptionError as exc:  # the worksheet code's reason, in the page's words
            raise OptionError(page_words(str(exc))) from None
        return path, self.outputs.get(("worksheet-note", self.version, self.settings, kind))

    def view_html(self) -> Path:
        from ..html_view import render_html

        return self._cached(("view",), lambda base: render_html(self.selected(self.view()), base / "view.html",
                                                                 title=self.settings.title or self._title(),
                                                                 period=self.settings.period))

    def tables_zip(self) -> bytes:
        from ..tables import attribution_rates, rates_by_outlet, rates_by_period

        chosen = self.selected()
        docs, hits = chosen.documents, chosen.hits
        tables = {
            "documents.csv": docs, "hits.csv": hits, "rates_by_outlet.csv": rates_by_outlet(docs, hits),
            "rates_by_period.csv": rates_by_period(docs, hits, self.settings.period),
            "attributions.csv": chosen.attributions,
            "attribution_by_outlet.csv": attribution_rates(docs, chosen.attributions),
            "manifest.csv": pd.DataFrame([self._shown_row(r) for r in chosen.manifest.rows],
                                         columns=chosen.manifest.table().columns),
        }
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, table in tables.items():
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), self._csv(table))
            if self.corrections:
                z.writestr(zipfile.ZipInfo("corrections.csv", (1980, 1, 1, 0, 0, 0)), self.corrections_csv())
        return buf.getvalue()

    def _csv(self, table: pd.DataFrame) -> str:
        from ..output import write_csv

        path = self.out_dir / "table.csv"
        self.out_dir.mkdir(parents=True, exist_ok=True)
        table = table.copy()
        for col in ("file", "source", "doc_id"):
            if col in table.columns:
                table[col] = table[col].astype(str).map(self.humanise)
        write_csv(path, table)
        return path.read_text(encoding="utf-8")

    def _title(self) -> str:
        names = list(self.uploads.values())
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "") or "Articles"


WORKSHEET_FORMATS = ("pdf", "docx")
_PAGE_WORDS = (  # the command line's option names in the worksheet code's reasons -> what the page calls them
    (re.compile(r"use --kind ([a-z, ]+?)(?=[.;:]|$)"), r"use the \1 worksheet"),
    (re.compile(r"--kind (\w+)"), r"the '\1' worksheet"),
    (re.compile(r"(widen|check) --outlets (and|or) --lang"), "choose more outlets (step 3)"),
    (re.compile(r"give the outlet of articles that have none"), "fix the outlet of articles that have none (step 2)"),
    (re.compile(r"--outlets"), "the outlets chosen"),
)


def page_words(message: str) -> str:
    """A worksheet refusal with the command line's options named as the page names them, on one line."""
    text = " ".join(message.split())
    for pattern, words in _PAGE_WORDS:
        text = pattern.sub(words, text)
    return text[:1].upper() + text[1:]


def docx_worksheets() -> bool:
    """Can this installation write Word worksheets (python-docx importable)?"""
    import importlib.util

    return importlib.util.find_spec("docx") is not None


def render_worksheet(analysis: Analysis, stem: Path, options) -> tuple[Path, Path, str | None]:
    """The student copy and the key in ``options.formats[0]`` (STEM.pdf and STEM-key.pdf, or .docx),
    and the worksheet's shortfall note ("only N of the M items asked for qualified ...") or None."""
    from .. import worksheets

    sheet = worksheets.build_worksheet(analysis, options)
    fmt = options.formats[0]
    if fmt == "pdf":
        from ..worksheet_pdf import write_pdf

        student, key = write_pdf(sheet, stem, options)
    else:
        from ..worksheet_docx import write_docx

        student, key = write_docx(sheet, stem, options)
    return Path(student), Path(key), sheet.shortfall


def _day(value) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) and not pd.isna(value) else ""


def _lines(record: str) -> list[int] | None:
    m = _RANGE.match(record)
    return [int(m.group(1)), int(m.group(2) or m.group(1))] if m else None
