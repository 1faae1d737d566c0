"""Fetching from a real HTTP server on loopback: redirects, errors, limits and politeness."""

from __future__ import annotations

import pytest

from tests.ingest.samples import BLOG, NEWS
from tests.ingest.webserver import NEWS_PATH, SampleSite
from timeline.ingest.fetch import FEED_TYPES, Fetcher, FetchError, FetchPolicy

QUICK = FetchPolicy(timeout=0.5, delay=0.0)


def fetch(site: SampleSite, path: str, policy: FetchPolicy = QUICK, **kwargs):
    return Fetcher(policy).get(site.url(path), **kwargs)


def failure(site: SampleSite, path: str, policy: FetchPolicy = QUICK, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(site, path, policy, **kwargs)
    assert caught.value.url == site.url(path)  # the failure names the URL asked for
    return caught.value


def test_a_page_with_its_type_and_charset(sample_site):
    fetched = fetch(sample_site, NEWS_PATH)
    assert fetched.body == NEWS.path.read_bytes()
    assert (fetched.content_type, fetched.charset) == ("text/html", "utf-8")
    assert fetched.final_url == fetched.url == sample_site.url(NEWS_PATH)


def test_a_polite_user_agent_is_sent(sample_site):
    fetch(sample_site, NEWS_PATH)
    agent = sample_site.requests[0].user_agent
    assert agent.startswith("timeline/") and "python-urllib3" not in agent


def test_redirects_are_followed_and_the_final_address_kept(sample_site):
    fetched = fetch(sample_site, "/old/ferry-strike")
    assert fetched.final_url == sample_site.url(NEWS_PATH + "?utm_source=newsletter")
    assert fetched.body == NEWS.path.read_bytes()
    assert sample_site.paths() == ["/old/ferry-strike", NEWS_PATH + "?utm_source=newsletter"]


def test_not_found(sample_site):
    error = failure(sample_site, "/missing")
    assert error.reason == "HTTP 404 Not Found"


def test_a_slow_server_times_out(sample_site):
    assert "no response within 0.5 s" in failure(sample_site, "/slow").reason


def test_a_response_that_dribbles_in_is_cut_off(sample_site):
    # Each 64-byte piece arrives within the socket timeout; the whole page would take ~20 s.
    policy = FetchPolicy(timeout=1.0, delay=0.0)
    assert "took longer than 1 s" in failure(sample_site, "/dribble", policy).reason


@pytest.mark.parametrize(("path", "kind"), [("/report.pdf", "application/pdf"),
                                            ("/api/story", "application/json")])
def test_not_html(sample_site, path, kind):
    error = failure(sample_site, path)
    assert error.reason == f"not an HTML page (Content-Type: {kind})"


def test_a_feed_given_as_a_page_says_to_use_feed(sample_site):
    error = failure(sample_site, "/feed.xml")
    assert "a feed, not a web page" in error.reason and "--feed" in error.hint
    assert fetch(sample_site, "/feed.xml", accept=FEED_TYPES).content_type == "application/rss+xml"


def test_size_limit_from_the_declared_length(sample_site):
    error = failure(sample_site, "/huge", FetchPolicy(timeout=5, delay=0, max_bytes=1024 * 1024))
    assert error.reason == "larger than the 1.0 MB limit (500.0 MB)"


def test_size_limit_while_reading(sample_site):
    error = failure(sample_site, "/huge-chunked",
                    FetchPolicy(timeout=5, delay=0, max_bytes=1024 * 1024))
    assert error.reason == "larger than the 1.0 MB limit"


def test_gzip_is_decoded(sample_site):
    assert fetch(sample_site, "/gzip").body == BLOG.path.read_bytes()


def test_redirects_only_to_http(sample_site):
    error = failure(sample_site, "/to-ftp")
    assert error.reason == ("redirects to 'ftp://files.example/story.html', which is not http(s) "
                            "(ftp:)")


def test_a_redirect_loop_stops(sample_site):
    error = failure(sample_site, "/loop", FetchPolicy(timeout=2, delay=0, max_redirects=3))
    assert error.reason == "more than 3 redirects"
    assert sample_site.paths() == ["/loop"] * 4


def test_only_http_urls_are_fetched():
    for url in ("file:///etc/passwd", "ftp://files.example/x", "gopher://x"):
        with pytest.raises(FetchError, match="not http"):
            Fetcher(QUICK).get(url)


def test_a_refused_connection(sample_site):
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # bound but not listening: connections are refused
        with pytest.raises(FetchError, match="refused"):
            Fetcher(QUICK).get(f"http://127.0.0.1:{port}/story")


def test_a_pause_between_requests_to_the_same_host(sample_site):
    # A lower bound only: the fetcher sleeps at least this long, however busy the machine.
    fetcher = Fetcher(FetchPolicy(timeout=5, delay=0.3))
    fetcher.get(sample_site.url(NEWS_PATH))
    fetcher.get(sample_site.url(NEWS_PATH))
    first, second = sample_site.requests
    assert second.at - first.at >= 0.3
