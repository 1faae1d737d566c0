"""Measure tagging throughput on the TimeML dev texts and compare it with dateparser.

Prints characters per second for:
  (a) the whole ``timeline tag`` process (start-up included) on the 256 dev texts concatenated,
      in wall-clock and in CPU time (the figure a machine shared with other work leaves fair),
  (b) ``timeline.temporal.tag()`` inside this process on the same text (best of a few runs),
  (c) ``dateparser.search.search_dates`` on the same documents (one call per document, each
      anchored at its creation time); all documents by default, or a fixed, evenly spread
      sample with ``--sample N`` (then the sample's rate is reported and the time for the
      whole text extrapolated from it),
and the ratios between them.

Usage: python3 bench/tag_speed.py [--runs 3] [--sample N] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml-dev"
# One anchor for the concatenated text: the process benchmark tags it as one file.
ANCHOR = dt.date(1998, 2, 13)


def load_documents(data: Path):
    sys.path.insert(0, str(ROOT))
    from timeline.temporal.timeml import read_timeml_dir

    return read_timeml_dir(data)


def bench_process(path: Path, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall time of whole ``python -m timeline tag`` processes, output discarded; the CPU time
    (user + system) of each is appended to ``cpu`` when given: on a machine shared with other
    work it is the figure that does not depend on the load."""
    command = [sys.executable, "-m", "timeline", "tag", str(path), "--anchor", ANCHOR.isoformat(),
               "--format", "json"]
    times = []
    for _ in range(runs):
        used = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              cwd=ROOT, check=False)
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(_children_cpu() - used)
        if done.returncode != 0:
            sys.exit(f"timeline tag failed: {done.stderr.decode(errors='replace').strip()}")
    return times


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_startup(runs: int) -> list[float]:
    """Wall time of ``timeline tag`` on an empty file: the fixed cost in every process run."""
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.txt"
        empty.write_text("", encoding="utf-8")
        return bench_process(empty, runs)


def bench_in_process(text: str, runs: int) -> tuple[list[float], int]:
    from timeline.temporal import tag

    times = []
    found = 0
    for _ in range(runs):
        start = time.perf_counter()
        found = len(tag(text, ANCHOR))
        times.append(time.perf_counter() - start)
    return times, found


def bench_dateparser(documents, sample: int | None) -> tuple[float, int, int, float, int]:
    """(seconds, characters, documents, warm-up seconds, dates found) of search_dates."""
    start = time.perf_counter()
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(ANCHOR, dt.time())}
    search_dates("Warm-up on Friday, June 13, 2014.", languages=["en"], settings=settings)
    warm_up = time.perf_counter() - start
    chosen = documents
    if sample and sample < len(documents):
        step = len(documents) / sample  # evenly spread, the same documents every run
        chosen = [documents[int(i * step)] for i in range(sample)]
    found = 0
    start = time.perf_counter()
    for document in chosen:
        settings = {"RELATIVE_BASE": dt.datetime.combine(document.dct or ANCHOR, dt.time())}
        found += len(search_dates(document.text, languages=["en"], settings=settings) or [])
    seconds = time.perf_counter() - start
    return seconds, sum(len(d.text) for d in chosen), len(chosen), warm_up, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=None,
                        help="run dateparser on N evenly spread documents only (default: all)")
    args = parser.parse_args()

    documents = load_documents(args.data)
    text = "\n\n".join(document.text for document in documents)
    chars = len(text)
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs (shared); {len(documents)} documents, {chars:,} characters")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dev-concatenated.txt"
        path.write_text(text, encoding="utf-8")
        process_cpu: list[float] = []
        process_times = bench_process(path, args.runs, process_cpu)
    startup_times = bench_startup(args.runs)
    inproc_times, found = bench_in_process(text, args.runs)
    dp_seconds, dp_chars, dp_docs, dp_warm, dp_found = bench_dateparser(
        documents, args.sample)

    process_rate = chars / min(process_times)
    inproc_rate = chars / min(inproc_times)
    dp_rate = dp_chars / dp_seconds
    scope = "all" if dp_docs == len(documents) else "sample of"
    rows = [
        ("timeline tag, whole process", min(process_times), chars, process_rate,
         f"best of {args.runs}; median {statistics.median(process_times):.3f} s"),
        ("timeline tag, whole process, CPU", min(process_cpu), chars, chars / min(process_cpu),
         f"user+system, best of {args.runs}; median {statistics.median(process_cpu):.3f} s"),
        ("  of which start-up (empty file)", min(startup_times), 0, None,
         f"best of {args.runs}"),
        ("tag() in process", min(inproc_times), chars, inproc_rate,
         f"best of {args.runs}; {found} timexes"),
        ("dateparser search_dates", dp_seconds, dp_chars, dp_rate,
         f"{scope} {dp_docs} docs; {dp_found} dates; import+warm-up {dp_warm:.2f} s not counted"),
    ]
    print(f"\n{'measure':<34}{'seconds':>9}{'chars':>10}{'chars/s':>15}  note")
    for label, seconds, n, rate, note in rows:
        rate_text = f"{rate:>15,.0f}" if rate else f"{'':>15}"
        print(f"{label:<34}{seconds:>9.3f}{n:>10,}{rate_text}  {note}")
    if dp_docs != len(documents):
        print(f"dateparser on all {chars:,} characters would take about {chars / dp_rate:.1f} s "
              "(extrapolated from the sample's rate)")
    print(f"\nratio whole process / dateparser: {process_rate / dp_rate:.1f}x")
    print(f"ratio in-process tag() / dateparser: {inproc_rate / dp_rate:.1f}x")
    print(f"ratio whole process in CPU time / dateparser: "
          f"{chars / min(process_cpu) / dp_rate:.1f}x")
    target = "meets" if process_rate >= 1_000_000 else "misses"
    print(f"whole-process throughput {process_rate:,.0f} chars/s {target} the 1,000,000 target"
          f" ({chars / min(process_cpu):,.0f} chars per CPU second)")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set, so every process compiles the tagger's "
              "source again (about 0.05 s CPU here)")


if __name__ == "__main__":
    main()
