"""The source pages' head start (timeline.pipeline.headstart): sent to the workers before the
key events are chosen, the same site as one process builds; a page reading a value known only
later is made again; a build stopping before its pages leaves no workers or folder behind."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from test_workers import build_with, site_bytes, write_collection

from timeline.pipeline import build, headstart
from timeline.site import parallel
from timeline.site.environment import THEME


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    write_collection(project / "content", 24)
    return project


def _redone(monkeypatch) -> list[str]:
    """The pages the workers rendered before a site value they read was known."""
    redone: list[str] = []
    real_finish = parallel.SourcePageWorkers.finish

    def finish(self) -> None:
        real_finish(self)
        redone.extend(self.redo)

    monkeypatch.setattr(parallel.SourcePageWorkers, "finish", finish)
    return redone


def test_source_pages_sent_early_make_the_same_site(collection, monkeypatch):
    sent_early: list[int] = []
    real = headstart.head_start

    def spy(*args):
        made = real(*args)
        sent_early.append(made.workers.sent if made is not None else 0)
        return made

    monkeypatch.setattr(build, "head_start", spy)
    one = build_with(collection, "site-1", jobs=1)
    two = build_with(collection, "site-2", jobs=2)
    assert sent_early == [0, 24]  # one process: no head start; two: every source page
    assert site_bytes(two.output) == site_bytes(one.output)


def test_a_source_page_reading_the_years_of_the_key_dates_is_made_again(collection,
                                                                       monkeypatch):
    # the heading's years come from the key dates, chosen after the head start
    (collection / "templates").mkdir()
    theme = (THEME / "templates" / "source.html").read_text(encoding="utf-8")
    (collection / "templates" / "source.html").write_text(
        theme.replace("{% block content %}", "{% block content %}<p>Years: {{ site.span }}</p>",
                      1), encoding="utf-8")
    redone = _redone(monkeypatch)
    one = build_with(collection, "site-1", jobs=1)
    two = build_with(collection, "site-2", jobs=2)
    assert len(redone) == 24
    page = (two.output / "sources" / "report-003.html").read_text(encoding="utf-8")
    assert "<p>Years: 2021</p>" in page
    assert site_bytes(two.output) == site_bytes(one.output)


def test_a_build_failing_after_the_head_start_leaves_no_workers_or_folder(collection,
                                                                         monkeypatch):
    build_with(collection, "site", jobs=1)
    before = site_bytes(collection / "site")
    started: list = []
    workers: list[multiprocessing.Process] = []
    real = headstart.head_start

    def spy(*args):
        started.append(real(*args))
        workers.extend(started[-1].workers._pool._processes.values())
        return started[-1]

    def broken(*_args, **_kwargs):
        raise RuntimeError("the key events could not be chosen")

    monkeypatch.setattr(build, "head_start", spy)
    monkeypatch.setattr(build, "select_key_dates", broken)
    with pytest.raises(RuntimeError, match="key events"):
        build_with(collection, "site", jobs=2)
    assert started and started[0] is not None
    assert not started[0].staging.exists()
    assert workers and not any(p.is_alive() for p in workers)
    assert sorted(p.name for p in collection.iterdir()) == ["content", "site"]
    assert site_bytes(collection / "site") == before
