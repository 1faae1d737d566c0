"""The few git plumbing commands publishing to a branch needs, run in one repository.

One job: run git (never prompting for a password) and turn its failures into one-line errors;
hash files and data into blobs, build nested trees, read a commit's files, find and fetch the
branch to build on. Nothing here touches the working tree, the index or HEAD.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from timeline.errors import TimelineError


class Git:
    """The few git plumbing commands publishing needs, run in one repository."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        top = self.run("rev-parse", "--show-toplevel", check=False)
        if not top:
            raise TimelineError(f"{repo} is not a git repository", repo,
                                hint="run this inside your project's git repository")

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> str:
        proc = subprocess.run(["git", "-C", str(self.repo), *args], input=input,
                              capture_output=True, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
        if proc.returncode != 0:
            if not check:
                return ""
            error = proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"]
            raise TimelineError(f"git {args[0]}: {error[-1]}", self.repo)
        return proc.stdout.decode("utf-8", "replace").strip()

    def current_branch(self) -> str:
        return self.run("symbolic-ref", "-q", "--short", "HEAD", check=False)

    def fetch_branch(self, remote: str, branch: str) -> None:
        """Bring the remote's branch into refs/remotes/ so the new commit builds on it. A branch
        the remote does not have yet is fine (first publish)."""
        if not self.run("remote", "get-url", remote, check=False):
            raise TimelineError(f"no git remote named {remote!r}", self.repo,
                                hint="add it with git remote add, or pass --remote")
        if self.run("ls-remote", "--heads", remote, branch):
            self.run("fetch", "-q", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")

    def parent_commit(self, remote: str, branch: str, *, use_remote: bool) -> str | None:
        refs = [f"refs/heads/{branch}"]
        if use_remote:
            refs.insert(0, f"refs/remotes/{remote}/{branch}")
        for ref in refs:
            commit = self.run("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
            if commit:
                return commit
        return None

    def hash_object(self, data: bytes, *, write: bool) -> str:
        args = ["hash-object", "--stdin"] + (["-w"] if write else [])
        return self.run(*args, input=data)

    def hash_files(self, files: dict[str, Path], *, write: bool) -> dict[str, str]:
        """Blob ids of many files in one ``hash-object --stdin-paths`` call."""
        if not files:
            return {}
        paths = [str(path.resolve()) for path in files.values()]
        if any("\n" in p for p in paths):
            raise TimelineError("a site file name contains a line break", self.repo)
        args = ["hash-object", "--stdin-paths", "--no-filters"] + (["-w"] if write else [])
        ids = self.run(*args, input="\n".join(paths).encode("utf-8")).split()
        return dict(zip(files, ids, strict=True))

    def tree_files(self, commit: str) -> dict[str, str]:
        listing = self.run("ls-tree", "-r", "-z", commit)
        files = {}
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            files[path] = meta.split()[2]
        return files

    def make_tree(self, blobs: dict[str, str]) -> str:
        """Build nested tree objects bottom-up with ``mktree -z`` (names may hold any byte)."""
        root: dict = {}
        for rel, blob in blobs.items():
            *dirs, name = rel.split("/")
            node = root
            for part in dirs:
                node = node.setdefault(part, {})
            node[name] = blob
        return self._tree(root)

    def _tree(self, node: dict) -> str:
        entries = []
        for name, value in sorted(node.items()):
            if isinstance(value, dict):
                entries.append(f"040000 tree {self._tree(value)}\t{name}")
            else:
                entries.append(f"100644 blob {value}\t{name}")
        return self.run("mktree", "-z", input=("\0".join(entries) + "\0").encode("utf-8"))

    def remote_url(self, remote: str) -> str:
        return self.run("remote", "get-url", remote, check=False)
