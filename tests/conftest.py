"""Shared fixtures: a real headless chromium (Playwright) and a freshly built example site.

Property tests (Hypothesis) explore new random inputs on a developer's machine; in CI
(``CI=true``) they run a fixed, reproducible set, so a landing is never refused by a draw that
nobody can replay. A failure found locally is replayed from ``.hypothesis/`` and becomes a
test of its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI", "").lower() not in ("", "0", "false"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole test session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (own context: no cookies or storage shared between tests)."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    """A copy of the example project (content, templates, timeline.toml) in a temp folder."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(REPO / "content", project / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", project / "templates")
    shutil.copyfile(REPO / "timeline.toml", project / "timeline.toml")
    return project


@pytest.fixture
def built_site(example_project: Path):
    """The example site built into a temp folder; returns the BuildResult (``.output``)."""
    from timeline.config import load_config
    from timeline.pipeline.build import build_site

    result = build_site(load_config(example_project))
    assert result.written, [str(d) for d in result.diagnostics.items]
    return result
