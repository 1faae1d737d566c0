"""Plain-text bodies: paragraphs from blank-line chunks and long lines."""

from __future__ import annotations

from tests.ingest.contentfiles import load


def test_text_lines_are_paragraphs_and_spaces_collapse(project):
    article, _ = load(project, "2014-06-15-a.txt",
                      "   First   paragraph here.\nSecond one.\n\nThird after a blank.\n")
    paragraphs = [article.text[b.start:b.end] for b in article.blocks]
    assert paragraphs == ["First paragraph here. Second one.", "Third after a blank."]


def test_long_lines_are_separate_paragraphs(project):
    long_a, long_b = "A" * 120 + ".", "B" * 130 + "."
    article, _ = load(project, "2014-06-15-a.txt", f"{long_a}\n{long_b}\n")
    assert [article.text[b.start:b.end] for b in article.blocks] == [long_a, long_b]
