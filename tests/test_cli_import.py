"""The ``timeline import`` command, run as a real process against a real loopback server:
what it prints, its exit status, the summary, and the progress bar on a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.webserver import (
    BLOG_PATH,
    EXPLAINER_PATH,
    NEWS_PATH,
    WIRE_PATH,
    start_site,
    stop_site,
)

PAGES = [NEWS_PATH, BLOG_PATH, WIRE_PATH, EXPLAINER_PATH]
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def site():
    running = start_site()
    yield running[0]
    stop_site(*running)


def timeline_import(project: Path, *args: str, stdin: str | None = None, **kwargs):
    command = [sys.executable, "-m", "timeline", "import", "--config", str(project),
               "--delay", "0", "--timeout", "0.5", *args]
    return subprocess.run(command, capture_output=True, text=True, input=stdin, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, **kwargs)


def test_import_prints_each_page_errors_and_a_summary(site, tmp_path):
    urls = [site.url(p) for p in PAGES]
    result = timeline_import(tmp_path, *urls, site.url("/missing"), site.url("/slow"),
                             site.url("/report.pdf"))
    assert result.returncode == 1  # some failed
    out = result.stdout.splitlines()
    assert out[-1] == ("Imported 4 articles into content (1 with a warning), "
                       "0 duplicates skipped, 3 failed")
    assert (f"imported content/2019-03-12-ferry-crews-strike-after-pay-talks-collapse.md "
            f"<- {urls[0]}") in out
    errors = result.stderr.splitlines()
    assert f"error: {site.url('/missing')}: HTTP 404 Not Found (check the address)" in errors
    assert f"error: {site.url('/slow')}: no response within 0.5 s" in errors
    assert any(line.startswith(f"error: {site.url('/report.pdf')}: not an HTML page") for line
               in errors)
    assert ("warning: content/how-the-estuary-crossing-works.md: no publication date found on "
            "the page (add 'date: YYYY-MM-DD' to its front matter if you know it)") in errors
    assert "Traceback" not in result.stderr
    assert len(list((tmp_path / "content").iterdir())) == 4

    again = timeline_import(tmp_path, *urls)
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1] == (
        "Imported 0 articles into content, 4 duplicates skipped, 0 failed")
    assert (f"skipped {urls[0]}: already imported as "
            "content/2019-03-12-ferry-crews-strike-after-pay-talks-collapse.md"
            ) in again.stdout.splitlines()


def test_quiet_prints_warnings_errors_and_the_summary(site, tmp_path):
    result = timeline_import(tmp_path, "-q", site.url(NEWS_PATH), site.url(EXPLAINER_PATH),
                             site.url("/missing"))
    assert result.stdout.splitlines() == [
        "Imported 2 articles into content (1 with a warning), 0 duplicates skipped, 1 failed"]
    assert len(result.stderr.splitlines()) == 2  # the 404 and the missing date


def test_a_list_on_standard_input(site, tmp_path):
    result = timeline_import(tmp_path, "--list", "-",
                             stdin=f"{site.url(WIRE_PATH)}\nwire.example/no-scheme\n")
    assert result.returncode == 1
    assert "error: -:2: not an http(s) URL: 'wire.example/no-scheme' (one full https:// " \
           "address per line)" in result.stderr
    assert "Imported 1 article into content" in result.stdout


def test_nothing_to_import(tmp_path):
    result = timeline_import(tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: nothing to import (give saved pages, URLs, --list FILE or --feed URL)")


def test_a_progress_bar_on_a_terminal(site, tmp_path):
    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "timeline", "import", "--config", str(tmp_path),
               "--delay", "0", *(site.url(p) for p in PAGES)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100"})
    os.close(follower)
    screen = b""
    while True:  # read the terminal until the process closes it
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        screen += chunk
    stdout, _ = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0
    shown = screen.decode()
    assert "\rImporting [" in shown and "4/4" in shown
    assert shown.endswith("\r\x1b[K") or "\r\x1b[K" in shown  # cleared before the summary
    assert stdout.splitlines()[-1].startswith("Imported 4 articles")


def test_control_characters_in_names_are_shown_escaped(tmp_path):
    from tests.ingest.samples import NEWS

    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "news\x1b[2Jstory.html").write_bytes(NEWS.path.read_bytes())
    result = timeline_import(tmp_path, str(saved), str(tmp_path / "gone\x1b]0;x\x07.html"))
    assert "\x1b" not in result.stdout + result.stderr
    assert "imported content/2019-03-12-ferry-crews-strike-after-pay-talks-collapse.md" in \
        result.stdout
