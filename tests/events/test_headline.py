"""Headlines: the clause around the expression, attribution trimmed, at most MAX_WORDS words.

Expected headlines were written by hand from the seed sentences following the rules in the
module docstring.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.headline import MAX_WORDS, make_headline

CASES = [
    # trailing "according to ..." goes, the call stays
    ("Secretary of State John Kerry communicated Washington’s strategy to his Iraqi counterpart, "
     "Hoshyar Zebari, in a phone call on Saturday, according to the State Department.",
     "on Saturday",
     "Secretary of State John Kerry communicated Washington’s strategy to his Iraqi counterpart, "
     "Hoshyar Zebari, in a phone call on Saturday"),
    # long sentence: ends at the first clause boundary after the expression
    ("The U.S.-Iran dialogue, which is expected to begin this week, will mark the latest in a "
     "rapid move toward rapprochement between Washington and Tehran over the past year.",
     "this week",
     "The U.S.-Iran dialogue, which is expected to begin this week"),
    # "where ..." clause holding the expression is the headline
    ("One avenue could be through Vienna, where senior American and Iranian diplomats will "
     "convene starting Monday as part of international negotiations aimed at reaching a "
     "comprehensive agreement to curb Tehran’s nuclear capabilities.",
     "Monday",
     "Senior American and Iranian diplomats will convene starting Monday as part of "
     "international negotiations aimed at reaching a comprehensive agreement…"),
    # trailing "said U.S. officials" goes
    ("Last week, senior White House and State Department officials met their Iranian "
     "counterparts in Geneva, according to U.S. officials.",
     "Last week",
     "Last week, senior White House and State Department officials met their Iranian "
     "counterparts in Geneva"),
    # an opening "The WSJ reports," goes, and the stray quote with it
    ("The WSJ reports,\"the radical Sunni militia bragged on Sunday that it had executed "
     "hundreds of soldiers\".",
     "on Sunday",
     "The radical Sunni militia bragged on Sunday that it had executed hundreds of soldiers"),
    # a generic speaker before the expression goes; a connective too
    ("But U.S. officials said the talks would resume on Monday in Vienna.",
     "on Monday",
     "The talks would resume on Monday in Vienna"),
    # ...but not when the expression dates the saying itself
    ("Iraqi officials said on Sunday that ISIS had taken control of Tal Afar in northwest Iraq, "
     "where thousands of U.S. and Iraqi forces once fought.",
     "on Sunday",
     "Iraqi officials said on Sunday that ISIS had taken control of Tal Afar in northwest Iraq"),
    # ...also when the tagger's expression is the bare weekday
    ("Iraqi officials said on Sunday that ISIS had taken control of Tal Afar.",
     "Sunday",
     "Iraqi officials said on Sunday that ISIS had taken control of Tal Afar"),
    # parentheses are not cut; the attribution holding the expression stays
    ("Because he was not as bad as Hitler,” Sen. Lindsey Graham (R., S.C.) said Sunday on CNN.",
     "Sunday",
     "Because he was not as bad as Hitler, Sen. Lindsey Graham (R., S.C.) said Sunday on CNN"),
    # the expression late in a long sentence: the clauses around it, the cut start marked
    ("“Iran and the U.S. are the only two countries with the power to end Iraq’s crisis in a "
     "peaceful way,” tweeted Hamid Aboutalebi, a top political adviser of Mr. Rouhani, on Sunday.",
     "on Sunday",
     "…tweeted Hamid Aboutalebi, a top political adviser of Mr. Rouhani, on Sunday"),
    # the comma inside "Sept. 11, 2001" is not a clause boundary
    ("Iran’s chief negotiator, Foreign Minister Mohammad Zarif, served as a key interlocutor "
     "between Iran and the George W. Bush administration after the Sept. 11, 2001, terrorist "
     "attacks on New York and Washington, said U.S. officials.",
     "Sept. 11, 2001",
     "…served as a key interlocutor between Iran and the George W. Bush administration after "
     "the Sept. 11, 2001"),
    # a hard cut does not end on a dangling "to"
    ("The Obama administration and its diplomatic partners in the United Nations Security "
     "Council have set a July 20 deadline to reach an agreement limiting Iran’s nuclear "
     "capabilities.",
     "July 20",
     "The Obama administration and its diplomatic partners in the United Nations Security "
     "Council have set a July 20 deadline…"),
    # short sentences are kept whole, without the final period
    ("Kerry called Zebari on Saturday.", "on Saturday", "Kerry called Zebari on Saturday"),
]


@pytest.mark.parametrize(("sentence", "expression", "expected"), CASES)
def test_seed_headlines(sentence, expression, expected):
    start = sentence.index(expression)
    assert make_headline(sentence, start, start + len(expression)) == expected


@pytest.mark.parametrize(("sentence", "expression", "_"), CASES)
def test_headline_is_short_and_keeps_the_expression(sentence, expression, _):
    start = sentence.index(expression)
    headline = make_headline(sentence, start, start + len(expression))
    assert len(headline.split()) <= MAX_WORDS
    assert expression.rstrip(".") in headline


def test_headline_never_keeps_an_apostrophe_out():
    sentence = "Kerry communicated Washington’s strategy on Saturday."
    start = sentence.index("on Saturday")
    assert "Washington’s" in make_headline(sentence, start, start + 11)


def _split_by_character(sentence: str, expression_start: int, expression_end: int):
    """The walk _split replaced, as the definition it must agree with: at each character,
    count brackets, and cut where a separator starts outside brackets and the expression."""
    from timeline.events.headline import _SEPARATOR, _Part

    parts = []
    start, depth, position, separator = 0, 0, 0, ""
    while position < len(sentence):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(sentence[position], 0)
        inside = expression_start <= position < expression_end
        match = _SEPARATOR.match(sentence, position) if depth <= 0 and not inside else None
        if match and match.end() > position and position > start:
            parts.append(_Part(start, position, separator))
            separator = match.group()
            start = position = match.end()
            continue
        position += 1
    if start < len(sentence):
        parts.append(_Part(start, len(sentence), separator))
    return parts or [_Part(0, len(sentence), "")]


@settings(max_examples=500, deadline=None)
@given(sentence=st.lists(st.sampled_from(
    ["word", " ", "  ", ",", ", ", ";", ":", " - ", " -- ", "—", " – ", "(", ")", "[", "]",
     "said", "Monday", "\n", "\u00a0"]), max_size=30).map("".join),
    cut=st.tuples(st.integers(0, 200), st.integers(0, 30)))
def test_split_jumps_to_the_same_parts_as_a_walk_by_character(sentence, cut):
    from timeline.events.headline import _split

    start = min(cut[0], len(sentence))
    end = min(start + cut[1], len(sentence))
    assert _split(sentence, start, end) == _split_by_character(sentence, start, end)
