"""Fetch web pages and feeds politely, within limits, with a clear reason when it fails.

One job: GET one http(s) URL and return its bytes. Every request has a time limit for the whole
response (not only per socket read, so a server that dribbles a byte a second is cut off too),
a size limit (checked against Content-Length first, then counted while reading the decoded
body, so a compressed "zip bomb" stops at the limit), a User-Agent that names the tool, and a
pause between requests to the same host. Redirects are followed one by one, and only to http(s)
addresses. The content type is checked before the body is read, so a large PDF or video is not
downloaded to be refused. Failures raise :class:`FetchError` with a reason a user can act on.
"""

from __future__ import annotations

import email.message
import socket
import ssl
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import (
    HTTPError,
    LocationParseError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from timeline import __version__
from timeline.ingest.weburl import WEB_SCHEMES, host_of, is_web_url, scheme_of

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/feed+xml", "application/xml", "text/xml", "text/plain")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """The limits every request keeps to."""

    timeout: float = 30.0  # seconds for the whole response, connecting included
    max_bytes: int = 10 * 1024 * 1024  # decoded body; news pages are well under 2 MB
    max_redirects: int = 10
    delay: float = 1.0  # seconds between two requests to the same host
    user_agent: str = (f"timeline/{__version__} (article import for a news timeline; "
                       "one request at a time)")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response that passed every check."""

    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str  # media type, lowercase, without parameters ('' if the server sent none)
    charset: str | None  # from the Content-Type header
    body: bytes


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` says why in a few words."""

    def __init__(self, url: str, reason: str, hint: str | None = None) -> None:
        self.url, self.reason, self.hint = url, reason, hint
        super().__init__(f"{url}: {reason}")


@dataclass
class Fetcher:
    """Fetches URLs one at a time under a :class:`FetchPolicy`, reusing connections per host."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    _pools: dict = field(default_factory=dict, init=False, repr=False)
    _last_request: dict = field(default_factory=dict, init=False, repr=False)
    # The environment's proxies (https_proxy, ...), read once: reading them scans os.environ.
    _proxies: dict = field(default_factory=urllib.request.getproxies, init=False, repr=False)

    def get(self, url: str, accept: tuple[str, ...] = HTML_TYPES) -> Fetched:
        """GET ``url``, following redirects; raise :class:`FetchError` when anything fails.

        ``accept`` lists the media types wanted; a response of another declared type fails
        with the type named (a response without a type is accepted and judged by its bytes).
        """
        _check_web_url(url, url)
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            response = self._request(url, current, accept)
            location = response.headers.get("Location") if response.status in _REDIRECTS else None
            if location is None:
                return self._finish(url, current, response, accept)
            response.drain_conn()
            response.release_conn()
            current = urljoin(current, location.strip())
            _check_web_url(url, current, redirected=True)
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects",
                         hint="the site redirects in a loop; open the URL in a browser")

    def _request(self, url: str, current: str, accept: tuple[str, ...]):
        self._wait_for_turn(current)
        headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": ", ".join([*accept, "*/*;q=0.1"]),
            "Accept-Encoding": "gzip, deflate",
            "Accept-Language": "en;q=1.0, *;q=0.5",
        }
        timeout = urllib3.Timeout(connect=self.policy.timeout, read=self.policy.timeout)
        try:
            return self._pool_for(current).request(
                "GET", current, headers=headers, timeout=timeout, retries=False,
                redirect=False, preload_content=False)
        except (HTTPError, OSError, ValueError) as exc:
            raise FetchError(url, _reason(exc, self.policy)) from None
        finally:
            self._last_request[host_of(current)] = time.monotonic()

    def _finish(self, url: str, final_url: str, response, accept) -> Fetched:
        try:
            if response.status >= 400:
                raise FetchError(url, f"HTTP {response.status} {response.reason or ''}".rstrip(),
                                 hint=_status_hint(response.status))
            if response.status != 200:
                raise FetchError(url, f"unexpected HTTP status {response.status}")
            content_type, charset = _content_type(response.headers.get("Content-Type", ""))
            if content_type and content_type not in accept:
                raise _wrong_type(url, content_type, accept)
            body = self._read_body(url, response)
        finally:
            response.release_conn()
        return Fetched(url, final_url, content_type, charset, body)

    def _read_body(self, url: str, response) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"larger than the {_size(limit)} limit ({_size(int(declared))})")
        deadline = time.monotonic() + self.policy.timeout
        chunks, size = [], 0
        try:
            while True:
                chunk = response.read1(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"larger than the {_size(limit)} limit")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"took longer than {self.policy.timeout:g} s to arrive")
                chunks.append(chunk)
        except (HTTPError, OSError) as exc:
            raise FetchError(url, _reason(exc, self.policy)) from None
        return b"".join(chunks)

    def _wait_for_turn(self, url: str) -> None:
        last = self._last_request.get(host_of(url))
        if last is not None:
            pause = self.policy.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _pool_for(self, url: str):
        """A connection pool for ``url``: through the proxy the environment names, if any."""
        scheme = scheme_of(url)
        proxy = self._proxies.get(scheme)
        if proxy and urllib.request.proxy_bypass(host_of(url)):
            proxy = None
        if proxy not in self._pools:
            self._pools[proxy] = (urllib3.ProxyManager(proxy) if proxy
                                  else urllib3.PoolManager(maxsize=1))
        return self._pools[proxy]


def _check_web_url(url: str, target: str, redirected: bool = False) -> None:
    if is_web_url(target):
        return
    scheme = scheme_of(target)
    where = f"redirects to {target!r}, which" if redirected else "the address"
    if scheme and scheme not in WEB_SCHEMES:
        raise FetchError(url, f"{where} is not http(s) ({scheme}:)",
                         hint="only http:// and https:// addresses are fetched")
    raise FetchError(url, f"{where} is not a complete http(s) URL",
                     hint="write it in full, e.g. https://example.org/story")


def _wrong_type(url: str, content_type: str, accept: tuple[str, ...]) -> FetchError:
    if accept != HTML_TYPES:
        return FetchError(url, f"not a feed (Content-Type: {content_type})",
                          hint="give the address of the RSS or Atom feed itself")
    if content_type in FEED_TYPES and content_type != "text/plain":
        return FetchError(url, f"a feed, not a web page (Content-Type: {content_type})",
                          hint="import the articles it lists with --feed URL")
    return FetchError(url, f"not an HTML page (Content-Type: {content_type})",
                      hint="only web pages and RSS/Atom feeds can be imported")


def _content_type(header: str) -> tuple[str, str | None]:
    message = email.message.Message()
    message["Content-Type"] = header
    media = message.get_content_type() if header.strip() else ""
    charset = message.get_content_charset()
    return media.lower(), charset


def _reason(exc: BaseException, policy: FetchPolicy) -> str:
    """A short, human reason for a failed request."""
    if isinstance(exc, NameResolutionError | socket.gaierror):
        return "the host name could not be resolved (no such site, or no network)"
    if isinstance(exc, NewConnectionError | ConnectionRefusedError):  # before timeouts: a
        return "the connection was refused or failed"  # NewConnectionError is a timeout class
    if isinstance(exc, Urllib3Timeout | socket.timeout | TimeoutError):
        return f"no response within {policy.timeout:g} s"
    if isinstance(exc, SSLError | ssl.SSLError):
        return f"secure connection failed ({_first_line(exc)})"
    if isinstance(exc, LocationParseError | ValueError):
        return "the URL is malformed"
    if isinstance(exc, ProtocolError):
        return "the connection broke off before the page arrived"
    return f"request failed ({_first_line(exc)})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def _status_hint(status: int) -> str | None:
    if status in (401, 402, 403):
        return "the page needs a login or refuses tools; save it from a browser and import the file"
    if status in (404, 410):
        return "check the address"
    if status == 429 or status >= 500:
        return "the site is busy or failing; try again later"
    return None


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"
