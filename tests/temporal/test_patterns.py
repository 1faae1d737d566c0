"""Tests for ``timeline.temporal.patterns`` (through ``search.find``): what the finder delimits,
and what it ignores; every rule guarded, every holiday of the lexicon found."""

from __future__ import annotations

import pytest

from timeline.temporal.lexicon import (
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    LUNAR_HOLIDAYS,
    NTH_WEEKDAY_HOLIDAYS,
)
from timeline.temporal.patterns import FINDER, FIRST_CHARS, RULES
from timeline.temporal.search import find


def _found(text: str) -> list[tuple[str, str]]:
    return [(rule, text[start:end]) for rule, start, end in find(text)]


@pytest.mark.parametrize("text, expected", [
    ("after the Sept. 11, 2001, attacks", [("md", "Sept. 11, 2001")]),
    ("over the past 12 months", [("relunit", "the past 12 months")]),
    ("about two years ago", [("ago", "about two years ago")]),
    ("at 3:30 p.m. EDT Friday", [("clock", "3:30 p.m. EDT Friday")]),
    ("in the mid-1990s", [("decade", "the mid-1990s")]),
    ("compared with a year-earlier loss", [("yearago", "year-earlier")]),
    ("'98 and '70s", [("shortyear", "'98"), ("decade", "'70s")]),
])
def test_finds_whole_expressions(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "We may march on the sun.", "$1,000 and 25% of 3.5 units", "The Boeing 777 and A380",
    "7-Eleven", "", "   ",
])
def test_ignores_non_temporal_text(text: str) -> None:
    assert [m for m in find(text) if m[0] not in ("year", "month")] == []


def test_matches_never_overlap_and_are_in_order() -> None:
    text = "Last week, on Friday morning, two days later, the 1990s and 2003 and every Monday."
    previous = 0
    for _rule, start, end in find(text):
        assert previous <= start < end
        previous = end


def test_every_rule_has_a_first_character_guard() -> None:
    assert {name for name, _ in RULES} == set(FIRST_CHARS)
    assert FINDER.groupindex.keys() >= set(FIRST_CHARS)


_HOLIDAY_NAMES = sorted({*FIXED_HOLIDAYS, *NTH_WEEKDAY_HOLIDAYS, *EASTER_HOLIDAYS, *LUNAR_HOLIDAYS})


@pytest.mark.parametrize("name", _HOLIDAY_NAMES)
def test_every_holiday_in_the_lexicon_is_found(name: str) -> None:
    """The search's trigger words come from the lexicon, so a holiday added there is found
    without editing the finder (the resolver then drops one written all in lower case)."""
    title = " ".join(word[:1].upper() + word[1:] for word in name.split())
    for spelled in (name, title):
        text = f"It happened on {spelled}, officials said."
        assert ("holiday", spelled) in _found(text)
