"""Tag outside input: anchors, text files and JSON lines in; timexes or one-line errors out.

The ``timeline tag`` command is a thin layer over these: each bad input (an anchor that is not
a date, a file that is not UTF-8, a line that is not a JSON object, a tagger bug) becomes a
:class:`~timeline.errors.TimelineError` naming where it came from, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from timeline.errors import TimelineError
from timeline.temporal.model import Timex
from timeline.temporal.tagger import tag
from timeline.temporal.values import describe

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_anchor(raw: str | None, where: str = "--anchor") -> dt.date | None:
    """A YYYY-MM-DD date, or a TimelineError saying what is wrong with it."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw):
        raise TimelineError(f"bad anchor {raw!r}: expected a date as YYYY-MM-DD", where)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise TimelineError(f"bad anchor {raw!r}: {exc}", where) from None


def read_utf8(path: Path) -> str:
    """The file's text as Python reads it (UTF-8, universal newlines), or a one-line error."""
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise TimelineError(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset "
                            f"{exc.start})", path, hint="save the file as UTF-8") from None
    except OSError as exc:
        raise TimelineError(f"cannot read file: {exc.strerror}", path) from None


def safe_tag(text: str, anchor: dt.date | None, dayfirst: bool, where: str | Path) -> list[Timex]:
    """:func:`~timeline.temporal.tag`, with a tagger bug turned into an error naming ``where``."""
    try:
        return tag(text, anchor, dayfirst=dayfirst)
    except Exception as exc:  # noqa: BLE001 - a tagger bug must not end a batch with a traceback
        raise tagger_bug(exc, where) from None


def tagger_bug(exc: Exception, where: str | Path) -> TimelineError:
    """The error to show for an exception raised inside the tagger on the input ``where``."""
    return TimelineError(f"internal tagger error {type(exc).__name__}: {exc}", where,
                         hint="please report this input")


def format_text_listing(path: Path, timexes: list[Timex]) -> str:
    """The human-readable listing of one file's timexes: offsets, type, value, text, label."""
    lines = [f"{path}: {len(timexes)} time expressions"]
    for t in timexes:
        mod = (f" mod={t.mod}" if t.mod else "") + (f" zone={t.zone}" if t.zone else "")
        label = describe(t.value, t.mod, t.end_value) if t.interval else ""
        label = f"  ({label})" if label else ""
        lines.append(f"  {t.start:>6}-{t.end:<6} {t.type:<8} {t.value}{mod}  {t.text!r}{label}")
    return "\n".join(lines)


def tag_jsonl_line(raw: bytes, number: int, default_anchor: dt.date | None,
                   dayfirst: bool) -> dict:
    """One output record for one input line: the timexes, or an error naming the line."""
    where = f"<stdin>:{number}"
    record_id = None
    try:
        try:
            # Decoded per line, so one line in another encoding spoils only itself.
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise TimelineError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                                f"{exc.start + 1})", where) from None
        except json.JSONDecodeError as exc:
            raise TimelineError(f"not JSON: {exc.msg}", where) from None
        if not isinstance(record, dict):
            raise TimelineError("expected a JSON object {\"id\", \"text\", \"anchor\"}", where)
        record_id = record.get("id")
        text = record.get("text")
        if not isinstance(text, str):
            raise TimelineError("\"text\" must be a string", where)
        raw_anchor = record.get("anchor")
        anchor = default_anchor if raw_anchor is None else parse_anchor(raw_anchor, where)
        timexes = safe_tag(text, anchor, dayfirst, where)
    except TimelineError as exc:
        return {"id": record_id, "line": number, "error": str(exc)}
    return {"id": record_id, "timexes": [t.to_json() for t in timexes]}
