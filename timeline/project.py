"""Start a new project (``timeline init``): settings, a sample article and a .gitignore.

Writes only files that do not exist yet: if any of them (or a non-empty content folder) is
already there, nothing at all is written and the error names what exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from timeline.config import CONFIG_FILE, commented_toml
from timeline.errors import TimelineError
from timeline.pipeline.cache import CACHE_DIR

CONTENT_DIR = "content"
#: Build outputs, never sources: the site, the staging/retired folders a build keeps beside it
#: for an instant, and the per-article cache.
GITIGNORE = f"""\
# Build outputs of timeline: rebuilt from content/ by `timeline build`.
/site/
/.site.*
/{CACHE_DIR}/
"""


@dataclass(frozen=True, slots=True)
class StarterFile:
    """One file ``timeline init`` writes: its path in the project and its text."""

    path: str
    text: str


def starter_files() -> list[StarterFile]:
    """The files of a new project, sample article first."""
    samples = resources.files("timeline") / "starter"
    files = [StarterFile(f"{CONTENT_DIR}/{item.name}", item.read_text(encoding="utf-8"))
             for item in sorted(samples.iterdir(), key=lambda i: i.name)
             if item.name.endswith(".md")]
    return files + [StarterFile(CONFIG_FILE, commented_toml()),
                    StarterFile(".gitignore", GITIGNORE)]


def init_project(folder: Path) -> list[Path]:
    """Create a new project in ``folder`` (made if missing); returns the files written.

    Raises :class:`TimelineError` naming every file in the way, before writing anything.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise TimelineError("is a file, not a folder", folder,
                            hint="choose a new folder name for the project")
    files = starter_files()
    in_the_way = _existing(folder, files)
    if in_the_way:
        shown = folder.resolve() if str(folder) == "." else folder  # "error: .: ..." says little
        raise TimelineError(
            f"already exists: {', '.join(in_the_way)}; timeline init overwrites nothing", shown,
            hint="run it in a new or empty folder, or move those away first")
    written = []
    for item in files:
        path = folder / item.path
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never replace a file
            handle.write(item.text)
        written.append(path)
    return written


def _existing(folder: Path, files: list[StarterFile]) -> list[str]:
    """What ``timeline init`` would overwrite: its files (a dangling link counts: writing
    would follow it) and a content folder that is not empty (a sample among one's articles
    would end up on the timeline)."""
    found = []
    content = folder / CONTENT_DIR
    if os.path.lexists(content) and (not content.is_dir() or any(content.iterdir())):
        found.append(f"{CONTENT_DIR}/")
    for item in files:
        if not item.path.startswith(f"{CONTENT_DIR}/") and os.path.lexists(folder / item.path):
            found.append(item.path)
    return found
