"""What every feed export says about the site and about each event.

One job: :class:`FeedInfo` (the site's title, description, address, language, and each event's
period page), which events the exports carry (:func:`feed_selection`, :func:`visible_events`),
and the facts of an event the TimelineJS, Atom, iCalendar and CSV writers share: its date
label, headline, sources, series, when it was reported, its link, a one-line summary; only
http(s) source addresses are linked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from timeline.model import Article, Event
from timeline.site.formats import shown_headline
from timeline.site.urls import INDEX_PAGE, SiteUrls

# Characters XML 1.0 does not allow at all, even escaped (C0 controls but tab/LF/CR, and more).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_URL_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """What the feeds say about the site itself."""

    title: str
    description: str = ""
    base_url: str = ""
    language: str = "en"
    #: event id -> its period page; an event not in it links to the index
    event_pages: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def urls(self) -> SiteUrls:
        return SiteUrls(self.base_url)

    @classmethod
    def from_config(cls, config, event_pages: Mapping[str, str] | None = None) -> FeedInfo:
        return cls(config.title, config.description, config.base_url, config.language,
                   event_pages or {})

    def event_page(self, event: Event) -> str:
        return self.event_pages.get(event.id, INDEX_PAGE)


#: Values of the ``feed_events`` setting.
FEED_EVENTS = ("key", "all")


def feed_selection(events: Iterable[Event], config) -> list[Event]:
    """The events the TimelineJS, Atom and iCalendar exports carry: the key events when there
    are any, unless ``feed_events = "all"``; every event otherwise."""
    events = list(events)
    if config.feed_events == "all":
        return events
    key = [e for e in events if e.key and not e.hidden]
    return key or events


def visible_events(events: Iterable[Event]) -> list[Event]:
    """Events that belong in exports, chronological: hidden ones are left out."""
    return sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)


def date_label(event: Event) -> str:
    """The human date of an event at its own precision ('late July 2014', '3–5 June 2014'),
    marked when it is uncertain."""
    return event.label + (" (uncertain)" if event.doubt else "")


def headline(event: Event, limit: int = 90) -> str:
    """The event's headline, or its sentence shortened at a word boundary. A key event's
    sentence summarises its date, so it is its own headline unless an editor gave it one
    (as on the site: :func:`timeline.site.formats.shown_headline`)."""
    shown = shown_headline(event)
    if shown:
        return shown
    text = " ".join(event.text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def sources(event: Event) -> list[Article]:
    """The distinct articles citing an event, in citation order."""
    seen: dict[str, Article] = {}
    for citation in event.citations:
        seen.setdefault(citation.article.slug, citation.article)
    return list(seen.values())


def series(event: Event, group_by: str = "source") -> str:
    """The group of an event: its first tag, or the publisher of its first source."""
    if group_by == "tag" and event.tags:
        return event.tags[0]
    for article in sources(event):
        return article.source or article.title
    return "Editorial" if event.editorial else ""


def reported(event: Event) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the event was first and last reported (publication times of its sources, UTC)."""
    times = [as_utc(a.published) for a in sources(event) if a.published is not None]
    if not times:
        return None, None
    return min(times), max(times)


def undated_fallback(events: Iterable[Event], generated: dt.datetime | None = None) -> dt.datetime:
    """When the feeds say an event was reported if none of its sources is dated (an event an
    editor added, an undated page): ``generated`` when given, else the newest publication time
    of any source of ``events``, so the same content gives the same feeds, build after build;
    the clock only when no source at all is dated."""
    if generated is not None:
        return as_utc(generated)
    newest = [last for last in (reported(e)[1] for e in events) if last is not None]
    return max(newest) if newest else dt.datetime.now(dt.UTC)


def as_utc(moment: dt.datetime | dt.date) -> dt.datetime:
    """``moment`` in UTC: a date is its midnight, a time without a zone is taken as UTC."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def linkable_url(url: str | None) -> str | None:
    """Only http(s) URLs from front matter are linked; ``javascript:`` and friends are not."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in _URL_SCHEMES else None


def event_link(info: FeedInfo, event: Event) -> str:
    """The event on its period page: absolute when base_url is known, else relative."""
    relative = info.urls.event(event.id, info.event_page(event))
    return info.urls.absolute(relative) or relative


def event_summary(event: Event) -> str:
    """One line: the date label, whether it is expected, the text and who reported it."""
    names = ", ".join(a.source or a.title for a in sources(event))
    status = " (expected)" if event.status == "expected" else ""
    cited = f" — {names}" if names else ""
    return f"{date_label(event)}{status}: {event.text}{cited}"
