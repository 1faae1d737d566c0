"""What to import: command-line arguments, URL lists and feeds become a list of sources.

One job: expand what the user named (saved pages, folders of them, URLs, ``--list FILE`` of
URLs, ``--feed URL|FILE``) into :class:`Source` records, and each thing that cannot be a
source into a :class:`Problem` that names it, its line and how to fix it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from timeline.ingest.fetch import FEED_TYPES, Fetcher, FetchError
from timeline.ingest.webfeeds import FeedError, FeedItem, read_feed
from timeline.ingest.weburl import WEB_SCHEMES, is_web_url, scheme_of

#: Saved pages found in a folder given as an argument.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


@dataclass(frozen=True, slots=True)
class Source:
    """One page to import: a URL or a saved file, and the feed's word on it, if any."""

    location: str  # the URL, or the file path as the user gave it
    is_url: bool
    feed_item: FeedItem | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something named for import that is not a page to import."""

    location: str
    reason: str
    hint: str | None = None
    warning: bool = False  # True: worth saying, but nothing named failed


def from_arguments(arguments: list[str]) -> tuple[list[Source], list[Problem]]:
    """Sources for the command-line arguments: URLs, saved pages and folders of them."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for argument in arguments:
        if is_web_url(argument):
            sources.append(Source(argument.strip(), is_url=True))
        elif scheme_of(argument) in WEB_SCHEMES:
            problems.append(Problem(argument, "the URL is malformed",
                                    "check the address, e.g. https://example.org/story"))
        elif "://" in argument or argument.lower().startswith(("mailto:", "data:", "javascript:")):
            problems.append(Problem(argument, "only http(s) URLs can be imported",
                                    "give an http:// or https:// address, or a saved page"))
        elif Path(argument).is_dir():
            pages = _pages_in(Path(argument))
            if not pages:
                problems.append(Problem(argument, "the folder holds no saved pages (.html)"))
            sources.extend(Source(str(p), is_url=False) for p in pages)
        elif Path(argument).is_file():
            sources.append(Source(argument, is_url=False))
        else:
            problems.append(Problem(argument, "no such file, and not an http(s) URL",
                                    "check the path, or give the full https:// address"))
    return sources, problems


def _pages_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.suffix.lower() in PAGE_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def from_list(name: str) -> tuple[list[Source], list[Problem]]:
    """Sources for a file of URLs, one a line ('#' starts a comment); '-' reads stdin."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        return [], [Problem(name, f"cannot read the list: {reason}")]
    sources, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split(" #", 1)[0].strip()
        if not entry or entry.startswith("#"):
            continue
        if is_web_url(entry):
            sources.append(Source(entry, is_url=True))
        else:
            problems.append(Problem(f"{name}:{number}", f"not an http(s) URL: {entry[:80]!r}",
                                    "one full https:// address per line"))
    return sources, problems


def from_feed(location: str, fetcher: Fetcher) -> tuple[list[Source], list[Problem]]:
    """Sources for the articles a feed (a URL or a saved file) lists."""
    try:
        if is_web_url(location):
            fetched = fetcher.get(location, accept=FEED_TYPES)
            data, base = fetched.body, fetched.final_url
        else:
            data, base = Path(location).read_bytes(), None
        feed = read_feed(data, base)
    except FetchError as exc:
        return [], [Problem(location, f"feed: {exc.reason}", exc.hint)]
    except OSError as exc:
        return [], [Problem(location, f"cannot read the feed: {exc.strerror}",
                            "give a saved feed file or the feed's https:// address")]
    except FeedError as exc:
        return [], [Problem(location, str(exc), "give the address of an RSS or Atom feed")]
    problems = []
    if feed.skipped:
        problems.append(Problem(location, f"{feed.skipped} feed entries have no http(s) link "
                                "and were left out", warning=True))
    return [Source(item.link, is_url=True, feed_item=item) for item in feed.items], problems
