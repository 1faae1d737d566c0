"""The preview server under a small load while its watcher rebuilds: every response complete.

A short run of ``bench/serve_load.py`` (real PreviewServer on loopback, real file watcher, an
article rewritten while keep-alive clients request pages, exports and assets). The bench script
prints figures for a long run; here only the outcomes are asserted, never timings.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "serve_load.py"


@pytest.fixture(scope="module")
def serve_load():
    spec = importlib.util.spec_from_file_location("serve_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_checker_tells_partial_documents(serve_load):
    page = b"<!doctype html><html><body><p>x</p></body></html>\n"
    assert serve_load.check_body("/index.html", page) is None
    assert serve_load.check_body("/index.html", page[:30]) is not None
    assert serve_load.check_body("/events.json", b'{"events": [') is not None
    assert serve_load.check_body("/events.atom", b"<feed><entry>") is not None
    assert serve_load.check_body("/events.ics", b"BEGIN:VCALENDAR\r\n") is not None


def test_no_error_and_no_partial_page_while_rebuilding(serve_load):
    project = serve_load.make_project(extra=3)
    try:
        report = serve_load.run_load(project, clients=4, requests=400, touches=4,
                                     interval=0.3, seconds=90)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    assert report.errors == []
    assert report.partial == []
    assert report.requests >= 400 and set(report.statuses) == {200}
    assert report.touches == 4
    assert report.builds_during_load >= 2  # the load really overlapped rebuilds
    assert report.failed_builds == 0, report.build_problems
    assert report.urls >= 10  # pages, exports and assets were all requested
