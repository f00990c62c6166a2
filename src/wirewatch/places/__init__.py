"""Places: toponym recognition and resolution against a GeoNames gazetteer.

``recognise`` finds the mentions (NER plus gazetteer matching, demonyms on
request), ``resolve`` ranks each mention's candidates with the document's
context, and ``PlaceFinder`` ties them into the pure function the spaCy
component calls.
"""

from __future__ import annotations

from spacy.tokens import Doc

from wirewatch.models import Place, Span
from wirewatch.places.gazetteer import Gazetteer, name_key
from wirewatch.places.recognise import Mention, Recogniser
from wirewatch.places.resolve import resolve

__all__ = ["PlaceFinder", "Gazetteer", "Mention", "name_key"]


class PlaceFinder:
    """Finds and resolves the places of a parsed document.

    ``demonyms``: also report adjectives of nationality ("Ukrainian") as mentions of their country.
    Off by default: "Russian forces" says who, not where.
    """

    def __init__(self, gazetteer: Gazetteer, demonyms: bool = False) -> None:
        self.gazetteer = gazetteer
        self.recognise = Recogniser(gazetteer, demonyms=demonyms)

    @classmethod
    def default(cls, demonyms: bool = False) -> PlaceFinder:
        return cls(Gazetteer.load(), demonyms=demonyms)

    def mentions(self, doc: Doc) -> list[Mention]:
        return self.recognise(doc)

    def find(self, doc: Doc) -> list[Place]:
        mentions = self.recognise(doc)
        choices = resolve(mentions, self.gazetteer, doc.text)
        places = []
        for m, (entry, score) in zip(mentions, choices, strict=True):
            span = Span.of(doc.text, m.start, m.end)
            if entry is None:
                places.append(Place(span, None, None, None, None, None, None, None, 0.0))
                continue
            places.append(Place(span, entry.geonameid, entry.name, round(entry.lat, 5), round(entry.lon, 5),
                                entry.country_code, entry.admin1, entry.feature_code, round(score, 4)))
        return places
