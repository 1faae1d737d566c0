"""Tests for ``timeline.temporal.dates``: periods, shifts, values, Easter and n-th weekdays."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal.dates import (
    Period,
    add_months,
    easter,
    format_value,
    nth_weekday,
    period_of_value,
    season_of,
)


@pytest.mark.parametrize("year, day", [(1998, dt.date(1998, 4, 12)), (2000, dt.date(2000, 4, 23)),
                                       (2014, dt.date(2014, 4, 20)), (2019, dt.date(2019, 4, 21)),
                                       (2024, dt.date(2024, 3, 31))])
def test_easter(year: int, day: dt.date) -> None:
    assert easter(year) == day


def test_nth_weekday_and_last_weekday() -> None:
    assert nth_weekday(2014, 11, 4, 4) == dt.date(2014, 11, 27)  # Thanksgiving
    assert nth_weekday(2014, 9, 1, 1) == dt.date(2014, 9, 1)  # Labor Day on the 1st
    assert nth_weekday(2014, 5, 1, -1) == dt.date(2014, 5, 26)  # Memorial Day


def test_add_months_clamps_to_the_last_day() -> None:
    assert add_months(dt.date(2014, 1, 31), 1) == dt.date(2014, 2, 28)
    assert add_months(dt.date(2014, 11, 15), 3) == dt.date(2015, 2, 15)
    assert add_months(dt.date(2014, 1, 15), -2) == dt.date(2013, 11, 15)


def test_iso_weeks_and_weekends() -> None:
    sunday = dt.date(2014, 6, 15)
    assert Period.of("week", sunday).value() == "2014-W24"
    assert Period.of("week", sunday).shift("week", 1).value() == "2014-W25"
    assert format_value("weekend", sunday) == "2014-W24-WE"
    assert format_value("week", dt.date(2015, 1, 1)) == "2015-W01"
    assert format_value("week", dt.date(2016, 1, 1)) == "2015-W53"


def test_seasons_label_winter_with_its_december_year() -> None:
    assert season_of(dt.date(2014, 1, 10)) == (2013, "WI")
    assert season_of(dt.date(2013, 12, 1)) == (2013, "WI")
    assert format_value("season", dt.date(2013, 10, 1)) == "2013-FA"


def test_coarse_granularities() -> None:
    day = dt.date(1995, 7, 4)
    assert format_value("quarter", day) == "1995-Q3"
    assert format_value("half", day) == "1995-H2"
    assert format_value("decade", day) == "199"
    assert format_value("century", day) == "19"
    assert format_value("year", day) == "1995"


def test_shift_keeps_the_finer_granularity() -> None:
    quarter = Period.of("quarter", dt.date(1989, 10, 30))
    assert quarter.shift("year", -1).value() == "1988-Q4"
    day = Period("day", dt.date(2014, 6, 14))
    assert day.shift("day", 2).value() == "2014-06-16"
    assert day.shift("year", 1).value() == "2015-06-14"


def test_period_of_value() -> None:
    assert period_of_value("2014-W25") == Period("week", dt.date(2014, 6, 16))
    assert period_of_value("2014-06-14TMO") == Period("day", dt.date(2014, 6, 14))
    assert period_of_value("P1Y") is None
    assert period_of_value("XXXX-07-20") is None
