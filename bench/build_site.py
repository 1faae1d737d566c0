"""Measure a full ``timeline build`` on a realistic corpus: the 256 TimeML dev texts written
out as content files (front matter date = the document's creation time), copied ``--copies``
times with shifted dates to grow the corpus.

Prints articles, events, wall time of the build (best of ``--runs``), per-article time, peak
memory (ru_maxrss) and the size of the site. Runs in a temporary folder; nothing is kept.

Usage: python3 bench/build_site.py [--copies 1] [--runs 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml-dev"


def write_corpus(data: Path, content: Path, copies: int) -> int:
    from timeline.temporal.timeml import read_timeml_dir

    documents = read_timeml_dir(data)
    count = 0
    for copy in range(copies):
        for doc in documents:
            if doc.dct is None:
                continue
            published = doc.dct + dt.timedelta(days=7 * copy)
            front = f'---\ntitle: "{doc.doc_id} ({copy})"\ndate: {published.isoformat()}\n---\n'
            (content / f"{doc.doc_id}-{copy}.txt").write_text(front + doc.text, encoding="utf-8")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from timeline.config import Config
    from timeline.pipeline.build import build_site

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "content").mkdir()
        files = write_corpus(args.data, project / "content", args.copies)
        chars = sum(p.stat().st_size for p in (project / "content").iterdir())
        times = []
        for _ in range(args.runs):
            began = time.perf_counter()
            result = build_site(Config(root=project, title="bench"))
            times.append(time.perf_counter() - began)
        site = result.output
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        best = min(times)
        print(f"corpus: {files} files, {chars / 1e6:.2f} MB of text ({args.data.name},"
              f" {args.copies} cop{'y' if args.copies == 1 else 'ies'})")
        print(f"built: {len(result.articles)} articles, {len(result.events)} events, "
              f"{len(result.diagnostics.warnings)} warnings, {len(result.diagnostics.errors)} "
              f"errors, ok={result.ok}")
        print(f"build time: best {best:.2f} s of {args.runs} (all: "
              f"{', '.join(f'{t:.2f}' for t in times)}); {1000 * best / max(files, 1):.1f} ms"
              f" per article; {chars / best / 1e3:.0f} kB text/s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (ru_maxrss): {peak:.0f} MB")
        print(f"site: {sum(1 for p in site.rglob('*') if p.is_file())} files, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
