"""Peak memory of tagging a very long text: the 256 dev texts concatenated and repeated.

For each repeat count, a fresh Python process reads the text, notes its peak resident memory
(the text and the interpreter), tags it with ``timeline.temporal.tag`` and notes the peak
again; the difference per character of text is what tagging costs. A subprocess per size keeps
one measurement's high-water mark out of the next.

Usage: python3 bench/tag_memory.py [--repeats 10,40] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml-dev"

MEASURE = """
import datetime as dt, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from timeline.temporal import tag
from timeline.temporal.timeml import read_timeml_dir
text = "\\n\\n".join(d.text for d in read_timeml_dir(sys.argv[2])) * int(sys.argv[3])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
began = time.perf_counter()
found = len(tag(text, dt.date(1998, 2, 13)))
seconds = time.perf_counter() - began
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"chars": len(text), "timexes": found, "seconds": seconds,
                  "before_kb": before, "after_kb": after}))
"""


def measure(repeats: int, data: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(ROOT), str(data), str(repeats)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", default="10,40", help="comma-separated repeat counts")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    print(f"{'characters':>12} {'timexes':>8} {'seconds':>8} {'peak MB':>8} "
          f"{'before MB':>10} {'bytes/char':>11}")
    for repeats in (int(r) for r in args.repeats.split(",")):
        m = measure(repeats, args.data)
        extra = (m["after_kb"] - m["before_kb"]) * 1024 / m["chars"]
        print(f"{m['chars']:>12,} {m['timexes']:>8,} {m['seconds']:>8.1f} "
              f"{m['after_kb'] / 1024:>8.0f} {m['before_kb'] / 1024:>10.0f} {extra:>11.1f}")


if __name__ == "__main__":
    main()
