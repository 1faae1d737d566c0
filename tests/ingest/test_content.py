"""Loader: front matter, publication dates, text and Markdown blocks, bad input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.config import Config
from timeline.errors import Diagnostics, TimelineError
from timeline.ingest import content as content_module
from timeline.ingest.content import discover, load_article, parse_date_line, slugify

FIXTURES = Path(__file__).parents[1] / "fixtures"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Config:
    (tmp_path / "content").mkdir()
    return Config(root=tmp_path)


def write(config: Config, name: str, text: str | bytes) -> Path:
    path = config.content_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load(config: Config, name: str, text: str | bytes) -> tuple:
    diagnostics = Diagnostics()
    article = load_article(write(config, name, text), config, diagnostics)
    return article, diagnostics


# --- front matter -----------------------------------------------------------------------------


def test_front_matter_fields(project):
    article, diagnostics = load(project, "story.md", (
        "---\n"
        "title: Talks in Vienna\n"
        "publisher: Example News\n"
        "authors: [Ann Smith, Bo Li]\n"
        "url: https://example.org/vienna\n"
        "date: 2014-06-15\n"
        "tags: [iran, nuclear]\n"
        "section: world\n"
        "---\n"
        "Diplomats met on Monday.\n"
    ))
    assert article.title == "Talks in Vienna"
    assert article.source == "Example News"
    assert article.authors == ["Ann Smith", "Bo Li"]
    assert article.url == "https://example.org/vienna"
    assert article.published == dt.date(2014, 6, 15)
    assert article.published_from == "front matter"
    assert article.tags == ["iran", "nuclear"]
    assert article.extra == {"section": "world"}
    assert article.text == "Diplomats met on Monday."
    assert article.path == Path("content/story.md")
    assert article.slug == "story"
    assert diagnostics.items == []


def test_single_author_string(project):
    article, _ = load(project, "a.txt", "---\nauthor: Jay Solomon\ndate: 2014-06-15\n---\nText.\n")
    assert article.authors == ["Jay Solomon"]


@pytest.mark.parametrize(("written", "expected"), [
    ("2014-06-15", dt.date(2014, 6, 15)),
    ('"June 15, 2014"', dt.date(2014, 6, 15)),
    ('"Sunday, 15 June 2014"', dt.date(2014, 6, 15)),
    ('"15 Jun 2014"', dt.date(2014, 6, 15)),
])
def test_front_matter_date_formats(project, written, expected):
    article, _ = load(project, "a.txt", f"---\ndate: {written}\n---\nText.\n")
    assert article.published_date == expected


def test_front_matter_time_zone_decides_the_day(project):
    # 22:30 in New York on 15 June is already 16 June in UTC: the article's own day counts.
    article, _ = load(project, "a.txt", "---\ndate: 2014-06-15T22:30:00-04:00\n---\nText.\n")
    assert article.published_date == dt.date(2014, 6, 15)
    assert article.published.utcoffset() == dt.timedelta(hours=-4)


def test_naive_time_gets_the_configured_zone(project):
    project.timezone = "Europe/Berlin"
    article, _ = load(project, "a.txt", '---\ndate: "2014-06-15 09:00"\n---\nText.\n')
    assert article.published.utcoffset() == dt.timedelta(hours=2)


def test_unparseable_front_matter_date_warns_and_falls_through(project):
    article, diagnostics = load(project, "2014-06-14-a.txt", "---\ndate: soonish\n---\nText.\n")
    assert article.published == dt.date(2014, 6, 14)  # from the file name
    assert "soonish" in str(diagnostics.warnings[0])


def test_non_http_url_is_kept_but_warned(project):
    article, diagnostics = load(project, "a.txt",
                                "---\ndate: 2014-06-15\nurl: javascript:alert(1)\n---\nText.\n")
    assert "url" in str(diagnostics.warnings[0])


# --- publication date from the text or the file name ----------------------------------------


def test_date_line_at_the_top(project):
    article, diagnostics = load(project, "a.txt", "Sunday, 15 June 2014\n\nTitle line\n\nBody.\n")
    assert article.published == dt.date(2014, 6, 15)
    assert article.published_from == "date line"
    assert article.blocks[0].kind == "dateline"
    assert article.text[article.blocks[0].start:article.blocks[0].end] == "Sunday, 15 June 2014"
    assert diagnostics.items == []


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_date_line_directly_above_the_text(project, name):
    article, diagnostics = load(project, name, (
        "March 3, 2021\nThe council voted on Tuesday to close the pool.\nIt reopens in May.\n"))
    assert (article.published, article.published_from) == (dt.date(2021, 3, 3), "date line")
    dateline, paragraph = article.blocks
    assert dateline.kind == "dateline"
    assert article.text[dateline.start:dateline.end] == "March 3, 2021"
    assert article.text[paragraph.start:paragraph.end] == (
        "The council voted on Tuesday to close the pool. It reopens in May.")
    assert diagnostics.items == []


def test_date_line_between_byline_and_text_without_blank_lines(project):
    article, _ = load(project, "b.md", "*By Jane Roe*\n*Tue 2 Mar 2021*\nThe ferry stopped.\n")
    assert article.published == dt.date(2021, 3, 2)
    assert [b.kind for b in article.blocks] == ["paragraph", "dateline", "paragraph"]
    assert article.text[article.blocks[2].start:] == "The ferry stopped."


def test_date_line_inside_a_long_line_text(project):
    long_line = "The ferry stopped running on Monday after the storm. " * 3
    article, _ = load(project, "c.txt", f"Published: 02/03/2021\n{long_line}\n")
    assert article.published == dt.date(2021, 2, 3)  # month first unless dayfirst is set


def test_a_first_line_that_runs_on_is_not_a_date_line(project):
    article, _ = load(project, "d.txt",
                      "Tuesday, March 2, 2021,\nwas the day the ferry stopped.\n")
    assert article.published is None
    assert [b.kind for b in article.blocks] == ["paragraph"]


def test_a_date_heading_underlined_in_markdown_stays_a_heading(project):
    article, _ = load(project, "e.md", "March 3, 2021\n=============\nThe pool closed.\n")
    assert article.published == dt.date(2021, 3, 3)
    assert [b.kind for b in article.blocks] == ["dateline", "paragraph"]


def test_date_line_further_down_is_text(project):
    article, _ = load(project, "f.txt", "One.\n\nTwo.\n\nThree.\n\nMarch 3, 2021\nFour.\n")
    assert article.published is None  # only the first lines may hold the date line


def test_nesting_warning_line_is_counted_in_the_file_as_written(project):
    article, diagnostics = load(project, "g.md", (
        "March 3, 2021\nIntro.\n\n" + "> " * 150 + "Deep.\n"))
    assert article.published == dt.date(2021, 3, 3)
    [warning] = diagnostics.items
    assert str(warning).startswith("warning: content/g.md:4: Markdown quotes and lists nested")


def test_front_matter_date_wins_over_date_line(project):
    article, _ = load(project, "a.txt", "---\ndate: 2014-06-16\n---\nSunday, 15 June 2014\n\nX.\n")
    assert article.published == dt.date(2014, 6, 16)


def test_the_seed_reprint_is_dated_by_its_date_line():
    config = Config(root=REPO)
    article = load_article(REPO / "content/2014-wsj-iraq-blog-reprint.txt", config)
    assert article.published == dt.date(2014, 6, 15)
    assert article.published_from == "date line"


@pytest.mark.parametrize("line", [
    "Sunday, 15 June 2014",
    "June 15, 2014",
    "15 June 2014",
    "2014-06-15",
    "Updated June 15, 2014 10:30 a.m. ET",
])
def test_date_lines(line):
    assert parse_date_line(line, Config()).isoformat().startswith("2014-06-15")


@pytest.mark.parametrize("line", [
    "WSJ: Iraq radical Sunni Militia Claim Soldier Massacre",
    "June 2014",  # no day: not a publication date
    "Kerry spoke on Sunday, 15 June 2014.",  # a sentence, not a date line
    "Sunday",
])
def test_not_date_lines(line):
    assert parse_date_line(line, Config()) is None


def test_file_name_date(project):
    article, diagnostics = load(project, "2014-06-15-vienna.txt", "Talks start Monday.\n")
    assert article.published == dt.date(2014, 6, 15)
    assert article.published_from == "file name"
    assert diagnostics.items == []


def test_undated_article_is_loaded_with_a_warning_and_never_today(project):
    article, diagnostics = load(project, "vienna.txt", "Talks start Monday.\n")
    assert article.published is None
    assert article.published_from is None
    [warning] = diagnostics.warnings
    assert "content/vienna.txt" in str(warning)
    assert "date:" in str(warning)  # says how to fix it


def test_impossible_file_name_date_is_not_a_date(project):
    article, diagnostics = load(project, "2014-02-30-x.txt", "Text.\n")
    assert article.published is None
    assert len(diagnostics.warnings) == 1


# --- body text ---------------------------------------------------------------------------------


def test_text_lines_are_paragraphs_and_spaces_collapse(project):
    article, _ = load(project, "2014-06-15-a.txt",
                      "   First   paragraph here.\nSecond one.\n\nThird after a blank.\n")
    paragraphs = [article.text[b.start:b.end] for b in article.blocks]
    assert paragraphs == ["First paragraph here. Second one.", "Third after a blank."]


def test_long_lines_are_separate_paragraphs(project):
    long_a, long_b = "A" * 120 + ".", "B" * 130 + "."
    article, _ = load(project, "2014-06-15-a.txt", f"{long_a}\n{long_b}\n")
    assert [article.text[b.start:b.end] for b in article.blocks] == [long_a, long_b]


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


def test_utf8_bom_and_crlf(project):
    article, _ = load(project, "2014-06-15-a.txt", b"\xef\xbb\xbfOne.\r\nTwo.\r\n")
    assert article.text == "One. Two."


# --- Markdown nested past markdown-it's limit (100 levels, a list counting as 2) ------------

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


# --- bad input: one line naming the file and the fix -----------------------------------------


def copy_fixture(config: Config, name: str) -> Path:
    target = config.content_path / name
    shutil.copyfile(FIXTURES / name, target)
    return target


@pytest.mark.parametrize(("name", "expected"), [
    ("broken-front-matter.txt", "content/broken-front-matter.txt:3: broken front matter"),
    ("latin1.txt", "content/latin1.txt:1: the file is not UTF-8"),
    ("empty.txt", "content/empty.txt: the file is empty"),
])
def test_bad_files_give_one_line_errors(project, name, expected):
    path = copy_fixture(project, name)
    with pytest.raises(TimelineError) as caught:
        load_article(path, project)
    message = str(caught.value)
    assert message.startswith("error: " + expected)
    assert "\n" not in message
    assert "(" in message  # a hint on how to fix it


def test_front_matter_without_closing_fence(project):
    with pytest.raises(TimelineError, match=r"a.txt:1: front matter has no closing"):
        load_article(write(project, "a.txt", "---\ntitle: x\nText.\n"), project)


def test_front_matter_that_is_not_a_mapping(project):
    with pytest.raises(TimelineError, match="key: value"):
        load_article(write(project, "a.txt", "---\n- a\n- b\n---\nText.\n"), project)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_with_byte_order_mark_is_read(project, encoding):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    data = bom + "---\ntitle: Caf\u00e9\r\n---\r\nOpened on Monday.\r\n".encode(encoding)
    article = load_article(write(project, "a.txt", data), project)
    assert article.title == "Caf\u00e9"
    assert article.text.strip() == "Opened on Monday."


def test_utf16_without_byte_order_mark_is_rejected(project):
    with pytest.raises(TimelineError, match="UTF-16"):
        load_article(write(project, "a.txt", "Text.".encode("utf-16-le")), project)


def test_truncated_utf16_is_an_error(project):
    with pytest.raises(TimelineError, match="not valid UTF-16"):
        load_article(write(project, "a.txt", "Text.".encode("utf-16") + b"\x00"), project)


def test_wrong_types_in_front_matter_warn(project):
    article, diagnostics = load(project, "a.txt",
                                "---\ntitle: [a, b]\ndate: 2014-06-15\ntags: {x: 1}\n---\nT.\n")
    assert article.title == "A"  # from the file name
    assert article.tags == []
    assert len(diagnostics.warnings) == 2


# --- discovery and slugs ---------------------------------------------------------------------


def test_discover_skips_hidden_and_other_files(project):
    for name in ("b.txt", "a.md", ".hidden.txt", "_draft/x.txt", "notes.yaml", "sub/c.txt"):
        write(project, name, "x")
    found = [p.relative_to(project.content_path).as_posix() for p in discover(project)]
    assert found == ["a.md", "b.txt", "sub/c.txt"]


def test_discover_missing_folder(tmp_path):
    with pytest.raises(TimelineError, match="content folder not found"):
        discover(Config(root=tmp_path))


@pytest.mark.parametrize(("name", "slug"), [
    ("2014-wsj-iraq-original", "2014-wsj-iraq-original"),
    ("Café Über Story", "cafe-uber-story"),
    ("..", "article"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_symlink_out_of_the_content_folder_is_refused(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("---\ndate: 2014-06-15\n---\nPrivate.\n")
    (project.content_path / "link.txt").symlink_to(secret)
    with pytest.raises(TimelineError, match="content/link.txt: the file is a link to a file "
                                            "outside the content folder"):
        load_article(project.content_path / "link.txt", project)


def test_symlink_inside_the_content_folder_is_fine(project):
    target = write(project, "real.txt", "---\ndate: 2014-06-15\n---\nText.\n")
    (project.content_path / "alias.txt").symlink_to(target)
    assert load_article(project.content_path / "alias.txt", project).text == "Text."


@pytest.mark.parametrize("written", ["2014-02-30", "0000-01-01", "99999-01-01", "[1, 2]",
                                     "2014-06-15T25:00:00"])
def test_impossible_front_matter_dates_warn(project, written):
    article, diagnostics = load(project, "a.txt", f"---\ndate: {written}\n---\nText.\n")
    assert article.published is None
    assert "is not a date" in str(diagnostics.warnings[0])


def test_yaml_python_tags_are_refused(project):
    with pytest.raises(TimelineError, match=r"a.txt:2: broken front matter"):
        load_article(write(project, "a.txt", "---\n!!python/object:os.system x\n---\nT.\n"),
                     project)


# --- Markdown without syntax is read without markdown-it ------------------------------------

# Pieces of text: words, every character Markdown gives a meaning to, escapes, line starts,
# blank lines, indentation and odd whitespace.
PIECES = st.lists(st.sampled_from(
    ["word", "Kerry", " ", "  ", "\n", "\n\n", "\n  \n", "    ", "\t", "\u00a0", "\u2028",
     "*", "_", "`", "[", "]", "(", ")", "<", ">", "#", "&", "&amp;", "&#35;", "~", "~~", "|",
     "---", "- ", "+ ", "= ", "1. ", "2) ", "\\", "\\*", "\\/", "\\\\", "!", ":", "-", ".",
     "http://x.org", "2014", "\u201cquoted\u201d"]), max_size=40).map("".join)


def _through_markdown_it(body: str):
    saved = content_module._may_be_markup
    content_module._may_be_markup = lambda _body: True
    try:
        return content_module._markdown_blocks(body)
    finally:
        content_module._may_be_markup = saved


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=PIECES)
def test_text_without_markdown_syntax_gets_the_blocks_markdown_it_gives(body):
    if content_module._may_be_markup(body):
        return
    assert content_module._plain_paragraphs(body) == _through_markdown_it(body)


@pytest.mark.parametrize("body", [
    "One line.\nSecond line of the same paragraph.\n\nA new paragraph \\/ with an escape.",
    "  Indented a little.\n\n\n\nAfter blank lines.  \nWith a hard break.",
    "A pipe | in a sentence, and a # sign, and 3 > 2.",
])
def test_plain_markdown_takes_the_fast_path_and_reads_the_same(body):
    assert not content_module._may_be_markup(body)
    assert content_module._plain_paragraphs(body) == _through_markdown_it(body)


@pytest.mark.parametrize("body", [
    "Some *emphasis*.", "A [link](http://x.org).", "- a list", "# Heading", "> quote",
    "    code", "a &amp; b", "line\\\nbreak", "Title\n===", "a | b\n--|--\nc | d", "1. one",
])
def test_markdown_syntax_goes_through_markdown_it(body):
    assert content_module._may_be_markup(body)
