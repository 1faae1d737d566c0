"""Standard exports of the timeline's events: TimelineJS JSON, Atom, iCalendar and CSV.

Each writer takes the built events and returns the file's text; :func:`write_feeds` writes all
four next to the timeline page. Article text ends up in four different syntaxes, so every
writer escapes for its own format: HTML inside TimelineJS (it injects ``text`` as HTML), XML
(plus characters XML 1.0 forbids), RFC 5545 TEXT escaping and line folding, and CSV quoting
with a guard against spreadsheet formula injection.

Which events: TimelineJS, Atom and iCalendar carry the key events (the sentences that summarise
the key dates) when the build chose any, so a feed or a calendar stays readable; ``feed_events
= "all"`` in timeline.toml makes them carry every event. CSV always carries every event. Each
event links to its period page (:mod:`timeline.site.periods`).

iCalendar policy: an event dated to a day (or finer) becomes an all-day VEVENT; a week or
weekend becomes a multi-day all-day VEVENT whose summary names the period; anything vaguer
(month, season, quarter, year...) is skipped, because a calendar entry spanning a whole month
or year misleads more than it helps. Those events stay in the other exports.

This module writes the four files and plugs them into the build; each format is a module of
its own (:mod:`~timeline.site.timelinejs`, :mod:`~timeline.site.atom`,
:mod:`~timeline.site.ics`, :mod:`~timeline.site.csvexport`), and what they share about
the site and an event is :mod:`~timeline.site.feedinfo`. Their public names are imported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from timeline.model import Event
from timeline.site.atom import _ATOM_ENTRIES, ATOM_FILE, ATOM_NS, atom_feed
from timeline.site.csvexport import (
    CSV_BOM,
    CSV_COLUMNS,
    CSV_FILE,
    csv_cell,
    csv_end,
    events_csv,
    write_events_csv,
)
from timeline.site.feedinfo import (
    FEED_EVENTS,
    FeedInfo,
    date_label,
    feed_selection,
    headline,
    reported,
    series,
    sources,
    visible_events,
)
from timeline.site.ics import (
    ICS_DAY_PRECISIONS,
    ICS_FILE,
    ICS_SPAN_PRECISIONS,
    icalendar,
    ics_escape,
    ics_fold,
)
from timeline.site.periods import plan_pages
from timeline.site.timelinejs import (
    _SLIDES_TEXT,
    TIMELINEJS_FILE,
    timelinejs_dates,
    timelinejs_json,
    timelinejs_slide,
)

FEED_FILES = (TIMELINEJS_FILE, ATOM_FILE, ICS_FILE, CSV_FILE)


def write_feeds(output: Path, info: FeedInfo, events: Iterable[Event], *,
                generated: dt.datetime | None = None) -> list[Path]:
    """Write every export into ``output`` (the site folder) and return the paths written."""
    shown = list(events)
    texts = {
        TIMELINEJS_FILE: timelinejs_json(info, shown),
        ATOM_FILE: atom_feed(info, shown, generated=generated),
        ICS_FILE: icalendar(info, shown, generated=generated),
        CSV_FILE: events_csv(info, shown),
    }
    written = []
    for name, text in texts.items():
        path = output / name
        if name == CSV_FILE:
            text = CSV_BOM + text
        # newline="" keeps the CRLF line ends that CSV and iCalendar require.
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


def _exporter(name: str, make, *, key_events: bool) -> Callable:
    """An exporter in the form :data:`timeline.site.exports.EXPORTERS` expects:
    ``(out_dir, events, config, event_pages=None) -> written path``. With ``key_events``, it
    writes the events :func:`feed_selection` chooses, else every event. ``kept`` and ``keys``:
    the previous build's record and each event's key, for the exports that copy unchanged
    parts of the previous site's file (the CSV file: :func:`write_events_csv`)."""

    def export(out_dir: Path, events: list[Event], config,
               event_pages: Mapping[str, str] | None = None, *, kept=None,
               keys: Mapping[int, bytes] | None = None) -> Path:
        events = list(events)
        if event_pages is None:
            event_pages = plan_pages(events).page_of
        chosen = feed_selection(events, config) if key_events else events
        path = Path(out_dir) / name
        info = FeedInfo.from_config(config, event_pages)
        if name == CSV_FILE and kept is not None:  # rows of unchanged events copied
            return write_events_csv(path, info, chosen, kept, keys)
        text = make(info, chosen)
        if name == CSV_FILE:
            text = CSV_BOM + text
        # newline="" keeps the CRLF line ends that CSV and iCalendar require.
        path.write_text(text, encoding="utf-8", newline="")
        return path

    export.__name__ = f"write_{name.replace('.', '_')}"
    return export


def forget_previous_feeds() -> None:
    """Drop what the exports remember for the next build (see :func:`write_exports`'s
    ``remember``): a process that builds once would carry it until it exits."""
    _SLIDES_TEXT.clear()
    _ATOM_ENTRIES.clear()


#: The writers of this module, plugged into the build by :mod:`timeline.site.exports`.
FEED_EXPORTERS = [_exporter(TIMELINEJS_FILE, timelinejs_json, key_events=True),
                  _exporter(ATOM_FILE, atom_feed, key_events=True),
                  _exporter(ICS_FILE, icalendar, key_events=True),
                  _exporter(CSV_FILE, events_csv, key_events=False)]

__all__ = ["FEED_EXPORTERS", "FEED_FILES", "FeedInfo", "feed_selection", "write_feeds",
           "timelinejs_json",
           "atom_feed", "icalendar", "events_csv", "csv_cell", "ics_escape", "ics_fold",
           # also imported from here, as before the formats had modules of their own
           "ATOM_FILE", "ATOM_NS", "CSV_BOM", "CSV_COLUMNS", "CSV_FILE", "FEED_EVENTS",
           "ICS_DAY_PRECISIONS", "ICS_FILE", "ICS_SPAN_PRECISIONS", "TIMELINEJS_FILE",
           "csv_end", "date_label", "headline", "reported", "series", "sources",
           "timelinejs_dates", "timelinejs_slide", "visible_events"]
