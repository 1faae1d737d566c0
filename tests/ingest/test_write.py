"""Writing imported articles: stable safe names, no overwriting, front matter and text that the
loader reads back exactly, duplicates found by URL across runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.config import Config
from timeline.errors import Diagnostics
from timeline.ingest.content import load_article
from timeline.ingest.webpage import HEADING, LIST_ITEM, QUOTE, TextBlock, WebArticle
from timeline.ingest.write import (
    MAX_SLUG,
    ExistingArticles,
    escape_markdown,
    file_stem,
    front_matter_url,
    write_article,
)

PUBLISHED = dt.datetime(2019, 3, 12, 10, 32, tzinfo=dt.timezone(dt.timedelta(hours=-4)))


def article(title="Ferry crews strike after pay talks collapse", **changes) -> WebArticle:
    fields = dict(title=title, blocks=[TextBlock("paragraph", "Crews walked out on Monday.")],
                  url="https://news.example/2019/ferry", source="The Harbour Courier",
                  authors=["Maria Okafor", "Tom Whitcombe"], published=PUBLISHED, language="en")
    fields.update(changes)
    return WebArticle(**fields)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    (tmp_path / "content").mkdir()
    return Config(root=tmp_path)


def load(path: Path, config: Config):
    diagnostics = Diagnostics()
    return load_article(path, config, diagnostics), diagnostics


def test_the_loader_reads_back_every_field(config):
    written = write_article(article(), ExistingArticles.scan(config))
    assert written.path.name == "2019-03-12-ferry-crews-strike-after-pay-talks-collapse.md"
    loaded, diagnostics = load(written.path, config)
    assert diagnostics.items == []
    assert loaded.title == "Ferry crews strike after pay talks collapse"
    assert loaded.source == "The Harbour Courier"
    assert loaded.authors == ["Maria Okafor", "Tom Whitcombe"]
    assert loaded.url == "https://news.example/2019/ferry"
    assert loaded.published == PUBLISHED and loaded.published.utcoffset() == PUBLISHED.utcoffset()
    assert loaded.published_from == "front matter"
    assert loaded.extra == {"language": "en"}
    assert loaded.text == "Crews walked out on Monday."


def test_no_date_means_no_date_prefix_and_no_date(config):
    written = write_article(article(published=None), ExistingArticles.scan(config))
    assert written.path.name == "ferry-crews-strike-after-pay-talks-collapse.md"
    loaded, diagnostics = load(written.path, config)
    assert loaded.published is None
    assert any("no publication date" in d.message for d in diagnostics.warnings)


def test_a_date_only_publication(config):
    written = write_article(article(published=dt.date(2019, 3, 13)), ExistingArticles.scan(config))
    assert "date: 2019-03-13\n" in written.path.read_text()
    assert load(written.path, config)[0].published == dt.date(2019, 3, 13)


def test_names_are_stable_and_never_overwrite(config):
    index = ExistingArticles.scan(config)
    first = write_article(article(), index)
    again = write_article(article(url="https://news.example/2019/other",
                                  blocks=[TextBlock("paragraph", "Different text.")]), index)
    assert first.path.name == "2019-03-12-ferry-crews-strike-after-pay-talks-collapse.md"
    assert again.path.name == "2019-03-12-ferry-crews-strike-after-pay-talks-collapse-2.md"
    assert "Crews walked out" in first.path.read_text()  # untouched


def test_a_file_written_by_someone_else_is_never_replaced(config):
    taken = config.content_path / "2019-03-12-ferry-crews-strike-after-pay-talks-collapse.md"
    taken.write_text("my own notes\n")
    written = write_article(article(), ExistingArticles(config.content_path))  # index unaware
    assert taken.read_text() == "my own notes\n"
    assert written.path.name.endswith("-2.md")


def test_the_same_text_again_is_recognised(config):
    index = ExistingArticles.scan(config)
    first = write_article(article(url=None), index)
    second = write_article(article(url=None), ExistingArticles.scan(config))
    assert second.same_text and second.path == first.path
    assert len(list(config.content_path.iterdir())) == 1


@pytest.mark.parametrize("title", [
    "../../etc/passwd", "/etc/passwd", "..", "a/b\\c", "CON", "x" * 500, "\u0000\u202e evil",
    "Ελληνικά νέα", "", "   ",
], ids=lambda title: repr(title[:12]))
def test_hostile_or_odd_titles_give_safe_names(config, title):
    written = write_article(article(title=title), ExistingArticles.scan(config))
    assert written.path.parent == config.content_path
    name = written.path.name
    assert name.endswith(".md") and "/" not in name and "\\" not in name
    stem = name.removeprefix("2019-03-12-").removesuffix(".md")
    assert stem and len(stem) <= MAX_SLUG
    assert set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_a_name_from_the_url_when_the_title_has_no_latin_letters():
    assert file_stem(article(title="Ελληνικά νέα", url="https://n.example/news/ferry-strike.html")
                     ) == "2019-03-12-ferry-strike"


def test_hostile_metadata_stays_data(config):
    hostile = article(title="---\ntitle: owned\n---", source="x: [1, 2]\n- y",
                      authors=["&anchor *alias", "!!python/object:os.system"],
                      url="https://news.example/a?x='\"#", language="no")
    loaded, _ = load(write_article(hostile, ExistingArticles.scan(config)).path, config)
    assert loaded.title == "--- title: owned ---"
    assert loaded.source == "x: [1, 2] - y"
    assert loaded.authors == ["&anchor *alias", "!!python/object:os.system"]
    assert loaded.url == "https://news.example/a?x='\"#"
    assert loaded.extra == {"language": "no"}  # not the boolean False


def test_block_kinds_are_read_back(config):
    blocks = [TextBlock(HEADING, "What next", 2), TextBlock(QUOTE, "“We will not move.”"),
              TextBlock(LIST_ITEM, "First item."), TextBlock(LIST_ITEM, "Second item."),
              TextBlock("paragraph", "1986. A good year for the ferry.")]
    loaded, _ = load(write_article(article(blocks=blocks), ExistingArticles.scan(config)).path,
                     config)
    assert [b.kind for b in loaded.blocks] == ["heading", "quote", "list_item", "list_item",
                                               "paragraph"]
    assert [loaded.text[b.start:b.end] for b in loaded.blocks] == [b.text for b in blocks]


def test_duplicates_by_url_across_runs(config):
    write_article(article(), ExistingArticles.scan(config))
    index = ExistingArticles.scan(config)  # a later run
    assert index.find("http://www.news.example/2019/ferry/?utm_source=x") is not None
    assert index.find("https://news.example/2019/other", None) is None


# Text as pages have it: words, punctuation, Markdown and HTML characters, entities, digits.
_page_text = st.lists(
    st.sampled_from(list("ab Z09.,;:!?'\"()-–—*_`#>+=|~[]<>&\\/{}é’") + ["&amp;", "&#35;", "1."]),
    min_size=1, max_size=40,
).map(lambda parts: " ".join("".join(parts).split())).filter(bool)


@settings(max_examples=300, deadline=None)
@given(_page_text)
def test_escaped_text_reads_back_as_itself(text):
    from timeline.ingest.markdown import markdown_blocks

    plain, blocks = markdown_blocks(escape_markdown(text))
    assert plain == text
    assert [b.kind for b in blocks] == ["paragraph"]


@pytest.mark.parametrize(("front_matter", "url"), [
    ("title: A\nurl: https://news.example/a\n", "https://news.example/a"),
    ("URL: 'https://news.example/a?x=1#y'\n", "https://news.example/a?x=1#y"),
    ('url: "https://news.example/a"   # the original\n', "https://news.example/a"),
    ("title: A\r\nurl: https://news.example/a\r\n", "https://news.example/a"),
    ("title: A\n", None),
    ("url: [not, text]\n", None),
    ("url: 'unclosed\n", None),
    ("  url: https://news.example/nested\n", None),
])
def test_the_url_of_existing_articles(tmp_path, front_matter, url):
    path = tmp_path / "a.md"
    path.write_bytes(f"---\n{front_matter}---\nText.\n".encode())
    assert front_matter_url(path) == url


def test_a_url_in_the_text_is_not_the_articles(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("url: https://news.example/a\n\nNo front matter here.\n")
    assert front_matter_url(path) is None
