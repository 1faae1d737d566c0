"""Web addresses: what may be fetched, and one key per article for duplicates."""

from __future__ import annotations

import pytest

from timeline.ingest.weburl import is_web_url, url_key, without_tracking


@pytest.mark.parametrize(("text", "web"), [
    ("https://news.example/story", True),
    ("HTTP://News.Example:8080/a?b=c", True),
    ("  https://news.example/story  ", True),
    ("ftp://news.example/story", False),
    ("file:///etc/passwd", False),
    ("javascript:alert(1)", False),
    ("news.example/story", False),
    ("https://", False),
    ("http://[::1", False),  # malformed
])
def test_is_web_url(text, web):
    assert is_web_url(text) is web


@pytest.mark.parametrize("spelling", [
    "https://www.news.example/2019/story",
    "http://news.example/2019/story",
    "HTTPS://NEWS.EXAMPLE/2019/story/",
    "https://news.example:443/2019/story#comments",
    "https://news.example/2019/story?utm_source=rss&utm_medium=feed",
    "https://news.example/2019/story?fbclid=abc123",
])
def test_spellings_of_one_article_share_a_key(spelling):
    assert url_key(spelling) == url_key("https://news.example/2019/story")


@pytest.mark.parametrize("other", [
    "https://news.example/2019/Story",  # paths are case-sensitive on most servers
    "https://news.example/2019/story?id=2",  # a parameter that selects the article
    "https://news.example:8443/2019/story",
    "https://other.example/2019/story",
])
def test_different_articles_have_different_keys(other):
    assert url_key(other) != url_key("https://news.example/2019/story")


def test_parameters_are_sorted_and_non_web_urls_have_no_key():
    assert url_key("https://n.example/a?b=2&a=1") == url_key("https://n.example/a?a=1&b=2")
    assert url_key("mailto:desk@news.example") is None
    assert url_key("not a url") is None


def test_the_address_to_cite_loses_only_tracking():
    assert without_tracking("https://News.example/A/b?id=7&utm_source=rss&fbclid=x#top") == \
        "https://News.example/A/b?id=7"
    assert without_tracking("https://news.example/a") == "https://news.example/a"
