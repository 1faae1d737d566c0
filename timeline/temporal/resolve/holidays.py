"""Holidays: "Christmas", "Easter 2019", "last Thanksgiving", "Easter week", "Christmas
morning", "Memorial Day weekend"; fixed, nth-weekday, Easter-based and lunar ones."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.dates import easter, format_value, nth_weekday
from timeline.temporal.lexicon import (
    DAYPARTS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    LUNAR_HOLIDAYS,
    NTH_WEEKDAY_HOLIDAYS,
    NTH_WEEKDAY_OFFSETS,
)
from timeline.temporal.lunar import lunar_holiday
from timeline.temporal.resolve.base import _DAY_VALUE, _YEAR


def _weekend_by(value: str) -> str:
    """The weekend (Saturday and Sunday) nearest a day's value: "Memorial Day weekend" is the
    one before the Monday, "Good Friday weekend" the one after the Friday."""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "XXXX-WXX-WE"
    day = dt.date.fromisoformat(value)
    saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7)
    if (day - saturday).days > 3:
        saturday += dt.timedelta(days=7)
    return format_value("week", saturday) + "-WE"


def _holiday_finder(name: str):
    """A function year -> date for a holiday name, or None for an unknown name."""
    name = name.strip()
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return lambda year: dt.date(year, month, day)
    if name in NTH_WEEKDAY_HOLIDAYS:
        month, weekday, n = NTH_WEEKDAY_HOLIDAYS[name]
        offset = NTH_WEEKDAY_OFFSETS.get(name, 0)
        return lambda year: nth_weekday(year, month, weekday, n) + dt.timedelta(days=offset)
    if name in EASTER_HOLIDAYS:
        offset = EASTER_HOLIDAYS[name]
        return lambda year: easter(year) + dt.timedelta(days=offset)
    if name in LUNAR_HOLIDAYS:
        return lambda year: lunar_holiday(name, year)
    return None


class HolidayRules:
    """Handlers for holidays, in the year the clause points to."""

    def _holiday(self, text, start, end):
        """ "Christmas", "Easter 2019", "last Thanksgiving", "Easter week"."""
        lower = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'"))
        if text.islower():
            return None  # "a national day of thanksgiving", "holi": news capitalises holidays
        year_match = _YEAR.search(text)
        name = re.sub(r"^(last|next|this) |,? \d{4}$", "", lower)
        week = name.endswith(" week")
        part = re.search(r"\s(morning|afternoon|evening|night)$", text)
        if part:  # "Christmas morning": that part of the holiday
            inner = self._holiday(text[:part.start()], start, end)
            return inner and self._result(start, end, inner.value + "T" + DAYPARTS[part.group(1)]
                                          if _DAY_VALUE.fullmatch(inner.value) else inner.value)
        if name.endswith(" weekend"):  # "Memorial Day weekend": the weekend next to the day
            inner = self._holiday(text[:text.lower().rindex("weekend")].rstrip(), start, end)
            return inner and self._result(start, end, _weekend_by(inner.value))
        finder = _holiday_finder(name.removesuffix(" week"))
        if finder is None:
            return None
        if year_match:
            day = finder(int(year_match.group()))
            return self._result(start, end, day.isoformat() if day else "XXXX-XX-XX")
        if week:  # "Easter week": the ISO week of the holiday
            inner = self._holiday(text.removesuffix(text[-5:]).rstrip(), start, end)
            return inner and self._result(start, end, format_value("week", dt.date.fromisoformat(
                inner.value)))
        direction = {"last": -1, "next": 1}.get(lower.split()[0])

        def make(y):
            day = finder(y)  # None: a lunar holiday outside the years its calendar covers
            return day and (day, day + dt.timedelta(days=1))

        year = self._pick(make, start, end, direction)
        if year is None:  # no anchor: the day of the year is still known for fixed holidays
            fixed = FIXED_HOLIDAYS.get(name)
            if fixed:
                return self._result(start, end, f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}")
            return self._result(start, end, "XXXX-XX-XX")
        return self._result(start, end, finder(year).isoformat())
