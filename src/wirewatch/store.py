"""The store: one DuckDB file holding every article and every fact with its evidence.

The schema is documented in ``docs/store.md``. Each article is written in one
transaction with all its rows, so an interrupted ingest leaves no
half-written article and re-running it completes the work. Articles are keyed
by a hash of their exact text: the same text is stored once however often it
is ingested.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import duckdb

from wirewatch import __version__
from wirewatch.models import DocError, DocResult, RunSummary, Span

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER);
CREATE SEQUENCE IF NOT EXISTS run_ids START 1;
CREATE SEQUENCE IF NOT EXISTS article_ids START 1;
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY, command VARCHAR, inputs VARCHAR, started TIMESTAMP, finished TIMESTAMP,
    read INTEGER, stored INTEGER, duplicates INTEGER, errors INTEGER, version VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    article_id INTEGER PRIMARY KEY, doc_id VARCHAR, content_hash VARCHAR UNIQUE, source_path VARCHAR,
    url VARCHAR, title VARCHAR, source VARCHAR, published DATE, language VARCHAR, text VARCHAR,
    run_id INTEGER, syndication_group INTEGER, story_id INTEGER);
CREATE TABLE IF NOT EXISTS boilerplate (
    article_id INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR);
CREATE TABLE IF NOT EXISTS places (
    article_id INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, geonameid BIGINT, name VARCHAR,
    lat DOUBLE, lon DOUBLE, country_code VARCHAR, admin1 VARCHAR, feature_code VARCHAR, score DOUBLE);
CREATE TABLE IF NOT EXISTS dates (
    article_id INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, value DATE, precision VARCHAR);
CREATE TABLE IF NOT EXISTS entities (
    article_id INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, label VARCHAR, canonical VARCHAR,
    affiliation VARCHAR, side VARCHAR);
CREATE TABLE IF NOT EXISTS claims (
    article_id INTEGER, claim_index INTEGER, kind VARCHAR, speaker VARCHAR, side VARCHAR, channel VARCHAR,
    via INTEGER, cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    source_start INTEGER, source_end INTEGER, source_text VARCHAR,
    content_start INTEGER, content_end INTEGER, content_text VARCHAR, spans_json VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    article_id INTEGER, event_index INTEGER, event_type VARCHAR, sub_event_type VARCHAR, date DATE,
    date_precision VARCHAR, location_name VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
    location_precision VARCHAR, actor1 VARCHAR, actor1_side VARCHAR, actor2 VARCHAR, actor2_side VARCHAR,
    fatalities INTEGER, injured INTEGER, evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
    claim_index INTEGER, confidence DOUBLE, event_id BIGINT, claimed_fatalities INTEGER);
-- a store written before the column existed gets it (NULL: no claimed figure was read then)
ALTER TABLE events ADD COLUMN IF NOT EXISTS claimed_fatalities INTEGER;
CREATE TABLE IF NOT EXISTS control (
    article_id INTEGER, control_index INTEGER, place VARCHAR, geonameid BIGINT, date DATE, side VARCHAR,
    change VARCHAR, claimed_by VARCHAR, claim_index INTEGER,
    evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR);
CREATE TABLE IF NOT EXISTS errors (
    run_id INTEGER, doc_id VARCHAR, source_path VARCHAR, stage VARCHAR, reason VARCHAR, logged_at TIMESTAMP);
"""

# Corpus-stage tables: derived from the per-document rows above, recomputed (or extended) by
# ``wirewatch.corpus.run_corpus_stage``; each is replaced whole inside one transaction.
CORPUS_SCHEMA = """
CREATE TABLE IF NOT EXISTS signatures (article_id INTEGER PRIMARY KEY, minhash BLOB);
CREATE TABLE IF NOT EXISTS stories (
    story_id INTEGER PRIMARY KEY, label VARCHAR, first_date DATE, last_date DATE, n_articles INTEGER,
    places VARCHAR);
CREATE TABLE IF NOT EXISTS entity_names (
    name VARCHAR, kind VARCHAR, cluster_id INTEGER, canonical VARCHAR, side VARCHAR, mentions INTEGER);
CREATE TABLE IF NOT EXISTS corpus_events (
    event_id BIGINT PRIMARY KEY, event_type VARCHAR, sub_event_type VARCHAR, family VARCHAR, date DATE,
    date_first DATE, date_last DATE, location_name VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
    location_precision VARCHAR, actor1 VARCHAR, actor1_side VARCHAR, actor2 VARCHAR, actor2_side VARCHAR,
    fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER, injured INTEGER, story_id INTEGER,
    n_reports INTEGER, n_outlets INTEGER, n_sources INTEGER, outlets VARCHAR, sources VARCHAR, sides VARCHAR,
    article_id INTEGER, event_index INTEGER, evidence_text VARCHAR, fatalities_source VARCHAR);
CREATE TABLE IF NOT EXISTS tolls (
    event_id BIGINT, article_id INTEGER, event_index INTEGER, kind VARCHAR, value INTEGER, claimed_by VARCHAR,
    claimant_side VARCHAR, basis VARCHAR, published DATE, counted BOOLEAN, evidence_start INTEGER,
    evidence_end INTEGER, evidence_text VARCHAR);
CREATE TABLE IF NOT EXISTS quantities (
    article_id INTEGER, kind VARCHAR, value DOUBLE, unit VARCHAR, value_si DOUBLE, approximate BOOLEAN,
    subject VARCHAR, subject_geonameid BIGINT, reference VARCHAR, reference_geonameid BIGINT,
    start INTEGER, "end" INTEGER, text VARCHAR, evidence_start INTEGER, evidence_end INTEGER);
CREATE TABLE IF NOT EXISTS comparisons (
    comparison_id INTEGER PRIMARY KEY, kind VARCHAR, verdict VARCHAR, subject VARCHAR, event_id BIGINT,
    a_article_id INTEGER, a_start INTEGER, a_end INTEGER, a_text VARCHAR, a_value VARCHAR, a_source VARCHAR,
    a_side VARCHAR, b_article_id INTEGER, b_start INTEGER, b_end INTEGER, b_text VARCHAR, b_value VARCHAR,
    b_source VARCHAR, b_side VARCHAR, note VARCHAR);
CREATE TABLE IF NOT EXISTS control_changes (
    change_id INTEGER PRIMARY KEY, place VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE, date DATE,
    from_side VARCHAR, to_side VARCHAR, change VARCHAR, valid_until DATE, n_outlets INTEGER,
    n_sources INTEGER, sources VARCHAR, sides VARCHAR, observations VARCHAR, evidence_text VARCHAR,
    disputed BOOLEAN, status VARCHAR);
-- stores written before these columns existed get them; the next corpus stage fills them
ALTER TABLE corpus_events ADD COLUMN IF NOT EXISTS fatalities_source VARCHAR;
ALTER TABLE control_changes ADD COLUMN IF NOT EXISTS status VARCHAR;
"""

# Columns of per-document tables that only the corpus stage writes.
DERIVED_COLUMNS = {("articles", "syndication_group"), ("articles", "story_id"), ("events", "event_id")}
CORPUS_TABLES = ("signatures", "stories", "entity_names", "corpus_events", "tolls", "quantities", "comparisons",
                 "control_changes")

FACT_TABLES = ("boilerplate", "places", "dates", "entities", "claims", "events", "control")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class StoreError(Exception):
    """The store cannot be opened (missing, corrupt, locked, not a wirewatch store); one line says why."""


class Store:
    """A DuckDB store; use as a context manager or call ``close``."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise StoreError(f"no store at {self.path}: create it with `wirewatch run ... --db {self.path}`")
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the store {self.path}: {_first_line(exc)}") from exc
        try:
            if not read_only:
                self.con.execute(SCHEMA)
                self.con.execute(CORPUS_SCHEMA)
            if self.con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 0 and not read_only:
                self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(f"{self.path} is not a usable wirewatch store: {_first_line(exc)}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back when it raises.

        A failed rollback (the disk that failed the write is still full) must not hide the error that
        caused it, so it is dropped: DuckDB discards an uncommitted transaction on close anyway.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
        self.con.execute("COMMIT")

    def _insert(self, verb: str, table: str, rows: list[list], columns: tuple[str, ...] | None = None) -> None:
        """``verb`` (INSERT, INSERT OR REPLACE) the rows into ``table`` in one columnar step."""
        names = f" ({', '.join(_quote(c) for c in columns)})" if columns else ""
        self.con.register("_incoming", _arrow(rows))
        self.con.execute(f"{verb} INTO {table}{names} SELECT * FROM _incoming")
        self.con.unregister("_incoming")

    def begin_run(self, command: str, inputs: list[str]) -> int:
        run_id = self.con.execute("SELECT nextval('run_ids')").fetchone()[0]
        self.con.execute(
            "INSERT INTO runs (run_id, command, inputs, started, version) VALUES (?, ?, ?, ?, ?)",
            [run_id, command, json.dumps(inputs), _now(), __version__])
        return run_id

    def finish_run(self, run_id: int, summary: RunSummary) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, read = ?, stored = ?, duplicates = ?, errors = ? WHERE run_id = ?",
            [_now(), summary.read, summary.stored, summary.skipped_duplicates, len(summary.errors), run_id])

    def has_article(self, text: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash(text)]).fetchone()
        return row is not None

    def add_error(self, error: DocError, run_id: int) -> None:
        self.con.execute("INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?)",
                         [run_id, error.id, error.source_path, error.stage, error.reason, _now()])

    def add_results(self, results: Iterable[DocResult], run_id: int) -> int:
        return sum(self.add_result(r, run_id) for r in results)

    def add_result(self, result: DocResult, run_id: int) -> bool:
        """Store an article and all its facts in one transaction; False if its text is already stored."""
        a = result.article
        digest = content_hash(a.text)
        with self._transaction():
            if self.con.execute("SELECT 1 FROM articles WHERE content_hash = ?", [digest]).fetchone():
                return False
            aid = self.con.execute("SELECT nextval('article_ids')").fetchone()[0]
            self.con.execute(
                "INSERT INTO articles (article_id, doc_id, content_hash, source_path, url, title, source,"
                " published, language, text, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [aid, a.id, digest, a.source_path, a.url, a.title, a.source, a.published, result.language,
                 a.text, run_id])
            for table, rows in _fact_rows(aid, result).items():
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        return True

    def replace_table(self, table: str, rows: list[list], columns: tuple[str, ...] | None = None) -> None:
        """Replace a corpus-stage table's rows in one transaction (readers never see it half-written)."""
        if table not in CORPUS_TABLES:
            raise ValueError(f"{table!r} is not a corpus-stage table")
        with self._transaction():
            self.con.execute(f"DELETE FROM {table}")
            if rows:
                self._insert("INSERT", table, rows, columns)

    def name_outlets(self, outlets: list[list]) -> None:
        """Record ``[article_id, outlet]`` for articles with no outlet line (the name the corpus stage gave
        their folder or host), so the API, exports and report all show the same outlet."""
        if not outlets:
            return
        with self._transaction():
            self.con.register("_incoming", _arrow(outlets, ("article_id", "outlet")))
            self.con.execute("UPDATE articles SET source = i.outlet FROM _incoming i "
                             "WHERE articles.article_id = i.article_id AND articles.source IS NULL")
            self.con.unregister("_incoming")

    def bulk_load(self, table: str, rows: list[list]) -> None:
        """Append rows in the table's column order in one transaction, bypassing per-article checks.

        For synthetic corpora (benchmarks) and trusted imports: no content-hash deduplication.
        """
        if table not in ("articles", *FACT_TABLES) or not rows:
            raise ValueError(f"cannot bulk-load {table!r} with {len(rows)} rows")
        with self._transaction():
            self._insert("INSERT", table, rows)

    def append_rows(self, table: str, rows: list[list]) -> None:
        """Add rows to a per-article table (``signatures``, ``quantities``) in one transaction."""
        if table not in ("signatures", "quantities"):
            raise ValueError(f"{table!r} is not an append-only cache table")
        if not rows:
            return
        with self._transaction():
            self._insert("INSERT OR REPLACE" if table == "signatures" else "INSERT", table, rows)

    def set_column(self, table: str, column: str, keys: tuple[str, ...], rows: list[list]) -> None:
        """Set ``column`` from rows of (*keys, value); rows not listed get NULL. One transaction."""
        if (table, column) not in DERIVED_COLUMNS:
            raise ValueError(f"{table}.{column} is not set by the corpus stage")
        with self._transaction():
            self.con.execute(f"UPDATE {table} SET {column} = NULL")
            if rows:
                self.con.register("_incoming", _arrow(rows, (*keys, "_value")))
                match = " AND ".join(f"{table}.{k} = _incoming.{k}" for k in keys)
                self.con.execute(f"UPDATE {table} SET {column} = _incoming._value FROM _incoming WHERE {match}")
                self.con.unregister("_incoming")

    def counts(self) -> dict[str, int]:
        tables = ("articles", *FACT_TABLES, "runs", "errors", *CORPUS_TABLES)
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _arrow(rows: list[list], names: tuple[str, ...] | None = None):
    import pyarrow as pa

    names = names or tuple(f"c{i}" for i in range(len(rows[0])))
    return pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})


def _quote(column: str) -> str:
    return f'"{column}"' if column == "end" else column


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _span(span: Span | None) -> list:
    return [None, None, None] if span is None else [span.start, span.end, span.text]


def _fact_rows(aid: int, r: DocResult) -> dict[str, list[list]]:
    return {
        "boilerplate": [[aid, *_span(b.span), b.kind] for b in r.boilerplate],
        "places": [[aid, *_span(p.span), p.geonameid, p.name, p.lat, p.lon, p.country_code, p.admin1,
                    p.feature_code, p.score] for p in r.places],
        "dates": [[aid, *_span(d.span), d.value, d.precision] for d in r.dates],
        "entities": [[aid, *_span(e.span), e.label, e.canonical, e.affiliation, e.side] for e in r.entities],
        "claims": [[aid, i, c.kind, c.speaker, c.side, c.channel, c.via, *_span(c.cue), *_span(c.source),
                    *_span(c.content), json.dumps(c.to_dict(), ensure_ascii=False)]
                   for i, c in enumerate(r.claims)],
        "events": [[aid, i, e.event_type, e.sub_event_type, e.date, e.date_precision,
                    *(_location(e)), e.actor1, e.actor1_side, e.actor2, e.actor2_side, e.fatalities, e.injured,
                    *_span(e.evidence), e.claim, e.confidence, None, e.claimed_fatalities]
                   for i, e in enumerate(r.events)],
        "control": [[aid, i, o.place, o.geonameid, o.date, o.side, o.change, o.claimed_by, o.claim,
                     *_span(o.evidence)] for i, o in enumerate(r.control)],
    }


def _location(e) -> list:
    loc = e.location
    if loc is None:
        return [None, None, None, None, None]
    return [loc.name, loc.geonameid, loc.lat, loc.lon, loc.precision]
