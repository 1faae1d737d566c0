"""The preview server, end to end: a real HTTP server on a free loopback port, real files in a
copy of the example project, real watchdog events and a real Server-Sent Events stream."""

from __future__ import annotations

import http.client
import threading
import time
from pathlib import Path

import pytest

from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.preview.livereload import (
    EVENTS_PATH,
    PARTIAL_TITLE,
    SCRIPT_PATH,
    STALE_TITLE,
    STYLE_PATH,
    EventStreamClient,
)
from timeline.preview.serve import PreviewServer, is_loopback, mount_path, problems_from_exception

ARTICLE = "content/2014-wsj-iraq-original.txt"
ARTICLE_PAGE = "/sources/2014-wsj-iraq-original.html"
# A sentence of the seed that the timeline shows (the Vienna talks).
KNOWN_TEXT = "Iranian diplomats will convene starting"  # plain text in its entry on the index
OVERLAY = 'id="__timeline-overlay"'


def request(server: PreviewServer, path: str, method: str = "GET"):
    """One raw request: the path is sent exactly as given (no client-side normalisation)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def next_state(events: EventStreamClient, predicate) -> dict:
    """The first state message satisfying ``predicate`` (the socket timeout guards a hang)."""
    for state in events.states():
        if predicate(state):
            return state
    raise AssertionError("event stream closed before the expected state")


@pytest.fixture
def events(server: PreviewServer):
    client = EventStreamClient("127.0.0.1", server.port)
    first = client.next_state()
    assert first["build"] == 1
    yield client
    client.close()


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


# -- live reload ----------------------------------------------------------------------------


def test_editing_an_article_pushes_a_reload_and_serves_the_new_text(server, events, project):
    status, _, before = request(server, ARTICLE_PAGE)
    assert status == 200 and b"quokka delegation" not in before
    first_output = server.broker.state.output

    append(project / ARTICLE, "\nThe quokka delegation arrived in Vienna on Tuesday.\n")

    state = next_state(events, lambda s: s["build"] >= 2)
    assert state["output"] != first_output and state["problems"] == []
    status, _, after = request(server, ARTICLE_PAGE)
    assert status == 200
    assert b"quokka delegation" in after
    # Only the edited article was parsed again; the other came from the cache.
    record = server.wait_for_build(2)  # its record is kept just after the state is sent
    assert (record.parsed, record.cached) == (1, 1)
    assert {p.name for p in record.changed} == {Path(ARTICLE).name}


def test_the_preview_keeps_its_pages_record_apart_from_the_build_commands(project):
    """`timeline build` records its site's pages in the project cache for the next build to
    keep; the preview server's builds record theirs in its own folder and leave that alone."""
    from timeline.pipeline.build import build_site
    from timeline.pipeline.cache import ArticleCache

    config = load_config(project)
    assert build_site(config, cache=ArticleCache.for_project(config, in_memory=False)).written
    record = project / ".timeline-cache" / "pages.index"
    before = record.read_bytes()
    preview = PreviewServer(config, "127.0.0.1", 0)
    preview.start()
    try:
        client = EventStreamClient("127.0.0.1", preview.port)
        assert client.next_state()["build"] == 1
        client.close()
        own = preview.cache.pages_record
        assert own is not None and own.is_file() and own.parent != record.parent
    finally:
        preview.stop()
    assert record.read_bytes() == before


def test_served_html_carries_the_live_reload_snippet_but_the_built_files_do_not(server):
    _, headers, body = request(server, "/")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.count(SCRIPT_PATH.encode()) == 1
    assert body.index(SCRIPT_PATH.encode()) < body.rindex(b"</body>")
    on_disk = (server.site_dir / "index.html").read_bytes()
    assert SCRIPT_PATH.encode() not in on_disk and b"__timeline-state" not in on_disk
    status, headers, script = request(server, SCRIPT_PATH)
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert EVENTS_PATH.encode() in script
    status, headers, _ = request(server, STYLE_PATH)
    assert status == 200 and headers["Content-Type"].startswith("text/css")


def test_a_broken_template_shows_an_overlay_and_the_fix_clears_it(server, events, project):
    good_output = server.broker.state.output
    override = project / "templates" / "index.html"
    override.write_text('{% extends "base.html" %}\n{% block content %}\n'
                        "{{ <script> }}\n{% endblock %}\n", encoding="utf-8")

    broken = next_state(events, lambda s: s["problems"])
    problem = broken["problems"][0]
    assert problem["file"].endswith("templates/index.html")
    assert problem["line"] == 3
    assert "unexpected" in problem["message"]
    assert broken["output"] == good_output  # the last good build is still what is served
    assert broken["title"] == STALE_TITLE
    status, _, page = request(server, "/")
    assert status == 200
    assert KNOWN_TEXT.encode() in page  # last good build
    assert OVERLAY.encode() in page
    assert b"unexpected &#x27;&lt;&#x27;" in page  # escaped, not markup
    assert b"{{ <script> }}" not in page
    assert any("templates/index.html:3" in line for line in server.terminal)

    override.unlink()
    fixed = next_state(events, lambda s: not s["problems"])
    assert fixed["output"] != good_output
    status, _, page = request(server, "/")
    assert status == 200 and OVERLAY.encode() not in page and KNOWN_TEXT.encode() in page


def test_broken_front_matter_is_reported_and_the_rest_still_served(server, events, project):
    bad = project / "content" / "2014-06-20-broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\nText on Monday.\n", encoding="utf-8")
    state = next_state(events, lambda s: s["build"] >= 2)
    assert any(p["file"] and p["file"].endswith("2014-06-20-broken.md") for p in state["problems"])
    assert state["title"] == PARTIAL_TITLE  # the rest was built and is served
    assert any(line.startswith("error: content/2014-06-20-broken.md:") for line in server.terminal)
    _, _, page = request(server, "/")
    assert KNOWN_TEXT.encode() in page and OVERLAY.encode() in page and b"broken.md" in page
    bad.unlink()
    assert next_state(events, lambda s: s["build"] >= 3)["problems"] == []


def test_a_site_that_never_built_serves_the_error_page_until_fixed(project):
    override = project / "templates" / "source.html"
    override.write_text("{% for %}\n", encoding="utf-8")
    with PreviewServer(load_config(project), "127.0.0.1", 0) as preview:
        status, _, page = request(preview, "/")
        assert status == 503
        assert OVERLAY.encode() in page and b"templates/source.html" in page
        events = EventStreamClient("127.0.0.1", preview.port)
        try:
            assert events.next_state()["problems"]
            override.unlink()
            assert next_state(events, lambda s: not s["problems"])
        finally:
            events.close()
        status, _, page = request(preview, "/")
        assert status == 200 and KNOWN_TEXT.encode() in page


def test_editing_the_config_rebuilds_with_the_new_settings(server, events, project):
    config = project / "timeline.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('title = "', 'title = "Quokka edition: ', 1), encoding="utf-8")
    next_state(events, lambda s: s["build"] >= 2)
    _, _, page = request(server, "/")
    assert b"Quokka edition: " in page


def test_a_broken_config_file_is_reported_and_the_fix_recovers(server, events, project):
    config = project / "timeline.toml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "\ntitle = [unclosed\n", encoding="utf-8")
    broken = next_state(events, lambda s: s["problems"])
    assert broken["problems"][0]["file"].endswith("timeline.toml")
    assert KNOWN_TEXT.encode() in request(server, "/")[2]  # still the last good build
    config.write_text(good, encoding="utf-8")
    assert next_state(events, lambda s: not s["problems"])["build"] >= 3


# -- watching -------------------------------------------------------------------------------


def test_editor_swap_and_backup_files_never_trigger_a_build(server, events, project):
    content = project / "content"
    for name in (".2014-wsj-iraq-original.txt.swp", "2014-wsj-iraq-original.txt~",
                 ".#2014-wsj-iraq-original.txt", "#2014-wsj-iraq-original.txt#",
                 "2014-wsj-iraq-original.txt.bak", ".DS_Store", "4913"):
        (content / name).write_text("scratch\n", encoding="utf-8")
    time.sleep(1.0)  # several debounce windows: room for a wrongly triggered build
    assert len(server.builds) == 1
    append(project / ARTICLE, "\nA real edit.\n")
    next_state(events, lambda s: s["build"] >= 2)
    assert {p.name for p in server.wait_for_build(2).changed} == {Path(ARTICLE).name}


def test_a_burst_of_saves_is_one_build(project):
    # A wide quiet window, so a loaded test machine pausing mid-burst cannot split it.
    with PreviewServer(load_config(project), "127.0.0.1", 0, debounce=1.0) as preview:
        events = EventStreamClient("127.0.0.1", preview.port)
        try:
            events.next_state()
            article = project / ARTICLE
            for number in range(25):
                append(article, f"\nAutosave {number}.\n")
            next_state(events, lambda s: s["build"] >= 2)
        finally:
            events.close()
        time.sleep(2.5)  # room for any further (wrong) build to start and finish
        preview.wait_for_build(len(preview.builds))
        assert len(preview.builds) == 2
        _, _, page = request(preview, ARTICLE_PAGE)
        assert b"Autosave 24." in page


# -- HTTP behaviour -------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/sources/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%5c..%5c..%5cetc%5cpasswd",
    "/..\\..\\..\\etc\\passwd",
    "//etc/passwd",
    "/%2Fetc%2Fpasswd",
    "/index.html%00.css",
])
def test_requests_outside_the_site_are_refused(server, path):
    status, _, body = request(server, path)
    assert status in (403, 404)
    assert b"root:" not in body


def test_a_symlink_out_of_the_site_is_refused(server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n", encoding="utf-8")
    (server.site_dir / "leak.txt").symlink_to(secret)
    status, _, body = request(server, "/leak.txt")
    assert status == 403 and b"top secret" not in body


def test_content_types(server):
    site = server.site_dir
    css = next(site.glob("static/*.css")).relative_to(site).as_posix()
    js = next(site.glob("static/*.js")).relative_to(site).as_posix()
    expected = {
        "/": "text/html; charset=utf-8",
        f"/{css}": "text/css; charset=utf-8",
        f"/{js}": "text/javascript; charset=utf-8",
        "/events.json": "application/json",
        "/favicon.svg": "image/svg+xml",
        "/events.ics": "text/calendar; charset=utf-8",
    }
    for path, kind in expected.items():
        status, headers, body = request(server, path)
        assert (status, headers["Content-Type"]) == (200, kind), path
        assert int(headers["Content-Length"]) == len(body)


def test_directories_serve_index_html_and_get_a_trailing_slash(server):
    status, headers, _ = request(server, "/sources")
    assert status == 301 and headers["Location"] == "/sources/"
    status, _, body = request(server, "/sources/")
    assert status == 200
    assert ARTICLE_PAGE.rsplit("/", 1)[1].encode() in body  # the list links each source


def test_missing_pages_get_the_site_404_page_with_status_404(server):
    status, headers, body = request(server, "/no/such/page.html")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    site_404 = (server.site_dir / "404.html").read_bytes()
    # The site's own 404 page (its <title>), plus the live-reload snippet.
    title = site_404[site_404.index(b"<title>"):site_404.index(b"</title>")]
    assert title in body and SCRIPT_PATH.encode() in body


def test_head_sends_headers_only(server):
    status, headers, body = request(server, "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


def test_base_url_with_a_path_mounts_the_preview_there(project):
    config = project / "timeline.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('base_url = ""', 'base_url = "https://x.org/iraq/"'),
                      encoding="utf-8")
    with PreviewServer(load_config(project), "127.0.0.1", 0) as preview:
        assert preview.url.endswith("/iraq/")
        assert request(preview, "/")[:2][0] == 302
        assert request(preview, "/")[1]["Location"] == "/iraq/"
        status, headers, _ = request(preview, "/iraq")
        assert status in (301, 302) and headers["Location"] == "/iraq/"
        status, _, page = request(preview, "/iraq/")
        assert status == 200 and KNOWN_TEXT.encode() in page
        assert request(preview, "/iraq/events.json")[0] == 200
        assert request(preview, "/events.json")[0] == 404


def test_requests_wait_while_a_build_runs(server):
    done = threading.Event()
    answers = []

    def fetch():
        answers.append(request(server, "/")[0])
        done.set()

    with server.gate.building():
        thread = threading.Thread(target=fetch)
        thread.start()
        assert not done.wait(0.5)  # held back while "building"
    assert done.wait(30)
    thread.join()
    assert answers == [200]


def test_a_css_only_change_lets_pages_swap_styles(server):
    before = server.broker.state.output
    server.rebuild(frozenset({server.config.templates_path / "static" / "extra.css"}))
    state = server.broker.state
    assert state.output != before and state.css_from == before
    server.rebuild(frozenset({server.config.content_path / "x.txt"}))
    assert server.broker.state.css_from is None


def test_a_busy_port_is_a_clear_error(server, project):
    other = PreviewServer(load_config(project), "127.0.0.1", server.port)
    with pytest.raises(TimelineError, match="already in use") as caught:
        other.start()
    other.stop()
    assert "--port 0" in str(caught.value)


def test_port_zero_picks_a_free_port(server):
    assert server.port != 0 and server.url == f"http://127.0.0.1:{server.port}/"


def test_stop_ends_open_event_streams(project):
    preview = PreviewServer(load_config(project), "127.0.0.1", 0)
    preview.start()
    client = EventStreamClient("127.0.0.1", preview.port)
    client.next_state()
    preview.stop()
    assert list(client.states()) == []  # the stream ended instead of hanging
    client.close()


# -- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("example.org", False), ("::", False),
])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("base_url", "mount"), [
    ("", "/"), ("https://x.org", "/"), ("https://x.org/", "/"), ("https://x.org/iraq", "/iraq/"),
    ("https://x.org/iraq/", "/iraq/"), ("https://x.org/a/b/", "/a/b/"),
])
def test_mount_path(base_url, mount):
    assert mount_path(base_url) == mount


def test_a_template_syntax_error_is_described_by_file_and_line(project):
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "ok\n{% if %}\n"}))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        env.get_template("page.html")
    (problem,) = problems_from_exception(caught.value, load_config(project))
    assert (problem.file, problem.line) == ("page.html", 2)


def test_an_unexpected_exception_names_where_it_happened(project):
    def broken():
        raise ValueError("boom")

    try:
        broken()
    except ValueError as exc:
        (problem,) = problems_from_exception(exc, load_config(project))
    assert problem.message == "ValueError: boom"
    assert problem.file and problem.file.endswith("test_serve.py") and problem.line


def test_a_non_loopback_address_prints_a_warning(project):
    lines: list[str] = []
    with PreviewServer(load_config(project), "0.0.0.0", 0, echo=lines.append) as preview:
        assert preview.url.startswith("http://127.0.0.1:")
        assert request(preview, "/")[0] == 200
    assert any(line.startswith("warning:") and "0.0.0.0" in line for line in lines)
    quiet: list[str] = []
    with PreviewServer(load_config(project), "127.0.0.1", 0, echo=quiet.append):
        pass
    assert not any(line.startswith("warning:") for line in quiet)
