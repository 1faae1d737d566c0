"""A built site as bytes, and a project to build: shared by the tests that compare a rebuilt
or served site with a cold build of the same content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from timeline.pipeline.build import MARKER

ROOT = Path(__file__).resolve().parents[1]


def write_story(content: Path, slug: str, title: str, source: str, date: str,
                text: str) -> Path:
    """A Markdown article with its front matter."""
    path = content / f"{slug}.md"
    path.write_text(f'---\ntitle: "{title}"\nsource: "{source}"\ndate: {date}\n---\n{text}',
                    encoding="utf-8")
    return path


def example_project(root: Path, stories: dict) -> Path:
    """The example's content and settings under ``root``, with ``stories`` (slug: title,
    source, date, text) written beside the seeds."""
    shutil.copytree(ROOT / "content", root / "content")  # the two seeds and their annotations
    shutil.copyfile(ROOT / "timeline.toml", root / "timeline.toml")
    (root / "templates").mkdir()
    for slug, story in stories.items():
        write_story(root / "content", slug, *story)
    return root


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of ``site`` by its path, the build marker without its build time (the one
    thing two builds of the same content may differ in)."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
             if p.is_file()}
    marker = json.loads(files.pop(MARKER))
    marker.pop("built")
    files[MARKER] = json.dumps(marker, sort_keys=True).encode()
    return files
