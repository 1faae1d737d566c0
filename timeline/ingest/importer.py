"""Import web articles into the content folder: the library behind ``timeline import``.

One job: take each source (a URL or a saved page), skip it if its article is already in the
content folder, fetch it, extract the article, and write it; report one :class:`Outcome` per
source and a summary. A failing source costs only itself: the others still import.

Pipeline per source: :mod:`~timeline.ingest.fetch` (URLs only) ->
:mod:`~timeline.ingest.webpage` (main text, metadata; dates from
:mod:`~timeline.ingest.published`) -> :mod:`~timeline.ingest.write`. Sources come from
:mod:`~timeline.ingest.sources`; feeds from :mod:`~timeline.ingest.webfeeds`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from timeline.config import Config
from timeline.ingest import sources as source_lists
from timeline.ingest.fetch import Fetcher, FetchError, FetchPolicy
from timeline.ingest.sources import Problem, Source
from timeline.ingest.webpage import ExtractError, WebArticle, extract_article
from timeline.ingest.weburl import without_tracking
from timeline.ingest.write import ExistingArticles, write_article

IMPORTED, DUPLICATE, FAILED, NOTE = "imported", "duplicate", "failed", "note"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source (or, for ``note``, something worth saying about the input)."""

    location: str  # the URL or file as given
    status: str  # imported, duplicate, failed or note
    path: Path | None = None  # the article written, or the one it duplicates
    reason: str = ""  # why it failed or is a duplicate
    hint: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    folder: Path | None = None

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return self.count(FAILED) == 0

    def summary(self) -> str:
        imported, duplicates = self.count(IMPORTED), self.count(DUPLICATE)
        undated = sum(1 for o in self.outcomes if o.status == IMPORTED and o.warnings)
        where = f" into {self.folder}" if self.folder is not None else ""
        parts = [f"Imported {_plural(imported, 'article')}{where}"]
        if undated:
            parts[0] += f" ({undated} with a warning)"
        parts.append(f"{_plural(duplicates, 'duplicate')} skipped")
        parts.append(f"{self.count(FAILED)} failed")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What the user asked to import."""

    arguments: tuple[str, ...] = ()  # URLs, saved pages, folders of saved pages
    lists: tuple[str, ...] = ()  # files of URLs ('-' for stdin)
    feeds: tuple[str, ...] = ()  # feed URLs or files


class Listener:
    """Told about each source as it is done; the command line prints and draws progress."""

    def started(self, total: int) -> None:
        """``total`` sources are about to be imported."""

    def finished(self, outcome: Outcome) -> None:
        """One source (or one problem with the input) is done."""


def import_articles(request: ImportRequest, config: Config, *,
                    policy: FetchPolicy | None = None, listener: Listener | None = None,
                    now: dt.datetime | None = None) -> ImportReport:
    """Import everything ``request`` names into the content folder of ``config``."""
    listener = listener or Listener()
    fetcher = Fetcher(policy or FetchPolicy())
    report = ImportReport(folder=_shown(config.content_path, config))

    def tell(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        listener.finished(outcome)

    todo, problems = _collect(request, fetcher)
    for problem in problems:
        tell(_problem_outcome(problem))
    existing = ExistingArticles.scan(config)
    listener.started(len(todo))
    for source in todo:
        tell(_import_one(source, existing, fetcher, config, now or dt.datetime.now(dt.UTC)))
    return report


def _collect(request: ImportRequest, fetcher: Fetcher) -> tuple[list[Source], list[Problem]]:
    todo, problems = source_lists.from_arguments(list(request.arguments))
    for name in request.lists:
        found, trouble = source_lists.from_list(name)
        todo += found
        problems += trouble
    for location in request.feeds:
        found, trouble = source_lists.from_feed(location, fetcher)
        todo += found
        problems += trouble
    seen: set[tuple[str, bool]] = set()
    unique = []
    for source in todo:  # a page named twice is imported once (the first naming wins)
        if (source.location, source.is_url) not in seen:
            seen.add((source.location, source.is_url))
            unique.append(source)
    return unique, problems


def _problem_outcome(problem: Problem) -> Outcome:
    status = NOTE if problem.warning else FAILED
    return Outcome(problem.location, status, reason=problem.reason, hint=problem.hint)


def _import_one(source: Source, existing: ExistingArticles, fetcher: Fetcher, config: Config,
                now: dt.datetime) -> Outcome:
    where = source.location
    try:
        if source.is_url:
            earlier = existing.find(source.location)
            if earlier is not None:
                return _duplicate(where, earlier, config)
            fetched = fetcher.get(source.location)
            earlier = existing.find(fetched.final_url)
            if earlier is not None:
                return _duplicate(where, earlier, config)
            article = extract_article(fetched.body, without_tracking(fetched.final_url),
                                      charset=fetched.charset, now=now)
        else:
            article = extract_article(_read_page(source.location), None, now=now)
            earlier = existing.find(article.url)
            if earlier is not None:
                return _duplicate(where, earlier, config)
        _apply_feed(article, source)
        written = write_article(article, existing)
    except FetchError as exc:
        return Outcome(where, FAILED, reason=exc.reason, hint=exc.hint)
    except ExtractError as exc:
        return Outcome(where, FAILED, reason=str(exc),
                       hint="the page may need JavaScript or a login; save it from a browser")
    except OSError as exc:
        return Outcome(where, FAILED, reason=f"cannot read or write: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - an extractor bug must cost one page, not the run
        return Outcome(where, FAILED, reason=f"internal error while extracting: {exc!r}",
                       hint="please report this with the page attached")
    if written.same_text:
        return _duplicate(where, written.path, config, "the same text is already in")
    return Outcome(where, IMPORTED, path=_shown(written.path, config),
                   warnings=tuple(article.warnings))


def _read_page(location: str) -> bytes:
    return Path(location).read_bytes()


def _apply_feed(article: WebArticle, source: Source) -> None:
    """Fill in from the feed what the page does not say (the feed is the publisher's word)."""
    item = source.feed_item
    if item is None:
        return
    if article.published is None and item.published is not None:
        article.published, article.published_from = item.published, "feed"
        article.warnings = [w for w in article.warnings if "publication date" not in w]
    if not article.authors and item.authors:
        article.authors = list(item.authors)
    if not article.title and item.title:
        article.title = item.title


def _duplicate(location: str, path: Path, config: Config,
               what: str = "already imported as") -> Outcome:
    shown = _shown(path, config)
    return Outcome(location, DUPLICATE, path=shown, reason=f"{what} {shown}")


def _shown(path: Path, config: Config) -> Path:
    """``path`` relative to the project folder when it is inside it."""
    try:
        return Path(path).absolute().relative_to(config.root.absolute())
    except ValueError:
        return Path(path)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
