"""The record a build leaves in the site, and whether a built site is good and current.

One job: the build writes :data:`BUILD_MARKER` (whether it succeeded, which files it wrote) and,
through :func:`record_inputs`, :data:`INPUTS_RECORD` (the hash of every input file: content,
template overrides, timeline.toml); :func:`check_build` refuses a missing, failed or stale build
before anything is published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from timeline import __version__
from timeline.errors import TimelineError
from timeline.site.urls import INDEX_PAGE

#: Written by the build (also timeline.pipeline.build.MARKER): whether it succeeded, which files
#: it wrote.
BUILD_MARKER = ".timeline-build.json"
#: Written by the build through :func:`record_inputs`: the hash of every input file.
INPUTS_RECORD = ".timeline-inputs.json"


RUN_BUILD = "run timeline build first"
# Editor droppings and caches are not inputs of the build.
_IGNORED_INPUT = re.compile(r"(^|/)(\.[^/]*|[^/]*~|#[^/]*#|__pycache__)(/|$)")


def input_files(config, known: Callable[[str], str | None] | None = None) -> dict[str, str]:
    """Every input of a build with its SHA-256: content, template overrides, timeline.toml.

    ``known(path)``, if given, is a content file's SHA-256 when the caller knows it without
    reading the file (the build's stat index: the file's stat is the one recorded with the
    hash), else None: re-hashing 10,000 articles took 0.6 s of every rebuild."""
    hashes: dict[str, str] = {}
    for folder in (config.content_path, config.templates_path):
        # --content may name a folder outside the project: keep its absolute path
        outside = config.root not in folder.parents and folder != config.root
        shown = folder.as_posix() if outside else folder.relative_to(config.root).as_posix()
        for inner, path in _files_under(folder):
            if not _IGNORED_INPUT.search(inner):
                rel = f"{shown}/{inner}" if shown != "." else inner
                hashes[rel] = (known and known(path)) or _input_hash(Path(path))
    if config.config_path.is_file():
        hashes[config.config_path.name] = _input_hash(config.config_path)
    return hashes


def _files_under(folder: Path) -> list[tuple[str, str]]:
    """Every file under ``folder`` as (path inside ``folder`` in posix form, path), as
    ``rglob("*")`` and ``is_file()`` find them (a link to a file counts, a linked folder is
    not entered); one scandir per folder instead of a Path and a stat per file."""
    found: list[tuple[str, str]] = []

    def walk(directory: str, prefix: str) -> None:
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError:
            return
        for entry in listed:
            inner = prefix + entry.name
            try:
                if entry.is_dir() and not entry.is_symlink():
                    walk(entry.path, inner + "/")
                elif not entry.is_dir() and entry.is_file():
                    found.append((inner, entry.path))
            except OSError:
                continue

    if folder.is_dir():
        walk(str(folder), "")
    return found


def _input_hash(path: Path) -> str:
    """The SHA-256 of an input file, or why it could not be read: the loader reports an
    unreadable article in its own words, and the record must not stop the build first."""
    try:
        return sha256(path)
    except OSError as exc:
        return f"unreadable: {exc.strerror or type(exc).__name__}"


def record_inputs(site_dir: Path, config,
                  known: Callable[[str], str | None] | None = None) -> Path:
    """Write :data:`INPUTS_RECORD` into a site being built: the hash of every input file, so
    publishing can tell exactly which inputs changed since. Returns the path relative to the site.
    ``known``: content hashes known without reading the file (see :func:`input_files`).
    """
    record = {"timeline": __version__, "inputs": input_files(config, known)}
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


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
