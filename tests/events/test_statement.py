"""timeline.events.statement: what an event says under its date, without the page's labels."""

from __future__ import annotations

import datetime as dt

from eventfactory import article, event

from timeline.events.statement import shown_title, statement
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


def test_an_agency_in_brackets_and_a_byline_of_two_names_before_a_dateline_are_labels():
    said = [statement(event(PAPER, sentence, "8 March", "2016-03-08")) for sentence in (
        "(Wire) Engineers closed the breach on 8 March.",
        "By Ann Lee and Bo Ray TORTOSA (Wire) - Engineers closed the breach on 8 March.",
        "(The town council met on 8 March) It voted to rebuild.",
        "Ebro and Segre - the rivers that flooded - rose again on 8 March.")]
    assert said == ["Engineers closed the breach on 8 March.",
                    "Engineers closed the breach on 8 March.",
                    "(The town council met on 8 March) It voted to rebuild.",
                    "Ebro and Segre - the rivers that flooded - rose again on 8 March."]


def test_a_title_is_listed_without_the_stamp_and_dateline_of_a_scraped_first_line():
    assert shown_title("TORTOSA | Tue Mar 8, 2016 6:15 pm CET TORTOSA (Wire) - The flood wall"
                       " gave way") == "The flood wall gave way"
    assert shown_title("By Ann Lee, Rivers and Coasts Editor TORTOSA | Tue Mar 8, 2016 6:15 pm"
                       " CET TORTOSA (Wire) - The flood wall gave way") == "The flood wall gave way"
    assert shown_title("2016: The year the river won") == "2016: The year the river won"
    assert shown_title("MAYOR: We will rebuild the wall") == "MAYOR: We will rebuild the wall"


def test_a_photo_credit_run_into_the_sentence_is_a_label():
    said = [statement(event(PAPER, sentence, "8 March", "2016-03-08")) for sentence in (
        "Photograph: Ann Lee/Wire The flood wall gave way on 8 March.",
        "Photo: Bo Ray / River Agency Engineers closed the breach on 8 March.",
        "(Picture: Ann Lee / Wire) The flood wall gave way on 8 March.",
        "Credit: Ann Lee The flood wall gave way on 8 March.",
        "Image: Ann Lee/Wire TORTOSA (Wire) - Engineers closed the breach on 8 March.",
        "Photo: Ann Lee took this picture of the breach on 8 March.",
        "Photos: the breach at dawn on 8 March.",
        "The Photo: Rivers show opened on 8 March.")]
    assert said == ["The flood wall gave way on 8 March.",
                    "Engineers closed the breach on 8 March.",
                    "The flood wall gave way on 8 March.",
                    "The flood wall gave way on 8 March.",
                    "Engineers closed the breach on 8 March.",
                    # not a credit: a photographer's own sentence, a caption, a title
                    "Photo: Ann Lee took this picture of the breach on 8 March.",
                    "Photos: the breach at dawn on 8 March.",
                    "The Photo: Rivers show opened on 8 March."]


def test_a_title_leading_the_subject_after_a_photo_credit_is_the_statement_s():
    said = statement(event(PAPER, "Photograph: Ann Lee/Wire Mayor Bo Ray opened the flood wall"
                           " on 8 March.", "8 March", "2016-03-08"))
    assert said == "Mayor Bo Ray opened the flood wall on 8 March."


def test_a_headline_glued_before_a_sentence_opening_with_a_common_word_is_not_the_statement():
    page = article("glued", dt.date(2016, 3, 9))
    page.text = ("Flood wall gives way, river rises Boat crews search the streets on 8 March."
                 "\n\nThe boat of the mayor led the search, and a second boat came at dusk.")
    glued = event(page, "Flood wall gives way, river rises Boat crews search the streets on"
                  " 8 March.", "8 March", "2016-03-08")
    named = event(page, "Tortosa welcomed the volunteers Boat crews searched on 8 March.",
                  "8 March", "2016-03-08")
    named.citations[0].article = article("named", dt.date(2016, 3, 9))
    named.citations[0].article.text = "Boat Lane flooded first; the boat club moved." + named.text
    assert statement(glued) == "Boat crews search the streets on 8 March."
    assert statement(named) == "Tortosa welcomed the volunteers Boat crews searched on 8 March."
