"""Outputs agree with each other: one outlet name everywhere, paths as the user gave them."""

from __future__ import annotations

import csv
import datetime as dt

from fastapi.testclient import TestClient

from wirewatch.corpus import run_corpus_stage
from wirewatch.exporters import export
from wirewatch.models import Article, DocResult, Event, Location, RunSummary, Span
from wirewatch.store import Store
from wirewatch.web import create_app

TEXT = "Shelling hit Lozova on Saturday, killing two people.\n\nMore later."


def _store(path) -> Store:
    store = Store(path)
    run = store.begin_run("test", [])
    doc_id = "corpus/baltic-observer/lozova.txt"  # a .txt file without an outlet line, as given to `run`
    article = Article(id=doc_id, text=TEXT, published=dt.date(2022, 4, 9), title="Lozova", url=None,
                      source=None, source_path=doc_id)
    event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack",
                  Span.of(TEXT, 0, TEXT.index("\n")), "2022-04-09", "day",
                  Location("Lozova", 702658, 48.89, 36.32, "city"), None, None, fatalities=2, confidence=0.8)
    store.add_result(DocResult(article, events=(event,)), run)
    store.finish_run(run, RunSummary(read=1, stored=1))
    run_corpus_stage(store, aliases={})
    return store


def test_a_text_files_outlet_is_its_folders_name_in_exports_and_the_api(tmp_path):
    with _store(tmp_path / "w.duckdb") as store:
        export(store, "csv", tmp_path / "e.csv")
        row = next(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
        assert row["source"] == "Baltic Observer"
        assert row["doc_id"] == "corpus/baltic-observer/lozova.txt"
        run_corpus_stage(store, aliases={})  # a second run keeps the name
        assert store.con.execute("SELECT source FROM articles").fetchall() == [("Baltic Observer",)]
    body = TestClient(create_app(str(tmp_path / "w.duckdb"))).get("/api/events").json()
    assert body["events"][0]["outlets"] == ["Baltic Observer"]


def test_parquet_to_a_parquet_name_is_the_event_rows_and_to_a_folder_every_table(tmp_path):
    import pyarrow.parquet as pq

    with _store(tmp_path / "w.duckdb") as store:
        assert export(store, "parquet", tmp_path / "events.parquet") == 1
        rows = pq.read_table(tmp_path / "events.parquet").to_pylist()
        assert rows[0]["source"] == "Baltic Observer" and rows[0]["event_type"] == "Explosions/Remote violence"
        export(store, "parquet", tmp_path / "tables")
        assert (tmp_path / "tables" / "articles.parquet").is_file()


def test_eval_without_its_gold_data_says_what_is_missing_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from wirewatch.cli import app

    result = CliRunner().invoke(app, ["eval", "geo", "--gold", str(tmp_path / "no-such-folder")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "no-such-folder" in lines[0] and "WIREWATCH_SHARED" in lines[0]


WEB_TEXT = ("LOZOVA, Ukraine - Shelling hit Lozova on Saturday, killing two people, Oleh Synehubov said.\n\n"
            "Residents of Lozovaya fled.")


def _web_store(path) -> None:
    from wirewatch.models import Claim, Place

    text = WEB_TEXT
    span = lambda s, e: Span.of(text, s, e)  # noqa: E731
    places = tuple(Place(span(i, i + len(form)), 702658, "Lozova", 48.89, 36.32, "UA", "Kharkivska oblast",
                         "PPLA2", 0.9) for form in ("LOZOVA", "Lozova", "Lozovaya") for i in [text.index(form)])
    said = text.index("said")
    claim = Claim(cue=span(said, said + 4), source=None, content=span(18, text.index(", Oleh")), kind="indirect",
                  speaker="Oleh Synehubov", side=None)
    event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack", span(18, text.index(", Oleh")),
                  "2022-04-09", "day", Location("Lozova", 702658, 48.89, 36.32, "city"), None, None,
                  fatalities=2, claim=0, confidence=0.8)
    article = Article(id="in/lozova.txt", text=text, published=dt.date(2022, 4, 9), title="Lozova", url=None,
                      source="Baltic Observer", source_path="in/lozova.txt")
    with Store(path) as store:
        run = store.begin_run("test", [])
        store.add_result(DocResult(article, places=places, claims=(claim,), events=(event,)), run)
        store.finish_run(run, RunSummary(read=1, stored=1))
        run_corpus_stage(store, aliases={})


def test_web_counts_in_words_variants_as_written_links_encoded_unknown_filters_refused(tmp_path):
    _web_store(tmp_path / "w.duckdb")
    client = TestClient(create_app(str(tmp_path / "w.duckdb")))
    found = client.get("/search", params={"q": "Lozovaya"}).text
    assert "1 outlet<" in found and "Also searched: Lozova<" in found
    assert 'href="/claims?speaker=Oleh%20Synehubov"' in client.get("/claims").text
    refused = client.get("/api/events", params={"type": "Battles"})
    assert refused.status_code == 422 and "type" in refused.text and "event_type" in refused.text
    assert client.get("/api/events", params={"event_type": "Battles"}).json()["events"] == []
    assert client.get("/api/events.csv", params={"limit": 5, "sidee": "x"}).status_code == 422


def test_a_month_precision_date_reads_as_its_month_and_the_period_is_the_articles(tmp_path):
    from wirewatch.report import build_report

    text = "In early April, shelling hit Lozova, killing two people.\n\nMore later."
    event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack",
                  Span.of(text, 0, text.index("\n")), "2022-04-01", "month",
                  Location("Lozova", 702658, 48.89, 36.32, "city"), None, None, fatalities=2, confidence=0.8)
    article = Article(id="in/a.txt", text=text, published=dt.date(2022, 4, 20), title="Lozova", url=None,
                      source="Baltic Observer", source_path="in/a.txt")
    with Store(tmp_path / "w.duckdb") as store:
        run = store.begin_run("test", [])
        store.add_result(DocResult(article, events=(event,)), run)
        store.finish_run(run, RunSummary(read=1, stored=1))
        run_corpus_stage(store, aliases={})
        report = build_report(store)
    assert "April 2022" in report.markdown and "2022-04-01" not in report.markdown
    assert "2022-04-20 to 2022-04-20" in report.markdown
    client = TestClient(create_app(str(tmp_path / "w.duckdb")))
    event_id = client.get("/api/events").json()["events"][0]["event_id"]
    assert client.get("/api/events").json()["events"][0]["date_shown"] == "April 2022"
    assert "April 2022</h1>" in client.get(f"/events/{event_id}").text


def test_a_document_id_is_its_path_as_given_relative_when_given_relative(tmp_path, monkeypatch):
    from wirewatch.readers import read_inputs

    (tmp_path / "news" / "baltic-observer").mkdir(parents=True)
    (tmp_path / "news" / "baltic-observer" / "a.txt").write_text("Shelling hit Lozova.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [a.id for a in read_inputs(["news"])] == ["news/baltic-observer/a.txt"]


def test_the_per_day_timeline_leaves_out_a_date_known_only_to_the_month():
    from wirewatch.report.charts import timeline

    day = {"date": dt.date(2022, 4, 20), "date_precision": "day", "event_type": "Battles"}
    month = {"date": dt.date(2022, 4, 1), "date_precision": "month", "event_type": "Battles"}
    assert "No dated events" in timeline([month], dt.date(2022, 4, 20), dt.date(2022, 4, 20))
    assert "No dated events" not in timeline([day, month], dt.date(2022, 4, 20), dt.date(2022, 4, 20))
