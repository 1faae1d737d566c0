"""The page budget of a built site: how large its pages may be, and how many elements they hold.

One job: the limits the site is built to keep (issue 17: the index at most 1 MB, every page at
most 1.5 MB, at most 25,000 elements on a page, a bound on the work a browser does to lay it
out) and :func:`elements`, which counts the elements of a page. The page planner
(:mod:`timeline.site.periods`) aims well under these limits; tests/site/test_page_budget.py
holds a large made-up site to them and bench/page_weight.py measures a real one against them.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

#: Largest index page, in bytes.
INDEX_BUDGET = 1_000_000
#: Largest page of any other kind, in bytes.
PAGE_BUDGET = 1_500_000
#: Elements on one page: a bound on the work a browser does to lay it out.
ELEMENT_BUDGET = 25_000


class _Elements(HTMLParser):
    """Counts start tags: one per element (a void element such as ``<br>`` is one too)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.count += 1


def elements(page: Path) -> int:
    """The number of elements in the HTML page at ``page``."""
    parser = _Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.count
