"""Fuzz the article path (loader -> tagger -> events -> page) for a while; report what broke.

The checks are those of tests/test_fuzz_properties.py, run much longer:

1. Hypothesis rounds (fresh seeds each round, many examples): arbitrary bytes as a content file;
   arbitrary front matter (nested lists/maps, hostile strings, impossible dates) over
   Markdown-ish bodies; hand-typed front matter (anchors, aliases, !!tags); whole pipeline +
   rendered page on date-ish, hostile Markdown; ``render_runs`` with random overlapping layers;
   hand-typed annotations.yaml files. A failure ends its round, shrunk.
2. Mutation of real content: the seed articles and TimeML dev texts as files, with bytes
   flipped, deleted or duplicated, hostile fragments and front-matter fences spliced in, and
   random encodings (latin-1, UTF-16, BOMs); each goes through the whole pipeline and page.

Failures are grouped by exception type and the line that raised; the first input of each
group is printed. Usage: python3 fuzz/fuzz_pipeline.py [--seconds 120] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import test_fuzz_properties as props  # noqa: E402

SEEDS = ROOT / "content"
DEV = ROOT.parent / "shared" / "data" / "timeml-dev"
FRAGMENTS = [b"<script>alert(1)</script>", b'" onmouseover="x', b"javascript:x", b"---\n",
             b"\n---\n", b"title: [", b"date: 2014-02-30\n", b"&a [x]\n*a", b"\x00", b"\xff\xfe",
             b"\xef\xbb\xbf", b"\r\n", b"\n\n", b"[l](javascript:x)", b"**", b"`", b"> ", b"# ",
             b"on Saturday ", b"June 31, 2014 ", b"last week ", b"99999 ", b"\xe2\x80\xa8"]


class Tally:
    """Inputs tried and distinct failures, each with the first input that showed it."""

    def __init__(self) -> None:
        self.tried = 0
        self.by_stage: dict[str, int] = {}
        self.failures: dict[str, str] = {}

    def run(self, stage: str, check, *args) -> None:
        self.tried += 1
        self.by_stage[stage] = self.by_stage.get(stage, 0) + 1
        try:
            check(*args)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, not raised
            key = f"{stage}: {failure_key(exc)}"
            if key not in self.failures:
                self.failures[key] = f"{str(exc)[:300]} | input {str(args)[:300]}"
                traceback.print_exc()


def failure_key(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}{where}"


def hypothesis_rounds(tally: Tally, deadline: float, seed: int, examples: int) -> int:
    stages = [
        ("bytes", st.tuples(st.binary(max_size=5000), props.SUFFIXES), props.check_bytes),
        ("front matter", st.tuples(props.FRONT_MATTER, props.MARKDOWNISH, props.SUFFIXES),
         props.check_front_matter),
        ("pipeline", st.tuples(st.tuples(props.ANCHOR_DATES, props.MARKDOWNISH).map(
            lambda c: props._with_front_matter({"date": c[0].isoformat()}, c[1])),
            props.SUFFIXES), props.check_pipeline),
        ("render_runs", st.tuples(st.text(max_size=300), props.CUTS), props.check_runs),
        ("hand-typed front matter", st.tuples(props.RAW_YAML, props.MARKDOWNISH,
                                              props.SUFFIXES), props.check_raw_front_matter),
        ("annotations", st.tuples(props.ANNOTATIONS_YAML), props.check_annotations),
    ]
    rounds = 0
    while time.monotonic() < deadline:
        stage, strategy, check = stages[rounds % len(stages)]
        run = _round(tally, stage, strategy, check, examples)
        random.seed(seed + rounds)
        try:
            run()
        except Exception as exc:  # noqa: BLE001 - recorded with hypothesis' shrunk example
            notes = " ".join(getattr(exc, "__notes__", []))
            tally.failures.setdefault(f"{stage}: {failure_key(exc)}",
                                      f"{str(exc)[:300]} | {notes[:600] or '(see above)'}")
        rounds += 1
    return rounds


def _round(tally: Tally, stage: str, strategy, check, examples: int):
    """One hypothesis run of ``check`` over ``strategy``; raising lets hypothesis shrink."""

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        tally.tried += 1
        tally.by_stage[stage] = tally.by_stage.get(stage, 0) + 1
        check(*case)

    return run


def corpus() -> list[bytes]:
    texts = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.md"))]
    if DEV.is_dir():
        from timeline.temporal.timeml import read_timeml_dir

        texts += [d.text.encode() for d in read_timeml_dir(DEV)[:120]]
    return texts or [b"2014-06-15\n\nOn Saturday the talks resumed in Vienna.\n"]


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    start = rng.randrange(max(1, len(data)))
    chunk = bytearray(data[start:start + rng.randint(50, 4000)] if rng.random() < 0.7 else data)
    for _ in range(rng.randint(0, 8)):
        at = rng.randint(0, len(chunk))
        kind = rng.randrange(5)
        if kind == 0:
            chunk[at:at] = rng.choice(FRAGMENTS)
        elif kind == 1 and chunk:
            del chunk[at:at + rng.randint(1, 20)]
        elif kind == 2 and at < len(chunk):
            chunk[at] = rng.randrange(256)
        elif kind == 3:
            chunk[at:at] = chunk[max(0, at - 30):at]
        else:
            chunk[at:at] = str(rng.randint(0, 100000)).encode()
    if rng.random() < 0.3:
        chunk[0:0] = (b"---\ndate: " + rng.choice([b"2014-06-15", b"2014-02-30", b"[1]", b"x"])
                      + b"\n---\n")
    data = bytes(chunk)
    roll = rng.random()
    if roll < 0.05:
        data = data.decode("utf-8", "replace").encode("utf-16")
    elif roll < 0.1:
        data = data.decode("utf-8", "replace").encode("latin-1", "replace")
    return data, rng.choice([".md", ".txt"])


def mutation_rounds(tally: Tally, deadline: float, seed: int) -> None:
    rng = random.Random(seed)
    texts = corpus()
    annotations = (SEEDS / "annotations.yaml").read_bytes()
    count = 0
    while time.monotonic() < deadline:
        count += 1
        if count % 10 == 0:  # whole builds are slower: one in ten
            files = [mutate(rng.choice(texts), rng) for _ in range(rng.randint(1, 4))]
            notes, _ = mutate(annotations, rng) if rng.random() < 0.7 else (annotations, "")
            tally.run("whole builds", check_build, files, notes)
            continue
        data, suffix = mutate(rng.choice(texts), rng)
        tally.run("mutated files", props.check_pipeline, data, suffix)


def check_build(files: list[tuple[bytes, str]], annotations: bytes) -> None:
    """A whole build (merge, annotations, exports, feeds, SEO) of mutated files: it must not
    raise, ``timeline check`` must find nothing wrong, and no page may hold active markup."""
    import shutil
    import tempfile

    from timeline.config import load_config
    from timeline.pipeline.build import build_site
    from timeline.publish.check import check_site

    root = Path(tempfile.mkdtemp(prefix="fuzzbuild-"))
    try:
        content = root / "content"
        content.mkdir()
        for index, (data, suffix) in enumerate(files):
            (content / f"2014-06-1{index}-article-{index}{suffix}").write_bytes(data)
        (content / "annotations.yaml").write_bytes(annotations)
        (root / "timeline.toml").write_text('base_url = "https://example.org/tl/"\n')
        result = build_site(load_config(root))
        assert result.written
        assert not [d for d in result.diagnostics.errors if "internal error" in d.message]
        problems = check_site(result.output, base_url="https://example.org/tl/")
        assert problems == [], [str(p) for p in problems[:5]]
        for page in result.output.rglob("*.html"):
            audit = props._PageAudit()
            audit.feed(page.read_text(encoding="utf-8"))
            assert audit.problems == [], (page.name, audit.problems)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="total time budget")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--examples", type=int, default=200, help="per hypothesis round")
    args = parser.parse_args()

    tally = Tally()
    start = time.monotonic()
    rounds = hypothesis_rounds(tally, start + args.seconds / 2, args.seed, args.examples)
    mutation_rounds(tally, start + args.seconds, args.seed)
    elapsed = time.monotonic() - start
    stages = ", ".join(f"{stage} {count:,}" for stage, count in tally.by_stage.items())
    print(f"fuzzed {tally.tried:,} inputs in {elapsed:.0f} s ({rounds} hypothesis rounds): "
          f"{stages}")
    print(f"{len(tally.failures)} distinct failures")
    for key, detail in tally.failures.items():
        print(f"- {key}\n  {detail}")
    sys.exit(1 if tally.failures else 0)


if __name__ == "__main__":
    main()
