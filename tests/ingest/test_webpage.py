"""Extraction from saved pages (no network): the article text without the page furniture, and
the metadata each page states."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.ingest.samples import ALL, BLOG, EXPLAINER, GAZETTE, NEWS, Sample
from timeline.ingest.webpage import (
    HEADING,
    LIST_ITEM,
    QUOTE,
    ExtractError,
    extract_article,
    is_promotion,
    page_language,
    saved_from,
    split_authors,
)

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


def extract(sample: Sample):
    return extract_article(sample.path.read_bytes(), None, now=NOW)


@pytest.mark.parametrize("sample", ALL, ids=lambda s: s.file)
def test_the_article_text_and_none_of_the_furniture(sample: Sample):
    text = extract(sample).text
    for passage in sample.body:
        assert passage in text, f"{sample.file}: article text lost: {passage!r}"
    for furniture in sample.furniture:
        assert furniture not in text, f"{sample.file}: page furniture kept: {furniture!r}"


@pytest.mark.parametrize("sample", ALL, ids=lambda s: s.file)
def test_metadata_as_the_page_states_it(sample: Sample):
    article = extract(sample)
    assert article.title == sample.title
    assert article.authors == sample.authors
    assert article.source == sample.source
    assert article.url == sample.url
    assert article.language == sample.language
    assert article.published == sample.date
    if isinstance(sample.date, dt.datetime):  # the zone the page states, not the reader's
        assert article.published.utcoffset() == sample.date.utcoffset()


def test_a_page_with_no_date_says_so_and_gets_none():
    article = extract(EXPLAINER)
    assert article.published is None
    assert article.warnings == ["no publication date found on the page"]


def test_block_kinds_survive():
    news, blog = extract(NEWS), extract(BLOG)
    assert [b.text for b in news.blocks if b.kind == HEADING] == ["A second strike this year"]
    assert [b.kind for b in blog.blocks if b.text.startswith("“We were told")] == [QUOTE]
    page = b"""<html><head><title>Lists</title></head><body><article><h1>Lists</h1>
        <p>The plan has three parts, the minister said on Monday, and each has a deadline.</p>
        <ul><li>Repair the north pier by the end of May this year.</li>
        <li>Hire twelve more crew before the summer timetable starts.</li></ul>
        <p>The union said it would study the plan before its meeting on Thursday.</p>
        </article></body></html>"""
    article = extract_article(page, None, now=NOW)
    assert [b.kind for b in article.blocks] == ["paragraph", LIST_ITEM, LIST_ITEM, "paragraph"]


def test_paragraphs_written_as_double_breaks_are_paragraphs():
    article = extract(GAZETTE)
    assert len(article.blocks) == 4
    assert article.blocks[0].text.startswith("The Port Ellery lifeboat")


def test_the_headline_is_not_repeated_in_the_text():
    assert not extract(EXPLAINER).text.startswith("How the estuary crossing works")


def test_the_title_is_the_headline_part_of_the_title_tag():
    # GAZETTE's <title> is "Ellery Gazette - Lifeboat crew ..." and it has no <h1>.
    assert extract(GAZETTE).title == "Lifeboat crew called out twice in one night"


def test_a_page_without_article_text_is_an_error():
    page = (b"<html><head><title>Home</title></head>"
            b"<body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ExtractError):
        extract_article(page, None, now=NOW)


def test_server_charset_wins_and_meta_charset_is_read():
    text = "<html><head><title>Caf\u00e9 news</title></head><body><article><p>" + \
        "The caf\u00e9 by the pier reopened on Monday after the storm, its owner said. " * 3 + \
        "</p></article></body></html>"
    latin = text.encode("latin-1")
    assert "caf\u00e9 by the pier" in extract_article(latin, None, charset="iso-8859-1",
                                                      now=NOW).text
    # GAZETTE is windows-1252 with only a <meta> saying so (and no charset from a server)
    assert "Seán O’Neill" in extract(GAZETTE).text


def test_where_a_browser_saved_the_page_from():
    page = (b"<!DOCTYPE html>\n"
            b"<!-- saved from url=(0041)https://news.example/2019/ferry-story -->\n<html><body>")
    assert saved_from(page) == "https://news.example/2019/ferry-story"
    assert saved_from(b"<html><!-- saved from url=(0011)about:blank --></html>") is None


@pytest.mark.parametrize(("byline", "names"), [
    ("Maria Okafor; Tom Whitcombe", ["Maria Okafor", "Tom Whitcombe"]),
    ("By Maria Okafor and Tom Whitcombe", ["Maria Okafor", "Tom Whitcombe"]),
    ("Lena Brandt, Paul Osei & Ana Ruiz", ["Lena Brandt", "Paul Osei", "Ana Ruiz"]),
    ("Gwen Parry; gwen parry", ["Gwen Parry"]),
    ("", []),
])
def test_authors_from_bylines(byline, names):
    assert split_authors(byline) == names


@pytest.mark.parametrize(("markup", "language"), [
    ('<html lang="en-us">', "en-US"),
    ('<html lang="fr">', "fr"),
    ('<html><head><meta http-equiv="content-language" content="de-DE, en">', "de-DE"),
    ('<html><head><meta property="og:locale" content="pt_BR">', "pt-BR"),
    ('<html><head><script type="application/ld+json">{"inLanguage": "es"}</script>', "es"),
    ('<html lang="not a language!">', None),
    ("<html>", None),
])
def test_language_as_declared(markup, language):
    import lxml.html

    tree = lxml.html.document_fromstring(markup + "<body><p>text</p></body></html>")
    assert page_language(tree) == language


@pytest.mark.parametrize(("text", "links", "promotion"), [
    ("Related: Ferry overtime ban to go ahead", "Ferry overtime ban to go ahead", True),
    ("Read the full report", "Read the full report", True),
    ("The minister said the report, published on Monday, was clear.", "the report", False),
    ("No links here at all, just a sentence.", "", False),
])
def test_promotions_are_a_link_with_a_short_label(text, links, promotion):
    assert is_promotion(text, links) is promotion
