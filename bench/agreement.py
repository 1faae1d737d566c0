"""Agreement between two TimeML annotations of the same texts, and the tagger against each.

Usage: python3 bench/agreement.py FIRST_DIR SECOND_DIR

Two annotators who worked alone mark the same documents; their agreement (value F1 of one
against the other, TempEval-3 style, as ``timeline eval`` counts it) is the ceiling a tagger can
be expected to reach on such text. Documents are paired by DOCID; their texts must agree up to
surrounding whitespace.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.temporal.evaluate import Counts, evaluate  # noqa: E402
from timeline.temporal.tagger import tag  # noqa: E402
from timeline.temporal.timeml import TimeMLDocument, read_timeml_dir  # noqa: E402


def aligned(reference: TimeMLDocument, other: TimeMLDocument):
    """``other``'s timexes at ``reference``'s character offsets."""
    body = other.text.strip()
    if reference.text.strip() != body:
        sys.exit(f"{reference.doc_id}: the two annotations' texts differ")
    shift = reference.text.index(body) - other.text.index(body)
    return [replace(t, start=t.start + shift, end=t.end + shift) for t in other.timexes]


def figures(counts: Counts) -> str:
    def f1(matched: int) -> float:
        return 200 * matched / (counts.gold + counts.system) if counts.gold + counts.system else 0
    return (f"value F1 {f1(counts.value):5.1f}   relaxed span F1 {f1(counts.relaxed):5.1f}   "
            f"({counts.gold} against {counts.system})")


def report(label: str, gold: list[TimeMLDocument], system) -> None:
    by_text = {doc.text: system(doc) for doc in gold}
    evaluation = evaluate(gold, lambda text, anchor=None, dayfirst=False: by_text[text])
    print(f"{label:26} DATE+TIME  {figures(evaluation.total('date_time'))}")
    print(f"{'':26} all types  {figures(evaluation.total('all'))}")


def main(first_dir: str, second_dir: str) -> None:
    first = {d.doc_id: d for d in read_timeml_dir(first_dir)}
    second = {d.doc_id: d for d in read_timeml_dir(second_dir)}
    if first.keys() != second.keys():
        sys.exit("the two folders do not hold the same documents (by DOCID)")
    documents = [first[key] for key in sorted(first)]
    print(f"{len(documents)} documents")
    report("second against first", documents, lambda d: aligned(d, second[d.doc_id]))
    report("tagger against first", documents, lambda d: tag(d.text, anchor=d.dct))
    report("tagger against second", [second[key] for key in sorted(second)],
           lambda d: tag(d.text, anchor=d.dct))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
