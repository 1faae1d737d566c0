"""Live reload for the preview: build states pushed over Server-Sent Events, and the page script.

The server publishes a :class:`BuildState` after every build. Each open page holds an
``EventSource`` on :data:`EVENTS_PATH`; the script injected into preview HTML (never into
``timeline build`` output) compares the state it was served with to each state it receives and
then reloads (keeping the scroll position), swaps stylesheets only (CSS-only change), or shows /
clears the error overlay. Because the comparison is by output identity, a page that missed
events while the server was restarting catches up as soon as it reconnects.
"""

from __future__ import annotations

import html
import http.client
import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

#: URL of the event stream; outside any site path so it never collides with a page.
EVENTS_PATH = "/__timeline__/events"
#: How often an idle stream sends a comment, so dead connections are noticed and closed.
KEEPALIVE_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class BuildProblem:
    """One error of the latest build, as shown in the overlay."""

    message: str
    file: str | None = None
    line: int | None = None
    hint: str | None = None

    @property
    def where(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, slots=True)
class BuildState:
    """What every open page needs to know after a build.

    ``output`` names the site currently served (it changes whenever a build replaced the
    output); ``css_from`` is the previous ``output`` when the only change since it was to
    stylesheets, so pages at that output may swap styles instead of reloading.
    """

    build: int
    output: str
    problems: tuple[BuildProblem, ...] = field(default_factory=tuple)
    css_from: str | None = None
    #: True when the latest build wrote nothing, so the pages shown are the last good build
    #: (False with problems: the site was built without the files at fault).
    stale: bool = False

    @property
    def title(self) -> str:
        """The overlay's heading."""
        return STALE_TITLE if self.stale else PARTIAL_TITLE

    def to_json(self) -> str:
        data = asdict(self)
        data["problems"] = [asdict(p) | {"where": p.where} for p in self.problems]
        data["title"] = self.title
        return json.dumps(data)


class EventBroker:
    """The latest :class:`BuildState`, and a condition that wakes every stream when it changes."""

    def __init__(self, state: BuildState) -> None:
        self._state = state
        self._cond = threading.Condition()
        self._closed = False
        #: counts the states published: a build's final state may follow its early one
        #: (:mod:`timeline.preview.early`) with the same build number
        self._version = 0

    @property
    def state(self) -> BuildState:
        with self._cond:
            return self._state

    @property
    def closed(self) -> bool:
        return self._closed

    def publish(self, state: BuildState) -> None:
        with self._cond:
            self._state = state
            self._version += 1
            self._cond.notify_all()

    def close(self) -> None:
        """Wake every stream so it ends: the server is stopping."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def wait_newer(self, build: int, timeout: float) -> BuildState | None:
        """The state once its build number passes ``build``; ``None`` on timeout or close."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._state.build > build, timeout)
            if self._closed or self._state.build <= build:
                return None
            return self._state


    def current(self) -> tuple[int, BuildState]:
        """The state with the count of states published so far."""
        with self._cond:
            return self._version, self._state

    def wait_changed(self, version: int, timeout: float) -> tuple[int, BuildState] | None:
        """The state (and count) once a state was published after the ``version``-th;
        ``None`` on timeout or close."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._version > version, timeout)
            if self._closed or self._version <= version:
                return None
            return self._version, self._state


def sse_message(state: BuildState) -> bytes:
    return f"id: {state.build}\nevent: state\ndata: {state.to_json()}\n\n".encode()


def stream(broker: EventBroker, write, keepalive: float = KEEPALIVE_SECONDS) -> None:
    """Write the current state, then every new one, until the broker closes or the client goes.

    ``write(bytes)`` must raise ``OSError`` once the client has disconnected.
    """
    seen, state = broker.current()
    # A short retry makes pages reconnect quickly after the server restarts.
    write(b"retry: 500\n\n" + sse_message(state))
    while not broker.closed:
        changed = broker.wait_changed(seen, keepalive)
        if changed is None:
            if broker.closed:
                return
            write(b": keepalive\n\n")
            continue
        seen, state = changed
        write(sse_message(state))


# -- the page side -------------------------------------------------------------------------
#
# The built pages carry a strict Content-Security-Policy (scripts and styles from 'self' only,
# nothing inline). The preview keeps that policy - so it shows what production will do - and
# therefore injects only a JSON data block (not executed, so allowed) plus references to a
# same-origin script and stylesheet served by the preview server.

#: Served by the preview server, outside any site path.
SCRIPT_PATH = "/__timeline__/livereload.js"
STYLE_PATH = "/__timeline__/overlay.css"
_OVERLAY_ID = "__timeline-overlay"
STALE_TITLE = "Build failed \u2014 showing the last good build"
PARTIAL_TITLE = "Build errors \u2014 the files below are left out of the site"

_SCRIPT = """(function () {
  "use strict";
  var holder = document.getElementById("__timeline-state");
  if (!holder) { return; }
  var state = JSON.parse(holder.textContent);
  var scrollKey = "timeline-scroll:" + location.pathname;
  function restoreScroll() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null"); } catch (e) {}
    if (saved) { window.scrollTo(saved[0], saved[1]); }
  }
  restoreScroll();
  window.addEventListener("load", function () {
    restoreScroll();
    try { sessionStorage.removeItem(scrollKey); } catch (e) {}
  });
  function reload() {
    try { sessionStorage.setItem(scrollKey, JSON.stringify([scrollX, scrollY])); } catch (e) {}
    location.reload();
  }
  function stylesheets(doc) {
    return Array.prototype.filter.call(doc.querySelectorAll('link[rel~="stylesheet"]'),
      function (link) { return link.getAttribute("href").indexOf("/__timeline__/") !== 0; });
  }
  function refreshStyles() {
    // Built stylesheets carry a content hash in their names, so ask the page which ones it
    // links now and swap each changed link in place (new one loaded first: no flash).
    fetch(location.href, { cache: "no-store" }).then(function (response) {
      return response.text();
    }).then(function (text) {
      var fresh = stylesheets(new DOMParser().parseFromString(text, "text/html"));
      var current = stylesheets(document);
      if (fresh.length !== current.length) { reload(); return; }
      current.forEach(function (link, index) {
        var href = fresh[index].getAttribute("href");
        if (href === link.getAttribute("href")) {
          var url = new URL(href, location.href);
          url.searchParams.set("_timeline", String(Date.now()));
          href = url.href;
        }
        var replacement = link.cloneNode();
        replacement.href = href;
        replacement.addEventListener("load", function () { link.remove(); });
        replacement.addEventListener("error", reload);
        link.after(replacement);
      });
    }).catch(reload);
  }
  function overlay(problems, heading) {
    var box = document.getElementById("OVERLAY_ID");
    if (box) { box.remove(); }
    if (!problems.length) { return; }
    box = document.createElement("div");
    box.id = "OVERLAY_ID";
    box.setAttribute("role", "alert");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Hide until the next build");
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    var title = document.createElement("strong");
    title.textContent = heading;
    box.appendChild(title);
    problems.forEach(function (p) {
      var item = document.createElement("pre");
      // textContent, never innerHTML: messages quote the user's files.
      item.textContent = (p.where ? p.where + ": " : "") + p.message +
        (p.hint ? " (" + p.hint + ")" : "");
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }
  overlay(state.problems, state.title);  // the server-rendered one, now with a close button
  var source = null;
  function connect() {
    // the page it shows: the server reloads it as soon as a build has written it
    source = new EventSource("EVENTS_PATH?page=" + encodeURIComponent(location.pathname));
    // Lets tests and tools know the page is listening.
    source.onopen = function () { window.__timelineConnected = true; };
    source.addEventListener("state", function (event) {
      var next = JSON.parse(event.data);
      if (next.output !== state.output) {
        if (next.css_from !== null && next.css_from === state.output) { refreshStyles(); }
        else { reload(); return; }
      }
      state = next;
      overlay(next.problems, next.title);
    });
    source.onerror = function () {
      // The browser retries by itself; if it gave up (server gone for good), try again later.
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 1000); }
    };
  }
  connect();
})();
"""

SCRIPT = _SCRIPT.replace("OVERLAY_ID", _OVERLAY_ID).replace("EVENTS_PATH", EVENTS_PATH)

STYLE = f"""#{_OVERLAY_ID} {{
  position: fixed; z-index: 2147483647; left: 1rem; right: 1rem; bottom: 1rem;
  max-height: 60vh; overflow: auto; padding: 1rem 1.2rem; border-radius: 6px;
  background: #2b0b0b; color: #ffe9e9; border: 2px solid #ff6b6b;
  font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  box-shadow: 0 6px 30px rgba(0, 0, 0, .5); text-align: left;
}}
#{_OVERLAY_ID} pre {{ white-space: pre-wrap; margin: .6em 0 0; font: inherit; color: inherit; }}
#{_OVERLAY_ID} button {{
  float: right; margin: -.4rem -.4rem 0 1rem; padding: 0 .5rem; font: 20px/1.2 sans-serif;
  color: inherit; background: none; border: 1px solid currentColor; border-radius: 4px;
  cursor: pointer;
}}
"""

#: Files the preview server serves under ``/__timeline__/``: path -> (body, content type).
ASSETS = {
    SCRIPT_PATH: (SCRIPT.encode(), "text/javascript; charset=utf-8"),
    STYLE_PATH: (STYLE.encode(), "text/css; charset=utf-8"),
}


def _json_for_script(text: str) -> str:
    """JSON that cannot end a ``<script>`` element or open a comment, whatever it holds."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def overlay_html(problems: tuple[BuildProblem, ...] | list[BuildProblem],
                 title: str = STALE_TITLE) -> str:
    """The overlay as server-rendered HTML (so it shows even before the script runs)."""
    if not problems:
        return ""
    items = "".join(
        "<pre>" + html.escape((f"{p.where}: " if p.where else "") + p.message
                              + (f" ({p.hint})" if p.hint else "")) + "</pre>"
        for p in problems
    )
    return (f'<div id="{_OVERLAY_ID}" role="alert">'
            f"<strong>{html.escape(title)}</strong>"
            f"{items}</div>")


def snippet(state: BuildState) -> str:
    """Everything injected before ``</body>``: the state, the overlay (if any), the script."""
    return (f'<script type="application/json" id="__timeline-state">'
            f"{_json_for_script(state.to_json())}</script>"
            f'<link rel="stylesheet" href="{STYLE_PATH}">'
            f"{overlay_html(state.problems, state.title)}"
            f'<script src="{SCRIPT_PATH}"></script>')


_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject(page: bytes, state: BuildState) -> bytes:
    """``page`` with the live-reload snippet before its last ``</body>`` (appended if none)."""
    extra = snippet(state).encode()
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + extra
    cut = ends[-1].start()
    return page[:cut] + extra + page[cut:]


def error_page(state: BuildState, title: str = "Build failed") -> bytes:
    """A page for when there is no good build to show yet: the overlay and the live script."""
    return inject(
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{html.escape(title)}</title>"
        "<body><p>No build to show yet. Fix the problem below; this page reloads by itself.</p>"
        "</body></html>".encode(),
        state,
    )


# -- a small client, for tests, benchmarks and editor integrations -----------------------

class EventStreamClient:
    """Reads :class:`BuildState` messages from a running preview server's event stream."""

    def __init__(self, host: str, port: int, timeout: float = 30.0,
                 page: str | None = None) -> None:
        """``page``: the path of the page this client stands for, as a browser's names the
        page it shows (the server then reloads it as soon as a build has written it)."""
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        where = EVENTS_PATH + (f"?page={urllib.parse.quote(page)}" if page else "")
        self.connection.request("GET", where, headers={"Accept": "text/event-stream"})
        self.response = self.connection.getresponse()
        if self.response.status != 200:
            raise ConnectionError(f"event stream answered {self.response.status}")

    def states(self) -> Iterator[dict]:
        """Each state message as a dict, as it arrives (blocks; ``socket.timeout`` on silence)."""
        data: list[str] = []
        while True:
            raw = self.response.fp.readline()
            if not raw:
                return
            line = raw.decode().rstrip("\r\n")
            if line.startswith("data:"):
                data.append(line[5:].strip())
            elif not line and data:
                yield json.loads("\n".join(data))
                data = []

    def next_state(self) -> dict:
        for state in self.states():
            return state
        raise ConnectionError("event stream closed")

    def close(self) -> None:
        self.connection.close()
