"""The preview server: build, serve over HTTP, rebuild on change, reload open pages.

:class:`PreviewServer` is the library API (``timeline serve`` is a thin wrapper). It builds the
site into a private preview folder (never the project's ``site/``), serves it with a threaded
stdlib HTTP server, watches the sources (:mod:`timeline.preview.watch`) and rebuilds through an
in-memory + on-disk :class:`~timeline.pipeline.cache.ArticleCache`, so one edited article is the
only one parsed again. After each build it publishes a state over Server-Sent Events
(:mod:`timeline.preview.livereload`): open pages reload, swap stylesheets, or show the build's
errors in an overlay while the last good build keeps being served. Requests wait while a build
runs, so no page is ever served half-built.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import ipaddress
import mimetypes
import os
import re
import secrets
import shutil
import socket
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from timeline.config import Config, load_config
from timeline.errors import Diagnostic, TimelineError, printable
from timeline.pipeline.cache import CACHE_DIR, ArticleCache
from timeline.preview.livereload import (
    ASSETS,
    EVENTS_PATH,
    BuildProblem,
    BuildState,
    EventBroker,
    error_page,
    inject,
    stream,
)
from timeline.preview.watch import Watcher

Echo = Callable[[str], None]

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


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def mount_path(base_url: str) -> str:
    """The URL path the site lives under: ``/`` or e.g. ``/iraq/`` for https://x.org/iraq/."""
    path = urllib.parse.urlsplit(base_url).path if base_url else ""
    path = "/" + path.strip("/")
    return path if path == "/" else path + "/"


class BuildGate:
    """Readers (requests) and one builder: requests wait while a build runs, and a build
    starts only once the requests already reading files have finished."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._building = False

    @contextlib.contextmanager
    def reading(self, timeout: float = 120.0) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._building, timeout)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._building)
            self._building = True
            self._cond.wait_for(lambda: self._readers == 0, 30.0)
        try:
            yield
        finally:
            with self._cond:
                self._building = False
                self._cond.notify_all()


@dataclasses.dataclass
class BuildRecord:
    """What one build did, kept for the terminal, tests and benchmarks."""

    number: int
    changed: frozenset[Path]
    problems: tuple[BuildProblem, ...]
    output_replaced: bool
    seconds: float
    parsed: int  # articles processed (cache misses)
    cached: int  # articles taken from the cache
    warnings: tuple[str, ...] = ()  # shown in the terminal only


class PreviewServer:
    """Build, serve, watch and live-reload one project.

    ``port=0`` picks a free port (see :attr:`url` after :meth:`start`). ``config_overrides``
    are re-applied whenever ``timeline.toml`` changes and is read again.
    """

    def __init__(self, config: Config, host: str = "127.0.0.1", port: int = 8000, *,
                 poll: bool = False, echo: Echo | None = None, debounce: float = 0.1,
                 cache: ArticleCache | None = None, config_overrides: dict | None = None) -> None:
        self.config = config
        self.host = host
        self.port = port
        self.poll = poll
        self.echo = echo or (lambda _line: None)
        self.debounce = debounce
        self.cache = cache if cache is not None else ArticleCache.for_project(config)
        self.config_overrides = dict(config_overrides or {})
        self.instance = secrets.token_hex(4)  # tells pages that the server restarted
        self.gate = BuildGate()
        self.broker = EventBroker(BuildState(build=0, output=f"{self.instance}-0"))
        self.builds: list[BuildRecord] = []
        self._build_lock = threading.Lock()
        self._builds_changed = threading.Condition()
        self._preview_root = Path(tempfile.mkdtemp(prefix="timeline-preview-",
                                                   dir=preview_parent()))
        self.site_dir = self._preview_root / "site"
        # its pages' record goes with its site, leaving that of `timeline build` as it is
        self.cache.pages_record = self._preview_root / "pages.index"
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._watcher: Watcher | None = None
        self._stopped = threading.Event()

    # -- life cycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = self.host
        if host in ("", "0.0.0.0", "::"):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{self.mount}"

    @property
    def mount(self) -> str:
        return mount_path(self.config.base_url)

    def start(self) -> None:
        """Bind the port, build once, then serve and watch (all in background threads)."""
        self._httpd = _bind(self.host, self.port)
        self._httpd.preview = self
        self.port = self._httpd.server_address[1]
        if not is_loopback(self.host):
            self.echo(f"warning: serving on {self.host}, which other machines can reach; "
                      "the preview is meant for this computer only (use --host 127.0.0.1)")
        self._watcher = self._start_watcher()
        self.rebuild(frozenset())
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={
            "poll_interval": 0.2}, name="timeline-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching and serving, end every event stream, remove the preview folder."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._watcher is not None:
            self._watcher.stop()
        self.broker.close()
        if self._httpd is not None:
            if self._thread is not None:
                self._httpd.shutdown()
                self._thread.join(timeout=10)
            self._httpd.server_close()
        shutil.rmtree(self._preview_root, ignore_errors=True)

    def wait(self) -> None:
        """Block until :meth:`stop` (Ctrl-C reaches the caller as ``KeyboardInterrupt``).

        Sleeps and polls rather than ``Event.wait``: a Ctrl-C landing just after ``wait`` took
        the event's internal lock leaves it held (CPython's "with" is not signal-safe,
        bpo-29988), and ``stop()`` then blocks forever on ``set()``. ``time.sleep`` holds no
        lock, so the interrupt is always clean.
        """
        while not self._stopped.is_set():
            time.sleep(0.2)

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _start_watcher(self) -> Watcher:
        """Native events if the system grants them, else polling (inotify limits, odd mounts)."""
        try:
            return self._make_watcher(self.poll)
        except OSError as exc:
            if self.poll:
                raise TimelineError(f"cannot watch the project: {exc.strerror or exc}",
                                    self.config.root) from None
            self.echo(f"warning: native file watching is unavailable ({exc.strerror or exc}); "
                      "polling for changes instead")
            self.poll = True  # so the banner says what is really happening
            return self._make_watcher(poll=True)

    def _make_watcher(self, poll: bool) -> Watcher:
        root = self.config.root
        watcher = Watcher(
            self._on_change,
            folders=[self.config.content_path, self.config.templates_path, root / "static"],
            files=[self.config.config_path],
            exclude=[self.config.output_path, root / CACHE_DIR, self._preview_root],
            poll=poll, quiet=self.debounce, on_fallback=self._watching_fell_back,
        )
        try:
            watcher.start()
        except BaseException:
            with contextlib.suppress(Exception):
                watcher.debouncer.close()
            raise
        return watcher

    def _watching_fell_back(self, message: str) -> None:
        self.poll = True
        self.echo(f"warning: {message}")

    def _on_change(self, paths: set[Path]) -> None:
        if not self._stopped.is_set():
            self.rebuild(frozenset(paths))

    # -- building ------------------------------------------------------------------------

    def rebuild(self, changed: frozenset[Path]) -> BuildRecord:
        """Build now, publish the new state to every open page, and report in the terminal."""
        with self._build_lock:
            began = time.perf_counter()
            problems: tuple[BuildProblem, ...] = ()
            warnings: tuple[str, ...] = ()
            before = _identity(self.site_dir)
            hits, misses = self.cache.stats.hits, self.cache.stats.misses
            with self.gate.building():
                try:
                    if self.config.config_path.resolve() in {p.resolve() for p in changed}:
                        self.config = load_config(self.config.root, **self.config_overrides)
                    result = self._build()
                    root = self.config.root
                    problems = tuple(_problem(d, root) for d in result.diagnostics.errors)
                    warnings = tuple(str(d) for d in result.diagnostics.warnings)
                except Exception as exc:  # noqa: BLE001 - the server outlives any build failure
                    problems = problems_from_exception(exc, self.config)
                    if not isinstance(exc, TimelineError):
                        self.echo("".join(traceback.format_exception(exc)).rstrip())
            replaced = _identity(self.site_dir) != before
            record = BuildRecord(
                number=len(self.builds) + 1, changed=changed, problems=problems,
                output_replaced=replaced, seconds=time.perf_counter() - began,
                parsed=self.cache.stats.misses - misses, cached=self.cache.stats.hits - hits,
                warnings=warnings)
            with self._builds_changed:
                self.builds.append(record)
                self._builds_changed.notify_all()
            self._report(record)
            self._publish(record)
            return record

    def _build(self):
        from timeline.pipeline.build import build_site

        preview = dataclasses.replace(self.config, output_dir=str(self.site_dir))
        return build_site(preview, cache=self.cache)

    def _publish(self, record: BuildRecord) -> None:
        previous = self.broker.state
        output = previous.output
        css_from = None
        if record.output_replaced:
            output = f"{self.instance}-{record.number}"
            if record.changed and all(p.suffix.lower() == ".css" for p in record.changed):
                css_from = previous.output
        self.broker.publish(BuildState(build=record.number, output=output,
                                       problems=record.problems, css_from=css_from,
                                       stale=not record.output_replaced))

    def _report(self, record: BuildRecord) -> None:
        root = self.config.root
        changed = ", ".join(sorted(_shown(p, root) for p in record.changed))
        why = f" after changes to {changed}" if changed else ""
        articles = f"{record.parsed} article(s) parsed, {record.cached} from cache"
        if record.problems and not record.output_replaced:
            self.echo(f"Build failed{why}; still serving the last good build:")
        elif record.problems:
            self.echo(f"Built with errors in {record.seconds:.2f}s ({articles}){why}; "
                      "the files at fault are left out:")
        else:
            self.echo(f"Built in {record.seconds:.2f}s ({articles}){why}")
        for problem in record.problems:  # the one format of every command, as build prints
            self.echo(str(Diagnostic("error", problem.message, problem.file, problem.line,
                                     problem.hint)))
        for warning in record.warnings:
            self.echo(warning)

    def wait_for_build(self, number: int, timeout: float = 60.0) -> BuildRecord:
        """The record of build ``number`` once it finished (for tests and benchmarks)."""
        with self._builds_changed:
            if not self._builds_changed.wait_for(lambda: len(self.builds) >= number, timeout):
                raise TimeoutError(f"build {number} did not finish within {timeout}s")
            return self.builds[number - 1]

    # -- serving -------------------------------------------------------------------------

    def resolve(self, url_path: str) -> tuple[HTTPStatus, Path | str | None]:
        """Map a request path to a file: (200, file), (301/302, location), (403|404, None)."""
        decoded = urllib.parse.unquote(url_path)
        if "\\" in decoded or "\0" in decoded or ".." in decoded.split("/"):
            return HTTPStatus.FORBIDDEN, None
        mount = self.mount
        if mount != "/":
            if decoded in ("/", mount.rstrip("/")):
                return HTTPStatus.FOUND, mount
            if not decoded.startswith(mount):
                return HTTPStatus.NOT_FOUND, None
        relative = decoded[len(mount):].lstrip("/")  # "//etc/passwd" must stay inside
        try:
            return self._find(relative, decoded)
        except (OSError, ValueError):  # a name over 255 bytes, a path the system refuses
            return HTTPStatus.NOT_FOUND, None

    def _find(self, relative: str, decoded: str) -> tuple[HTTPStatus, Path | str | None]:
        site = self.site_dir.resolve()
        target = (site / relative).resolve()
        if target != site and site not in target.parents:
            return HTTPStatus.FORBIDDEN, None  # e.g. a symlink pointing out of the site
        if target.is_dir():
            if not decoded.endswith("/"):
                return HTTPStatus.MOVED_PERMANENTLY, urllib.parse.quote(decoded) + "/"
            target = target / "index.html"
        if target.is_file():
            return HTTPStatus.OK, target
        return HTTPStatus.NOT_FOUND, None

    def accepts_host(self, header: str | None) -> bool:
        """Whether a request's ``Host`` header names this server: a loopback name or address,
        the address it was asked to listen on, or (listening on every address) any address.
        A page of another site that rebinds its own name to 127.0.0.1 sends that name, and
        must not read the preview (DNS rebinding)."""
        if header is None:
            return True  # HTTP/1.0 clients; browsers always send one
        host = _host_name(header)
        if host is None:
            return False
        if host == "localhost" or host.endswith(".localhost") or is_loopback(host):
            return True
        bind = self.host.strip("[]").lower()
        if host == bind:
            return True
        return bind in ("", "0.0.0.0", "::") and _is_address(host)


def _host_name(header: str) -> str | None:
    """The host of a ``Host`` header, lowercased, without port or brackets; None if malformed."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        rest = header[end + 1:]
        if end < 0 or (rest and not re.fullmatch(r":\d{1,5}", rest)):
            return None
        return header[1:end]
    name, _, port = header.partition(":")
    if port and not port.isdigit():
        return None
    return name.rstrip(".") or None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # Connections waiting to be accepted; the stdlib's 5 refused a page's burst of requests
    # (the page, its styles, scripts and the event stream) while a handler thread started.
    request_queue_size = 128
    preview: PreviewServer


class _HTTP6Server(_HTTPServer):
    address_family = socket.AF_INET6


def _bind(host: str, port: int) -> _HTTPServer:
    server_class = _HTTP6Server if ":" in host else _HTTPServer
    try:
        return server_class((host.strip("[]"), port), _Handler)
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


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
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

        with contextlib.suppress(OSError):
            stream(preview.broker, write)

    def handle(self) -> None:
        # A browser closing a tab mid-response is normal; never print a traceback for it.
        with contextlib.suppress(ConnectionError, TimeoutError):
            super().handle()


# -- helpers -----------------------------------------------------------------------------


#: Free space a RAM-backed folder must have before the preview is built there.
RAM_FOLDER_MIN_FREE = 512 * 1024 * 1024


def preview_parent() -> str | None:
    """A RAM-backed folder for the preview when the system has one with room (Linux's
    /dev/shm): every rebuild rewrites the whole site, and on a busy disk that I/O is most of
    the rebuild (1,000 articles: about 2x faster measured). ``None``: the usual temp folder."""
    shm = "/dev/shm"
    try:
        info = os.statvfs(shm)
    except (OSError, AttributeError):
        return None
    if info.f_bavail * info.f_frsize < RAM_FOLDER_MIN_FREE or not os.access(shm, os.W_OK):
        return None
    return shm


def _identity(folder: Path) -> tuple[int, int] | None:
    """Changes whenever a build swaps a new folder in (new inode) or rewrites it in place."""
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns


def _problem(diagnostic, root: Path) -> BuildProblem:
    path = None
    if diagnostic.path is not None:
        path = str(diagnostic.path)
        if Path(path).is_absolute():
            path = _shown(Path(path), root)  # short and the same as in the terminal
    return BuildProblem(diagnostic.message, path, diagnostic.line, diagnostic.hint)


def problems_from_exception(exc: BaseException, config: Config) -> tuple[BuildProblem, ...]:
    """The overlay's account of a build that raised: file, line and message when known."""
    import jinja2

    if isinstance(exc, TimelineError):
        return (_problem(exc.diagnostic, config.root),)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (BuildProblem(f"template error: {exc.message}", exc.filename or exc.name,
                             exc.lineno),)
    frames = traceback.extract_tb(exc.__traceback__)
    # Templates show up in tracebacks under their own file names; prefer the innermost one.
    templates = [f for f in frames if not f.filename.endswith(".py")]
    ours = [f for f in frames if "timeline" in Path(f.filename).parts]
    frame = (templates or ours or frames or [None])[-1]
    message = f"{type(exc).__name__}: {exc}"
    if frame is None:
        return (BuildProblem(message),)
    return (BuildProblem(message, _shown(Path(frame.filename), config.root), frame.lineno,
                         "an unexpected error; the terminal shows the full traceback"),)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, *, poll: bool = False,
          open_browser: bool = False, echo: Echo = print,
          config_overrides: dict | None = None) -> None:
    """Run the preview until Ctrl-C (the ``timeline serve`` command)."""
    server = PreviewServer(config, host, port, poll=poll, echo=echo,
                           config_overrides=config_overrides)
    try:
        server.start()
    except KeyboardInterrupt:
        server.stop()  # Ctrl-C during the first build
        return
    except BaseException:
        server.stop()  # e.g. the port is taken: nothing to announce, just clean up
        raise
    try:
        echo(f"Serving {config.root.name or config.root} at {server.url} "
             f"(watching {'by polling' if server.poll else 'for changes'}; Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        with contextlib.suppress(KeyboardInterrupt):
            server.stop()
            echo("Stopped.")
