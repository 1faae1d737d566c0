"""Reading a content file: encodings, newlines, links out of the content folder, and bad
input as one line naming the file and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ingest.contentfiles import load, write
from timeline.config import Config
from timeline.errors import TimelineError
from timeline.ingest.content import load_article

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_utf8_bom_and_crlf(project):
    article, _ = load(project, "2014-06-15-a.txt", b"\xef\xbb\xbfOne.\r\nTwo.\r\n")
    assert article.text == "One. Two."


def copy_fixture(config: Config, name: str) -> Path:
    target = config.content_path / name
    shutil.copyfile(FIXTURES / name, target)
    return target


@pytest.mark.parametrize(("name", "expected"), [
    ("broken-front-matter.txt", "content/broken-front-matter.txt:3: broken front matter"),
    ("latin1.txt", "content/latin1.txt:1: the file is not UTF-8"),
    ("empty.txt", "content/empty.txt: the file is empty"),
])
def test_bad_files_give_one_line_errors(project, name, expected):
    path = copy_fixture(project, name)
    with pytest.raises(TimelineError) as caught:
        load_article(path, project)
    message = str(caught.value)
    assert message.startswith("error: " + expected)
    assert "\n" not in message
    assert "(" in message  # a hint on how to fix it


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_with_byte_order_mark_is_read(project, encoding):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    data = bom + "---\ntitle: Caf\u00e9\r\n---\r\nOpened on Monday.\r\n".encode(encoding)
    article = load_article(write(project, "a.txt", data), project)
    assert article.title == "Caf\u00e9"
    assert article.text.strip() == "Opened on Monday."


def test_utf16_without_byte_order_mark_is_rejected(project):
    with pytest.raises(TimelineError, match="UTF-16"):
        load_article(write(project, "a.txt", "Text.".encode("utf-16-le")), project)


def test_truncated_utf16_is_an_error(project):
    with pytest.raises(TimelineError, match="not valid UTF-16"):
        load_article(write(project, "a.txt", "Text.".encode("utf-16") + b"\x00"), project)


def test_symlink_out_of_the_content_folder_is_refused(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("---\ndate: 2014-06-15\n---\nPrivate.\n")
    (project.content_path / "link.txt").symlink_to(secret)
    with pytest.raises(TimelineError, match="content/link.txt: the file is a link to a file "
                                            "outside the content folder"):
        load_article(project.content_path / "link.txt", project)


def test_symlink_inside_the_content_folder_is_fine(project):
    target = write(project, "real.txt", "---\ndate: 2014-06-15\n---\nText.\n")
    (project.content_path / "alias.txt").symlink_to(target)
    assert load_article(project.content_path / "alias.txt", project).text == "Text."


def test_a_file_under_a_linked_folder_out_of_the_content_folder_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "note.txt").write_text("---\ndate: 2014-06-15\n---\nPrivate.\n")
    (project.content_path / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(TimelineError, match="outside the content folder"):
        load_article(project.content_path / "linked" / "note.txt", project)
