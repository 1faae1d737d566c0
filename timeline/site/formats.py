"""Small formatting helpers shared by the site's pages: date labels, HTML ``datetime``
attributes, publication labels and the check that keeps unsafe URLs from becoming links."""

from __future__ import annotations

import calendar
import datetime as dt

from timeline.events.headline import event_headline
from timeline.model import Article, Event
from timeline.temporal.values import describe, precision_rank


def date_label(value: str, mod: str | None = None) -> str:
    """The label of a TimeML value at its precision ("14 June 2014", "fall 2013")."""
    return describe(value, mod)


def html_datetime(value: str, precision: str | None, start: dt.date | None) -> str:
    """A valid HTML ``datetime`` attribute for a value: day, month, week or year."""
    if start is None or precision is None:
        return ""
    if precision_rank(precision) <= precision_rank("day"):
        return start.isoformat()
    if precision == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if 1 <= start.year <= 9999:
        return f"{start.year:04d}"
    return ""


def published_label(article: Article) -> str:
    published = article.published_date
    if published is None:
        return ""
    return f"{published.day} {calendar.month_name[published.month]} {published.year}"


def safe_url(url: str | None, *, allow_relative: bool = False) -> str | None:
    """``url`` if it is http(s) (or, when allowed, a relative link/fragment), else None:
    ``javascript:`` and other schemes never become links."""
    if not url:
        return None
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith(("http://", "https://")):
        return url
    if allow_relative and ":" not in url.split("/", 1)[0] and not lowered.startswith("//"):
        return url
    return None


def shown_headline(event: Event) -> str:
    """The headline the site and the feeds show: an editor's title always; the machine's
    clause-fragment headline only for an event that is not key, because a key event's
    sentence is its date's summary."""
    if event.key and event.headline and event.headline == event_headline(event):
        return ""
    return event.headline
