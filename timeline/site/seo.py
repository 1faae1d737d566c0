"""Make a rendered site host-ready: metadata for search engines and link previews, and caching.

One post-render pass over the build's staging folder (:func:`finalize_site`):

- every page gets a canonical URL, Open Graph tags and schema.org JSON-LD (``NewsArticle`` for a
  source page, an ``ItemList`` of ``Event`` for the timeline), feed links and the favicon;
- ``404.html`` (links rooted at ``base_url``'s path so they work at any depth), ``sitemap.xml``,
  ``robots.txt`` and ``favicon.svg`` are written;
- assets under ``static/`` get content-hashed names and every reference to them is rewritten
  (:mod:`timeline.site.assets`), so hosts can cache them forever.

Working on the rendered files keeps templates free of SEO plumbing and applies to project
template overrides too. Absolute URLs need ``base_url``; without it, canonical/og:url and the
sitemap are left out (a relative canonical would be wrong) and the rest still works.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from timeline.model import Article, Event
from timeline.site.assets import (
    ATTR_REF,
    fingerprint_assets,
    html_files,
    rewrite_references,
    site_files,
)
from timeline.site.feeds import ATOM_FILE, date_label, headline
from timeline.site.periods import PagePlan, plan_pages
from timeline.site.urls import INDEX_PAGE, SOURCES_DIR, SiteUrls

NOT_FOUND_PAGE = "404.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FAVICON = "favicon.svg"
_ONE_DAY = dt.timedelta(days=1)

FAVICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#1d2b3a"/>
<path d="M16 5v22" stroke="#f4efe6" stroke-width="2.5" stroke-linecap="round"/>
<circle cx="16" cy="9" r="3.2" fill="#e4572e"/>
<circle cx="16" cy="17" r="3.2" fill="#f4efe6"/>
<circle cx="16" cy="25" r="3.2" fill="#f4efe6"/>
<path d="M20 9h7M5 17h7M20 25h7" stroke="#f4efe6" stroke-width="2" stroke-linecap="round"/>
</svg>
"""

_HEAD_END = re.compile(r"</head\s*>", re.I)


# -- small, testable pieces -------------------------------------------------------------------


def json_ld(data: dict) -> str:
    """A ``<script type="application/ld+json">`` element whose content cannot end the script.

    ``<``, ``>`` and ``&`` become JSON unicode escapes, so article text such as ``</script>``
    or ``<!--`` stays data; U+2028/9 are escaped for old JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def sitemap_xml(urls: SiteUrls, pages: Iterable[tuple[str, str | None]]) -> str:
    """sitemaps.org XML for ``(site-relative path, lastmod date or None)`` pairs."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for rel, lastmod in pages:
        loc = urls.absolute(rel)
        if loc is None:
            continue
        lastmod_xml = f"<lastmod>{xml_escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{xml_escape(loc)}</loc>{lastmod_xml}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(urls: SiteUrls) -> str:
    """Allow everything; point crawlers at the sitemap when its absolute URL is known.

    robots.txt is only read at a domain root; under a sub-path it is harmless.
    """
    text = "User-agent: *\nAllow: /\n"
    sitemap = urls.absolute(SITEMAP)
    return text + (f"\nSitemap: {sitemap}\n" if sitemap else "")


def _meta(prop: str, content: str, attr: str = "property") -> str:
    return f'<meta {attr}="{prop}" content="{html.escape(content, quote=True)}">'


def _iso_at_precision(event: Event) -> str:
    """schema.org dates are ISO 8601; say only as much as the source says."""
    if event.precision == "year":
        return f"{event.start.year:04d}"
    if event.precision == "month":
        return f"{event.start.year:04d}-{event.start.month:02d}"
    return event.start.isoformat()


def timeline_json_ld(title: str, urls: SiteUrls, events: list[Event],
                     event_pages: Mapping[str, str] | None = None) -> dict:
    """schema.org ItemList of Event for the index page (its key events), each linked to its
    period page."""
    event_pages = event_pages or {}
    items = []
    for position, event in enumerate(events, start=1):
        # no description: the page shows the sentence, and the list must stay light (a large
        # collection's index lists hundreds of key events)
        item = {"@type": "Event", "name": headline(event), "startDate": _iso_at_precision(event)}
        if event.end - event.start > _ONE_DAY and (
                event.end_value or event.precision not in ("year", "month")):
            item["endDate"] = (event.end - _ONE_DAY).isoformat()
        url = urls.absolute(urls.event(event.id, event_pages.get(event.id, INDEX_PAGE)))
        if url:
            item["url"] = url
        item["disambiguatingDescription"] = date_label(event)
        items.append({"@type": "ListItem", "position": position, "item": item})
    data = {"@context": "https://schema.org", "@type": "ItemList", "name": title,
            "numberOfItems": len(items), "itemListElement": items}
    if urls.known:
        data["url"] = urls.absolute(INDEX_PAGE)
    return data


def article_json_ld(article: Article, page_url: str | None) -> dict:
    """schema.org NewsArticle for a source page (the original article it reproduces)."""
    data: dict = {"@context": "https://schema.org", "@type": "NewsArticle",
                  "headline": article.title}
    if article.published is not None:
        data["datePublished"] = article.published.isoformat()
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source}
    original = _http_url(article.url)
    if original:
        data["url"] = original
    if page_url:
        data["mainEntityOfPage"] = page_url
        data.setdefault("url", page_url)
    return data


def _http_url(url: str | None) -> str | None:
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


# -- the head of each page --------------------------------------------------------------------


def head_tags(rel: str, *, title: str, description: str, site_title: str, urls: SiteUrls,
              article: Article | None = None, events: list[Event] | None = None,
              event_pages: Mapping[str, str] | None = None, not_found: bool = False) -> str:
    """Everything this module adds to the ``<head>`` of the page at site path ``rel``."""
    root = "../" * rel.count("/")
    if not_found:
        root = urls.path_prefix  # a 404 page is served at any depth; '' if unknown
    root = html.escape(root, quote=True)  # base_url's path may hold ' or &
    tags = [f'<link rel="icon" href="{root}{FAVICON}" type="image/svg+xml">',
            f'<link rel="alternate" type="application/atom+xml" '
            f'title="{html.escape(site_title, quote=True)}" href="{root}{ATOM_FILE}">']
    if not_found:
        tags.append('<meta name="robots" content="noindex">')
        return "\n".join(tags)
    page_url = urls.absolute(rel)
    if page_url:
        tags.append(f'<link rel="canonical" href="{html.escape(page_url, quote=True)}">')
        tags.append(_meta("og:url", page_url))
    tags.append(_meta("og:type", "article" if article else "website"))
    tags.append(_meta("og:title", title))
    tags.append(_meta("og:site_name", site_title))
    if description:
        tags.append(_meta("og:description", description))
    tags.append(_meta("twitter:card", "summary", attr="name"))
    if article is not None:
        if article.published is not None:
            tags.append(_meta("article:published_time", article.published.isoformat()))
        tags.append(json_ld(article_json_ld(article, page_url)))
    elif events is not None:
        tags.append(json_ld(timeline_json_ld(site_title, urls, events, event_pages)))
    return "\n".join(tags)


def inject_head(page: str, tags: str) -> str:
    """Insert ``tags`` before the first ``</head>``; pages without a head are left alone."""
    match = _HEAD_END.search(page)
    if not match:
        return page
    return page[: match.start()] + tags + "\n" + page[match.start():]


def finish_page(text: str, rel: str, tags: str, renamed: dict[str, str], prefix: str) -> str:
    """A rendered page made host-ready: ``tags`` in its head, assets by their ``renamed``
    names (``prefix``: the site's URL path)."""
    return rewrite_references(inject_head(text, tags), rel, renamed, prefix, ATTR_REF)


# -- the whole pass ---------------------------------------------------------------------------


def finalize_site(site: Path, config, events: list[Event], articles: list[Article], *,
                  pages: dict[str, str] | None = None, memo=None,
                  plan: PagePlan | None = None) -> list[Path]:
    """Run the host-ready pass over a rendered site; return the files now in it (relative).

    ``pages`` holds rendered pages not written yet (site path -> HTML, see
    :func:`timeline.site.render.render_site`); pages already on disk are finished in place.
    A build streams its pages through a :class:`PageFinisher` instead, so they are never all
    in memory at once. With ``memo`` (a :class:`timeline.pipeline.pagetexts.PageMemo`), a page whose
    text, head and asset names are unchanged since an earlier build is not rewritten again.
    ``plan`` says which period page holds each event (:func:`timeline.site.periods.plan_pages`,
    made here when not given).
    """
    finisher = PageFinisher(site, config, events, articles, memo=memo, plan=plan)
    for rel, text in (pages or {}).items():
        finisher.write(rel, text)
    return finisher.finish()


class PageFinisher:
    """Finishes and writes the site's pages one at a time, as they are rendered.

    Each page gets its head tags and the content-hashed names of the assets; the assets are
    renamed when the first page arrives (the theme's files are in place by then) or at
    :meth:`finish`. :meth:`finish` writes 404.html, sitemap.xml, robots.txt and the favicon and
    returns the files of the site, read from the folder because assets were renamed.
    """

    def __init__(self, site: Path, config, events: list[Event], articles: list[Article], *,
                 memo=None, plan: PagePlan | None = None, kept=None) -> None:
        self.site, self.config, self.memo = site, config, memo
        #: the previous build's pages (a :class:`timeline.site.keptpages.KeptPages`), if any
        self.kept = kept
        self._made: dict[str, tuple] = {}  # page -> (inputs, site values read), to record
        self.urls = SiteUrls(config.base_url)
        self._shown = sorted((e for e in events if not e.hidden), key=lambda e: e.sort_key)
        self.replan(plan or plan_pages(self._shown))
        self.by_page = {f"{SOURCES_DIR}/{a.slug}.html": a for a in articles}
        self._renamed: dict[str, str] | None = None
        self._renamed_key = ""

    def replan(self, plan: PagePlan) -> None:
        """Finish the pages written from now on by ``plan`` (the events' pages are the same
        once the key dates are chosen; the index's list and the periods' labels are those of
        this plan): :mod:`timeline.pipeline.headstart`."""
        self.plan = plan
        # the index's list: the best sentence of each key date it shows (a plan made here has
        # no key dates: then the key events, or every event of a timeline without any)
        self.on_index = ([d.summary[0] for d in plan.index_dates if d.summary]
                         or [e for e in self._shown if e.key] or self._shown)
        self.periods = {period.page: period.label for period in plan.periods}

    def write(self, rel: str, text: str) -> None:
        """Finish the page at site path ``rel`` and write it."""
        renamed = self._assets_renamed()
        tags = self._tags_of(rel)
        final = key = None
        if self.memo is not None:
            key = hashlib.sha256("\0".join((self._renamed_key, self.urls.path_prefix, tags,
                                            text)).encode()).digest()
            final = self.memo.get(("seo", rel), key)
        if final is None:
            final = finish_page(text, rel, tags, renamed, self.urls.path_prefix)
            if self.memo is not None:
                self.memo.put(("seo", rel), key, final)
        target = self.site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(final, encoding="utf-8")
        made = self._made.pop(rel, None)
        if made is not None and self.kept is not None:
            self.kept.wrote(rel, (*made, self._finish_key(rel)), target)

    def renamed(self) -> dict[str, str]:
        """The assets' content-hashed names (made when the first page is written)."""
        return self._assets_renamed()

    def tags_of(self, rel: str) -> str:
        """The head tags of the page at site path ``rel``."""
        return self._tags_of(rel)

    def known(self, rel: str) -> bool:
        """Whether the previous build recorded a page at ``rel`` (one to compare with)."""
        return self.kept is not None and self.kept.previous_key(rel) is not None

    def wrote_elsewhere(self, rel: str, inputs: bytes, read: tuple) -> None:
        """Another process finished and wrote page ``rel``, made from ``inputs`` and the
        site values ``read`` (:mod:`timeline.site.parallel`): record it for the next build."""
        if self.kept is not None:
            self.kept.wrote(rel, (inputs, read, self._finish_key(rel)), self.site / rel)

    # -- pages kept from the previous build (timeline.site.keptpages) ----------------------

    def reuse(self, rel: str, inputs: bytes, read_same) -> bool:
        """Put the previous build's page ``rel`` in place if it was made from ``inputs`` and
        site values that ``read_same(values read)`` finds unchanged, and finished alike."""
        if self.kept is None:
            return False
        previous = self.kept.previous_key(rel)
        if previous is None or previous[0] != inputs or not read_same(previous[1]):
            return False
        return self.kept.link(rel, (inputs, previous[1], self._finish_key(rel)), self.site)

    def made(self, rel: str, inputs: bytes, read: tuple) -> None:
        """The page ``rel`` about to be written was made from ``inputs`` and ``read``."""
        if self.kept is not None:
            self._made[rel] = (inputs, read)

    def _finish_key(self, rel: str) -> bytes:
        """What finishing adds to a page: asset names, the site's path, head tags."""
        self._assets_renamed()
        return hashlib.sha256("\0".join((self._renamed_key, self.urls.path_prefix,
                                          self._tags_of(rel))).encode()).digest()

    def finish(self) -> list[Path]:
        """Write the site-wide files; return every file of the site (relative)."""
        site = self.site
        self.write(NOT_FOUND_PAGE, _render_not_found(self.config))
        (site / FAVICON).write_text(FAVICON_SVG, encoding="utf-8")
        if self.urls.known:
            (site / SITEMAP).write_text(
                sitemap_xml(self.urls, _sitemap_pages(site, self.by_page)), encoding="utf-8")
        (site / ROBOTS).write_text(robots_txt(self.urls), encoding="utf-8")
        return [Path(rel) for rel in site_files(site)]

    def _assets_renamed(self) -> dict[str, str]:
        if self._renamed is None:
            for rel in html_files(self.site):  # pages rendered straight to disk, if any
                page = self.site / rel
                page.write_text(inject_head(page.read_text(encoding="utf-8"),
                                            self._tags_of(rel)), encoding="utf-8")
            self._renamed = fingerprint_assets(self.site, self.urls.path_prefix)
            self._renamed_key = repr(sorted(self._renamed.items()))
        return self._renamed

    def _tags_of(self, rel: str) -> str:
        config = self.config
        article = self.by_page.get(rel)
        title = article.title if article else config.title
        if rel in self.periods:
            title = f"{self.periods[rel]} · {config.title}"
        description = config.description
        if article is not None:
            description = " · ".join(x for x in (article.source, _published(article)) if x)
        return head_tags(rel, title=title, description=description, site_title=config.title,
                         urls=self.urls, article=article,
                         events=self.on_index if rel == INDEX_PAGE else None,
                         event_pages=self.plan.page_of,
                         not_found=rel == NOT_FOUND_PAGE)


def _published(article: Article) -> str:
    day = article.published_date
    return f"{day.day} {day.strftime('%B')} {day.year}" if day else ""


def _sitemap_pages(site: Path, by_page: dict[str, Article]) -> list[tuple[str, str | None]]:
    pages = []
    for rel in html_files(site):
        if rel == NOT_FOUND_PAGE:
            continue
        article = by_page.get(rel)
        day = article.published_date if article else None
        pages.append((rel, day.isoformat() if day else None))
    return pages


def _render_not_found(config) -> str:
    """404.html through the site's own templates, links rooted at base_url's path."""
    from timeline.site.environment import make_environment

    root = SiteUrls(config.base_url).path_prefix
    env = make_environment(config)
    site_context = {"title": config.title, "description": config.description,
                    "language": config.language, "base_url": config.base_url,
                    "event_count": 0, "source_count": 0, "span": ""}
    return env.get_template(NOT_FOUND_PAGE).render(root=root, site=site_context,
                                                   page="not-found")
