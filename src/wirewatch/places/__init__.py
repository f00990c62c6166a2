"""Places: toponym recognition and resolution against a GeoNames gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.models import Place


class PlaceFinder:
    @classmethod
    def default(cls) -> "PlaceFinder":
        return cls()

    def find(self, doc: Doc) -> list[Place]:
        return []
