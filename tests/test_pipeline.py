"""The per-document stage end to end: spans slice the original text, boilerplate stays out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.models import Article, Claim, DocResult, Entity, Event, Span
from wirewatch.nlp import STAGES
from wirewatch.pipeline import exact_offsets

FIXTURE = Path(__file__).parent / "fixtures" / "kharkiv_brief.txt"


def all_spans(result: DocResult):
    for b in result.boilerplate:
        yield b.span
    for group in (result.places, result.dates, result.entities):
        for item in group:
            yield item.span
    for c in result.claims:
        yield from (s for s in (c.cue, c.source, c.content, *c.sources, *c.contents) if s is not None)
    for e in result.events:
        yield e.evidence
    for o in result.control:
        yield o.evidence


def test_pipeline_runs_wirewatch_stages_in_order_after_the_model(extractor):
    names = extractor.nlp.pipe_names
    assert names[-len(STAGES):] == list(STAGES)
    assert "ner" in names and names.index("ner") < names.index("ww_places")


def test_spans_slice_the_original_text(extractor):
    text = FIXTURE.read_text(encoding="utf-8")
    article = Article(id="brief", text=text, published=dt.date(2022, 5, 12), body_start=text.index("\n") + 1)
    (result,) = extractor.process([article])
    spans = list(all_spans(result))
    assert spans
    for span in spans:
        assert text[span.start:span.end] == span.text


def test_nothing_is_extracted_from_boilerplate(extractor):
    text = FIXTURE.read_text(encoding="utf-8")
    (result,) = extractor.process([Article(id="brief", text=text, published=dt.date(2022, 5, 12))])
    furniture = [(b.span.start, b.span.end) for b in result.boilerplate]
    assert any(text[s:e] == "Oksana Melnyk/Eastern Ledger" for s, e in furniture)
    for span in all_spans(result):
        if any(span == b.span for b in result.boilerplate):
            continue
        assert not any(s <= span.start < e for s, e in furniture), span


def test_contract_dict_has_every_field(extractor):
    (result,) = extractor.process([Article(id="x", text="Shelling hit Kharkiv on Tuesday.",
                                           published=dt.date(2022, 5, 12))])
    row = result.to_dict()
    for key in ("id", "published", "language", "boilerplate", "places", "dates", "entities", "claims", "events"):
        assert key in row
    assert row["published"] == "2022-05-12"


FRAGMENTS = [
    "Russian forces shelled Kharkiv on Tuesday, the governor said.",
    "\u201cWe are pushing them back,\u201d he told DW TV.",
    "Advertisement",
    "Photo by Jane Doe/AP",
    "Izyum lies about 124km from Kharkiv.",
    "\u00a0\t",
    "Synehubov wrote on Telegram that two people were killed in Chuhuiv yesterday.",
    "1 of 4 | A caption here | License Photo",
    "\u0420\u043e\u0441\u0456\u044f \u0437\u0430\u0432\u0434\u0430\u043b\u0430 \u0443\u0434\u0430\u0440\u0443.",
    "\U0001f1fa\U0001f1e6 emoji and combining e\u0301 accents",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=12),
       st.sampled_from(["\n", "\n\n", " ", "\r\n"]))
def test_offsets_property(extractor, parts, sep):
    text = sep.join(parts)
    (result,) = extractor.process([Article(id="p", text=text, published=dt.date(2022, 5, 12))])
    assert isinstance(result, DocResult)
    for span in all_spans(result):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text


def test_a_fact_reaching_into_blanked_boilerplate_is_dropped_and_claim_indices_follow():
    text = "Advertisement\r\nShelling hit Izium, the governor said. Troops left Lyman, officials said."
    blanked = Span(0, 15, " " * 13 + " \n")  # what a stage sees where the advert was
    said_1, said_2 = text.index("said"), text.rindex("said")
    ghost = Claim(Span.of(text, said_1, said_1 + 4), blanked, None, "indirect")
    kept = Claim(Span.of(text, said_2, said_2 + 4), Span.of(text, said_2 - 10, said_2 - 1), None, "indirect")
    event = Event("Battles", "Armed clash", Span.of(text, 48, len(text)), claim=1)
    result = exact_offsets(DocResult(Article("a", text), entities=(Entity(blanked, "PERSON", "?"),),
                                     claims=(ghost, kept), events=(event,)))
    assert result.entities == () and result.claims == (kept,)
    assert result.events[0].claim == 0
