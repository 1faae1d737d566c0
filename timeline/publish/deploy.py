"""Publish a built site: to a git branch (GitHub Pages) or into a folder (a mounted web root).

Both refuse a missing, failed or stale build (the build writes :data:`BUILD_MARKER` and, via
:func:`record_inputs`, a hash of every input file), both show what would change with
``dry_run``, and both stop before deleting more than ``max_deletes`` files unless confirmed.

``--gh-pages`` builds the commit with git plumbing only (``hash-object``, ``mktree``,
``commit-tree``, ``update-ref``, ``push``): it never touches the working tree, the index or the
current branch. ``--dir`` keeps a manifest of what it wrote (:data:`PUBLISH_MANIFEST`) in the
target, so a later publish deletes only its own stale files and never a foreign one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from timeline import __version__
from timeline.errors import TimelineError
from timeline.site.urls import INDEX_PAGE

#: Written by the build (also timeline.pipeline.build.MARKER): whether it succeeded, which files
#: it wrote.
BUILD_MARKER = ".timeline-build.json"
#: Written by the build through :func:`record_inputs`: the hash of every input file.
INPUTS_RECORD = ".timeline-inputs.json"
PUBLISH_MANIFEST = ".timeline-publish.json"
#: Files in the built site that are bookkeeping, not part of the published site.
NOT_PUBLISHED = frozenset({BUILD_MARKER, INPUTS_RECORD, PUBLISH_MANIFEST})
DEFAULT_MAX_DELETES = 50
RUN_BUILD = "run timeline build first"
# Editor droppings and caches are not inputs of the build.
_IGNORED_INPUT = re.compile(r"(^|/)(\.[^/]*|[^/]*~|#[^/]*#|__pycache__)(/|$)")


# -- the build marker -------------------------------------------------------------------------


def input_files(config) -> dict[str, str]:
    """Every input of a build with its SHA-256: content, template overrides, timeline.toml."""
    hashes: dict[str, str] = {}
    for folder in (config.content_path, config.templates_path):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                inner = path.relative_to(folder).as_posix()
                # --content may name a folder outside the project: keep its absolute path
                outside = config.root not in folder.parents and folder != config.root
                rel = path.as_posix() if outside else path.relative_to(config.root).as_posix()
                if path.is_file() and not _IGNORED_INPUT.search(inner):
                    hashes[rel] = _input_hash(path)
    if config.config_path.is_file():
        hashes[config.config_path.name] = _input_hash(config.config_path)
    return hashes


def _input_hash(path: Path) -> str:
    """The SHA-256 of an input file, or why it could not be read: the loader reports an
    unreadable article in its own words, and the record must not stop the build first."""
    try:
        return _sha256(path)
    except OSError as exc:
        return f"unreadable: {exc.strerror or type(exc).__name__}"


def record_inputs(site_dir: Path, config) -> Path:
    """Write :data:`INPUTS_RECORD` into a site being built: the hash of every input file, so
    publishing can tell exactly which inputs changed since. Returns the path relative to the site.
    """
    record = {"timeline": __version__, "inputs": input_files(config)}
    path = Path(site_dir) / INPUTS_RECORD
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return Path(INPUTS_RECORD)


def check_build(site_dir: Path, config) -> dict:
    """Raise :class:`TimelineError` unless ``site_dir`` holds a good build of the current inputs.

    The build's marker says whether it succeeded; the inputs record (or, failing that, the
    marker's time) says whether content, templates or timeline.toml changed since.
    """
    site_dir = Path(site_dir)
    if not (site_dir / INDEX_PAGE).is_file():
        raise TimelineError(f"no built site in {site_dir}", site_dir, hint=RUN_BUILD)
    marker = _read_json(site_dir / BUILD_MARKER)
    if marker is None:
        raise TimelineError(f"{site_dir} has no readable build record ({BUILD_MARKER})",
                            site_dir, hint=RUN_BUILD)
    if not marker.get("ok"):
        raise TimelineError("the last build had errors", site_dir,
                            hint="fix the errors it reported and " + RUN_BUILD)
    changed = stale_inputs(site_dir, config, marker)
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        raise TimelineError(f"the site is older than its inputs: {changed[0]} changed{more}",
                            site_dir, hint=RUN_BUILD)
    return marker


def stale_inputs(site_dir: Path, config, marker: dict) -> list[str]:
    """Inputs changed since the build: by hash when recorded, else modified after the build."""
    current = input_files(config)
    record = _read_json(Path(site_dir) / INPUTS_RECORD)
    if record is not None and isinstance(record.get("inputs"), dict):
        changed = _changed_inputs(record["inputs"], current)
        if record.get("timeline") != __version__:  # the theme and tagger ship with timeline
            changed.append(f"timeline (built with {record.get('timeline')}, now {__version__})")
        return changed
    try:
        built = dt.datetime.fromisoformat(str(marker.get("built"))).timestamp()
    except ValueError:
        return ["(unknown build time)"]
    return sorted(rel for rel in current if (config.root / rel).stat().st_mtime > built + 1)


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _changed_inputs(recorded: dict[str, str], current: dict[str, str]) -> list[str]:
    return sorted(p for p in recorded.keys() | current.keys() if recorded.get(p) != current.get(p))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


# -- what a publish changes -------------------------------------------------------------------


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
    plan: PublishPlan
    url: str | None
    dry_run: bool
    target: str  # "origin gh-pages" or the folder
    commit: str | None = None
    warnings: list[str] = field(default_factory=list)


def site_files(site_dir: Path) -> dict[str, Path]:
    """The files of a built site to publish, by POSIX path relative to the site."""
    from timeline.site.seo import site_files as listed_files  # lazy: seo imports the feeds

    listed = listed_files(site_dir)  # the one tree walk, in rglob("*")'s order
    return {rel: Path(site_dir, rel) for rel in listed if rel not in NOT_PUBLISHED}


def _guard_deletes(plan: PublishPlan, max_deletes: int, yes: bool) -> None:
    if len(plan.deleted) > max_deletes and not yes:
        raise TimelineError(
            f"publishing would delete {len(plan.deleted)} files (more than {max_deletes}), "
            f"e.g. {plan.deleted[0]}",
            hint="check with --dry-run, then pass --yes or raise --max-deletes")


# -- publishing into a folder -----------------------------------------------------------------


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
    _guard_deletes(plan, max_deletes, yes)
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
    _write_manifest(target, {rel: written[rel] or _sha256(target / rel) for rel in new})
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
        if previous[rel] is not None and _sha256(path) == previous[rel]:
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
    return a.stat().st_size == b.stat().st_size and _sha256(a) == _sha256(b)


def _copy_atomically(source: Path, destination: Path) -> str:
    """Readers of the web root see the old file or the new one, never half of it. Returns
    the SHA-256 of what was written. A link at ``destination`` is replaced, never followed."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=destination.parent, prefix=".timeline-tmp-")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o644)
        digest = _sha256(Path(tmp))
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


# -- publishing to a git branch ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GhPagesOptions:
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
    git = _Git(Path(repo))
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
    _guard_deletes(plan, max_deletes, yes)
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


class _Git:
    """The few git plumbing commands publishing needs, run in one repository."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        top = self.run("rev-parse", "--show-toplevel", check=False)
        if not top:
            raise TimelineError(f"{repo} is not a git repository", repo,
                                hint="run this inside your project's git repository")

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> str:
        proc = subprocess.run(["git", "-C", str(self.repo), *args], input=input,
                              capture_output=True, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
        if proc.returncode != 0:
            if not check:
                return ""
            error = proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"]
            raise TimelineError(f"git {args[0]}: {error[-1]}", self.repo)
        return proc.stdout.decode("utf-8", "replace").strip()

    def current_branch(self) -> str:
        return self.run("symbolic-ref", "-q", "--short", "HEAD", check=False)

    def fetch_branch(self, remote: str, branch: str) -> None:
        """Bring the remote's branch into refs/remotes/ so the new commit builds on it. A branch
        the remote does not have yet is fine (first publish)."""
        if not self.run("remote", "get-url", remote, check=False):
            raise TimelineError(f"no git remote named {remote!r}", self.repo,
                                hint="add it with git remote add, or pass --remote")
        if self.run("ls-remote", "--heads", remote, branch):
            self.run("fetch", "-q", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")

    def parent_commit(self, remote: str, branch: str, *, use_remote: bool) -> str | None:
        refs = [f"refs/heads/{branch}"]
        if use_remote:
            refs.insert(0, f"refs/remotes/{remote}/{branch}")
        for ref in refs:
            commit = self.run("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
            if commit:
                return commit
        return None

    def hash_object(self, data: bytes, *, write: bool) -> str:
        args = ["hash-object", "--stdin"] + (["-w"] if write else [])
        return self.run(*args, input=data)

    def hash_files(self, files: dict[str, Path], *, write: bool) -> dict[str, str]:
        """Blob ids of many files in one ``hash-object --stdin-paths`` call."""
        if not files:
            return {}
        paths = [str(path.resolve()) for path in files.values()]
        if any("\n" in p for p in paths):
            raise TimelineError("a site file name contains a line break", self.repo)
        args = ["hash-object", "--stdin-paths", "--no-filters"] + (["-w"] if write else [])
        ids = self.run(*args, input="\n".join(paths).encode("utf-8")).split()
        return dict(zip(files, ids, strict=True))

    def tree_files(self, commit: str) -> dict[str, str]:
        listing = self.run("ls-tree", "-r", "-z", commit)
        files = {}
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            files[path] = meta.split()[2]
        return files

    def make_tree(self, blobs: dict[str, str]) -> str:
        """Build nested tree objects bottom-up with ``mktree -z`` (names may hold any byte)."""
        root: dict = {}
        for rel, blob in blobs.items():
            *dirs, name = rel.split("/")
            node = root
            for part in dirs:
                node = node.setdefault(part, {})
            node[name] = blob
        return self._tree(root)

    def _tree(self, node: dict) -> str:
        entries = []
        for name, value in sorted(node.items()):
            if isinstance(value, dict):
                entries.append(f"040000 tree {self._tree(value)}\t{name}")
            else:
                entries.append(f"100644 blob {value}\t{name}")
        return self.run("mktree", "-z", input=("\0".join(entries) + "\0").encode("utf-8"))

    def remote_url(self, remote: str) -> str:
        return self.run("remote", "get-url", remote, check=False)


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


# -- the command ------------------------------------------------------------------------------


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
