"""Tests for ``timeline.temporal.search``: a long text searched in pieces, cut only at
whitespace, finds what its paragraphs find."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from timeline.temporal.search import CHUNK, chunks, find


@given(st.text(alphabet=st.sampled_from("ab \n.9"), max_size=400), st.integers(2, 60))
def test_chunks_cover_the_text_and_cut_only_at_whitespace(text, size):
    pieces = list(chunks(text, size))
    if not text:
        assert pieces == []
        return
    assert [lo for lo, _ in pieces] == [0] + [hi for _, hi in pieces[:-1]]
    assert (pieces[-1][1] if pieces else 0) == len(text)
    for _, hi in pieces[:-1]:
        assert text[hi].isspace()


def test_chunks_prefer_paragraph_breaks_then_lines_then_spaces():
    paragraphs = "\n\n".join(["word " * 30] * 4)  # 152-character paragraphs
    assert all(paragraphs[hi:hi + 2] == "\n\n" for _, hi in list(chunks(paragraphs, 200))[:-1])
    one_line = "word " * 100
    assert all(one_line[hi] == " " for _, hi in list(chunks(one_line, 64))[:-1])
    assert list(chunks("x" * 500 + " tail", 64)) == [(0, 500), (500, 505)]


def test_a_text_longer_than_a_chunk_finds_what_its_paragraphs_find():
    paragraph = ("On Monday, June 2, the talks began; two days later they stalled, and "
                 "by the end of next week a deal is due. ") * 3
    text = "\n\n".join([paragraph] * (3 * CHUNK // len(paragraph)))
    assert len(list(chunks(text))) >= 3
    alone = list(find(paragraph))
    expected, offset = [], 0
    for _ in range(text.count(paragraph)):
        expected += [(rule, start + offset, end + offset) for rule, start, end in alone]
        offset += len(paragraph) + 2
    assert list(find(text)) == expected
