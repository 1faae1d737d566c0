"""Give each found expression its TimeML type, value and mod.

The :class:`Resolver` walks the expressions of one text in order. Deictic expressions ("last
week", "Friday") resolve against the anchor (publication date); anaphoric ones ("the next day",
"two days later", "a year earlier") against the last date the text mentioned. Without an anchor,
deictic values keep ``X`` for what cannot be known.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from timeline.temporal import context
from timeline.temporal.dates import (
    Period,
    add_months,
    easter,
    format_value,
    nth_weekday,
    period_of_value,
    rank,
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
    UNITS,
    VAGUE_COUNTS,
    WEEKDAYS,
    number_value,
    word_set,
)
from timeline.temporal.lunar import lunar_holiday
from timeline.temporal.patterns import FINDER, HOLIDAY
from timeline.temporal.zones import utc_offset


@dataclass(frozen=True, slots=True)
class Resolution:
    """The meaning of one expression (or of one part of a range like "June 3-5")."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    zone: str | None = None  # UTC offset of a clock time written with its zone


_WORDS = re.compile(r"[A-Za-z]+(?:['\u2019]s)?|\d+(?:,\d{3})*(?:\.\d+)?")
_EDGE_MODS = {"early": "START", "earlier": "START", "beginning": "START", "start": "START",
              "late": "END", "later": "END", "end": "END", "close": "END", "mid": "MID",
              "middle": "MID", "turn": "START"}
_APPROX = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
           "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "or so": "APPROX",
           "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
           "fewer than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
           "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
           "no more than": "EQUAL_OR_LESS"}
_UNIT_WORD = re.compile(r"(second|minute|hour|day|night|week|fortnight|month|quarter|year|decade"
                        r"|centur|millenni)", re.I)
_CLOCK = re.compile(r"(\d{1,2})(?:[:.]?(\d\d))?\s*([ap])?\.?m?\b|(noon|midnight|midday)"
                    r"|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                    r"\s+o'clock", re.I)
_MD = re.compile(r"(?P<month>[A-Za-z]+)\.?\s*(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
                 r"(?:(?:\s*[-\u2013]\s*|\s+and\s+)(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
                 r"(?:(?:,\s*|\s+)(?P<year>\d{4}))?"
                 r"|(?:(?P<dday0>\d{1,2})(?:st|nd|rd|th)?\s*[-\u2013]\s*)?"
                 r"(?P<dday>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<dmonth>[A-Za-z]+)\.?"
                 r"(?:,?\s+(?P<dyear>\d{4}))?")
_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends)\s+(?P<month>[A-Z][a-z]+)\.?\s+\d{1,2}"
                    r"(?:,\s*(?P<year>\d{4}))?")
_ENDING = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to|through|before|after)\b")
_GENERIC_AGE = re.compile(
    r"['\u2019]s\s+(?:world|youth|society|generation|children|kids|young|teenagers|students"
    r"|economy|culture|standards|technology|politics|media|families|parents|consumers"
    r"|workers|women|men|leaders|market|markets|personal|modern|global|fast|digital)\b", re.I)
_DATE_AHEAD = re.compile(r"\s+(?:(?:last|this|on)\s+)?(?:(?-i:[A-Z][a-z]+)\s+\d|(?-i:Jan|Feb"
                         r"|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec|Mon|Tues|Wednes"
                         r"|Thurs|Fri|Satur|Sun)|(?:19|20)\d\d\b)")
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|another)\s+(?:[a-z]+\s+)?$")
_DAY_NEXT_TO = re.compile(r"(?:the\s+)?day\s+(before|after)\s+", re.I)
_DAY_KINDS = frozenset(("trading", "business", "working", "fiscal", "calendar", "school"))
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|shall|should|'ll)\s+$", re.I)
_MODAL_AFTER = re.compile(r",?\s+(?:we|they|you|he|she|it|I)(?:\s+will|'ll)\b")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?\"'`\u201c]\s*|\n\s*)$")
_RANGE_LINK = re.compile(r"\s*(?:[-\u2013\u2014]|(?:through|thru|to|until|till)\s)\s*",
                         re.I)
_POSSESSIVE_YEAR = re.compile(r"\d{4}['\u2019]s")
_DECADE_CONTEXT = re.compile(r"\b(?:the|in|of|during|since|by|from|to|through|until)\s+$", re.I)
_SCHEDULED_FOR = re.compile(r"\b(?:scheduled|set|slated|planned|expected|due|postponed|delayed"
                            r"|rescheduled|moved|booked|targeted|penciled|pencilled|pegged)"
                            r"(?:\s+in)?\s+for\s+$", re.I)
_FIRMLY_AHEAD = re.compile(r"(?:\bwill|'ll|\bshall|\b(?:is|are)\s+(?:scheduled|set|slated|due"
                           r"|planned))\b[^.;:!?]*$", re.I)
#: Nouns for events still to come after "Sunday's" in a forward-looking clause ("tickets remain
#: for Sunday's game"); other possessives date something done ("Wednesday's ruling").
_EVENT_NOUN = re.compile(r"\s+(?:[\w-]+\s+)?(?:game|match|race|final|vote|election|meeting|summit"
                         r"|concert|show|parade|debate|hearing|session|event|opening|launch|deadline"
                         r"|report|release|announcement|talks|trial|ceremony|rally)s?\b",
                         re.I)
_DAY_WORD = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight"
                       r"|tomorrow|yesterday)\b", re.I)
_DAY_JUST_AFTER = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?(?:(?:to|until|till|-|\u2013)\s*"
                             r"\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\s*)?(?:(?-i:on)\s+)?([A-Za-z]+)",
                             re.I)
_AGE_OWNER = re.compile(r"\b(?:their|his|her|my|your|our)\s+$", re.I)
_GAME_WORDS = re.compile(r"\b(?:touchdowns?|quarterback|field\s+goals?|goals?|scored|points"
                         r"|innings?|halftime|rebounds|assists|yards|passes|penalty|penalties|striker"
                         r"|pitcher|shots?|games?|match|trailed|whistle|starters|wild[\s-]card"
                         r"|playoffs?|clinch(?:ed)?|coach|league|tournament|season)\b", re.I)
_MONEY_WORDS = re.compile(r"[$\u00a3\u20ac%]|\b(?:earnings|revenue|revenues|profits?|sales|net"
                          r"|income|losses|shares|results|growth|economy|percent|billion"
                          r"|million|forecast|dividend|GDP)\b", re.I)
_AFTER_A_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d,?\s+(?:and|or|&)\s+$")
_BETWEEN_ABOUT = re.compile(r"\b(?:between|from|since|in)\s+(?:roughly|about|around|circa)\s+$",
                            re.I)
_RANGE_END_PM = re.compile(r"\s*(?:-|\u2013|to|and)\s*(\d{1,2})(?::\d\d)?\s*p\.?m\b", re.I)
_OR = re.compile(r",?\s+or\s+", re.I)
_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?!\d)")
_ON_AFTER = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?,?\s*(?-i:on)\s+")
_YEAR_APPOSED = re.compile(r"\b((?:1[5-9]|20)\d\d),\s+$")
_HOLIDAY_FIRST = re.compile(rf"(?:{HOLIDAY})\b", re.I)
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.I)
_YEARLY = re.compile(r"\d{4}-(?:\d\d(?:-\d\d)?|SP|SU|FA|WI)")
_IS_ON = re.compile(r"\b(?:is|are)\s+(?:on\s+)?$", re.I)
_IS_IN = re.compile(r"\b(?:is|are)\s+in\s+$", re.I)
_BC = re.compile(r"\s*(?:BC|B\.C\.|BCE|B\.C\.E\.)")
_OVER = re.compile(r"\b(?:over|during|within|for|throughout)\s+$", re.I)
_AHEAD = re.compile(r"\b(?:will|'ll|ahead\s+of|upcoming|scheduled|set\s+for)\b"
                    r"|\b(?:before|until|for)\s+$", re.I)
_YEAR = re.compile(r"(?<!\d)(1\d|20)\d\d(?!\d)")
_SPOKEN = re.compile(r"(nineteen|eighteen|two\s+thousand)"
                     r"(?:[\s-]+(?:and\s+)?([a-z]+(?:[\s-][a-z]+)?))?", re.I)
_LEX_UNITS = {"centur": "century", "millenni": "millennium"}
_FIGURE_BEFORE = re.compile(r"(?:\d|million|billion|cents|share)\s*,?\s*$", re.I)
_FIGURE_AFTER = re.compile(r"['\u2019]s\s+(?:\$|\d)")
#: What an earnings report is totalling: several months (group 1) or a quarter (group 2).
_REPORT_SPAN = re.compile(r"\b(?:((?:nine|six|9|6)[\s-]+months?|(?:first|latest)\s+half"
                          r"|year\s+to\s+date|year-to-date)|(quarter(?:ly)?|three\s+months))\b",
                          re.I)


def _find_year(text: str) -> int | None:
    """The year written in digits ("1997") or spoken ("nineteen ninety-seven") in ``text``."""
    digits = _YEAR.search(text)
    if digits:
        return int(digits.group())
    spoken = _SPOKEN.search(text)
    if not spoken:
        return None
    head, tail = spoken.group(1).lower(), spoken.group(2)
    if head == "two thousand":
        return 2000 + int(number_value(tail) or 0) if tail else 2000
    rest = number_value(tail)
    return None if rest is None else int(number_value(head)) * 100 + int(rest)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text)]


def _edge_mod(words: list[str]) -> str | None:
    for word in words[:4]:
        if word in _EDGE_MODS:
            return _EDGE_MODS[word]
    return None


def _unit_of(text: str) -> str | None:
    found = _UNIT_WORD.findall(text)
    if not found:
        return None
    unit = found[-1].lower()
    return _LEX_UNITS.get(unit, unit)


class Resolver:
    """Resolves the expressions of one text, in order, remembering the last mentioned date."""

    def __init__(self, text: str, anchor: dt.date | None, dayfirst: bool = False):
        self.text = text
        self.anchor = anchor
        self.dayfirst = dayfirst
        self.ref: Period | None = Period("day", anchor) if anchor else None
        self.last_quarter: Period | None = None
        self.ref_at = 0  # where the text mentioned ``ref``
        self.ref_sets_year = False  # ``ref`` gives the year of the dates after it (see remember)
        self.ref_time: dt.datetime | None = None  # ``ref``'s clock time, when it has one
        # weekday -> (the day a weekday name was last read as, where): "Saturday hours" again
        self.weekdays_told: dict[int, tuple[dt.date, int]] = {}
        self.quarter_at = -1  # where the text named ``last_quarter``
        self.aside_quarter_at = -1  # end of "a flat second quarter": not the one reported on

    # -- bookkeeping -------------------------------------------------------------------------

    def remember(self, value: str, rule: str = "", at: int = 0, start: int | None = None) -> None:
        """Make a resolved DATE/TIME value the reference for the anaphoric expressions after it.

        Only quarters the text names ("the third quarter") become the quarter that "the
        quarter" and "a year ago" refer to; derived ones ("the year-ago quarter") do not.
        """
        period = period_of_value(value)
        if period is None:
            return
        self.ref = period
        self.ref_at = at
        clock = _CLOCK_VALUE.match(value)  # "2008-08-29T00:15": "45 minutes later" counts on it
        self.ref_time = dt.datetime.fromisoformat(clock.group()) if clock else None
        # A year that opens its sentence ("In 2010, ...") sets the scene for the dates after it,
        # and so does "last year" anywhere ("was delayed twice last year, in May and October").
        opening = start is not None and _OPENS_SENTENCE.search(
            self.text, max(0, start - 12), _head_start(self.text, start))
        self.ref_sets_year = bool(opening and _YEAR.search(self.text, start, at)) or (
            rule == "relunit" and period.gran == "year")
        if (period.gran in ("quarter", "half") and rule == "quarter" and self._is_over(period)
                and at != self.aside_quarter_at):
            self.last_quarter = period
            self.quarter_at = at

    def _is_over(self, period: Period) -> bool:
        """A quarter already over is one results are reported for, not a forecast."""
        if self.anchor is None:
            return True
        try:
            return add_months(period.first, 3 if period.gran == "quarter" else 6) <= self.anchor
        except ValueError:  # past the calendar's last year
            return False

    def _quarter_under_discussion(self, start: int) -> Period | None:
        """The reported quarter "a year earlier" compares with, unless the text has since moved
        on to a multi-quarter total ("For the nine months, ... a year earlier": a year back)."""
        if self.last_quarter is None:
            return None
        cues = _REPORT_SPAN.findall(self.text, max(0, start - 300), start)
        if cues and cues[-1][0]:
            return None
        return self.last_quarter

    def _compares_reported_figures(self, start: int, end: int) -> bool:
        """ "net of $5 million, compared with $3 million last year", "up from last year's $2
        million": while a quarter's results are reported, the same quarter a year back."""
        if self._quarter_under_discussion(start) is None:
            return False
        return bool(_FIGURE_BEFORE.search(self.text, max(0, start - 60), start)
                    or _FIGURE_AFTER.match(self.text, end))

    def resolve(self, rule: str, start: int, end: int) -> list[Resolution]:
        """The meaning(s) of the expression ``text[start:end]`` found by grammar rule ``rule``.

        Empty when it is not a date after all ("Feb. 30", "May" without context).
        """
        handler = getattr(self, "_" + rule)
        try:
            found = handler(self.text[start:end], start, end)
        except (ValueError, OverflowError):  # a day or year the calendar does not have
            return []
        if found is None:
            return []
        if isinstance(found, Resolution):
            return [self._recurring(found)]
        return found

    def _recurring(self, found: Resolution) -> Resolution:
        """"every July 4", "each Christmas": the date in any year, a SET."""
        every = _EVERY.search(self.text, max(0, found.start - 8), found.start)
        if every is None or found.type != "DATE" or not _YEARLY.fullmatch(found.value):
            return found
        return Resolution(every.start(), found.end, "SET", "XXXX" + found.value[4:], found.mod)

    def _direction(self, start: int, end: int) -> int:
        """+1 future, -1 past, 0 unknown: the clause's tense; else "is (on)" before the
        expression ("the summit is on April 24"); else the side of the anchor that a date named
        earlier in the same sentence lies on ("from March 30, ... from August 6")."""
        found = context.direction(self.text, start, end)
        if not found and _IS_ON.search(self.text, max(0, start - 12), start):
            return 1  # "the summit is on April 24", "the finale is Wednesday": still to come
        if found or self.anchor is None or self.ref is None or self.ref_at <= 0:
            return found
        if not context.same_sentence(self.text, self.ref_at, start):
            return 0
        if self.ref.first > self.anchor:
            return 1
        return -1 if self.ref.first < Period.of(self.ref.gran, self.anchor).first else 0

    def _result(self, start, end, value, mod=None, kind=None) -> Resolution:
        if kind is None:
            kind = "TIME" if re.search(r"[\dX]T", value) and value[0] != "P" else "DATE"
        return Resolution(start, end, kind, value, mod)

    # -- choosing the year of a year-less date ----------------------------------------------

    def _pick(self, make, start: int, end: int, direction: int | None = None):
        """The year whose period ``make(year)`` is nearest the anchor, or lies in the direction
        the clause points when the nearest is more than a month away.

        ``make`` returns the period's ``(first, last_exclusive)`` days for a year, or None.
        Returns None without an anchor.
        """
        if self.anchor is None:
            return None
        told = self._year_told(start, end)
        if told is not None and make(told) is not None:
            return told  # "In 2010, the company moved on Nov. 12": 12 November 2010
        day = self.anchor
        candidates = _candidates(make, day.year)
        if not candidates:
            return None
        nearest = min(candidates, key=lambda c: _distance(day, c))
        future = [c for c in candidates if c[2] > day]
        past = [c for c in candidates if c[1] <= day]
        if not future or not past:
            return nearest[0]
        firmly_ahead = _FIRMLY_AHEAD.search(self.text, max(0, start - 40), start) is not None
        if _distance(day, nearest) <= 31 and not (firmly_ahead and nearest[2] <= day):
            return nearest[0]  # a month just ended, unless "will"/"is set for" says otherwise
        if direction is None:
            direction = 1 if firmly_ahead else self._direction(start, end)
        if direction:
            return future[0][0] if direction > 0 else past[-1][0]
        # News mostly looks back: a year-less date is in the past unless the future
        # reading is much closer ("in December" written in October).
        ahead = 4 * _distance(day, future[0]) < _distance(day, past[-1])
        return future[0][0] if ahead else past[-1][0]

    def _year_told(self, start: int, end: int) -> int | None:
        """The year a date earlier in the same sentence set ("In 2010, ... on Nov. 12", "last
        year, in May"), unless it is the anchor's or the clause's tense points the other way."""
        ref = self.ref
        if (ref is None or not self.ref_sets_year or ref.first.year == self.anchor.year
                or ref.gran in ("decade", "century", "millennium")
                or not context.same_sentence(self.text, self.ref_at, start)):
            return None
        told = ref.first.year
        direction = context.direction(self.text, start, end)
        if direction > 0 and told < self.anchor.year or direction < 0 and told > self.anchor.year:
            return None  # "joined in July 1997 and will join on March 12"
        return told

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
            results.append(self._result(start + m.start("day2"), start + m.end("day2"), second))
        return results

    def _day_first_range(self, m, start, end):
        """ "9-11 June 2014": two points, the first taking the last one's month and year."""
        month = MONTHS.get(m["dmonth"].lower().rstrip("."))
        last = month and self._month_day(month, int(m["dday"]), m["dyear"], None, start, end)
        if not last:
            return None
        first = self._month_day(month, int(m["dday0"]), None, None, start, end, like=last)
        results = [self._result(start + m.start("dday0"), start + m.end("dday0"), first)
                   ] if first else []
        return results + [self._result(start + m.start("dday"), end, last)]

    def _month_day(self, month, day, year, weekday, start, end, like=None):
        """The value of a month and day, the year written, fitted to a weekday, or picked."""
        if year:
            dt.date(int(year), month, day)  # ValueError for a day that does not exist
            return f"{int(year):04d}-{month:02d}-{day:02d}"
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
        return f"{chosen:04d}-{month:02d}-{day:02d}"

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

        def make(y):
            first = dt.date(y, month, 1)
            return first, add_months(first, 1)

        year = self._pick(make, start, end)
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
            return True  # "between 1996 and 2001", "in 1994, 1995 and 1997", "between roughly"
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
            # "the 2019-20 season", "the 2014-15 fiscal year": one season, named by its start
            return self._result(start, end, f"{first:04d}")
        return [self._result(start + m.start(1), start + m.end(1), f"{first:04d}"),
                self._result(start + m.start(2), start + m.end(2), f"{second:04d}")]

    def _spokenyear(self, text, start, end):
        year = _find_year(text)
        if year is None or year < 1000:
            return None
        return self._result(start, end, f"{year:04d}", _edge_mod(_words(text)))

    def _shortyear(self, text, start, end):
        """ "'98" after "class of", "in", "since"...: the century nearest the anchor."""
        two = int(text[1:3])
        pivot = (self.anchor.year if self.anchor else 2030) % 100 + 5
        year = (2000 if two <= pivot else 1900) + two
        before = self.text[max(0, start - 12):start].split()
        prev = before[-1].lower() if before else ""
        if prev not in _YEAR_CUES and prev not in ("class", "the"):
            return None
        return self._result(start, end, f"{year:04d}")

    def _decade(self, text, start, end):
        """ "the 1990s" -> 199, "the mid-'80s" -> 198 MID, "the nineties"."""
        if _AGE_OWNER.search(self.text, max(0, start - 8), start):
            return None  # "people in their thirties": an age, not the 1930s
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

    def _century(self, text, start, end):
        """ "the 20th century" -> 19."""
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
        if not ordinal or ordinal < 2:
            return None
        return self._result(start, end, f"{ordinal - 1:02d}", _edge_mod(words))

    def _quarter(self, text, start, end):
        """ "the third quarter (of 1998)", "fourth-quarter", "Q3 2021", "H1", halves."""
        # The timex is "fourth quarter" in "its fourth quarter", "third-quarter" in "the
        # third-quarter results": possessives and the article of an adjective stay out.
        lead = re.match(r"(?:its|their|the(?=\s+\S+-(?:quarter|half)$))\s+", text, re.I)
        if lead:
            start, text = start + lead.end(), text[lead.end():]
        if self._in_a_game(text, start, end):
            return None  # "three touchdown passes in the fourth quarter"
        if re.search(r"\s(?i:quarter)$", text) and _INDEFINITE_BEFORE.search(
                self.text, max(0, start - 24), start):
            self.aside_quarter_at = end  # "after a flat second quarter": a comparison
        lower = text.lower()
        words = _words(text)
        q_match = re.search(r"\b([qh])([1-4])\b", lower)
        months = [MONTHS[w] for w in words if w in MONTHS and len(w) > 3]
        if len(months) == 2:  # "the July-September quarter": the quarter of its middle month
            number, kind = (add_months(dt.date(2000, months[0], 1), 1).month - 1) // 3 + 1, "Q"
        elif q_match and "quarter" not in lower and "half" not in lower:
            number = int(q_match.group(2))
            kind = q_match.group(1).upper()
            if kind == "H" and number > 2:
                return None
        else:
            number = next((ORDINALS[w] for w in words if w in ORDINALS and w != "last"), None)
            if number is None:
                number = 4
            kind = "H" if "half" in lower else "Q"
            if kind == "H" and number > 2:
                number = 2
        year_match = _YEAR.search(text)
        if year_match:
            year = int(year_match.group())
        elif self.anchor is None:
            return self._result(start, end, f"XXXX-{kind}{number}")
        else:
            year = self.anchor.year
            if "last year" in lower:
                year -= 1
            elif "next year" in lower:
                year += 1
            elif "this year" not in lower and "the year" not in lower:
                year = self._quarter_year(kind, number, start, end)
        value = f"{year:04d}-{kind}{number}"
        return self._result(start, end, value)

    def _in_a_game(self, text: str, start: int, end: int) -> bool:
        """True for a quarter or half of a game: no year with it, and its sentence talks of
        play, not of money."""
        if re.search(r"\d|fiscal|year", text, re.I):
            return False
        lo, hi = context.sentence_bounds(self.text, start, end)
        sentence = self.text[lo:hi]
        return bool(_GAME_WORDS.search(sentence)) and not _MONEY_WORDS.search(sentence)

    def _quarter_year(self, kind, number, start, end) -> int:
        """The anchor's year, unless a past-tense clause names a quarter not yet begun."""
        months = 3 if kind == "Q" else 6
        first = dt.date(self.anchor.year, (number - 1) * months + 1, 1)
        if first > self.anchor and self._direction(start, end) < 0:
            return self.anchor.year - 1
        last_years_end = add_months(first.replace(year=first.year - 1), months)
        if first > self.anchor and (self.anchor - last_years_end).days < 45:
            return self.anchor.year - 1  # "fourth-quarter earnings" in early January: just over
        return self.anchor.year

    def _qref(self, text, start, end):
        """ "the quarter", "the latest quarter", "this quarter", "the quarter ended Sept. 30"."""
        lower = text.lower()
        if "last year" in lower:  # "the corresponding period last year", "last year's quarter"
            if self.anchor is None:
                return self._result(start, end, "XXXX-QX")
            base = self.last_quarter or Period.of("quarter", self.anchor).shift("quarter", -1)
            return self._result(start, end, base.shift("year", -1).value())
        if lower.endswith(("a year ago", "a year earlier")):  # "the quarter a year ago"
            found = self._qref(text[:lower.index(" a year")], start, end)
            if found is None or "X" in found.value:
                return found
            shifted = period_of_value(found.value).shift("year", -1)
            return self._result(start, end, shifted.value())
        if "fiscal year" in lower:
            if _ENDING.match(self.text, end):  # "the fiscal year ended Jan. 31": 12 months
                return self._result(start, end, "P1Y", kind="DURATION")
            if self.anchor is None:
                return None
            shift = -1 if any(w in lower for w in ("latest", "last", "past", "previous",
                                                   "recent")) else 0
            return self._result(start, end, f"{self.anchor.year + shift:04d}")
        ended = self._quarter_ended(end)
        if ended is not None and self.last_quarter is not None and start - self.quarter_at < 400:
            # "in the fiscal first quarter ... for the quarter ended Sept. 29": the one just
            # named, numbered as the company numbers it
            return self._result(start, end, self.last_quarter.value())
        if ended is not None:  # "the quarter ended Sept. 30"
            self.last_quarter = ended
            return self._result(start, end, ended.value())
        if "period" in lower and self.last_quarter is None and "latest" not in lower:
            return None
        if self.anchor is None:
            return self._result(start, end, "XXXX-QX")
        this_quarter = Period.of("quarter", self.anchor)
        if "next" in lower:
            return self._result(start, end, this_quarter.shift("quarter", 1).value())
        if ("this" in lower and self._quarter_under_discussion(start) is not None
                and self._direction(start, end) <= 0):
            # "This quarter's loss includes...": in a report on a finished quarter, that one
            return self._result(start, end, self.last_quarter.value())
        if "current" in lower or "this" in lower:
            return self._result(start, end, this_quarter.value())
        if self.last_quarter is not None and not any(
                word in lower for word in ("last", "previous", "past", "latest", "recent")):
            return self._result(start, end, self.last_quarter.value())
        return self._result(start, end, this_quarter.shift("quarter", -1).value())

    def _quarter_ended(self, end: int) -> Period | None:
        """The calendar quarter mostly covered by three months ending on the date that follows.

        "the quarter ended Sept. 30" is 1989-Q3; a fiscal quarter "ended July 31" (May-July)
        is mostly Q2.
        """
        m = _ENDED.match(self.text, end)
        if not m:
            return None
        month = MONTHS.get(m["month"].lower())
        if month is None:
            return None
        if m["year"]:
            year = int(m["year"])
        elif self.anchor is None:
            return None
        else:
            year = self.anchor.year - (dt.date(self.anchor.year, month, 1) > self.anchor)
        middle = add_months(dt.date(year, month, 1), -1)
        return Period.of("quarter", middle)

    def _theyear(self, text, start, end):
        """ "for the year" is the anchor's year; "the year ended June 30" a 12-month period."""
        year = _find_year(text)
        if year is not None:  # "the 1988 quarter": the quarter under discussion, that year
            quarter = self._quarter_under_discussion(start)
            number = (quarter.first.month - 1) // 3 + 1 if quarter else 0
            value = f"{year:04d}-Q{number}" if quarter else f"{year:04d}"
            return self._result(start, end, value)
        if _ENDING.match(self.text, end):
            return self._result(start, end, "P1Y", kind="DURATION")
        if self.anchor is None:
            return self._result(start, end, "XXXX")
        return self._result(start, end, f"{self.anchor.year:04d}")

    def _yearago(self, text, start, end):
        """ "year-earlier", "the year-ago quarter": the quarter discussed (or year), a year back."""
        if re.match(r"the\s+year[\s-](?:earlier|ago)$", text, re.I):  # "the year-ago results"
            start, text = start + 4, text[4:]
        lower = text.lower()
        if "month" in lower and "nine" in lower:
            return self._result(start, end, "P9M", kind="DURATION")
        base = self.last_quarter
        if base is not None and "quarter" not in lower and not self._quarter_under_discussion(
                start):
            base = Period.of("year", base.first)  # "For the nine months, ... year-earlier net"
        if base is None and self.anchor is not None:
            base = Period.of("quarter", self.anchor).shift("quarter", -1) if (
                "quarter" in lower or "period" in lower) else Period.of("year", self.anchor)
        if base is None:
            return self._result(start, end, "XXXX")
        if lower.split()[-1] == "year" or "level" in lower:
            base = Period.of("year", base.first)
        return self._result(start, end, base.shift("year", -1).value())

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
        year = _find_year(text)
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

    def _reltoday(self, text, start, end):
        """ "today", "yesterday afternoon", "tonight", "last night", "late yesterday"."""
        lower = text.lower()
        if lower in ("today", "tomorrow") and _GENERIC_AGE.match(self.text, end):
            # "today's youth", "today's personal computers": an age, not a day, and news
            # annotation leaves it untagged (4 of 4 in the TimeML dev set)
            return None
        words = _words(text)
        mod = _edge_mod(words[:1]) if words[0] in ("early", "late", "earlier", "later") else None
        offset = 0
        if "yesterday" in lower:
            offset = -2 if "before yesterday" in lower else -1
        elif "tomorrow" in lower:
            offset = 2 if "after tomorrow" in lower else 1
        daypart = next((DAYPARTS[w] for w in words if w in DAYPARTS), None)
        if "tonight" in lower:
            daypart = "NI"
        if words[0] == "last" and daypart:
            offset = -1
        if self.anchor is None:
            value = "XXXX-XX-XX"
        else:
            value = (self.anchor + dt.timedelta(days=offset)).isoformat()
        if daypart and "X" not in value:
            value += "T" + daypart
        return self._result(start, end, value, mod)

    def _weekday(self, text, start, end):
        """ "Friday", "last Friday", "Friday morning"; "Mondays" is a SET."""
        words = _words(text)
        name = next(w for w in words if w.rstrip("s").removesuffix("'") in WEEKDAYS
                    or w.split("'")[0] in WEEKDAYS)
        base = name.split("'")[0]
        plural = base not in WEEKDAYS or words[-1].endswith("s") and words[-1][:-1] in DAYPARTS
        weekday = WEEKDAYS[base.rstrip("s") if plural else base]
        daypart = next((DAYPARTS[w.rstrip("s")] for w in words if w.rstrip("s") in DAYPARTS), None)
        if plural:
            return self._result(start, end, f"XXXX-WXX-{weekday}" + (f"T{daypart}" if daypart
                                                                     else ""), kind="SET")
        mod = _edge_mod(words[:1]) if words[0] in ("early", "late", "earlier", "later") else None
        day = self._weekday_day(weekday, words, start, end)
        value = day.isoformat() if day else f"XXXX-WXX-{weekday}"
        if daypart == "NI":
            # News dates "Friday night" by its day: the annotated news gives it the day's
            # value (a DATE) twice as often as a TNI time, and the night runs past midnight.
            return self._result(start, end, value, mod)
        if daypart:
            value += "T" + daypart
        return self._result(start, end, value, mod)

    def _weekday_day(self, weekday, words, start, end) -> dt.date | None:
        """The date of a weekday: the one before or after the anchor the clause points to."""
        if self.anchor is None:
            return None
        base = self.anchor
        if "previous" in words or "following" in words:
            base = self.ref.first if self.ref and self.ref.gran == "day" else base
            step = -1 if "previous" in words else 1
            return _weekday_from(base, weekday, step, strict=True)
        if "last" in words or "past" in words:
            return _weekday_from(base, weekday, -1, strict=True)
        if "next" in words or "coming" in words:
            return _weekday_from(base, weekday, 1, strict=True)
        if (self.ref is not None and self.ref.gran == "week" and self.ref_at <= start
                and context.same_sentence(self.text, self.ref_at, start)
                and not self.ref.first <= base < self.ref.first + dt.timedelta(days=7)):
            # "a vote next week, most likely on Monday or Tuesday": a day of that week (in the
            # anchor's own week the tense still decides: "this week ... is due on Monday")
            return self.ref.first + dt.timedelta(days=weekday - 1)
        if (self.ref is not None and self.ref.gran == "day" and 0 < self.ref_at <= start
                and _OR.fullmatch(self.text, self.ref_at, start)):
            # "on Monday or Tuesday": the alternative nearest the first
            ahead = (weekday - self.ref.first.isoweekday()) % 7
            return self.ref.first + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
        direction = self._direction(start, end)
        again = self._named_again(weekday, start) if direction == 0 else None
        if again is not None:
            return again  # "The sale opens Saturday. ... Saturday hours are 9 to 5."
        possessive = self.text[end:end + 2] in ("'s", "\u2019s")
        ahead = direction > 0 or _AHEAD.search(self.text, max(0, start - 40), start)
        if possessive and not (ahead and _EVENT_NOUN.match(self.text, end + 2)):
            direction = -1  # "Friday's close", "Wednesday's ruling" (not "ahead of Sunday's vote")
        is_on = _IS_ON.search(self.text, max(0, start - 12), start)
        if "this" in words and direction == 0 or is_on:
            direction = 1  # "this Friday", "the finale is Wednesday": still to come
        day = _weekday_from(base, weekday, 1 if direction > 0 else -1, strict=False)
        if self._ends_day_range(start) and day < self.ref.first:
            # "will run from Tuesday through Thursday", said on a Wednesday: a range runs forward
            day = _weekday_from(self.ref.first, weekday, 1, strict=True)
        self.weekdays_told[weekday] = (day, end)
        return day

    def _ago_base(self, words: list[str]) -> Period | None:
        """The day "three days ago" counts from: the anchor, or the day after "from" ("a week
        from Tuesday" counts from the coming Tuesday, "two weeks from tomorrow")."""
        if self.anchor is None:
            return None
        day = self.anchor
        if words[-1] == "tomorrow":
            day += dt.timedelta(days=1)
        elif words[-1] in WEEKDAYS:
            day = _weekday_from(day, WEEKDAYS[words[-1]], 1, strict=False)
        return Period("day", day)

    def _named_again(self, weekday: int, start: int) -> dt.date | None:
        """The day this weekday named a few sentences before was read as, when it is near the
        anchor: the story is still about that day."""
        told = self.weekdays_told.get(weekday)
        if told is None or not 0 < start - told[1] < 600:
            return None
        return told[0] if abs((told[0] - self.anchor).days) <= 7 else None

    def _ends_day_range(self, start: int) -> bool:
        """True when the expression at ``start`` closes a range opened by the day just named
        ("Tuesday through Thursday", "June 2 to Friday", "Monday-Wednesday")."""
        return (self.ref is not None and self.ref.gran == "day" and 0 < self.ref_at <= start
                and _RANGE_LINK.fullmatch(self.text, self.ref_at, start) is not None)

    def _ago(self, text, start, end):
        """ "three days ago" (from the anchor); "two days later", "a year earlier" (from the last
        date)."""
        words = _words(text)
        lower = re.split(r"\s+from\s+", text.lower())[0]  # "a week" of "a week from Tuesday"
        unit = _unit_of(lower)
        count_text = re.sub(r"^(about|almost|nearly|some|roughly|more than|less than|just|only"
                            r"|over|barely)\s+", "", lower)
        count_text = count_text[: _UNIT_WORD.search(count_text).start()].strip(" -")
        count_text = re.sub(r"\s+(more|full|long)$", "", count_text)
        count = number_value(count_text)
        backward = any(w in words for w in ("ago", "earlier", "before", "previously"))
        anaphoric = any(w in words for w in ("earlier", "later", "before", "after"))
        mod = next((m for k, m in _APPROX.items() if lower.startswith(k + " ")), None)
        if count is None or count_text in VAGUE_COUNTS:
            if anaphoric:  # "a few days later": an unknown offset from an unknown point
                return self._result(start, end, _duration_value(None, unit), kind="DURATION")
            return self._result(start, end, "PAST_REF" if backward else "FUTURE_REF")
        gran, amount = _as_calendar_unit(unit, count)
        sign = -1 if backward else 1
        if unit == "year" and count == 1 and self.last_quarter is not None:
            # an earnings comparison: the quarter reported, or the year of a nine-month total
            quarter = self._quarter_under_discussion(start) or Period.of(
                "year", self.last_quarter.first)
            return self._result(start, end, quarter.shift("year", sign).value(), mod)
        if anaphoric and unit in ("minute", "hour") and self.ref_time is not None:
            moved = self.ref_time + sign * dt.timedelta(**{unit + "s": count})
            return self._result(start, end, moved.isoformat(timespec="minutes"), mod)
        base = self.ref if anaphoric else self._ago_base(words)
        if base is None:
            return self._result(start, end, _unknown_value(gran), mod)
        if rank(base.gran) > rank(gran):
            return self._result(start, end, _unknown_below(base, gran), mod)
        moved = base.shift(gran, sign * round(amount))
        from_day = words[-1] in WEEKDAYS or words[-1] in ("today", "tomorrow")
        period = moved if anaphoric or from_day else Period.of(gran, moved.first)
        return self._result(start, end, period.value(), mod)  # "a week from Tuesday": a day

    def _relunit(self, text, start, end):
        """ "last week", "the past 12 months", "next Tuesday", "this fall", "that day"."""
        if re.fullmatch(r"(?:This|Next|Last)\s+(?:Week|Month|Year)", text):
            return None  # title case: a title ("This Week With David Brinkley"), not a date
        lower = re.sub(r"\s+", " ", text.lower())
        words = _words(text)
        approx = lower.endswith(" or so")
        head = words[-3] if approx else words[-1]
        mod = "APPROX" if approx else _leading_edge_mod(words)
        if any(w.split("'")[0] in WEEKDAYS for w in words):
            return self._weekday(text, start, end)
        if head.rstrip(".") in MONTHS:
            return self._rel_month(words, start, end, mod)
        if head in SEASONS:
            return self._season(text, start, end)
        if head in DAYPARTS and head != "night":
            return self._thatday(text, start, end)
        rel = _rel_word(lower)
        unit = _singular_unit(head)
        if unit == "weekend":
            return self._weekend(rel, start, end, mod)
        if unit not in UNITS:
            return None
        count_match = re.search(rf"\b{rel.split()[-1]}\s+(.+?)\s+(?:fiscal\s+|calendar\s+|"
                                r"trading\s+|business\s+)?" + unit[:4], lower)
        if count_match and count_match.group(1) in _DAY_KINDS:
            count_match = None  # "the first trading day": one day, no count
        if count_match or head != unit:  # a count or a plural: a span of time
            return self._rel_duration(rel, count_match, unit, start, end, mod)
        return self._rel_single(rel, lower, unit, start, end, mod)

    def _rel_duration(self, rel, count_match, unit, start, end, mod):
        if rel in ("recent", "most recent") and unit in ("day", "year", "decade"):
            return self._result(start, end, "PAST_REF")  # "in recent days": lately
        count = number_value(count_match.group(1)) if count_match else None
        if count is None and rel in ("last", "past"):
            return self._result(start, end, "PAST_REF")  # "the last few months", "past years"
        return self._result(start, end, _duration_value(count, unit), mod, kind="DURATION")

    def _rel_single(self, rel, lower, unit, start, end, mod):
        """ "last week", "this year", "the next day", "the past year" (a DURATION)."""
        gran = {"night": "day", "fortnight": "week", "decade": "decade",
                "century": "century"}.get(unit, unit)
        if unit in ("second", "minute", "hour", "millennium") or gran not in (
                "day", "week", "month", "quarter", "year", "decade", "century"):
            return self._result(start, end, _duration_value(1, unit), mod, kind="DURATION")
        # "the next week" is anaphoric; "the end of next week" is not
        the = bool(re.search(rf"\bthe\s+{rel}\b", lower))
        spans = rel in ("past", "first", "final") or rel == "last" and the and unit != "day"
        if spans or the and rel in ("next", "coming") and _OVER.search(
                self.text, max(0, start - 8), start):  # "over the next decade": a span
            return self._result(start, end, _duration_value(1, unit), mod, kind="DURATION")
        if rel in ("that", "same", "following", "subsequent", "ensuing", "previous",
                   "preceding", "prior") or (rel == "next" and the):
            return self._anaphoric(rel, gran, start, end, mod)
        if self.anchor is None:
            return self._result(start, end, _unknown_value(gran), mod)
        if rel == "last" and gran == "year" and self._compares_reported_figures(start, end):
            quarter = self._quarter_under_discussion(start)
            return self._result(start, end, quarter.shift("year", -1).value(), mod)
        step = {"last": -1, "latest": -1, "recent": -1, "most recent": -1, "next": 1,
                "coming": 1, "upcoming": 1, "this coming": 1, "this past": -1}.get(rel, 0)
        if gran == "day":
            return self._result(start, end, (self.anchor + dt.timedelta(days=step)).isoformat(),
                                mod)
        return self._result(start, end, self._deictic(gran, step).value(), mod)

    def _deictic(self, gran: str, step: int) -> Period:
        """This/last/next period of the anchor. On a Sunday, the week is the one starting next."""
        day = self.anchor
        if gran == "week" and day.isoweekday() == 7:
            if step == 1:
                step = 0
            day = day + dt.timedelta(days=1)
        return Period.of(gran, day).shift(gran, step)

    def _anaphoric(self, rel, gran, start, end, mod):
        """ "that week", "the following month": the period of the last mentioned date."""
        base = self.ref
        if base is None:
            return self._result(start, end, _unknown_value(gran), mod)
        if rank(base.gran) > rank(gran):
            return self._result(start, end, _unknown_below(base, gran), mod)
        step = {"following": 1, "subsequent": 1, "ensuing": 1, "next": 1, "previous": -1,
                "preceding": -1, "prior": -1}.get(rel, 0)
        period = Period.of(gran, base.first).shift(gran, step)
        return self._result(start, end, period.value(), mod)

    def _weekend(self, rel, start, end, mod):
        """On a Saturday or Sunday "the weekend" is the one under way; otherwise the tense picks."""
        if self.anchor is None:
            return self._result(start, end, "XXXX-WXX-WE", mod)
        day = self.anchor
        saturday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=5)
        in_weekend = day.weekday() >= 5
        if rel in ("last", "previous", "past") or rel == "this past" and not in_weekend:
            saturday -= dt.timedelta(days=7) if not in_weekend or rel != "past" else 0
        elif rel in ("next", "coming", "upcoming", "this coming", "following"):
            saturday += dt.timedelta(days=7) if in_weekend else 0
        elif rel in ("", "that", "the") and not in_weekend:
            direction = self._direction(start, end)
            if direction < 0 or direction == 0 and day.weekday() < 4:
                saturday -= dt.timedelta(days=7)  # on a Friday, "the weekend" is the next one
        return self._result(start, end, format_value("weekend", saturday), mod)

    def _weekendrule(self, text, start, end):
        words = _words(text)
        if words[-1] == "weekends":
            return self._result(start, end, "XXXX-WXX-WE", kind="SET")
        rel = " ".join(w for w in words[:-1] if w != "the")
        return self._weekend(rel, start, end, None)

    def _rel_month(self, words, start, end, mod):
        """ "last November", "next March", "this September"."""
        name = words[-1].rstrip(".")
        month = MONTHS[name]
        if self.anchor is None:
            return self._result(start, end, f"XXXX-{month:02d}", mod)
        year = self.anchor.year
        if "last" in words or "past" in words or "previous" in words:
            year -= 1 if month >= self.anchor.month else 0
        elif "next" in words or "coming" in words or "following" in words:
            year += 1 if month <= self.anchor.month else 0
        return self._result(start, end, f"{year:04d}-{month:02d}", mod)

    def _daypart(self, text, start, end):
        """ "in the morning", "by mid-afternoon": that part of the day being told about."""
        words = _words(text.replace("-", " "))
        code = next(DAYPARTS[w] for w in words if w in DAYPARTS)
        first = words[1] if words[0] == "the" else words[0]
        mod = {"early": "START", "late": "END", "mid": "MID"}.get(first)
        # the day as for a clock time: "after daybreak on Friday", "on June 3, in the morning"
        day = self._clock_day("", start, end) or "XXXX-XX-XX"
        return self._result(start, end, f"{day}T{code}", mod)

    def _weekof(self, text, start, end):
        """ "the week of Oct. 23": that date's ISO week; "the first week of May": early May."""
        tail = re.search(r"\bof\s+(.+)$", text, re.S)
        offset = tail.start(1)
        inner = self._md(tail.group(1), start + offset, end)
        if isinstance(inner, Resolution):
            if "X" in inner.value:
                return self._result(start, end, "XXXX-WXX")
            day = dt.date.fromisoformat(inner.value[:10])
            return self._result(start, end, format_value("week", day))
        month = self._monthyear(tail.group(1), start, end) if _find_year(tail.group(1)) else (
            self._month(tail.group(1), start + offset, end))
        if month is None:
            return None
        word = _words(text)[1] if text.lower().startswith("the ") else _words(text)[0]
        mod = {"first": "START", "second": "START", "last": "END", "final": "END"}.get(word, "MID")
        return self._result(start, end, month.value, mod)

    def _thatday(self, text, start, end):
        """ "the next morning", "the day before": a day next to the last mentioned one;
        "the day after Christmas", "the day before last Tuesday": next to the day named."""
        named = _DAY_NEXT_TO.match(text)
        if named:
            return self._day_next_to(named, start, end)
        words = _words(text)
        daypart = next((DAYPARTS[w] for w in words if w in DAYPARTS), None)
        if self.ref is None or self.ref.gran != "day":
            return self._result(start, end, "XXXX-XX-XX" + (f"T{daypart}" if daypart else ""))
        step = 1 if any(w in words for w in ("next", "following", "after")) else (
            -1 if any(w in words for w in ("previous", "before")) else 0)
        day = self.ref.first + dt.timedelta(days=step)
        value = day.isoformat() + (f"T{daypart}" if daypart else "")
        return self._result(start, end, value)

    def _day_next_to(self, named: re.Match[str], start: int, end: int):
        """ "the day after Christmas": the named day, resolved on its own, one day on."""
        inner = start + named.end()
        match = FINDER.match(self.text, inner, end)
        if match is None or match.end() != end:
            return None
        found = self.resolve(match.lastgroup, inner, end)
        if len(found) != 1 or not re.fullmatch(r"\d{4}-\d\d-\d\d", found[0].value):
            return self._result(start, end, "XXXX-XX-XX")
        step = 1 if named.group(1).lower() == "after" else -1
        day = dt.date.fromisoformat(found[0].value) + dt.timedelta(days=step)
        return self._result(start, end, day.isoformat())

    def _edgeunit(self, text, start, end):
        """ "the end of the year", "year-end", "earlier in the day"."""
        lower = text.lower()
        words = _words(text)
        mod = _edge_mod(words) or "END"
        unit = _unit_of(lower) or "year"
        gran = {"century": "century", "decade": "decade"}.get(unit, unit)
        if self.anchor is None:
            return self._result(start, end, _unknown_value(gran), mod)
        if gran == "day":
            return self._result(start, end, self.anchor.isoformat(), mod)
        if lower == "year-end":
            return self._year_end(start, end)
        return self._result(start, end, Period.of(gran, self.anchor).value(), mod)

    def _year_end(self, start, end):
        """ "by year-end" is the coming 31 December; "since year-end" the last one."""
        year = self.anchor.year
        if self._direction(start, end) < 0 and (self.anchor.month, self.anchor.day) != (12, 31):
            year -= 1
        return self._result(start, end, f"{year:04d}-12-31")

    def _clock(self, text, start, end):
        """ "3 p.m.", "3:30 p.m. EDT", "noon Saturday", "midnight": a TIME on its day."""
        lower = text.lower()
        m = _CLOCK.search(lower)
        if not m or lower.startswith("noon") and re.search(r"\bhigh\s+$", self.text[
                max(0, start - 6):start], re.I):
            return None  # "High Noon", "high noon comes today": a showdown, not 12:00
        hour, minute = _clock_time(m)
        if hour is None:
            return None
        if hour < 12 and ("afternoon" in lower or "evening" in lower):
            hour += 12
        range_end = _RANGE_END_PM.match(self.text, end) if not m.group(3) else None
        if range_end and hour < 12 and hour + 12 <= int(range_end.group(1)) + 12:
            hour += 12  # "from 6 to 9 p.m."
        rest = text[m.end():]
        day = self._clock_day(rest, start, end)
        mod = "APPROX" if lower.startswith(("about", "around", "approximately")) else None
        date_part = day if day else "XXXX-XX-XX"
        value = f"{date_part}T{hour:02d}:{minute:02d}"
        return Resolution(start, end, "TIME", value, mod, utc_offset(text[m.end():], day))

    def _clock_day(self, rest, start, end) -> str | None:
        """The day a clock time is on: one written with it, one in its sentence, or the anchor."""
        if not _DAY_WORD.search(rest) and not _MD.search(rest):
            rest = self._day_written_after(end)
        words = _words(rest)
        for word in words:
            if word in WEEKDAYS and len(word) > 3:
                found = self._weekday_day(WEEKDAYS[word], words, start, end)  # "next Monday"
                if found:
                    md = _MD.search(rest[rest.lower().find(word) + len(word):])
                    if md and md["month"] and MONTHS.get(md["month"].lower()):
                        value = self._md(md.group(), start, end)
                        if value and not isinstance(value, list):
                            return value.value[:10]
                    return found.isoformat()
                return None
            if word in ("today", "tonight", "tomorrow", "yesterday"):
                return self._reltoday(word, start, end).value[:10] if self.anchor else None
        md = _MD.search(rest)
        if md:
            result = self._md(md.group(), start, end)
            if isinstance(result, Resolution):
                return result.value[:10]
        holiday = _HOLIDAY_FIRST.match(rest.lstrip())
        if holiday:  # "by 7 p.m. on Election Day"
            result = self._holiday(holiday.group(), start, end)
            if result is not None and _DAY_VALUE.fullmatch(result.value):
                return result.value
        if self.ref is not None and self.ref.gran == "day" and self._told_just_before(start):
            # "on June 12 at 9:15 a.m."; "Bombs hit the airport on Tuesday. A third went off
            # at 09:11."
            return self.ref.first.isoformat()
        return self.anchor.isoformat() if self.anchor else None

    def _told_just_before(self, start: int) -> bool:
        """True when the last date was named in this sentence, or in the one before if it is a
        day of the anchor's fortnight: a story about that day goes on
        ("Bombs hit on Tuesday. A third went off at 09:11."), while a date long past is
        background ("The treaty was signed in 1990. The ceremony starts at 7.30pm.")."""
        if context.same_sentence(self.text, self.ref_at, start):
            return True
        between = self.text[self.ref_at:start]
        one_line = re.sub(r"\s+", " ", between)  # a wire story's paragraph is one sentence
        return (0 < len(between) <= 300 and len(context.sentence_ends(one_line)) <= 1
                and self.anchor is not None and abs((self.ref.first - self.anchor).days) <= 7)

    def _day_written_after(self, end: int) -> str:
        """The words of a day written just after a time, in its sentence: "at 10:35 a.m. (0735
        GMT) Friday", "from 9 a.m. to 5 p.m. Saturday", "at 11 a.m. on Saturday, Feb. 22"."""
        after = self.text[end:end + 45]
        on_day = _ON_AFTER.match(after)
        if on_day:
            return _first_sentence(after[on_day.end():])
        near = _DAY_JUST_AFTER.match(after)
        if near and (near.group(1).lower() in WEEKDAYS and len(near.group(1)) > 3
                     or near.group(1).lower() in ("today", "tomorrow", "yesterday")):
            return near.group(1)
        return ""

    def _nthweekday(self, text, start, end):
        """ "the last Friday of the month" (the anchor's month), "the first Monday in May"."""
        words = _words(text)
        n = -1 if words[1] == "last" else ORDINALS[words[1]]
        weekday = WEEKDAYS[words[2]]
        month = next((MONTHS[w] for w in words[3:] if w in MONTHS), None)
        year = _find_year(text)
        if month is None:  # "of the month"
            if self.anchor is None:
                return self._result(start, end, "XXXX-XX-XX")
            month, year = self.anchor.month, self.anchor.year
        if year is None:
            def make(y):
                day = nth_weekday(y, month, weekday, n)
                return day, day + dt.timedelta(days=1)
            year = self._pick(make, start, end)
        if year is None:
            return self._result(start, end, f"XXXX-{month:02d}-XX")
        return self._result(start, end, nth_weekday(year, month, weekday, n).isoformat())

    def _monthlyday(self, text, start, end):
        """ "the first Saturday of every month": that weekday's recurrence."""
        return self._set(text, start, end)

    def _set(self, text, start, end):
        """ "every Monday", "annually", "twice a week", "each July"."""
        lower = re.sub(r"\s+", " ", text.lower())
        words = _words(text)
        simple = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                  "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M",
                  "biweekly": "P2W", "semiannually": "P6M", "biannually": "P6M"}
        if lower == "quarterly" and re.match(r"\s+[a-z]", self.text[end:end + 3]):
            return None  # "its quarterly dividend": an adjective, not a frequency
        if lower in simple:
            return self._result(start, end, simple[lower], kind="SET")
        if "weekend" in lower:  # "every weekend", "on weekends"
            return self._result(start, end, "XXXX-WXX-WE", kind="SET")
        for word in words[1:]:
            if word in WEEKDAYS and len(word) > 3:
                return self._result(start, end, f"XXXX-WXX-{WEEKDAYS[word]}", kind="SET")
            if word in MONTHS and len(word) > 3:
                return self._result(start, end, f"XXXX-{MONTHS[word]:02d}", kind="SET")
            if word in SEASONS:
                return self._result(start, end, f"XXXX-{SEASONS[word]}", kind="SET")
            if word in DAYPARTS:
                return self._result(start, end, f"XXXX-XX-XXT{DAYPARTS[word]}", kind="SET")
        unit = _unit_of(lower)
        if unit is None:
            return None
        count_match = re.search(r"(?:every|each|per)\s+(?:other\s+)?(.+?)\s+" + unit[:4], lower)
        count = number_value(count_match.group(1)) if count_match else 1
        if "other" in words:
            count = 2
        return self._result(start, end, _duration_value(count, unit), kind="SET")

    def _duration(self, text, start, end):
        """ "three years", "about five hours", "a two-year contract", "$5 billion a year"."""
        lower = re.sub(r"\s+", " ", text.lower())
        if lower == "one day" and (_MODAL_BEFORE.search(self.text, max(0, start - 12), start)
                                   or _MODAL_AFTER.match(self.text, end)):
            return self._result(start, end, "FUTURE_REF")  # "will one day be", "one day we'll"
        unit = _unit_of(lower)
        if unit is None or self._not_a_duration(lower, unit, end):
            return None
        head = _count_words(lower)
        if head == "" and not re.search(r"s\b", lower[_UNIT_WORD.search(lower).start():]):
            head = "a"  # "another year", "a day-long meeting": one unit
        if head in ("a", "an") and self._per_unit_context(start):
            return self._result(start, end, _duration_value(1, unit), kind="SET")
        count = _count_of(head, lower)
        if count is False or count == 0:
            return None
        if count is not None and lower.endswith("and a half"):
            count += 0.5
        if re.match(r"the\s+\S+-", lower):  # "the two-day summit": the timex is "two-day"
            start += len(text) - len(text[3:].lstrip())
        mod = next((m for k, m in _APPROX.items() if lower.startswith(k + " ")), None)
        ahead = self._in_units_ahead(count, unit, start, end, mod)
        if ahead is not None:
            return ahead
        return self._result(start, end, _duration_value(count, unit), mod, kind="DURATION")

    def _in_units_ahead(self, count, unit, start, end, mod) -> Resolution | None:
        """ "will meet in two weeks": a date that far after the anchor, at the unit's precision.

        Only with a future verb: "the first rise in two years" stays a duration.
        """
        if (self.anchor is None or mod or count is None or count != int(count)
                or not re.search(r"\bin\s+$", self.text[max(0, start - 4):start])
                or unit not in ("day", "week", "month", "year")):
            return None
        if self._direction(start, end) <= 0 and not (
                _IS_IN.search(self.text, max(0, start - 12), start)  # "the vote is in two weeks"
                and not re.match(r"\s+of\b", self.text[end:end + 4])):  # "in two years of decline"
            return None
        period = Period.of(unit, self.anchor).shift(unit, int(count))
        return self._result(start, end, period.value())

    def _not_a_duration(self, lower: str, unit: str, end: int) -> bool:
        """Ages ("a 44-year-old"), ordinals ("a second"), fractions ("three-quarters of"), titles
        ("60 Minutes")."""
        tail = self.text[max(0, end - 30):end].split()
        last = tail[-1] if tail else ""
        if last[:1].isupper() and lower[:1].isdigit():
            return True
        if lower.endswith("old") or self.text[end:end + 4].lower() in (" old", "-old"):
            return True
        if unit == "second" and lower.split()[0] in ("a", "the"):
            return True
        return unit == "quarter" and (self.text[end:end + 3] == " of" or "-quarter" in lower)

    def _per_unit_context(self, start) -> bool:
        """ "$5 billion a year", "3% a month", "twice a day": a rate, so a SET."""
        before = self.text[max(0, start - 25):start].lower().rstrip()
        return bool(re.search(r"(\d%?|percent|times|twice|once|billion|million|dollars|cents"
                              r"|points|hours|miles)$", before))

    def _vague(self, text, start, end):
        """ "now", "recently", "the future", "the near term": PRESENT/PAST/FUTURE_REF."""
        lower = re.sub(r"\s+", " ", text.lower())
        if lower == "now" and self.text[end:end + 1] == "," and _OPENS_SENTENCE.search(
                self.text, max(0, start - 4), start):
            return None  # "Now, he says, ...": a discourse marker turning the story, not a time
        if lower == "recently" and _DATE_AHEAD.match(self.text, end):
            return None  # "most recently last October": the date that follows is the time
        if lower in ("recently", "lately", "the past") or lower.startswith("then"):
            value = "PAST_REF"
        elif "future" in lower or "term" in lower or "later" in lower:
            value = "FUTURE_REF"
        else:
            value = "PRESENT_REF"
        return self._result(start, end, value)


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


_COUNT_PREFIX = re.compile(
    r"^(?:about|around|almost|nearly|roughly|approximately|some|more than|less than|fewer than"
    r"|at least|at most|up to|over|under|no more than|no less than|a full|the full"
    r"|an additional|another|the entire|the whole|the first|the)\s+")
_COUNT_SUFFIX = re.compile(r"[\s-]+(?:more|full|long|straight|consecutive|trading|business"
                           r"|working)?[\s-]*$")


def _count_words(lower: str) -> str:
    """The count of a duration: "about two-and-a-half more years" -> "two-and-a-half"."""
    head = lower[: _UNIT_WORD.search(lower).start()]
    head = _COUNT_SUFFIX.sub("", _COUNT_PREFIX.sub("", head)).strip(" -")
    return "several" if " to " in head else head  # "two to three weeks": no single count


def _count_of(head: str, lower: str) -> float | None | bool:
    """The number a duration counts; None when vague ("several"); False when not a count."""
    if head in ("", "for"):
        return None
    if head in ("some", "many"):  # "some years" is vague; "some day" is not a duration
        return None if lower.endswith("s") else False
    count = number_value(head)
    if count is None and head not in VAGUE_COUNTS:
        return False
    return count


def _head_start(text: str, start: int) -> int:
    """Where the expression at ``start`` begins once a leading "In"/"On"/"By" is left out."""
    m = re.search(r"(?:\b(?:[Ii]n|[Oo]n|[Bb]y|[Ss]ince|[Dd]uring|[Uu]ntil)\s+)$",
                  text[max(0, start - 8):start])
    return start - len(m.group()) if m else start


def _candidates(make, year: int) -> list[tuple[int, dt.date, dt.date]]:
    """(year, first day, last day exclusive) of the period in the years around ``year``."""
    out = []
    for candidate in (year - 1, year, year + 1):
        try:
            span = make(candidate)
        except ValueError:  # Feb. 29 in a common year
            continue
        if span is not None:
            out.append((candidate, span[0], span[1]))
    return out


def _distance(day: dt.date, candidate: tuple[int, dt.date, dt.date]) -> int:
    """Days between ``day`` and a candidate period (0 when the period contains it)."""
    _, first, stop = candidate
    if first <= day < stop:
        return 0
    return (first - day).days if first > day else (day - stop).days + 1


def _leading_weekday(text: str) -> tuple[int | None, int]:
    """The weekday opening a date ("Monday, Oct. 28") and where the date itself starts."""
    offset, weekday = 0, None
    m = re.match(r"([A-Za-z]+),?\s+", text)
    if m and m.group(1).lower() in WEEKDAYS:
        weekday, offset = WEEKDAYS[m.group(1).lower()], m.end()
    if text[offset:offset + 4].lower() == "the ":
        offset += 4
    return weekday, offset


def _leading_edge_mod(words: list[str]) -> str | None:
    """The mod of an expression opening with "early"/"late"/"the end of"... ."""
    first = words[1] if words[0] == "the" and len(words) > 1 else words[0]
    return _EDGE_MODS.get(first)


def _singular_unit(word: str) -> str:
    return {"centuries": "century", "millennia": "millennium"}.get(word, word.removesuffix("s"))


def _rel_word(lower: str) -> str:
    for rel in ("this past", "this coming", "most recent", "last", "next", "this", "coming",
                "past", "previous", "preceding", "following", "current", "same", "that",
                "upcoming", "recent", "latest", "prior", "ensuing", "subsequent", "first",
                "final"):
        if re.search(rf"\b{rel}\b", lower):
            return rel
    return ""


def _weekday_from(day: dt.date, weekday: int, step: int, strict: bool) -> dt.date:
    """The nearest ``weekday`` on or after (step 1) / on or before (step -1) ``day``."""
    if step > 0:
        delta = (weekday - day.isoweekday()) % 7
        if strict and delta == 0:
            delta = 7
        return day + dt.timedelta(days=delta)
    delta = (day.isoweekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return day - dt.timedelta(days=delta)


def _clock_time(m: re.Match[str]) -> tuple[int | None, int]:
    """(hour, minute) of a clock match; hour None when it is no time of day."""
    if m.group(4):
        return {"noon": 12, "midday": 12, "midnight": 24}[m.group(4)], 0
    if m.group(5):
        hour = number_value(m.group(5))
        return int(hour), 0
    hour = int(m.group(1))
    minute = int(m.group(2) or 0)
    ampm = m.group(3)
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None, 0
    return hour, minute


def _as_calendar_unit(unit: str, count: float) -> tuple[str, float]:
    """Map a duration unit to the calendar granularity an offset by it lands on."""
    if unit in ("second", "minute", "hour"):
        return "day", 0
    if unit == "night":
        return "day", count
    if unit == "fortnight":
        return "week", count * 2
    if unit == "decade":
        return "year", count * 10
    if unit == "century":
        return "year", count * 100
    if unit == "year" and count != int(count):
        return "month", count * 12
    return unit, count


def _duration_value(count: float | None, unit: str) -> str:
    """TimeML duration value: (3, "year") -> P3Y, (5, "hour") -> PT5H, (None, "day") -> PXD."""
    letter, is_time = UNITS.get(unit, ("X", False))
    if unit == "decade":
        letter, count = "Y", None if count is None else count * 10
    elif unit == "century":
        letter, count = "Y", None if count is None else count * 100
    elif unit == "fortnight":
        count = None if count is None else count * 2
    elif unit == "quarter":
        letter = "Q"
    prefix = "PT" if is_time else "P"
    if count is None:
        return f"{prefix}X{letter}"
    if count != int(count):
        return _fractional(count, unit, prefix, letter)
    return f"{prefix}{int(count)}{letter}"


def _fractional(count: float, unit: str, prefix: str, letter: str) -> str:
    """A fractional count in the next smaller unit: 2.5 years -> P2Y6M."""
    whole = int(count)
    smaller = {"year": ("M", 12, "P"), "month": ("D", 30, "P"), "day": ("H", 24, "PT"),
               "hour": ("M", 60, "PT"), "minute": ("S", 60, "PT"), "week": ("D", 7, "P")}
    if unit not in smaller:
        return f"{prefix}{count:g}{letter}"
    sub_letter, factor, _ = smaller[unit]
    part = int(round((count - whole) * factor))
    if unit == "day":
        return f"P{whole}DT{part}H" if whole else f"PT{part}H"
    head = f"{whole}{letter}" if whole else ""
    return f"{prefix}{head}{part}{sub_letter}"


def _unknown_value(gran: str) -> str:
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX", "quarter": "XXXX-QX", "half": "XXXX-HX", "season": "XXXX-XX",
            "year": "XXXX", "decade": "XXX", "century": "XX"}.get(gran, "XXXX")


def _unknown_below(base: Period, gran: str) -> str:
    """A value that keeps what a coarse reference knows: a day in 1998 -> 1998-XX-XX."""
    year = f"{base.first.year:04d}"
    if base.gran in ("decade", "century"):
        return _unknown_value(gran)
    if gran == "day":
        month = f"{base.first.month:02d}" if base.gran == "month" else "XX"
        return f"{year}-{month}-XX"
    if gran in ("week", "weekend"):
        return f"{year}-WXX"
    if gran == "month":
        return f"{year}-XX"
    if gran == "quarter":
        return f"{year}-QX"
    return year


def _first_sentence(text: str) -> str:
    """``text`` up to its first sentence end ("Jan. 12. It ends..." gives "Jan. 12.")."""
    ends = context.sentence_ends(text)
    return text[:ends[0]] if ends else text


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
