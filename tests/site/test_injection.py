"""Hostile article text, front matter and annotations never become live markup or links.

One project is built from content that carries the usual payloads (``<script>``, event-handler
attributes that try to break out of a quoted attribute, ``javascript:`` URLs, Markdown raw HTML,
``</script>`` meant to end a JSON-LD block, spreadsheet formulas). Every page, feed and export
of the build is then checked with a parser for its format, and a real headless chromium loads
the pages and must see no script of the payload run (it would set ``window.__pwned`` or open an
alert dialog) and no Content-Security-Policy violation caused by the site's own assets.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from timeline.config import load_config
from timeline.pipeline.build import build_site

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'<img src=x onerror="{PWN}">'
QUOTE_BREAK = f'" onmouseover="{PWN}" x="'
SQUOTE_BREAK = f"' onfocus='{PWN}' autofocus x='"
JS_URL = f"javascript:{PWN}"
END_JSON = f"</script><script>{PWN}</script><!--"
#: Every payload, in one string, for places that take any text.
ALL = f"{SCRIPT} {IMG} {QUOTE_BREAK} {SQUOTE_BREAK} {END_JSON} {JS_URL}"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'")

FRONT_MATTER = {
    "title": f"Title {ALL}",
    "date": "2014-06-15",
    "source": f"Source {ALL}",
    "author": f"Author {ALL}",
    "url": JS_URL,
    "tags": [f"tag {SCRIPT}", QUOTE_BREAK, '=HYPERLINK("http://evil.example")'],
}
ARTICLE_MD = "---\n" + yaml.safe_dump(FRONT_MATTER, width=1000) + f"""---
On Saturday the army moved north {ALL}.

On Sunday a [link click](javascript:{PWN}) and [data link](data:text/html,{SCRIPT}) and
[vb link](vbscript:msgbox) were posted, and <b onclick="{PWN}">raw bold</b> appeared.

<script>{PWN}</script>

<div onmouseover="{PWN}">raw block on Monday</div>

=cmd|' /C calc'!A0 was typed into a cell on June 3, 2014.

![an image](javascript:{PWN})
"""

ARTICLE_TXT = f"""Sunday, 15 June 2014

On Tuesday {SCRIPT} officials met {QUOTE_BREAK} in Vienna {END_JSON}.
"""

ANNOTATIONS = yaml.safe_dump({
    "events": [{
        "on": "2014-06-14",
        "text": "the army moved north",
        "title": f"Annotated {ALL}",
        "note": f"Note {SCRIPT} [bad](javascript:{PWN}) <img src=x onerror=\"{PWN}\">",
        "tags": [QUOTE_BREAK, SCRIPT],
        "featured": True,
    }],
    "add": [{
        "date": "2014-06-10",
        "text": f"Added {ALL} on the day.",
        "title": f"Added title {ALL}",
        "note": f"Added note {SCRIPT}",
        "tags": [SCRIPT],
        "citation": {"title": f"Citation {ALL}", "url": JS_URL,
                     "source": f"Citation source {ALL}", "published": "2014-06-10"},
    }],
}, width=1000)


FORMULA_MD = """---
title: '=HYPERLINK("http://evil.example","click")'
source: '+cmd|calc'
date: 2014-06-15
---
@SUM(1+1) was typed on June 3, 2014.

-2+3 was typed on June 4, 2014.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    content = project / "content"
    content.mkdir()
    (content / "2014-06-15-hostile.md").write_text(ARTICLE_MD, encoding="utf-8")
    (content / f"quote{QUOTE_BREAK[:12]}.txt".replace("/", "_")).write_text(ARTICLE_TXT,
                                                                           encoding="utf-8")
    (content / "formula.md").write_text(FORMULA_MD, encoding="utf-8")
    # a file name is shown too (default title, paths in exports): a payload in it
    (content / f"{IMG}.txt").write_text("2014-06-15\n\nOn Friday a file-name thing happened.\n",
                                       encoding="utf-8")
    (content / "annotations.yaml").write_text(ANNOTATIONS, encoding="utf-8")
    # JSON strings are valid TOML basic strings (ASCII, standard escapes).
    (project / "timeline.toml").write_text(
        f"title = {json.dumps('Site ' + SCRIPT + ' ' + QUOTE_BREAK)}\n"
        f"description = {json.dumps('Desc ' + IMG + ' ' + END_JSON)}\n"
        'base_url = "https://example.org/tl/"\n', encoding="utf-8")
    result = build_site(load_config(project))
    assert result.written, [str(d) for d in result.diagnostics.items]
    # the hostile content made it into the build: events from both articles and the editors
    assert len(result.articles) == 4
    assert len(result.events) >= 4
    return result.output


# --- what each format may and may not hold ---------------------------------------------------


class _Audit(HTMLParser):
    """Collects what a browser would treat as active: script elements and their text,
    event-handler attributes, URLs in URL attributes, and meta tags."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.handlers: list[tuple[str, str, str]] = []
        self.urls: list[str] = []
        self.metas: list[dict] = []
        self.tags: list[str] = []
        self._in_script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value or ""))
            if name in self.URL_ATTRS and value is not None:
                self.urls.append(value)
        if tag == "meta":
            self.metas.append(attributes)
        if tag == "script":
            self._in_script, self._script_text = attributes, []

    def handle_data(self, data):
        if self._in_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None


def _audit(path: Path) -> _Audit:
    audit = _Audit()
    audit.feed(path.read_text(encoding="utf-8"))
    audit.close()
    return audit


def _dangerous_url(url: str) -> bool:
    scheme = url.strip().split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
    return scheme not in ("", "http", "https", "mailto")


def _html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 4  # index, sources/index, two source pages (+404)
    return pages


def test_no_page_holds_an_active_payload(hostile_site):
    for page in _html_pages(hostile_site):
        audit = _audit(page)
        rel = page.relative_to(hostile_site)
        assert audit.handlers == [], rel
        assert [u for u in audit.urls if _dangerous_url(u)] == [], rel
        for attrs, body in audit.scripts:
            kind = attrs.get("type", "")
            if kind == "application/ld+json":
                json.loads(body)  # data that stayed one JSON document: nothing escaped from it
                assert "<" not in body, rel
            else:
                assert attrs.get("src") and not body.strip(), (rel, attrs, body[:80])
                assert not _dangerous_url(attrs["src"]), rel
        assert "img" not in audit.tags and "b" not in audit.tags, rel  # raw HTML stayed text


def test_payload_text_is_shown_escaped_not_dropped(hostile_site):
    index = (hostile_site / "index.html").read_text(encoding="utf-8")
    source = next(p for p in (hostile_site / "sources").glob("*hostile*.html"))
    page = source.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in index
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;b onclick=" in page  # Markdown raw HTML is shown as text


def test_every_page_has_the_content_security_policy(hostile_site):
    for page in _html_pages(hostile_site):
        metas = _audit(page).metas
        policies = [m.get("content") for m in metas
                    if (m.get("http-equiv") or "").lower() == "content-security-policy"]
        assert policies == [CSP], page.relative_to(hostile_site)


def test_events_json_is_data_with_safe_urls(hostile_site):
    data = json.loads((hostile_site / "events.json").read_text(encoding="utf-8"))
    text = json.dumps(data)
    assert PWN in text  # the text is kept as data ...
    for url in _strings_under(data, ("url", "href", "link")):
        assert not _dangerous_url(url), url  # ... but a javascript: URL is never a link


def _strings_under(data, keys) -> list[str]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys and isinstance(value, str):
                found.append(value)
            found += _strings_under(value, keys)
    elif isinstance(data, list):
        for item in data:
            found += _strings_under(item, keys)
    return found


def test_timelinejs_html_fields_are_escaped(hostile_site):
    # TimelineJS inserts headline and text as HTML: they must parse to nothing active.
    data = json.loads((hostile_site / "timelinejs.json").read_text(encoding="utf-8"))
    fragments = [data["title"]["text"]["headline"], data["title"]["text"]["text"]]
    for slide in data["events"]:
        fragments += [slide["text"].get("headline", ""), slide["text"].get("text", "")]
    assert any("&lt;script&gt;" in f for f in fragments)
    for fragment in fragments:
        audit = _Audit()
        audit.feed(fragment)
        assert audit.scripts == [] and audit.handlers == [], fragment
        assert set(audit.tags) <= {"p", "a", "br", "em", "strong"}, fragment
        assert [u for u in audit.urls if _dangerous_url(u)] == [], fragment


def test_atom_feed_is_well_formed_and_its_html_is_inert(hostile_site):
    root = ET.parse(hostile_site / "events.atom").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    for link in root.iter(f"{ns}link"):
        assert not _dangerous_url(link.get("href", "")), link.attrib
    for element in root.iter():
        if element.get("type") == "html" and element.text:
            audit = _Audit()
            audit.feed(element.text)
            assert audit.scripts == [] and audit.handlers == [], element.text


def test_icalendar_parses_and_its_urls_are_http(hostile_site):
    import icalendar

    calendar = icalendar.Calendar.from_ical((hostile_site / "events.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert any(PWN in str(e.get("SUMMARY", "")) + str(e.get("DESCRIPTION", ""))
               for e in events)  # the payload is there, as text
    for event in events:
        for key in ("URL", "ATTACH"):
            if key in event:
                assert str(event[key]).startswith(("http://", "https://")), event[key]


def test_csv_cells_never_start_a_formula(hostile_site):
    rows = list(csv.reader(io.StringIO(
        (hostile_site / "events.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) > 1
    cells = [cell for row in rows[1:] for cell in row]
    assert any("cmd|calc" in c for c in cells)  # the hostile cells are there
    assert any("SUM(1+1)" in c for c in cells)
    for cell in cells:  # the rule of docs/exports.md, written out again
        assert not cell.startswith(("=", "\t", "\r", "\n")), cell
        assert not (cell.startswith(("+", "-", "@")) and any(c in cell for c in "(|!")), cell



def test_sitemap_is_well_formed(hostile_site):
    root = ET.parse(hostile_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith("https://example.org/tl/") for loc in locs)


# --- in a real browser -----------------------------------------------------------------------


def test_no_payload_script_runs_in_chromium(page, hostile_site):
    dialogs: list[str] = []
    violations: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    for html_page in _html_pages(hostile_site):
        page.goto(html_page.as_uri())
        page.wait_for_load_state("load")
        # fire the events a payload could hang a handler on, on every element
        page.evaluate("""() => { for (const el of document.querySelectorAll('body *')) {
            for (const type of ['mouseover', 'focus', 'error', 'load']) {
                el.dispatchEvent(new Event(type)); } } }""")
        assert page.evaluate("window.__pwned") is None, html_page
        if html_page.name == "index.html" and html_page.parent == hostile_site:
            # the site's own script ran (the CSP does not block it, even from file://):
            # filters.js fills in the filter form
            assert page.locator("[data-timeline-filters] select, "
                                "[data-timeline-filters] input").count() > 0
    assert dialogs == []
    assert violations == []


def test_hostile_query_and_fragment_run_nothing_and_raise_nothing(page, hostile_site):
    """The filters read the URL query and the theme script reads the fragment."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
    index = (hostile_site / "index.html").as_uri()
    for suffix in ("?tag=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&source=%22%3E%3Cscript%3E"
                   "alert(1)%3C%2Fscript%3E&status=x&featured=1",
                   "#%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
                   "#%E0%A4%A",  # a malformed escape in the fragment
                   "?tag=" + "a" * 5000):
        page.goto(index + suffix)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None
    assert errors == []
