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
    assert "<script>window.pwned" not in page and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
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


def test_view_in_browser(view, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(view.as_uri())
    assert errors == []
    assert page.evaluate("window.pwned") is None           # injected markup did not run
    marks = page.locator("mark.hit")
    assert marks.count() >= 9
    assert page.locator("#count").inner_text() == "8 of 8 articles shown"
    # tooltip content
    first = page.locator("mark.hit").first
    assert "neutral alternative" in first.locator(".tip").text_content()
    # a filter click changes what is shown
    page.locator("input[data-outlet='North Herald']").uncheck()
    assert page.locator("#count").inner_text() == "6 of 8 articles shown"
    assert page.locator("article[data-outlet='North Herald']").first.is_hidden()
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
