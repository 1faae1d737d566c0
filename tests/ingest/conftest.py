"""Fixtures for the ingest tests: an empty project for the loader; the sample web site on a
real loopback HTTP server for the import tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.webserver import SampleSite, start_site, stop_site
from timeline.config import Config


@pytest.fixture
def project(tmp_path: Path) -> Config:
    """A project with an empty content folder."""
    (tmp_path / "content").mkdir()
    return Config(root=tmp_path)


@pytest.fixture
def sample_site() -> SampleSite:
    """The sample pages served on a free loopback port for the length of one test."""
    site, server, thread = start_site()
    yield site
    stop_site(site, server, thread)
