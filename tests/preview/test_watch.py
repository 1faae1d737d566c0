"""The watcher: real watchdog observers (native and polling) on real folders."""

from __future__ import annotations

import queue
import time
from pathlib import Path

import pytest

from timeline.preview.watch import Debouncer, Watcher, is_ignored

WAIT = 30.0  # failure guard only: a correct watcher answers far sooner


@pytest.mark.parametrize("name", [
    ".article.md.swp", ".article.md.swx", "article.md~", ".#article.md", "#article.md#",
    "article.md.bak", ".DS_Store", "4913",
])
def test_editor_files_are_ignored(name):
    assert is_ignored(Path("/p/content") / name)


@pytest.mark.parametrize("path", [
    "/p/content/article.md", "/p/content/2014-06-15-wsj.txt", "/p/templates/index.html",
    "/p/timeline.toml", "/p/content/notes.backup.md", "/p/content/4913-report.txt",
])
def test_real_files_are_not_ignored(path):
    assert not is_ignored(Path(path))


def test_files_in_version_control_folders_are_ignored():
    assert is_ignored(Path("/p/content/.git/index"))
    assert is_ignored(Path("/p/templates/__pycache__/x.pyc"))


class Batches:
    """Collects the watcher's callbacks."""

    def __init__(self) -> None:
        self.queue: queue.Queue[set[Path]] = queue.Queue()

    def __call__(self, paths: set[Path]) -> None:
        self.queue.put(paths)

    def next(self) -> set[Path]:
        return self.queue.get(timeout=WAIT)

    def none_within(self, seconds: float) -> bool:
        try:
            self.queue.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("first\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "timeline.toml").write_text('title = "x"\n', encoding="utf-8")
    return tmp_path.resolve()


@pytest.fixture(params=[False, True], ids=["native", "polling"])
def watched(request, project: Path):
    batches = Batches()
    watcher = Watcher(batches, folders=[project / "content", project / "templates"],
                      files=[project / "timeline.toml"], exclude=[project / "site"],
                      poll=request.param, quiet=0.5, poll_interval=0.1)
    watcher.start()
    time.sleep(0.3 if request.param else 0.0)  # the polling observer's first snapshot
    yield project, batches
    watcher.stop()


def test_a_changed_article_is_reported(watched):
    project, batches = watched
    (project / "content" / "a.md").write_text("second\n", encoding="utf-8")
    assert project / "content" / "a.md" in batches.next()


def test_new_deleted_and_renamed_files_are_reported(watched):
    project, batches = watched
    content = project / "content"
    (content / "b.md").write_text("new\n", encoding="utf-8")
    assert content / "b.md" in batches.next()
    (content / "b.md").rename(content / "c.md")
    assert content / "c.md" in batches.next()
    (content / "c.md").unlink()
    assert content / "c.md" in batches.next()


def test_the_config_file_is_watched_but_not_the_rest_of_the_root(watched):
    project, batches = watched
    (project / "notes.txt").write_text("not part of the site\n", encoding="utf-8")
    (project / "site" / "index.html").write_text("built\n", encoding="utf-8")
    (project / "timeline.toml").write_text('title = "y"\n', encoding="utf-8")
    assert batches.next() == {project / "timeline.toml"}


def test_swap_files_alone_never_call_back(watched):
    project, batches = watched
    content = project / "content"
    for name in (".a.md.swp", "a.md~", ".#a.md", "#a.md#", "a.md.bak", ".DS_Store", "4913"):
        (content / name).write_text("scratch\n", encoding="utf-8")
    (content / ".a.md.swp").unlink()
    assert batches.none_within(1.0)


def test_reading_files_never_calls_back(watched):
    project, batches = watched
    for _ in range(5):
        (project / "content" / "a.md").read_bytes()  # what every build does
    assert batches.none_within(1.0)


def test_a_burst_of_writes_is_one_callback(watched):
    project, batches = watched
    content = project / "content"
    for number in range(20):
        (content / f"burst-{number}.md").write_text(f"{number}\n", encoding="utf-8")
    batch = batches.next()
    assert {content / f"burst-{n}.md" for n in range(20)} <= batch
    assert batches.none_within(1.5)


def test_a_watched_folder_created_later_is_watched(watched):
    project, batches = watched
    templates = project / "templates"
    templates.mkdir()
    assert templates in batches.next()
    time.sleep(0.3)  # let the new folder's watch be set up (and polled once)
    (templates / "index.html").write_text("{{ site.title }}\n", encoding="utf-8")
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if templates / "index.html" in batches.next():
            return
    pytest.fail("a file in the new templates folder was never reported")


def test_debouncer_merges_paths_added_in_quick_succession():
    batches = Batches()
    debouncer = Debouncer(batches, quiet=0.2)
    try:
        for number in range(50):
            debouncer.add([Path(f"/p/{number}")])
        assert batches.next() == {Path(f"/p/{n}") for n in range(50)}
        assert batches.none_within(0.6)
        debouncer.add([Path("/p/again")])
        assert batches.next() == {Path("/p/again")}
    finally:
        debouncer.close()


def test_debouncer_survives_a_failing_callback(capsys):
    results: queue.Queue[set[Path]] = queue.Queue()

    def callback(paths):
        if Path("/bad") in paths:
            raise RuntimeError("build crashed")
        results.put(paths)

    debouncer = Debouncer(callback, quiet=0.05)
    try:
        debouncer.add([Path("/bad")])
        time.sleep(0.3)
        debouncer.add([Path("/good")])
        assert results.get(timeout=WAIT) == {Path("/good")}
    finally:
        debouncer.close()
    assert "build crashed" in capsys.readouterr().out


def test_an_article_caught_empty_mid_save_is_read_once_written(tmp_path):
    # an editor saving in place truncates first and writes a moment later: the batch waits
    article = tmp_path / "storm.md"
    article.write_text("", encoding="utf-8")
    seen: queue.Queue[str] = queue.Queue()
    debouncer = Debouncer(lambda paths: seen.put(article.read_text(encoding="utf-8")),
                          quiet=0.05, max_wait=60.0)
    try:
        debouncer.add([article])
        time.sleep(0.4)  # several quiet windows pass while the file is empty
        article.write_text("The storm reached the coast on Friday.\n", encoding="utf-8")
        debouncer.add([article])
        assert seen.get(timeout=WAIT) == "The storm reached the coast on Friday.\n"
        assert seen.empty()
    finally:
        debouncer.close()


def test_a_file_left_empty_is_still_built_after_the_longest_wait(tmp_path):
    article = tmp_path / "emptied.md"
    article.write_text("", encoding="utf-8")
    seen: queue.Queue[set[Path]] = queue.Queue()
    debouncer = Debouncer(seen.put, quiet=0.05, max_wait=0.3)
    try:
        debouncer.add([article])
        assert seen.get(timeout=WAIT) == {article}  # the build then reports the empty file
    finally:
        debouncer.close()
