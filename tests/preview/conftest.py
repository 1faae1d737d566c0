"""Fixtures of the preview server's end-to-end tests: a copy of the example project and a real
preview server on a free loopback port (files that need another set-up define their own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.config import load_config
from timeline.preview.serve import PreviewServer


@pytest.fixture
def project(example_project: Path) -> Path:
    (example_project / "templates").mkdir(exist_ok=True)
    return example_project


@pytest.fixture
def server(project: Path):
    lines: list[str] = []
    preview = PreviewServer(load_config(project), "127.0.0.1", 0, echo=lines.append)
    preview.terminal = lines
    preview.start()
    yield preview
    preview.stop()
