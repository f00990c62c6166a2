"""Full-text search over the rows the web app shows, on tantivy (a maintained search-engine library).

Each searched table (``SEARCHED``: articles, events, claims) is one tantivy index with each row's page
position as a fast field and one text field per searched column. Text is split into words by tantivy's
default tokenizer (runs of letters and digits, lower-cased; a word over 40 bytes is dropped); a query term
is split the same way and holds in a row when its words stand next to each other, in order, in one of the
columns (a phrase; one word is a term). Answers come in page order, by position, so the first page of hits
is the first N. The indexes are built once per store and saved beside it with the app's other tables
(saved.py); every server process opens the saved files (memory-mapped: one copy in the page cache).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import duckdb
import numpy as np
import tantivy

NOTHING = np.zeros(0, dtype=np.int64)
WORD = re.compile(r"[^\W_]+")  # what tantivy's default tokenizer keeps: letters and digits
MAX_WORD_BYTES = 40  # longer words are dropped by that tokenizer, so they are found nowhere
# table -> its lower-cased columns (tables.py makes them) that text filters and search read
SEARCHED = {
    "web_articles": ("text_lc",),
    "web_events": ("evidence_lc", "place_lc", "about_lc"),
    "web_claims": ("content_lc", "written_lc", "speaker_lc"),
}


def words(term: str) -> list[str]:
    """A query term's words, as the index split the text."""
    return [w for w in WORD.findall(term.lower()) if len(w.encode()) <= MAX_WORD_BYTES]


def _schema(columns: tuple[str, ...]) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("pos", stored=False, indexed=True, fast=True)
    for column in columns:
        builder.add_text_field(column, stored=False, tokenizer_name="default", index_option="position")
    return builder.build()


class SearchIndex:
    """One tantivy index per searched table, and the corpus's vocabulary (its distinct words, sorted: what
    a misspelling is matched against)."""

    def __init__(self, indexes: dict[str, tantivy.Index], vocabulary: list[str]) -> None:
        self.indexes = indexes
        self.schemas = {table: index.schema for table, index in indexes.items()}
        self.searchers = {table: index.searcher() for table, index in indexes.items()}
        self.vocabulary = vocabulary
        self.known = set(vocabulary)
        # Every hit of a common word is ~1 µs each to hand to Python (100 ms for 100,000 events): the last
        # few such answers are kept, so a filter changed around the same words does not pay it again.
        self.every_hit = lru_cache(maxsize=32)(self._every_hit)

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection, where: Path | None) -> SearchIndex:
        """Index the ``SEARCHED`` tables of ``con`` (each with a ``pos`` column) in the folder ``where`` (one
        sub-folder per table), or in memory when it is None."""
        indexes = {}
        for table, columns in SEARCHED.items():
            if where is not None:
                (where / table).mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(_schema(columns), path=str(where / table) if where is not None else None)
            writer = index.writer(heap_size=128_000_000, num_threads=1)
            cursor = con.cursor().execute(f"SELECT pos, {', '.join(columns)} FROM {table} ORDER BY pos")
            while batch := cursor.fetchmany(20_000):
                for pos, *texts in batch:
                    doc = tantivy.Document()
                    doc.add_unsigned("pos", pos)
                    for column, text in zip(columns, texts):
                        doc.add_text(column, text or "")
                    writer.add_document(doc)
            writer.commit()
            writer.wait_merging_threads()
            index.reload()
            indexes[table] = index
        found = con.execute("SELECT DISTINCT w FROM (" + " UNION ALL ".join(
            f"SELECT unnest(regexp_extract_all({column}, '[\\pL\\pN]+')) AS w FROM {table}"
            for table, columns in SEARCHED.items() for column in columns) + ") ORDER BY w").fetchall()
        return cls(indexes, [w for (w,) in found if len(w.encode()) <= MAX_WORD_BYTES])

    @classmethod
    def open(cls, where: Path, vocabulary: list[str]) -> SearchIndex:
        return cls({table: tantivy.Index.open(str(where / table)) for table in SEARCHED}, vocabulary)

    def uses(self, word: str) -> int:
        """In how many rows (of every searched column) the word stands."""
        return sum(self.searchers[table].doc_freq(column, word)
                   for table, columns in SEARCHED.items() for column in columns)

    def found(self, term: str) -> bool:
        """Whether every word of the term is somewhere in the corpus (else no row holds it)."""
        return all(w in self.known for w in words(term))

    def _query(self, table: str, columns: tuple[str, ...], terms: list[str]) -> tantivy.Query | None:
        schema, parts = self.schemas[table], []
        for term in terms:
            split = words(term)
            if not split or not all(w in self.known for w in split):
                continue  # a word found nowhere: the term holds in no row
            for column in columns:
                parts.append(tantivy.Query.term_query(schema, column, split[0]) if len(split) == 1
                             else tantivy.Query.phrase_query(schema, column, split))
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in parts]) if parts else None

    def rows(self, table: str, columns: tuple[str, ...], terms: list[str], first: int | None = None) -> np.ndarray:
        """The sorted positions of the rows of ``table`` in which one of ``columns`` holds one of ``terms``
        (only the first ``first``)."""
        if first is None:
            return self.every_hit(table, tuple(columns), tuple(terms))
        return self.page(table, columns, terms, first)[0]

    def page(self, table: str, columns: tuple[str, ...], terms: list[str], first: int | None,
             count: bool = False) -> tuple[np.ndarray, int]:
        """What ``rows`` gives, and (with ``count``) how many rows hold a term in all, from one search."""
        query = self._query(table, columns, terms)
        searcher = self.searchers[table]
        if query is None or searcher.num_docs == 0:
            return NOTHING, 0
        found = searcher.search(query, first if first is not None else searcher.num_docs, count=count,
                                order_by_field="pos", order=tantivy.Order.Asc)
        hits = found.hits
        return np.fromiter((pos for pos, _ in hits), dtype=np.int64, count=len(hits)), found.count or 0

    def _every_hit(self, table: str, columns: tuple[str, ...], terms: tuple[str, ...]) -> np.ndarray:
        found = self.page(table, columns, list(terms), None)[0]
        found.flags.writeable = False  # shared by every request that asks again
        return found

    def count(self, table: str, columns: tuple[str, ...], terms: list[str]) -> int:
        """How many rows ``rows`` would give with no ``first``."""
        query = self._query(table, columns, terms)
        if query is None:
            return 0
        return self.searchers[table].search(query, 1, count=True).count
