"""Read TimeML documents (plain text, creation time, gold TIMEX3s) and write tagged text as TimeML.

Reading gives the plain text of ``<TEXT>`` (all inner tags stripped, entities decoded) and each
gold TIMEX3 with character offsets into that plain text, so a tagger's output on the same text
can be scored span by span. Writing wraps a list of :class:`~timeline.temporal.model.Timex`
into TIMEX3 tags; reading the written document back gives the same text and spans.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from timeline.errors import TimelineError
from timeline.temporal.model import Timex

CREATION_TIME = "CREATION_TIME"

# Characters XML 1.0 cannot carry even as references; the writer replaces each with U+FFFD so
# offsets stay the same (one character for one).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One TimeML document: its id, creation time (the anchor), plain text and gold timexes."""

    doc_id: str
    text: str
    dct: dt.date | None
    dct_value: str | None
    timexes: tuple[Timex, ...]
    path: Path | None = None


def read_timeml(path: Path | str) -> TimeMLDocument:
    """Read one ``.tml`` file; raise :class:`TimelineError` naming the file when it is unusable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TimelineError(f"cannot read file: {exc.strerror}", path) from None
    return parse_timeml(data, name=path)


def parse_timeml(source: str | bytes, name: Path | str = "<string>") -> TimeMLDocument:
    """Parse TimeML text; ``name`` is used in error messages and as the fallback doc id."""
    if isinstance(source, str):
        source = source.encode("utf-8")
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        line, _column = exc.position
        raise TimelineError(f"not well-formed TimeML XML: {exc}", name, line,
                            hint="fix the XML or remove the file") from None
    text_element = _first(root, "TEXT")
    if text_element is None:
        raise TimelineError("TimeML document has no <TEXT> element", name,
                            hint="the article text must be inside <TEXT>...</TEXT>")
    text, timexes = _flatten(text_element)
    dct_value = _creation_time(root)
    doc_id_element = _first(root, "DOCID")
    doc_id = (doc_id_element.text or "").strip() if doc_id_element is not None else ""
    return TimeMLDocument(
        doc_id=doc_id or Path(str(name)).stem,
        text=text,
        dct=_date_of(dct_value),
        dct_value=dct_value,
        timexes=tuple(timexes),
        path=Path(name) if isinstance(name, Path) else None,
    )


def find_timeml_files(directory: Path | str) -> list[Path]:
    """All ``*.tml`` files under ``directory`` (or the one ``.tml`` file given), sorted;
    an error when there are none."""
    directory = Path(directory)
    if directory.is_file() and directory.suffix == ".tml":
        return [directory]
    if not directory.is_dir():
        raise TimelineError("not a directory", directory, hint="give a folder holding .tml files")
    files = sorted(p for p in directory.rglob("*.tml") if p.is_file())
    if not files:
        raise TimelineError("no .tml files found", directory,
                            hint="give a folder holding TimeML documents named *.tml")
    return files


def read_timeml_dir(directory: Path | str) -> list[TimeMLDocument]:
    """Read every ``.tml`` file under ``directory``."""
    return [read_timeml(path) for path in find_timeml_files(directory)]


def _local(tag: str) -> str:
    # Some TimeML files put their elements in a namespace: compare local names only.
    return tag.rsplit("}", 1)[-1]


def _first(root: ET.Element, name: str) -> ET.Element | None:
    for element in root.iter():
        if _local(element.tag) == name:
            return element
    return None


def _creation_time(root: ET.Element) -> str | None:
    for element in root.iter():
        if _local(element.tag) == "TIMEX3" and element.get("functionInDocument") == CREATION_TIME:
            return element.get("value")
    return None


def _date_of(value: str | None) -> dt.date | None:
    # A DCT value may carry a time ("1998-02-13T14:00"); the anchor is its day.
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _flatten(text_element: ET.Element) -> tuple[str, list[Timex]]:
    """The plain text under ``text_element`` and its TIMEX3s as offsets into that text."""
    parts: list[str] = []
    spans: list[tuple[ET.Element, int, int]] = []
    starts: dict[int, int] = {}
    length = 0
    for kind, element, chunk in _events(text_element):
        if kind == "text":
            parts.append(chunk)
            length += len(chunk)
        elif kind == "start":
            starts[id(element)] = length
        else:
            spans.append((element, starts.pop(id(element)), length))
    text = "".join(parts)
    timexes = [_gold_timex(element, start, end, text) for element, start, end in spans]
    gold = sorted((t for t in timexes if t is not None), key=lambda t: (t.start, t.end))
    return text, gold


def _events(element: ET.Element) -> Iterator[tuple[str, ET.Element, str]]:
    """Document-order walk: ('start', el, ''), ('text', el, chunk), ('end', el, '')."""
    is_timex = _local(element.tag) == "TIMEX3"
    if is_timex:
        yield "start", element, ""
    if element.text:
        yield "text", element, element.text
    for child in element:
        yield from _events(child)
        if child.tail:
            yield "text", child, child.tail
    if is_timex:
        yield "end", element, ""


def _gold_timex(element: ET.Element, start: int, end: int, text: str) -> Timex | None:
    # The creation time is the anchor, not something to find; empty (non-consuming) TIMEX3s
    # have no span in the text to find.
    if element.get("functionInDocument") == CREATION_TIME or start == end:
        return None
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=element.get("type", "DATE"),
        value=element.get("value", ""),
        mod=element.get("mod") or None,
    )


def timeml_marks(timexes: Iterable[Timex]) -> list[Timex]:
    """The TIMEX3s TimeML marks for the tagger's expressions: each range as its two points,
    each value in TimeML's spelling (see :meth:`Timex.timeml`)."""
    return [mark for timex in timexes for mark in timex.timeml()]


def write_timeml(text: str, timexes: Iterable[Timex], *, doc_id: str | None = None,
                 dct: dt.date | None = None) -> str:
    """A TimeML document for ``text`` with a TIMEX3 tag around each timex (a range's points
    tagged apart, see :func:`timeml_marks`).

    Timexes must not overlap (the tagger's contract); overlapping ones raise ``ValueError``.
    """
    body: list[str] = []
    position = 0
    marks = sorted(timeml_marks(timexes), key=lambda t: (t.start, t.end))
    for number, timex in enumerate(marks, start=1):
        if timex.start < position or timex.end > len(text) or timex.start > timex.end:
            raise ValueError(f"timex {timex.text!r} at {timex.start}-{timex.end} overlaps "
                             "another or lies outside the text")
        body.append(_escape_text(text[position:timex.start]))
        attributes = f'tid="t{number}" type={quoteattr(timex.type)} value={quoteattr(timex.value)}'
        if timex.mod:
            attributes += f" mod={quoteattr(timex.mod)}"
        body.append(f"<TIMEX3 {attributes}>{_escape_text(text[timex.start:timex.end])}</TIMEX3>")
        position = timex.end
    body.append(_escape_text(text[position:]))
    head = ['<?xml version="1.0" encoding="UTF-8"?>', "<TimeML>"]
    if doc_id:
        head.append(f"<DOCID>{_escape_text(doc_id)}</DOCID>")
    if dct:
        iso = dct.isoformat()
        head.append(f'<DCT><TIMEX3 tid="t0" type="DATE" value="{iso}" temporalFunction="false" '
                    f'functionInDocument="{CREATION_TIME}">{iso}</TIMEX3></DCT>')
    return "\n".join(head) + "\n<TEXT>" + "".join(body) + "</TEXT>\n</TimeML>\n"


def _escape_text(chunk: str) -> str:
    # A parser turns a raw "\r" into "\n"; the reference keeps the text (and offsets) exact.
    return escape(_XML_ILLEGAL.sub("\ufffd", chunk), {"\r": "&#13;"})
