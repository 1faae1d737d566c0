"""Days and weeks named relative to the anchor: "today", "Friday", "Friday night", "that
day", "the week of June 9", "the weekend", "the last Friday of the month"."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import context
from timeline.temporal.dates import Period, format_value, nth_weekday, rank, unknown_value
from timeline.temporal.lexicon import DAYPARTS, MONTHS, ORDINALS, WEEKDAYS
from timeline.temporal.patterns import FINDER
from timeline.temporal.resolve.base import (
    _IS_ON,
    Resolution,
    _edge_mod,
    _find_year,
    _weekday_from,
    _words,
)

_GENERIC_AGE = re.compile(
    r"['\u2019]s\s+(?:world|youth|society|generation|children|kids|young|teenagers|students"
    r"|economy|culture|standards|technology|politics|media|families|parents|consumers"
    r"|workers|women|men|leaders|market|markets|personal|modern|global|fast|digital)\b", re.I)
#: A capitalised word right before a capitalised "Today" in mid-sentence makes it a title.
_TITLE_BEFORE = re.compile(r"\b(?:[A-Z][A-Za-z]*|[A-Z]+['\u2019]s)[ \t]+$")
_DAY_NEXT_TO = re.compile(r"(?:the\s+)?(day|week|monday|tuesday|wednesday|thursday|friday"
                          r"|saturday|sunday)\s+(before|after)\s+", re.I)
_RANGE_LINK = re.compile(r"\s*(?:[-\u2013\u2014]|(?:through|thru|to|until|till)\s)\s*",
                         re.I)
#: Nouns for events still to come after "Sunday's" in a forward-looking clause ("tickets remain
#: for Sunday's game"); other possessives date something done ("Wednesday's ruling").
_EVENT_NOUN = re.compile(r"\s+(?:[\w-]+\s+)?(?:game|match|race|final|vote|election|meeting|summit"
                         r"|concert|show|parade|debate|hearing|session|event|opening|launch|deadline"
                         r"|report|release|announcement|talks|trial|ceremony|rally|scrimmage|opener"
                         r"|kickoff|premiere|auction|sentencing|schedule|forecast)s?\b",
                         re.I)
_OR = re.compile(r",?\s+or\s+", re.I)
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.I)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_HEADING_COLON = re.compile(r"[ \t]*:\s+")
_AHEAD = re.compile(r"\b(?:will|'ll|ahead\s+of|upcoming|scheduled|set\s+for)\b"
                    r"|\b(?:before|until|for)\s+$", re.I)


class DayRules:
    """Handlers for days, nights and weeks named relative to the anchor or the text."""

    def _reltoday(self, text, start, end):
        """ "today", "yesterday afternoon", "tonight", "last night", "late yesterday"."""
        lower = text.lower()
        if text in ("Today", "TODAY") and _TITLE_BEFORE.search(self.text, max(0, start - 30),
                                                                start):
            return None  # "told USA Today", "NBC's Today show", "This is VOA Today": a title
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
        if plural or self._is_routine_day(weekday, start, end):
            return self._result(start, end, f"XXXX-WXX-{weekday}" + (f"T{daypart}" if daypart
                                                                     else ""), kind="SET")
        mod = _edge_mod(words[:1]) if words[0] in ("early", "late", "earlier", "later") else None
        day = self._weekday_day(weekday, words, start, end)
        value = day.isoformat() if day else f"XXXX-WXX-{weekday}"
        if daypart:
            value += "T" + daypart
        return self._result(start, end, value, mod)

    def _is_routine_day(self, weekday: int, start: int, end: int) -> bool:
        """ "every Wednesday and Thursday", "open Tuesday to Sunday", "Sunday hours" (unless
        the text named that Sunday before: "The sale opens Saturday. Saturday hours are...")."""
        return context.weekday_in_routine_list(self.text, start, end) or (
            context.routine_noun_after(self.text, end) and weekday not in self.weekdays_told)

    def _weekday_day(self, weekday, words, start, end) -> dt.date | None:
        """The date of a weekday: the one before or after the anchor the clause points to."""
        if self.anchor is None:
            return None
        told = self._weekday_by_word(weekday, words) or self._weekday_of_ref(weekday, start)
        if told is not None:
            return told
        direction = self._weekday_direction(words, start, end)
        again = self._named_again(weekday, start) if direction == 0 else None
        if again is not None:
            return again  # "The sale opens Saturday. ... Saturday hours are 9 to 5."
        day = _weekday_from(self.anchor, weekday, 1 if direction > 0 else -1, strict=False)
        if self._ends_day_range(start) and day < self.ref.first:
            # "will run from Tuesday through Thursday", said on a Wednesday: a range runs forward
            day = _weekday_from(self.ref.first, weekday, 1, strict=True)
        elif self._put_off(start) and self._day_told_in_sentence(start):
            # "On Monday the vote was postponed until Thursday": the Thursday after that Monday
            day = _weekday_from(self.ref.first, weekday, 1, strict=True)
        self.weekdays_told[weekday] = (day, end)
        return day

    def _day_told_in_sentence(self, start: int) -> bool:
        """True when the last date told is a day named earlier in this sentence."""
        return (self.ref is not None and self.ref.gran == "day" and 0 < self.ref_at <= start
                and context.same_sentence(self.text, self.ref_at, start))

    def _weekday_by_word(self, weekday: int, words: list[str]) -> dt.date | None:
        """ "last Friday", "next Friday", "the following Monday": the word says which one."""
        if "previous" in words or "following" in words:
            base = self.ref.first if self.ref and self.ref.gran == "day" else self.anchor
            step = -1 if "previous" in words else 1
            return _weekday_from(base, weekday, step, strict=True)
        if "last" in words or "past" in words:
            return _weekday_from(self.anchor, weekday, -1, strict=True)
        if "next" in words or "coming" in words:
            return _weekday_from(self.anchor, weekday, 1, strict=True)
        return None

    def _weekday_of_ref(self, weekday: int, start: int) -> dt.date | None:
        """A weekday inside the week or beside the day told just before it."""
        ref = self.ref
        if (ref is not None and ref.gran == "week" and self.ref_at <= start
                and context.same_sentence(self.text, self.ref_at, start)
                and not self._quote_closed_since(self.ref_at, start)
                and not ref.first <= self.anchor < ref.first + dt.timedelta(days=7)):
            # "a vote next week, most likely on Monday or Tuesday": a day of that week (in the
            # anchor's own week the tense still decides: "this week ... is due on Monday")
            return ref.first + dt.timedelta(days=weekday - 1)
        if (ref is not None and ref.gran == "day" and 0 < self.ref_at <= start
                and _OR.fullmatch(self.text, self.ref_at, start)):
            # "on Monday or Tuesday": the alternative nearest the first
            ahead = (weekday - ref.first.isoweekday()) % 7
            return ref.first + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
        return None

    def _weekday_direction(self, words: list[str], start: int, end: int) -> int:
        """Whether a bare weekday is the one before (-1) or after (+1) the anchor, or the clause
        does not say (0): by its heading, its clause, a possessive, "this" or "is on"."""
        direction = self._line_direction(start, end)
        possessive = self.text[end:end + 2] in ("'s", "\u2019s")
        ahead = direction > 0 or _AHEAD.search(self.text, max(0, start - 40), start)
        if possessive and not (ahead and _EVENT_NOUN.match(self.text, end + 2)):
            return -1  # "Friday's close", "Wednesday's ruling" (not "ahead of Sunday's vote")
        is_on = _IS_ON.search(self.text, max(0, start - 12), start)
        if "this" in words and direction == 0 or is_on:
            return 1  # "this Friday", "the finale is Wednesday": still to come
        if _FOR_BEFORE.search(self.text, max(0, start - 5), start) and not possessive:
            return 1  # "a watch posted for Wednesday night", "a chance of rain for Sunday"
        return direction

    def _line_direction(self, start: int, end: int) -> int:
        """The direction of a day heading its line, else that of its clause."""
        heading = self._heading_direction(start, end)
        return self._direction(start, end) if heading is None else heading

    def _heading_direction(self, start: int, end: int) -> int | None:
        """A weekday heading a line ("Saturday: Plenty of sunshine.") takes the tense of its
        line, and looks ahead when that has none: forecasts, listings and agendas.
        None when the weekday is no heading."""
        colon = _HEADING_COLON.match(self.text, end)
        if colon is None or not _LINE_START.search(self.text, max(0, start - 4), start):
            return None
        return context.direction(self.text, colon.end(), colon.end()) or 1

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
        return self.ref is not None and self.ref.gran == "day" and self._ends_range(start)

    def _ends_range(self, start: int) -> bool:
        """True when the expression at ``start`` closes a range opened by the date just told
        ("Tuesday through Thursday", "from April to June")."""
        return (0 < self.ref_at <= start
                and _RANGE_LINK.fullmatch(self.text, self.ref_at, start) is not None)

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
            direction = self._line_direction(start, end)  # "The weekend: A recovery."
            if direction < 0 or direction == 0 and day.weekday() < 4:
                saturday -= dt.timedelta(days=7)  # on a Friday, "the weekend" is the next one
        elif rel == "this" and not in_weekend and self._direction(start, end) < 0:
            saturday -= dt.timedelta(days=7)  # on a Tuesday, "this weekend, people started to"
        return self._result(start, end, format_value("weekend", saturday), mod)

    def _weekendrule(self, text, start, end):
        words = _words(text)
        if words[-1] == "weekends":
            return self._result(start, end, "XXXX-WXX-WE", kind="SET")
        rel = " ".join(w for w in words[:-1] if w != "the")
        return self._weekend(rel, start, end, None)

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
        """ "the week of Oct. 23", "the week ending Feb. 16": that date's ISO week; "the first
        week of May": early May."""
        tail = re.search(r"\b(?:of|ending|ended|beginning|starting)\s+(.+)$", text, re.S)
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
        """ "the next morning", "the day before": a day next to the last mentioned one, "that
        evening" a part of the last day told;
        "the day after Christmas", "the day before last Friday": next to the day named."""
        named = _DAY_NEXT_TO.match(text)
        if named:
            return self._day_next_to(named, start, end)
        words = _words(text)
        if words[1] in ("week", "month", "year"):
            return self._unit_next_to_ref(words[1], words[2], start, end)
        daypart = next((DAYPARTS[w] for w in words if w in DAYPARTS), None)
        if "that" in words:  # "that evening": of the last day told, not of a month told since
            day = self._day_from_last_told("that") or "XXXX-XX-XX"
            return self._result(start, end, f"{day}T{daypart}", _edge_mod(words[:1]))
        if self.ref is None or self.ref.gran != "day":
            return self._result(start, end, "XXXX-XX-XX" + (f"T{daypart}" if daypart else ""))
        step = 1 if any(w in words for w in ("next", "following", "after")) else (
            -1 if any(w in words for w in ("previous", "before")) else 0)
        if re.fullmatch(r",\s*", self.text[self.ref_at:start]):
            step = 0  # "Oct. 12, the day before the crash": the date it stands beside
        day = self.ref.first + dt.timedelta(days=step)
        value = day.isoformat() + (f"T{daypart}" if daypart else "")
        return self._result(start, end, value)

    def _theday(self, text, start, end):
        """ "up 2.7 percent on the day", "throughout the day": the last day told, when it was
        told in this sentence or the one before, else the publication date."""
        if self.last_day is not None and self._day_in_discussion(start):
            return self._result(start, end, self.last_day.first.isoformat())
        if self.anchor is None:
            return self._result(start, end, "XXXX-XX-XX")
        return self._result(start, end, self.anchor.isoformat())

    def _day_in_discussion(self, start: int) -> bool:
        """True when the last day told was named in this sentence or the one before."""
        between = re.sub(r"\s+", " ", self.text[self.last_day_at:start])
        return len(between) <= 300 and len(context.sentence_ends(between)) <= 1

    def _unit_next_to_ref(self, unit: str, side: str, start: int, end: int):
        """ "the week before", "the year after": next to the week or year of the last date
        told."""
        ref = self.ref
        if ref is None or rank(ref.gran) > rank(unit):
            return self._result(start, end, unknown_value(unit))
        step = 1 if side == "after" else -1
        return self._result(start, end, Period.of(unit, ref.first).shift(unit, step).value())

    def _day_next_to(self, named: re.Match[str], start: int, end: int):
        """ "the day after Christmas": the named day, resolved on its own, one day on; "the
        Saturday before Thanksgiving": the nearest Saturday before it; "the week before
        Thanksgiving": the week seven days before it."""
        inner = start + named.end()
        match = FINDER.match(self.text, inner, end)
        if match is None or match.end() != end:
            return None
        found = self.resolve(match.lastgroup, inner, end)
        if len(found) != 1 or not re.fullmatch(r"\d{4}-\d\d-\d\d", found[0].value):
            return self._result(start, end, "XXXX-XX-XX")
        step = 1 if named.group(2).lower() == "after" else -1
        if named.group(1).lower() == "week":
            day = dt.date.fromisoformat(found[0].value) + dt.timedelta(weeks=step)
            return self._result(start, end, format_value("week", day))
        day = dt.date.fromisoformat(found[0].value) + dt.timedelta(days=step)
        weekday = WEEKDAYS.get(named.group(1).lower())
        while weekday is not None and day.isoweekday() != weekday:
            day += dt.timedelta(days=step)
        return self._result(start, end, day.isoformat())

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
