"""Decide whether an event was *reported* (it had happened when the source was published) or is
*expected* (scheduled or foreseen as of the publication date).

Each citation is judged on its own, from two facts:

- the event's date interval against the citing article's publication day: an event that starts
  after it is in that article's future (expected); one that ended before it is in its past
  (reported);
- when the interval holds the publication day ("this week", "in June", "today"), the sentence's
  wording decides: future or scheduling cues ("will", "expected to", "scheduled",
  "deadline", "plans to", "is set to") make it expected, anything else reported.

An event is reported as soon as one source reports it as past; otherwise it is expected as of
the latest publication that still looks forward to it (``Event.status_as_of``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from timeline.model import Citation, Event

REPORTED = "reported"
EXPECTED = "expected"

#: Wording that puts the event ahead of the writer. "would" is left out on purpose: in news it
#: is mostly reported speech about the past ("said it would help").
FUTURE_CUES = re.compile(
    r"\b(?:will|won['’]t|shall|is\s+going\s+to|are\s+going\s+to"
    r"|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|slated|poised)\s+to"
    r"|expected\s+to|scheduled|slated|upcoming|deadline|plans?\s+to|planned|planning\s+to"
    r"|intends?\s+to|aims?\s+to|to\s+be\s+held)\b",
    re.IGNORECASE,
)


def has_future_cue(sentence: str) -> bool:
    """True when the sentence's wording looks ahead ("will convene", "a July 20 deadline")."""
    return FUTURE_CUES.search(sentence) is not None


def citation_status(start: dt.date, end: dt.date, citation: Citation) -> str:
    """``expected`` or ``reported`` for one source: the event ``[start, end)`` vs its date."""
    published = citation.article.published_date
    if published is not None:
        if start > published:
            return EXPECTED
        if end <= published:
            return REPORTED
    return EXPECTED if has_future_cue(citation.sentence) else REPORTED


def assign_status(event: Event) -> Event:
    """Set :attr:`Event.status` and :attr:`Event.status_as_of` from all the event's citations."""
    judged = [(citation_status(event.start, event.end, c), c) for c in event.citations]
    if not judged or any(status == REPORTED for status, _ in judged):
        event.status, event.status_as_of = REPORTED, None
        return event
    event.status = EXPECTED
    dates = [c.article.published_date for _, c in judged if c.article.published_date]
    event.status_as_of = max(dates) if dates else None
    return event


def assign_statuses(events: Iterable[Event]) -> list[Event]:
    """:func:`assign_status` for every event; returns them as a list, in the same order."""
    return [assign_status(event) for event in events]


def status_label(event: Event) -> str:
    """How the page names the status: "reported", "expected, as of 15 June 2014"."""
    if event.status != EXPECTED:
        return event.status
    if event.status_as_of is None:
        return EXPECTED
    day = event.status_as_of
    return f"{EXPECTED}, as of {day.day} {calendar.month_name[day.month]} {day.year}"
