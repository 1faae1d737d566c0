"""The Atom export, checked with feedparser and against RFC 4287; remembered entries equal
entries made afresh."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest
from feedfixtures import sample_events

from tests.site.feedchecks import (
    ATOM,
    INFO,
)
from timeline.site.atom import atom_feed
from timeline.site.feedinfo import FeedInfo


def test_atom_parses_without_bozo_and_is_newest_first():
    text = atom_feed(INFO, sample_events())
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Iraq <2014>"
    assert feed.feed.id == "https://example.org/iraq/"
    links = [e.link for e in feed.entries]
    assert links[0] == "https://example.org/iraq/#e-2014-07"  # July 2014 is the newest event
    assert links[-1] == "https://example.org/iraq/#e-2003"
    assert len({e.id for e in feed.entries}) == len(feed.entries) == 6


def test_atom_required_elements_per_rfc4287():
    root = ET.fromstring(atom_feed(INFO, sample_events()).encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    # The newest report among the sources (BLOG, 16 June 2014) is the feed's updated time.
    assert root.find(f"{ATOM}updated").text == "2014-06-16T00:00:00Z"
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "link", "author"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")


def test_atom_escapes_markup_and_drops_xml_illegal_characters():
    root = ET.fromstring(atom_feed(INFO, sample_events()).encode("utf-8"))
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert any('"options" <b>& more</b>' in s for s in summaries)  # text, not markup
    assert any("Vienna  on Monday" in s for s in summaries)  # \x0c removed, XML still parses


def test_atom_without_base_url_uses_relative_links_and_stable_ids():
    info = FeedInfo("T", base_url="")
    first = atom_feed(info, sample_events())
    feed = feedparser.parse(first)
    assert not feed.bozo
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    assert atom_feed(info, sample_events()) == first  # deterministic: no wall clock inside


def _atom_afresh(info: FeedInfo, events) -> str:
    from timeline.site import atom

    atom._ATOM_ENTRIES.clear()
    return atom_feed(info, events)


_WSJ_EDITS = [{"title": "Renamed"}, {"source": "WSJ Asia"}, {"authors": ["A. Other"]},
              {"url": "https://example.com/moved"},
              {"published": dt.datetime(2014, 6, 20, tzinfo=dt.UTC)}]
_EVENT_EDITS = [{"text": "Changed text."}, {"headline": "A headline"}, {"status": "expected"},
                {"mod": "START"}, {"id": "e-other"}]


@pytest.mark.parametrize("change", [("article", e) for e in _WSJ_EDITS]
                         + [("event", e) for e in _EVENT_EDITS] + [("info", {})])
def test_atom_entries_remembered_from_the_last_feed_equal_entries_made_afresh(change):
    import dataclasses

    kind, fields = change
    info = INFO
    before = atom_feed(info, sample_events())  # remembers every entry
    events = sample_events()
    if kind == "article":
        wsj = dataclasses.replace(events[0].citations[0].article, **fields)
        events[0].citations = [dataclasses.replace(c, article=wsj) if c.article.slug == "wsj"
                               else c for c in events[0].citations]
    elif kind == "event":
        for name, value in fields.items():
            setattr(events[0], name, value)
    else:
        info = FeedInfo("Other title", base_url="https://example.net/")
    remembered = atom_feed(info, events)
    assert remembered != before  # the edit shows in the feed...
    assert remembered == _atom_afresh(info, events)  # ...exactly as a feed made from nothing
