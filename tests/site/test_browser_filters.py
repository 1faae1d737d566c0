"""The reader's filters (theme/static/filters.js) in a real headless chromium.

First on a small hand-written page (the markup contract: data-sources, data-tags, data-status,
data-featured on each event), then on the built example site.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from timeline.site.render import THEME

EVENT = ('<li class="event" id="{id}" data-status="{status}" data-featured="{featured}" '
         "data-key=\"{key}\" data-sources='{sources}' data-tags='{tags}'><p>{text}</p></li>")


def _event(id, status, sources, tags=(), featured=False, key=False):
    return EVENT.format(id=id, status=status, featured="true" if featured else "false",
                        key="true" if key else "false",
                        sources=json.dumps(list(sources)), tags=json.dumps(list(tags)),
                        text=f"event {id}")


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>
<body><main>
<nav aria-label="Jump to year"><ul><li><a href="#y-2003">2003</a></li>
<li><a href="#y-2014">2014</a></li></ul></nav>
<div data-timeline-filters hidden></div>
<div class="timeline" id="timeline">
<section class="year" id="y-2003"><h2>2003</h2><ol class="events">{y2003}</ol></section>
<section class="year" id="y-2014"><h2>2014</h2>
<section class="month" id="m-2014-06"><h3>June 2014</h3><ol class="events">{june}</ol></section>
</section></div></main>
<script src="filters.js"></script></body></html>"""


@pytest.fixture
def filter_page(tmp_path: Path) -> Path:
    shutil.copyfile(THEME / "static" / "filters.js", tmp_path / "filters.js")
    html = PAGE.format(
        y2003=_event("invasion", "reported", ["The Wall Street Journal"], ["background"]),
        june="".join([
            _event("call", "reported", ["The Wall Street Journal", "Blog reprint"], ["diplomacy"],
                   key=True),
            _event("vienna", "expected", ["The Wall Street Journal"], ["diplomacy", "nuclear"],
                   featured=True, key=True),
            _event("photos", "reported", ["Blog reprint"]),
        ]),
    )
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-status]", "els => els.filter(e => !e.hidden)"
                                     ".map(e => e.id)")


def test_without_javascript_every_event_shows_and_there_is_no_form(browser, filter_page):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(filter_page.as_uri())
    assert page.locator("form.filters").count() == 0
    assert page.locator("[data-status]").count() == 4
    assert all(page.locator(f"#{i}").is_visible() for i in ("invasion", "call", "vienna"))
    context.close()


def test_filter_by_source(page, filter_page):
    page.goto(filter_page.as_uri())
    page.select_option("#filter-source", "Blog reprint")
    assert visible_ids(page) == ["call", "photos"]
    assert not page.locator("#y-2003").is_visible()  # no event left in 2003: heading goes too
    assert not page.locator("a[href='#y-2003']").is_visible()  # and its jump link
    assert page.locator("a[href='#y-2014']").is_visible()
    assert page.locator(".filters__count").inner_text() == "Showing 2 of 4 events."


def test_filter_by_tag_status_and_featured(page, filter_page):
    page.goto(filter_page.as_uri())
    page.select_option("#filter-tag", "diplomacy")
    assert visible_ids(page) == ["call", "vienna"]
    page.select_option("#filter-status", "expected")
    assert visible_ids(page) == ["vienna"]
    page.select_option("#filter-tag", "")
    page.select_option("#filter-status", "reported")
    assert visible_ids(page) == ["invasion", "call", "photos"]
    page.select_option("#filter-status", "")
    page.check("#filter-featured")
    assert visible_ids(page) == ["vienna"]
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('[data-status]:not([hidden])').length == 4")
    assert page.locator(".filters__count").inner_text() == "Showing all 4 events."


def test_filters_work_from_the_keyboard(page, filter_page):
    page.goto(filter_page.as_uri())
    page.focus("#filter-source")
    page.keyboard.press("Tab")  # source -> tag
    assert page.evaluate("document.activeElement.id") == "filter-tag"
    page.keyboard.press("Tab")  # tag -> status
    page.keyboard.press("Tab")  # status -> featured checkbox
    assert page.evaluate("document.activeElement.id") == "filter-featured"
    page.keyboard.press("Space")
    assert visible_ids(page) == ["vienna"]
    labels = page.eval_on_selector_all(
        "form.filters select, form.filters input",
        "els => els.map(e => document.querySelector(`label[for=${e.id}]`).textContent)")
    assert labels == ["Source", "Tag", "Status", "Featured only", "Key events only"]


def test_key_events_only(page, filter_page):
    page.goto(filter_page.as_uri() + "?key=1")
    assert page.is_checked("#filter-key")
    assert visible_ids(page) == ["call", "vienna"]
    assert not page.locator("#y-2003").is_visible()  # no key event in 2003
    page.uncheck("#filter-key")
    assert visible_ids(page) == ["invasion", "call", "vienna", "photos"]
    assert "key=1" not in page.url


def test_no_key_field_when_every_event_is_key(page, tmp_path):
    shutil.copyfile(THEME / "static" / "filters.js", tmp_path / "filters.js")
    html = PAGE.format(y2003=_event("a", "reported", ["X"], key=True),
                       june=_event("b", "reported", ["Y"], key=True))
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    page.goto((tmp_path / "index.html").as_uri())
    assert page.locator("form.filters").count() == 1
    assert page.locator("#filter-key").count() == 0


def test_choice_is_kept_in_the_url(page, filter_page):
    page.goto(filter_page.as_uri() + "?status=expected")
    assert page.input_value("#filter-status") == "expected"
    assert visible_ids(page) == ["vienna"]
    page.select_option("#filter-status", "reported")
    assert "status=reported" in page.url


def test_built_site_events_carry_the_filter_data(page, built_site):
    index = built_site.output / "index.html"
    page.goto(index.as_uri())
    events = page.locator("#timeline [data-status]")
    assert events.count() > 0
    assert page.locator("form.filters").count() == 1
    sources = page.eval_on_selector_all(
        "#timeline [data-status]", "els => els.map(e => JSON.parse(e.dataset.sources))")
    assert any(len(s) == 2 for s in sources)  # merged events name both publishers
    # the filters are folded into one control; opened, they narrow the page, and the control
    # says so once folded again
    assert not page.is_visible("#filter-status")
    page.click(".filters-fold > summary")
    page.select_option("#filter-status", "expected")
    shown = page.eval_on_selector_all(
        "#timeline [data-status]", "els => els.filter(e => !e.hidden).map(e => e.dataset.status)")
    assert shown and set(shown) == {"expected"}
    page.click(".filters-fold > summary")
    assert page.inner_text(".filters-fold > summary") == f"Filters · {len(shown)} of {len(sources)}"
    # a link with the filter in it opens the fold
    page.goto(page.url)
    assert page.is_visible("#filter-status")


def test_filters_on_a_period_page_and_on_the_index_of_the_built_site(page, built_site):
    period = built_site.output / "events" / "2014.html"
    page.goto(period.as_uri())
    total = page.locator("#timeline [data-status]").count()
    key = page.locator("#timeline [data-key=true]").count()
    assert 0 < key < total  # this year has key events and others
    page.click(".filters-fold > summary")
    page.check("#filter-key")
    assert page.locator("#timeline [data-status]:not([hidden])").count() == key
    assert page.locator(".filters__count").inner_text() == f"Showing {key} of {total} events."
    # on the index a source filter hides the key dates it empties, with their links
    page.goto((built_site.output / "index.html").as_uri())
    page.click(".filters-fold > summary")
    page.select_option("#filter-source", "Blog reprint of The Wall Street Journal")
    hidden = page.eval_on_selector_all(
        "#timeline section.key-date", "els => els.filter(e => e.hidden).length")
    assert hidden > 0
    shown = page.eval_on_selector_all(
        "#timeline [data-status]:not([hidden])", "els => els.map(e => e.dataset.sources)")
    assert shown and all("Blog reprint" in s for s in shown)
