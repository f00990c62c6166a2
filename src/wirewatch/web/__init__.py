"""The web app: a read-only FastAPI over the store, with a map page and a JSON API.

Every request opens its own read-only cursor; no request parameter ever names a
file. Query parameters are validated and bounded.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Annotated, Literal

import duckdb
from fastapi import FastAPI, HTTPException, Path, Query
from fastapi.responses import HTMLResponse

from wirewatch import __version__

EventType = Literal["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                    "Strategic developments"]
Side = Literal["UA", "RU", "THIRD", "CIVILIAN"]
PageSize = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


def create_app(db_path: str) -> FastAPI:
    con = duckdb.connect(db_path, read_only=True)
    app = FastAPI(title="wirewatch", version=__version__,
                  description="Events, claims and articles from a wirewatch store (read-only).")

    def rows(sql: str, params: list) -> list[dict]:
        cursor = con.cursor().execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    @app.get("/api/events")
    def events(limit: PageSize = 100, offset: Offset = 0, event_type: EventType | None = None,
               side: Side | None = None, source: Annotated[str | None, Query(max_length=200)] = None,
               date_from: dt.date | None = None, date_to: dt.date | None = None) -> dict:
        if date_from and date_to and date_from > date_to:
            raise HTTPException(422, "date_from is after date_to")
        where, params = ["TRUE"], []
        for clause, value in (("e.event_type = ?", event_type), ("(e.actor1_side = ? OR e.actor2_side = ?)", side),
                              ("a.source = ?", source), ("e.date >= ?", date_from), ("e.date <= ?", date_to)):
            if value is not None:
                where.append(clause)
                params += [value] * clause.count("?")
        sql = (f"SELECT e.article_id, e.event_index, e.event_type, e.sub_event_type, e.date, e.location_name, "
               f"e.lat, e.lon, e.actor1, e.actor1_side, e.actor2, e.actor2_side, e.fatalities, e.evidence_text, "
               f"a.source, a.published, a.doc_id FROM events e JOIN articles a USING (article_id) "
               f"WHERE {' AND '.join(where)} ORDER BY e.date, e.article_id, e.event_index LIMIT ? OFFSET ?")
        return {"events": rows(sql, [*params, limit, offset]), "limit": limit, "offset": offset}

    @app.get("/api/claims")
    def claims(limit: PageSize = 100, offset: Offset = 0, side: Side | None = None,
               speaker: Annotated[str | None, Query(max_length=200)] = None) -> dict:
        where, params = ["TRUE"], []
        if side:
            where.append("c.side = ?")
            params.append(side)
        if speaker:
            where.append("c.speaker ILIKE ?")
            params.append(f"%{speaker}%")
        sql = (f"SELECT c.article_id, c.claim_index, c.speaker, c.side, c.kind, c.channel, c.cue_text, "
               f"c.content_text, a.source, a.published FROM claims c JOIN articles a USING (article_id) "
               f"WHERE {' AND '.join(where)} ORDER BY a.published, c.article_id, c.claim_index LIMIT ? OFFSET ?")
        return {"claims": rows(sql, [*params, limit, offset])}

    @app.get("/api/articles/{article_id}")
    def article(article_id: Annotated[int, Path(ge=1)]) -> dict:
        found = rows("SELECT article_id, doc_id, title, source, url, published, text FROM articles "
                     "WHERE article_id = ?", [article_id])
        if not found:
            raise HTTPException(404, "no such article")
        return found[0]

    @app.get("/api/search")
    def search(q: Annotated[str, Query(min_length=2, max_length=200)], limit: PageSize = 50) -> dict:
        sql = ("SELECT article_id, doc_id, title, source, published FROM articles WHERE text ILIKE ? "
               "ORDER BY published LIMIT ?")
        return {"articles": rows(sql, [f"%{q}%", limit])}

    @app.get("/events/{article_id}/{event_index}", response_class=HTMLResponse)
    def event_page(article_id: int, event_index: int) -> str:
        found = rows("SELECT e.*, a.text, a.title, a.source, a.published FROM events e JOIN articles a "
                     "USING (article_id) WHERE article_id = ? AND event_index = ?", [article_id, event_index])
        if not found:
            raise HTTPException(404, "no such event")
        e = found[0]
        text = e["text"]
        marked = (escape(text[:e["evidence_start"]]) + "<mark>" +
                  escape(text[e["evidence_start"]:e["evidence_end"]]) + "</mark>" + escape(text[e["evidence_end"]:]))
        return (f"<!doctype html><meta charset='utf-8'><title>{escape(e['sub_event_type'])}</title>"
                f"<h1>{escape(e['sub_event_type'])} in {escape(e['location_name'] or '?')}, {e['date']}</h1>"
                f"<p>{escape(e['source'] or '')} · {e['published']} · {escape(e['title'] or '')}</p>"
                f"<pre style='white-space:pre-wrap'>{marked}</pre>")

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        from wirewatch.report.svg import svg_map, svg_timeline

        found = rows("SELECT e.article_id, e.event_index, e.event_type, e.sub_event_type, e.date, e.location_name, "
                     "e.lat, e.lon, a.source FROM events e JOIN articles a USING (article_id) "
                     "ORDER BY e.date LIMIT 2000", [])
        points = [{"lat": r["lat"], "lon": r["lon"], "label": r["location_name"], "kind": r["event_type"],
                   "title": f"{r['date']} {r['sub_event_type']}"} for r in found]
        items = "".join(
            f"<tr data-date='{r['date']}'><td>{r['date']}</td><td>{escape(r['sub_event_type'])}</td>"
            f"<td>{escape(r['location_name'] or '')}</td><td>{escape(r['source'] or '')}</td>"
            f"<td><a href='/events/{r['article_id']}/{r['event_index']}'>evidence</a></td></tr>" for r in found)
        dates = sorted({str(r["date"]) for r in found if r["date"]})
        slider = (f"<input id='until' type='range' min='0' max='{max(len(dates) - 1, 0)}' value='"
                  f"{max(len(dates) - 1, 0)}'> <span id='label'>{dates[-1] if dates else ''}</span>")
        script = ("<script>const d=" + repr(dates) + ";const s=document.getElementById('until');"
                  "s.oninput=()=>{const u=d[s.value];document.getElementById('label').textContent=u;"
                  "document.querySelectorAll('tr[data-date]').forEach(r=>{r.style.display="
                  "r.dataset.date<=u?'':'none'})};</script>")
        return ("<!doctype html><meta charset='utf-8'><title>wirewatch</title><style>body{font-family:sans-serif;"
                "max-width:1000px;margin:auto}.grid{stroke:#ccc}.map,.timeline{width:100%}td{padding:2px 6px}"
                "</style><h1>wirewatch</h1>" + svg_map(points) +
                svg_timeline([(r["date"], r["event_type"]) for r in found if r["date"]]) +
                f"<p>Show events until {slider}</p><table>{items}</table>{script}")

    return app
