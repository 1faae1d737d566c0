"""Validate a built site before it goes out: links, anchors, source pages and every export.

:func:`check_site` reads only the files in the site folder (like a crawler would) and returns
one error :class:`~timeline.errors.Diagnostic` per broken thing, naming the file (relative to
the site folder), the line where known and how to fix it; an empty list means the site is good.
It checks that every internal link and ``#anchor`` resolves, that every citation's source page
exists and every event has its anchor on its period page, and that ``events.json``,
``timelinejs.json``, ``events.atom``, ``events.ics``, ``events.csv`` and ``sitemap.xml`` parse
and carry the structure their format requires.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from timeline.errors import Diagnostic, TimelineError
from timeline.site.assets import CSS_URL, resolve_reference
from timeline.site.feeds import ATOM_FILE, ATOM_NS, CSV_COLUMNS, CSV_FILE, ICS_FILE, TIMELINEJS_FILE
from timeline.site.seo import SITEMAP
from timeline.site.urls import EVENTS_JSON, INDEX_PAGE, SiteUrls

#: Attributes that load or link to another resource, per element.
_LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
               "iframe": "src", "source": "src", "video": "src", "audio": "src",
               "embed": "src", "track": "src", "form": "action"}


#: What to do about a page's broken link: the build writes good links, so a broken one comes
#: from a stale or hand-edited site or from a template override.
_LINK_HINT = "rebuild with timeline build; if it comes back, fix the link in your templates"
#: What to do about a broken export: timeline writes them, so a rebuild is the cure.
_EXPORT_HINT = "rebuild with timeline build; if it comes back, please report it"


def _problem(file: str, message: str, line: int | None = None,
             hint: str | None = _EXPORT_HINT) -> Diagnostic:
    """One broken thing in ``file`` (a path relative to the site folder)."""
    return Diagnostic("error", message, file, line, hint)


def check_site(site: Path, *, base_url: str = "") -> list[Diagnostic]:
    """Every problem found in the built site at ``site`` (empty when all is well); each names
    its file relative to ``site``."""
    site = Path(site)
    if not (site / INDEX_PAGE).is_file():
        raise TimelineError(f"no built site in {site} (no {INDEX_PAGE})", site,
                            hint="run timeline build first, or pass the site folder")
    prefix = SiteUrls(base_url).path_prefix
    pages = {p.relative_to(site).as_posix(): _parse_page(p) for p in sorted(site.rglob("*.html"))}
    problems = _check_links(site, pages, prefix)
    problems += _check_stylesheets(site, pages, prefix)
    problems += _check_events_json(site, pages)
    for name, checker in ((TIMELINEJS_FILE, check_timelinejs), (ATOM_FILE, check_atom),
                          (ICS_FILE, check_ics), (CSV_FILE, check_csv), (SITEMAP, check_sitemap)):
        path = site / name
        if path.is_file():
            problems += [_problem(name, m) for m in checker(path.read_bytes())]
    return problems


# -- pages and links --------------------------------------------------------------------------


@dataclass
class _Page:
    ids: set[str]
    links: list[tuple[int, str]]  # (line, reference)
    duplicate_ids: list[tuple[int, str]] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page(set(), [])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            if values["id"] in self.page.ids:  # the second one can never be linked to
                self.page.duplicate_ids.append((self.getpos()[0], values["id"]))
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        attr = _LINK_ATTRS.get(tag)
        if attr and values.get(attr) is not None:
            self.page.links.append((self.getpos()[0], values[attr]))


def _parse_page(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def _check_links(site: Path, pages: dict[str, _Page], prefix: str) -> list[Diagnostic]:
    problems = []
    for rel, page in pages.items():
        problems += [_problem(rel, f"duplicate id {ident!r}", line,
                              "an id must be unique in its page; check your templates")
                     for line, ident in page.duplicate_ids]
        for line, ref in page.links:
            problem = _check_link(site, pages, rel, ref, prefix)
            if problem:
                problems.append(_problem(rel, problem[0], line, problem[1]))
    return problems


def _check_link(site: Path, pages: dict[str, _Page], rel: str, ref: str,
                prefix: str) -> tuple[str, str] | None:
    """What is wrong with the link ``ref`` of page ``rel`` and how to fix it, or None."""
    ref = ref.strip()
    parts = urlsplit(ref)
    if parts.scheme or ref.startswith("//") or not ref:
        return None  # external (http, mailto, data...) or empty
    if ref.startswith("#"):
        target = rel
    else:
        if ref.startswith("/") and not prefix:
            return (f"link {ref!r} starts at the host root, so it breaks under a sub-path",
                    "set base_url in timeline.toml, or use a relative link")
        target = resolve_reference(rel, ref, prefix)
        if target is None:
            return (f"link {ref!r} points outside the site's path {prefix}",
                    "use a relative link")
        if target == "../":
            return f"link {ref!r} leaves the site folder", "use a link inside the site"
    if not (site / target).is_file():
        return f"broken link {ref!r}: {target} does not exist", _LINK_HINT
    fragment = unquote(parts.fragment)
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"broken anchor {ref!r}: no id {fragment!r} in {target}", _LINK_HINT
    return None


def _check_stylesheets(site: Path, pages: dict[str, _Page], prefix: str) -> list[Diagnostic]:
    """``url()`` references in the site's CSS (fonts, images) must resolve too."""
    problems = []
    for css in sorted(site.rglob("*.css")):
        rel = css.relative_to(site).as_posix()
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            ref = match["ref"].strip()
            if ref.startswith(("data:", "#")):
                continue
            problem = _check_link(site, pages, rel, ref, prefix)
            if problem:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(_problem(rel, problem[0], line, problem[1]))
    return problems


# -- events.json ------------------------------------------------------------------------------


def _check_events_json(site: Path, pages: dict[str, _Page]) -> list[Diagnostic]:
    path = site / EVENTS_JSON
    if not path.is_file():
        return [_problem(EVENTS_JSON, "missing")]
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        return [_problem(EVENTS_JSON, f"not valid JSON: {exc}")]
    problems = [_problem(EVENTS_JSON, m) for m in check_events_document(document)]
    for event in document.get("events", []) if isinstance(document, dict) else []:
        if not isinstance(event, dict):
            continue
        # an event's anchor is on its period page (named by "page"; the index before those)
        home = event.get("page") if isinstance(event.get("page"), str) else INDEX_PAGE
        if event.get("id") not in pages.get(home, _Page(set(), [])).ids:
            problems.append(_problem(EVENTS_JSON, f"event {event.get('id')!r} has no anchor "
                                                  f"on {home}"))
        for citation in event.get("citations") or []:
            page = citation.get("page") if isinstance(citation, dict) else None
            if page and not (site / page).is_file():
                problems.append(_problem(EVENTS_JSON, f"event {event.get('id')!r} cites "
                                                      f"{page}, which does not exist"))
    return problems


def check_events_document(document) -> list[str]:
    """The events.json contract: id, date{value,precision,start,end}, text, citations[...]."""
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        return ['expected an object with an "events" list']
    problems = []
    for index, event in enumerate(document["events"]):
        where = f"events[{index}]"
        if not isinstance(event, dict):
            problems.append(f"{where} is not an object")
            continue
        problems += [f"{where} has no {key!r}" for key in ("id", "date", "text", "citations")
                     if key not in event]
        date = event.get("date")
        if isinstance(date, dict):
            problems += [f"{where}.date has no {key!r}"
                         for key in ("value", "precision", "start", "end") if key not in date]
        salience = event.get("salience", 0)
        if not isinstance(salience, int | float) or isinstance(salience, bool):
            problems.append(f"{where}.salience is not a number")
        if not isinstance(event.get("key", False), bool):
            problems.append(f"{where}.key is not true or false")
        for cindex, citation in enumerate(event.get("citations") or []):
            missing = [k for k in ("source", "title", "url", "published", "expression",
                                   "sentence") if not isinstance(citation, dict) or k not in
                       citation]
            problems += [f"{where}.citations[{cindex}] has no {key!r}" for key in missing]
    return problems + _check_key_dates(document)


def _check_key_dates(document: dict) -> list[str]:
    """Each key date has a date and a summary of ids of events in the document."""
    ids = {event.get("id") for event in document["events"] if isinstance(event, dict)}
    problems = []
    for index, key_date in enumerate(document.get("key_dates") or []):
        where = f"key_dates[{index}]"
        if not isinstance(key_date, dict) or not isinstance(key_date.get("date"), dict):
            problems.append(f"{where} has no date")
            continue
        summary = key_date.get("summary")
        if not isinstance(summary, list) or not summary:
            problems.append(f"{where} has no summary")
            continue
        problems += [f"{where}.summary names {event_id!r}, which is not an event"
                     for event_id in summary if event_id not in ids]
    return problems


# -- the other exports ------------------------------------------------------------------------


def check_timelinejs(data: bytes) -> list[str]:
    """Knight Lab TimelineJS3: {"title"?: slide, "events": [slide]}; slide needs start_date
    with an integer year and, when present, text {headline?, text?}."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        return [f"not valid JSON: {exc}"]
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        return ['expected an object with an "events" list']
    problems = []
    ids = set()
    for index, slide in enumerate(document["events"]):
        where = f"events[{index}]"
        if not isinstance(slide, dict):
            problems.append(f"{where} is not an object")
            continue
        for key in ("start_date", "end_date"):
            if key in slide or key == "start_date":
                problems += [f"{where}.{key}: {m}" for m in _check_tjs_date(slide.get(key))]
        text = slide.get("text", {})
        if not isinstance(text, dict) or not set(text) <= {"headline", "text"}:
            problems.append(f"{where}.text must be an object with headline and text")
        unique = slide.get("unique_id")
        if unique is not None:
            if unique in ids:
                problems.append(f"{where}: duplicate unique_id {unique!r}")
            ids.add(unique)
    return problems


def _check_tjs_date(date) -> list[str]:
    if not isinstance(date, dict):
        return ["missing or not an object"]
    if not isinstance(date.get("year"), int):
        return ["year must be an integer"]
    order = ("year", "month", "day", "hour", "minute")
    present = [k for k in order if k in date]
    if present != list(order[: len(present)]):
        return [f"fields {present} skip a level (precision is implied by the fields present)"]
    limits = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59)}
    return [f"{key} {date[key]!r} out of range" for key, (low, high) in limits.items()
            if key in date and not (isinstance(date[key], int) and low <= date[key] <= high)]


def check_atom(data: bytes) -> list[str]:
    """RFC 4287: a feed with id, title, updated and an author; entries with id, title, updated
    and a link."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    atom = f"{{{ATOM_NS}}}"
    if root.tag != f"{atom}feed":
        return [f"root element is {root.tag}, not an Atom feed"]
    problems = [f"feed has no <{tag}>" for tag in ("id", "title", "updated")
                if root.find(atom + tag) is None]
    feed_author = root.find(atom + "author") is not None
    for index, entry in enumerate(root.findall(atom + "entry")):
        missing = [t for t in ("id", "title", "updated", "link") if entry.find(atom + t) is None]
        if not feed_author and entry.find(atom + "author") is None:
            missing.append("author")
        problems += [f"entry {index + 1} has no <{tag}>" for tag in missing]
    return problems


def check_ics(data: bytes) -> list[str]:
    """RFC 5545 basics: CRLF lines of at most 75 octets, one VCALENDAR with VERSION and PRODID,
    balanced VEVENTs each with UID, DTSTAMP and DTSTART."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["not UTF-8"]
    if text.replace("\r\n", "").count("\n"):
        return ["lines must end with CRLF"]
    raw_lines = text.split("\r\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    problems = [f"line {n} is longer than 75 octets" for n, line in enumerate(raw_lines, 1)
                if len(line.encode("utf-8")) > 75]
    lines = _unfold(raw_lines)
    if not lines or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        return problems + ["must start with BEGIN:VCALENDAR and end with END:VCALENDAR"]
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    problems += [f"calendar has no {key}" for key in ("VERSION", "PRODID") if key not in names]
    return problems + _check_vevents(lines, names)


def _check_vevents(lines: list[str], names: list[str]) -> list[str]:
    """VEVENTs balanced, not nested, each with UID, DTSTAMP and DTSTART (unfolded lines)."""
    problems = []
    event: set[str] | None = None  # property names of the open VEVENT
    for line, name in zip(lines, names, strict=True):
        if line == "BEGIN:VEVENT":
            if event is not None:
                problems.append("VEVENT inside VEVENT")
            event = set()
        elif line == "END:VEVENT":
            if event is None:
                problems.append("END:VEVENT without BEGIN")
            else:
                problems += [f"VEVENT without {k}" for k in ("UID", "DTSTAMP", "DTSTART")
                             if k not in event]
            event = None
        elif event is not None:
            event.add(name)
    if event is not None:
        problems.append("VEVENT not closed")
    return problems


def _unfold(lines: list[str]) -> list[str]:
    unfolded: list[str] = []
    for line in lines:
        if line[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    return unfolded


def check_csv(data: bytes) -> list[str]:
    """A header with the TimelineSetter-like columns (``end`` may be missing: a site built
    before it had none); every row as wide as the header; a range's ``end`` is a day no
    earlier than its ``date``."""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error) as exc:
        return [f"cannot read CSV: {exc}"]
    required = [name for name in CSV_COLUMNS if name != "end"]
    if not rows or any(name not in rows[0] for name in required):
        return [f"header must have the columns {', '.join(CSV_COLUMNS)}"]
    header = rows[0]
    problems = [f"row {n} has {len(row)} cells, the header {len(header)}"
                for n, row in enumerate(rows[1:], start=2) if len(row) != len(header)]
    if "end" in header and not problems:
        problems = [f"row {n}: {problem}" for n, row in enumerate(rows[1:], start=2)
                    if (problem := _range_end_problem(row[header.index("date")],
                                                      row[header.index("end")]))]
    return problems


def _range_end_problem(start: str, end: str) -> str | None:
    """What is wrong with a row's ``end`` (empty for a point, else an ISO day from ``date`` on)."""
    if not end:
        return None
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return f"end {end!r} and date {start!r} must be days written YYYY-MM-DD"
    return f"end {end} is before date {start}" if last < first else None


def check_sitemap(data: bytes) -> list[str]:
    """sitemaps.org: a urlset whose every url has an absolute http(s) loc."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    if root.tag != f"{ns}urlset":
        return ["root element must be a sitemaps.org urlset"]
    problems = []
    for index, url in enumerate(root.findall(f"{ns}url"), start=1):
        loc = url.findtext(f"{ns}loc") or ""
        if urlsplit(loc).scheme not in ("http", "https"):
            problems.append(f"url {index}: loc {loc!r} is not an absolute http(s) URL")
    return problems
