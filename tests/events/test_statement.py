"""timeline.events.statement: what an event says under its date, without the page's labels."""

from __future__ import annotations

import datetime as dt

from eventfactory import article, event

from timeline.events.statement import statement
from timeline.site.exports import event_to_json

PAPER = article("p", dt.date(2016, 3, 9))


def test_a_leading_date_or_dateline_label_and_a_glued_headline_are_not_the_statement():
    said = [statement(event(PAPER, sentence, "8 March", "2016-03-08")) for sentence in (
        "* 8 March - The Ebro flood wall gives way at Tortosa.",
        "TORTOSA (Wire) - Engineers closed the breach on 8 March.",
        "Tortosa counts the cost The flood wall gave way on 8 March.",
        "MAYOR: We will rebuild the wall by 8 March.",
        "The wall held until 8 March, when the river rose again.")]
    assert said == ["The Ebro flood wall gives way at Tortosa.",
                    "Engineers closed the breach on 8 March.",
                    "The flood wall gave way on 8 March.",
                    "MAYOR: We will rebuild the wall by 8 March.",  # a speaker is no label
                    "The wall held until 8 March, when the river rose again."]


def test_events_json_gives_the_statement_and_keeps_the_sentence_in_the_citation():
    entry = event(PAPER, "* 8 March - The Ebro flood wall gives way at Tortosa.", "8 March",
                  "2016-03-08")
    data = event_to_json(entry)
    assert data["text"] == "The Ebro flood wall gives way at Tortosa."
    assert data["citations"][0]["sentence"] == entry.text
