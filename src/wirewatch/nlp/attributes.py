"""The model's tag-to-POS/morph/lemma exceptions applied from a table instead of a Matcher.

spaCy's AttributeRuler matches every one of its ~180 patterns against the
document and then sets attributes match by match through a new Span each
time: nearly every token matches at least one pattern, so it costs about as
much as the tagger and parser together. The patterns are almost all one token
long and test only the token itself (tag, lowercase form, dependency, space),
so the attributes each token gets depend only on those four values and can be
worked out once per distinct combination, and set for all tokens at once as
arrays. The few multi-token patterns (and any with an operator the table does
not know) still go through a Matcher. The result is the AttributeRuler's own
(later patterns override earlier ones, attribute by attribute);
tests/test_attributes.py checks it token for token against the original.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

KEYS = [TAG, LOWER, DEP, IS_SPACE]  # what a one-token rule tests, as ``Doc.to_array`` gives it
_TESTS = {"TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
          "IS_SPACE": lambda t: t.is_space}


class TableAttributes:
    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = list(ruler.attrs)
        self.single: list[tuple[int, dict[str, Any]]] = []  # (rule number, the token's constraints)
        self.multi = Matcher(ruler.vocab)
        self.indices = list(ruler.indices)
        for i, rule in enumerate(ruler.patterns):
            for pattern in rule["patterns"]:
                if len(pattern) == 1 and _tabulable(pattern[0]):
                    self.single.append((i, pattern[0]))
                else:
                    self.multi.add(str(i), [pattern])
        self.columns = sorted({attr for attrs in self.attrs for attr in attrs})  # the attributes rules set
        # the one-token rules by the exact form, else the exact tag, they require (most require one): a token
        # is tested against the rules of its form and tag and the few others, not against all of them
        self._by_form: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._by_tag: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._any: list[tuple[int, dict[str, Any]]] = []
        for rule in self.single:
            form, tag = rule[1].get("LOWER"), rule[1].get("TAG")
            if isinstance(form, str):
                self._by_form.setdefault(form, []).append(rule)
            elif isinstance(tag, str):
                self._by_tag.setdefault(tag, []).append(rule)
            else:
                self._any.append(rule)
        self._rules: dict[tuple, tuple[int, ...]] = {}  # (tag, form, dep, space) -> the one-token rules that hold
        self._merged: dict[tuple[int, ...], dict] = {}  # rules -> their attributes, a later rule winning
        self._rows: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}  # rules -> (values, which set)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            rule = int(doc.vocab.strings[match_id])
            extra.setdefault(doc[start:end][self.indices[rule]].i, []).append(rule)
        # Each distinct (tag, form, dependency, space) is looked up once; the attributes go in as arrays.
        keys, first, inverse = np.unique(doc.to_array(KEYS), axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        table = np.zeros((len(keys), len(self.columns)), dtype=np.uint64)
        given = np.zeros((len(keys), len(self.columns)), dtype=bool)
        single: list[tuple[int, ...]] = []
        for u, key in enumerate(map(tuple, keys.tolist())):
            rules = self._rules.get(key)
            if rules is None:
                token = doc[int(first[u])]
                rules = self._rules[key] = self._holding(token)
            single.append(rules)
            table[u], given[u] = self._row(rules)
        if given.any():
            values = doc.to_array(self.columns)
            doc.from_array(self.columns, np.where(given[inverse], table[inverse], values))
        for i, rules in extra.items():  # a multi-token rule too: merged with the token's own rules, in order
            set_token_attrs(doc[i], self._attributes(tuple(sorted((*single[inverse[i]], *rules)))))
        return doc

    def _holding(self, token: Any) -> tuple[int, ...]:
        """The one-token rules that hold for ``token``, in rule order."""
        candidates = self._by_form.get(token.lower_, []) + self._by_tag.get(token.tag_, []) + self._any
        return tuple(sorted(i for i, constraints in candidates if _holds(token, constraints)))

    def _row(self, rules: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The rules' attributes as a row of ``columns``, and which of them the rules set."""
        row = self._rows.get(rules)
        if row is None:
            values = np.zeros(len(self.columns), dtype=np.uint64)
            given = np.zeros(len(self.columns), dtype=bool)
            for attr, value in self._attributes(rules).items():
                values[self.columns.index(attr)], given[self.columns.index(attr)] = value, True
            row = self._rows[rules] = (values, given)
        return row

    def _attributes(self, rules: tuple[int, ...]) -> dict:
        merged = self._merged.get(rules)
        if merged is None:
            merged = self._merged[rules] = {}
            for i in rules:  # a later rule wins, attribute by attribute
                merged.update(self.attrs[i])
        return merged


def _holds(token: Any, constraints: dict[str, Any]) -> bool:
    for name, wanted in constraints.items():
        value = _TESTS[name](token)
        if isinstance(wanted, dict):
            if "IN" in wanted and value not in wanted["IN"] or "NOT_IN" in wanted and value in wanted["NOT_IN"] or \
                    "REGEX" in wanted and not re.search(wanted["REGEX"], value):
                return False
        elif value != wanted:
            return False
    return True


def _tabulable(constraints: dict[str, Any]) -> bool:
    """Tests of the token alone with operators ``_holds`` knows; anything else is left to the Matcher."""
    return set(constraints) <= set(_TESTS) and all(
        not isinstance(v, dict) or set(v) <= {"IN", "NOT_IN", "REGEX"} for v in constraints.values())


def use_table_attributes(nlp: Language) -> None:
    """Swap the model's AttributeRuler for the table-driven equivalent built from its own patterns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    if not Language.has_factory("ww_attributes"):
        Language.factory("ww_attributes", func=lambda nlp, name: TableAttributes(nlp.get_pipe("attribute_ruler")))
    nlp.add_pipe("ww_attributes", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
