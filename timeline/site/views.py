"""The timeline's view data: each event as the templates show it (date label, highlighted
sentence, citations linked to their source pages), grouped by year and month."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from itertools import groupby

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from timeline.events.statement import shown_title
from timeline.model import Citation, Event
from timeline.site.formats import (
    html_datetime,
    published_label,
    safe_url,
    shown_headline,
)
from timeline.site.highlight import highlight_sentence
from timeline.site.periods import MONTH_PRECISIONS, year_label
from timeline.site.readings import DateReading, event_reading
from timeline.site.sourcepages import SourceDoc
from timeline.site.urls import SiteUrls, event_anchor, source_page

_notes_md = MarkdownIt("js-default")
#: An article is cited by several events, each listing its title: its shown form is made once
#: (its dateline scan was an eighth of a period page's rendering).
_shown_title = functools.lru_cache(maxsize=1 << 16)(shown_title)
_URLS = SiteUrls()  # relative links only


@dataclass
class CitationView:
    title: str
    source: str
    published: str
    published_iso: str
    source_href: str  # relative link to the expression on the source page
    url: str | None  # original article, http(s) only
    expression: str
    citation: Citation


@dataclass
class EventView:
    event: Event
    anchor: str
    label: str
    datetime: str
    sentence_html: Markup
    citations: list[CitationView]
    note_html: Markup | None = None
    published_label: str = ""
    #: same date label as the event just above: the rail shows the date once
    continued: bool = False
    #: continued, and its date read as the one above's: its (i) would only repeat that one
    same_reading: bool = False
    #: link to the event on its period page ("#id" there, "events/2014.html#id" elsewhere)
    permalink: str = ""
    headline: str = ""  # what the pages show (formats.shown_headline)
    #: what the date means and how the sources' words were read (shown on tap and hover)
    reading: DateReading | None = None


@dataclass
class MonthView:
    label: str
    anchor: str
    events: list[EventView]


@dataclass
class YearView:
    year: int
    label: str
    anchor: str
    events: list[EventView]  # coarser than a month: "fall 2013", "2003"
    months: list[MonthView]

    @property
    def count(self) -> int:
        return len(self.events) + sum(len(m.events) for m in self.months)


def group_events(events: list[Event], docs_by_path: dict[str, SourceDoc],
                 root: str = "", view=None) -> list[YearView]:
    """Events in chronological order, grouped by year, then by month where precise enough.

    The events are at home on the page they are grouped for: their permalinks are ``#id``.
    """
    view = view or event_view  # or a memoised one (pagememo.memoised_event_view)
    ordered = sorted(events, key=lambda e: e.sort_key)
    years = []
    for year, in_year in groupby(ordered, key=lambda e: e.start.year):
        in_year = list(in_year)
        coarse = [e for e in in_year if e.precision not in MONTH_PRECISIONS]
        fine = [e for e in in_year if e.precision in MONTH_PRECISIONS]
        months = [
            MonthView(f"{calendar.month_name[month]} {year}", f"m-{year}-{month:02d}",
                      [view(e, docs_by_path, root) for e in in_month])
            for month, in_month in groupby(fine, key=lambda e: e.start.month)
        ]
        year_view = YearView(year, year_label(year, in_year), f"y-{year}",
                             [view(e, docs_by_path, root) for e in coarse], months)
        for run in (year_view.events, *(m.events for m in months)):
            mark_continued(run)
        years.append(year_view)
    return years


def mark_continued(views: list[EventView]) -> None:
    for previous, current in zip(views, views[1:], strict=False):
        current.continued = current.label == previous.label
        current.same_reading = current.continued and current.reading == previous.reading


def event_view(event: Event, docs_by_path: dict[str, SourceDoc], root: str,
               permalink: str = "") -> EventView:
    """How the templates show ``event`` on a page ``root`` away from the site's root; its
    permalink is ``#id`` unless the page is not the event's home."""
    first = event.citations[0] if event.citations else None
    sentence = Markup("")
    if first is not None:
        sentence = highlight_sentence(first)
    elif event.text:
        sentence = escape(event.text)
    note = Markup(_notes_md.render(event.note)) if event.note else None
    return EventView(
        event=event,
        anchor=event_anchor(event.id),
        label=event.label,
        datetime=html_datetime(event.value, event.precision, event.start),
        sentence_html=sentence,
        citations=[_citation_view(c, docs_by_path, root) for c in event.citations],
        note_html=note,
        published_label=published_label(first.article) if first else "",
        permalink=permalink or _URLS.event(event.id, ""),
        headline=shown_headline(event),
        reading=event_reading(event),
    )


def _citation_view(citation: Citation, docs_by_path: dict[str, SourceDoc],
                   root: str) -> CitationView:
    article = citation.article
    doc = docs_by_path.get(str(article.path))
    anchor = doc.timex_anchor(citation.timex) if doc else ""
    href = root + source_page(article.slug) + (f"#{anchor}" if anchor else "")
    if doc is None:  # an event added by hand in annotations: its source has no page here
        href = safe_url(article.url) or ""
    published = article.published_date
    return CitationView(
        title=_shown_title(article.title),
        source=article.source,
        published=published_label(article),
        published_iso=published.isoformat() if published else "",
        source_href=href,
        url=safe_url(article.url),
        expression=citation.timex.text,
        citation=citation,
    )
