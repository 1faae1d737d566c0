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
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from timeline.model import Article, Event
from timeline.site.formats import shown_headline
from timeline.site.jsontext import IndentedItems
from timeline.site.periods import plan_pages
from timeline.site.urls import INDEX_PAGE, SiteUrls

TIMELINEJS_FILE = "timelinejs.json"
ATOM_FILE = "events.atom"
ICS_FILE = "events.ics"
CSV_FILE = "events.csv"
FEED_FILES = (TIMELINEJS_FILE, ATOM_FILE, ICS_FILE, CSV_FILE)

#: TimelineSetter's columns (``date``, ``display_date``, ``description``, ``link``, ``series``)
#: with ``end`` beside ``date`` (a range's last day, empty for a point), then id, value, precision.
CSV_COLUMNS = ("date", "end", "display_date", "description", "link", "series", "id", "value",
               "precision")
#: Precisions the iCalendar export writes (all-day); coarser events are skipped.
ICS_DAY_PRECISIONS = ("second", "minute", "hour", "daypart", "day")
ICS_SPAN_PRECISIONS = ("week", "weekend")
#: TimelineJS date fields present for each precision ("precision implied by the fields").
_TIMELINEJS_FIELDS = {"year": 1, "month": 2, "day": 3, "daypart": 3, "hour": 4, "minute": 5,
                      "second": 5}

ATOM_NS = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 does not allow at all, even escaped (C0 controls but tab/LF/CR, and more).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORMULA_START = ("=", "\t", "\r", "\n")
_SIGNS = ("+", "-", "@")
_FORMULA_REACH = re.compile(r"[(|!]")
#: Spreadsheets (Excel) guess a CSV file's encoding: without a byte-order mark, UTF-8 text
#: opened by double-click shows "CafÃ©". Python reads it back with encoding="utf-8-sig".
CSV_BOM = "\ufeff"
_URL_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """What the feeds say about the site itself."""

    title: str
    description: str = ""
    base_url: str = ""
    language: str = "en"
    #: event id -> its period page; an event not in it links to the index
    event_pages: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def urls(self) -> SiteUrls:
        return SiteUrls(self.base_url)

    @classmethod
    def from_config(cls, config, event_pages: Mapping[str, str] | None = None) -> FeedInfo:
        return cls(config.title, config.description, config.base_url, config.language,
                   event_pages or {})

    def event_page(self, event: Event) -> str:
        return self.event_pages.get(event.id, INDEX_PAGE)


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
    writes the events :func:`feed_selection` chooses, else every event."""

    def export(out_dir: Path, events: list[Event], config,
               event_pages: Mapping[str, str] | None = None) -> Path:
        events = list(events)
        if event_pages is None:
            event_pages = plan_pages(events).page_of
        chosen = feed_selection(events, config) if key_events else events
        path = Path(out_dir) / name
        text = make(FeedInfo.from_config(config, event_pages), chosen)
        if name == CSV_FILE:
            text = CSV_BOM + text
        # newline="" keeps the CRLF line ends that CSV and iCalendar require.
        path.write_text(text, encoding="utf-8", newline="")
        return path

    export.__name__ = f"write_{name.replace('.', '_')}"
    return export


#: Values of the ``feed_events`` setting.
FEED_EVENTS = ("key", "all")


def feed_selection(events: Iterable[Event], config) -> list[Event]:
    """The events the TimelineJS, Atom and iCalendar exports carry: the key events when there
    are any, unless ``feed_events = "all"``; every event otherwise."""
    events = list(events)
    if config.feed_events == "all":
        return events
    key = [e for e in events if e.key and not e.hidden]
    return key or events


def visible_events(events: Iterable[Event]) -> list[Event]:
    """Events that belong in exports, chronological: hidden ones are left out."""
    return sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)


# -- shared facts about an event ---------------------------------------------------------------


def date_label(event: Event) -> str:
    """The human date of an event at its own precision ('late July 2014', '3–5 June 2014'),
    marked when it is uncertain."""
    return event.label + (" (uncertain)" if event.doubt else "")


def headline(event: Event, limit: int = 90) -> str:
    """The event's headline, or its sentence shortened at a word boundary. A key event's
    sentence summarises its date, so it is its own headline unless an editor gave it one
    (as on the site: :func:`timeline.site.formats.shown_headline`)."""
    shown = shown_headline(event)
    if shown:
        return shown
    text = " ".join(event.text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def sources(event: Event) -> list[Article]:
    """The distinct articles citing an event, in citation order."""
    seen: dict[str, Article] = {}
    for citation in event.citations:
        seen.setdefault(citation.article.slug, citation.article)
    return list(seen.values())


def series(event: Event, group_by: str = "source") -> str:
    """The group of an event: its first tag, or the publisher of its first source."""
    if group_by == "tag" and event.tags:
        return event.tags[0]
    for article in sources(event):
        return article.source or article.title
    return "Editorial" if event.editorial else ""


def reported(event: Event) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the event was first and last reported (publication times of its sources, UTC)."""
    times = [_as_utc(a.published) for a in sources(event) if a.published is not None]
    if not times:
        return None, None
    return min(times), max(times)


def _as_utc(moment: dt.datetime | dt.date) -> dt.datetime:
    if not isinstance(moment, dt.datetime):
        return dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs from front matter are linked; ``javascript:`` and friends are not."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in _URL_SCHEMES else None


def _event_link(info: FeedInfo, event: Event) -> str:
    """The event on its period page: absolute when base_url is known, else relative."""
    relative = info.urls.event(event.id, info.event_page(event))
    return info.urls.absolute(relative) or relative


# -- TimelineJS -------------------------------------------------------------------------------


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
        url = _safe_url(article.url)
        if url:
            cites.append(f'<a href="{html.escape(url, quote=True)}">{name}</a>')
        else:
            cites.append(name)
    if cites:
        parts.append(f"<p>Sources: {', '.join(cites)}</p>")
    return "".join(parts)


# -- Atom (RFC 4287) --------------------------------------------------------------------------


def atom_feed(info: FeedInfo, events: list[Event], *,
              generated: dt.datetime | None = None) -> str:
    """An Atom feed of events, newest event first.

    ``updated`` of an entry is the last time a source reported it (so the feed is the same
    for the same content); ``generated`` is only the fallback for undated sources.
    """
    fallback = _as_utc(generated or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(_atom("feed"), {"{http://www.w3.org/XML/1998/namespace}lang":
                                      info.language})
    home = info.urls.absolute("index.html")
    _sub(feed, "id", home or _urn("feed", info.title))
    _sub(feed, "title", info.title)
    if info.description:
        _sub(feed, "subtitle", info.description)
    author = ET.SubElement(feed, _atom("author"))
    _sub(author, "name", info.title)
    ET.SubElement(feed, _atom("link"), {"rel": "alternate", "type": "text/html",
                                        "href": home or "index.html"})
    self_url = info.urls.absolute(ATOM_FILE)
    if self_url:
        ET.SubElement(feed, _atom("link"), {"rel": "self", "type": "application/atom+xml",
                                            "href": self_url})
    _sub(feed, "generator", "timeline")
    newest_first = visible_events(events)[::-1]
    entries = [_ATOM_ENTRIES.text(info, e, fallback) for e in newest_first]
    _ATOM_ENTRIES.forget_unused()
    updated = max((u for _, u in entries), default=fallback)
    _sub(feed, "updated", _rfc3339(updated))
    # Entries are serialised one by one (and remembered), then put where ElementTree would
    # write them: it adds no whitespace between elements, so the text is the same.
    head = ET.tostring(feed, encoding="unicode", xml_declaration=True)
    closing = "</feed>"
    return head[: -len(closing)] + "".join(text for text, _ in entries) + closing + "\n"


class _AtomEntries:
    """The serialised Atom entries of the previous feed, by everything an entry is made of.

    Building and serialising each entry with ElementTree was most of a rebuild's export time;
    an unchanged event now costs one tuple. The key lists every field :func:`_atom_entry`
    reads (tests/test_feeds.py checks remembered text against text made afresh).
    """

    def __init__(self) -> None:
        self._texts: dict[tuple, tuple[str, dt.datetime]] = {}
        self._used: dict[tuple, tuple[str, dt.datetime]] = {}

    def text(self, info: FeedInfo, event: Event,
             fallback: dt.datetime) -> tuple[str, dt.datetime]:
        first, last = reported(event)
        articles = tuple((a.slug, tuple(a.authors or ()), a.source, a.title, a.url)
                         for a in sources(event))
        key = (info, event.id, info.event_page(event), event.key, event.value, event.mod,
               event.precision, event.headline, event.text, event.status, articles, first,
               last or fallback)
        known = self._texts.get(key) or self._used.get(key)
        if known is None:
            entry, updated = _atom_entry(info, event, fallback)
            text = ET.tostring(entry, encoding="unicode").replace(_ENTRY_WITH_NS, "<entry>", 1)
            known = (text, updated)
        self._used[key] = known
        return known

    def forget_unused(self) -> None:
        """Keep only the entries of the feed just made."""
        self._texts, self._used = self._used, {}

    def clear(self) -> None:
        self._texts, self._used = {}, {}


_ENTRY_WITH_NS = f'<entry xmlns="{ATOM_NS}">'
_ATOM_ENTRIES = _AtomEntries()


def forget_previous_feeds() -> None:
    """Drop what the exports remember for the next build (see :func:`write_exports`'s
    ``remember``): a process that builds once would carry it until it exits."""
    _SLIDES_TEXT.clear()
    _ATOM_ENTRIES.clear()


def _atom_entry(info: FeedInfo, event: Event,
                fallback: dt.datetime) -> tuple[ET.Element, dt.datetime]:
    first, last = reported(event)
    updated = last or fallback
    entry = ET.Element(_atom("entry"))
    _sub(entry, "id", _urn("event", info.base_url or info.title, event.id))
    _sub(entry, "title", f"{date_label(event)}: {headline(event)}")
    _sub(entry, "updated", _rfc3339(updated))
    if first:
        _sub(entry, "published", _rfc3339(first))
    names = sorted({a for art in sources(event) for a in (art.authors or [art.source])} - {""})
    for name in names or [info.title]:
        author = ET.SubElement(entry, _atom("author"))
        _sub(author, "name", name)
    ET.SubElement(entry, _atom("link"), {"rel": "alternate", "type": "text/html",
                                         "href": _event_link(info, event)})
    for article in sources(event):
        url = _safe_url(article.url)
        if url:
            ET.SubElement(entry, _atom("link"), {"rel": "related", "href": url,
                                                 "title": _xml_text(article.title)})
    _sub(entry, "category", None).set("term", event.precision)
    _sub(entry, "summary", _summary(event))
    return entry, updated


def _summary(event: Event) -> str:
    names = ", ".join(a.source or a.title for a in sources(event))
    status = " (expected)" if event.status == "expected" else ""
    cited = f" — {names}" if names else ""
    return f"{date_label(event)}{status}: {event.text}{cited}"


def _atom(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None) -> ET.Element:
    element = ET.SubElement(parent, _atom(tag))
    if text is not None:
        element.text = _xml_text(text)
    return element


def _xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry; ElementTree escapes the rest (& < > ")."""
    return _XML_ILLEGAL.sub("", text)


def _urn(*parts: str) -> str:
    """A stable ``urn:uuid:`` for ids that have no public URL of their own."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "timeline:" + "\x1f".join(parts)))


def _rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- iCalendar (RFC 5545) ---------------------------------------------------------------------


def icalendar(info: FeedInfo, events: list[Event], *,
              generated: dt.datetime | None = None) -> str:
    """An iCalendar file of the dated events (see the module docstring for what is skipped)."""
    fallback = _as_utc(generated or dt.datetime.now(dt.UTC))
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
             "DESCRIPTION:" + ics_escape(_summary(event)),
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
    text = _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
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


# -- CSV (TimelineSetter-like) ----------------------------------------------------------------


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
        url = _safe_url(article.url)
        if url:
            return url
    return _event_link(info, event)


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


#: The writers of this module, plugged into the build by :mod:`timeline.site.exports`.
FEED_EXPORTERS = [_exporter(TIMELINEJS_FILE, timelinejs_json, key_events=True),
                  _exporter(ATOM_FILE, atom_feed, key_events=True),
                  _exporter(ICS_FILE, icalendar, key_events=True),
                  _exporter(CSV_FILE, events_csv, key_events=False)]

__all__ = ["FEED_EXPORTERS", "FEED_FILES", "FeedInfo", "feed_selection", "write_feeds",
           "timelinejs_json",
           "atom_feed", "icalendar", "events_csv", "csv_cell", "ics_escape", "ics_fold"]
