"""The per-article stage on several processes: same site byte for byte as one process, cache
kept, errors reported as in a single-process build, a dying worker a clear error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.pipeline import workers
from timeline.pipeline.build import MARKER, build_site
from timeline.pipeline.cache import ArticleCache
from timeline.site import parallel
from timeline.site.keptpages import KeptPages

# Sentences written for these tests: reports of the same happenings by several outlets, so
# merging across articles (processed by different workers) is exercised.
HAPPENINGS = [
    "The river authority opened the northern floodgates on Monday after a week of rain.",
    "Negotiators for the two unions met the port operator again on Tuesday morning.",
    "The city council approved the new tram line on March 3, 2021, by nine votes to four.",
    "A second vaccine depot opened in the eastern districts last Friday.",
    "The regulator said it would publish its findings by the end of next month.",
    "Ferry services to the islands resumed yesterday, three days after the storm.",
]
OUTLETS = ["Harbour Post", "Valley Courier", "Evening Ledger", "Coastal Wire"]


def write_collection(content: Path, articles: int) -> None:
    """``articles`` articles, each citing some of the happenings in its own words and order."""
    content.mkdir(parents=True, exist_ok=True)
    start = dt.date(2021, 3, 1)
    for number in range(articles):
        published = start + dt.timedelta(days=number % 9)
        picked = [HAPPENINGS[(number + k) % len(HAPPENINGS)] for k in range(1 + number % 4)]
        body = "\n\n".join(f"{line} Reporter {number} added details." if k % 2 else line
                           for k, line in enumerate(picked))
        (content / f"report-{number:03d}.md").write_text(
            f"---\ntitle: \"Report {number}\"\nsource: \"{OUTLETS[number % len(OUTLETS)]}\"\n"
            f"date: {published.isoformat()}\n---\n{body}\n", encoding="utf-8")
    (content / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    write_collection(project / "content", 30)
    return project


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site; the marker's build time is the one line allowed to differ."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == MARKER:
                data = b"\n".join(line for line in data.split(b"\n") if b'"built"' not in line)
            files[path.relative_to(site).as_posix()] = data
    return files


def build_with(project: Path, output: str, jobs: int, cache: ArticleCache | None = None):
    config = load_config(project, output_dir=output, jobs=jobs)
    return build_site(config, cache=cache)


def _pages_elsewhere(monkeypatch) -> list[str]:
    """Record the source pages rendered by worker processes (timeline.site.parallel)."""
    pages: list[str] = []
    real_settle = parallel.SourcePageWorkers._settle

    def settle(self) -> None:
        pages.append(self._pending[0][1])
        real_settle(self)

    monkeypatch.setattr(parallel.SourcePageWorkers, "_settle", settle)
    return pages


def test_two_processes_build_the_same_site_as_one(collection, monkeypatch):
    used = []
    real_pool = workers._on_pool
    monkeypatch.setattr(workers, "_on_pool", lambda *a: used.append(a[2]) or real_pool(*a))
    elsewhere = _pages_elsewhere(monkeypatch)
    one = build_with(collection, "site-1", jobs=1)
    assert elsewhere == []
    two = build_with(collection, "site-2", jobs=2)
    assert used == [2], "the second build did not use a pool of two processes"
    # every source page and every period page was rendered by the worker (they all fit in
    # its queue at once, so this process had none to take over)
    pages = [p for p in site_bytes(two.output) if p.startswith(("sources/report", "events/"))]
    assert len(pages) > 30
    assert sorted(elsewhere) == sorted(pages), "pages were not rendered by a worker process"
    assert len(one.articles) == 30 and len(one.diagnostics.errors) == 1
    assert [str(d) for d in two.diagnostics.items] == [str(d) for d in one.diagnostics.items]
    assert any(len(e.citations) > 1 for e in two.events), "nothing was merged across articles"
    assert site_bytes(two.output) == site_bytes(one.output)


def test_period_pages_a_worker_renders_match_with_events_added_by_hand(collection,
                                                                      monkeypatch):
    # an added event's source has no page here: its article goes to the worker whole
    (collection / "content" / "annotations.yaml").write_text(
        "add:\n  - date: 2021-03-04\n    text: The tram depot tender closed at noon.\n"
        "    note: Added *for context*.\n    citation:\n      title: Tender notice\n"
        "      url: https://example.org/tender\n      source: Works Gazette\n"
        "      published: 2021-03-05\n",  # without, the feeds date it by the build's clock
        encoding="utf-8")
    elsewhere = _pages_elsewhere(monkeypatch)
    one = build_with(collection, "site-1", jobs=1)
    two = build_with(collection, "site-2", jobs=2)
    assert any(e.editorial for e in two.events)
    assert any(p.startswith("events/") for p in elsewhere)
    assert site_bytes(two.output) == site_bytes(one.output)


def test_keys_a_worker_made_keep_every_page_of_an_unchanged_rebuild(collection, tmp_path,
                                                                    monkeypatch):
    # the worker computes the keys of the pages of a cold build from the articles' faces;
    # the building process computes them from the whole articles: they must be equal
    elsewhere = _pages_elsewhere(monkeypatch)
    build_with(collection, "site", jobs=2, cache=ArticleCache(tmp_path / "c", in_memory=False))
    assert any(p.startswith("events/") for p in elsewhere)
    sent = len(elsewhere)
    build_with(collection, "site", jobs=2, cache=ArticleCache(tmp_path / "c", in_memory=False))
    assert len(elsewhere) == sent, f"pages made again: {elsewhere[sent:]}"


def test_an_overridden_page_template_keeps_the_period_pages_here(collection, monkeypatch):
    # a project's period template may show anything of an article: its pages are not sent
    # (timeline.site.periodjobs.can_send), and the site is the same as one process's
    from timeline.site.environment import THEME

    (collection / "templates").mkdir()
    theme = (THEME / "templates" / "period.html").read_text(encoding="utf-8")
    (collection / "templates" / "period.html").write_text(
        theme.replace("{% block content %}", "{% block content %}<!-- ours -->", 1),
        encoding="utf-8")
    elsewhere = _pages_elsewhere(monkeypatch)
    one = build_with(collection, "site-1", jobs=1)
    two = build_with(collection, "site-2", jobs=2)
    assert "<!-- ours -->" in next((two.output / "events").glob("*.html")).read_text("utf-8")
    assert elsewhere and not any(p.startswith("events/") for p in elsewhere)
    assert site_bytes(two.output) == site_bytes(one.output)


def test_pool_results_go_to_the_cache_and_a_rebuild_processes_only_the_change(collection,
                                                                               tmp_path,
                                                                               monkeypatch):
    elsewhere = _pages_elsewhere(monkeypatch)
    cache = ArticleCache(tmp_path / "cache", in_memory=False)
    first = build_with(collection, "site", jobs=2, cache=cache)
    assert (cache.stats.hits, cache.stats.misses) == (0, 31)
    edited = collection / "content" / "report-007.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe bridge reopened on Sunday.\n",
                      encoding="utf-8")
    again = ArticleCache(tmp_path / "cache", in_memory=False)
    second = build_with(collection, "site", jobs=2, cache=again)
    assert (again.stats.hits, again.stats.misses) == (30, 1)  # only the edited article
    assert len(second.events) >= len(first.events)
    cold = build_with(collection, "site-cold", jobs=1)
    assert site_bytes(second.output) == site_bytes(cold.output)
    # the first build's source and period pages were rendered by a worker, and recorded: the
    # second build keeps all but the edited article's page and its new sentence's period
    # page, which a worker renders again
    periods = [p for p in site_bytes(first.output) if p.startswith("events/")]
    assert len(elsewhere) == 30 + len(periods) + 2
    # the edited article's page (sent while the key events were chosen), then the period page
    # of the new sentence
    assert elsewhere[-2] == "sources/report-007.html" and elsewhere[-1] in periods
    record = KeptPages(again.pages_record, second.output)
    assert all(record.previous_key(f"sources/report-{n:03d}.html") for n in range(30))


def test_a_page_a_worker_cannot_make_is_the_builds_error_and_the_site_is_left_alone(
        collection):
    build_with(collection, "site", jobs=1)
    before = site_bytes(collection / "site")
    (collection / "templates").mkdir()
    (collection / "templates" / "source.html").write_text("{{ source.nothing.missing }}\n",
                                                          encoding="utf-8")
    with pytest.raises(TimelineError, match="source.html"):
        build_with(collection, "site", jobs=2)
    assert site_bytes(collection / "site") == before


def test_a_worker_that_dies_is_a_clear_error_and_the_site_is_left_alone(collection, monkeypatch):
    build_with(collection, "site", jobs=1)
    before = site_bytes(collection / "site")

    def die(source, config):
        os._exit(3)

    monkeypatch.setattr(workers, "_process_one", die)
    # forked workers see the patch (with threads left by other tests, forkserver would be used)
    monkeypatch.setattr(workers, "_pool_context", lambda: multiprocessing.get_context("fork"))
    with pytest.raises(TimelineError, match="worker process died"):
        build_with(collection, "site", jobs=2)
    assert site_bytes(collection / "site") == before


def test_jobs_zero_means_every_core(collection):
    config = load_config(collection)
    assert config.jobs == 0
    assert workers.resolved_jobs(config) == workers.default_jobs() >= 1
    assert workers.resolved_jobs(dataclasses.replace(config, jobs=3)) == 3


def test_negative_jobs_in_timeline_toml_is_a_clear_error(collection):
    (collection / "timeline.toml").write_text("jobs = -2\n", encoding="utf-8")
    with pytest.raises(TimelineError, match="'jobs' must be 0"):
        load_config(collection)


def test_cli_jobs_option(collection):
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--jobs", "2"],
                          cwd=collection, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1  # the broken file is an error; the rest is built
    assert "30 articles" in done.stdout and "Traceback" not in done.stderr
    assert (collection / "site" / "index.html").is_file()
