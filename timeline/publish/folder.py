"""Publish a built site into a folder (a mounted web root).

One job: sync the site into the target, copying new and changed files atomically and deleting
only the files an earlier publish wrote (:data:`PUBLISH_MANIFEST` records them with their hash)
and that still hold what it wrote. Nothing outside the target is written or deleted: links are
never followed, a foreign file is overwritten only when confirmed, and the project's own
folders are refused as targets.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from timeline import __version__
from timeline.errors import TimelineError
from timeline.publish.buildrecord import sha256
from timeline.publish.plan import (
    DEFAULT_MAX_DELETES,
    NOT_PUBLISHED,
    PUBLISH_MANIFEST,
    PublishPlan,
    PublishResult,
    guard_deletes,
    site_files,
)


def publish_dir(site_dir: Path, target: Path, *, dry_run: bool = False,
                max_deletes: int = DEFAULT_MAX_DELETES, yes: bool = False,
                base_url: str = "") -> PublishResult:
    """Sync ``site_dir`` into ``target``: copy new and changed files, delete files that an earlier
    publish wrote and the site no longer has. Files timeline did not write are never deleted, and
    never overwritten unless ``yes``.

    Nothing outside ``target`` is ever written or deleted: a link inside the target is never
    followed (a folder that is a link stops the publish; a file that is a link is replaced as
    a foreign file), and a file is deleted only if the previous publish recorded it with its
    hash and it still holds exactly that, so a planted or copied manifest deletes nothing.
    """
    site_dir, target = Path(site_dir).resolve(), Path(target).resolve()
    _refuse_overlap(site_dir, target)
    new = site_files(site_dir)
    previous = _read_manifest(target)
    plan = PublishPlan()
    foreign = []
    for rel, source in new.items():
        _refuse_linked_folders(target, rel)
        existing = target / rel
        if not existing.exists() and not existing.is_symlink():
            plan.added.append(rel)
        elif _is_plain_file(existing) and _same_file(source, existing):
            plan.unchanged += 1
        else:
            plan.changed.append(rel)
            if rel not in previous or existing.is_symlink():
                foreign.append(rel)
    stale, kept = _deletable(target, previous, new.keys())
    plan.deleted = stale
    if foreign and not yes:
        raise TimelineError(
            f"{len(foreign)} files in {target} were not written by timeline publish and would "
            f"be overwritten, e.g. {foreign[0]}", target,
            hint="move them away, or pass --yes to overwrite them")
    guard_deletes(plan, max_deletes, yes)
    result = PublishResult(plan, base_url or None, dry_run, str(target))
    if kept:
        result.warnings.append(
            f"kept {len(kept)} file(s) the site no longer has, because they were changed since "
            f"timeline published them or it kept no record of their content, e.g. {kept[0]}")
    if dry_run:
        return result
    target.mkdir(parents=True, exist_ok=True)
    written = {rel: previous.get(rel) for rel in new if rel not in plan.added + plan.changed}
    for rel in plan.added + plan.changed:
        written[rel] = _copy_atomically(new[rel], target / rel)
    for rel in plan.deleted:
        (target / rel).unlink()
        _remove_empty_parents(target / rel, target)
    _write_manifest(target, {rel: written[rel] or sha256(target / rel) for rel in new})
    return result


def _refuse_overlap(site_dir: Path, target: Path) -> None:
    if target == site_dir or target.is_relative_to(site_dir) or site_dir.is_relative_to(target):
        raise TimelineError(f"cannot publish {site_dir} into {target}: the folders overlap",
                            target, hint="choose a folder outside the site folder")


def refuse_project_target(target: Path, config) -> None:
    """Refuse a target that is, holds, or lies inside one of the project's own folders: a sync
    there would write the site over the articles, templates or build (the project folder
    itself may hold a target, e.g. docs/ for GitHub Pages, when it holds none of these)."""
    target = Path(target).resolve()
    root = config.root.resolve()
    inside_only = {"the project folder": root}
    anywhere = {"the content folder": config.content_path.resolve(),
                "the templates folder": config.templates_path.resolve(),
                "the output folder": config.output_path.resolve(),
                "the project's .git folder": root / ".git"}
    for name, folder in {**inside_only, **anywhere}.items():
        inside = name in anywhere and target.is_relative_to(folder)
        if target == folder or folder.is_relative_to(target) or inside:
            raise TimelineError(f"refusing to publish into {name} ({folder})", target,
                                hint="publish into a folder of its own, e.g. a web root")


def _refuse_linked_folders(target: Path, rel: str) -> None:
    """Stop before writing through a link: every folder on the way to ``rel`` must be a real
    folder inside ``target`` (or not exist yet)."""
    folder = target
    for part in PurePosixPath(rel).parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            raise TimelineError(f"{folder} is a link; publishing never writes through a link "
                                "out of the target", folder,
                                hint="replace the link by a real folder, or remove it")
        if folder.exists() and not folder.is_dir():
            raise TimelineError(f"{folder} is a file where the site has a folder", folder,
                                hint="move the file away")
        if not folder.exists():
            return


def _is_plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _deletable(target: Path, previous: dict[str, str | None],
               keep: Iterable[str]) -> tuple[list[str], list[str]]:
    """The files an earlier publish wrote that the site no longer has: (to delete, to keep).
    Deleted are only real files, reached without a link, holding what was published."""
    stale, kept = [], []
    for rel in sorted(previous.keys() - set(keep)):
        path = target / rel
        try:
            _refuse_linked_folders(target, rel)
        except TimelineError:
            continue  # never reached through a link
        if not _is_plain_file(path):
            continue
        if previous[rel] is not None and sha256(path) == previous[rel]:
            stale.append(rel)
        else:
            kept.append(rel)
    return stale, kept


def _read_manifest(target: Path) -> dict[str, str | None]:
    """Paths a previous publish wrote, with the SHA-256 it wrote (None in a manifest written
    before hashes were kept); only safe relative paths are trusted."""
    path = target / PUBLISH_MANIFEST
    if path.is_symlink():
        raise TimelineError("the publish manifest is a link", path,
                            hint="remove it: timeline writes it as a file")
    if not path.exists():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise TimelineError("cannot read the publish manifest", path,
                            hint="delete it only if you know which files timeline wrote") from None
    if isinstance(files, list):
        files = dict.fromkeys(files)
    if not isinstance(files, dict):
        raise TimelineError("cannot read the publish manifest", path,
                            hint="delete it only if you know which files timeline wrote")
    return {rel: digest if isinstance(digest, str) else None for rel, digest in files.items()
            if isinstance(rel, str) and _is_safe_relative(rel)}


def _is_safe_relative(rel: str) -> bool:
    pure = PurePosixPath(rel)
    return not pure.is_absolute() and ".." not in pure.parts and rel not in NOT_PUBLISHED


def _write_manifest(target: Path, files: dict[str, str]) -> None:
    manifest = {"written_by": f"timeline {__version__}",
                "published_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "files": dict(sorted(files.items()))}
    fd, tmp = tempfile.mkstemp(dir=target, prefix=".timeline-tmp-")  # a new file, no link
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(manifest, indent=1) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target / PUBLISH_MANIFEST)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _same_file(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and sha256(a) == sha256(b)


def _copy_atomically(source: Path, destination: Path) -> str:
    """Readers of the web root see the old file or the new one, never half of it. Returns
    the SHA-256 of what was written. A link at ``destination`` is replaced, never followed."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=destination.parent, prefix=".timeline-tmp-")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o644)
        digest = sha256(Path(tmp))
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def _remove_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and parent.is_relative_to(root):
        try:
            parent.rmdir()  # only succeeds when empty, so nothing foreign is removed
        except OSError:
            return
        parent = parent.parent
