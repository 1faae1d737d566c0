"""Where things live in a built site: page paths, event anchors and absolute URLs from ``base_url``.

Links inside the site are relative (they work from ``file://`` and under any sub-path); the
absolute URLs built here are only for the places that must be absolute: canonical links,
the sitemap, feeds, Open Graph and JSON-LD.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

INDEX_PAGE = "index.html"
SOURCES_DIR = "sources"
#: The machine-readable list of events, beside the timeline page.
EVENTS_JSON = "events.json"
#: Folder of the period pages, every event's home (:mod:`timeline.site.periods`).
PERIODS_DIR = "events"


def source_page(slug: str) -> str:
    """Site-relative path of an article's source page."""
    return f"{SOURCES_DIR}/{slug}.html"


def event_anchor(event_id: str) -> str:
    """The ``id`` attribute of an event on its period page (and on the index, if key)."""
    return str(event_id)


@dataclass(frozen=True, slots=True)
class SiteUrls:
    """Turns site-relative paths into public URLs when the site's ``base_url`` is known."""

    base_url: str = ""

    @property
    def known(self) -> bool:
        return bool(self.base_url.strip())

    @property
    def root(self) -> str:
        """``base_url`` with exactly one trailing slash ('' when unknown)."""
        if not self.known:
            return ""
        return self.base_url.strip().rstrip("/") + "/"

    @property
    def path_prefix(self) -> str:
        """The URL path the site is served under: '/' at a domain root, '/repo/' on a project
        site. '' when ``base_url`` is unknown (then only relative links can be used)."""
        if not self.known:
            return ""
        path = urlsplit(self.root).path or "/"
        return path if path.endswith("/") else path + "/"

    def absolute(self, relative: str) -> str | None:
        """Public URL of a site-relative path (``sources/a.html#x``), ``None`` if unknown.

        ``index.html`` is shown as its directory, the form hosts serve and people share.
        """
        if not self.known:
            return None
        return self.root + _pretty(relative)

    def event(self, event_id: str, page: str = INDEX_PAGE) -> str:
        """Site-relative link to an event on ``page``, its period page
        (:meth:`timeline.site.periods.PagePlan.event_page`)."""
        return f"{page}#{quote(event_anchor(event_id), safe='')}"


def _pretty(relative: str) -> str:
    relative = relative.lstrip("/")
    path, hash_, fragment = relative.partition("#")
    if path == INDEX_PAGE:
        path = ""
    elif path.endswith("/" + INDEX_PAGE):
        path = path[: -len(INDEX_PAGE)]
    return path + hash_ + fragment
