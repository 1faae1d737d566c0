"""Publishing into a real folder: stale files, foreign files, dry runs, the delete guard."""

from __future__ import annotations

import json

import pytest

from tests.publish.sites import SITE_FILES, tree
from timeline.errors import TimelineError
from timeline.publish.buildrecord import BUILD_MARKER
from timeline.publish.folder import publish_dir
from timeline.publish.plan import PUBLISH_MANIFEST


def test_dir_publish_twice_leaves_no_stale_files_and_keeps_foreign_ones(project, tmp_path):
    target = tmp_path / "www"
    (target / "uploads").mkdir(parents=True)
    (target / "uploads" / "photo.jpg").write_bytes(b"\xff\xd8 foreign")
    (target / ".htaccess").write_text("foreign", encoding="utf-8")
    publish_dir(project / "site", target)
    assert tree(target).keys() == set(SITE_FILES) | {"uploads/photo.jpg", ".htaccess",
                                                      PUBLISH_MANIFEST}
    (project / "site" / "sources" / "a.html").unlink()
    (project / "site" / "sources" / "index.html").unlink()
    (project / "site" / "index.html").write_text("v2", encoding="utf-8")
    result = publish_dir(project / "site", target)
    assert sorted(result.plan.deleted) == ["sources/a.html", "sources/index.html"]
    assert result.plan.changed == ["index.html"]
    assert not (target / "sources").exists()  # emptied folder removed
    assert (target / "uploads" / "photo.jpg").read_bytes() == b"\xff\xd8 foreign"
    assert (target / ".htaccess").exists()
    assert (target / "index.html").read_text() == "v2"
    assert BUILD_MARKER not in tree(target)


def test_dir_never_overwrites_a_foreign_file_without_yes(project, tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "index.html").write_text("someone else's page", encoding="utf-8")
    with pytest.raises(TimelineError, match="not written by timeline publish"):
        publish_dir(project / "site", target)
    assert tree(target) == {"index.html": b"someone else's page"}
    publish_dir(project / "site", target, yes=True)
    assert (target / "index.html").read_text() == SITE_FILES["index.html"]


def test_dir_dry_run_changes_nothing(project, tmp_path):
    target = tmp_path / "www"
    publish_dir(project / "site", target)
    (project / "site" / "sources" / "a.html").unlink()
    before = tree(target)
    result = publish_dir(project / "site", target, dry_run=True)
    assert result.plan.deleted == ["sources/a.html"]
    assert tree(target) == before


def test_dir_max_deletes_guard(project, tmp_path):
    target = tmp_path / "www"
    publish_dir(project / "site", target)
    for rel in ("sources/a.html", "events.json"):
        (project / "site" / rel).unlink()
    with pytest.raises(TimelineError, match="would delete 2 files"):
        publish_dir(project / "site", target, max_deletes=1)
    assert (target / "events.json").exists()


def test_dir_ignores_manifest_paths_outside_the_target(project, tmp_path):
    target = tmp_path / "www"
    publish_dir(project / "site", target)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    manifest = json.loads((target / PUBLISH_MANIFEST).read_text())
    manifest["files"].update({"../precious.txt": None, str(outside): None})
    (target / PUBLISH_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    publish_dir(project / "site", target)
    assert outside.read_text() == "keep"


def test_dir_refuses_overlapping_folders(project):
    with pytest.raises(TimelineError, match="overlap"):
        publish_dir(project / "site", project / "site" / "www")
    with pytest.raises(TimelineError, match="overlap"):
        publish_dir(project / "site", project)
