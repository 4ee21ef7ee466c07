"""The web app's HTTP layer: a Starlette application served by uvicorn, and ``framing app``.

Safe by default: it listens on 127.0.0.1 unless told otherwise; every request needs the token
(``Authorization: Bearer TOKEN``, ``?token=TOKEN``, or the cookie the page gets when it is opened
with ``?token=``); requests whose Host header names another site are refused (DNS rebinding);
request bodies are limited in size; uploads live in a temporary folder removed when the app stops.
The page is static (framing/app/static/), loads nothing from the network and builds every piece
of corpus text into the page as text, never as markup; the HTML view is served sandboxed.

The API is described as OpenAPI at ``/api/openapi.json`` (built from the docstrings below).
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.schemas import SchemaGenerator
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import FramingError, OptionError
from .project import PERIODS, Project, Settings, docx_worksheets

STATIC = Path(__file__).parent / "static"
COOKIE = "framing_token"
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class AppOptions:
    host: str = "127.0.0.1"
    port: int = 0                 # 0: the first free port from 8765 on
    token: str | None = None      # None: a new random token
    open_browser: bool = True
    max_upload_mb: float = 200.0  # largest request body accepted


# ----------------------------------------------------------------------------- guards (ASGI middleware)

class _TooLarge(Exception):
    pass


class Guard:
    """Host check, token check and body-size limit, before any route runs."""

    def __init__(self, app, *, token: str, hosts: set[str], any_ip: bool, max_bytes: int):
        self.app, self.token, self.hosts, self.any_ip, self.max_bytes = app, token, hosts, any_ip, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        host = (request.headers.get("host") or "").strip().lower()
        if not self._host_ok(host):
            return await _error(403, "this app answers only at the address it printed "
                                "(the Host header names another site)")(scope, receive, send)
        path = scope["path"]
        if not (path.startswith("/static/") or path == "/favicon.ico") and not self._token_ok(request):
            return await _error(401, "missing or wrong token: open the address framing app printed "
                                "(it ends with ?token=...), or send Authorization: Bearer TOKEN")(scope, receive, send)
        length = request.headers.get("content-length")
        limit_text = too_large(self.max_bytes)
        if length and length.isdigit() and int(length) > self.max_bytes:
            return await _error(413, limit_text)(scope, receive, send)
        seen, started = [0], [False]

        async def counted_receive():
            message = await receive()
            if message["type"] == "http.request":
                seen[0] += len(message.get("body", b""))
                if seen[0] > self.max_bytes:
                    raise _TooLarge()
            return message

        async def tracked_send(message):
            if message["type"] == "http.response.start":
                started[0] = True
                if path == "/" and request.query_params.get("token"):
                    cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                    message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started[0]:
                await _error(413, limit_text)(scope, receive, send)

    def _host_ok(self, host: str) -> bool:
        """The Host header must name the address served; listening on all interfaces, any IP address
        or localhost does (a DNS-rebinding page always comes with a host *name*)."""
        if host in self.hosts:
            return True
        if not self.any_ip:
            return False
        name = host[1:host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name == "localhost"

    def _token_ok(self, request: Request) -> bool:
        given = ""
        auth = request.headers.get("authorization") or ""
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        given = given or request.query_params.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())


def too_large(max_bytes: int) -> str:
    return (f"the upload is larger than the limit of {max_bytes / 1e6:g} MB: send fewer files at a time "
            "or start the app with a larger --max-upload-mb")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


# ----------------------------------------------------------------------------- the application

class Projects:
    def __init__(self, root: Path):
        self.root = root
        self.items: dict[str, Project] = {}
        self.lock = threading.Lock()

    def new(self) -> Project:
        pid = secrets.token_hex(6)
        folder = self.root / pid
        folder.mkdir(parents=True)
        project = Project(pid, folder)
        with self.lock:
            self.items[pid] = project
        return project

    def get(self, pid: str) -> Project:
        project = self.items.get(pid)
        if project is None:
            raise _NotFound(f"no project {pid!r}: upload the files again (projects last until the app stops)")
        return project


class _NotFound(Exception):
    pass


def create_app(workdir: Path, *, token: str, host: str = "127.0.0.1", port: int = 8765,
               max_upload_mb: float = 200.0):
    """The ASGI application (guards included) over projects kept under ``workdir``."""
    projects = Projects(workdir)
    max_bytes = int(max_upload_mb * 1_000_000)

    def analyse_soon(project: Project, wait: bool) -> None:
        ticket = project.analyse_soon()
        if wait:
            project.wait(ticket)

    async def upload_files(request: Request, project: Project | None = None) -> Project:
        """Store the multipart field ``files`` in ``project`` (a new one when None) and return it."""
        try:
            form = await request.form(max_files=10_000, max_part_size=max_bytes)
        except _TooLarge:
            raise
        except Exception as exc:  # a malformed multipart body (starlette's MultiPartException, ...)
            raise OptionError(f"the upload could not be read ({exc}): send the files as multipart field 'files'")
        try:
            uploads = [(f.filename, f.file) for f in form.getlist("files") if hasattr(f, "filename")]
            if not uploads:
                raise OptionError("no files in the upload: send them as multipart field 'files'")
            project = project or projects.new()
            await run_in_threadpool(project.add_files, uploads)
            return project
        finally:
            await form.close()  # starlette's spooled copies go now

    def waiting(request: Request) -> bool:
        return request.query_params.get("wait", "1") not in ("0", "false", "no")

    async def index(request: Request):
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_CSP,
                                                            "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})

    async def create_project(request: Request):
        """
        summary: Upload files and analyse them
        description: >
          Multipart field `files`, one or more (.txt dumps, CSV, JSON Lines, saved HTML, feeds, PDF,
          DOCX, .gz). Files that cannot be read are listed in `skipped` with their reason; the rest is
          analysed. With `?wait=0` the answer comes at once (status `analysing`): poll the project.
        parameters:
          - {name: wait, in: query, schema: {type: string, enum: ["0", "1"]}, description: "0 = do not wait for the analysis"}
        requestBody:
          content:
            multipart/form-data:
              schema: {type: object, properties: {files: {type: array, items: {type: string, format: binary}}}}
        responses:
          201: {description: "The project: id, status, documents, outlets, articles, set_apart, skipped, manifest, summary"}
          400: {description: "No files, or a malformed upload (error: one line)"}
          413: {description: "The upload is larger than --max-upload-mb"}
        """
        project = await upload_files(request)
        await run_in_threadpool(analyse_soon, project, waiting(request))
        return JSONResponse(project.state(), status_code=201 if waiting(request) else 202)

    async def add_files(request: Request):
        """
        summary: Add files to a project and analyse again
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {files: {type: array, items: {type: string, format: binary}}}}}}}
        responses: {200: {description: The project}}
        """
        project = projects.get(request.path_params["id"])
        await upload_files(request, project)
        await run_in_threadpool(analyse_soon, project, waiting(request))
        return JSONResponse(project.state())

    def get_project(request: Request):
        """
        summary: The state of a project
        description: id, status (analysing, ready, failed), progress, documents, outlets, the split (articles,
          set_apart for filler and duplicates, skipped with reasons), manifest, corrections, settings, summary.
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        responses: {200: {description: The project}, 404: {description: No such project}}
        """
        return JSONResponse(projects.get(request.path_params["id"]).state())

    async def add_correction(request: Request):
        """
        summary: Correct the split (outlet, date, title, kind of a segment; merge; split)
        description: The same fields as a row of the command line's corrections file
          (file, action set|merge|split, lines, outlet, date, title, author, lang, kind). Checked on its file
          first; a correction the file does not fit is refused with the reason.
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        requestBody: {content: {application/json: {schema: {type: object}}}}
        responses: {200: {description: The project, analysed again}, 400: {description: The correction does not fit}}
        """
        project = projects.get(request.path_params["id"])
        change = await _json(request)
        await run_in_threadpool(project.add_correction, change)
        await run_in_threadpool(analyse_soon, project, waiting(request))
        return JSONResponse(project.state())

    async def remove_correction(request: Request):
        """
        summary: Undo a correction (by its position, from 1)
        parameters: [{name: id, in: path, required: true, schema: {type: string}}, {name: n, in: path, required: true, schema: {type: integer}}]
        responses: {200: {description: The project, analysed again}}
        """
        project = projects.get(request.path_params["id"])
        project.remove_correction(int(request.path_params["n"]) - 1)
        await run_in_threadpool(analyse_soon, project, waiting(request))
        return JSONResponse(project.state())

    def corrections_file(request: Request):
        """
        summary: The corrections file (CSV), for the command line's --corrections
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        responses: {200: {description: "text/csv", content: {text/csv: {}}}}
        """
        project = projects.get(request.path_params["id"])
        return Response(project.corrections_csv(), media_type="text/csv; charset=utf-8",
                        headers=_attachment("corrections.csv"))

    async def put_settings(request: Request):
        """
        summary: Choose outlets, period, dates, title and shipped lexicons
        description: "JSON: outlets (list; empty = all), date_from, date_to (YYYY-MM-DD), period (week|month|quarter|year),
          lexicons (shipped names), title. A change of lexicons analyses again."
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        requestBody: {content: {application/json: {schema: {type: object}}}}
        responses: {200: {description: The project}, 400: {description: A value that is not allowed}}
        """
        project = projects.get(request.path_params["id"])
        body = await _json(request)
        old = project.settings
        try:
            new = replace(old, outlets=tuple(body.get("outlets", old.outlets) or ()),
                          date_from=body.get("date_from", old.date_from) or None,
                          date_to=body.get("date_to", old.date_to) or None,
                          period=str(body.get("period", old.period)),
                          lexicons=tuple(body.get("lexicons", old.lexicons) or ()),
                          title=str(body.get("title", old.title) or "")[:200])
        except TypeError:
            raise OptionError("settings: outlets and lexicons are lists of names") from None
        known = {o["name"] for o in project.state()["outlets"]} if project.analysis is not None else None
        project.settings = new.checked(known)
        if new.lexicons != old.lexicons:
            await run_in_threadpool(analyse_soon, project, waiting(request))
        return JSONResponse(project.state())

    async def add_lexicon(request: Request):
        """
        summary: Add a lexicon of your own (TSV, see lexicons/SCHEMA.md) and analyse again
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {file: {type: string, format: binary}}}}}}
        responses: {200: {description: The project}, 400: {description: "The file's first problem, with its line"}}
        """
        project = projects.get(request.path_params["id"])
        form = await request.form(max_files=1, max_part_size=max_bytes)
        upload = form.get("file")
        if not hasattr(upload, "filename"):
            raise OptionError("no lexicon file in the upload: send it as multipart field 'file'")
        data = await upload.read()
        await run_in_threadpool(project.add_lexicon, upload.filename, data)
        await run_in_threadpool(analyse_soon, project, waiting(request))
        return JSONResponse(project.state())

    def chart(request: Request):
        """
        summary: A chart of the chosen articles (PNG)
        parameters: [{name: id, in: path, required: true, schema: {type: string}}, {name: name, in: path, required: true, schema: {type: string, enum: [categories, time]}}]
        responses: {200: {description: image/png, content: {image/png: {}}}}
        """
        project = _ready(projects.get(request.path_params["id"]))
        return Response(project.chart_png(request.path_params["name"]), media_type="image/png",
                        headers={"Cache-Control": "no-store"})

    def report_pdf(request: Request):
        """
        summary: The PDF report of the chosen articles
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        responses: {200: {description: application/pdf, content: {application/pdf: {}}}, 400: {description: Nothing to report}}
        """
        project = _ready(projects.get(request.path_params["id"]))
        return FileResponse(project.report_pdf(), media_type="application/pdf", headers=_attachment("report.pdf"))

    def worksheet(request: Request):
        """
        summary: A classroom worksheet (student copy, or the answer key with ?key=1), PDF or DOCX
        description: "Kinds: spot, compare, rewrite, guess, whose (framing exercise --kind). A worksheet the
          chosen articles cannot give (guess with fewer than three outlets, no passage that qualifies) is
          refused with the worksheet code's reason; when fewer items qualified than asked, the file comes
          with that note in the header X-Framing-Note (percent-encoded UTF-8)."
        parameters:
          - {name: id, in: path, required: true, schema: {type: string}}
          - {name: kind, in: path, required: true, schema: {type: string, enum: [spot, compare, rewrite, guess, whose]}}
          - {name: format, in: path, required: true, schema: {type: string, enum: [pdf, docx]}}
          - {name: key, in: query, schema: {type: string, enum: ["0", "1"]}}
        responses: {200: {description: The worksheet}, 400: {description: "The reason this worksheet cannot be made (one line)"}}
        """
        project = _ready(projects.get(request.path_params["id"]))
        kind, fmt = request.path_params["kind"], request.path_params["format"]
        key = request.query_params.get("key", "0") in ("1", "true", "yes")
        path, note = project.worksheet(kind, key=key, fmt=fmt)
        media = "application/pdf" if fmt == "pdf" else \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        headers = _attachment(f"{kind}{'-key' if key else ''}.{fmt}")
        if note:
            headers["X-Framing-Note"] = quote(" ".join(str(note).split()), safe=" ,;:()'/")
        return FileResponse(path, media_type=media, headers=headers)

    async def audit_sample(request: Request):
        """
        summary: Draw a coding sheet of the chosen articles' hits (framing audit sample)
        description: "JSON: n (hits, default 60), by (strata: list or comma-separated from category, voice,
          outlet, term, lang; default category,voice), misses (sentences without hits, for recall; default 0),
          seed (default 1), voices, include_negated. A stratified, seeded sample: the same choices give the
          same sheet. Returns the sample (id, strata and their sizes) and its rows, the sentence with the
          term between [[ ]]. A new sample replaces the project's last one."
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        requestBody: {content: {application/json: {schema: {type: object}}}}
        responses: {200: {description: "sample, rows, labels, voice_labels"}, 400: {description: A value that is not allowed, or no hit to sample}}
        """
        from .audit import draw_sample, sample_state

        project = projects.get(request.path_params["id"])
        body = await _json(request) if await request.body() else {}
        await run_in_threadpool(_ready, project)
        project.audit = await run_in_threadpool(draw_sample, project, body)
        return JSONResponse(sample_state(project.audit))

    def audit_state(request: Request):
        """
        summary: The project's coding sheet and its last score
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        responses: {200: {description: "sample, rows, labels, voice_labels, score (null before scoring)"}, 400: {description: No sample yet}}
        """
        from .audit import sample_state

        return JSONResponse(sample_state(_sample(projects.get(request.path_params["id"]))))

    def audit_sheet(request: Request):
        """
        summary: The coding sheet to fill (CSV, fillable HTML page, DOCX) or its sample file (JSON)
        description: The files framing audit sample writes (SHEET.csv, SHEET.html, SHEET.docx, SHEET.sample.json).
        parameters:
          - {name: id, in: path, required: true, schema: {type: string}}
          - {name: format, in: path, required: true, schema: {type: string, enum: [csv, html, docx, json]}}
        responses: {200: {description: The sheet}, 400: {description: No sample yet, or an unknown format}}
        """
        from .audit import sheet_file

        sample = _sample(projects.get(request.path_params["id"]))
        content, media, name = sheet_file(sample, request.path_params["format"])
        headers = _attachment(name)
        if name.endswith(".html"):
            headers["Content-Security-Policy"] = "sandbox allow-scripts allow-downloads"
        return Response(content, media_type=media, headers=headers)

    async def audit_score(request: Request):
        """
        summary: Score filled coding sheets (framing audit score)
        description: "Multipart field `sheets`: one filled sheet per coder (CSV from the sheet or its HTML page, or
          the DOCX sheet), all of the project's current sample; the file name (without extension) names the
          coder. The optional field `labels` adds the sheet filled in the page, as JSON
          {coder: NAME, labels: {hit_id: {label, voice_label, note}}}. Returns precision per stratum and overall with Wilson 95% intervals,
          agreement (Krippendorff's alpha, Cohen's and Fleiss' kappa), voice accuracy and the disagreements.
          A sheet that does not fit the sample is refused, one line per problem with its sheet and line,
          and nothing is scored."
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {sheets: {type: array, items: {type: string, format: binary}}}}}}}
        responses: {200: {description: "coders, notes, summary, precision, agreement, voice, disagreements"}, 400: {description: The problems of the sheets}}
        """
        from .audit import MAX_SHEETS, filled_sheet, score_sheets

        project = projects.get(request.path_params["id"])
        sample = _sample(project)
        try:
            form = await request.form(max_files=MAX_SHEETS + 1, max_part_size=max_bytes)
        except Exception as exc:  # a malformed multipart body
            raise OptionError(f"the upload could not be read ({exc}): send the sheets as multipart field 'sheets'")
        try:
            uploads = [(f.filename, await f.read()) for f in form.getlist("sheets") if hasattr(f, "filename")]
            page = form.get("labels")
        finally:
            await form.close()
        if isinstance(page, str) and page.strip():
            try:
                body = json.loads(page)
            except json.JSONDecodeError:
                raise OptionError("the field 'labels' is not JSON") from None
            uploads.insert(0, filled_sheet(sample, body if isinstance(body, dict) else {}))
        return JSONResponse(await run_in_threadpool(score_sheets, sample, uploads))

    async def audit_labels(request: Request):
        """
        summary: The sheet filled in the page, as a CSV sheet (to keep, or to score later)
        description: "JSON {coder: NAME, labels: {hit_id: {label, voice_label, note}}} -> the CSV sheet with those
          labels (the file framing audit score reads)."
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        requestBody: {content: {application/json: {schema: {type: object}}}}
        responses: {200: {description: text/csv, content: {text/csv: {}}}, 400: {description: A hit_id not in the sample}}
        """
        from .audit import filled_sheet

        sample = _sample(projects.get(request.path_params["id"]))
        name, content = filled_sheet(sample, await _json(request))
        return Response(content, media_type="text/csv; charset=utf-8", headers=_attachment(name))

    def audit_zip(request: Request):
        """
        summary: The last score's tables (precision, agreement, voice, disagreements CSV and audit.json) in one zip
        description: The folder framing audit score -o DIR writes, for framing report --audit DIR.
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        responses: {200: {description: application/zip, content: {application/zip: {}}}, 400: {description: Nothing scored yet}}
        """
        from .audit import score_zip

        sample = _sample(projects.get(request.path_params["id"]))
        return Response(score_zip(sample), media_type="application/zip", headers=_attachment("audit.zip"))

    def view_html(request: Request):
        """
        summary: The self-contained HTML view (articles with loaded terms highlighted)
        parameters: [{name: id, in: path, required: true, schema: {type: string}}, {name: download, in: query, schema: {type: string}}]
        responses: {200: {description: text/html, content: {text/html: {}}}}
        """
        project = _ready(projects.get(request.path_params["id"]))
        headers = {"Content-Security-Policy": "sandbox allow-scripts", "Cache-Control": "no-store"}
        if request.query_params.get("download"):
            headers.update(_attachment("view.html"))
        return FileResponse(project.view_html(), media_type="text/html; charset=utf-8", headers=headers)

    def tables_zip(request: Request):
        """
        summary: The tables (documents, hits, rates, attributions) and the manifest as CSV files in one zip
        parameters: [{name: id, in: path, required: true, schema: {type: string}}]
        responses: {200: {description: application/zip, content: {application/zip: {}}}}
        """
        project = _ready(projects.get(request.path_params["id"]))
        return Response(project.tables_zip(), media_type="application/zip", headers=_attachment("tables.zip"))

    def options(request: Request):
        """
        summary: What the app offers (shipped lexicons, worksheet kinds, periods, DOCX support, upload limit)
        responses: {200: {description: JSON}}
        """
        from .. import worksheets
        from ..lexicon import shipped_names

        titles = {}
        try:
            wording = worksheets.load_wording("en")
            titles = {k: str(wording[k]["title"]) for k in worksheets.KINDS if isinstance(wording.get(k), dict)}
        except (FramingError, KeyError, TypeError):
            pass
        return JSONResponse({"version": __version__, "lexicons": shipped_names(), "worksheet_kinds": list(worksheets.KINDS),
                             "worksheet_titles": titles,
                             "periods": list(PERIODS), "docx_worksheets": docx_worksheets(),
                             "max_upload_mb": max_upload_mb, "default_lexicons": list(Settings().lexicons)})

    schemas = SchemaGenerator({"openapi": "3.0.3", "info": {
        "title": "framing app API", "version": __version__,
        "description": "Every request needs the token: header 'Authorization: Bearer TOKEN' or query '?token=TOKEN'."},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                           "query": {"type": "apiKey", "in": "query", "name": "token"}}},
        "security": [{"bearer": []}, {"query": []}]})

    def openapi(request: Request):
        """
        summary: This description (OpenAPI 3)
        responses: {200: {description: JSON}}
        """
        return JSONResponse(schemas.get_schema(routes=app.routes))

    def wrap(endpoint):
        """FramingError -> 400 with its one line; an unknown project -> 404; the heavy sync work off the loop."""
        import asyncio

        async def handler(request: Request):
            try:
                if asyncio.iscoroutinefunction(endpoint):
                    return await endpoint(request)
                return await run_in_threadpool(endpoint, request)
            except _NotFound as exc:
                return _error(404, str(exc))
            except _TooLarge:  # a body sent without Content-Length grew past the limit while it was read
                return _error(413, too_large(max_bytes))
            except FramingError as exc:
                project = projects.items.get(request.path_params.get("id", ""))
                return _error(400, project.humanise(str(exc)) if project else str(exc))
        handler.__doc__ = endpoint.__doc__
        return handler

    async def favicon(request: Request):
        return Response(status_code=204)

    p = "/api/projects/{id}"
    routes = [
        Route("/", index, include_in_schema=False),
        Route("/favicon.ico", favicon, include_in_schema=False),
        Route("/api/openapi.json", wrap(openapi)),
        Route("/api/options", wrap(options)),
        Route("/api/projects", wrap(create_project), methods=["POST"]),
        Route(p, wrap(get_project)),
        Route(p + "/files", wrap(add_files), methods=["POST"]),
        Route(p + "/corrections", wrap(add_correction), methods=["POST"]),
        Route(p + "/corrections/{n:int}", wrap(remove_correction), methods=["DELETE"]),
        Route(p + "/corrections.csv", wrap(corrections_file)),
        Route(p + "/settings", wrap(put_settings), methods=["PUT"]),
        Route(p + "/lexicons", wrap(add_lexicon), methods=["POST"]),
        Route(p + "/charts/{name}.png", wrap(chart)),
        Route(p + "/report.pdf", wrap(report_pdf)),
        Route(p + "/worksheets/{kind}.{format:str}", wrap(worksheet)),
        Route(p + "/audit/sample", wrap(audit_sample), methods=["POST"]),
        Route(p + "/audit", wrap(audit_state)),
        Route(p + "/audit/sheet.{format:str}", wrap(audit_sheet)),
        Route(p + "/audit/score", wrap(audit_score), methods=["POST"]),
        Route(p + "/audit/score.zip", wrap(audit_zip)),
        Route(p + "/audit/labels.csv", wrap(audit_labels), methods=["POST"]),
        Route(p + "/view.html", wrap(view_html)),
        Route(p + "/tables.zip", wrap(tables_zip)),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    hosts = _served_hosts(host, port)
    any_ip = host in ("0.0.0.0", "::", "")
    return Guard(app, token=token, hosts=hosts, any_ip=any_ip, max_bytes=max_bytes)


def _served_hosts(host: str, port: int) -> set[str]:
    names = {host, "localhost", "127.0.0.1", "[::1]"} if host in LOOPBACK else {host if ":" not in host else f"[{host}]"}
    if host in ("0.0.0.0", "::", ""):
        names |= {"localhost", "127.0.0.1", "[::1]", socket.gethostname().lower()}
    return {f"{n}:{port}" for n in names} | ({n for n in names} if port == 80 else set())


def _sample(project: Project):
    if project.audit is None:
        raise OptionError("no coding sheet yet: draw a sample first (POST .../audit/sample)")
    return project.audit


def _ready(project: Project) -> Project:
    project.wait(timeout=900)
    return project


async def _json(request: Request) -> dict:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise OptionError("the request body is not JSON: send an object like {\"outlet\": \"...\"}") from None
    if not isinstance(body, dict):
        raise OptionError("the request body must be a JSON object")
    return body


def _attachment(name: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}


# ----------------------------------------------------------------------------- framing app

def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    ports = [port] if port else list(range(8765, 8785))
    last = None
    for p in ports:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, p))
            sock.listen(128)  # connections wait for uvicorn from the moment the address is printed
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise OptionError(f"--host {host} --port {port or '8765-8784'}: cannot listen there ({last.strerror if last else ''}): "
                      "choose another --port")


def exposure_warning(host: str) -> str | None:
    """The warning for a --host that other computers can reach (None for loopback addresses)."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = False
    if loopback:
        return None
    return (f"warning: listening on {host}, not only on this computer: anyone on the network who has the token "
            "can read and change the uploaded articles (leave --host out to keep the app to this computer)")


def run_app(options: AppOptions) -> int:
    """Serve the app until Ctrl-C; the temporary folder of uploads is removed on the way out."""
    import uvicorn

    if options.token is not None and len(options.token) < 8:
        raise OptionError("--token: use at least 8 characters (or leave it out for a random one)")
    if options.max_upload_mb <= 0:
        raise OptionError("--max-upload-mb must be more than 0")
    token = options.token or secrets.token_urlsafe(24)
    sock = _bind(options.host, options.port)
    port = sock.getsockname()[1]
    warning = exposure_warning(options.host)
    if warning:
        print(warning, file=sys.stderr)
    workdir = Path(tempfile.mkdtemp(prefix="framing-app-"))
    shown_host = "127.0.0.1" if options.host in ("0.0.0.0", "") else "[::1]" if options.host == "::" else \
        (f"[{options.host}]" if ":" in options.host else options.host)
    url = f"http://{shown_host}:{port}/?token={token}"
    def stop(signum, frame):  # uvicorn raises the signal again after its shutdown: end here, cleaning up
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        app = create_app(workdir, token=token, host=options.host, port=port, max_upload_mb=options.max_upload_mb)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        server = uvicorn.Server(config)
        print(f"framing app is running: open {url}\n(press Ctrl-C here to stop it; uploads are kept in {workdir} "
              "until then and removed on exit)", flush=True)
        if options.open_browser:
            import webbrowser

            threading.Timer(0.8, lambda: webbrowser.open(url)).start()
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:
            pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
        shutil.rmtree(workdir, ignore_errors=True)
    print("framing app stopped; the uploaded files were removed")
    return 0
