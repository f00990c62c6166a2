"""Tables the web app builds when it starts, and the queries that read them.

The store is attached read-only, so these tables live in an in-memory database:
in the server process's memory, never in the store file, rebuilt by each server
process when it starts (a few seconds for 100k events). Each is a copy of what a page reads, sorted the way it is read,
with a ``pos`` column for that order. Sorted copies let DuckDB skip whole row
groups by their min/max: a page of events at any offset reads one row group, an
event's reports are found without scanning every report, and a text search reads
only the rows the word index (words.py) names, in order, until it has a page of hits. Lists of rows leave
DuckDB as one JSON text (``to_json``), so no Python work is done per row.
"""

from __future__ import annotations

import duckdb

from wirewatch.web import words

JSON_LISTS = ("outlets", "sources", "sides", "observations", "places")
SIDES = ("UA", "RU", "THIRD", "CIVILIAN")

BUILD = """
CREATE OR REPLACE TABLE web_events AS
SELECT (row_number() OVER (ORDER BY ev.date, ev.event_id) - 1)::BIGINT AS pos, ev.event_id, ev.event_type,
       ev.sub_event_type, ev.date, ev.location_name, ev.n_outlets, ev.outlets, ev.story_id,  -- filters, search
       {side_flags},
       lower(coalesce(ev.location_name, '')) AS place_lc,
       lower(coalesce(r.evidence, '')) AS evidence_lc,
       CAST(to_json({event_json}) AS VARCHAR) AS json
FROM corpus_events ev
LEFT JOIN (SELECT event_id, string_agg(evidence_text, chr(10)) AS evidence FROM events
           WHERE event_id IS NOT NULL GROUP BY event_id) r USING (event_id)
ORDER BY pos;

CREATE OR REPLACE TABLE web_reports AS  -- each event's reports, in the order its page shows them
SELECT (row_number() OVER (ORDER BY e.event_id, a.published NULLS LAST, e.article_id, e.event_index) - 1)::BIGINT
         AS pos, e.event_id, e.article_id,
       CAST(to_json(struct_pack(e.article_id, e.event_index, e.date, e.location_name, e.fatalities, e.injured,
            e.evidence_start, e.evidence_end, e.evidence_text, c.speaker, speaker_side := c.side, a.source,
            a.published, a.title, a.url, a.doc_id, a.syndication_group)) AS VARCHAR) AS json
FROM events e JOIN articles a USING (article_id)
LEFT JOIN claims c ON c.article_id = e.article_id AND c.claim_index = e.claim_index
WHERE e.event_id IS NOT NULL ORDER BY pos;

CREATE OR REPLACE TABLE web_comparisons AS
SELECT comparison_id AS pos, event_id, CAST(to_json({comparison_json}) AS VARCHAR) AS json
FROM comparisons cm WHERE event_id IS NOT NULL ORDER BY event_id, comparison_id;

CREATE OR REPLACE TABLE web_control AS
SELECT (row_number() OVER (ORDER BY place, date, change_id) - 1)::BIGINT AS pos, lower(place) AS place_lc,
       CAST(to_json({control_json}) AS VARCHAR) AS json
FROM control_changes cc ORDER BY pos;

CREATE OR REPLACE TABLE web_articles AS
SELECT (row_number() OVER (ORDER BY published, article_id) - 1)::BIGINT AS pos, article_id, doc_id, title,
       source, published, lower(coalesce(title, '') || chr(10) || coalesce(text, '')) AS text_lc
FROM articles ORDER BY pos;

CREATE OR REPLACE TABLE web_claims AS
SELECT pos, side, lower(speaker) AS speaker_lc, lower(written) AS written_lc, lower(content_text) AS content_lc,
       CAST(to_json(struct_pack(article_id, claim_index, speaker, written, side, kind, channel, via, cue_text,
            content_text, content_start, content_end, source, published)) AS VARCHAR) AS json
FROM (SELECT (row_number() OVER (ORDER BY a.published, c.article_id, c.claim_index) - 1)::BIGINT AS pos,
             c.article_id, c.claim_index, coalesce(n.canonical, c.speaker) AS speaker, c.speaker AS written,
             coalesce(c.side, n.side) AS side, c.kind, c.channel, c.via, c.cue_text, c.content_text,
             c.content_start, c.content_end, a.source, a.published
      FROM claims c JOIN articles a USING (article_id) LEFT JOIN entity_names n ON n.name = c.speaker)
ORDER BY pos;

CREATE OR REPLACE TABLE web_claim_text AS  -- search reads claims in (article, index) order
SELECT (row_number() OVER (ORDER BY article_id, claim_index) - 1)::BIGINT AS pos, article_id, claim_index,
       speaker, side, content_text, lower(coalesce(content_text, '') || chr(10) || coalesce(speaker, '')) AS text_lc
FROM claims ORDER BY pos;

CREATE OR REPLACE TABLE web_variants AS  -- a searched word (lower case) -> other spellings in the corpus
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
ORDER BY 1;
"""


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


class Tables:
    """The app's server-start tables on one read-only connection, and the queries over them."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        flags = ", ".join(f"coalesce(ev.actor1_side = '{s}' OR ev.actor2_side = '{s}' OR "
                          f"contains(ev.sides, '\"{s}\"'), FALSE) AS side_{s}" for s in SIDES)
        con.execute(BUILD.format(side_flags=flags, event_json=self.record("corpus_events", "ev"),
                                 comparison_json=self.record("comparisons", "cm"),
                                 control_json=self.record("control_changes", "cc")))
        self.postings = words.build(con)
        self.counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("web_events", "web_articles", "web_claim_text")}
        # Built with every core; then one thread per query: requests run side by side, and splitting
        # a millisecond query across threads costs more than it saves.
        con.execute("SET threads = 1")

    def lower(self, terms: list[str]) -> list[str]:
        """The terms lower-cased by DuckDB, as the searched text was (Python's lower() differs on a few
        letters)."""
        return self.con.cursor().execute("SELECT list_transform(?::VARCHAR[], lambda t: lower(t))",
                                         [terms]).fetchone()[0]

    def record(self, table: str, alias: str) -> str:
        """A struct of every column of ``table`` (JSON-list columns as JSON), for ``to_json``."""
        columns = [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]
        return "struct_pack(" + ", ".join(
            f'"{c}" := ' + (f'json({alias}."{c}")' if c in JSON_LISTS else f'{alias}."{c}"') for c in columns) + ")"

    def json_list(self, sql: str, params: list) -> str:
        """The rows of ``sql`` (columns ``pos`` and ``json``, a row made JSON at start) as one JSON array."""
        found = self.con.cursor().execute(
            f"SELECT string_agg(json, ',' ORDER BY pos) FROM ({sql})", params).fetchone()
        return f"[{found[0] or ''}]"

    def events(self, where: str, params: list, limit: int, offset: int) -> tuple[str, int]:
        """A page of merged events in (date, id) order as JSON, and how many match."""
        if where == "TRUE":  # the whole table: the page is a range of positions, one row group
            return (self.json_list("SELECT pos, json FROM web_events WHERE pos >= ? AND pos < ?",
                                   [offset, offset + limit]), self.counts["web_events"])
        # One pass over the filter for the count and the page; the page's JSON is fetched for its own
        # positions only (sorting whole rows to skip ``offset`` of them cost 15 ms at offset 5,000).
        total, page = self.con.cursor().execute(f"""
            WITH m AS MATERIALIZED (SELECT pos FROM web_events ev WHERE {where})
            SELECT (SELECT count(*) FROM m), (SELECT string_agg(json, ',' ORDER BY pos) FROM web_events
                                              WHERE pos IN (SELECT pos FROM m ORDER BY pos LIMIT ? OFFSET ?))""",
                                                [*params, limit, offset]).fetchone()
        return f"[{page or ''}]", total

    def event(self, event_id: int, texts: bool = False) -> tuple[str, dict[int, str]] | None:
        """One event with its reports and comparisons as JSON (None: no such event), in one query; with
        ``texts``, also the text of each reporting article by id."""
        text_sql = ("(SELECT list((article_id, text)) FROM articles WHERE article_id IN "
                    "(SELECT article_id FROM web_reports WHERE event_id = $1))" if texts else "NULL")
        found = self.con.cursor().execute(f"""
            SELECT (SELECT json FROM web_events WHERE event_id = $1),
                   (SELECT string_agg(json, ',' ORDER BY pos) FROM web_reports WHERE event_id = $1),
                   (SELECT string_agg(json, ',' ORDER BY pos) FROM web_comparisons WHERE event_id = $1),
                   {text_sql}""", [event_id]).fetchone()
        if found is None or found[0] is None:
            return None
        event, reports, comparisons, text = found
        return (f'{event[:-1]},"reports":[{reports or ""}],"comparisons":[{comparisons or ""}]}}',
                {t[0]: t[1] for t in text or []})

    def in_order(self, table: str, columns: str, where: str, params: list, limit: int, terms_lc: list[str],
                 matched: words.Match | None = None) -> list[dict]:
        """The first ``limit`` rows of ``table`` in ``pos`` order meeting ``where``, which requires one of
        ``terms_lc`` (lower-cased by ``lower``; ``matched``: their words, when the caller has them) in the
        row's text. The word index (words.py) names the rows
        that may hold a term; they are read in order, a batch at a time, and checked with ``where`` until
        the page is full: a word in no row reads no row, a word in 30 rows reads those 30."""
        cursor = self.con.cursor()
        matched = matched if matched is not None else words.match(cursor, terms_lc)  # a search matches once
        if matched is None:
            return self.scan_in_order(table, columns, where, params, limit)
        found = words.lookup(self.postings[table], matched)
        # The first candidates are usually hits (a one-word term's always are): read a few pages' worth
        # first, and only when too few pass, the rest of them.
        size = max(4 * limit, 64)
        first = found.first(size)
        out = self._check(cursor, table, columns, where, params, limit, first.tolist())
        if len(out) < limit and not found.whole(size):
            rest = found.rest(int(first[-1]) if len(first) else -1)
            for start in range(0, len(rest), 4096):
                out += self._check(cursor, table, columns, where, params, limit - len(out),
                                   rest[start:start + 4096].tolist())
                if len(out) >= limit:
                    break
        return out

    @staticmethod
    def _check(cursor: duckdb.DuckDBPyConnection, table: str, columns: str, where: str, params: list,
               limit: int, positions: list[int]) -> list[dict]:
        """The rows at ``positions`` meeting ``where``, in order, at most ``limit``."""
        if not positions:
            return []
        # OFFSET 0 keeps DuckDB from pushing ``where`` into a scan of the whole table: the rows are
        # fetched by position first, and only they are checked.
        cursor.execute(f"SELECT {columns} FROM (SELECT t.* FROM (SELECT unnest(?::BIGINT[]) AS pos) c "
                       f"JOIN {table} t USING (pos) OFFSET 0) WHERE ({where}) ORDER BY pos LIMIT ?",
                       [positions, *params, limit])
        return dicts(cursor)

    def scan_in_order(self, table: str, columns: str, where: str, params: list, limit: int) -> list[dict]:
        """What ``in_order`` answers, by reading every row (the reference its tests compare with)."""
        cursor = self.con.cursor().execute(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY pos LIMIT ?",
                                           [*params, limit])
        return dicts(cursor)
