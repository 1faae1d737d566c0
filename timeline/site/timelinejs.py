"""The TimelineJS export: Knight Lab TimelineJS3 JSON of the events.

One job: a slide per event with its dates at the precision TimelineJS can express (a period
it cannot, such as a week or a season, spans its days and is labelled), its text HTML-escaped
(TimelineJS injects it as HTML) and links to its http(s) sources. The slides of the previous
build are remembered, already indented.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from timeline.model import Event
from timeline.site.feedinfo import (
    FeedInfo,
    date_label,
    headline,
    linkable_url,
    series,
    sources,
    visible_events,
)
from timeline.site.jsontext import IndentedItems

TIMELINEJS_FILE = "timelinejs.json"


#: TimelineJS date fields present for each precision ("precision implied by the fields").
_TIMELINEJS_FIELDS = {"year": 1, "month": 2, "day": 3, "daypart": 3, "hour": 4, "minute": 5,
                      "second": 5}


def timelinejs_json(info: FeedInfo, events: list[Event], *, group_by: str = "source") -> str:
    """Knight Lab TimelineJS3 JSON: ``{"title": slide, "events": [slide]}``.

    TimelineJS puts ``text.headline`` and ``text.text`` into the page as HTML, so article text
    is HTML-escaped here; the only markup added is links to the sources.
    """
    document = {
        "title": {"text": {"headline": html.escape(info.title),
                           "text": html.escape(info.description)}},
        "events": [timelinejs_slide(info, e, group_by=group_by) for e in visible_events(events)],
    }
    return _SLIDES_TEXT.dumps(document, "events", 1) + "\n"  # = json.dumps(indent=1), faster


_SLIDES_TEXT = IndentedItems()  # slides of the previous build, already indented


def timelinejs_slide(info: FeedInfo, event: Event, *, group_by: str = "source") -> dict:
    """One TimelineJS slide for an event."""
    start, end, display = timelinejs_dates(event)
    slide: dict = {"start_date": start,
                   "text": {"headline": html.escape(headline(event)),
                            "text": _timelinejs_body(info, event)},
                   "unique_id": event.id,
                   "display_date": display}
    if end is not None:
        slide["end_date"] = end
    group = series(event, group_by)
    if group:
        slide["group"] = group
    return slide


def timelinejs_dates(event: Event) -> tuple[dict, dict | None, str]:
    """``start_date``, ``end_date`` (or None) and the display label of an event.

    Calendar periods TimelineJS cannot express (weeks, seasons, quarters, decades) become a
    start and end date spanning the period, labelled with ``display_date``.
    """
    label = date_label(event)
    last = event.end - dt.timedelta(days=1)
    depth = _TIMELINEJS_FIELDS.get(event.precision)
    if depth is None:  # a period: span it at the finest precision that marks its bounds
        if event.precision in ("decade", "century", "millennium"):
            start, end = _tjs_date(event.start, 1), _tjs_date(last, 1)
        else:
            start, end = _tjs_date(event.start, 3), _tjs_date(last, 3)
        start["display_date"] = label
        return start, end, label
    start = _tjs_date(event.start, depth)
    start.update(_tjs_time(event.value, depth))
    start["display_date"] = label
    if event.end_value:  # a range ("3-5 June", "1990-1995"): its last point ends the slide
        end = _tjs_date(last, min(depth, 3))
        end.update(_tjs_time(event.end_value, depth))
        return start, end, label
    return start, None, label


def _tjs_date(day: dt.date, depth: int) -> dict:
    fields = {"year": day.year, "month": day.month, "day": day.day}
    return dict(list(fields.items())[: min(depth, 3)])


def _tjs_time(value: str, depth: int) -> dict:
    match = re.search(r"T(\d{2})(?::(\d{2}))?", value)
    if depth < 4 or not match:
        return {}
    parts = {"hour": int(match[1])}
    if depth >= 5 and match[2]:
        parts["minute"] = int(match[2])
    return parts


def _timelinejs_body(info: FeedInfo, event: Event) -> str:
    parts = [f"<p>{html.escape(event.text)}</p>"]
    if event.status == "expected":
        parts.insert(0, "<p><em>Expected</em></p>")
    cites = []
    for article in sources(event):
        name = html.escape(article.source or article.title)
        url = linkable_url(article.url)
        if url:
            cites.append(f'<a href="{html.escape(url, quote=True)}">{name}</a>')
        else:
            cites.append(name)
    if cites:
        parts.append(f"<p>Sources: {', '.join(cites)}</p>")
    return "".join(parts)
