"""Helpers for the publish tests: a built site written by hand, git run in a folder, what
publishing must leave alone."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

from timeline.publish.buildrecord import BUILD_MARKER

SITE_FILES = {
    "index.html": "<!doctype html><title>t</title><a href='sources/a.html'>a</a>",
    "sources/a.html": "<!doctype html><title>a</title>",
    "sources/index.html": "<!doctype html><title>s</title>",
    "static/timeline.1234567890.css": "body{}",
    "events.json": '{"events": []}',
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def write_site(site: Path, files: dict[str, str], *, ok: bool = True) -> None:
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    marker = {"ok": ok, "built": "2999-01-01T00:00:00+00:00", "files": sorted(files)}
    (site / BUILD_MARKER).write_text(json.dumps(marker), encoding="utf-8")


def repo_state(root: Path) -> tuple:
    """Everything publishing must not touch: status, HEAD, current branch, the index file."""
    index = hashlib.sha256((root / ".git" / "index").read_bytes()).hexdigest()
    return (git(root, "status", "--porcelain", "--untracked-files=all"),
            git(root, "rev-parse", "HEAD"), git(root, "symbolic-ref", "HEAD"), index)


def branch_files(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", branch).splitlines())


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
