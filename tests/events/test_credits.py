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


def test_a_person_an_agency_in_capitals_a_credit_line_and_a_name_particle():
    assert _rest("Photo: Ann Lee/River Photo Desk Bo Ray, the mayor, said it held.") == (
        "Bo Ray, the mayor, said it held.")
    assert _rest("Photo: WIRE Engineers said the levee held.") == (
        "Engineers said the levee held.")
    assert _rest("Photo credit: Ann Lee/Wire Another storm came.") == "Another storm came."
    assert _rest("Image: Ann de Lee/Wire Crews worked all night.") == "Crews worked all night."


def test_a_credit_running_into_a_caption_is_left_whole():
    for text in ("Photo: WIRE/Ann Lee (Crews at the levee at dawn) The levee held.",
                 "Photo: Ann Lee/Wire Bo Ray (left) said it held."):
        assert credit_end(text) == 0, text


def test_a_title_before_the_subject_name_stays_with_the_sentence():
    assert _rest("Photo: Ann Lee/Wire Governor Bo Ray toured the levee.") == (
        "Governor Bo Ray toured the levee.")
    assert _rest("Photo: Ann Lee Mayor Bo Ray toured it.") == "Mayor Bo Ray toured it."
    assert _rest("Photo: Ann Lee/Wire Dr. Bo Ray, the engineer, said it held.") == (
        "Dr. Bo Ray, the engineer, said it held.")
    assert _rest("Photo: Dr Ann Lee/Wire Crews worked all night.") == "Crews worked all night."
