"""How a date on the timeline was read: the reading of its value ("week of 9 June 2014",
"spring 2013", "15 June 2014, 14:30", with the days a coarse reading covers) and, for each
source, how the words were resolved ("“last week”, from the article of 15 June 2014").

Plain text only: the templates escape it (autoescape), wherever it is shown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from timeline.model import Article, Citation, Event
from timeline.temporal.model import Timex
from timeline.temporal.values import describe

#: a year written in the expression itself: "2003", "Sept. 11, 2001", "the 1990s", "'03"
_YEAR = re.compile(r"(?<!\d)(?:\d{4}|\d{3}0s|'\d\d)(?!\d)")
#: a month or a day written without its year: "June 3", "Sept. 9", "the 14th"
_MONTH_OR_DAY = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\b\d{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE)
#: at most this many distinct ways of reading shown for one date
MAX_RESOLUTIONS = 3


@dataclass(frozen=True)
class Resolution:
    """How one source's words became the date."""

    expression: str  # the words in the article: "last week"
    how: str  # "from the article of 15 June 2014", "written in full", "uncertain: ..."

    @property
    def text(self) -> str:
        return f"“{self.expression}”, {self.how}" if self.expression else self.how


@dataclass(frozen=True)
class DateReading:
    """What a timeline date means and where it comes from."""

    label: str  # "week of 9 June 2014"
    span: str  # the days a coarse reading covers, "9–15 June 2014"; "" for a day or finer
    resolutions: tuple[Resolution, ...] = ()

    @property
    def meaning(self) -> str:
        """'week of 9 June 2014 (9–15 June 2014)'"""
        return f"{self.label} ({self.span})" if self.span else self.label

    @property
    def text(self) -> str:
        """One line, for a ``title``: the meaning, then each way it was read."""
        ways = "; ".join(r.text for r in self.resolutions)
        return f"{self.meaning}: {ways}" if ways else self.meaning


def span_text(precision: str, start: dt.date, end: dt.date) -> str:
    """The days a reading coarser than a day covers, when its label does not say them:
    a week '9–15 June 2014', a season 'March–May 2013', a decade '1990–1999'. Empty for a
    day, a time, a whole month or a single year, whose label says it all."""
    last = end - dt.timedelta(days=1)
    if precision in ("week", "weekend"):
        return _days(start, last)
    if precision in ("season", "quarter", "half"):
        return _months(start, last)
    if precision in ("decade", "century", "millennium"):
        return f"{start.year}–{last.year}"
    return ""


def _days(first: dt.date, last: dt.date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {calendar.month_name[last.month]} {last.year}"
    head = f"{first.day} {calendar.month_name[first.month]}"
    if first.year != last.year:
        head += f" {first.year}"
    return f"{head} – {last.day} {calendar.month_name[last.month]} {last.year}"


def _months(first: dt.date, last: dt.date) -> str:
    if first.year == last.year:
        return f"{calendar.month_name[first.month]}–{calendar.month_name[last.month]} {last.year}"
    return (f"{calendar.month_name[first.month]} {first.year} – "
            f"{calendar.month_name[last.month]} {last.year}")


def how_read(timex: Timex, article: Article) -> str:
    """How ``timex`` (in ``article``) was resolved, in a few words."""
    if timex.doubt:
        return f"uncertain: {timex.doubt}"
    if _YEAR.search(timex.text):
        return "written in full"
    published = article.published_date
    if published is None:
        return "read without a publication date"
    when = f"{published.day} {calendar.month_name[published.month]} {published.year}"
    if _MONTH_OR_DAY.search(timex.text):
        return f"the year from the article of {when}"
    return f"from the article of {when}"


def resolution(citation: Citation) -> Resolution:
    return Resolution(citation.timex.text, how_read(citation.timex, citation.article))


def event_reading(event: Event) -> DateReading:
    """The reading of ``event``'s date and how its sources' words were resolved (each
    distinct way once, at most :data:`MAX_RESOLUTIONS`)."""
    ways: list[Resolution] = []
    if event.date_corrected_from:
        ways.append(Resolution("", f"corrected by the editors (the source gives "
                                   f"{describe(event.date_corrected_from)})"))
    elif event.editorial:
        ways.append(Resolution("", "dated by the editors"))
    else:
        for citation in event.citations:
            way = resolution(citation)
            if way not in ways:
                ways.append(way)
    return DateReading(event.label, span_text(event.precision, event.start, event.end),
                       tuple(ways[:MAX_RESOLUTIONS]))


def merge_readings(label: str, span: str, readings: list[DateReading]) -> DateReading:
    """One reading for a key date (``label``, covering ``span``) shown by several events:
    every distinct way of reading, in event order (at most :data:`MAX_RESOLUTIONS`)."""
    ways: list[Resolution] = []
    for reading in readings:
        for way in reading.resolutions:
            if way not in ways:
                ways.append(way)
    return DateReading(label, span, tuple(ways[:MAX_RESOLUTIONS]))
