"""The memoised lemma step gives exactly what spaCy's Lemmatizer gives."""

from __future__ import annotations

from wirewatch.nlp import load_model
from wirewatch.nlp.lemmas import use_table_lemmas

TEXT = ("Russian forces shelled the villages again; two people were killed and three wounded. "
        "The strikes, which hit Kharkiv's outskirts, damaged houses. She's leaving, they've left, "
        "we'd gone. Better roads were built faster than the worst ones. Shelling continues. "
        "The villages were shelled. Mice ran; the children slept.")


def test_the_table_gives_the_lemmatizers_result_token_for_token():
    original, fast = load_model(), load_model()
    use_table_lemmas(fast)
    assert "lemmatizer" not in fast.pipe_names and "ww_lemmas" in fast.pipe_names
    seen = [(t.text, t.lemma_) for t in original(TEXT)]
    assert [(t.text, t.lemma_) for t in fast(TEXT)] == seen
    assert [(t.text, t.lemma_) for t in fast(TEXT)] == seen  # asked again: from the table, the same
    lemmas = {t.text: t.lemma_ for t in fast(TEXT)}
    assert (lemmas["shelled"], lemmas["villages"], lemmas["Mice"], lemmas["children"]) == ("shell", "village", "mouse",
                                                                                          "child")


def test_a_lemma_the_attribute_rules_gave_is_kept_and_empty_documents_pass():
    fast = load_model()
    use_table_lemmas(fast)
    assert [t.lemma_ for t in fast("She's here")][1] == "be"  # set by the attribute rules, not the lemmatizer
    assert len(fast("")) == 0
