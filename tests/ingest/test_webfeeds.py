"""RSS and Atom feeds: entries, their links (relative ones resolved), authors and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.ingest.webfeeds import FeedError, read_feed

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>  Estuary   news </title><link>https://news.example/</link><description>d</description>
<item><title>Ferry crews strike</title><link>https://news.example/a/ferry</link>
  <dc:creator>Maria Okafor</dc:creator><pubDate>Tue, 12 Mar 2019 07:45:00 +0000</pubDate></item>
<item><title>Schools close</title><link>/b/schools</link>
  <pubDate>Thu, 14 Mar 2019 21:10:00 +0100</pubDate></item>
<item><title>No link</title><description>An entry without a link</description></item>
<item><title>Mail</title><link>mailto:desk@news.example</link></item>
<item><title>Ferry crews strike (again)</title><link>https://news.example/a/ferry</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2019-03-13T00:00:00Z</updated>
<entry><title>Inquiry ordered</title><id>urn:1</id>
  <link rel="alternate" href="https://wire.example/inquiry"/>
  <link rel="enclosure" href="https://wire.example/inquiry.mp3"/>
  <author><name>Lena Brandt</name></author><author><name>Paul Osei</name></author>
  <published>2019-03-12T10:32:00-04:00</published><updated>2019-03-12T18:40:00Z</updated>
</entry>
<entry><title>Only updated</title><id>urn:2</id><link href="https://wire.example/update"/>
  <updated>2019-03-13T09:00:00Z</updated></entry>
</feed>"""


def test_rss_items_with_relative_links_resolved_and_duplicates_dropped():
    feed = read_feed(RSS, "https://news.example/feed.xml")
    assert feed.title == "Estuary news"
    assert [item.link for item in feed.items] == ["https://news.example/a/ferry",
                                                  "https://news.example/b/schools"]
    assert feed.skipped == 2  # no link, and a mailto: link
    first, second = feed.items
    assert first.title == "Ferry crews strike" and first.authors == ("Maria Okafor",)
    assert first.published == dt.datetime(2019, 3, 12, 7, 45, tzinfo=dt.UTC)
    # the zone the feed states, not UTC
    assert second.published.utcoffset() == dt.timedelta(hours=1)


def test_atom_entries_authors_and_publication_not_update():
    feed = read_feed(ATOM)
    inquiry, updated = feed.items
    assert inquiry.link == "https://wire.example/inquiry"
    assert inquiry.authors == ("Lena Brandt", "Paul Osei")
    assert inquiry.published == dt.datetime(2019, 3, 12, 10, 32,
                                            tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    assert updated.published is None  # <updated> is not a publication date


@pytest.mark.parametrize("data", [
    b"<html><body><p>A web page, not a feed</p></body></html>",
    b"%PDF-1.4 binary",
    b"",
])
def test_not_a_feed(data):
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        read_feed(data)


def test_a_feed_given_as_bytes_is_never_fetched():
    # feedparser fetches a string that looks like a URL; bytes must be parsed as they are.
    with pytest.raises(FeedError):
        read_feed(b"https://news.example/feed.xml")
