"""Tests for timeline.temporal.timeml: reading gold TimeML and writing TimeML."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.shared_data import TIMEML_DEV, needs
from timeline.errors import TimelineError
from timeline.temporal import tag
from timeline.temporal.model import Timex
from timeline.temporal.timeml import (
    find_timeml_files,
    parse_timeml,
    read_timeml,
    read_timeml_dir,
    timeml_marks,
    write_timeml,
)

DEV = TIMEML_DEV

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>DOC1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13T14:00"
 functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>A &amp; B <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE"
 value="1998-02-12">Thursday</TIMEX3>
for <TIMEX3 tid="t2" type="DURATION" value="P2H" mod="APPROX">about two hours</TIMEX3>.</TEXT>
</TimeML>
"""


def test_parse_sample_text_dct_and_offsets():
    doc = parse_timeml(SAMPLE)
    assert doc.doc_id == "DOC1"
    assert doc.dct == dt.date(1998, 2, 13)
    assert doc.dct_value == "1998-02-13T14:00"
    # Tags stripped, &amp; decoded: "A & B met Thursday\nfor about two hours."
    assert doc.text == "A & B met Thursday\nfor about two hours."
    assert [(t.start, t.end, t.text, t.type, t.value, t.mod) for t in doc.timexes] == [
        (10, 18, "Thursday", "DATE", "1998-02-12", None),
        (23, 38, "about two hours", "DURATION", "P2H", "APPROX"),
    ]


def test_creation_time_inside_text_is_not_gold():
    source = SAMPLE.replace(
        "<TEXT>A",
        '<TEXT><TIMEX3 tid="t9" type="DATE" value="1998-02-13" '
        'functionInDocument="CREATION_TIME">Feb. 13</TIMEX3> A',
    ).replace('<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13T14:00"\n'
              ' functionInDocument="CREATION_TIME">x</TIMEX3></DCT>', "")
    doc = parse_timeml(source)
    assert doc.dct == dt.date(1998, 2, 13)
    assert doc.text.startswith("Feb. 13 A & B")
    assert [t.text for t in doc.timexes] == ["Thursday", "about two hours"]


def test_missing_text_element_is_a_one_line_error():
    with pytest.raises(TimelineError) as info:
        parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>", name="bad.tml")
    assert "bad.tml" in str(info.value) and "<TEXT>" in str(info.value)


def test_malformed_xml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.tml"
    path.write_text("<TimeML>\n<TEXT>a <TIMEX3>b</TEXT>\n</TimeML>\n", encoding="utf-8")
    with pytest.raises(TimelineError) as info:
        read_timeml(path)
    assert str(info.value).startswith(f"error: {path}:2: ")


def test_empty_dir_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hi", encoding="utf-8")
    with pytest.raises(TimelineError, match="no .tml files"):
        find_timeml_files(tmp_path)


def test_one_tml_file_is_its_own_list(tmp_path):
    path = tmp_path / "one.tml"
    path.write_text(SAMPLE, encoding="utf-8")
    assert find_timeml_files(path) == [path]
    with pytest.raises(TimelineError, match="not a directory"):
        find_timeml_files(tmp_path / "missing")


def test_write_then_read_round_trip_keeps_text_and_spans():
    text = 'He said "5 < 6 & 7 > 2" on\r\nMonday, March 3\x00.'
    timexes = [
        Timex(28, 34, "Monday", "DATE", "2014-03-03"),
        Timex(36, 43, "March 3", "DATE", "2014-03-03", mod="START"),
    ]
    written = write_timeml(text, timexes, doc_id="d<1>", dct=dt.date(2014, 3, 5))
    doc = parse_timeml(written)
    # The NUL character cannot live in XML: it becomes U+FFFD, one character for one.
    assert doc.text == text.replace("\x00", "\ufffd")
    assert doc.doc_id == "d<1>"
    assert doc.dct == dt.date(2014, 3, 5)
    assert [(t.start, t.end, t.text, t.value, t.mod) for t in doc.timexes] == [
        (28, 34, "Monday", "2014-03-03", None),
        (36, 43, "March 3", "2014-03-03", "START"),
    ]


def test_a_range_is_marked_as_its_two_points_and_midnight_as_hour_24():
    # The tagger gives one expression per range and midnight as 00:00 of the next day; TimeML
    # marks a range's two points apart and writes midnight ending a day as T24:00.
    text = "The fair ran June 3-5 and closed at midnight Friday, after the 1957-58 season."
    found = tag(text, dt.date(2014, 6, 15))
    assert [(t.text, t.value, t.end_value) for t in found] == [
        ("June 3-5", "2014-06-03", "2014-06-05"),
        ("midnight Friday", "2014-06-14T00:00", None),
        ("1957-58", "1957", "1958"),
    ]
    assert [(t.text, t.value) for t in timeml_marks(found)] == [
        ("June 3", "2014-06-03"), ("5", "2014-06-05"), ("midnight Friday", "2014-06-13T24:00"),
        ("1957-58", "1957")]
    doc = parse_timeml(write_timeml(text, found))
    assert [(t.text, t.value) for t in doc.timexes] == [
        (t.text, t.value) for t in timeml_marks(found)]


def test_a_count_from_a_date_is_one_date_marked_as_its_count_and_its_date():
    text = "The law took effect 100 days after Jan. 20."
    [found] = tag(text, dt.date(2014, 6, 15))
    assert (found.text, found.type, found.value) == ("100 days after Jan. 20", "DATE",
                                                     "2014-04-30")
    assert [(t.text, t.type, t.value) for t in timeml_marks([found])] == [
        ("100 days", "DURATION", "P100D"), ("Jan. 20", "DATE", "2014-01-20")]


def test_write_rejects_overlapping_timexes():
    with pytest.raises(ValueError):
        write_timeml("March 3 2014", [Timex(0, 7, "March 3", "DATE", "XXXX-03-03"),
                                      Timex(6, 12, "3 2014", "DATE", "2014")])


@needs(DEV)
def test_dev_set_offsets_match_gold_text():
    docs = read_timeml_dir(DEV)
    assert len(docs) == 256
    assert all(doc.dct is not None for doc in docs)
    for doc in docs:
        for timex in doc.timexes:
            assert doc.text[timex.start:timex.end] == timex.text
    # First AQUAINT document, read by eye: "Friday" (1998-08-07) is its only TEXT timex.
    first = next(doc for doc in docs if doc.doc_id == "APW19980807.0261")
    assert [(t.text, t.value) for t in first.timexes] == [("Friday", "1998-08-07")]
    assert first.dct == dt.date(1998, 8, 7)
