"""Days and months named by the calendar: "Sept. 11, 2001", "Monday, Oct. 28", "9-11 June",
"3/22/2013", "on the 5th", "March 2013", "late July", with the year a year-less date belongs to.

Years, decades and centuries are :mod:`.years`; holidays :mod:`.holidays`; seasons
:mod:`.seasons`."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from timeline.temporal.dates import add_months
from timeline.temporal.lexicon import DAYPARTS, MONTHS, WEEKDAYS, word_set
from timeline.temporal.resolve.base import (
    _EDGE_MODS,
    _MD,
    _edge_mod,
    _find_year,
    _month_span,
    _words,
)

_SCHEDULED_FOR = re.compile(r"\b(?:scheduled|set|slated|planned|expected|due|postponed|delayed"
                            r"|rescheduled|moved|booked|targeted|penciled|pencilled|pegged)"
                            r"(?:\s+in)?\s+for\s+$", re.I)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)?")


_MONTH_CUES = word_set("""
in since until till by from to through throughout during before after between and or of early
late mid last next this each every that same until, since, end beginning middle start least
""")


def _leading_weekday(text: str) -> tuple[int | None, int]:
    """The weekday opening a date ("Monday, Oct. 28") and where the date itself starts."""
    offset, weekday = 0, None
    m = re.match(r"([A-Za-z]+),?\s+", text)
    if m and m.group(1).lower() in WEEKDAYS:
        weekday, offset = WEEKDAYS[m.group(1).lower()], m.end()
    if text[offset:offset + 4].lower() == "the ":
        offset += 4
    return weekday, offset


_OF_YEAR = re.compile(r"\s+of\s+(last|this|next)\s+year$", re.I)


class CalendarDateRules:
    """Handlers for days and months the calendar names, and the year a year-less one falls in."""

    # -- rules -----------------------------------------------------------------------------

    def _md(self, text, start, end):
        """ "Sept. 11, 2001", "Monday, Oct. 28", "22 March", "June 3-5" (two points)."""
        weekday, offset = _leading_weekday(text)
        m = _MD.match(text, offset)
        if not m:
            return None
        if m["month"]:
            month = MONTHS.get(m["month"].lower().rstrip("."))
            day, day2, year = int(m["day"]), m["day2"], m["year"]
        elif m["dday0"]:  # "9-11 June": the range's first day, then its last
            return self._day_first_range(m, start, end)
        else:
            month = MONTHS.get(m["dmonth"].lower().rstrip("."))
            day, day2, year = int(m["dday"]), None, m["dyear"]
        year_word = _OF_YEAR.search(text)
        if year_word and self.anchor:  # "Feb. 21 of last year"
            year = self.anchor.year + {"last": -1, "this": 0, "next": 1}[year_word[1].lower()]
        value = month and self._month_day(month, day, year, weekday, start, end)
        if not value:
            return None
        daypart = DAYPARTS.get(text.split()[-1].lower())
        if daypart:  # "Oct. 23 night"
            value += "T" + daypart
        if not day2:
            return self._result(start, end, value)
        results = [self._result(start, start + m.end("day"), value)]
        second = self._month_day(month, int(day2), year, None, start, end, like=value)
        if second:
            # the year written after the last day is the last point's ("May 7 to 9, 2013")
            last_end = m.end("year") if m["year"] else m.end("day2")
            results.append(self._result(start + m.start("day2"), start + last_end, second))
        return results

    def _day_first_range(self, m, start, end):
        """ "9-11 June 2014": two points, the first taking the last one's month and year."""
        month = MONTHS.get(m["dmonth"].lower().rstrip("."))
        last = month and self._month_day(month, int(m["dday"]), m["dyear"], None, start, end)
        if not last:
            return None
        first = self._month_day(month, int(m["dday0"]), None, None, start, end, like=last)
        # the first day's span keeps its article and ordinal: "the 5th" of "the 5th and 6th"
        head = start if self.text[start:start + 4].lower() == "the " else start + m.start("dday0")
        ordinal = _ORDINAL_SUFFIX.match(self.text, start + m.end("dday0"))
        results = [self._result(head, start + m.end("dday0") + len(ordinal.group()), first)
                   ] if first else []
        return results + [self._result(start + m.start("dday"), end, last)]

    def _month_day(self, month, day, year, weekday, start, end, like=None):
        """The value of a month and day, the year written, fitted to a weekday, or picked.
        A day named again is the day it was before when nothing says otherwise (see
        :meth:`_told_before`)."""
        if year:
            dt.date(int(year), month, day)  # ValueError for a day that does not exist
            self.month_days_told[month, day] = int(year)
            return f"{int(year):04d}-{month:02d}-{day:02d}"
        if self._told_before(month, day, start, end) and not weekday and not like:
            return f"{self.month_days_told[month, day]:04d}-{month:02d}-{day:02d}"
        if like and "X" not in like:
            year = int(like[:4])
            dt.date(year, month, day)
            return f"{year:04d}-{month:02d}-{day:02d}"
        if day > 31 or (month == 2 and day > 29) or (day == 31 and month in (4, 6, 9, 11)):
            return None
        chosen = None
        if weekday and self.anchor:
            for year in (self.anchor.year, self.anchor.year - 1, self.anchor.year + 1):
                try:
                    if dt.date(year, month, day).isoweekday() == weekday:
                        chosen = year
                        break
                except ValueError:
                    continue
        if chosen is None:
            def make(y):
                first = dt.date(y, month, day)
                return first, first + dt.timedelta(days=1)
            chosen = self._pick(make, start, end)
        if chosen is None:
            return f"XXXX-{month:02d}-{day:02d}"
        try:
            dt.date(chosen, month, day)
        except ValueError:
            return None
        self.month_days_told[month, day] = chosen
        return f"{chosen:04d}-{month:02d}-{day:02d}"

    def _told_before(self, month: int, day: int, start: int, end: int) -> bool:
        """True when this year-less month and day was read before and neither the clause's tense
        nor a year told in its sentence says which one it is: "begins April 17 in Seattle.
        [...] Seattle on April 17 and Portland the next day"."""
        return ((month, day) in self.month_days_told and self._year_told(start, end) is None
                and self._direction(start, end) == 0)

    def _ordday(self, text, start, end):
        """ "on the 5th": that day of the anchor's month, or of the month before or after,
        the one the clause's tense points to (the past when it does not say)."""
        day = int(re.search(r"\d+", text)[0])
        if self.anchor is None:
            return self._result(start, end, f"XXXX-XX-{day:02d}")
        this_month = self.anchor.replace(day=1)
        candidates = []
        for step in (-1, 0, 1):
            first = add_months(this_month, step)
            if day <= calendar.monthrange(first.year, first.month)[1]:
                candidates.append(first.replace(day=day))
        if self._direction(start, end) > 0:
            chosen = min((c for c in candidates if c >= self.anchor), default=None)
        else:
            chosen = max((c for c in candidates if c <= self.anchor), default=None)
        return self._result(start, end, chosen.isoformat()) if chosen else None

    def _iso(self, text, start, end):
        day = dt.date.fromisoformat(text.replace("/", "-"))
        return self._result(start, end, day.isoformat())

    def _numdate(self, text, start, end):
        """ "3/22/2013" (month first unless ``dayfirst``), "4.3.2019" (day first), "9/11", "on
        11/14" (the year picked)."""
        if text == "9/11":
            return self._result(start, end, "2001-09-11")
        dotted = "." in text  # "4.3.2019" is written day first wherever dots are used
        first, second, *year_part = (int(p) for p in re.split(r"[/.]", text))
        month, day = (second, first) if self.dayfirst or dotted else (first, second)
        if month > 12 and day <= 12:
            month, day = day, month
        if not year_part:  # "on 11/14": the year is picked as for "Nov. 14"
            value = 0 < month <= 12 and self._month_day(month, day, None, None, start, end)
            return self._result(start, end, value) if value else None
        year = year_part[0]
        if year < 100:
            pivot = (self.anchor.year if self.anchor else 2030) % 100 + 10
            year += 2000 if year <= pivot else 1900
        return self._result(start, end, dt.date(year, month, day).isoformat())

    def _monthyear(self, text, start, end):
        """ "January 2012", "June of 2013", "July last year"."""
        words = _words(text)
        month = next((MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in MONTHS
                      and w not in _EDGE_MODS), None)
        if month is None:
            return None
        year = _find_year(text)
        if year is not None:
            pass
        elif self.anchor is None:
            return self._result(start, end, f"XXXX-{month:02d}", _edge_mod(words))
        else:
            year = self.anchor.year + {"last": -1, "next": 1}.get(words[-2], 0)
        return self._result(start, end, f"{year:04d}-{month:02d}", _edge_mod(words))

    def _month(self, text, start, end):
        """A month alone ("in August", "late July"): the year nearest in the clause's direction."""
        words = _words(text)
        name = words[-1].rstrip(".")
        month = MONTHS.get(name)
        if month is None or not self._month_context_ok(text, start, end):
            return None
        mod = _edge_mod(words[:-1])
        ref = self.ref
        if ref is not None and ref.gran == "month" and self._ends_range(start):
            # "from April through June": the first such month after the range's start
            year = ref.first.year + (month <= ref.first.month)
        else:
            year = self._pick(lambda y: _month_span(y, month), start, end)
        if year is None:
            return self._result(start, end, f"XXXX-{month:02d}", mod)
        return self._result(start, end, f"{year:04d}-{month:02d}", mod)

    def _month_context_ok(self, text, start, end) -> bool:
        """A bare month name is a date only in a temporal context ("in May", "May's vote")."""
        if len(text.split()) > 1:
            return True
        before = self.text[max(0, start - 20):start].split()
        prev = before[-1].lower() if before else ""
        if prev in _MONTH_CUES or _SCHEDULED_FOR.search(self.text, max(0, start - 30), start):
            return True  # "in May", "scheduled for March" (but not "a vote for May")
        name = text.rstrip(".")
        if name in ("May", "March", "MAY", "MARCH"):
            return False
        after = self.text[end:end + 20].lstrip()
        return not (after[:1].isupper() and self.text[end:end + 1] not in ",.;:")
