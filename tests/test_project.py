"""`timeline init`: a new project that builds at once, and nothing ever overwritten."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from timeline.config import Config, load_config


def timeline(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: file bytes, link targets, folders."""
    entries: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            entries[key] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            entries[key] = "dir"
        else:
            entries[key] = path.read_bytes()
    return entries


def test_init_writes_a_project_that_builds(tmp_path):
    done = timeline("init", "history", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "history"
    articles = list((project / "content").iterdir())
    assert len(articles) == 1 and articles[0].suffix == ".md"
    assert (project / "timeline.toml").is_file() and (project / ".gitignore").is_file()
    assert "cd history && timeline build" in done.stdout

    built = timeline("build", cwd=project)
    assert built.returncode == 0, built.stderr
    # the sample article gives no warning (a note may say what an empty base_url leaves out)
    assert [line for line in built.stderr.splitlines() if not line.startswith("note: ")] == []
    events = json.loads((project / "site" / "events.json").read_text(encoding="utf-8"))["events"]
    assert len(events) >= 4  # the sample shows several dates, relative ones among them
    assert "2024-05-18" in {e["date"]["value"] for e in events}  # "on Saturday", resolved


def test_init_settings_are_every_setting_commented_out(tmp_path):
    assert timeline("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / "timeline.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {}  # all commented: the defaults apply
    assert load_config(tmp_path) == Config(root=tmp_path.resolve())
    for name in (f.name for f in Config.__dataclass_fields__.values() if f.name != "root"):
        assert f"\n# {name} = " in text, name


def test_gitignore_keeps_build_outputs_out_of_git(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    assert timeline("init", cwd=tmp_path).returncode == 0
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert timeline("build", cwd=tmp_path).returncode == 0
    assert (tmp_path / ".timeline-cache").is_dir() and (tmp_path / "site").is_dir()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    untracked = sorted(line[3:] for line in status.splitlines())
    assert untracked == [".gitignore", *[f"content/{p.name}" for p in
                                         (tmp_path / "content").iterdir()], "timeline.toml"]


@pytest.mark.parametrize("existing", ["timeline.toml", ".gitignore", "content/my-article.md"])
def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path, existing):
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    before = tree(tmp_path)
    done = timeline("init", ".", cwd=tmp_path)
    assert done.returncode == 1
    named = "content/" if existing.startswith("content/") else existing
    assert done.stderr.startswith(f"error: {tmp_path}: already exists: {named}")
    assert "(" in done.stderr and done.stderr.count("\n") == 1  # one line, with what to do
    assert tree(tmp_path) == before


def test_init_names_everything_in_the_way(tmp_path):
    assert timeline("init", "p", cwd=tmp_path).returncode == 0
    before = tree(tmp_path)
    done = timeline("init", "p", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("error: p: already exists: content/, timeline.toml, .gitignore")
    assert tree(tmp_path) == before


def test_init_does_not_follow_a_dangling_link(tmp_path):
    outside = tmp_path / "outside.toml"
    project = tmp_path / "p"
    project.mkdir()
    (project / "timeline.toml").symlink_to(outside)
    done = timeline("init", "p", cwd=tmp_path)
    assert done.returncode == 1 and "timeline.toml" in done.stderr
    assert not outside.exists()


def test_init_uses_an_empty_content_folder_and_other_files_stay(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "README.md").write_text("my notes\n", encoding="utf-8")
    done = timeline("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "content").iterdir())) == 1
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "my notes\n"
    assert "Next: timeline build" in done.stdout


def test_init_into_a_file_is_an_error(tmp_path):
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    done = timeline("init", "notes", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("error: notes: is a file, not a folder (")


def test_readme_quick_start_opens_with_the_two_setup_commands_then_init():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in quick_start.split("```sh\n")[1:]:
        commands += [line for line in block.split("```", 1)[0].splitlines() if line.strip()]
    assert commands[:2] == ["python3 -m pip install -e . && python3 -m timeline build",
                            "bash scripts/install-test-deps.sh && python3 -m pytest"]
    assert any("timeline init" in c for c in commands[2:])
