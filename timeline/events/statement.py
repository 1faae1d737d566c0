"""What an event says, as a reader takes it under its date: its sentence without the page's
labels around it.

A scraped sentence may open with a label that repeats its date or names the wire ("* 22 April -
", "Mar. 3: ", "RIVERTON (Agency) - ") or with the page's headline glued before it (no stop
between them). Under the date's heading neither says anything: the statement starts after
them. Each citation keeps its sentence verbatim (for its offsets and the highlighted date);
the index and ``events.json``'s ``text`` give the statement. A source's title listed under a
sentence is shown without the wire dateline or publication stamp a scraped first line opens with.
"""

from __future__ import annotations

import re

from timeline.events.shapes import glued_at, leading_label_end
from timeline.model import Citation, Event

#: A title's leading label is page furniture when it names a place or an agency (capitals, a
#: bracket) or holds a clock time (a publication stamp); a date alone may be the title's own.
_FURNITURE_LABEL = re.compile(r"\(|\b[A-Z]{2,}\b|\d[:.]\d\d")


def statement_start(citation: Citation) -> int:
    """Where the statement starts in ``citation.sentence``: after a leading date, time or
    dateline label, or after a headline glued before the sentence that holds the date; 0
    when the sentence is the statement."""
    start = leading_label_end(citation.sentence)
    glued = glued_at(citation.sentence, citation.article.text)
    if start < glued <= citation.timex.start - citation.sentence_start:
        start = glued  # a headline glued before the sentence that dates the event
    return start


def statement(event: Event) -> str:
    """The event's statement: its text, without a leading label or glued headline when the
    text is its first citation's sentence."""
    if not event.citations or event.text != event.citations[0].sentence:
        return event.text
    start = statement_start(event.citations[0])
    return event.text[start:] if start else event.text


def shown_title(title: str) -> str:
    """A source's title as listed under a sentence: without a leading wire dateline or
    publication stamp that a scraped page's first line brings ("RIVERTON | Wed May 5, 2021
    7:30 pm EDT RIVERTON (Agency) - "); a title opening with a date alone keeps it."""
    end = leading_label_end(title)
    return title[end:] if end and _FURNITURE_LABEL.search(title, 0, end) else title
