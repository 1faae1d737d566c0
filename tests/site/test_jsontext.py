"""timeline.site.jsontext writes exactly what json.dumps(indent=n) writes, also from its memo."""

from __future__ import annotations

import json

import pytest

from timeline.site.jsontext import IndentedItems

ITEMS = [
    {"id": "a", "text": "line\u2028two\nthree \"q\" </script> “x” é", "tags": [], "n": 1.5},
    {"id": "b", "nested": {"empty": {}, "list": [1, [2, []], {"k": None}]}, "ok": True},
    {"id": "c", "date": {"value": "2014-06-14", "label": "14 June 2014"}},
]


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_same_text_as_the_standard_library(indent):
    memo = IndentedItems()
    for items in (ITEMS, ITEMS[1:], ITEMS[::-1], ITEMS[:1], []):  # later rounds hit the memo
        document = {"schema": 1, "title": "T\n“x”", "events": items}
        assert memo.dumps(document, "events", indent) == json.dumps(
            document, ensure_ascii=False, indent=indent)


def test_a_list_that_is_not_last_falls_back_to_the_standard_library():
    document = {"events": ITEMS, "title": "after"}
    assert IndentedItems().dumps(document, "events", 2) == json.dumps(
        document, ensure_ascii=False, indent=2)
