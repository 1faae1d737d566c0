"""Kill ``timeline build`` with SIGKILL at random moments; the site must always be whole.

A generated project is built once (site A). Then, again and again, an article is edited so the
next build would produce site B, the real command is started and SIGKILLed after a random delay
(anywhere from start-up to past the end of a build). After each kill the output folder must be
exactly site A or exactly site B (every file, byte for byte; never missing, never a mix), and a
following build must succeed and leave no staging/retired folder behind.

Prints kills tried, where they landed (before rendering started, while rendering, too late:
the build had finished) and every violation found. Exit status 1 on any violation.

Usage: python3 fuzz/kill_build.py [--kills 40] [--seed 0] [--articles 30]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_atomic_build import _write_articles  # noqa: E402


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}


def comparable(files: dict[str, str]) -> dict[str, str]:
    """The build marker and inputs record hold the build time: compare everything else."""
    return {k: v for k, v in files.items()
            if k not in (".timeline-build.json", ".timeline-inputs.json")}


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", "build", "-q"], cwd=project,
                          capture_output=True, text=True, timeout=300)


def leftovers(project: Path) -> list[str]:
    return [n for n in os.listdir(project) if n.startswith((".site.tmp-", ".site.old-"))]


def kill_after(project: Path, delay: float) -> tuple[str, int]:
    """Start a build, SIGKILL it after ``delay`` s; (where it was, exit code)."""
    began = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "timeline", "build", "-q"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging_seen = False
    while process.poll() is None and time.monotonic() - began < delay:
        staging_seen = staging_seen or any(n.startswith(".site.tmp-")
                                           for n in os.listdir(project))
        time.sleep(0.001)
    if process.poll() is not None:
        return "too late (finished)", process.returncode
    staging_seen = staging_seen or any(n.startswith(".site.tmp-") for n in os.listdir(project))
    process.send_signal(signal.SIGKILL)
    code = process.wait()
    return ("while rendering" if staging_seen else "before rendering"), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--articles", type=int, default=30)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    project = Path(tempfile.mkdtemp(prefix="kill-build-"))
    landed: Counter = Counter()
    violations: list[str] = []
    try:
        _write_articles(project / "content", count=args.articles)
        article = project / "content" / "2014-06-15-article-00.txt"
        original = article.read_text()
        assert build(project).returncode == 0
        article.write_text(original + "\nOn May 5, 2014 a first edit was made.\n")
        started = time.monotonic()  # a rebuild after one edit: what each kill interrupts
        assert build(project).returncode == 0
        duration = time.monotonic() - started
        original = article.read_text()
        for number in range(args.kills):
            site_a = comparable(snapshot(project / "site"))
            edited = original + f"\nOn July {number % 28 + 1}, 2014 edit {number} was made.\n"
            # site B: what the edited content builds to, made in a scratch copy
            scratch = Path(tempfile.mkdtemp(prefix="kill-build-b-"))
            shutil.copytree(project / "content", scratch / "content")
            (scratch / "content" / article.name).write_text(edited)
            assert build(scratch).returncode == 0
            site_b = comparable(snapshot(scratch / "site"))
            shutil.rmtree(scratch)

            article.write_text(edited)
            # half the kills anywhere, half in the last part of a build, where it renders/swaps
            low = 0.0 if number % 2 else duration * 0.6
            where, code = kill_after(project, rng.uniform(low, duration * 1.1))
            landed[where] += 1
            now = comparable(snapshot(project / "site"))
            if now not in (site_a, site_b):
                missing = len(set(site_a) - set(now))
                violations.append(f"kill {number} ({where}, exit {code}): site is neither the "
                                  f"old nor the new build ({len(now)} files, {missing} missing)")
            done = build(project)
            if done.returncode != 0:
                violations.append(f"kill {number}: next build failed: {done.stderr.strip()}")
            if leftovers(project):
                violations.append(f"kill {number}: leftovers after the next build: "
                                  f"{leftovers(project)}")
            if comparable(snapshot(project / "site")) != site_b:
                violations.append(f"kill {number}: next build did not produce the new site")
            original = edited
    finally:
        shutil.rmtree(project, ignore_errors=True)
    print(f"kill_build: {args.kills} SIGKILLs at random moments of a {duration:.1f} s build "
          f"({args.articles} articles): " + ", ".join(f"{k} {v}" for k, v in landed.items()))
    print(f"violations: {len(violations)}")
    for violation in violations:
        print(f"- {violation}")
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
