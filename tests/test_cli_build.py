"""`timeline build` output: a progress bar on a terminal, one summary line elsewhere,
per-article lines with --verbose, problems only with --quiet. Real files, a real terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLES = 12


@pytest.fixture
def project(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for number in range(1, ARTICLES + 1):
        (content / f"2021-03-{number:02d}-ferry-{number}.md").write_text(
            f"---\ntitle: Ferry report {number}\nsource: Harbour Post\n---\n"
            f"The ferry sailed on Monday with {number} passengers. The council will vote on the "
            f"timetable on March {number + 14}.\n", encoding="utf-8")
    # with a public address: no note about feeds without one
    (tmp_path / "timeline.toml").write_text('base_url = "https://example.org/ferry/"\n')
    return tmp_path


def build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", "build", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


#: One page per article, the key-event index, the one period page (every event is in 2021),
#: the list of sources and the 404 page.
SUMMARY = re.compile(rf"Built .*site in [\d.]+s: {ARTICLES} articles, \d+ events, "
                     rf"{ARTICLES + 4} pages, 0 warnings, 0 errors")


def test_not_on_a_terminal_one_summary_line(project):
    done = build(project)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    (line,) = done.stdout.splitlines()
    assert SUMMARY.fullmatch(line), line


def test_verbose_lists_each_article(project):
    done = build(project, "--verbose")
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"Reading {ARTICLES} files from ")
    per_article = [line for line in lines if "time expressions" in line]
    assert len(per_article) == ARTICLES
    assert all(re.fullmatch(r"  content/2021-03-\d\d-ferry-\d+\.md: \d+ time expressions, "
                            r"\d+ events?", line) for line in per_article), per_article
    assert SUMMARY.fullmatch(lines[-1])


def test_quiet_prints_only_problems(project):
    done = build(project, "--quiet")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    (project / "content" / "broken.md").write_text("---\ntitle: [x\n---\nText.\n")
    done = build(project, "--quiet")
    assert done.returncode == 1 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: content/broken.md:")


def run_on_a_terminal(project: Path, *args: str) -> str:
    """Everything a build writes to a real pseudo-terminal (stdout and stderr both)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "timeline", "build", *args], cwd=project,
                               stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the build exited and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode()


def test_on_a_terminal_a_bar_per_stage_then_the_summary(project):
    screen = run_on_a_terminal(project)
    frames = [frame.replace("\x1b[K", "") for frame in screen.split("\r")]
    assert any(re.match(rf"Reading articles \[[#-]+\] \d+/{ARTICLES}", f) for f in frames)
    assert any(f.startswith(f"Reading articles [{'#' * 24}] {ARTICLES}/{ARTICLES}")
               for f in frames)
    assert any(f.startswith("Building events from ") for f in frames)
    assert any(f.startswith(f"Writing pages [{'#' * 24}] {ARTICLES + 3}/{ARTICLES + 3}")
               for f in frames)
    assert "time expressions" not in screen  # no per-article lines without --verbose
    # The bar is cleared before the summary, which is the last line.
    assert screen.endswith("\n") and "\r\x1b[KBuilt " in screen
    last = screen.rstrip("\r\n").split("\r")[-1]
    assert SUMMARY.fullmatch(last.removeprefix("\x1b[K")), last


def test_quiet_on_a_terminal_draws_no_bar(project):
    screen = run_on_a_terminal(project, "--quiet")
    assert screen == ""


def test_verbose_lines_on_a_terminal_do_not_tear_the_bar(project):
    screen = run_on_a_terminal(project, "--verbose")
    lines = [line for line in screen.replace("\r\n", "\n").split("\n") if "time expressions"
             in line]
    assert len(lines) == ARTICLES
    # Each per-article line starts on a cleared line, never in the middle of a bar.
    assert all(re.search(r"(?:^|\r\x1b\[K)  content/", line) for line in lines), lines
