"""Measure the preview server: save-to-reload latency and rebuild times, and print them.

    python3 bench/serve_latency.py [--edits 20] [--articles 1000] [--runs 5]

1. Save-to-reload on the example site: a real ``PreviewServer`` on a free port, a real watchdog
   observer and a real SSE client; each edit appends a sentence to an article and the clock runs
   from the write until the SSE state of the finished rebuild arrives (includes the debounce
   quiet window). Median and p95 over ``--edits`` edits.
2. Rebuild times through the article cache (what the server does on a change), on the example
   site and on a generated site of ``--articles`` articles (the 256 TimeML dev texts, copied
   with dates shifted by a week per copy): cold (empty cache), no-change, one-article edit;
   medians of ``--runs``, with the time per build stage so it is clear what dominates.

Aims (issue 5): save-to-reload under 300 ms median on the example site; one-article rebuild on
1,000 articles under 1 s. Runs in temporary folders; nothing is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "timeml-dev"
EXAMPLE_ARTICLE = "2014-wsj-iraq-original.txt"


# -- projects -------------------------------------------------------------------------------


def example_project(folder: Path) -> Path:
    project = folder / "example"
    shutil.copytree(ROOT / "content", project / "content")
    (project / "templates").mkdir()
    shutil.copyfile(ROOT / "timeline.toml", project / "timeline.toml")
    return project


def generated_project(folder: Path, articles: int) -> Path:
    from timeline.temporal.timeml import read_timeml_dir

    project = folder / "generated"
    content = project / "content"
    content.mkdir(parents=True)
    documents = [d for d in read_timeml_dir(DATA) if d.dct is not None]
    written, copy = 0, 0
    while written < articles:
        for doc in documents[: articles - written]:
            published = doc.dct + dt.timedelta(days=7 * copy)
            front = f'---\ntitle: "{doc.doc_id} ({copy})"\ndate: {published.isoformat()}\n---\n'
            (content / f"{doc.doc_id}-{copy}.txt").write_text(front + doc.text, encoding="utf-8")
            written += 1
        copy += 1
    return project


def edit(path: Path, number: int) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(f"\nOfficials met again on Monday, update {number}.\n")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- 1. save to reload ----------------------------------------------------------------------


def save_to_reload(project: Path, edits: int) -> tuple[list[float], list[float]]:
    from timeline.config import load_config
    from timeline.preview.livereload import EventStreamClient
    from timeline.preview.serve import PreviewServer

    server = PreviewServer(load_config(project), "127.0.0.1", 0)
    server.start()
    client = EventStreamClient("127.0.0.1", server.port, timeout=60)
    try:
        seen = client.next_state()["build"]
        latencies = []
        for number in range(edits):
            began = time.perf_counter()
            edit(project / "content" / EXAMPLE_ARTICLE, number)
            state = client.next_state()
            while state["build"] <= seen:
                state = client.next_state()
            latencies.append(time.perf_counter() - began)
            seen = state["build"]
            assert not state["problems"], state["problems"]
            time.sleep(0.3)  # a pause between saves, as an editor makes
        return latencies, [record.seconds for record in server.builds[1:]]
    finally:
        client.close()
        server.stop()


# -- 2. rebuild times, with stages ----------------------------------------------------------

STAGES = [
    ("timeline.pipeline.build", "check_output_dir"),
    ("timeline.pipeline.build", "_process_all"),
    ("timeline.pipeline.build", "merge"),
    ("timeline.pipeline.build", "enrich"),
    ("timeline.pipeline.output", "source_docs"),
    ("timeline.site.parallel", "render_pages"),
    ("timeline.site.exports", "write_exports"),
    ("timeline.site.seo", "finalize_site"),
    ("timeline.publish.deploy", "record_inputs"),
    ("timeline.pipeline.output", "_write_marker"),
    ("timeline.pipeline.output", "_swap"),
]


@contextlib.contextmanager
def stage_timer(totals: dict[str, float]):
    """Time each build stage (module attributes wrapped for the duration; restored after)."""
    import importlib

    originals = []
    for module_name, name in STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, name, None)
        if original is None:
            continue

        def timed(*args, _original=original, _name=name, **kwargs):
            began = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                totals[_name] += time.perf_counter() - began

        originals.append((module, name, original))
        setattr(module, name, timed)
    try:
        yield
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def timed_build(config, cache) -> tuple[float, dict[str, float], object]:
    from timeline.pipeline.build import build_site

    stages: dict[str, float] = defaultdict(float)
    with stage_timer(stages):
        began = time.perf_counter()
        result = build_site(config, cache=cache)
        seconds = time.perf_counter() - began
    assert result.written, [str(d) for d in result.diagnostics.errors][:3]
    return seconds, stages, result


def rebuild_times(project: Path, runs: int, label: str) -> None:
    from timeline.preview.serve import preview_parent

    # Built where the preview server builds (RAM-backed when the system has room).
    preview = Path(tempfile.mkdtemp(prefix="timeline-bench-", dir=preview_parent()))
    try:
        _rebuild_times(project, preview / "site", runs, label)
    finally:
        shutil.rmtree(preview, ignore_errors=True)


def _rebuild_times(project: Path, output: Path, runs: int, label: str) -> None:
    from timeline.config import load_config
    from timeline.pipeline.cache import ArticleCache

    config = dataclasses.replace(load_config(project), output_dir=str(output))
    cache = ArticleCache(project / ".timeline-cache" / "articles")
    article = sorted((project / "content").glob("*.txt"))[0]
    cold, cold_stages, result = timed_build(config, cache)
    no_change, one_article = [], []
    for number in range(runs):  # interleaved, so load on a shared machine hits both alike
        no_change.append(timed_build(config, cache))
        edit(article, number)
        one_article.append(timed_build(config, cache))
    # What a second `timeline build` gets: a new process, so only the on-disk cache is warm.
    from_disk = [timed_build(config, ArticleCache(cache.directory))[0] for _ in range(runs)]
    print(f"\n{label}: {len(result.articles)} articles, {len(result.events)} events"
          f" (site written to {output.parent.parent})")
    print(f"  cold build (empty cache):   {cold:7.3f} s")
    print(f"  rebuild, disk cache only:   {statistics.median(from_disk):7.3f} s  "
          f"(median of {runs}; a second `timeline build`)")
    for name, measured in (("no-change rebuild", no_change), ("one-article rebuild", one_article)):
        median = statistics.median(s for s, _, _ in measured)
        print(f"  {name + ':':27} {median:7.3f} s  (median of {runs})")
    print("  stages (s):         cold | no-change | one-article (medians)")
    for _, name in STAGES:
        cells = [statistics.median(stages.get(name, 0.0) for _, stages, _ in measured)
                 for measured in (no_change, one_article)]
        cold_cell = cold_stages.get(name, 0.0)
        print(f"    {name:16} {cold_cell:7.3f} | {cells[0]:9.3f} | {cells[1]:11.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        example = example_project(folder)
        latencies, builds = save_to_reload(example, args.edits)
        print(f"save-to-reload, example site, {len(latencies)} edits: "
              f"median {1000 * statistics.median(latencies):.0f} ms, "
              f"p95 {1000 * percentile(latencies, 0.95):.0f} ms, "
              f"min {1000 * min(latencies):.0f} ms, max {1000 * max(latencies):.0f} ms "
              f"(includes the 100 ms debounce quiet window)")
        print(f"  of which the rebuild itself: median {1000 * statistics.median(builds):.0f} ms;"
              " the rest is the debounce window, file-system event delivery and the SSE push")
        rebuild_times(example_project(folder / "again"), args.runs, "example site")
        if args.articles:
            rebuild_times(generated_project(folder, args.articles), args.runs,
                          f"generated site ({args.articles} TimeML dev texts, shifted copies)")


if __name__ == "__main__":
    main()
