"""Measure how merging scales: events from a few thousand generated articles, merged.

The articles are generated from the 256 TimeML dev texts (``../shared/data/timeml-dev``):

- each dev text is tagged once with the real tagger (``timeline.temporal.tag``, anchored at
  its creation time) and turned into events by the real ``timeline.events.extract.build_events``;
  ``--timexes gold`` uses the gold TIMEX3 annotations instead of the tagger;
- *stories*: copy ``k`` of a text is published ``k`` years later (every date value shifted by
  ``k`` years) and its names, numbers and some other words are varied (``Clinton`` ->
  ``Clintonb0``); copy 0 is the original text. Two regimes are measured: *look-alike* copies
  (every third longer word varied: copies of a sentence still share most words, and there are
  articles/256 of them, so look-alike families grow with the corpus, harder than a real
  archive) and *distinct* copies (every longer word varied: look-alike families stay small,
  as in an archive where near-duplicates come from reprints). "x-story" counts merged events
  that join two different stories: mostly real duplicates, since the dev set holds the same
  wire story in several documents (AQUAINT's Rudolph and Kopp stories);
- *reprints*: about a quarter of the stories get a reprint by another publisher, the same day
  or the next, with small edits per sentence (typographic quotes, an inserted ticker, a
  trailing clause cut) and, for 5% of its events, a date one day off (a relative expression
  resolved against the reprint's date): a day date merges only with the same day, so those
  stay apart from the original ("apart" counts them).

For each size it prints articles, events in and out, reprint events of the same date merged
with their original (recall), reprint events a day off kept apart from it (apart), merged
events mixing two different stories, conflicts, candidate pairs, merge time and peak memory of
the merge (tracemalloc, measured in a second run so it does not slow the timed one).

Usage: python3 bench/merge_scale.py [--sizes 500,1000,2000,4000] [--timexes tagger|gold]
                                    [--threshold 80] [--data DIR] [--seed 7] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import resource
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeml-dev"
sys.path.insert(0, str(ROOT))

from timeline.events.extract import build_events, normalise  # noqa: E402
from timeline.events.merge import candidate_pairs, merge_events  # noqa: E402
from timeline.model import Article, Citation, Event  # noqa: E402
from timeline.temporal import tag  # noqa: E402
from timeline.temporal.model import Timex  # noqa: E402
from timeline.temporal.timeml import read_timeml_dir  # noqa: E402
from timeline.temporal.values import interpret  # noqa: E402

REPRINT_SHARE = 0.25
DATE_SLIP_SHARE = 0.05
_YEAR = re.compile(r"^(\d{4})")


@dataclass
class Base:
    """A dev text's events, built once by the real pipeline stages."""

    doc_id: str
    published: dt.date
    events: list[Event]


@dataclass
class Corpus:
    articles: int
    events: list[Event]
    reprint_of: dict[int, int]  # id(reprint citation) -> id(original citation)
    story_of: dict[int, int]  # id(citation) -> story number
    every: int = 3  # copies vary every n-th longer word
    slipped: set[int] = field(default_factory=set)  # id(reprint citation) a day off


def load_bases(data: Path, timexes: str) -> tuple[list[Base], float]:
    began = time.perf_counter()
    bases = []
    for doc in read_timeml_dir(data):
        if doc.dct is None:
            continue
        article = Article(path=Path(f"dev/{doc.doc_id}.txt"), slug=doc.doc_id, title=doc.doc_id,
                          text=doc.text, source=_publisher(doc.doc_id), published=doc.dct)
        found = tag(doc.text, doc.dct) if timexes == "tagger" else _gold(doc.timexes)
        bases.append(Base(doc.doc_id, doc.dct, build_events(article, found)))
    return bases, time.perf_counter() - began


def _gold(timexes) -> list[Timex]:
    """Gold TIMEX3s with the precision and interval their value means (as tag() gives them)."""
    gold = []
    for timex in timexes:
        meaning = interpret(timex.value)
        interval = (meaning.start, meaning.end) if meaning else None
        gold.append(Timex(timex.start, timex.end, timex.text, timex.type, timex.value, timex.mod,
                          meaning.precision if meaning else None, interval))
    return gold


def _publisher(doc_id: str) -> str:
    return re.match(r"[A-Za-z]+", doc_id).group().upper() if doc_id[:1].isalpha() else "WIRE"


def generate(bases: list[Base], articles: int, rng: random.Random, every: int = 3) -> Corpus:
    """``articles`` articles: stories (shifted, varied copies), some followed by a reprint."""
    corpus = Corpus(0, [], {}, {}, every)
    number = 0
    while corpus.articles < articles:
        base, copy = bases[number % len(bases)], number // len(bases)
        original = _story(base, copy, number, corpus)
        if corpus.articles < articles and rng.random() < REPRINT_SHARE:
            _reprint(original, number, rng, corpus)
        number += 1
    return corpus


def _story(base: Base, copy: int, number: int, corpus: Corpus) -> list[Event]:
    published = _shift_date(base.published, copy)
    article = Article(path=Path(f"gen/{number}.txt"), slug=f"s{number}", title=base.doc_id,
                      text="", source=_publisher(base.doc_id), published=published)
    corpus.articles += 1
    made = []
    for event in base.events:
        value = _shift_value(event.value, copy)
        sentence = _vary(event.text, copy, corpus.every)
        copy_event = _event(article, sentence, value, event)
        if copy_event is None:
            continue
        corpus.story_of[id(copy_event.citations[0])] = number
        made.append(copy_event)
    corpus.events.extend(made)
    return made


def _reprint(original: list[Event], number: int, rng: random.Random, corpus: Corpus) -> None:
    if not original:
        return
    first = original[0].citations[0].article
    published = first.published_date + dt.timedelta(days=rng.choice((0, 1)))
    article = Article(path=Path(f"gen/{number}-reprint-{corpus.articles}.txt"),
                      slug=f"r{number}", title=first.title, text="",
                      source=f"Reprint of {first.source}", published=published)
    corpus.articles += 1
    for event in original:
        value = event.value
        if rng.random() < DATE_SLIP_SHARE and event.precision == "day":
            value = (event.start + dt.timedelta(days=1)).isoformat()
        reprinted = _event(article, _edit(event.text, rng), value, event)
        if reprinted is None:
            continue
        if value != event.value:
            corpus.slipped.add(id(reprinted.citations[0]))
        corpus.reprint_of[id(reprinted.citations[0])] = id(event.citations[0])
        corpus.story_of[id(reprinted.citations[0])] = number
        corpus.events.append(reprinted)


def _event(article: Article, sentence: str, value: str, like: Event) -> Event | None:
    meaning = interpret(value)
    if meaning is None:
        return None
    timex = Timex(0, 0, like.citations[0].timex.text, "DATE", value, like.mod, meaning.precision,
                  (meaning.start, meaning.end))
    citation = Citation(article=article, sentence=sentence, sentence_start=0,
                        sentence_end=len(sentence), timex=timex)
    return Event(id=f"{article.slug}-{id(citation)}", value=value, precision=meaning.precision,
                 start=meaning.start, end=meaning.end, text=sentence, citations=[citation],
                 mod=like.mod)


def _shift_date(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _shift_value(value: str, years: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + years), value, count=1)


def _vary(sentence: str, copy: int, every: int) -> str:
    """Copy ``copy`` of a story reports something else in the same style: its names, numbers
    and every ``every``-th word of 4+ letters are marked as other words (``Clinton`` ->
    ``Clintonb0``). Copy 0 is the original text."""
    if copy == 0:
        return sentence
    mark = f"{chr(97 + copy % 26)}{copy // 26}"
    words = sentence.split(" ")
    for index, word in enumerate(words):
        core = word.strip(".,;:!?\"'()")
        if core[:1].isupper() or core.isdigit() or (len(core) >= 4 and index % every == 0):
            words[index] = word.replace(core, core + mark, 1) if core else word
    return " ".join(words)


def _edit(sentence: str, rng: random.Random) -> str:
    """A reprint's small edits: quotes, an inserted ticker, a cut trailing clause."""
    edited = sentence.replace("'", "’").replace('"', "“")
    words = edited.split(" ")
    if rng.random() < 0.3 and len(words) > 6:
        at = rng.randrange(2, len(words) - 2)
        words.insert(at, f"XYZ +{rng.randint(1, 99) / 100:.2f}%")
        edited = " ".join(words)
    if rng.random() < 0.25 and ", " in edited:
        head = edited.rsplit(", ", 1)[0]
        if len(head.split()) >= 0.6 * len(edited.split()):
            edited = head + "."
    return edited


def measure(corpus: Corpus, threshold: float, repeat: int) -> dict:
    events = corpus.events
    texts = [normalise(e.text) for e in events]
    distinct = list(dict.fromkeys(texts))
    began = time.perf_counter()
    pairs = len(candidate_pairs(distinct))
    candidates_seconds = time.perf_counter() - began

    seconds = float("inf")
    for _ in range(repeat):  # best of a few runs: the machine is shared, noise only adds time
        fresh = generate_again(corpus)
        began = time.process_time()  # CPU time: other processes on the machine do not count
        merge_events(fresh, threshold)
        seconds = min(seconds, time.process_time() - began)
    merged = merge_events(list(events), threshold)

    fresh = generate_again(corpus)
    tracemalloc.start()
    merge_events(fresh, threshold)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    where = {id(c): n for n, e in enumerate(merged) for c in e.citations}
    same_day = {r: o for r, o in corpus.reprint_of.items() if r not in corpus.slipped}
    joined = sum(1 for reprint, original in same_day.items() if where[reprint] == where[original])
    apart = sum(1 for reprint, original in corpus.reprint_of.items()
                if reprint in corpus.slipped and where[reprint] != where[original])
    mixed = sum(1 for e in merged
                if len({corpus.story_of[id(c)] for c in e.citations}) > 1)
    return {
        "events_in": len(events),
        "events_out": len(merged),
        "recall": joined / len(same_day) if same_day else 1.0,
        "apart": apart / len(corpus.slipped) if corpus.slipped else 1.0,
        "mixed": mixed,
        "conflicts": sum(1 for e in merged if e.conflicts),
        "pairs": pairs,
        "pairs_seconds": candidates_seconds,
        "seconds": seconds,
        "peak_mb": peak / 1e6,
    }


def generate_again(corpus: Corpus) -> list[Event]:
    """Fresh Event objects (merging mutates citation lists) for the memory run."""
    return [Event(id=e.id, value=e.value, precision=e.precision, start=e.start, end=e.end,
                  text=e.text, citations=list(e.citations[:1]), mod=e.mod)
            for e in corpus.events]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    parser.add_argument("--timexes", choices=("tagger", "gold"), default="tagger")
    parser.add_argument("--threshold", type=float, default=80.0)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="merge runs timed (best kept)")
    args = parser.parse_args()

    bases, prep = load_bases(args.data, args.timexes)
    base_events = sum(len(b.events) for b in bases)
    print(f"dev texts: {len(bases)}, base events: {base_events} "
          f"({args.timexes} timexes; tag + build_events took {prep:.1f}s, once)")
    print(f"threshold {args.threshold:g}; merge s = CPU seconds of merge_events() only, best of "
          f"{args.repeat}; "
          "peak = tracemalloc peak during a separate merge run")
    header = (f"{'articles':>8} {'events in':>9} {'events out':>10} {'recall':>7} {'apart':>6} "
              f"{'x-story':>7} "
              f"{'conflicts':>9} {'cand.pairs':>10} {'pairs/ev':>8} {'merge s':>8} "
              f"{'us/event':>8} {'peak MB':>8}")
    for every, name in ((3, "look-alike copies (every 3rd longer word varied)"),
                        (1, "distinct copies (every longer word varied)")):
        print(f"\n{name}")
        print(header)
        for size in (int(s) for s in args.sizes.split(",")):
            corpus = generate(bases, size, random.Random(args.seed), every)
            row = measure(corpus, args.threshold, args.repeat)
            print(f"{corpus.articles:>8} {row['events_in']:>9} {row['events_out']:>10} "
                  f"{row['recall']:>7.1%} {row['apart']:>6.0%} {row['mixed']:>7} "
                  f"{row['conflicts']:>9} "
                  f"{row['pairs']:>10} {row['pairs'] / row['events_in']:>8.2f} "
                  f"{row['seconds']:>8.2f} {1e6 * row['seconds'] / row['events_in']:>8.0f} "
                  f"{row['peak_mb']:>8.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
