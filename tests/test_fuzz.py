"""Fuzzing every reader and the whole pipeline: no input stops a run, and none reaches a user as markup.

Random Unicode with lone surrogates and control characters, extreme and malformed dates, giant tokens
and sentences, and markup (HTML, Markdown, console markup, escape codes, formulas, ``javascript:``) in
every field. Deterministic (``derandomize``, no example database) and sized to run in about a minute.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.limits import EARLIEST_DATE, LATEST_DATE
from wirewatch.models import Article, DocError, DocResult
from wirewatch.readers import read_bytes

FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=40,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
HOSTILE = ["<script>alert(1)</script>", "[/]", "[bold red]x[/", "\x1b[2J\x1b]0;owned\x07", "=cmd|' /C calc'!A0",
           "+1+1", "@SUM(A1)", "-2+3", "javascript:alert(1)", "**bold** [x](javascript:y)", "\u202eexe.txt",
           "\ud800", "\udfff", "&#55296;", "&#1114112;", "\x00", "\r\n", "\u2028", "]]>", "<![CDATA[", "&amp;"]
DATES = ["9999-12-31", "0001-01-01", "2022-02-30", "2022-13-01", "", "yesterday", "2022-05-12T25:61:00Z",
         "Thu, 12 May 2022 01:30:00 +0300", "Thu, 31 Dec 9999 23:59:59 +1400", "2022-05-12", "1899-12-31", "9" * 40]
SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
# Any text, lone surrogates included (hypothesis leaves them out of text() on its own).
TEXT = st.lists(st.characters() | SURROGATES | st.sampled_from(HOSTILE), max_size=40).map("".join)
WORDS = st.lists(st.sampled_from(["Russian", "forces", "shelled", "Izium", "Kharkiv", "on", "Tuesday", ",", "the",
                                  "governor", "said", ".", "\n\n", "killing", "three", "(", ")", "Ukrainian"]),
                 min_size=1, max_size=60).map(" ".join)
GIANT = st.sampled_from(["x" * 30_000, "(" * 20_000, " " * 20_000 + "y", "Izium, " * 4000, "a" * 1000 + "\n" * 5000])
FIELD = TEXT | st.sampled_from(HOSTILE) | WORDS
BODY = WORDS | TEXT | GIANT | st.tuples(WORDS, st.sampled_from(HOSTILE), WORDS).map(" ".join)
DATE = st.sampled_from(DATES) | st.dates().map(lambda d: d.isoformat()) | TEXT


def _check(items: list) -> None:
    """What every reader promises, whatever the bytes."""
    for item in items:
        assert isinstance(item, Article | DocError)
        for value in ([item.id, item.text, item.title, item.url, item.source, item.source_path]
                      if isinstance(item, Article) else [item.id, item.reason, item.source_path]):
            assert value is None or not re.search("[\ud800-\udfff]", value), value
        if isinstance(item, Article):
            assert item.text.strip()
            assert item.published is None or EARLIEST_DATE <= item.published <= LATEST_DATE
        else:
            assert item.reason and item.stage and "\n" not in item.stage


def _read(data: bytes, name: str) -> list:
    items = list(read_bytes(data, name, default_year=2022))
    _check(items)
    gz = list(read_bytes(gzip.compress(data), name + ".gz", default_year=2022))
    _check(gz)
    return items


@FUZZ
@given(st.lists(st.fixed_dictionaries({}, optional={
    "id": FIELD | st.integers() | st.none(), "text": BODY | st.none() | st.integers(), "title": FIELD,
    "url": FIELD, "source": FIELD, "published": DATE | st.integers()}), max_size=4),
    st.lists(TEXT, max_size=2))
def test_fuzz_jsonl_reader(records, junk_lines):
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass") for r in records]
    lines += [j.encode("utf-8", "surrogatepass") for j in junk_lines]
    items = _read(b"\n".join(lines), "records.jsonl")
    assert len(items) >= 1


@FUZZ
@given(DATE, FIELD, BODY)
def test_fuzz_text_reader(date, source, body):
    data = f"date {date} source: {source}\n{body}".encode("utf-8", "surrogatepass")
    _read(data, "a.txt")
    _read(body.encode("utf-8", "surrogatepass"), "b.txt")


@FUZZ
@given(FIELD, FIELD, FIELD, DATE, BODY, st.booleans())
def test_fuzz_feed_reader(outlet, title, link, date, body, raw):
    part = (lambda s: s) if raw else escape
    entry = (f"<item><title>{part(title)}</title><link>{part(link)}</link><pubDate>{part(date)}</pubDate>"
             f"<description>{part(body)}</description></item>")
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{part(outlet)}</title>{entry}{entry}</channel></rss>'
    _read(feed.encode("utf-8", "surrogatepass"), "feed.xml")


@FUZZ
@given(FIELD, BODY, DATE)
def test_fuzz_html_reader(title, body, date):
    page = (f"<!doctype html><html><head><title>{title}</title><meta property='article:published_time' "
            f"content='{date}'></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>")
    _read(page.encode("utf-8", "surrogatepass"), "page.html")


@FUZZ
@given(st.lists(st.tuples(FIELD, BODY, st.sampled_from(["", "gzip"])), min_size=1, max_size=3), DATE)
def test_fuzz_warc_reader(pages, date):
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, body, encoding in pages:
        payload = f"<html><body><p>{body}</p></body></html>".encode("utf-8", "surrogatepass")
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if encoding:
            payload, headers = gzip.compress(payload), [*headers, ("Content-Encoding", "gzip")]
        record = writer.create_warc_record(uri.encode("utf-8", "backslashreplace").decode("latin-1"), "response",
                                           payload=io.BytesIO(payload),
                                           http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                                           warc_headers_dict={"WARC-Date": date.encode("utf-8", "replace")
                                                              .decode("latin-1")})
        writer.write_record(record)
    _read(out.getvalue(), "crawl.warc.gz")


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_any_bytes_in_any_format(data):
    for name in ("x.txt", "x.html", "x.jsonl", "x.xml", "x.warc", "x"):
        _check(list(read_bytes(data, name)))


@pytest.mark.slow
@settings(FUZZ, max_examples=12)
@given(st.lists(st.tuples(FIELD, BODY, FIELD, FIELD, DATE), min_size=2, max_size=4))
def test_fuzz_whole_pipeline_store_and_outputs(tmp_path_factory, extractor, docs):
    from wirewatch.cli import _report_error
    from wirewatch.corpus import run_corpus_stage
    from wirewatch.exporters import export
    from wirewatch.report import build_report
    from wirewatch.store import Store

    good = "Russian forces shelled Izium on Tuesday, killing three civilians, the regional governor said."
    records = [{"id": "good", "text": good, "published": "2022-05-10", "url": "https://wire.example/good"}]
    records += [{"id": i, "text": b + " " + good, "title": t, "url": u, "published": d, "source": i}
                for i, b, t, u, d in docs]
    data = b"\n".join(json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass") for r in records)
    items = list(read_bytes(data, "fuzz.jsonl"))
    _check(items)
    results = list(extractor.process(items))
    assert len(results) == len(items)
    folder = tmp_path_factory.mktemp("pipeline")
    with Store(folder / "s.duckdb") as store:
        run = store.begin_run("fuzz", [])
        for result in results:
            if isinstance(result, DocResult):
                text = result.article.text
                for fact in (*result.places, *result.dates, *result.entities):
                    assert text[fact.span.start:fact.span.end] == fact.span.text
                store.add_result(result, run)
            else:
                store.add_error(result, run)
        run_corpus_stage(store, aliases={})
        assert store.con.execute("SELECT count(*) FROM articles WHERE doc_id = 'good'").fetchone()[0] == 1
        report = build_report(store)
        for fmt in ("csv", "acled"):
            export(store, fmt, folder / f"{fmt}.csv")
            cells = [c for row in list(csv.reader((folder / f"{fmt}.csv").open(encoding="utf-8")))[1:] for c in row]
            assert not [c for c in cells if c[:1] in ("=", "+", "@") or re.match(r"-(?![\d.]+$)", c)]
    assert not re.search(r"href=['\"]?\s*javascript", report.html, re.IGNORECASE)
    assert not re.search(r"(?<!\\)<", report.markdown)
    console = Console(file=io.StringIO(), force_terminal=True)
    import wirewatch.cli

    shown, wirewatch.cli.err = wirewatch.cli.err, console
    try:
        for item in results:
            if isinstance(item, DocError):
                _report_error(item)
    finally:
        wirewatch.cli.err = shown
    printed = console.file.getvalue()
    assert "\x07" not in printed and "\x1b]" not in printed and "\x1b[2J" not in printed
