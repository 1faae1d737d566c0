"""Every configured value that reaches a page is escaped there, and a base_url that is not a
usable public address is one configuration error naming timeline.toml."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.pipeline.build import build_site

ARTICLE = "---\ntitle: Bridge\ndate: 2016-05-10\n---\nThe bridge opened on Monday.\n"


class _Links(HTMLParser):
    """href/src of every element, as a browser reads them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src"):
                self.refs.append((tag, name, value or ""))


def make_project(root: Path, toml: str) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "content/2016-05-10-bridge.md").write_text(ARTICLE, encoding="utf-8")
    (root / "timeline.toml").write_text(toml, encoding="utf-8")
    return root


def test_a_base_url_path_with_a_quote_and_ampersand_is_escaped_in_every_link(tmp_path):
    base = "https://example.org/o'brien&co/"
    title = 'A "quoted" <b>title</b>'
    project = make_project(tmp_path, f"base_url = {json.dumps(base)}\n"
                                     f"title = {json.dumps(title)}\n")
    result = build_site(load_config(project))
    assert result.ok, [str(d) for d in result.diagnostics.items]
    site = result.output
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "o'brien" not in page.split("<body", 1)[0]  # never raw inside an attribute
    links = _Links()
    links.feed(page)
    rooted = [ref for _tag, _attr, ref in links.refs if ref.startswith("/")]
    assert rooted, links.refs
    for ref in rooted:  # each rooted link, decoded as a browser does, is a file of the site
        assert ref.startswith("/o'brien&co/"), ref
        path = unquote(ref.split("#")[0].split("?")[0])[len("/o'brien&co/"):]
        assert (site / (path or "index.html")).is_file() or path.endswith("/"), ref
    assert any(ref.endswith(".css") for _t, _a, ref in links.refs)  # fingerprinted, intact


@pytest.mark.parametrize(("base_url", "problem"), [
    ('https://example.org/">x', "holds a character a URL cannot hold"),
    ("https://example.org/a b/", "holds a character a URL cannot hold"),
    ("https://exa<mple.org/", "holds a character a URL cannot hold"),
    ("javascript:alert(1)//", "must start with http:// or https://"),
    ("example.org/timeline/", "must start with http:// or https://"),
    ("https:///timeline/", "has no host name"),
    ("https://example.org:port/", "is not a valid URL"),
    ("https://[::1/", "is not a valid URL"),
    ("https://example.org/?page=1", "must not have a ?query or #fragment"),
    ("https://example.org/#top", "must not have a ?query or #fragment"),
    ("https://user:secret@example.org/", "must not hold a user name or password"),
])
def test_a_base_url_that_is_no_public_address_is_a_config_error(tmp_path, base_url, problem):
    project = make_project(tmp_path, f"base_url = {json.dumps(base_url)}\n")
    with pytest.raises(TimelineError) as caught:
        load_config(project)
    message = str(caught.value)
    assert message.startswith(f"error: {project / 'timeline.toml'}: base_url {problem}")


@pytest.mark.parametrize("base_url", ["https://example.org/", "http://localhost:8000/tl/",
                                      "https://例え.jp/年表/", "https://example.org/o'brien/"])
def test_usual_base_urls_are_accepted(tmp_path, base_url):
    project = make_project(tmp_path, f"base_url = {json.dumps(base_url)}\n")
    assert load_config(project).base_url == base_url


def test_a_bad_language_tag_is_a_config_error(tmp_path):
    project = make_project(tmp_path, 'language = "en\\" onload=\\"x"\n')
    with pytest.raises(TimelineError, match="language must be a language tag"):
        load_config(project)


def test_the_build_command_reports_a_bad_base_url_in_one_line(tmp_path):
    project = make_project(tmp_path, 'base_url = "https://example.org/\\">x"\n')
    done = subprocess.run([sys.executable, "-m", "timeline", "build"], cwd=project,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"error: {project / 'timeline.toml'}: base_url holds a character a URL cannot hold "
        "(a space, quote, <, >, backslash...): 'https://example.org/\">x' "
        "(e.g. https://example.org/timeline/)"]
    assert not (project / "site").exists()
