"""Importing from a real HTTP server on loopback, end to end: pages of several layouts, a
feed, a redirect, a 404, a slow response and non-HTML; duplicates across runs; and the
timeline built from the imported articles, with no event from page furniture."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.ingest.samples import ALL, ARTICLES, BLOG, EXPLAINER, NEWS, PAGES, WIRE, Sample
from tests.ingest.webserver import (
    BLOG_PATH,
    EXPLAINER_PATH,
    GAZETTE_PATH,
    NEWS_PATH,
    WIRE_PATH,
    rss_feed,
)
from timeline.config import Config
from timeline.errors import Diagnostics
from timeline.ingest.content import load_article
from timeline.ingest.fetch import FetchPolicy
from timeline.ingest.importer import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    ImportRequest,
    Listener,
    import_articles,
)

POLICY = FetchPolicy(timeout=0.5, delay=0.0)
PAGE_PATHS = {NEWS_PATH: NEWS, BLOG_PATH: BLOG, WIRE_PATH: WIRE, EXPLAINER_PATH: EXPLAINER}
PAGE_PATHS[GAZETTE_PATH] = next(s for s in ALL if s.file == "local.html")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(root=tmp_path)  # no content folder yet: the import makes it


class Recorder(Listener):
    def __init__(self):
        self.total, self.outcomes = None, []

    def started(self, total):
        self.total = total

    def finished(self, outcome):
        self.outcomes.append(outcome)


def run(config: Config, *arguments, lists=(), feeds=(), listener=None):
    request = ImportRequest(tuple(arguments), tuple(lists), tuple(feeds))
    return import_articles(request, config, policy=POLICY, listener=listener)


def load(config: Config, path: Path):
    return load_article(config.root / path, config, Diagnostics())


def by_location(report) -> dict:
    return {o.location: o for o in report.outcomes}


def check_imported(config: Config, path: Path, sample: Sample, url: str) -> None:
    article = load(config, path)
    for passage in sample.body:
        assert passage in article.text, f"{sample.file}: lost {passage!r}"
    for furniture in sample.furniture:
        assert furniture not in article.text, f"{sample.file}: kept {furniture!r}"
    assert article.title == sample.title
    assert article.authors == sample.authors
    # a page that names no site is cited by its host name
    assert article.source == (sample.source or url.split("/")[2])
    assert article.url == url  # where it was fetched from
    assert article.extra.get("language") == sample.language
    assert article.published == sample.date


def test_pages_redirect_404_slow_and_non_html(sample_site, config):
    urls = [sample_site.url(p) for p in PAGE_PATHS]
    bad = {sample_site.url(p): reason for p, reason in [
        ("/missing", "HTTP 404 Not Found"), ("/slow", "no response within 0.5 s"),
        ("/report.pdf", "not an HTML page (Content-Type: application/pdf)")]}
    recorder = Recorder()
    report = run(config, *urls, sample_site.url("/old/ferry-strike"), *bad, listener=recorder)
    outcomes = by_location(report)
    assert recorder.total == len(urls) + 1 + len(bad)
    for path, sample in PAGE_PATHS.items():
        outcome = outcomes[sample_site.url(path)]
        assert outcome.status == IMPORTED, outcome
        check_imported(config, outcome.path, sample, sample_site.url(path))
    # The redirect ends at the news page, imported a moment before: a duplicate, said so.
    redirected = outcomes[sample_site.url("/old/ferry-strike")]
    assert redirected.status == DUPLICATE
    assert redirected.reason == f"already imported as {outcomes[urls[0]].path}"
    for url, reason in bad.items():
        assert (outcomes[url].status, outcomes[url].reason) == (FAILED, reason)
    assert report.summary() == (
        "Imported 5 articles into content (1 with a warning), 1 duplicate skipped, 3 failed")
    assert not report.ok


def test_file_names_follow_the_date_prefix_convention(sample_site, config):
    report = run(config, *(sample_site.url(p) for p in PAGE_PATHS))
    names = sorted(o.path.name for o in report.outcomes)
    assert names == [
        "2019-03-12-ferry-crews-strike-after-pay-talks-collapse.md",
        "2019-03-12-transport-minister-orders-inquiry-into-port-ellery-ferry.md",
        "2019-03-13-lifeboat-crew-called-out-twice-in-one-night.md",
        "2019-03-14-what-the-ferry-strike-means-for-the-island-schools.md",
        "how-the-estuary-crossing-works.md",  # no date stated: no date in the name either
    ]
    undated = by_location(report)[sample_site.url(EXPLAINER_PATH)]
    assert undated.warnings == ("no publication date found on the page",)
    assert load(config, undated.path).published is None


def test_importing_again_is_a_no_op_that_says_so(sample_site, config):
    urls = [sample_site.url(p) for p in PAGE_PATHS]
    first = run(config, *urls)
    files = {p: p.read_bytes() for p in config.content_path.iterdir()}
    fetched_before = len(sample_site.requests)
    again = run(config, *(u.replace("http://", "HTTP://") + "?utm_medium=email" for u in urls))
    assert [o.status for o in again.outcomes] == [DUPLICATE] * len(urls)
    assert [o.path for o in again.outcomes] == [o.path for o in first.outcomes]
    assert {p: p.read_bytes() for p in config.content_path.iterdir()} == files
    assert len(sample_site.requests) == fetched_before  # known URLs are not even fetched
    assert again.summary() == "Imported 0 articles into content, 5 duplicates skipped, 0 failed"
    assert again.ok


def test_a_feed(sample_site, config):
    report = run(config, feeds=[sample_site.url("/feed.xml")])
    outcomes = by_location(report)
    # The feed lists the news page by a relative link, the blog, the wire story and a 404.
    for path, sample in [(NEWS_PATH, NEWS), (BLOG_PATH, BLOG), (WIRE_PATH, WIRE)]:
        outcome = outcomes[sample_site.url(path)]
        assert outcome.status == IMPORTED
        check_imported(config, outcome.path, sample, sample_site.url(path))
    assert outcomes[sample_site.url("/missing")].status == FAILED
    # Run again: the feed is read, its known articles are not fetched again.
    before = len(sample_site.requests)
    again = run(config, feeds=[sample_site.url("/feed.xml")])
    assert [o.status for o in again.outcomes].count(DUPLICATE) == 3
    assert sample_site.paths()[before:] == ["/feed.xml", "/missing"]


def test_a_feed_dates_a_page_that_states_no_date(sample_site, config):
    sample_site.extra["/council.xml"] = ("application/atom+xml",
                                         rss_feed(sample_site, [EXPLAINER_PATH]))
    report = run(config, feeds=[sample_site.url("/council.xml")])
    outcome = report.outcomes[0]
    assert outcome.status == IMPORTED and outcome.warnings == ()
    assert load(config, outcome.path).published == dt.datetime(2019, 3, 12, 6, tzinfo=dt.UTC)


def test_a_saved_feed_file_and_a_list_of_urls(sample_site, config, tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss_feed(sample_site, [sample_site.url(WIRE_PATH)]))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# to read\n{sample_site.url(BLOG_PATH)}\n\nnot a url\n"
                       f"{sample_site.url(NEWS_PATH)}  # the first report\n")
    report = run(config, lists=[str(listing)], feeds=[str(feed)])
    statuses = {o.location: (o.status, o.reason) for o in report.outcomes}
    assert statuses == {
        f"{listing}:4": (FAILED, "not an http(s) URL: 'not a url'"),
        sample_site.url(BLOG_PATH): (IMPORTED, ""),
        sample_site.url(NEWS_PATH): (IMPORTED, ""),
        sample_site.url(WIRE_PATH): (IMPORTED, ""),
    }


def test_saved_pages_need_no_network(config, tmp_path):
    saved = tmp_path / "saved"
    shutil.copytree(PAGES, saved)
    report = run(config, str(saved / "news.html"), str(saved))  # a file, and a folder of them
    assert report.count(IMPORTED) == len(ALL)
    assert report.count(DUPLICATE) == 0  # news.html named twice is imported once
    news = next(o for o in report.outcomes if o.location.endswith("news.html"))
    check_imported(config, news.path, NEWS, NEWS.url)  # the page's own canonical address
    again = run(config, str(saved))
    assert again.count(DUPLICATE) == len(ALL)


def test_a_page_dated_only_by_todays_clock_gets_no_date(sample_site, config):
    today = dt.datetime.now().astimezone().date()
    sample_site.extra["/weather-desk"] = ("text/html", (
        "<html><head><title>Harbour closed to small boats</title></head><body>"
        f"<div class='date'>{today:%d %B %Y}</div><article><p>The harbour master closed the "
        "harbour to small boats on Monday after gusts of fifty knots were recorded at the "
        "pier head.</p><p>Ferries will keep running unless the wind rises further, the "
        "operator said.</p></article></body></html>").encode())
    outcome = run(config, sample_site.url("/weather-desk")).outcomes[0]
    assert outcome.status == IMPORTED
    assert outcome.path.name == "harbour-closed-to-small-boats.md"
    assert "day of the import" in outcome.warnings[0]
    assert load(config, outcome.path).published is None


def test_the_timeline_of_imported_pages_has_no_event_from_furniture(sample_site, config):
    from timeline.pipeline.build import build_site

    run(config, *(sample_site.url(p) for p in PAGE_PATHS))
    fetched = len(sample_site.requests)
    result = build_site(config)
    assert len(sample_site.requests) == fetched  # nothing is fetched during a build
    assert result.written and not result.diagnostics.errors
    furniture = [f for sample in ALL for f in sample.furniture]
    cited = set()
    for event in result.events:
        for citation in event.citations:
            cited.add(citation.article.title)
            for piece in furniture:
                assert piece not in citation.sentence, (piece, citation.sentence)
    assert cited >= {sample.title for sample in ARTICLES}  # every dated article made events
    pages = [p.read_text() for p in (config.output_path / "sources").glob("*.html")]
    for piece in ["Harbourwatcher", "Dafydd", "Trust Principles", "Chip shop", "cookie policy"]:
        assert not any(piece in page for page in pages)


def test_arguments_that_are_not_pages(config, tmp_path):
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    report = run(config, "http://[::1", "ftp://files.example/a.html", "no-such-file.html",
                 str(empty))
    assert [(o.location, o.status, o.reason) for o in report.outcomes] == [
        ("http://[::1", FAILED, "the URL is malformed"),
        ("ftp://files.example/a.html", FAILED, "only http(s) URLs can be imported"),
        ("no-such-file.html", FAILED, "no such file, and not an http(s) URL"),
        (str(empty), FAILED, "the folder holds no saved pages (.html)"),
    ]
