"""Render the site's HTML pages from articles and events with Jinja templates.

One job: view data in, HTML files out (the views are made in :mod:`timeline.site.views` and
:mod:`timeline.site.sourcepages`, the environment in :mod:`timeline.site.environment`). Every
link is relative, so the site works from ``file://``, at a domain root and under a sub-path.
"""

from __future__ import annotations

import itertools
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline.config import Config
from timeline.events.keydates import select_key_dates
from timeline.model import Event, KeyDate
from timeline.pipeline.digest import digest
from timeline.site.environment import (
    EVENT_PARTIAL,
    STATIC_DIR,
    THEME,
    make_environment,
    render_template,
)
from timeline.site.keyindex import index_view, period_view
from timeline.site.legend import legend
from timeline.site.pagememo import (
    ArticleDigests,
    article_faces,
    dumps_marking_reads,
    kept_already,
    memoised_event_view,
    render_kept,
    render_made,
    templates_fingerprint,
    with_event_memo,
)
from timeline.site.periodjobs import can_send, period_job
from timeline.site.periods import PagePlan, plan_pages
from timeline.site.sourcejobs import SourcePages
from timeline.site.sourcepages import SourceDoc, newest_first, source_summary
from timeline.site.urls import INDEX_PAGE, SOURCES_DIR
from timeline.site.views import event_view, group_events

__all__ = ["THEME", "SourceDoc", "make_environment", "render_site", "copy_static"]


# --- pages ----------------------------------------------------------------------------------


def render_site(out_dir: Path, config: Config, events: list[Event], docs: list[SourceDoc],
                *, key_dates: Sequence[KeyDate] | None = None, plan: PagePlan | None = None,
                pages: dict[str, str] | None = None, memo=None,
                on_page: Callable[[str], None] | None = None,
                emit: Callable[[str, str], None] | None = None, keep=None,
                elsewhere: Callable[[dict], object] | None = None,
                meanwhile: Callable[[], None] | None = None,
                sources: SourcePages | None = None) -> list[Path]:
    """Write the key-event index, the period pages, the sources list, one page per source and
    the static assets.

    Returns the files written, relative to ``out_dir``. Raises :class:`TimelineError` naming
    the template (and line) when a template is broken. ``key_dates`` are the build's
    (:func:`timeline.events.keydates.select_key_dates`, chosen here when not given) and
    ``plan`` the period pages (:func:`timeline.site.periods.plan_pages`, likewise). With
    ``emit``, each HTML page is handed to ``emit(site path, text)`` as soon as it is rendered
    instead of being written (a build finishes and writes it there:
    :class:`timeline.site.seo.PageFinisher`), so the pages are never all in memory at once;
    with ``pages``, they are put there (for :func:`timeline.site.seo.finalize_site`). With ``memo``
    (a :class:`timeline.pipeline.pagetexts.PageMemo`), a source page or an event entry whose inputs
    are unchanged since an earlier build is reused, not re-rendered. ``on_page`` is called with
    each page's path once it is rendered (for a progress bar; :func:`page_count` pages in all).
    With ``keep`` (the :class:`timeline.site.seo.PageFinisher` that ``emit`` belongs to), a
    period or source page made from the same inputs as the previous build's is taken from the
    previous site (:mod:`timeline.site.keptpages`) instead of being rendered.
    With ``elsewhere`` (called with the ``site`` values before the index is rendered, it returns
    a :class:`timeline.site.parallel.SourcePageWorkers`), the source pages are rendered by
    other processes while this one renders the period pages and the sources list, and then
    the source pages the workers have no room for; the files returned are then this
    process's only. ``meanwhile`` (with ``elsewhere``) is called once this process has
    rendered its own pages, before the source pages left (it starts the exports on a thread:
    :class:`timeline.pipeline.meanwhile.Meanwhile`). ``sources``: the source pages walked
    so far, with the static assets in place (:mod:`timeline.pipeline.headstart`).
    """
    done = on_page or (lambda _rel: None)
    env = make_environment(config)
    docs_by_path = {str(doc.article.path): doc for doc in docs}
    shown = [e for e in events if not e.hidden]
    if key_dates is None:
        key_dates = select_key_dates(events, config)
    if plan is None or (key_dates and not plan.key_dates):  # a plan made without them
        plan = plan_pages(shown, key_dates)
    written = [] if sources else copy_static(out_dir, config.templates_path / STATIC_DIR)
    site = site_context(config, shown, docs)
    templates = templates_fingerprint(config) if memo is not None or keep is not None else ""
    # each article digested once: the keys of its page and of the entries citing it use it
    remembers = memo is not None or keep is not None
    articles = ArticleDigests(docs) if remembers else {}
    if sources is None:
        sources = SourcePages(docs, env, memo, templates, articles, plan.page_of, keep)
    articles = sources.articles  # the same digests (made once)
    timeline_env, view = env, event_view
    view_keys: dict[int, bytes] = {}  # id(view) -> digest of what the view was made from
    unseen = _unseen_fields(config) if remembers else ()
    # what the timeline pages show of each article: editing its text changes none of it
    faces = article_faces(docs) if unseen else articles
    if memo is not None:
        view = memoised_event_view(memo, faces, view_keys, unseen)
        if not (config.templates_path / EVENT_PARTIAL).exists():
            timeline_env = with_event_memo(env, memo, templates, articles, view_keys)

    def put(rel: str, text: str) -> None:
        if emit is not None:
            emit(rel, text)
        elif pages is not None:
            pages[rel] = text
        else:
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        written.append(out_dir / rel)
        done(rel)

    if remembers:  # tojson reads every key of the site values: they count as read
        env.policies["json.dumps_function"] = dumps_marking_reads
    def kept_here(rel: str) -> None:  # the previous build's page, put in place by ``keep``
        written.append(out_dir / rel)
        done(rel)

    # the workers start (a new process: imports, templates) while the index is rendered
    workers = elsewhere(site) if elsewhere is not None else None
    for rel in sources.held:
        kept_here(rel)
    sources.site, sources.env, sources.workers = site, env, workers
    sources.put, sources.kept, sources.page_of = put, kept_here, plan.page_of

    index = index_view(plan, docs_by_path, view=view)
    view_keys.clear()
    # the period pages go to the workers too, before the source pages (heavier, so the
    # workers never run dry while this process renders the index): timeline.site.periodjobs
    send_periods = workers is not None and can_send(config)
    sources_ids = {id(doc.article) for doc in docs} if send_periods else set()

    def period_pages():  # each period page: kept, rendered here, or sent to the workers
        for period in plan.periods:
            made = period_view(period, plan, index)

            def render(site_values: dict, period=period, made=made) -> str:
                years = group_events(period.events, docs_by_path, root="../", view=view)
                shown_there = [ev for y in years for ev in y.events + [e for m in y.months
                                                                       for e in m.events]]
                return render_template(
                    timeline_env, "period.html", root="../", site=site_values,
                    periods=index.rough_periods, period=made, years=years,
                    legend=legend(shown_there))

            send = send_periods and not sources.here
            inputs = None
            if keep is not None and (not send or keep.known(period.page)):
                inputs = _period_inputs(templates, index.rough_periods, made, period.events,
                                        docs_by_path, faces, unseen)
            if inputs is not None and kept_already(keep, period.page, inputs, site):
                kept_here(period.page)
            elif send:  # the worker computes the key when there is none to compare with
                worked_out = templates if keep is not None and inputs is None else None
                workers.submit_period(period.page, period_job(
                    period.events, _anchors(period.events, docs_by_path), made,
                    index.rough_periods, worked_out, unseen, sources_ids), inputs)
            elif keep is None:
                put(period.page, render(site))
            else:
                put(period.page, render_made(keep, period.page, inputs, site, render))
            view_keys.clear()
            yield True

    each_source = iter(sources.step, False)
    jobs = itertools.chain(period_pages(), each_source) if send_periods else each_source

    def feed() -> None:  # keep the workers busy while this process renders its pages
        while workers is not None and workers.wants() and next(jobs, False):
            pass

    feed()
    shown_there = [ev for y in index.years for d in y.dates for ev in d.summary + d.also]
    put(INDEX_PAGE, render_template(env, "index.html", root="", site=site, index=index,
                                    key_years=index.years, periods=index.periods,
                                    legend=legend(shown_there, index=True)))
    feed()
    if not send_periods:
        for _ in period_pages():
            feed()
    # Counted in one pass: per source it was sources x events x citations (1,000 articles: 5 s).
    cited = Counter(str(c.article.path) for e in shown for c in e.citations)
    listed = [source_summary(d, cited) for d in newest_first(docs)]
    for page, pager, chunk in source_list_pages(listed):
        def render_list(site_values: dict, pager=pager, chunk=chunk) -> str:
            return render_template(env, "sources.html", root="../", site=site_values,
                                   sources=chunk, pager=pager, total=len(listed))

        if keep is None:
            put(page, render_list(site))
        else:  # a page of the list whose sources are as they were is the previous one
            inputs = digest((templates, chunk, pager, len(listed)), faces, unseen)
            text = render_kept(keep, page, inputs, site, render_list)
            if text is None:  # the previous build's page, put in place by ``keep``
                kept_here(page)
            else:
                put(page, text)
        feed()
    if workers is not None and meanwhile is not None:
        meanwhile()
    while True:  # the rest: to the workers while they want more, else rendered here too
        feed()
        sources.here = True
        if not next(jobs, False):
            break
        sources.here = False
    if workers is not None:
        workers.finish()
        for rel in workers.redo:  # sent before a site value it reads was known
            (out_dir / rel).unlink(missing_ok=True)
            sources.again(rel)
    return [p.relative_to(out_dir) for p in written]


def _anchors(events: list[Event], docs_by_path: dict[str, SourceDoc]) -> list[str | None]:
    """The anchor of each citation of ``events`` on its source page (None: it has none)."""
    anchors = []
    for event in events:
        for citation in event.citations:
            doc = docs_by_path.get(str(citation.article.path))
            anchors.append(doc.timex_anchor(citation.timex) if doc else None)
    return anchors


def _period_inputs(templates: str, periods: list, made, events: list[Event],
                   docs_by_path: dict[str, SourceDoc], articles: dict[int, bytes],
                   unseen: tuple[str, ...]) -> bytes:
    """What a period page is made from besides the ``site`` values: the templates, the list
    of periods, the page's own view (neighbours, parts, key dates) and its events with the
    anchors of their citations on the source pages (articles as their digests), less the
    event fields in ``unseen`` (see :func:`_unseen_fields`)."""
    anchors = _anchors(events, docs_by_path)
    return digest((templates, periods, made, events, anchors), articles, unseen)


def _unseen_fields(config: Config) -> tuple[str, ...]:
    """Event fields the theme's pages never show: an event's salience is recomputed for the
    whole collection after any edit, and would make every period page look changed. A
    project that overrides a page template may show anything: then nothing is left out, and
    the timeline pages' keys hold their articles whole (not :func:`article_faces`)."""
    overrides = config.templates_path
    if overrides.is_dir() and any(overrides.rglob("*.html")):
        return ()
    return ("salience",)


#: Sources listed on one page of the sources list (about 600 bytes each).
SOURCES_PER_PAGE = 1_000


def page_count(plan: PagePlan, docs: list[SourceDoc]) -> int:
    """How many pages :func:`render_site` renders: the index, the period pages, the pages of
    the sources list and one page per source."""
    return 1 + len(plan.periods) + max(1, -(-len(docs) // SOURCES_PER_PAGE)) + len(docs)


def source_list_pages(sources: list[dict], per_page: int = SOURCES_PER_PAGE):
    """The sources list, newest first, cut into pages: ``sources/index.html``, then
    ``sources/page-2.html``... Yields (site path, pager, the page's sources); the pager lists
    every page as (label, file name, is this page), and is empty when there is one page."""
    chunks = [sources[i:i + per_page] for i in range(0, len(sources), per_page)] or [[]]
    names = [INDEX_PAGE] + [f"page-{n}.html" for n in range(2, len(chunks) + 1)]
    pager = [(f"{i * per_page + 1}–{i * per_page + len(chunk)}", name)
             for i, (chunk, name) in enumerate(zip(chunks, names, strict=True))]
    for number, chunk in enumerate(chunks):
        here = [(label, name, i == number) for i, (label, name) in enumerate(pager)]
        yield f"{SOURCES_DIR}/{names[number]}", here if len(chunks) > 1 else [], chunk


def copy_static(out_dir: Path, project_static: Path | None = None) -> list[Path]:
    """Copy the theme's CSS/JS into ``static/``, then the project's ``templates/static/``
    files over it (a file of the same name replaces the theme's)."""
    written: dict[Path, None] = {}
    for source_root in (THEME / STATIC_DIR, project_static):
        if source_root is None or not source_root.is_dir():
            continue
        for source in sorted(source_root.rglob("*")):
            if source.is_file() and not source.name.startswith("."):
                target = out_dir / STATIC_DIR / source.relative_to(source_root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                written[target] = None
    return list(written)


def site_context(config: Config, events: list[Event], docs: list[SourceDoc]) -> dict:
    """The ``site`` values every page's templates may read (``events``: the shown ones)."""
    # the heading's years are those of the key dates: a collection's background and stray
    # readings reach back centuries and would say nothing about the story
    spanned = [e for e in events if e.key] or events
    span = ""
    if spanned:
        first, last = min(e.start.year for e in spanned), max(e.start.year for e in spanned)
        span = str(first) if first == last else f"{first}–{last}"
    return {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
        "event_count": len(events),
        "source_count": len(docs),
        "span": span,
    }
