"""Tests for ``timeline.temporal.resolve``: what the resolver remembers and how it chooses."""

from __future__ import annotations

import datetime as dt

from timeline.temporal.resolve import Resolution, Resolver

ANCHOR = dt.date(1989, 10, 30)  # a Monday in the fourth quarter


def _resolve(resolver: Resolver, text: str, expression: str, rule: str) -> list[Resolution]:
    start = text.index(expression)
    return resolver.resolve(rule, start, start + len(expression))


def test_named_quarter_becomes_the_quarter_of_later_anaphora() -> None:
    text = "Profit rose in the third quarter. The quarter was strong; a year ago it lost money."
    resolver = Resolver(text, ANCHOR)
    (named,) = _resolve(resolver, text, "the third quarter", "quarter")
    resolver.remember(named.value, "quarter")
    assert named.value == "1989-Q3"
    assert _resolve(resolver, text, "The quarter", "qref")[0].value == "1989-Q3"
    assert _resolve(resolver, text, "a year ago", "ago")[0].value == "1988-Q3"


def test_without_a_named_quarter_the_latest_is_the_last_completed_one() -> None:
    text = "Sales in the latest quarter rose."
    (result,) = _resolve(Resolver(text, ANCHOR), text, "the latest quarter", "qref")
    assert result.value == "1989-Q3"


def test_anaphora_finer_than_its_reference_keeps_what_is_known() -> None:
    text = "In 1998 the plant closed. Two days later it reopened."
    resolver = Resolver(text, ANCHOR)
    resolver.remember("1998")
    (result,) = _resolve(resolver, text, "Two days later", "ago")
    assert result.value == "1998-XX-XX"


def test_day_ranges_split_into_two_points() -> None:
    text = "The fair runs June 3-5."
    results = _resolve(Resolver(text, dt.date(2014, 6, 15)), text, "June 3-5", "md")
    assert [(text[r.start:r.end], r.value) for r in results] == [("June 3", "2014-06-03"),
                                                                 ("5", "2014-06-05")]


def test_a_day_that_does_not_exist_is_not_a_date() -> None:
    text = "on Feb. 30, 2014"
    assert _resolve(Resolver(text, ANCHOR), text, "Feb. 30, 2014", "md") == []


def test_without_anchor_year_less_dates_keep_x() -> None:
    text = "by July 20"
    (result,) = _resolve(Resolver(text, None), text, "July 20", "md")
    assert result.value == "XXXX-07-20"
