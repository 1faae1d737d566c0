"""Calendar arithmetic at a granularity: shift a period, format it as a TimeML value, find holidays.

A :class:`Period` is a granularity plus the first day of the period, so "the quarter a year
earlier" is ``Period('quarter', 1989-07-01).shift('year', -1)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from timeline.temporal import values

#: Granularities a period can have, finest first.
GRANULARITIES = ("day", "weekend", "week", "month", "season", "quarter", "half", "year",
                 "decade", "century")
_MONTHS_PER = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120,
               "century": 1200}


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: its granularity and its first day."""

    gran: str
    first: dt.date

    @classmethod
    def of(cls, gran: str, day: dt.date) -> Period:
        """The period of granularity ``gran`` that contains ``day``."""
        return cls(gran, start_of(gran, day))

    def shift(self, unit: str, count: int) -> Period:
        """The period ``count`` units later (earlier when negative), at the finer granularity."""
        moved = shift_day(self.first, unit, count)
        gran = self.gran if rank(self.gran) <= rank(unit) else unit
        return Period.of(gran, moved)

    def value(self) -> str:
        return format_value(self.gran, self.first)


def rank(gran: str) -> int:
    return GRANULARITIES.index(gran) if gran in GRANULARITIES else 0


def add_months(day: dt.date, count: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + count
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def shift_day(day: dt.date, unit: str, count: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=count)
    return add_months(day, _MONTHS_PER[unit] * count)


def season_of(day: dt.date) -> tuple[int, str]:
    """(labelled year, code) of the meteorological season containing ``day``."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, ("SP", "SU", "FA")[(day.month - 3) // 3]


def season_start(year: int, code: str) -> dt.date:
    return dt.date(year, values.SEASON_MONTHS[code][0], 1)


def start_of(gran: str, day: dt.date) -> dt.date:
    """First day of the period of granularity ``gran`` containing ``day``."""
    if gran == "day":
        return day
    if gran == "week":
        return day - dt.timedelta(days=day.weekday())
    if gran == "weekend":
        return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
    if gran == "season":
        return season_start(*season_of(day))
    size = _MONTHS_PER[gran]
    if gran in ("decade", "century"):
        years = size // 12
        return dt.date(max(1, day.year // years * years), 1, 1)
    month = (day.month - 1) // size * size + 1
    return dt.date(day.year, month, 1)


def unknown_value(gran: str) -> str:
    """The TimeML value of a period of granularity ``gran`` whose date is not known."""
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX", "quarter": "XXXX-QX", "half": "XXXX-HX", "season": "XXXX-XX",
            "year": "XXXX", "decade": "XXX", "century": "XX"}.get(gran, "XXXX")


def format_value(gran: str, day: dt.date) -> str:
    """The TimeML value of the period of granularity ``gran`` that contains ``day``."""
    if gran == "day":
        return day.isoformat()
    if gran in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if gran == "season":
        year, code = season_of(day)
        return f"{year:04d}-{code}"
    if gran == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if gran == "decade":
        return f"{day.year // 10:03d}"
    if gran == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` (1 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


@lru_cache(maxsize=4096)
def period_of_value(value: str) -> Period | None:
    """The :class:`Period` a fully specified DATE value names (time of day dropped)."""
    meaning = values.interpret(value.split("T")[0])
    if meaning is None:
        return None
    gran = meaning.precision if meaning.precision in GRANULARITIES else "day"
    return Period(gran, meaning.start)
