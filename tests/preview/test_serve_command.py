"""``timeline serve`` as a command in a terminal: its URL, Ctrl-C, a busy port, and polling
when the system has no inotify instance left (real processes, signals and sockets)."""

from __future__ import annotations

import http.client
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_the_serve_command_prints_its_url_and_stops_cleanly_on_ctrl_c(project):
    import re
    import signal

    process = _serve_process(project)
    try:
        url = None
        for line in process.stdout:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                url, port = found.group(0), int(found.group(1))
                break
        assert url, "the command never printed its URL"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/")
        assert connection.getresponse().status == 200
        connection.close()
        process.send_signal(signal.SIGINT)
        try:
            rest = process.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"still running 30 s after Ctrl-C; {_signal_state(process.pid)}") from None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert "Traceback" not in rest and "Stopped." in rest


def _serve_process(project: Path):
    """``timeline serve --port 0`` as a terminal runs it: Ctrl-C (SIGINT) at its default.

    A process started in the background by a non-interactive shell (``pytest ... &``, some CI
    runners) inherits SIGINT ignored, and Python keeps it ignored, as a background job should;
    the child gets the disposition a foreground command would have, whatever ran pytest.
    """
    import signal

    return subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", "--port", "0"], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _signal_state(pid: int) -> str:
    """The signal masks of a process, to tell an ignored or blocked SIGINT from a hang."""
    from pathlib import Path as _Path

    status = _Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines()
    return "; ".join(line for line in status if line.startswith(("SigBlk", "SigIgn", "SigCgt")))


def test_the_serve_command_explains_a_busy_port(server, project):

    done = subprocess.run(
        [sys.executable, "-m", "timeline", "serve", "--port", str(server.port)], cwd=project,
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "already in use" in line and "--port 0" in line


def test_the_serve_command_polls_when_the_system_has_no_inotify_instance_left(project):
    """Serve in a user namespace of its own whose inotify instance limit is 0: the state a
    desktop full of editors and watchers leaves a machine in, without taking the instances of
    every other process of this user on the machine (as holding them all would)."""
    import re
    import signal
    import subprocess

    unshare = shutil.which("unshare")
    lower_limit = "echo 0 > /proc/sys/user/max_inotify_instances"
    if unshare is None or subprocess.run([unshare, "--user", "--map-root-user", "sh", "-c",
                                          lower_limit], capture_output=True).returncode:
        pytest.skip("no user namespaces here: the inotify limit cannot be lowered for one test "
                    "without lowering it for the whole machine")
    process = subprocess.Popen(
        [unshare, "--user", "--map-root-user", "sh", "-c", lower_limit + ' && exec "$@"', "sh",
         sys.executable, "-m", "timeline", "serve", "--port", "0"], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if re.search(r"http://127\.0\.0\.1:\d+/", line):
                break
        assert "inotify" in lines[0] and "polling for changes instead" in lines[0], lines
        assert "(watching by polling; Ctrl-C to stop)" in lines[-1], lines
        article = next((project / "content").glob("*.txt"))
        article.write_text(article.read_text(encoding="utf-8") + "\nOn Monday it rained.\n",
                           encoding="utf-8")
        rebuilt = process.stdout.readline()  # the poller notices the edit within its interval
        assert rebuilt.startswith("Built"), rebuilt
        process.send_signal(signal.SIGINT)
        assert "Stopped." in process.communicate(timeout=30)[0]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
