"""Web addresses: which may be fetched, and one spelling per article for finding duplicates.

One job: decide whether a string is an http(s) URL, and reduce the many spellings of one
article's address (``HTTP://Example.org:80/a?utm_source=x#top``) to one key, so that importing
the same article twice is recognised whichever way it was linked.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that say where a reader came from, not which article it is: campaign tags
# (utm_*), ad click ids and newsletter/share trackers. Everything else may select the article.
_TRACKING_PARAM = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gclsrc|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi"
    r"|mkt_tok|ocid|cmpid|ito|smid|sref|share|ref_src|ref_url|__twitter_impression)$",
    re.IGNORECASE,
)


def is_web_url(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def scheme_of(text: str) -> str:
    """The URL scheme of ``text`` (lowercase), or '' if it has none."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", text.strip())
    return match[1].lower() if match else ""


def host_of(url: str) -> str:
    """The host name of ``url`` (lowercase), or ''."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def without_tracking(url: str) -> str:
    """``url`` without its fragment and tracking parameters, otherwise as written: the
    address to cite for an article reached through a newsletter or share link."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAM.match(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def url_key(url: str) -> str | None:
    """One spelling of an article's address, for duplicate detection; None if not http(s).

    Scheme and host are lowercased, ``www.`` and a default port dropped, http and https
    counted as one (sites move to https; the article stays the same), the fragment and
    tracking parameters removed, the other parameters sorted, and a trailing slash dropped.
    The path keeps its case: on most servers ``/News`` and ``/news`` are different pages.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING_PARAM.match(k))
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("http", host, path, urlencode(query), ""))
