"""Probe: would a maintained search engine (tantivy) answer the web app's searches as fast as its own word
index, and the same?

    python -m wirewatch.devtools.search_probe --db STORE [--terms 300]

Indexes the same lower-cased text the app searches (``web_articles``, ``web_events``, ``web_claims`` of the
store's saved web tables) in tantivy, one index per table with each row's page position as a fast field,
then times the web load test's search terms (``benchmark._search_words``, same seed) both ways, in this
process, one at a time, from the same terms (the query's ``variants``, timed apart): ours as ``/api/search``
runs it (three tables, first 20, counts), tantivy
as a term or phrase query per term and variant over each table, first 20 by position and the count.
Prints JSON: build time and size, latency percentiles, and how many terms the two find differently
(ours is a substring search; tantivy matches whole tokens). Needs ``pip install tantivy``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def _index(tables, table: str, columns: tuple[str, ...], where: Path):
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("pos", stored=False, indexed=True, fast=True)
    builder.add_text_field("text", stored=False, tokenizer_name="default")
    schema = builder.build()
    where.mkdir()
    index = tantivy.Index(schema, path=str(where))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    cursor = tables.con.cursor().execute(f"SELECT pos, concat_ws(chr(10), {', '.join(columns)}) FROM {table}")
    while batch := cursor.fetchmany(10_000):
        for pos, text in batch:
            doc = tantivy.Document()
            doc.add_unsigned("pos", pos)
            doc.add_text("text", text or "")
            writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, schema


def _query(index, schema, terms: list[str]):
    import re

    import tantivy

    parts = []
    for term in terms:
        tokens = re.findall(r"\w+", term.lower())  # as tantivy's default tokenizer splits
        if len(tokens) == 1:
            parts.append(tantivy.Query.term_query(schema, "text", tokens[0]))
        elif tokens:
            parts.append(tantivy.Query.phrase_query(schema, "text", tokens))
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in parts]) if parts else None


def probe(db: Path, n_terms: int = 300, seed: int = 1) -> dict:
    import tantivy

    from wirewatch.devtools.benchmark import _search_words
    from wirewatch.web.saved import tables_for
    from wirewatch.web.search import search, variants
    from wirewatch.web.tables import SEARCHED

    tables = tables_for(str(db))
    words = _search_words(tables.con, random.Random(seed), n_terms)
    folder = Path(tempfile.mkdtemp(prefix="tantivy-probe-"))
    try:
        started = time.perf_counter()
        indexes = {table: _index(tables, table, columns, folder / table) for table, columns in SEARCHED.items()}
        build_s = time.perf_counter() - started
        size_mb = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20
        ours, theirs, spellings, differ = [], [], [], []
        for q in words:
            t0 = time.perf_counter()
            terms = variants(tables, q)  # the same terms for both: other spellings, or the nearest words
            spellings.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            found = json.loads(search(tables, terms, 20))
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            counts = {}
            for table, (index, schema) in indexes.items():
                query = _query(index, schema, terms)
                if query is None:
                    counts[table] = 0
                    continue
                result = index.searcher().search(query, 20, count=True, order_by_field="pos",
                                                 order=tantivy.Order.Asc)
                counts[table] = result.count
                _ = [int(pos) for pos, _ in result.hits]  # the page's positions, as the app would take them
            theirs.append(time.perf_counter() - t0)
            mine = {"web_events": found["counts"]["events"], "web_articles": found["counts"]["articles"],
                    "web_claims": found["counts"]["claims"]}
            capped = {t: min(n, 1000) if t != "web_events" else n for t, n in counts.items()}
            if capped != mine:
                differ.append({"q": q, "ours": mine, "tantivy": counts})
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def summary(seconds: list[float]) -> dict:
        ms = sorted(s * 1000 for s in seconds)
        return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2),
                "mean_ms": round(statistics.fmean(ms), 2), "max_ms": round(ms[-1], 2)}

    return {"terms": len(words), "tantivy_build_s": round(build_s, 1), "tantivy_index_mb": round(size_mb, 1),
            "variants": summary(spellings), "ours": summary(ours), "tantivy": summary(theirs), "terms_found_differently": len(differ),
            "examples": differ[:12]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--terms", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps(probe(args.db, args.terms)))


if __name__ == "__main__":
    main()
