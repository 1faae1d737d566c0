"""Helpers for the loader tests: a content file written into a project, and loaded."""

from __future__ import annotations

from pathlib import Path

from timeline.config import Config
from timeline.errors import Diagnostics
from timeline.ingest.content import load_article


def write(config: Config, name: str, text: str | bytes) -> Path:
    path = config.content_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load(config: Config, name: str, text: str | bytes) -> tuple:
    diagnostics = Diagnostics()
    article = load_article(write(config, name, text), config, diagnostics)
    return article, diagnostics
