"""The preview's HTTP side: the threaded server, its port, and the request handler.

The handler serves the built site's files (HTML with the live-reload snippet injected), the
live-reload assets and event stream, and refuses requests addressed to other hosts. What it
serves comes from the :class:`~timeline.preview.serve.PreviewServer` it belongs to.
"""

from __future__ import annotations

import contextlib
import errno
import mimetypes
import socket
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import TimelineError, printable
from timeline.preview.livereload import (
    ASSETS,
    EVENTS_PATH,
    BuildState,
    error_page,
    inject,
    stream,
)

if TYPE_CHECKING:
    from timeline.preview.serve import PreviewServer


#: Content types for what a site holds; ``mimetypes`` alone differs between systems.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
    ".map": "application/json",
}


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # Connections waiting to be accepted; the stdlib's 5 refused a page's burst of requests
    # (the page, its styles, scripts and the event stream) while a handler thread started.
    request_queue_size = 128
    preview: PreviewServer


class HTTP6Server(HTTPServer):
    address_family = socket.AF_INET6


def bind(host: str, port: int) -> HTTPServer:
    server_class = HTTP6Server if ":" in host else HTTPServer
    try:
        return server_class((host.strip("[]"), port), Handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise TimelineError(
                f"port {port} on {host} is already in use", None,
                hint="stop the other server, pick another --port, or use --port 0 for a free one",
            ) from None
        if exc.errno == errno.EACCES:
            raise TimelineError(f"no permission to use port {port} on {host}", None,
                                hint="use a port above 1024, e.g. --port 8000") from None
        raise TimelineError(f"cannot serve on {host}:{port}: {exc.strerror or exc}", None,
                            hint="check --host") from None


class Handler(BaseHTTPRequestHandler):
    server: HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "timeline-preview"
    # Idle keep-alive connections end after this, so no handler thread outlives the server by
    # long (event streams are not idle: they send a keep-alive comment every 15 s).
    timeout = 30
    # Headers and body go out in two writes; with Nagle on, a keep-alive client waits for
    # its delayed ACK (~40 ms) before the body: every response took >= 40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass  # the terminal shows builds, not every request

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        preview = self.server.preview
        if not preview.accepts_host(self.headers.get("Host")):
            self.close_connection = True
            self._send(HTTPStatus.FORBIDDEN, b"403 forbidden: this preview answers only to "
                       b"localhost and its own address\n", "text/plain; charset=utf-8",
                       send_body)
            return
        try:
            self._serve(preview, send_body)
        except OSError:
            raise  # the client went away: handle() ends the connection quietly
        except Exception as exc:  # noqa: BLE001 - one bad request must not stop the server
            preview.echo(f"error: serving {printable(self.path[:200])} failed: {exc!r}")
            self.close_connection = True
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"500 internal error\n",
                       "text/plain; charset=utf-8", send_body)

    def _serve(self, preview: PreviewServer, send_body: bool) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == EVENTS_PATH:
            self._events(preview)
            return
        if path in ASSETS:
            body, kind = ASSETS[path]
            self._send(HTTPStatus.OK, body, kind, send_body)
            return
        early = preview.early_file(path)  # an open page the running build has written
        if early is not None:
            body = None
            with contextlib.suppress(OSError):  # swapped in meanwhile: served from the site
                body = early.read_bytes()
            if body is not None:
                kind = content_type(early)
                if kind.startswith("text/html"):
                    body = inject(body, preview.broker.state)
                self._send(HTTPStatus.OK, body, kind, send_body)
                return
        with preview.gate.reading():
            status, found = preview.resolve(path)
            status, body, kind = self._body(preview, status, found)
        location = None
        if status in (HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY):
            query = urllib.parse.urlsplit(self.path).query
            location = str(found) + (f"?{query}" if query else "")
        self._send(status, body, kind, send_body, location)

    def _body(self, preview: PreviewServer, status: HTTPStatus,
              found: Path | str | None) -> tuple[HTTPStatus, bytes, str]:
        state = preview.broker.state
        if not preview.site_dir.is_dir():
            # No good build yet: every page is the error overlay, reloading once fixed.
            return HTTPStatus.SERVICE_UNAVAILABLE, error_page(state), "text/html; charset=utf-8"
        if status == HTTPStatus.OK and isinstance(found, Path):
            try:
                body = found.read_bytes()
            except OSError:
                return self._not_found(preview, state)
            kind = content_type(found)
            if kind.startswith("text/html"):
                body = inject(body, state)
            return status, body, kind
        if status == HTTPStatus.NOT_FOUND:
            return self._not_found(preview, state)
        if status == HTTPStatus.FORBIDDEN:
            return status, b"403 forbidden: outside the site\n", "text/plain; charset=utf-8"
        return status, b"", "text/plain; charset=utf-8"

    def _not_found(self, preview: PreviewServer,
                   state: BuildState) -> tuple[HTTPStatus, bytes, str]:
        page = preview.site_dir / "404.html"
        if page.is_file():
            body = page.read_bytes()
        else:
            body = (b"<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
                    b"<body><h1>Not found</h1><p>No page at this address. "
                    b'<a href="' + preview.mount.encode() + b'">Go to the timeline</a>.</p>'
                    b"</body></html>")
        return HTTPStatus.NOT_FOUND, inject(body, state), "text/html; charset=utf-8"

    def _send(self, status: HTTPStatus, body: bytes, kind: str, send_body: bool,
              location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if send_body:
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    def _events(self, preview: PreviewServer) -> None:
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()

        def write(data: bytes) -> None:
            self.wfile.write(data)
            self.wfile.flush()

        page = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("page")
        with contextlib.suppress(OSError), preview.watching(page[0] if page else None):
            stream(preview.broker, write)

    def handle(self) -> None:
        # A browser closing a tab mid-response is normal; never print a traceback for it.
        with contextlib.suppress(ConnectionError, TimeoutError):
            super().handle()

