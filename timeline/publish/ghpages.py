"""Publish a built site to a git branch (GitHub Pages).

One job: commit the site, ``.nojekyll`` and an optional ``CNAME`` on top of the branch and push
it, with git plumbing only (:mod:`timeline.publish.gitplumbing`): the working tree, the index
and the current branch are never touched. Also where GitHub Pages will serve the branch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from timeline import __version__
from timeline.errors import TimelineError
from timeline.publish.gitplumbing import Git
from timeline.publish.plan import (
    DEFAULT_MAX_DELETES,
    PublishPlan,
    PublishResult,
    guard_deletes,
    site_files,
)


@dataclass(frozen=True, slots=True)
class GhPagesOptions:
    """Where and how to publish to a branch: remote, branch, custom domain, message, push."""

    remote: str = "origin"
    branch: str = "gh-pages"
    cname: str | None = None
    message: str | None = None
    push: bool = True


def publish_gh_pages(site_dir: Path, repo: Path, options: GhPagesOptions = GhPagesOptions(), *,
                     dry_run: bool = False, max_deletes: int = DEFAULT_MAX_DELETES,
                     yes: bool = False, base_url: str = "") -> PublishResult:
    """Commit the site (plus ``.nojekyll`` and an optional ``CNAME``) on top of ``branch`` and push
    it to ``remote``. Only objects and the branch ref are written; HEAD, index and working tree
    stay as they are."""
    git = Git(Path(repo))
    ref = f"refs/heads/{options.branch}"
    git.run("check-ref-format", ref)
    if git.current_branch() == options.branch:
        raise TimelineError(f"{options.branch} is the checked-out branch", repo,
                            hint="switch to your source branch before publishing")
    if options.push:
        git.fetch_branch(options.remote, options.branch)
    parent = git.parent_commit(options.remote, options.branch, use_remote=options.push)
    blobs = git.hash_files(site_files(site_dir), write=not dry_run)
    extras = {".nojekyll": b""}  # GitHub Pages: serve the files as they are, no Jekyll
    if options.cname:
        extras["CNAME"] = options.cname.strip().encode("utf-8") + b"\n"
    for rel, data in extras.items():
        blobs[rel] = git.hash_object(data, write=not dry_run)
    plan = _plan_against(git.tree_files(parent) if parent else {}, blobs)
    guard_deletes(plan, max_deletes, yes)
    pages_url = _pages_url(options.cname, git.remote_url(options.remote))
    target = f"{options.remote} {options.branch}" if options.push else options.branch
    result = PublishResult(plan, base_url or pages_url, dry_run, target)
    if base_url and pages_url and base_url.rstrip("/") + "/" != pages_url:
        # Canonical URLs, the sitemap, feeds and 404.html links are built from base_url.
        result.warnings.append(f"base_url is {base_url} but GitHub Pages will serve this "
                               f"branch at {pages_url}: set base_url to it and rebuild")
    if dry_run:
        return result
    tree = git.make_tree(blobs)
    commit = parent
    if parent is None or git.run("rev-parse", f"{parent}^{{tree}}") != tree:
        message = options.message or f"Publish site with timeline {__version__}"
        source = git.run("rev-parse", "--short", "HEAD", check=False)
        if source and not options.message:
            message += f" from {source}"
        args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
        commit = git.run(*args)
    old = git.run("rev-parse", "--verify", "-q", ref, check=False)
    git.run("update-ref", "-m", "timeline publish", ref, commit, *([old] if old else []))
    if options.push:
        git.run("push", options.remote, f"{ref}:{ref}")
    result.commit = commit
    return result


def _plan_against(published: dict[str, str], new: dict[str, str]) -> PublishPlan:
    plan = PublishPlan()
    for rel, blob in sorted(new.items()):
        if rel not in published:
            plan.added.append(rel)
        elif published[rel] != blob:
            plan.changed.append(rel)
        else:
            plan.unchanged += 1
    plan.deleted = sorted(published.keys() - new.keys())
    return plan


_GITHUB_REMOTE = re.compile(
    r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$")


def _pages_url(cname: str | None, remote_url: str) -> str | None:
    """Where GitHub Pages serves the branch: the custom domain, or derived from the remote."""
    if cname:
        return f"https://{cname.strip()}/"
    match = _GITHUB_REMOTE.match(remote_url.strip())
    if not match:
        return None
    owner, repo = match["owner"].lower(), match["repo"]
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"
