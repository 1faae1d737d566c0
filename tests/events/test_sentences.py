"""Sentence splitting keeps abbreviations together and offsets exact."""

from __future__ import annotations

import pytest

from timeline.events.sentences import WINDOW, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_graham_on_cnn_stays_one_sentence():
    text = ("“Why did we deal with Stalin? Because he was not as bad as Hitler,” "
            "Sen. Lindsey Graham (R., S.C.) said Sunday on CNN. "
            "“The Iranians can provide some assets to make sure Baghdad doesn’t fall.”")
    found = sentences(text)
    # the quotation and its speech tag are one sentence, as pysbd had them
    assert found == [text[:text.index(" “The")], "“The Iranians can provide some assets to make "
                     "sure Baghdad doesn’t fall.”"]


def test_seed_sentence_alone():
    text = "Sen. Lindsey Graham (R., S.C.) said Sunday on CNN."
    assert sentences(text) == [text]


@pytest.mark.parametrize("text", [
    "Mr. Maliki's Shiite-dominated government held on.",
    "The U.S. and Iran have publicly committed in recent days to help.",
    "The Sept. 11, 2001, terrorist attacks on New York and Washington changed that.",
    "Messrs. Obama and Rouhani spoke on the phone during the U.N. General Assembly.",
])
def test_abbreviations_do_not_split(text):
    assert sentences(text) == [text]


def test_two_plain_sentences():
    assert sentences("Kerry called on Saturday. Rouhani spoke too.") == [
        "Kerry called on Saturday.", "Rouhani spoke too."]


def test_offsets_point_into_the_text_with_an_offset_range():
    text = "Intro.\n\nFirst here.  Second   here.\n\nOutro."
    start = text.index("First")
    end = text.index("\n\nOutro")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["First here.", "Second   here."]
    assert all(start <= s < e <= end for s, e in spans)


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_text_without_final_period():
    assert sentences("No period here") == ["No period here"]


def test_long_paragraph_is_split_in_windows_without_cutting_sentences():
    sentence = "Sen. Graham of the U.S. said on Sept. 11 that Messrs. Obama and Kerry agreed."
    text = " ".join([sentence] * 400)  # ~32,000 characters in one paragraph
    assert sentences(text) == [sentence] * 400


def test_paragraph_without_sentence_ends_still_splits_into_bounded_pieces():
    text = "word " * 20000
    spans = split_sentences(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
    assert all(b - a <= 4 * 3000 for a, b in spans)


def test_a_forced_cut_in_a_long_unpunctuated_paragraph_keeps_a_date_whole():
    """Without any sentence end for thousands of characters the text is cut at a space; the
    first space after the window's length here falls inside "June 3, 2014", which is kept in
    one piece (its event would otherwise be lost)."""
    text = "word " * 599 + "On June 3, 2014 it ended and " + "word " * 3000 + "The end."
    assert text.index("June") < WINDOW < text.index("2014")
    date = text.index("June 3, 2014")
    spans = split_sentences(text)
    assert any(s <= date and date + len("June 3, 2014") <= e for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text, expected", [
    ("He lives in the U.S. He is happy.", ["He lives in the U.S.", "He is happy."]),
    ("The U.S. Senate voted.", ["The U.S. Senate voted."]),
    ("Apple Inc. Chief Executive Tim Cook spoke.", ["Apple Inc. Chief Executive Tim Cook spoke."]),
    ("They met at 10:35 a.m. (0735 GMT) Friday.", ["They met at 10:35 a.m. (0735 GMT) Friday."]),
    ("It was 5 p.m. The sun set.", ["It was 5 p.m.", "The sun set."]),
    ("Gov. Brown spoke. Lt. Gov. Smith did too.", ["Gov. Brown spoke.", "Lt. Gov. Smith did too."]),
    ("J. R. Smith went home. Then he slept.", ["J. R. Smith went home.", "Then he slept."]),
    ("He left in Jan. He came back in Feb. 2011.",
     ["He left in Jan.", "He came back in Feb. 2011."]),
])
def test_abbreviations_end_sentences_only_before_a_sentence_start(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('"Why now?" he asked. Nobody knew.', ['"Why now?" he asked.', "Nobody knew."]),
    ("“Why now?” Ana Ruiz asked. Nobody knew.", ["“Why now?” Ana Ruiz asked.", "Nobody knew."]),
    ("“Stop.” Then he left.", ["“Stop.”", "Then he left."]),
    ("``Stop it. Now.'' Then he left.", ["``Stop it. Now.''", "Then he left."]),
    ("Yahoo! said it would. It did.", ["Yahoo! said it would.", "It did."]),
    ("An “unclosed quote. It ends.", ["An “unclosed quote.", "It ends."]),
])
def test_quotations_stay_whole_and_lowercase_goes_on(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("First line\nSecond line", ["First line", "Second line"]),
    ("他来了。她走了。", ["他来了。", "她走了。"]),
    ("Wait... what? No... He left.", ["Wait... what?", "No...", "He left."]),
])
def test_line_breaks_cjk_stops_and_ellipses(text, expected):
    assert sentences(text) == expected
