"""The parts of a sentence: cutting at separators jumps to the same parts as a walk by character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.mainclause import _SEPARATOR, _Part, split_parts


def _split_by_character(sentence: str, expression_start: int, expression_end: int):
    """The walk split_parts replaced, as the definition it must agree with: at each character,
    count brackets, and cut where a separator starts outside brackets and the expression."""
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
    start = min(cut[0], len(sentence))
    end = min(start + cut[1], len(sentence))
    assert split_parts(sentence, start, end) == _split_by_character(sentence, start, end)
