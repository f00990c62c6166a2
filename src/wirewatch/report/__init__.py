"""The situation report: self-contained HTML (works offline) and Markdown, built from the store."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from html import escape

from wirewatch.report.svg import COLOURS, svg_map, svg_timeline
from wirewatch.store import Store

CSS = """
body{font:15px/1.5 Georgia,serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h2{border-bottom:2px solid #222;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;
vertical-align:top}th{background:#f0f0f0}.grid{stroke:#ccc;stroke-width:.5}.gridlabel,.tick,.legend{font:10px sans-serif;
fill:#555}.placelabel{font:11px sans-serif;fill:#111}.map,.timeline{width:100%;height:auto;border:1px solid #ccc}
.side-UA{color:#1f5fa8}.side-RU{color:#b22222}.side-THIRD{color:#555}.muted{color:#777;font-size:12px}
.badge{display:inline-block;padding:0 6px;border-radius:8px;background:#eee;font:11px sans-serif}
blockquote{margin:.3em 0 .3em 1em;padding-left:.6em;border-left:3px solid #ccc}
@media print{.map,.timeline{break-inside:avoid}}
"""


@dataclass(frozen=True)
class Report:
    html: str
    markdown: str


def _rows(store: Store, sql: str) -> list[dict]:
    cursor = store.con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def build_report(store: Store) -> Report:
    from wirewatch.exporters import EVENTS_SQL

    events = _rows(store, EVENTS_SQL)
    claims = _rows(store, """SELECT c.*, a.source, a.doc_id, a.published, a.title FROM claims c
                             JOIN articles a USING (article_id) ORDER BY c.side, c.speaker, a.published""")
    places = _rows(store, """SELECT name, geonameid, any_value(lat) AS lat, any_value(lon) AS lon,
                             any_value(country_code) AS country_code, count(*) AS mentions,
                             count(DISTINCT article_id) AS articles FROM places WHERE geonameid IS NOT NULL
                             GROUP BY name, geonameid ORDER BY mentions DESC""")
    control = _rows(store, """SELECT o.*, a.source, a.doc_id, a.published, p.lat, p.lon FROM control o
                              JOIN articles a USING (article_id)
                              LEFT JOIN (SELECT geonameid, any_value(lat) lat, any_value(lon) lon FROM places
                                         GROUP BY geonameid) p USING (geonameid)
                              ORDER BY o.place, o.date""")
    articles = _rows(store, """SELECT article_id, doc_id, source, published, title, url, syndication_group
                               FROM articles ORDER BY published, article_id""")
    errors = _rows(store, "SELECT doc_id, stage, reason FROM errors ORDER BY logged_at")
    developments = _developments(events)
    contradictions = _casualty_contradictions(developments)
    html = _html(events, developments, claims, places, control, articles, contradictions, errors)
    markdown = _markdown(developments, claims, contradictions, articles)
    return Report(html, markdown)


def _developments(events: list[dict]) -> list[dict]:
    """Reports of the same kind of event at the same place within a day, with their sources."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for e in events:
        day = e["event_date"]
        groups[(e["sub_event_type"], e["geonameid"] or e["notes"][:40], day)].append(e)
    out = []
    for (sub_type, _, day), reports in groups.items():
        outlets = {(r["syndication_group"] or r["doc_id"]) for r in reports}
        out.append({"sub_event_type": sub_type, "event_type": reports[0]["event_type"], "date": day,
                    "location": reports[0]["location"], "lat": reports[0]["latitude"],
                    "lon": reports[0]["longitude"], "reports": reports, "outlets": len(outlets),
                    "sources": sorted({r["claimed_by"] for r in reports if r["claimed_by"]})})
    out.sort(key=lambda d: (d["date"] or dt.date.min, -d["outlets"]))
    return out


def _casualty_contradictions(developments: list[dict]) -> list[dict]:
    found = []
    for d in developments:
        figures = {(r["fatalities"], r["source"]) for r in d["reports"] if r["fatalities"] is not None}
        if len({f for f, _ in figures}) > 1:
            found.append({"development": d, "figures": sorted(figures, key=lambda f: f[0])})
    return found


def _cite(r: dict) -> str:
    label = escape(f'{r["source"] or r["doc_id"]}, {r["published"] or "undated"}')
    return f'<a href="{escape(r["url"])}">{label}</a>' if r.get("url") else label


def _html(events, developments, claims, places, control, articles, contradictions, errors) -> str:
    points = [{"lat": d["lat"], "lon": d["lon"], "label": d["location"], "kind": d["event_type"],
               "size": d["outlets"], "title": f'{d["date"]} {d["sub_event_type"]} in {d["location"]}'}
              for d in developments if d["lat"] is not None]
    points += [{"lat": c["lat"], "lon": c["lon"], "label": c["place"], "shape": "triangle",
                "title": f'{c["date"]}: {c["side"]} {c["change"]} {c["place"]}'} for c in control if c["lat"]]
    timeline = svg_timeline([(e["event_date"], e["event_type"]) for e in events if e["event_date"]])
    dates = [a["published"] for a in articles if a["published"]]
    period = f"{min(dates)} to {max(dates)}" if dates else "undated"
    outlets = len({a["source"] for a in articles if a["source"]})
    body = [f"<h1>Situation report</h1><p class='muted'>{len(articles)} articles from {outlets} outlets, "
            f"{period}; {len(events)} event reports merged into {len(developments)} developments; generated "
            f"{dt.date.today()} by wirewatch.</p>",
            "<h2>Map</h2>", svg_map(points), "<h2>Timeline</h2>", timeline, "<h2>Key developments</h2>"]
    body.append("<table><tr><th>Date</th><th>What</th><th>Where</th><th>Outlets</th><th>Asserted by</th>"
                "<th>Evidence and sources</th></tr>")
    for d in sorted(developments, key=lambda d: (-d["outlets"], str(d["date"])))[:60]:
        first = d["reports"][0]
        colour = COLOURS.get(d["event_type"], "#333")
        body.append(f'<tr><td>{d["date"] or ""}</td><td><span style="color:{colour}">■</span> '
                    f'{escape(d["sub_event_type"])}</td><td>{escape(d["location"] or "")}</td>'
                    f'<td>{d["outlets"]}</td><td>{escape(", ".join(d["sources"]))}</td>'
                    f'<td><blockquote>{escape(first["notes"])}</blockquote>'
                    f'{"; ".join(_cite(r) for r in d["reports"])}</td></tr>')
    body.append("</table><h2>Contradictions</h2>")
    if contradictions:
        for c in contradictions:
            d = c["development"]
            figures = "; ".join(f"{n} killed according to {escape(src or '?')}" for n, src in c["figures"])
            body.append(f'<p><b>{escape(d["sub_event_type"])} in {escape(d["location"] or "?")} on {d["date"]}'
                        f"</b>: {figures}</p>")
    else:
        body.append("<p>None found.</p>")
    body.append("<h2>Territorial control</h2>")
    body.append("<table><tr><th>Place</th><th>Date</th><th>Side</th><th>Change</th><th>Claimed by</th>"
                "<th>Evidence</th></tr>" + "".join(
                    f'<tr><td>{escape(c["place"])}</td><td>{c["date"] or ""}</td>'
                    f'<td class="side-{c["side"]}">{c["side"]}</td><td>{c["change"]}</td>'
                    f'<td>{escape(c["claimed_by"] or "")}</td><td>{escape(c["evidence_text"])} ({_cite(c)})</td></tr>'
                    for c in control) + "</table>" if control else "<p>None found.</p>")
    body.append("<h2>Claims by side and speaker</h2>")
    by_side: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        by_side[c["side"] or "unknown"][c["speaker"] or "unnamed source"].append(c)
    for side in sorted(by_side):
        body.append(f'<h3 class="side-{side}">{escape(side)}</h3>')
        for speaker, said in sorted(by_side[side].items(), key=lambda kv: -len(kv[1])):
            body.append(f"<p><b>{escape(speaker)}</b> <span class='badge'>{len(said)}</span></p>")
            body.extend(f"<blockquote>{escape(c['content_text'] or '')} <span class='muted'>"
                        f"({escape(c['cue_text'])}{', ' + escape(c['channel']) if c['channel'] else ''}; "
                        f"{_cite(c)})</span></blockquote>" for c in said[:5])
    body.append("<h2>Places mentioned</h2><table><tr><th>Place</th><th>GeoNames</th><th>Lat, lon</th>"
                "<th>Mentions</th><th>Articles</th></tr>" + "".join(
                    f'<tr><td>{escape(p["name"])}</td><td>{p["geonameid"]}</td><td>{p["lat"]:.3f}, '
                    f'{p["lon"]:.3f}</td><td>{p["mentions"]}</td><td>{p["articles"]}</td></tr>'
                    for p in places[:80]) + "</table>")
    body.append("<h2>Sources</h2><table><tr><th>Published</th><th>Outlet</th><th>Title</th>"
                "<th>Syndication group</th></tr>" + "".join(
                    f'<tr><td>{a["published"] or ""}</td><td>{escape(a["source"] or "")}</td>'
                    f'<td>{escape(a["title"] or a["doc_id"])}</td><td>{a["syndication_group"] or ""}</td></tr>'
                    for a in articles) + "</table>")
    if errors:
        body.append("<h2>Documents that could not be read</h2><ul>" + "".join(
            f"<li>{escape(e['doc_id'])}: {escape(e['stage'])}: {escape(e['reason'])}</li>" for e in errors)
            + "</ul>")
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>wirewatch situation report</title>"
            f"<meta name='viewport' content='width=device-width'><style>{CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>")


def _markdown(developments, claims, contradictions, articles) -> str:
    lines = ["# Situation report", "", f"{len(articles)} articles, {len(developments)} developments.", "",
             "## Key developments", ""]
    for d in sorted(developments, key=lambda d: (-d["outlets"], str(d["date"])))[:40]:
        sources = "; ".join(f'{r["source"] or r["doc_id"]} ({r["published"]})' for r in d["reports"])
        lines.append(f'- **{d["date"]}** {d["sub_event_type"]} in {d["location"] or "unknown place"}'
                     f' ({d["outlets"]} outlets): "{d["reports"][0]["notes"]}" [{sources}]')
    lines += ["", "## Contradictions", ""]
    lines += [f'- {c["development"]["sub_event_type"]} in {c["development"]["location"]}: ' +
              "; ".join(f"{n} killed per {s}" for n, s in c["figures"]) for c in contradictions] or ["None found."]
    lines += ["", "## Claims", ""]
    lines += [f'- {c["speaker"] or "unnamed"} ({c["side"] or "?"}): "{c["content_text"]}"' for c in claims[:60]]
    return "\n".join(lines) + "\n"
