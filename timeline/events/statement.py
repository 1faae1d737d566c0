"""What an event says, as a reader takes it under its date: its sentence without the page's
labels around it.

A scraped sentence may open with a label that repeats its date or names the wire ("* 22 April -
", "Apr. 21: ", "HOUSTON (Agency) - ") or with the page's headline glued before it (no stop
between them). Under the date's heading neither says anything: the statement starts after
them. Each citation keeps its sentence verbatim (for its offsets and the highlighted date);
the index and ``events.json``'s ``text`` give the statement.
"""

from __future__ import annotations

from timeline.events.shapes import glued_at, leading_label_end
from timeline.model import Citation, Event


def statement_start(citation: Citation) -> int:
    """Where the statement starts in ``citation.sentence``: after a leading date, time or
    dateline label, or after a headline glued before the sentence that holds the date; 0
    when the sentence is the statement."""
    start = leading_label_end(citation.sentence)
    glued = glued_at(citation.sentence)
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
