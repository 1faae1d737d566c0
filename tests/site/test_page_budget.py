"""Page weight at 40,000 events: the index under 1 MB, every page under 1.5 MB, every link good.

The collection is made directly (tests/bigcollection.py: events shaped like a news archive's,
with busy days and widely reported events), then goes through the real render path: key dates,
period pages, source pages, exports and the host-ready pass, as the build runs them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bigcollection import make_collection

from timeline.config import Config
from timeline.events.keydates import select_key_dates
from timeline.publish.check import check_site
from timeline.site.exports import write_exports
from timeline.site.pagebudget import ELEMENT_BUDGET, INDEX_BUDGET, PAGE_BUDGET, elements
from timeline.site.periods import plan_pages
from timeline.site.render import render_site, source_list_pages
from timeline.site.seo import finalize_site


def build(out: Path, events: int, **plan_options) -> Path:
    """Render a made-up collection of ``events`` events into ``out`` as the build does."""
    out.mkdir(parents=True)
    collection = make_collection(events)
    config = Config(root=out.parent, title="A large archive")
    key_dates = select_key_dates(collection.events, config)
    plan = plan_pages(collection.events, key_dates, **plan_options)
    pages: dict[str, str] = {}
    render_site(out, config, collection.events, collection.docs, key_dates=key_dates, plan=plan,
                pages=pages)
    write_exports(out, collection.events, config, key_dates, plan)
    finalize_site(out, config, collection.events, collection.articles, pages=pages, plan=plan)
    return out


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("big") / "site", 40_000)


def test_index_and_every_page_within_budget(big_site):
    index = big_site / "index.html"
    assert index.stat().st_size <= INDEX_BUDGET
    heavy = {p.relative_to(big_site).as_posix(): p.stat().st_size
             for p in big_site.rglob("*.html") if p.stat().st_size > PAGE_BUDGET}
    assert heavy == {}
    # the busy year is split by month, and its busiest months into parts
    period_pages = sorted(p.name for p in (big_site / "events").glob("*.html"))
    assert "2010.html" in period_pages and "2010-06.html" in period_pages
    assert any("-part-2" in name for name in period_pages)


def test_pages_stay_light_enough_to_lay_out(big_site):
    largest = max((big_site / "events").glob("*.html"), key=lambda p: p.stat().st_size)
    for page in (big_site / "index.html", largest, big_site / "sources" / "index.html"):
        assert elements(page) <= ELEMENT_BUDGET, page


def test_every_event_is_on_one_period_page_and_every_link_resolves(tmp_path):
    """`timeline check` (links, anchors, the page of every event in events.json, exports) on
    a site cut like the large one, smaller: its pages are made lighter so that its busy year
    is split by month and its busy months into parts too (checking 40,000 events' pages with
    Python's HTML parser would take most of a minute)."""
    site = build(tmp_path / "site", 6_000, page_weight=100_000, index_weight=60_000)
    names = {p.name for p in (site / "events").glob("*.html")}
    assert "2010.html" in names and "2010-06.html" in names
    assert any("-part-2" in name for name in names)
    assert "most important of" in (site / "index.html").read_text(encoding="utf-8")
    assert check_site(site) == []


def test_the_index_shows_key_dates_and_says_how_many(big_site):
    html = (big_site / "index.html").read_text(encoding="utf-8")
    entries = html.count('<li class="entry ')
    assert entries >= 30  # a timeline to read, not one line
    assert "more source" in html  # widely reported sentences list a few and count the rest
    assert re.search(r"(The \d+ most important of )?\d+ key dates are shown here", html)


def test_source_list_pages_are_cut_and_linked():
    sources = [{"n": n} for n in range(2_345)]
    pages = list(source_list_pages(sources, per_page=1_000))
    assert [page for page, _, _ in pages] == [
        "sources/index.html", "sources/page-2.html", "sources/page-3.html"]
    assert [len(chunk) for _, _, chunk in pages] == [1_000, 1_000, 345]
    _, pager, _ = pages[1]
    assert pager == [("1–1000", "index.html", False), ("1001–2000", "page-2.html", True),
                     ("2001–2345", "page-3.html", False)]
    assert list(source_list_pages(sources[:10])) == [("sources/index.html", [], sources[:10])]
