"""The Spark engine: the per-document stage on PySpark, results as Parquet in the store's schema.

Inputs are read by Spark itself, so any Hadoop-compatible URI works (local paths,
``hdfs://``, ``s3a://`` with the cluster's connectors): JSONL, WARC, text, HTML and
feeds through ``binaryFiles`` and wirewatch's readers, Parquet (columns ``id``, ``text``
and optionally ``published``, ``title``, ``url``, ``source``) through ``spark.read``.
Each partition runs through ``mapPartitionsWithIndex``; the pipeline is loaded once
per Python worker process and reused for every partition it runs (Spark reuses its
Python workers by default).

The output folder gets one Parquet dataset per per-document table of the store
(``articles``, ``places``, ..., ``errors``) with the store's columns. Article ids there
are provisional (unique within one output); ``import_parquet`` assigns store ids,
skips texts the store already holds, and the corpus stage then runs in DuckDB.

On a cluster (YARN shown; the model package must be installed on the executors):

    spark-submit --master yarn --deploy-mode client \\
        --conf spark.executorEnv.PYSPARK_PYTHON=/opt/venv/bin/python \\
        $(python -c 'import wirewatch.engines.spark as m; print(m.__file__)') \\
        hdfs:///crawl/2022/*.warc.gz --out hdfs:///wirewatch/out
    wirewatch import-parquet ...   # or: wirewatch run --engine spark ... --db store.duckdb
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from wirewatch.models import Article, DocError, DocResult

PER_DOCUMENT_TABLES = ("articles", "boilerplate", "places", "dates", "entities", "claims", "events", "control",
                       "errors")
ID_STRIDE = 100_000_000  # provisional article id = partition index * ID_STRIDE + position in the partition
INSTALL_HINT = "pip install 'wirewatch[spark]' and a Java 17+ runtime (apt-get install default-jre-headless)"


def unavailable() -> str | None:
    """Why the Spark engine cannot run here, or None when it can."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return f"pyspark is not installed: {INSTALL_HINT}"
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and Path(java_home, "bin", "java").exists()):
        return f"no Java runtime found: {INSTALL_HINT}"
    return None


@lru_cache(maxsize=1)
def store_columns() -> dict[str, list[tuple[str, str]]]:
    """(column, DuckDB type) per per-document table, read from the store's own schema (one source of truth)."""
    import duckdb

    from wirewatch.store import SCHEMA

    con = duckdb.connect()
    con.execute(SCHEMA)
    out = {}
    for table in PER_DOCUMENT_TABLES:
        out[table] = [(name, kind) for _, name, kind, *_ in con.execute(f"PRAGMA table_info('{table}')").fetchall()]
    con.close()
    return out


def _spark_schema(table: str):
    from pyspark.sql import types as T

    kinds = {"INTEGER": T.LongType(), "BIGINT": T.LongType(), "DOUBLE": T.DoubleType(), "DATE": T.DateType(),
             "TIMESTAMP": T.TimestampType(), "BOOLEAN": T.BooleanType(), "BLOB": T.BinaryType()}
    # INTEGER columns are written as 64-bit: provisional article ids exceed 32 bits on big jobs.
    return T.StructType([T.StructField(name, kinds.get(kind, T.StringType()), True)
                         for name, kind in store_columns()[table]])


def _coerce(value: Any, kind: str) -> Any:
    """A value as Spark's type for the DuckDB column type (ints in DOUBLE columns, dates as dates...)."""
    if value is None:
        return None
    if kind in ("INTEGER", "BIGINT"):
        return int(value)
    if kind == "DOUBLE":
        return float(value)
    if kind == "DATE":
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if kind == "BOOLEAN":
        return bool(value)
    if kind in ("TIMESTAMP", "BLOB"):
        return value
    return str(value)


def result_rows(index: int, results: Iterable[DocResult | DocError]) -> Iterator[tuple[str, tuple]]:
    """(table, row) pairs in the store's column order for one partition's results."""
    from wirewatch.store import _fact_rows, content_hash

    columns = store_columns()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for position, result in enumerate(results, start=1):
        if isinstance(result, DocError):
            row: list = [None, result.id, result.source_path, result.stage, result.reason, now]
            yield "errors", tuple(_coerce(v, k) for v, (_, k) in zip(row, columns["errors"], strict=True))
            continue
        aid = index * ID_STRIDE + position
        a = result.article
        row = [aid, a.id, content_hash(a.text), a.source_path, a.url, a.title, a.source, a.published,
               result.language, a.text, None, None, None]
        yield "articles", tuple(_coerce(v, k) for v, (_, k) in zip(row, columns["articles"], strict=True))
        for table, rows in _fact_rows(aid, result).items():
            for fact in rows:
                yield table, tuple(_coerce(v, k) for v, (_, k) in zip(fact, columns[table], strict=True))


def _articles(items: Iterable[tuple], input_format: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers import checked, read_bytes
    from wirewatch.readers.jsonl import article_from_record

    for item in items:
        if item[0] == "bytes":
            _, name, data = item
            yield from read_bytes(bytes(data), name, input_format, default_year)
        else:
            _, where, record = item
            record = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in record.items()}
            yield checked(article_from_record(record, where, where))


def _partition(profile: str, input_format: str, default_year: int | None):
    def run(index: int, items: Iterator[tuple]) -> Iterator[tuple[str, tuple]]:
        from wirewatch.pipeline import shared_extractor

        extractor = shared_extractor(profile)  # loaded once per Python worker, reused across partitions
        yield from result_rows(index, extractor.process(_articles(items, input_format, default_year)))

    return run


def _is_parquet(uri: str, input_format: str) -> bool:
    if input_format == "parquet":
        return True
    stem = uri.rstrip("/")
    return stem.endswith(".parquet") or (Path(stem).is_dir() and any(Path(stem).glob("*.parquet")))


def session(master: str = "local[2]", app_name: str = "wirewatch"):
    from pyspark.sql import SparkSession

    # The driver's interpreter for the workers too, unless the cluster says otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (SparkSession.builder.master(master).appName(app_name)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.python.worker.reuse", "true")
            .getOrCreate())


def run_spark(inputs: list[str], out: str, *, master: str = "local[2]", profile: str = "russia-ukraine",
              input_format: str = "auto", default_year: int | None = None, spark=None,
              partitions: int | None = None) -> dict[str, int]:
    """Run the per-document stage over ``inputs`` on Spark; write Parquet tables under ``out``; row counts."""
    from pyspark import StorageLevel

    reason = unavailable()
    if reason:
        raise RuntimeError(reason)
    own = spark is None
    spark = spark or session(master)
    try:
        sc = spark.sparkContext
        parts = []
        for uri in inputs:
            if _is_parquet(uri, input_format):
                df = spark.read.parquet(uri)
                parts.append(df.rdd.map(lambda r, u=uri: ("record", f"{u}#{r['id']}", r.asDict())))
            else:
                parts.append(sc.binaryFiles(uri).map(lambda kv: ("bytes", kv[0], kv[1])))
        source = sc.union(parts) if len(parts) > 1 else parts[0]
        if partitions:
            source = source.repartition(partitions)
        rows = source.mapPartitionsWithIndex(_partition(profile, input_format, default_year))
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)  # the NLP runs once; each table is a filter of it
        counts = {}
        for table in PER_DOCUMENT_TABLES:
            picked = rows.filter(lambda r, t=table: r[0] == t).map(lambda r: r[1])
            frame = spark.createDataFrame(picked, _spark_schema(table), verifySchema=False)
            frame.write.mode("overwrite").parquet(f"{out.rstrip('/')}/{table}")
            counts[table] = spark.read.parquet(f"{out.rstrip('/')}/{table}").count()
        rows.unpersist()
        return counts
    finally:
        if own:
            spark.stop()


def import_parquet(store, out: str | Path, run_id: int) -> dict[str, int]:
    """Load a Spark output folder into a DuckDB store: new ids, texts already stored skipped. One transaction."""
    columns = store_columns()
    base = str(out).rstrip("/")
    con = store.con

    def source(table: str) -> str:
        return f"read_parquet('{base}/{table}/*.parquet')"

    con.execute("BEGIN TRANSACTION")
    try:
        # One row per new text (a text twice in the input, or already stored, is skipped), with a store id.
        con.execute(f"""CREATE OR REPLACE TEMP TABLE _spark_ids AS
            SELECT article_id AS old_id, nextval('article_ids') AS new_id FROM (
                SELECT article_id FROM {source('articles')}
                WHERE content_hash NOT IN (SELECT content_hash FROM articles)
                QUALIFY row_number() OVER (PARTITION BY content_hash ORDER BY article_id) = 1
                ORDER BY article_id)""")
        names = [n for n, _ in columns["articles"]]
        picked = ", ".join("m.new_id" if n == "article_id" else ("?" if n == "run_id" else f"p.{_q(n)}")
                           for n in names)
        con.execute(f"INSERT INTO articles SELECT {picked} FROM {source('articles')} p "
                    f"JOIN _spark_ids m ON p.article_id = m.old_id", [run_id])
        counts = {"articles": con.execute("SELECT count(*) FROM _spark_ids").fetchone()[0]}
        for table in PER_DOCUMENT_TABLES[1:-1]:
            names = [n for n, _ in columns[table]]
            picked = ", ".join("m.new_id" if n == "article_id" else f"p.{_q(n)}" for n in names)
            counts[table] = con.execute(f"INSERT INTO {table} SELECT {picked} FROM {source(table)} p "
                                        f"JOIN _spark_ids m ON p.article_id = m.old_id").fetchone()[0]
        counts["errors"] = con.execute(
            f"INSERT INTO errors SELECT ?, doc_id, source_path, stage, reason, logged_at FROM {source('errors')}",
            [run_id]).fetchone()[0]
        con.execute("DROP TABLE _spark_ids")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts


def _q(name: str) -> str:
    return f'"{name}"'


if __name__ == "__main__":  # spark-submit entry point: INPUT... --out DIR [--profile NAME]
    import argparse
    import json

    parser = argparse.ArgumentParser(description="wirewatch per-document stage on Spark")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--profile", default="russia-ukraine")
    parser.add_argument("--input-format", default="auto")
    args = parser.parse_args()
    from pyspark.sql import SparkSession

    print(json.dumps(run_spark(args.inputs, args.out, profile=args.profile, input_format=args.input_format,
                               spark=SparkSession.builder.appName("wirewatch").getOrCreate())))
