"""Front matter: its fields, its dates and times, and the YAML it refuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.ingest.contentfiles import load, write
from timeline.errors import TimelineError
from timeline.ingest.content import load_article


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


def test_front_matter_without_closing_fence(project):
    with pytest.raises(TimelineError, match=r"a.txt:1: front matter has no closing"):
        load_article(write(project, "a.txt", "---\ntitle: x\nText.\n"), project)


def test_front_matter_that_is_not_a_mapping(project):
    with pytest.raises(TimelineError, match="key: value"):
        load_article(write(project, "a.txt", "---\n- a\n- b\n---\nText.\n"), project)


def test_wrong_types_in_front_matter_warn(project):
    article, diagnostics = load(project, "a.txt",
                                "---\ntitle: [a, b]\ndate: 2014-06-15\ntags: {x: 1}\n---\nT.\n")
    assert article.title == "A"  # from the file name
    assert article.tags == []
    assert len(diagnostics.warnings) == 2


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


@pytest.mark.parametrize("source", [
    "title: Talks\ndate: 2014-06-15\n",
    "date: 2014-06-15 09:30:00+02:00\ntags: [a, b]\n",
    "date: 2014-02-30\n",  # impossible: kept as text
    "title: 'Quoted: with a colon'\nauthor: Ann Smith\n",
])
def test_libyaml_reads_dated_front_matter_as_the_python_loader_does(source):
    yaml = pytest.importorskip("yaml")
    from timeline.ingest import frontmatter

    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML without libyaml")
    fast = frontmatter._fast_front_matter(source)
    assert fast is not frontmatter._SLOW  # read by libyaml, not handed to the slow loader
    assert fast == yaml.load(source, Loader=frontmatter._FrontMatterLoader)  # noqa: S506
