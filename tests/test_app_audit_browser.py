"""The app's audit step and worksheet notes in a real browser (Debian's chromium driven by Playwright).

A small upload (kept fast): draw a coding sheet, code it in the page, score it with another coder's
filled sheet, read the score; a 'whose words' worksheet with its note; the step at 400 px.
"""
import csv
import io

from test_app import DATA
from test_app_browser import TOKEN, _wait, browser, server  # noqa: F401 (fixtures)


def test_audit_step_in_the_page(server, browser, tmp_path):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/?token={TOKEN}")
    page.set_input_files("#pick-files", [{"name": "class_dump.txt", "mimeType": "text/plain",
                                          "buffer": (DATA / "class_dump.txt").read_bytes()}])
    page.wait_for_selector("#step-audit:not([hidden])", timeout=60_000)
    assert page.locator("#audit-sheet").is_hidden()

    page.fill("#audit-n", "10")
    page.click("#audit-draw")
    page.wait_for_selector("#audit-sheet:not([hidden])")
    items = page.locator("#audit-items > li")
    assert items.count() == 6  # the six loaded hits of class_dump.txt
    assert "6 hit(s) sampled from 6" in page.locator("#audit-facts").inner_text()
    assert items.first.locator("mark").count() == 1

    # The sheet downloaded as CSV, filled as a second coder would.
    with page.expect_download() as d:
        page.click("#audit-dl-csv")
    rows = list(csv.DictReader(io.StringIO(d.value.path().read_text(encoding="utf-8"))))
    assert len(rows) == 6
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]))
    w.writeheader()
    for r in rows:
        w.writerow({**r, "label": "correct"})
    ben = tmp_path / "ben.csv"
    ben.write_text(out.getvalue(), encoding="utf-8")

    # In the page: all correct except the first item, by keyboard-reachable radio buttons.
    page.fill("#audit-coder", "anna")
    for i in range(6):
        page.check(f"#al-{i}-{'incorrect' if i == 0 else 'correct'}")
    assert page.locator("#audit-done").inner_text() == "6 of 6 labelled"
    page.set_input_files("#audit-files", str(ben))
    page.click("#audit-score")
    page.wait_for_selector("#audit-result:not([hidden])")
    overall = page.locator("#audit-overall").inner_text()
    # item 1 is a tie (anna incorrect, ben correct): 5 decided, all correct
    assert overall.startswith("Precision 100%") and "5 of 5 decided" in overall and "anna, ben" in overall
    assert "krippendorff alpha" in page.locator("#audit-agreement").inner_text()
    assert page.locator("#audit-dis-summary").inner_text() == "Disagreements: 1"
    with page.expect_download() as d:
        page.click("#audit-zip")
    assert d.value.suggested_filename == "audit.zip"

    # A sheet of another sample is refused where the Score button is, and nothing is scored.
    other = tmp_path / "carl.csv"
    other.write_text(ben.read_text(encoding="utf-8").replace(rows[0]["sample_id"], "A0000000000"), encoding="utf-8")
    page.set_input_files("#audit-files", str(other))
    page.click("#audit-score")
    _wait(page, "!document.getElementById('audit-score-message').hidden")
    assert "carl.csv: a sheet of sample A0000000000" in page.locator("#audit-score-message").inner_text()
    assert "5 of 5 decided" in page.locator("#audit-overall").inner_text()  # the last score stays

    # A worksheet of a kind the old app did not know, with the worksheet code's note beside the buttons.
    page.click("#ws-whose-docx")
    _wait(page, "!document.getElementById('ws-message').hidden")
    assert "only 3 of the 8 items asked for qualified" in page.locator("#ws-message").inner_text()
    # and one these articles cannot give, with its reason there, in the page's words
    page.click("#ws-guess-pdf")
    _wait(page, "document.getElementById('ws-message').className === 'error'")
    reason = page.locator("#ws-message").inner_text()
    assert reason.startswith("The 'guess' worksheet needs at least three outlets") and "--" not in reason

    page.set_viewport_size({"width": 400, "height": 800})
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert errors == []
