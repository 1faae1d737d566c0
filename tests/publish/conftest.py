"""Fixtures for the publish tests: a git project with a remote and a built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.sites import SITE_FILES, git, write_site
from timeline.config import load_config
from timeline.publish.buildrecord import record_inputs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git project with one commit, a remote 'origin' (bare, local) and a built site."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content" / "a.txt").write_text("Sunday, 15 June 2014\n\nText.\n", encoding="utf-8")
    (root / "timeline.toml").write_text('title = "T"\n', encoding="utf-8")
    (root / ".gitignore").write_text("/site/\n", encoding="utf-8")
    git(root.parent, "init", "-q", "-b", "main", str(root))
    git(root, "config", "user.name", "Tester")
    git(root, "config", "user.email", "tester@example.org")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "source")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    site = root / "site"
    write_site(site, SITE_FILES)
    record_inputs(site, load_config(root))
    return root
