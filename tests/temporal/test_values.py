"""What TimeML values mean: precision, day interval, validity and labels."""

import datetime as dt

import pytest

from timeline.temporal.values import (
    describe,
    interpret,
    is_valid_value,
    next_day_midnight,
    precision_rank,
)

D = dt.date


@pytest.mark.parametrize(
    ("value", "precision", "start", "end"),
    [
        ("2014-06-14", "day", D(2014, 6, 14), D(2014, 6, 15)),
        ("2014-06", "month", D(2014, 6, 1), D(2014, 7, 1)),
        ("2014-12", "month", D(2014, 12, 1), D(2015, 1, 1)),
        # 15 June 2014 was a Sunday, so ISO week 25 runs Monday 16 to Sunday 22 June.
        ("2014-W25", "week", D(2014, 6, 16), D(2014, 6, 23)),
        ("2014-W24-WE", "weekend", D(2014, 6, 14), D(2014, 6, 16)),
        ("2014-W24-6", "day", D(2014, 6, 14), D(2014, 6, 15)),
        ("2013-FA", "season", D(2013, 9, 1), D(2013, 12, 1)),
        ("2013-WI", "season", D(2013, 12, 1), D(2014, 3, 1)),
        ("1998-Q3", "quarter", D(1998, 7, 1), D(1998, 10, 1)),
        ("1998-H2", "half", D(1998, 7, 1), D(1999, 1, 1)),
        ("2003", "year", D(2003, 1, 1), D(2004, 1, 1)),
        ("199", "decade", D(1990, 1, 1), D(2000, 1, 1)),
        ("19", "century", D(1900, 1, 1), D(2000, 1, 1)),
        ("2014-06-14T15:30", "minute", D(2014, 6, 14), D(2014, 6, 15)),
        ("2014-06-14T15", "hour", D(2014, 6, 14), D(2014, 6, 15)),
        ("2014-06-14TMO", "daypart", D(2014, 6, 14), D(2014, 6, 15)),
        ("2014-06-14T15:30:00-04:00", "second", D(2014, 6, 14), D(2014, 6, 15)),
    ],
)
def test_interpret_resolved_values(value, precision, start, end):
    meaning = interpret(value)
    assert meaning is not None
    assert (meaning.precision, meaning.start, meaning.end) == (precision, start, end)


@pytest.mark.parametrize(
    "value",
    ["P1Y", "PAST_REF", "XXXX-07-20", "XXXX-WXX-1", "2014-02-30", "2014-13", "0000", "",
     "2014-W54", "2014-06-14T25:00", "June 2014", "BC0300", "BC02"],
)
def test_interpret_returns_none_for_values_without_a_calendar_period(value):
    assert interpret(value) is None


@pytest.mark.parametrize(
    "value", ["2014-06-14", "P3Y", "P12M", "PT3H", "PXY", "PAST_REF", "XXXX-07-20", "XXXX-WXX-1",
              "2014-XX-XX", "199X", "2014-06-14TNI", "XXXX-WXX-1TNI", "BC0300", "BC02",
              "BC10000"],
)
def test_valid_values(value):
    assert is_valid_value(value)


@pytest.mark.parametrize("value", ["2014-02-30", "hello", "", "2014-6-1", "P", "20140614"])
def test_invalid_values(value):
    assert not is_valid_value(value)


@pytest.mark.parametrize(
    ("value", "mod", "label"),
    [
        ("2014-06-14", None, "14 June 2014"),
        ("2014-W25", None, "week of 16 June 2014"),
        ("2014-W24-WE", None, "weekend of 14 June 2014"),
        ("2014-07", "END", "late July 2014"),
        ("2014-07", "START", "early July 2014"),
        ("2014-07", "MID", "mid-July 2014"),
        ("2013-FA", None, "fall 2013"),
        ("2003", None, "2003"),
        ("199", None, "1990s"),
        ("20", None, "21st century"),
        ("1998-Q3", None, "third quarter of 1998"),
        ("2014-06-14TMO", None, "14 June 2014, morning"),
        ("2014-06-14T15:30", None, "14 June 2014, 15:30"),
        ("2003", "APPROX", "about 2003"),
        ("BC0753", None, "753 BC"),
        ("BC02", None, "3rd century BC"),
        ("BC10000", "APPROX", "about 10,000 BC"),
    ],
)
def test_describe(value, mod, label):
    assert describe(value, mod) == label


@pytest.mark.parametrize(
    ("first", "last", "label"),
    [
        ("2014-06-03", "2014-06-05", "3\u20135 June 2014"),
        ("2014-10-28", "2014-11-01", "28 October \u2013 1 November 2014"),
        ("2014-12-30", "2015-01-02", "30 December 2014 \u2013 2 January 2015"),
        ("1990", "1995", "1990\u20131995"),
        ("2014-03", "2014-05", "March\u2013May 2014"),
        ("2013-11", "2014-02", "November 2013 \u2013 February 2014"),
        ("2014-06-15T18:00", "2014-06-15T21:00", "15 June 2014, 18:00\u201321:00"),
        ("2014-06-15T22:00", "2014-06-16T02:00", "15 June 2014, 22:00 \u2013 16 June 2014, 02:00"),
        ("198", "199", "1980s\u20131990s"),
    ],
)
def test_describe_a_range_says_what_both_ends_share_once(first, last, label):
    assert describe(first, None, last) == label


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("2010-05-07T24:00", "2010-05-08T00:00"),
        ("2010-12-31T24:00", "2011-01-01T00:00"),
        ("2012-02-28T24:00-05:00", "2012-02-29T00:00-05:00"),
        ("2010-05-07T23:00", None),
        ("XXXX-XX-XXT24:00", "XXXX-XX-XXT00:00"),  # midnight of an unknown day
    ],
)
def test_midnight_ending_a_day_is_the_next_day_at_zero_hours(value, normalised):
    assert next_day_midnight(value) == normalised


def test_precision_rank_orders_specific_before_vague():
    assert precision_rank("day") < precision_rank("week") < precision_rank("month")
    assert precision_rank("month") < precision_rank("season") < precision_rank("year")
