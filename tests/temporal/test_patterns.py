"""Tests for ``timeline.temporal.patterns``: what the finder delimits, and what it ignores."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.temporal.lexicon import (
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    LUNAR_HOLIDAYS,
    NTH_WEEKDAY_HOLIDAYS,
)
from timeline.temporal.patterns import CHUNK, FINDER, FIRST_CHARS, RULES, chunks, find


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


# --- tokenising in pieces -------------------------------------------------------------------

@given(st.text(alphabet=st.sampled_from("ab \n.9"), max_size=400), st.integers(2, 60))
def test_chunks_cover_the_text_and_cut_only_at_whitespace(text, size):
    pieces = list(chunks(text, size))
    if not text:
        assert pieces == []
        return
    assert [lo for lo, _ in pieces] == [0] + [hi for _, hi in pieces[:-1]]
    assert (pieces[-1][1] if pieces else 0) == len(text)
    for _, hi in pieces[:-1]:
        assert text[hi].isspace()


def test_chunks_prefer_paragraph_breaks_then_lines_then_spaces():
    paragraphs = "\n\n".join(["word " * 30] * 4)  # 152-character paragraphs
    assert all(paragraphs[hi:hi + 2] == "\n\n" for _, hi in list(chunks(paragraphs, 200))[:-1])
    one_line = "word " * 100
    assert all(one_line[hi] == " " for _, hi in list(chunks(one_line, 64))[:-1])
    assert list(chunks("x" * 500 + " tail", 64)) == [(0, 500), (500, 505)]


def test_a_text_longer_than_a_chunk_finds_what_its_paragraphs_find():
    paragraph = ("On Monday, June 2, the talks began; two days later they stalled, and "
                 "by the end of next week a deal is due. ") * 3
    text = "\n\n".join([paragraph] * (3 * CHUNK // len(paragraph)))
    assert len(list(chunks(text))) >= 3
    alone = list(find(paragraph))
    expected, offset = [], 0
    for _ in range(text.count(paragraph)):
        expected += [(rule, start + offset, end + offset) for rule, start, end in alone]
        offset += len(paragraph) + 2
    assert list(find(text)) == expected


_HOLIDAY_NAMES = sorted({*FIXED_HOLIDAYS, *NTH_WEEKDAY_HOLIDAYS, *EASTER_HOLIDAYS, *LUNAR_HOLIDAYS})


@pytest.mark.parametrize("name", _HOLIDAY_NAMES)
def test_every_holiday_in_the_lexicon_is_found(name: str) -> None:
    """The search's trigger words come from the lexicon, so a holiday added there is found
    without editing the finder (the resolver then drops one written all in lower case)."""
    title = " ".join(word[:1].upper() + word[1:] for word in name.split())
    for spelled in (name, title):
        text = f"It happened on {spelled}, officials said."
        assert ("holiday", spelled) in _found(text)
