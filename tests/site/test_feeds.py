"""The exports: TimelineJS JSON, Atom, iCalendar and CSV, checked against their formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import icalendar as ical
import pytest
from feedfixtures import BLOG, WSJ, make_event, sample_events

from timeline.site.feeds import (
    FeedInfo,
    atom_feed,
    csv_cell,
    events_csv,
    icalendar,
    ics_escape,
    ics_fold,
    timelinejs_json,
    write_feeds,
)

INFO = FeedInfo("Iraq <2014>", "Desc & more", "https://example.org/iraq")
ATOM = "{http://www.w3.org/2005/Atom}"


def by_id(slides):
    return {s["unique_id"]: s for s in slides}


# -- TimelineJS ---------------------------------------------------------------------------


def assert_timelinejs_date(date: dict) -> None:
    """The documented TimelineJS3 date object: year required, finer fields only below coarser."""
    assert isinstance(date["year"], int)
    order = ["year", "month", "day", "hour", "minute"]
    present = [k for k in order if k in date]
    assert present == order[: len(present)], date
    assert set(date) <= set(order) | {"second", "millisecond", "display_date", "format"}
    if "month" in date:
        assert 1 <= date["month"] <= 12
    if "day" in date:
        assert 1 <= date["day"] <= 31


def assert_timelinejs_document(doc: dict) -> None:
    assert set(doc) <= {"title", "events", "eras", "scale"}
    assert isinstance(doc["title"]["text"]["headline"], str)
    ids = []
    for slide in doc["events"]:
        assert set(slide) <= {"start_date", "end_date", "text", "media", "group",
                              "display_date", "unique_id", "background", "autolink"}
        assert_timelinejs_date(slide["start_date"])
        if "end_date" in slide:
            assert_timelinejs_date(slide["end_date"])
        assert set(slide["text"]) == {"headline", "text"}
        ids.append(slide["unique_id"])
    assert len(ids) == len(set(ids))


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


def test_a_range_spans_its_days_in_every_export_and_a_doubt_is_said():
    festival = make_event("2014-06-03", "The festival ran.", end_value="2014-06-05",
                          event_id="fest")
    shows = make_event("2014-06-14T18:00", "Shows ran.", end_value="2014-06-14T21:00",
                       event_id="shows")
    notice = make_event("2014-06-08", "The gates opened.", doubt="a quotation of an older message",
                        event_id="gates")
    slides = by_id(json.loads(timelinejs_json(INFO, [festival, shows, notice]))["events"])
    assert slides["fest"]["start_date"]["day"] == 3
    assert {k: v for k, v in slides["fest"]["end_date"].items()} == {
        "year": 2014, "month": 6, "day": 5}
    assert slides["fest"]["display_date"] == "3\u20135 June 2014"
    assert (slides["shows"]["end_date"]["hour"], slides["shows"]["end_date"]["day"]) == (21, 14)
    assert slides["gates"]["display_date"] == "8 June 2014 (uncertain)"
    assert "end_date" not in slides["gates"]
    cal = ical.Calendar.from_ical(icalendar(INFO, [festival, notice]))
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert (events["fest"]["DTSTART"].dt, events["fest"]["DTEND"].dt) == (
        dt.date(2014, 6, 3), dt.date(2014, 6, 6))
    assert "(3\u20135 June 2014)" in str(events["fest"]["SUMMARY"])
    assert "(uncertain)" in str(events["gates"]["SUMMARY"])
    rows = list(csv.DictReader(io.StringIO(events_csv(INFO, [festival, shows, notice]))))
    by_event = {row["id"]: row for row in rows}
    assert (by_event["fest"]["date"], by_event["fest"]["end"]) == ("2014-06-03", "2014-06-05")
    assert by_event["fest"]["display_date"] == "3\u20135 June 2014"
    assert (by_event["shows"]["date"], by_event["shows"]["end"]) == ("2014-06-14", "2014-06-14")
    assert by_event["gates"]["end"] == ""  # a point


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
    from timeline.site.feeds import timelinejs_slide
    assert timelinejs_slide(INFO, event, group_by="tag")["group"] == "diplomacy"


def test_hidden_events_are_not_exported():
    hidden = make_event("2014-06-14", "secret", event_id="hidden")
    hidden.hidden = True
    doc = json.loads(timelinejs_json(INFO, [hidden]))
    assert doc["events"] == []
    assert "secret" not in events_csv(INFO, [hidden])


# -- Atom ---------------------------------------------------------------------------------


def test_atom_parses_without_bozo_and_is_newest_first():
    text = atom_feed(INFO, sample_events())
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Iraq <2014>"
    assert feed.feed.id == "https://example.org/iraq/"
    links = [e.link for e in feed.entries]
    assert links[0] == "https://example.org/iraq/#e-2014-07"  # July 2014 is the newest event
    assert links[-1] == "https://example.org/iraq/#e-2003"
    assert len({e.id for e in feed.entries}) == len(feed.entries) == 6


def test_atom_required_elements_per_rfc4287():
    root = ET.fromstring(atom_feed(INFO, sample_events()).encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    # The newest report among the sources (BLOG, 16 June 2014) is the feed's updated time.
    assert root.find(f"{ATOM}updated").text == "2014-06-16T00:00:00Z"
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "link", "author"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")


def test_atom_escapes_markup_and_drops_xml_illegal_characters():
    root = ET.fromstring(atom_feed(INFO, sample_events()).encode("utf-8"))
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert any('"options" <b>& more</b>' in s for s in summaries)  # text, not markup
    assert any("Vienna  on Monday" in s for s in summaries)  # \x0c removed, XML still parses


def test_atom_without_base_url_uses_relative_links_and_stable_ids():
    info = FeedInfo("T", base_url="")
    first = atom_feed(info, sample_events())
    feed = feedparser.parse(first)
    assert not feed.bozo
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    assert atom_feed(info, sample_events()) == first  # deterministic: no wall clock inside


# -- iCalendar ----------------------------------------------------------------------------


def test_ics_parses_and_has_only_day_and_week_events_all_day():
    cal = ical.Calendar.from_ical(icalendar(INFO, sample_events()))
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    # month (late July), season (fall 2013) and year (2003) are skipped by policy
    assert set(events) == {"e-2014-06-14", "e-2014-W25", "e-2014-06-16T10-30"}
    day = events["e-2014-06-14"]
    assert day["DTSTART"].dt == dt.date(2014, 6, 14) and day["DTEND"].dt == dt.date(2014, 6, 15)
    assert not isinstance(day["DTSTART"].dt, dt.datetime)  # all-day (VALUE=DATE)
    week = events["e-2014-W25"]
    assert (week["DTSTART"].dt, week["DTEND"].dt) == (dt.date(2014, 6, 16), dt.date(2014, 6, 23))
    assert "week of 16 June 2014" in str(week["SUMMARY"])
    assert str(week["SUMMARY"]).startswith("Expected: ")
    assert str(day["SUMMARY"]) == 'Kerry called Zebari; "options" <b>& more</b>, said; he'
    assert day["URL"] == "https://example.org/iraq/#e-2014-06-14"


def test_ics_lines_are_crlf_and_folded_at_75_octets():
    text = icalendar(INFO, sample_events())
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert "\n" not in "".join(lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")


def test_ics_fold_never_splits_a_utf8_character():
    line = "SUMMARY:" + "é" * 60  # 8 + 120 octets
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert parts[1].startswith(" ")
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line


def test_ics_fold_ascii_lines_fill_75_octets():
    line = "DESCRIPTION:" + "x" * 188  # 200 octets: 75, then a space and 74, then a space and 51
    parts = ics_fold(line).split("\r\n")
    assert [len(p) for p in parts] == [75, 75, 52]
    assert parts[1].startswith(" ") and parts[2].startswith(" ")
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line
    assert ics_fold("x" * 75) == "x" * 75


def test_ics_fold_of_any_text_equals_folding_character_by_character():
    from timeline.site.feeds import _fold_by_characters

    for text in ("é" * 200, "a" + "€" * 100, "😀x" * 70, "SUMMARY:" + "ab—" * 40, "é" * 37):
        for limit in (75, 10, 4):
            assert ics_fold(text, limit) == _fold_by_characters(text, limit), (text, limit)


def test_ics_escape_rfc5545_text():
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


# -- CSV ----------------------------------------------------------------------------------


def test_csv_columns_quoting_and_formula_guard():
    rows = list(csv.reader(io.StringIO(events_csv(INFO, sample_events()))))
    assert rows[0] == ["date", "end", "display_date", "description", "link", "series", "id",
                       "value", "precision"]
    by_value = {r[7]: r for r in rows[1:]}
    assert len(by_value) == 6
    assert by_value["2014-06-14"][3] == 'Kerry called Zebari; "options" <b>& more</b>, said; he'
    assert by_value["2003"][3] == "-the U.S.-led invasion of Iraq in 2003."  # no formula
    assert by_value["2013-FA"][:3] == ["2013-09-01", "", "fall 2013"]  # a season is no range
    assert by_value["2014-06-14"][4] == "https://www.wsj.com/articles/iraq"
    assert by_value["2014-06-14"][5] == "The Wall Street Journal"


def test_csv_link_falls_back_to_the_event_page_for_unsafe_urls():
    rows = list(csv.reader(io.StringIO(events_csv(INFO, [make_event("2014", "x",
                                                                     articles=(BLOG,))]))))
    assert rows[1][4] == "https://example.org/iraq/#e-2014"


@pytest.mark.parametrize("cell, expected", [
    # formulas that can reach outside the sheet: guarded
    ("=1+1", "'=1+1"), ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("@SUM(A1)", "'@SUM(A1)"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("-WEBSERVICE(A1)", "'-WEBSERVICE(A1)"),
    ("\tx", "'\tx"), ("\r=1", "'\r=1"), ("\n=1", "'\n=1"),
    # text that starts with a sign but calls nothing: kept as the source wrote it
    ("- officials said the talks would resume", "- officials said the talks would resume"),
    ("@agency reported the vote on Monday", "@agency reported the vote on Monday"),
    ("+1", "+1"), ("-2", "-2"), ("-- a dash, then words", "-- a dash, then words"),
    ("plain", "plain"), ("a=b", "a=b"), ("", ""),
])
def test_csv_cell_formula_injection(cell, expected):
    assert csv_cell(cell) == expected


def test_write_feeds_writes_all_four_files(tmp_path):
    written = write_feeds(tmp_path, INFO, sample_events(),
                          generated=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert sorted(p.name for p in written) == ["events.atom", "events.csv", "events.ics",
                                              "timelinejs.json"]
    assert b"\r\n" in (tmp_path / "events.ics").read_bytes()
    assert (tmp_path / "events.csv").read_bytes().startswith(b"\xef\xbb\xbfdate,end,display_date,")


def test_exports_written_by_the_build_pipeline_validate(tmp_path):
    """The files the build writes (through exports.EXPORTERS) parse with the reference parsers."""
    from feedfixtures import render_sample_site

    from timeline.config import Config

    site = render_sample_site(tmp_path / "site", Config(root=tmp_path, title="T & <t>",
                                                        base_url="https://example.org/t/"))
    doc = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    assert_timelinejs_document(doc)
    assert len(doc["events"]) == 4  # the four dated sentences of the sample articles
    feed = feedparser.parse((site / "events.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.link for e in feed.entries][0] == "https://example.org/t/events/2014.html#ev-2014-07"
    cal = ical.Calendar.from_ical((site / "events.ics").read_bytes())
    days = sorted(e["DTSTART"].dt for e in cal.walk("VEVENT"))
    assert days == [dt.date(2014, 6, 14), dt.date(2014, 6, 16)]  # 2003 and late July skipped
    rows = list(csv.reader(io.StringIO((site / "events.csv").read_text(encoding="utf-8"))))
    assert [r[7] for r in rows[1:]] == ["2003", "2014-06-14", "2014-06-16", "2014-07"]


def _atom_afresh(info: FeedInfo, events) -> str:
    from timeline.site import feeds

    feeds._ATOM_ENTRIES.clear()
    return atom_feed(info, events)


_WSJ_EDITS = [{"title": "Renamed"}, {"source": "WSJ Asia"}, {"authors": ["A. Other"]},
              {"url": "https://example.com/moved"},
              {"published": dt.datetime(2014, 6, 20, tzinfo=dt.UTC)}]
_EVENT_EDITS = [{"text": "Changed text."}, {"headline": "A headline"}, {"status": "expected"},
                {"mod": "START"}, {"id": "e-other"}]


@pytest.mark.parametrize("change", [("article", e) for e in _WSJ_EDITS]
                         + [("event", e) for e in _EVENT_EDITS] + [("info", {})])
def test_atom_entries_remembered_from_the_last_feed_equal_entries_made_afresh(change):
    import dataclasses

    kind, fields = change
    info = INFO
    before = atom_feed(info, sample_events())  # remembers every entry
    events = sample_events()
    if kind == "article":
        wsj = dataclasses.replace(events[0].citations[0].article, **fields)
        events[0].citations = [dataclasses.replace(c, article=wsj) if c.article.slug == "wsj"
                               else c for c in events[0].citations]
    elif kind == "event":
        for name, value in fields.items():
            setattr(events[0], name, value)
    else:
        info = FeedInfo("Other title", base_url="https://example.net/")
    remembered = atom_feed(info, events)
    assert remembered != before  # the edit shows in the feed...
    assert remembered == _atom_afresh(info, events)  # ...exactly as a feed made from nothing
