"""What the report shows, read from the store once: merged events, stories, claims, comparisons, control."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field

from wirewatch.corpus.records import load_articles
from wirewatch.profile import ConflictProfile, load_profile
from wirewatch.store import Store


@dataclass
class ReportData:
    articles: dict[int, dict]
    stories: list[dict]
    events: list[dict]  # merged events, each with "reports": its report rows
    claims: list[dict]
    comparisons: list[dict]
    control: list[dict]
    places: list[dict]
    errors: list[dict]
    by_story: dict[int | None, list[dict]] = field(default_factory=dict)
    # the conflict profile the store was built with: the sides' colours
    profile: ConflictProfile = field(default_factory=lambda: load_profile("default"))


# A merged event's date as people read it: "April 2022" for a month-precision date, not its first day. The
# precision is the finest among the reports giving the event's date; ``dp`` joins it, ``{e}`` is the event.
DATE_PRECISION_JOIN = """LEFT JOIN (
    SELECT event_id, date, arg_min(coalesce(date_precision, 'day'), CASE coalesce(date_precision, 'day')
           WHEN 'day' THEN 0 WHEN 'week' THEN 1 WHEN 'month' THEN 2 ELSE 3 END) AS date_precision
    FROM events WHERE event_id IS NOT NULL GROUP BY event_id, date) dp
  ON dp.event_id = {e}.event_id AND dp.date = {e}.date"""
DATE_SHOWN = """CASE WHEN dp.date_precision = 'month' THEN strftime({e}.date, '%B %Y')
     WHEN dp.date_precision = 'week' THEN 'week of ' || CAST({e}.date AS VARCHAR)
     WHEN dp.date_precision = 'year' THEN strftime({e}.date, '%Y') ELSE CAST({e}.date AS VARCHAR) END"""


def rows(store: Store, sql: str, params: list | None = None) -> list[dict]:
    cursor = store.con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def load(store: Store, profile: ConflictProfile | None = None) -> ReportData:
    articles = {a["article_id"]: a for a in rows(store, """
        SELECT article_id, doc_id, source, published, title, url, syndication_group, story_id
        FROM articles ORDER BY published, article_id""")}
    outlets = {a.article_id: a.outlet for a in load_articles(store)}
    for a in articles.values():  # the outlet as the corpus stage names it, also when the source is unknown
        a["outlet"] = outlets[a["article_id"]]
    events = rows(store, f"SELECT ev.*, dp.date_precision, {DATE_SHOWN.format(e='ev')} AS date_shown "
                         f"FROM corpus_events ev {DATE_PRECISION_JOIN.format(e='ev')} "
                         "ORDER BY ev.date, ev.event_id")
    reports: dict[int, list[dict]] = defaultdict(list)
    for r in rows(store, """SELECT e.event_id, e.article_id, e.event_index, e.evidence_start, e.evidence_end,
                                   e.evidence_text, e.fatalities, e.injured, e.date, c.speaker, c.side
                            FROM events e LEFT JOIN claims c
                              ON c.article_id = e.article_id AND c.claim_index = e.claim_index
                            WHERE e.event_id IS NOT NULL ORDER BY e.article_id, e.event_index"""):
        reports[r["event_id"]].append(r)
    tolls: dict[int, list[dict]] = defaultdict(list)  # each figure of an event's dead with who claims it
    for t in rows(store, "SELECT * FROM tolls WHERE kind = 'killed' ORDER BY published, article_id, event_index"):
        tolls[t["event_id"]].append(t)
    for e in events:
        e["reports"] = reports.get(e["event_id"], [])
        e["tolls"] = tolls.get(e["event_id"], [])
        for key in ("outlets", "sources", "sides"):
            e[key] = json.loads(e[key] or "[]")
    # A speaker whose side this article does not say takes the side the corpus knows them by.
    claims = rows(store, """SELECT c.article_id, c.claim_index, c.speaker, coalesce(c.side, n.side) AS side,
                                   c.kind, c.channel, c.via,
                                   c.cue_text, c.content_text, c.content_start, c.content_end,
                                   coalesce(n.canonical, c.speaker) AS resolved
                            FROM claims c LEFT JOIN entity_names n ON n.name = c.speaker
                            ORDER BY c.article_id, c.claim_index""")
    control = rows(store, "SELECT * FROM control_changes ORDER BY place, date")
    for c in control:
        c["sources"] = json.loads(c["sources"] or "[]")
        c["observations"] = json.loads(c["observations"] or "[]")
    by_story: dict[int | None, list[dict]] = defaultdict(list)
    for e in events:
        by_story[e["story_id"]].append(e)
    return ReportData(
        profile=profile or load_profile("default"),
        articles=articles,
        stories=rows(store, "SELECT * FROM stories ORDER BY first_date, story_id"),
        events=events,
        claims=claims,
        comparisons=rows(store, "SELECT * FROM comparisons ORDER BY kind, verdict, comparison_id"),
        control=control,
        places=rows(store, """SELECT name, geonameid, any_value(lat) AS lat, any_value(lon) AS lon,
                              any_value(feature_code) AS feature_code, count(*) AS mentions,
                              count(DISTINCT article_id) AS articles FROM places WHERE geonameid IS NOT NULL
                              GROUP BY name, geonameid ORDER BY mentions DESC, name"""),
        errors=rows(store, "SELECT doc_id, stage, reason FROM errors ORDER BY logged_at"),
        by_story=dict(by_story),
    )


def period(data: ReportData) -> tuple[dt.date, dt.date]:
    """The first and last day the report covers: of its articles, events dated to the day and control changes
    (today if none); "early April" is not the 1st of April."""
    days = [a["published"] for a in data.articles.values() if a["published"]]
    days += [e["date"] for e in data.events if e["date"] and e.get("date_precision") in (None, "day")]
    days += [c["date"] for c in data.control if c["date"]]
    days += [c["valid_until"] for c in data.control if c["valid_until"]]
    return (min(days), max(days)) if days else (dt.date.today(), dt.date.today())


def importance(e: dict) -> tuple:
    """Key developments first: corroborated, sourced, deadly, then territorial."""
    return (-e["n_outlets"], -e["n_sources"], -(e["fatalities_high"] or 0), e["family"] != "Territory",
            str(e["date"]), e["event_id"])


def plural(count: int, noun: str) -> str:
    """"1 outlet", "3 outlets"."""
    return f"{count} {noun}{'s' * (count != 1)}"


def shown_date(e: dict) -> str:
    """An event's date as the report shows it ("April 2022" when only the month is known)."""
    return e.get("date_shown") or (str(e["date"]) if e.get("date") else "undated")


def place_ref(geonameid: int) -> str:
    """GeoNames ids are positive; places from wirewatch's own feature table (Donbas, Azovstal) negative."""
    return f"GeoNames {geonameid}" if geonameid > 0 else "wirewatch feature table"
