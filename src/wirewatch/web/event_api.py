"""The events API: one set of filters and sorts for the JSON pages (``/api/events``), the event table, and
the downloads of exactly what they show (``/api/events.csv``, ``.geojson``, ``.acled.csv``).

``q`` is the search's (search.py): the same terms as ``/search`` finds events by.
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import Response

from wirewatch.outputs import csv_cell
from wirewatch.profile import ConflictProfile, load_profile
from wirewatch.web.schemas import EventsPage
from wirewatch.web.search import variants
from wirewatch.web.tables import EventFilter, Tables

EventType = Literal["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                    "Strategic developments"]


def known_side(request: Request, side: Annotated[str | None, Query(max_length=40, description=(
        "a side of the app's conflict profile: one of its fighting sides, THIRD or CIVILIAN"))] = None,
               ) -> str | None:
    """The ``side`` asked for, refused unless the app's profile has it (``app.state.sides``)."""
    if side is not None and side not in request.app.state.sides:
        raise HTTPException(422, f"side must be one of {', '.join(request.app.state.sides)}")
    return side


Side = Annotated[str | None, Depends(known_side)]
Sort = Literal["date", "type", "place", "admin1", "actor", "fatalities", "outlets"]  # tables.SORTS
PageSize = Annotated[int, Query(ge=1, le=5000)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Text = Annotated[str | None, Query(max_length=200)]
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # bounds of a date filter
OffLoop = Callable[..., Awaitable[Any]]
# The CSV download's columns: the table's, then the rest of each event
CSV_COLUMNS = ("event_id", "date", "event_type", "sub_event_type", "actor1", "actor1_side", "actor2", "actor2_side",
               "sides", "fatalities", "fatalities_low", "fatalities_high", "injured", "location_name", "admin1",
               "lat", "lon", "location_precision", "geonameid", "n_reports", "n_outlets", "n_sources", "outlets",
               "sources", "story_id", "evidence_text")


@dataclass(frozen=True)
class EventQuery:
    """The filters of a request (``q`` as typed) and its sort."""

    wanted: EventFilter
    q: str | None
    sort: str
    descending: bool

    def terms(self, tables: Tables, profile: str) -> EventFilter:
        """The filter with ``q`` widened to the search's terms."""
        if not self.q:
            return self.wanted
        return EventFilter(**{**self.wanted.__dict__, "q": tuple(variants(tables, self.q, profile))})


async def event_query(side: Side, event_type: EventType | None = None, source: Text = None,
                      story: Annotated[int | None, Query(ge=0)] = None, date_from: dt.date | None = None,
                      date_to: dt.date | None = None,
                      q: Annotated[str | None, Query(max_length=200, description=(
                          "words of the event's evidence, place, type, actors or admin area; with the other "
                          "spellings /search uses"))] = None,
                      actor: Annotated[str | None, Query(max_length=200, description="part of an actor's name")]
                      = None,
                      admin1: Annotated[str | None, Query(max_length=200, description="admin area, exactly")]
                      = None,
                      min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
                      sort: Sort = "date", order: Literal["asc", "desc"] = "asc") -> EventQuery:
    """The event filters every events route takes (a dependency: one definition for all)."""
    if any(d is not None and not MIN_DATE <= d <= MAX_DATE for d in (date_from, date_to)):
        raise HTTPException(422, f"dates must lie between {MIN_DATE} and {MAX_DATE}")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, "date_from is after date_to")
    wanted = EventFilter(event_type, side, source or None, story, date_from, date_to, None, actor or None,
                         admin1 or None, min_fatalities)
    return EventQuery(wanted, " ".join(q.split()) or None if q else None, sort, order == "desc")


def page(tables: Tables, profile: str, query: EventQuery, limit: int, offset: int) -> bytes:
    """``/api/events``'s answer."""
    found, total = tables.events_page(query.terms(tables, profile), limit, offset, query.sort, query.descending)
    return b'{"events":' + found + f',"total":{total},"limit":{limit},"offset":{offset}}}'.encode()


def matching(tables: Tables, profile: str, query: EventQuery) -> list[dict]:
    """Every event the query lets through, in its order, as the API shows them."""
    positions = tables.event_positions(query.terms(tables, profile), query.sort, query.descending)
    return json.loads(tables.events.page(positions)) if len(positions) else []


def actor_names(tables: Tables) -> list[str]:
    """Every actor named in an event, as written, sorted."""
    return sorted({a for (a,) in tables.con.cursor().execute(
        "SELECT actor1 FROM corpus_events UNION SELECT actor2 FROM corpus_events").fetchall() if a})


def as_csv(events: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in events:
        writer.writerow([csv_cell("; ".join(v) if isinstance(v, list) else v)  # no formulas (OWASP)
                         for v in (e.get(c) for c in CSV_COLUMNS)])
    return out.getvalue()


def as_geojson(events: list[dict]) -> str:
    """A FeatureCollection, one feature per event in order; an event with no coordinates has a null geometry
    (RFC 7946, 3.2), so the download holds every event the view shows."""
    features = [{"type": "Feature", "id": e["event_id"],
                 "geometry": None if e.get("lat") is None or e.get("lon") is None else
                 {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
                 "properties": {k: v for k, v in e.items() if k not in ("lat", "lon")}} for e in events]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def as_acled(tables: Tables, events: list[dict], profile: ConflictProfile) -> str:
    from wirewatch.exporters.acled import ACLED_COLUMNS, OUR_COLUMNS, acled_rows

    ids = [e["event_id"] for e in events]
    rows = acled_rows(tables.con.cursor(), ids, profile) if ids else []
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=(*ACLED_COLUMNS, *OUR_COLUMNS))
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


Filters = Annotated[EventQuery, Depends(event_query)]
PAGING = ("limit", "offset")


def known_parameters(request: Request) -> None:
    """A parameter the API does not take (``type=`` for ``event_type=``) is refused, not silently ignored."""
    accepted = [*inspect.signature(event_query).parameters, *PAGING]
    unknown = sorted(set(request.query_params) - set(accepted))
    if unknown:
        raise HTTPException(422, f"unknown query parameter {', '.join(unknown)}; "
                                 f"accepted: {', '.join(accepted)}")


def add_event_routes(app: FastAPI, tables: Tables, profile: str, off_loop: OffLoop) -> None:
    conflict = load_profile(profile)

    @app.get("/api/events", summary="Merged events, filtered and sorted", response_model=EventsPage,
             dependencies=[Depends(known_parameters)])
    async def events(query: Filters, limit: PageSize = 1000, offset: Offset = 0) -> Response:
        """``source``: one of its outlets, exactly; ``sort``/``order``: the event table's columns."""
        return Response(await off_loop(bool(query.q), page, tables, profile,
                                       query, limit, offset), media_type="application/json")

    def download(kind: str, media_type: str, write: Callable[[list[dict]], str]) -> None:
        @app.get(f"/api/events.{kind}", summary=f"Every event the filters let through, as {kind}",
                 response_class=Response, responses={200: {"content": {media_type: {}}}},
                 dependencies=[Depends(known_parameters)])
        async def route(query: Filters) -> Response:
            body = await off_loop(True, lambda: write(matching(tables, profile, query)))
            return Response(body, media_type=media_type,
                            headers={"content-disposition": f'attachment; filename="events.{kind}"'})

    download("csv", "text/csv", as_csv)
    download("geojson", "application/geo+json", as_geojson)
    download("acled.csv", "text/csv", lambda events: as_acled(tables, events, conflict))
