"""Every command prints its problems in one format: `error: FILE:LINE: message (how to fix)`
or `warning: ...`, one line each, never a traceback or Click's usage block."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

#: A problem line: level, optional FILE[:LINE], message, optional (hint).
PROBLEM = re.compile(r"(error|warning): .+")


def timeline(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("args", "expected"), [
    (["build", "--nope"], "error: no such option '--nope' (see python -m timeline build --help)"),
    (["nope"], "error: no such command 'nope' (see python -m timeline --help)"),
    (["serve", "--port", "99999"],
     "error: invalid value for '--port': 99999 is not in the range 0<=x<=65535 "
     "(see python -m timeline serve --help)"),
    (["tag", "--format", "xml", "a.txt"],
     "error: invalid value for '--format': 'xml' is not one of 'json', 'tml', 'text' "
     "(see python -m timeline tag --help)"),
])
def test_usage_mistakes_are_one_line(tmp_path, args, expected):
    done = timeline(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [expected]
    assert done.stdout == ""


def test_help_and_version_still_work(tmp_path):
    assert timeline("--version", cwd=tmp_path).stdout.startswith("timeline, version ")
    done = timeline("build", "--help", cwd=tmp_path)
    assert done.returncode == 0 and "--strict" in done.stdout


def test_bare_command_shows_the_help(tmp_path):
    done = timeline(cwd=tmp_path)
    assert "Commands:" in done.stdout + done.stderr and "error:" not in done.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_build_problems_name_file_and_line(tmp_path):
    write(tmp_path / "content/good.md", "---\ntitle: Good\ndate: 2020-03-02\n---\n"
                                        "The mayor resigned on Friday.\n")
    write(tmp_path / "content/broken.md", "---\ntitle: [unclosed\n---\nText.\n")
    write(tmp_path / "content/undated.md", "---\ntitle: No date\n---\nIt rained on Monday.\n")
    done = timeline("build", "--quiet", cwd=tmp_path)
    assert done.returncode == 1
    problems = done.stderr.splitlines()
    assert problems and all(PROBLEM.fullmatch(line) for line in problems), problems
    assert any(re.match(r"error: content/broken\.md:\d+: .+ \(.+\)$", p) for p in problems)
    assert any(p.startswith("warning: content/undated.md") for p in problems)


@pytest.mark.parametrize(("setup", "args", "expected"), [
    (lambda d: write(d / "timeline.toml", "colour = 'red'\n"), ["build"],
     r"error: .*timeline\.toml: unknown setting 'colour' \(known settings: .+\)"),
    (lambda d: None, ["build"], r"error: .*content: content folder not found \(.+\)"),
    (lambda d: None, ["check"], r"error: .*site: no built site in .+ \(run timeline build .+\)"),
    (lambda d: None, ["publish"], r"error: choose where to publish: .+"),
    (lambda d: None, ["tag", "--anchor", "2020-01-01", "missing.txt"],
     r"error: missing\.txt: cannot read file: .+"),
    (lambda d: None, ["eval", "nowhere"], r"error: nowhere: .+ \(.+\)"),
])
def test_command_errors_are_one_line(tmp_path, setup, args, expected):
    setup(tmp_path)
    done = timeline(*args, cwd=tmp_path)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert re.fullmatch(expected, line), line
