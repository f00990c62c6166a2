"""The web app: a read-only FastAPI over the store, with a map-and-timeline page and a JSON API.

The store is attached read-only. Every row a page can show is read from it once,
as JSON, with the columns its filters read (``tables.py``), and saved beside the
store, where each server process maps it (``saved.py``): a page is a lookup in
memory, and a server starts in a second or two. The few queries left each open their own cursor (a
DuckDB connection is not thread-safe); whole answers are cached per process
(``cache.py``), safe because nothing can write the store while it is open. No request parameter ever names a file; query parameters
are validated and bounded. The
page's script and style are files of this package (``web/static``), served by
two fixed routes, so the app works with no internet access. OpenAPI at
``/openapi.json``, with the answers' schemas (schemas.py); interactive docs at ``/docs`` from an installed
copy of Swagger UI (docs.py).
"""

from __future__ import annotations

import json
import os
from importlib import resources
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, HTTPException, Path, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from wirewatch import __version__
from wirewatch.profile import load_profile
from wirewatch.report.svg import side_styles
from wirewatch.web import schemas
from wirewatch.web.cache import ResponseCache, SecurityHeaders
from wirewatch.web.event_api import Offset, PageSize, Side, Text, actor_names, add_event_routes
from wirewatch.web.saved import tables_for
from wirewatch.web.search import search as run_search
from wirewatch.web.search import phrases, variants
from wirewatch.web.tables import JSON_LISTS, dicts

T = TypeVar("T")
# The names a browser on this machine uses; "testserver" is the in-process test client's (not resolvable).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]", "testserver")


async def off_loop(scan: bool, function: Callable[..., T], *args: Any) -> T:
    """Run a lookup in the start-up tables on the event loop (well under a millisecond: handing it to a
    thread would cost more), in the thread pool when it matches text (``scan``): a common word is in most
    rows, and collecting them all (index.py) would hold up every other request."""
    return await run_in_threadpool(function, *args) if scan else function(*args)


def app_from_env() -> FastAPI:
    """The app for each of several server processes (``wirewatch serve --workers N``): uvicorn imports
    it by name in every worker, so the store's path comes from the environment the CLI set."""
    hosts = [h for h in os.environ.get("WIREWATCH_WEB_HOSTS", "").split(",") if h]
    return create_app(os.environ["WIREWATCH_WEB_DB"], int(os.environ.get("WIREWATCH_WEB_CACHE_MB", "64")),
                      hosts, os.environ.get("WIREWATCH_WEB_PROFILE", "russia-ukraine"))


def create_app(db_path: str, cache_mb: int = 64, hosts: list[str] | None = None,
               profile: str = "russia-ukraine") -> FastAPI:
    """The app over one store; ``cache_mb`` bounds the cache of whole answers (0: no cache); ``profile``
    is the conflict profile the store was built with (its aliases widen searches).

    Only requests whose Host header is a loopback name or one of ``hosts`` are answered: a page on
    another site cannot reach the app through a DNS name rebound to 127.0.0.1.
    """
    tables = tables_for(db_path)
    con = tables.con

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        con.close()  # lets the store be opened for writing again by this process

    app = FastAPI(title="wirewatch", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Events, reports, claims, control and articles from a wirewatch store (read-only).")
    app.state.sides = load_profile(profile).all_sides  # what a ``side`` parameter may ask for
    app.add_middleware(ResponseCache, max_bytes=cache_mb * 2**20)
    app.add_middleware(SecurityHeaders)  # outside the cache: cached answers carry them too
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=[*LOOPBACK_HOSTS, *(hosts or [])])

    def rows(sql: str, params: list | None = None) -> list[dict]:
        out = dicts(con.cursor().execute(sql, params or []))
        for row in out:
            for key in JSON_LISTS:
                if isinstance(row.get(key), str):
                    row[key] = json.loads(row[key])
        return out

    add_event_routes(app, tables, profile, off_loop)

    @app.get("/api/events/{event_id}", summary="One event with every report and its evidence offsets",
             response_model=schemas.EventDetail)
    async def event(event_id: Annotated[int, Path(ge=0)]) -> Response:
        found = tables.event(event_id)
        if found is None:
            raise HTTPException(404, "no such event")
        return Response(found, media_type="application/json")

    @app.get("/api/control", summary="Control changes per settlement", response_model=schemas.ControlPage)
    async def control(place: Text = None, limit: PageSize = 5000, offset: Offset = 0) -> Response:
        """``place`` names a settlement (any case); a name no settlement has is matched as a part of names."""
        return Response(b'{"changes":' + tables.control_page(place, limit, offset) + b"}",
                        media_type="application/json")

    @app.get("/api/comparisons", summary="Contradictions and checked agreements",
             response_model=schemas.Comparisons)
    def comparisons(verdict: Literal["contradicts", "agrees"] | None = None, limit: PageSize = 5000,
                    offset: Offset = 0) -> dict:
        where, params = ("WHERE verdict = ?", [verdict]) if verdict else ("", [])
        return {"comparisons": rows(f"SELECT * FROM comparisons {where} ORDER BY comparison_id LIMIT ? OFFSET ?",
                                    [*params, limit, offset])}

    @app.get("/api/facets", summary="Values the filters can take", response_model=schemas.Facets)
    def facets() -> dict:
        return {
            "stories": rows("SELECT story_id, label, first_date, last_date, n_articles FROM stories "
                            "ORDER BY first_date, story_id"),
            "sources": sorted(r["o"] for r in rows(  # unnested in DuckDB: no Python work per event
                "SELECT DISTINCT unnest(from_json(outlets, '[\"VARCHAR\"]')) AS o FROM corpus_events")
                if r["o"] is not None),
            "dates": [str(r["date"]) for r in rows(  # the days the slider can show: events and control changes
                "SELECT date FROM corpus_events WHERE date IS NOT NULL UNION "
                "SELECT date FROM control_changes WHERE date IS NOT NULL ORDER BY 1")],
            "admin_areas": [a for a in tables.admin_areas if a],
            "actors": actor_names(tables),
        }

    @app.get("/api/speakers", summary="Who speaks, by side, with their resolved name",
             response_model=schemas.Speakers)
    def speakers(side: Side) -> dict:
        # A claim whose article does not say the speaker's side takes the side the corpus knows them by.
        where, params = ("WHERE coalesce(c.side, n.side) = ?", [side]) if side else ("", [])
        return {"speakers": rows(f"""SELECT coalesce(n.canonical, c.speaker) AS speaker,
                                            coalesce(c.side, n.side) AS side, count(*) AS claims,
                                            list(DISTINCT c.speaker) AS spellings
                                     FROM claims c LEFT JOIN entity_names n ON n.name = c.speaker {where}
                                     GROUP BY 1, 2 ORDER BY claims DESC, speaker""", params)}

    @app.get("/api/claims", summary="Claims, by side and (resolved) speaker", response_model=schemas.ClaimsPage)
    async def claims(side: Side, limit: PageSize = 200, offset: Offset = 0, speaker: Text = None,
               q: Text = None) -> Response:
        """``speaker``: part of the resolved or the written name; ``q``: words of what was claimed."""
        found = await off_loop(bool(q or speaker), tables.claims_page, side, speaker, q, limit, offset)
        return Response(b'{"claims":' + found + b"}", media_type="application/json")

    @app.get("/api/articles/{article_id}", summary="One article's text and metadata",
             response_model=schemas.Article)
    def article(article_id: Annotated[int, Path(ge=1)]) -> dict:
        found = rows("SELECT article_id, doc_id, title, source, url, published, syndication_group, story_id, text "
                     "FROM articles WHERE article_id = ?", [article_id])
        if not found:
            raise HTTPException(404, "no such article")
        return found[0]

    @app.get("/api/basemap", summary="Country outlines and first-level admin boundaries meeting a frame "
                                      "(from installed data: countryinfo, Natural Earth)")
    def basemap(west: Annotated[float, Query(ge=-180, le=180)], south: Annotated[float, Query(ge=-90, le=90)],
                east: Annotated[float, Query(ge=-180, le=180)], north: Annotated[float, Query(ge=-90, le=90)]) -> dict:
        from wirewatch.report.basemap import admin1_lines, as_json, in_frame, label_point

        if west >= east or south >= north:
            raise HTTPException(422, "empty frame")
        labels = {c.name: label_point(c, west, south, east, north) for c in in_frame(west, south, east, north)}
        return {"countries": [{**c, "label_at": labels.get(c["name"])} for c in as_json(west, south, east, north)],
                "admin1": admin1_lines(west, south, east, north)}

    @app.get("/api/search", summary="Search events, articles and claims (other spellings and misspellings too)",
             response_model=schemas.SearchAnswer)
    async def search(q: Annotated[str, Query(min_length=2, max_length=200)], limit: PageSize = 50) -> Response:
        """Events as ``/api/events?q=`` finds them (evidence, place, type, actors, admin area)."""
        terms = variants(tables, q, profile)
        return Response(await off_loop(phrases(terms), run_search, tables, terms, limit),
                        media_type="application/json")

    @app.get("/static/app.js", include_in_schema=False)
    def script() -> Response:
        return Response(_static("app.js"), media_type="text/javascript")

    from wirewatch.web import docs, event_table, pages, search_page

    css = _static("app.css") + side_styles(load_profile(profile))

    @app.get("/static/app.css", include_in_schema=False)
    def style() -> Response:
        return Response(css, media_type="text/css")

    search_page.add_search_pages(app, tables, profile)
    event_table.add_table_page(app, tables, profile, off_loop)
    pages.add_pages(app, rows, tables, profile)
    docs.add_docs(app)
    return app


def _static(name: str) -> str:
    return (resources.files("wirewatch") / "web" / "static" / name).read_text(encoding="utf-8")
