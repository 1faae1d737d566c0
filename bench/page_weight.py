"""Page weight of a built site, and how long chromium takes to show its heaviest pages.

    python3 bench/page_weight.py SITE [--browser]

Prints the index's size, the largest period page, source page and sources-list page, the page
counts, the elements on the heaviest pages and, with --browser, the time headless chromium
takes to load them from file:// (DOMContentLoaded and load, median of 3; the filters' script
runs before DOMContentLoaded ends). The budget of issue 17: index <= 1 MB, every page <= 1.5 MB.
Timings on a shared machine are noisy; compare runs made on the same machine.

A large site to measure: build one from the dev collections
(``python3 ../shared/tools/tls/t17_to_content.py /tmp/big/content ../shared/data/tls-dev/bpoil_*``,
a timeline.toml with a title, ``timeline build``), or see tests/site/test_page_budget.py for a
made-up collection of 40,000 events.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from timeline.site.pagebudget import INDEX_BUDGET, PAGE_BUDGET, elements

CHROMIUM = "/usr/bin/chromium"


def heaviest(pages: list[Path]) -> Path | None:
    return max(pages, key=lambda p: p.stat().st_size, default=None)


def load_times(pages: list[Path], runs: int = 3) -> dict[Path, tuple[float, float]]:
    """Median DOMContentLoaded and load times (ms) of each page in headless chromium."""
    from playwright.sync_api import sync_playwright

    times: dict[Path, tuple[float, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        for page_path in pages:
            ready, loaded = [], []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                tab = context.new_page()
                tab.goto(page_path.as_uri(), wait_until="load")
                timing = tab.evaluate("""() => {
                    const t = performance.getEntriesByType('navigation')[0];
                    return [t.domContentLoadedEventEnd, t.loadEventEnd];
                }""")
                ready.append(timing[0])
                loaded.append(timing[1])
                context.close()
            times[page_path] = (statistics.median(ready), statistics.median(loaded))
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--browser", action="store_true", help="time the heaviest pages")
    args = parser.parse_args(argv)
    site: Path = args.site
    index = site / "index.html"
    periods = sorted((site / "events").glob("*.html"))
    lists = sorted((site / "sources").glob("index.html")) + sorted(
        (site / "sources").glob("page-*.html"))
    sources = [p for p in (site / "sources").glob("*.html") if p not in lists]
    every = list(site.rglob("*.html"))
    print(f"site: {site}")
    print(f"pages: {len(every)} ({len(periods)} period pages, {len(sources)} source pages, "
          f"{len(lists)} sources-list pages)")
    rows = [("index", index), ("largest period page", heaviest(periods)),
            ("largest sources-list page", heaviest(lists)),
            ("largest source page", heaviest(sources))]
    for label, page in rows:
        if page is None:
            continue
        print(f"{label:28} {page.stat().st_size / 1000:9.1f} kB  {elements(page):6} elements"
              f"  {page.relative_to(site)}")
    total = sum(p.stat().st_size for p in every)
    print(f"{'all pages':28} {total / 1e6:9.1f} MB")
    over = [p for p in every if p.stat().st_size > PAGE_BUDGET]
    print(f"index <= 1 MB: {'yes' if index.stat().st_size <= INDEX_BUDGET else 'NO'}; "
          f"pages over 1.5 MB: {len(over)}")
    if args.browser:
        timed = [page for _, page in rows[:2] if page is not None]
        for page, (ready, loaded) in load_times(timed).items():
            print(f"chromium {page.relative_to(site)}: DOMContentLoaded {ready:.0f} ms, "
                  f"load {loaded:.0f} ms (median of 3)")
    return 1 if over or index.stat().st_size > INDEX_BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
