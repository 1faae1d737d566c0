"""The loader as a whole: the page name (slug) of an article.

The parts of loading have their own tests: test_discovery, test_textfile, test_frontmatter,
test_blocks, test_markdown and test_pubdate.
"""

from __future__ import annotations

import pytest

from timeline.ingest.content import slugify


@pytest.mark.parametrize(("name", "slug"), [
    ("2014-wsj-iraq-original", "2014-wsj-iraq-original"),
    ("Café Über Story", "cafe-uber-story"),
    ("..", "article"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug
