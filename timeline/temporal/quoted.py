"""Time expressions inside quotations.

A quotation's deictic words count from when it was said or written, not from the publication
date. "Until today," in a quote spoken on Saturday is Saturday (:func:`redate_today`). A
quotation of an older message ("In a March 3 email she wrote: 'We meet Sunday night at 8
PM'") is read against the message's day when the text gives it, and marked uncertain either
way: a reader should see that the date was worked out, not told (:func:`read_older_messages`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import replace

from timeline.temporal import context
from timeline.temporal.model import Timex
from timeline.temporal.resolve import Resolution

#: Expressions that count days from the moment of speaking, so a quotation shifts them.
_DEICTIC_DAY = re.compile(r"(?i:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon"
                          r"|evening)|(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening"
                          r"|night)|last\s+night)")


def redate_today(text: str, found: list[Resolution], anchor: dt.date,
                 quotes: list[tuple[int, int]] | None = None) -> list[Resolution]:
    """ "Until today," inside a quote spoken on Saturday means Saturday, not the anchor;
    "yesterday" in that quote is Friday. ``quotes``: the text's quotation spans, if known."""
    if not any(_DEICTIC_DAY.match(text, r.start, r.end) for r in found):
        return found
    quotes = context.quote_spans(text) if quotes is None else quotes
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


# -- quotations of older messages ---------------------------------------------------------------

#: Written messages a quotation may come from.
_MESSAGE = re.compile(r"\b(?:message|letter|e-?mail|post|posting|note|memo|text|tweet|notice"
                      r"|flyer|leaflet|voicemail|diary|journal|invitation|newsletter|bulletin"
                      r"|circular|entry|chat|thread)s?\b", re.I)
#: A speech act told in the past perfect: said before the time the story is told from.
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:said|written|told|posted|sent|tweeted"
                         r"|announced|warned|promised|declared|stated|texted|emailed)\b", re.I)
#: Words that place a message in the past without a date: "an earlier email", "years ago".
_OLD_WORDS = re.compile(r"\b(?:earlier|ago|old|previous|archived|once|back\s+in|years?\s+before"
                        r"|at\s+the\s+time|then)\b", re.I)
_YEAR_WRITTEN = re.compile(r"\b(?:1\d|20)\d\d\b|['\u2019]\d\d\b")
#: A message older than this (days before the publication date) is no longer today's news.
_OLDER_THAN = 3

UNCERTAIN = "named in a quotation of an older message; worked out from the publication date"


def read_older_messages(text: str, timexes: list[Timex], anchor: dt.date,
                        tag_as_of: Callable[[str, dt.date], list[Timex]],
                        quotes: list[tuple[int, int]] | None = None) -> list[Timex]:
    """``timexes`` with those a quotation of an older message holds read against the message's
    day (``tag_as_of(quote, day)``) when the text gives it, and marked uncertain."""
    quotes = context.quote_spans(text) if quotes is None else quotes
    if not quotes or not any(_needs_the_speech_day(text, t) for t in timexes):
        return timexes
    out = list(timexes)
    starts = [t.start for t in timexes]  # in text order: a binary search finds a span's own
    for quote in quotes:
        inside = [i for i in _starting_in(starts, *quote)
                  if out[i].end <= quote[1] and _needs_the_speech_day(text, out[i])]
        if not inside:
            continue
        written = _message_day(text, timexes, starts, quote, quotes, anchor)
        if written is None:
            continue
        day, doubt = written
        reread = {(t.start, t.end): t for t in tag_as_of(text[quote[0]:quote[1]], day)} if (
            day is not None) else {}
        for index in inside:
            timex = out[index]
            again = reread.get((timex.start - quote[0], timex.end - quote[0]))
            if again is not None and again.interval is not None:
                timex = replace(timex, value=again.value, mod=again.mod, interval=again.interval,
                                precision=again.precision, timeml_value=again.timeml_value)
            out[index] = replace(timex, doubt=doubt)
    return out


def _needs_the_speech_day(text: str, timex: Timex) -> bool:
    """True for a date or time whose value was worked out from the day of speaking: "Sunday",
    "tomorrow", "next week", "8 PM", "March 3" (but not "March 3, 2014" or "1998")."""
    return (timex.type in ("DATE", "TIME") and timex.interval is not None
            and not _YEAR_WRITTEN.search(timex.text))


def _starting_in(starts: list[int], lo: int, hi: int) -> range:
    """Indices of the expressions (``starts`` sorted) that start in ``[lo, hi)``."""
    return range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))


def _message_day(text: str, timexes: list[Timex], starts: list[int], quote: tuple[int, int],
                 quotes: list[tuple[int, int]],
                 anchor: dt.date) -> tuple[dt.date | None, str | None] | None:
    """(the day to read the quotation against, or None; the doubt to show, or None) when it
    comes from an older message or speech; None when it is today's.

    A written message (an email, a letter, a post) or words told in the past perfect ("had
    written") are doubtful however they are read: the text rarely says which "Sunday" its
    writer meant. Words spoken more than a week ago on a day the text names are read against
    that day ("The minister spoke on June 2. 'We vote Sunday,' he said.")."""
    around = _attribution(text, quote)
    told = (_days_told(timexes, starts, around[:2], quotes)
            or _days_told(timexes, starts, around[2:], quotes))
    older = [t for t in told if (anchor - t.interval[1]).days >= _OLDER_THAN - 1]
    day = next((t.interval[0] for t in reversed(older) if t.precision in _DAY_PRECISIONS), None)
    pluperfect = any(_PLUPERFECT.search(text, a, b) for a, b in around)
    if pluperfect or any(_MESSAGE.search(text, a, b) for a, b in around):
        if not (pluperfect or older or any(_OLD_WORDS.search(text, a, b) for a, b in around)):
            return None  # "'We meet Sunday,' she wrote in an email on Friday": today's news
        if day is None:
            return None, UNCERTAIN
        label = f"{day.day} {day.strftime('%B')} {day.year}"
        return day, f"named in a quotation of a message of {label}; worked out from that day"
    spoken = any(context.has_speech_verb(text, a, b) for a, b in around)
    if spoken and day is not None and (anchor - day).days > 7:
        return day, None
    return None


_DAY_PRECISIONS = ("day", "daypart", "hour", "minute", "second")


def _days_told(timexes: list[Timex], starts: list[int], spans: list[tuple[int, int]],
               quotes: list[tuple[int, int]]) -> list[Timex]:
    """The dates told in ``spans`` outside every quotation: when the words were said or
    written ("he said Friday"), not what another quotation was about ("since Labor Day")."""
    found = sorted({i for a, b in spans for i in _starting_in(starts, a, b)
                    if timexes[i].end <= b})
    return [t for t in (timexes[i] for i in found)
            if t.interval is not None and t.type in ("DATE", "TIME")
            and _enclosing(quotes, t.start, t.end) is None]


def _attribution(text: str, quote: tuple[int, int]) -> list[tuple[int, int]]:
    """The words around a quotation that say who said or wrote it and when: its own sentence,
    and the sentence before when its tag has no speaker of its own ("he said", or none)."""
    lo = context.sentence_bounds(text, quote[0], quote[0])[0]
    hi = context.sentence_bounds(text, quote[1], quote[1])[1]
    spans = [(lo, quote[0]), (quote[1], hi)]
    if lo > 0 and not _tagged_after(text, quote) and not context.has_speech_verb(
            text, lo, quote[0]):
        before = context.sentence_bounds(text, lo - 1, lo - 1)[0]
        spans.append((before, lo))
    return spans
