"""Find the temporal expressions of an English news text and resolve them to TimeML values.

The pipeline is: :func:`search.find` delimits and classifies expressions; the
:class:`~timeline.temporal.resolve.Resolver` gives each a type, value and mod against the anchor
and the dates mentioned before it; :mod:`quoted` re-dates a quotation's "today" to the day it
was spoken and reads a quoted older message against its own date, or marks it uncertain;
ranges and counts from a date are joined (:mod:`ranges`, :mod:`offsets`); the conventions
chosen are applied last.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from timeline.temporal import context, quoted, values
from timeline.temporal.conventions import Conventions
from timeline.temporal.model import Timex
from timeline.temporal.offsets import join_offsets
from timeline.temporal.ranges import join_ranges
from timeline.temporal.resolve import Resolution, Resolver
from timeline.temporal.search import find

#: Cache key for tagged output: bump whenever the tagger's behaviour changes.
TAGGER_VERSION = "31"

# A text repeats a few values many times ("1989-Q3", "PRESENT_REF"): interpret each once.
_is_valid = lru_cache(maxsize=4096)(values.is_valid_value)
_interpret = lru_cache(maxsize=4096)(values.interpret)

_RESOLVE_ERRORS = (ValueError, OverflowError, KeyError, IndexError, StopIteration, AttributeError,
                   TypeError)


def tag(text: str, anchor: dt.date | None = None, *, dayfirst: bool = False,
        conventions: Conventions | None = None) -> list[Timex]:
    """Return the temporal expressions of ``text``, resolved against ``anchor``, in the
    annotation ``conventions`` given (the defaults: see :mod:`timeline.temporal.conventions`)."""
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    found = resolve_all(text, anchor, dayfirst)
    quotes = context.quote_spans(text) if anchor is not None else []  # found once for both
    if anchor is not None:
        found = quoted.redate_today(text, found, anchor, quotes)
    timexes = [_timex(text, r) for r in found]
    if anchor is not None:
        timexes = quoted.read_older_messages(text, timexes, anchor, _reread(dayfirst), quotes)
    timexes = join_offsets(text, join_ranges(text, timexes))
    return conventions.apply(timexes) if conventions is not None else timexes


def _reread(dayfirst: bool):
    """How a quotation is tagged again against the day it was written."""
    def tag_as_of(text: str, day: dt.date) -> list[Timex]:
        return [_timex(text, r) for r in resolve_all(text, day, dayfirst)]
    return tag_as_of


def resolve_all(text: str, anchor: dt.date | None, dayfirst: bool) -> list[Resolution]:
    """Every expression the grammar finds in ``text``, resolved in order against ``anchor``."""
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
    return found


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
