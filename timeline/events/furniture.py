"""Page furniture and noise, learned from the collection: text set aside, not made into events.

Scraped news pages carry the publisher's furniture around each article: bylines and bios,
"Page last updated" stamps, share and related links, subscription prompts, comment sections.
What marks it is that the publisher prints it on page after page, word for word or with changing
values, while each article's own sentences appear once. So, per publisher, by frequency and
shape (never by a list of phrases):

* **repeated lines** - a line found on many of the publisher's pages;
* **templates** - lines of one *shape* (:mod:`timeline.events.shapes`) filled in with different
  values: "Page last updated at 10:49 GMT, Tuesday, 4 May 2021";
* **labels** - a recurring leading shape cut off the line it opens: datelines ("PORT ELLIS
  --", "RIVERTON | Tue May 4, 2021 6:15 pm EDT RIVERTON (Wire) -"), caption and entry dates;
* **page headers** - on a page's first lines, the headline and standfirst glued before a
  publication stamp whose shape the publisher repeats ("Thursday 6 May 2021 09.28 BST");
* **comment threads** - the rest of a page from the first of a run of posts signed with one
  stamp shape ("At 12:19 6th May 2021, reader wrote:" three times or more), or the text a
  publisher prints between the furniture that follows an article and the furniture that ends
  the page (a comment section closed by "This discussion is now closed", say).

Copies of one article (the same story scraped twice) count once, so a copy's lines are not
taken for furniture. Nothing is furniture in a collection too small to show repetition.

The pass runs after each article is processed, from compact per-article data
(:class:`PageLines`: offsets and 64-bit hashes, computed with the article), and before merging;
:func:`drop_set_aside` then removes or trims the events that came from set-aside text.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from timeline.events.shapes import (
    clock_end,
    is_label_value,
    label_ends,
    line_shape,
    shape_of,
    stable_hash,
    tokens,
)
from timeline.model import Article, SetAside

#: Reasons, as shown on source pages and counted in the build summary.
REPEATED = "repeated on the publisher's pages"
TEMPLATE = "page template"
LABEL = "dateline or label"
HEADER = "page header"
THREAD = "comment thread"
TAIL = "after the article (comments, related pages)"

#: A line is furniture when it is on at least this many of a publisher's pages (copies of one
#: article counted once)...
MIN_PAGES = 3
#: ...and on at least this share of them (a large archive repeats wire background more often).
MIN_SHARE = 0.005
#: A template or label must be seen with at least this many different values / continuations.
MIN_VARIANTS = 3
#: Lines longer than this are paragraphs of text, never a template; lines without a digit are
#: not templates either (a template's changing values are dates, times and counts).
TEMPLATE_CHARS = 300
#: Page headers are looked for on this many first lines.
HEADER_LINES = 3
#: A page printing one date-and-time stamp shape this often holds a thread of dated posts.
POST_REPEATS = 3
#: Lines of text before a page's first furniture line that make it the article's body.
BODY_LINES = 3
#: Two pages of one publisher sharing this share of their lines are copies of one article.
COPY_SHARE = 0.5
#: Lines on more than this share of a publisher's pages are boilerplate, not evidence of copying.
BOILERPLATE_SHARE = 0.1


@dataclass(slots=True)
class PageLines:
    """What the furniture pass needs of one article, computed with it: per line its span and
    hashes, and the leading labels and stamps it holds. A few integers per line."""

    lines: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (start, end, text hash, shape hash or 0 for a line that cannot be a template)
    labels: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (line index, end offset, shape hash, hash of the word after it)
    stamps: list[tuple[int, int, int, int]] = field(default_factory=list)
    # date-and-time stamps: (line index, end offset, shape hash, hash of the stamp's text)


def page_lines(article: Article) -> PageLines:
    """The compact description of ``article`` the furniture pass works from."""
    page = PageLines()
    text = article.text
    for index, (start, end) in enumerate(_line_spans(article)):
        line = text[start:end]
        shape = 0
        if len(line) <= TEMPLATE_CHARS and _DIGIT.search(line):
            shape = stable_hash(line_shape(line))
        page.lines.append((start, end, stable_hash(" ".join(line.split()).casefold()), shape))
        page.labels.extend(_labels(text, index, start, end))
        if _CLOCK.search(line):
            page.stamps.extend(_stamps(text, index, start, end))
    return page


#: A label ends before the first lowercase word of three letters or more, and holds a boundary
#: mark or a clock time: lines without one (most) are not tokenised.
_FIRST_WORD = re.compile(r"\b[a-z]{3,}")
_LABEL_MARK = re.compile(r"[-|:;\u2012-\u2015]|\d[:.]\d")
_CLOCK = re.compile(r"\d[:.]\d\d")
#: Templates are filled in with numbers (dates, times, counts): lines without one are not shaped.
_DIGIT = re.compile(r"\d")


def _labels(text: str, index: int, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Leading-label candidates of a line: (line index, end offset, shape hash, next word)."""
    limit = min(end, start + 200)
    first_word = _FIRST_WORD.search(text, start, limit)
    head_end = first_word.start() if first_word else limit
    if not _LABEL_MARK.search(text, start, head_end):
        return []
    head = tokens(text, start, limit)
    found = []
    for stop in label_ends(text, head):
        # A label needs a word in capitals (a place, an agency, a speaker): one made of a date
        # or a time alone ("June 3 -", "8.49 pm:") is the date of the entry it opens, not
        # furniture, and it stays with the entry.
        if stop < len(head) and any(is_label_value(t) for t in head[:stop]):
            found.append((index, head[stop - 1].end, stable_hash(shape_of(head[:stop])),
                          stable_hash(head[stop].word)))
    return found


def _line_spans(article: Article) -> list[tuple[int, int]]:
    """The article's lines: its blocks, or its text's non-empty lines when it has none."""
    if article.blocks:
        return [(b.start, b.end) for b in article.blocks if b.end > b.start]
    spans, offset = [], 0
    for raw in article.text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped)
            spans.append((start, start + len(stripped)))
        offset += len(raw)
    return spans


def _stamps(text: str, index: int, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Date-and-time stamps on a line ("Thursday 6 May 2021 09.28 BST", "At 12:19 6th May
    2021"): (line index, end offset, shape hash, hash of the stamp's text)."""
    found = []
    items = tokens(text, start, min(end, start + 5000))
    for position in range(len(items)):
        stop = clock_end(items, position)
        if not stop:
            continue
        first = position
        while first and _is_date_part(items[first - 1]):
            first -= 1
        last = stop
        while last < len(items) and _is_date_part(items[last]) and items[last].kind != "-":
            last += 1
        stamp = items[first:last]
        if not any(t.kind == "@" for t in stamp):
            continue  # a time of day alone is prose ("at 9:45 p.m.") or a live-blog entry
        found.append((index, stamp[-1].end, stable_hash(shape_of(stamp)),
                      stable_hash(text[stamp[0].start:stamp[-1].end])))
    return found


def _is_date_part(token) -> bool:
    """Numbers, month and weekday names, their punctuation and short words ("26th", "on")."""
    return (token.kind in ("#", "@", ",", ";", "|", "-", ".")
            or (token.kind.isalpha() and token.kind.islower() and len(token.kind) <= 2))


# --- learning from the collection -----------------------------------------------------------


@dataclass(slots=True)
class Furniture:
    """What the collection's publishers repeat, per publisher (hash sets)."""

    repeated: dict[str, set[int]] = field(default_factory=dict)
    templates: dict[str, set[int]] = field(default_factory=dict)
    labels: dict[str, set[int]] = field(default_factory=dict)
    stamps: dict[str, set[int]] = field(default_factory=dict)
    openers: dict[str, set[int]] = field(default_factory=dict)  # lines that open a page's tail

    def add(self, publisher: str, learned: Learned | None) -> None:
        """Take what :func:`learn_publisher` found for ``publisher``."""
        if learned is None:
            return
        (self.repeated[publisher], self.templates[publisher], self.labels[publisher],
         self.stamps[publisher], self.openers[publisher]) = learned

    def set_aside(self, publisher: str, page: PageLines) -> list[SetAside]:
        """The stretches of one page that are furniture, in text order."""
        whole = self.whole_lines(publisher, page)
        thread, reason = self._thread_start(publisher, page, whole)
        found = [SetAside(start, end, whole.get(index, reason))
                 for index, (start, end, _, _) in enumerate(page.lines)
                 if index in whole or index >= thread]
        found.extend(self._cuts(publisher, page, set(whole) | set(range(thread, len(page.lines)))))
        return sorted(found, key=lambda s: (s.start, s.end))

    def whole_lines(self, publisher: str, page: PageLines) -> dict[int, str]:
        """Lines set aside whole, as repeated lines or templates: index -> reason."""
        repeated = self.repeated.get(publisher, set())
        templates = self.templates.get(publisher, set())
        whole = {}
        for index, (_, _, text_hash, shape_hash) in enumerate(page.lines):
            if text_hash in repeated:
                whole[index] = REPEATED
            elif shape_hash and shape_hash in templates:
                whole[index] = TEMPLATE
        # A page made of nothing but the template is the story itself (an automated report,
        # a one-line brief), not furniture around one.
        return whole if len(whole) < len(page.lines) else {}

    def _thread_start(self, publisher: str, page: PageLines,
                      whole: dict[int, str]) -> tuple[int, str]:
        """The index of the line a comment thread or the page's tail starts at
        (``len(page.lines)`` if none), and which of the two it is."""
        counts = Counter(shape for _, _, shape, _ in page.stamps)
        posts = [index for index, _, shape, _ in page.stamps if counts[shape] >= POST_REPEATS]
        start, reason = min(posts, default=len(page.lines)), THREAD
        opener = tail_opener(page, whole)
        if (opener is not None and opener + 1 < start
                and page.lines[opener][2] in self.openers.get(publisher, ())):
            start, reason = opener + 1, TAIL
        return start, reason

    def _cuts(self, publisher: str, page: PageLines, whole: set[int]) -> list[SetAside]:
        """Headers and labels cut off the start of lines not set aside whole: for each line
        the longest cut that applies."""
        labels = self.labels.get(publisher, set())
        stamps = self.stamps.get(publisher, set())
        cuts: dict[int, tuple[int, str]] = {}
        for index, end, shape_hash, _ in page.stamps:
            if index >= HEADER_LINES:
                continue
            if shape_hash in stamps and end > cuts.get(index, (0, ""))[0]:
                cuts[index] = (end, HEADER)
        for index, end, shape_hash, _ in page.labels:
            if shape_hash in labels and end > cuts.get(index, (0, ""))[0]:
                cuts[index] = (end, LABEL)
        return [SetAside(page.lines[index][0], end, reason)
                for index, (end, reason) in cuts.items() if index not in whole]


def tail_opener(page: PageLines, whole: dict[int, str]) -> int | None:
    """The furniture line that opens a page's tail, if the page has one: the first line set
    aside whole after :data:`BODY_LINES` lines of text, followed by text, on a page that ends
    with furniture (text between the article's closing furniture and the page's)."""
    if len(page.lines) - 1 not in whole:
        return None
    text_lines = 0
    for index in range(len(page.lines)):
        if index not in whole:
            text_lines += 1
        elif text_lines >= BODY_LINES:
            following = next((i for i in range(index + 1, len(page.lines)) if i not in whole),
                             None)
            return index if following is not None else None
    return None


def learn_furniture(pages: Iterable[tuple[str, PageLines]]) -> Furniture:
    """Count, per publisher, what its pages repeat; decide what is furniture."""
    furniture = Furniture()
    for publisher, group in by_publisher(pages).items():
        furniture.add(publisher, learn_publisher(publisher, group))
    return furniture


def by_publisher(pages: Iterable[tuple[str, PageLines]]) -> dict[str, list[PageLines]]:
    """The pages of each publisher, in the order given."""
    grouped: dict[str, list[PageLines]] = defaultdict(list)
    for publisher, page in pages:
        grouped[publisher].append(page)
    return grouped


#: What one publisher repeats: repeated lines, templates, labels, stamps, tail openers.
Learned = tuple[set[int], set[int], set[int], set[int], set[int]]


def learn_publisher(publisher: str, group: list[PageLines]) -> Learned | None:
    """What ``publisher``'s pages repeat (None: too few pages to tell). A function of the
    pages alone, so it can be kept while they stay the same (:mod:`timeline.events.learned`)."""
    if len(group) < MIN_PAGES:
        return None
    copies = _copy_clusters(group)
    needed = max(MIN_PAGES, math.ceil(MIN_SHARE * len(set(copies))))
    repeated = _frequent(
        ((copies[i], h, h) for i, p in enumerate(group) for _, _, h, _ in p.lines), needed, 1)
    templates = _frequent(
        ((copies[i], s, h) for i, p in enumerate(group) for _, _, h, s in p.lines if s),
        needed, 2)
    labels = _frequent(
        ((copies[i], s, n) for i, p in enumerate(group) for _, _, s, n in p.labels),
        needed, MIN_VARIANTS)
    stamps = _frequent(
        ((copies[i], s, v) for i, p in enumerate(group) for n, _, s, v in p.stamps
         if n < HEADER_LINES), needed, MIN_VARIANTS)
    sofar = Furniture()
    sofar.add(publisher, (repeated, templates, labels, stamps, set()))
    openers = _frequent(
        ((copies[i], p.lines[o][2], 0) for i, p in enumerate(group)
         if (o := tail_opener(p, sofar.whole_lines(publisher, p))) is not None),
        needed, 1)
    return repeated, templates, labels, stamps, openers


def _frequent(items: Iterable[tuple[int, int, int]], pages: int, variants: int) -> set[int]:
    """Keys of ``(page, key, variant)`` items found on at least ``pages`` distinct pages with
    at least ``variants`` distinct variants."""
    seen_on: dict[int, set[int]] = defaultdict(set)
    forms: dict[int, set[int]] = defaultdict(set)
    for page, key, variant in items:
        seen_on[key].add(page)
        if len(forms[key]) < variants:
            forms[key].add(variant)
    return {key for key, on in seen_on.items()
            if len(on) >= pages and len(forms[key]) >= variants}


def _copy_clusters(group: list[PageLines]) -> list[int]:
    """For each page, the id of its copy cluster: pages that share at least
    :data:`COPY_SHARE` of their own lines (boilerplate aside) are copies of one article."""
    on_pages: dict[int, list[int]] = defaultdict(list)
    for index, page in enumerate(group):
        for h in {h for _, _, h, _ in page.lines}:
            on_pages[h].append(index)
    common = max(MIN_PAGES, BOILERPLATE_SHARE * len(group))
    own = [{h for _, _, h, _ in page.lines if len(on_pages[h]) <= common} for page in group]
    parent = list(range(len(group)))
    for index, hashes in enumerate(own):
        shared: Counter[int] = Counter()
        for h in hashes:
            shared.update(j for j in on_pages[h] if j > index)
        for other, count in shared.items():
            if count >= max(2, COPY_SHARE * min(len(hashes), len(own[other]))):
                parent[_root(parent, other)] = _root(parent, index)
    return [_root(parent, i) for i in range(len(group))]


def _root(parent: list[int], node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node
