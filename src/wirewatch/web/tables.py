"""What the web app answers from, and the lookups that answer its requests.

Every row a page can show is read from the store once, already made into JSON by DuckDB, in the order
pages show them (``Listing``), with the columns the filters read as numpy arrays. A page is then a slice or
a mask over those arrays and a join of ready JSON: no query, no Python work per row, a fraction of a
millisecond. Text filters and search use a tantivy index (index.py) over lower-cased copies of the searched
columns (``web_events``, ``web_articles``, ``web_claims``, each with a ``pos`` column in page order). The
whole is built once per store and saved beside it (saved.py); server processes map the saved copy.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from wirewatch.report.data import DATE_PRECISION_JOIN, DATE_SHOWN
from wirewatch.web.index import NOTHING, SEARCHED, SearchIndex

JSON_LISTS = ("outlets", "sources", "sides", "observations", "places")
MAX_SIDES = 64  # bits of an event's ``sides`` mask; sides past these (never seen in a conflict) match no filter
EPOCH = dt.date(1970, 1, 1)
# The event table's sort keys -> what orders by it, over ``all_events`` (ties in page order, no value last)
SORTS = {"date": "json->>'date'", "type": "json->>'sub_event_type'", "place": "json->>'location_name'",
         "admin1": "nullif(admin1, '')", "actor": "json->>'actor1'", "fatalities": "fatalities",
         "outlets": "(json->>'n_outlets')::INTEGER"}

BUILD = """
CREATE OR REPLACE TEMP TABLE all_events AS
SELECT (row_number() OVER (ORDER BY ev.date, ev.event_id) - 1)::INTEGER AS pos, ev.event_id,
       coalesce(ev.event_type, '') AS event_type, coalesce(ev.story_id, -1)::BIGINT AS story_id,
       ev.date IS NOT NULL AS dated, coalesce(datediff('day', DATE '1970-01-01', ev.date), 0)::INTEGER AS day,
       list_distinct(list_filter([ev.actor1_side, ev.actor2_side]
                                 || coalesce(from_json(ev.sides, '["VARCHAR"]'), []), lambda s: s IS NOT NULL))
         AS side_list, ev.outlets, coalesce(ev.fatalities, 0)::INTEGER AS fatalities,
       coalesce(p.admin1, '') AS admin1, lower(coalesce(ev.actor1, '')) AS actor1_lc,
       lower(coalesce(ev.actor2, '')) AS actor2_lc,
       lower(coalesce(ev.location_name, '')) AS place_lc, lower(coalesce(r.evidence, '')) AS evidence_lc,
       lower(concat_ws(chr(10), ev.event_type, ev.sub_event_type, ev.actor1, ev.actor2, p.admin1)) AS about_lc,
       CAST(to_json({event_json}) AS VARCHAR) AS json
FROM corpus_events ev
LEFT JOIN (SELECT event_id, string_agg(evidence_text, chr(10)) AS evidence FROM events
           WHERE event_id IS NOT NULL GROUP BY event_id) r USING (event_id)
LEFT JOIN (SELECT geonameid, min(admin1) AS admin1 FROM places WHERE admin1 IS NOT NULL GROUP BY geonameid) p
       USING (geonameid)
{date_precision_join};
CREATE OR REPLACE TABLE web_events AS SELECT pos, evidence_lc, place_lc, about_lc FROM all_events ORDER BY pos;

CREATE OR REPLACE TEMP TABLE all_claims AS
SELECT (row_number() OVER (ORDER BY a.published, c.article_id, c.claim_index) - 1)::INTEGER AS pos,
       coalesce(c.side, n.side) AS side, lower(coalesce(n.canonical, c.speaker)) AS speaker_lc,
       lower(c.speaker) AS written_lc, lower(c.content_text) AS content_lc,
       CAST(to_json(struct_pack(c.article_id, c.claim_index, speaker := coalesce(n.canonical, c.speaker),
            written := c.speaker, side := coalesce(c.side, n.side), c.kind, c.channel, c.via, c.cue_text,
            c.content_text, c.content_start, c.content_end, a.source, a.published)) AS VARCHAR) AS json
FROM claims c JOIN articles a USING (article_id) LEFT JOIN entity_names n ON n.name = c.speaker;
CREATE OR REPLACE TABLE web_claims AS SELECT pos, content_lc, written_lc, speaker_lc FROM all_claims ORDER BY pos;

CREATE OR REPLACE TABLE web_articles AS
SELECT (row_number() OVER (ORDER BY published, article_id) - 1)::INTEGER AS pos,
       lower(coalesce(title, '') || chr(10) || coalesce(text, '')) AS text_lc,
       CAST(to_json(struct_pack(article_id, doc_id, title, source, published)) AS VARCHAR) AS json
FROM articles ORDER BY pos;
"""

REPORTS = """
SELECT e.event_id, CAST(to_json(struct_pack(e.article_id, e.event_index, e.date, e.location_name, e.fatalities,
       e.injured, e.evidence_start, e.evidence_end, e.evidence_text, c.speaker, speaker_side := c.side, a.source,
       a.published, a.title, a.url, a.doc_id, a.syndication_group)) AS VARCHAR)
FROM events e JOIN articles a USING (article_id)
LEFT JOIN claims c ON c.article_id = e.article_id AND c.claim_index = e.claim_index
WHERE e.event_id IS NOT NULL ORDER BY e.event_id, a.published NULLS LAST, e.article_id, e.event_index"""

VARIANTS = """
WITH place_keys AS (
    SELECT lower(trim(text)) AS key, geonameid FROM places WHERE geonameid IS NOT NULL
    UNION SELECT lower(name), geonameid FROM places WHERE geonameid IS NOT NULL AND name IS NOT NULL),
forms AS (SELECT DISTINCT geonameid, trim(text) AS v FROM places WHERE geonameid IS NOT NULL)
SELECT DISTINCT k.key, f.v FROM place_keys k JOIN forms f USING (geonameid)  -- the same place (GeoNames id)
UNION SELECT lower(n1.name), n2.name FROM entity_names n1 JOIN entity_names n2 USING (cluster_id)  -- same actor
UNION SELECT lower(n1.canonical), n2.name FROM entity_names n1 JOIN entity_names n2 USING (cluster_id)
      WHERE n1.canonical IS NOT NULL
UNION SELECT lower(regexp_extract(n1.name, '(\\S+)$', 1)), regexp_extract(n2.name, '(\\S+)$', 1)  -- a surname
      FROM entity_names n1 JOIN entity_names n2 USING (cluster_id)
      WHERE n1.kind = 'PERSON' AND n1.name LIKE '% %'
ORDER BY 1, 2"""


@dataclass(frozen=True)
class EventFilter:
    """What ``/api/events`` may ask for; each given condition must hold. ``q``: the search's terms (a query
    and its variants, search.py), one of which is in the event's evidence, place, type, actors or admin
    area; ``actor``: part of either actor's name; ``admin1``: the first-level admin area, exactly."""

    event_type: str | None = None
    side: str | None = None
    source: str | None = None
    story: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: tuple[str, ...] | None = None
    actor: str | None = None
    admin1: str | None = None
    min_fatalities: int | None = None


class Listing:
    """A table's rows in page order, each the JSON an answer shows (made by DuckDB at start), stored one
    after another in one buffer, each followed by a comma: a page of consecutive rows is one slice. The
    buffer is bytes, or a file mapped into memory (``saved.py``) that every server process shares."""

    def __init__(self, blob, offsets: np.ndarray) -> None:
        self.blob, self.offsets = blob, offsets  # row i is blob[offsets[i]:offsets[i + 1] - 1]

    @classmethod
    def of(cls, rows: list[str]) -> Listing:
        encoded = [r.encode() + b"," for r in rows]
        return cls(b"".join(encoded), np.cumsum([0] + [len(r) for r in encoded], dtype=np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def row(self, i: int) -> bytes:
        return self.blob[int(self.offsets[i]):int(self.offsets[i + 1]) - 1]

    def page(self, positions) -> bytes:
        positions = np.asarray(positions, dtype=np.int64)
        starts, ends = self.offsets[positions].tolist(), (self.offsets[positions + 1] - 1).tolist()
        return b"[" + b",".join([self.blob[a:b] for a, b in zip(starts, ends)]) + b"]"

    def span(self, start: int, stop: int) -> bytes:
        start, stop = min(start, len(self)), min(stop, len(self))
        if start >= stop:
            return b"[]"
        return b"[" + self.blob[int(self.offsets[start]):int(self.offsets[stop]) - 1] + b"]"


def dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    """The cursor's rows as dicts by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def connect(db_path: str) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the store attached read-only and a view of each of its tables.

    The app's own tables live in the in-memory database, where every cursor sees them (TEMP
    tables would be private to one cursor); the store itself cannot be written through it.
    """
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")  # the start-up build would draw one on the server's stderr
    con.execute(f"ATTACH '{db_path.replace(chr(39), chr(39) * 2)}' AS store (READ_ONLY)")
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'store' "
                                "AND schema_name = 'main'").fetchall():
        con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM store.main."{table}"')
    return con


def record(con: duckdb.DuckDBPyConnection, table: str, alias: str) -> str:
    """A struct of every column of ``table`` (JSON-list columns as JSON), for ``to_json``."""
    columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    return "struct_pack(" + ", ".join(
        f'"{c}" := ' + (f'json({alias}."{c}")' if c in JSON_LISTS else f'{alias}."{c}"') for c in columns) + ")"


def _codes(values: list[str]) -> tuple[list[str], np.ndarray]:
    """A column of text as its distinct values, sorted, and each row's index into them: a filter on the
    column then compares small integers."""
    distinct = sorted(set(values))
    index = {v: i for i, v in enumerate(distinct)}
    return distinct, np.fromiter((index[v] for v in values), dtype=np.int32, count=len(values))


def _side_masks(side_lists: list[list[str] | None]) -> tuple[list[str], np.ndarray]:
    """The sides found, sorted (at most MAX_SIDES), and each event's sides as a bit mask over them."""
    codes = sorted({s for found in side_lists for s in found or ()})[:MAX_SIDES]
    bit = {code: 1 << i for i, code in enumerate(codes)}
    masks = (sum(bit.get(s, 0) for s in found or ()) for found in side_lists)
    return codes, np.fromiter(masks, dtype=np.uint64, count=len(side_lists))


def _code_of(distinct: list[str], value: str) -> list[int]:
    """The code of ``value`` among ``distinct`` (sorted), as a list of none or one."""
    i = bisect_left(distinct, value)
    return [i] if i < len(distinct) and distinct[i] == value else []


def _equals(codes: np.ndarray, distinct: list[str], value: str) -> np.ndarray:
    """Which rows of a coded column (``_codes``) hold ``value`` (a comparison, 40 times as fast as isin)."""
    found = _code_of(distinct, value)
    return codes == found[0] if found else np.zeros(len(codes), dtype=bool)


def _containing(distinct: list[str], part: str) -> np.ndarray:
    """Per distinct value of a coded column, whether it contains ``part``: indexed by a row's code, whether
    the row does (each name is read once, not once per row)."""
    return np.fromiter((bool(v) and part in v for v in distinct), dtype=bool, count=len(distinct))


@dataclass
class Tables:
    """Everything the app answers from, over one connection with the store attached read-only: built from
    the store (``build``) or mapped from a saved copy (``saved.py``). Per position in page order: events,
    with their filters' columns; reports and comparisons by event; control by place; claims and articles."""

    con: duckdb.DuckDBPyConnection
    events: Listing
    event_id: np.ndarray  # per event position; event_order sorts them
    event_order: np.ndarray
    event_types: list[str]  # distinct values; event_type: each event's index into them
    event_type: np.ndarray
    story: np.ndarray  # -1: none
    dated: np.ndarray
    day: np.ndarray  # days since 1970-01-01 (0 when not dated)
    side_codes: list[str]  # every side an event has in this store (as its reports and the profile name them)
    sides: np.ndarray  # bit i set: side_codes[i] is a side of the event
    fatalities: np.ndarray  # the event's toll (0: none reported)
    admin_areas: list[str]  # distinct values ('' for none); admin1: each event's index into them
    admin1: np.ndarray
    actors: list[str]  # distinct lower-cased actor names; actor1, actor2: each event's index into them
    actor1: np.ndarray
    actor2: np.ndarray
    orders: np.ndarray  # row 2k (2k + 1): event positions sorted by the k-th of SORTS, ascending (descending)
    outlets: list[str]  # outlet i's events: outlet_rows[outlet_starts[i]:outlet_starts[i + 1]]
    outlet_starts: np.ndarray
    outlet_rows: np.ndarray
    reports: Listing  # in (event id, page) order; report_event: each one's event id
    report_event: np.ndarray
    comparisons: Listing
    comparison_event: np.ndarray
    control: Listing  # in (place, date) order
    control_places: dict[str, list[int]]  # lower-cased place -> [first, end) positions
    claims: Listing
    claim_sides: list[str]
    claim_side: np.ndarray
    speakers: list[str]  # resolved speakers, lower-cased; speaker: each claim's index into them
    speaker: np.ndarray
    writtens: list[str]  # speakers as written, lower-cased
    written: np.ndarray
    articles: Listing
    variants: dict[str, list[str]]  # a lower-cased name -> other spellings of it in the corpus
    search_index: SearchIndex

    def __post_init__(self) -> None:
        # One thread per query: requests run side by side, and splitting a millisecond query across
        # threads costs more than it saves.
        self.con.execute("SET threads = 1")

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection, index_folder: Path | None = None) -> Tables:
        """Read every part from the store in ``con``; the search index is written in ``index_folder`` (in
        memory when None)."""
        event_json = (record(con, "corpus_events", "ev")[:-1] + ", admin1 := p.admin1, "
                      f"date_precision := dp.date_precision, date_shown := {DATE_SHOWN.format(e='ev')})")
        con.execute(BUILD.format(event_json=event_json,
                                 date_precision_join=DATE_PRECISION_JOIN.format(e="ev")))
        ev = con.execute("SELECT * EXCLUDE (side_list, outlets, place_lc, evidence_lc, about_lc, json) "
                         "FROM all_events ORDER BY pos").fetchnumpy()
        parts: dict = {"events": Listing.of([j for (j,) in con.execute(
            "SELECT json FROM all_events ORDER BY pos").fetchall()])}
        parts["event_id"] = ev["event_id"].astype(np.int64)
        parts["event_order"] = np.argsort(parts["event_id"], kind="stable")
        parts["event_types"], parts["event_type"] = _codes(ev["event_type"].tolist())
        parts["story"], parts["dated"], parts["day"] = ev["story_id"], ev["dated"], ev["day"]
        parts["side_codes"], parts["sides"] = _side_masks(
            [found for (found,) in con.execute("SELECT side_list FROM all_events ORDER BY pos").fetchall()])
        parts["fatalities"] = ev["fatalities"].astype(np.int32)
        parts["admin_areas"], parts["admin1"] = _codes(ev["admin1"].tolist())
        actors = ev["actor1_lc"].tolist() + ev["actor2_lc"].tolist()
        parts["actors"], both = _codes(actors)
        parts["actor1"], parts["actor2"] = both[:len(both) // 2], both[len(both) // 2:]
        parts["orders"] = np.asarray([[p for (p,) in con.execute(
            f"SELECT pos FROM all_events ORDER BY {key} {way} NULLS LAST, pos {way}").fetchall()]
            for key in SORTS.values() for way in ("ASC", "DESC")], dtype=np.int32).reshape(2 * len(SORTS), len(parts["event_id"]))
        by_outlet = con.execute(  # outlet -> its events
            "SELECT o, list(pos ORDER BY pos) FROM (SELECT pos, unnest(from_json(outlets, '[\"VARCHAR\"]')) AS o "
            "FROM all_events) WHERE o IS NOT NULL GROUP BY o ORDER BY o").fetchall()
        parts["outlets"] = [o for o, _ in by_outlet]
        parts["outlet_starts"] = np.cumsum([0] + [len(p) for _, p in by_outlet], dtype=np.int64)
        parts["outlet_rows"] = np.asarray([r for _, p in by_outlet for r in p], dtype=np.int64)

        reports = con.execute(REPORTS).fetchall()
        parts["reports"] = Listing.of([j for _, j in reports])
        parts["report_event"] = np.asarray([e for e, _ in reports], dtype=np.int64)
        comparisons = con.execute(f"SELECT event_id, CAST(to_json({record(con, 'comparisons', 'cm')}) AS VARCHAR) "
                                  "FROM comparisons cm WHERE event_id IS NOT NULL "
                                  "ORDER BY event_id, comparison_id").fetchall()
        parts["comparisons"] = Listing.of([j for _, j in comparisons])
        parts["comparison_event"] = np.asarray([e for e, _ in comparisons], dtype=np.int64)

        control = con.execute(f"SELECT lower(place), CAST(to_json({record(con, 'control_changes', 'cc')}) "
                              "AS VARCHAR) FROM control_changes cc ORDER BY place, date, change_id").fetchall()
        parts["control"] = Listing.of([j for _, j in control])
        parts["control_places"] = {}
        for i, (place, _) in enumerate(control):  # in place order: each place's changes are one run
            parts["control_places"].setdefault(place or "", [i, i])[1] = i + 1

        claims = con.execute("SELECT side, speaker_lc, written_lc, json FROM all_claims ORDER BY pos").fetchall()
        parts["claims"] = Listing.of([c[3] for c in claims])
        parts["claim_sides"], parts["claim_side"] = _codes([c[0] or "" for c in claims])
        parts["speakers"], parts["speaker"] = _codes([c[1] or "" for c in claims])
        parts["writtens"], parts["written"] = _codes([c[2] or "" for c in claims])
        parts["articles"] = Listing.of([j for (j,) in con.execute(
            "SELECT json FROM web_articles ORDER BY pos").fetchall()])
        con.execute("ALTER TABLE web_articles DROP COLUMN json")
        con.execute("DROP TABLE all_events; DROP TABLE all_claims")

        parts["variants"] = {}
        for key, v in con.execute(VARIANTS).fetchall():
            parts["variants"].setdefault(key, []).append(v)
        parts["search_index"] = SearchIndex.build(con, index_folder)
        con.execute("DROP TABLE web_events; DROP TABLE web_claims; DROP TABLE web_articles")
        return cls(con, **parts)

    def lower(self, terms: list[str]) -> list[str]:
        """The terms lower-cased as the searched text was, by DuckDB (Python's lower() differs from it on a
        few letters beyond ASCII, and agrees on ASCII)."""
        if all(t.isascii() for t in terms):
            return [t.lower() for t in terms]
        return self.con.cursor().execute("SELECT list_transform(?::VARCHAR[], lambda t: lower(t))",
                                         [terms]).fetchone()[0]

    # -- pages ----------------------------------------------------------------------------------------------

    def events_page(self, f: EventFilter, limit: int, offset: int, sort: str = "date",
                    descending: bool = False) -> tuple[bytes, int]:
        """A page of merged events as JSON, sorted by one of SORTS (by date and id by default), and how
        many match."""
        if sort == "date" and not descending and f == EventFilter():
            return self.events.span(offset, offset + limit), len(self.events)  # a range of positions
        if sort == "date" and not descending and f == EventFilter(q=f.q):  # words alone: the index's first hits
            found, total = self.search_index.page("web_events", SEARCHED["web_events"], list(f.q or ()),
                                                  offset + limit, count=True)
            return self.events.page(found[offset:]), total
        found = self.event_positions(f, sort, descending)
        return self.events.page(found[offset:offset + limit]), len(found)

    def event_positions(self, f: EventFilter, sort: str = "date", descending: bool = False) -> np.ndarray:
        """The positions of every event ``f`` lets through, in the order asked for."""
        keep = None
        for condition in self._event_conditions(f):
            keep = condition if keep is None else keep & condition
        if sort == "date" and not descending:  # page order is date order
            return np.arange(len(self.events), dtype=np.int64) if keep is None else np.flatnonzero(keep)
        order = self.orders[2 * list(SORTS).index(sort) + int(descending)]
        if keep is None:
            return np.asarray(order, dtype=np.int64)
        return np.asarray(order[keep[order]], dtype=np.int64)  # one pass over a ready order

    def _event_conditions(self, f: EventFilter):
        n = len(self.events)
        if f.event_type is not None:
            yield _equals(self.event_type, self.event_types, f.event_type)
        if f.side is not None:
            if f.side not in self.side_codes:
                yield np.zeros(n, dtype=bool)
            else:
                yield (self.sides & np.uint64(1 << self.side_codes.index(f.side))) != 0
        if f.story is not None:
            yield self.story == f.story
        if f.date_from is not None:
            yield self.dated & (self.day >= (f.date_from - EPOCH).days)
        if f.date_to is not None:
            yield self.dated & (self.day <= (f.date_to - EPOCH).days)
        if f.min_fatalities is not None:
            yield self.fatalities >= f.min_fatalities
        if f.admin1 is not None:
            yield _equals(self.admin1, self.admin_areas, f.admin1)
        if f.actor:
            named = _containing(self.actors, self.lower([f.actor.strip()])[0])
            yield named[self.actor1] | named[self.actor2]
        for rows in ([self._outlet_rows(f.source)] if f.source is not None else []) + (
                [self.rows_with("web_events", SEARCHED["web_events"], list(f.q))] if f.q else []):
            mask = np.zeros(n, dtype=bool)
            mask[rows] = True
            yield mask

    def _outlet_rows(self, outlet: str) -> np.ndarray:
        return next((self.outlet_rows[self.outlet_starts[i]:self.outlet_starts[i + 1]]
                     for i in _code_of(self.outlets, outlet)), NOTHING)

    def event(self, event_id: int) -> bytes | None:
        """One event with its reports (in page order) and comparisons as JSON; None: no such event."""
        i = int(np.searchsorted(self.event_id, event_id, sorter=self.event_order))
        if i >= len(self.event_order) or self.event_id[self.event_order[i]] != event_id:
            return None
        pos = int(self.event_order[i])
        reports = self.reports.span(*np.searchsorted(self.report_event, [event_id, event_id + 1]).tolist())
        comparisons = self.comparisons.span(*np.searchsorted(self.comparison_event, [event_id, event_id + 1]).tolist())
        return self.events.row(pos)[:-1] + b',"reports":' + reports + b',"comparisons":' + comparisons + b"}"

    def texts(self, article_ids: list[int]) -> dict[int, str]:
        """The text of each article by id."""
        if not article_ids:
            return {}
        return dict(self.con.cursor().execute(  # a list of values, not a subquery: the key's index is used
            f"SELECT article_id, text FROM articles WHERE article_id IN ({', '.join('?' * len(article_ids))})",
            article_ids).fetchall())

    def control_page(self, place: str | None, limit: int, offset: int) -> bytes:
        """Control changes by (place, date): of the settlement ``place`` names (any case), or when none has
        that name, of those whose names contain it."""
        if not place:
            return self.control.span(offset, offset + limit)
        exact = self.control_places.get(self.lower([place.strip()])[0])
        if exact:
            found = np.arange(*exact)
        else:
            part = self.lower([place])[0]
            found = np.concatenate([np.arange(a, b) for p, (a, b) in self.control_places.items() if part in p]
                                   or [NOTHING]).astype(np.int64)
        return self.control.page(found[offset:offset + limit])

    def claims_page(self, side: str | None, speaker: str | None, q: str | None, limit: int, offset: int) -> bytes:
        """Claims in publication order, by side, (resolved or written) speaker and words of their content."""
        keep = None
        conditions = []
        if side:
            conditions.append(_equals(self.claim_side, self.claim_sides, side))
        if speaker:
            part = self.lower([speaker])[0]
            conditions.append(_containing(self.speakers, part)[self.speaker] | _containing(self.writtens, part)[self.written])
        if q:
            mask = np.zeros(len(self.claims), dtype=bool)
            mask[self.rows_with("web_claims", ("content_lc",), [q])] = True
            conditions.append(mask)
        for condition in conditions:
            keep = condition if keep is None else keep & condition
        if keep is None:
            return self.claims.span(offset, offset + limit)
        return self.claims.page(np.flatnonzero(keep)[offset:offset + limit])

    # -- text ------------------------------------------------------------------------------------------------

    def rows_with(self, table: str, columns: tuple[str, ...], terms: list[str], first: int | None = None
                  ) -> np.ndarray:
        """The sorted positions of the rows of ``table`` in which one of ``columns`` holds one of ``terms``
        (only the first ``first``): see index.py for what holds means."""
        return self.search_index.rows(table, columns, terms, first)

    def listing(self, table: str) -> Listing:
        return {"web_articles": self.articles, "web_events": self.events, "web_claims": self.claims}[table]
