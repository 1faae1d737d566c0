"""What a publish changes, and what it reports.

One job: the files of a built site that are published (bookkeeping left out), the difference
between them and what is published now (:class:`PublishPlan`), the guard against deleting more
than ``max_deletes`` files, and the outcome of a publish (:class:`PublishResult`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import TimelineError
from timeline.publish.buildrecord import BUILD_MARKER, INPUTS_RECORD
from timeline.site.assets import site_files as listed_files

PUBLISH_MANIFEST = ".timeline-publish.json"
#: Files in the built site that are bookkeeping, not part of the published site.
NOT_PUBLISHED = frozenset({BUILD_MARKER, INPUTS_RECORD, PUBLISH_MANIFEST})
DEFAULT_MAX_DELETES = 50


@dataclass(slots=True)
class PublishPlan:
    """The difference between what is published now and what the new site holds."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deleted)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.deleted)} deleted, {self.unchanged} unchanged")

    def lines(self) -> list[str]:
        """One line per change, ``+``/``~``/``-`` like a diff."""
        return ([f"+ {p}" for p in self.added] + [f"~ {p}" for p in self.changed]
                + [f"- {p}" for p in self.deleted])


@dataclass(slots=True)
class PublishResult:
    """The outcome of a publish (or of a dry run): the plan, where the site will appear."""

    plan: PublishPlan
    url: str | None
    dry_run: bool
    target: str  # "origin gh-pages" or the folder
    commit: str | None = None
    warnings: list[str] = field(default_factory=list)


def site_files(site_dir: Path) -> dict[str, Path]:
    """The files of a built site to publish, by POSIX path relative to the site."""
    listed = listed_files(site_dir)  # the one tree walk, in rglob("*")'s order
    return {rel: Path(site_dir, rel) for rel in listed if rel not in NOT_PUBLISHED}


def guard_deletes(plan: PublishPlan, max_deletes: int, yes: bool) -> None:
    """Stop before deleting more than ``max_deletes`` files unless confirmed with ``yes``."""
    if len(plan.deleted) > max_deletes and not yes:
        raise TimelineError(
            f"publishing would delete {len(plan.deleted)} files (more than {max_deletes}), "
            f"e.g. {plan.deleted[0]}",
            hint="check with --dry-run, then pass --yes or raise --max-deletes")
