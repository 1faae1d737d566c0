"""Markdown bodies: blocks and inline formatting, text nested past markdown-it's limit, and
the fast path for text without Markdown syntax."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest.contentfiles import load
from timeline.ingest import markdown as markdown_module


def test_markdown_blocks_and_plain_text(project):
    article, _ = load(project, "2014-06-15-a.md", (
        "# Heading\n\n"
        "A [link](https://example.org) and *emphasis* on Monday.\n\n"
        "> A quote.\n\n"
        "- one\n- two\n"
    ))
    kinds = [(b.kind, article.text[b.start:b.end]) for b in article.blocks]
    assert kinds == [
        ("heading", "Heading"),
        ("paragraph", "A link and emphasis on Monday."),
        ("quote", "A quote."),
        ("list_item", "one"),
        ("list_item", "two"),
    ]
    link, em = article.blocks[1].inline
    assert (link.kind, article.text[link.start:link.end], link.href) == (
        "link", "link", "https://example.org")
    assert (em.kind, article.text[em.start:em.end]) == ("em", "emphasis")


def test_markdown_raw_html_stays_text(project):
    article, _ = load(project, "2014-06-15-a.md", "Hello <script>alert(1)</script> there.\n")
    assert "<script>alert(1)</script>" in article.text


SENTENCE = "On Saturday, Jan. 5, 2014, the talks collapsed."


DATED = "---\ntitle: Deep\ndate: 2014-06-15\n---\n"  # four lines: the body starts on line 5


def texts(article) -> list[tuple[str, str]]:
    return [(b.kind, article.text[b.start:b.end]) for b in article.blocks]


@pytest.mark.parametrize("prefix", ["> " * 100, "> " * 150, "- " * 150, "1. " * 1000,
                                    "> - " * 60, "> " * 20000, "- > " * 20000],
                         ids=["quote100", "quote150", "list150", "ordered1000", "mixed60",
                              "quote20000", "mixed20000"])
def test_text_nested_too_deep_is_kept_with_a_warning(project, prefix):
    article, diagnostics = load(project, "deep.md", (
        f"{DATED}Intro.\n\n{prefix}{SENTENCE}\n\nThey met again on Monday.\n"))
    assert [text for _, text in texts(article)] == ["Intro.", SENTENCE, "They met again on Monday."]
    assert texts(article)[2][0] == "paragraph"
    [warning] = diagnostics.items
    assert str(warning).startswith("warning: content/deep.md:7: Markdown quotes and lists nested "
                                   "too deep")
    assert "read as plain text (reduce the nesting" in str(warning)


def test_too_deep_text_keeps_lines_formatting_and_what_follows(project):
    quote, items = "> " * 120, "- " * 60
    article, diagnostics = load(project, "deep.md", (
        f"{DATED}{quote}On *Saturday*, Jan. 5, 2014,\n{quote}the talks collapsed.\n\n"
        f"{items}Deep item.\n- Outer item.\n\nOuter paragraph.\n\n# Heading\n"))
    assert texts(article) == [("quote", SENTENCE), ("list_item", "Deep item."),
                              ("list_item", "Outer item."), ("paragraph", "Outer paragraph."),
                              ("heading", "Heading")]
    [em] = article.blocks[0].inline
    assert article.text[em.start:em.end] == "Saturday"
    [warning] = diagnostics.items  # one per file, at the first line cut off
    assert "content/deep.md:5:" in str(warning)


def test_too_deep_without_front_matter_counts_from_line_1(project):
    _, diagnostics = load(project, "2014-06-15-deep.md", "Intro.\n" + "- " * 50 + "Item.\n")
    [warning] = diagnostics.items
    assert "content/2014-06-15-deep.md:2:" in str(warning)


@pytest.mark.parametrize(("prefix", "kind"), [("> " * 99, "quote"), ("- " * 49, "list_item"),
                                              ("> - " * 33, "list_item")])
def test_nesting_under_the_limit_is_parsed_as_usual(project, prefix, kind):
    article, diagnostics = load(project, "deep.md", f"{DATED}{prefix}{SENTENCE}\n\nAfter.\n")
    assert texts(article) == [(kind, SENTENCE), ("paragraph", "After.")]
    assert diagnostics.items == []


# Pieces of text: words, every character Markdown gives a meaning to, escapes, line starts,
# blank lines, indentation and odd whitespace.
PIECES = st.lists(st.sampled_from(
    ["word", "Kerry", " ", "  ", "\n", "\n\n", "\n  \n", "    ", "\t", "\u00a0", "\u2028",
     "*", "_", "`", "[", "]", "(", ")", "<", ">", "#", "&", "&amp;", "&#35;", "~", "~~", "|",
     "---", "- ", "+ ", "= ", "1. ", "2) ", "\\", "\\*", "\\/", "\\\\", "!", ":", "-", ".",
     "http://x.org", "2014", "\u201cquoted\u201d"]), max_size=40).map("".join)


def _through_markdown_it(body: str):
    saved = markdown_module._may_be_markup
    markdown_module._may_be_markup = lambda _body: True
    try:
        return markdown_module.markdown_blocks(body)
    finally:
        markdown_module._may_be_markup = saved


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=PIECES)
def test_text_without_markdown_syntax_gets_the_blocks_markdown_it_gives(body):
    if markdown_module._may_be_markup(body):
        return
    assert markdown_module._plain_paragraphs(body) == _through_markdown_it(body)


@pytest.mark.parametrize("body", [
    "One line.\nSecond line of the same paragraph.\n\nA new paragraph \\/ with an escape.",
    "  Indented a little.\n\n\n\nAfter blank lines.  \nWith a hard break.",
    "A pipe | in a sentence, and a # sign, and 3 > 2.",
])
def test_plain_markdown_takes_the_fast_path_and_reads_the_same(body):
    assert not markdown_module._may_be_markup(body)
    assert markdown_module._plain_paragraphs(body) == _through_markdown_it(body)


@pytest.mark.parametrize("body", [
    "Some *emphasis*.", "A [link](http://x.org).", "- a list", "# Heading", "> quote",
    "    code", "a &amp; b", "line\\\nbreak", "Title\n===", "a | b\n--|--\nc | d", "1. one",
])
def test_markdown_syntax_goes_through_markdown_it(body):
    assert markdown_module._may_be_markup(body)
