"""Tests for the ``timeline eval`` command on hand-made and real TimeML folders."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from tests.shared_data import TIMEML_DEV, needs
from timeline.cli import main

DEV = TIMEML_DEV

# Sunday 15 June 2014 is in ISO week 24, so "next week" is 2014-W25.
HANDMADE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{doc_id}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-06-15"
 functionInDocument="CREATION_TIME">June 15, 2014</TIMEX3></DCT>
<TEXT>Kerry met Zarif on <TIMEX3 tid="t1" type="DATE" value="2014-06-13">June 13, 2014</TIMEX3>
for <TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3>, and talks resume
<TIMEX3 tid="t3" type="DATE" value="2014-W25">next week</TIMEX3>.</TEXT>
</TimeML>
"""


def run(*args: str):
    return CliRunner().invoke(main, ["eval", *args])


def make_corpus(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "one.tml").write_text(HANDMADE.format(doc_id="one"), encoding="utf-8")
    (folder / "sub" / "two.tml").write_text(HANDMADE.format(doc_id="two"), encoding="utf-8")
    (folder / "notes.txt").write_text("not TimeML", encoding="utf-8")
    return folder


def test_handmade_corpus_counts_gold_but_not_the_dct(tmp_path):
    result = run(str(make_corpus(tmp_path)), "--json", "--errors")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["doc"] for d in data["documents"]] == ["one", "two"]
    # Per document: 3 gold timexes in TEXT, 2 of them DATE; the DCT is not among them.
    assert data["total"]["all"]["gold"] == 6
    assert data["total"]["date_time"]["gold"] == 4
    for subset in ("all", "date_time"):
        total = data["total"][subset]
        errors = data["errors"][subset]
        misses = sum(e["kind"] == "miss" for e in errors)
        spurious = sum(e["kind"] == "spurious" for e in errors)
        # Every gold timex is either matched or listed as missed; every system one likewise.
        assert total["relaxed"] + misses == total["gold"]
        assert total["relaxed"] + spurious == total["system"]


def test_table_and_error_listing(tmp_path):
    result = run(str(make_corpus(tmp_path)), "--errors")
    assert result.exit_code == 0
    assert "2 documents" in result.stdout
    assert "all types: 6 gold" in result.stdout and "DATE+TIME: 4 gold" in result.stdout
    listed = re.search(r"(\d+) errors \(all types\): (\d+) miss, .*\n", result.stdout)
    assert listed is not None
    error_lines = result.stdout[listed.end():].splitlines()
    if error_lines and error_lines[0].startswith("wrong values by difference: "):
        error_lines = error_lines[1:]
    assert len(error_lines) == int(listed.group(1))
    assert all(line.startswith(("one: ", "two: ")) for line in error_lines)


def test_folder_without_tml_files_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: no .tml files found " \
                            "(give a folder holding TimeML documents named *.tml)\n"


def test_broken_tml_file_is_named(tmp_path):
    make_corpus(tmp_path)
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>oops</TimeML>", encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert "broken.tml" in result.stderr and "Traceback" not in result.output


@needs(DEV)
def test_real_dev_documents_score(tmp_path):
    names = ["AQUAINT/APW19980807.0261.tml", "TimeBank/ABC19980108.1830.0711.tml",
             "TimeBank/wsj_0006.tml"]
    expected_gold = 0
    for name in names:
        shutil.copy(DEV / name, tmp_path / Path(name).name)
        raw = (DEV / name).read_text(encoding="utf-8")
        text = raw[raw.index("<TEXT>"):raw.index("</TEXT>")]
        # Independent count: TIMEX3 start tags inside TEXT that are not the creation time.
        expected_gold += len(re.findall(r"<TIMEX3\b(?![^>]*CREATION_TIME)", text))
    result = run(str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    total = json.loads(result.stdout)["total"]["all"]
    assert total["gold"] == expected_gold
    assert 0.0 <= total["value_f1"] <= total["relaxed_f1"] <= 1.0


def test_per_doc_lines_and_date_time_error_filter(tmp_path):
    result = run(str(make_corpus(tmp_path)), "--per-doc", "--errors", "--types", "date-time")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["document", "gold", "sys", "relaxF1", "valueF1"]
    # DATE+TIME gold per document: 2 ("June 13, 2014", "next week").
    assert lines[1].split()[:2] == ["one", "2"] and lines[2].split()[:2] == ["two", "2"]
    listed = result.stdout[result.stdout.index("errors (DATE+TIME):"):]
    assert "DURATION" not in listed  # "three hours" is outside the DATE+TIME subset
