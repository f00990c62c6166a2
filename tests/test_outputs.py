"""Report, exports and web app over a small store built from hand-made results (no NLP needed)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from wirewatch.exporters import export
from wirewatch.models import (Article, Claim, ControlObservation, DocResult, Event, Location, Place, RunSummary,
                              Span)
from wirewatch.report import build_report
from wirewatch.store import Store
from wirewatch.web import create_app

TEXT = ("Russian artillery shelled Chuhuiv on Tuesday, killing three people, the governor said.\n\n"
        "Ukrainian forces recaptured Ruska Lozova, the General Staff said.")
OTHER = ("Shelling of Chuhuiv on Tuesday killed five civilians, Russian state media reported, blaming Kyiv.\n\n"
         "Residents queued for bread.")


def _result(doc_id: str, text: str, source: str, fatalities: int, with_control: bool) -> DocResult:
    span = lambda s, e: Span.of(text, s, e)  # noqa: E731
    first = text.index("\n")
    chuhuiv = text.index("Chuhuiv")
    place = Place(span(chuhuiv, chuhuiv + 7), 710374, "Chuhuyiv", 49.835, 36.686, "UA", "Kharkivska oblast",
                  "PPL", 0.9)
    claim = Claim(cue=span(text.index("said") if "said" in text[:first] else text.index("reported"),
                           (text.index("said") + 4) if "said" in text[:first] else text.index("reported") + 8),
                  source=None, content=span(0, text.index(",", chuhuiv)), kind="indirect",
                  speaker="Oleh Synehubov" if with_control else "Russian state media", side="UA" if with_control else "RU")
    event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack", span(0, first), "2022-05-10",
                  "day", Location("Chuhuyiv", 710374, 49.835, 36.686, "city"), "Military Forces of Russia", "RU",
                  fatalities=fatalities, claim=0, confidence=0.8)
    control = ()
    if with_control:
        second = text.index("Ukrainian")
        control = (ControlObservation("Ruska Lozova", 701000, "2022-05-11", "UA", "gained",
                                      span(second, len(text)), "General Staff"),)
    article = Article(id=doc_id, text=text, published=dt.date(2022, 5, 11), title=f"{source} report",
                      url=f"https://example.org/{doc_id}", source=source, source_path=doc_id)
    return DocResult(article, places=(place,), claims=(claim,), events=(event,), control=control)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "w.duckdb") as s:
        run = s.begin_run("test", [])
        s.add_result(_result("a", TEXT, "Eastern Ledger", 3, True), run)
        s.add_result(_result("b", OTHER, "Volga Courier", 5, False), run)
        s.finish_run(run, RunSummary(read=2, stored=2))
        yield s


def test_report_is_self_contained_with_map_timeline_and_citations(store):
    report = build_report(store)
    assert "<svg class=\"map\"" in report.html and "<svg class=\"timeline\"" in report.html
    assert "http://" not in report.html.replace("https://example.org", "")
    assert "<script src" not in report.html and "<link" not in report.html
    assert "Eastern Ledger, 2022-05-11" in report.html and "Volga Courier" in report.html
    assert "3 killed according to Eastern Ledger" in report.html  # the casualty contradiction
    assert "5 killed according to Volga Courier" in report.html
    assert "Ruska Lozova" in report.html
    assert report.markdown.startswith("# Situation report")


def test_csv_has_acled_columns_and_one_row_per_report(store, tmp_path):
    path = tmp_path / "events.csv"
    assert export(store, "csv", path) == 2
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert {"event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude", "fatalities",
            "notes", "source"} <= set(rows[0])
    assert {r["fatalities"] for r in rows} == {"3", "5"}


def test_geojson_points_are_lon_lat(store, tmp_path):
    path = tmp_path / "events.geojson"
    export(store, "geojson", path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0]["geometry"]["coordinates"] == [36.686, 49.835]


def test_parquet_writes_every_table(store, tmp_path):
    folder = tmp_path / "pq"
    export(store, "parquet", folder)
    assert pq.read_table(folder / "articles.parquet").num_rows == 2
    assert pq.read_table(folder / "events.parquet").num_rows == 2


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")


def test_web_api_filters_validates_and_serves_evidence(store):
    path = str(store.path)
    store.close()
    client = TestClient(create_app(path))
    assert len(client.get("/api/events").json()["events"]) == 2
    assert len(client.get("/api/events", params={"source": "Volga Courier"}).json()["events"]) == 1
    assert client.get("/api/events", params={"limit": 5000}).status_code == 422
    assert client.get("/api/events", params={"event_type": "Picnics"}).status_code == 422
    assert client.get("/api/events", params={"date_from": "2022-06-01", "date_to": "2022-05-01"}).status_code == 422
    assert client.get("/api/articles/999").status_code == 404
    assert client.get("/api/search", params={"q": "bread"}).json()["articles"][0]["doc_id"] == "b"
    page = client.get("/events/1/0")
    assert page.status_code == 200 and "<mark>Russian artillery shelled Chuhuiv" in page.text
    assert client.get("/events/..%2F..%2Fetc%2Fpasswd/0").status_code in (404, 422)
    assert "<svg class=\"map\"" in client.get("/").text
