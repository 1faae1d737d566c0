"""The Atom export (RFC 4287): a feed of the events, newest first.

One job: the feed and an entry per event, with XML-escaped text and the characters XML 1.0
forbids dropped; an entry is updated when its sources last reported it, so the same content
gives the same feed. The entries of the previous feed are remembered, serialised.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET

from timeline.model import Event
from timeline.site.feedinfo import (
    XML_ILLEGAL,
    FeedInfo,
    date_label,
    event_link,
    event_summary,
    headline,
    linkable_url,
    reported,
    sources,
    undated_fallback,
    visible_events,
)

ATOM_FILE = "events.atom"


ATOM_NS = "http://www.w3.org/2005/Atom"


def atom_feed(info: FeedInfo, events: list[Event], *,
              generated: dt.datetime | None = None) -> str:
    """An Atom feed of events, newest event first.

    ``updated`` of an entry is the last time a source reported it (so the feed is the same
    for the same content); an event with no dated source takes ``generated`` or, without it,
    the newest report of the collection (:func:`timeline.site.feedinfo.undated_fallback`).
    """
    fallback = undated_fallback(events, generated).replace(microsecond=0)
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
    reads (tests/site/test_atom.py checks remembered text against text made afresh).
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
                                         "href": event_link(info, event)})
    for article in sources(event):
        url = linkable_url(article.url)
        if url:
            ET.SubElement(entry, _atom("link"), {"rel": "related", "href": url,
                                                 "title": _xml_text(article.title)})
    _sub(entry, "category", None).set("term", event.precision)
    _sub(entry, "summary", event_summary(event))
    return entry, updated


def _atom(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None) -> ET.Element:
    element = ET.SubElement(parent, _atom(tag))
    if text is not None:
        element.text = _xml_text(text)
    return element


def _xml_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry; ElementTree escapes the rest (& < > ")."""
    return XML_ILLEGAL.sub("", text)


def _urn(*parts: str) -> str:
    """A stable ``urn:uuid:`` for ids that have no public URL of their own."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "timeline:" + "\x1f".join(parts)))


def _rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
