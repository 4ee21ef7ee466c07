"""The web app in a real browser (Debian's chromium driven by Playwright): a teacher's journey.

Upload the shared pasted dumps and a PDF, fix the PDF's outlet in the page, download the report
and a worksheet with its key, and read them back; the page at 400 px, by keyboard, with a hostile
file name.
"""
import io
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from framing.app.server import create_app

from test_app import make_pdf

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "browser-token-0123456789"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(tmp_path_factory.mktemp("app"), token=TOKEN, port=port)
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _wait(page, script: str, timeout: float = 60.0):
    """Poll a JS expression (the page's CSP forbids the string evaluation wait_for_function uses)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = page.evaluate(script)
        if value:
            return value
        page.wait_for_timeout(200)
    raise AssertionError(f"timed out waiting for {script}")


def _pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_teacher_journey(server, browser, shared_dir, tmp_path):
    dumps = sorted((shared_dir / "corpus").glob("*.txt"))
    pdf = make_pdf(tmp_path / "lesson.pdf", "Convoy stopped at the border",
                   ["Militants stopped the aid convoy at the crossing on Monday.",
                    "The regime closed the second road to the valley for a week."])
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/?token={TOKEN}")
    assert "token" not in page.url  # taken out of the address bar
    # By keyboard: the skip link, then the file picker.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pick-files"

    hostile = {"name": "<img src=x onerror=window.pwned=1>.txt", "mimeType": "text/plain",
               "buffer": b"Short Note\nPress TV - 01.02.2021\nA short note without loaded words at all.\n"}
    as_payload = [{"name": p.name, "mimeType": "application/octet-stream", "buffer": p.read_bytes()} for p in dumps + [pdf]]
    page.set_input_files("#pick-files", as_payload + [hostile])
    page.wait_for_selector("#step-results:not([hidden])", timeout=90_000)
    assert page.evaluate("window.pwned") is None
    assert "<img src=x onerror=window.pwned=1>.txt" in page.locator("#file-list").inner_text()
    count = int(page.locator("#articles-caption").inner_text().split()[0])
    assert count >= 30  # the two shared dumps hold dozens of articles
    # Arabic titles are laid out right to left.
    assert _wait(page, "Array.from(document.querySelectorAll('#articles input[dir=auto]')).some("
                       "i => /[\\u0600-\\u06FF]/.test(i.value) && getComputedStyle(i).direction === 'rtl')")

    # Fix the PDF's outlet.
    row = page.locator("#articles tbody tr", has_text="lesson.pdf")
    assert row.locator("input[type=text]").first.input_value() == "(unknown)"
    row.locator("input[type=text]").first.fill("Teacher Outlet")
    row.get_by_role("button", name="Save").click()
    _wait(page, "document.querySelectorAll('#corrections li').length === 1 && "
                "document.getElementById('progress-box').hidden")
    row = page.locator("#articles tbody tr", has_text="lesson.pdf")
    assert row.locator("input[type=text]").first.input_value() == "Teacher Outlet"
    assert "Teacher Outlet" in page.locator("#outlets").inner_text()

    # Choose two outlets (which also keeps the report quick).
    boxes = page.locator("#outlet-boxes label")
    for i in range(boxes.count()):
        label = boxes.nth(i)
        label.locator("input").set_checked(any(n in label.inner_text() for n in ("Teacher Outlet", "Sputnik")))
    page.get_by_role("button", name="Apply").click()
    _wait(page, "document.getElementById('progress-box').hidden")
    assert page.locator("#outlets tbody tr").count() == len(boxes.all())  # the table lists all; the report the chosen

    # The report, with the corrected outlet in it.
    with page.expect_download(timeout=120_000) as d:
        page.click("#dl-report")
    report = tmp_path / "report.pdf"
    d.value.save_as(report)
    pages, text = _pdf_text(report)
    assert pages >= 5
    assert "Summary of findings" in text and "The corpus" in text and "Teacher Outlet" in text
    assert "Sputnik" in text and "Press TV" not in text  # the outlets chosen, and only those

    # A worksheet and its key.
    with page.expect_download() as d:
        page.click("#ws-spot-pdf")
    student = tmp_path / "spot.pdf"
    d.value.save_as(student)
    with page.expect_download() as d:
        page.click("#ws-spot-pdf-key")
    key = tmp_path / "spot-key.pdf"
    d.value.save_as(key)
    s_pages, s_text = _pdf_text(student)
    k_pages, k_text = _pdf_text(key)
    assert s_pages >= 1 and "Spot the loaded words" in s_text
    assert "Spot the loaded words" in k_text and k_text != s_text

    # A worksheet these two outlets cannot give says why, in the page, and nothing is saved.
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.click("#ws-guess-pdf")
    _wait(page, "!document.getElementById('error').hidden")
    reason = page.locator("#error").inner_text()  # the worksheet code's own reason (its words may change)
    assert "guess" in reason and "outlets" in reason
    assert downloads == []

    # Readable at 400 px: nothing wider than the window.
    page.set_viewport_size({"width": 400, "height": 800})
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert errors == []
