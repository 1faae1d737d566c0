"""Build the site: content folder in, a complete static site out, replaced atomically.

Pipeline: discover -> :func:`process_article` each (load + tag + build events; pure, so a cache
can memoise it) -> merge -> render pages -> exports -> swap into the output folder.

The site is rendered into a fresh folder beside the output and swapped in only when complete,
so a failed or interrupted build leaves the previous site as it was. A marker file lists every
file a build wrote; a build refuses to replace a folder it did not create
(:mod:`timeline.pipeline.output`).
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from timeline.config import Config
from timeline.errors import Diagnostics, TimelineError
from timeline.events.extract import UniqueNames, build_events
from timeline.events.furniture import PageLines, page_lines
from timeline.events.headline import assign_headlines
from timeline.events.keydates import select_key_dates
from timeline.events.setaside import FurnitureReport, set_aside_furniture
from timeline.events.topic import term_weights
from timeline.ingest.content import discover, load_article, read_source
from timeline.model import Article, Event, KeyDate
from timeline.pipeline.headstart import head_start
from timeline.pipeline.output import (  # the site folder's side (names kept here too)
    MARKER,
    check_output_dir,
    foreign_files,
    kept_pages,
    remove_tree,
    render_and_swap,
    source_docs,
)
from timeline.progress import Stages
from timeline.temporal import tag
from timeline.temporal.conventions import Conventions
from timeline.temporal.model import Timex

Echo = Callable[[str], None]

__all__ = ["MARKER", "ArticleResult", "BuildResult", "Stopwatch", "build_site", "enrich",
           "foreign_files", "merge", "process_article", "remove_tree", "setting_notes",
           "source_docs"]


@dataclass
class ArticleResult:
    """Everything one content file contributes, computed from that file alone."""

    path: Path
    article: Article | None  # None when the file could not be read
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    #: Hashes of the article's lines, for the collection-wide furniture pass (which drops them).
    lines: PageLines | None = None
    #: The cache key the result is stored under (it covers the file's bytes, the settings and
    #: the code that made it), set by the build that took it from the cache or stored it;
    #: None without a cache. Pages keyed on the article use it instead of digesting its text.
    origin: str | None = None


@dataclass
class BuildResult:
    ok: bool
    diagnostics: Diagnostics
    articles: list[Article]
    events: list[Event]
    output: Path
    written: bool = False  # True when the output folder was replaced
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)
    #: advice on the settings, printed by ``timeline build`` but not a warning: it holds for
    #: every build of the project, so ``--strict`` does not fail on it
    notes: list[str] = field(default_factory=list)
    key_dates: list[KeyDate] = field(default_factory=list)
    #: wall-clock seconds per build stage, in the order they ran (``timeline build --timings``)
    stages: dict[str, float] = field(default_factory=dict)
    #: CPU seconds of the building process per stage (worker processes not counted)
    cpu: dict[str, float] = field(default_factory=dict)
    furniture: FurnitureReport = field(default_factory=FurnitureReport)

    @property
    def pages(self) -> int:
        """How many HTML pages the site has (0 until it was written)."""
        return sum(1 for name in self.files if name.endswith(".html"))

    def summary(self) -> str:
        warnings, errors = len(self.diagnostics.warnings), len(self.diagnostics.errors)
        pages = f", {_plural(self.pages, 'page')}" if self.written else ""
        counts = (f"{_plural(len(self.articles), 'article')}, {_plural(len(self.events), 'event')}"
                  f"{pages}, {_plural(warnings, 'warning')}, {_plural(errors, 'error')}")
        if self.written:
            line = f"Built {self.output} in {self.seconds:.2f}s: {counts}"
        else:
            line = f"Build failed, {self.output} left unchanged: {counts}"
        return line + self.furniture.summary()


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class Stopwatch:
    """Wall-clock time per named stage, and this process's CPU time (on a shared machine the
    wall clock mostly measures the others); a stage timed twice adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str):
        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - began
            self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed
            self.cpu[stage] = self.cpu.get(stage, 0.0) + time.process_time() - began_cpu

    def forget(self, stage: str) -> None:
        """Leave ``stage`` out of the times (its moment was spent doing nothing)."""
        self.seconds.pop(stage, None)
        self.cpu.pop(stage, None)


# --- per article ----------------------------------------------------------------------------


def process_article(path: Path, config: Config, data: bytes | None = None) -> ArticleResult:
    """Load, tag and build events for one content file. Problems become diagnostics.

    ``data`` is the file's bytes if the caller has read them (see
    :func:`timeline.ingest.content.read_source`)."""
    result = ArticleResult(path=Path(path), article=None)
    try:
        article = load_article(Path(path), config, result.diagnostics, data)
    except TimelineError as exc:
        result.diagnostics.add(exc.diagnostic)
        return result
    result.article = article
    result.lines = page_lines(article)
    try:
        result.timexes = tag(article.text, article.published_date, dayfirst=config.dayfirst,
                             conventions=Conventions.parse(config.conventions))
        result.events = build_events(article, result.timexes)
        # each event's headline is made from its one sentence: here, on every core and
        # cached with the article, instead of for every event of the site at each build
        assign_headlines(result.events)
    except Exception as exc:  # noqa: BLE001 - a tagger bug must cost one article, not the site
        result.timexes, result.events = [], []
        result.diagnostics.error(f"internal error while dating the text: {exc!r}", article.path,
                                 hint="please report this with the file attached")
    return result


# --- the whole site -------------------------------------------------------------------------


def build_site(config: Config, *, strict: bool = False, echo: Echo | None = None,
               cache=None, progress: Stages | None = None,
               on_page: Callable[[str, Path], None] | None = None) -> BuildResult:
    """Build the site of ``config`` into its output folder.

    ``echo`` gets a line per article read; ``progress`` is told each stage (articles read,
    events built, pages written) and each item done, for a progress bar. ``cache``, if given,
    is a :class:`timeline.pipeline.cache.ArticleCache`: articles whose inputs are unchanged
    come from it, the others are processed (by ``config.jobs`` processes, or on the Dask
    cluster of ``config.scheduler``) and stored in it. With ``strict``, any warning or error
    fails the build and leaves the output untouched; otherwise articles that cannot be read are
    left out, the rest is built, and errors make ``ok`` False. Raises :class:`TimelineError`
    for problems that stop the whole build (unsafe output folder). ``on_page(site path,
    file)`` is told each page once it is finished in the staging folder, before the site is
    swapped in (the preview server reloads the open pages then).
    """
    with _cycle_collector_paused():
        return _build_site(config, strict, echo, cache, progress or Stages(enabled=False),
                           on_page)


@contextlib.contextmanager
def _cycle_collector_paused():
    """Pause Python's cycle collector while building. A build allocates hundreds of thousands
    of long-lived objects (articles, events, pages), so the collector kept re-scanning them:
    0.25 s of a 1.1 s rebuild of 1,000 articles. Reference counting still frees everything
    that is not a cycle; cycles are collected once the collector is back on."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _build_site(config: Config, strict: bool, echo: Echo | None, cache,
                stages: Stages, on_page: Callable[[str, Path], None] | None) -> BuildResult:
    began = time.perf_counter()
    say = echo or (lambda _line: None)
    clock = Stopwatch()  # the time of each stage, for --timings
    output = config.output_path.resolve()
    check_output_dir(output, config)
    diagnostics = Diagnostics()
    with clock("articles"):
        results = _process_all(config, cache, say, diagnostics, stages)
        articles = [r.article for r in results if r.article is not None]
        _unique_slugs(articles, diagnostics)
    with clock("furniture"):
        state = getattr(cache, "collection", None)  # kept between builds
        if state is not None:
            state.begin()
        furniture = _set_aside_furniture(results, state.furniture if state else None)
    with clock("merge"):
        dated = [e for r in results for e in r.events]
        stages.stage(f"Building events from {_plural(len(dated), 'dated sentence')}")
        events = merge(dated, config, state)
        _unique_event_ids(events)
    with clock("enrich"):
        events = enrich(events, config, diagnostics, state)
    memo = getattr(cache, "pages", None)  # rendered pages kept by the cache between builds
    kept = kept_pages(cache, output)
    head = None  # the source pages, sent to the workers while the key events are chosen
    if not (strict and diagnostics.items):
        with clock("head-start"):
            head = head_start(output, config, results, events, memo, kept, _jobs(config))
        if head is None:  # not for workers: a stage that did not happen
            clock.forget("head-start")
    try:
        with clock("key-events"):
            key_dates = select_key_dates(events, config, *_memo(state, "terms", term_weights),
                                         form=state.form_cost() if state is not None else None)
        if state is not None:
            with clock("state"):
                cache.save_collection()
            state = None  # what the cache still holds is kept; the rest is freed before render
    except BaseException:
        if head is not None:
            head.abandon()
        raise
    result = BuildResult(ok=True, diagnostics=diagnostics, articles=articles, events=events,
                         output=output, key_dates=key_dates, stages=clock.seconds,
                         cpu=clock.cpu, furniture=furniture)
    result.notes = setting_notes(config)
    if strict and diagnostics.items:
        if head is not None:
            head.abandon()
        result.ok = False
        return result
    result.files = render_and_swap(output, config, results, events, key_dates,
                                    diagnostics, memo, stages, clock, kept,
                                    _known_hash(cache, config), on_page, head)
    result.written = True
    result.ok = not diagnostics.errors
    result.seconds = time.perf_counter() - began
    return result


def _jobs(config: Config) -> int:
    from timeline.pipeline.workers import resolved_jobs

    return resolved_jobs(config)


def _known_hash(cache, config: Config):
    """A content file's hash as the cache's stat index knows it (None: read and hash it)."""
    if cache is None or not hasattr(cache, "content_hash"):
        return None
    return lambda path: cache.content_hash(path, config)


def setting_notes(config: Config) -> list[str]:
    """What the settings leave out of the site that a reader of it may miss."""
    if config.base_url.strip():
        return []
    return [f"{config.config_path.name}: without base_url, events.atom has only relative links "
            "and no rel=\"self\" link, so feed readers given the file cannot follow its links "
            "(set base_url to the site's public address, e.g. https://example.org/timeline/)"]


def _process_all(config: Config, cache, say: Echo, diagnostics: Diagnostics,
                 stages: Stages) -> list[ArticleResult]:
    """Every content file's result, in discovery order: from the cache when its inputs are
    unchanged, the others processed by :func:`timeline.pipeline.workers.process_sources` (on
    every core, or a Dask cluster), each cached as it comes back."""
    from timeline.pipeline.cache import forget_settings, where_of
    from timeline.pipeline.workers import process_sources

    paths = discover(config, diagnostics)
    say(f"Reading {_plural(len(paths), 'file')} from {config.content_path}")
    stages.stage("Reading articles", len(paths))
    results: list[ArticleResult | None] = [None] * len(paths)
    misses: deque[tuple[int, Path, bytes, str | None]] = deque()
    if cache is not None:
        forget_settings()
    for index, path in enumerate(paths):
        stamp = None
        if cache is not None:  # a file whose stat is unchanged is not even read
            hit, stamp, known = cache.unchanged_entry(path, config)
            if hit is not None:
                hit.origin = known
                results[index] = hit
                stages.advance(note=path.name)
                continue
        try:
            data = read_source(path, config)
        except TimelineError as exc:
            results[index] = ArticleResult(path=path, article=None)
            results[index].diagnostics.add(exc.diagnostic)
            stages.advance(note=path.name)
            continue
        key = cache.key_for(path, data, config, stamp) if cache is not None else None
        hit = cache.lookup(key) if cache is not None else None
        if hit is not None:
            hit.origin = key
            results[index] = hit
            stages.advance(note=path.name)
        else:
            misses.append((index, path, data, key))
    if misses:
        say(f"Processing {_plural(len(misses), 'article')}"
            + (f" ({len(paths) - len(misses)} unchanged)" if len(misses) < len(paths) else ""))
    pending = deque((index, key) for index, _, _, key in misses)

    def sources():  # hands each file's bytes over once and forgets them
        while misses:
            _, path, data, _ = misses.popleft()
            yield path, data

    for made in process_sources(sources(), len(misses), config):
        index, key = pending.popleft()
        if cache is not None:
            cache.store(key, made)  # a pickle is stored as it is
        results[index] = pickle.loads(made) if isinstance(made, bytes) else made
        results[index].origin = key
        stages.advance(note=paths[index].name)
    if cache is not None:
        cache.stamps.save(present={where_of(path, config) for path in paths})
    for result in results:
        for item in result.diagnostics.items:
            diagnostics.add(item)
        if result.article is not None:
            say(f"  {result.article.path}: {_plural(len(result.timexes), 'time expression')}, "
                f"{_plural(len(result.events), 'event')}")
    return results


def _set_aside_furniture(results: list[ArticleResult], memo=None) -> FurnitureReport:
    """The collection-wide furniture pass (``timeline.events.furniture``): fills each article's
    ``set_aside`` and keeps only the events of the text that is used. ``memo`` is the
    :class:`~timeline.events.learned.FurnitureMemo` kept from the previous build, if any."""
    from timeline.events.headline import event_headline, make_headline

    readable = [r for r in results if r.article is not None]
    made = {id(event) for r in readable for event in r.events}
    kept, report = set_aside_furniture([(r.article, r.lines, r.events) for r in readable], memo)
    make = memo.headline if memo is not None else make_headline
    for result, events in zip(readable, kept, strict=True):
        result.events = events
        result.lines = None  # only this pass reads them (75 MB at 10,000 articles)
        for event in events:
            if id(event) not in made:  # trimmed to the text after the furniture: a new sentence
                event.headline = event_headline(event, make)
    return report


def merge(events: list[Event], config: Config, state=None) -> list[Event]:
    """Merge reports of the same event from several sources (``timeline.events.merge``);
    ``state`` is the :class:`~timeline.pipeline.collection.CollectionState` kept from the
    previous build, if any."""
    from timeline.events.extract import normalise

    try:
        from timeline.events.merge import merge_events
    except ModuleNotFoundError as exc:
        if exc.name != "timeline.events.merge":
            raise
        return events
    index = state.similar if state is not None else None
    return merge_events(events, config.merge_threshold, index,
                        *_memo(state, "normalised", normalise))


def _memo(state, name: str, compute) -> tuple:
    """``(compute,)`` remembered through the state's memo ``name``; ``()`` without a state
    (the callee's default, ``compute`` itself, is used)."""
    return (getattr(state, name).function(compute),) if state is not None else ()


def enrich(events: list[Event], config: Config, diagnostics: Diagnostics,
           state=None) -> list[Event]:
    """Status of each event, then the editor's annotations (``timeline.events.status``,
    ``timeline.events.annotations``). Headlines were made with each article's events
    (:func:`process_article`) and kept by merging: an event's is its first citation's."""
    from timeline.events.annotations import apply_annotations, load_annotations
    from timeline.events.status import assign_statuses, looks_ahead_in

    events = assign_statuses(events, *_memo(state, "ahead", looks_ahead_in))
    path = config.content_path / config.annotations_file
    shown = Path(config.content_dir) / config.annotations_file
    return apply_annotations(events, load_annotations(path, diagnostics, shown), diagnostics)


def _unique_slugs(articles: list[Article], diagnostics: Diagnostics) -> None:
    owners: dict[str, Article | str] = {"index": "the list of sources"}
    # sources/index.html is the list of sources: an index.md must not replace it
    slugs = UniqueNames(owners)
    for article in articles:
        base = article.slug
        slug = slugs.claim(base)
        if slug != base:
            used_by = getattr(owners[base], "path", owners[base])
            diagnostics.warn(f"page name '{base}' is already used by {used_by}; "
                             f"this article's page is sources/{slug}.html", article.path,
                             hint="rename one of the files")
        article.slug = slug
        owners.setdefault(slug, article)


def _unique_event_ids(events: list[Event]) -> None:
    """Ids are unique per article already; identical sentences in two articles that were not
    merged still need distinct anchors."""
    ids = UniqueNames()
    for event in sorted(events, key=lambda e: (e.start, str(e.citations[0].article.path)
                                               if e.citations else "")):
        event.id = ids.claim(event.id)
