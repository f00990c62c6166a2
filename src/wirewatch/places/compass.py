""""southern Lebanon": the part of a country a compass word names, when the country has a first-level
division named for that direction (GeoNames: Lebanon's South Governorate, Rwanda's Southern Province).

Codebook section 7 places an event at the most precise level the text gives; "southern Lebanon" gives
more than the country. Countries with no such division ("eastern Ukraine") keep the country.
"""

from __future__ import annotations

import re
from dataclasses import replace

from wirewatch.models import Place, Span
from wirewatch.places.gazetteer import Gazetteer

_COMPASS_BEFORE = re.compile(r"\b(south|north|east|west)(?:ern)?\s+$", re.IGNORECASE)
# how English names such divisions (general English: "South Governorate", "Northern Province")
_FORMS = ("{d}", "{d}ern", "{d} Governorate", "{d}ern Governorate", "{d} Province", "{d}ern Province",
          "{d} Region", "{d}ern Region", "{d} District", "{d}ern District", "{d} {country}", "{d}ern {country}")


def compass_parts(places: list[Place], gazetteer: Gazetteer, text: str) -> list[Place]:
    return [_part(p, gazetteer, text) for p in places]


def _part(place: Place, gazetteer: Gazetteer, text: str) -> Place:
    if place.feature_code != "PCLI" or not place.country_code:
        return place
    found = _COMPASS_BEFORE.search(text, max(0, place.span.start - 12), place.span.start)
    if found is None:
        return place
    direction = found.group(1).capitalize()
    for form in _FORMS:
        name = form.format(d=direction, country=place.span.text)
        part = next((c for c in gazetteer.candidates(name)
                     if c.feature_code == "ADM1" and c.country_code == place.country_code), None)
        if part is not None:
            return replace(place, span=Span.of(text, found.start(), place.span.end), geonameid=part.geonameid,
                           name=part.name, lat=round(part.lat, 5), lon=round(part.lon, 5), admin1=part.admin1,
                           feature_code=part.feature_code)
    return place
