"""Property tests of the whole article path: loader -> tagger -> events -> renderer.

Whatever bytes a content file holds, and whatever front matter it carries:

- the loader returns an Article or raises TimelineError (nothing else), with blocks and inline
  spans inside the text;
- ``process_article`` never raises, and every time expression, event and citation points into
  the article's text (the tagger's own contract is checked on the loaded text too);
- the rendered source page is well-formed HTML holding only the theme's tags, no script or
  event handler, links only to http(s)/relative targets, and shows the article's words.

Example counts are small so the suite stays fast; ``fuzz/fuzz_pipeline.py`` runs the same checks
for much longer.
"""

from __future__ import annotations

import atexit
import datetime as dt
import html
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.temporal.test_properties import DATEISH, check_contract
from timeline.config import load_config
from timeline.errors import Diagnostics, TimelineError
from timeline.ingest.content import load_article
from timeline.pipeline.build import process_article, source_docs
from timeline.site.highlight import render_runs
from timeline.site.render import render_site
from timeline.temporal.values import interpret

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies -------------------------------------------------------------------------------

HOSTILE = st.sampled_from([
    "<script>window.__pwned=1</script>", '" onmouseover="x', "javascript:alert(1)",
    "<img src=x onerror=alert(1)>", "</script>", "<!--", "&amp;", "[a](javascript:x)",
    "[b](http://ok.example)", "**bold**", "*em*", "`code`", "> quote", "- item", "# Head",
    "```\ncode\n```", "\r\n", "\t", "\x00", "\ufeff", "\u2028", "---", "\n\n", "Mr.", "U.S.",
])
MARKDOWNISH = st.lists(st.one_of(DATEISH, HOSTILE, st.text(max_size=20)), max_size=25).map(
    "".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), HOSTILE, st.dates(), st.sampled_from(
                        ["2014-02-30", "0000-01-01", "99999-01-01", "2014-06-15T10:00:00+25:00",
                         "June 15, 2014", "javascript:x", "http://ok.example/a"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
KEYS = st.sampled_from(["title", "date", "source", "publisher", "author", "authors", "url",
                        "tags", "other", "Title", "DATE"])
FRONT_MATTER = st.dictionaries(KEYS, VALUES, max_size=6)
SUFFIXES = st.sampled_from([".md", ".txt"])
#: Front matter typed by hand: YAML features a dump never writes (anchors, aliases, merge keys,
#: tags, flow collections, block scalars), assembled at random.
RAW_YAML = st.lists(st.sampled_from([
    "title: ", "date: ", "tags: ", "url: ", "author: ", "a: &a ", "*a", "<<: *a",
    "!!python/object:os.system ", "!!set ", "!!omap ", "!!pairs ", "!!float ", "!!bool ",
    "!!binary aGVsbG8=", "!!timestamp 2014-02-30", "!!int x", "[", "]", "{", "}", ", ", ": ",
    "- ", "\n", "\n  ", "|\n  ", ">-\n  ", "'", '"', "? ", "2014-06-15", "0000-00-00",
    "99999-12-31", "12:30:00", ".nan", "~", "null", "yes", "0x1F", "1e400", "&b [*a, *a]",
    "%YAML 1.1\n", "--- ", "...", "#", "x", "\t", "\u2028",
]), max_size=30).map("".join)


def _project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="fuzzprops-"))
    (root / "content").mkdir()
    atexit.register(shutil.rmtree, root, True)
    return root


PROJECT = _project()
CONFIG = load_config(PROJECT)


def _write(name: str, data: bytes) -> Path:
    path = PROJECT / "content" / name
    path.write_bytes(data)
    return path


def _with_front_matter(meta: dict, body: str) -> bytes:
    try:
        dumped = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        dumped = "title: x\n"
    return f"---\n{dumped}---\n{body}".encode("utf-8", "surrogatepass")


# --- checks -----------------------------------------------------------------------------------


def check_article(article) -> None:
    text = article.text
    assert "\r" not in text
    previous = 0
    for block in article.blocks:
        assert previous <= block.start <= block.end <= len(text), block
        previous = block.end
        for span in block.inline:
            assert block.start <= span.start < span.end <= block.end, (block, span)
    assert isinstance(article.title, str) and article.title
    assert all(isinstance(t, str) for t in article.tags)
    assert article.url is None or isinstance(article.url, str)
    assert article.published is None or isinstance(article.published, dt.date)


def check_result(result) -> None:
    article = result.article
    text = article.text
    for timex in result.timexes:
        assert text[timex.start:timex.end] == timex.text
        if timex.interval is not None:  # a range's interval runs to its last point's end
            meaning = interpret(timex.value)
            last = interpret(timex.end_value) if timex.end_value else meaning
            assert meaning is not None and last is not None
            assert (meaning.start, max(meaning.end, last.end)) == timex.interval
    for event in result.events:
        assert event.start < event.end
        for citation in event.citations:
            assert text[citation.sentence_start:citation.sentence_end] == citation.sentence
            assert citation.sentence_start <= citation.timex.start
            assert citation.timex.end <= citation.sentence_end


ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "body", "a", "header", "div", "nav",
                "ul", "li", "main", "footer", "script", "p", "h1", "h2", "h3", "h4", "h5", "h6",
                "blockquote", "pre", "code", "strong", "em", "del", "mark", "time", "span",
                "article", "section", "dl", "dt", "dd", "small", "abbr", "aside", "ol", "br",
                "details", "summary", "cite", "svg", "path", "circle", "rect", "figure"}


class _PageAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name}")
            scheme = value.split("/", 1)[0] if value else ""
            if name in ("href", "src") and ":" in scheme and not value.lower().startswith(
                    ("http://", "https://")):
                self.problems.append(f"url {value!r}")
        if tag == "script" and not dict(attrs).get("src") and dict(attrs).get(
                "type") != "application/ld+json":
            self.problems.append("inline script")
        # tooltips repeat a date next to the text: leave them out of the text read back
        if tag in ("script", "title") or "tx-tip" in (dict(attrs).get("class") or "") or (
                tag == "span" and self._skip):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "title", "span") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def check_rendered(result) -> None:
    article = result.article
    out = PROJECT / "site"
    shutil.rmtree(out, ignore_errors=True)
    render_site(out, CONFIG, result.events, source_docs([result], result.events))
    page = (out / "sources" / f"{article.slug}.html").read_text(encoding="utf-8")
    audit = _PageAudit()
    audit.feed(page)
    audit.close()
    assert audit.problems == [], audit.problems
    shown = " ".join("".join(audit.text).split())
    for word in article.text.split()[:50]:
        assert word in shown or word.replace("\x00", "\ufffd") in shown, word


# --- one input each (the fuzz script calls these too) -----------------------------------------


def check_bytes(data: bytes, suffix: str) -> None:
    path = _write("bytes" + suffix, data)
    try:
        article = load_article(path, CONFIG, Diagnostics())
    except TimelineError as exc:
        assert str(exc).startswith("error: content/bytes")
        assert "\n" not in str(exc)
        return
    check_article(article)


def check_front_matter(meta: dict, body: str, suffix: str) -> None:
    path = _write("meta" + suffix, _with_front_matter(meta, body))
    diagnostics = Diagnostics()
    try:
        article = load_article(path, CONFIG, diagnostics)
    except TimelineError:
        return
    check_article(article)
    for item in diagnostics.items:
        assert str(item.path) == f"content/meta{suffix}" and "\n" not in item.message


def check_raw_front_matter(raw: str, body: str, suffix: str) -> None:
    check_bytes(f"---\n{raw}\n---\n{body}".encode("utf-8", "surrogatepass"), suffix)


#: annotations.yaml typed by hand: sections, entries and keys with values from RAW_YAML.
ANNOTATION_KEYS = st.sampled_from(["id", "on", "text", "title", "note", "date", "hide",
                                   "featured", "tags", "citation", "url", "source", "published",
                                   "bogus"])
ANNOTATIONS_YAML = st.lists(st.tuples(
    st.sampled_from(["events:\n", "add:\n", "", "  - ", "    ", "      "]), ANNOTATION_KEYS,
    RAW_YAML), max_size=12).map(lambda parts: "".join(
        f"{lead}{key}: {value}\n" for lead, key, value in parts))


def check_annotations(text: str) -> None:
    """Any annotations file: diagnostics with lines, never an exception; the annotated events
    still export to JSON."""
    import json

    from timeline.events.annotations import apply_annotations, load_annotations
    from timeline.site.exports import events_document

    path = PROJECT / "annotations.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    diagnostics = Diagnostics()
    annotations = load_annotations(path, diagnostics)
    events = apply_annotations(_seed_events(), annotations, diagnostics)
    json.dumps(events_document(events, CONFIG))
    for item in diagnostics.items:
        assert "\n" not in item.message


def _seed_events():
    """Events of a short dated article (fresh each call: annotations change them)."""
    path = _write("seed.txt", b"2014-06-15\n\nOn Saturday the talks happened in Vienna. "
                  b"In 2003 the invasion began. Next week the deadline of July 20 passes.\n")
    return process_article(path, CONFIG).events


def check_pipeline(data: bytes, suffix: str) -> None:
    """Load, tag, build events and render one file: contracts hold at every stage."""
    path = _write("page" + suffix, data)
    result = process_article(path, CONFIG)  # never raises
    assert not [d for d in result.diagnostics.errors if "internal error" in d.message]
    if result.article is None:
        return
    check_article(result.article)
    check_contract(result.article.text, result.article.published_date)
    check_result(result)
    check_rendered(result)


def check_runs(text: str, cuts: list[tuple[int, int]]) -> None:
    from markupsafe import Markup

    from timeline.site.highlight import Layer

    layers = [Layer(min(a, b), max(a, b), Markup(f'<i data-n="{n}">'), Markup("</i>"), n % 3)
              for n, (a, b) in enumerate(cuts)]
    out = str(render_runs(text, 0, len(text), layers))
    stack: list[str] = []
    for piece in out.split("<")[1:]:
        tag = piece.split(">", 1)[0]
        if tag.startswith("/"):
            assert stack and stack.pop() == "i"
        else:
            stack.append("i")
    assert stack == []
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text


# --- properties -------------------------------------------------------------------------------

ANCHOR_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
CUTS = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=8)


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_any_bytes_load_or_fail_cleanly(data, suffix):
    check_bytes(data, suffix)


@SETTINGS
@given(meta=FRONT_MATTER, body=MARKDOWNISH, suffix=SUFFIXES)
def test_any_front_matter_loads_or_fails_cleanly(meta, body, suffix):
    check_front_matter(meta, body, suffix)


@SETTINGS
@given(raw=RAW_YAML, body=MARKDOWNISH, suffix=SUFFIXES)
def test_hand_typed_front_matter_loads_or_fails_cleanly(raw, body, suffix):
    check_raw_front_matter(raw, body, suffix)


@SETTINGS
@given(text=ANNOTATIONS_YAML)
def test_any_annotations_file_gives_diagnostics_not_exceptions(text):
    check_annotations(text)


@SETTINGS
@given(body=MARKDOWNISH, suffix=SUFFIXES, anchor=ANCHOR_DATES)
def test_pipeline_and_page_keep_their_contract(body, suffix, anchor):
    check_pipeline(_with_front_matter({"date": anchor.isoformat()}, body), suffix)


@SETTINGS
@given(text=st.text(max_size=200), cuts=CUTS)
def test_render_runs_nests_tags_and_escapes_text(text, cuts):
    check_runs(text, cuts)


SPLIT_MARKS = ".!?\u2026\n\r\u3002\uff01\uff1f"
NO_SPLIT_MARKS = st.text(alphabet=st.characters(blacklist_characters=SPLIT_MARKS,
                                                blacklist_categories=("Cs",)), max_size=300)


@SETTINGS
@given(text=NO_SPLIT_MARKS | st.lists(st.sampled_from(
    ["Mr", "U", "S", "Sept", "(", ")", '"', " ", "\t", "2014", ",", ";", ":", "\u2028", "\x85",
     "\u00a0", "a"]), max_size=60).map("".join))
def test_text_without_split_marks_is_one_sentence(text):
    from timeline.events.sentences import split_sentences

    if not text.strip():
        return
    lead = len(text) - len(text.lstrip())
    assert split_sentences(text) == [(lead, lead + len(text.strip()))]
