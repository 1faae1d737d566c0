"""Property tests of ``timeline.temporal.tag``: whatever the text, the output keeps its contract.

Two kinds of input: arbitrary Unicode text, and text assembled from date-ish fragments (month
and weekday names, numbers, "last"/"next", times, separators) which drives the grammar much
harder than random characters do.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import tag
from timeline.temporal.model import TIMEX_TYPES
from timeline.temporal.values import MODS, interpret, is_valid_value

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WORDS = (
    MONTHS + [m[:3] for m in MONTHS] + [m[:3] + "." for m in MONTHS] + ["Sept.", "may", "march"]
    + ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Sat",
       "Sun", "we"]
    + ["last", "next", "this", "that", "the", "coming", "past", "following", "earlier",
       "later", "ago", "in", "on", "at", "of", "from", "to", "until", "since", "between", "and",
       "every", "each", "early", "mid", "mid-", "late", "end", "beginning", "about", "nearly"]
    + ["day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "decade",
       "century", "quarter", "half", "fiscal", "season", "spring", "summer", "fall", "winter",
       "morning", "afternoon", "evening", "night", "tonight", "today", "yesterday",
       "tomorrow", "now", "recently", "currently", "future", "noon", "midnight"]
    + ["a.m.", "p.m.", "am", "PM", "EDT", "GMT", "UTC", "UTC+2", "ET", "Eastern time", "CEST",
       "Christmas", "Easter", "New Year's Day", "Eid al-Fitr", "Passover", "Chinese New Year",
       "Thanksgiving", "9/11", "7-Eleven", "Boeing 777", "A380", "1990s", "'98", "Q3",
       "FY2014", "two", "three", "twenty", "first", "second", "third", "13th", "22nd", "1st"]
    # quotations and their speech verbs: a quoted "today" is redated to the day of speaking
    + ['"', "\u201c", "\u201d", "``", "''", "said", "told", "he said", "Until today"]
)
NUMBERS = st.integers(min_value=0, max_value=3000).map(str)
SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "-", "/", ":", "\n", " - ", "'", "—"])
FRAGMENT = st.one_of(st.sampled_from(WORDS), NUMBERS)
DATEISH = st.lists(st.tuples(FRAGMENT, SEPARATORS), max_size=14).map(
    lambda parts: "".join(word + sep for word, sep in parts))
# A quotation with a deictic day and a dated speech act before or after it: the shape the
# redating of a quoted "today" works on, too rare in DATEISH to be drawn by chance.
_QUOTE_PAIRS = st.sampled_from([('"', '"'), ("\u201c", "\u201d"), ("``", "''")])
_DEICTIC = st.sampled_from(["Today", "Until today,", "Yesterday", "tonight", "tomorrow",
                            "this morning", "Tonight", "today's vote"])
_SPEECH_DAY = st.sampled_from(["Saturday", "Saturday afternoon", "on Friday night", "Oct. 3",
                               "at 3 p.m. Tuesday", "yesterday", "last week", "Monday morning",
                               "on June 2", "in 1998", "Sunday evening"])
QUOTED = st.tuples(_QUOTE_PAIRS, _DEICTIC, _SPEECH_DAY, st.booleans()).map(
    lambda parts: (f"The mayor spoke {parts[2]}. {parts[0][0]}{parts[1]} we vote,"
                   f"{parts[0][1]} he said." if parts[3] else
                   f"{parts[0][0]}{parts[1]} we vote,{parts[0][1]} the mayor said {parts[2]}."))
ANCHORS = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1),
                                        max_value=dt.date(2100, 12, 31)))

ZONE = re.compile(r"[+-](?:0\d|1[0-4]):[0-5]\d")

# Modest counts keep the suite fast; fuzz/fuzz_tagger.py runs the same checks much longer.
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


def check_contract(source: str, anchor: dt.date | None, dayfirst: bool = False) -> None:
    timexes = tag(source, anchor, dayfirst=dayfirst)
    previous_end = 0
    for timex in sorted(timexes, key=lambda t: t.start):
        assert 0 <= timex.start < timex.end <= len(source), timex
        assert timex.text == source[timex.start:timex.end], timex
        assert timex.start >= previous_end, f"overlapping spans ending at {previous_end}: {timex}"
        previous_end = timex.end
        assert timex.type in TIMEX_TYPES, timex
        assert is_valid_value(timex.value), timex
        assert timex.mod is None or timex.mod in MODS, timex
        assert timex.zone is None or (timex.type == "TIME" and ZONE.fullmatch(timex.zone)), timex
        # midnight leaves the tagger as T00:00 ("PT24H", a duration, may hold "T24")
        assert timex.type == "DURATION" or "T24" not in timex.value, timex
        for part in timex.parts:  # a range's points lie inside it, in order
            assert timex.start <= part.start < part.end <= timex.end, timex
        if timex.interval is not None:
            start, end = timex.interval
            assert start < end, timex
            meaning = interpret(timex.value)
            last = interpret(timex.end_value) if timex.end_value else meaning
            assert meaning is not None and last is not None, timex
            assert (meaning.start, max(meaning.end, last.end)) == timex.interval, timex
        else:
            assert timex.end_value is None, timex
    assert tag(source, anchor, dayfirst=dayfirst) == timexes, "output is not deterministic"


@PROPERTY_SETTINGS
@given(source=st.text(max_size=300), anchor=ANCHORS)
def test_arbitrary_text_keeps_the_contract(source, anchor):
    check_contract(source, anchor)


@PROPERTY_SETTINGS
@given(source=DATEISH, anchor=ANCHORS, dayfirst=st.booleans())
def test_dateish_text_keeps_the_contract(source, anchor, dayfirst):
    check_contract(source, anchor, dayfirst)


@PROPERTY_SETTINGS
@given(prefix=st.text(max_size=40), middle=DATEISH, suffix=st.text(max_size=40),
       anchor=ANCHORS)
def test_dateish_text_inside_noise_keeps_the_contract(prefix, middle, suffix, anchor):
    check_contract(prefix + middle + suffix, anchor)


@PROPERTY_SETTINGS
@given(source=QUOTED, anchor=ANCHORS)
def test_quoted_days_keep_the_contract(source, anchor):
    check_contract(source, anchor)


def test_extreme_anchors_do_not_break_resolution():
    # Resolving "next year" or "yesterday" at the edges of the calendar must not raise.
    text = "Yesterday, last week, next year, in 3 years, 10 days ago, next December 31."
    for anchor in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        check_contract(text, anchor)


def test_a_duration_of_240_seconds_meets_the_contract():
    """Found by fuzz/fuzz_tagger.py: 'PT240S' holds 'T24' and is no midnight."""
    check_contract("It took 240 second.", None)
