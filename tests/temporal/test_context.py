"""Tests for ``timeline.temporal.context``: tense direction, quotations, sentence windows,
routines."""

from __future__ import annotations

import pytest

from timeline.temporal.context import (
    direction,
    has_speech_verb,
    in_routine_sentence,
    is_routine_word,
    quote_spans,
    routine_noun_after,
    season_names_a_kind,
    sentence_bounds,
    weekday_in_routine_list,
)


def _direction(sentence: str, expression: str) -> int:
    start = sentence.index(expression)
    return direction(sentence, start, start + len(expression))


@pytest.mark.parametrize("sentence, expression, expected", [
    ("Officials said Friday that the city fell.", "Friday", -1),
    ("He said he will meet them on Friday.", "Friday", 1),
    ("The rebate will be paid May 9 to members.", "May 9", 1),
    ("It is scheduled to close Monday.", "Monday", 1),
    ("The plan was announced in January.", "January", -1),
    ("Payment is due on an unspecified date in January.", "January", 1),
    ("The payment comes on an unspecified date in January.", "January", 0),
    ("Ms. Okafor, 47, will succeed Helen R. Marsh Feb. 1.", "Feb. 1", 1),
    ("In January, the company brought in a new chief.", "January", -1),
    ("The meeting on Friday.", "Friday", 0),
    # "by" leans ahead only when no verb of the clause, even a distant one, says otherwise
    ("The fire had burned across more than 38,000 acres of timber and grassland by Thursday.",
     "Thursday", -1),
    ("The judge ordered the probation office to complete a presentence report by mid-July.",
     "mid-July", 1),
])
def test_direction(sentence: str, expression: str, expected: int) -> None:
    assert _direction(sentence, expression) == expected


def test_direction_does_not_look_past_the_sentence_start() -> None:
    text = "He will go. The talks on Monday."
    assert _direction(text, "Monday") == 0


def test_quote_spans_of_all_quote_styles() -> None:
    text = 'He said "yes" and \u201cno\u201d and ``maybe\'\'.'
    spans = quote_spans(text)
    assert [text[a:b] for a, b in spans] == ['"yes"', "\u201cno\u201d", "``maybe''"]


def test_sentence_bounds_and_speech_verbs() -> None:
    text = "It rained. Mr. Rouhani said on Saturday that talks were possible. Then it stopped."
    start = text.index("Saturday")
    lo, hi = sentence_bounds(text, start, start + 8)
    assert text[lo:hi] == "Mr. Rouhani said on Saturday that talks were possible"
    assert has_speech_verb(text, lo, hi)
    assert not has_speech_verb(text, 0, 10)


def test_an_unclosed_quote_ends_at_the_paragraph_break() -> None:
    text = 'He said "open\n\nNext paragraph "ok" and \u201cnever closed'
    assert [text[a:b] for a, b in quote_spans(text)] == ['"ok"']


def _span(text: str, expression: str) -> tuple[int, int]:
    start = text.index(expression)
    return start, start + len(expression)


@pytest.mark.parametrize("cue, text, expression, expected", [
    (in_routine_sentence, "The gallery is open daily from noon to 6 p.m.", "6 p.m.", True),
    (in_routine_sentence, "Matinees start at 2 p.m. on Saturdays.", "2 p.m.", True),
    (in_routine_sentence, "The verdict was read at 3:30 p.m. Tuesday.", "3:30 p.m.", False),
    # the routine of another sentence does not carry over
    (in_routine_sentence, "The shop opens daily. The fire started at 4 a.m.", "4 a.m.", False),
    (weekday_in_routine_list, "Plays run every Wednesday and Thursday evening.", "Thursday", True),
    (weekday_in_routine_list, "The gallery is open Tuesday to Sunday.", "Tuesday", True),
    (weekday_in_routine_list, "The store will open Sunday after repairs.", "Sunday", False),
    (weekday_in_routine_list, "The vote was on Wednesday and Thursday.", "Thursday", False),
])
def test_routine_cues(cue, text: str, expression: str, expected: bool) -> None:
    assert cue(text, *_span(text, expression)) is expected


def test_routine_words_and_nouns() -> None:
    assert is_routine_word("Saturdays") and is_routine_word("every week")
    assert not is_routine_word("Saturday")
    text = "The library restores Sunday hours; the Sunday vote failed."
    assert routine_noun_after(text, _span(text, "Sunday")[1])
    assert not routine_noun_after(text, text.rindex("Sunday") + len("Sunday"))


# -- the expression's own clause ----------------------------------------------------------


def _clause(sentence: str, expression: str) -> str:
    from timeline.temporal.context import own_clause

    start = sentence.index(expression)
    clause = own_clause(sentence, start, start + len(expression))
    assert len(clause) == len(sentence)  # offsets still hold
    return " ".join(clause.split())


def test_own_clause_blanks_the_asides_that_do_not_hold_the_expression():
    sentence = "Officials, who will meet Monday, said on Friday that the pier would stay shut."
    assert _clause(sentence, "Friday") == ("Officials said on Friday that the pier would stay "
                                           "shut.")
    assert _clause(sentence, "Monday") == ", who will meet Monday,"


def test_own_clause_blanks_parentheses_dashes_and_a_relative_clause_after_it():
    assert _clause("Crews left on Sunday (they will return in May).", "Sunday") == \
        "Crews left on Sunday ."
    assert _clause("The pier — which will reopen in June — shut on Sunday.", "Sunday") == \
        "The pier shut on Sunday."
    assert _clause("On Sunday the crews who will rebuild it arrived.", "Sunday") == \
        "On Sunday the crews ."
    assert _clause("On Sunday the WHO will meet.", "Sunday") == "On Sunday the WHO will meet."


def test_clause_direction_reads_the_verb_of_the_expression_s_clause():
    from timeline.temporal.context import clause_direction

    sentence = "The ferry, which will be sold next year, sailed on Sunday."
    start = sentence.index("Sunday")
    assert clause_direction(sentence, start, start + 6) == -1


@pytest.mark.parametrize("text, expression, expected", [
    ("Tickets for the spring fair sell fast.", "the spring", True),
    ("She designed the autumn range of shoes.", "the autumn", True),
    ("The team sent a squad to the Winter Games.", "the Winter", True),
    ("The late summer sun warmed the valley.", "late summer", True),
    ("The winter meeting will elect a chair.", "The winter", True),  # a noun the verb follows
    # a time: before a noun of time, a verb, a word of the clause, punctuation or the end
    ("Classes resume after the winter break.", "the winter", False),
    ("The spring arrived early.", "The spring", False),
    ("The fall was dry; the summer, wet.", "the summer", False),
    ("They sailed in the summer, then rested.", "the summer", False),
    ("They sailed in the summer", "the summer", False),
    ("We rebuilt the barn during the spring selling nothing.", "the spring", False),
    ("In the autumn Parliament sits again.", "the autumn", False),  # a clause after "in"
])
def test_a_season_names_a_kind_of_thing_before_a_noun(text, expression, expected) -> None:
    assert season_names_a_kind(text, *_span(text, expression)) is expected


@pytest.mark.parametrize("sentence, expression, expected", [
    # a date describing a noun in a preposition's phrase: the clause's verb is not its time
    ("The port faces three lawsuits over the March 3 collision.", "March 3", 0),
    ("The city opens an inquiry into the March 3 collision.", "March 3", 0),
    ("A claim by the ferry owners after the March 3 collision is before the court.", "March 3",
     0),
    # nor a modal; as the verb's own object the date may be when it happens
    ("The city will open an inquiry into the March 3 collision.", "March 3", 0),
    ("The council faces the March 3 vote.", "March 3", 1),
    ("The board meets on March 3.", "March 3", 1),
    # "-to-" compounds are adjectives: "hard-to-open" is no verb "open"
    ("Divers reached the hard-to-open hatch on March 3.", "March 3", -1),
])
def test_a_date_describing_a_noun_or_after_a_compound(sentence, expression, expected) -> None:
    assert _direction(sentence, expression) == expected
