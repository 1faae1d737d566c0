"""Reload the open pages as soon as a build has written them, before the rest of the site.

A rebuild of a large collection spends seconds after the page a browser shows is written:
the other pages, the exports, the swap. Each open page's event stream says which page it
shows (``?page=`` on the stream's address); :class:`EarlyPages` counts them, learns from
the build each page it has finished in its staging folder, and calls the build's ``fire``
once every open page is among them. The server then publishes the new state, and serves
those pages from the staging folder until the build swaps the whole site in; every other
request waits for the build as before. With no page open, or one the build does not write,
nothing fires early and the state is published when the build ends.
"""

from __future__ import annotations

import contextlib
import threading
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from timeline.site.urls import INDEX_PAGE


def site_page(mount: str, url_path: str) -> str | None:
    """The site path (``index.html``, ``sources/x.html``) a request path names under
    ``mount``, by its text alone; None for a path outside the site or not plainly a file."""
    decoded = urllib.parse.unquote(url_path)
    if "\\" in decoded or "\0" in decoded or ".." in decoded.split("/"):
        return None
    if not decoded.startswith(mount) and decoded != mount.rstrip("/"):
        return None
    relative = decoded[len(mount):].lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += INDEX_PAGE
    return relative


class EarlyPages:
    """The pages open in browsers, and the pages the running build has finished."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: Counter[str | None] = Counter()
        self._written: dict[str, Path] = {}
        self._fire: Callable[[], None] | None = None
        self._fired = False

    @contextlib.contextmanager
    def watching(self, page: str | None) -> Iterator[None]:
        """Count ``page`` (a site path; None: one the server cannot name) as open while an
        event stream lasts."""
        with self._lock:
            self._open[page] += 1
        try:
            yield
        finally:
            with self._lock:
                self._open[page] -= 1
                if self._open[page] <= 0:
                    del self._open[page]

    def begin(self, fire: Callable[[], None]) -> None:
        """A build starts: ``fire()`` once it has written every open page."""
        with self._lock:
            self._written, self._fire, self._fired = {}, fire, False

    def written(self, rel: str, path: Path) -> None:
        """The build finished page ``rel`` at ``path`` (in its staging folder)."""
        with self._lock:
            self._written[rel] = path
            ready = (self._fire is not None and not self._fired and bool(self._open)
                     and all(page in self._written for page in self._open))
            if ready:
                self._fired = True
            fire = self._fire if ready else None
        if fire is not None:
            fire()

    def end(self) -> bool:
        """The build is over (its site swapped in, or failed): serve nothing early any more.
        Returns whether it fired."""
        with self._lock:
            fired = self._fired
            self._written, self._fire, self._fired = {}, None, False
        return fired

    def file(self, rel: str | None) -> Path | None:
        """The running build's finished file of page ``rel``, if it fired and has one."""
        if rel is None:
            return None
        with self._lock:
            return self._written.get(rel) if self._fired else None
