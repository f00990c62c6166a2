"""Claims: who said what (source, cue, content), through whom."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from wirewatch.models import Claim, Entity
from wirewatch.profile import ConflictProfile


def find_claims(doc: Doc, entities: Sequence[Entity], profile: ConflictProfile) -> list[Claim]:
    return []
