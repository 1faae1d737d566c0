"""Compare the sentence splitter with pysbd (its predecessor) on the development collections.

    python3 bench/sentence_split.py [--show 20]

Loads every article of ``content/``, the TimeML dev texts, ``bench/newsdev`` and the tls-dev
collections (converted with ``../shared/tools/tls/t17_to_content.py``), splits each body block
with :func:`timeline.events.sentences.split_sentences` and with pysbd (as the build used it
until issue 18: windows, pysbd, lowercase continuations rejoined), and prints the time of each
and how far they agree: sentence ends found by both, by one only, and blocks split the same.
``--show`` prints that many disagreements, to judge which side is right. Needs ``pip install
pysbd`` (no longer a dependency) for the comparison; without it only the new splitter is timed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def blocks(folder: Path) -> list[str]:
    """The text of every body block of every article in the collections."""
    sys.path.insert(0, str(ROOT))
    from timeline.config import Config
    from timeline.errors import Diagnostics
    from timeline.ingest.content import load_article

    files = sorted((ROOT / "content").glob("*.txt"))
    files += sorted((SHARED / "data" / "timeml-dev").rglob("*.tml"))
    files += sorted((ROOT / "bench" / "newsdev").rglob("*.tml"))
    tls = SHARED / "data" / "tls-dev"
    if tls.is_dir():
        folders = sorted(str(p) for p in tls.iterdir() if (p / "InputDocs").is_dir())
        subprocess.run([sys.executable, str(SHARED / "tools" / "tls" / "t17_to_content.py"),
                        str(folder), *folders], check=True, stdout=subprocess.DEVNULL)
        files += sorted(folder.glob("*.md"))
    texts = []
    config = Config(root=folder)
    for path in files:
        if path.suffix == ".tml":  # paragraphs, as a content file would have them
            texts.extend(re.split(r"\n\s*\n", _timeml_text(path)))
            continue
        article = load_article(path, config, Diagnostics())
        texts.extend(article.text[b.start:b.end] for b in article.blocks
                     if b.kind != "dateline")
    return [t for t in texts if t.strip()]


def _timeml_text(path: Path) -> str:
    from timeline.temporal.timeml import read_timeml

    return read_timeml(path).text


# -- pysbd, as the build used it -----------------------------------------------------------

_CONTINUATION = re.compile(r"^[\s\"'”’)\]]*[a-z,;:)\]]")


def pysbd_split(text: str) -> list[tuple[int, int]]:
    from timeline.events.sentences import _windows

    spans: list[tuple[int, int]] = []
    for start, end in _windows(text, 0, len(text)):
        spans.extend(_pysbd_window(text, start, end))
    return spans


_SEGMENTER = None


def _pysbd_window(text: str, start: int, end: int) -> list[tuple[int, int]]:
    global _SEGMENTER
    import pysbd

    if _SEGMENTER is None:
        _SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=False)
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for segment in _SEGMENTER.segment(chunk):
        piece = segment.strip()
        if not piece:
            continue
        found = chunk.find(piece, cursor)
        if found < 0:
            found = cursor
            piece = chunk[cursor:].strip()
            found = chunk.find(piece, cursor) if piece else cursor
        span = (start + found, start + found + len(piece))
        if spans and _CONTINUATION.match(piece):
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
        cursor = found + len(piece)
        if cursor >= len(chunk):
            break
    return [s for s in spans if s[1] > s[0]]


# -- comparison ------------------------------------------------------------------------------


def timed(split, texts: list[str]) -> tuple[float, list[list[tuple[int, int]]]]:
    began = time.perf_counter()
    result = [split(t) for t in texts]
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from timeline.events.sentences import split_sentences

    with tempfile.TemporaryDirectory() as folder:
        texts = blocks(Path(folder))
    chars = sum(map(len, texts))
    new_time, new = timed(split_sentences, texts)
    print(f"{len(texts):,} blocks, {chars / 1e6:.1f} M characters")
    print(f"split_sentences: {new_time:.2f} s ({chars / new_time / 1e6:.1f} M chars/s), "
          f"{sum(map(len, new)):,} sentences")
    try:
        import pysbd  # noqa: F401
    except ModuleNotFoundError:
        print("pysbd is not installed: no comparison (pip install pysbd)")
        return
    old_time, old = timed(pysbd_split, texts)
    print(f"pysbd:           {old_time:.2f} s ({chars / old_time / 1e6:.2f} M chars/s), "
          f"{sum(map(len, old)):,} sentences; the new splitter is {old_time / new_time:.0f}x "
          "faster")
    both = only_new = only_old = same = 0
    differing = []
    for text, mine, theirs in zip(texts, new, old, strict=True):
        ends_new = {e for _, e in mine[:-1]}
        ends_old = {e for _, e in theirs[:-1]}
        both += len(ends_new & ends_old)
        only_new += len(ends_new - ends_old)
        only_old += len(ends_old - ends_new)
        same += mine == theirs
        if mine != theirs:
            differing.append((text, mine, theirs))
    print(f"sentence ends inside blocks: {both:,} found by both, {only_new:,} by the new "
          f"splitter only, {only_old:,} by pysbd only (agreement "
          f"{both / max(1, both + only_new + only_old):.1%}); blocks split identically: "
          f"{same / len(texts):.1%}")
    for text, mine, theirs in differing[: args.show]:
        print("\n--- new:")
        for s, e in mine:
            print(f"  | {text[s:e]}")
        print("--- pysbd:")
        for s, e in theirs:
            print(f"  | {text[s:e]}")


if __name__ == "__main__":
    main()
