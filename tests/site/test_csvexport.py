"""The CSV export: columns, quoting, links and the guard against spreadsheet formulas."""

from __future__ import annotations

import csv
import io

import pytest
from feedfixtures import BLOG, make_event, sample_events

from tests.site.feedchecks import (
    INFO,
)
from timeline.site.csvexport import csv_cell, events_csv


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
