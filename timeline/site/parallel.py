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
AHEAD = 64
#: Pages sent to a worker as one task, and their pickled bytes at most. A worker's queue
#: holds two tasks, refilled by a thread of this process that must wait for the interpreter
#: lock (up to 5 ms each time, more while this process is in a long C call): one source page
#: (1.6 ms of rendering) a task left the worker waiting a quarter of the time.
BATCH, BATCH_BYTES = 16, 256 * 1024


def can_share(jobs: int, pages: int, memo=None) -> bool:
    """Whether the source pages go to worker processes (see the module)."""
    return jobs > 1 and pages >= MIN_PAGES and memo is None


class SourcePageWorkers:
    """Worker processes rendering source pages into ``staging``: :meth:`submit` each page,
    then :meth:`finish`; :meth:`close` in any case. Each page is rendered with the ``site``
    values :attr:`site` holds when it is sent."""

    def __init__(self, jobs: int, config, staging: Path, finisher,
                 on_page: Callable[[str], None]) -> None:
        self.finisher, self.on_page = finisher, on_page
        self.workers = max(1, jobs - 1)
        context = multiprocessing.get_context("spawn")
        setup = (config, str(staging), finisher.renamed(), finisher.urls.path_prefix)
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                         initializer=_start_worker, initargs=setup)
        #: per page sent: [its task's future (None until sent), site path, key known here,
        #: sent early, its place in the task]
        self._pending: deque[list] = deque()
        self._batch: list[tuple] = []  # the pages of the task not sent yet
        self._batch_bytes = 0
        self._unsent: list[list] = []  # their entries in ``_pending``
        self._last: Future | None = None  # the task sent last
        self.site: dict = {}
        #: pages sent now may read site values not known yet (:mod:`timeline.site.headstart`)
        self.early = False
        #: pages sent ahead of the oldest one not finished, per worker
        self.ahead = AHEAD
        #: early pages that read a site value not known then: to render again
        self.redo: list[str] = []
        self.sent = 0

    def submit(self, rel: str, doc, event_pages: dict[str, str], key) -> None:
        """Render the source page ``rel`` of ``doc`` there. ``key``: the page's inputs for
        the kept pages; None when there are none; a str (the templates' fingerprint) for the
        worker to compute them (see :func:`timeline.site.pagememo.render_source`)."""
        templates = key if isinstance(key, str) else None
        payload = dumps((doc, event_pages, templates))
        self._send("source", rel, payload, key if isinstance(key, bytes) else None)

    def submit_period(self, rel: str, payload: bytes, inputs: bytes | None) -> None:
        """Render the period page ``rel`` there from its job
        (:func:`timeline.site.periodjobs.period_job`); ``inputs``: its key when known here."""
        self._send("period", rel, payload, inputs)

    def _send(self, kind: str, rel: str, payload: bytes, inputs: bytes | None) -> None:
        entry = [None, rel, inputs, self.early, len(self._batch)]
        self._batch.append((kind, rel, payload, self.finisher.tags_of(rel), self.site))
        self._batch_bytes += len(payload)
        self._pending.append(entry)
        self._unsent.append(entry)
        self.sent += 1
        if len(self._batch) >= BATCH or self._batch_bytes >= BATCH_BYTES:
            self._flush()
        while len(self._pending) > self.workers * self.ahead:
            self._settle()

    def _flush(self) -> None:
        """Send the pages gathered as one task."""
        if not self._batch:
            return
        self._last = self._pool.submit(_render_batch, self._batch)
        for entry in self._unsent:
            entry[0] = self._last
        self._batch, self._batch_bytes, self._unsent = [], 0, []

    def wants(self) -> bool:
        """Whether more pages may be sent now (finished ones are taken in on the way)."""
        while self._pending and self._pending[0][0] is not None and self._pending[0][0].done():
            self._settle()
        if self._batch and (self._last is None or self._last.done()):
            self._flush()  # the workers may have nothing else to do
        return len(self._pending) < self.workers * self.ahead

    def finish(self) -> None:
        """Wait for every page sent; raises a worker's error."""
        self._flush()
        while self._pending:
            self._settle()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _settle(self) -> None:
        if self._pending[0][0] is None:
            self._flush()
        future, rel, inputs, early, place = self._pending.popleft()
        try:
            read, made_from, missing = future.result()[place]
        except BrokenProcessPool:
            raise TimelineError("a process rendering the source pages died (out of memory?)",
                                hint="try again with fewer processes, e.g. --jobs 1") from None
        if early and missing:  # it read a site value not known when it was sent
            self.redo.append(rel)
            return
        if inputs is not None or made_from is not None:
            self.finisher.wrote_elsewhere(rel, inputs or made_from, read)
        self.on_page(rel)


# --- in the workers ---------------------------------------------------------------------------

_WORKER: dict = {}


def _start_worker(config, staging: str, renamed: dict[str, str], prefix: str) -> None:
    from timeline.site.environment import make_environment
    from timeline.site.pagememo import dumps_marking_reads

    env = make_environment(config)
    env.policies["json.dumps_function"] = dumps_marking_reads  # as render_site sets it
    _WORKER.update(env=env, staging=Path(staging), renamed=renamed, prefix=prefix)


def _render_batch(pages: list[tuple]) -> list[tuple]:
    """Render the pages of one task (kind, site path, job, head tags, site values), in order."""
    render = {"source": _render_source, "period": _render_period}
    return [render[kind](rel, payload, tags, site) for kind, rel, payload, tags, site in pages]


def _render_source(rel: str, payload: bytes, tags: str, site: dict) -> tuple:
    """Render, finish and write one source page; return the ``site`` values it read, when
    asked (given the templates' fingerprint) the page's inputs, and whether it read a value
    ``site`` lacks."""
    import pickle

    from timeline.site.environment import render_template
    from timeline.site.pagememo import read_missing, source_inputs, track_site
    from timeline.site.sourcepages import source_view

    doc, event_pages, templates = pickle.loads(payload)
    tracked = track_site(site)
    text = render_template(_WORKER["env"], "source.html", root="../", site=tracked,
                           source=source_view(doc, event_pages))
    _write(rel, text, tags)
    made_from = None
    if templates is not None:
        linked = sorted({event_id: event_pages.get(event_id, "")
                         for event_id in doc.event_of.values()}.items())
        made_from = source_inputs(doc, templates, linked)
    read = tracked.values_read()
    return read, made_from, read_missing(read)


def _write(rel: str, text: str, tags: str) -> None:
    """Finish page ``rel`` (:func:`timeline.site.seo.finish_page`) and write it."""
    from timeline.site.seo import finish_page

    target = _WORKER["staging"] / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(finish_page(text, rel, tags, _WORKER["renamed"], _WORKER["prefix"]),
                      encoding="utf-8")


def _render_period(rel: str, payload: bytes, tags: str, site: dict) -> tuple:
    """Render, finish and write one period page; return what :func:`_render_source` does
    (:func:`timeline.site.periodjobs.render_period`)."""
    from timeline.site.pagememo import read_missing, track_site
    from timeline.site.periodjobs import render_period

    tracked = track_site(site)
    text, made_from = render_period(_WORKER["env"], tracked, payload)
    _write(rel, text, tags)
    read = tracked.values_read()
    return read, made_from, read_missing(read)


def render_pages(out_dir: Path, config, events, docs, *, key_dates, plan, memo, stages,
                 finisher, keep, jobs: int, meanwhile: Callable[[], None] | None = None,
                 head=None) -> None:
    """:func:`timeline.site.render.render_site` into ``out_dir``, each page finished and
    written by ``finisher`` (a :class:`timeline.site.seo.PageFinisher`; ``keep``: the same,
    when the previous build's pages may be kept), with the source pages on ``jobs - 1``
    worker processes when :func:`can_share` allows; ``meanwhile`` is then called once this
    process has rendered its own pages (see :func:`~timeline.site.render.render_site`).
    ``head``: the workers started before, with the source pages sent so far
    (:class:`timeline.pipeline.headstart.HeadStart`)."""
    from timeline.site.render import render_site

    common = dict(key_dates=key_dates, plan=plan, memo=memo, emit=finisher.write, keep=keep,
                  on_page=stages.advance)
    if head is None and not can_share(jobs, len(docs), memo):
        render_site(out_dir, config, events, docs, **common)
        return
    made: list[SourcePageWorkers] = [head.workers] if head is not None else []

    def start(site: dict) -> SourcePageWorkers:
        if not made:
            made.append(SourcePageWorkers(jobs, config, out_dir, finisher, stages.advance))
        made[0].site, made[0].on_page = site, stages.advance
        return made[0]

    try:
        render_site(out_dir, config, events, docs, elsewhere=start, meanwhile=meanwhile,
                    sources=head.sources if head is not None else None, **common)
    finally:
        for workers in made:
            workers.close()
