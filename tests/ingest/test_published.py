"""Publication dates of pages: declared ones with their time and zone, htmldate's fallback,
visible timestamps, and the refusal of a date that is only the day of the import."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from timeline.ingest.published import parse_stamp, publication_date

NOW = dt.datetime(2026, 12, 6, 15, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
TEXT = ("<p>The harbour board met on Monday and agreed to dredge the channel before the "
        "summer, the chairman said after the meeting.</p>")


def page(head: str = "", body: str = TEXT) -> object:
    return lxml.html.document_fromstring(
        f"<html><head><title>Dredging</title>{head}</head><body><article>{body}</article>"
        "</body></html>")


def found(head: str = "", body: str = TEXT, url: str | None = None):
    return publication_date(page(head, body), url, NOW)


def test_json_ld_date_published_keeps_time_and_zone():
    result = found('<script type="application/ld+json">{"@context": "https://schema.org", '
                   '"@type": "NewsArticle", "datePublished": "2018-07-02T16:05:00-07:00", '
                   '"dateModified": "2018-07-03T09:00:00-07:00"}</script>')
    pacific = dt.timezone(dt.timedelta(hours=-7))
    assert result.value == dt.datetime(2018, 7, 2, 16, 5, tzinfo=pacific)
    assert result.found_in == "JSON-LD datePublished"


def test_json_ld_in_a_graph_and_a_list_of_types():
    result = found('<script type="application/ld+json">{"@graph": [{"@type": "WebSite", '
                   '"datePublished": "2001-01-01"}, {"@type": ["Thing", "BlogPosting"], '
                   '"datePublished": "2018-07-02"}]}</script>')
    assert result.value == dt.date(2018, 7, 2)  # the article's, not the web site's


def test_meta_published_time_beats_modified_time():
    result = found('<meta property="article:modified_time" content="2018-07-05T10:00:00Z">'
                   '<meta property="article:published_time" content="2018-07-02T08:15:00Z">')
    assert result.value == dt.datetime(2018, 7, 2, 8, 15, tzinfo=dt.UTC)


def test_a_date_without_a_time_stays_a_date():
    assert found('<meta name="dc.date.issued" content="2018-07-02">').value == dt.date(2018, 7, 2)
    # CMSs write "no time" as midnight
    assert found('<meta property="article:published_time" content="2018-07-02T00:00:00">'
                 ).value == dt.date(2018, 7, 2)


def test_a_time_without_a_zone_stays_without_one():
    value = found('<meta property="article:published_time" content="2018-07-02T08:15:00">').value
    assert value == dt.datetime(2018, 7, 2, 8, 15) and value.tzinfo is None


def test_microdata_and_time_pubdate():
    assert found(body=TEXT + '<span itemprop="datePublished" content="2017-05-04"></span>'
                 ).value == dt.date(2017, 5, 4)
    assert found(body='<time pubdate datetime="2017-05-04T11:00:00+02:00">4 May</time>' + TEXT
                 ).value == dt.datetime(2017, 5, 4, 11, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_a_declared_date_of_today_is_taken():
    # The page states it in its metadata: it was published today.
    head = f'<meta property="article:published_time" content="{TODAY.isoformat()}T08:00:00Z">'
    assert found(head).value == dt.datetime.combine(TODAY, dt.time(8), dt.UTC)


def test_a_guessed_date_of_today_is_refused():
    # A "last updated" stamp or a page clock shows the day the page was fetched.
    stamp = TODAY.strftime("%B %d, %Y").replace(" 0", " ")
    result = found(body=f'<span class="date">Last updated {stamp}</span>' + TEXT)
    assert result.value is None
    assert result.refused and "day of the import" in result.refused


def test_a_copyright_year_is_not_a_date():
    result = found(body=TEXT + f"<footer>&copy; {TODAY.year} Harbour Board</footer>")
    assert result.value is None and result.refused is None


def test_dates_in_the_article_text_are_events_not_the_publication_date():
    body = ("<p>The channel was last dredged on June 10, 2009, and again on 3 March 2015, "
            "the board said in its report.</p>")
    assert found(body=body).value is None


def test_a_visible_timestamp_gives_the_time_and_zone():
    body = ('<div class="article-date">July 2, 2018 / 4:05 PM PDT / Updated 8 years ago</div>'
            + TEXT)
    result = found(body=body)
    assert result.value == dt.datetime(2018, 7, 2, 16, 5,
                                       tzinfo=dt.timezone(dt.timedelta(hours=-7)))
    assert result.found_in == "visible timestamp"


def test_a_byline_with_a_date():
    body = '<p class="byline">By Jo Bell | Published July 2, 2018 9:30 AM EDT</p>' + TEXT
    eastern = dt.timezone(dt.timedelta(hours=-4))
    assert found(body=body).value == dt.datetime(2018, 7, 2, 9, 30, tzinfo=eastern)


def test_an_updated_stamp_is_not_the_publication_time():
    body = ('<div class="timestamp">Published July 2, 2018</div>'
            '<div class="timestamp">Updated July 2, 2018 11:45 PM EDT</div>' + TEXT)
    assert found(body=body).value == dt.date(2018, 7, 2)


def test_a_date_in_the_address():
    result = found(url="https://news.example/2018/07/02/harbour-dredging.html")
    assert result.value == dt.date(2018, 7, 2)


def test_future_and_placeholder_dates_are_refused():
    future = found('<meta property="article:published_time" content="2031-01-01T00:00:00Z">')
    assert future.value is None and "future" in future.refused
    epoch = found('<meta property="article:published_time" content="1970-01-01T00:00:00Z">')
    assert epoch.value is None


@pytest.mark.parametrize(("raw", "value"), [
    ("2018-07-02T16:05:00Z", dt.datetime(2018, 7, 2, 16, 5, tzinfo=dt.UTC)),
    ("2018-07-02T16:05:00+0530", dt.datetime(2018, 7, 2, 16, 5,
                                             tzinfo=dt.timezone(dt.timedelta(hours=5.5)))),
    ("2018-07-02 16:05", dt.datetime(2018, 7, 2, 16, 5)),
    ("Mon, 02 Jul 2018 16:05:00 +0100", dt.datetime(2018, 7, 2, 16, 5,
                                                    tzinfo=dt.timezone(dt.timedelta(hours=1)))),
    ("July 2, 2018 4:05 PM EDT", dt.datetime(2018, 7, 2, 16, 5,
                                             tzinfo=dt.timezone(dt.timedelta(hours=-4)))),
    ("2 July 2018", dt.date(2018, 7, 2)),
    ("8 years ago", None),
    ("yesterday at 4pm", None),
    ("not a date", None),
    ("2018-02-30", None),
])
def test_stamps(raw, value):
    assert parse_stamp(raw) == value
