"""How long and how much memory a build takes for one very large article (up to 50 MB).

For each size, a project holding one generated article is built by the real command
(``python3 -m timeline build``) in a subprocess, with a time limit; wall time, peak resident
memory of the build process (``ru_maxrss`` of the child), exit status and the summary line are
printed. Kinds of text:

- ``prose``: 1000-character paragraphs of filler words, a distinct dated sentence in every
  tenth paragraph (a long report: many paragraphs, few dates);
- ``news``: real news paragraphs (the seed articles) repeated with their dates shifted, so
  sentences differ (dense in dates and sentence ends);
- ``line``: one line of words without any sentence end (copy-paste gone wrong);
- ``pasted``: one line holding the same three dated sentences over and over (a paste repeated
  by accident: every sentence dated, most of them identical, all in one paragraph);
- ``dense``: one line of distinct dated sentences (a data dump: every sentence a different
  event).

Each line also gives seconds per MB, so growth faster than linear shows as a rising figure.

A file over the project's ``max_article_mb`` (5 by default) is refused with one error line:
the line shows how long that refusal takes. ``--max-mb`` raises the limit for the run.

Usage: python3 bench/big_article.py [--sizes 1,2,5,20] [--kinds line,pasted,dense,prose,news]
                                    [--timeout 900] [--max-mb 25]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
_FILLER = ("officials said the council would review plans for roads schools water power and new "
           "housing after talks with regional leaders about budgets taxes and elections")
WORDS = _FILLER.split()


def prose(size: int, rng: random.Random) -> str:
    parts, total, number = [], 0, 0
    while total < size:
        body = " ".join(rng.choice(WORDS) for _ in range(160))[:990].capitalize() + "."
        if number % 10 == 0:
            body += f" On June {number % 28 + 1}, {1990 + number % 30} vote {number} was held."
        parts.append(body)
        total += len(body) + 2
        number += 1
    return "\n\n".join(parts)


def news(size: int, rng: random.Random) -> str:
    seeds = [p.read_text(encoding="utf-8").split("\n\n", 1)[-1]
             for p in sorted((ROOT / "content").glob("*.txt"))]
    parts, total, copy = [], 0, 0
    while total < size:
        # each copy dates its sentences differently, so they are not all the same sentence
        text = re.sub(r"\b(19|20)(\d\d)\b", _years_back(copy % 40), seeds[copy % len(seeds)])
        text = text.replace("Iraq", f"Iraq{copy}")
        parts.append(text)
        total += len(text) + 2
        copy += 1
    return "\n\n".join(parts)


def _years_back(years: int):
    return lambda match: str(int(match[0]) - years)


def line(size: int, rng: random.Random) -> str:
    words, total = [], 0
    while total < size:
        word = rng.choice(WORDS)
        words.append(word)
        total += len(word) + 1
    return " ".join(words) + " On June 3, 2014 it ended."


_PASTED = ("On June 3, 2014 the council met again. Officials said on Tuesday that the talks "
           "would resume. The vote was held last week after a long debate. ")


def pasted(size: int, rng: random.Random) -> str:
    return (_PASTED * (size // len(_PASTED) + 1))[:size].rstrip() + " On June 3, 2014 it ended."


def dense(size: int, rng: random.Random) -> str:
    parts, total, number = [], 0, 0
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    while total < size:
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))
        part = (f"On {months[number % 12]} {number % 28 + 1}, {1950 + number % 70} the "
                f"{words} meeting number {number} took place.")
        parts.append(part)
        total += len(part) + 1
        number += 1
    return " ".join(parts)


KINDS = {"prose": prose, "news": news, "line": line, "pasted": pasted, "dense": dense}


def measure(kind: str, megabytes: float, timeout: float, max_mb: float | None = None) -> str:
    project = Path(tempfile.mkdtemp(prefix="big-article-"))
    try:
        (project / "content").mkdir()
        if max_mb is not None:
            (project / "timeline.toml").write_text(f"max_article_mb = {max_mb}\n")
        article = project / "content" / "2014-06-15-big.txt"
        article.write_text(KINDS[kind](int(megabytes * MB), random.Random(1)), encoding="utf-8")
        size = article.stat().st_size
        began = time.perf_counter()
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            build = subprocess.Popen([sys.executable, "-m", "timeline", "build", "-q"],
                                     cwd=project, stdout=out, stderr=err, text=True)
            status, usage = _wait(build.pid, timeout)
            out.seek(0)
            err.seek(0)
            summary = (out.read().strip().splitlines() or [""])[-1]
            problem = (err.read().strip().splitlines() or [""])[-1][:200]
        seconds = time.perf_counter() - began
        if status is None:
            outcome = f"killed after the {timeout:.0f} s limit"
        else:
            code = os.waitstatus_to_exitcode(status)
            outcome = f"exit {code}: {summary}" + (f" | {problem}" if code and problem else "")
        peak_text = f"{usage.ru_maxrss / 1024:.0f} MB"
        rate = seconds / (size / MB)
        return (f"{kind:6} {size / MB:6.1f} MB: {seconds:7.1f} s ({rate:5.1f} s/MB), "
                f"peak RSS {peak_text}; {outcome}")
    finally:
        shutil.rmtree(project, ignore_errors=True)


def _wait(pid: int, timeout: float):
    """(wait status or None if killed at the time limit, resource usage of that child)."""
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            return None, usage
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,5,20", help="megabytes, comma-separated")
    parser.add_argument("--kinds", default="line,pasted,dense,prose,news")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per build")
    parser.add_argument("--max-mb", type=float, default=None,
                        help="max_article_mb for the projects (default: timeline's)")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    for kind in args.kinds.split(","):
        for megabytes in sizes:
            print(measure(kind, megabytes, args.timeout, args.max_mb), flush=True)


if __name__ == "__main__":
    main()
