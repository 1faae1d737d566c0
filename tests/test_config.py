"""timeline.toml: defaults, overrides and one clear error per mistake."""

import re

import pytest

from timeline.config import load_config
from timeline.errors import TimelineError


def test_defaults_without_a_config_file(tmp_path):
    config = load_config(tmp_path)
    assert config.title == "Timeline"
    assert config.content_path == tmp_path.resolve() / "content"
    assert config.output_path == tmp_path.resolve() / "site"


def test_values_from_file_and_overrides(tmp_path):
    (tmp_path / "timeline.toml").write_text(
        '[site]\ntitle = "Iraq 2014"\nbase_url = "https://example.org/iraq/"\n'
        "merge_threshold = 75\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path, output_dir="public", content_dir=None)
    assert config.title == "Iraq 2014"
    assert config.base_url == "https://example.org/iraq/"
    assert config.merge_threshold == 75.0
    assert config.output_dir == "public"
    assert config.content_dir == "content"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("title = \n", "cannot read configuration"),
        ("colour = 'red'\n", "unknown setting 'colour'"),
        ("title = 3\n", "setting 'title' must be a str"),
        ("dayfirst = 'yes'\n", "setting 'dayfirst' must be a bool"),
        ("conventions = 'now=untagged'\n", "setting 'conventions' must be a list"),
        ("conventions = [1]\n", "setting 'conventions' must be a list of strings"),
        ("conventions = ['now=never']\n", "unknown convention 'now=never'"),
    ],
)
def test_bad_config_names_the_file(tmp_path, text, fragment):
    (tmp_path / "timeline.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TimelineError) as info:
        load_config(tmp_path)
    message = str(info.value)
    assert fragment in message
    assert "timeline.toml" in message


def test_every_setting_is_documented_in_the_schema():
    from dataclasses import fields

    from timeline.config import Config, setting_docs

    docs = setting_docs()
    assert [d.name for d in docs] == [f.name for f in fields(Config) if f.name != "root"]
    assert all(len(d.doc) > 10 for d in docs), [d.name for d in docs if len(d.doc) <= 10]


def test_commented_settings_uncommented_give_the_defaults(tmp_path):
    from timeline.config import Config, commented_toml

    text = commented_toml()
    settings = "\n".join(line[2:] for line in text.splitlines()
                         if re.match(r"# [a-z_]+ = ", line))
    (tmp_path / "timeline.toml").write_text(settings + "\n", encoding="utf-8")
    assert load_config(tmp_path) == Config(root=tmp_path.resolve())


def test_readme_lists_every_setting():
    from pathlib import Path

    from timeline.config import setting_docs

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    assert [d.name for d in setting_docs() if f"`{d.name}`" not in table] == []
