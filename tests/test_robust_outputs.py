"""Hostile text in a store reaches no user as something that runs: links, Markdown, spreadsheets, files.

The store is built from hand-made results (no NLP): an article whose URL is ``javascript:``, whose title
and evidence carry HTML and Markdown, and whose outlet and evidence start like spreadsheet formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.corpus import run_corpus_stage
from wirewatch.exporters import export, registry
from wirewatch.models import Article, DocResult, Event, Location, RunSummary, Span
from wirewatch.report import build_report
from wirewatch.store import Store
from wirewatch.web import create_app

HOSTILE = ("=HYPERLINK(\"http://evil.example\") Russian artillery shelled Chuhuiv <script>alert(1)</script> "
           "on Tuesday, **killing** three [people](javascript:alert(2)), the governor said.\n\n"
           "Residents queued for bread.")


def _result(doc_id: str, url: str, source: str) -> DocResult:
    first = HOSTILE.index("\n")
    event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack", Span.of(HOSTILE, 0, first),
                  "2022-05-10", "day", Location("Chuhuyiv", 710374, 49.835, 36.686, "city"),
                  "Military Forces of Russia", "RU", fatalities=3, confidence=0.8)
    article = Article(id=doc_id, text=HOSTILE, published=dt.date(2022, 5, 11), title="<img src=x onerror=alert(3)>",
                      url=url, source=source, source_path=doc_id)
    return DocResult(article, events=(event,))


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "hostile.duckdb"
    with Store(path) as store:
        run = store.begin_run("test", [])
        store.add_result(_result("a", "javascript:alert(document.cookie)", "=cmd|'/C calc'!A0"), run)
        store.add_result(_result("b", " JAVASCRIPT:alert(1)", "@SUM(1+1)"), run)
        store.finish_run(run, RunSummary(read=2, stored=2))
        run_corpus_stage(store, aliases={})
    return path


def test_row8_only_http_urls_become_links_in_report_and_web_app(db):
    with Store(db, read_only=True) as store:
        built = build_report(store)
    assert "javascript:" not in built.html.lower().replace("[people](javascript:alert(2))", "")
    assert 'href="javascript' not in built.html.lower()
    assert "](javascript" not in built.markdown.lower().replace("\\](javascript", "")
    with TestClient(create_app(str(db), cache_mb=0)) as client:
        event_id = client.get("/api/events").json()["events"][0]["event_id"]
        page = client.get(f"/events/{event_id}").text.lower()
    assert "<section" in page and 'href="javascript' not in page and 'href=" javascript' not in page


def test_row12_markdown_report_escapes_html_and_markdown(db):
    with Store(db, read_only=True) as store:
        markdown = build_report(store).markdown
    unescaped = re.compile(r"(?<!\\)(<|\*\*killing|\[people\])")
    assert unescaped.findall(markdown) == []
    assert "\\<script\\>" in markdown and "\\<img" in markdown  # shown as text, not dropped


@pytest.mark.parametrize("fmt", ["csv", "acled"])
def test_row12_csv_cells_never_start_a_formula(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}.csv"
    with Store(db, read_only=True) as store:
        assert export(store, fmt, out) > 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    cells = [cell for row in rows[1:] for cell in row]
    formulas = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")
                or (c.startswith("-") and not c[1:].replace(".", "", 1).isdigit())]
    assert formulas == []
    assert any(c.startswith("'=") or c.startswith("'@") for c in cells)  # neutralised, not dropped
    numbers = [c for c in cells if c.startswith("-") or c.replace(".", "", 1).isdigit()]
    assert numbers  # numeric cells stay numbers


def test_row17_report_to_a_markdown_name_keeps_the_html(db, tmp_path):
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Situation report")
    assert out.with_suffix(".html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_row16_a_failed_export_leaves_the_previous_file_whole(db, tmp_path, monkeypatch):
    out = tmp_path / "events.jsonl"
    with Store(db, read_only=True) as store:
        export(store, "jsonl", out)
        before = out.read_bytes()

        def half_then_full(store, path):
            path.write_text('{"half": ', encoding="utf-8")
            _disk_full()

        monkeypatch.setitem(registry(), "jsonl.v1", half_then_full)
        with pytest.raises(OSError, match="No space"):
            export(store, "jsonl", out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_row16_a_failed_report_leaves_the_previous_report_whole(db, tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    assert CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    real_write = Path.write_text

    def half_then_full(self, text, *args, **kwargs):
        real_write(self, text[: len(text) // 2], *args, **kwargs)
        _disk_full()

    monkeypatch.setattr(Path, "write_text", half_then_full)
    result = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_bytes() == before


class _FullDisk:
    """A connection whose disk fills on the article insert; the rollback then fails too."""

    def __init__(self, con) -> None:
        self.con = con

    def execute(self, sql: str, *args):
        import duckdb

        if sql.startswith("INSERT INTO articles"):
            raise duckdb.IOException("Could not write file: No space left on device")
        if sql == "ROLLBACK":
            raise duckdb.TransactionException("Current transaction is aborted (please ROLLBACK)")
        return self.con.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.con, name)


def test_row16_a_second_error_does_not_hide_the_first(tmp_path):
    import duckdb

    with Store(tmp_path / "full.duckdb") as store:
        real = store.con
        store.con = _FullDisk(real)
        with pytest.raises(duckdb.IOException, match="No space left"):
            store.add_result(_result("c", "https://example.org/c", "Outlet"), 1)
        store.con = real
