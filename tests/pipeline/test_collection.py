"""timeline.pipeline.collection: the memos kept between builds give what computing afresh gives."""

from __future__ import annotations

import pickle

from timeline.events.salience import form_cost
from timeline.pipeline.collection import CollectionState

PAGE = ("Harbour crews rest at dawn Ferry staff sail on Friday, officials said.\n\n"
        "The ferry staff and the harbour crews met on Thursday.")
SENTENCES = ["Harbour crews rest at dawn Ferry staff sail on Friday, officials said.",
             "The ferry staff and the harbour crews met on Thursday.",
             "- A photographer caught the ferry leaving on Friday, May 6, 2022."]


def test_the_form_cost_memo_answers_what_the_function_does_build_after_build():
    state = CollectionState()
    expected = [form_cost(s, PAGE) for s in SENTENCES] + [form_cost(SENTENCES[0], None)]
    for _build in range(2):
        state.begin()
        remembered = state.form_cost()
        found = [remembered(s, PAGE) for s in SENTENCES] + [remembered(SENTENCES[0], None)]
        assert found == expected
        state = pickle.loads(pickle.dumps(state))  # as a one-shot build keeps it on disk
    assert len(state.forms) == len(SENTENCES)  # the sentence without a page is not kept
    # another page: another answer may be due, so it is asked again
    state.begin()
    other = SENTENCES[0].replace("Ferry", "ferry") + " " + PAGE
    assert state.form_cost()(SENTENCES[0], other) == form_cost(SENTENCES[0], other)
