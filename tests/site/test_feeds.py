"""The feed exports together: what all four carry, the files written, the files the build
writes. Each format has its own tests: test_timelinejs, test_atom, test_ics, test_csvexport."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import feedparser
import icalendar as ical
from feedfixtures import BLOG, WSJ, make_event, sample_events

from tests.site.feedchecks import INFO, assert_timelinejs_document, by_id
from timeline.site.feeds import (
    atom_feed,
    events_csv,
    icalendar,
    timelinejs_json,
    write_feeds,
)


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


def test_hidden_events_are_not_exported():
    hidden = make_event("2014-06-14", "secret", event_id="hidden")
    hidden.hidden = True
    doc = json.loads(timelinejs_json(INFO, [hidden]))
    assert doc["events"] == []
    assert "secret" not in events_csv(INFO, [hidden])


def test_an_event_with_no_dated_source_is_stamped_by_the_newest_report_not_the_clock():
    undated = dataclasses.replace(BLOG, published=None, slug="undated")
    added = make_event("2014-06-20", "The editors added this.", articles=(undated,),
                       event_id="added")
    reported = make_event("2014-06-14", "Talks were held.", articles=(WSJ,), event_id="talks")
    feed = feedparser.parse(atom_feed(INFO, [added, reported]))
    added_entry = next(e for e in feed.entries if "editors" in e.title)
    newest = WSJ.published.astimezone(dt.UTC)
    assert dt.datetime(*added_entry.updated_parsed[:6], tzinfo=dt.UTC) == newest
    cal = ical.Calendar.from_ical(icalendar(INFO, [added, reported]))
    stamps = {str(e["UID"]).split("@")[0]: e["DTSTAMP"].dt for e in cal.walk("VEVENT")}
    assert stamps["added"] == newest  # the same feeds for the same content, build after build
    assert atom_feed(INFO, [added, reported]) == atom_feed(INFO, [added, reported])


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
