"""Host-ready output: metadata, JSON-LD escaping, sitemap, robots, 404, fingerprinted pages."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from feedfixtures import WSJ, render_sample_site

from timeline.config import Config
from timeline.site.seo import (
    head_tags,
    inject_head,
    json_ld,
    robots_txt,
    sitemap_xml,
)
from timeline.site.urls import SiteUrls

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def ld_blocks(html_text: str) -> list[dict]:
    return [json.loads(block) for block in LD_RE.findall(html_text)]


# -- pieces -------------------------------------------------------------------------------


def test_json_ld_cannot_close_the_script_element():
    data = {"headline": "</script><script>alert(1)</script><!-- & \u2028"}
    element = json_ld(data)
    content = element.removeprefix('<script type="application/ld+json">')
    content = content.removesuffix("</script>")
    assert "<" not in content and ">" not in content and "&" not in content
    assert "\u2028" not in content
    assert json.loads(content) == data


def test_sitemap_lists_absolute_urls_and_needs_base_url():
    urls = SiteUrls("https://example.org/iraq")
    root = ET.fromstring(sitemap_xml(urls, [("index.html", None),
                                            ("sources/a&b.html", "2014-06-15")]))
    locs = [u.findtext(f"{SITEMAP_NS}loc") for u in root.findall(f"{SITEMAP_NS}url")]
    assert locs == ["https://example.org/iraq/", "https://example.org/iraq/sources/a&b.html"]
    assert root.findall(f"{SITEMAP_NS}url")[1].findtext(f"{SITEMAP_NS}lastmod") == "2014-06-15"
    empty = ET.fromstring(sitemap_xml(SiteUrls(""), [("index.html", None)]))
    assert empty.findall(f"{SITEMAP_NS}url") == []


def test_robots_points_to_the_sitemap_only_when_known():
    assert "Sitemap: https://example.org/iraq/sitemap.xml" in robots_txt(
        SiteUrls("https://example.org/iraq/"))
    assert "Sitemap" not in robots_txt(SiteUrls(""))
    assert robots_txt(SiteUrls("")).startswith("User-agent: *\n")


def test_head_tags_for_a_source_page():
    tags = head_tags("sources/wsj.html", title='A "quoted" <title>', description="d",
                     site_title="Site", urls=SiteUrls("https://ex.org/t/"), article=WSJ)
    assert '<link rel="canonical" href="https://ex.org/t/sources/wsj.html">' in tags
    assert '<meta property="og:title" content="A &quot;quoted&quot; &lt;title&gt;">' in tags
    assert '<meta property="og:type" content="article">' in tags
    assert '<link rel="icon" href="../favicon.svg"' in tags
    (article,) = ld_blocks(tags)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Iraq & Iran <talks>"
    assert article["author"] == [{"@type": "Person", "name": "Jay Solomon"}]
    assert article["url"] == "https://www.wsj.com/articles/iraq"


def test_head_tags_without_base_url_have_no_canonical():
    tags = head_tags("index.html", title="T", description="", site_title="T", urls=SiteUrls(""),
                     events=[])
    assert "canonical" not in tags and "og:url" not in tags
    assert ld_blocks(tags)[0]["@type"] == "ItemList"


def test_inject_head_puts_tags_before_the_first_head_end():
    assert inject_head("<html><head><title>x</title></HEAD><body>", "<meta x>") == (
        "<html><head><title>x</title><meta x>\n</HEAD><body>")
    assert inject_head("<p>no head</p>", "<meta x>") == "<p>no head</p>"


# -- the whole pass on a rendered site ----------------------------------------------------


@pytest.fixture
def sample_site(tmp_path: Path) -> Path:
    config = Config(root=tmp_path, title="Iraq <2014>", description="About & more",
                    base_url="https://example.org/iraq/")
    return render_sample_site(tmp_path / "site", config)


def test_finalize_writes_favicon_robots_sitemap_and_404(sample_site):
    assert (sample_site / "favicon.svg").read_text().startswith("<svg")
    robots = (sample_site / "robots.txt").read_text()
    assert "Sitemap: https://example.org/iraq/sitemap.xml" in robots
    root = ET.fromstring((sample_site / "sitemap.xml").read_bytes())
    locs = {u.findtext(f"{SITEMAP_NS}loc") for u in root.findall(f"{SITEMAP_NS}url")}
    assert locs == {"https://example.org/iraq/", "https://example.org/iraq/sources/",
                    "https://example.org/iraq/events/2003.html",
                    "https://example.org/iraq/events/2014.html",
                    "https://example.org/iraq/sources/wsj-original.html",
                    "https://example.org/iraq/sources/blog-reprint.html"}


def test_404_links_are_rooted_at_the_base_url_path(sample_site):
    page = (sample_site / "404.html").read_text()
    refs = re.findall(r'(?:href|src)="([^"]*)"', page)
    internal = [r for r in refs if not r.startswith(("http", "#"))]
    assert internal and all(r.startswith("/iraq/") for r in internal), internal
    assert '<meta name="robots" content="noindex">' in page
    assert "canonical" not in page


def test_every_page_has_canonical_og_and_json_ld(sample_site):
    index = (sample_site / "index.html").read_text()
    assert '<link rel="canonical" href="https://example.org/iraq/">' in index
    (item_list,) = ld_blocks(index)
    assert item_list["@type"] == "ItemList" and item_list["numberOfItems"] == 4
    names = [i["item"]["startDate"] for i in item_list["itemListElement"]]
    assert names == ["2003", "2014-06-14", "2014-06-16", "2014-07"]
    assert item_list["itemListElement"][1]["item"]["url"] == (  # on its period page
        "https://example.org/iraq/events/2014.html#ev-2014-06-14")
    period = (sample_site / "events" / "2014.html").read_text()
    assert '<link rel="canonical" href="https://example.org/iraq/events/2014.html">' in period
    assert '<meta property="og:title" content="2014 · Iraq &lt;2014&gt;">' in period
    source = (sample_site / "sources" / "wsj-original.html").read_text()
    (article,) = ld_blocks(source)
    assert article["headline"] == "Iraqi militants <claim> executions"
    assert article["mainEntityOfPage"] == "https://example.org/iraq/sources/wsj-original.html"
    blog = ld_blocks((sample_site / "sources" / "blog-reprint.html").read_text())[0]
    assert blog["url"] == "https://example.org/iraq/sources/blog-reprint.html"  # not javascript:


def test_script_injection_in_text_stays_inside_json_ld(sample_site):
    index = (sample_site / "index.html").read_text()
    # The sample sentence holds "</script><script>alert(1)</script>": it must never appear as
    # markup, neither in the page body nor by breaking out of the JSON-LD block.
    assert "<script>alert(1)" not in index
    (block,) = LD_RE.findall(index)
    assert "alert(1)" in block and "<" not in block


def test_assets_are_fingerprinted_and_pages_point_at_them(sample_site):
    assets = sorted(p.name for p in (sample_site / "static").iterdir())
    assert assets and all(re.fullmatch(r"[\w-]+\.[0-9a-f]{10}\.\w+", name) for name in assets)
    index = (sample_site / "index.html").read_text()
    referenced = re.findall(r'"static/([^"?#]+)', index)
    assert any(name.startswith("timeline.") and name.endswith(".css") for name in referenced)
    assert referenced and set(referenced) <= set(assets)


def test_without_base_url_no_sitemap_and_no_canonical(tmp_path):
    site = render_sample_site(tmp_path / "site", Config(root=tmp_path, title="T"))
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap" not in (site / "robots.txt").read_text()
    assert "canonical" not in (site / "index.html").read_text()
    page_404 = (site / "404.html").read_text()
    assert 'href="index.html"' in page_404  # relative: right at the root, the best we can do
