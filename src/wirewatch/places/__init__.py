"""Places: toponym recognition and resolution against a GeoNames gazetteer.

Recognition combines the NER (which mislabels many toponyms: Belgorod as an
organisation, Kyiv as a person) with gazetteer matching of proper-noun runs.
Resolution ranks each mention's candidates by prominence and by the document's
context: the countries and regions of the unambiguous mentions, "X region"
hierarchy, and distance to the other places, so the Kharkiv-oblast Zolochiv
wins in an article about Kharkiv.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from wirewatch.models import GazetteerEntry, Place, Span
from wirewatch.places.gazetteer import Gazetteer, name_key

__all__ = ["PlaceFinder", "Gazetteer", "name_key"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAYBE_PLACE_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART"}
REGION_WORDS = {"region", "oblast", "province", "district", "regions", "oblasts"}
# Proper nouns that are also place names but rarely mean the place in news text.
NOT_PLACES = {
    "may", "june", "march", "august", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "god", "president", "minister", "general", "brigadier", "colonel", "mr", "mrs", "ms", "dr",
    "telegram", "twitter", "facebook", "tv", "news", "city", "state", "west", "east", "north", "south",
    "union", "university", "street", "latest", "most", "about", "ap", "afp", "reuters", "upi", "getty",
    "brig", "gen", "lt", "col", "sgt", "maj", "capt", "adm", "gov", "sen", "rep", "battle", "dw", "bbc", "cnn",
}


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    candidates: list[GazetteerEntry]
    region: bool  # "X region": prefer first-level divisions


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    @classmethod
    def default(cls) -> PlaceFinder:
        return cls(Gazetteer.load())

    def find(self, doc: Doc) -> list[Place]:
        mentions = self._recognise(doc)
        return [self._resolve(doc, m, mentions) for m in mentions]

    # -- recognition -------------------------------------------------------
    def _recognise(self, doc: Doc) -> list[_Mention]:
        taken = [False] * len(doc)
        mentions: list[_Mention] = []
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or ent.label_ in MAYBE_PLACE_LABELS:
                mention = self._mention(doc, ent, strict=ent.label_ not in PLACE_LABELS,
                                        exact=ent.label_ == "PERSON")
                if mention:
                    mentions.append(mention)
                if mention or ent.label_ in ("PERSON", "ORG", "NORP"):
                    # a person's first name or an organisation's head word is not a place of its own
                    for i in range(ent.start, ent.end):
                        taken[i] = True
        # Proper-noun runs the NER missed, matched against the gazetteer.
        i = 0
        while i < len(doc):
            if taken[i] or not _is_proper(doc[i]):
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < 3 and _is_proper(doc[j]) and not taken[j]:
                j += 1
            for end in range(j, i, -1):
                mention = self._mention(doc, doc[i:end], strict=True)
                if mention:
                    mentions.append(mention)
                    i = end
                    break
            else:
                i += 1
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _mention(self, doc: Doc, span: SpacySpan, strict: bool, exact: bool = False) -> _Mention | None:
        while len(span) and span[0].lower_ in ("the", "a"):
            span = span[1:]
        while len(span) and (span[-1].is_punct or span[-1].lower_ in ("'s", "’s")):
            span = span[:-1]
        if not len(span) or span.text.lower() in NOT_PLACES or not span.text[:1].isupper():
            return None
        region = span.end < len(doc) and doc[span.end].lower_ in REGION_WORDS
        candidates = self.gazetteer.candidates(span.text)
        if not candidates:
            if strict or span.text.endswith(("ian", "ean", "ese", "ish")):  # demonyms are not places
                return None
            return _Mention(span.start_char, span.end_char, span.text, [], region)
        if strict and not _notable(candidates[0], span.text):
            return None
        if exact and name_key(candidates[0].name) != name_key(span.text):
            return None
        if region:
            span = doc[span.start:span.end + 1]
            candidates = self._with_regions(candidates)
        return _Mention(span.start_char, span.end_char, span.text, candidates, region)

    def _with_regions(self, candidates: list[GazetteerEntry]) -> list[GazetteerEntry]:
        """For "Belgorod region": the first-level divisions that contain the namesake towns."""
        regions = [c for c in candidates if c.feature_code == "ADM1"]
        for town in candidates[:5]:
            if town.feature_code != "ADM1" and town.admin1:
                regions += [r for r in self.gazetteer.candidates(town.admin1)
                            if r.feature_code == "ADM1" and r.country_code == town.country_code]
        unique = {r.geonameid: r for r in regions}
        return list(unique.values()) or candidates

    # -- resolution --------------------------------------------------------
    def _resolve(self, doc: Doc, mention: _Mention, mentions: list[_Mention]) -> Place:
        span = Span.of(doc.text, mention.start, mention.end)
        if not mention.candidates:
            return Place(span, None, None, None, None, None, None, None, 0.0)
        context = _Context.of([m for m in mentions if m is not mention])
        scored = sorted(((self._score(c, mention, context), c) for c in mention.candidates[:25]),
                        key=lambda sc: (-sc[0], sc[1].geonameid))
        best_score, best = scored[0]
        total = sum(math.exp(s - best_score) for s, _ in scored)
        return Place(span, best.geonameid, best.name, round(best.lat, 5), round(best.lon, 5), best.country_code,
                     best.admin1, best.feature_code, 1.0 / total)

    @staticmethod
    def _score(c: GazetteerEntry, mention: _Mention, context: _Context) -> float:
        prominence = {"PCLI": 3.0, "ADM1": 2.0}.get(c.feature_code, math.log10(c.population + 10) / 3)
        score = prominence
        if mention.region:
            score += 3.0 if c.feature_code == "ADM1" else -1.0
        elif c.feature_code == "ADM1":
            score -= 1.5  # a bare name is the town more often than the region named after it
        score += 2.0 * context.country_share(c.country_code)
        if c.admin1 and c.feature_code != "ADM1":
            score += 2.0 * context.admin1_share((c.country_code, c.admin1))
        if context.points and c.feature_code not in ("PCLI", "ADM1"):
            nearest = min(_km(c.lat, c.lon, lat, lon) for lat, lon in context.points)
            score += 1.0 if nearest < 150 else 0.5 if nearest < 400 else 0.0
        return score


@dataclass
class _Context:
    countries: Counter
    admin1s: Counter
    points: list[tuple[float, float]]

    @classmethod
    def of(cls, others: list[_Mention]) -> _Context:
        countries: Counter = Counter()
        admin1s: Counter = Counter()
        points = []
        for m in others:
            if not m.candidates:
                continue
            top = m.candidates[0]
            unambiguous = len({(c.country_code, c.admin1) for c in m.candidates[:3]}) == 1 or \
                top.feature_code in ("PCLI", "ADM1") or top.population > 20 * max(
                    (c.population for c in m.candidates[1:3]), default=0)
            if not unambiguous:
                continue
            countries[top.country_code] += 1
            if top.admin1:
                admin1s[(top.country_code, top.admin1)] += 1
            if top.feature_code not in ("PCLI", "ADM1"):
                points.append((top.lat, top.lon))
        return cls(countries, admin1s, points)

    def country_share(self, code: str | None) -> float:
        total = sum(self.countries.values())
        return self.countries[code] / total if total else 0.0

    def admin1_share(self, key: tuple[str | None, str]) -> float:
        total = sum(self.admin1s.values())
        return self.admin1s[key] / total if total else 0.0


def _is_proper(token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha


def _notable(entry: GazetteerEntry, text: str) -> bool:
    """Whether a proper noun the NER did not call a place should be taken as ``entry``."""
    if entry.feature_code in ("PCLI", "ADM1") or entry.population >= 100_000:
        return True
    return entry.population >= 5000 and name_key(entry.name) == name_key(text)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))
