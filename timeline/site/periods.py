"""Which page every event lives on (one page per year, or per month when a year is heavy), and
which key dates the index has room for.

The index shows the key dates; every event has its home on a period page
(``events/2014.html``, ``events/2014-06.html``), where its anchor is. A year whose events
would make a heavy page is split: its month-dated events go to one page per month and the
year page keeps the events dated only to the year, a season or a quarter, with links to its
months. A month (or a year's coarse events) still too heavy for one page continues on
numbered parts (``events/2014-06-part-2.html``). Pages are cut by an estimate of their
weight in bytes, made from the text each event shows; the page-budget test checks the
estimate against the rendered pages.

The index shows the key dates, each with its summary; it has a weight budget too. When every
date is key and every event fits, it shows every event (a small collection); when the key
dates' entries would be heavier than the budget, the most salient key dates that fit are shown,
and the rest stay key (in the exports) and on their period pages.

The plan is a pure function of the shown events and the key dates, so every writer that links
to an event (pages, source pages, feeds, sitemap, ``timeline check``) finds it at the same
place.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from timeline.model import Event, KeyDate
from timeline.site.urls import INDEX_PAGE, PERIODS_DIR
from timeline.temporal.values import describe

#: Precisions that sit under a month; coarser events belong to their year as a whole.
MONTH_PRECISIONS = ("second", "minute", "hour", "daypart", "day", "weekend", "week", "month")
#: A period page is cut when its events would weigh more than this (estimated HTML bytes).
#: A third of the 1.5 MB budget of a page, and a page a phone lays out without stalling
#: (about 200 events with two citations each; chromium shows one in about 0.4 s).
PAGE_WEIGHT = 500_000
#: Estimated HTML bytes the index's entries may weigh. The page's budget is 1 MB; the rest
#: is for its header, the list of periods and the metadata in its head (about 100 kB at most).
INDEX_WEIGHT = 800_000
#: Citations an index entry lists in full; the others are counted, and listed on the event's
#: period page (an event reported by sixty articles would otherwise outweigh twenty dates).
INDEX_CITATIONS = 4


@dataclass(frozen=True)
class _Markup:
    """Bytes of markup around an event's text and around each of its citations, the
    original-article link, a conflict and a tag, on one kind of page (measured on the theme:
    the estimate is within 0.8-1.0 of the rendered total on the dev and made-up
    collections)."""

    event: int
    citation: int
    original: int
    conflict: int = 90
    tag: int = 25


_PERIOD_MARKUP = _Markup(event=1_250, citation=240, original=155)
_INDEX_MARKUP = _Markup(event=735, citation=100, original=95)


@dataclass
class Period:
    """One page of events: a year, a month, or a numbered part of either."""

    key: str  # "2014", "2014-06", "2014-06-part-2"
    label: str  # "2014", "June 2014", "10–16 June 2014" (a part of a month), "2014, part 2"
    year: int
    month: int | None = None  # None: the year page (all of a light year, or its coarse events)
    part: int = 1
    parts: int = 1
    events: list[Event] = field(default_factory=list)
    #: the year's month pages, listed on a split year's own page
    months: list[Period] = field(default_factory=list)
    #: what tells this part from its siblings: its days ("10–16") or its number
    part_label: str = ""

    @property
    def page(self) -> str:
        """Site-relative path of the page."""
        return period_page(self.key)

    @property
    def count(self) -> int:
        return len(self.events)


@dataclass
class PagePlan:
    """Every period page in date order, and the page of every shown event."""

    periods: list[Period]
    page_of: dict[str, str]
    #: year -> that year's first page, where its heading links
    year_pages: dict[int, str] = field(default_factory=dict)
    #: the key dates the index shows, in date order
    index_dates: list[KeyDate] = field(default_factory=list)
    #: how many key dates there are (more than ``index_dates`` when the budget trimmed them)
    key_dates: int = 0
    #: the index shows every event: every date is key and all of them fit
    complete: bool = False

    def event_page(self, event_id: str) -> str:
        """Site-relative page of an event (the index for an event no page holds)."""
        return self.page_of.get(event_id, INDEX_PAGE)

    def neighbours(self, period: Period) -> tuple[Period | None, Period | None]:
        """The periods before and after ``period``, in date order."""
        index = self.periods.index(period)
        before = self.periods[index - 1] if index > 0 else None
        after = self.periods[index + 1] if index + 1 < len(self.periods) else None
        return before, after


def period_page(key: str) -> str:
    return f"{PERIODS_DIR}/{key}.html"


def plan_pages(events: Iterable[Event], key_dates: Sequence[KeyDate] = (), *,
               page_weight: int = PAGE_WEIGHT, index_weight: int = INDEX_WEIGHT) -> PagePlan:
    """Cut the shown events (hidden ones are left out) into period pages, and choose the key
    dates the index has room for."""
    ordered = sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)
    periods: list[Period] = []
    year_pages: dict[int, str] = {}
    # each event weighed once: a page's cut asks for an event's weight up to three times
    weights = {id(e): event_weight(e) for e in ordered}
    weigh = lambda e: weights[id(e)]  # noqa: E731 - a lookup, handed down
    for year, in_year in groupby(ordered, key=lambda e: e.start.year):
        made = _year_periods(year, list(in_year), page_weight, weigh)
        year_pages[year] = made[0].page
        periods += made
    page_of = {event.id: period.page for period in periods for event in period.events}
    return with_key_dates(PagePlan(periods, page_of, year_pages), key_dates,
                          index_weight=index_weight)


def with_key_dates(plan: PagePlan, key_dates: Sequence[KeyDate], *,
                   index_weight: int = INDEX_WEIGHT) -> PagePlan:
    """``plan`` with the key dates the index has room for (its periods and pages as they are:
    they do not depend on the key dates, so a plan made before they were chosen serves)."""
    shown = [e for period in plan.periods for e in period.events]
    key_dates = list(key_dates)
    on_key_dates = sum(len(d.events) for d in key_dates)
    complete = bool(shown) and on_key_dates >= len(shown) and sum(
        entry_weight(e) for e in shown) <= index_weight
    index_dates = key_dates if complete else _within(key_dates, index_weight)
    return PagePlan(plan.periods, plan.page_of, plan.year_pages, index_dates, len(key_dates),
                    complete)


def _within(key_dates: list[KeyDate], weight: int) -> list[KeyDate]:
    """The most salient key dates whose entries fit in ``weight``, in date order."""
    cost = {id(d): sum(entry_weight(e) for e in d.summary) for d in key_dates}
    if sum(cost.values()) <= weight:
        return key_dates
    kept, used = [], 0
    for key_date in sorted(key_dates, key=lambda d: (-d.salience, d.start, d.value)):
        if used + cost[id(key_date)] <= weight:
            kept.append(key_date)
            used += cost[id(key_date)]
    return sorted(kept, key=lambda d: (d.start, d.end, d.value))


def year_label(year: int, events: list[Event]) -> str:
    """The year, or "1990s"/"11th century" when every event of the group is that coarse."""
    coarser = {"decade", "century", "millennium"}
    labels = {describe(e.value) for e in events}
    if events and all(e.precision in coarser for e in events) and len(labels) == 1:
        return labels.pop()
    return str(year)


def _year_periods(year: int, events: list[Event], page_weight: int,
                  weigh=None) -> list[Period]:
    weigh = weigh or event_weight
    if sum(weigh(e) for e in events) <= page_weight:
        return [Period(str(year), year_label(year, events), year, events=events)]
    coarse = [e for e in events if e.precision not in MONTH_PRECISIONS]
    fine = [e for e in events if e.precision in MONTH_PRECISIONS]
    months: list[Period] = []
    for month, in_month in groupby(fine, key=lambda e: e.start.month):
        label = f"{calendar.month_name[month]} {year}"
        months += _parts(f"{year}-{month:02d}", label, year, month, list(in_month), page_weight,
                         weigh)
    year_parts = _parts(str(year), str(year), year, None, coarse, page_weight, weigh)
    year_parts[0].months = [m for m in months if m.part == 1]
    return year_parts + months


def _parts(key: str, label: str, year: int, month: int | None, events: list[Event],
           page_weight: int, weigh=None) -> list[Period]:
    """``events`` on one page, or on numbered parts of at most ``page_weight`` each."""
    chunks = _cut(events, page_weight, weigh)
    periods = []
    previous = ""
    for number, chunk in enumerate(chunks, start=1):
        suffix = f"-part-{number}" if number > 1 else ""
        part, shown = "", label
        if len(chunks) > 1 and month is not None:  # a month's parts are told by their days
            days = _days(chunk)
            more = " (continued)" if days == previous else ""
            part, shown, previous = days + more, f"{days} {label}{more}", days
        elif len(chunks) > 1:
            part, shown = f"Part {number}", f"{label}, part {number}"
        periods.append(Period(key + suffix, shown, year, month, number, len(chunks), chunk,
                              part_label=part))
    return periods


def _days(events: list[Event]) -> str:
    """The days of the month a part's events start on: "14", "14–16"."""
    first, last = events[0].start.day, events[-1].start.day
    return str(first) if first == last else f"{first}\u2013{last}"


def _cut(events: list[Event], page_weight: int, weigh=None) -> list[list[Event]]:
    """Consecutive runs of at most ``page_weight``, cut between dates where one can be.

    A run of events on one date heavier than a page is cut inside the date: no page may
    break the budget, and the date's heading is repeated on the next part.
    """
    weigh = weigh or event_weight
    chunks: list[list[Event]] = [[]]
    weight = 0
    for _, same_date in groupby(events, key=lambda e: (e.value, e.precision)):
        same_date = list(same_date)
        group = sum(weigh(e) for e in same_date)
        if chunks[-1] and weight + group > page_weight:
            chunks.append([])
            weight = 0
        for event in same_date:
            single = weigh(event)
            if chunks[-1] and weight + single > page_weight:
                chunks.append([])
                weight = 0
            chunks[-1].append(event)
            weight += single
    return chunks


def event_weight(event: Event) -> int:
    """Estimated bytes of the event's HTML on its period page."""
    return _weight(event, _PERIOD_MARKUP, len(event.citations), expressions=True)


def entry_weight(event: Event) -> int:
    """Estimated bytes of the event's entry on the index, which lists
    :data:`INDEX_CITATIONS` citations in full."""
    return _weight(event, _INDEX_MARKUP, INDEX_CITATIONS, expressions=False)


def _weight(event: Event, markup: _Markup, citations: int, *, expressions: bool) -> int:
    weight = (markup.event + _bytes(event.text) + _bytes(event.headline)
              + _bytes(event.note or ""))
    for citation in event.citations[:citations]:
        article = citation.article
        weight += (markup.citation + _bytes(article.title) + 2 * _bytes(article.source)
                   + len(article.slug) + 20)  # the link to the source page: sources/<slug>.html
        if expressions:
            weight += _bytes(citation.timex.text)
        if article.url:
            weight += markup.original + len(article.url)
    for conflict in event.conflicts:
        weight += markup.conflict + sum(_bytes(str(v)) for v in conflict.values())
    return weight + sum(markup.tag + _bytes(tag) for tag in event.tags)


def _bytes(text: str) -> int:
    """UTF-8 length: what the page weighs (a non-Latin script takes 2-3 bytes a letter)."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))
