"""Village namesakes resolved by the story's region (codebook section 7).

Small villages share names across regions and countries ("Novomykhailivka" is in several oblasts
and in Russia). When the article names first-level regions ("in the Donetsk region") and a
settlement was resolved outside all of them, the settlement's namesake inside a named region is
meant, if the gazetteer has one: the region named right after it first, else any the story names.
With no namesake there and the region named right after it in another country, the settlement is a
village the gazetteer lacks: it keeps that region's country and no coordinates.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wirewatch.models import Place
from wirewatch.places.gazetteer import Gazetteer

NEAR_CHARS = 60  # "X in the Donetsk region", "X, a village in the Kharkiv region"
_IN = re.compile(r"^[\s,]*(?:(?:a|the)\s+(?:village|town|settlement|city)\s+)?in\s+(?:the\s+)?$", re.IGNORECASE)


def in_story_regions(places: list[Place], gazetteer: Gazetteer, text: str) -> list[Place]:
    regions = [p for p in places if (p.feature_code or "").startswith("ADM1") and p.admin1]
    if not regions:
        return places
    named = {r.admin1 for r in regions}
    out = []
    for place in places:
        if place.geonameid and (place.feature_code or "").startswith("PP") and place.admin1 not in named:
            near = [r.admin1 for r in regions if 0 <= r.span.start - place.span.end <= NEAR_CHARS
                    and _IN.match(text[place.span.end:r.span.start])]
            twin = max((c for c in gazetteer.candidates(place.span.text) if c.admin1 in near and c.feature_class == "P"),
                       key=lambda c: c.population, default=None) if near else None
            if twin is not None:
                place = replace(place, geonameid=twin.geonameid, name=twin.name, lat=round(twin.lat, 5),
                                lon=round(twin.lon, 5), country_code=twin.country_code, admin1=twin.admin1,
                                feature_code=twin.feature_code)
            elif near:
                region = next(r for r in regions if r.admin1 == near[0])
                if region.country_code != place.country_code:
                    # "X in the Donetsk region" and the only X known is abroad: a village the gazetteer
                    # lacks, placed in that region's country with no coordinates to invent
                    place = replace(place, geonameid=None, name=None, lat=None, lon=None,
                                    country_code=region.country_code, admin1=region.admin1, feature_code=None)
        out.append(place)
    return out
