"""The preview server: build, serve over HTTP, rebuild on change, reload open pages.

:class:`PreviewServer` is the library API (``timeline serve`` is a thin wrapper). It builds the
site into a private preview folder (never the project's ``site/``), serves it with a threaded
stdlib HTTP server, watches the sources (:mod:`timeline.preview.watch`) and rebuilds through an
in-memory + on-disk :class:`~timeline.pipeline.cache.ArticleCache`, so one edited article is the
only one parsed again. After each build it publishes a state over Server-Sent Events
(:mod:`timeline.preview.livereload`): open pages reload, swap stylesheets, or show the build's
errors in an overlay while the last good build keeps being served. Requests wait while a build
runs, so no page is ever served half-built (:mod:`timeline.preview.gate`). The HTTP side is
:mod:`timeline.preview.handler`, the host and path rules :mod:`timeline.preview.addresses`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path

from timeline.config import Config, load_config
from timeline.errors import Diagnostic, TimelineError
from timeline.pipeline.cache import CACHE_DIR, ArticleCache
from timeline.preview.addresses import accepts_host, is_loopback, mount_path, resolve
from timeline.preview.early import EarlyPages, site_page
from timeline.preview.gate import BuildGate
from timeline.preview.handler import HTTPServer, bind
from timeline.preview.livereload import BuildProblem, BuildState, EventBroker
from timeline.preview.memory import PreviewMemo, give_back, resident_mb
from timeline.preview.problems import problem_of, problems_from_exception, shown
from timeline.preview.watch import Watcher

__all__ = ["BuildRecord", "PreviewServer", "is_loopback", "mount_path",
           "problems_from_exception", "preview_parent", "serve"]

Echo = Callable[[str], None]


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
    #: the server's resident memory (MB) once the build's leftovers were given back
    memory_mb: float | None = None
    #: CPU seconds of the server's process per build stage (``timeline build --timings``)
    cpu: dict[str, float] = dataclasses.field(default_factory=dict)


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
        if self.cache.pages is not None:
            self.cache.pages = PreviewMemo()  # whole pages are kept on disk, not in memory
        self.config_overrides = dict(config_overrides or {})
        self.instance = secrets.token_hex(4)  # tells pages that the server restarted
        self.gate = BuildGate()
        #: the pages open in browsers, reloaded as soon as a build has written them
        self.early = EarlyPages()
        self.broker = EventBroker(BuildState(build=0, output=f"{self.instance}-0"))
        self.builds: list[BuildRecord] = []
        self._build_lock = threading.Lock()
        self._builds_changed = threading.Condition()
        self._preview_root = Path(tempfile.mkdtemp(prefix="timeline-preview-",
                                                   dir=preview_parent()))
        self.site_dir = self._preview_root / "site"
        # its pages' record goes with its site, leaving that of `timeline build` as it is
        self.cache.pages_record = self._preview_root / "pages.index"
        self._httpd: HTTPServer | None = None
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
        self._httpd = bind(self.host, self.port)
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
            cpu: dict[str, float] = {}
            before = _identity(self.site_dir)
            hits, misses = self.cache.stats.hits, self.cache.stats.misses
            number, previous = len(self.builds) + 1, self.broker.state
            early = self._state(number, changed, (), replaced=True, previous=previous)
            fired = False
            with self.gate.building():
                self.early.begin(lambda: self.broker.publish(early))
                try:
                    if self.config.config_path.resolve() in {p.resolve() for p in changed}:
                        self.config = load_config(self.config.root, **self.config_overrides)
                    result = self._build()
                    root = self.config.root
                    problems = tuple(problem_of(d, root) for d in result.diagnostics.errors)
                    warnings = tuple(str(d) for d in result.diagnostics.warnings)
                    cpu = result.cpu
                    del result  # the build's articles and events: freed by give_back()
                except Exception as exc:  # noqa: BLE001 - the server outlives any build failure
                    problems = problems_from_exception(exc, self.config)
                    if not isinstance(exc, TimelineError):
                        self.echo("".join(traceback.format_exception(exc)).rstrip())
                finally:
                    fired = self.early.end()
            replaced = _identity(self.site_dir) != before
            record = BuildRecord(
                number=len(self.builds) + 1, changed=changed, problems=problems,
                output_replaced=replaced, seconds=time.perf_counter() - began,
                parsed=self.cache.stats.misses - misses, cached=self.cache.stats.hits - hits,
                warnings=warnings, cpu=cpu)
            self._report(record)
            self._publish(record, previous, fired)
            give_back()  # after publishing: the pages reload meanwhile
            record.memory_mb = resident_mb()
            with self._builds_changed:
                self.builds.append(record)
                self._builds_changed.notify_all()
            return record

    def _build(self):
        from timeline.pipeline.build import build_site

        preview = dataclasses.replace(self.config, output_dir=str(self.site_dir))
        return build_site(preview, cache=self.cache, on_page=self.early.written)

    def _publish(self, record: BuildRecord, previous: BuildState, fired: bool) -> None:
        """The build's state for every open page. ``previous``: the state before the build;
        ``fired``: the open pages were reloaded early (:mod:`timeline.preview.early`) with the
        state of a build that replaces the site. If it did not after all, the pages are sent
        back to the last good site (another ``output``), with the problems."""
        state = self._state(record.number, record.changed, record.problems,
                            record.output_replaced, previous)
        if fired and not record.output_replaced:
            state = dataclasses.replace(state, output=f"{self.instance}-{record.number}-kept")
        if fired and state == self.broker.state:
            return  # the pages have it already
        self.broker.publish(state)

    def _state(self, number: int, changed: frozenset[Path], problems: tuple, replaced: bool,
               previous: BuildState) -> BuildState:
        output, css_from = previous.output, None
        if replaced:
            output = f"{self.instance}-{number}"
            if changed and all(p.suffix.lower() == ".css" for p in changed):
                css_from = previous.output
        return BuildState(build=number, output=output, problems=problems, css_from=css_from,
                          stale=not replaced)

    def early_file(self, url_path: str) -> Path | None:
        """The running build's finished file for a request, once the open pages were
        reloaded early (:mod:`timeline.preview.early`); None: the request waits for the
        build and is served from the site."""
        return self.early.file(site_page(self.mount, url_path))

    def watching(self, url_path: str | None):
        """Count the page at ``url_path`` (the ``page`` an event stream names) as open."""
        page = site_page(self.mount, url_path) if url_path else None
        return self.early.watching(page)

    def _report(self, record: BuildRecord) -> None:
        root = self.config.root
        changed = ", ".join(sorted(shown(p, root) for p in record.changed))
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
        return resolve(self.site_dir, self.mount, url_path)

    def accepts_host(self, header: str | None) -> bool:
        """Whether a request's ``Host`` header names this server (see
        :func:`timeline.preview.addresses.accepts_host`)."""
        return accepts_host(self.host, header)


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
