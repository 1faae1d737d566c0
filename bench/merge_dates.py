"""How merging treats dates on a real collection: events, merged events and conflicts.

Reads every article of a content folder with the real loader and tagger, builds the events,
merges them (``timeline.events.merge.merge_events``) and prints: dated sentences in, events
out, events citing several articles, events with a conflict and how far apart the readings of
a conflict lie (a conflict between dates weeks apart is two happenings joined by mistake).
``--show N`` prints N conflicts with their readings.

Usage: python3 bench/merge_dates.py CONTENT_DIR [--threshold 80] [--show 10] [--cache DIR]

For the TLS development stories: ``python3 ../shared/tools/tls/t17_to_content.py /tmp/h1n1
../shared/data/tls-dev/H1N1_*`` writes 402 articles to /tmp/h1n1; then
``python3 bench/merge_dates.py /tmp/h1n1``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.config import Config  # noqa: E402
from timeline.events.merge import merge_events  # noqa: E402
from timeline.ingest.content import discover  # noqa: E402
from timeline.pipeline.build import process_article  # noqa: E402
from timeline.pipeline.cache import ArticleCache  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--threshold", type=float, default=80.0)
    parser.add_argument("--show", type=int, default=0, help="print this many conflicts")
    parser.add_argument("--cache", type=Path, help="keep processed articles in this folder")
    args = parser.parse_args(argv)
    config = Config(root=args.content.resolve().parent, content_dir=args.content.resolve().name)
    cache = ArticleCache(args.cache) if args.cache else None
    began = time.perf_counter()
    results = [cache.get(path, config, process_article) if cache else
               process_article(path, config) for path in discover(config)]
    dated = [event for result in results for event in result.events]
    read = time.perf_counter() - began
    began = time.perf_counter()
    merged = merge_events(dated, args.threshold)
    seconds = time.perf_counter() - began
    conflicted = [e for e in merged if e.conflicts]
    spans = [_span_days(e) for e in conflicted]
    print(f"articles {len(results)}, dated sentences {len(dated)} (read in {read:.1f}s)")
    print(f"events {len(merged)}, citing several articles "
          f"{sum(1 for e in merged if len(e.citations) > 1)}, merge {seconds:.2f}s")
    print(f"conflicts {len(conflicted)}"
          + (f": readings apart by median {statistics.median(spans):.0f} days, "
             f"max {max(spans)}, more than 7 days {sum(1 for s in spans if s > 7)}"
             if spans else ""))
    for event in sorted(conflicted, key=_span_days, reverse=True)[:args.show]:
        print(f"\n{_span_days(event)} days: {event.text[:150]}")
        for reading in event.conflicts:
            print(f"    {reading['label']:<24} {reading['expression']!r} ({reading['source']})")
    return 0


def _span_days(event) -> int:
    """Days between the earliest and the latest start among the event's readings."""
    starts = [c.timex.interval[0] for c in event.citations if c.timex.interval]
    return (max(starts) - min(starts)).days if starts else 0


if __name__ == "__main__":
    sys.exit(main())
