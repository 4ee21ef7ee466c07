"""The HTML view in a real headless browser (Debian's chromium driven by Playwright)."""
import json
import shutil

import pytest

from framing.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def view(tmp_path_factory, data_dir=None):
    from pathlib import Path
    data = Path(__file__).parent / "data"
    tmp = tmp_path_factory.mktemp("html")
    corpus = tmp / "corpus.jsonl"
    lines = (data / "mini_corpus.jsonl").read_text(encoding="utf-8").splitlines()
    lines.append(json.dumps({"id": "evil", "outlet": "Wire", "date": "2021-03-03", "title": "<script>window.pwned=1</script>",
                             "text": "The regime <script>window.pwned=1</script> <img src=x onerror=\"window.pwned=2\">"}))
    lines.append(json.dumps({"id": "ar1", "outlet": "Sada", "date": "2021-03-04", "title": "خبر",
                             "text": "قالت قوات الاحتلال إن الهجوم وقع صباحا."}, ensure_ascii=False))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp / "view.html"
    assert main(["html", str(corpus), "--lexicons", "none", "--lexicon", str(data / "mini_lexicon.tsv"),
                 "-o", str(out)]) == 0
    return out


def test_corpus_text_is_escaped(view):
    page = view.read_text(encoding="utf-8")
    # the corpus is embedded as JSON in which no '<' is left: it cannot close its block or open a tag
    assert "<script>window.pwned" not in page and "\\u003cscript>window.pwned=1\\u003c/script>" in page
    assert "<img src=x" not in page
    assert "Content-Security-Policy" in page and "http://" not in page and "https://" not in page


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, view, width=1200, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(view.as_uri())
    _until(page, "window.__framingReady === true")
    return page, errors


def _until(page, expression, timeout=10.0):
    """Poll ``expression`` (wait_for_function evaluates strings, which the view's CSP forbids)."""
    import time
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < end, f"timed out waiting for {expression}"
        time.sleep(0.05)


def test_view_in_browser(view, browser, tmp_path):
    page, errors = _open(browser, view)
    assert errors == []
    assert page.evaluate("window.pwned") is None           # injected markup did not run
    assert "<script>window.pwned=1</script>" in page.locator("article#doc-evil h2").inner_text()
    marks = page.locator("mark.hit")
    assert marks.count() >= 9
    assert page.locator("#count").inner_text() == "8 of 8 articles shown"
    # tooltip content
    page.locator("mark.hit").first.hover()
    assert page.locator("#tip").is_visible() and "neutral alternative" in page.locator("#tip").inner_text()
    # a filter click changes what is shown, and the chart follows it
    assert page.locator("#chart-outlets rect.bar").count() == 4
    page.locator("input[data-outlet]").nth(0).uncheck()   # outlets in sorted order: the first is North Herald
    assert page.locator("#count").inner_text() == "6 of 8 articles shown"
    assert page.locator("article[data-outlet='North Herald']").count() == 0
    assert page.locator("#chart-outlets rect.bar").count() == 3
    page.locator("input[data-category='state_label']").uncheck()
    assert page.locator("mark.hit.off[data-category='state_label']").count() >= 1
    # right-to-left layout for Arabic
    assert page.locator("article[lang='ar']").get_attribute("dir") == "rtl"
    shot = tmp_path / "view.png"
    page.screenshot(path=str(shot), full_page=False)
    import numpy as np
    from PIL import Image
    img = np.asarray(Image.open(shot).convert("L"), dtype=float)
    assert img.std() > 10


def test_only_none_all_search_and_concordance(view, browser):
    page, errors = _open(browser, view)
    page.locator("button[data-only='1']").click(force=True)   # only the second outlet (Sada)
    assert page.locator("#count").inner_text() == "1 of 8 articles shown"
    assert page.locator("#chart-outlets rect.bar").count() == 1
    page.locator("button[data-bulk='none']").click()
    assert page.locator("#count").inner_text() == "0 of 8 articles shown"
    page.locator("button[data-bulk='all']").click()
    assert page.locator("#count").inner_text() == "8 of 8 articles shown"
    page.locator("#q").fill("pwned")
    _until(page, "document.getElementById('count').textContent.startsWith('1 of')")
    page.locator("#q").fill("")
    _until(page, "document.getElementById('count').textContent.startsWith('8 of')")
    # a click on a term lists every use of its entry across the corpus
    term = page.locator("mark.hit[data-category='state_label']").first
    term.click()
    conc = page.locator("#conc")
    assert conc.is_visible()
    want = page.evaluate("""() => { const D = JSON.parse(document.getElementById('data').textContent);
        const m = document.querySelector("mark.hit[data-category='state_label']");
        const e = D.docs[+m.dataset.d][9][+m.dataset.k + 2]; let n = 0;
        D.docs.forEach(d => { for (let k = 0; k < d[9].length; k += 7) if (d[9][k + 2] === e) n++; }); return n; }""")
    assert want >= 2 and conc.locator(".line").count() == want
    assert f": {want} use(s)" in conc.locator("h2").inner_text()
    assert errors == []


def test_tooltips_stay_inside_the_window_and_narrow_layout(view, browser):
    page, errors = _open(browser, view, width=400, height=700)
    # nothing wider than the window at 400 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    for i in range(page.locator("mark.hit").count()):
        m = page.locator("mark.hit").nth(i)
        m.scroll_into_view_if_needed()
        m.hover()
        box = page.locator("#tip").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 400, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= 700, box
    assert errors == []
