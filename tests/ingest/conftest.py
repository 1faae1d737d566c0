"""Fixtures for the import tests: the sample web site on a real loopback HTTP server."""

from __future__ import annotations

import pytest

from tests.ingest.webserver import SampleSite, start_site, stop_site


@pytest.fixture
def sample_site() -> SampleSite:
    """The sample pages served on a free loopback port for the length of one test."""
    site, server, thread = start_site()
    yield site
    stop_site(site, server, thread)
