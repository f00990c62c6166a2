"""The table-driven attribute step gives exactly what spaCy's AttributeRuler gives."""

from __future__ import annotations

from wirewatch.nlp.attributes import use_table_attributes
from wirewatch.nlp import load_model

TEXT = ("There are reports that the convoy, which left Kharkiv at dawn, was hit. “We ain't gonna leave,” "
        "a medic said. I told you it was them; you gave it to me. Those who stayed did what they could, "
        "but that is all.\n\n   \nLet's go, y'all: gotta move. He gets it; she got it. Do it! Did he? "
        "That's what I'd do.")


def test_the_table_gives_the_attribute_rulers_result_token_for_token():
    original, fast = load_model(), load_model()
    use_table_attributes(fast)
    assert "attribute_ruler" not in fast.pipe_names and "ww_attributes" in fast.pipe_names
    a, b = original(TEXT), fast(TEXT)
    seen = [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in a]
    assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in b] == seen
    # the exceptions really were applied: a determiner used as a pronoun, a multi-token lemma
    assert ("PRON", "that") in {(t.pos_, t.lower_) for t in b}
    assert "go" in [t.lemma_ for t in b if t.lower_ == "gon"]


def test_empty_and_one_token_documents_pass_through():
    fast = load_model()
    use_table_attributes(fast)
    assert len(fast("")) == 0
    assert [(t.pos_, t.lemma_) for t in fast("Went")] == [(t.pos_, t.lemma_) for t in load_model()("Went")]
