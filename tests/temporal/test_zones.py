"""Zone names after clock times as UTC offsets (timeline.temporal.zones)."""

from __future__ import annotations

import pytest

from timeline.temporal.zones import utc_offset


@pytest.mark.parametrize(("text", "day", "offset"), [
    (" EDT", "2014-01-10", "-04:00"),  # the abbreviation fixes the offset, whatever the day
    (" EST", "2014-07-10", "-05:00"),
    (" (GMT)", None, "+00:00"),
    (" CET", None, "+01:00"),
    (" Pacific Standard Time", None, "-08:00"),
    (" Central Daylight Time", None, "-05:00"),
    (" ET", "2014-01-10", "-05:00"),  # New York in winter
    (" ET", "2014-07-10", "-04:00"),  # and in summer
    (" PT", "2014-03-08", "-08:00"),  # the day before US summer time began in 2014
    (" PT", "2014-03-10", "-07:00"),
    (" Mountain time", "1999-12-31", "-07:00"),
    (" UTC+2", None, "+02:00"),
    (" GMT-05:30", None, "-05:30"),
    (" UTC\u22123", None, "-03:00"),
])
def test_offsets(text: str, day: str | None, offset: str) -> None:
    assert utc_offset(text, day) == offset


@pytest.mark.parametrize(("text", "day"), [
    ("", "2014-01-10"),
    (" local time", "2014-01-10"),
    (" ET", None),  # summer or winter cannot be told without the day
    (" ET", "XXXX-XX-XX"),
    (" UTC+25", None),  # no such offset
])
def test_no_offset(text: str, day: str | None) -> None:
    assert utc_offset(text, day) is None
