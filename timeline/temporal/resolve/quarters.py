"""Quarters, halves and reporting periods: "the third quarter", "fiscal 1989", "the year-ago
quarter", and the quarter "a year earlier" compares with in an earnings report."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import context
from timeline.temporal.dates import Period, add_months, period_of_value
from timeline.temporal.lexicon import MONTHS, ORDINALS
from timeline.temporal.resolve.base import _YEAR, _find_year, _words

_ENDED = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends)\s+(?P<month>[A-Z][a-z]+)\.?\s+\d{1,2}"
                    r"(?:,\s*(?P<year>\d{4}))?")
_ENDING = re.compile(r"\s+(?:that\s+)?(?:ended|ending|ends|to|through|before|after)\b")
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|another)\s+(?:[a-z]+\s+)?$")
_GAME_WORDS = re.compile(r"\b(?:touchdowns?|quarterback|field\s+goals?|goals?|scored|points"
                         r"|innings?|halftime|rebounds|assists|yards|passes|penalty|penalties|striker"
                         r"|pitcher|shots?|games?|match|trailed|whistle|starters|wild[\s-]card|goalkeeper"
                         r"|free[\s-]kick|corner[\s-]kick|header|substitute|equali[sz]er"
                         r"|playoffs?|clinch(?:ed)?|coach|league|tournament|season)\b", re.I)
_MONEY_WORDS = re.compile(r"[$\u00a3\u20ac%]|\b(?:earnings|revenue|revenues|profits?|sales|net"
                          r"|income|losses|shares|results|growth|economy|percent|billion"
                          r"|million|forecast|dividend|GDP)\b", re.I)
_FIGURE_BEFORE = re.compile(r"(?:\d|million|billion|cents|share)\s*,?\s*$", re.I)
_FIGURE_AFTER = re.compile(r"['\u2019]s\s+(?:\$|\d)")
#: What an earnings report is totalling: several months (group 1) or a quarter (group 2).
_REPORT_SPAN = re.compile(r"\b(?:((?:nine|six|9|6)[\s-]+months?|(?:first|latest)\s+half"
                          r"|year\s+to\s+date|year-to-date)|(quarter(?:ly)?|three\s+months))\b",
                          re.I)


#: A relative clause after "the year" defines which year it is: "the year the plant closed".
_CLAUSE_AFTER = re.compile(r"\s+(?:(?i:the|that|when|which|who|he|she|they|we|i|you|it|his|her"
                           r"|their|its|our|my)\b|[A-Z][a-z]+\s+[a-z])")
#: "2016 is the year virtual reality arrives": the year is the subject's, told before.
_COPULA = re.compile(r"\b(?:is|was|be|became|becomes|felt\s+like|seems\s+like)\s+$", re.I)
#: Awards over any year: "player of the year", "the paper's album of the year" (but "its lowest
#: level of the year" is this year's).
_AWARD_OF = re.compile(
    r"\b(?:player|players|coach|rookie|manager|album|song|book|film|movie|person|athlete|driver"
    r"|team|goal|word|artist|teacher|employee|photo|picture)(?:\s+[a-z]+)?\s+of\s+$", re.I)


class QuarterRules:
    """Handlers for quarters, halves and the periods an earnings report compares."""

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
            self.aside_quarter_at = end  # "after a weak third quarter": a comparison
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
        elif re.search(r"\btwo\s+quarters\b", lower):  # "the first two quarters": a half
            number, kind = (1 if "first" in words else 2), "H"
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
            base = (self._period_told_now(start) or self._reported_quarter()
                    or Period.of("quarter", self.anchor).shift("quarter", -1))
            return self._result(start, end, base.shift("year", -1).value())
        if lower.endswith(("a year ago", "a year earlier")):  # "the quarter a year ago"
            found = self._qref(text[:lower.index(" a year")], start, end)
            if found is None or "X" in found.value:
                return found
            shifted = period_of_value(found.value).shift("year", -1)
            return self._result(start, end, shifted.value())
        if "fiscal year" in lower:
            if _ENDING.match(self.text, end):  # "the fiscal year ended March 31": 12 months
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
            # "This quarter's profit reflects...": in a report on a finished quarter, that one
            return self._result(start, end, self.last_quarter.value())
        if "current" in lower or "this" in lower:
            return self._result(start, end, this_quarter.value())
        backward = any(word in lower for word in ("last", "previous", "past", "latest", "recent"))
        if self.last_quarter is not None and not backward:
            return self._result(start, end, self.last_quarter.value())
        next_quarter = this_quarter.shift("quarter", 1)
        if not backward and (next_quarter.first - self.anchor).days <= 7:
            # a market wrap on a quarter's last days: "For the quarter, the S&P fell 4 percent"
            return self._result(start, end, this_quarter.value())
        return self._result(start, end, this_quarter.shift("quarter", -1).value())

    def _period_told_now(self, start: int) -> Period | None:
        """The part of the story's present year just told, which "the same period last year"
        compares with: "Orders this spring rose 9% from the same period last year"."""
        ref = self.ref
        if (ref is None or ref.gran not in ("week", "month", "season", "quarter", "half")
                or not 0 < self.ref_at <= start or start - self.ref_at > 300):
            return None
        months_back = (self.anchor.year - ref.first.year) * 12 + self.anchor.month - ref.first.month
        return ref if -3 <= months_back <= 9 else None

    def _reported_quarter(self) -> Period | None:
        """The quarter a report is about, if it is the story's: one that ended in the nine
        months before the publication date (not a quarter of years ago told as background)."""
        quarter = self.last_quarter
        if quarter is None:
            return None
        ended = add_months(quarter.first, 6 if quarter.gran == "half" else 3)
        return quarter if -92 <= (self.anchor - ended).days <= 275 else None

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
        """ "for the year" is the anchor's year; "the year ended June 30" a 12-month period;
        "the new year" the next one when said after midsummer. "the year the plant closed",
        "player of the year", "2016 is the year VR arrives" name no year of the story."""
        if re.fullmatch(r"the\s+year", text, re.I) and (
                _CLAUSE_AFTER.match(self.text, end)
                or _COPULA.search(self.text, max(0, start - 12), start)
                or _AWARD_OF.search(self.text, max(0, start - 40), start)):
            return None
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
        # said in the second half of a year, "the new year" is the one to come
        newyear = ("new" in text.lower() and self.anchor.month >= 7
                   and self._direction(start, end) >= 0)  # "since the new year": this one
        told = None if newyear else self._year_told(start, end)
        if told is not None:  # "In 2009 the plant lost money for the entire year"
            return self._result(start, end, f"{told:04d}")
        return self._result(start, end, f"{self.anchor.year + newyear:04d}")

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
