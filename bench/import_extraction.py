"""How well `timeline import` separates articles from page furniture, and dates them.

Runs on the saved sample pages of the import tests (tests/ingest/pages: a news site, a blog, a
wire service, an old table-layout local paper, an undated council page), whose article text
and furniture were written down by hand (tests/ingest/samples.py), and on three small pages
made here for the date cases. Prints:

1. text: for trafilatura alone and for timeline's extraction (which prepares the page and
   cleans the result), in each of trafilatura's modes: article passages kept, furniture
   passages leaked;
2. dates: what timeline takes, against htmldate as trafilatura calls it by default
   (extensive search) and htmldate on the markup only;
3. time per page (noisy on a shared machine);
4. a whole import of 200 pages from a loopback server (fetch, extract, write; no delay), and
   the duplicate scan of a content folder of 10,000 articles.

    PYTHONPATH=. python3 bench/import_extraction.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402
from htmldate import find_date  # noqa: E402

from tests.ingest.samples import ALL  # noqa: E402
from timeline.ingest.webpage import ExtractError, extract_article  # noqa: E402

NOW = dt.datetime.now(dt.UTC)
TODAY = NOW.astimezone().date()
TEXT = ("<p>The harbour board met on Monday and agreed to dredge the channel before the summer,"
        " the chairman said after the meeting on the quay.</p><p>Work will take six weeks and "
        "the ferry will run a reduced timetable while it lasts, the operator said.</p>")
DATE_PAGES = {
    # what a reader sees as the date -> expected publication date
    "today's 'last updated' stamp": (
        f"<html><head><title>Dredging</title></head><body><div class='date'>Last updated "
        f"{TODAY:%d %B %Y}</div><article>{TEXT}</article></body></html>", None),
    "copyright year only": (
        f"<html><head><title>Dredging</title></head><body><article>{TEXT}</article>"
        f"<footer>&copy; {TODAY.year} Harbour Board</footer></body></html>", None),
    "dates only in the text": (
        "<html><head><title>Dredging</title></head><body><article><p>The channel was last "
        "dredged on June 10, 2009, and again on 3 March 2015, the board said.</p>"
        f"{TEXT}</article></body></html>", None),
}


def baseline_text(page: bytes, mode: str) -> str:
    document = trafilatura.bare_extraction(
        page, include_comments=False, include_tables=False,
        favor_precision=mode == "precision", favor_recall=mode == "recall")
    return document.text if document is not None and document.text else ""


def timeline_text(page: bytes, mode: str) -> str:
    try:
        return extract_article(page, None, now=NOW, favor=mode).text
    except ExtractError:
        return ""


def text_table() -> None:
    print("1. Article text: passages kept / furniture leaked (hand-written, per page)")
    pages = ALL
    header = f"{'extractor':<34}" + "".join(f"{s.file:>14}" for s in pages) + f"{'total':>14}"
    print(header)
    for name, extract in (("trafilatura alone", baseline_text), ("timeline", timeline_text)):
        for mode in ("balanced", "precision", "recall"):
            cells, kept_all, leaked_all, body_all, furn_all = [], 0, 0, 0, 0
            for sample in pages:
                text = extract(sample.path.read_bytes(), mode)
                kept = sum(p in text for p in sample.body)
                leaked = sum(f in text for f in sample.furniture)
                cells.append(f"{kept}/{len(sample.body)} {leaked:>2}/{len(sample.furniture)}")
                kept_all, leaked_all = kept_all + kept, leaked_all + leaked
                body_all, furn_all = body_all + len(sample.body), furn_all + len(sample.furniture)
            label = f"{name}, {mode}"
            total = f"{kept_all}/{body_all} {leaked_all}/{furn_all}"
            print(f"{label:<34}" + "".join(f"{c:>14}" for c in cells) + f"{total:>14}")
    print("   (each cell: article passages kept/all, furniture passages leaked/all)\n")


def show(value) -> str:
    return "none" if value is None else str(value)


def date_table() -> None:
    import lxml.html

    print(f"2. Publication dates (import day {TODAY})")
    print(f"{'page':<30}{'expected':>27}{'timeline':>27}{'htmldate default':>26}"
          f"{'htmldate markup':>18}")
    cases = [(s.file, s.path.read_bytes(), s.date) for s in ALL]
    cases += [(name, html.encode(), date) for name, (html, date) in DATE_PAGES.items()]
    right = 0
    for name, page, expected in cases:
        ours = extract_article(page, None, now=NOW).published
        tree = lxml.html.document_fromstring(page)
        wide = find_date(tree, extensive_search=True, original_date=True,
                         outputformat="%Y-%m-%dT%H:%M:%S%z")
        narrow = find_date(tree, extensive_search=False, original_date=True)
        right += ours == expected
        print(f"{name:<30}{show(expected):>27}{show(ours):>27}{show(wide):>26}{show(narrow):>18}")
    print(f"   timeline right on {right} of {len(cases)} pages (date, time and zone)\n")


def speed() -> None:
    print("3. Time per page, timeline extraction (median of 5; noisy on a shared machine)")
    for sample in ALL:
        page = sample.path.read_bytes()
        runs = []
        for _ in range(5):
            began = time.perf_counter()
            extract_article(page, None, now=NOW)
            runs.append(time.perf_counter() - began)
        median = statistics.median(runs) * 1000
        print(f"   {sample.file:<16}{len(page) / 1024:6.1f} KB {median:7.1f} ms")


def whole_import(count: int = 200, existing: int = 10_000) -> None:
    import tempfile

    from tests.ingest.webserver import NEWS_PATH, start_site, stop_site
    from timeline.config import Config
    from timeline.ingest.fetch import FetchPolicy
    from timeline.ingest.importer import ImportRequest, import_articles
    from timeline.ingest.write import ExistingArticles

    print(f"4. A whole import of {count} pages from a loopback server (no delay between them)")
    running = start_site()
    try:
        urls = tuple(running[0].url(f"{NEWS_PATH}?page={n}") for n in range(count))
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            report = import_articles(ImportRequest(urls), Config(root=Path(folder)),
                                     policy=FetchPolicy(delay=0))
            seconds = time.perf_counter() - began
    finally:
        stop_site(*running)
    print(f"   {report.summary()}: {seconds:.1f} s, {count / seconds:.1f} pages/s")
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        content.mkdir()
        for n in range(existing):
            (content / f"2019-03-12-story-{n}.md").write_text(
                f"---\ntitle: Story {n}\nurl: https://news.example/{n}\n---\n" + "Text. " * 500)
        began = time.perf_counter()
        ExistingArticles.scan(Config(root=Path(folder)))
        print(f"   finding duplicates among {existing:,} articles: "
              f"{time.perf_counter() - began:.1f} s per run")


if __name__ == "__main__":
    text_table()
    date_table()
    speed()
    whole_import()
