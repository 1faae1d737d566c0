"""The publish command: the build is checked first, then the site published to a branch or a
folder; and the real build, check and publish end to end.

The parts have their own tests: test_buildrecord, test_folder (and test_folder_hostile) and
test_ghpages.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.config import load_config
from timeline.errors import TimelineError
from timeline.publish.deploy import BUILD_MARKER, publish_site, record_inputs


def test_publish_site_checks_the_build_before_publishing(project, tmp_path):
    (project / "timeline.toml").write_text('title = "Changed"\n', encoding="utf-8")
    with pytest.raises(TimelineError, match="timeline.toml changed"):
        publish_site(load_config(project), target=tmp_path / "www")
    assert not (tmp_path / "www").exists()




def test_cli_publish_dir_dry_run_then_real(project, tmp_path):
    target = tmp_path / "www"
    runner = CliRunner()
    dry = runner.invoke(main, ["publish", "--dir", str(target), "--dry-run",
                               "--config", str(project)])
    assert dry.exit_code == 0, dry.output
    assert "+ index.html" in dry.output and "Dry run" in dry.output
    assert not target.exists()
    real = runner.invoke(main, ["publish", "--dir", str(target), "--config", str(project)])
    assert real.exit_code == 0, real.output
    assert (target / "index.html").exists()


def test_cli_publish_gh_pages_prints_the_url(project):
    (project / "timeline.toml").write_text('title = "T"\nbase_url = "https://ex.org/t/"\n',
                                           encoding="utf-8")
    record_inputs(project / "site", load_config(project))
    result = CliRunner().invoke(main, ["publish", "--gh-pages", "--config", str(project)])
    assert result.exit_code == 0, result.output
    assert "The site will appear at https://ex.org/t/" in result.output


def test_cli_publish_stale_build_one_line_error(project, tmp_path):
    (project / "content" / "a.txt").write_text("changed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["publish", "--dir", str(tmp_path / "w"),
                                       "--config", str(project)])
    assert result.exit_code == 1
    assert "run timeline build first" in result.output
    assert "Traceback" not in result.output


def test_cli_publish_needs_a_destination(project):
    result = CliRunner().invoke(main, ["publish", "--config", str(project)])
    assert result.exit_code == 1 and "--gh-pages or --dir" in result.output


# -- end to end: the real build, then check and publish ------------------------------------


def test_build_then_check_then_publish_end_to_end(example_project, tmp_path):
    runner = CliRunner()
    args = ["--config", str(example_project)]
    built = runner.invoke(main, ["build", "-q", *args])
    assert built.exit_code == 0, built.output
    checked = runner.invoke(main, ["check", *args])
    assert checked.exit_code == 0, checked.output
    target = tmp_path / "www"
    published = runner.invoke(main, ["publish", "--dir", str(target), *args])
    assert published.exit_code == 0, published.output
    assert (target / "index.html").is_file() and (target / "events.atom").is_file()
    assert not (target / BUILD_MARKER).exists()
    # An edited article makes the site stale until the next build.
    article = next((example_project / "content").glob("*.txt"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")
    refused = runner.invoke(main, ["publish", "--dir", str(target), *args])
    assert refused.exit_code == 1
    assert f"content/{article.name} changed" in refused.output
    assert runner.invoke(main, ["build", "-q", *args]).exit_code == 0
    again = runner.invoke(main, ["publish", "--dir", str(target), *args])
    assert again.exit_code == 0, again.output
