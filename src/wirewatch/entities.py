"""Entities: named entities canonicalised inside a document, with affiliation and side.

"Zelensky", "Zelenskyy" and "Volodomyr Zelenskyy" in one article are one
person: names are grouped by a spelling-insensitive key of their last word, and
each group takes the profile's canonical name when the profile knows the
person, else its longest spelling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from wirewatch.models import Entity, Place, Span
from wirewatch.nlp import doc_text
from wirewatch.places.spelling import name_key
from wirewatch.profile import ConflictProfile

LABELS = {"PERSON", "ORG", "NORP", "GPE"}
TITLES = {"president", "minister", "general", "brigadier", "brig", "gen", "colonel", "col", "governor", "mayor",
          "spokesman", "spokeswoman", "spokesperson", "deputy", "prime", "foreign", "defence", "defense", "mr",
          "mrs", "ms", "dr", "lt", "sgt", "major", "captain", "priest", "chief", "head", "commander"}


def find_entities(doc: Doc, profile: ConflictProfile, places: Sequence[Place] = ()) -> list[Entity]:
    """``places``: the document's resolved places; an official whose role names a place of one side's
    country ("head of the Derhachi military administration") is taken to be of that side."""
    text = doc_text(doc)
    ents = [_strip(e) for e in doc.ents if e.label_ in LABELS]
    ents = [e for e in ents if e is not None and len(e)]
    groups: dict[str, list[SpacySpan]] = {}
    for ent in ents:
        if ent.label_ == "PERSON":
            groups.setdefault(name_key(ent[-1].text), []).append(ent)
    canonical: dict[str, str] = {}
    for key, members in groups.items():
        party = next((p for m in members if (p := profile.match(m.text)) is not None), None)
        canonical[key] = party.name if party else max((m.text for m in members), key=len)
    found = []
    for ent in ents:
        name = canonical.get(name_key(ent[-1].text), ent.text) if ent.label_ == "PERSON" else ent.text
        party = profile.match(name) or profile.match(ent.text)
        affiliation, where = _affiliation(ent)
        side = party.side if party else _affiliation_side(affiliation, where, profile) if affiliation else None
        if side is None and where is not None:
            side = _side_of_place_in(where, places, profile)
        if ent.label_ == "ORG" and party:
            name = party.name
        if side is None and ent.label_ in ("NORP", "GPE"):
            side = profile.side_named(ent.text)  # "Ukrainian", "Russians", "Moscow" as actors
        found.append(Entity(Span.of(text, ent.start_char, ent.end_char), ent.label_, name, affiliation, side))
    roles = _role_mentions(doc, profile, found)
    # "Ukrainian" inside "the Ukrainian president" is part of the person mention, not an actor of its own
    found = [e for e in found if not any(r.span.start <= e.span.start and e.span.end <= r.span.end for r in roles)]
    return sorted(found + roles, key=lambda e: e.span.start)


def _role_mentions(doc: Doc, profile: ConflictProfile, found: list[Entity]) -> list[Entity]:
    """"the Ukrainian president" is Zelenskyy: a noun phrase the profile lists for a person."""
    taken = [(e.span.start, e.span.end) for e in found if e.label in ("PERSON", "ORG")]
    extra = []
    for chunk in doc.noun_chunks:
        party = profile.match(chunk.text)
        if party is None or party.kind != "person":
            continue
        start = chunk[1].idx if chunk[0].lower_ == "the" and len(chunk) > 1 else chunk.start_char
        if any(s < chunk.end_char and start < e for s, e in taken):
            continue
        extra.append(Entity(Span.of(doc_text(doc), start, chunk.end_char), "PERSON", party.name, party.role,
                            party.side))
    return extra


def _strip(ent: SpacySpan) -> SpacySpan | None:
    """Drop leading articles, titles and possessive endings: "Brig Gen Hromov" -> "Hromov"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a") or
                           ent.label_ == "PERSON" and doc[start].lower_.rstrip(".") in TITLES):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    while start < end and doc[start].is_space:
        start += 1
    if end <= start or any(t.is_space or "\n" in t.text_with_ws for t in doc[start:end - 1]):
        return None  # a name never runs across a line break or a blanked caption/advert
    return SpacySpan(doc, start, end, label=ent.label_)


def _affiliation(ent: SpacySpan) -> tuple[str | None, SpacySpan | None]:
    """The role or body next to a person (an appositive, a title before the name, or "of the X"), and the
    tokens it was read from."""
    if ent.label_ != "PERSON":
        return None, None
    head, doc = ent.root, ent.doc
    for child in head.children:
        if child.dep_ == "appos":
            return _read(doc[child.left_edge.i: child.right_edge.i + 1])
        if child.dep_ == "prep" and child.lower_ == "of":
            return _read(doc[child.i + 1: child.right_edge.i + 1])
    title = [t for t in doc[head.left_edge.i: ent.start] if not t.is_punct and t.dep_ != "det"]
    if title and not any(t.is_sent_start for t in doc[ent.start:ent.end]):
        return _clean(" ".join(t.text for t in title)), doc[title[0].i: title[-1].i + 1]
    if head.dep_ == "appos":  # "the governor of the Kursk region, Roman Starovoit": the role is read whole
        holder = head.head
        # hung on "region": the role is "governor"; only "of" joins a role ("the threat from Russia with
        # the Polish president, Andrzej Duda": the president is not of the threat)
        while holder.dep_ == "pobj" and holder.head.dep_ == "prep" and holder.head.lower_ == "of":
            holder = holder.head.head
        role = doc[holder.left_edge.i: head.head.i + 1]
        return _clean(role.text), doc[role.start: ent.start] if role.start < ent.start else role
    return None, None


def _affiliation_side(affiliation: str, where: SpacySpan | None, profile: ConflictProfile) -> str | None:
    """The side a role names, read from the role itself, not from what describes something in it ("the mayor of
    Melitopol, a city close to Crimea which is under Russian occupation" is no Russian)."""
    if where is None:
        return profile.side_in(affiliation)
    inside = described(where)
    return profile.side_in(" ".join(t.text for t in where if t.i not in inside))


def described(span: SpacySpan) -> set[int]:
    """Tokens of ``span`` that describe something other than the phrase's head: a relative or participle clause
    ("Robert Fico, known for his pro-Russian stance"), an appositive of a noun inside it ("the mayor of Melitopol,
    a city under Russian occupation")."""
    root = span.root
    inside: set[int] = set()
    for t in span:
        # (after the noun: "Russian-installed head" is the head's own)
        if t != root and (t.dep_ in ("relcl", "acl") and t.i > t.head.i or t.dep_ == "appos" and t.head != root):
            inside.update(x.i for x in t.subtree)
    return inside


def _read(tokens: SpacySpan) -> tuple[str | None, SpacySpan]:
    return _clean(tokens.text), tokens


def _side_of_place_in(tokens: SpacySpan, places: Sequence[Place], profile: ConflictProfile) -> str | None:
    """The side that is the state holding the settlements and regions a role names, when they agree. A
    side word in the role ("Russian-installed") was read before this and wins."""
    countries = {p.country_code for p in places
                 if tokens.start_char <= p.span.start and p.span.end <= tokens.end_char and p.country_code}
    return profile.side_of_country(countries.pop()) if len(countries) == 1 else None


def _clean(text: str) -> str | None:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,;"), flags=re.I)
    return text or None


