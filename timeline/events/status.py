"""Decide whether an event was *reported* (it had happened when the source was published) or is
*expected* (scheduled or foreseen as of the publication date).

Each citation is judged on its own, from two facts:

- the event's date interval against the citing article's publication day: an event that starts
  after it is in that article's future (expected); one that ended before it is in its past
  (reported);
- when the interval holds the publication day ("this week", "in June", "today"), or the
  article has no date, the tense and modality of the clause that holds the dating expression
  decide (read by the tagger's :func:`~timeline.temporal.context.clause_direction`): "will
  vote this week", "could come today", "is due to resume this month" are expected, "voted
  this week" reported. Another clause's "will" does not count: in "officials, who will meet
  Monday, said on Friday that ...", Friday is reported and Monday expected. Where the verb
  says nothing, scheduling words in the same clause ("is set to", "a deadline") decide.

An event is reported as soon as one source reports it as past; otherwise it is expected as of
the latest publication that still looks forward to it (``Event.status_as_of``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from timeline.model import Citation, Event
from timeline.temporal.context import direction, own_clause

REPORTED = "reported"
EXPECTED = "expected"

#: Wording that puts the event ahead of the writer. "would" is left out on purpose: in news it
#: is mostly reported speech about the past ("said it would help").
FUTURE_CUES = re.compile(
    r"\b(?:will|won['’]t|shall|is\s+going\s+to|are\s+going\s+to"
    r"|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|slated|poised)\s+to"
    r"|expected\s+to|scheduled|slated|upcoming|deadline|plans?\s+to|planned|planning\s+to"
    r"|intends?\s+to|aims?\s+to|to\s+be\s+held)\b",
    re.IGNORECASE,
)


#: Words that must back the tagger's reading of a clause as looking ahead before an event is
#: called expected: its lexicon, tuned to pick the year of "Friday", also takes words such as
#: "face" or "appears" as leaning forward, and a false "expected" misleads more than a false
#: "reported". The scheduling cues above, modal verbs, words of prediction or lateness, and
#: the verbs of a timetable in the present tense ("the fair opens this week").
MODAL_OR_AHEAD = re.compile(
    FUTURE_CUES.pattern + r"|\b(?:would|could|can|may|might|must|should|ought|['’]ll"
    r"|likely|unlikely|later|soon|next|tomorrow|upcoming|expects?|forecasts?|predicts?"
    r"|is\s+to|are\s+to|to\s+be"
    r"|(?:begin|start|open|reopen|close|end|run|meet|convene|resume|arrive|leave|depart"
    r"|expire|debut|premiere|air|kick)s?)\b",
    re.IGNORECASE,
)


def has_future_cue(sentence: str) -> bool:
    """True when the sentence's wording looks ahead ("will convene", "a July 20 deadline")."""
    return FUTURE_CUES.search(sentence) is not None


def citation_status(start: dt.date, end: dt.date, citation: Citation,
                    looks_ahead=None) -> str:
    """``expected`` or ``reported`` for one source: the event ``[start, end)`` vs its date.
    ``looks_ahead`` is :func:`looks_ahead_in` or a memo of it, called with
    :func:`clause_key`."""
    published = citation.article.published_date
    if published is not None:
        if start > published:
            return EXPECTED
        if end <= published:
            return REPORTED
    ahead = looks_ahead(clause_key(citation)) if looks_ahead else clause_looks_ahead(citation)
    return EXPECTED if ahead else REPORTED


def clause_looks_ahead(citation: Citation) -> bool:
    """True when the clause holding the citation's dating expression points to the future."""
    return looks_ahead_in(clause_key(citation))


def clause_key(citation: Citation) -> tuple[str, int, int, str]:
    """What :func:`looks_ahead_in` reads of a citation: its sentence, where the dating
    expression is in it, and the expression."""
    timex, offset = citation.timex, citation.sentence_start
    return citation.sentence, timex.start - offset, timex.end - offset, timex.text


def looks_ahead_in(key: tuple[str, int, int, str]) -> bool:
    """:func:`clause_looks_ahead` of the citation whose :func:`clause_key` is ``key``."""
    sentence, lo, hi, expression = key
    if not (0 <= lo < hi <= len(sentence)) or sentence[lo:hi] != expression:
        return has_future_cue(sentence)  # an event added by hand: no expression to start from
    clause = own_clause(sentence, lo, hi)
    leaning = direction(clause, lo, hi)
    if leaning < 0:
        return False
    if leaning > 0:
        return MODAL_OR_AHEAD.search(clause) is not None
    return has_future_cue(clause)


def assign_status(event: Event, looks_ahead=None) -> Event:
    """Set :attr:`Event.status` and :attr:`Event.status_as_of` from all the event's citations
    (``looks_ahead``: see :func:`citation_status`)."""
    judged = [(citation_status(event.start, event.end, c, looks_ahead), c)
              for c in event.citations]
    if not judged or any(status == REPORTED for status, _ in judged):
        event.status, event.status_as_of = REPORTED, None
        return event
    event.status = EXPECTED
    dates = [c.article.published_date for _, c in judged if c.article.published_date]
    event.status_as_of = max(dates) if dates else None
    return event


def assign_statuses(events: Iterable[Event], looks_ahead=None) -> list[Event]:
    """:func:`assign_status` for every event; returns them as a list, in the same order.
    ``looks_ahead`` (a memo of :func:`looks_ahead_in` kept between builds) spares judging
    again the clauses of sentences seen before."""
    return [assign_status(event, looks_ahead) for event in events]


def status_label(event: Event) -> str:
    """How the page names the status: "reported", "expected, as of 15 June 2014"."""
    if event.status != EXPECTED:
        return event.status
    if event.status_as_of is None:
        return EXPECTED
    day = event.status_as_of
    return f"{EXPECTED}, as of {day.day} {calendar.month_name[day.month]} {day.year}"
