"""Load the real preview server on loopback while articles change under it; count what it served.

A copy of the example project (plus ``--extra`` generated articles, so builds take a moment) is
served by :class:`timeline.preview.serve.PreviewServer` on 127.0.0.1 with its real file watcher.
``--clients`` threads, each with its own keep-alive HTTP/1.1 connection, request the site's
pages, exports and assets in turn; meanwhile an editor thread rewrites one article ``--touches``
times, every ``--interval`` seconds, so the watcher triggers rebuilds while requests are in
flight. Every response is checked: status 200, body length equal to Content-Length, and a
complete document for its type (HTML ends with ``</html>``; JSON, Atom and sitemap parse).

Bounded: the run stops after ``--requests`` requests once all touches are done and their builds
have finished, or after ``--seconds``, whichever comes first; the server is always stopped.

Prints requests served, requests per second, latency percentiles, rebuilds during the load,
errors and partially written pages seen. Exit status 1 if any error or partial page was seen.

Usage: python3 bench/serve_load.py [--clients 8] [--requests 4000] [--touches 20]
                                   [--interval 0.25] [--seconds 120] [--extra 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_PROSE = ("officials said the council would review plans for roads schools water power and "
          "new housing after talks with regional leaders about budgets taxes and elections")
WORDS = _PROSE.split()


@dataclass
class LoadReport:
    requests: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    builds_during_load: int = 0
    failed_builds: int = 0
    build_problems: list[str] = field(default_factory=list)
    touches: int = 0
    urls: int = 0

    def lines(self) -> list[str]:
        ordered = sorted(self.latencies) or [0.0]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        rate = self.requests / self.seconds if self.seconds else 0.0
        return [
            f"requests served: {self.requests:,} in {self.seconds:.1f} s ({rate:,.0f}/s) over "
            f"{self.urls} URLs; statuses {dict(self.statuses)}",
            f"latency: median {statistics.median(ordered) * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms",
            f"rebuilds during the load: {self.builds_during_load} after {self.touches} "
            f"article edits ({self.failed_builds} failed)",
            f"errors: {len(self.errors)}; partially written pages: {len(self.partial)}",
            *[f"  error: {e}" for e in self.errors[:10]],
            *[f"  partial: {p}" for p in self.partial[:10]],
            *[f"  failed build: {p}" for p in self.build_problems[:10]],
        ]


def make_project(extra: int, seed: int = 1) -> Path:
    """The example project in a temp folder, plus ``extra`` generated dated articles."""
    project = Path(tempfile.mkdtemp(prefix="serve-load-"))
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copyfile(ROOT / "timeline.toml", project / "timeline.toml")
    rng = random.Random(seed)
    for number in range(extra):
        sentences = " ".join(
            f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}, 2014 the "
            + " ".join(rng.choice(WORDS) for _ in range(10)) + f" item {number}-{i}."
            for i in range(25))
        (project / "content" / f"2014-06-15-generated-{number:03d}.txt").write_text(
            f"Generated {number}\n\n{sentences}\n", encoding="utf-8")
    return project


def site_urls(server) -> list[str]:
    """Every file of the served site as a URL path (pages, exports, assets)."""
    site = server.site_dir
    paths = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*")) if p.is_file()]
    return [server.mount + p for p in paths if not p.startswith(".")]


def check_body(url: str, body: bytes) -> str | None:
    """Why ``body`` is not a complete document for ``url`` (None if it is)."""
    if url.endswith(".html"):
        return None if body.rstrip().endswith(b"</html>") else "HTML does not end with </html>"
    try:
        if url.endswith(".json"):
            json.loads(body)
        elif url.endswith((".atom", ".xml")):
            ET.fromstring(body)
        elif url.endswith(".ics") and not body.rstrip().endswith(b"END:VCALENDAR"):
            return "calendar does not end with END:VCALENDAR"
    except (ValueError, ET.ParseError) as exc:
        return f"does not parse: {exc}"
    return None if body else "empty body"


def client(server, urls: list[str], report: LoadReport, lock: threading.Lock,
           keep_going, seed: int) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        while keep_going():
            url = rng.choice(urls)
            began = time.perf_counter()
            try:
                connection.request("GET", url)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    report.errors.append(f"{url}: {type(exc).__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                continue
            elapsed = time.perf_counter() - began
            length = response.getheader("Content-Length")
            problem = None
            if response.status != 200:
                problem = f"status {response.status}"
            elif length is not None and int(length) != len(body):
                problem = f"{len(body)} bytes for Content-Length {length}"
            partial = check_body(url, body) if response.status == 200 else None
            with lock:
                report.requests += 1
                report.statuses[response.status] += 1
                report.latencies.append(elapsed)
                if problem:
                    report.errors.append(f"{url}: {problem}")
                if partial:
                    report.partial.append(f"{url}: {partial}")
    finally:
        connection.close()


def editor(article: Path, touches: int, interval: float, report: LoadReport) -> None:
    """Rewrite one article again and again, as an editor saving often would."""
    original = article.read_text(encoding="utf-8")
    for number in range(touches):
        time.sleep(interval)
        day = number % 28 + 1
        article.write_text(f"{original}\nOn July {day}, 2014 edit number {number} was saved.\n",
                           encoding="utf-8")
        report.touches += 1


def run_load(project: Path, *, clients: int = 8, requests: int = 4000, touches: int = 20,
             interval: float = 0.25, seconds: float = 120.0) -> LoadReport:
    from timeline.config import load_config
    from timeline.preview.serve import PreviewServer

    report = LoadReport()
    server = PreviewServer(load_config(project), host="127.0.0.1", port=0, debounce=0.05)
    server.start()
    try:
        builds_before = len(server.builds)
        urls = site_urls(server)
        report.urls = len(urls)
        article = sorted((project / "content").glob("*.txt"))[0]
        edits = threading.Thread(target=editor, args=(article, touches, interval, report))
        lock = threading.Lock()
        began = time.monotonic()
        deadline = began + seconds
        settled = threading.Event()  # edits done and the builds they caused finished

        def keep_going() -> bool:
            if time.monotonic() > deadline:
                return False
            return report.requests < requests or not settled.is_set()

        workers = [threading.Thread(target=client, args=(server, urls, report, lock,
                                                         keep_going, n)) for n in range(clients)]
        edits.start()
        for worker in workers:
            worker.start()
        edits.join(timeout=seconds)
        _wait_quiet(server, deadline)
        settled.set()
        for worker in workers:
            worker.join(timeout=max(1.0, deadline - time.monotonic() + 30))
        report.seconds = time.monotonic() - began
        during = server.builds[builds_before:]
        report.builds_during_load = len(during)
        report.failed_builds = sum(1 for b in during if b.problems)
        report.build_problems = [f"{p.where}: {p.message}" for b in during for p in b.problems]
    finally:
        server.stop()
    return report


def _wait_quiet(server, deadline: float, quiet: float = 2.0) -> None:
    """Until no build has finished for ``quiet`` seconds (or the deadline): the watcher's
    debounce and the last build are well over by then."""
    count, since = len(server.builds), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if len(server.builds) != count:
            count, since = len(server.builds), time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--touches", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.25)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--extra", type=int, default=20, help="generated articles to add")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    project = make_project(args.extra)
    try:
        report = run_load(project, clients=args.clients, requests=args.requests,
                          touches=args.touches, interval=args.interval, seconds=args.seconds)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    print(f"serve_load: {args.clients} clients, {args.touches} edits every {args.interval}s, "
          f"{args.extra} generated articles + the example content")
    for line in report.lines():
        print(line)
    sys.exit(1 if report.errors or report.partial else 0)


if __name__ == "__main__":
    main()
