"""Run a command without root's power to read and write any file, so that a file or folder
made unreadable or read-only with chmod really is so for the command.

Tests run as root here (and in CI): root ignores permission bits, so ``chmod 000`` alone proves
nothing. In a new user namespace with no user mapped (``unshare --user``), the command keeps its
own user but loses that power over the files of the machine, while a file it owns still obeys
its owner's permission bits. As an ordinary user the command runs as it is.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest


@functools.cache
def _unshare() -> str | None:
    """The ``unshare`` program if it can make a user namespace here, else None."""
    program = shutil.which("unshare")
    if program is None:
        return None
    probe = subprocess.run([program, "--user", "true"], capture_output=True)
    return program if probe.returncode == 0 else None


def without_root_powers(command: list[str]) -> list[str]:
    """``command``, prefixed so that permission bits apply to it even when run by root."""
    if os.geteuid() != 0:
        return command
    program = _unshare()
    if program is None:
        pytest.skip("running as root where user namespaces are not allowed: root reads and "
                    "writes any file, so an unreadable or read-only file cannot be made")
    return [program, "--user", *command]
