"""Tests for ``timeline.temporal.lexicon``: number words and the word tables."""

from __future__ import annotations

import pytest

from timeline.temporal.lexicon import MONTHS, WEEKDAYS, number_value


@pytest.mark.parametrize("word, value", [
    ("three", 3), ("Twelve", 12), ("twenty-five", 25), ("twenty five", 25), ("12", 12),
    ("1,000", 1000), ("2 1/2", 2.5), ("two-and-a-half", 2.5), ("a couple of", 2), ("a", 1),
    ("an", 1), ("1.5", 1.5),
])
def test_number_value(word: str, value: float) -> None:
    assert number_value(word) == value


@pytest.mark.parametrize("word", ["several", "many", "foo", "", "twenty foo"])
def test_number_value_unknown(word: str) -> None:
    assert number_value(word) is None


def test_tables() -> None:
    assert MONTHS["sept"] == MONTHS["september"] == 9
    assert WEEKDAYS["sunday"] == 7 and WEEKDAYS["monday"] == 1
