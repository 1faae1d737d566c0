"""Build the site: content folder in, a complete static site out, replaced atomically.

Pipeline: discover -> :func:`process_article` each (load + tag + build events; pure, so a cache
can memoise it) -> merge -> render pages -> exports -> swap into the output folder.

The site is rendered into a fresh folder beside the output and swapped in only when complete,
so a failed or interrupted build leaves the previous site as it was. A marker file lists every
file a build wrote; a build refuses to replace a folder it did not create.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import gc
import json
import os
import pickle
import shutil
import stat
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from timeline import __version__
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
from timeline.progress import Stages
from timeline.publish.deploy import BUILD_MARKER
from timeline.temporal import tag
from timeline.temporal.conventions import Conventions
from timeline.temporal.model import Timex

#: Written into every built site; lists the files the build wrote (named where publishing,
#: which reads it, is).
MARKER = BUILD_MARKER

Echo = Callable[[str], None]


@dataclass
class ArticleResult:
    """Everything one content file contributes, computed from that file alone."""

    path: Path
    article: Article | None  # None when the file could not be read
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    #: Hashes of the article's lines, for the collection-wide furniture pass.
    lines: PageLines | None = None


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
               cache=None, progress: Stages | None = None) -> BuildResult:
    """Build the site of ``config`` into its output folder.

    ``echo`` gets a line per article read; ``progress`` is told each stage (articles read,
    events built, pages written) and each item done, for a progress bar. ``cache``, if given,
    is a :class:`timeline.pipeline.cache.ArticleCache`: articles whose inputs are unchanged
    come from it, the others are processed (by ``config.jobs`` processes, or on the Dask
    cluster of ``config.scheduler``) and stored in it. With ``strict``, any warning or error
    fails the build and leaves the output untouched; otherwise articles that cannot be read are
    left out, the rest is built, and errors make ``ok`` False. Raises :class:`TimelineError`
    for problems that stop the whole build (unsafe output folder).
    """
    with _cycle_collector_paused():
        return _build_site(config, strict, echo, cache, progress or Stages(enabled=False))


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
                stages: Stages) -> BuildResult:
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
    with clock("key-events"):
        key_dates = select_key_dates(events, config, *_memo(state, "terms", term_weights))
    if state is not None:
        with clock("state"):
            cache.save_collection()
    result = BuildResult(ok=True, diagnostics=diagnostics, articles=articles, events=events,
                         output=output, key_dates=key_dates, stages=clock.seconds,
                         cpu=clock.cpu, furniture=furniture)
    result.notes = setting_notes(config)
    if strict and diagnostics.items:
        result.ok = False
        return result
    memo = getattr(cache, "pages", None)  # rendered pages kept by the cache between builds
    kept = _kept_pages(cache, output)
    result.files = _render_and_swap(output, config, results, events, key_dates,
                                    diagnostics, memo, stages, clock, kept)
    result.written = True
    result.ok = not diagnostics.errors
    result.seconds = time.perf_counter() - began
    return result


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
            hit, stamp = cache.unchanged(path, config)
            if hit is not None:
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


def _kept_pages(cache, output: Path):
    """The previous build's pages, known by what they were made from (recorded where the
    cache says: ``pages_record``): :mod:`timeline.site.keptpages`."""
    from timeline.site.keptpages import KeptPages

    record = getattr(cache, "pages_record", None)
    return KeptPages(Path(record), output) if record is not None else None


def _render_and_swap(output: Path, config: Config, results: list[ArticleResult],
                     events: list[Event], key_dates: list[KeyDate], diagnostics: Diagnostics,
                     memo=None, stages: Stages | None = None,
                     clock: Stopwatch | None = None, kept=None) -> list[str]:
    from timeline.pipeline.workers import resolved_jobs
    from timeline.publish.deploy import record_inputs
    from timeline.site.exports import write_exports
    from timeline.site.parallel import render_pages
    from timeline.site.periods import plan_pages
    from timeline.site.render import page_count
    from timeline.site.seo import PageFinisher

    staging, in_use = _make_staging(output)
    stages = stages or Stages(enabled=False)
    clock = clock or Stopwatch()
    try:
        # Each page is finished (head tags, fingerprinted asset names: PUBLISH, timeline.seo)
        # and written as soon as it is rendered, so the pages are never all in memory.
        with clock("render"):
            docs = source_docs(results, events)
            # the period page of every event, for every link to one; the key dates on the index
            plan = plan_pages(events, key_dates)
            stages.stage("Writing pages", page_count(plan, docs))
            finisher = PageFinisher(staging, config, events, [d.article for d in docs],
                                    memo=memo, plan=plan, kept=kept)
            # the source pages on the other cores (timeline.site.parallel)
            render_pages(staging, config, events, docs, key_dates=key_dates, plan=plan,
                         memo=memo, stages=stages, finisher=finisher,
                         keep=finisher if kept is not None else None,
                         jobs=resolved_jobs(config))
        with clock("exports"):
            stages.stage("Writing exports, feeds and metadata")
            write_exports(staging, events, config, key_dates, plan, remember=memo is not None,
                          kept=kept)
        # 404, sitemap, robots.txt; the files written are read from the folder, as assets were
        # renamed. Then the inputs record that lets `timeline publish` refuse a stale site.
        with clock("finalize"):
            written = finisher.finish()
        with clock("swap"):
            written.append(record_inputs(staging, config))
            files = sorted({p.as_posix() for p in written})
            _write_marker(staging, files, results, events, diagnostics)
            if kept is not None:
                kept.forget()  # while the site is swapped, no record is true
            _swap(staging, output)
            if kept is not None:
                kept.save()
        if memo is not None:
            memo.sweep()  # forget pages of deleted articles
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise TimelineError(f"cannot write the site: {exc.strerror or exc}",
                            exc.filename or output) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(in_use)
    return files


def _make_staging(output: Path) -> tuple[Path, int]:
    """A fresh, locked folder beside ``output`` to build into (and the lock's descriptor).
    A folder the build may not write to is one clear error, before anything is rendered."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.tmp-", dir=output.parent))
    except OSError as exc:
        raise TimelineError(f"cannot write the site: {(exc.strerror or str(exc)).lower()}",
                            output.parent,
                            hint="check the folder's permissions, or choose another --output"
                            ) from None
    in_use = _lock(staging)
    try:
        _sweep_dead_builds(output)
        _make_readable(staging)
    except OSError:
        os.close(in_use)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, in_use


def _lock(folder: Path, *, wait: bool = False) -> int:
    """Lock ``folder`` for as long as the returned descriptor is open. The system drops the
    lock when the process dies (kill -9 too), so a folder nobody holds is a dead build's."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        os.close(handle)
        raise
    return handle


def _sweep_dead_builds(output: Path) -> None:
    """Remove the staging/retired folders that killed builds left beside ``output``; if one
    died between the two renames of :func:`_swap`, put its retired (previous) site back."""
    prefix = f".{output.name}."
    for leftover in sorted(output.parent.iterdir()):
        kind = leftover.name[len(prefix):len(prefix) + 4]
        if not leftover.name.startswith(prefix) or kind not in ("tmp-", "old-"):
            continue
        if leftover.is_symlink() or not leftover.is_dir():
            continue
        try:
            handle = _lock(leftover)
        except OSError:
            continue  # a running build's
        try:
            if kind == "old-" and not output.exists():
                os.replace(leftover, output)
            else:
                remove_tree(leftover)
        finally:
            os.close(handle)


def remove_tree(folder: Path) -> None:
    """Remove a folder a build made (a retired site, a dead build's staging folder), also when
    its subfolders were made read-only since: it is replaced, and must not stay behind."""

    def unlock_and_retry(function, path, _exc_info) -> None:
        parent = os.path.dirname(path)
        with contextlib.suppress(OSError):
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IRWXU)
            if os.path.isdir(path) and not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | stat.S_IRWXU)
            function(path)

    shutil.rmtree(folder, onerror=unlock_and_retry)
    shutil.rmtree(folder, ignore_errors=True)  # whatever could still not be removed stays


def _make_readable(folder: Path) -> None:
    """mkdtemp creates 0700 folders; a published site must be readable by the web server."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def source_docs(results: list[ArticleResult], events: list[Event]) -> list:
    """Each readable article with its expressions and the (merged) event each one belongs to."""
    from timeline.site.render import SourceDoc

    cited: dict[str, list[tuple[Event, object]]] = {}
    for event in events:
        if event.hidden:  # not on the timeline: its expressions link nowhere
            continue
        for citation in event.citations:
            cited.setdefault(str(citation.article.path), []).append((event, citation))
    docs = []
    for result in results:
        if result.article is None:
            continue
        doc = SourceDoc(result.article, sorted(result.timexes, key=lambda t: (t.start, t.end)))
        for event, citation in cited.get(str(result.article.path), []):
            doc.anchors.add(citation.timex.start)
            for timex in (citation.timex, *citation.other_timexes):
                doc.event_of.setdefault(timex.start, event.id)
        docs.append(doc)
    return docs


def _write_marker(staging: Path, files: list[str], results: list[ArticleResult],
                  events: list[Event], diagnostics: Diagnostics) -> None:
    marker = {
        "generator": f"timeline {__version__}",
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "ok": not diagnostics.errors,
        "articles": sum(1 for r in results if r.article is not None),
        "events": len(events),
        "warnings": len(diagnostics.warnings),
        "errors": len(diagnostics.errors),
        "files": files,
    }
    (staging / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")


def _swap(staging: Path, output: Path) -> None:
    """Put the staged site in place of ``output``; the old one is removed only afterwards."""
    if not output.exists():
        os.replace(staging, output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    retired.rmdir()
    held = _lock(output, wait=True)  # the lock moves with the folder: no sweep takes it
    try:
        os.replace(output, retired)
        try:
            os.replace(staging, output)
        except OSError:
            os.replace(retired, output)  # put the previous site back
            raise
    finally:
        os.close(held)
    remove_tree(retired)


# --- output folder safety -------------------------------------------------------------------


def check_output_dir(output: Path, config: Config) -> None:
    """Refuse an output folder that a build must not replace: the project, the content or
    templates folder, a file, or a folder holding files no timeline build wrote."""
    root = config.root.resolve()
    protected = {
        "the project folder": root,
        "the content folder": config.content_path.resolve(),
        "the templates folder": config.templates_path.resolve(),
    }
    for name, path in protected.items():
        if output == path or output in path.parents or (name != "the project folder"
                                                          and path in output.parents):
            raise TimelineError(f"refusing to write the site into {name}", output,
                                hint="choose another --output folder, such as site")
    if not output.exists():
        return
    if not output.is_dir():
        raise TimelineError("the output path is a file, not a folder", output,
                            hint="remove it or choose another --output folder")
    foreign = foreign_files(output)
    if foreign:
        shown = ", ".join(foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise TimelineError(
            f"refusing to replace a folder holding files timeline did not write: {shown}",
            output, hint="move those files away, delete the folder, or choose another --output")


def foreign_files(output: Path) -> list[str]:
    """Files in ``output`` that the last build (per its marker) did not write."""
    marker = output / MARKER
    known: set[str] = set()
    if marker.is_file():
        try:
            known = set(json.loads(marker.read_text(encoding="utf-8")).get("files", []))
        except (ValueError, OSError, AttributeError):
            known = set()
    found = []
    for path in sorted(output.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        relative = path.relative_to(output).as_posix()
        if relative != MARKER and relative not in known:
            found.append(relative)
    return found
