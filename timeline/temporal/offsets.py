"""A count of days, weeks, months or years from a date the text names is a date: "100 days
after Jan. 20", "two weeks before the June 3 vote", "three years after the 2003 invasion".

Without a stated reference point ("in 10 days", "within 100 days", "the first 100 days") the
count is a duration and dates nothing. With one, the reader wants the day it lands on; TimeML
still marks the count and the date apart, so the compound keeps them as :attr:`Timex.parts`.
"""

from __future__ import annotations

import re

from timeline.temporal import values
from timeline.temporal.dates import GRANULARITIES, Period, period_of_value
from timeline.temporal.model import Timex

#: "<count> after/before <date>", the date's determiner left out ("after the June 3 vote").
_LINK = re.compile(r"\s+(?P<side>after|before|following|from)\s+(?:the\s+|its\s+|their\s+)?",
                   re.I)
#: A span of time counted out, not a point: "rose 5% in the two weeks after June 3".
_SPAN_BEFORE = re.compile(r"\b(?:in|for|during|over|within|throughout|the)\s+$", re.I)
_COUNT = re.compile(r"P(\d+)([DWMY])")
#: Days counted on a calendar of their own: "five trading days after March 3".
_WORKDAYS = re.compile(r"\b(?:trading|business|working|school|market)\b", re.I)
_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def join_offsets(text: str, timexes: list[Timex]) -> list[Timex]:
    """``timexes`` (in text order) with each counted offset from a named date made one date."""
    out: list[Timex] = []
    index, last = 0, len(timexes) - 1
    while index <= last:
        count = timexes[index]
        date = timexes[index + 1] if index < last else None
        joined = _offset(text, count, date) if date is not None else None
        if joined is not None:
            out.append(joined)
            index += 2
        else:
            out.append(count)
            index += 1
    return out


def _offset(text: str, count: Timex, date: Timex) -> Timex | None:
    if count.type != "DURATION" or date.type != "DATE":  # most pairs: no regex needed
        return None
    amount = _COUNT.fullmatch(count.value)
    link = _LINK.fullmatch(text, count.end, date.start)
    if (count.type != "DURATION" or count.mod or amount is None or link is None
            or date.type != "DATE" or date.interval is None or date.is_range
            or count.text.lower().startswith("the ") or _WORKDAYS.search(count.text)
            or _SPAN_BEFORE.search(text, max(0, count.start - 12), count.start)):
        return None
    base = period_of_value(date.value)
    unit = _UNITS[amount[2]]
    if base is None or GRANULARITIES.index(base.gran) > GRANULARITIES.index(unit):
        return None  # "two days after 2003": no day to count from
    step = -1 if link["side"].lower() == "before" else 1
    moved = base.shift(unit, step * int(amount[1]))
    value = Period(base.gran, moved.first).value() if base.gran != "day" else moved.value()
    meaning = values.interpret(value)
    if meaning is None:
        return None
    return Timex(count.start, date.end, text[count.start:date.end], "DATE", value, None,
                 meaning.precision, (meaning.start, meaning.end), parts=(count, date),
                 doubt=date.doubt)
