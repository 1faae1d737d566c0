"""The index page and the period pages' navigation: what a reader takes in first.

The index is the key-event timeline: the key dates in date order, each with its summary
sentences and their sources, and a link to the date on its period page, where every event
is. Under its date's heading a sentence is shown without a leading label that would repeat the
date or name the wire ("* 3 March - ", "RIVERTON (Agency) - ") or a headline glued before it;
its period page shows it whole.
When every date of a small collection is key, the index shows every event (a date's
other events follow its summary). The index has a weight budget: if the key dates' entries
would make it heavier, the least salient key dates are left to their period pages and the
page says so.
"""

from __future__ import annotations

import calendar
import dataclasses
from dataclasses import dataclass, field
from itertools import groupby

from markupsafe import Markup

from timeline.events.statement import statement_start
from timeline.model import Event, KeyDate
from timeline.site.formats import date_label, html_datetime
from timeline.site.highlight import highlight_sentence
from timeline.site.periods import PagePlan, Period, year_label
from timeline.site.readings import DateReading, merge_readings, span_text
from timeline.site.sourcepages import SourceDoc
from timeline.site.urls import INDEX_PAGE, SiteUrls
from timeline.site.views import CitationView, EventView, event_view, mark_continued

_URLS = SiteUrls()  # relative links only


@dataclass
class KeyDateView:
    """A key date on the index: its summary sentences and the way to the rest of the date."""

    label: str
    datetime: str
    anchor: str  # id on the index
    summary: list[EventView]  # 1-3, best first
    also: list[EventView]  # the date's other events, when the index shows every event
    count: int  # every shown event on the date
    href: str  # the date's first event on its period page (site-relative)
    period: str  # label of that page
    reading: DateReading | None = None  # what the date means, how its sentences' words were read

    @property
    def more(self) -> int:
        """Events of the date the index does not show."""
        return max(0, self.count - len(self.summary) - len(self.also))


@dataclass
class KeyYearView:
    year: int
    label: str
    anchor: str
    dates: list[KeyDateView]
    href: str  # the year's (first) period page
    count: int  # the year's events, on all its pages


@dataclass
class PeriodLink:
    """A link to a period page. On the index it carries the period's event count; on the
    period pages only the count's order of magnitude (:func:`size_label`), so that an edit
    adding or removing one event does not change every period page of the site."""

    label: str
    href: str  # site-relative page
    count: int | None  # None on the period pages (see ``size``)
    short: str = ""  # a month's abbreviation, inside its year's entry
    #: a year's month pages (their first parts), when the year is split
    months: list[PeriodLink] = field(default_factory=list)
    #: what the link shows of the period's size: the count ("1,234") or its range ("1,000–4,999")
    size: str = ""


@dataclass
class IndexView:
    years: list[KeyYearView]
    periods: list[PeriodLink]  # one per year, months inside, with their counts
    key_dates: int  # key dates shown
    all_key_dates: int  # key dates chosen; more than shown when the budget trimmed them
    complete: bool  # the index shows every event
    #: period page -> (label, link from the site's root) of the key dates shown for it
    key_links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: the same list for the period pages, with each count's range instead of the count
    rough_periods: list[PeriodLink] = field(default_factory=list)

    @property
    def trimmed(self) -> bool:
        return self.key_dates < self.all_key_dates


@dataclass
class PeriodView:
    """What a period page says about where it sits: its neighbours, its year's months, its
    parts, and the key dates it holds (linked to the index)."""

    label: str
    page: str
    count: int
    previous: PeriodLink | None
    next: PeriodLink | None
    year: PeriodLink | None  # the year's entry of the period list
    parts: list[PeriodLink]  # every part of this period, when it has several
    key_dates: list[tuple[str, str]]  # (label, link to the index) of the key dates here
    is_year: bool  # the year's own page (all of it, or its coarse events and its months)


def index_view(plan: PagePlan, docs_by_path: dict[str, SourceDoc], *,
               view=None) -> IndexView:
    """The index page's data: the key dates the plan puts on it, grouped by year."""
    view = view or event_view
    chosen, complete = plan.index_dates, plan.complete
    labels = {p.page: p.label for p in plan.periods}
    per_year: dict[int, int] = {}
    for period in plan.periods:
        per_year[period.year] = per_year.get(period.year, 0) + period.count
    anchors: set[str] = set()
    key_links: dict[str, list[tuple[str, str]]] = {}
    years = []
    for year, in_year in groupby(chosen, key=lambda d: d.start.year):
        dates = []
        for key_date in in_year:
            anchor = _unique(key_date_anchor(key_date), anchors)
            date = _key_date_view(key_date, plan, docs_by_path, view, complete, labels, anchor)
            dates.append(date)
            for page in dict.fromkeys(plan.event_page(e.id) for e in key_date.summary):
                key_links.setdefault(page, []).append((date.label, f"{INDEX_PAGE}#{anchor}"))
        events = [ev.event for d in dates for ev in d.summary]
        years.append(KeyYearView(year, year_label(year, events), f"y-{year}", dates,
                                 plan.year_pages.get(year, ""), per_year.get(year, 0)))
    return IndexView(years, period_links(plan), len(chosen), plan.key_dates, complete,
                     key_links, period_links(plan, exact=False))


def _key_date_view(key_date: KeyDate, plan: PagePlan, docs_by_path: dict[str, SourceDoc],
                   view, complete: bool, labels: dict[str, str], anchor: str) -> KeyDateView:
    def made(event: Event) -> EventView:
        made = view(event, docs_by_path, "", _URLS.event(event.id, plan.event_page(event.id)))
        return dataclasses.replace(made, citations=publishers_first(made.citations),
                                   sentence_html=_unlabelled(event, made.sentence_html))

    in_summary = {id(e) for e in key_date.summary}
    summary = [made(e) for e in key_date.summary]
    also = [made(e) for e in key_date.events if id(e) not in in_summary] if complete else []
    mark_continued(summary + also)
    first = key_date.events[0] if key_date.events else key_date.summary[0]
    page = plan.event_page(first.id)
    label = key_date_label(key_date)
    span = span_text(key_date.precision, key_date.start, key_date.end)
    return KeyDateView(
        label=label,
        datetime=html_datetime(key_date.value, key_date.precision, key_date.start),
        anchor=anchor,
        summary=summary,
        also=also,
        count=max(len(key_date.events), len(summary)),
        href=_URLS.event(first.id, page),
        period=labels.get(page, ""),
        reading=merge_readings(label, span, [ev.reading for ev in summary + also if ev.reading]),
    )


def _unlabelled(event: Event, shown: Markup) -> Markup:
    """``shown`` (the event's sentence as the pages show it) from where its statement starts
    (:func:`timeline.events.statement.statement_start`): without a leading date, time or
    dateline label, or a headline glued before it."""
    if not event.citations:
        return shown
    citation = event.citations[0]
    start = statement_start(citation)
    return highlight_sentence(citation, start) if start else shown


def key_date_label(key_date: KeyDate) -> str:
    """The date as its events say it ("3–5 June 2014", "late July 2014") when they all say it
    alike, else the date at its precision."""
    labels = {event.label for event in key_date.events or key_date.summary}
    return labels.pop() if len(labels) == 1 else date_label(key_date.value)


def publishers_first(citations: list[CitationView]) -> list[CitationView]:
    """Citations with one of each publisher first: the index lists the first few, and a
    sentence reported by one wire and many of its reprints should still name the others."""
    seen: set[str] = set()
    first, rest = [], []
    for citation in citations:
        name = citation.source or citation.title
        (rest if name in seen else first).append(citation)
        seen.add(name)
    return first + rest


def key_date_anchor(key_date: KeyDate) -> str:
    """The id of a key date on the index: its first day and precision (``k-2014-06-15-day``),
    which stay the same from build to build."""
    return f"k-{key_date.start.isoformat()}-{key_date.precision}"


def _unique(anchor: str, taken: set[str]) -> str:
    candidate, number = anchor, 1
    while candidate in taken:
        number += 1
        candidate = f"{anchor}-{number}"
    taken.add(candidate)
    return candidate


# --- navigation between periods -------------------------------------------------------------


def period_links(plan: PagePlan, *, exact: bool = True) -> list[PeriodLink]:
    """One link per year (to its first page), with its months when the year is split; each
    with its event count (``exact``, the index's), or only the count's range (the period
    pages': :func:`size_label`)."""
    links: list[PeriodLink] = []
    for _, periods in groupby(plan.periods, key=lambda p: p.year):
        periods = list(periods)
        first = periods[0]
        months = [_sized(f"{calendar.month_name[p.month]} {p.year}", p.page,
                         _total(periods, p), exact, calendar.month_abbr[p.month])
                  for p in periods if p.month is not None and p.part == 1]
        label = year_label(first.year, [e for p in periods for e in p.events])
        links.append(_sized(label, first.page, sum(p.count for p in periods), exact,
                            months=months))
    return links


def _sized(label: str, href: str, count: int, exact: bool, short: str = "",
           months: list[PeriodLink] | None = None) -> PeriodLink:
    return PeriodLink(label, href, count if exact else None, short, months or [],
                      f"{count:,}" if exact else size_label(count))


#: Where the ranges of :func:`size_label` start: 1, 5, 10, 50, 100, 500...
_STEPS = (1, 5)


def size_label(count: int) -> str:
    """The range a period's event count falls in ("1–4", "5–9", "10–49", "50–99", "100–499",
    ...). Wide enough that one more or one fewer event seldom moves a period to another
    range, and still shows a reader where the bulk of the events is."""
    if count <= 0:
        return "0"
    low, scale = 1, 1
    while True:
        for step in _STEPS:
            start = step * scale
            if start > count:
                return f"{low:,}–{start - 1:,}"
            low = start
        scale *= 10


def _total(periods: list[Period], first: Period) -> int:
    """Events of a period over all its parts."""
    return sum(p.count for p in periods if p.month == first.month)


def period_view(period: Period, plan: PagePlan, index: IndexView) -> PeriodView:
    """A period page's view. It holds no count but the page's own (the other periods' are
    ranges, :func:`size_label`): a page changes only when its own events, its neighbours'
    labels or its key dates do."""
    before, after = plan.neighbours(period)
    year = next((link for link in index.rough_periods
                 if link.href == plan.year_pages.get(period.year)), None)
    siblings = [p for p in plan.periods
                if p.year == period.year and p.month == period.month and p.parts > 1]
    return PeriodView(
        label=period.label, page=period.page, count=period.count,
        previous=_link(before), next=_link(after), year=year,
        parts=[_link(p, p.part_label) for p in siblings],
        key_dates=index.key_links.get(period.page, []), is_year=period.month is None)


def _link(period: Period | None, label: str = "") -> PeriodLink | None:
    if period is None:
        return None
    return PeriodLink(label or period.label, period.page, None, size=size_label(period.count))
