"""Serve the built site under a sub-path on loopback (like a GitHub Pages project site) and crawl
it: every page, asset, export and anchor reachable by links must resolve."""

from __future__ import annotations

import mimetypes
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from feedfixtures import render_sample_site

from timeline.config import Config, load_config

PREFIX = "/sub/"
MAX_PAGES = 500  # bound on the crawl


class SubPathHost:
    """A static host serving ``site`` at ``PREFIX``, with 404.html for missing paths."""

    def __init__(self) -> None:
        self.site: Path | None = None
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                host.handle(self)

            def log_message(self, *_args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{PREFIX}"

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = unquote(urlsplit(request.path).path)
        if not path.startswith(PREFIX) or self.site is None:
            return self._send(request, 404, b"outside the site", "text/plain")
        target = (self.site / path[len(PREFIX):]).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.site.resolve()) or not target.is_file():
            page = self.site / "404.html"
            return self._send(request, 404, page.read_bytes() if page.is_file() else b"",
                              "text/html")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(request, 200, target.read_bytes(), kind)

    @staticmethod
    def _send(request, status: int, body: bytes, kind: str) -> None:
        request.send_response(status)
        request.send_header("Content-Type", kind)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)


@pytest.fixture
def host() -> Iterator[SubPathHost]:
    server = SubPathHost()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
    server.thread.join(timeout=5)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for attr in ("href", "src"):
            if values.get(attr) is not None:
                self.links.append(values[attr])


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def crawl(start: str) -> tuple[dict[str, int], list[str]]:
    """Follow every same-host link from ``start``; return statuses and the problems found."""
    origin = urlsplit(start).netloc
    statuses: dict[str, int] = {}
    anchors: list[tuple[str, str, str]] = []  # (page, target, fragment)
    ids: dict[str, set[str]] = {}
    problems: list[str] = []
    queue = [start]
    while queue and len(statuses) < MAX_PAGES:
        url = queue.pop()
        if url in statuses:
            continue
        status, kind, body = fetch(url)
        statuses[url] = status
        if status != 200 or kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        ids[url] = parser.ids
        for ref in parser.links:
            target, fragment = urldefrag(urljoin(url, ref))
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != origin:
                continue  # external: the original articles
            if not parts.path.startswith(PREFIX):
                problems.append(f"{url}: link {ref!r} leaves {PREFIX}")
                continue
            if fragment:
                anchors.append((url, target, unquote(fragment)))
            queue.append(target)
    problems += [f"{url}: {status}" for url, status in statuses.items() if status != 200]
    problems += [f"{page}: no #{fragment} in {target}" for page, target, fragment in anchors
                 if target in ids and fragment not in ids[target]]
    return statuses, problems


def test_sample_site_under_a_sub_path_has_no_broken_link(host, tmp_path):
    config = Config(root=tmp_path, title="Sub-path test", base_url=host.base_url)
    host.site = render_sample_site(tmp_path / "site", config)
    statuses, problems = crawl(host.base_url)
    assert problems == []
    crawled = {urlsplit(u).path.removeprefix(PREFIX) for u in statuses}
    # The crawl reached the pages, the fingerprinted assets and every export via links.
    assert {"", "events/2003.html", "events/2014.html", "sources/index.html",
            "sources/wsj-original.html", "sources/blog-reprint.html", "events.json",
            "timelinejs.json", "events.atom", "events.ics", "events.csv", "favicon.svg"} <= crawled
    assert any(p.startswith("static/timeline.") and p.endswith(".css") for p in crawled)
    assert len(statuses) >= 8


def test_404_page_links_work_from_any_depth(host, tmp_path):
    config = Config(root=tmp_path, title="Sub-path test", base_url=host.base_url)
    host.site = render_sample_site(tmp_path / "site", config)
    deep = host.base_url + "no/such/deep/page.html"
    status, _, body = fetch(deep)
    assert status == 404 and b"Page not found" in body
    parser = _Links()
    parser.feed(body.decode("utf-8"))
    internal = [urljoin(deep, ref) for ref in parser.links if not ref.startswith(("#", "http"))]
    assert internal
    assert {u: fetch(u)[0] for u in internal} == {u: 200 for u in internal}


def test_example_site_built_for_a_sub_path_has_no_broken_link(host, example_project):
    from timeline.pipeline.build import build_site

    result = build_site(load_config(example_project, base_url=host.base_url))
    assert result.written
    host.site = result.output
    statuses, problems = crawl(host.base_url)
    assert problems == []
    assert len(statuses) >= 5


def test_site_works_from_file_url(page, tmp_path):
    site = render_sample_site(tmp_path / "site", Config(root=tmp_path, title="File test",
                                                        base_url="https://example.org/x/"))
    failed: list[str] = []

    def record(request) -> None:
        # Navigating to the next page aborts the favicon fetch Chromium starts after "load";
        # that is not a broken link. A missing file fails with ERR_FILE_NOT_FOUND instead.
        if "ERR_ABORTED" not in (request.failure or ""):
            failed.append(f"{request.url} {request.failure}")

    page.on("requestfailed", record)
    for rel in ("index.html", "events/2014.html", "sources/wsj-original.html",
                "sources/index.html"):
        page.goto((site / rel).as_uri())
        page.wait_for_load_state("load")
    assert failed == []
    page.goto((site / "sources" / "wsj-original.html").as_uri())
    page.click("a[href^='../events/2014.html#ev-']")
    assert page.url.startswith((site / "events" / "2014.html").as_uri() + "#ev-")
