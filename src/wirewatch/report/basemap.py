"""Country outlines for the maps, from the ``countryinfo`` package (installed by the build, read offline).

The outlines are coarse (country borders and coasts at a small scale), which is
what a situation map needs to show which side of a border an event is on. Only
countries whose bounding box meets the map's frame are returned, so a report
about Kharkiv does not embed the coast of Chile.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points, closed


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    rings: tuple[Ring, ...]
    west: float
    south: float
    east: float
    north: float
    label_at: tuple[float, float] | None  # (lat, lon) where to write the name


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country with an outline; empty if the package is missing or its data unreadable."""
    try:
        from countryinfo import all_countries
    except ImportError:  # the maps still work, with the graticule alone
        return ()
    out = []
    for c in all_countries():
        try:
            geo = c.geo_json() or {}
            name = c.name()
            latlng = c.latlng()
        except Exception:  # noqa: BLE001 - one country's bad record must not cost the map
            continue
        rings: list[Ring] = []
        for feature in geo.get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates", [])
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            elif geometry.get("type") != "MultiPolygon":
                continue
            for polygon in polygons:
                for ring in polygon[:1]:  # the outer ring; lakes would only clutter
                    rings.append(tuple((float(x), float(y)) for x, y, *_ in ring))
        if not rings:
            continue
        lons = [x for r in rings for x, _ in r]
        lats = [y for r in rings for _, y in r]
        label = (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else None
        out.append(Country(str(name).title(), tuple(rings), min(lons), min(lats), max(lons), max(lats), label))
    return tuple(sorted(out, key=lambda c: c.name))


def in_frame(west: float, south: float, east: float, north: float) -> list[Country]:
    """Countries whose outline may show inside the frame (bounding boxes meet)."""
    return [c for c in countries() if c.west <= east and c.east >= west and c.south <= north and c.north >= south]


def as_json(west: float, south: float, east: float, north: float) -> list[dict]:
    """The outlines meeting the frame, for the web map: rings of [lon, lat] rounded to ~100 m."""
    return [{"name": c.name, "label_at": c.label_at,
             "rings": [[[round(x, 3), round(y, 3)] for x, y in ring] for ring in c.rings
                       if _ring_meets(ring, west, south, east, north)]}
            for c in in_frame(west, south, east, north)]


def _ring_meets(ring: Ring, west: float, south: float, east: float, north: float) -> bool:
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south


def label_point(c: Country, west: float, south: float, east: float, north: float) -> tuple[float, float] | None:
    """Where to write the country's name inside the frame: its own label point, else the middle of the part
    of its bounding box in the frame, when that falls inside the country; None when neither does."""
    candidates = []
    if c.label_at:
        candidates.append(c.label_at)
    candidates.append(((max(south, c.south) + min(north, c.north)) / 2, (max(west, c.west) + min(east, c.east)) / 2))
    for lat, lon in candidates:
        if south < lat < north and west < lon < east and any(_inside(lon, lat, r) for r in c.rings):
            return lat, lon
    return None


def _inside(x: float, y: float, ring: Ring) -> bool:
    """Even-odd rule: is the point inside the ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside
