"""timeline.events.credits: where a leading photo credit ends."""

from __future__ import annotations

from timeline.events.credits import credit_end


def _rest(text: str) -> str:
    return text[credit_end(text):]


def test_the_credit_ends_before_the_sentence_however_it_opens():
    assert _rest("Photo: Ann Lee/Wire 15 homes were flooded.") == "15 homes were flooded."
    assert _rest("PHOTO: ANN LEE/WIRE Crews worked all night.") == "Crews worked all night."
    assert _rest("Picture: Ann Lee/Wire/Photo Desk It rained.") == "It rained."
    assert _rest("Credit: Ann J. Lee \u201cWe lost everything,\u201d she said.") == (
        "\u201cWe lost everything,\u201d she said.")


def test_no_credit_without_a_name_or_with_a_dangling_slash():
    for text in ("Photo: Readers sent pictures of the flood.",
                 "Photo: the levee at dawn.",
                 "Photo: Ann Lee/ the levee at dawn.",
                 "Photographers: Ann Lee and Bo Ray took them.",
                 "A photo: Ann Lee/Wire took it."):
        assert credit_end(text) == 0, text
