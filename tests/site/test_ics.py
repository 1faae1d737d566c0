"""The iCalendar export, checked with the icalendar package and against RFC 5545."""

from __future__ import annotations

import datetime as dt

import icalendar as ical
from feedfixtures import sample_events

from tests.site.feedchecks import (
    INFO,
)
from timeline.site.ics import _fold_by_characters, icalendar, ics_escape, ics_fold


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
    for text in ("é" * 200, "a" + "€" * 100, "😀x" * 70, "SUMMARY:" + "ab—" * 40, "é" * 37):
        for limit in (75, 10, 4):
            assert ics_fold(text, limit) == _fold_by_characters(text, limit), (text, limit)


def test_ics_escape_rfc5545_text():
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
