"""Render the source pages, and period pages, on other processes while this one renders the
index, the sources list and the exports.

A cold build's pages are half source pages (one per article: its text with every expression
highlighted) and half timeline pages (the index, the period pages). With ``jobs`` above 1, the
source pages go to ``jobs - 1`` worker processes: each page's data (the article with its
expressions, the pages of the events they link to, the head tags) is sent pickled, and the
worker renders, finishes (:func:`timeline.site.seo.finish_page`) and writes the page into the
staging folder, returning which ``site`` values the template read (for the kept pages'
record). Meanwhile this process renders the index and the sources list, and writes the
exports. The period pages go to the workers as well, first (:mod:`timeline.site.periodjobs`): they
were most of this process's share, which made it the stage's critical path; whatever the
workers have no room for, this process renders itself, so both sides stay busy to the end.

The workers are fresh processes (spawned), not forks of the build: a fork would share all
the build's data copy-on-write, but rendering touches (and so copies) about half of it
(measured on 2,000 articles: 97 MB of 190), and each fork would count as the build's whole
size in a measure of resident memory. A worker holds the templates and the page in hand,
about 45 MB; at most :data:`AHEAD` pages per worker wait in this process.

Each page is made from the same data, by the same templates, wherever it is rendered, so the
site is the same byte for byte as one process writes. Not used with an in-memory page memo
(the preview server's, which keeps rendered pages between builds) or for few pages.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from timeline.errors import TimelineError
from timeline.pipeline.digest import dumps

#: Fewer source pages than this are rendered here: starting a worker costs more.
MIN_PAGES = 16
#: Pages sent ahead of the oldest one not finished, per worker: bounds the data in flight.
AHEAD = 32


def can_share(jobs: int, pages: int, memo=None) -> bool:
    """Whether the source pages go to worker processes (see the module)."""
    return jobs > 1 and pages >= MIN_PAGES and memo is None


class SourcePageWorkers:
    """Worker processes rendering source pages into ``staging``: :meth:`submit` each page,
    then :meth:`finish`; :meth:`close` in any case."""

    def __init__(self, jobs: int, config, staging: Path, site: dict, finisher,
                 on_page: Callable[[str], None]) -> None:
        self.finisher, self.on_page = finisher, on_page
        self.workers = max(1, jobs - 1)
        context = multiprocessing.get_context("spawn")
        setup = (config, str(staging), site, finisher.renamed(), finisher.urls.path_prefix)
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                         initializer=_start_worker, initargs=setup)
        self._pending: deque[tuple[Future, str, bytes | None]] = deque()

    def submit(self, rel: str, doc, event_pages: dict[str, str], key) -> None:
        """Render the source page ``rel`` of ``doc`` there. ``key``: the page's inputs for
        the kept pages; None when there are none; a str (the templates' fingerprint) for the
        worker to compute them (see :func:`timeline.site.pagememo.render_source`)."""
        templates = key if isinstance(key, str) else None
        payload = dumps((doc, event_pages, self.finisher.tags_of(rel), templates))
        inputs = key if isinstance(key, bytes) else None
        self._pending.append((self._pool.submit(_render_source, rel, payload), rel, inputs))
        while len(self._pending) > self.workers * AHEAD:
            self._settle()

    def submit_period(self, rel: str, payload: bytes, inputs: bytes | None) -> None:
        """Render the period page ``rel`` there from its job
        (:func:`timeline.site.periodjobs.period_job`); ``inputs``: its key when known here."""
        tags = self.finisher.tags_of(rel)
        self._pending.append((self._pool.submit(_render_period, rel, payload, tags), rel, inputs))
        while len(self._pending) > self.workers * AHEAD:
            self._settle()

    def wants(self) -> bool:
        """Whether more pages may be sent now (finished ones are taken in on the way)."""
        while self._pending and self._pending[0][0].done():
            self._settle()
        return len(self._pending) < self.workers * AHEAD

    def finish(self) -> None:
        """Wait for every page sent; raises a worker's error."""
        while self._pending:
            self._settle()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _settle(self) -> None:
        future, rel, inputs = self._pending.popleft()
        try:
            read, made_from = future.result()
        except BrokenProcessPool:
            raise TimelineError("a process rendering the source pages died (out of memory?)",
                                hint="try again with fewer processes, e.g. --jobs 1") from None
        if inputs is not None or made_from is not None:
            self.finisher.wrote_elsewhere(rel, inputs or made_from, read)
        self.on_page(rel)


# --- in the workers ---------------------------------------------------------------------------

_WORKER: dict = {}


def _start_worker(config, staging: str, site: dict, renamed: dict[str, str],
                  prefix: str) -> None:
    from timeline.site.environment import make_environment
    from timeline.site.pagememo import dumps_marking_reads

    env = make_environment(config)
    env.policies["json.dumps_function"] = dumps_marking_reads  # as render_site sets it
    _WORKER.update(env=env, staging=Path(staging), site=site, renamed=renamed, prefix=prefix)


def _render_source(rel: str, payload: bytes) -> tuple:
    """Render, finish and write one source page; return the ``site`` values it read and,
    when asked (given the templates' fingerprint), the page's inputs."""
    import pickle

    from timeline.site.environment import render_template
    from timeline.site.pagememo import source_inputs, track_site
    from timeline.site.seo import finish_page
    from timeline.site.sourcepages import source_view

    doc, event_pages, tags, templates = pickle.loads(payload)
    tracked = track_site(_WORKER["site"])
    text = render_template(_WORKER["env"], "source.html", root="../", site=tracked,
                           source=source_view(doc, event_pages))
    target = _WORKER["staging"] / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(finish_page(text, rel, tags, _WORKER["renamed"], _WORKER["prefix"]),
                      encoding="utf-8")
    made_from = None
    if templates is not None:
        linked = sorted({event_id: event_pages.get(event_id, "")
                         for event_id in doc.event_of.values()}.items())
        made_from = source_inputs(doc, templates, linked)
    return tracked.values_read(), made_from


def _render_period(rel: str, payload: bytes, tags: str) -> tuple:
    """Render, finish and write one period page; return the ``site`` values it read and its
    key when asked (:func:`timeline.site.periodjobs.render_period`)."""
    from timeline.site.pagememo import track_site
    from timeline.site.periodjobs import render_period
    from timeline.site.seo import finish_page

    tracked = track_site(_WORKER["site"])
    text, made_from = render_period(_WORKER["env"], tracked, payload)
    target = _WORKER["staging"] / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(finish_page(text, rel, tags, _WORKER["renamed"], _WORKER["prefix"]),
                      encoding="utf-8")
    return tracked.values_read(), made_from


def render_pages(out_dir: Path, config, events, docs, *, key_dates, plan, memo, stages,
                 finisher, keep, jobs: int, meanwhile: Callable[[], None] | None = None) -> None:
    """:func:`timeline.site.render.render_site` into ``out_dir``, each page finished and
    written by ``finisher`` (a :class:`timeline.site.seo.PageFinisher`; ``keep``: the same,
    when the previous build's pages may be kept), with the source pages on ``jobs - 1``
    worker processes when :func:`can_share` allows; ``meanwhile`` is then called once this
    process has rendered its own pages (see :func:`~timeline.site.render.render_site`)."""
    from timeline.site.render import render_site

    common = dict(key_dates=key_dates, plan=plan, memo=memo, emit=finisher.write, keep=keep,
                  on_page=stages.advance)
    if not can_share(jobs, len(docs), memo):
        render_site(out_dir, config, events, docs, **common)
        return
    made: list[SourcePageWorkers] = []

    def start(site: dict) -> SourcePageWorkers:
        made.append(SourcePageWorkers(jobs, config, out_dir, site, finisher, stages.advance))
        return made[-1]

    try:
        render_site(out_dir, config, events, docs, elsewhere=start, meanwhile=meanwhile,
                    **common)
    finally:
        for workers in made:
            workers.close()
