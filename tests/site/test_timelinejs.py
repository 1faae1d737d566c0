"""The TimelineJS export, checked against TimelineJS3's documented JSON."""

from __future__ import annotations

import json

from feedfixtures import BLOG, WSJ, make_event, sample_events

from tests.site.feedchecks import (
    INFO,
    assert_timelinejs_document,
    by_id,
)
from timeline.site.timelinejs import timelinejs_json, timelinejs_slide


def test_timelinejs_document_structure_and_order():
    doc = json.loads(timelinejs_json(INFO, sample_events()))
    assert_timelinejs_document(doc)
    assert [s["unique_id"] for s in doc["events"]] == [
        "e-2003", "e-2013-FA", "e-2014-06-14", "e-2014-06-16T10:30", "e-2014-W25", "e-2014-07"]


def test_timelinejs_dates_carry_their_precision():
    slides = by_id(json.loads(timelinejs_json(INFO, sample_events()))["events"])
    day = slides["e-2014-06-14"]
    assert {k: v for k, v in day["start_date"].items() if k != "display_date"} == {
        "year": 2014, "month": 6, "day": 14}
    assert "end_date" not in day
    assert slides["e-2003"]["start_date"] == {"year": 2003, "display_date": "2003"}
    late_july = slides["e-2014-07"]
    assert late_july["start_date"] == {"year": 2014, "month": 7, "display_date": "late July 2014"}
    assert late_july["display_date"] == "late July 2014"
    timed = slides["e-2014-06-16T10:30"]["start_date"]
    assert (timed["hour"], timed["minute"]) == (10, 30)


def test_timelinejs_periods_span_start_to_last_day_with_label():
    slides = by_id(json.loads(timelinejs_json(INFO, sample_events()))["events"])
    week = slides["e-2014-W25"]  # ISO week 25 of 2014: Monday 16 to Sunday 22 June
    assert (week["start_date"]["day"], week["end_date"]) == (16, {"year": 2014, "month": 6,
                                                                   "day": 22})
    assert week["display_date"] == "week of 16 June 2014"
    fall = slides["e-2013-FA"]  # meteorological fall: September to November
    assert (fall["start_date"]["month"], fall["start_date"]["day"]) == (9, 1)
    assert fall["end_date"] == {"year": 2013, "month": 11, "day": 30}
    assert fall["display_date"] == "fall 2013"


def test_timelinejs_escapes_article_text_as_html_and_drops_unsafe_links():
    slides = by_id(json.loads(timelinejs_json(INFO, sample_events()))["events"])
    text = slides["e-2014-06-14"]["text"]
    assert "<b>" not in text["headline"] and "&lt;b&gt;&amp; more&lt;/b&gt;" in text["headline"]
    assert "&lt;b&gt;" in text["text"]
    assert '<a href="https://www.wsj.com/articles/iraq">The Wall Street Journal</a>' in text["text"]
    assert "javascript:" not in text["text"]  # BLOG's url is javascript:, shown as plain name
    assert "Blog reprint" in text["text"]


def test_timelinejs_groups_by_source_or_tag():
    event = make_event("2014-06-14", "x", articles=(BLOG, WSJ), tags=["diplomacy"])
    assert json.loads(timelinejs_json(INFO, [event]))["events"][0]["group"] == "Blog reprint"
    assert timelinejs_slide(INFO, event, group_by="tag")["group"] == "diplomacy"
