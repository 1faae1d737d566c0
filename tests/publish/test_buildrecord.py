"""The build's record: a missing, failed or stale build is refused before publishing."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.publish.sites import SITE_FILES, write_site
from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.publish.buildrecord import BUILD_MARKER, check_build, input_files, sha256


def test_good_build_passes_the_check(project):
    assert check_build(project / "site", load_config(project))["ok"] is True


def test_missing_site_is_refused(tmp_path):
    with pytest.raises(TimelineError, match="run timeline build first"):
        check_build(tmp_path / "site", load_config(tmp_path))


def test_site_without_build_marker_is_refused(project):
    (project / "site" / BUILD_MARKER).unlink()
    with pytest.raises(TimelineError, match="no readable build record.*run timeline build first"):
        check_build(project / "site", load_config(project))


def test_failed_build_is_refused(project):
    write_site(project / "site", SITE_FILES, ok=False)
    with pytest.raises(TimelineError, match="errors.*run timeline build first"):
        check_build(project / "site", load_config(project))


def test_stale_build_is_refused_naming_the_changed_file(project):
    (project / "content" / "b.txt").write_text("A new article.\n", encoding="utf-8")
    with pytest.raises(TimelineError, match=r"content/b\.txt changed.*run timeline build first"):
        check_build(project / "site", load_config(project))


def test_build_by_another_timeline_version_is_stale(project):
    record = project / "site" / ".timeline-inputs.json"
    data = json.loads(record.read_text())
    data["timeline"] = "0.0.1"
    record.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TimelineError, match=r"timeline \(built with 0\.0\.1, now .*\) changed"):
        check_build(project / "site", load_config(project))


def test_stale_build_by_time_when_no_inputs_record(project):
    (project / "site" / ".timeline-inputs.json").unlink()
    marker = {"ok": True, "built": "2020-01-01T00:00:00+00:00"}
    (project / "site" / BUILD_MARKER).write_text(json.dumps(marker), encoding="utf-8")
    now = time.time()
    os.utime(project / "content" / "a.txt", (now, now))
    with pytest.raises(TimelineError, match=r"content/a\.txt changed"):
        check_build(project / "site", load_config(project))


def _inputs_by_rglob(root, folder) -> set[str]:
    """The files the record lists, found the plain way (every file ``rglob`` yields)."""
    return {p.relative_to(root).as_posix() for p in (root / folder).rglob("*") if p.is_file()}


def test_the_record_lists_every_input_file_found_the_plain_way(tmp_path):
    root = tmp_path / "p"
    (root / "content" / "deeper" / "deepest").mkdir(parents=True)
    (root / "content" / "a.txt").write_text("One.\n", encoding="utf-8")
    (root / "content" / "deeper" / "b.md").write_text("Two.\n", encoding="utf-8")
    (root / "content" / "deeper" / "deepest" / "c.md").write_text("Three.\n", encoding="utf-8")
    (root / "content" / "notes.md~").write_text("a backup\n", encoding="utf-8")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "d.md").write_text("Four.\n", encoding="utf-8")
    (root / "content" / "linked.md").symlink_to(root / "elsewhere" / "d.md")
    (root / "content" / "linked-folder").symlink_to(root / "elsewhere")
    (root / "timeline.toml").write_text('title = "T"\n', encoding="utf-8")
    recorded = input_files(load_config(root))
    listed = {rel for rel in _inputs_by_rglob(root, "content") if not rel.endswith("~")}
    assert set(recorded) == listed | {"timeline.toml"}
    assert recorded["content/deeper/b.md"] == sha256(root / "content" / "deeper" / "b.md")


def test_hashes_the_caller_knows_are_taken_as_they_are(tmp_path):
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    (root / "content" / "a.txt").write_text("One.\n", encoding="utf-8")
    (root / "content" / "b.txt").write_text("Two.\n", encoding="utf-8")
    known = {str(root / "content" / "a.txt"): "known-hash"}
    recorded = input_files(load_config(root), known.get)
    assert recorded["content/a.txt"] == "known-hash"
    assert recorded["content/b.txt"] == sha256(root / "content" / "b.txt")
