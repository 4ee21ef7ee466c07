"""Benchmark the HTML view in a real browser: file size, time to open, time per filter click.

    python benchmarks/bench_html.py [INPUT ...] [--store FILE] [--runs 10] [--keep FILE.html]

Writes the view of INPUT (default: the AllSides sample at ../shared/data/allsides-sample, 3,633
articles of 12 outlets) with ``framing html``, opens it in Debian's chromium driven by Playwright
(``/usr/bin/chromium``, headless, 1200x900 window) and prints:

- size of the file (MB);
- open: from the start of navigation until the page's script has drawn the first articles and
  the charts (``window.__framingReadyAt``), median of ``--runs`` fresh page loads;
- filter: one click on an outlet's checkbox until the articles, charts and counts are redrawn:
  the page's script time (``window.__framingLastApplyMs``), the time until the next frame is
  drawn (``__framingLastPaintMs``, the user's wait) and the round trip seen from Python (which adds
  Playwright's own click machinery); medians over ``--runs`` clicks alternating off/on, and the
  same for 'only' and for a search.

Targets (issue 18): open < 2 s and filter < 200 ms on the AllSides sample.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "allsides-sample" / "articles.jsonl.gz"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _until(page, expression, timeout=60.0):
    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {expression}")
        time.sleep(0.01)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", help="files or folders (default: the AllSides sample)")
    ap.add_argument("--store", help="a framing store to read instead of (or to cache) the input")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--keep", help="keep the view at this path")
    args = ap.parse_args(argv)
    inputs = args.inputs or ([] if args.store and Path(args.store).exists() else [str(DEFAULT)])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep or Path(tmp) / "view.html")
        cmd = [sys.executable, "-m", "framing", "html", *inputs, "-o", str(out)]
        if args.store:
            cmd += ["--store", args.store]
        t = time.perf_counter()
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
            raise SystemExit("bench_html: framing html failed (its message is above)")
        write_s = time.perf_counter() - t
        size = out.stat().st_size / 1e6
        print(f"view: {out.name}, {size:.1f} MB, written in {write_s:.1f} s (framing html, including analysis)")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            opens = []
            for _ in range(max(1, args.runs // 2)):
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                page.goto(out.as_uri(), wait_until="commit")
                _until(page, "window.__framingReady === true")
                opens.append(page.evaluate("window.__framingReadyAt"))
                page.close()
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(out.as_uri())
            _until(page, "window.__framingReady === true")
            n_articles = page.locator("#count").inner_text()

            def timed(action):
                inner, painted, outer = [], [], []
                for i in range(args.runs):
                    t = time.perf_counter()
                    action(i)
                    _until(page, "window.__framingPainted === true")
                    outer.append(1000 * (time.perf_counter() - t))
                    inner.append(page.evaluate("window.__framingLastApplyMs"))
                    painted.append(page.evaluate("window.__framingLastPaintMs"))
                return statistics.median(inner), statistics.median(painted), statistics.median(outer)

            box = page.locator("input[data-outlet]").nth(0)
            click = timed(lambda i: box.click())
            only = timed(lambda i: page.locator(f"button[data-only='{i % 3}']").click(force=True))
            page.locator("button[data-bulk='all']").click()

            def search(i):
                page.locator("#q").fill(["president", "war", ""][i % 3])
                time.sleep(0.2)  # the box waits 120 ms after typing before it filters

            found = timed(search)
            browser.close()
        print(f"articles: {n_articles}")
        print(f"open: median {statistics.median(opens):.0f} ms (runs: {', '.join(f'{x:.0f}' for x in opens)})")
        for name, r in (("filter (outlet checkbox)", click), ("filter (only one outlet)", only), ("search", found)):
            print(f"{name}: {r[0]:.0f} ms of script, {r[1]:.0f} ms until the next frame is drawn, {r[2]:.0f} ms "
                  f"round trip through Playwright (medians)" + ("; the box waits 120 ms after typing" if name == "search" else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
