"""Seasons: "last fall", "this summer", "the spring of 2010", "the fall of '98", and the year a
season named without one belongs to ("the fall of Rome" and "the spring fair" are no seasons)."""

from __future__ import annotations

import re

from timeline.temporal import context
from timeline.temporal.dates import add_months, season_of, season_start
from timeline.temporal.lexicon import SEASONS, word_set
from timeline.temporal.resolve.base import _edge_mod, _find_year, _words

#: Words that make a season name a time whatever follows it ("last summer heat").
_NAMING_WORDS = word_set("this last next past coming that following previous")
_YEAR_APPOSED = re.compile(r"\b((?:1[5-9]|20)\d\d),\s+$")
_CLIPPED_YEAR = re.compile(r"['\u2019](\d\d)\b")


class SeasonRules:
    """Handlers for seasons, and the labelled year of a season named without one."""

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
