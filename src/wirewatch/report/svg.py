"""Inline SVG plots (map, timeline) so the report works offline with no scripts or tiles."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from html import escape

COLOURS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d",
}


def svg_map(points: list[dict], width: int = 760, height: int = 460) -> str:
    """Points ({lat, lon, label, kind, size}) on an equirectangular map fitted to their extent, with a graticule."""
    located = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return '<p class="empty">No located events.</p>'
    lats = [p["lat"] for p in located]
    lons = [p["lon"] for p in located]
    pad = 0.6
    south, north = min(lats) - pad, max(lats) + pad
    west, east = min(lons) - pad, max(lons) + pad
    kx = math.cos(math.radians((south + north) / 2))  # keep shapes true near the centre latitude
    span_x, span_y = (east - west) * kx, north - south
    scale = min((width - 40) / span_x, (height - 40) / span_y)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return 20 + (lon - west) * kx * scale, height - 20 - (lat - south) * scale

    parts = [f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="Map of events">',
             f'<rect width="{width}" height="{height}" fill="#f4f1ea"/>']
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
    parts.append("</svg>")
    return "".join(parts)


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


def svg_timeline(items: list[tuple[dt.date, str]], width: int = 760, height: int = 200) -> str:
    """Stacked bars: reports per day by event type."""
    if not items:
        return '<p class="empty">No dated events.</p>'
    first, last = min(d for d, _ in items), max(d for d, _ in items)
    days = (last - first).days + 1
    counts = Counter(items)
    per_day = Counter(d for d, _ in items)
    top = max(per_day.values())
    bar = (width - 60) / days
    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" aria-label="Events per day">']
    for i in range(days):
        day = first + dt.timedelta(days=i)
        y = height - 30
        for kind, colour in COLOURS.items():
            n = counts.get((day, kind), 0)
            if n:
                h = n / top * (height - 50)
                y -= h
                parts.append(f'<rect x="{40 + i * bar:.1f}" y="{y:.1f}" width="{max(bar - 1, 1):.1f}" '
                             f'height="{h:.1f}" fill="{colour}"><title>{day}: {n} {escape(kind)}</title></rect>')
        if days <= 31 or i % max(1, days // 15) == 0:
            parts.append(f'<text x="{40 + i * bar + bar / 2:.1f}" y="{height - 14}" class="tick" '
                         f'text-anchor="middle">{day.strftime("%d %b")}</text>')
    parts.append(f'<text x="4" y="24" class="tick">{top}</text><line x1="38" x2="38" y1="20" '
                 f'y2="{height - 30}" class="grid"/></svg>')
    return "".join(parts)
