"""Dates through a whole build. A range told in an article ("June 3-5", "2009–2011", "from
Monday to Wednesday") is one event spanning the range, placed and sorted by its first day,
shown as a range on its page, and carried with its start and end into events.json, TimelineJS
and iCalendar (issue 22, class 8). Midnight ending a day leaves as 00:00 of the next day in
every export, never as hour 24 (class 12)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import icalendar as ical

from timeline.config import load_config
from timeline.pipeline.build import build_site

ARTICLE = """\
---
title: "Fair week in the valley"
source: "Valley Courier"
date: 2014-06-01
---
The spring fair will run June 3-5 in the town square, the council said.

Output at the brick works doubled between 1990 and 1995, according to its books.

Ms Varga chaired the water board in 2009\u20132011 before she moved to the coast.

Union leaders will meet the managers from Monday to Wednesday to settle the pay claim.

The harvest market will run from 28 December to 3 January in the old hall.
"""


def _build(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "fair.md").write_text(ARTICLE, encoding="utf-8")
    result = build_site(load_config(project), strict=False)
    assert result.ok
    return result.output


def test_a_range_is_one_event_from_its_first_to_its_last_point_in_every_export(tmp_path):
    site = _build(tmp_path)
    dates = {e["text"].split()[1]: e["date"]
             for e in json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]}
    assert {word: (d["value"], d.get("end_value"), d["start"], d["end"], d["label"])
            for word, d in dates.items()} == {
        "spring": ("2014-06-03", "2014-06-05", "2014-06-03", "2014-06-06", "3\u20135 June 2014"),
        "at": ("1990", "1995", "1990-01-01", "1996-01-01", "1990\u20131995"),
        "Varga": ("2009", "2011", "2009-01-01", "2012-01-01", "2009\u20132011"),
        "leaders": ("2014-06-02", "2014-06-04", "2014-06-02", "2014-06-05",
                    "2\u20134 June 2014"),
        "harvest": ("2014-12-28", "2015-01-03", "2014-12-28", "2015-01-04",
                    "28 December 2014 \u2013 3 January 2015"),
    }
    slides = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    ends = {s["display_date"]: s.get("end_date") for s in slides}
    assert ends["2009\u20132011"] == {"year": 2011}
    assert ends["3\u20135 June 2014"] == {"year": 2014, "month": 6, "day": 5}
    calendar = ical.Calendar.from_ical((site / "events.ics").read_bytes())
    spans = sorted((e["DTSTART"].dt, e["DTEND"].dt) for e in calendar.walk("VEVENT"))
    assert spans == [(dt.date(2014, 6, 2), dt.date(2014, 6, 5)),
                     (dt.date(2014, 6, 3), dt.date(2014, 6, 6)),
                     (dt.date(2014, 12, 28), dt.date(2015, 1, 4))]
    rows = csv.DictReader(io.StringIO((site / "events.csv").read_text(encoding="utf-8-sig")))
    assert sorted((r["date"], r["end"]) for r in rows) == [
        ("1990-01-01", "1995-12-31"), ("2009-01-01", "2011-12-31"), ("2014-06-02", "2014-06-04"),
        ("2014-06-03", "2014-06-05"), ("2014-12-28", "2015-01-03")]


def test_a_range_lives_on_the_page_of_its_first_point_shown_as_a_range_in_date_order(tmp_path):
    site = _build(tmp_path)
    pages = sorted(p.name for p in (site / "events").glob("*.html"))
    assert pages == ["1990.html", "2009.html", "2014.html"]
    year = (site / "events" / "2014.html").read_text(encoding="utf-8")
    labels = re.findall(r'class="event__label">.*?<time[^>]*>([^<]*)</time>', year)
    assert labels == ["2\u20134 June 2014", "3\u20135 June 2014",
                      "28 December 2014 \u2013 3 January 2015"]
    assert "2009\u20132011" in (site / "events" / "2009.html").read_text(encoding="utf-8")


def test_midnight_ending_a_day_is_the_next_day_at_zero_hours_in_every_export(tmp_path):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "curfew.md").write_text(
        "---\ntitle: Curfew\nsource: Valley Courier\ndate: 2014-06-11\n---\n"
        "The town council said the new curfew will begin at midnight on Friday.\n",
        encoding="utf-8")
    site = build_site(load_config(project), strict=False).output
    [event] = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
    assert event["date"]["value"] == "2014-06-14T00:00"
    assert dt.datetime.fromisoformat(event["date"]["value"]) == dt.datetime(2014, 6, 14)
    [slide] = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    assert {k: slide["start_date"].get(k) for k in ("month", "day", "hour")} == {
        "month": 6, "day": 14, "hour": 0}
    every_file = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*")
                         if p.suffix in (".json", ".ics", ".csv", ".atom", ".html"))
    assert "T24" not in every_file
