"""Tests for the ``timeline tag`` command (json, tml, text, jsonl; bad input)."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from timeline.cli import main
from timeline.temporal.timeml import parse_timeml

ARTICLE = "Talks resumed on\r\nJune 13, 2014 in Vienna & ended.\n"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["tag", *args], input=stdin)


def test_json_offsets_index_the_text_as_python_reads_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    result = run(str(path), "--anchor", "2014-06-15")
    assert result.exit_code == 0, result.output
    timexes = json.loads(result.stdout)
    text = path.read_text(encoding="utf-8")  # universal newlines: "\r\n" read as "\n"
    for timex in timexes:
        assert text[timex["start"]:timex["end"]] == timex["text"]
        assert {"start", "end", "text", "type", "value"} <= set(timex)
    # "June 13, 2014" starts at 17 in the newline-translated text, 18 in the raw bytes.
    assert {"start": 17, "end": 30, "text": "June 13, 2014", "type": "DATE",
            "value": "2014-06-13"}.items() <= next(
        t for t in timexes if t["text"].startswith("June")).items()


def test_several_files_give_an_object_keyed_by_file(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Nothing here.", encoding="utf-8")
    second.write_text("Nor here.", encoding="utf-8")
    result = run(str(first), str(second), "--anchor", "2014-06-15")
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)) == {str(first), str(second)}


def test_tml_output_reads_back_to_the_same_text_and_spans(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    as_json = json.loads(run(str(path), "--anchor", "2014-06-15").stdout)
    result = run(str(path), "--anchor", "2014-06-15", "--format", "tml")
    assert result.exit_code == 0
    doc = parse_timeml(result.stdout)
    assert doc.text == path.read_text(encoding="utf-8")
    assert str(doc.dct) == "2014-06-15"
    assert [(t.start, t.end, t.value) for t in doc.timexes] == [
        (t["start"], t["end"], t["value"]) for t in as_json]


def test_text_format_names_the_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(str(path), "--anchor", "2014-06-15", "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith(f"{path}: ")


def test_bad_files_and_anchor_are_one_line_errors(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "latin1.txt"
    good.write_text("Nothing.", encoding="utf-8")
    bad.write_bytes("caf\xe9".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    result = run(str(good), str(bad), str(missing), "--anchor", "2014-06-15")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert str(bad) in errors[0] and "UTF-8" in errors[0]
    assert str(missing) in errors[1]
    assert json.loads(result.stdout) == {str(good): []}  # the good file is still tagged

    result = run(str(good), "--anchor", "2014-02-30")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "2014-02-30" in result.stderr


def test_jsonl_bad_lines_get_error_records_and_the_rest_go_on():
    lines = [
        json.dumps({"id": "a", "text": "He left on June 3, 2014.", "anchor": "2014-06-15"}),
        "{not json",
        json.dumps({"id": "b", "text": 42}),
        "",
        json.dumps({"id": "c", "text": "Tuesday", "anchor": "15/06/2014"}),
        json.dumps({"id": "d", "text": "Nothing to see."}),
    ]
    result = run("--jsonl", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in records] == ["a", None, "b", "c", "d"]
    assert [("error" in r) for r in records] == [False, True, True, True, False]
    assert records[1]["line"] == 2 and records[2]["line"] == 3 and records[3]["line"] == 5
    assert records[4]["timexes"] == []
    found = records[0]["timexes"]
    assert [(t["start"], t["end"], t["value"]) for t in found] == [(11, 23, "2014-06-03")]


def test_real_process_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    process = subprocess.run([sys.executable, "-m", "timeline", "tag", str(bad)],
                             capture_output=True, text=True, timeout=60)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert process.stderr.startswith(f"error: {bad}: not UTF-8")


def test_jsonl_line_in_another_encoding_spoils_only_itself():
    stdin = (json.dumps({"id": "ok", "text": "Nothing."}).encode() + b"\n"
             + b'{"id": "latin", "text": "caf\xe9"}\n'
             + json.dumps({"id": "also ok", "text": "caf\u00e9"}).encode() + b"\n")
    result = run("--jsonl", stdin=stdin)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in records] == ["ok", None, "also ok"]
    assert records[1]["line"] == 2 and "UTF-8" in records[1]["error"]


def test_json_gives_the_utc_offset_of_a_time_written_with_its_zone(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The market closed at 4 p.m. ET on Friday. Lunch was at noon.",
                    encoding="utf-8")
    result = run(str(path), "--anchor", "2014-06-15")
    assert result.exit_code == 0, result.output
    close, friday, lunch = json.loads(result.stdout)  # "on Friday" is its own expression
    assert (close["value"], close["zone"]) == ("2014-06-13T16:00", "-04:00")
    assert (friday["text"], friday["value"]) == ("Friday", "2014-06-13")
    assert "zone" not in lunch and "zone" not in friday
    listing = run(str(path), "--anchor", "2014-06-15", "--format", "text").stdout
    assert "2014-06-13T16:00 zone=-04:00" in listing
