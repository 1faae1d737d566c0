"""Publication dates: from a date line at the top of the text, from the file name, never today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.ingest.contentfiles import load
from timeline.config import Config
from timeline.ingest.content import load_article, parse_date_line

REPO = Path(__file__).resolve().parents[2]


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
