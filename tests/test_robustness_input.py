"""Broken and odd content files: each has a defined outcome, and the rest of the site builds.

One project holds every kind of bad file at once (the way a real content folder collects them).
For each file the test states what must happen: an error or a warning naming the file (and the
line, where the file has one), or a page built from it. A single build of the whole folder must
not raise, must build every good article, and with ``--strict`` must fail without touching the
previous site. Expectations are written by hand from the issue and the file contents.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from timeline.config import load_config
from timeline.pipeline.build import build_site

SECRET = "TOP-SECRET-OUTSIDE-CONTENT"

FILES: dict[str, bytes] = {
    "good.md": b"---\ntitle: Good one\ndate: 2014-06-15\n---\nOn Saturday GOOD-ONE happened.\n",
    "Good.txt": b"2014-06-15\n\nOn Sunday GOOD-TWO happened.\n",
    "sub/good.md": b"---\ndate: 2014-06-15\n---\nOn Monday GOOD-THREE happened.\n",
    "index.md": b"---\ntitle: Index article\ndate: 2014-06-15\n---\nOn Monday INDEX-ART.\n",
    "broken-yaml.md": b"---\ntitle: [unclosed\ndate: 2014-06-15\n---\nOn Saturday x happened.\n",
    "types.md": (b"---\ntitle: [1, 2]\ndate: {a: 1}\ntags: 5\nurl: 12\n---\n"
                 b"On Saturday TYPES-ART happened.\n"),
    "feb30.md": b"---\ndate: 2014-02-30\n---\nOn Saturday FEB30-ART happened.\n",
    "year0.md": b"---\ndate: 0000-01-01\n---\nOn Saturday YEAR0-ART happened.\n",
    "y99999.md": b"---\ndate: 99999-01-01\n---\nOn Saturday Y99999-ART happened.\n",
    "latin1.txt": "2014-06-15\n\nThe caf\xe9 opened on Monday.\n".encode("latin-1"),
    "utf16.txt": "2014-06-15\n\nOpened on Monday.\n".encode("utf-16"),  # with its BOM
    "utf8bom.md": b"\xef\xbb\xbf---\ntitle: BOM title\ndate: 2014-06-15\n---\nOn Monday BOM-ART.\n",
    "binary.txt": bytes(range(256)) * 20,
    "empty.md": b"",
    "blank.txt": b"  \n\n \t\n",
    "front-matter-only.md": b"---\ndate: 2014-06-15\n---\n",
    "bomb.md": (b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c]\n"
                b"date: *d\n---\nOn Monday boom.\n"),
    "deep.md": b"---\ntitle: " + b"[" * 3000 + b"]" * 3000 + b"\n---\nOn Monday deep.\n",
    # a NUL past the first 4 KB (where the binary check looks) is decoded like any character
    "controls.txt": ("2014-06-15\n\n" + "Filler words here. " * 300 + "\n\nOn Monday a \x00 "
                     "nul, an \x1b escape and \ufffe CONTROLS-ART happened.\n").encode(),
    "spaces in name.md": b"---\ndate: 2014-06-15\n---\nOn Monday SPACES-ART happened.\n",
    "\u00fcn\u00efc\u00f8d\u00e9 \u2713.md": b"---\ndate: 2014-06-15\n---\nOn Monday UNICODE.\n",
    "a..b.md": b"---\ndate: 2014-06-15\n---\nOn Monday DOTS-ART happened.\n",
    "..hidden.md": b"---\ndate: 2014-06-15\n---\nOn Monday HIDDEN-ART happened.\n",
}
MANY = 2000  # time expressions in one article


def _errors_and_warnings(result) -> tuple[dict[str, list], dict[str, list]]:
    errors: dict[str, list] = {}
    warnings: dict[str, list] = {}
    for item in result.diagnostics.items:
        target = errors if item.level == "error" else warnings
        target.setdefault(Path(str(item.path)).name, []).append(item)
    return errors, warnings


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("robust")
    content = root / "content"
    for name, data in FILES.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)
    sentences = " ".join(f"On June {i % 28 + 1}, {1990 + i % 30} item {i} was logged."
                         for i in range(MANY))
    (content / "many.txt").write_text(f"2014-06-15\n\n{sentences}\n", encoding="utf-8")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\ndate: 2014-06-15\n---\nOn Monday {SECRET}.\n")
    os.symlink(outside / "secret.md", content / "link-out.md")
    os.symlink(outside, content / "linkdir")  # a folder link: its files are not content
    os.symlink(content / "good.md", content / "link-in.md")  # inside: fine
    return root


@pytest.fixture(scope="module")
def built(project):
    result = build_site(load_config(project))
    assert result.written
    return result


def test_every_bad_file_is_an_error_naming_it(built):
    errors, _ = _errors_and_warnings(built)
    expected = {
        "broken-yaml.md": "front matter", "latin1.txt": "not UTF-8",
        "binary.txt": "binary", "empty.md": "empty", "blank.txt": "empty",
        "front-matter-only.md": "no text", "bomb.md": "aliases",
        "deep.md": "front matter", "link-out.md": "outside the content folder",
    }
    assert set(errors) == set(expected)
    for name, words in expected.items():
        assert len(errors[name]) == 1, errors[name]
        assert words in errors[name][0].message, errors[name][0]
        assert str(errors[name][0].path) == f"content/{name}"
    assert not built.ok  # errors make the build report failure ...


def test_lines_are_given_where_the_file_has_them(built):
    errors, _ = _errors_and_warnings(built)
    assert errors["latin1.txt"][0].line == 3  # the line holding the 0xe9 byte
    assert 2 <= errors["broken-yaml.md"][0].line <= 3  # the unclosed list, or just after it
    assert errors["bomb.md"][0].line == 3  # first alias
    for diagnostic in built.diagnostics.items:
        assert "\n" not in str(diagnostic)  # one line each


def test_wrong_types_and_impossible_dates_are_warnings_and_the_article_builds(built):
    _, warnings = _errors_and_warnings(built)
    messages = " | ".join(w.message for w in warnings["types.md"])
    for key in ("'title'", "'date'", "'tags'", "'url'"):
        assert key in messages
    for name in ("feb30.md", "year0.md", "y99999.md"):
        assert any("'date' is not a date" in w.message for w in warnings[name]), name
    titles = {a.path.name: a.title for a in built.articles}
    assert titles["types.md"] == "Types"  # a list title falls back to the file name
    assert {"feb30.md", "year0.md", "y99999.md"} <= set(titles)


def test_good_and_odd_named_articles_all_get_pages(built):
    site = built.output
    names = {a.path.as_posix() for a in built.articles}
    for name in ("good.md", "Good.txt", "sub/good.md", "index.md", "utf8bom.md", "utf16.txt",
                 "many.txt",
                 "controls.txt", "spaces in name.md", "\u00fcn\u00efc\u00f8d\u00e9 \u2713.md",
                 "a..b.md", "link-in.md", "types.md"):
        assert f"content/{name}" in names, name
    assert "content/..hidden.md" not in names  # a dot file is hidden, as in any static site
    listing = (site / "sources" / "index.html").read_text(encoding="utf-8")
    for article in built.articles:
        page = site / "sources" / f"{article.slug}.html"
        assert page.is_file(), article.path
        assert f'href="{article.slug}.html"' in listing, article.path
    assert next(a for a in built.articles if a.path.name == "utf8bom.md").title == "BOM title"
    utf16 = next(a for a in built.articles if a.path.name == "utf16.txt")
    assert utf16.published_date.isoformat() == "2014-06-15"  # its date line, read as UTF-16


def test_same_slug_files_do_not_overwrite_each_other(built):
    pages = {a.path.as_posix(): built.output / "sources" / f"{a.slug}.html"
             for a in built.articles}
    marks = {"content/good.md": "GOOD-ONE", "content/Good.txt": "GOOD-TWO",
             "content/sub/good.md": "GOOD-THREE", "content/index.md": "INDEX-ART"}
    assert len({pages[p] for p in marks}) == 4
    for path, mark in marks.items():
        assert mark in pages[path].read_text(encoding="utf-8"), path
    # the list of sources survives an article named index.md
    listing = (built.output / "sources" / "index.html").read_text(encoding="utf-8")
    assert listing.count('href="') > len(built.articles) and "INDEX-ART" not in listing


def test_symlinks_out_of_content_publish_nothing(built):
    for path in built.output.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_thousands_of_time_expressions_in_one_article(built):
    data = json.loads((built.output / "events.json").read_text(encoding="utf-8"))
    logged = [e for e in data["events"]
              if any(c["source"] == "content/many.txt" for c in e["citations"])]
    assert len(logged) == MANY  # one dated sentence each, none lost


def test_control_characters_keep_feeds_well_formed(built):
    ET.parse(built.output / "events.atom")
    json.loads((built.output / "events.json").read_text(encoding="utf-8"))
    assert "CONTROLS-ART" in (built.output / "events.json").read_text(encoding="utf-8")


def test_strict_fails_and_keeps_the_previous_site(project, built):
    before = {p: p.read_bytes() for p in built.output.rglob("*") if p.is_file()}
    result = build_site(load_config(project), strict=True)
    assert not result.ok and not result.written
    after = {p: p.read_bytes() for p in built.output.rglob("*") if p.is_file()}
    assert after == before


def test_cli_reports_one_line_per_problem_and_no_traceback(tmp_path):
    small = {name: FILES[name] for name in ("good.md", "types.md", "latin1.txt", "binary.txt",
                                            "bomb.md", "deep.md", "broken-yaml.md", "empty.md")}
    for name, data in small.items():
        (tmp_path / "content").mkdir(exist_ok=True)
        (tmp_path / "content" / name).write_bytes(data)
    run = subprocess.run([sys.executable, "-m", "timeline", "build", "-q"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1  # errors: the site is written but the build says it failed
    assert "Traceback" not in run.stderr + run.stdout
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert lines and all(ln.startswith(("error: content/", "warning: content/"))
                         for ln in lines), lines
    assert run.stdout == ""  # --quiet: the problems and nothing else


def test_a_few_megabytes_article_builds(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    words = ["the", "council", "met", "again", "and", "officials", "said", "the", "plan"]
    paragraphs = []
    for i in range(3500):  # ~3 MB: 1000-character paragraphs, a date in every 100th
        body = " ".join(words[(i + j) % len(words)] for j in range(150))[:990]
        paragraphs.append(body.capitalize() + "." + (
            f" On June {i % 28 + 1}, 2014 the BIG-{i} vote was held." if i % 100 == 0 else ""))
    (content / "2014-06-15-big.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    assert (content / "2014-06-15-big.txt").stat().st_size > 2_900_000
    result = build_site(load_config(tmp_path))
    assert result.written and result.ok, [str(d) for d in result.diagnostics.items]
    assert len(result.events) == 35
    page = (result.output / "sources" / "2014-06-15-big.html").read_text(encoding="utf-8")
    assert "BIG-3400" in page


def test_a_content_folder_outside_the_project_builds(tmp_path):
    articles = tmp_path / "elsewhere"
    articles.mkdir()
    (articles / "a.md").write_bytes(FILES["good.md"])
    project = tmp_path / "project"
    project.mkdir()
    run = subprocess.run([sys.executable, "-m", "timeline", "build", "-q", "--content",
                          str(articles)], cwd=project, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "GOOD-ONE" in (project / "site" / "sources" / "a.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("toml", "words"), [
    ("title = [1", "cannot read configuration"),
    ("title = 5", "'title' must be a str"),
    ('base_url = "javascript:alert(1)//"', "base_url must start with http"),
    ("[site]\nunknown_key = 1", "unknown setting"),
])
def test_a_bad_timeline_toml_is_one_line_and_touches_nothing(tmp_path, toml, words):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "good.md").write_bytes(FILES["good.md"])
    (tmp_path / "timeline.toml").write_text(toml + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "timeline", "build"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and words in run.stderr, run.stderr
    assert "timeline.toml" in run.stderr
    assert not (tmp_path / "site").exists()


PATHOLOGICAL_MARKDOWN = {
    "nested quotes": "> " * 3000 + "On Monday deep.",
    "nested lists": "".join("  " * i + "- item\n" for i in range(1000)) + "\nOn Monday end.",
    "open brackets": "[" * 10000 + "On Monday brackets." + "]" * 10000,
    "open links": "[a](" * 5000 + "On Monday links.",
    "emphasis runs": "*a " * 10000 + "On Monday stars.",
    "nested emphasis": "*" * 3000 + "x" + "*" * 3000 + " On Monday.",
    "entities": "&#x" + "0" * 5000 + ";" + "&amp;" * 5000 + " On Monday.",
    "angle brackets": "<" * 20000 + " On Monday.",
    "table rows": "|a|b|\n|-|-|\n" + "|x|y|\n" * 5000 + "\nOn Monday tables.",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL_MARKDOWN))
def test_pathological_markdown_loads_and_renders(tmp_path, name):
    from timeline.pipeline.build import process_article, source_docs
    from timeline.site.render import render_site

    (tmp_path / "content").mkdir()
    path = tmp_path / "content" / "2014-06-15-odd.md"
    path.write_text(PATHOLOGICAL_MARKDOWN[name], encoding="utf-8")
    config = load_config(tmp_path)
    result = process_article(path, config)
    assert result.article is not None and not result.diagnostics.errors
    render_site(tmp_path / "out", config, result.events, source_docs([result], result.events))
    page = (tmp_path / "out" / "sources" / "2014-06-15-odd.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>") and "<script>" not in page.split("<main", 1)[1]


@pytest.mark.parametrize("value", ["!!bool ''", "!!float ''", "!!timestamp x", "2014-02-30",
                                   "!!python/object:os.system x", "&a [*a]"])
def test_odd_yaml_values_in_annotations_are_diagnostics_not_tracebacks(tmp_path, value):
    from timeline.errors import Diagnostics
    from timeline.events.annotations import load_annotations

    path = tmp_path / "annotations.yaml"
    path.write_text(f"events:\n  - on: {value}\n    text: the talks\n    title: {value}\n",
                    encoding="utf-8")
    diagnostics = Diagnostics()
    load_annotations(path, diagnostics)  # raises nothing
    assert diagnostics.items and all(d.line in (2, 4) for d in diagnostics.items), [
        str(d) for d in diagnostics.items]
