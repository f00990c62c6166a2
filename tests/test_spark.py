"""The Spark engine in local[2] mode: JSONL, WARC and Parquet in, the store's tables as Parquet out.

Skipped, with the reason, where pyspark or a Java runtime is missing (``pip install 'wirewatch[spark]'``).
"""

from __future__ import annotations

import io
import json
import os

import duckdb
import pytest

from wirewatch.engines import spark as engine

REASON = engine.unavailable()
# A few minutes on the shared 2-core machine (JVM, two Python workers each loading the model): in CI.
LONG = not (os.environ.get("CI") or os.environ.get("WIREWATCH_LONG_TESTS"))
pytestmark = [pytest.mark.slow, pytest.mark.skipif(REASON is not None, reason=f"Spark engine: {REASON}"),
              pytest.mark.skipif(LONG, reason="long test: runs in CI (CI=true) or with WIREWATCH_LONG_TESTS=1")]

TEXTS = {
    "s1": "Russian artillery shelled Kupiansk on Sunday night, damaging a bridge, the regional governor said.",
    "s2": "Ukrainian forces retook the village of Ternova north of Kharkiv on Monday, the army said.",
    "s3": "A drone struck a fuel depot near Izium on Tuesday, according to local officials.",
}


def _warc(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, body in pages:
        html = (f"<html><head><title>Report</title></head><body><article><p>{body}</p><p>Repair crews were at "
                f"work by the afternoon, officials in the region said.</p></article></body></html>")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    return out.getvalue()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path_factory.mktemp("spark-in")
    (root / "feed").mkdir()
    lines = [json.dumps({"id": k, "text": v, "published": "2022-05-15", "source": "Steppe Courier"})
             for k, v in TEXTS.items()]
    (root / "feed" / "a.jsonl").write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    (root / "feed" / "b.warc.gz").write_bytes(_warc([
        ("https://courier.example/w1", "Shelling hit Chuhuiv on Monday, the mayor said."),
        ("https://courier.example/w2", "Fighting went on near Balakliia, Ukrainian officials said.")]))
    table = pa.table({"id": ["p1", "p2", "s1"],
                      "text": ["Russian troops attacked Lyman on Wednesday, the governor said.",
                               "Power was restored in Derhachi after overnight shelling, officials said.",
                               TEXTS["s1"]],  # the same text as a JSONL record: stored once
                      "published": ["2022-05-16", None, "2022-05-15"]})
    pq.write_table(table, root / "docs.parquet")
    return root


@pytest.fixture(scope="module")
def spark_out(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark-out")
    counts = engine.run_spark([str(inputs / "feed"), str(inputs / "docs.parquet")], str(out), master="local[2]")
    return out, counts


def test_local2_writes_every_table_in_the_store_schema(spark_out):
    out, counts = spark_out
    assert counts["articles"] == 8 and counts["errors"] == 1
    assert counts["places"] > 0 and counts["events"] > 0 and counts["claims"] > 0
    con = duckdb.connect()
    for table, columns in engine.store_columns().items():
        found = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}/{table}/*.parquet')")
                 .fetchall()]
        assert found == [name for name, _ in columns], table
    ids = {r[0] for r in con.execute(f"SELECT doc_id FROM read_parquet('{out}/articles/*.parquet')").fetchall()}
    assert {"s1", "s2", "s3", "p1", "p2", "https://courier.example/w1", "https://courier.example/w2"} <= ids
    (reason,) = con.execute(f"SELECT reason FROM read_parquet('{out}/errors/*.parquet')").fetchone()
    assert "malformed JSON" in reason


def test_same_results_as_the_local_engine(spark_out, inputs, extractor):
    from wirewatch.readers import read_inputs

    out, _ = spark_out
    local = {r.article.id: r for r in extractor.process(read_inputs([str(inputs / "feed")]))
             if not hasattr(r, "reason")}
    con = duckdb.connect()
    for doc_id, result in local.items():
        aid = con.execute(f"SELECT article_id FROM read_parquet('{out}/articles/*.parquet') WHERE doc_id = ?",
                          [doc_id]).fetchone()[0]
        events = con.execute(f"SELECT evidence_start, evidence_end FROM read_parquet('{out}/events/*.parquet') "
                             f"WHERE article_id = ? ORDER BY event_index", [aid]).fetchall()
        assert events == [(e.evidence.start, e.evidence.end) for e in result.events], doc_id
        places = con.execute(f"SELECT count(*) FROM read_parquet('{out}/places/*.parquet') WHERE article_id = ?",
                             [aid]).fetchone()[0]
        assert places == len(result.places), doc_id


def test_corpus_stage_runs_over_the_parquet_in_duckdb(spark_out, tmp_path):
    from wirewatch.corpus import run_corpus_stage
    from wirewatch.store import Store

    out, _ = spark_out
    with Store(tmp_path / "s.duckdb") as store:
        run = store.begin_run("spark", [])
        imported = engine.import_parquet(store, out, run)
        assert imported["articles"] == 7  # the Parquet copy of s1 is the same text: stored once
        run_corpus_stage(store)
        counts = store.counts()
        assert counts["articles"] == 7 and counts["corpus_events"] > 0 and counts["errors"] == 1
        again = engine.import_parquet(store, out, run)  # importing twice adds nothing
        assert again["articles"] == 0 and store.counts()["events"] == counts["events"]
