"""The report's map as inline SVG (no scripts or tiles), and the colours every map and chart uses."""

from __future__ import annotations

import math
from html import escape

from wirewatch.profile import ConflictProfile

COLOURS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d",
}


def svg_map(points: list[dict], width: int = 760, height: int = 460) -> str:
    """Points ({lat, lon, label, kind, size}) on an equirectangular map fitted to their extent, with a graticule."""
    located = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return '<p class="empty">No located events.</p>'
    # Fit the bulk of the points (5th-95th percentile, widened) so one misplaced far-away event
    # does not shrink the theatre to a dot; points outside the frame are left out and counted.
    lats = sorted(p["lat"] for p in located)
    lons = sorted(p["lon"] for p in located)

    def q(values: list[float], f: float) -> float:
        i = f * (len(values) - 1)
        return values[math.floor(i) if f < 0.5 else math.ceil(i)]

    la0, la1, lo0, lo1 = q(lats, 0.05), q(lats, 0.95), q(lons, 0.05), q(lons, 0.95)
    pad = 0.6
    south, north = la0 - 0.2 * (la1 - la0) - pad, la1 + 0.2 * (la1 - la0) + pad
    west, east = lo0 - 0.2 * (lo1 - lo0) - pad, lo1 + 0.2 * (lo1 - lo0) + pad
    outside = [p for p in located if not (south <= p["lat"] <= north and west <= p["lon"] <= east)]
    located = [p for p in located if p not in outside]
    kx = math.cos(math.radians((south + north) / 2))  # keep shapes true near the centre latitude
    span_x, span_y = (east - west) * kx, north - south
    scale = min((width - 40) / span_x, (height - 40) / span_y)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return 20 + (lon - west) * kx * scale, height - 20 - (lat - south) * scale

    parts = [f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="Map of events">',
             f'<rect width="{width}" height="{height}" fill="#e3edf3"/>']
    parts += _countries(xy, west, south, east, north)
    parts += _admin1(xy, west, south, east, north)
    step = 1 if north - south < 8 else 5
    for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        _, y = xy(lat, west)
        parts.append(f'<line x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="2" y="{y - 2:.1f}" class="gridlabel">{lat}°N</text>')
    for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        x, _ = xy(south, lon)
        parts.append(f'<line y1="0" y2="{height}" x1="{x:.1f}" x2="{x:.1f}" class="grid"/>'
                     f'<text x="{x + 2:.1f}" y="{height - 4}" class="gridlabel">{lon}°E</text>')
    labelled: set[str] = set()
    for p in sorted(located, key=lambda p: -p.get("size", 1)):
        x, y = xy(p["lat"], p["lon"])
        r = 4 + 2.5 * math.sqrt(p.get("size", 1))
        colour = COLOURS.get(p.get("kind", ""), "#34495e")
        title = escape(p.get("title", p.get("label", "")))
        if p.get("shape") == "triangle":
            parts.append(f'<path d="M{x:.1f},{y - r:.1f} L{x + r:.1f},{y + r:.1f} L{x - r:.1f},{y + r:.1f} Z" '
                         f'fill="none" stroke="#111" stroke-width="1.5"><title>{title}</title></path>')
        else:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.7" '
                         f'stroke="#222" stroke-width="0.5"><title>{title}</title></circle>')
        label = p.get("label") or ""
        if label and label not in labelled:
            labelled.add(label)
            parts.append(f'<text x="{x + r + 2:.1f}" y="{y + 4:.1f}" class="placelabel">{escape(label)}</text>')
    parts.append(_legend(width))
    if outside:
        names = ", ".join(sorted({escape(p.get("label") or "?") for p in outside}))
        parts.append(f'<text x="6" y="14" class="legend">Outside this frame: {names}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _countries(xy, west: float, south: float, east: float, north: float) -> list[str]:
    """Country outlines (land on a sea-coloured frame) and names, under everything else."""
    from wirewatch.report.basemap import in_frame, label_point

    shapes, names = [], []
    for c in in_frame(west, south, east, north):
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lat, lon) for lon, lat in ring)) + " Z"
                     for ring in c.rings)
        shapes.append(f'<path d="{d}" class="country" fill="#f4f1ea" stroke="#9a9a9a" stroke-width="0.8">'
                      f"<title>{escape(c.name)}</title></path>")
        at = label_point(c, west, south, east, north)
        if at:
            x, y = xy(*at)
            names.append(f'<text x="{x:.1f}" y="{y:.1f}" class="countrylabel" text-anchor="middle" '
                         f'fill="#8a8a8a" font-size="13" letter-spacing="2">{escape(c.name.upper())}</text>')
    return shapes + names


def _admin1(xy, west: float, south: float, east: float, north: float) -> list[str]:
    """First-level boundaries (oblasts), dashed, as one path."""
    from wirewatch.report.basemap import admin1_lines

    d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lat, lon) for lon, lat in line))
                 for line in admin1_lines(west, south, east, north) if len(line) > 1)
    return [f'<path d="{d}" class="admin1" fill="none" stroke="#9c9c9c" stroke-width="0.7" '
            'stroke-dasharray="3 3"/>'] if d else []


def _legend(width: int) -> str:
    items = []
    for i, (kind, colour) in enumerate(COLOURS.items()):
        y = 14 + i * 15
        items.append(f'<circle cx="{width - 200}" cy="{y}" r="5" fill="{colour}"/>'
                     f'<text x="{width - 190}" y="{y + 4}" class="legend">{escape(kind)}</text>')
    y = 14 + len(COLOURS) * 15
    items.append(f'<path d="M{width - 200},{y - 5} L{width - 195},{y + 4} L{width - 205},{y + 4} Z" fill="none" '
                 f'stroke="#111"/><text x="{width - 190}" y="{y + 4}" class="legend">control change</text>')
    return "".join(items)


def side_styles(profile: ConflictProfile) -> str:
    """CSS that colours each fighting side's name (class ``side-<code>``) as maps and charts show the side
    (THIRD's text colour is the page's own, darker than its chart colour)."""
    return "".join(f".side-{code}{{color:{profile.colour(code)}}}" for code in profile.side_codes)
