"""Typed rows the corpus stage reasons over, and their loaders from the store.

The corpus stage's logic takes these records (not the store), so it can be
tested and benchmarked on hand-made or synthetic data; only the loaders here
and the writers in ``corpus/__init__.py`` touch SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from wirewatch.limits import EARLIEST_DATE, LATEST_DATE
from wirewatch.store import Store


@dataclass(frozen=True, slots=True)
class ArticleRec:
    article_id: int
    doc_id: str
    source: str | None
    published: dt.date | None
    title: str | None
    syndication_group: int | None = None
    url: str | None = None
    origin: str | None = None  # the outlet its copies credit ("(Northwire)"), when it is a syndicated copy
    live: bool = False  # a live page with timed updates ("Update 11:00."): its figures are a timeline

    @property
    def outlet(self) -> str:
        """The outlet's name; without one, the web host or the folder the file came from."""
        if self.source:
            return self.source
        from urllib.parse import urlparse

        if self.url:
            return urlparse(self.url).netloc or self.url
        parts = self.doc_id.replace("\\", "/").split("/")
        folder = parts[-2] if len(parts) > 1 else self.doc_id
        # "kyiv-morning-post/" is how people name an outlet's folder: show it as a name.
        return " ".join(w.capitalize() for w in re.split(r"[-_]+", folder)) if re.fullmatch(r"[a-z0-9_-]+", folder) \
            else folder


@dataclass(frozen=True, slots=True)
class ReportRec:
    """One document's statement of an event (a row of ``events``), with its attribution."""

    article_id: int
    event_index: int
    event_type: str
    sub_event_type: str
    date: dt.date | None
    location_name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    evidence_start: int
    evidence_end: int
    evidence_text: str
    date_precision: str | None = "day"
    location_precision: str | None = "city"
    actor1: str | None = None
    actor1_side: str | None = None
    actor2: str | None = None
    actor2_side: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    claim_index: int | None = None
    speaker: str | None = None  # who asserts it (the claim's speaker), None for the outlet's own voice
    speaker_side: str | None = None
    claim_text: str | None = None  # the claim's content, for denials
    country_code: str | None = None  # of the place, from the gazetteer
    claimed_fatalities: int | None = None  # a party's figure of its enemy's dead: its claim, not the toll
    feature_code: str | None = None  # of the place, from the gazetteer (PPLX: a section of a city)
    admin1: str | None = None  # the first-level division the place lies in (a region: itself), from the gazetteer

    @property
    def key(self) -> tuple[int, int]:
        return (self.article_id, self.event_index)


@dataclass(frozen=True, slots=True)
class ControlRec:
    article_id: int
    control_index: int
    place: str
    geonameid: int | None
    date: dt.date | None
    side: str | None
    change: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    claimed_by: str | None = None
    claimant_side: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    named: bool = True  # the evidence names the place (not just a capitalised dateline)
    # Gazetteer places mentioned inside the evidence, offsets relative to it: (start, end, geonameid, name,
    # lat, lon, feature_code). Lets the timeline tell the place that changed hands from a reference point.
    mentions: tuple[tuple, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceRec:
    article_id: int
    start: int
    end: int
    geonameid: int | None
    name: str | None
    lat: float | None
    lon: float | None
    feature_code: str | None


@dataclass(frozen=True, slots=True)
class ClaimRec:
    """A statement attributed to a speaker (a row of ``claims`` with a content)."""

    article_id: int
    claim_index: int
    speaker: str | None
    side: str | None
    content_start: int
    content_end: int
    content_text: str
    cue_text: str | None


@dataclass(frozen=True, slots=True)
class LocationRec:
    """A place named in an article: a gazetteer place, or a location the NER found that the gazetteer lacks
    (a camp, a district; ``geonameid`` None)."""

    article_id: int
    start: int
    end: int
    name: str
    geonameid: int | None
    feature_code: str | None
    admin1: str | None


@dataclass(frozen=True, slots=True)
class NameRec:
    """A name used for a person or organisation somewhere in the corpus."""

    name: str
    kind: str  # PERSON | ORG
    side: str | None  # "" for a person whose stated role is of no side ("French president")
    article_id: int


def fold_outlet(name: str) -> str:
    """An outlet name, web host or folder reduced to compare them: "Baltic Observer", "baltic-observer/" and
    "www.balticobserver.com" all fold to "balticobserver"."""
    name = name.lower()
    if "." in name and " " not in name:  # a host: keep its main label
        labels = [x for x in name.split(".") if x not in ("www", "m", "amp", "news")]
        name = labels[0] if labels else name
    return re.sub(r"[^0-9a-z\u0400-\u04ff]", "", name)


def name_outlets(articles: list[ArticleRec]) -> list[ArticleRec]:
    """Articles with no outlet line take the name of the outlet their host or folder folds to, so one
    outlet is not counted twice as "Baltic Observer" and "baltic-observer"."""
    known: dict[str, str] = {}
    for a in articles:
        if a.source:
            known.setdefault(fold_outlet(a.source), a.source)
    return [replace(a, source=known[fold_outlet(a.outlet)])
            if not a.source and fold_outlet(a.outlet) in known else a for a in articles]


def _sane(column: str) -> str:
    """``column`` in SQL, NULL when the date is outside the range wirewatch handles: a store written
    before dates were checked at read time must not overflow the date arithmetic of this stage."""
    return (f"CASE WHEN {column} BETWEEN DATE '{EARLIEST_DATE}' AND DATE '{LATEST_DATE}' THEN {column} END "
            f"AS {column.split('.')[-1]}")


def load_articles(store: Store) -> list[ArticleRec]:
    rows = store.con.execute(f"SELECT article_id, doc_id, source, {_sane('published')}, title, syndication_group, "
                             "url, regexp_matches(text, '(?i)\\bupdated?\\b[^\\n]{0,12}\\d{1,2}[:.]\\d{2}') "
                             "FROM articles ORDER BY article_id").fetchall()
    # Within a group of copies, the member outlet that the most copies credit by name in their text
    # ("KYIV, May 12 (Northwire) -", "Photo by .../Northwire") is the wire that wrote the story.
    origins = dict(store.con.execute("""
        SELECT grp, arg_max(source, credits) FROM (
            SELECT a.syndication_group AS grp, b.source AS source, count(*) AS credits
            FROM articles a JOIN articles b ON a.syndication_group = b.syndication_group
            WHERE b.source IS NOT NULL AND a.syndication_group IS NOT NULL
              AND (SELECT count(*) FROM articles c WHERE c.syndication_group = a.syndication_group) > 1
              AND contains(a.text, b.source) AND a.article_id <> b.article_id
            GROUP BY ALL) GROUP BY grp""").fetchall())
    return name_outlets([ArticleRec(*r[:7], origin=origins.get(r[5]), live=r[7]) for r in rows])


def load_reports(store: Store) -> list[ReportRec]:
    rows = store.con.execute(f"""
        SELECT e.article_id, e.event_index, e.event_type, e.sub_event_type, {_sane('e.date')}, e.location_name, e.geonameid,
               e.lat, e.lon, e.evidence_start, e.evidence_end, e.evidence_text, e.date_precision,
               e.location_precision, e.actor1, e.actor1_side, e.actor2, e.actor2_side, e.fatalities, e.injured,
               e.claim_index, c.speaker, c.side, c.content_text, p.country_code, e.claimed_fatalities,
               p.feature_code, p.admin1
        FROM events e LEFT JOIN claims c ON c.article_id = e.article_id AND c.claim_index = e.claim_index
        LEFT JOIN (SELECT geonameid, any_value(country_code) AS country_code, any_value(feature_code) AS feature_code,
                          any_value(admin1) AS admin1
                   FROM places GROUP BY geonameid) p
               ON p.geonameid = e.geonameid
        ORDER BY e.article_id, e.event_index""").fetchall()
    return [ReportRec(*r) for r in rows]


def load_control(store: Store) -> list[ControlRec]:
    rows = store.con.execute(f"""
        SELECT o.article_id, o.control_index, o.place, o.geonameid, {_sane('o.date')}, o.side, o.change, o.evidence_start,
               o.evidence_end, o.evidence_text, o.claimed_by, c.side, p.lat, p.lon, p.feature_code,
               o.geonameid IS NULL
               OR NOT EXISTS (SELECT 1 FROM places m WHERE m.article_id = o.article_id AND m.geonameid = o.geonameid)
               OR EXISTS (
                   SELECT 1 FROM places m WHERE m.article_id = o.article_id AND m.geonameid = o.geonameid
                   AND m.start >= o.evidence_start AND m."end" <= o.evidence_end AND m.text <> upper(m.text)),
               (SELECT list(struct_pack(s := m.start - o.evidence_start, e := m."end" - o.evidence_start,
                                         g := m.geonameid, n := m.name, la := m.lat, lo := m.lon,
                                         f := m.feature_code) ORDER BY m.start)
                FROM places m WHERE m.article_id = o.article_id AND m.geonameid IS NOT NULL
                  AND m.start >= o.evidence_start AND m."end" <= o.evidence_end)
        FROM control o
        LEFT JOIN claims c ON c.article_id = o.article_id AND c.claim_index = o.claim_index
        LEFT JOIN (SELECT geonameid, any_value(lat) AS lat, any_value(lon) AS lon,
                          any_value(feature_code) AS feature_code FROM places GROUP BY geonameid) p
               ON p.geonameid = o.geonameid
        ORDER BY o.article_id, o.control_index""").fetchall()
    return [ControlRec(*r[:-1], mentions=tuple(tuple(m.values()) for m in r[-1] or ())) for r in rows]


def load_places(store: Store, article_ids: set[int] | None = None) -> list[PlaceRec]:
    rows = store.con.execute('SELECT article_id, start, "end", geonameid, name, lat, lon, feature_code '
                             "FROM places ORDER BY article_id, start").fetchall()
    return [PlaceRec(*r) for r in rows if article_ids is None or r[0] in article_ids]


def load_claims(store: Store) -> list[ClaimRec]:
    rows = store.con.execute("SELECT article_id, claim_index, speaker, side, content_start, content_end, "
                             "content_text, cue_text FROM claims WHERE content_text IS NOT NULL "
                             "ORDER BY article_id, claim_index").fetchall()
    return [ClaimRec(*r) for r in rows]


def load_locations(store: Store) -> list[LocationRec]:
    """Gazetteer places and, where none is, the NER's locations (GPE, LOC, FAC), by article and offset."""
    rows = store.con.execute("""
        SELECT article_id, start, "end", text, geonameid, feature_code, admin1 FROM places
        UNION ALL
        SELECT e.article_id, e.start, e."end", e.text, NULL, NULL, NULL FROM entities e
        WHERE e.label IN ('GPE', 'LOC', 'FAC') AND NOT EXISTS (
            SELECT 1 FROM places p WHERE p.article_id = e.article_id AND p.start < e."end" AND e.start < p."end")
        ORDER BY 1, 2""").fetchall()
    return [LocationRec(*r) for r in rows]


def load_names(store: Store) -> list[NameRec]:
    """Person and organisation names: entity canonicals, claim speakers and control claimants."""
    rows = store.con.execute("""
        SELECT canonical, CASE WHEN label = 'PERSON' THEN 'PERSON' ELSE 'ORG' END,
               CASE WHEN label = 'PERSON' AND side IS NULL AND affiliation IS NOT NULL THEN '' ELSE side END,
               article_id
        FROM entities WHERE label IN ('PERSON', 'ORG', 'NORP') AND canonical IS NOT NULL
        UNION ALL SELECT speaker, 'SPEAKER', side, article_id FROM claims WHERE speaker IS NOT NULL
        UNION ALL SELECT claimed_by, 'SPEAKER', side, article_id FROM control WHERE claimed_by IS NOT NULL
        """).fetchall()
    return [NameRec(*r) for r in rows]
