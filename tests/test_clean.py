"""Boilerplate is marked as spans with a kind; body paragraphs never are."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from wirewatch.clean import find_boilerplate, mask

FIXTURE = Path(__file__).parent / "fixtures" / "caption_heavy.txt"


def _marked(text: str) -> dict[str, str]:
    return {b.span.text: b.kind for b in find_boilerplate(text)}


def test_every_furniture_line_is_marked_with_its_kind():
    marked = _marked(FIXTURE.read_text(encoding="utf-8"))
    assert marked["Advertisement"] == "advert"
    assert marked["ADVERTISEMENT"] == "advert"
    assert marked["Marta Kovalenko/AP"] == "credit"
    assert marked["A woman carries plastic bottles past a burned-out tram depot in Saltivka, Kharkiv, Ukraine."] \
        == "caption"
    assert marked["Photo by Dmytro Hlushko/Northwire"] == "credit"
    assert any(t.startswith("2 of 5 | Residents") and k == "caption" for t, k in marked.items())
    assert marked["Read more: Why the battle for Kharkiv's suburbs matters"] == "promo"
    assert marked["Sign up for our morning briefing from the front line"] == "promo"
    assert marked["Photos from the front: a week in Saltivka"] == "promo"
    assert marked["Most Read"] == "nav"


def test_no_body_paragraph_is_marked():
    text = FIXTURE.read_text(encoding="utf-8")
    spans = find_boilerplate(text)
    body = [
        "Shelling resumes on Kharkiv outskirts as residents queue for water",
        "Artillery fire struck the northern outskirts of Kharkiv overnight",
        "\"The enemy is shelling from positions near the border,\"",
        "The mayor said repairs to the water network would take at least a week.",
    ]
    for sentence in body:
        start = text.index(sentence)
        assert not any(b.span.start <= start < b.span.end for b in spans), sentence


def test_caption_before_its_credit_is_a_caption():
    text = "Residents lined up for water at a school courtyard at dawn. Photo by Dmytro Hlushko/Northwire"
    kinds = [(b.kind, b.span.text) for b in find_boilerplate(text)]
    assert kinds == [("caption", "Residents lined up for water at a school courtyard at dawn."),
                     ("credit", "Photo by Dmytro Hlushko/Northwire")]


def test_header_before_body_start_is_ignored():
    text = "date 2022-05-12 Advertisement\nBody text follows here."
    assert find_boilerplate(text, body_start=16) == tuple(find_boilerplate(text, body_start=16))
    assert [b.span.start for b in find_boilerplate(text, body_start=16)] == [16]


def test_mask_keeps_length_and_newlines():
    text = "Advertisement\nReal body.\n"
    masked = mask(text, [(0, 13)])
    assert len(masked) == len(text)
    assert masked == " " * 13 + "\nReal body.\n"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_boilerplate_spans_always_slice_the_text(text):
    for b in find_boilerplate(text):
        assert text[b.span.start:b.span.end] == b.span.text
        assert b.span.text.strip() == b.span.text and b.span.text


def test_a_line_of_hashtags_is_a_tag_list():
    text = "A missile struck a cargo ship off Aden on Monday.\n\n#ship #missile #Aden, #RedSea\n\nIt was the #1 target.\n"
    assert _marked(text) == {"#ship #missile #Aden, #RedSea": "nav"}
