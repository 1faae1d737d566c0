"""Publishing into a folder set up to make it write or delete outside its target: the target
is the project itself, holds links leading out, or carries a manifest it did not write.
Real folders, real links, the real command; nothing outside the target may change."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.publish.sites import SITE_FILES
from timeline.cli import main
from timeline.errors import TimelineError
from timeline.publish.folder import publish_dir
from timeline.publish.plan import PUBLISH_MANIFEST


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under ``folder``: content, or where a link points."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def publish(project: Path, target: str | Path, *args: str):
    return CliRunner().invoke(main, ["publish", "--config", str(project), "--dir", str(target),
                                     *args])


# --- 8. targets that are, hold or sit in the project's own folders --------------------------


@pytest.mark.parametrize("target", [".", "content", "content/sub", "site", "site/www", "..",
                                    "templates", ".git", ".git/hooks"])
def test_publishing_over_the_project_is_refused_and_changes_nothing(project, target):
    (project / "templates").mkdir(exist_ok=True)
    before = snapshot(project.parent)
    result = publish(project, project / target, "--yes")
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "refusing to publish into" in result.output
    assert "Traceback" not in result.output
    assert snapshot(project.parent) == before


def test_a_link_to_the_content_folder_is_refused_too(project, tmp_path):
    link = tmp_path / "innocent"
    link.symlink_to(project / "content")
    result = publish(project, link, "--yes")
    assert result.exit_code == 1 and "the content folder" in result.output


def test_a_folder_of_its_own_inside_the_project_is_fine(project):
    """GitHub Pages can serve a docs/ folder of the source branch."""
    result = publish(project, project / "docs")
    assert result.exit_code == 0, result.output
    assert (project / "docs/index.html").read_text() == SITE_FILES["index.html"]


# --- 9. links and planted manifests in the target ------------------------------------------


def test_a_linked_folder_in_the_target_is_never_written_through(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a.html").write_text("someone else's page", encoding="utf-8")
    target = tmp_path / "www"
    target.mkdir()
    (target / "sources").symlink_to(outside)
    before = snapshot(outside)
    with pytest.raises(TimelineError, match="is a link; publishing never writes through a link"):
        publish_dir(project / "site", target, yes=True)
    assert snapshot(outside) == before


def test_a_linked_file_in_the_target_is_replaced_not_followed(project, tmp_path):
    outside = tmp_path / "precious.json"
    outside.write_text("keep me", encoding="utf-8")
    target = tmp_path / "www"
    target.mkdir()
    (target / "events.json").symlink_to(outside)
    with pytest.raises(TimelineError, match="not written by timeline publish"):
        publish_dir(project / "site", target)  # a link is a foreign file
    publish_dir(project / "site", target, yes=True)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (target / "events.json").is_symlink()
    assert (target / "events.json").read_text(encoding="utf-8") == SITE_FILES["events.json"]


def test_a_planted_manifest_deletes_nothing(project, tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "notes.txt").write_text("the owner's notes", encoding="utf-8")
    (target / "photos").mkdir()
    (target / "photos/cat.jpg").write_bytes(b"\xff\xd8 a cat")
    # a manifest naming the owner's files, old style (names only) and new style (wrong hash)
    (target / PUBLISH_MANIFEST).write_text(json.dumps({"files": {
        "notes.txt": None, "photos/cat.jpg": hashlib.sha256(b"another cat").hexdigest()}}),
        encoding="utf-8")
    before = {k: v for k, v in snapshot(target).items() if k != PUBLISH_MANIFEST}
    result = publish_dir(project / "site", target)
    assert result.plan.deleted == []
    assert "kept 2 file(s)" in result.warnings[0]
    after = snapshot(target)
    assert {k: after[k] for k in before} == before


def test_a_manifest_entry_reached_through_a_link_deletes_nothing(project, tmp_path):
    target = tmp_path / "www"
    publish_dir(project / "site", target)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a.html").write_bytes(SITE_FILES["sources/a.html"].encode())  # same bytes
    manifest = json.loads((target / PUBLISH_MANIFEST).read_text(encoding="utf-8"))
    (target / "old").symlink_to(outside)
    manifest["files"]["old/a.html"] = hashlib.sha256(
        SITE_FILES["sources/a.html"].encode()).hexdigest()
    (target / PUBLISH_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    publish_dir(project / "site", target)
    assert (outside / "a.html").exists()


def test_a_file_the_site_dropped_is_deleted_only_if_unchanged(project, tmp_path):
    target = tmp_path / "www"
    publish_dir(project / "site", target)
    for rel in ("sources/a.html", "events.json"):
        (project / "site" / rel).unlink()
    (target / "events.json").write_text("edited on the server", encoding="utf-8")
    result = publish_dir(project / "site", target)
    assert result.plan.deleted == ["sources/a.html"]
    assert not (target / "sources/a.html").exists()
    assert (target / "events.json").read_text(encoding="utf-8") == "edited on the server"
    assert "events.json" in result.warnings[0]


def test_a_planted_link_at_the_manifest_is_refused(project, tmp_path):
    outside = tmp_path / "victim.json"
    outside.write_text('{"files": []}', encoding="utf-8")
    target = tmp_path / "www"
    target.mkdir()
    (target / PUBLISH_MANIFEST).symlink_to(outside)
    with pytest.raises(TimelineError, match="the publish manifest is a link"):
        publish_dir(project / "site", target)
    assert outside.read_text(encoding="utf-8") == '{"files": []}'
