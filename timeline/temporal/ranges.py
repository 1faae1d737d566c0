"""Join the two ends of a range into one expression: "June 3-5", "1990-95", "from Monday to
Wednesday", "between 1990 and 1995", "9 a.m.-5 p.m.".

The grammar finds a range's ends as two points (TimeML marks them so); a reader sees one span
of time, and an event told with it lasts from the first to the last. A range keeps its points
as :attr:`Timex.parts`, so TimeML output is unchanged.
"""

from __future__ import annotations

import dataclasses
import re

from timeline.temporal import values
from timeline.temporal.model import Timex

#: What links a range's two ends: a dash, "to", "until", "through"; "and" only after "between".
_LINK = re.compile(r"[ \t]*[-\u2013\u2014][ \t]*|\s+(?:to|until|till|through|thru)\s+"
                   r"|(?P<and>\s+and\s+)", re.I)
#: More characters than any link spans (" through ", a dash between spaces): no range.
_LONGEST_LINK = 20
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
#: A change of date, not a span: "moved the vote from Monday to Wednesday".
_CHANGE = re.compile(r"\b(?:postpon\w*|delay\w*|push\w*\s+back|moved?|moving|reschedul\w*"
                     r"|brought\s+forward|bring\w*\s+forward|chang\w*|shift\w*|advanc\w*"
                     r"|switch\w*)\b[^.;:!?]{0,60}\bfrom\s+$", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)


def join_ranges(text: str, timexes: list[Timex]) -> list[Timex]:
    """``timexes`` (in text order) with each pair of points that a range links made one."""
    out: list[Timex] = []
    index, last = 0, len(timexes) - 1
    while index <= last:
        first = timexes[index]
        second = timexes[index + 1] if index < last else None
        if second is not None and _linked(text, first, second):
            first = _in_year_of(first, second)
            if _is_range(text, first, second):
                out.append(_range(text, first, second))
                index += 2
                continue
        out.append(first)
        index += 1
    return out


def _linked(text: str, first: Timex, second: Timex) -> bool:
    """Whether a range's link (a dash, "to", "between ... and") stands between two dates."""
    if second.start - first.end > _LONGEST_LINK or first.type != second.type or (
            first.type not in ("DATE", "TIME")):
        return False
    if first.interval is None or second.interval is None or first.is_range or second.is_range:
        return False
    link = _LINK.fullmatch(text, first.end, second.start)
    return link is not None and (not link["and"] or _BETWEEN.search(
        text[max(0, first.start - 80):first.start]) is not None)


#: A month or day value, whose year a range's first point may take from its last.
_MONTH_OR_DAY = re.compile(r"(\d{4})(-\d\d(?:-\d\d)?)")
_WRITTEN_YEAR = re.compile(r"\d{4}|['\u2019]\d\d\b")


def _in_year_of(first: Timex, second: Timex) -> Timex:
    """``first`` in the year of ``second`` when only the last point writes its year: "from
    March 2 until March 9, 2013" starts in March 2013, "from Dec. 28 to Jan. 3, 2013" in
    December 2012, whatever year a year-less date alone would have been read in."""
    head, tail = _MONTH_OR_DAY.fullmatch(first.value), _MONTH_OR_DAY.fullmatch(second.value)
    if (head is None or tail is None or _WRITTEN_YEAR.search(first.text)
            or not _WRITTEN_YEAR.search(second.text)):
        return first
    year = int(tail[1]) - (head[2] > tail[2][:len(head[2])])  # "Dec. 28 to Jan. 3": a year back
    value = f"{year:04d}{head[2]}"
    if value == first.value:
        return first
    meaning = values.interpret(value)
    if meaning is None:  # "Feb. 29" of a year without one
        return first
    return dataclasses.replace(first, value=value, interval=(meaning.start, meaning.end))


def _is_range(text: str, first: Timex, second: Timex) -> bool:
    """Whether two linked points make one span (``_linked`` said they are linked)."""
    before = text[max(0, first.start - 80):first.start]
    if _FROM.search(before) and _CHANGE.search(before):
        return False  # "moved the vote from Monday to Wednesday": a new date, not a span
    (a_first, a_stop), (b_first, b_stop) = first.interval, second.interval
    if (a_first, a_stop) == (b_first, b_stop):  # "9 a.m.-5 p.m.": two times of one day
        a_clock, b_clock = _CLOCK.search(first.value), _CLOCK.search(second.value)
        return bool(a_clock and b_clock) and a_clock.group() < b_clock.group()
    return a_first <= b_first and a_stop <= b_stop


_CLOCK = re.compile(r"T\d\d:\d\d")


def _range(text: str, first: Timex, second: Timex) -> Timex:
    mod = first.mod if first.mod == second.mod else None
    return Timex(first.start, second.end, text[first.start:second.end], first.type, first.value,
                 mod, first.precision, (first.interval[0], second.interval[1]), first.zone,
                 end_value=second.value, parts=(first, second),
                 doubt=first.doubt or second.doubt)
