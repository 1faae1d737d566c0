"""The collections ``bench/scale.py`` builds: the Timeline17 dev topics replicated to a size, or
generated articles when ``../shared`` is not there.

Copy *k* of the dev collection is published 52*k weeks later (weekdays stay right), the years
written in its text move *k* years on, and its rarer words are swapped for other words of the
corpus (a fixed permutation per copy), so copies neither merge with one another nor share
sentences, while wire copy inside one copy still merges as in the original.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TLS_DEV = SHARED / "data" / "tls-dev"
CONVERTER = SHARED / "tools" / "tls" / "t17_to_content.py"
WEEKS_PER_COPY = 52  # a copy is a year later, less a day: weekdays keep their dates


# -- the collections ---------------------------------------------------------------------------


@dataclass
class Source:
    """One article: its front matter fields and its body."""

    stem: str  # file name without date and extension
    title: str
    publisher: str
    published: dt.date
    body: str


def tls_sources(work: Path) -> list[Source]:
    """The tls-dev topics, converted once into ``work/tls-content``."""
    converted = work / "tls-content"
    if not converted.is_dir():
        staging = work / "tls-content.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        folders = sorted(str(p) for p in TLS_DEV.iterdir() if (p / "InputDocs").is_dir())
        subprocess.run([sys.executable, str(CONVERTER), str(staging), *folders], check=True,
                       stdout=subprocess.DEVNULL)
        staging.rename(converted)
    return [_read_source(path) for path in sorted(converted.glob("*.md"))]


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _read_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    fields = dict(line.split(": ", 1) for line in match[1].splitlines())
    published = dt.date.fromisoformat(fields["date"])
    return Source(stem=path.stem[len("YYYY-MM-DD-"):], title=json.loads(fields["title"]),
                  publisher=json.loads(fields["source"]), published=published,
                  body=text[match.end():])


# Words the tagger or its resolver reads: never swapped, so each copy dates like the original.
_TIME_WORDS = """
today tonight yesterday tomorrow ago earlier later week weeks weekend weekends month months
year years decade decades century centuries hour hours minute minutes second seconds day days
night nights morning mornings afternoon evening noon midnight spring summer autumn winter fall
quarter quarters season seasons christmas easter thanksgiving during since until before after
recently currently formerly previously already annual annually daily weekly monthly yearly
fortnight overnight early late latest future present former
"""


def _protected_words() -> set[str]:
    from timeline.temporal import lexicon

    words = set(_TIME_WORDS.split())
    for table in (lexicon.MONTHS, lexicon.WEEKDAYS, lexicon.NUMBERS, lexicon.ORDINALS,
                  lexicon.UNITS, lexicon.DAYPARTS, lexicon.SEASONS):
        words.update(w for key in table for w in key.split())
    return words


_WORD = re.compile(r"[A-Za-z]{5,}")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


class Varier:
    """Per copy, a fixed permutation of the corpus's rarer words (same length, same case):
    frequent words (grammar, reporting verbs) and time words stay, names and nouns change."""

    def __init__(self, sources: list[Source], keep_most_common: int = 400) -> None:
        counts = Counter(w.lower() for s in sources for w in _WORD.findall(s.body))
        common = {w for w, _ in counts.most_common(keep_most_common)}
        protected = _protected_words() | common
        buckets: dict[tuple[int, bool], set[str]] = {}
        for source in sources:
            for word in _WORD.findall(source.body):
                if word.lower() in protected:
                    continue
                buckets.setdefault((len(word), word[0].isupper()), set()).add(word)
        self._buckets = {key: sorted(words) for key, words in buckets.items()}
        self._index = {w: (key, i) for key, words in self._buckets.items()
                       for i, w in enumerate(words)}

    def vary(self, text: str, copy: int) -> str:
        if copy == 0:
            return text
        text = _YEAR.sub(lambda m: str(int(m[0]) + copy), text)
        return _WORD.sub(lambda m: self._swap(m[0], copy), text)

    def _swap(self, word: str, copy: int) -> str:
        found = self._index.get(word)
        if found is None:
            return word
        key, position = found
        words = self._buckets[key]
        if len(words) < 3:
            return word
        step = 1 + (copy * 7919) % (len(words) - 1)  # never 0: every swappable word changes
        return words[(position + step) % len(words)]


def write_tls_collection(sources: list[Source], varier: Varier, content: Path,
                         size: int) -> None:
    written, copy = 0, 0
    while written < size:
        for source in sources[: size - written]:
            published = source.published + dt.timedelta(weeks=WEEKS_PER_COPY * copy)
            title = json.dumps(varier.vary(source.title, copy), ensure_ascii=False)
            front = (f"---\ntitle: {title}\nsource: {json.dumps(source.publisher)}\n"
                     f"date: {published.isoformat()}\n---\n")
            name = f"{published.isoformat()}-{source.stem}-c{copy}.md"
            (content / name).write_text(front + varier.vary(source.body, copy), encoding="utf-8")
            written += 1
        copy += 1


# -- generated articles (no ../shared) --------------------------------------------------------

_PEOPLE = ("Maria Lopez", "Chen Wei", "Amal Haddad", "John Carter", "Olga Petrova",
           "Samuel Okafor", "Ines Duarte", "Kenji Sato", "Laura Becker", "Ahmed Nasser")
_GROUPS = ("the ministry", "the regulator", "the company", "the city council", "the union",
           "the central bank", "the coast guard", "the health agency", "the court", "the army")
_PLACES = ("the capital", "the northern province", "the port", "the border region",
           "the eastern districts", "the coast", "the airport", "the old town")
_ACTIONS = ("announced new measures", "opened an inquiry", "signed the agreement",
            "reported a sharp rise in cases", "suspended the talks", "approved the budget",
            "released the first figures", "closed the main road", "held an emergency meeting",
            "promised further help")
_WHENS = ("on Monday", "on Tuesday", "last week", "yesterday", "on {month} {day}",
          "in {month}", "two days ago", "earlier this month", "in {year}", "next month",
          "by the end of the year", "on {month} {day}, {year}", "this morning", "last year")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _generated_sentence(rng: random.Random, year: int) -> str:
    who = rng.choice(_PEOPLE + _GROUPS)
    when = rng.choice(_WHENS).format(month=rng.choice(_MONTHS), day=rng.randint(1, 28),
                                     year=rng.randint(year - 3, year + 1))
    where = rng.choice(_PLACES)
    forms = (f"{who.capitalize()} {rng.choice(_ACTIONS)} in {where} {when}.",
             f"{when.capitalize()}, {who} {rng.choice(_ACTIONS)}, officials said.",
             f"Residents of {where} said the situation had not changed, according to {who}.",
             f"\u201cWe are watching this closely,\u201d {rng.choice(_PEOPLE)} said {when}.")
    return rng.choice(forms)


def write_generated_collection(content: Path, size: int, seed: int = 18) -> None:
    rng = random.Random(seed)
    start = dt.date(2008, 1, 1)
    for number in range(size):
        published = start + dt.timedelta(days=rng.randint(0, 8 * 365))
        paragraphs = []
        for _ in range(rng.randint(12, 40)):
            sentences = [_generated_sentence(rng, published.year)
                         for _ in range(rng.randint(1, 4))]
            paragraphs.append(" ".join(sentences))
        title = paragraphs[0].split(".")[0][:120]
        front = (f"---\ntitle: {json.dumps(title)}\nsource: \"Wire {number % 7}\"\n"
                 f"date: {published.isoformat()}\n---\n")
        (content / f"{published.isoformat()}-gen-{number}.md").write_text(
            front + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
