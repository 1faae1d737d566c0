"""Find the entries of chronologies that journalists wrote into their articles.

News reports of a long story often carry a chronology: a list of lines that each open with a
date and a separator and say in one sentence what happened then ("* 12 May - The council
votes to close the mill."). Such a line is a journalist's own summary of its date, so it is a
good candidate to say what happened on that date. A date opening a line on its own is not
enough (a photo caption, "12 May: A crowd gathers ...", opens the same way): the article must
hold several of them for several different dates, as a chronology does (a gallery's captions
mostly repeat the day its photographs were taken).
"""

from __future__ import annotations

import re
from collections import defaultdict

from timeline.model import Citation, Event

#: An article with date-led lines for at least this many different dates holds a chronology.
MIN_ENTRIES = 3
#: Before the date: at most a bullet or dash and spaces. After it: a dash, colon or bar.
_LEAD = re.compile(r"[\W_]{0,3}")
_SEPARATOR = re.compile(r"\s*[-:|\u2012\u2013\u2014\u2015]")
#: Precisions a chronology entry is dated at (a live blog's "8.49 pm:" is no chronology).
_ENTRY_PRECISIONS = frozenset({"day", "month", "year"})


def date_led(citation: Citation) -> bool:
    """True when the citation's sentence opens with its own date and a separator."""
    timex = citation.timex
    if timex.precision not in _ENTRY_PRECISIONS:
        return False
    start = timex.start - citation.sentence_start
    end = timex.end - citation.sentence_start
    sentence = citation.sentence
    if not 0 <= start < end <= len(sentence):
        return False
    return (_LEAD.fullmatch(sentence[:start]) is not None
            and _SEPARATOR.match(sentence, end) is not None)


def chronology_entries(events: list[Event]) -> set[str]:
    """Ids of the events that at least one article gives as an entry of its chronology."""
    led = [(event, citation) for event in events for citation in event.citations
           if date_led(citation)]
    dates: dict[str, set[str]] = defaultdict(set)
    for _, citation in led:
        dates[str(citation.article.path)].add(citation.timex.value)
    return {event.id for event, citation in led
            if len(dates[str(citation.article.path)]) >= MIN_ENTRIES}
