"""The resolver's state and the choices every rule family shares: the reference date of
anaphoric expressions, the direction a clause points, the year of a year-less date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.temporal import context
from timeline.temporal.dates import Period, add_months, period_of_value
from timeline.temporal.lexicon import UNITS, number_value, word_set


@dataclass(frozen=True, slots=True)
class Resolution:
    """The meaning of one expression (or of one part of a range like "June 3-5")."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    zone: str | None = None  # UTC offset of a clock time written with its zone
    end_value: str | None = None  # the last point of a range TimeML marks as one ("1957-58")
    doubt: str | None = None  # why the value may be wrong (see Timex.doubt)


_WORDS = re.compile(r"[A-Za-z]+(?:['\u2019]s)?|\d+(?:,\d{3})*(?:\.\d+)?")
_EDGE_MODS = {"early": "START", "earlier": "START", "beginning": "START", "start": "START",
              "late": "END", "later": "END", "end": "END", "close": "END", "mid": "MID",
              "middle": "MID", "turn": "START"}
_HALF_MODS = {"first": "START", "second": "END", "last": "END", "latter": "END"}
_APPROX = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
           "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "or so": "APPROX",
           "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
           "fewer than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
           "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
           "no more than": "EQUAL_OR_LESS"}
_UNIT_WORD = re.compile(r"(second|minute|hour|day|night|week|fortnight|month|quarter|year|decade"
                        r"|centur|millenni)", re.I)
_MD = re.compile(r"(?P<month>[A-Za-z]+)\.?\s*(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
                 r"(?:(?:\s*[-\u2013]\s*|\s+(?:and|to|through|thru|until|till)\s+)"
                 r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
                 r"(?:(?:,\s*|\s+)(?P<year>\d{4}))?"
                 r"|(?:(?P<dday0>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*"
                 r"|\s+(?:and|&|to|through|till|until)\s+(?:the\s+)?))?"
                 r"(?P<dday>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<dmonth>[A-Za-z]+)\.?"
                 r"(?:,?\s+(?P<dyear>\d{4}))?")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?\"'`\u201c]\s*|\n\s*)$")
_FIRMLY_AHEAD = re.compile(r"(?:\bwill|'ll|\bshall|\b(?:is|are)\s+(?:scheduled|set|slated|due"
                           r"|planned))\b[^.;:!?]*$", re.I)
# A year named just after a year-less date, in its clause: "falls on Nov. 28 this year"
#: A year naming one occurrence of something that recurs ("the 2030 edition", "the 2019
#: season"): the year of the days told after it in the sentence.
_OCCURRENCE_AFTER = re.compile(r"\s+(?:edition|season|tournament|festival|championships?"
                               r"|games|olympics|race|contest|fair|show|conference|summit"
                               r"|congress|convention|census|campaign|tour|series)\b", re.I)
_YEAR_WORD_AFTER = re.compile(r"(?:\s+(?!and\b|or\b|but\b|than\b)[\w.']+){0,4}?\s+(this|last|next)"
                              r"\s+year\b", re.I)
_LATE_IN_DAY = re.compile(r"T(?:EV|NI|1[89]|2[0-4])")
_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?!\d)")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.I)
_YEARLY = re.compile(r"\d{4}-(?:\d\d(?:-\d\d)?|SP|SU|FA|WI)")
_WORD_BEFORE = re.compile(r"[A-Za-z]+")
_REPORTING = word_set("said says told tells added noted insisted argued warned replied")
_IS_ON = re.compile(r"\b(?:is|are)\s+(?:on\s+)?$", re.I)
_YEAR = re.compile(r"(?<!\d)(1\d|20)\d\d(?!\d)")
_SPOKEN = re.compile(r"(nineteen|eighteen|two\s+thousand)"
                     r"(?:[\s-]+(?:and\s+)?([a-z]+(?:[\s-][a-z]+)?))?", re.I)
_LEX_UNITS = {"centur": "century", "millenni": "millennium"}


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
    for index, word in enumerate(words[:4]):
        if word in _EDGE_MODS:
            return _EDGE_MODS[word]
        if word in _HALF_MODS and words[index + 1:index + 2] in (["half"], ["part"]):
            return _HALF_MODS[word]  # "the first half of February"
    return None


def _unit_of(text: str) -> str | None:
    found = _UNIT_WORD.findall(text)
    if not found:
        return None
    unit = found[-1].lower()
    return _LEX_UNITS.get(unit, unit)


def _head_start(text: str, start: int) -> int:
    """Where the expression at ``start`` begins once a leading "In"/"On"/"By" is left out."""
    m = re.search(r"(?:\b(?:[Ii]n|[Oo]n|[Bb]y|[Ss]ince|[Dd]uring|[Uu]ntil)\s+)$",
                  text[max(0, start - 8):start])
    return start - len(m.group()) if m else start


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first day of a month and of the month after: a ``make`` for :meth:`_pick`."""
    first = dt.date(year, month, 1)
    return first, add_months(first, 1)


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


class ResolverBase:
    """The state the rule families share while one text is resolved, in order: the anchor,
    the last date mentioned, the quarter under discussion; and the choices they all make."""

    def __init__(self, text: str, anchor: dt.date | None, dayfirst: bool = False):
        self.text = text
        self.anchor = anchor
        self.dayfirst = dayfirst
        self.ref: Period | None = Period("day", anchor) if anchor else None
        self.last_quarter: Period | None = None
        self.ref_at = 0  # where the text mentioned ``ref``
        self.ref_sets_year = False  # ``ref`` gives the year of the dates after it (see remember)
        self.ref_time: dt.datetime | None = None  # ``ref``'s clock time, when it has one
        # the last day told, and where: a time goes on in it past a year told as background
        # ("On Saturday she played songs she wrote last winter. In the early evening, ...")
        self.last_day: Period | None = None
        self.last_day_at = 0
        self.last_day_late = False  # told with an evening or night: "until 3am" is the next day
        # weekday -> (the day a weekday name was last read as, where): "Saturday hours" again
        self.weekdays_told: dict[int, tuple[dt.date, int]] = {}
        # (month, day) -> the year a year-less "April 17" was read in: the same day if named again
        self.month_days_told: dict[tuple[int, int], int] = {}
        self.stamp_lines: int | None = None  # lines opening with a time (a live blog), counted once
        self.quarter_at = -1  # where the text named ``last_quarter``
        self.aside_quarter_at = -1  # end of "a weak third quarter": not the one reported on

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
        if period.gran == "day" and not self._dates_a_saying(start, at):
            self.last_day, self.last_day_at = period, at
            self.last_day_late = _LATE_IN_DAY.search(value) is not None
        clock = _CLOCK_VALUE.match(value)  # "2008-08-29T00:15": "45 minutes later" counts on it
        self.ref_time = dt.datetime.fromisoformat(clock.group()) if clock else None
        # A year that opens its sentence ("In 2010, ...") sets the scene for the dates after it,
        # and so does "last year" anywhere ("was delayed twice last year, in May and October").
        opening = start is not None and _OPENS_SENTENCE.search(
            self.text, max(0, start - 12), _head_start(self.text, start))
        self.ref_sets_year = bool(opening and _YEAR.search(self.text, start, at)) or (
            rule == "relunit" and period.gran == "year"
            and not self._year_belongs_to_a_noun(start, at)) or (
            # "the 2030 edition will run from 4 to 7 June": the days of a dated occurrence
            rule == "year" and _OCCURRENCE_AFTER.match(self.text, at) is not None
            and self.text[max(0, (start or at) - 4):start or at].lower() == "the ")
        if (period.gran in ("quarter", "half") and rule == "quarter" and self._is_over(period)
                and at != self.aside_quarter_at):
            self.last_quarter = period
            self.quarter_at = at

    def _dates_a_saying(self, start: int | None, at: int) -> bool:
        """True for a day that dates a reporting verb ("Lainé said on Thursday that..."): when
        someone spoke, not the day the story is going through. An announcement is an event
        of its own ("announced Friday that he will retire ... told supporters at 11 a.m.")."""
        if start is None:
            return False
        before = _WORD_BEFORE.findall(self.text, max(0, start - 16), start)[-2:]
        return any(word.lower() in _REPORTING for word in before)

    def _year_belongs_to_a_noun(self, start: int | None, at: int) -> bool:
        """ "next year's budget", "a budget for next year": a year that says what a thing is for
        (a possessive or "for"), not when the sentence happens, so it does not give its year to
        the dates told after it ("will adopt it at its June 11 meeting")."""
        before = self.text[max(0, (start or at) - 5):start or at].lower()
        return self.text[at:at + 2] in ("'s", "\u2019s") or before.endswith("for ")

    def _is_over(self, period: Period) -> bool:
        """A quarter already over is one results are reported for, not a forecast."""
        if self.anchor is None:
            return True
        try:
            return add_months(period.first, 3 if period.gran == "quarter" else 6) <= self.anchor
        except ValueError:  # past the calendar's last year
            return False

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
        later = _YEAR_WORD_AFTER.match(self.text, end)
        if later:  # "Thanksgiving falls on Nov. 28 this year", whatever year was told before
            return self.anchor.year + {"last": -1, "this": 0, "next": 1}[later[1].lower()]
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
        firmly_ahead = not context.describes_noun(self.text, start, end) and (
            _FIRMLY_AHEAD.search(self.text, max(0, start - 40), start) is not None
            or self._put_off(start))
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

    def _quote_closed_since(self, at: int, start: int) -> bool:
        """True when a quotation closes between ``at`` and ``start``: a date told inside it is
        what was said, not when the words after it happen ('"...three weeks ago," he said
        Friday')."""
        between = self.text[at:start]
        return bool(between.count('"') % 2) or between.count("\u201d") > between.count("\u201c")

    def _put_off(self, start: int) -> bool:
        """True for the new date of something put off: "postponed until June 3"."""
        return context.POSTPONED.search(self.text, max(0, start - 80), start) is not None

    def _year_from_last_date(self, words: list[str], make) -> int | None:
        """The year of a month or season named from the last date the text told: "that
        December", "the following summer", "the previous March". ``make`` is as for
        :meth:`_pick`. None when the expression is not anaphoric or no date was told."""
        word = next((w for w in words if w in ("that", "following", "previous")), None)
        ref = self.ref
        if word is None or ref is None or self.ref_at <= 0 or ref.gran in (
                "decade", "century", "millennium"):
            return None
        step = {"that": 0, "following": 1, "previous": -1}[word]
        if ref.gran == "year":  # "in 1994 ... the following summer": 1995's
            return ref.first.year + step
        day = ref.first
        candidates = [(year, *make(year)) for year in range(day.year - 2, day.year + 3)]
        if step > 0:
            return min(year for year, first, _ in candidates if first > day)
        if step < 0:
            return max(year for year, _, stop in candidates if stop <= day)
        return day.year

    def _year_told(self, start: int, end: int) -> int | None:
        """The year a date earlier in the same sentence set ("In 2010, ... on Nov. 12", "last
        year, in May", "this year ... before Christmas"), unless the clause's tense points the
        other way."""
        ref = self.ref
        if (ref is None or not self.ref_sets_year
                or ref.gran in ("decade", "century", "millennium")
                or not context.same_sentence(self.text, self.ref_at, start)):
            return None
        told = ref.first.year
        direction = context.direction(self.text, start, end)
        if direction > 0 and told < self.anchor.year or direction < 0 and told > self.anchor.year:
            return None  # "joined in July 1997 and will join on March 12"
        return told
