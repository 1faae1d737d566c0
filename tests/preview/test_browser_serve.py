"""The preview in headless chromium: pages follow edits by themselves, keep their scroll
position, and show / clear the build-error overlay - with the site's CSP in force."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from timeline.config import load_config
from timeline.preview.serve import PreviewServer

ARTICLE = "content/2014-wsj-iraq-original.txt"
ARTICLE_PAGE = "sources/2014-wsj-iraq-original.html"
WAIT_MS = 30_000  # failure guard only


@pytest.fixture
def server(example_project: Path):
    (example_project / "templates").mkdir(exist_ok=True)
    preview = PreviewServer(load_config(example_project), "127.0.0.1", 0)
    preview.start()
    yield preview
    preview.stop()


@pytest.fixture
def watched_page(page):
    """The page, with CSP violations and script errors collected."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text)
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.problems = problems
    return page


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


def wait_for_change(server: PreviewServer, path: Path) -> None:
    """Wait until a build that saw ``path`` change has finished."""
    number = 1
    while path.resolve() not in {p.resolve() for p in server.wait_for_build(number).changed}:
        number += 1


def connected(page) -> None:
    """Wait until the page's event stream is open (so the next build reaches it)."""
    page.wait_for_function("() => window.__timelineConnected === true", timeout=WAIT_MS)


def test_the_open_page_shows_an_edit_without_any_action(server, watched_page, example_project):
    page = watched_page
    page.goto(server.url + ARTICLE_PAGE)
    connected(page)
    assert page.get_by_text("quokka delegation").count() == 0

    append(example_project / ARTICLE, "\nThe quokka delegation arrived in Vienna on Tuesday.\n")

    page.get_by_text("The quokka delegation arrived").wait_for(timeout=WAIT_MS)
    assert page.problems == []  # no CSP violation, no script error


def test_a_reload_keeps_the_scroll_position(server, watched_page, example_project):
    page = watched_page
    page.set_viewport_size({"width": 800, "height": 400})
    page.goto(server.url + ARTICLE_PAGE)
    connected(page)
    page.evaluate("window.scrollTo(0, 600)")
    page.wait_for_function("() => window.scrollY >= 590", timeout=WAIT_MS)

    append(example_project / ARTICLE, "\nThe quokka envoy left on Thursday.\n")

    page.get_by_text("The quokka envoy left").wait_for(state="attached", timeout=WAIT_MS)
    page.wait_for_load_state("load")
    assert page.evaluate("window.scrollY") >= 590


def test_a_template_error_appears_in_the_page_and_goes_when_fixed(server, watched_page,
                                                                 example_project):
    page = watched_page
    page.goto(server.url)
    connected(page)
    override = example_project / "templates" / "index.html"
    override.write_text('{% extends "base.html" %}\n{% block content %}\n'
                        "{{ <img src=x onerror=alert(1)> }}\n{% endblock %}\n", encoding="utf-8")

    overlay = page.locator("#__timeline-overlay")
    overlay.wait_for(timeout=WAIT_MS)
    assert "templates/index.html:3" in overlay.inner_text()
    assert overlay.locator("img").count() == 0  # the message is text, never markup
    assert page.locator(".timeline").count() == 1  # the last good page is still shown

    override.unlink()
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    assert page.problems == []


def test_a_css_only_change_swaps_stylesheets_without_reloading(server, watched_page,
                                                              example_project):
    from timeline.site.render import THEME

    # The project overrides the theme's stylesheet (same content at first).
    theme_css = (THEME / "static" / "timeline.css").read_text(encoding="utf-8")
    override = example_project / "templates" / "static" / "timeline.css"
    override.parent.mkdir(parents=True)
    override.write_text(theme_css, encoding="utf-8")
    wait_for_change(server, override)

    page = watched_page
    page.goto(server.url)
    connected(page)
    page.evaluate("window.notReloaded = true")
    outline = "return getComputedStyle(document.body).outlineColor"
    assert page.evaluate(f"() => {{ {outline} }}") != "rgb(1, 2, 3)"

    override.write_text(theme_css + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n",
                        encoding="utf-8")

    page.wait_for_function(f"() => {{ {outline} === 'rgb(1, 2, 3)' }}", timeout=WAIT_MS)
    assert page.evaluate("window.notReloaded") is True  # styles swapped, page kept
    assert server.broker.state.css_from is not None
    assert page.problems == []


def test_the_page_reconnects_and_reloads_after_a_server_restart(example_project, watched_page):
    page = watched_page
    first = PreviewServer(load_config(example_project), "127.0.0.1", 0)
    first.start()
    port = first.port
    try:
        page.goto(first.url)
        connected(page)
        page.evaluate("window.notReloaded = true")
    finally:
        first.stop()
    # Down for a while: the page's reconnection attempts fail for several seconds first.
    time.sleep(3)
    append(example_project / ARTICLE, "\nThe quokka summit opened on Wednesday.\n")
    second = PreviewServer(load_config(example_project), "127.0.0.1", port)
    second.start()
    try:
        # The page reconnects by itself, sees a different server's output, and reloads.
        page.wait_for_function("() => window.notReloaded === undefined", timeout=WAIT_MS)
        page.goto(second.url + ARTICLE_PAGE)
        assert page.get_by_text("The quokka summit opened").count() == 1
    finally:
        second.stop()
