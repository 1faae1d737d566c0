"""The build's record: a missing, failed or stale build is refused before publishing."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.publish.sites import SITE_FILES, write_site
from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.publish.buildrecord import BUILD_MARKER, check_build


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
