"""Headlines: a complete phrase saying what happened at the event's date, or none at all.

Every sentence here was written for these tests; each expected headline was written by hand
from the rules in the module docstring.
"""

from __future__ import annotations

import pytest

from timeline.events.headline import MAX_WORDS, REPEATS, STANDS_ALONE, make_headline


def headline(sentence: str, expression: str) -> str:
    start = sentence.index(expression)
    return make_headline(sentence, start, start + len(expression))


CASES = [
    # a trailing attribution goes; at most 60% of the sentence: cut before "after"
    ("The harbour authority reopened the northern pier to ferries on Tuesday after three "
     "weeks of repairs to its deck, according to a statement from the port.", "on Tuesday",
     "The harbour authority reopened the northern pier to ferries on Tuesday"),
    # an opening adverbial holding the date keeps its main clause, not the aside after it
    ("In 1967, as the cost of the clean-up grew and the fishing fleet stayed in port, the "
     "county council sold the old cannery to a developer from the city.", "1967",
     "In 1967, the county council sold the old cannery to a developer from the city"),
    # the date in a relative clause right after the subject: that clause, with its subject
    ("The mill, which opened in 1911 on the bank of the river below the town, closed for good "
     "last year after a century of making paper.", "1911",
     "The mill opened in 1911 on the bank of the river below the town"),
    # ...or after the noun it is about, at the end of the clause before it
    ("Investors sold shares of the shipping company, which had reported a loss in March, as "
     "fuel prices rose across the region for the third month in a row.", "in March",
     "The shipping company had reported a loss in March"),
    # an appositive between subject and verb is skipped
    ("The outbreak of cholera, first reported by doctors in the coastal villages, was declared "
     "over by the health ministry on Friday after six weeks without a new case.", "on Friday",
     "The outbreak of cholera was declared over by the health ministry on Friday"),
    # a connective goes; a relative clause is skipped; too long: cut before "after"
    ("But city officials said the new ferry terminal, which cost twice as much as planned, "
     "would open to passengers on 1 June after a last round of safety checks.", "1 June",
     "City officials said the new ferry terminal would open to passengers on 1 June"),
    # a "where" clause holding the date is a clause of its own
    ("The search moved to the northern coast of the island, where rescue teams found the "
     "missing fishing boat on Wednesday after four days of high winds and heavy rain.",
     "on Wednesday",
     "Rescue teams found the missing fishing boat on Wednesday"),
]


@pytest.mark.parametrize(("sentence", "expression", "expected"), CASES)
def test_headlines(sentence, expression, expected):
    assert headline(sentence, expression) == expected


@pytest.mark.parametrize(("sentence", "expression"), [
    # short: the quote under the headline reads at a glance
    ("The ferry sailed on Monday with forty passengers and two cars on board.", "on Monday"),
    # the date is in an aside whose clause says something else
    ("Prices of bread rose sharply across the country last month, raising fears that the "
     "protests of 2011 over the cost of food could return.", "2011"),
    # "X said on Tuesday" says only that someone spoke: what was said is in the quote
    ("“We will keep the harbour open for as long as the boats can reach it safely through the "
     "winter storms,” the harbour master said on Tuesday.", "on Tuesday"),
    # a fragment: "In 1967, as the cost of the clean-up grew" has no main clause of its own
    ("In 1967, as the cost of the clean-up grew and the fishing fleet stayed in port for the "
     "whole of a long and hungry winter.", "1967"),
])
def test_no_headline(sentence, expression):
    assert headline(sentence, expression) == ""


def test_a_date_that_is_one_hyphenated_word_at_the_end_of_a_list_of_clauses():
    # "mid-July" is two words but one token: the aside has no rest to make a phrase of
    sentence = ("The bakery on the corner closed for repairs, the owners hired two more "
                "bakers from the next town, the ovens were replaced, and the doors opened "
                "again, mid-July.")
    assert headline(sentence, "mid-July") == ""


def test_a_cut_never_ends_inside_a_quotation_or_on_a_verb_needing_more():
    sentence = ("The port agency confirmed on Thursday that the new cranes ordered from a "
                "shipyard in the north would arrive late, calling the delay “a serious blow to "
                "the whole of our plans for the coming year”.")
    assert headline(sentence, "on Thursday") == (
        "The port agency confirmed on Thursday that the new cranes ordered from a shipyard "
        "in the north would arrive late")


@pytest.mark.parametrize(("sentence", "expression", "_"), CASES)
def test_headline_is_short_whole_and_far_from_the_quote(sentence, expression, _):
    text = headline(sentence, expression)
    words = len(text.split())
    assert words <= MAX_WORDS and words < REPEATS * len(sentence.split())
    assert "…" not in text and not text.endswith((",", ";", ":", "."))
    assert len(sentence.split()) > STANDS_ALONE
