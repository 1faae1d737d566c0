"""A real HTTP server on a free loopback port that serves the sample pages the way web sites
do: pages under their own paths, a feed, a redirect, a 404, a slow response, a response that
dribbles in, non-HTML, an oversized body, gzip, and redirects to nowhere good. It records every
request (path, User-Agent) so tests can see what was fetched, and when."""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.ingest.samples import BLOG, EXPLAINER, GAZETTE, NEWS, WIRE

#: Path on the server -> (sample, Content-Type header).
PAGES = {
    "/news/2019/mar/12/ferry-crews-strike": (NEWS, "text/html; charset=utf-8"),
    "/blog/2019/03/14/ferry-strike-island-schools/": (BLOG, "text/html; charset=UTF-8"),
    "/wire/uk-ferry-inquiry": (WIRE, "text/html"),
    "/gazette/news/4471": (GAZETTE, "text/html"),  # its charset is in a <meta> only
    "/council/estuary-crossing": (EXPLAINER, "text/html; charset=utf-8"),
}
NEWS_PATH, BLOG_PATH, WIRE_PATH, GAZETTE_PATH, EXPLAINER_PATH = PAGES
#: Seconds the slow path waits before answering (tests use a much shorter client timeout).
SLOW_SECONDS = 5.0


@dataclass
class Request:
    path: str
    user_agent: str
    at: float  # time.monotonic() when it arrived


@dataclass
class SampleSite:
    """The running server: ``url(path)`` gives an address on it."""

    port: int
    requests: list[Request] = field(default_factory=list)
    extra: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # path -> (type, body)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def rss_feed(site: SampleSite, paths: list[str]) -> bytes:
    """An RSS 2.0 feed listing ``paths`` (the first as a relative link), newest first."""
    items = []
    for number, path in enumerate(paths):
        link = path if number == 0 else site.url(path)
        published = format_datetime(dt_utc(2019, 3, 12, 6 + number))
        items.append(f"<item><title>Story {number}</title><link>{link}</link>"
                     f"<pubDate>{published}</pubDate><guid isPermaLink='false'>id-{number}</guid>"
                     "</item>")
    return (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
            f"<title>Estuary news</title><link>{site.url('/')}</link>"
            f"<description>Stories</description>{''.join(items)}</channel></rss>").encode()


def dt_utc(*parts):
    import datetime as dt

    return dt.datetime(*parts, tzinfo=dt.UTC)


class _Handler(BaseHTTPRequestHandler):
    site: SampleSite  # set on the subclass made per server
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        site = self.site
        site.requests.append(Request(self.path, self.headers.get("User-Agent", ""),
                                     time.monotonic()))
        route = _ROUTES.get(self.path.split("?", 1)[0])
        if route is not None:
            route(self)
        elif self.path.split("?", 1)[0] in PAGES:
            sample, content_type = PAGES[self.path.split("?", 1)[0]]
            self.send(200, content_type, sample.path.read_bytes())
        elif self.path in site.extra:
            content_type, body = site.extra[self.path]
            self.send(200, content_type, body)
        else:
            self.send(404, "text/html", b"<html><body><h1>Not found</h1></body></html>")

    def send(self, status: int, content_type: str, body: bytes, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 301) -> None:
        self.send(status, "text/html", b"<html><body>moved</body></html>", {"Location": location})

    # --- special paths ---

    def old_link(self) -> None:
        self.redirect(NEWS_PATH + "?utm_source=newsletter")

    def missing(self) -> None:
        self.send(404, "text/html", b"<html><body><h1>Page not found</h1></body></html>")

    def slow(self) -> None:
        self.site.stop.wait(SLOW_SECONDS)  # cut short when the server stops
        self.send(200, "text/html", NEWS.path.read_bytes())

    def dribble(self) -> None:
        body = NEWS.path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for start in range(0, len(body), 64):  # 64 bytes every 0.2 s: minutes for the page
            if self.site.stop.wait(0.2):
                return
            try:
                self.wfile.write(body[start:start + 64])
                self.wfile.flush()
            except OSError:
                return

    def pdf(self) -> None:
        self.send(200, "application/pdf", b"%PDF-1.4\n%" + b"\x00" * 64)

    def json_api(self) -> None:
        self.send(200, "application/json", b'{"title": "not a page"}')

    def huge_declared(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(500 * 1024 * 1024))
        self.end_headers()  # and close: the client must refuse before reading

    def huge_chunked(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"x" * 8192 + b"</p>"
        try:
            for _ in range(2000):  # 16 MB unless the client hangs up first
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass

    def gzipped(self) -> None:
        self.send(200, "text/html; charset=utf-8", gzip.compress(BLOG.path.read_bytes()),
                  {"Content-Encoding": "gzip"})

    def to_ftp(self) -> None:
        self.redirect("ftp://files.example/story.html", 302)

    def loop(self) -> None:
        self.redirect("/loop", 302)

    def feed(self) -> None:
        body = rss_feed(self.site, [NEWS_PATH, BLOG_PATH, WIRE_PATH, "/missing"])
        self.send(200, "application/rss+xml; charset=utf-8", body)


_ROUTES = {
    "/old/ferry-strike": _Handler.old_link,
    "/missing": _Handler.missing,
    "/slow": _Handler.slow,
    "/dribble": _Handler.dribble,
    "/report.pdf": _Handler.pdf,
    "/api/story": _Handler.json_api,
    "/huge": _Handler.huge_declared,
    "/huge-chunked": _Handler.huge_chunked,
    "/gzip": _Handler.gzipped,
    "/to-ftp": _Handler.to_ftp,
    "/loop": _Handler.loop,
    "/feed.xml": _Handler.feed,
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a slow handler must not hold up the end of a test

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
        # else: the client hung up (a timeout or a size limit did its job)


def start_site() -> tuple[SampleSite, _Server, threading.Thread]:
    site = SampleSite(port=0)
    handler = type("Handler", (_Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    return site, server, thread


def stop_site(site: SampleSite, server: _Server, thread: threading.Thread) -> None:
    site.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
