"""How a date was read (timeline.site.readings) and the key to a page (timeline.site.legend):
the text, from hand-made events, and where the pages show it, escaped."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from eventfactory import article, event
from handmade import build_handmade_site

from timeline.config import Config
from timeline.site.environment import make_environment
from timeline.site.legend import legend
from timeline.site.readings import (
    DateReading,
    Resolution,
    event_reading,
    how_read,
    merge_readings,
    span_text,
)
from timeline.site.views import event_view
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret

HARBOUR = article("harbour", dt.date(2019, 3, 12), "The Coast Gazette")
FERRY = article("ferry", dt.date(2019, 3, 14), "Island Radio")


def timex(text: str, value: str = "2019-03-09", doubt: str | None = None) -> Timex:
    meaning = interpret(value)
    return Timex(0, len(text), text, "DATE", value, None, meaning.precision,
                 (meaning.start, meaning.end), doubt=doubt)


def test_span_of_a_coarse_reading():
    def span(value: str) -> str:
        meaning = interpret(value)
        return span_text(meaning.precision, meaning.start, meaning.end)

    assert span("2019-W10") == "4–10 March 2019"
    assert span("2019-W27") == "1–7 July 2019"
    assert span("2019-W26") == "24–30 June 2019"
    assert span("2019-W22") == "27 May – 2 June 2019"
    assert span("2020-W01") == "30 December 2019 – 5 January 2020"
    assert span("2019-W10-WE") == "9–10 March 2019"
    assert span("2018-SP") == "March–May 2018"
    assert span("2018-WI") == "December 2018 – February 2019"
    assert span("2018-Q3") == "July–September 2018"
    assert span("2018-H1") == "January–June 2018"
    assert span("198") == "1980–1989"
    # a day, a time, a month or a year says its days in its label
    assert span("2019-03-09") == span("2019-03-09T14:30") == span("2019-03") == span("2019") == ""


def test_how_the_words_were_read():
    assert how_read(timex("last Saturday"), HARBOUR) == "from the article of 12 March 2019"
    assert how_read(timex("the day before"), FERRY) == "from the article of 14 March 2019"
    assert how_read(timex("March 9"), HARBOUR) == "the year from the article of 12 March 2019"
    assert how_read(timex("on the 9th"), HARBOUR) == "the year from the article of 12 March 2019"
    assert how_read(timex("the past decade", "201"), HARBOUR) == "from the article of 12 March 2019"
    assert how_read(timex("9 March 2019"), HARBOUR) == "written in full"
    assert how_read(timex("the 1980s", "198"), HARBOUR) == "written in full"
    assert how_read(timex("in spring '18", "2018-SP"), HARBOUR) == "written in full"
    doubtful = timex("Saturday", doubt="a quoted older notice: read against its own day")
    assert how_read(doubtful, HARBOUR) == ("uncertain: a quoted older notice: read against its "
                                           "own day")
    undated = article("undated", None)
    assert how_read(timex("March 9, 2019"), undated) == "written in full"
    assert how_read(timex("Saturday"), undated) == "read without a publication date"


def test_an_events_reading_lists_each_way_once():
    first = event(HARBOUR, "The ferry crews walked out last week over the new rota.", "last week",
                  "2019-W10")
    again = event(HARBOUR, "The ferry crews walked out last week over the new rota.", "last week",
                  "2019-W10")
    other = event(FERRY, "Crews stopped the ferries in the week of 4 March 2019.",
                  "the week of 4 March 2019", "2019-W10")
    first.citations += again.citations + other.citations
    reading = event_reading(first)
    assert reading.label == "week of 4 March 2019"
    assert reading.span == "4–10 March 2019"
    assert [r.text for r in reading.resolutions] == [
        "“last week”, from the article of 12 March 2019",
        "“the week of 4 March 2019”, written in full",
    ]
    assert reading.text == ("week of 4 March 2019 (4–10 March 2019): “last week”, from the "
                            "article of 12 March 2019; “the week of 4 March 2019”, written in full")


def test_a_time_and_an_editors_date():
    evening = event(FERRY, "The last ferry left at 14:30 on Thursday.", "14:30 on Thursday",
                    "2019-03-14T14:30")
    reading = event_reading(evening)
    assert reading.text == ("14 March 2019, 14:30: “14:30 on Thursday”, from the article of "
                            "14 March 2019")
    corrected = dataclasses.replace(evening, date_corrected_from="2019-03-13")
    assert event_reading(corrected).text == (
        "14 March 2019, 14:30: corrected by the editors (the source gives 13 March 2019)")


def test_a_key_dates_reading_gathers_its_events():
    one = event_reading(event(HARBOUR, "Talks resumed on Saturday.", "on Saturday", "2019-03-09"))
    two = event_reading(event(FERRY, "The union met on March 9.", "March 9", "2019-03-09"))
    merged = merge_readings("9 March 2019", "", [one, two, one])
    assert [r.expression for r in merged.resolutions] == ["on Saturday", "March 9"]


def test_reading_text_is_escaped_in_the_page(tmp_path: Path):
    env = make_environment(Config(root=tmp_path))
    reading = DateReading("9 March 2019", "", (Resolution('<b>"Saturday"</b>', "from <i>"),))
    html = env.get_template("partials/reading.html").render(r=reading)
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;&#34;Saturday&#34;&lt;/b&gt;" in html
    assert "<details class=\"reading\">" in html and "How this date was read" in html


def test_the_key_explains_only_what_the_page_shows():
    day = event(HARBOUR, "Talks resumed on Saturday.", "on Saturday", "2019-03-09")
    week = event(HARBOUR, "The crews walked out last week.", "last week", "2019-W10")
    season = event(FERRY, "Fares rose in spring 2018.", "spring 2018", "2018-SP")
    views = [event_view(e, {}, "../") for e in (day, week, season)]
    key = legend(views)
    assert [kind for kind, _ in key.markers] == ["day", "coarse"]  # nothing expected here
    assert [kind for kind, _ in key.highlights] == ["anchor"]
    assert key.labels == [
        ("week of 4 March 2019", "4–10 March 2019, Monday to Sunday"),
        ("spring 2018", "March–May 2018 (seasons of three months, winter from December)"),
    ]
    day.status = "expected"
    views[1].continued = True
    assert [kind for kind, _ in legend(views).markers] == ["coarse", "expected", "continued"]
    # on the index every date on the rail is a key date
    assert [kind for kind, _ in legend(views, index=True).markers] == ["key"]


def test_built_pages_carry_the_key_and_the_readings(tmp_path: Path):
    site = build_handmade_site(tmp_path)
    index = (site / "index.html").read_text(encoding="utf-8")
    period = (site / "events" / "2014.html").read_text(encoding="utf-8")
    for html in (index, period):
        assert 'class="fold page-legend"' in html
        assert '<details class="fold filters-fold" data-timeline-filters hidden>' in html
        assert "week of 16 June 2014</dt><dd>16–22 June 2014, Monday to Sunday" in html
        assert ("late July 2014</dt><dd>the source’s own words; the timeline places it in all "
                "of July 2014") in html
        assert ("week of 16 June 2014 (16–22 June 2014): “this week”, from the article of "
                "15 June 2014.</p>") in html
        assert 'title="14 June 2014: “on Saturday”, from the article of 15 June 2014"' in html
    assert '<span class="marker marker--key"' in index
    assert '<span class="marker marker--key"' not in period
    assert '<span class="marker marker--coarse"' in period  # late July: a month
    story = (site / "sources" / "story.html").read_text(encoding="utf-8")
    assert ">fall 2013 (September–November 2013), from the article of 15 June 2014</span>" in story
