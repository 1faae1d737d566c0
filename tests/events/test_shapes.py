"""timeline.events.shapes: the shape of a line (what stays when the values go)."""

from __future__ import annotations

from timeline.events.shapes import _CALENDAR, glued_at, line_shape


def test_every_month_and_weekday_name_in_any_case_is_a_calendar_value_and_longer_words_not():
    for word in sorted(_CALENDAR):
        for written in (word, word.title(), word.upper()):
            assert line_shape(f"due {written} soon") == "due @ soon", written
    for word in ("Mayor", "marching", "Monde", "sunny", "Augusta", "decimal", "Junebug"):
        assert "@" not in line_shape(f"due {word} soon"), word


def test_a_stamp_line_keeps_its_words_and_loses_its_values():
    assert line_shape("Page updated at 10:49 GMT, Tuesday, 4 May 2021") == (
        "C updated at # : # A , @ , # @ #")


def test_a_capitalised_word_is_glued_only_when_the_page_writes_it_lower_case_as_a_word():
    sentence = "Ferry crews walk out at dawn Harbour staff join them on Friday."
    assert glued_at(sentence, sentence + " The harbour stays shut; harbour fees rise.") > 0
    assert glued_at(sentence, sentence) == 0  # never in lower case
    assert glued_at(sentence, sentence + " The harbourmaster and harbours stay calm.") == 0
