"""Machine-readable exports of the timeline, written next to the pages.

This module writes ``events.json`` (schema: ``docs/events-schema.md``). Other formats
(TimelineJS, Atom, iCalendar, CSV) plug in beside it and are listed in :data:`EXPORTERS`.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import pickle
from collections.abc import Callable
from pathlib import Path

from timeline.config import Config
from timeline.model import Citation, Event
from timeline.site.feeds import FEED_EXPORTERS  # TimelineJS, Atom, iCalendar, CSV (PUBLISH)
from timeline.site.jsontext import IndentedItems
from timeline.site.render import safe_url
from timeline.site.urls import EVENTS_JSON
from timeline.temporal.values import describe

#: Version of the events.json layout; bumped on incompatible changes.
SCHEMA_VERSION = 1


def event_to_json(event: Event) -> dict:
    """One event in the events.json form."""
    date = {
        "value": event.value,
        "precision": event.precision,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "label": describe(event.value, event.mod),
    }
    if event.mod:
        date["mod"] = event.mod
    data = {
        "id": event.id,
        "date": date,
        "text": event.text,
        "status": event.status,
        "citations": [citation_to_json(c) for c in event.citations],
    }
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


def events_document(events: list[Event], config: Config) -> dict:
    """The whole events.json document: site metadata and the visible events in order."""
    shown = sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)
    return {
        "schema": SCHEMA_VERSION,
        "title": config.title,
        "description": config.description,
        "events": [event_to_json(e) for e in shown],
    }


def write_events_json(out_dir: Path, events: list[Event], config: Config) -> Path:
    target = out_dir / EVENTS_JSON
    target.write_text(_EVENT_ITEMS.events_json(events, config), encoding="utf-8")
    return target


_EVENT_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Event)
                                      if f.name != "citations"))


def _event_key(event: Event) -> bytes:
    """Everything :func:`event_to_json` reads from an event, pickled (C-speed) into one key:
    every event field, and of each citation what :func:`citation_to_json` reads."""
    cites = tuple((c.sentence, c.sentence_start, c.sentence_end, c.timex.text, c.timex.value,
                   c.timex.start, c.timex.end, str(c.article.path), c.article.slug,
                   c.article.title, c.article.source, c.article.url, c.article.published)
                  for c in event.citations)
    return pickle.dumps((_EVENT_FIELDS(event), cites), protocol=pickle.HIGHEST_PROTOCOL)


class _EventItems:
    """The indented events.json text of each event of the previous build, by its
    :func:`_event_key`: an unchanged event is neither converted nor encoded again (that
    was most of the time spent on events.json in a rebuild)."""

    def __init__(self) -> None:
        self._texts: dict[bytes, str] = {}

    def events_json(self, events: list[Event], config: Config) -> str:
        """The same text as ``events_json_text(events_document(events, config))``."""
        shown = sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)
        document = events_document([], config)
        head = json.dumps(document, ensure_ascii=False, indent=2)
        hole = '"events": []\n}'
        if not shown or not head.endswith(hole):
            return events_json_text(events_document(events, config))
        margin = " " * 4  # items sit at depth 2 (see timeline.site.jsontext)
        known, kept, pieces = self._texts, {}, []
        for event in shown:
            key = _event_key(event)
            text = known.get(key)
            if text is None:
                text = margin + json.dumps(event_to_json(event), ensure_ascii=False,
                                           indent=2).replace("\n", "\n" + margin)
            kept[key] = text
            pieces.append(text)
        self._texts = kept
        return head[: -len("[]\n}")] + "[\n" + ",\n".join(pieces) + "\n  ]\n}\n"

    def clear(self) -> None:
        self._texts = {}


_EVENT_ITEMS = _EventItems()


_EVENTS_TEXT = IndentedItems()  # events of the previous build, already indented


def events_json_text(document: dict) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)`` and a newline, made faster
    (:mod:`timeline.site.jsontext`)."""
    return _EVENTS_TEXT.dumps(document, "events", 2) + "\n"


#: Every export: a function (out_dir, events, config) -> written file.
EXPORTERS: list[Callable[[Path, list[Event], Config], Path]] = [write_events_json,
                                                                 *FEED_EXPORTERS]


def write_exports(out_dir: Path, events: list[Event], config: Config) -> list[Path]:
    """Write every export into ``out_dir``; return the files written, relative to it."""
    return [exporter(out_dir, events, config).relative_to(out_dir) for exporter in EXPORTERS]
