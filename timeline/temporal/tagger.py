"""Find the temporal expressions of an English news text and resolve them to TimeML values.

The pipeline is: :func:`patterns.find` delimits and classifies expressions; the
:class:`~timeline.temporal.resolve.Resolver` gives each a type, value and mod against the anchor
and the dates mentioned before it; quoted "today" is re-dated to the day the quote was spoken.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from functools import lru_cache

from timeline.temporal import context, values
from timeline.temporal.conventions import Conventions
from timeline.temporal.model import Timex
from timeline.temporal.offsets import join_offsets
from timeline.temporal.patterns import find
from timeline.temporal.ranges import join_ranges
from timeline.temporal.resolve import Resolution, Resolver

#: Cache key for tagged output: bump whenever the tagger's behaviour changes.
TAGGER_VERSION = "23"

# A text repeats a few values many times ("1989-Q3", "PRESENT_REF"): interpret each once.
_is_valid = lru_cache(maxsize=4096)(values.is_valid_value)
_interpret = lru_cache(maxsize=4096)(values.interpret)

#: Expressions that count days from the moment of speaking, so a quotation shifts them.
_DEICTIC_DAY = re.compile(r"(?i:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon"
                          r"|evening)|(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening"
                          r"|night)|last\s+night)")

_RESOLVE_ERRORS = (ValueError, OverflowError, KeyError, IndexError, StopIteration, AttributeError,
                   TypeError)


def tag(text: str, anchor: dt.date | None = None, *, dayfirst: bool = False,
        conventions: Conventions | None = None) -> list[Timex]:
    """Return the temporal expressions of ``text``, resolved against ``anchor``, in the
    annotation ``conventions`` given (the defaults: see :mod:`timeline.temporal.conventions`)."""
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    resolver = Resolver(text, anchor, dayfirst)
    found: list[Resolution] = []
    for rule, start, end in find(text):
        try:
            results = resolver.resolve(rule, start, end)
            for result in results:
                if result.end > result.start and _is_valid(result.value):
                    found.append(result)
                    if result.type in ("DATE", "TIME"):
                        resolver.remember(result.value, rule, result.end, result.start)
        except _RESOLVE_ERRORS:  # a grammar corner the resolver cannot read: skip it, never fail
            continue
    if anchor is not None:
        found = _redate_quoted_today(text, found, anchor)
    timexes = join_offsets(text, join_ranges(text, [_timex(text, r) for r in found]))
    return conventions.apply(timexes) if conventions is not None else timexes


def _timex(text: str, r: Resolution) -> Timex:
    """The Timex of a resolution, with the precision and interval its value denotes. Midnight
    ending a day (TimeML's ``T24:00``) leaves the tagger as ``T00:00`` of the next day."""
    value, timeml_value = r.value, None
    midnight = values.next_day_midnight(value)
    if midnight is not None:
        value, timeml_value = midnight, r.value
    meaning = _interpret(value)
    interval = (meaning.start, meaning.end) if meaning else None
    last = _interpret(r.end_value) if r.end_value and meaning else None
    if last is not None:
        interval = (meaning.start, max(meaning.end, last.end))
    return Timex(
        start=r.start,
        end=r.end,
        text=text[r.start:r.end],
        type=r.type,
        value=value,
        mod=r.mod,
        precision=meaning.precision if meaning else None,
        interval=interval,
        zone=r.zone,
        end_value=r.end_value if last is not None else None,
        doubt=r.doubt,
        timeml_value=timeml_value,
    )


def _redate_quoted_today(text: str, found: list[Resolution], anchor: dt.date):
    """ "Until today," inside a quote spoken on Saturday means Saturday, not the anchor;
    "yesterday" in that quote is Friday."""
    if not any(_DEICTIC_DAY.match(text, r.start, r.end) for r in found):
        return found
    quotes = context.quote_spans(text)
    if not quotes:
        return found
    out = []
    for index, r in enumerate(found):
        offset = _day_offset(text, r, anchor)
        if offset is not None:
            spoken = _speech_day(text, found, index, quotes, anchor)
            if spoken:
                day = dt.date.fromisoformat(spoken) + dt.timedelta(days=offset)
                r = Resolution(r.start, r.end, r.type, day.isoformat() + r.value[10:], r.mod,
                               r.zone)
        out.append(r)
    return out


def _day_offset(text: str, r: Resolution, anchor: dt.date) -> int | None:
    """Days from the anchor of a "today"/"yesterday"/"tonight"... resolved against it."""
    if not _DEICTIC_DAY.fullmatch(text, r.start, r.end):
        return None
    try:
        return (dt.date.fromisoformat(r.value[:10]) - anchor).days
    except ValueError:
        return None


def _speech_day(text, found, index, quotes, anchor) -> str | None:
    """The day the quotation around ``found[index]`` was spoken, if the text says."""
    r = found[index]
    quote = _enclosing(quotes, r.start, r.end)
    if quote is None:
        return None
    said_after = _said_after(text, found, index, quote, anchor)
    if said_after or _tagged_after(text, quote):
        return said_after  # '"Today we say goodbye," said a fan': spoken when it was told
    return _said_before(text, found, index, quote, anchor)


def _tagged_after(text: str, quote: tuple[int, int]) -> bool:
    """True when the quotation's own tag names a new speaker ('...," said a fan'); one with a
    pronoun ('...," he said') goes on with the speaker of the sentence before."""
    _, hi = context.sentence_bounds(text, quote[1], quote[1])
    tag_words = [w.lower() for w in re.findall(r"[A-Za-z]+", text[quote[1]:min(hi, quote[1] + 60)])]
    return (any(w in context.SPEECH_VERBS for w in tag_words)
            and not any(w in _PRONOUNS for w in tag_words))


_PRONOUNS = frozenset(("he", "she", "they", "it", "we", "i", "you"))


def _said_after(text, found, index, quote, anchor) -> str | None:
    """ "... today," Mr. X said Saturday: a recent day told with a speech verb after the quote."""
    for other in itertools.islice(found, index + 1, None):
        if other.start > quote[1] + 120:
            return None
        if (other.start >= quote[1] and _is_recent_day(other.value, anchor)
                and context.same_sentence(text, quote[1], other.start)):
            _, hi = context.sentence_bounds(text, other.start, other.end)
            return other.value[:10] if context.has_speech_verb(text, quote[1], hi) else None
    return None


def _said_before(text, found, index, quote, anchor) -> str | None:
    """Mr. X said on Saturday ... "Until today, ...": the last full date before the quote, if
    it is recent and its sentence has a speech verb."""
    for position in range(index - 1, -1, -1):
        other = found[position]
        if other.end > quote[0]:
            continue
        if other.end < quote[0] - 600:
            return None
        if _FULL_DAY.match(other.value):  # "2011-09-03" or "2011-09-03TAF", a day told
            lo, hi = context.sentence_bounds(text, other.start, other.end)
            if _is_recent_day(other.value, anchor) and context.has_speech_verb(text, lo, hi):
                return other.value[:10]
            return None
    return None


_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d(?!\d)")


def _enclosing(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation span (from ``quotes``, sorted and disjoint) containing ``[start, end)``."""
    position = bisect.bisect_right(quotes, (start, float("inf"))) - 1
    if position >= 0 and quotes[position][1] >= end:
        return quotes[position]
    return None


def _is_recent_day(value: str, anchor: dt.date) -> bool:
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return 0 < (anchor - day).days <= 31
