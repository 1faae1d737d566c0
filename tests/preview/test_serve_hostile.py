"""The preview server given hostile requests and a hostile system: a real server on a free
loopback port, real sockets, a real watcher whose system runs out of inotify watches."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def raw_request(port: int, path: str, host: str | None = "127.0.0.1") -> tuple[int, bytes]:
    """One request with the path and Host header exactly as given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- 7. a path segment longer than a file name may be ---------------------------------------


@pytest.mark.parametrize("path", ["/" + "a" * 300, "/sources/" + "b" * 4000 + ".html",
                                  "/" + "%e2%80%ae" * 100 + "/x", "/" + "c/" * 3000])
def test_overlong_path_segments_get_404_and_the_server_keeps_serving(server, path):
    status, _body = raw_request(server.port, path)
    assert status == 404
    assert raw_request(server.port, "/")[0] == 200
    assert not [line for line in server.terminal if "Traceback" in line or "error:" in line]


# --- the Host header (DNS rebinding) --------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example",
                                  "localhost.evil.example", "[::1].evil.example", "",
                                  "localhost:notaport", "[::1"])
def test_requests_naming_another_host_are_refused(server, host):
    host = host.format(port=server.port)
    for path in ("/", "/index.html", "/__timeline/events", "/__timeline/livereload.js"):
        status, body = raw_request(server.port, path, host)
        assert status == 403, (host, path)
        assert b"answers only to localhost" in body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST",
                                  "127.0.0.2", "[::1]:{port}", "app.localhost:{port}", None])
def test_loopback_hosts_are_served(server, host):
    status, _body = raw_request(server.port, "/", None if host is None else
                                host.format(port=server.port))
    assert status == 200


def test_the_listen_backlog_holds_a_burst_of_connections(server):
    """The kernel's accept queue for the server's socket, as ss reports it (Send-Q of a
    listening socket is its backlog): 128, not the stdlib's 5."""
    if shutil.which("ss") is None:
        pytest.skip("ss (iproute2) is not installed")
    listing = subprocess.run(["ss", "-Hltn", f"sport = :{server.port}"], capture_output=True,
                             text=True, check=True).stdout.split()
    assert int(listing[2]) >= 128, listing
    # and a burst that would overflow 5 is accepted while the server is busy building
    sockets = [socket.create_connection(("127.0.0.1", server.port), timeout=10)
               for _ in range(64)]
    try:
        assert raw_request(server.port, "/")[0] == 200
    finally:
        for connection in sockets:
            connection.close()


# --- inotify runs out while watching ------------------------------------------------------

# Runs inside a user namespace of its own, where it may lower the inotify watch limit without
# touching the machine's: a real PreviewServer watches natively, then the limit drops to 1 so
# the folder created next cannot be watched.
_DRIVER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from timeline.config import load_config
    from timeline.preview.serve import PreviewServer

    project = Path(sys.argv[1])
    lines = []
    server = PreviewServer(load_config(project), "127.0.0.1", 0, echo=lines.append)
    server.start()
    polling_at_start = server.poll
    Path("/proc/sys/user/max_inotify_watches").write_text("1")
    new = project / "content" / "later" / "deeper"
    new.mkdir(parents=True)
    time.sleep(1.5)  # the watcher sees the folders, fails to watch them, falls back
    (new / "2014-06-16-late.txt").write_text("Monday, 16 June 2014\\n\\nThe late article "
                                            "says the talks began on Sunday.\\n")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any("late.txt" in str(p) for b in server.builds for p in b.changed) or any(
                b.parsed and b.number > 1 for b in server.builds[2:]):
            break
        time.sleep(0.2)
    time.sleep(1)
    page = server.site_dir / "sources" / "2014-06-16-late.html"
    print(json.dumps({"polling_at_start": polling_at_start, "polling_now": server.poll,
                      "late_page": page.is_file(), "lines": lines}))
    server.stop()
""")


def test_watcher_falls_back_to_polling_when_inotify_watches_run_out(example_project, tmp_path):
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare, "--user", "--map-root-user", "sh", "-c",
                            "echo 1 > /proc/sys/user/max_inotify_watches"],
                           capture_output=True) if unshare else None
    if probe is None or probe.returncode != 0:
        pytest.skip("no user namespaces here: the inotify limit cannot be lowered for one test "
                    "without lowering it for the whole machine")
    driver = tmp_path / "driver.py"
    driver.write_text(_DRIVER, encoding="utf-8")
    done = subprocess.run([unshare, "--user", "--map-root-user", sys.executable, str(driver),
                           str(example_project)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(
                              [str(REPO), os.environ.get("PYTHONPATH", "")])})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["polling_at_start"] is False  # native watching worked at first
    assert report["polling_now"] is True
    fallbacks = [line for line in report["lines"] if "polling for changes instead" in line]
    assert len(fallbacks) == 1, report["lines"]
    assert fallbacks[0].startswith("warning: native file watching stopped (inotify watch limit "
                                   "reached at ")
    assert report["late_page"], report["lines"]  # the article in the unwatched folder is built
    assert "Unable to watch" not in done.stderr  # said once, by timeline, not by watchdog
