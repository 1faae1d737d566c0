"""Publishing to a gh-pages branch with real git (local bare remotes)."""

from __future__ import annotations

import pytest

from tests.publish.sites import SITE_FILES, branch_files, git, repo_state
from timeline.errors import TimelineError
from timeline.publish.ghpages import GhPagesOptions, _pages_url, publish_gh_pages


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
