"""Events from dated sentences, with hand-made Timex objects (no tagger needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.events.extract import build_events, event_id, normalise
from timeline.model import Article, Block
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret


def article(*paragraphs: str, dateline: str | None = None) -> Article:
    parts = ([("dateline", dateline)] if dateline else []) + [("paragraph", p) for p in paragraphs]
    text, blocks, offset = "", [], 0
    for kind, content in parts:
        if text:
            text += "\n\n"
            offset += 2
        blocks.append(Block(kind, offset, offset + len(content)))
        text += content
        offset += len(content)
    return Article(path=Path("content/a.txt"), slug="a", title="A", text=text, blocks=blocks,
                   published=dt.date(2014, 6, 15))


def timex(art: Article, phrase: str, value: str, type_: str = "DATE", nth: int = 0) -> Timex:
    start = -1
    for _ in range(nth + 1):
        start = art.text.index(phrase, start + 1)
    meaning = interpret(value)
    return Timex(start, start + len(phrase), phrase, type_, value, None,
                 meaning.precision if meaning else None,
                 (meaning.start, meaning.end) if meaning else None)


def test_a_dated_sentence_becomes_an_event_with_its_citation():
    art = article("Kerry called Zebari on Saturday. Nothing else happened.")
    saturday = timex(art, "on Saturday", "2014-06-14")
    [event] = build_events(art, [saturday])
    assert (event.value, event.precision) == ("2014-06-14", "day")
    assert (event.start, event.end) == (dt.date(2014, 6, 14), dt.date(2014, 6, 15))
    assert event.text == "Kerry called Zebari on Saturday."
    [citation] = event.citations
    assert citation.article is art
    assert citation.timex is saturday
    assert art.text[citation.sentence_start:citation.sentence_end] == citation.sentence
    assert citation.other_timexes == []


def test_most_specific_expression_dates_the_event_others_kept():
    art = article("Last fall they spoke, and on Saturday they met again in 2014.")
    fall = timex(art, "Last fall", "2013-FA")
    saturday = timex(art, "on Saturday", "2014-06-14")
    year = timex(art, "2014", "2014")
    [event] = build_events(art, [fall, saturday, year])
    assert event.value == "2014-06-14"
    assert event.citations[0].other_timexes == [fall, year]


def test_tie_goes_to_the_first_expression():
    art = article("Talks ran from Monday to Tuesday.")
    monday = timex(art, "Monday", "2014-06-16")
    tuesday = timex(art, "Tuesday", "2014-06-17")
    [event] = build_events(art, [tuesday, monday])
    assert event.value == "2014-06-16"


def test_durations_vague_and_unresolved_expressions_make_no_event():
    art = article("Over the past year they talked. In recent days they met. "
                  "They meet every week. They met on Saturday.")
    found = [
        timex(art, "Over the past year", "P1Y", "DURATION"),
        timex(art, "In recent days", "PAST_REF"),
        timex(art, "every week", "P1W", "SET"),
        timex(art, "on Saturday", "XXXX-WXX-6"),  # unresolved: no anchor
    ]
    assert build_events(art, found) == []


def test_time_expression_anchors_an_event():
    art = article("The call came at 10 a.m. on Saturday.")
    at_ten = timex(art, "10 a.m. on Saturday", "2014-06-14T10:00", "TIME")
    [event] = build_events(art, [at_ten])
    assert event.precision == "minute"


def test_date_line_is_not_an_event():
    art = article("Kerry called on Saturday.", dateline="Sunday, 15 June 2014")
    line = timex(art, "Sunday, 15 June 2014", "2014-06-15")
    saturday = timex(art, "on Saturday", "2014-06-14")
    [event] = build_events(art, [line, saturday])
    assert event.value == "2014-06-14"


def test_each_sentence_its_own_event_in_text_order():
    art = article("Rouhani spoke on Saturday.", "Graham said Sunday on CNN.")
    events = build_events(art, [timex(art, "Sunday", "2014-06-15"),
                                timex(art, "on Saturday", "2014-06-14")])
    assert [e.value for e in events] == ["2014-06-14", "2014-06-15"]
    assert events[1].text == "Graham said Sunday on CNN."


def test_ids_are_stable_and_ignore_quotes_case_and_spacing():
    assert event_id("2014-06-14", "Kerry’s call  on Saturday.") == event_id(
        "2014-06-14", "kerry's call on saturday")
    assert event_id("2014-06-14", "Kerry called.") != event_id("2014-06-15", "Kerry called.")
    assert normalise("“Hello,”  World—again") == "hello world again"


def test_ids_do_not_depend_on_position():
    first = article("Kerry called on Saturday.")
    moved = article("An earlier paragraph.", "Kerry called on Saturday.")
    [a] = build_events(first, [timex(first, "on Saturday", "2014-06-14")])
    [b] = build_events(moved, [timex(moved, "on Saturday", "2014-06-14")])
    assert a.id == b.id


def test_repeated_sentence_gets_distinct_ids():
    art = article("They met on Saturday.", "They met on Saturday.")
    events = build_events(art, [timex(art, "on Saturday", "2014-06-14", nth=0),
                                timex(art, "on Saturday", "2014-06-14", nth=1)])
    assert len({e.id for e in events}) == 2
    assert events[1].id == events[0].id + "-2"


def test_expression_straddling_sentences_is_ignored():
    art = article("It ended. Monday came.")
    odd = Timex(3, 14, art.text[3:14], "DATE", "2014-06-16", None, "day",
                (dt.date(2014, 6, 16), dt.date(2014, 6, 17)))
    assert build_events(art, [odd]) == []


def test_an_event_told_with_a_range_spans_it_and_a_doubt_goes_with_it():
    from timeline.temporal import tag

    art = article("The festival runs June 3-5 at the fairgrounds.")
    [festival] = build_events(art, tag(art.text, dt.date(2014, 5, 20)))
    assert (festival.value, festival.end_value) == ("2014-06-03", "2014-06-05")
    assert (festival.start, festival.end) == (dt.date(2014, 6, 3), dt.date(2014, 6, 6))
    assert festival.label == "3\u20135 June 2014" and festival.doubt is None
    hand_made = Timex(0, 3, "The", "DATE", "2014-06-08", None, "day",
                      (dt.date(2014, 6, 8), dt.date(2014, 6, 9)), doubt="told in a quotation")
    [doubtful] = build_events(article("The gates opened."), [hand_made])
    assert doubtful.doubt == "told in a quotation"


def test_today_ending_a_state_up_to_the_moment_of_speaking_dates_no_event():
    from timeline.temporal import tag

    art = article("\u201cUntil today, no request for help has been made,\u201d the minister said.",
                  "The minister said the request came today.")
    events = build_events(art, tag(art.text, dt.date(2014, 6, 15)))
    assert [e.text for e in events] == ["The minister said the request came today."]
