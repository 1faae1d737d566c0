"""The publication date of a web page, with its time and zone where the page states them.

One job: find when a page says it was published, and refuse a date the page does not state.

1. A date the page *declares* as its publication date: schema.org ``datePublished`` (JSON-LD or
   microdata), a ``<meta>`` publication tag (``article:published_time``, Dublin Core, ...), a
   ``<time pubdate>``. These carry the time and zone as the publisher wrote them, and are
   taken even when they are today's.
2. Otherwise a timestamp the page shows in an element named as a date or byline ("March 12,
   2019 / 10:32 AM EDT"), with the time and zone it shows; an "Updated ..." stamp is not a
   publication date. htmldate finds such dates too, but only when the element holds nothing
   else, and without the time.
3. Otherwise htmldate, on the page markup only (``extensive_search=False``: dates in the free
   text are the *events* of the article, not its publication; a footer's "(c) 2026" is
   neither), preferring the original over the updated date.

Steps 2 and 3 are guesses from markup that also holds page clocks, "last updated" stamps and
copyright years; when all they find is the day of the import itself, it is refused. An article
must never be dated today by accident.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from dataclasses import dataclass

from lxml import html as lxml_html

#: Page-level ``<meta>`` names and properties that declare the publication date.
_PUBLISHED_META_LIST = """
    article:published_time article:published og:published_time og:article:published_time
    datepublished date.published published_time published-date publishdate publish-date
    publish_date pubdate dc.date dc.date.issued dc.date.created dcterms.issued dcterms.created
    dcterms.date sailthru.date parsely-pub-date citation_publication_date
    citation_online_date originalpublicationdate article.published bt:pubdate
"""
PUBLISHED_META = frozenset(_PUBLISHED_META_LIST.split())
#: schema.org types that are the article itself (not the site, an author or a breadcrumb).
_ARTICLE_TYPE_LIST = """
    article newsarticle reportagenewsarticle analysisnewsarticle opinionnewsarticle
    reviewnewsarticle backgroundnewsarticle askpublicnewsarticle blogposting liveblogposting
    socialmediaposting report scholarlyarticle techarticle webpage
"""
ARTICLE_TYPES = frozenset(_ARTICLE_TYPE_LIST.split())
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_RELATIVE = re.compile(r"\bago\b|\b(?:yesterday|today|now)\b", re.IGNORECASE)
# Words before a stated publication time ("Published: ..."), and where an update stamp starts.
_LEAD_WORDS = re.compile(r"^(?:(?:first\s+)?published|posted|date|dated|on|at)\b[\s:]*",
                         re.IGNORECASE)
_UPDATE_WORDS = re.compile(r"\b(?:updated|modified|edited|last\s+reviewed)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[/|·•]\s*")
_STAMP_CLASS = re.compile(r"date|time|stamp|publish|posted|dateline|byline|meta", re.IGNORECASE)
_COMMENT_CLASS = re.compile(r"comment|reply|respon|related|recommend|sidebar|footer",
                            re.IGNORECASE)
_PLACEHOLDERS = (dt.date(1970, 1, 1), dt.date(1, 1, 1))  # CMS defaults for "no date"

Stamp = dt.date | dt.datetime


@dataclass(frozen=True, slots=True)
class PageDate:
    """The publication date found (``value``), where it was found, and a refused candidate."""

    value: Stamp | None
    found_in: str = ""  # e.g. "JSON-LD datePublished", "htmldate (page markup)"
    refused: str | None = None  # why a candidate date was not taken


def publication_date(tree, url: str | None, now: dt.datetime) -> PageDate:
    """The publication date of the page ``tree`` (an lxml HTML tree) imported at ``now``
    (a timezone-aware datetime)."""
    todays = _todays(now)
    declared = declared_date(tree, max(todays))
    if declared is not None:
        return declared
    shown = visible_stamp(tree)
    if shown is not None:
        value, where = shown, "visible timestamp"
    else:
        value, where = _htmldate(tree, url, max(todays)), "htmldate (page markup)"
    if value is None:
        return PageDate(None)
    if _day(value) in todays:
        return PageDate(None, refused=(
            f"the only date found ({_day(value).isoformat()}) is the day of the import, which "
            "pages show as a clock, an 'updated' stamp or a copyright year"))
    return PageDate(value, where)


def declared_date(tree, today: dt.date) -> PageDate | None:
    """A publication date the page declares in its metadata, or None."""
    for where, raw in _declarations(tree):
        value = parse_stamp(raw)
        if value is None or _day(value) in _PLACEHOLDERS:
            continue
        if _day(value) > today + dt.timedelta(days=1):
            return PageDate(None, refused=f"{where} is in the future ({raw.strip()[:40]})")
        return PageDate(value, where)
    return None


def _declarations(tree):
    """(where, raw value) of every publication-date declaration, most trusted first."""
    for item in _json_ld_objects(tree):
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(str(k).lower() in ARTICLE_TYPES for k in kinds):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield "JSON-LD datePublished", value
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in PUBLISHED_META and meta.get("content"):
            yield f"<meta {key}>", meta.get("content")
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        value = element.get("content") or element.get("datetime")
        if value:
            yield "microdata datePublished", value
    for element in tree.xpath("//time[@pubdate][@datetime]"):
        yield "<time pubdate>", element.get("datetime")


def _json_ld_objects(tree):
    """Every JSON object in the page's JSON-LD blocks (lists and @graph unrolled)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def parse_stamp(raw: str) -> Stamp | None:
    """A date or datetime from a machine-written stamp (ISO 8601, RFC 822) or a stated one
    ("March 12, 2019 10:32 AM EDT"); a date when the stamp has no time of day."""
    text = raw.strip()
    if not text or not _YEAR.search(text) or _RELATIVE.search(text):
        return None
    value = _iso(text) or _rfc822(text) or _stated(text)
    return _as_stamp(value) if value is not None else None


def _iso(text: str) -> dt.datetime | dt.date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d", text):
        return None
    try:
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None


def _rfc822(text: str) -> dt.datetime | None:
    if not re.match(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _stated(text: str) -> dt.datetime | None:
    import dateparser  # slow to import: only pages without a machine-readable stamp need it

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_DAY_OF_MONTH": "first"}
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


def _as_stamp(value: dt.datetime | dt.date) -> Stamp:
    """A plain date for a stamp at midnight (CMSs write date-only stamps that way); otherwise
    the datetime, its zone (if stated) as a fixed UTC offset."""
    if not isinstance(value, dt.datetime):
        return value
    if value.time() == dt.time(0):
        return value.date()
    if value.tzinfo is not None:
        offset = value.utcoffset()
        zone = dt.UTC if not offset else dt.timezone(offset)
        value = value.replace(tzinfo=zone)
    return value.replace(microsecond=0)


def _htmldate(tree, url: str | None, today: dt.date) -> Stamp | None:
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True, url=url,
                          outputformat="%Y-%m-%dT%H:%M:%S%z", max_date=today.isoformat())
    except (ValueError, TypeError):
        return None
    return parse_stamp(found) if found else None


def visible_stamp(tree) -> Stamp | None:
    """The first publication date shown in an element named as a date or byline (outside
    comments, asides and footers), with the time and zone it shows; None if there is none."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript"):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if not _STAMP_CLASS.search(names) or _inside_comments(element):
            continue
        stamp = _stamp_in_text(lxml_html.tostring(element, method="text", encoding="unicode"))
        if stamp is not None:
            return stamp
    return None


def _stamp_in_text(text: str) -> Stamp | None:
    text = " ".join(text.split())
    if not 8 <= len(text) <= 90:
        return None
    text = _LEAD_WORDS.sub("", text)
    update = _UPDATE_WORDS.search(text)
    if update is not None:
        if update.start() == 0:
            return None  # the page says when it was *updated*: not the publication time
        text = text[:update.start()]
    # "March 12, 2019 / 10:32 AM EDT", "By Lena Brandt | March 12, 2019": the whole, then
    # neighbouring parts (a date and its time), then single parts.
    parts = [p.strip(" ,;-–—") for p in _SEPARATORS.split(text)]
    parts = [p for p in parts if p]
    candidates = [" ".join(parts)]
    candidates += [f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False)] + parts
    for candidate in dict.fromkeys(candidates):
        stamp = parse_stamp(_LEAD_WORDS.sub("", candidate))
        if stamp is not None:
            return stamp
    return None


def _inside_comments(element) -> bool:
    for ancestor in element.iterancestors():
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if _COMMENT_CLASS.search(names) or ancestor.tag in ("aside", "footer"):
            return True
    return False


def _day(value: Stamp) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _todays(now: dt.datetime) -> set[dt.date]:
    """The import day as the user's clock and as UTC see it (they differ near midnight)."""
    return {now.astimezone().date(), now.astimezone(dt.UTC).date()}
