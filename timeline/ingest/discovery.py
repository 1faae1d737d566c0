"""Find the content files of a project.

One job: list the articles under the content folder, sorted, skipping hidden files and folders;
read links to files, never follow links to folders, and warn (naming the path) about loops,
broken links and folders that cannot be read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from timeline.config import Config
from timeline.errors import Diagnostics, TimelineError
from timeline.ingest.textfile import display_path, error_reason

CONTENT_SUFFIXES = (".md", ".markdown", ".txt")


def discover(config: Config, diagnostics: Diagnostics | None = None) -> list[Path]:
    """Content files under the content folder, sorted, skipping hidden files and folders.

    Links to files are read (a link out of the content folder is refused by the loader);
    links to folders are not followed. A link that loops, a broken link to an article and a
    folder that cannot be read are skipped with a warning naming them in ``diagnostics``.
    """
    root = config.content_path
    if not root.is_dir():
        raise TimelineError("content folder not found", root,
                            hint="create it or pass --content DIR")
    found: list[Path] = []
    _walk(root, found, config, diagnostics if diagnostics is not None else Diagnostics())
    return sorted(found)


def _walk(folder: Path, found: list[Path], config: Config, diagnostics: Diagnostics) -> None:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        diagnostics.warn(f"cannot read the folder ({error_reason(exc)}); its articles are left out",
                         display_path(folder, config),
                         hint="check the folder's permissions")
        return
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            _follow_link(path, found, config, diagnostics)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, found, config, diagnostics)
        elif path.suffix.lower() in CONTENT_SUFFIXES and entry.is_file(follow_symlinks=False):
            found.append(path)


def _follow_link(link: Path, found: list[Path], config: Config,
                 diagnostics: Diagnostics) -> None:
    """A link in the content folder: an article if it leads to a file, else a warning for
    a loop or a broken article link; a link to a folder is not followed."""
    shown = display_path(link, config)
    is_article = link.suffix.lower() in CONTENT_SUFFIXES
    try:
        target = link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            diagnostics.warn("the link leads back to itself (a loop of links); skipped", shown,
                             hint="remove the link or point it at a file")
        elif is_article:
            diagnostics.warn(f"the link leads nowhere ({error_reason(exc)}); skipped", shown,
                             hint="remove the link or point it at the article")
        return
    if stat.S_ISDIR(target.st_mode):
        real = link.resolve()
        if real == link.parent.resolve() or real in link.parent.resolve().parents:
            diagnostics.warn("the link leads to a folder holding it (a loop); skipped", shown,
                             hint="remove the link")
        else:
            diagnostics.warn("the link leads to a folder; links to folders are not followed, "
                             "so its articles are left out", shown,
                             hint="move or copy the articles into the content folder")
        return
    if is_article and stat.S_ISREG(target.st_mode):
        found.append(link)
