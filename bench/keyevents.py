"""Key-event benchmark: build the tls-dev stories and score their key events (news-tls protocol).

For each story of ``../shared/data/tls-dev`` (BP oil spill: 5 publishers, 1,447 articles;
H1N1: 3 publishers, 402 articles) this runs ``../shared/tools/tls/t17-bench.sh``, which turns
the scraped pages into a content folder, runs ``timeline build`` (this checkout's code: PYTHONPATH
is set to it) and scores ``events.json`` against the journalists' timelines: alignment ROUGE-1
and ROUGE-2 F (AR-1, AR-2) and Date F1, as ``score_tls.py`` picks dates and sentences (the k
dates whose best event has the highest ``salience``, the L most salient events of each).

Prints the figures per timeline, per story and averaged over all 8 timelines (precision and
recall averaged first, as news-tls does), the build's wall time and peak memory, and, measured
in-process on the same content, what the key-event work costs: the furniture pass (lines
hashed with each article, then the collection-wide pass) and judging (salience, summaries) as
a share of the whole build. The share is CPU against CPU: the key-event seconds over the CPU
(user + system) of a whole ``timeline build --jobs 1`` of the same content, so it does not
depend on how many cores the build's wall time had.

``t17-bench.sh`` calls ``timeline``; when no ``timeline`` command is on PATH, one that runs
this checkout with this interpreter is put there for the run.

Needs ``../shared`` beside the project and a Python with tilse (``TLS_PYTHON``, default
``/work/.tls-venv/bin/python``; see ``../shared/tools/tls/README.md``).

Usage: python3 bench/keyevents.py [--stories bpoil,H1N1] [--out /tmp/keyevents] [--no-cost]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "tls-dev"
TOOLS = SHARED / "tools" / "tls"
STORIES = ("bpoil", "H1N1")


def run_story(story: str, out: Path, env: dict) -> dict:
    """Build and score one story; returns the scorer's JSON plus the build's time and memory."""
    folders = sorted(str(p) for p in DATA.glob(f"{story}_*") if p.is_dir())
    if not folders:
        sys.exit(f"error: no {story}_* folders in {DATA}")
    done = subprocess.run(["bash", str(TOOLS / "t17-bench.sh"), str(out), *folders], env=env,
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"error: t17-bench.sh failed for {story}:\n{done.stdout}\n{done.stderr}")
    timing = re.search(r"build: ([\d.]+) s wall, (\d+) KB peak RSS", done.stdout)
    result = json.loads((out / "score.json").read_text())
    result["wall"] = float(timing[1]) if timing else float("nan")
    result["rss_mb"] = int(timing[2]) / 1024 if timing else float("nan")
    result["built"] = next((line for line in done.stdout.splitlines()
                            if line.startswith("Built")), "")
    return result


def whole_build_cpu(content: Path) -> float:
    """CPU seconds (user + system) of ``timeline build --jobs 1`` of ``content``, run cold in
    a scratch copy of its project so the scored site is left alone."""
    with tempfile.TemporaryDirectory(prefix="keyevents-cpu-") as scratch:
        project = Path(scratch)
        shutil.copytree(content, project / "content")
        shutil.copy(content.parent / "timeline.toml", project / "timeline.toml")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "timeline", "build", "--jobs", "1", "--quiet"],
                       cwd=project, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def with_timeline_command(env: dict, folder: Path) -> dict:
    """``env`` with a ``timeline`` command on PATH, written into ``folder`` if none is there."""
    if shutil.which("timeline", path=env.get("PATH")):
        return env
    command = folder / "timeline"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m timeline "$@"\n')
    command.chmod(0o755)
    return dict(env, PATH=f"{folder}{os.pathsep}{env.get('PATH', '')}")


def f_score(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def averaged(rows: list) -> dict[str, float]:
    """AR-1, AR-2 and Date F1 over ``rows`` (score.json "per" entries), news-tls style."""
    def mean(get) -> float:
        return sum(get(r) for r in rows) / len(rows)
    return {
        "AR-1": f_score(mean(lambda r: r[1]["rouge_1"]["precision"]),
                        mean(lambda r: r[1]["rouge_1"]["recall"])),
        "AR-2": f_score(mean(lambda r: r[1]["rouge_2"]["precision"]),
                        mean(lambda r: r[1]["rouge_2"]["recall"])),
        "Date F1": f_score(mean(lambda r: r[2]["precision"]), mean(lambda r: r[2]["recall"])),
    }


def key_event_cost(content: Path) -> dict[str, float]:
    """Seconds of CPU for each build stage on ``content``, in this process: per-article
    processing (hashing lines for the furniture pass included; timed again on its own), the
    furniture pass, merging and enrichment, judging. Rendering is left out."""
    sys.path.insert(0, str(ROOT))
    from timeline.config import Config
    from timeline.errors import Diagnostics
    from timeline.events.furniture import page_lines
    from timeline.events.keydates import select_key_dates
    from timeline.ingest.content import discover
    from timeline.pipeline import build

    config = Config(root=content.parent)
    clock = time.process_time
    began = clock()
    results = [build.process_article(p, config) for p in discover(config)]
    processed = clock()
    for result in results:
        if result.article is not None:
            page_lines(result.article)
    hashed = clock()
    build._set_aside_furniture(results)
    furnished = clock()
    events = build.merge([e for r in results for e in r.events], config)
    build._unique_event_ids(events)
    events = build.enrich(events, config, Diagnostics())
    merged = clock()
    select_key_dates(events, config)
    judged = clock()
    return {"articles": processed - began, "hash lines": hashed - processed,
            "furniture": furnished - hashed, "merge+enrich": merged - furnished,
            "judge": judged - merged}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default=",".join(STORIES))
    parser.add_argument("--out", type=Path, default=Path("/tmp/keyevents-bench"))
    parser.add_argument("--no-cost", action="store_true", help="skip the in-process timing")
    args = parser.parse_args()
    if not DATA.is_dir() or not (TOOLS / "t17-bench.sh").is_file():
        sys.exit(f"error: {DATA} or {TOOLS} not found (the benchmark needs ../shared)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("TLS_PYTHON", "/work/.tls-venv/bin/python")
    args.out.mkdir(parents=True, exist_ok=True)
    env = with_timeline_command(env, args.out)
    every = []
    for story in args.stories.split(","):
        out = args.out / story
        result = run_story(story, out, env)
        rows = result["per"]
        every.extend(rows)
        print(f"== {story}: {result['built']}")
        print(f"   build {result['wall']:.1f} s wall, {result['rss_mb']:.0f} MB peak")
        for name, rouge, dates, *_ in rows:
            print(f"   {Path(name).parent.parent.name:24s} AR-1 {rouge['rouge_1']['f_score']:.3f}"
                  f"  AR-2 {rouge['rouge_2']['f_score']:.3f}"
                  f"  Date F1 {f_score(dates['precision'], dates['recall']):.3f}")
        scores = averaged(rows)
        print(f"   {story} average ({len(rows)} timelines): "
              + "  ".join(f"{k} {v:.3f}" for k, v in scores.items()))
        if not args.no_cost:
            cost = key_event_cost(out / "content")
            total = sum(cost.values()) - cost["hash lines"]  # hashing is part of "articles"
            key = cost["hash lines"] + cost["furniture"] + cost["judge"]
            whole = whole_build_cpu(out / "content")
            print("   CPU s: " + ", ".join(f"{k} {v:.1f}" for k, v in cost.items())
                  + f"; key events {key:.1f} s = {key / total:.1%} of these stages, "
                  f"{key / whole:.1%} of a whole build's CPU ({whole:.1f} s, --jobs 1)")
    scores = averaged(every)
    print(f"== all {len(every)} timelines: " + "  ".join(f"{k} {v:.3f}" for k, v in scores.items()))


if __name__ == "__main__":
    main()
