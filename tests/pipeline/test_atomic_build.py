"""A build never loses data: kill -9 mid-build keeps the previous site byte for byte, the next
build succeeds and sweeps the dead build's leftovers, and folders the build did not create are
never cleaned.

The kill tests run the real command (``python3 -m timeline build``) as a subprocess on a
generated content folder large enough that rendering takes a noticeable moment, poll until the
build's staging folder appears beside the output, then SIGKILL it.
"""

from __future__ import annotations

import calendar
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.config import load_config
from timeline.pipeline.build import build_site

MONTHS = list(calendar.month_name)[1:]
_PROSE = ("officials said the council would review plans for roads schools water power and new "
          "housing after talks with regional leaders about budgets taxes and elections while "
          "critics warned of delays costs protests and legal challenges")
WORDS = _PROSE.split()


def _write_articles(content: Path, count: int = 30, sentences: int = 40, seed: int = 7) -> None:
    """Distinct dated sentences (distinct so that merging keeps them apart: many events)."""
    rng = random.Random(seed)
    content.mkdir(parents=True, exist_ok=True)
    for a in range(count):
        text = " ".join(
            f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1990, 2020)} the "
            + " ".join(rng.choice(WORDS) for _ in range(12)) + f" case {a}-{i}."
            for i in range(sentences))
        (content / f"2014-06-15-article-{a:02d}.txt").write_text(f"Article {a}\n\n{text}\n")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path -> sha256); symlinks by their target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir()
                  if p.name.startswith((".site.tmp-", ".site.old-")))


@pytest.fixture(scope="module")
def large_project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("large")
    _write_articles(project / "content")
    done = _cli(project)  # the first build also fills the article cache: later ones are quick
    assert done.returncode == 0, done.stderr
    return project


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", "build", "-q", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


def _kill_mid_render(project: Path, delay: float) -> int:
    """Start a build, SIGKILL it ``delay`` s after its staging folder appears; its exit code."""
    build = subprocess.Popen([sys.executable, "-m", "timeline", "build", "-q"], cwd=project,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while build.poll() is None and time.monotonic() < deadline:
            if any(n.startswith(".site.tmp-") for n in os.listdir(project)):
                time.sleep(delay)
                build.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        return build.wait(timeout=30)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()


@pytest.mark.parametrize("delay", [0.0, 0.1])
def test_kill_9_mid_build_keeps_the_previous_site(large_project, delay):
    site = large_project / "site"
    before = snapshot(site)
    assert "index.html" in before and len(before) > 30
    article = large_project / "content" / "2014-06-15-article-00.txt"
    original = article.read_text()
    article.write_text(original + "\nOn July 4, 2014 the KILL-TEST change was made.\n")
    try:
        code = _kill_mid_render(large_project, delay)
        assert code == -signal.SIGKILL  # really killed, not finished before the signal
        assert leftovers(large_project), "the kill should have left a staging folder"
        assert snapshot(site) == before  # byte-identical previous site

        done = _cli(large_project)
        assert done.returncode == 0, done.stderr
        assert "KILL-TEST" in (site / "events.json").read_text(encoding="utf-8")
        assert leftovers(large_project) == []  # the dead build's staging folder is gone
    finally:
        article.write_text(original)


def test_a_live_build_staging_folder_is_not_swept(small_project):
    """Only dead builds' folders are swept: one still in use (here: held open and locked the
    way a running build holds its own) survives another build."""
    import fcntl

    live = small_project / ".site.tmp-live"
    live.mkdir()
    handle = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        done = _cli(small_project)
        assert done.returncode == 0, done.stderr
        assert live.is_dir()
    finally:
        os.close(handle)
        live.rmdir()


def test_a_site_retired_by_a_build_killed_between_its_renames_is_put_back(tmp_path):
    _write_articles(tmp_path / "content", count=2, sentences=3)
    site = build_site(load_config(tmp_path)).output
    before = snapshot(site)
    site.rename(tmp_path / ".site.old-dead")  # killed after retiring, before the new one moved
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text("{% block broken %}")  # next build fails
    done = _cli(tmp_path)
    assert done.returncode == 1 and "template" in done.stderr
    assert snapshot(site) == before
    assert leftovers(tmp_path) == []


# --- folders the build did not create --------------------------------------------------------


@pytest.fixture
def small_project(tmp_path) -> Path:
    _write_articles(tmp_path / "content", count=2, sentences=3)
    (tmp_path / "notes.txt").write_text("my notes")
    return tmp_path


@pytest.mark.parametrize("output", [".", "content", "..", "/", "content/site", "content/.."])
def test_refuses_project_folders_and_touches_nothing(small_project, output):
    before = snapshot(small_project)
    done = _cli(small_project, "--output", output)
    assert done.returncode == 1
    assert "refusing to write the site into" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert snapshot(small_project) == before


def test_refuses_a_link_to_the_content_folder(small_project):
    (small_project / "out").symlink_to(small_project / "content", target_is_directory=True)
    before = snapshot(small_project / "content")
    done = _cli(small_project, "--output", "out")
    assert done.returncode == 1 and "content folder" in done.stderr
    assert snapshot(small_project / "content") == before


@pytest.mark.parametrize("foreign", ["index.html", ".git/HEAD", "deep/er/file.bin"])
def test_refuses_a_folder_holding_foreign_files(small_project, foreign):
    public = small_project / "public"
    (public / foreign).parent.mkdir(parents=True)
    (public / foreign).write_text("not yours")
    before = snapshot(small_project)
    done = _cli(small_project, "--output", "public")
    assert done.returncode == 1 and foreign in done.stderr
    assert snapshot(small_project) == before


def test_a_link_planted_in_the_output_is_foreign_and_its_target_untouched(small_project):
    result = build_site(load_config(small_project))
    assert result.written
    (result.output / "escape").symlink_to(small_project / "content", target_is_directory=True)
    before = snapshot(small_project / "content")
    done = _cli(small_project)
    assert done.returncode == 1 and "escape" in done.stderr
    assert snapshot(small_project / "content") == before


def test_replacing_its_own_output_removes_only_what_it_wrote(small_project):
    first = build_site(load_config(small_project))
    stale = first.output / "sources" / "2014-06-15-article-01.html"
    assert stale.is_file()
    (small_project / "content" / "2014-06-15-article-01.txt").unlink()
    second = build_site(load_config(small_project))
    assert second.written and not stale.exists()
    assert (small_project / "notes.txt").read_text() == "my notes"
    assert leftovers(small_project) == []
