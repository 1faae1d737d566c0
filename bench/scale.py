"""Measure how the build scales: 1k, 5k and 10k articles, cold and warm, time and memory.

    python3 bench/scale.py [--sizes 1000,5000,10000] [--jobs 2] [--edits 5] [--work DIR]

The collections are the Timeline17 dev topics of ``../shared/data/tls-dev`` turned into content
files by ``../shared/tools/tls/t17_to_content.py``, replicated to the size wanted so that copies
neither merge with one another nor share sentences (see ``bench/scale_collections.py``).
Without ``../shared``, articles are generated from sentence templates instead (``--generated``
forces that).

Per size it prints, for ``timeline build`` run as a command (a new process, like a user's):

- cold build (no site, no cache): wall time, the time of each stage (``--timings``), the peak
  RSS of the main process and of all processes together (sampled every 20 ms);
- one-article rebuild with the on-disk cache: an article is edited, ``timeline build`` again
  (median of ``--edits``);
- save -> reload in the preview server: ``timeline serve``'s server in a child process, an
  article saved, the clock stops when the server's live-reload event of the finished rebuild
  arrives (median of ``--edits``; includes the 100 ms debounce window);
- the server's side: save -> the index page served after the reload, and the server's RSS
  after each build (the build's leftovers given back) and its peak;
- the largest page and file, and the size of the site.

``--serve-only`` measures only the preview server (no CLI builds; the cache already in the
project is used), ``--reuse`` keeps the collections already in ``--work``.

Nothing in the project is touched; everything happens under ``--work`` (a temporary folder by
default). The machine's load (``os.getloadavg``) is printed with the figures, as timings on a
shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from scale_collections import (
    CONVERTER,
    TLS_DEV,
    Varier,
    tls_sources,
    write_generated_collection,
    write_tls_collection,
)

ROOT = Path(__file__).resolve().parents[1]
EDIT_SENTENCE = "\n\nOfficials met again on Monday to review the figures, update {n}.\n"


# -- measuring a process tree ------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    output: str
    peak_main_mb: float = 0.0  # VmHWM of the command's own process
    peak_total_mb: float = 0.0  # largest sampled sum of VmRSS over the process tree
    stages: dict[str, float] = field(default_factory=dict)
    cpu: float = 0.0  # user + system CPU seconds of the command and its worker processes
    stage_cpu: dict[str, float] = field(default_factory=dict)  # the main process's, per stage
    load: float = 0.0  # the machine's 1-minute load average when the command ended


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as listing:
                found.extend(int(p) for p in listing.read().split())
        except OSError:
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids, pending = [], [pid]
    while pending:
        current = pending.pop()
        pids.append(current)
        pending.extend(_children(current))
    return pids


def run_measured(command: list[str], cwd: Path) -> Run:
    """Run ``command``; return its wall time, output and memory peaks (sampled every 20 ms)."""
    began = time.perf_counter()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peaks = {"main": 0, "total": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(process.pid)
            peaks["main"] = max(peaks["main"], _status_kb(process.pid, "VmHWM:"))
            peaks["total"] = max(peaks["total"], sum(_status_kb(p, "VmRSS:") for p in pids))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)
    return Run(seconds, output, peaks["main"] / 1024, peaks["total"] / 1024,
               _stage_times(output), cpu, _stage_cpu(output), os.getloadavg()[0])


_STAGE_LINE = re.compile(r"^  (\S+)\s+([\d.]+) s$", re.M)
_CPU_LINE = re.compile(r"^  (\S+)\s+([\d.]+) s cpu$", re.M)


def _stage_times(output: str) -> dict[str, float]:
    _, _, tail = output.partition("Time per stage:")
    return {name: float(seconds) for name, seconds in _STAGE_LINE.findall(tail)}


def _stage_cpu(output: str) -> dict[str, float]:
    _, _, tail = output.partition("Time per stage:")
    return {name: float(seconds) for name, seconds in _CPU_LINE.findall(tail)}


# -- one size ----------------------------------------------------------------------------------


@dataclass
class Figures:
    size: int
    chars: int
    summary: str
    cold: Run
    rebuilds: list[Run]
    reloads: list[float]
    reload_builds: list[float]
    largest_page: tuple[str, int]
    largest_file: tuple[str, int]
    site_files: int
    site_bytes: int
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)
    serve: ServeFigures | None = None


@dataclass
class ServeFigures:
    """The preview server's side (measured in a child process, :func:`serve_child`)."""

    reloads: list[float]  # save -> the live-reload event of the finished rebuild
    pages: list[float]  # save -> the index page served after that event
    builds: list[float]  # the rebuilds themselves (server's record)
    memory_mb: list[float]  # the server's RSS after each build (first build included)
    peak_mb: float  # the server process's VmHWM at the end


def build_command(jobs: int | None) -> list[str]:
    command = [sys.executable, "-m", "timeline", "build", "--timings"]  # summary + stages
    return command + (["--jobs", str(jobs)] if jobs is not None else [])


def measure(project: Path, size: int, jobs: int | None, edits: int, serve: bool,
            serve_only: bool = False) -> Figures:
    if not serve_only:  # --serve-only: the server's first build uses the cache there is
        for leftover in (project / "site", project / ".timeline-cache"):
            shutil.rmtree(leftover, ignore_errors=True)
    content = sorted((project / "content").iterdir())
    chars = sum(len(p.read_text(encoding="utf-8")) for p in content)
    load = os.getloadavg()
    edited = content[len(content) // 2]
    rebuilds = []
    if serve_only:
        cold, summary = Run(0.0, ""), "(CLI builds skipped: --serve-only)"
    else:
        cold = run_measured(build_command(jobs), project)
        summary = next((line for line in cold.output.splitlines()
                        if line.startswith("Built")), "")
        for number in range(edits):
            with edited.open("a", encoding="utf-8") as out:
                out.write(EDIT_SENTENCE.format(n=number))
            rebuilds.append(run_measured(build_command(jobs), project))
    reloads, reload_builds, served = [], [], None
    if serve:
        served = serve_in_child(project, edited, edits, jobs)
        reloads, reload_builds = served.reloads, served.builds
    if serve_only:
        return Figures(size=size, chars=chars, summary=summary, cold=cold, rebuilds=[],
                       reloads=reloads, reload_builds=reload_builds, largest_page=("", 0),
                       largest_file=("", 0), site_files=0, site_bytes=0, load=load,
                       serve=served)
    pages = _files(project / "site")
    html = [(rel, size) for rel, size in pages if rel.endswith(".html")]
    return Figures(size=size, chars=chars, summary=summary, cold=cold, rebuilds=rebuilds,
                   reloads=reloads, reload_builds=reload_builds,
                   largest_page=max(html, key=lambda p: p[1]),
                   largest_file=max(pages, key=lambda p: p[1]), site_files=len(pages),
                   site_bytes=sum(size for _, size in pages), load=load, serve=served)


def _files(site: Path) -> list[tuple[str, int]]:
    return [(p.relative_to(site).as_posix(), p.stat().st_size)
            for p in site.rglob("*") if p.is_file()]


# -- the preview server, in a child process ----------------------------------------------------


def serve_in_child(project: Path, article: Path, edits: int,
                   jobs: int | None) -> ServeFigures:
    command = [sys.executable, str(Path(__file__).resolve()), "--serve-child", str(project),
               "--article", str(article), "--edits", str(edits)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"preview measurement failed:\n{done.stdout}\n{done.stderr}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return ServeFigures(**data)


def serve_child(project: Path, article: Path, edits: int, jobs: int | None) -> None:
    """Start a preview server, save ``article`` ``edits`` times, time each save -> reload."""
    sys.path.insert(0, str(ROOT))
    from timeline.config import load_config
    from timeline.preview.livereload import EventStreamClient
    from timeline.preview.serve import PreviewServer

    overrides = {"jobs": jobs} if jobs is not None else {}
    server = PreviewServer(load_config(project, **overrides), "127.0.0.1", 0)
    server.start()
    # stands for a browser showing the index: the server reloads it once it is written
    client = EventStreamClient("127.0.0.1", server.port, timeout=600, page=server.mount)
    reloads, pages = [], []
    try:
        seen = client.next_state()["build"]
        for number in range(edits):
            time.sleep(0.5)  # a pause between saves, as an editor makes
            began = time.perf_counter()
            with article.open("a", encoding="utf-8") as out:
                out.write(EDIT_SENTENCE.format(n=100 + number))
            state = client.next_state()
            while state["build"] <= seen:
                state = client.next_state()
            reloads.append(time.perf_counter() - began)
            _fetch(server.url)  # what a reloading page asks for first
            pages.append(time.perf_counter() - began)
            seen = state["build"]
            if state["problems"]:
                raise SystemExit(f"the preview build failed: {state['problems']}")
            # the reload may come before the build has settled (the rest of the site and the
            # exports): the next save is made once it has, as after an editor's pause
            server.wait_for_build(number + 2, timeout=600)
        server.wait_for_build(edits + 1, timeout=600)  # its memory figure is set
        builds = [record.seconds for record in server.builds[1:]]
        memory = [record.memory_mb or 0.0 for record in server.builds]
    finally:
        client.close()
        server.stop()
    print(json.dumps({"reloads": reloads, "pages": pages, "builds": builds,
                      "memory_mb": memory, "peak_mb": _status_kb(os.getpid(), "VmHWM:") / 1024}))


def _fetch(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=600) as response:
        return response.read()


# -- report ------------------------------------------------------------------------------------


def _mb(count: float) -> str:
    return f"{count / 1e6:.1f} MB"


def report(figures: Figures, jobs: int | None) -> None:
    cold = figures.cold
    print(f"\n== {figures.size:,} articles, {_mb(figures.chars)} of text "
          f"(load average at start {figures.load[0]:.2f}) ==")
    print(f"  {figures.summary}")
    if cold.seconds:
        report_builds(figures, jobs)
    report_serve(figures)


def report_builds(figures: Figures, jobs: int | None) -> None:
    cold = figures.cold
    print(f"  cold build{f' --jobs {jobs}' if jobs is not None else ''}:  {cold.seconds:7.2f} s"
          f"  ({1000 * cold.seconds / figures.size:.1f} ms per article); CPU {cold.cpu:.1f} s "
          f"all processes; load at end {cold.load:.1f}")
    print("    stages: " + ", ".join(f"{k} {v:.2f}" for k, v in cold.stages.items()))
    print("    stages, CPU of the main process: "
          + ", ".join(f"{k} {v:.2f}" for k, v in cold.stage_cpu.items()))
    print(f"    peak RSS: main process {cold.peak_main_mb:.0f} MB, all processes "
          f"{cold.peak_total_mb:.0f} MB")
    if figures.rebuilds:
        times = [run.seconds for run in figures.rebuilds]
        middle = sorted(figures.rebuilds, key=lambda r: r.seconds)[len(times) // 2]
        print(f"  one-article rebuild, CLI + cache: median {statistics.median(times):.2f} s "
              f"of {len(times)} (min {min(times):.2f}, max {max(times):.2f}); peak RSS "
              f"{max(r.peak_total_mb for r in figures.rebuilds):.0f} MB")
        print("    stages (median run): "
              + ", ".join(f"{k} {v:.2f}" for k, v in middle.stages.items()))
        print(f"    CPU, all processes: median "
              f"{statistics.median(r.cpu for r in figures.rebuilds):.2f} s; "
              f"loads at end {', '.join(f'{r.load:.1f}' for r in figures.rebuilds)}")
        print("    stages, CPU of the main process (median run): "
              + ", ".join(f"{k} {v:.2f}" for k, v in middle.stage_cpu.items()))


def report_serve(figures: Figures) -> None:
    if figures.reloads:
        print(f"  save -> reload, preview server: median "
              f"{1000 * statistics.median(figures.reloads):.0f} ms of {len(figures.reloads)} "
              f"(min {1000 * min(figures.reloads):.0f}, max {1000 * max(figures.reloads):.0f});"
              f" the whole rebuild (every page and export settled) median "
              f"{1000 * statistics.median(figures.reload_builds):.0f} ms")
    served = figures.serve
    if served is not None and served.pages:
        print(f"    save -> index page served after the reload: median "
              f"{1000 * statistics.median(served.pages):.0f} ms; server RSS after each build "
              f"{', '.join(f'{mb:.0f}' for mb in served.memory_mb)} MB, "
              f"peak {served.peak_mb:.0f} MB")
    if not figures.site_files:
        return
    page, page_size = figures.largest_page
    name, size = figures.largest_file
    print(f"  largest page: {page} {_mb(page_size)}; largest file: {name} {_mb(size)}")
    print(f"  site: {figures.site_files:,} files, {_mb(figures.site_bytes)}")


def report_growth(all_figures: list[Figures]) -> None:
    if len(all_figures) < 2:
        return
    first, last = all_figures[0], all_figures[-1]
    if not first.cold.seconds:
        return  # --serve-only
    scale = last.size / first.size
    print(f"\ngrowth {first.size:,} -> {last.size:,} articles (x{scale:.0f}):")
    rows = [("cold build time", first.cold.seconds, last.cold.seconds),
            ("peak RSS, all processes", first.cold.peak_total_mb, last.cold.peak_total_mb)]
    if first.rebuilds and last.rebuilds:
        rows.append(("one-article rebuild",
                     statistics.median(r.seconds for r in first.rebuilds),
                     statistics.median(r.seconds for r in last.rebuilds)))
    for label, small, large in rows:
        ratio = large / small if small else float("inf")
        verdict = "linear or better" if ratio <= scale * 1.1 else "WORSE than linear"
        print(f"  {label:26} x{ratio:5.1f}  ({verdict})")


# -- main --------------------------------------------------------------------------------------


def make_project(work: Path, size: int, generated: bool) -> Path:
    project = work / f"scale-{size}"
    shutil.rmtree(project, ignore_errors=True)
    content = project / "content"
    content.mkdir(parents=True)
    (project / "timeline.toml").write_text(f'title = "Scale benchmark, {size} articles"\n',
                                           encoding="utf-8")
    if generated:
        write_generated_collection(content, size)
    else:
        sources = tls_sources(work)
        write_tls_collection(sources, Varier(sources), content, size)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000",
                        help="comma-separated numbers of articles")
    parser.add_argument("--jobs", type=int, default=None,
                        help="passed to timeline build --jobs (default: not passed)")
    parser.add_argument("--edits", type=int, default=5, help="one-article edits per size")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview server")
    parser.add_argument("--serve-only", action="store_true",
                        help="only the preview server (no CLI builds; the cache is kept)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep a collection already in --work (scale-N with N files)")
    parser.add_argument("--generated", action="store_true",
                        help="generate articles even when ../shared is there")
    parser.add_argument("--work", type=Path, help="folder for the collections (kept)")
    parser.add_argument("--serve-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--article", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    sys.path.insert(0, str(ROOT))
    if args.serve_child:
        serve_child(args.serve_child, args.article, args.edits, args.jobs)
        return
    generated = args.generated or not (TLS_DEV.is_dir() and CONVERTER.is_file())
    sizes = [int(s) for s in args.sizes.split(",")]
    kind = "generated articles" if generated else f"tls-dev ({TLS_DEV}) replicated"
    print(f"scale benchmark: {kind}; {os.cpu_count()} cores; python {sys.version.split()[0]}")
    work = args.work or Path(tempfile.mkdtemp(prefix="timeline-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    everything = []
    try:
        for size in sizes:
            project = work / f"scale-{size}"
            reuse = args.reuse and (project / "content").is_dir() and sum(
                1 for _ in (project / "content").iterdir()) == size
            if not reuse:
                project = make_project(work, size, generated)
            figures = measure(project, size, args.jobs, args.edits, not args.no_serve,
                              args.serve_only)
            report(figures, args.jobs)
            everything.append(figures)
            sys.stdout.flush()
        report_growth(everything)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
