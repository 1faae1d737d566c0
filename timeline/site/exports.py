"""Machine-readable exports of the timeline, written next to the pages.

This module writes ``events.json`` (schema: ``docs/events-schema.md``). Other formats
(TimelineJS, Atom, iCalendar, CSV) plug in beside it and are listed in :data:`EXPORTERS`.
"""

from __future__ import annotations

import dataclasses
import io
import json
import operator
import pickle
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from timeline.config import Config
from timeline.events.statement import statement
from timeline.model import Citation, Event, KeyDate
from timeline.site.feeds import (  # TimelineJS, Atom, iCalendar, CSV (PUBLISH)
    FEED_EXPORTERS,
    forget_previous_feeds,
)
from timeline.site.formats import safe_url
from timeline.site.jsontext import IndentedItems, indented
from timeline.site.periods import PagePlan, plan_pages
from timeline.site.slices import Slices, slice_key
from timeline.site.urls import EVENTS_JSON
from timeline.temporal.values import describe

#: Version of the events.json layout; bumped on incompatible changes.
SCHEMA_VERSION = 1


def event_to_json(event: Event, page: str | None = None) -> dict:
    """One event in the events.json form; ``page`` is the period page that holds it."""
    data = {
        "id": event.id,
        "date": _date_json(event.value, event.precision, event.start, event.end, event.mod,
                           event.end_value, event.doubt),
        "text": statement(event),
        "status": event.status,
        "salience": round(event.salience, 6),
        "key": event.key,
        "citations": [citation_to_json(c) for c in event.citations],
    }
    if page:
        data["page"] = page
    # Fields set by later stages (merging, headlines, annotations) appear only when used.
    optional = {
        "headline": event.headline or None,
        "conflicts": event.conflicts or None,
        "tags": event.tags or None,
        "featured": event.featured or None,
        "note": event.note or None,
        "editorial": event.editorial or None,
        # merging, status and annotations (timeline.events.merge / status / annotations)
        "status_as_of": event.status_as_of.isoformat() if event.status_as_of else None,
        "publishers": event.publishers or None,
        "independent_sources": event.independent_sources if event.citations else None,
        "merged_ids": event.aliases or None,
        "date_corrected_from": event.date_corrected_from,
    }
    data.update({k: v for k, v in optional.items() if v is not None})
    return data


def _date_json(value: str, precision: str, start, end, mod: str | None = None,
               end_value: str | None = None, doubt: str | None = None) -> dict:
    date = {
        "value": value,
        "precision": precision,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "label": describe(value, mod, end_value),
    }
    if mod:
        date["mod"] = mod
    if end_value:
        date["end_value"] = end_value  # a range: "value" is its first point, this its last
    if doubt:
        date["certain"] = False
        date["doubt"] = doubt
    return date


def key_date_to_json(key_date: KeyDate) -> dict:
    """One key date: its date, salience, the ids of its summary events (best first) and how
    many events it has in all."""
    return {
        "date": _date_json(key_date.value, key_date.precision, key_date.start, key_date.end),
        "salience": round(key_date.salience, 6),
        "summary": [event.id for event in key_date.summary],
        "events": len(key_date.events),
    }


def citation_to_json(citation: Citation) -> dict:
    article = citation.article
    published = article.published_date
    timex = citation.timex
    return {
        "source": article.path.as_posix(),
        "title": article.title,
        "publisher": article.source or None,
        "url": safe_url(article.url),  # a javascript: URL must not reach consumers
        "published": published.isoformat() if published else None,
        "expression": timex.text,
        "value": timex.value,
        "sentence": citation.sentence,
        "offsets": {
            "sentence": [citation.sentence_start, citation.sentence_end],
            "expression": [timex.start, timex.end],
        },
        # an event added by hand in annotations cites a source that has no page here
        "page": f"sources/{article.slug}.html" if article.slug else None,
    }


def events_document(events: list[Event], config: Config, key_dates: Sequence[KeyDate] = (),
                    event_pages: Mapping[str, str] | None = None) -> dict:
    """The whole events.json document: site metadata, the key dates and the visible events in
    order, each with its period page when ``event_pages`` says it."""
    shown = sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)
    pages = event_pages or {}
    return {
        "schema": SCHEMA_VERSION,
        "title": config.title,
        "description": config.description,
        "key_dates": [key_date_to_json(d) for d in key_dates],
        "events": [event_to_json(e, pages.get(e.id)) for e in shown],
    }


def write_events_json(out_dir: Path, events: list[Event], config: Config,
                      key_dates: Sequence[KeyDate] = (),
                      event_pages: Mapping[str, str] | None = None, *,
                      remember: bool = True, kept=None,
                      keys: dict[int, bytes] | None = None) -> Path:
    """Write events.json, event by event (the whole text is never in memory). With
    ``remember``, each event's text is kept for the next build (the preview server's); with
    ``kept`` (a :class:`timeline.site.keptpages.KeptPages`), the texts of unchanged events
    are copied from the previous site's file (:mod:`timeline.site.slices`), and ``keys``
    gets each event's slice key by ``id`` (for the CSV file's rows)."""
    target = out_dir / EVENTS_JSON
    slices = Slices(kept, EVENTS_JSON)
    with target.open("wb") as out:
        _EVENT_ITEMS.write(out, events, config, key_dates, event_pages, remember=remember,
                           slices=slices, keys=keys)
    slices.close(target)
    return target


_STABLE_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Event)
                                       if f.name not in ("citations", "salience")))


def _event_key(event: Event, page: str | None, fields=_STABLE_FIELDS) -> bytes:
    """Everything :func:`event_to_json` reads but the salience, pickled (C-speed) into one
    key: the event's page, every other event field (``fields``), and of each citation what
    :func:`citation_to_json` reads."""
    cites = tuple((c.sentence, c.sentence_start, c.sentence_end, c.timex.text, c.timex.value,
                   c.timex.start, c.timex.end, str(c.article.path), c.article.slug,
                   c.article.title, c.article.source, c.article.url, c.article.published)
                  for c in event.citations)
    return pickle.dumps((page, fields(event), cites), protocol=pickle.HIGHEST_PROTOCOL)


#: The line of an event's salience in its events.json text (a key of the event's own object,
#: whose lines are indented by six spaces; nested objects' keys are indented further).
_SALIENCE = b'\n      "salience": '


def _with_salience(data: bytes, salience: float) -> bytes | None:
    """An event's events.json text ``data`` with its salience set to ``salience``. The
    salience of nearly every event moves a little after any edit (it is relative to the
    whole collection), so the previous build's texts are kept without it
    (:mod:`timeline.site.slices`) and given the new one here. None if the line is missing."""
    start = data.find(_SALIENCE)
    end = data.find(b",\n", start + len(_SALIENCE)) if start >= 0 else -1
    if end < 0:
        return None
    value = json.dumps(round(salience, 6)).encode()
    return data[:start + len(_SALIENCE)] + value + data[end:]


class _EventItems:
    """The indented events.json text of each event of the previous build, by its
    :func:`_event_key`: an unchanged event is neither converted nor encoded again (that
    was most of the time spent on events.json in a rebuild)."""

    def __init__(self) -> None:
        self._texts: dict[bytes, str] = {}

    def events_json(self, events: list[Event], config: Config,
                    key_dates: Sequence[KeyDate] = (),
                    event_pages: Mapping[str, str] | None = None) -> str:
        """The same text as ``events_json_text(events_document(events, config, key_dates,
        event_pages))``."""
        out = io.BytesIO()
        self.write(out, events, config, key_dates, event_pages)
        return out.getvalue().decode("utf-8")

    def write(self, out: BinaryIO, events: list[Event], config: Config,
              key_dates: Sequence[KeyDate] = (), event_pages: Mapping[str, str] | None = None,
              *, remember: bool = True, slices: Slices | None = None,
              keys: dict[int, bytes] | None = None) -> None:
        """Write :meth:`events_json`'s text to ``out`` as UTF-8, one event at a time; with
        ``slices``, an event's text is taken from there when it has it, and noted there."""
        shown = sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)
        document = events_document([], config, key_dates)
        head = json.dumps(document, ensure_ascii=False, indent=2)
        hole = '"events": []\n}'
        if not shown or not head.endswith(hole):
            out.write(events_json_text(events_document(events, config, key_dates,
                                                       event_pages)).encode("utf-8"))
            return
        pages = event_pages or {}
        margin = " " * 4  # items sit at depth 2 (see timeline.site.jsontext)
        known, kept = self._texts, {}
        offset = out.write((head[: -len("[]\n}")] + "[\n").encode("utf-8"))
        for number, event in enumerate(shown):
            page = pages.get(event.id)
            # one pickle per event: the slices' key leaves the salience out, the in-memory
            # texts' key (the preview server's) is that and the salience
            stable = (_event_key(event, page)
                      if remember or known or slices is not None else b"")
            made_from = stable + repr(event.salience).encode() if remember or known else b""
            text = known.get(made_from) if known else None
            data = text.encode("utf-8") if text is not None else None
            key = b""
            if slices is not None:
                key = slice_key(stable)
                if keys is not None:
                    keys[id(event)] = key
                if data is None and (data := slices.get(key)) is not None:
                    data = _with_salience(data, event.salience)
            if data is None:
                text = margin + indented(event_to_json(event, page), 2).replace(
                    "\n", "\n" + margin)
                data = text.encode("utf-8")
            if remember:
                kept[made_from] = text if text is not None else data.decode("utf-8")
            if number:
                offset += out.write(b",\n")
            if slices is not None:
                slices.note(key, offset, len(data))
            offset += out.write(data)
        out.write(b"\n  ]\n}\n")
        self._texts = kept

    def clear(self) -> None:
        self._texts = {}


_EVENT_ITEMS = _EventItems()


_EVENTS_TEXT = IndentedItems()  # events of the previous build, already indented


def events_json_text(document: dict) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)`` and a newline, made faster
    (:mod:`timeline.site.jsontext`)."""
    return _EVENTS_TEXT.dumps(document, "events", 2) + "\n"


#: Every export but events.json: a function (out_dir, events, config, event_pages) -> written
#: file, where event_pages maps an event's id to its period page.
EXPORTERS: list[Callable[..., Path]] = [*FEED_EXPORTERS]


def write_exports(out_dir: Path, events: list[Event], config: Config,
                  key_dates: Sequence[KeyDate] = (), plan: PagePlan | None = None, *,
                  remember: bool = True, kept=None) -> list[Path]:
    """Write every export into ``out_dir``; return the files written, relative to it.

    ``plan`` says which period page holds each event (:func:`timeline.site.periods.plan_pages`,
    made here when not given). ``remember``: keep what makes the next build faster (for a
    process that builds again). ``kept``: the previous build's record
    (:class:`timeline.site.keptpages.KeptPages`), whose unchanged texts are copied."""
    pages = (plan or plan_pages(events)).page_of
    keys: dict[int, bytes] = {}  # each event's slice key, made for events.json, by id
    written = [write_events_json(out_dir, events, config, key_dates, pages, remember=remember,
                                 kept=kept, keys=keys)]
    for exporter in EXPORTERS:
        if kept is not None and exporter in FEED_EXPORTERS:
            written.append(exporter(out_dir, events, config, pages, kept=kept, keys=keys))
        else:
            written.append(exporter(out_dir, events, config, pages))
        if not remember:
            forget_previous_feeds()
    return [path.relative_to(out_dir) for path in written]
