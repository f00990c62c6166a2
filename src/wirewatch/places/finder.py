"""``PlaceFinder``: the places of a parsed document, recognised and resolved (what the spaCy component
calls)."""

from __future__ import annotations

import unicodedata

from dataclasses import replace

from spacy.tokens import Doc

from wirewatch.models import Place, Span
from wirewatch.nlp import doc_text
from wirewatch.places.compass import compass_parts
from wirewatch.places.gazetteer import Gazetteer
from wirewatch.places.names import FEATURE_WORDS
from wirewatch.places.outlet import outlet_home
from wirewatch.places.recognise import Mention, Recogniser
from wirewatch.places.resolve import resolve
from wirewatch.places.story_region import in_story_regions


class PlaceFinder:
    """Finds and resolves the places of a parsed document.

    ``demonyms``: also report adjectives of nationality ("Ukrainian") as mentions of their country.
    Off by default: "Russian forces" says who, not where. They are read as context either way ("Israeli
    forces raided Jenin, killing five Palestinians": the Palestinian Jenin, not a village in Poland).
    """

    def __init__(self, gazetteer: Gazetteer, demonyms: bool = False) -> None:
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.recognise = Recogniser(gazetteer, demonyms=True)

    @classmethod
    def default(cls, demonyms: bool = False) -> PlaceFinder:
        return cls(Gazetteer.load(), demonyms=demonyms)

    def mentions(self, doc: Doc) -> list[Mention]:
        return [m for m in self.recognise(doc) if self.demonyms or not m.demonym]

    def find(self, doc: Doc, url: str | None = None, source: str | None = None) -> list[Place]:
        """The document's places; ``url`` and ``source`` (the outlet) default to the Doc's metadata."""
        return self.find_all(doc, url, source)[0]

    def find_all(self, doc: Doc, url: str | None = None, source: str | None = None
                 ) -> tuple[list[Place], list[Place]]:
        """The document's places (toponyms), and the places it names by description ("the Ukrainian capital":
        Kyiv), which are no toponyms but can be where something happened."""
        if url is None and Doc.has_extension("ww_url"):
            url = doc._.ww_url
        if source is None and Doc.has_extension("ww_source"):
            source = doc._.ww_source
        home = outlet_home(self.gazetteer, url, source) if url or source else []
        mentions = self.recognise(doc, home)
        text = doc_text(doc)
        choices = resolve(mentions, self.gazetteer, text, home)
        places, described = [], []
        for m, (entry, score) in zip(mentions, choices, strict=True):
            capital = self._capital_named(doc, m, entry)
            if capital is not None:
                described.append(capital)
            if m.demonym and not self.demonyms and not _names_a_site(doc, m, entry):
                continue
            span = Span.of(text, m.start, m.end)
            if entry is None:
                places.append(Place(span, None, None, None, None, None, None, None, 0.0))
                continue
            places.append(Place(span, entry.geonameid, _shown_name(entry.name, span.text, m.demonym),
                                round(entry.lat, 5), round(entry.lon, 5), entry.country_code, entry.admin1,
                                entry.feature_code, round(score, 4)))
        places = in_story_regions(compass_parts(places, self.gazetteer, text), self.gazetteer, text)
        # a division is shown by its English name ("Kursk Oblast", not "Kurskaya oblast'"); its admin1 stays
        # GeoNames' own, which the profiles and the rules compare
        english = self.gazetteer.english
        return [replace(p, name=english[p.geonameid]) if p.geonameid in english else p for p in places], described

    def _capital_named(self, doc: Doc, mention: Mention, country) -> Place | None:
        """"the Ukrainian capital", "Ukraine's capital", "the capital of Brazil": a country's adjective or owner
        before "capital", or the country it is the capital of, names the country's capital city."""
        if country is None or not country.feature_code.startswith("PCL"):
            return None
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        after = span.end + (0 if mention.demonym else 1)  # the owner's "'s"
        if after < len(doc) and doc[after].lower_ == "capital" and (mention.demonym or doc[span.end].tag_ == "POS"):
            start, end = mention.start, doc[after].idx + len("capital")
        elif not mention.demonym and span.start >= 2 and doc[span.start - 1].lower_ == "of" \
                and doc[span.start - 2].lower_ == "capital" and (span.end == len(doc) or doc[span.end].tag_ != "POS"):
            # (not "the capital of Russia's Donetsk People's Republic": that is Donetsk's)
            start, end = doc[span.start - 2].idx, mention.end
        else:
            return None
        city = self.gazetteer.capital(country.country_code)
        if city is None:
            return None
        text = doc_text(doc)
        return Place(Span.of(text, start, end), city.geonameid, city.name,
                     round(city.lat, 5), round(city.lon, 5), city.country_code, city.admin1, city.feature_code, 1.0)


def _names_a_site(doc: Doc, mention: Mention, entry) -> bool:
    """"the Crimean bridge": the adjective of a region before a feature's noun says where the feature is (a
    country's, "the Russian border", "a Russian airfield" in occupied land, says whose it is)."""
    if entry is None or entry.feature_code.startswith(("PCL", "CONT", "RGN")):
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.end < len(doc) and doc[span.end].lower_ in FEATURE_WORDS


def _shown_name(name: str, written: str, demonym: bool) -> str:
    """The name a reader is shown: the gazetteer's ("Culiacán"), unless it is in another script or in GeoNames'
    inverted form ("Stînga Nistrului, unitatea teritorială din") and the text names the place in plain Latin
    letters ("Transnistria", "TRANSNISTRIA")."""
    latin = all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)
    if demonym or latin and "," not in name or not written.isascii():
        return name
    return written.title() if written.isupper() else written
