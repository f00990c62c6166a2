"""HTML pages of the web app: the map, an event's reports with highlighted evidence, claims (search and the event
table: search_page.py, event_table.py).

Pages other than the map are rendered on the server and need no script.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from html import escape
from typing import Annotated
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Path, Query
from fastapi.responses import HTMLResponse, Response

from wirewatch.corpus.records import ArticleRec
from wirewatch.outputs import link_url
from wirewatch.profile import CONTESTED, ConflictProfile, load_profile
from wirewatch.report.data import plural
from wirewatch.report.svg import COLOURS as TYPE_COLOURS
from wirewatch.report.svg import side_styles
from wirewatch.web.event_api import Side
from wirewatch.web.tables import Tables

Rows = Callable[..., list[dict]]
TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments")
# The map's libraries, installed by npm and copied here by `make install` (static/vendor), then its own script.
VENDOR = {  # file -> media type
    "leaflet.js": "text/javascript", "leaflet.markercluster.js": "text/javascript", "leaflet.css": "text/css",
    "MarkerCluster.css": "text/css", "MarkerCluster.Default.css": "text/css",
    "images/layers.png": "image/png", "images/layers-2x.png": "image/png",
}
MAP_SCRIPTS = ("vendor/leaflet.js", "vendor/leaflet.markercluster.js", "app.js")
MAP_STYLES = "".join(f"<link rel='stylesheet' href='/static/vendor/{name}'>" for name in VENDOR if name.endswith(".css"))


def shell(title: str, body: str, script: bool = False, head: str = "") -> str:
    """A page: a skip link, the nav, ``body`` in <main>; ``script``: the map page's script and libraries."""
    nav = ('<nav aria-label="Pages"><a href="/">Map</a><a href="/events">Events</a><a href="/claims">Claims</a>'
           '<a href="/search">Search</a><a href="/docs">API</a></nav>')
    js = "".join(f'<script src="/static/{name}"></script>' for name in MAP_SCRIPTS) if script else ""
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)} · wirewatch</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<link rel='icon' href='data:,'>"  # no icon, and no request for one
            f"{head}<link rel='stylesheet' href='/static/app.css'></head><body>"
            "<a class='skip' href='#main'>Skip to content</a>"
            f"<header><b>wirewatch</b>{nav}</header><main id='main' tabindex='-1'>{body}</main>{js}</body></html>")


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """The article text, escaped, with each evidence span in <mark>; offsets are into the original text."""
    out, last = [], 0
    for start, end in sorted(s for s in spans if 0 <= s[0] <= s[1] <= len(text)):
        if start < last:
            continue
        out += [escape(text[last:start]), f'<mark id="m{start}">', escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _legend() -> str:
    """The legend; its swatches are filled in by the page's script with the map's colours."""
    return ('<div class="legend"><h2>Legend</h2><ul class="keys" id="type-keys"></ul>'
            '<p>Dots: events, coloured by type, larger when more independent outlets report them. A numbered '
            'circle is a cluster of nearby events: click it to zoom in or, where they share one point, to spread '
            'them out. Flags: who holds a settlement at the end of the time window, by its latest control change '
            '(solid: confirmed by the other side or an independent outlet; pale: claimed by one side only; '
            'hatched: disputed or contested; framed: changed hands inside the window); a numbered white flag '
            'gathers nearby ones: click it to open it.</p>'
            '<ul class="keys" id="holder-keys"></ul>'
            '<p>Lines: country borders (countryinfo data) and, dashed, first-level areas such as oblasts '
            '(Natural Earth).</p></div>')


def map_page(profile: ConflictProfile) -> str:
    """The map page's body: its filters offer the profile's sides, its flags use their colours."""
    holders = {side: profile.colour(side) for side in (*profile.side_codes, CONTESTED)}
    return f"""
<h1 class="visually-hidden">Map of events and control</h1>
<form id="filters" class="filters" role="search" aria-label="Filter events">
 <label>From <input type="date" name="date_from"></label> <label>To <input type="date" name="date_to"></label>
 <span class="presets" role="group" aria-label="Time window"><button type="button" data-days="7">Last 7 days</button>
 <button type="button" data-days="30">Last 30 days</button> <button type="button" data-days="">All</button></span>
 <label>Type <select name="event_type"><option value="">all</option>
 {"".join(f'<option value="{escape(t)}">{escape(t)}</option>' for t in TYPES)}</select></label>
 <label>Side <select name="side"><option value="">all</option>
 {"".join(f'<option value="{escape(s)}">{escape(s)}</option>' for s in profile.all_sides)}</select></label>
 <label>Text <input type="search" name="q" size="12"></label>
 <details id="more-filters"><summary>More filters</summary><div class="filters">
 <label>Source <select name="source"><option value="">all</option></select></label>
 <label>Story <select name="story"><option value="">all</option></select></label>
 <label>Actor <input type="search" name="actor" size="12" list="actors"></label><datalist id="actors"></datalist>
 <label>Admin area <select name="admin1"><option value="">all</option></select></label>
 <label>Killed, at least <input type="number" name="min_fatalities" min="0" max="1000000" size="5"></label>
 </div></details>
 <button type="reset">Clear</button>
</form>
<p id="count" class="status" role="status" aria-live="polite"></p>
<div id="map" role="region" aria-label="Map of events and control"
 data-type-colours="{escape(json.dumps(TYPE_COLOURS))}" data-holder-colours="{escape(json.dumps(holders))}"></div>
<p id="undrawn" class="notice" aria-live="polite"></p>
{_legend()}
<p><a id="as-table" href="/events">These events as a table</a> (sortable, with downloads of exactly this view)</p>
<div class="scroll"><table id="list"><caption>Events in the window</caption><thead><tr><th>Date</th><th>Event</th>
<th>Where</th><th>Outlets</th><th>Sources</th></tr></thead><tbody></tbody></table></div>"""


def _vendor_route(name: str, media_type: str) -> Callable[[], Response]:
    def serve() -> Response:
        path = resources.files("wirewatch") / "web" / "static" / "vendor" / name
        if not path.is_file():
            raise HTTPException(503, f"{name} is not installed: run `make install` (npm ci copies the map's libraries)")
        return Response(path.read_bytes(), media_type=media_type, headers={"Cache-Control": "max-age=86400"})

    return serve


def add_pages(app: FastAPI, rows: Rows, tables: Tables, profile: str = "russia-ukraine") -> None:
    for name, media_type in VENDOR.items():  # fixed routes: no request names a file
        app.add_api_route(f"/static/vendor/{name}", _vendor_route(name, media_type), include_in_schema=False)

    conflict = load_profile(profile)
    page = map_page(conflict)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return shell("Map", page, script=True, head=MAP_STYLES)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    async def event_page(event_id: Annotated[int, Path(ge=0)]) -> str:  # lookups only: on the event loop
        found = tables.event(event_id)
        if found is None:
            raise HTTPException(404, "no such event")
        e = json.loads(found)  # the API's answer: dates as ISO text, as they are shown
        reports, comparisons = e["reports"], e["comparisons"]
        texts = tables.texts(sorted({r["article_id"] for r in reports}))
        spans: dict[int, list[tuple[int, int]]] = {}
        for r in reports:
            r["text"] = texts.get(r["article_id"], "")
            spans.setdefault(r["article_id"], []).append((r["evidence_start"], r["evidence_end"]))
        parts = [f'<h1>{escape(e["sub_event_type"])} in {escape(e["location_name"] or "unknown place")}, '
                 f'{e["date_shown"] or "undated"}</h1>',
                 f'<p class="summary"><span class="badge">{plural(e["n_reports"], "report")}</span> '
                 f'<span class="badge">{plural(e["n_outlets"], "independent outlet")}</span> '
                 f'<span class="badge">{plural(e["n_sources"], "original source")}</span> '
                 f'{escape(", ".join(e["sources"]))} · asserted by {escape(", ".join(e["sides"]) or "unknown")}'
                 + (f' · {e["fatalities_low"]}-{e["fatalities_high"]} killed' if e["fatalities_high"] else "")
                 + (f' (counted: {e["fatalities"]}, claimed by {escape(e["fatalities_source"])})'
                    if e.get("fatalities_source") else "")
                 + (f' · <a href="/?event={e["event_id"]}">show on the map</a>' if e["lat"] is not None else "")
                 + "</p>"]
        for c in comparisons:
            parts.append(f'<div class="contra"><b>{escape(c["kind"].replace("_", " "))}</b>: '
                         f'{escape(c["a_value"] or "")} per {escape(c["a_source"] or "?")} vs '
                         f'{escape(c["b_value"] or "")} per {escape(c["b_source"] or "?")}</div>')
        shown: set[int] = set()
        first_of_group: dict[int, str] = {}
        for r in reports:
            if r["article_id"] in shown:
                continue
            shown.add(r["article_id"])
            title = escape(r["title"] or f'article {r["article_id"]}')
            url = link_url(r["url"])  # javascript: and data: URLs stay text
            link = f'<a href="{escape(url)}">{title}</a>' if url else title
            who = f' · according to {escape(r["speaker"])}' if r["speaker"] else ""
            outlet = ArticleRec(r["article_id"], r["doc_id"], r["source"], None, None, None, r["url"]).outlet
            group = r["syndication_group"]
            if group is not None and group in first_of_group:  # counted once: say so where it is shown
                who += f' · <span class="badge copy">syndicated: same story as {escape(first_of_group[group])}</span>'
            elif group is not None:
                first_of_group[group] = outlet
            parts.append(f'<section class="report"><h2>{escape(outlet)}, {r["published"] or ""}: {link}'
                         f'</h2><p class="muted">{who}</p><div class="article">'
                         f'{highlighted(r["text"], spans[r["article_id"]])}</div></section>')
        return shell(e["sub_event_type"], "".join(parts))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(side: Side,
                    speaker: Annotated[str | None, Query(max_length=200)] = None) -> str:
        where, params = ["TRUE"], []
        if side:
            where.append("coalesce(c.side, n.side) = ?")
            params.append(side)
        if speaker:
            where.append("coalesce(n.canonical, c.speaker) = ?")
            params.append(speaker)
        base = ("FROM claims c JOIN articles a USING (article_id) LEFT JOIN entity_names n ON n.name = c.speaker "
                f"WHERE {' AND '.join(where)}")
        who = rows(f"SELECT coalesce(n.canonical, c.speaker, 'unnamed') AS speaker, coalesce(c.side, n.side) AS side, "
                   f"count(*) AS claims "
                   f"{base} GROUP BY 1, 2 ORDER BY claims DESC, speaker LIMIT 300", params)
        said = rows(f"SELECT coalesce(n.canonical, c.speaker) AS speaker, coalesce(c.side, n.side) AS side, "
                    f"c.content_text, c.cue_text, "
                    f"c.channel, a.source, a.published, a.article_id {base} "
                    "ORDER BY a.published, c.article_id, c.claim_index LIMIT 500", params)
        side_opts = "".join(f'<option{" selected" if s == side else ""}>{escape(s)}</option>'
                            for s in conflict.all_sides)
        form = (f'<form class="filters"><label>Side <select name="side"><option value="">all</option>{side_opts}'
                f'</select></label> <button>Show</button></form>')
        people = "".join(f'<li class="side-{p["side"]}"><a href="/claims?speaker={escape(quote(p["speaker"]))}">'
                         f'{escape(p["speaker"])}</a> ({p["side"] or "?"}) <span class="badge">{p["claims"]}</span>'
                         "</li>" for p in who)
        table = "".join(f'<tr><td class="side-{c["side"]}">{escape(c["speaker"] or "unnamed")}</td>'
                        f'<td>{escape(c["content_text"] or "")}</td><td>{escape(c["cue_text"] or "")}'
                        f'{" · " + escape(c["channel"]) if c["channel"] else ""}</td>'
                        f'<td>{escape(c["source"] or "")}, {c["published"] or ""}</td></tr>' for c in said)
        return shell("Claims", f'<h1>Claims{" by " + escape(speaker) if speaker else ""}</h1>{form}'
                     f'<div class="cols"><ul class="speakers">{people}</ul><table id="claims"><tr><th>Speaker</th>'
                     f"<th>Says</th><th>How</th><th>Where</th></tr>{table}</table></div>")
