"""Durations, sets and vague references: "three years", "every Monday", "annually",
"recently", "the future"."""

from __future__ import annotations

import re

from timeline.temporal.fragments import NUMWORD
from timeline.temporal.lexicon import (
    DAYPARTS,
    MONTHS,
    SEASONS,
    VAGUE_COUNTS,
    WEEKDAYS,
    number_value,
)
from timeline.temporal.resolve.base import (
    _APPROX,
    _OPENS_SENTENCE,
    _UNIT_WORD,
    _duration_value,
    _unit_of,
    _words,
)

_DATE_AHEAD = re.compile(r"\s+(?:as\s+)?(?:(?:last|this|on)\s+)?(?:(?-i:[A-Z][a-z]+)\s+\d|(?-i:Jan"
                         r"|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec|Mon|Tues|Wednes"
                         r"|Thurs|Fri|Satur|Sun)|(?:19|20)\d\d\b|(?:last|this)\s+(?:year|month|week)\b)")

#: What follows a sentence-opening "Now," that makes it a turn of speech, not the present:
#: "Now, I'm aware that...", "Now, look:", "Now, let's be clear". Otherwise "Now, a year on,
#: the town has recovered" is the story's present.
_DISCOURSE_NOW = re.compile(r"\s*(?:I|I'm|I've|I'd|you|you're|look|listen|let|let's|here's"
                            r"|that's|mind|granted|admittedly|of\s+course|to\s+be|then|wait"
                            r"|OK|okay|well|honestly|frankly|remember|consider|imagine|suppose"
                            r"|what|why|how|who|if|obviously|clearly|sure)\b[,']?", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|shall|should|'ll)\s+$", re.I)
_MODAL_AFTER = re.compile(r",?\s+(?:we|they|you|he|she|it|I)(?:\s+will|'ll)\b")
# "a quarter mile", "a quarter-point cut": a fraction of a measure, not three months
_MEASURE_AFTER = re.compile(r"[\s-]+(?:mile|inch|pound|point|percent|ton|gallon|acre|share)s?\b",
                            re.I)
# What comes before "a year" in a rate: an amount, or a counted plural noun ("40 trains a
# day", "dozens of calls a day"); a verb ("it takes a year") has no count before it
_RATE_BEFORE = re.compile(
    r"(?:\d%?|percent|times|twice|once|billion|million|dollars|cents|points|hours|miles"
    r"|(?:(?<![\w.:,])\d[\d,]*(?:\.\d+)?|(?:" + NUMWORD + r")"
    r"|dozens|hundreds|thousands|millions|several|many)"
    r"\s+(?:of\s+)?(?:[a-z-]+\s+)?[a-z]+[^s']s)$")
_IS_IN = re.compile(r"\b(?:is|are)\s+in\s+$", re.I)


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


class DurationRules:
    """Handlers for durations, sets and vague references."""

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
                part = f"T{DAYPARTS[words[-1]]}" if words[-1] in DAYPARTS else ""
                return self._result(start, end, f"XXXX-WXX-{WEEKDAYS[word]}{part}", kind="SET")
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
        # "will act in 10 days", "within 100 days", "the first 100 days": how long, not when
        # (a count from a date the text names is a date: see timeline.temporal.offsets)
        return self._result(start, end, _duration_value(count, unit), mod, kind="DURATION")

    def _not_a_duration(self, lower: str, unit: str, end: int) -> bool:
        """Ages ("a 44-year-old"), ordinals ("a second"), fractions ("three-quarters of", "a
        quarter mile"), titles ("60 Minutes")."""
        tail = self.text[max(0, end - 30):end].split()
        last = tail[-1] if tail else ""
        if last[:1].isupper() and lower[:1].isdigit():
            return True
        if lower.endswith("old") or self.text[end:end + 4].lower() in (" old", "-old"):
            return True
        if unit == "second" and lower.split()[0] in ("a", "the"):
            return True
        return unit == "quarter" and (self.text[end:end + 3] == " of" or "-quarter" in lower
                                      or bool(_MEASURE_AFTER.match(self.text, end)))

    def _per_unit_context(self, start) -> bool:
        """ "$5 billion a year", "3% a month", "40 trains a day": a rate, so a SET."""
        before = self.text[max(0, start - 50):start].lower().rstrip()
        return bool(_RATE_BEFORE.search(before))

    def _vague(self, text, start, end):
        """ "now", "recently", "the future", "the near term": PRESENT/PAST/FUTURE_REF."""
        lower = re.sub(r"\s+", " ", text.lower())
        if lower == "now" and self.text[end:end + 1] == "," and _OPENS_SENTENCE.search(
                self.text, max(0, start - 4), start) and _DISCOURSE_NOW.match(self.text, end + 1):
            return None  # "Now, I'm aware that...": a discourse marker, not the present
        if lower == "recently" and _DATE_AHEAD.match(self.text, end):
            return None  # "most recently last April", "as recently as 2019": the date is
        if lower in ("recently", "lately", "the past") or lower.startswith(("then", "a recent")):
            value = "PAST_REF"
        elif "future" in lower or "term" in lower or "later" in lower:
            value = "FUTURE_REF"
        else:
            value = "PRESENT_REF"
        return self._result(start, end, value)
