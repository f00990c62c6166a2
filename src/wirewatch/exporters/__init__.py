"""Exporters: the store in the formats analysts already use, looked up by versioned name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wirewatch.outputs import atomic_path
from wirewatch.store import Store

Exporter = Callable[..., int]  # (store, path) -> rows written; those in NEEDS_PROFILE also take the profile
_registry: dict[str, Exporter] = {}
NEEDS_PROFILE = {"acled.v1"}  # actor names and types come from the conflict profile

# One row per coded event report, with the article it came from: ACLED's column names first.
EVENTS_SQL = """
SELECT 'WW' || a.article_id || '-' || e.event_index AS event_id_cnty,
       e.date AS event_date, year(e.date) AS year, e.date_precision AS time_precision,
       e.event_type, e.sub_event_type, e.actor1, e.actor1_side, e.actor2, e.actor2_side,
       p.country_code AS iso, p.admin1, e.location_name AS location, e.lat AS latitude, e.lon AS longitude,
       e.location_precision AS geo_precision, e.geonameid, a.source,
       a.published, a.title, a.url, a.doc_id, e.evidence_text AS notes, e.evidence_start, e.evidence_end,
       e.fatalities, e.injured, c.speaker AS claimed_by, c.side AS claimant_side, e.confidence,
       a.syndication_group, e.event_id, e.article_id, e.event_index
FROM events e
JOIN articles a USING (article_id)
LEFT JOIN claims c ON c.article_id = e.article_id AND c.claim_index = e.claim_index
LEFT JOIN (SELECT DISTINCT geonameid, country_code, admin1 FROM places) p ON p.geonameid = e.geonameid
ORDER BY e.date, a.article_id, e.event_index
"""


def registry() -> dict[str, Exporter]:
    if not _registry:
        from wirewatch.exporters import acled, tabular

        _registry.update({"csv.v1": tabular.to_csv, "jsonl.v1": tabular.to_jsonl,
                          "geojson.v1": tabular.to_geojson, "parquet.v1": tabular.to_parquet_tables,
                          "parquet-events.v1": tabular.to_parquet_events,
                          "acled.v1": acled.to_acled})
    return _registry


def export(store: Store, fmt: str, path: Path, profile: str = "russia-ukraine") -> int:
    """Write ``fmt`` (csv, jsonl, geojson, parquet, acled or a versioned name) to ``path``; returns rows written.
    Parquet to a ``.parquet`` name is the csv's rows in one file; to any other name, a folder of every table.
    ``profile`` is the conflict profile (a bundled name or a .toml path) the store was built with."""
    name = fmt if "." in fmt else f"{fmt}.v1"
    if name not in registry():
        raise ValueError(f"unknown export format {fmt!r}; choose from csv, jsonl, geojson, parquet, acled")
    if name == "parquet.v1" and path.suffix == ".parquet":  # a file name: the events file, not a folder
        name = "parquet-events.v1"
    exporter = registry()[name]
    with atomic_path(path) as partial:  # a failed export (full disk) leaves the previous file whole
        if name in NEEDS_PROFILE:
            from wirewatch.profile import load_profile

            return exporter(store, partial, load_profile(profile))
        return exporter(store, partial)
