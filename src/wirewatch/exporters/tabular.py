"""CSV, JSON Lines, GeoJSON and Parquet writers over the store."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from wirewatch.outputs import FORMULA_START
from wirewatch.store import Store


def _event_rows(store: Store) -> list[dict]:
    from wirewatch.exporters import EVENTS_SQL

    cursor = store.con.execute(EVENTS_SQL)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def to_csv(store: Store, path: Path) -> int:
    from wirewatch.exporters import EVENTS_SQL

    # OWASP rule: a text cell a spreadsheet would run as a formula gets a leading quote; numbers stay numbers.
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_START)
    cells = ", ".join(
        f"CASE WHEN left(\"{name}\", 1) IN ({starts}) THEN chr(39) || \"{name}\" ELSE \"{name}\" END AS \"{name}\""
        if kind == "VARCHAR" else f'"{name}"'
        for name, kind, *_ in store.con.execute(f"DESCRIBE ({EVENTS_SQL})").fetchall())
    store.con.execute(f"COPY (SELECT {cells} FROM ({EVENTS_SQL})) TO '{_quoted(path)}' (HEADER, DELIMITER ',')")
    return store.con.execute(f"SELECT count(*) FROM ({EVENTS_SQL})").fetchone()[0]


def to_jsonl(store: Store, path: Path) -> int:
    rows = _event_rows(store)
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    return len(rows)


def to_geojson(store: Store, path: Path) -> int:
    """Merged events (points with their corroboration) and control changes, as WGS84 lon/lat points.

    Before the corpus stage has run, each event report is a feature instead.
    """
    merged = store.con.execute("SELECT count(*) FROM corpus_events").fetchone()[0] > 0
    features = []
    if merged:
        for row in _rows(store, "SELECT * FROM corpus_events ORDER BY date, event_id"):
            if row["lat"] is not None and row["lon"] is not None:
                features.append(_point(row["lon"], row["lat"], {"kind": "event", **_json_fields(row)}))
        for row in _rows(store, "SELECT * FROM control_changes ORDER BY date, change_id"):
            if row["lat"] is not None and row["lon"] is not None:
                features.append(_point(row["lon"], row["lat"], {"kind": "control_change", **_json_fields(row)}))
    else:
        features = [_point(row["longitude"], row["latitude"],
                           {k: _plain(v) for k, v in row.items() if k not in ("latitude", "longitude")})
                     for row in _event_rows(store) if row["latitude"] is not None and row["longitude"] is not None]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")
    return len(features)


def _point(lon: float, lat: float, properties: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def _json_fields(row: dict) -> dict:
    """Plain values; JSON-list columns become lists; coordinates live in the geometry only."""
    out = {}
    for k, v in row.items():
        if k in ("lat", "lon"):
            continue
        if k in ("outlets", "sources", "sides", "observations") and isinstance(v, str):
            v = json.loads(v)
        out[k] = _plain(v)
    return out


def _rows(store: Store, sql: str) -> list[dict]:
    cursor = store.con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def to_parquet_events(store: Store, path: Path) -> int:
    """One Parquet file of the csv's rows: one per coded event report."""
    from wirewatch.exporters import EVENTS_SQL

    store.con.execute(f"COPY ({EVENTS_SQL}) TO '{_quoted(path)}' (FORMAT PARQUET)")
    return store.con.execute(f"SELECT count(*) FROM ({EVENTS_SQL})").fetchone()[0]


def to_parquet_tables(store: Store, path: Path) -> int:
    """A folder with one Parquet file per table, in the store's schema."""
    path.mkdir(parents=True, exist_ok=True)
    tables = [r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
    rows = 0
    for table in tables:
        store.con.execute(f"COPY {table} TO '{_quoted(path / f'{table}.parquet')}' (FORMAT PARQUET)")
        rows += store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return rows


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
