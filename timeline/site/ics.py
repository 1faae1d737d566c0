"""The iCalendar export (RFC 5545): the dated events as all-day calendar entries.

One job: an all-day VEVENT for an event dated to a day or finer, a multi-day one naming the
period for a week or weekend; anything vaguer (a month, a season, a year) is skipped, because a
calendar entry spanning it misleads more than it helps. TEXT values are escaped and lines
folded at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from timeline.model import Event
from timeline.site.feedinfo import (
    XML_ILLEGAL,
    FeedInfo,
    date_label,
    event_summary,
    headline,
    reported,
    undated_fallback,
    visible_events,
)

ICS_FILE = "events.ics"


#: Precisions the iCalendar export writes (all-day); coarser events are skipped.
ICS_DAY_PRECISIONS = ("second", "minute", "hour", "daypart", "day")
ICS_SPAN_PRECISIONS = ("week", "weekend")


def icalendar(info: FeedInfo, events: list[Event], *,
              generated: dt.datetime | None = None) -> str:
    """An iCalendar file of the dated events (see the module docstring for what is skipped)."""
    fallback = undated_fallback(events, generated)
    host = urlsplit(info.urls.root).hostname or "timeline.invalid"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//events//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + ics_escape(info.title)]
    for event in visible_events(events):
        if event.precision in ICS_DAY_PRECISIONS or event.precision in ICS_SPAN_PRECISIONS:
            lines.extend(_vevent(info, event, host, fallback))
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


def _vevent(info: FeedInfo, event: Event, host: str, fallback: dt.datetime) -> list[str]:
    _, last = reported(event)
    summary = headline(event)
    if event.precision in ICS_SPAN_PRECISIONS or event.mod or event.end_value or event.doubt:
        summary = f"{summary} ({date_label(event)})"
    if event.status == "expected":
        summary = f"Expected: {summary}"
    lines = ["BEGIN:VEVENT",
             f"UID:{_ics_uid(event.id)}@{host}",
             "DTSTAMP:" + (last or fallback).strftime("%Y%m%dT%H%M%SZ"),
             "DTSTART;VALUE=DATE:" + event.start.strftime("%Y%m%d"),
             "DTEND;VALUE=DATE:" + event.end.strftime("%Y%m%d"),
             "SUMMARY:" + ics_escape(summary),
             "DESCRIPTION:" + ics_escape(event_summary(event)),
             "TRANSP:TRANSPARENT",
             "X-TIMELINE-PRECISION:" + ics_escape(event.precision)]
    link = info.urls.absolute(info.urls.event(event.id, info.event_page(event)))
    if link:
        lines.append("URL:" + link)
    lines.append("END:VEVENT")
    return lines


def _ics_uid(event_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "-", event_id)


def ics_escape(text: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon, comma and newlines escaped."""
    text = XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def ics_fold(line: str, limit: int = 75) -> str:
    """RFC 5545 3.1: lines longer than 75 octets continue on lines starting with a space,
    never splitting a UTF-8 character."""
    if line.isascii() and limit > 1:  # one octet per character: cut by slicing
        if len(line) <= limit:
            return line
        rest = range(limit, len(line), limit - 1)
        return "\r\n".join([line[:limit], *(" " + line[i:i + limit - 1] for i in rest)])
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line
    pieces, start, room = [], 0, limit
    while len(data) - start > room:  # cut at the last character boundary that fits
        cut = start + room
        while cut > start and data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte
            cut -= 1
        if cut == start:
            return _fold_by_characters(line, limit)  # a character wider than a line
        pieces.append(data[start:cut].decode("utf-8"))
        start, room = cut, limit - 1  # the leading space counts towards the next line
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces)


def _fold_by_characters(line: str, limit: int) -> str:
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1  # the leading space counts towards the next line's octets
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)
