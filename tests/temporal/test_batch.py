"""Tests for ``timeline.temporal.batch``: anchors, files and JSON lines in, timexes or errors out.

The ``timeline tag`` command over these is tested end to end in ``tests/test_cli_tag.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.errors import TimelineError
from timeline.temporal.batch import parse_anchor, read_utf8, tag_jsonl_line


def test_parse_anchor_accepts_only_a_real_iso_date():
    assert parse_anchor(None) is None
    assert parse_anchor("2014-06-15") == dt.date(2014, 6, 15)
    for bad in ("15/06/2014", "2014-6-15", "2014-02-30", 20140615):
        with pytest.raises(TimelineError, match="bad anchor"):
            parse_anchor(bad)


def test_read_utf8_names_the_bad_byte_and_its_offset(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"ok\xff")
    with pytest.raises(TimelineError, match="byte 0xff at offset 2"):
        read_utf8(path)


def test_jsonl_line_gives_timexes_or_an_error_naming_the_line():
    line = b'{"id": 7, "text": "It ended on June 13, 2014.", "anchor": "2014-06-15"}'
    record = tag_jsonl_line(line, 1, None, False)
    assert record["id"] == 7
    assert [(t["text"], t["value"]) for t in record["timexes"]] == [("June 13, 2014", "2014-06-13")]
    bad = tag_jsonl_line(b'{"id": 8, "text": 3}', 4, None, False)
    assert bad["id"] == 8 and bad["line"] == 4
    assert "<stdin>:4" in bad["error"] and "text" in bad["error"]
