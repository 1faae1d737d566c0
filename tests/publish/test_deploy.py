"""Publishing with real git (local bare remotes) and real folders."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.publish.deploy import (
    BUILD_MARKER,
    PUBLISH_MANIFEST,
    GhPagesOptions,
    _pages_url,
    check_build,
    publish_dir,
    publish_gh_pages,
    publish_site,
    record_inputs,
)

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


def repo_state(root: Path) -> tuple:
    """Everything publishing must not touch: status, HEAD, current branch, the index file."""
    index = hashlib.sha256((root / ".git" / "index").read_bytes()).hexdigest()
    return (git(root, "status", "--porcelain", "--untracked-files=all"),
            git(root, "rev-parse", "HEAD"), git(root, "symbolic-ref", "HEAD"), index)


def branch_files(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", branch).splitlines())


# -- gh-pages -----------------------------------------------------------------------------


def test_gh_pages_pushes_site_nojekyll_and_cname_without_touching_the_checkout(project):
    (project / "notes.txt").write_text("untracked, uncommitted work\n", encoding="utf-8")
    (project / "content" / "a.txt").write_text("edited but not staged\n", encoding="utf-8")
    before = repo_state(project)
    remote = project.parent / "remote.git"
    result = publish_gh_pages(project / "site", project, GhPagesOptions(cname="news.example.org"))
    assert repo_state(project) == before
    assert branch_files(remote) == set(SITE_FILES) | {".nojekyll", "CNAME"}
    assert git(remote, "show", "gh-pages:CNAME") == "news.example.org"
    assert git(remote, "show", "gh-pages:.nojekyll") == ""
    assert git(remote, "show", "gh-pages:sources/a.html") == SITE_FILES["sources/a.html"]
    assert result.commit == git(remote, "rev-parse", "gh-pages")
    assert result.url == "https://news.example.org/"
    assert (project / "content" / "a.txt").read_text() == "edited but not staged\n"


def test_gh_pages_second_publish_builds_on_the_first_and_drops_removed_files(project):
    remote = project.parent / "remote.git"
    first = publish_gh_pages(project / "site", project).commit
    (project / "site" / "sources" / "a.html").unlink()
    (project / "site" / "new.html").write_text("new", encoding="utf-8")
    result = publish_gh_pages(project / "site", project, GhPagesOptions(message="second"))
    assert result.plan.deleted == ["sources/a.html"] and result.plan.added == ["new.html"]
    assert git(remote, "rev-parse", "gh-pages^") == first
    assert "sources/a.html" not in branch_files(remote)
    assert git(remote, "log", "-1", "--format=%s", "gh-pages") == "second"


def test_gh_pages_unchanged_site_makes_no_new_commit(project):
    first = publish_gh_pages(project / "site", project).commit
    again = publish_gh_pages(project / "site", project)
    assert again.commit == first and again.plan.empty


def test_gh_pages_dry_run_writes_no_objects_and_no_refs(project):
    remote = project.parent / "remote.git"
    objects_before = git(project, "count-objects", "-v")
    refs_before = git(project, "for-each-ref")
    result = publish_gh_pages(project / "site", project, dry_run=True)
    assert sorted(result.plan.added) == sorted(set(SITE_FILES) | {".nojekyll"})
    assert git(project, "count-objects", "-v") == objects_before
    assert git(project, "for-each-ref") == refs_before
    assert git(remote, "for-each-ref") == ""


def test_gh_pages_max_deletes_guard(project):
    publish_gh_pages(project / "site", project)
    for rel in ("sources/a.html", "sources/index.html", "events.json"):
        (project / "site" / rel).unlink()
    with pytest.raises(TimelineError, match="would delete 3 files"):
        publish_gh_pages(project / "site", project, max_deletes=2)
    result = publish_gh_pages(project / "site", project, max_deletes=2, yes=True)
    assert len(result.plan.deleted) == 3


def test_gh_pages_refuses_when_the_branch_is_checked_out(project):
    git(project, "checkout", "-q", "-b", "gh-pages")
    with pytest.raises(TimelineError, match="checked-out branch"):
        publish_gh_pages(project / "site", project)


def test_gh_pages_unknown_remote_is_a_clear_error(project):
    with pytest.raises(TimelineError, match="no git remote named 'upstream'"):
        publish_gh_pages(project / "site", project, GhPagesOptions(remote="upstream"))


@pytest.mark.parametrize("remote, url", [
    ("git@github.com:Newsroom/iraq-timeline.git", "https://newsroom.github.io/iraq-timeline/"),
    ("https://github.com/newsroom/iraq-timeline", "https://newsroom.github.io/iraq-timeline/"),
    ("ssh://git@github.com/newsroom/newsroom.github.io.git", "https://newsroom.github.io/"),
    ("/srv/git/site.git", None),
])
def test_pages_url_from_remote(remote, url):
    assert _pages_url(None, remote) == url


def test_gh_pages_warns_when_base_url_differs_from_the_pages_url(project):
    git(project, "remote", "add", "github", "git@github.com:newsroom/iraq.git")
    # --no-push: nothing is fetched from or pushed to the (unreachable) GitHub remote
    result = publish_gh_pages(project / "site", project,
                              GhPagesOptions(remote="github", push=False),
                              dry_run=True, base_url="https://newsroom.github.io/")
    assert result.warnings == ["base_url is https://newsroom.github.io/ but GitHub Pages will "
                               "serve this branch at https://newsroom.github.io/iraq/: set "
                               "base_url to it and rebuild"]


# -- --dir --------------------------------------------------------------------------------


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


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


# -- refusing bad builds ------------------------------------------------------------------


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


def test_publish_site_checks_the_build_before_publishing(project, tmp_path):
    (project / "timeline.toml").write_text('title = "Changed"\n', encoding="utf-8")
    with pytest.raises(TimelineError, match="timeline.toml changed"):
        publish_site(load_config(project), target=tmp_path / "www")
    assert not (tmp_path / "www").exists()


# -- the command --------------------------------------------------------------------------


def test_cli_publish_dir_dry_run_then_real(project, tmp_path):
    target = tmp_path / "www"
    runner = CliRunner()
    dry = runner.invoke(main, ["publish", "--dir", str(target), "--dry-run",
                               "--config", str(project)])
    assert dry.exit_code == 0, dry.output
    assert "+ index.html" in dry.output and "Dry run" in dry.output
    assert not target.exists()
    real = runner.invoke(main, ["publish", "--dir", str(target), "--config", str(project)])
    assert real.exit_code == 0, real.output
    assert (target / "index.html").exists()


def test_cli_publish_gh_pages_prints_the_url(project):
    (project / "timeline.toml").write_text('title = "T"\nbase_url = "https://ex.org/t/"\n',
                                           encoding="utf-8")
    record_inputs(project / "site", load_config(project))
    result = CliRunner().invoke(main, ["publish", "--gh-pages", "--config", str(project)])
    assert result.exit_code == 0, result.output
    assert "The site will appear at https://ex.org/t/" in result.output


def test_cli_publish_stale_build_one_line_error(project, tmp_path):
    (project / "content" / "a.txt").write_text("changed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["publish", "--dir", str(tmp_path / "w"),
                                       "--config", str(project)])
    assert result.exit_code == 1
    assert "run timeline build first" in result.output
    assert "Traceback" not in result.output


def test_cli_publish_needs_a_destination(project):
    result = CliRunner().invoke(main, ["publish", "--config", str(project)])
    assert result.exit_code == 1 and "--gh-pages or --dir" in result.output


# -- end to end: the real build, then check and publish ------------------------------------


def test_build_then_check_then_publish_end_to_end(example_project, tmp_path):
    runner = CliRunner()
    args = ["--config", str(example_project)]
    built = runner.invoke(main, ["build", "-q", *args])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(main, ["check", *args])
    assert checked.exit_code == 0, checked.output
    target = tmp_path / "www"
    published = runner.invoke(main, ["publish", "--dir", str(target), *args])
    assert published.exit_code == 0, published.output
    assert (target / "index.html").is_file() and (target / "events.atom").is_file()
    assert not (target / BUILD_MARKER).exists()
    # An edited article makes the site stale until the next build.
    article = next((example_project / "content").glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")
    refused = runner.invoke(main, ["publish", "--dir", str(target), *args])
    assert refused.exit_code == 1
    assert f"content/{article.name} changed" in refused.output
    assert runner.invoke(main, ["build", "-q", *args]).exit_code == 0
    again = runner.invoke(main, ["publish", "--dir", str(target), *args])
    assert again.exit_code == 0, again.output
