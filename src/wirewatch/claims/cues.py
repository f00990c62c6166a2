"""Which words are attribution cues: a logistic model over parse features.

PolNeAR's cues are a long tail (stance verbs like "backed" or "called for",
belief verbs, "told", nouns like "statement"), so a fixed list misses most of
them. Each candidate token (a verb, or a noun that could head a cue) gets
sparse features from the dependency parse: its lemma, its complement frame,
which dependents it has (a subject? a clause? a preposition and which one?),
what kind of thing its subject is, whether it stands inside a quotation. A
logistic model trained on PolNeAR train (``scripts/train_claim_cues.py``)
weighs them; ``data/claims/cues.json`` holds only feature names and weights.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from wirewatch.nlp import doc_text

CANDIDATE_POS = ("VERB", "AUX", "NOUN")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
FIRST_PERSON = {"i", "we"}
PERSON_PRONOUNS = {"he", "she", "they", "you"}


SENT_KEY = "_ww_claims_sentences"  # a per-document memo, removed again by find_claims


def _sentence_row(token: Token) -> tuple[int, int, int, int, bool]:
    """(start char, end char, first token, end token, has a quotation mark) of the token's sentence.

    ``Token.sent`` walks the document's sentences on every call; the claims
    stage asks for it per candidate, so the rows are tabled once per document.
    """
    doc = token.doc
    table = doc.user_data.get(SENT_KEY)
    if table is None:
        text = doc_text(doc)
        table = [(0, 0, 0, 0, False)] * len(doc)
        for sent in doc.sents:
            quoted = any(ch in text[sent.start_char:sent.end_char] for ch in "\"“”")
            row = (sent.start_char, sent.end_char, sent.start, sent.end, quoted)
            for i in range(sent.start, sent.end):
                table[i] = row
        doc.user_data[SENT_KEY] = table
    return table[token.i]


def sentence_of(token: Token) -> tuple[int, int, int, int]:
    """(start char, end char, first token, end token) of the token's sentence."""
    return _sentence_row(token)[:4]


def _sentence_has_quote(token: Token) -> bool:
    return _sentence_row(token)[4]


def is_candidate(token: Token) -> bool:
    """Tokens the model scores: content verbs, and nouns with a clause, preposition or possessor."""
    if token.pos_ not in CANDIDATE_POS or token.dep_ in ("aux", "auxpass"):
        return False
    if token.pos_ == "NOUN":
        return any(c.dep_ in ("prep", "acl", "ccomp", "poss", "relcl") for c in token.children)
    return True


def frame(verb: Token) -> str:
    """The token's complement frame."""
    deps = {c.dep_ for c in verb.children}
    for dep in ("ccomp", "xcomp", "dobj"):
        if dep in deps:
            return dep
    return "none"


def features(token: Token, in_quote: bool) -> Iterator[str]:
    """Sparse feature names for one candidate token."""
    lemma = token.lemma_.lower()
    fr = frame(token)
    deps = sorted({c.dep_ for c in token.children if c.dep_ not in ("punct", "det")})
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    yield "bias"
    yield f"pos={token.pos_}"
    yield f"tag={token.tag_}"
    yield f"dep={token.dep_}"
    yield f"lemma={lemma}"
    yield f"lf={lemma}|{fr}"
    yield f"frame={fr}"
    yield f"ldep={lemma}|{token.dep_}"
    for dep in deps:
        yield f"child={dep}"
        yield f"lchild={lemma}|{dep}"
    for child in token.rights:
        if child.dep_ in ("prep", "prt") and child.i <= token.i + 2:
            yield f"prep={child.lower_}"
            yield f"lprep={lemma}|{child.lower_}"
            break
    if subject is None:
        yield "nosubj"
        yield f"lnosubj={lemma}"
    else:
        kind = _subject_kind(subject)
        yield f"subj={kind}"
        yield f"lsubj={lemma}|{kind}"
        yield f"subjdep={subject.dep_}"
        if subject.pos_ in ("NOUN", "PROPN") and not subject.ent_type_:
            yield f"slemma={subject.lemma_.lower()}"  # "officials", "poll", "report"
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is not None:
        yield f"obj={obj.lemma_.lower()}"  # light verbs: "made comments", "expressed concern"
        yield f"lobj={lemma}|{obj.lemma_.lower()}"
        yield f"objkind={_subject_kind(obj)}"
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        yield "that_clause"
    head = token.head
    if head is not token:
        yield f"head={head.lemma_.lower()}"
        yield f"hdep={token.dep_}|{head.pos_}"
    if in_quote:
        yield "inquote"
        yield f"inquote|{fr}|{subject is not None}"
    prev = token.doc[token.i - 1] if token.i > 0 else None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    yield f"prev={prev.lower_ if prev is not None else '<s>'}"
    yield f"next={nxt.lower_ if nxt is not None else '</s>'}"
    if nxt is not None and nxt.text in "\"“:":
        yield "next=quote"
    if _sentence_has_quote(token):
        yield "sent_has_quote"


def _subject_kind(subject: Token) -> str:
    lower = subject.lower_
    if lower in FIRST_PERSON:
        return "first"
    if lower in PERSON_PRONOUNS:
        return "pron"
    if lower in ("it", "this", "that", "which", "what"):
        return "it"
    if lower == "who":
        return "who"
    if subject.ent_type_:
        return subject.ent_type_
    if subject.tag_ == "NNS":
        return "plural"
    return subject.pos_


@dataclass(frozen=True, slots=True)
class CueModel:
    weights: dict[str, float]
    threshold: float

    def probability(self, token: Token, in_quote: bool) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features(token, in_quote))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_cue(self, token: Token, in_quote: bool) -> bool:
        return is_candidate(token) and self.probability(token, in_quote) >= self.threshold


@lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The trained model, or None when the artefact is absent (the caller falls back to a list)."""
    try:
        raw = (resources.files("wirewatch") / "data" / "claims" / "cues.json").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    data = json.loads(raw)
    if "weights" not in data:
        return None
    return CueModel(dict(data["weights"]), float(data["threshold"]))
