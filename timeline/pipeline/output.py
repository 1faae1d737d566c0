"""The site folder of a build: rendered into a fresh staging folder, swapped in when complete.

:func:`render_and_swap` renders the pages (:mod:`timeline.site.parallel`) and the exports into
a locked staging folder beside the output, writes the marker listing every file, and puts the
folder in place of the output; a failed or interrupted build leaves the previous site as it
was, and the next build sweeps what a killed one left. :func:`check_output_dir` refuses an
output folder a build must not replace. Moved out of :mod:`timeline.pipeline.build`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from timeline import __version__
from timeline.config import Config
from timeline.errors import Diagnostics, TimelineError
from timeline.model import Event, KeyDate
from timeline.pipeline.meanwhile import Meanwhile
from timeline.progress import Stages
from timeline.publish.deploy import BUILD_MARKER

if TYPE_CHECKING:
    from timeline.pipeline.build import ArticleResult, Stopwatch

#: Written into every built site; lists the files the build wrote (named where publishing,
#: which reads it, is).
MARKER = BUILD_MARKER


def kept_pages(cache, output: Path):
    """The previous build's pages, known by what they were made from (recorded where the
    cache says: ``pages_record``): :mod:`timeline.site.keptpages`."""
    from timeline.site.keptpages import KeptPages

    record = getattr(cache, "pages_record", None)
    return KeptPages(Path(record), output) if record is not None else None


def render_and_swap(output: Path, config: Config, results: list[ArticleResult],
                     events: list[Event], key_dates: list[KeyDate], diagnostics: Diagnostics,
                     memo=None, stages: Stages | None = None,
                     clock: Stopwatch | None = None, kept=None,
                     known_hash: Callable[[str], str | None] | None = None,
                     on_page: Callable[[str, Path], None] | None = None,
                     head=None) -> list[str]:
    """Render the site into a staging folder beside ``output`` and swap it in.

    ``known_hash(path)``: a content file's SHA-256 known without reading it (the cache's stat
    index), for the record of the build's inputs. ``on_page(site path, file)``: told each
    page once it is finished in the staging folder. ``head``: the staging folder and source
    pages started before (:class:`timeline.pipeline.headstart.HeadStart`), taken over here."""
    from timeline.pipeline.build import Stopwatch
    from timeline.pipeline.workers import resolved_jobs
    from timeline.publish.deploy import record_inputs
    from timeline.site.exports import write_exports
    from timeline.site.parallel import render_pages
    from timeline.site.periods import plan_pages, with_key_dates
    from timeline.site.render import page_count
    from timeline.site.seo import PageFinisher

    staging, in_use = (head.staging, head.in_use) if head is not None else make_staging(output)
    stages = stages or Stages(enabled=False)
    clock = clock or Stopwatch()
    plan = None
    # written on a thread while the source-page workers render, else after the pages
    exports = Meanwhile(lambda: write_exports(staging, events, config, key_dates, plan,
                                              remember=memo is not None, kept=kept))
    try:
        # Each page is finished (head tags, fingerprinted asset names: PUBLISH, timeline.seo)
        # and written as soon as it is rendered, so the pages are never all in memory.
        with clock("render"):
            docs = head.docs if head is not None else source_docs(results, events)
            # the period page of every event, for every link to one; the key dates on the index
            plan = (with_key_dates(head.plan, key_dates) if head is not None
                    else plan_pages(events, key_dates))
            stages.stage("Writing pages", page_count(plan, docs))
            if head is not None:
                finisher = head.finisher
                finisher.replan(plan)
            else:
                finisher = PageFinisher(staging, config, events, [d.article for d in docs],
                                        memo=memo, plan=plan, kept=kept)
            # the source pages on the other cores (timeline.site.parallel)
            told = _PagesTold(stages, staging, on_page) if on_page is not None else stages
            render_pages(staging, config, events, docs, key_dates=key_dates, plan=plan,
                         memo=memo, stages=told, finisher=finisher,
                         keep=finisher if kept is not None else None,
                         jobs=resolved_jobs(config), meanwhile=exports.start, head=head)
        with clock("exports"):  # what is left of them (all: when they were not started)
            stages.stage("Writing exports, feeds and metadata")
            exports.finish()
        # 404, sitemap, robots.txt; the files written are read from the folder, as assets were
        # renamed. Then the inputs record that lets `timeline publish` refuse a stale site.
        with clock("finalize"):
            written = finisher.finish()
        with clock("swap"):
            written.append(record_inputs(staging, config, known_hash))
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
        exports.wait()
        if head is not None:
            head.workers.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise TimelineError(f"cannot write the site: {exc.strerror or exc}",
                            exc.filename or output) from None
    except BaseException:
        exports.wait()
        if head is not None:
            head.workers.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(in_use)
    return files


class _PagesTold:
    """The progress of the pages being written (``advance(site path)`` per page finished),
    also telling ``on_page`` where each finished page is."""

    def __init__(self, stages: Stages, staging: Path, on_page: Callable[[str, Path], None]):
        self.stages, self.staging, self.on_page = stages, staging, on_page

    def advance(self, note: str = "") -> None:
        self.stages.advance(note)
        self.on_page(note, self.staging / note)


def make_staging(output: Path) -> tuple[Path, int]:
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
        doc = SourceDoc(result.article, sorted(result.timexes, key=lambda t: (t.start, t.end)),
                        origin=result.origin)
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
