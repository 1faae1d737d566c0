"""The built site in a real headless chromium: from file:// and over HTTP under a sub-path."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from handmade import build_handmade_site


@pytest.fixture
def http_root(tmp_path: Path):
    """Serve ``tmp_path/www`` on loopback; yields (folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def event_texts(page) -> list[str]:
    """The sentences on a timeline page: the index's entries, or a period page's events."""
    return page.eval_on_selector_all("#timeline .entry__text, #timeline .event .event__quote",
                                     "els => els.map(e => e.textContent)")


def test_example_timeline_from_file_url(page, built_site):
    page.goto((built_site.output / "index.html").as_uri())
    texts = event_texts(page)
    assert any("Hoshyar Zebari" in t for t in texts)
    assert any("Lindsey Graham" in t for t in texts)
    assert len(texts) == len(built_site.events)  # two articles: the index shows every event
    # styles loaded from file:// (the timeline rail is drawn by the stylesheet)
    rail = page.eval_on_selector(".key-date", "e => getComputedStyle(e, '::before').width")
    assert rail == "2px"
    # a key date leads to its period page, where the same date's events are
    with page.expect_navigation():
        page.click("#timeline .key-date__more a >> nth=0")
    assert "/events/" in page.url
    assert page.eval_on_selector(":target", "e => e.classList.contains('event')")
    rail = page.eval_on_selector(".events", "e => getComputedStyle(e, '::before').width")
    assert rail == "2px"


def test_example_timeline_over_http_under_a_sub_path(page, built_site, http_root):
    root, base = http_root
    built_site.output.rename(root / "iraq")
    page.goto(f"{base}/iraq/index.html")
    assert any("will convene starting Monday" in t for t in event_texts(page))
    # a citation leads to the sentence on its source page, under the same sub-path
    page.click("#timeline .entry__sources a >> nth=0")
    page.wait_for_load_state()
    assert page.url.startswith(f"{base}/iraq/sources/")
    assert page.eval_on_selector(":target", "e => e.classList.contains('tx-link')")


def test_keyboard_focus_on_an_expression_shows_its_date(page, tmp_path):
    site = build_handmade_site(tmp_path)
    page.goto((site / "sources/story.html").as_uri())
    focused = None
    for _ in range(40):  # Tab through the page until a highlighted expression has focus
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        if "tx-link" in focused:
            break
    assert "tx-link" in focused
    tip = page.evaluate("""() => {
        const tip = document.activeElement.querySelector('.tx-tip');
        const style = getComputedStyle(tip);
        return {text: tip.textContent, visibility: style.visibility};
    }""")
    assert tip == {"text": "14 June 2014, from the article of 15 June 2014",
                   "visibility": "visible"}
    # ...and Enter follows it to the event on the timeline
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("/")[-2:][0] == "events"  # the event's period page
    assert page.url.split("/")[-1].startswith("2014.html#")
    assert "on Saturday" in page.eval_on_selector(":target", "e => e.textContent")


def test_skip_link_is_first_and_moves_focus_to_main(page, tmp_path):
    site = build_handmade_site(tmp_path)
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_no_script_from_article_text_runs(page, tmp_path):
    site = build_handmade_site(tmp_path)
    page.add_init_script("window.__alerts = []; window.alert = m => window.__alerts.push(m);")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for name in ("index.html", "sources/story.html", "sources/index.html"):
        page.goto((site / name).as_uri())
        assert page.evaluate("window.__alerts") == []
    assert dialogs == []


def body_style(browser, url: str, **context) -> dict:
    ctx = browser.new_context(**context)
    try:
        tab = ctx.new_page()
        tab.goto(url)
        return tab.evaluate("""() => ({
            background: getComputedStyle(document.body).backgroundColor,
            headerDisplay: getComputedStyle(document.querySelector('.site-header')).display,
            dateColumn: getComputedStyle(
                document.querySelector('.event__date, .key-date__when')).gridColumnStart,
            overflow: document.documentElement.scrollWidth > window.innerWidth,
        })""")
    finally:
        ctx.close()


@pytest.mark.parametrize("page_path", ["index.html", "events/2014.html"])
def test_dark_mode_mobile_layout_and_print(browser, tmp_path, page_path):
    url = (build_handmade_site(tmp_path) / page_path).as_uri()
    light = body_style(browser, url, color_scheme="light")
    dark = body_style(browser, url, color_scheme="dark")
    assert light["background"] != dark["background"]
    # on a phone the date sits above the text, in the text column, and nothing scrolls sideways
    phone = body_style(browser, url, viewport={"width": 375, "height": 700})
    assert light["dateColumn"] == "1" and phone["dateColumn"] == "2"
    assert not phone["overflow"]
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        tab.goto(url)
        tab.emulate_media(media="print")
        assert tab.evaluate(
            "getComputedStyle(document.querySelector('.site-header')).display") == "none"
    finally:
        ctx.close()
