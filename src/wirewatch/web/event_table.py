"""The event table (``/events``): every merged event, sortable by each column, paged, filtered by type, side,
actor, admin area, fatalities, dates and search words, with downloads of exactly the filtered, sorted view.
Rendered on the server: links and a form, no script. The filters are ``/api/events``'s (event_api.py)."""

from __future__ import annotations

import json
from html import escape
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from wirewatch.web.event_api import EventQuery, Filters, Offset, OffLoop, actor_names, page
from wirewatch.web.tables import Tables

TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments")
# (sort key, header); None: not sortable
COLUMNS = (("date", "Date"), ("type", "Event"), ("actor", "Actors"), (None, "Sides"), ("fatalities", "Killed"),
           ("place", "Place"), ("admin1", "Admin area"), ("outlets", "Outlets"))
DOWNLOADS = (("csv", "CSV"), ("geojson", "GeoJSON"), ("acled.csv", "ACLED CSV"))
STYLE = """.scroll{overflow-x:auto;max-width:100%}#events th{white-space:nowrap}.pager a,.downloads a{margin-right:1em;display:inline-block;
min-height:24px;line-height:24px}.filters input[type=number]{width:5em}th a{color:inherit}.num{text-align:right}
.snippet{color:#444;font-size:13px;margin:.1em 0 .6em}.results li{margin-bottom:.3em}
"""


def link(params: dict, **changes: object) -> str:
    """A query string: ``params`` with ``changes`` (None drops a parameter)."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _select(name: str, values: list[str] | tuple[str, ...], chosen: str | None) -> str:
    options = "".join(f'<option{" selected" if v == chosen else ""}>{escape(v)}</option>' for v in values)
    return f'<select name="{name}" id="f-{name}"><option value="">all</option>{options}</select>'


def _form(f: dict, admin_areas: list[str], actors: list[str], sides: tuple[str, ...]) -> str:
    def field(name: str, label: str, control: str) -> str:
        return f'<label for="f-{name}">{label}</label> {control} '

    def value(name: str) -> str:
        return escape(str(f.get(name) or ""))

    kept = "".join(f'<input type="hidden" name="{k}" value="{value(k)}">'  # what the map's link also set
                   for k in ("sort", "order", "source", "story", "limit") if f.get(k))
    return ('<form class="filters" method="get" action="/events">'
            + field("q", "Words", f'<input type="search" name="q" id="f-q" value="{value("q")}" size="14">')
            + field("event_type", "Type", _select("event_type", TYPES, f.get("event_type")))
            + field("side", "Side", _select("side", sides, f.get("side")))
            + field("actor", "Actor", f'<input name="actor" id="f-actor" list="actors" value="{value("actor")}" '
                                      'size="14">')
            + '<datalist id="actors">' + "".join(f'<option value="{escape(a)}">' for a in actors) + "</datalist>"
            + field("admin1", "Admin area", _select("admin1", admin_areas, f.get("admin1")))
            + field("min_fatalities", "Killed at least",
                    f'<input type="number" min="0" name="min_fatalities" id="f-min_fatalities" '
                    f'value="{value("min_fatalities")}">')
            + field("date_from", "From", f'<input type="date" name="date_from" id="f-date_from" '
                                         f'value="{value("date_from")}">')
            + field("date_to", "To", f'<input type="date" name="date_to" id="f-date_to" value="{value("date_to")}">')
            + kept + '<button>Show</button> <a href="/events">clear</a></form>')


def _row(e: dict) -> str:
    toll = "" if e["fatalities"] is None else str(e["fatalities"])  # the counted toll, which the column sorts by
    if toll and e["fatalities_low"] != e["fatalities_high"]:
        toll += f' <span class="muted">({e["fatalities_low"]}–{e["fatalities_high"]} reported)</span>'
    if toll and e.get("fatalities_source"):
        toll += f' <span class="muted">per {escape(e["fatalities_source"])}</span>'
    actors = " vs ".join(f'{escape(a)} <span class="badge side-{escape(s or "")}">{escape(s or "?")}</span>'
                         for a, s in ((e["actor1"], e["actor1_side"]), (e["actor2"], e["actor2_side"])) if a)
    cells = [e["date_shown"] or "undated",
             f'<a href="/events/{e["event_id"]}">{escape(e["sub_event_type"] or e["event_type"] or "event")}</a>',
             actors, escape(", ".join(e["sides"] or [])) or '<span class="muted">none</span>', toll,
             escape(e["location_name"] or ""), escape(e.get("admin1") or ""), str(e["n_outlets"] or 0)]
    return "<tr>" + "".join(f'<td{" class=num" if i in (4, 7) else ""}>{c}</td>' for i, c in enumerate(cells)) + "</tr>"


def add_table_page(app: FastAPI, tables: Tables, profile: str, off_loop: OffLoop) -> None:
    from wirewatch.profile import load_profile

    actors = actor_names(tables)
    admin_areas = [a for a in tables.admin_areas if a]
    sides = load_profile(profile).all_sides

    @app.get("/static/data.css", include_in_schema=False)
    def style() -> Response:
        return Response(STYLE, media_type="text/css")

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    async def table(request: Request, query: Filters, offset: Offset = 0,
                    limit: Annotated[int, Query(ge=1, le=500)] = 50) -> str:
        # lookups and a page of HTML (a few ms): on the event loop, unless words are searched
        answer = json.loads(await off_loop(bool(query.q), page, tables, profile, query, limit, offset))
        return _page(dict(request.query_params), query, answer, offset, limit, admin_areas, actors, sides)


def _page(f: dict, query: EventQuery, answer: dict, offset: int, limit: int, admin_areas: list[str],
          actors: list[str], sides: tuple[str, ...]) -> str:
    from wirewatch.web.pages import shell

    events, total = answer["events"], answer["total"]
    filters = {k: v for k, v in f.items() if k not in ("offset", "limit")}  # what a download holds
    heads = "".join(_head(key, label, query, {k: v for k, v in f.items() if k != "offset"})
                    for key, label in COLUMNS)
    pager = []
    if offset > 0:
        pager.append(f'<a href="/events{escape(link(f, offset=max(0, offset - limit) or None))}">previous</a>')
    if offset + limit < total:
        pager.append(f'<a href="/events{escape(link(f, offset=offset + limit))}">next</a>')
    shown = f"{offset + 1}–{offset + len(events)} of {total}" if events else f"none of {total}"
    downloads = " ".join(f'<a download href="/api/events.{kind}{escape(link(filters))}">{label}</a>'
                         for kind, label in DOWNLOADS)
    body = (f'<link rel="stylesheet" href="/static/data.css"><h1>Events</h1>{_form(f, admin_areas, actors, sides)}'
            f'<p><span id="shown" aria-live="polite">Events {shown}</span> · <span class="downloads">Download '
            f'these {total}: {downloads}</span></p>'
            f'<div class="scroll"><table id="events"><thead><tr>{heads}</tr></thead><tbody>'
            + "".join(_row(e) for e in events) + f'</tbody></table></div><p class="pager">{" ".join(pager)}</p>')
    return shell("Events", body)


def _head(key: str | None, label: str, query: EventQuery, params: dict) -> str:
    """A column's header: a link that sorts by it (reversed when it already does), back on the first page."""
    if key is None:
        return f"<th>{label}</th>"
    current = query.sort == key
    order = "asc" if not current or query.descending else "desc"  # a second click reverses
    mark = (" ▼" if query.descending else " ▲") if current else ""
    sort = f' aria-sort="{"descending" if query.descending else "ascending"}"' if current else ""
    return f'<th{sort}><a href="/events{escape(link(params, sort=key, order=order))}">{label}{mark}</a></th>'
