"""Fuzz the tagger for a while and report how many inputs were tried and what broke.

Two generators, each checked against the same contract as tests/temporal/test_properties.py
(no exception; spans in bounds, equal to the source and non-overlapping; valid types, values
and mods; interval = interpret(value), to a range's end; deterministic):

1. Hypothesis, with many more examples than the test suite (arbitrary text, date-ish text,
   quotations with a dated speech act, date-ish text inside noise), in rounds with fresh
   seeds; a failure ends its round and is shrunk by hypothesis (the minimal example is
   printed).
2. Mutation of real news: random slices of the TimeML dev texts with date-ish fragments spliced
   in, characters deleted, duplicated or case-flipped; random anchors and dayfirst.

Usage: python3 fuzz/fuzz_tagger.py [--seconds 60 | --inputs 1000000] [--seed 0]
(``--inputs``: run until that many inputs were tried, half from each generator.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.temporal.test_properties import (  # noqa: E402
    ANCHORS,
    DATEISH,
    QUOTED,
    WORDS,
    check_contract,
)

DATA = ROOT.parent / "shared" / "data" / "timeml-dev"


class Tally:
    """Inputs tried and distinct failures, each with the first input that showed it."""

    def __init__(self) -> None:
        self.tried = 0
        self.began = time.monotonic()
        self.failures: dict[str, tuple[str, dt.date | None, bool]] = {}

    def count(self) -> None:
        """One more input; every 100,000 a progress line, so a long run shows it is alive."""
        self.tried += 1
        if self.tried % 100_000 == 0:
            print(f"... {self.tried:,} inputs, {len(self.failures)} distinct failures, "
                  f"{time.monotonic() - self.began:.0f} s", file=sys.stderr, flush=True)

    def check(self, source: str, anchor: dt.date | None, dayfirst: bool = False) -> None:
        self.count()
        try:
            check_contract(source, anchor, dayfirst)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, not raised
            key = failure_key(exc)
            if key not in self.failures:
                self.failures[key] = (f"{str(exc)[:200]} | input {source[:200]!r}", anchor,
                                      dayfirst)
                traceback.print_exc()
                print(f"FAILURE {key}: {self.failures[key][0]} anchor={anchor} "
                      f"dayfirst={dayfirst}", file=sys.stderr, flush=True)


def failure_key(exc: BaseException) -> str:
    """Failures are told apart by exception type and the line that raised, not by input:
    the line of a failed check names the broken property, the line of a crash names the bug."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}{where}"


def hypothesis_rounds(tally: Tally, deadline: float, seed: int,
                      inputs: float = float("inf")) -> int:
    """Run hypothesis rounds until ``deadline`` or ``inputs`` tried; each round records its
    failing inputs."""
    rounds = 0
    strategies = [
        st.tuples(st.text(max_size=400), ANCHORS, st.just(False)),
        st.tuples(DATEISH, ANCHORS, st.booleans()),
        st.tuples(QUOTED, ANCHORS, st.booleans()),
        st.tuples(st.tuples(st.text(max_size=40), DATEISH, st.text(max_size=40))
                  .map("".join), ANCHORS, st.booleans()),
    ]
    while time.monotonic() < deadline and tally.tried < inputs:
        strategy = strategies[rounds % len(strategies)]

        @settings(max_examples=300, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def run(case):
            tally.count()
            check_contract(*case)  # raising lets hypothesis shrink the input

        random.seed(seed + rounds)
        try:
            run()
        except Exception as exc:  # noqa: BLE001 - recorded with hypothesis' shrunk example
            notes = " ".join(getattr(exc, "__notes__", []))
            key = failure_key(exc)
            if key not in tally.failures:
                tally.failures[key] = (f"{str(exc)[:200]} | {notes or '(see above)'}", None, False)
                # Shown at once, not only in the final list: a long run may be stopped early.
                print(f"FAILURE {key}: {tally.failures[key][0]}", file=sys.stderr, flush=True)
        rounds += 1
    return rounds


def mutation_rounds(tally: Tally, deadline: float, seed: int,
                    inputs: float = float("inf")) -> None:
    """Mutate slices of real news text until ``deadline`` or ``inputs`` tried."""
    from timeline.temporal.timeml import read_timeml_dir

    rng = random.Random(seed)
    texts = [document.text for document in read_timeml_dir(DATA)] if DATA.is_dir() else [
        "On Friday, June 13, 2014, talks resumed in Vienna after three days."]
    while time.monotonic() < deadline and tally.tried < inputs:
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        chars = list(text[start:start + rng.randint(1, 600)])
        for _ in range(rng.randint(0, 6)):
            _mutate(chars, rng)
        anchor = None if rng.random() < 0.2 else dt.date(rng.randint(1, 9999), rng.randint(1, 12),
                                                          rng.randint(1, 28))
        tally.check("".join(chars), anchor, rng.random() < 0.3)


def _mutate(chars: list[str], rng: random.Random) -> None:
    position = rng.randint(0, len(chars))
    kind = rng.randrange(5)
    if kind == 0:
        chars[position:position] = list(" " + rng.choice(WORDS) + rng.choice([" ", ", ", "-"]))
    elif kind == 1:
        chars[position:position] = list(str(rng.randint(0, 3000)))
    elif kind == 2 and chars:
        del chars[position:position + rng.randint(1, 5)]
    elif kind == 3 and chars:
        chars[position:position] = chars[max(0, position - 8):position]
    elif position < len(chars):
        chars[position] = chars[position].swapcase()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="total time budget")
    parser.add_argument("--inputs", type=int, default=None,
                        help="stop after this many inputs instead of after --seconds")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    tally = Tally()
    start = time.monotonic()
    if args.inputs is None:
        rounds = hypothesis_rounds(tally, start + args.seconds / 2, args.seed)
        after_hypothesis = tally.tried
        mutation_rounds(tally, start + args.seconds, args.seed)
    else:
        endless = float("inf")
        rounds = hypothesis_rounds(tally, endless, args.seed, inputs=args.inputs / 2)
        after_hypothesis = tally.tried
        mutation_rounds(tally, endless, args.seed, inputs=args.inputs)
    elapsed = time.monotonic() - start
    print(f"fuzzed {tally.tried:,} inputs in {elapsed:.0f} s: {after_hypothesis:,} from "
          f"{rounds} hypothesis rounds, {tally.tried - after_hypothesis:,} mutated news slices")
    print(f"{len(tally.failures)} distinct failures")
    for key, (detail, anchor, dayfirst) in tally.failures.items():
        print(f"- {key}\n  {detail} anchor={anchor} dayfirst={dayfirst}")
    sys.exit(1 if tally.failures else 0)


if __name__ == "__main__":
    main()
