"""Read RSS and Atom feeds: the articles a publisher lists, with what the feed says of each.

One job: feed bytes in, :class:`FeedItem` records out, using feedparser (which copes with the
many dialects and broken feeds found in the wild). The feed is parsed from bytes, never from a
URL, so feedparser never fetches anything itself: fetching is :mod:`timeline.ingest.fetch`'s.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from timeline.ingest.published import parse_stamp
from timeline.ingest.weburl import is_web_url


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: the article's address and the feed's metadata for it."""

    link: str
    title: str = ""
    authors: tuple[str, ...] = ()
    published: dt.date | dt.datetime | None = None  # the entry's publication date, if stated


@dataclass(slots=True)
class Feed:
    title: str
    items: list[FeedItem] = field(default_factory=list)
    skipped: int = 0  # entries without an http(s) link


class FeedError(Exception):
    """The bytes are not a feed."""


def read_feed(data: bytes, location: str | None = None) -> Feed:
    """The entries of the RSS/Atom feed ``data``; relative links resolve against ``location``."""
    import feedparser

    headers = {"content-location": location} if location else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).splitlines()[0][:120]})" if problem else ""
        raise FeedError(f"not an RSS or Atom feed{detail}")
    feed = Feed(title=" ".join(parsed.feed.get("title", "").split()))
    seen: set[str] = set()
    for entry in parsed.entries:
        link = _entry_link(entry)
        if link is None:
            feed.skipped += 1
            continue
        if link in seen:
            continue
        seen.add(link)
        feed.items.append(FeedItem(
            link=link,
            title=" ".join(entry.get("title", "").split()),
            authors=_entry_authors(entry),
            published=_entry_published(entry),
        ))
    return feed


def _entry_link(entry) -> str | None:
    candidates = [entry.get("link")]
    candidates += [link.get("href") for link in entry.get("links", [])
                   if link.get("rel", "alternate") == "alternate"]
    if entry.get("guidislink"):
        candidates.append(entry.get("id"))
    return next((c.strip() for c in candidates if c and is_web_url(c)), None)


def _entry_authors(entry) -> tuple[str, ...]:
    names = [a.get("name", "") for a in entry.get("authors", []) if isinstance(a, dict)]
    if not any(names) and entry.get("author"):
        names = [entry["author"]]
    return tuple(" ".join(n.split()) for n in names if n and n.strip())


def _entry_published(entry) -> dt.date | dt.datetime | None:
    """The entry's publication date with its own zone: the raw text keeps the offset that
    feedparser's parsed form (a UTC struct) loses. An Atom ``updated`` is not a publication."""
    raw = entry.get("published")
    if raw:
        stamp = parse_stamp(raw)
        if stamp is not None:
            return stamp
    parsed = entry.get("published_parsed")
    if parsed:
        return dt.datetime(*parsed[:6], tzinfo=dt.UTC)
    return None
