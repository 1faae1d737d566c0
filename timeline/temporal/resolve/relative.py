"""Counted and deictic offsets: "three days ago", "last week", "next month", "two days
later", "earlier this year", "the end of the year"."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.dates import Period, rank, unknown_value
from timeline.temporal.lexicon import (
    MONTHS,
    SEASONS,
    UNITS,
    VAGUE_COUNTS,
    WEEKDAYS,
    number_value,
)
from timeline.temporal.resolve.base import (
    _APPROX,
    _EDGE_MODS,
    _UNIT_WORD,
    _duration_value,
    _edge_mod,
    _month_span,
    _unit_of,
    _weekday_from,
    _words,
)

_DAY_KINDS = frozenset(("trading", "business", "working", "fiscal", "calendar", "school"))
_WORDS_AFTER = re.compile(r"\s+([a-z]+)\b", re.I)
_OVER = re.compile(r"\b(?:over|during|within|for|throughout)\s+$", re.I)
#: What follows "the last day" when it names a day's role, not a date: "the last day for
#: students", "the last trading day before the report", "the first day of classes".
_ROLE_AFTER = re.compile(r"\s+(?:for|of|before|that|when|to)\b", re.I)


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


def _unknown_below(base: Period, gran: str) -> str:
    """A value that keeps what a coarse reference knows: a day in 1998 -> 1998-XX-XX."""
    year = f"{base.first.year:04d}"
    if base.gran in ("decade", "century"):
        return unknown_value(gran)
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


class RelativeRules:
    """Handlers for counted and deictic offsets from the anchor or the last date."""

    def _ago_base(self, words: list[str]) -> Period | None:
        """The day "three days ago" counts from: the anchor, or the day after "from" ("a week
        from Tuesday" counts from the coming Tuesday, "two weeks from tomorrow")."""
        if self.anchor is None:
            return None
        day = self.anchor
        if words[-1] in ("tomorrow", "yesterday"):  # "a year ago yesterday"
            day += dt.timedelta(days=1 if words[-1] == "tomorrow" else -1)
        elif words[-1] in WEEKDAYS:
            day = _weekday_from(day, WEEKDAYS[words[-1]], 1, strict=False)
        return Period("day", day)

    def _ago(self, text, start, end):
        """ "three days ago" (from the anchor); "two days later", "a year earlier" (from the last
        date); "a year ago today" is a day."""
        words = _words(text)
        lower = re.split(r"\s+from\s+", text.lower())[0]  # "a week" of "a week from Tuesday"
        lower = re.sub(r"\s+(?:today|yesterday)$", "", lower)  # "a year ago" of "... today"
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
        if anaphoric and self._is_bare_offset(unit, end):
            head = re.sub(r"\s+\S+$", "", text)  # "about ten days" of "about ten days earlier"
            return self._result(start, start + len(head), _duration_value(count, unit), mod,
                                kind="DURATION")
        if anaphoric and unit in ("minute", "hour") and self.ref_time is not None:
            moved = self.ref_time + sign * dt.timedelta(**{unit + "s": count})
            return self._result(start, end, moved.isoformat(timespec="minutes"), mod)
        base = self.ref if anaphoric else self._ago_base(words)
        if base is None:
            return self._result(start, end, unknown_value(gran), mod)
        if rank(base.gran) > rank(gran):
            return self._result(start, end, _unknown_below(base, gran), mod)
        moved = base.shift(gran, sign * round(amount))
        from_day = words[-1] in WEEKDAYS or words[-1] in ("today", "tomorrow", "yesterday")
        # "a week ago", "two weeks ago": the same weekday back, a day (six weeks back, the week)
        weekday_back = gran == "week" and amount <= 2 and mod is None
        period = moved if anaphoric or from_day or weekday_back else Period.of(
            gran, moved.first)
        return self._result(start, end, period.value(), mod)  # "a week from Tuesday": a day

    def _is_bare_offset(self, unit: str, end: int) -> bool:
        """ "ten days earlier than last year", "four minutes earlier each day", "an hour
        later" with no clock time told: an amount of time, not a point it leads to."""
        if words := _WORDS_AFTER.match(self.text, end):
            return words[1].lower() in ("than", "each", "every", "per")
        return unit in ("second", "minute", "hour") and self.ref_time is None

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
        rel = _rel_word(lower)
        unit = _singular_unit(head)
        if unit == "weekend":
            return self._weekend(rel, start, end, mod)
        if unit not in UNITS:
            return None
        if unit == "day" and words[0] == "the" and rel in ("last", "first", "final") and (
                _ROLE_AFTER.match(self.text, end)):
            return None  # "the last day for students is May 31": which day, told after it
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
            return self._result(start, end, unknown_value(gran), mod)
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
            return self._result(start, end, unknown_value(gran), mod)
        if rank(base.gran) > rank(gran):
            return self._result(start, end, _unknown_below(base, gran), mod)
        step = {"following": 1, "subsequent": 1, "ensuing": 1, "next": 1, "previous": -1,
                "preceding": -1, "prior": -1}.get(rel, 0)
        period = Period.of(gran, base.first).shift(gran, step)
        return self._result(start, end, period.value(), mod)

    def _rel_month(self, words, start, end, mod):
        """ "last November", "next March", "this September"."""
        name = words[-1].rstrip(".")
        month = MONTHS[name]
        if self.anchor is None:
            return self._result(start, end, f"XXXX-{month:02d}", mod)
        year = self._year_from_last_date(words, lambda y: _month_span(y, month))
        if year is not None:
            return self._result(start, end, f"{year:04d}-{month:02d}", mod)
        year = self.anchor.year
        if "last" in words or "past" in words or "previous" in words:
            year -= 1 if month >= self.anchor.month else 0
        elif "next" in words or "coming" in words or "following" in words:
            year += 1 if month <= self.anchor.month else 0
        return self._result(start, end, f"{year:04d}-{month:02d}", mod)

    def _edgeunit(self, text, start, end):
        """ "the end of the year", "year-end", "earlier in the day"."""
        lower = text.lower()
        words = _words(text)
        mod = _edge_mod(words) or "END"
        unit = _unit_of(lower) or "year"
        gran = {"century": "century", "decade": "decade"}.get(unit, unit)
        if self.anchor is None:
            return self._result(start, end, unknown_value(gran), mod)
        if gran == "day":
            return self._result(start, end, self.anchor.isoformat(), mod)
        if lower == "year-end":
            return self._year_end(start, end)
        told = self._year_told(start, end) if gran == "year" else None
        if told is not None:  # "In 2009 the firm moved and hired 200 people by the end of the year"
            return self._result(start, end, f"{told:04d}", mod)
        return self._result(start, end, Period.of(gran, self.anchor).value(), mod)

    def _year_end(self, start, end):
        """ "by year-end" is the coming 31 December; "since year-end" the last one."""
        year = self.anchor.year
        if self._direction(start, end) < 0 and (self.anchor.month, self.anchor.day) != (12, 31):
            year -= 1
        return self._result(start, end, f"{year:04d}-12-31")
