"""Rendering: pages, grouping, labels, highlights, escaping and links (hand-made timexes)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from handmade import build_handmade_site
from htmlcheck import broken_links, duplicate_ids, parse
from markupsafe import Markup

from timeline.config import Config
from timeline.errors import TimelineError
from timeline.site.formats import html_datetime, safe_url
from timeline.site.highlight import Layer, render_runs
from timeline.site.render import render_site
from timeline.site.sourcepages import timex_tip
from timeline.temporal import tag
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return build_handmade_site(tmp_path)


def test_pages_exist(site):
    for name in ("index.html", "sources/index.html", "sources/story.html",
                 "static/timeline.css", "static/timeline.js"):
        assert (site / name).is_file(), name


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_no_duplicate_ids(site):
    for page in site.rglob("*.html"):
        assert duplicate_ids(page) == [], page


def test_article_text_and_metadata_are_escaped(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<b>& more</b>" not in html
        assert "<News>" not in html
        assert all("inline" not in s for s in parse(page).scripts), page
    source = (site / "sources/story.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in source or \
        "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in source


def period_pages(site: Path) -> str:
    """Every period page's HTML, in date order (the handmade story's are whole years)."""
    pages = sorted((site / "events").glob("*.html"))
    assert pages, "no period pages"
    return "".join(page.read_text(encoding="utf-8") for page in pages)


def timeline_headings(html: str) -> list[str]:
    """The text of the timeline's headings: years, months, event and key-date labels."""
    found = re.findall(r'<h([234])\b[^>]*class="(?:year__heading|month__heading|event__label|'
                       r'key-date__label)[^"]*"[^>]*>(.*?)</h\1>', html)
    return [re.sub(r"<[^>]+>", "", text) for _, text in found]


def test_period_pages_are_chronological_and_grouped(site):
    assert sorted(p.name for p in (site / "events").glob("*.html")) == [
        "2003.html", "2013.html", "2014.html"]
    assert timeline_headings(period_pages(site)) == [
        "2003", "2003",  # year heading; a year-precision event sits at the top of its year
        "2013", "fall 2013",
        "2014", "June 2014", "14 June 2014", "16 June 2014", "week of 16 June 2014",  # finer first
        "July 2014", "late July 2014",
    ]


def test_index_lists_every_key_date_with_its_summary(site):
    """Every date of a small timeline is key: the index shows them all, by year."""
    html = (site / "index.html").read_text(encoding="utf-8")
    assert timeline_headings(html) == [
        "2003", "2003", "2013", "fall 2013", "2014", "14 June 2014", "16 June 2014",
        "week of 16 June 2014", "late July 2014"]
    assert html.count('<li class="entry') == 6
    for year in ("2003", "2013", "2014"):  # each key date leads to its period page
        assert f'href="events/{year}.html#' in html


def test_event_labels_at_their_precision(site):
    html = period_pages(site)
    for datetime, label in [("2014-06-14", "14 June 2014"), ("2014-W25", "week of 16 June 2014"),
                            ("2014-07", "late July 2014"), ("2013", "fall 2013"),
                            ("2003", "2003")]:
        assert f'<time datetime="{datetime}">{label}</time>' in html


def test_one_event_per_dated_sentence_and_none_for_the_duration(site):
    html = period_pages(site)
    assert html.count('<li class="event') == 6
    # the duration sits in the "last fall" sentence: marked there, but never the anchor
    assert '<mark class="tx tx-other">over the past year</mark>' in html


def test_event_sentence_highlights_its_expression(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'Kerry called Zebari <mark class="tx tx-anchor">on Saturday</mark>.' in html


def test_citation_links_source_anchor_and_original(site):
    index = parse(site / "index.html")
    hrefs = [url for tag, url in index.links if tag == "a"]
    assert any(h.startswith("sources/story.html#t-") for h in hrefs)
    assert "https://example.org/story?a=1&b=2" in hrefs
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/story?a=1&amp;b=2" rel="noopener"' in html


def test_source_page_expressions_link_to_events_and_show_dates(site):
    source = parse(site / "sources/story.html")
    to_events = [url for tag, url in source.links if url.startswith("../events/")]
    # every expression of an event's sentence links to it, the duration too
    assert len(to_events) == 7
    assert len(set(to_events)) == 6
    html = (site / "sources/story.html").read_text(encoding="utf-8")
    assert html.count('class="tx tx-event"') == 6
    assert 'data-tip="14 June 2014, from the article of 15 June 2014"' in html
    assert 'data-tip="a duration, not a date"' in html



def test_link_inside_markdown_is_kept(site):
    source = parse(site / "sources/story.html")
    assert ("a", "https://example.org/v") in source.links


def test_links_are_relative(site):
    for page in site.rglob("*.html"):
        for _tag, url in parse(page).links:
            assert not url.startswith("/"), (page, url)


def test_project_template_overrides_theme(tmp_path):
    config = Config(root=tmp_path, description="Shown by the theme")
    (tmp_path / "templates/partials").mkdir(parents=True)
    (tmp_path / "templates/partials/about.html").write_text(
        '<p class="about">About: {{ site.title }}</p>', encoding="utf-8")
    render_site(tmp_path / "out", config, [], [])
    html = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert '<p class="about">About: Timeline</p>' in html
    assert '<p class="lede">Shown by the theme' not in html


def test_broken_override_names_the_template_and_line(tmp_path):
    config = Config(root=tmp_path)
    (tmp_path / "templates/partials").mkdir(parents=True)
    (tmp_path / "templates/partials/about.html").write_text("ok\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TimelineError, match=r"about.html:2: template error"):
        render_site(tmp_path / "out", config, [], [])


def test_empty_timeline_renders(tmp_path):
    render_site(tmp_path / "out", Config(root=tmp_path), [], [])
    assert "No dated events yet" in (tmp_path / "out/index.html").read_text(encoding="utf-8")


# --- pieces ----------------------------------------------------------------------------------


def layer(start, end, name, depth):
    return Layer(start, end, Markup(f"<{name}>"), Markup(f"</{name}>"), depth)


def test_render_runs_nests_crossing_layers():
    html = render_runs("abcdef", 0, 6, [layer(0, 4, "a", 0), layer(2, 6, "m", 5)])
    assert html == "<a>ab<m>cd</m></a><m>ef</m>"


def test_render_runs_escapes_text_and_clips_to_range():
    html = render_runs("x<y>&z", 1, 5, [layer(0, 3, "m", 5)])
    assert html == "<m>&lt;y</m>&gt;&amp;"


@pytest.mark.parametrize(("url", "allowed"), [
    ("https://example.org", "https://example.org"),
    ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,x", None),
    ("//evil.example", None),
    ("", None),
])
def test_safe_url(url, allowed):
    assert safe_url(url) == allowed


def test_safe_url_relative_only_when_allowed():
    assert safe_url("other.html#x") is None
    assert safe_url("other.html#x", allow_relative=True) == "other.html#x"
    assert safe_url("javascript:x", allow_relative=True) is None


@pytest.mark.parametrize(("value", "precision", "expected"), [
    ("2014-06-14", "day", "2014-06-14"),
    ("2014-06-14T10:00", "minute", "2014-06-14"),
    ("2014-W25", "week", "2014-W25"),
    ("2014-07", "month", "2014-07"),
    ("2013-FA", "season", "2013"),
    ("2003", "year", "2003"),
])
def test_html_datetime(value, precision, expected):
    meaning = interpret(value)
    assert html_datetime(value, precision, meaning.start) == expected


def test_unresolved_tip_says_why():
    timex = Timex(0, 6, "Monday", "DATE", "XXXX-WXX-1")
    assert timex_tip(timex, undated=True) == "unresolved: the article has no publication date"


def test_same_date_shows_once_on_the_rail(tmp_path):
    site = build_handmade_site(tmp_path, extra="Graham spoke on Saturday too.\n")
    html = (site / "events/2014.html").read_text(encoding="utf-8")
    first = html.index("Kerry called Zebari")
    second = html.index("Graham spoke")
    assert html.count(' event--continued') == 1
    assert html.rfind('<li class="event', 0, second) > first
    assert "event--continued" in html[html.rfind('<li class="event', 0, second):second]


def test_century_event_is_headed_by_its_century(tmp_path):
    from timeline.model import Event
    from timeline.site.views import group_events

    def bare(value):
        meaning = interpret(value)
        return Event(id=value, value=value, precision=meaning.precision, start=meaning.start,
                     end=meaning.end, text=value)

    years = group_events([bare("10"), bare("199"), bare("1990")], {})
    assert [y.label for y in years] == ["11th century", "1990"]  # 1990s and 1990 share a year


def test_markdown_structure_on_the_source_page(tmp_path):
    from timeline.ingest.content import load_article
    from timeline.pipeline.build import ArticleResult, source_docs

    (tmp_path / "content").mkdir()
    story = tmp_path / "content" / "2014-06-15-md.md"
    story.write_text("# Big news\n\nIntro **bold** text.\n\n> Quoted words.\n\n"
                     "- first item\n- second item\n\n```\ncode <here>\n```\n", encoding="utf-8")
    config = Config(root=tmp_path)
    article = load_article(story, config)
    render_site(tmp_path / "out", config, [],
                source_docs([ArticleResult(story, article)], []))
    html = (tmp_path / "out/sources/2014-06-15-md.html").read_text(encoding="utf-8")
    assert "<h2>Big news</h2>" in html
    assert "<p>Intro <strong>bold</strong> text.</p>" in html
    assert "<blockquote><p>Quoted words.</p></blockquote>" in html
    assert "<ul><li>first item</li><li>second item</li></ul>" in html
    assert "<pre><code>code &lt;here&gt;</code></pre>" in html


def test_project_static_files_replace_and_add(tmp_path):
    (tmp_path / "templates/static").mkdir(parents=True)
    (tmp_path / "templates/static/timeline.css").write_text("body { color: red }")
    (tmp_path / "templates/static/logo.svg").write_text("<svg/>")
    written = render_site(tmp_path / "out", Config(root=tmp_path), [], [])
    assert (tmp_path / "out/static/timeline.css").read_text() == "body { color: red }"
    assert (tmp_path / "out/static/logo.svg").is_file()
    assert len(written) == len(set(written))


def test_override_with_a_runtime_error_is_one_line(tmp_path):
    (tmp_path / "templates/partials").mkdir(parents=True)
    (tmp_path / "templates/partials/about.html").write_text("{{ site.title.nope() }}")
    with pytest.raises(TimelineError, match="template index.html failed"):
        render_site(tmp_path / "out", Config(root=tmp_path), [], [])


def test_sources_list_newest_first_undated_last(tmp_path):
    from timeline.ingest.content import load_article
    from timeline.pipeline.build import ArticleResult, source_docs

    (tmp_path / "content").mkdir()
    results = []
    files = [("b.txt", "date: 2014-06-10"), ("a.txt", ""), ("c.txt", "date: 2014-06-15")]
    for name, front in files:
        path = tmp_path / "content" / name
        path.write_text(f"---\ntitle: {name}\n{front}\n---\nText.\n", encoding="utf-8")
        results.append(ArticleResult(path, load_article(path, Config(root=tmp_path))))
    render_site(tmp_path / "out", Config(root=tmp_path), [], source_docs(results, []))
    html = (tmp_path / "out/sources/index.html").read_text(encoding="utf-8")
    assert html.index("c.txt") < html.index("b.txt") < html.index("a.txt")


def test_tip_of_a_time_written_with_its_zone_gives_the_offset():
    (timex,) = tag("The polls closed at 8 p.m. EST.", dt.date(2014, 1, 7))
    assert timex_tip(timex) == "7 January 2014, 20:00 (UTC-05:00)"
    (plain,) = tag("The polls closed at 8 p.m.", dt.date(2014, 1, 7))
    assert timex_tip(plain) == "7 January 2014, 20:00"


def test_a_range_shows_as_one_date_and_a_doubt_is_said_beside_it(tmp_path):
    from feedfixtures import make_event

    festival = make_event("2014-06-03", "The festival ran.", end_value="2014-06-05",
                          event_id="fest")
    notice = make_event("2014-06-08", "The gates opened.", event_id="gates",
                        doubt="a day named in a quotation of an older message")
    render_site(tmp_path / "out", Config(root=tmp_path), [festival, notice], [])
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert timeline_headings(index) == ["2014", "3\u20135 June 2014", "8 June 2014"]
    assert "Date uncertain: a day named in a quotation of an older message" in index
    html = (tmp_path / "out" / "events" / "2014.html").read_text(encoding="utf-8")
    fest, gates = html.index('id="fest"'), html.index('id="gates"')
    assert fest < gates
    labels = re.findall(r'class="event__label">.*?<time[^>]*>([^<]*)</time>', html)
    assert labels == ["3\u20135 June 2014", "8 June 2014"]
    badges = [m.start() for m in re.finditer(r'class="badge badge--uncertain"', html)]
    assert len(badges) == 1 and badges[0] > gates
    assert ("Date uncertain: a day named in a quotation of an older message</p>"
            in html[badges[0]:])


def test_tip_of_a_range_and_of_a_doubtful_expression():
    span = Timex(0, 8, "June 3-5", "DATE", "2014-06-03", None, "day",
                 (dt.date(2014, 6, 3), dt.date(2014, 6, 6)), end_value="2014-06-05")
    assert timex_tip(span) == "3\u20135 June 2014"
    doubtful = Timex(0, 6, "Sunday", "DATE", "2014-06-08", None, "day",
                     (dt.date(2014, 6, 8), dt.date(2014, 6, 9)), doubt="quoted")
    assert timex_tip(doubtful) == "8 June 2014; uncertain: quoted"


def test_tip_of_a_date_before_the_era_says_it_is_not_on_the_timeline():
    bc = Timex(0, 18, "the 3rd century BC", "DATE", "BC02")
    assert timex_tip(bc) == "3rd century BC: before the calendar the timeline uses"


def test_the_index_heading_spans_the_key_dates_not_the_background():
    from eventfactory import article, event

    from timeline.site.render import site_context

    paper = article("quay", dt.date(2019, 5, 2))
    founding = event(paper, "The quay was first built in 1450 by the guild.", "1450", "1450")
    repairs = [event(paper, f"Repairs began on {d} May 2019.", f"{d} May 2019", f"2019-05-{d:02d}")
               for d in (1, 2)]
    stray = event(paper, "A plan runs to 2080 at the latest.", "2080", "2080")
    for ev in repairs:
        ev.key = True
    events = [founding, *repairs, stray]
    assert site_context(Config(), events, [])["span"] == "2019"
    for ev in repairs:
        ev.key = False  # no key dates (a small collection): every event's years
    assert site_context(Config(), events, [])["span"] == "1450–2080"
