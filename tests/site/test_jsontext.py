"""timeline.site.jsontext writes exactly what json.dumps(indent=n) writes, also from its memo."""

from __future__ import annotations

import gc
import json

import pytest

from timeline.site.jsontext import IndentedItems, indented

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


VALUES = [
    {"n": [0, -7, 2**70, 1.0, -0.5, 1e-7, 3.25e21, float("nan"), float("inf"), -float("inf")]},
    {"flags": (True, False, None), "empty": [[], {}, ()], "text": "tab\there \\ \x00 \ud800"},
    [{"deep": [[[{"x": "y"}]]]}], "a string", 12, None, [],
]


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_indented_writes_what_the_standard_library_writes(indent):
    for value in [*VALUES, *ITEMS]:
        assert indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_indented_leaves_no_garbage_for_the_cycle_collector():
    paused = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        for _ in range(50):
            indented(VALUES, 2)
        assert gc.collect() == 0
    finally:
        if paused:
            gc.enable()


def test_indented_refuses_what_json_cannot_write():
    with pytest.raises(TypeError):
        indented({"when": object()}, 2)
    with pytest.raises(TypeError):
        indented({1: "a number as key"}, 2)
