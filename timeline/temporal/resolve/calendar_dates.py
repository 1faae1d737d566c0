"""Dates named by the calendar: "Sept. 11, 2001", "March 2013", years, decades,
centuries, seasons and holidays, with the year a year-less date belongs to."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from timeline.temporal import context
from timeline.temporal.dates import (
    add_months,
    easter,
    format_value,
    nth_weekday,
    season_of,
    season_start,
)
from timeline.temporal.lexicon import (
    DAYPARTS,
    DECADE_WORDS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    LUNAR_HOLIDAYS,
    MONTHS,
    NTH_WEEKDAY_HOLIDAYS,
    NTH_WEEKDAY_OFFSETS,
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    word_set,
)
from timeline.temporal.lunar import lunar_holiday
from timeline.temporal.resolve.base import (
    _DAY_VALUE,
    _EDGE_MODS,
    _MD,
    _YEAR,
    Resolution,
    _edge_mod,
    _find_year,
    _month_span,
    _words,
)

#: Words that make a season name a time whatever follows it ("last summer heat").
_NAMING_WORDS = word_set("this last next past coming that following previous")
_POSSESSIVE_YEAR = re.compile(r"\d{4}['\u2019]s")
_DECADE_CONTEXT = re.compile(r"\b(?:the|in|of|during|since|by|from|to|through|until)\s+$", re.I)
_SCHEDULED_FOR = re.compile(r"\b(?:scheduled|set|slated|planned|expected|due|postponed|delayed"
                            r"|rescheduled|moved|booked|targeted|penciled|pencilled|pegged)"
                            r"(?:\s+in)?\s+for\s+$", re.I)
_AGE_OWNER = re.compile(r"\b(?:their|his|her|my|your|our)\s+$", re.I)
_AFTER_A_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d,?\s+(?:and|or|&)\s+$")
_BETWEEN_ABOUT = re.compile(r"\b(?:between|from|since|in)\s+(?:roughly|about|around|circa)\s+$",
                            re.I)
_YEAR_APPOSED = re.compile(r"\b((?:1[5-9]|20)\d\d),\s+$")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)?")
_LIST_LINK = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&)\s+)(?:the\s+)?")
_BC = re.compile(r"\s*(?-i:BC|B\.C\.|BCE|B\.C\.E\.)")
_CLIPPED_YEAR = re.compile(r"['\u2019](\d\d)\b")
_EARLY_DECADE = re.compile(r"\b(\d\d\d)0['\u2019]?s\b")
_TIME_PREPOSITION = re.compile(r"\b(?:in|during|by|since|until|from|to|through|of|before|after"
                               r"|throughout)\s+$", re.I)


_MONTH_CUES = word_set("""
in since until till by from to through throughout during before after between and or of early
late mid last next this each every that same until, since, end beginning middle start least
""")

_YEAR_CUES = word_set("""
in since until till by from to through throughout during before after between of early
late mid fiscal year end beginning middle start circa c. around spring summer fall autumn winter
the its his her their our a an post pre that this full-year fiscal-year
""")

_FUNCTION_WORDS = word_set("for with and but as at on by unlike like than")

_AFTER_YEAR_OK = word_set("""
and or to through when as after before the that with for until in on at was were is will had
has have levels level figures budget election elections season campaign crop census law act
budgets compared because but while amid from by then
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
_OF_YEAR = re.compile(r"\s+of\s+(last|this|next)\s+year$", re.I)


class CalendarDateRules:
    """Handlers for dates the calendar names, and the year a year-less one falls in."""

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

    def _year(self, text, start, end):
        """ "2003", "fiscal 2013", "FY2023", "mid-1996", "the first half of 1989"."""
        words = _words(text)
        if re.match(r"(?-i:FY)", text):
            digits = re.search(r"\d+", text).group()
            year = int(digits) if len(digits) == 4 else 2000 + int(digits)
            return self._result(start, end, f"{year:04d}")
        if "thousand" in text.lower():
            return self._result(start, end, "2000")
        year = int(_YEAR.search(text).group())
        if not words[0].isdigit() or self._year_context_ok(start, end, year):
            lower = text.lower()
            if self.text[max(0, start - 5):start].lower() == "post-":  # "the post-1959 politics"
                return self._result(start, end, f"{year:04d}", "AFTER")
            if "half of" in lower:
                half = "1" if "first" in lower else "2"
                return self._result(start, end, f"{year:04d}-H{half}")
            return self._result(start, end, f"{year:04d}", _edge_mod(words[:-1]))
        return None

    def _year_context_ok(self, start, end, year) -> bool:
        """A bare four-digit number is a year only where the words around say so."""
        if _BC.match(self.text, end):
            return False  # "1500 BC" is no year of the calendar the values use
        before = self.text[max(0, start - 25):start]
        prev = before.split()[-1].lower().strip("(\"'`-") if before.split() else ""
        if prev in _YEAR_CUES or prev.endswith(("'s", "\u2019s")) or prev.endswith("post"):
            return year >= 1000
        if _AFTER_A_YEAR.search(before) or _BETWEEN_ABOUT.search(before):
            return True  # "between 1996 and 2001", "in 2002, 2003 and 2006", "between roughly"
        if not 1900 <= year <= 2099:
            return False
        raw = before.split()[-1] if before.split() else ""
        if raw[:1].isupper() and not raw.endswith((".", ",", ";", ":")) and (
                prev not in _FUNCTION_WORDS):  # "For 1988, it earned": a sentence opener
            return False  # "Room 1915", "Windows 2000": a name's number, not a year
        after = self.text[end:end + 25]
        if not after or after[0] in ".,;:)'\"!?\u201d\u2019":
            return not before.rstrip().endswith(("No.", "no.", "#", "$"))
        following = after.split()[0].lower().strip(".,;:") if after.split() else ""
        return following in _AFTER_YEAR_OK

    def _yearrange(self, text, start, end):
        """ "1990-95", "2010\u20132015": the two years, as two points; "the 2019-20 season" is one
        season, dated by the year it starts."""
        m = re.match(r"(\d{4})\s*[-\u2013]\s*(\d{2,4})$", text)
        first = int(m.group(1))
        second = int(m.group(2))
        if second < 100:
            second += first // 100 * 100
            second += 100 if second < first else 0
        if not first < second <= first + 100:
            return None  # "2015-2010", "1990-2095": not a span of years
        if second == first + 1 and len(m.group(2)) == 2:
            # "the 2019-20 season", "the 2014-15 fiscal year": one season over two years, which
            # TimeML marks as one expression valued by its start
            return Resolution(start, end, "DATE", f"{first:04d}", end_value=f"{second:04d}")
        return [self._result(start + m.start(1), start + m.end(1), f"{first:04d}"),
                self._result(start + m.start(2), start + m.end(2), f"{second:04d}")]

    def _listed(self, text, start, end):
        """The next item of a list headed by a date: a day of the same month ("June 3, 4 and
        6", "on the 5th and 6th"), a year of the same century ("in 1990, '91 and '92"), a
        decade ("the 1980s and 90s"). Nothing when the list has no date before it."""
        ref = self.ref
        if ref is None or not 0 < self.ref_at <= start or not _LIST_LINK.fullmatch(
                self.text, self.ref_at, start):
            return None
        digits = re.search(r"\d+", text).group()
        if text.endswith("s") and ref.gran == "decade":
            return self._result(start, end, f"{ref.first.year // 100}{digits[0]}")
        if text[0] in "'\u2019" and ref.gran == "year":
            return self._result(start, end, f"{ref.first.year // 100}{digits}")
        if digits == text.rstrip("stndrh") and ref.gran == "day":
            day = ref.first.replace(day=int(digits))  # ValueError for a day the month lacks
            return self._result(start, end, day.isoformat()) if day > ref.first else None
        return None

    def _spokenyear(self, text, start, end):
        year = _find_year(text)
        if year is None or year < 1000:
            return None
        return self._result(start, end, f"{year:04d}", _edge_mod(_words(text)))

    def _shortyear(self, text, start, end):
        """ "'98" after "class of", "in", "since"...: the latest such year up to five years
        after the anchor ("'46" in 1995 is 1946, "'27" in 2024 is 2027)."""
        year = self._clipped_year(int(text[1:3]))
        before = self.text[max(0, start - 12):start].split()
        prev = before[-1].lower() if before else ""
        if prev not in _YEAR_CUES and prev not in ("class", "the"):
            return self._listed(text, start, end)  # "in 1990, '91 and '92"
        return self._result(start, end, f"{year:04d}")

    def _clipped_year(self, two: int) -> int:
        """The year a clipped "'98" stands for (see :meth:`_shortyear`)."""
        latest = (self.anchor.year if self.anchor else 2030) + 5
        return latest - (latest - two) % 100

    def _decade(self, text, start, end):
        """ "the 1990s" -> 199, "the mid-'80s" -> 198 MID, "the nineties"."""
        if _AGE_OWNER.search(self.text, max(0, start - 8), start):
            return None  # "people in their thirties": an age, not the 1930s
        if _BC.match(self.text, end):
            return None  # "the 40s BC": before the era, which no AD value may stand for
        early = _EARLY_DECADE.search(text)
        if early and int(early.group(1)) < 150 and not _TIME_PREPOSITION.search(
                self.text, max(0, start - 12), start):
            return None  # "filed their 1040s", "the 1099s": form numbers, unless "in the 1040s"
        lower = text.lower()
        words = _words(text)
        mod = _edge_mod(words)
        if "half of" in lower:
            mod = "START" if "first" in lower else "END"
        if _POSSESSIVE_YEAR.fullmatch(text) and not _DECADE_CONTEXT.search(
                self.text, max(0, start - 9), start):  # "2020's pandemic": of the year 2020
            return self._result(start, end - 2, text[:4])
        digits = re.search(r"(\d{1,3})0['\u2019]?s", text)
        if digits and len(digits.group(1)) == 3:  # "the 1990s"
            value = digits.group(1)
        elif digits:  # "the '70s", "the 70s": the century comes from the anchor
            decade = int(digits.group(1)[-1])
            value = f"{self._century_for(decade)}{decade}"
        else:
            decade = next(DECADE_WORDS[w] for w in words if w in DECADE_WORDS)
            value = f"{self._century_for(decade)}{decade}"
        return self._result(start, end, value, mod)

    def _century_for(self, decade: int) -> int:
        year = self.anchor.year if self.anchor else 2030
        return year // 100 if decade * 10 <= year % 100 else year // 100 - 1

    def _era(self, text, start, end):
        """ "300 BC" -> BC0300, "c. 44 BCE" -> BC0044 APPROX, "AD 79" -> 0079."""
        number = int(re.search(r"\d[\d,]*", text).group().replace(",", ""))
        mod = "APPROX" if re.match(r"(?:about|around|circa|c\.)", text, re.I) else None
        if _BC.search(text):
            return number and self._result(start, end, f"BC{number:04d}", mod, kind="DATE")
        return number and self._result(start, end, f"{number:04d}", mod)

    def _century(self, text, start, end):
        """ "the 20th century" -> 19; "the 3rd century BC" -> BC02 (300-201 BC)."""
        words = _words(text)
        number = re.search(r"(\d{1,2})(?:st|nd|rd|th)", text)
        if number:
            ordinal = int(number.group(1))
        else:
            ordinal = next(ORDINALS[w] for w in (t.replace("-", "") for t in words)
                           if w in ORDINALS) if any(w in ORDINALS for w in words) else None
            if ordinal is None:
                twenty = "twenty" in text.lower()
                ordinal = 21 if twenty else None
        if _BC.search(text):
            return ordinal and self._result(start, end, f"BC{ordinal - 1:02d}",
                                            _edge_mod(words), kind="DATE")
        if not ordinal or ordinal < 2:
            return None
        return self._result(start, end, f"{ordinal - 1:02d}", _edge_mod(words))

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

    def _season(self, text, start, end):
        """ "last fall", "this summer", "the spring of 2010" ("the fall of Rome" is no season)."""
        lower = text.lower()
        words = _words(text)
        code = next(SEASONS[w] for w in words if w in SEASONS)
        if code == "FA" and re.match(r"\s+of\b", self.text[end:end + 5]) and "fall" in lower:
            return None
        if _NAMING_WORDS.isdisjoint(words) and _find_year(text) is None and (
                context.season_names_a_kind(self.text, start, end)):
            return None  # "the spring fair", "the fall collection": a kind of thing, no time
        year = _find_year(text)
        clipped = _CLIPPED_YEAR.search(text)
        if year is None and clipped:  # "the fall of '98"
            year = self._clipped_year(int(clipped.group(1)))
        apposed = _YEAR_APPOSED.search(self.text, max(0, start - 8), start)
        if year is None and apposed:  # "in 2003, the summer my grandmother died"
            year = int(apposed.group(1))
        mod = _edge_mod([w for w in words if w not in ("the",)])
        if year is not None:
            return self._result(start, end, f"{year:04d}-{code}", mod)
        if self.anchor is None:
            return self._result(start, end, f"XXXX-{code}", mod)
        year = self._season_year(code, words, start, end)
        return self._result(start, end, f"{year:04d}-{code}", mod)

    def _season_year(self, code, words, start, end) -> int:
        """The labelled year of a season named without one."""
        told = self._year_from_last_date(words, lambda y: (
            season_start(y, code), add_months(season_start(y, code), 3)))
        if told is not None:
            return told
        day = self.anchor
        current_year, current_code = season_of(day)
        spans = [(y, season_start(y, code)) for y in (day.year - 2, day.year - 1, day.year,
                                                      day.year + 1)]
        spans = [(y, first, add_months(first, 3)) for y, first in spans]
        if "last" in words or "past" in words:
            return max(y for y, first, stop in spans if stop <= day)
        if "next" in words or "coming" in words:
            year, first = min((y, first) for y, first, stop in spans if first > day)
            if "next" in words and (first - day).days <= 92:
                return year + 1  # "next fall" said in August: the coming one is "this fall"
            return year
        if "this" in words:
            if code == current_code:
                return current_year
            return day.year - 1 if code == "WI" and day.month <= 2 else day.year

        def make(y):
            first = season_start(y, code)
            return first, add_months(first, 3)

        return self._pick(make, start, end) or day.year
