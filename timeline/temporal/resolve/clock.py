"""Clock times: "3:30 p.m. EDT", "noon Saturday", with the day they fall on and their zone."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import context
from timeline.temporal.fragments import HOLIDAY
from timeline.temporal.lexicon import MONTHS, WEEKDAYS, number_value, word_set
from timeline.temporal.resolve.base import _DAY_VALUE, _MD, Resolution, _words
from timeline.temporal.search import line_stop
from timeline.temporal.zones import utc_offset

_CLOCK = re.compile(r"(\d{1,2})(?:[:.]?(\d\d))?(?::\d\d)?\s*([ap])?\.?m?\b|(noon|midnight|midday)"
                    r"|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                    r"\s+o'clock", re.I)
_DAY_WORD = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight"
                       r"|tomorrow|yesterday)\b", re.I)
_DAY_JUST_AFTER = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?(?:(?:to|until|till|-|\u2013)\s*"
                             r"\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\s*)?(?:(?-i:on)\s+)?([A-Za-z]+)",
                             re.I)
_DAY_MONTH = re.compile(r",?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)")
_CLAUSE_END = re.compile(r"[,;:]")
#: "that night", "the next day" after a time: the day is the last one told, or next to it.
_TOLD_DAY = re.compile(r"\.?,?\s+(that|the\s+(?:next|following|previous))\s+"
                       r"(?:day|morning|afternoon|evening|night)\b", re.I)
_RANGE_END_PM = re.compile(r"\s*(?:-|\u2013|to|and)\s*(\d{1,2})(?::\d\d)?\s*p\.?m\b", re.I)
_ON_AFTER = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?,?\s*(?-i:on)\s+")
_HOLIDAY_FIRST = re.compile(rf"(?:{HOLIDAY})\b", re.I)
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


_AFTER = re.compile(r"\bafter\s+$", re.I)


def _next_day(day: str | None) -> str | None:
    """The day after an ISO day value, if there is one."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat() if day else None


def _first_sentence(text: str) -> str:
    """``text`` up to its first sentence end ("Jan. 12. It ends..." gives "Jan. 12.")."""
    ends = context.sentence_ends(text)
    return text[:ends[0]] if ends else text


#: A line opening with a time: a live blog's post ("20:59", "2059", "20.59").
_STAMP_LINE = re.compile(r"^(?:[01]\d|2[0-3])[:.h]?[0-5]\d(?=[ \t]*\n|[ \t]*[-\u2013\u2014:|]"
                         r"[ \t]|[ \t]+[A-Z])", re.M)


#: Words before a time that make it a race or record time, how long something took: "finished
#: in 2:12", "clocked 1:58", "a winning time of 2:24", "his personal best of 3:47".
_RACE_BEFORE = re.compile(
    r"\b(?:finish(?:ed|es|ing)?|won|wins?|winning|ran|runs?|clock(?:ed|ing|s)?|swam|swims?"
    r"|completed?|time[sd]?|record|best|pace)\s+(?:(?:in|of|was|a|an|his|her|their|its|new"
    r"|time|world|personal|season's|course|winning)\s+){0,4}$", re.I)
#: A race named right after the time: "a 3:59 mile", "a 2:04 marathon".
_RACE_AFTER = re.compile(r"[\s-]+(?:mile|marathon|half[\s-]marathon|km|kilometers?|kilometres?"
                         r"|meters?|metres?|m\b|laps?|swim|leg|stage|race|run)\b", re.I)
#: Races long enough to be timed in hours and minutes ("2:04" is two hours four minutes).
_LONG_RACE = re.compile(r"\b(?:marathon|ultra|ironman|triathlon|stage|tour|hours?|race\s+walk"
                        r"|50\s?km|100\s?km)\b", re.I)


#: A bare "1:26" right after a capitalised name is a reference into a numbered text, a
#: chapter and its verse ("Genesis 1:26", "John 3:16"), unless the word before it is one that
#: leads a time: a preposition of time, a day, or a stamp's word ("At 3:15", "Sunday 10:30").
_NAME_BEFORE = re.compile(r"(?<![\w.'\u2019-])((?-i:[A-Z][a-z]{2,}))\s+$")
_TIME_LEADS = word_set("""
at by until till from to before after around about since approximately between circa
today tonight tomorrow yesterday noon midnight morning afternoon evening night
updated posted published modified edited filed last time kickoff starts ends opens closes
""") | frozenset(WEEKDAYS) | frozenset(MONTHS)


def _is_reference(full_text: str, text: str, start: int) -> bool:
    """ "Genesis 1:26", "John 3:16": chapter and verse after a name, not a time of day."""
    if not re.fullmatch(r"\d{1,3}:\d\d", text):
        return False
    name = _NAME_BEFORE.search(full_text, max(0, start - 30), start)
    return bool(name) and name.group(1).lower() not in _TIME_LEADS


def _race_value(text: str, long_race: bool) -> str | None:
    """The TimeML duration of a race time: "2:04:31" -> PT2H4M31S, "3:59.4" -> PT3M59.4S,
    "2:04" -> PT2H4M in a long race, else PT2M4S."""
    parts = re.fullmatch(r"(\d{1,2}):(\d\d)(?::(\d\d))?(\.\d+)?", text)
    if parts is None:
        return None
    first, second, third, fraction = parts.groups()
    if third is not None or (not fraction and long_race):
        hours, minutes, seconds = int(first), int(second), (third or "0") + (fraction or "")
    else:
        hours, minutes, seconds = 0, int(first), second + (fraction or "")
    seconds = seconds.lstrip("0") or "0"
    value = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return value + (f"{seconds}S" if seconds not in ("0", "0.0") else "")


class ClockRules:
    """Handlers for clock times, the day each falls on and its zone."""

    def _racetime(self, text, start, end):
        """ "won in 2:04:31", "a 3:59.4 mile": how long a race took, never a time of day."""
        lo, hi = context.sentence_bounds(self.text, start, end)
        value = _race_value(text, bool(_LONG_RACE.search(self.text, lo, hi)))
        return value and Resolution(start, end, "DURATION", value)

    def _is_race_time(self, text: str, start: int, end: int) -> bool:
        """ "finished in 2:12", "clocked 1:58", "a 3:59 mile": a race time, not a clock."""
        return bool(re.fullmatch(r"\d{1,2}:\d\d", text)) and bool(
            _RACE_BEFORE.search(self.text, max(0, start - 50), start)
            or _RACE_AFTER.match(self.text, end))

    def _stamp(self, text, start, end):
        """ "2059 A spokesman said...": the time of a live blog's post when other lines open
        with a time too; else what the number is read as in running text (a year, "1998 World
        Cup", or nothing)."""
        if self.stamp_lines is None:
            self.stamp_lines = len(_STAMP_LINE.findall(self.text))
        if self.stamp_lines < 2:
            return self._year(text, start, end) if text.isdigit() else None
        hour, minute = int(text[:2]), int(text[-2:])
        day = self._clock_day("", start, end, hour)
        return Resolution(start, end, "TIME", f"{day or 'XXXX-XX-XX'}T{hour:02d}:{minute:02d}")

    def _clock(self, text, start, end):
        """ "3 p.m.", "3:30 p.m. EDT", "noon Saturday", "midnight": a TIME on its day."""
        lower = text.lower()
        m = _CLOCK.search(lower)
        if not m or lower.startswith("noon") and re.search(r"\bhigh\s+$", self.text[
                max(0, start - 6):start], re.I):
            return None  # "High Noon", "high noon for the council": a showdown, not 12:00
        if self._is_race_time(text, start, end):
            return self._racetime(text, start, end)
        if _is_reference(self.text, text, start):
            return None
        hour, minute = _clock_time(m)
        if hour is None:
            return None
        if hour < 12 and ("afternoon" in lower or "evening" in lower):
            hour += 12
        range_end = _RANGE_END_PM.match(self.text, end) if not m.group(3) else None
        if range_end and hour < 12 and hour + 12 <= int(range_end.group(1)) + 12:
            hour += 12  # "from 6 to 9 p.m."
        rest = text[m.end():]
        day = None if self._is_routine(rest, start, end) else self._clock_day(rest, start, end,
                                                                               hour)
        mod = "APPROX" if lower.startswith(("about", "around", "approximately")) else None
        if hour == 24 and _AFTER.search(self.text, max(0, start - 7), start + m.start()):
            # "shortly after midnight": the first minutes of the next day, not the last of this
            hour, day = 0, _next_day(day)
        date_part = day if day else "XXXX-XX-XX"
        value = f"{date_part}T{hour:02d}:{minute:02d}"
        return Resolution(start, end, "TIME", value, mod, utc_offset(text[m.end():], day))

    def _is_routine(self, rest: str, start: int, end: int) -> bool:
        """True for a time that recurs ("open daily from noon to 6 p.m."): its day is unknown.
        A day written with the time ("at 10 a.m. Saturday") makes it one moment again."""
        written = self._day_written_after(end)
        if written and context.is_routine_word(written):
            return True  # "matinees at 2 p.m. on Saturdays"
        if _DAY_WORD.search(rest) or _MD.search(rest) or written or self._day_told_in_clause(start):
            return False
        return context.in_routine_sentence(self.text, start, end)

    def _day_told_in_clause(self, start: int) -> bool:
        """True when a day was named earlier in this sentence, with no routine word between it
        and the end of the time's clause: "landfall came early Friday, about 2 a.m., and a
        curfew runs nightly" (not "on Friday, with hours from 9 a.m. to 6 p.m. both days")."""
        if not (self.ref is not None and self.ref.gran == "day" and 0 < self.ref_at <= start
                and context.same_sentence(self.text, self.ref_at, start)):
            return False
        sentence_end = context.sentence_bounds(self.text, start, start)[1]
        comma = _CLAUSE_END.search(self.text, start, sentence_end)
        return not context.has_routine_word(
            self.text, self.ref_at, comma.start() if comma else sentence_end)

    def _clock_day(self, rest, start, end, hour: int | None = None) -> str | None:
        """The day a clock time is on: one written with it, one in its sentence, or the anchor.
        A small hour after an evening told goes on into the next day ("in the early evening
        ... until 3am")."""
        told = _TOLD_DAY.match(rest)
        if told:
            return self._day_from_last_told(told.group(1).lower())
        if not _DAY_WORD.search(rest) and not _MD.search(rest):
            rest = self._day_written_after(end)
        words = _words(rest)
        for word in words:
            if word in WEEKDAYS and len(word) > 3:
                found = self._weekday_day(WEEKDAYS[word], words, start, end)  # "next Monday"
                if found:
                    after = rest[rest.lower().find(word) + len(word):]
                    return self._date_after_weekday(after, start, end) or found.isoformat()
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
        if self.last_day is not None and self._told_just_before(start):
            # "on June 12 at 9:15 a.m."; "Bombs hit the airport on Tuesday. A third went off
            # at 09:11."
            past_midnight = hour is not None and hour < 6 and self.last_day_late
            return (self.last_day.first + dt.timedelta(days=past_midnight)).isoformat()
        return self.anchor.isoformat() if self.anchor else None

    def _day_from_last_told(self, word: str) -> str | None:
        """ "that night" is on the last day told, "the next day" the day after it; None when
        no day was told."""
        if self.last_day is None:
            return None
        step = {"that": 0}.get(word, -1 if word.endswith("previous") else 1)
        return (self.last_day.first + dt.timedelta(days=step)).isoformat()

    def _date_after_weekday(self, after: str, start: int, end: int) -> str | None:
        """The date written after a time's weekday: "9 a.m. Tuesday, Feb. 22" or, the British
        way, "7.45pm on Tuesday 18 March"."""
        md = _MD.search(after)
        if not (md and md["month"] and MONTHS.get(md["month"].lower())):
            dm = _DAY_MONTH.match(after)
            if not (dm and MONTHS.get(dm["month"].lower())):
                return None
            md = _MD.search(f"{dm['month']} {dm['day']}")
        value = self._md(md.group(), start, end)
        return value.value[:10] if isinstance(value, Resolution) else None

    def _told_just_before(self, start: int) -> bool:
        """True when the last day told was named in this sentence, or in the one before if it is a
        day of the anchor's fortnight, or a few sentences back (600 characters) if it is one of
        the fortnight before the anchor: a story about that day goes on ("Bombs hit on
        Tuesday. A third went off at 09:11."; "She left on Thursday, Nov. 4. A gym employee saw
        her at 6:55."), while a date long past is background ("The treaty was signed in 1990.
        The ceremony starts at 7.30pm.")."""
        between = self.text[self.last_day_at:start]
        if self._quote_closed_since(self.last_day_at, start):
            return False  # the day was named in a quotation that has since closed
        if context.same_sentence(self.text, self.last_day_at, start):
            return True
        if self.anchor is None or not between:
            return False
        one_line = re.sub(r"\s+", " ", between)  # a wire story's paragraph is one sentence
        one_sentence_back = len(between) <= 300 and len(context.sentence_ends(one_line)) <= 1
        days_back = (self.anchor - self.last_day.first).days
        if days_back < 0 and context.direction(self.text, start, start) < 0:
            return False  # "...bonds on Aug. 1. The decision, announced at 2 p.m.": today's
        if self._clock_told_last() and len(between) <= 400:
            return True  # "...stepped outside at about 11:40 p.m. [...] police came at 12:07 a.m."
        return (one_sentence_back and abs(days_back) <= 7) or (
            len(between) <= 600 and 0 < days_back <= 14)

    def _clock_told_last(self) -> bool:
        """True when the last expression told was a time on the last day told: the story is
        going through that day's hours."""
        return self.ref_time is not None and self.ref_time.date() == self.last_day.first

    def _day_written_after(self, end: int) -> str:
        """The words of a day written just after a time, in its sentence: "at 10:35 a.m. (0735
        GMT) Friday", "from 9 a.m. to 5 p.m. Saturday", "at 11 a.m. on Saturday, Feb. 22"."""
        after = self.text[end:line_stop(self.text, end, end + 45)]
        on_day = _ON_AFTER.match(after)
        if on_day:
            return _first_sentence(after[on_day.end():])
        near = _DAY_JUST_AFTER.match(after)
        if near and (near.group(1).lower() in WEEKDAYS and len(near.group(1)) > 3
                     or near.group(1).lower() in ("today", "tomorrow", "yesterday")):
            return near.group(1)
        return ""
