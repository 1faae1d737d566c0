"""The CSV export: every event in TimelineSetter's columns, chronological.

One job: a row per event (date, end, display date, description, link, series, id, value,
precision), with cells that spreadsheets would run as harmful formulas neutralised and a
byte-order mark so spreadsheets read the file as UTF-8.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

from timeline.model import Event
from timeline.site.feedinfo import (
    FeedInfo,
    date_label,
    event_link,
    linkable_url,
    series,
    sources,
    visible_events,
)

CSV_FILE = "events.csv"


#: TimelineSetter's columns (``date``, ``display_date``, ``description``, ``link``, ``series``)
#: with ``end`` beside ``date`` (a range's last day, empty for a point), then id, value, precision.
CSV_COLUMNS = ("date", "end", "display_date", "description", "link", "series", "id", "value",
               "precision")


_FORMULA_START = ("=", "\t", "\r", "\n")
_SIGNS = ("+", "-", "@")
_FORMULA_REACH = re.compile(r"[(|!]")
#: Spreadsheets (Excel) guess a CSV file's encoding: without a byte-order mark, UTF-8 text
#: opened by double-click shows "CafÃ©". Python reads it back with encoding="utf-8-sig".
CSV_BOM = "\ufeff"


def events_csv(info: FeedInfo, events: list[Event],
               link: Callable[[FeedInfo, Event], str] | None = None) -> str:
    """CSV with TimelineSetter's columns (date, display_date, description, link, series), the
    last day of a range in ``end`` beside ``date`` (empty for a point), and id, value and
    precision. Chronological."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in visible_events(events):
        url = (link or _csv_link)(info, event)
        row = (event.start.isoformat(), csv_end(event), date_label(event), event.text, url,
               series(event), event.id, event.value, event.precision)
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_end(event: Event) -> str:
    """The last day of a range ("3-5 June": 5 June; "1990-1995": 31 December 1995), the same
    day as ``date`` for hours on one day; empty for a point, even a period such as a month."""
    if not event.end_value:
        return ""
    return (event.end - dt.timedelta(days=1)).isoformat()


def _csv_link(info: FeedInfo, event: Event) -> str:
    for article in sources(event):
        url = linkable_url(article.url)
        if url:
            return url
    return event_link(info, event)


def csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas that could do harm, and nothing else (docs/exports.md).

    A cell starting with ``=`` (or a tab, CR or LF, which spreadsheets skip before one) is
    always a formula. A cell starting with ``+``, ``-`` or ``@`` is one only if the rest reads
    as a formula, and it can only reach outside the sheet through a function call, a DDE link
    or another sheet (``(``, ``|``, ``!``). Such cells get a leading apostrophe, which
    spreadsheets show as text (OWASP, CSV injection); "- officials said" or "@agency reported"
    stay exactly as the source wrote them.
    """
    value = str(value)
    if value.startswith(_FORMULA_START) or (value.startswith(_SIGNS)
                                            and _FORMULA_REACH.search(value)):
        return "'" + value
    return value
