"""TimeML values: validate them, turn them into a precision and a day interval, and label them.

Every part of the product that needs to know what ``2014-W25`` or ``2013-FA`` means asks this
module, so the meaning of a value is defined once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

#: Precisions from finest to coarsest; the index orders "more specific than".
PRECISIONS = (
    "second",
    "minute",
    "hour",
    "daypart",
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "millennium",
)

MODS = (
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
)

VAGUE_REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
DAYPARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night",
            "DT": "daytime"}
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}
# Meteorological seasons: (first month, number of months). Winter starts in December of the
# year it is labelled with, which is how news uses "winter 2013" (Dec 2013 - Feb 2014).
SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}

_DATE_RE = re.compile(
    r"""^(?P<year>\d{4})
    (?:-(?:
        (?P<month>\d{2})(?:-(?P<day>\d{2}))?
      | W(?P<week>\d{2})(?:-(?P<wday>[1-7]|WE))?
      | Q(?P<quarter>[1-4])
      | H(?P<half>[12])
      | (?P<season>SP|SU|FA|WI)
    ))?
    (?:T(?:(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?|(?P<daypart>MO|MI|AF|EV|NI|DT))
       (?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?$""",
    re.VERBOSE,
)
_COARSE_RE = re.compile(r"^(?P<digits>\d{1,3})$")
_UNRESOLVED_RE = re.compile(r"^[0-9X]{2,4}(?:-[0-9A-Z]{1,3}){0,2}(?:T[0-9A-Z:]+)?$")
_DURATION_RE = re.compile(
    r"^P(?:(?:[\dX.]+[YMWDQLCE])+(?:T(?:[\dX.]+[HMS])+)?|T(?:[\dX.]+[HMS])+|[\dX.]+[DWMYQ]?)$"
)


@dataclass(frozen=True, slots=True)
class Interpretation:
    """What a TimeML value denotes on the calendar."""

    precision: str
    start: dt.date
    end: dt.date  # exclusive


def interpret(value: str) -> Interpretation | None:
    """Return the precision and ``[start, end)`` day interval of a fully specified value.

    Returns ``None`` for values that name no single calendar period: durations, sets, vague
    references (``PAST_REF``), and values with unresolved ``X`` parts.
    """
    try:
        coarse = _COARSE_RE.match(value)
        if coarse:
            return _interpret_coarse(coarse["digits"])
        match = _DATE_RE.match(value)
        if not match:
            return None
        return _interpret_date(match)
    except ValueError:  # a day that does not exist, such as 2014-02-30
        return None


def _interpret_coarse(digits: str) -> Interpretation | None:
    width = {3: (10, "decade"), 2: (100, "century"), 1: (1000, "millennium")}[len(digits)]
    span, precision = width
    first = int(digits) * span
    if first == 0:
        return None  # year 0 does not exist in the proleptic Gregorian calendar of datetime
    last = min(first + span, dt.MAXYEAR)
    return Interpretation(precision, dt.date(first, 1, 1), dt.date(last, 1, 1))


def _interpret_date(m: re.Match[str]) -> Interpretation | None:
    year = int(m["year"])
    if year == 0:
        return None
    if m["daypart"] or m["hour"]:
        day = _interpret_date_part(m, year)
        if day is None or day.precision != "day":
            return None
        precision = "daypart" if m["daypart"] else _time_precision(m)
        if m["hour"] and int(m["hour"]) > 24 or m["minute"] and int(m["minute"]) > 59:
            return None
        return Interpretation(precision, day.start, day.end)
    return _interpret_date_part(m, year)


def _time_precision(m: re.Match[str]) -> str:
    if m["second"]:
        return "second"
    return "minute" if m["minute"] else "hour"


def _interpret_date_part(m: re.Match[str], year: int) -> Interpretation | None:
    if m["day"]:
        day = dt.date(year, int(m["month"]), int(m["day"]))
        return Interpretation("day", day, day + dt.timedelta(days=1))
    if m["month"]:
        month = int(m["month"])
        return Interpretation("month", dt.date(year, month, 1), _add_months(year, month, 1))
    if m["week"]:
        return _interpret_week(year, int(m["week"]), m["wday"])
    if m["quarter"]:
        first = (int(m["quarter"]) - 1) * 3 + 1
        return Interpretation("quarter", dt.date(year, first, 1), _add_months(year, first, 3))
    if m["half"]:
        first = 1 if m["half"] == "1" else 7
        return Interpretation("half", dt.date(year, first, 1), _add_months(year, first, 6))
    if m["season"]:
        first, count = SEASON_MONTHS[m["season"]]
        return Interpretation("season", dt.date(year, first, 1), _add_months(year, first, count))
    if year >= dt.MAXYEAR:
        return None
    return Interpretation("year", dt.date(year, 1, 1), dt.date(year + 1, 1, 1))


def _interpret_week(year: int, week: int, wday: str | None) -> Interpretation | None:
    monday = dt.date.fromisocalendar(year, week, 1)
    if wday == "WE":
        saturday = monday + dt.timedelta(days=5)
        return Interpretation("weekend", saturday, saturday + dt.timedelta(days=2))
    if wday:
        day = monday + dt.timedelta(days=int(wday) - 1)
        return Interpretation("day", day, day + dt.timedelta(days=1))
    return Interpretation("week", monday, monday + dt.timedelta(days=7))


def _add_months(year: int, month: int, count: int) -> dt.date:
    index = year * 12 + (month - 1) + count
    return dt.date(index // 12, index % 12 + 1, 1)


_BEFORE_ERA = re.compile(r"^BC(\d{2,})$")


def is_valid_value(value: str) -> bool:
    """True when ``value`` is well-formed TimeML (resolved, partly unresolved, vague, or before
    the era: ``BC0300`` is 300 BC, ``BC02`` the third century BC)."""
    if value in VAGUE_REFS or _BEFORE_ERA.match(value):
        return True
    if _DURATION_RE.match(value):
        return True
    if interpret(value) is not None:
        return True
    return bool(_UNRESOLVED_RE.match(value)) and "X" in value


def precision_rank(precision: str) -> int:
    """Smaller is more specific: ``precision_rank('day') < precision_rank('month')``."""
    return PRECISIONS.index(precision)


@functools.lru_cache(maxsize=1 << 14)  # pure; a rebuild labels every event and expression again
def describe(value: str, mod: str | None = None, end_value: str | None = None) -> str:
    """A human label for a value at its own precision: '14 June 2014', 'late July 2014'; with
    ``end_value``, a range: '3–5 June 2014', '1990–1995', '15 June 2014, 18:00–21:00'."""
    label = _describe_plain(value)
    if end_value is not None and end_value != value:
        label = _join_range(label, _describe_plain(end_value))
    return _apply_mod(label, value, mod)


def _join_range(first: str, last: str) -> str:
    """'3 June 2014' and '5 June 2014' -> '3–5 June 2014': what both ends share is said once,
    after the range for dates ('28 October – 1 November 2014') and before it for the times
    of one day."""
    day_a, _, time_a = first.partition(", ")
    day_b, _, time_b = last.partition(", ")
    if time_a and time_b and day_a == day_b:
        return f"{day_a}, {time_a}–{time_b}"
    words_a, words_b = first.split(" "), last.split(" ")
    shared = 0
    while (shared < min(len(words_a), len(words_b)) - 1
           and words_a[-1 - shared] == words_b[-1 - shared]):
        shared += 1
    if shared == 0 or "," in first:
        dash = "–" if len(words_a) == len(words_b) == 1 else " – "
        return f"{first}{dash}{last}"
    head_a, head_b = words_a[:-shared], words_b[:-shared]
    tail = " ".join(words_a[-shared:])
    dash = "–" if len(head_a) == len(head_b) == 1 else " – "
    return f"{' '.join(head_a)}{dash}{' '.join(head_b)} {tail}"


_MIDNIGHT_ENDING = re.compile(r"(\d{4}-\d\d-\d\d|[\dX]{4}-[\dX]{2}-[\dX]{2})T24:00(?::00)?"
                              r"(?=$|Z|[+-])")


def next_day_midnight(value: str) -> str | None:
    """``2010-05-07T24:00`` (midnight ending a day, as TimeML writes it) as ``2010-05-08T00:00``,
    the form ISO 8601 readers (Python, pandas, TimelineJS) take; None for any other value. On
    a day not known (``XXXX-XX-XXT24:00``) it is 00:00 of a day not known."""
    match = _MIDNIGHT_ENDING.match(value)
    if not match:
        return None
    try:
        day = (dt.date.fromisoformat(match[1]) + dt.timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):
        if "X" not in match[1]:
            return None
        day = "XXXX-XX-XX"  # the day after a partly known day is not known either
    return f"{day}T00:00{value[match.end():]}"


def _describe_plain(value: str) -> str:
    if value in VAGUE_REFS:
        return {"PAST_REF": "in the past", "PRESENT_REF": "now", "FUTURE_REF": "in the future"}[
            value
        ]
    coarse = _COARSE_RE.match(value)
    if coarse:
        return _describe_coarse(coarse["digits"])
    before_era = _BEFORE_ERA.match(value)
    if before_era:
        return _describe_before_era(before_era[1])
    m = _DATE_RE.match(value)
    if not m or interpret(value) is None:
        return value
    return _describe_date(m)


def is_before_era(value: str) -> bool:
    """True for a value before year 1 (``BC0300``): it has no interval on our calendar."""
    return bool(_BEFORE_ERA.match(value))


def _describe_before_era(digits: str) -> str:
    """ "0300" -> "300 BC"; "02" -> "3rd century BC"; "004" -> "40s BC"."""
    if len(digits) >= 4:
        return f"{int(digits):,} BC" if len(digits) > 4 else f"{int(digits)} BC"
    if len(digits) == 2:
        return f"{_ordinal_suffix(int(digits) + 1)} century BC"
    return f"{int(digits) * 10}s BC"


def _describe_coarse(digits: str) -> str:
    if len(digits) == 3:
        return f"{digits}0s"
    if len(digits) == 2:
        return f"{_ordinal_suffix(int(digits) + 1)} century"
    return f"{_ordinal_suffix(int(digits) + 1)} millennium"


def _ordinal_suffix(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _describe_date(m: re.Match[str]) -> str:
    year = m["year"].lstrip("0") or "0"
    if m["day"]:
        label = f"{int(m['day'])} {calendar.month_name[int(m['month'])]} {year}"
    elif m["month"]:
        label = f"{calendar.month_name[int(m['month'])]} {year}"
    elif m["week"]:
        label = _describe_week(int(m["year"]), int(m["week"]), m["wday"])
    elif m["quarter"]:
        label = f"{ORDINALS[int(m['quarter'])]} quarter of {year}"
    elif m["half"]:
        label = f"{ORDINALS[int(m['half'])]} half of {year}"
    elif m["season"]:
        label = f"{SEASON_NAMES[m['season']]} {year}"
    else:
        label = year
    return label + _describe_time(m)


def _describe_week(year: int, week: int, wday: str | None) -> str:
    monday = dt.date.fromisocalendar(year, week, 1)
    if wday == "WE":
        saturday = monday + dt.timedelta(days=5)
        return f"weekend of {_day_label(saturday)}"
    if wday:
        return _day_label(monday + dt.timedelta(days=int(wday) - 1))
    return f"week of {_day_label(monday)}"


def _day_label(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _describe_time(m: re.Match[str]) -> str:
    if m["daypart"]:
        return f", {DAYPARTS[m['daypart']]}"
    if m["hour"]:
        clock = f"{m['hour']}:{m['minute'] or '00'}"
        zone = f" {m['tz']}" if m["tz"] else ""
        return f", {clock}{zone}"
    return ""


def _apply_mod(label: str, value: str, mod: str | None) -> str:
    if not mod:
        return label
    precision = (interpret(value) or Interpretation("day", dt.date.min, dt.date.min)).precision
    if mod in ("START", "MID", "END"):
        word = {"START": "early", "MID": "mid", "END": "late"}[mod]
        joiner = "-" if mod == "MID" and precision == "month" else " "
        return f"{word}{joiner}{label}"
    prefix = {
        "APPROX": "about",
        "BEFORE": "before",
        "AFTER": "after",
        "ON_OR_BEFORE": "on or before",
        "ON_OR_AFTER": "on or after",
        "LESS_THAN": "less than",
        "MORE_THAN": "more than",
        "EQUAL_OR_LESS": "at most",
        "EQUAL_OR_MORE": "at least",
    }.get(mod)
    return f"{prefix} {label}" if prefix else label
