"""Finding the content files of a project."""

from __future__ import annotations

import pytest

from tests.ingest.contentfiles import write
from timeline.config import Config
from timeline.errors import TimelineError
from timeline.ingest.content import discover


def test_discover_skips_hidden_and_other_files(project):
    for name in ("b.txt", "a.md", ".hidden.txt", "_draft/x.txt", "notes.yaml", "sub/c.txt"):
        write(project, name, "x")
    found = [p.relative_to(project.content_path).as_posix() for p in discover(project)]
    assert found == ["a.md", "b.txt", "sub/c.txt"]


def test_discover_missing_folder(tmp_path):
    with pytest.raises(TimelineError, match="content folder not found"):
        discover(Config(root=tmp_path))
