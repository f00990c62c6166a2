"""The model's rule lemmatizer, asked once per distinct word form, tag and morphology.

spaCy's Lemmatizer walks the document token by token in Python and, even when its
cache knows the answer, builds each Token and its morphology again: about a tenth
of the whole parse. A rule lemma depends only on the word form, the coarse tag and
the morphology (the Lemmatizer's own cache key), so the lemma of each distinct
triple is asked of the Lemmatizer once and set for all tokens at once as an array.
Tokens that already have a lemma (the attribute rules give some) keep it, as with
the Lemmatizer. tests/test_lemmas.py checks the result token for token.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

KEYS = [ORTH, POS, MORPH, LEMMA]


class TableLemmas:
    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}  # (form, tag, morphology) -> the lemma's hash

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(KEYS)
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        for i, (form, tag, morphology, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            value = self.known.get((form, tag, morphology))
            if value is None:
                word = self.lemmatizer.lemmatize(doc[i])[0]
                value = self.known[(form, tag, morphology)] = doc.vocab.strings.add(word)
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


def use_table_lemmas(nlp: Language) -> None:
    """Swap the model's rule Lemmatizer for the memoised equivalent that asks it once per distinct word."""
    if "lemmatizer" not in nlp.pipe_names or nlp.get_pipe("lemmatizer").mode != "rule":
        return
    if not Language.has_factory("ww_lemmas"):
        Language.factory("ww_lemmas", func=lambda nlp, name: TableLemmas(nlp.get_pipe("lemmatizer")))
    nlp.add_pipe("ww_lemmas", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
