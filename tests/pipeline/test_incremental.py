"""Incremental builds (a cache shared between builds, as the preview server keeps one) write
exactly the files a cold build of the same input writes, byte for byte, after every kind of edit.

Each step changes the project, rebuilds it through the shared cache (memoised articles and
pages), builds it again from nothing into another folder, and compares the two sites file by
file. The marker's build time is the only difference allowed.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from sitefiles import example_project, site_files, write_story

from timeline.config import load_config
from timeline.pipeline.build import build_site
from timeline.pipeline.cache import ArticleCache

ROOT = Path(__file__).resolve().parents[2]

STORIES = {
    "talks-open": ("Talks open in Vienna", "Reuters", "2014-06-10", """\
Negotiators met in Vienna on Monday to open a new round of talks.
The talks are expected to last until Friday, officials said.
A first draft was circulated on 3 June 2014, according to diplomats.
"""),
    "talks-stall": ("Talks stall over sanctions", "AP", "2014-06-13", """\
Negotiators met in Vienna on Monday to open a new round of talks.
By Thursday the discussions had stalled over the pace of sanctions relief.
Both sides will meet again in July, a spokesman said.
"""),
    "markets": ("Markets shrug", "Financial Desk", "2014-06-12", """\
Oil prices rose 2 percent on Wednesday.
Analysts expect a rate decision next month.
Shares fell in the first quarter of 2014 and recovered in **April**.
See the [earlier report](https://example.com/report) from last week.
"""),
    "storm": ("Storm season begins", "Weather Service", "2014-06-01", """\
The hurricane season began on 1 June and runs until 30 November.
Last year's season was unusually quiet.
- Forecasters meet on Tuesday.
- A new outlook is due in August 2014.
"""),
    "election": ("Election date set", "Local News", "2014-05-20", """\
The council set the election for 14 October 2014.
Candidates must register by the end of August.
The previous vote took place in 2010.
"""),
}



@pytest.fixture
def project(tmp_path: Path) -> Path:
    return example_project(tmp_path / "project", STORIES)


def forget_remembered_exports() -> None:
    """Empty the per-event texts the exporters keep from their previous call."""
    from timeline.site import exports, feeds

    exports._EVENT_ITEMS.clear()
    feeds._ATOM_ENTRIES.clear()
    exports._EVENTS_TEXT._texts = {}
    feeds._SLIDES_TEXT._texts = {}


class Builds:
    """One project built twice per step: incrementally and cold.

    ``mode`` "memory": one cache shared between builds, in memory (the preview server's);
    "disk": a new on-disk cache for each build, as each ``timeline build`` run starts one
    (articles known by their files' stat, pages kept from the previous site)."""

    def __init__(self, project: Path, tmp_path: Path, mode: str = "memory") -> None:
        self.project, self.mode = project, mode
        self.incremental_site = tmp_path / "incremental" / "site"
        self.cold_site = tmp_path / "cold" / "site"
        self.cache = ArticleCache(None)

    def config(self, output: Path):
        return dataclasses.replace(load_config(self.project), output_dir=str(output))

    def check(self) -> dict[str, bytes]:
        """Rebuild incrementally and cold; assert both sites hold the same bytes."""
        config = self.config(self.incremental_site)
        if self.mode == "disk":
            self.cache = ArticleCache.for_project(config, in_memory=False)
        incremental = build_site(config, cache=self.cache)
        assert incremental.written, [str(d) for d in incremental.diagnostics.items]
        shutil.rmtree(self.cold_site, ignore_errors=True)
        forget_remembered_exports()  # or the cold build would reuse them too
        cold = build_site(self.config(self.cold_site))
        assert cold.written
        got, expected = site_files(self.incremental_site), site_files(self.cold_site)
        assert sorted(got) == sorted(expected)
        differing = [name for name in expected if got[name] != expected[name]]
        assert differing == []
        return got


def test_cold_build_through_the_cache_equals_a_build_without_it(project, tmp_path):
    builds = Builds(project, tmp_path)
    files = builds.check()
    assert "sources/talks-open.html" in files and "index.html" in files
    assert len(builds.cache.pages) > 0, "the build did not memoise its pages"


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_every_kind_of_edit_rebuilds_to_what_a_cold_build_writes(project, tmp_path, mode):
    builds = Builds(project, tmp_path, mode)
    content = project / "content"
    builds.check()

    builds.check()  # nothing changed: every page comes from the memo

    with (content / "markets.md").open("a", encoding="utf-8") as out:  # one more event
        out.write("\nThe central bank meets again on 18 June 2014.\n")
    files = builds.check()
    assert b"18 June 2014" in files["sources/markets.html"]

    # a new title: that source page, the list of sources and the feeds change
    story = STORIES["storm"]
    write_story(content, "storm", "Storm season opens early", *story[1:])
    files = builds.check()
    assert b"Storm season opens early" in files["sources/storm.html"]

    # the shared sentence of two articles loses one report: the merged event changes
    text = STORIES["talks-stall"][3].replace("Negotiators met in Vienna on Monday",
                                             "Diplomats gathered in Geneva on Tuesday")
    write_story(content, "talks-stall", *STORIES["talks-stall"][:3], text)
    builds.check()

    # a date added in the first sentence, the text keeping its length: the later events and
    # their offsets stay as they were, but their expressions' anchors (t-N) on the page move
    edited = STORIES["talks-open"][3].replace("a new round of talks", "talks on 4 June 2014")
    assert len(edited) == len(STORIES["talks-open"][3])
    write_story(content, "talks-open", *STORIES["talks-open"][:3], edited)
    files = builds.check()
    assert b"talks-open.html#t-4" in files["index.html"]

    (content / "election.md").unlink()
    files = builds.check()
    assert "sources/election.html" not in files

    write_story(content, "election", *STORIES["election"])
    builds.check()


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_a_template_reading_the_event_count_is_rendered_again_when_the_count_changes(
        project, tmp_path, mode):
    """Source pages are memoised on the ``site`` values their templates read: the default
    page reads no count, this override reads the event count on every source page."""
    builds = Builds(project, tmp_path, mode)
    builds.check()
    theme_source = ROOT / "timeline" / "site" / "theme" / "templates" / "source.html"
    override = theme_source.read_text(encoding="utf-8").replace(
        "{% block title %}", "{% block title %}[{{ site.event_count }} events] ", 1)
    assert "site.event_count" in override
    (project / "templates" / "source.html").write_text(override, encoding="utf-8")
    before = builds.check()
    _append(project, "election.md", "A recount is planned for 20 October 2014.")
    after = builds.check()
    assert before["sources/storm.html"] != after["sources/storm.html"]

    # an override reading every setting at once (tojson) depends on all of them
    (project / "templates" / "source.html").write_text(theme_source.read_text(
        encoding="utf-8").replace("{% block title %}", "{% block title %}{{ site|tojson }}", 1),
        encoding="utf-8")
    builds.check()
    _append(project, "storm.md", "A second outlook follows on 5 September 2014.")
    builds.check()


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_changed_settings_and_assets_reach_every_page(project, tmp_path, mode):
    builds = Builds(project, tmp_path, mode)
    builds.check()
    settings = project / "timeline.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'title = "Iraq, ISIS and Iran: June 2014"', 'title = "A renamed timeline"'),
        encoding="utf-8")
    files = builds.check()
    assert b"A renamed timeline" in files["sources/markets.html"]

    # a project stylesheet replaces the theme's: its hashed name changes in every page
    static = project / "templates" / "static"
    static.mkdir()
    theme_css = ROOT / "timeline" / "site" / "theme" / "static" / "timeline.css"
    (static / "timeline.css").write_text(theme_css.read_text(encoding="utf-8")
                                         + "\nbody { color: #111; }\n", encoding="utf-8")
    builds.check()

    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'base_url = ""', 'base_url = "https://example.org/news/"'), encoding="utf-8")
    files = builds.check()
    assert b"https://example.org/news/sources/markets.html" in files["sources/markets.html"]


def _append(project: Path, name: str, line: str) -> None:
    """Add ``line`` as a paragraph of its own at the end of ``content/name``."""
    with (project / "content" / name).open("a", encoding="utf-8") as out:
        out.write(f"\n{line}\n")


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino
            for p in (site / "sources").glob("*.html")}


def test_a_build_run_keeps_the_unchanged_source_pages_of_the_previous_site(project, tmp_path):
    """Each `timeline build` starts with nothing in memory: the source pages of unchanged
    articles are the previous site's files (linked), the edited article's page is new."""
    builds = Builds(project, tmp_path, "disk")
    builds.check()
    before = _inodes(builds.incremental_site)
    _append(project, "markets.md", "The finance ministers meet on 19 June 2014.")
    builds.check()
    after = _inodes(builds.incremental_site)
    kept = sorted(page for page in after if after[page] == before.get(page))
    assert "sources/markets.html" not in kept
    assert "sources/storm.html" in kept and "sources/election.html" in kept


def test_a_page_changed_by_hand_in_the_site_is_made_again(project, tmp_path):
    builds = Builds(project, tmp_path, "disk")
    builds.check()
    page = builds.incremental_site / "sources" / "storm.html"
    page.write_text(page.read_text(encoding="utf-8").replace("hurricane", "typhoon"),
                    encoding="utf-8")
    files = builds.check()  # the page is rendered again: it equals the cold build's
    assert b"hurricane" in files["sources/storm.html"]


def test_a_damaged_page_record_only_costs_rendering(project, tmp_path):
    builds = Builds(project, tmp_path, "disk")
    builds.check()
    record = project / ".timeline-cache" / "pages.index"
    assert record.is_file()
    record.write_bytes(record.read_bytes()[:40])
    builds.check()


def _all_inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html")}


def _period_contents(site: Path) -> dict[str, list]:
    """What each period page shows, per events.json: its events (all but the salience, which
    the pages do not show) and the key dates summarised by its events."""
    document = json.loads((site / "events.json").read_text(encoding="utf-8"))
    pages: dict[str, list] = {}
    for event in document["events"]:
        event.pop("salience")
        pages.setdefault(event["page"], []).append(event)
    page_of = {event["id"]: event["page"] for page in pages.values() for event in page}
    for key_date in document["key_dates"]:
        for event_id in key_date["summary"]:
            pages[page_of[event_id]].append(key_date["date"])
    return pages


def _changed(before: dict, after: dict) -> set[str]:
    return {name for name in after.keys() | before.keys() if after.get(name) != before.get(name)}


def test_an_edit_renders_again_only_the_pages_it_touches(project, tmp_path):
    """A `timeline build` after an edit renders the period pages whose events changed (the
    edited article's, and those whose events became key or stopped being so) and the edited
    article's page; every other period and source page is the previous site's file. The
    period pages list the other periods with a range of counts, not the counts, so one more
    event leaves them alone; and a citation shows only its article's metadata, so appending
    to an article leaves the pages of its other events alone. The rebuilt site equals a cold
    build of the edited content (``Builds.check``)."""
    builds = Builds(project, tmp_path, "disk")
    builds.check()
    site = builds.incremental_site
    before, shown = _all_inodes(site), _period_contents(site)
    periods = sorted(page for page in before if page.startswith("events/"))
    assert {"events/2010.html", "events/2013.html", "events/2014.html"} <= set(periods)
    # the election article has an event on the 2010 page; its new one goes to 2014's
    _append(project, "election.md",
            "The new council will sit for the first time on 2 December 2014.")
    builds.check()
    after, shown_after = _all_inodes(site), _period_contents(site)
    expected = _changed(shown, shown_after)
    assert "events/2014.html" in expected and "events/2010.html" not in expected
    assert len(expected) < len(periods)
    assert _changed(before, after) == expected | {
        "index.html", "404.html",  # made at every build
        "sources/election.html", "sources/index.html"}  # the list counts each one's events
    # a reworded sentence makes its own period's page again, and its article's
    text = STORIES["markets"][3].replace("a rate decision", "a rate cut")
    write_story(project / "content", "markets", *STORIES["markets"][:3], text)
    builds.check()
    again = _all_inodes(site)
    expected = _changed(shown_after, _period_contents(site))
    assert expected == {"events/2014.html"}
    # the counts on the list of sources are the same: its page is the previous one
    assert _changed(after, again) == expected | {
        "index.html", "404.html", "sources/markets.html"}


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_the_collection_state_is_kept_and_brought_up_to_date(project, tmp_path, mode):
    """Merging regroups only the sentences an edit touched (the state kept by the cache, in
    memory or in .timeline-cache), and the site is still the cold build's."""
    builds = Builds(project, tmp_path, mode)
    builds.check()
    if mode == "disk":
        assert (project / ".timeline-cache" / "collection.state").is_file()
    _append(project, "storm.md", "The coastal towns rehearse their evacuation on 9 July 2014.")
    builds.check()
    kind, placed = builds.cache.collection.similar.last
    assert kind == "incremental" and 0 < placed < 5
    if mode == "disk":  # a damaged state is an empty one: the full work, the same site
        (project / ".timeline-cache" / "collection.state").write_bytes(b"timeline-collection 1")
        builds.check()
        assert builds.cache.collection.similar.last[0] == "full"


def test_a_process_that_builds_again_keeps_the_state_in_memory(project, tmp_path):
    """The preview server's cache (entries in memory and on disk) writes the collection state
    only when told to, and a build run after it starts from that file."""
    config = dataclasses.replace(load_config(project), output_dir=str(tmp_path / "site"))
    cache = ArticleCache.for_project(config)
    assert build_site(config, cache=cache).written
    state_file = project / ".timeline-cache" / "collection.state"
    assert not state_file.exists()
    cache.save_collection(now=True)
    assert state_file.is_file()
    again = ArticleCache.for_project(config, in_memory=False)
    assert build_site(config, cache=again).written
    assert again.collection.similar.last == ("incremental", 0)


def test_events_json_copies_the_unchanged_events_from_the_previous_site(project, tmp_path,
                                                                         monkeypatch):
    """A `timeline build` after an edit copies the events.json text of every unchanged event
    from the previous site's file; the file equals a cold build's. A previous file changed
    by hand is not read."""
    from timeline.site.slices import Slices

    builds = Builds(project, tmp_path, "disk")
    builds.check()
    copied: list[bytes] = []
    real_get = Slices.get
    monkeypatch.setattr(Slices, "get", lambda self, key: copied.append(real_get(self, key))
                        or copied[-1] if self.rel == "events.json" else real_get(self, key))
    text = STORIES["markets"][3].replace("a rate decision", "a rate cut")
    write_story(project / "content", "markets", *STORIES["markets"][:3], text)
    files = builds.check()
    events = json.loads(files["events.json"])["events"]
    reused = [data for data in copied if data is not None]
    # all but the reworded event's; the salience of most events moved, and is set anew
    assert len(events) - 3 <= len(reused) < len(events)
    salience = {event["id"]: event["salience"] for event in events}
    for data in reused:
        event = json.loads(data.decode())
        assert {**event, "salience": salience[event["id"]]} in events
    copied.clear()
    previous = builds.incremental_site / "events.json"
    previous.write_text(previous.read_text(encoding="utf-8").replace("rate cut", "rate hike"),
                        encoding="utf-8")
    _append(project, "storm.md", "A third outlook is due on 2 October 2014.")
    builds.check()
    assert not any(copied)


def test_the_inputs_record_takes_the_hashes_the_stat_index_knows_and_no_stale_one(
        project, tmp_path):
    """Files older than the stat index's racy window are known by their stat: the record of
    the build's inputs takes their hashes from it, and a file edited since is hashed again."""
    import os
    import time

    from timeline.publish.buildrecord import INPUTS_RECORD, input_files

    def age(path: Path, seconds: float) -> None:
        then = time.time() - seconds
        os.utime(path, (then, then))

    for path in (project / "content").iterdir():
        age(path, 3600)
    builds = Builds(project, tmp_path, "disk")
    builds.check()
    edited = project / "content" / "storm.md"
    with edited.open("a", encoding="utf-8") as out:
        out.write("\nForecasters expect a busy September.\n")
    age(edited, 1800)
    builds.check()  # the record equals the cold build's, which hashed every file
    config = builds.config(builds.incremental_site)
    known = builds.cache.content_hash(edited, config)
    assert known is not None  # the rebuild read it and its stat is trusted now
    record = json.loads((builds.incremental_site / INPUTS_RECORD).read_text(encoding="utf-8"))
    assert record["inputs"] == input_files(config)


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_an_unchanged_article_whose_furniture_changes_gets_its_page_made_again(
        project, tmp_path, mode):
    """A source page's key takes the article as the cache made it (its origin) plus what the
    collection sets on it later: a third page of one publisher makes a line the first two
    carry page furniture, and their unchanged files' pages must show it set aside."""
    promo = "Read the Lantern Weekly every Thursday for the harbour news."
    stories = {
        "ferry-one": ("Ferry crews meet", "Lantern Weekly", "2014-06-02",
                      f"Ferry crews met the port board on Monday.\n\n{promo}\n"),
        "ferry-two": ("Ferry talks go on", "Lantern Weekly", "2014-06-05",
                      f"The port board answered the crews on Wednesday.\n\n{promo}\n"),
    }
    for slug, story in stories.items():
        write_story(project / "content", slug, *story)
    builds = Builds(project, tmp_path, mode)
    before = builds.check()["sources/ferry-one.html"]
    write_story(project / "content", "ferry-three", "Ferry deal signed", "Lantern Weekly",
                "2014-06-09", f"Crews and the board signed a deal on Friday.\n\n{promo}\n")
    after = builds.check()["sources/ferry-one.html"]  # equal to the cold build's
    assert after != before


def test_the_csv_file_copies_the_rows_of_unchanged_events_and_not_across_addresses(
        project, tmp_path, monkeypatch):
    """events.csv after an edit: the rows of unchanged events come from the previous site's
    file, the file equals a cold build's; after the site's address changes (the rows' links
    hold it), no row is copied."""
    from timeline.site.slices import Slices

    builds = Builds(project, tmp_path, "disk")
    builds.check()
    copied: list[bytes | None] = []
    real_get = Slices.get

    def get(self, key):
        found = real_get(self, key)
        if self.rel == "events.csv":
            copied.append(found)
        return found

    monkeypatch.setattr(Slices, "get", get)
    _append(project, "election.md", "The results are due on 15 October 2014.")
    files = builds.check()
    rows = files["events.csv"].decode("utf-8-sig").count("\r\n") - 1
    reused = [row for row in copied if row is not None]
    assert rows - 2 <= len(reused) < rows
    assert all(row.decode("utf-8") in files["events.csv"].decode("utf-8") for row in reused)
    copied.clear()
    settings = project / "timeline.toml"
    lines = [line for line in settings.read_text(encoding="utf-8").splitlines()
             if not line.startswith("base_url")]
    settings.write_text("\n".join([*lines, 'base_url = "https://example.org/harbour/"', ""]),
                        encoding="utf-8")
    files = builds.check()
    assert b"https://example.org/harbour/" in files["events.csv"]
    assert copied and not any(copied)


def test_the_list_of_sources_is_kept_when_no_source_on_it_changed_what_it_shows(
        project, tmp_path):
    """The sources list shows each article's title, date and counts: a sentence without a
    date added to an article changes none of them, so the previous build's list page is
    linked, not rendered; a dated one changes the counts and the list is made again."""
    builds = Builds(project, tmp_path, "disk")
    builds.check()
    before = _inodes(builds.incremental_site)
    _append(project, "storm.md", "Forecasters urged coastal towns to prepare.")
    builds.check()
    after = _inodes(builds.incremental_site)
    assert after["sources/index.html"] == before["sources/index.html"]
    assert after["sources/storm.html"] != before["sources/storm.html"]
    _append(project, "storm.md", "The first storm is expected on 20 June 2014.")
    builds.check()
    assert _inodes(builds.incremental_site)["sources/index.html"] != after["sources/index.html"]
