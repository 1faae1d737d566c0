"""Content-hashed asset names, the references rewritten to them, and how a link resolves."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from timeline.site.assets import fingerprint_assets, hashed_name, resolve_reference, site_files


@pytest.mark.parametrize("page, ref, prefix, expected", [
    ("index.html", "static/a.css", "", "static/a.css"),
    ("sources/a.html", "../static/a.css?v=2#x", "", "static/a.css"),
    ("sources/a.html", "index.html#top", "", "sources/index.html"),
    ("sources/a.html", "./", "", "sources/index.html"),
    ("404.html", "/sub/static/a.css", "/sub/", "static/a.css"),
    ("404.html", "/other/x.css", "/sub/", None),
    ("index.html", "https://cdn.example/a.css", "", None),
    ("index.html", "mailto:x@example.org", "", None),
    ("index.html", "../../etc/passwd", "", "../"),
    ("index.html", "sources/a%20b.html", "", "sources/a b.html"),
])
def test_resolve_reference(page, ref, prefix, expected):
    assert resolve_reference(page, ref, prefix) == expected


# -- fingerprinting -----------------------------------------------------------------------


def test_hashed_name_uses_ten_hex_digits_of_sha256():
    digest = hashlib.sha256(b"body{}").hexdigest()[:10]
    assert hashed_name("timeline.css", b"body{}") == f"timeline.{digest}.css"


def test_fingerprint_renames_assets_and_rewrites_every_reference(tmp_path):
    site = tmp_path
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "x.png").write_bytes(b"PNG")
    (site / "static" / "a.css").write_text("body{background:url('img/x.png')}", "utf-8")
    (site / "sources").mkdir()
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="static/a.css?v=1"><img src="static/img/x.png">'
        '<a href="https://cdn.example/static/a.css">cdn</a>', "utf-8")
    (site / "sources" / "p.html").write_text('<link href="../static/a.css">', "utf-8")
    (site / "404.html").write_text("<link href='/sub/static/a.css'>", "utf-8")
    renamed = fingerprint_assets(site, "/sub/")
    png = f"x.{hashlib.sha256(b'PNG').hexdigest()[:10]}.png"
    assert renamed["static/img/x.png"] == f"static/img/{png}"
    css_text = (site / renamed["static/a.css"]).read_text()
    assert css_text == f"body{{background:url('img/{png}')}}"
    css = renamed["static/a.css"].rsplit("/", 1)[1]
    assert css == hashed_name("a.css", css_text.encode())  # hash of the rewritten stylesheet
    assert not (site / "static" / "a.css").exists()
    index = (site / "index.html").read_text()
    assert f'href="static/{css}?v=1"' in index and f'src="static/img/{png}"' in index
    assert 'href="https://cdn.example/static/a.css"' in index
    assert (site / "sources" / "p.html").read_text() == f'<link href="../static/{css}">'
    assert (site / "404.html").read_text() == f"<link href='/sub/static/{css}'>"


def test_references_written_in_any_form_are_rewritten_and_others_left(tmp_path):
    site = tmp_path
    (site / "static").mkdir()
    (site / "static" / "a.js").write_text("let x = 1;", "utf-8")
    (site / "static" / "index.html").write_text("folder page", "utf-8")
    (site / "sources").mkdir()
    (site / "sources" / "p.html").write_text(
        '<script src="../static/./a.js#top"></script><script src=\'../static/%61.js\'></script>'
        '<a href="../static/">folder</a><a href="../static/.">dot</a>'
        '<a href="../static/a.js.map">other</a><a href="p.html">self</a>'
        '<a href=" ../static/a&#46;js ">escaped</a>', "utf-8")
    renamed = fingerprint_assets(site, "/")
    js = renamed["static/a.js"].rsplit("/", 1)[1]
    folder = renamed["static/index.html"].rsplit("/", 1)[1]
    page = (site / "sources" / "p.html").read_text()
    # the path as written is kept up to the file's name; a folder's link names its index
    assert page == (f'<script src="../static/./{js}#top"></script>'
                    f"<script src='../static/{js}'></script>"
                    f'<a href="../static/{folder}">folder</a><a href="../static/.">dot</a>'
                    '<a href="../static/a.js.map">other</a><a href="p.html">self</a>'
                    f'<a href=" ../static/{js}">escaped</a>')


def test_site_files_lists_what_rglob_finds_in_path_order(tmp_path):
    site = tmp_path / "site"
    for rel in ("index.html", "a-b.html", "a/b.html", "a/z/deep.txt", ".hidden", "sources/x.html",
                "static/timeline.css", "B.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    (site / "empty-folder").mkdir()
    expected = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert [Path(rel) for rel in site_files(site)] == expected
    assert site_files(site).index("a/b.html") < site_files(site).index("a-b.html")  # by parts
