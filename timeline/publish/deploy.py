"""Publish a built site: to a git branch (GitHub Pages) or into a folder (a mounted web root).

Both refuse a missing, failed or stale build (the build writes :data:`BUILD_MARKER` and, via
:func:`record_inputs`, a hash of every input file), both show what would change with
``dry_run``, and both stop before deleting more than ``max_deletes`` files unless confirmed.

``--gh-pages`` builds the commit with git plumbing only (``hash-object``, ``mktree``,
``commit-tree``, ``update-ref``, ``push``): it never touches the working tree, the index or the
current branch. ``--dir`` keeps a manifest of what it wrote (:data:`PUBLISH_MANIFEST`) in the
target, so a later publish deletes only its own stale files and never a foreign one.

This module is the command; its parts are :mod:`~timeline.publish.buildrecord` (the build's
record and the check of it), :mod:`~timeline.publish.plan` (what a publish changes),
:mod:`~timeline.publish.folder`, :mod:`~timeline.publish.ghpages` and
:mod:`~timeline.publish.gitplumbing`. Their public names are imported here.
"""

from __future__ import annotations

from pathlib import Path

from timeline.errors import TimelineError
from timeline.publish.buildrecord import (
    BUILD_MARKER,
    INPUTS_RECORD,
    RUN_BUILD,
    check_build,
    input_files,
    record_inputs,
    stale_inputs,
)
from timeline.publish.folder import publish_dir, refuse_project_target
from timeline.publish.ghpages import GhPagesOptions, publish_gh_pages
from timeline.publish.plan import (
    DEFAULT_MAX_DELETES,
    NOT_PUBLISHED,
    PUBLISH_MANIFEST,
    PublishPlan,
    PublishResult,
    site_files,
)

__all__ = ["BUILD_MARKER", "DEFAULT_MAX_DELETES", "INPUTS_RECORD", "NOT_PUBLISHED",
           "PUBLISH_MANIFEST", "RUN_BUILD", "GhPagesOptions", "PublishPlan", "PublishResult",
           "check_build", "input_files", "publish_dir", "publish_gh_pages", "publish_site",
           "record_inputs", "refuse_project_target", "report_lines", "site_files",
           "stale_inputs"]


def publish_site(config, *, gh_pages: GhPagesOptions | None = None, target: Path | None = None,
                 dry_run: bool = False, max_deletes: int = DEFAULT_MAX_DELETES,
                 yes: bool = False) -> PublishResult:
    """``timeline publish``: check the build, then publish to a branch or into a folder."""
    if (gh_pages is None) == (target is None):
        raise TimelineError("choose where to publish: --gh-pages or --dir PATH")
    site_dir = config.output_path
    check_build(site_dir, config)
    if gh_pages is not None:
        return publish_gh_pages(site_dir, config.root, gh_pages, dry_run=dry_run,
                                max_deletes=max_deletes, yes=yes, base_url=config.base_url)
    target = target if target.is_absolute() else Path.cwd() / target
    refuse_project_target(target, config)
    return publish_dir(site_dir, target, dry_run=dry_run, max_deletes=max_deletes, yes=yes,
                       base_url=config.base_url)


def report_lines(result: PublishResult, *, verbose: bool = False) -> list[str]:
    """What ``timeline publish`` prints: the changes (all of them for a dry run), the outcome
    and the URL where the site will appear."""
    lines = result.plan.lines() if (result.dry_run or verbose) else []
    if result.dry_run:
        lines.append(f"Dry run: would publish to {result.target}: {result.plan.summary()}")
    else:
        commit = f" (commit {result.commit[:12]})" if result.commit else ""
        lines.append(f"Published to {result.target}{commit}: {result.plan.summary()}")
    if result.url:
        lines.append(f"The site will appear at {result.url}")
    return lines + [f"warning: {w}" for w in result.warnings]
