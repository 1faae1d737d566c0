"""The CSV export: every event in TimelineSetter's columns, chronological.

One job: a row per event (date, end, display date, description, link, series, id, value,
precision), with cells that spreadsheets would run as harmful formulas neutralised and a
byte-order mark so spreadsheets read the file as UTF-8. A rebuild copies the rows of
unchanged events from the previous site's file (:func:`write_events_csv`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from pathlib import Path

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
from timeline.site.slices import Slices, slice_key

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
        writer.writerow(_row(info, event, link))
    return buffer.getvalue()


def _row(info: FeedInfo, event: Event,
         link: Callable[[FeedInfo, Event], str] | None = None) -> list[str]:
    url = (link or _csv_link)(info, event)
    row = (event.start.isoformat(), csv_end(event), date_label(event), event.text, url,
           series(event), event.id, event.value, event.precision)
    return [csv_cell(cell) for cell in row]


def write_events_csv(path: Path, info: FeedInfo, events: list[Event], kept,
                     keys: Mapping[int, bytes] | None = None) -> Path:
    """Write the CSV file (with its byte-order mark) at ``path``, row by row, the same bytes
    as :func:`events_csv`. ``keys`` maps ``id(event)`` to a key of everything the event's
    row is made from but the site's address (events.json's: :mod:`timeline.site.exports`);
    a row whose key the previous build noted is copied from the previous site's file
    (:mod:`timeline.site.slices`, through ``kept``), the others are made here."""
    slices = Slices(kept, CSV_FILE)
    address = info.base_url.encode("utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def made(row) -> bytes:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        return buffer.getvalue().encode("utf-8")

    with path.open("wb") as out:
        offset = out.write(CSV_BOM.encode("utf-8") + made(CSV_COLUMNS))
        for event in visible_events(events):
            known = keys.get(id(event)) if keys else None
            key = slice_key(known + b"\0" + address) if known is not None else None
            data = slices.get(key) if key is not None else None
            if data is None:
                data = made(_row(info, event))
            if key is not None:
                slices.note(key, offset, len(data))
            offset += out.write(data)
    slices.close(path)
    return path


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
