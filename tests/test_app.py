"""The web app's HTTP API (framing/app/server.py, framing/app/project.py), through Starlette's test client."""
import csv
import io
import json
import warnings
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from framing.app.server import create_app
from framing.cli import main

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DATA = Path(__file__).parent / "data" / "app"
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1:8765"


def make_pdf(path: Path, title: str, lines: list[str]) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1)
    c.setTitle(title)
    y = 800
    for line in [title, ""] + lines:
        c.drawString(50, y, line)
        y -= 18
    c.showPage()
    c.save()
    return path


@pytest.fixture
def workdir(tmp_path):
    d = tmp_path / "work"
    d.mkdir()
    return d


@pytest.fixture
def client(workdir):
    return TestClient(create_app(workdir, token=TOKEN, port=8765, max_upload_mb=2), base_url=BASE)


@pytest.fixture
def project(client, tmp_path):
    pdf = make_pdf(tmp_path / "one.pdf", "Ceasefire talks stall",
                   ["The regime's forces shelled two villages overnight.", "Militants fired rockets at a town."])
    files = [("files", ("class_dump.txt", (DATA / "class_dump.txt").read_bytes())),
             ("files", ("one.pdf", pdf.read_bytes()))]
    r = client.post("/api/projects", files=files, headers=AUTH)
    assert r.status_code == 201, r.text
    return r.json()


def test_upload_returns_the_split_outlets_and_manifest(project):
    assert project["status"] == "ready"
    assert project["documents"] == 5  # four articles in the dump (hand-counted) and the PDF
    assert {o["name"]: o["documents"] for o in project["outlets"]} == {"Press TV": 2, "Sputnik": 2, "(unknown)": 1}
    pdf = [a for a in project["articles"] if a["file"] == "one.pdf"]
    assert len(pdf) == 1 and pdf[0]["title"] == "Ceasefire talks stall" and pdf[0]["editable"]
    dump = [a for a in project["articles"] if a["file"] == "class_dump.txt"]
    assert [a["lines"] for a in dump] == [[1, 5], [6, 10], [11, 15], [16, 20]]
    assert [a["outlet"] for a in dump] == ["Press TV", "Sputnik", "Press TV", "Sputnik"]
    assert {r["status"] for r in project["manifest"]} == {"analysed"} and len(project["manifest"]) == 5
    # Stored names never leak: the page sees the uploaded names.
    assert "doc-0" not in json.dumps({k: project[k] for k in ("articles", "manifest", "outlets", "summary")}
                                     ).replace('"stored": "doc-0', "")


def test_get_project_gives_the_same_state(client, project):
    r = client.get(f"/api/projects/{project['id']}", headers=AUTH)
    assert r.status_code == 200
    assert r.json()["articles"] == project["articles"]
    assert client.get("/api/projects/ffffffffffff", headers=AUTH).status_code == 404


def test_report_pdf_has_pages_and_headings(client, project):
    r = client.get(f"/api/projects/{project['id']}/report.pdf", headers=AUTH)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    assert len(reader.pages) >= 4
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Summary of findings" in text and "Press TV" in text and "Sputnik" in text


def test_worksheet_pdf_and_key(client, project):
    pid = project["id"]
    student = client.get(f"/api/projects/{pid}/worksheets/spot.pdf", headers=AUTH)
    key = client.get(f"/api/projects/{pid}/worksheets/spot.pdf?key=1", headers=AUTH)
    assert student.status_code == 200 and key.status_code == 200
    assert 'filename="spot-key.pdf"' in key.headers["content-disposition"]
    s_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(student.content)).pages)
    k_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(key.content)).pages)
    assert s_text != k_text
    assert any(w in s_text for w in ("regime", "Militants", "terrorists", "Occupation"))
    assert client.get(f"/api/projects/{pid}/worksheets/nosuch.pdf", headers=AUTH).status_code == 400
    odd = client.get(f"/api/projects/{pid}/worksheets/spot.exe", headers=AUTH)
    assert odd.status_code == 400 and "as .pdf or .docx" in odd.json()["error"]


def test_worksheet_docx_is_served_or_refused_with_a_reason(client, project):
    from framing.app.project import docx_worksheets

    r = client.get(f"/api/projects/{project['id']}/worksheets/spot.docx", headers=AUTH)
    if not docx_worksheets():
        assert r.status_code == 400 and "Word (.docx) worksheets need python-docx" in r.json()["error"]
    else:
        import docx

        assert r.status_code == 200
        assert docx.Document(io.BytesIO(r.content)).paragraphs


def test_view_html_is_sandboxed_and_escapes(client, project):
    r = client.get(f"/api/projects/{project['id']}/view.html", headers=AUTH)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == "sandbox allow-scripts"
    assert "Rockets Hit Market Town as Talks Falter" in r.text


def test_tables_zip_holds_the_tables_and_manifest_with_uploaded_names(client, project):
    r = client.get(f"/api/projects/{project['id']}/tables.zip", headers=AUTH)
    z = zipfile.ZipFile(io.BytesIO(r.content))
    assert {"documents.csv", "hits.csv", "rates_by_outlet.csv", "manifest.csv"} <= set(z.namelist())
    docs = list(csv.DictReader(io.StringIO(z.read("documents.csv").decode("utf-8"))))
    assert len(docs) == 5
    assert "class_dump.txt:1" in {d["doc_id"] for d in docs}
    assert "doc-0" not in z.read("manifest.csv").decode("utf-8")


def test_chart_is_a_png(client, project):
    r = client.get(f"/api/projects/{project['id']}/charts/categories.png", headers=AUTH)
    assert r.status_code == 200 and r.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/api/projects/{project['id']}/charts/nope.png", headers=AUTH).status_code == 400


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/api/openapi.json", headers=AUTH).json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/projects", "/api/projects/{id}", "/api/projects/{id}/report.pdf",
                 "/api/projects/{id}/worksheets/{kind}.{format}", "/api/projects/{id}/view.html",
                 "/api/projects/{id}/tables.zip"):
        assert path in spec["paths"], path
    assert "multipart/form-data" in spec["paths"]["/api/projects"]["post"]["requestBody"]["content"]


# ----------------------------------------------------------------------------- safety

@pytest.mark.parametrize("headers, query", [({}, ""), ({"Authorization": "Bearer wrong-token-xx"}, ""),
                                            ({}, "?token=wrong")])
def test_missing_or_wrong_token_is_refused(client, project, headers, query):
    for path in ("/", "/api/options", f"/api/projects/{project['id']}", f"/api/projects/{project['id']}/report.pdf"):
        r = client.get(path + query, headers=headers)
        assert r.status_code == 401, path
        assert "missing or wrong token" in r.json()["error"]
    assert client.post("/api/projects", files=[("files", ("a.txt", b"x"))], headers=headers).status_code == 401


def test_token_in_the_query_and_the_cookie_the_page_gets(client, project):
    assert client.get(f"/api/projects/{project['id']}?token={TOKEN}").status_code == 200
    page = client.get(f"/?token={TOKEN}")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "HttpOnly" in page.headers["set-cookie"] and "SameSite=Strict" in page.headers["set-cookie"]
    assert client.get(f"/api/projects/{project['id']}").status_code == 200  # the cookie


def test_foreign_host_header_is_refused(client, project):
    for host in ("evil.example", "evil.example:8765", "127.0.0.1.evil.example:8765", "127.0.0.1:9999"):
        r = client.get(f"/api/projects/{project['id']}", headers={**AUTH, "Host": host})
        assert r.status_code == 403, host
        assert "Host header" in r.json()["error"]
    assert client.get("/api/options", headers={**AUTH, "Host": "localhost:8765"}).status_code == 200


def test_oversized_upload_is_refused(client):
    big = b"word " * 500_000  # 2.5 MB, over the 2 MB limit of this client's app
    r = client.post("/api/projects", files=[("files", ("big.txt", big))], headers=AUTH)
    assert r.status_code == 413
    assert "larger than the limit of 2 MB" in r.json()["error"]


def test_oversized_upload_without_content_length_is_refused(client):
    def body():
        yield b'--B\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        for _ in range(500):
            yield b"word " * 1000  # 2.5 MB in all, sent chunked
        yield b"\r\n--B--\r\n"

    r = client.post("/api/projects", content=body(), headers={**AUTH, "Content-Type": "multipart/form-data; boundary=B"})
    assert r.status_code == 413 and "larger than the limit" in r.json()["error"]


def test_hostile_file_names_are_not_paths(client, workdir, tmp_path):
    text = (DATA / "class_dump.txt").read_bytes()
    names = ["../../escape.txt", "/etc/cron.d/x.txt", "..\\..\\win.txt", "<img src=x onerror=alert(1)>.txt"]
    r = client.post("/api/projects", files=[("files", (n, text)) for n in names], headers=AUTH)
    assert r.status_code == 201
    stored = sorted(p.name for p in workdir.rglob("*.txt"))
    assert stored == ["doc-001.txt", "doc-002.txt", "doc-003.txt", "doc-004.txt"]
    assert not (tmp_path / "escape.txt").exists() and not (workdir.parent / "escape.txt").exists()
    shown = [f["name"] for f in r.json()["files"]]
    assert shown == ["escape.txt", "x.txt", "win.txt", "<img src=x onerror=alert(1)>.txt"]  # shown as text by the page


def test_bad_uploads_get_the_command_lines_reasons_and_the_rest_is_analysed(client):
    files = [("files", ("class_dump.txt", (DATA / "class_dump.txt").read_bytes())),
             ("files", ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)),
             ("files", ("program.exe", b"MZ\x90\x00")),
             ("files", ("broken.csv", b'text,outlet\n"an unclosed quote,Press TV\n')),
             ("files", ("scan.pdf", _scanned_pdf()))]
    state = client.post("/api/projects", files=files, headers=AUTH).json()
    assert state["documents"] == 4
    reasons = {s["file"]: s["reason"] for s in state["skipped"]}
    assert set(reasons) == {"picture.txt", "program.exe", "broken.csv", "scan.pdf"}
    assert "unsupported file type" in reasons["program.exe"]
    assert "no text layer: needs OCR" in reasons["scan.pdf"]
    assert "fix the row or its quoting" in reasons["broken.csv"]
    assert "binary" in reasons["picture.txt"] or "not text" in reasons["picture.txt"]
    assert all("doc-0" not in r for r in reasons.values())


def _scanned_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 300, 300, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


# ----------------------------------------------------------------------------- corrections and choices

def test_fixing_an_outlet_writes_the_command_lines_corrections_file(client, project, tmp_path):
    pid = project["id"]
    third = [a for a in project["articles"] if a["file"] == "class_dump.txt"][2]
    r = client.post(f"/api/projects/{pid}/corrections", headers=AUTH,
                    json={"file": third["stored"], "action": "set", "lines": "11-15", "outlet": "Al Mayadeen"})
    assert r.status_code == 200, r.text
    state = r.json()
    assert [a["outlet"] for a in state["articles"] if a["file"] == "class_dump.txt"] == \
        ["Press TV", "Sputnik", "Al Mayadeen", "Sputnik"]
    fixes = client.get(f"/api/projects/{pid}/corrections.csv", headers=AUTH)
    assert fixes.text.splitlines() == ["file,action,lines,outlet,date,title,author,lang,kind",
                                       "class_dump.txt,set,11-15,Al Mayadeen,,,,,"]
    # The same file works with the command line.
    (tmp_path / "fixes.csv").write_text(fixes.text, encoding="utf-8")
    out = tmp_path / "docs"
    assert main(["analyze", str(DATA / "class_dump.txt"), "--corrections", str(tmp_path / "fixes.csv"),
                 "-o", str(out), "--jobs", "1"]) == 0
    docs = list(csv.DictReader(open(out / "documents.csv", encoding="utf-8")))
    assert [d["outlet"] for d in docs] == ["Press TV", "Sputnik", "Al Mayadeen", "Sputnik"]
    # Undo.
    undone = client.delete(f"/api/projects/{pid}/corrections/1", headers=AUTH).json()
    assert [a["outlet"] for a in undone["articles"] if a["file"] == "class_dump.txt"][2] == "Press TV"


def test_split_and_a_correction_that_does_not_fit(client, project):
    pid = project["id"]
    r = client.post(f"/api/projects/{pid}/corrections", headers=AUTH,
                    json={"file": "class_dump.txt", "action": "set", "lines": "300-310", "outlet": "X"})
    assert r.status_code == 400
    assert "no segment covers lines 300-310 of class_dump.txt" in r.json()["error"]
    assert "doc-0" not in r.json()["error"]
    r = client.post(f"/api/projects/{pid}/corrections", headers=AUTH,
                    json={"file": "class_dump.txt", "action": "merge", "lines": "1-10"})
    assert r.status_code == 200
    assert [a["lines"] for a in r.json()["articles"] if a["file"] == "class_dump.txt"][0] == [1, 10]
    r = client.post(f"/api/projects/{pid}/corrections", headers=AUTH, json={"file": "nosuch.txt", "lines": "1", "outlet": "X"})
    assert r.status_code == 400 and "no uploaded file named" in r.json()["error"]


def test_pdf_outlet_can_be_fixed_too(client, project):
    pdf = [a for a in project["articles"] if a["file"] == "one.pdf"][0]
    lines = f"{pdf['lines'][0]}-{pdf['lines'][1]}"
    r = client.post(f"/api/projects/{project['id']}/corrections", headers=AUTH,
                    json={"file": "one.pdf", "lines": lines, "outlet": "The Cradle"})
    assert r.status_code == 200, r.text
    assert [a["outlet"] for a in r.json()["articles"] if a["file"] == "one.pdf"] == ["The Cradle"]


def test_settings_choose_outlets_and_refuse_unknown_ones(client, project):
    pid = project["id"]
    r = client.put(f"/api/projects/{pid}/settings", headers=AUTH, json={"outlets": ["Sputnik"], "period": "week"})
    assert r.status_code == 200 and r.json()["settings"]["outlets"] == ["Sputnik"]
    z = zipfile.ZipFile(io.BytesIO(client.get(f"/api/projects/{pid}/tables.zip", headers=AUTH).content))
    docs = list(csv.DictReader(io.StringIO(z.read("documents.csv").decode("utf-8"))))
    assert {d["outlet"] for d in docs} == {"Sputnik"} and len(docs) == 2
    bad = client.put(f"/api/projects/{pid}/settings", headers=AUTH, json={"outlets": ["Nobody"]})
    assert bad.status_code == 400 and "no outlet named Nobody" in bad.json()["error"]
    bad = client.put(f"/api/projects/{pid}/settings", headers=AUTH, json={"period": "decade"})
    assert bad.status_code == 400 and "choose one of week, month, quarter, year" in bad.json()["error"]


def test_own_lexicon_is_checked(client, project):
    r = client.post(f"/api/projects/{project['id']}/lexicons", headers=AUTH,
                    files={"file": ("mine.tsv", b"this is not a lexicon\n")})
    assert r.status_code == 400 and r.json()["error"].startswith("mine.tsv")


# ----------------------------------------------------------------------------- framing app (the process)

def test_exposure_warning_only_off_loopback():
    from framing.app.server import exposure_warning

    assert exposure_warning("127.0.0.1") is None and exposure_warning("::1") is None
    assert exposure_warning("localhost") is None and exposure_warning("127.0.0.2") is None
    assert exposure_warning("0.0.0.0").startswith("warning: listening on 0.0.0.0, not only on this computer")
    assert "not only on this computer" in exposure_warning("192.168.1.20")


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_app_serves_then_removes_the_uploads_on_exit(tmp_path, signame):
    import os
    import re
    import signal
    import socket
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "framing", "app", "--no-browser", "--port", str(port),
                             "--token", TOKEN], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"framing app is running: open http://127.0.0.1:{port}/?token={TOKEN}")
        folder = Path(re.search(r"uploads are kept in (\S+)", proc.stdout.readline()).group(1))
        assert folder.is_dir() and folder.parent == tmp_path
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/options", headers=AUTH)
        assert json.loads(urllib.request.urlopen(req, timeout=10).read())["worksheet_kinds"]
        proc.send_signal(getattr(signal, signame))
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill() if proc.poll() is None else None
    assert proc.returncode == 0, err
    assert "the uploaded files were removed" in out
    assert not folder.exists()
    assert "Traceback" not in err


def test_a_dropped_folder_gives_outlets_from_its_sub_folders(client):
    files = [("files", ("corpus/Wire One/a.jsonl", b'{"text": "The regime fell on Monday."}\n')),
             ("files", ("corpus/Wire Two/b.jsonl", b'{"text": "Militants left.", "outlet": "Given Outlet"}\n')),
             ("files", ("corpus/c.jsonl", b'{"text": "Nothing here."}\n'))]
    state = client.post("/api/projects", files=files, headers=AUTH).json()
    assert [(a["file"], a["outlet"]) for a in state["articles"]] == [
        ("a.jsonl", "Wire One"), ("b.jsonl", "Given Outlet"), ("c.jsonl", "(unknown)")]


def test_an_upload_without_files_is_refused_and_makes_no_project(client, workdir):
    r = client.post("/api/projects", data={"other": "x"}, headers=AUTH)
    assert r.status_code == 400 and "no files in the upload" in r.json()["error"]
    assert list(workdir.iterdir()) == []
