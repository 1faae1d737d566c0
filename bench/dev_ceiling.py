"""How far careful annotators agree with the dev set's gold: the ceiling of the dev targets.

Usage: python3 bench/dev_ceiling.py [DEV_DIR]   (default: ../shared/data/timeml-dev)

48 of the 256 dev documents (``bench/agreement/dev-sample/sample.tsv``, a seeded random
sample) were given, without their TIMEX3 tags and under neutral names, to two annotators who
worked alone from one brief (``BRIEF.md`` there). Their tags are stored as offsets into the dev
texts (``annotator-1.json``, ``annotator-2.json``), so the dev texts are not copied here.

The script prints each annotator against the dev gold, the two against each other, and the
tagger against all three, DATE+TIME and all types, as ``timeline eval`` counts value F1.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from agreement import report  # noqa: E402

from timeline.temporal.model import Timex  # noqa: E402
from timeline.temporal.tagger import tag  # noqa: E402
from timeline.temporal.timeml import TimeMLDocument, read_timeml_dir  # noqa: E402

SAMPLE = ROOT / "bench" / "agreement" / "dev-sample"


def annotated(gold: list[TimeMLDocument], path: Path) -> list[TimeMLDocument]:
    """The sampled dev documents with one annotator's tags in place of the gold ones."""
    tags = json.loads(path.read_text(encoding="utf-8"))
    documents = []
    for doc in gold:
        timexes = tuple(Timex(**row) for row in tags[doc.doc_id])
        for timex in timexes:
            if doc.text[timex.start:timex.end] != timex.text:
                sys.exit(f"{path.name}: {doc.doc_id} {timex.text!r} is not at {timex.start}; "
                         "the dev text has changed")
        documents.append(replace(doc, timexes=timexes))
    return documents


def main(dev_dir: str) -> None:
    sample = [line.split("\t")[1] for line in (SAMPLE / "sample.tsv").read_text().splitlines()]
    dev = {doc.doc_id: doc for doc in read_timeml_dir(dev_dir)}
    gold = [dev[doc_id] for doc_id in sample]
    first = annotated(gold, SAMPLE / "annotator-1.json")
    second = annotated(gold, SAMPLE / "annotator-2.json")
    print(f"{len(gold)} dev documents, {sum(len(d.timexes) for d in gold)} gold timexes")

    def tags_of(documents):
        by_id = {doc.doc_id: doc.timexes for doc in documents}
        return lambda doc: list(by_id[doc.doc_id])

    def tagger(doc):
        return tag(doc.text, anchor=doc.dct)

    report("annotator 1 against gold", gold, tags_of(first))
    report("annotator 2 against gold", gold, tags_of(second))
    report("annotator 2 against 1", first, tags_of(second))
    report("tagger against gold", gold, tagger)
    report("tagger against annotator 1", first, tagger)
    report("tagger against annotator 2", second, tagger)


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "data" / "timeml-dev"
    main(sys.argv[1] if len(sys.argv) > 1 else str(default))
