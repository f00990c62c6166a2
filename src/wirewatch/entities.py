"""Entities: named entities canonicalised inside a document, with sides."""

from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.models import Entity
from wirewatch.profile import ConflictProfile


def find_entities(doc: Doc, profile: ConflictProfile) -> list[Entity]:
    return []
