"""Report, exports and web app over a small store built from hand-made results (no NLP needed)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from corpus_world import load_world
from wirewatch.corpus import run_corpus_stage
from wirewatch.exporters import export
from wirewatch.exporters.acled import ACLED_COLUMNS
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
        run_corpus_stage(s, aliases={})
        yield s


@pytest.fixture
def world_store(tmp_path):
    with Store(tmp_path / "world.duckdb") as s:
        load_world(s)
        yield s


def test_report_is_self_contained_with_map_timeline_and_citations(store):
    report = build_report(store)
    assert "<svg class=\"map\"" in report.html and "<svg class=\"chart timeline\"" in report.html
    assert "http://" not in report.html.replace("https://example.org", "")
    assert "<script" not in report.html and "<link" not in report.html
    assert "Eastern Ledger, 2022-05-11" in report.html and "Volga Courier" in report.html
    # Each toll with who claims it; the other side's figure is its claim, not the count.
    assert "3 killed according to Oleh Synehubov" in report.html
    assert "5 killed according to Russian state media" in report.html
    assert "Ruska Lozova" in report.html
    assert report.markdown.startswith("# Situation report")


def test_report_shows_corroboration_contradictions_agreements_and_control(world_store):
    report = build_report(world_store)
    html, md = report.html, report.markdown
    assert "2 outlets" in html and "1 source<" in html  # wire + copy count once, with the Ledger
    assert "13 killed" in html and "25 killed" in html and "class=\"contra\"" in html
    assert "Checked and consistent" in html and "about 75 miles" in html and "124 km" in html
    assert "<svg class=\"chart control\"" in html and "Hrakove" in html and "disputed" in html
    claims = html.split('id="claims"')[1]
    assert "<b>Oleh Synehubov</b>" in claims and "<b>Oleh Synegubov</b>" not in claims  # one speaker
    assert 'href="#a1"' in html and 'id="a1"' in html  # citations resolve inside the page
    assert "## Contradictions" in md and "13 killed according to" in md
    assert "**Hrakove** 2022-05-12: RU -> UA" in md


def test_csv_has_one_row_per_report_with_its_event(store, tmp_path):
    path = tmp_path / "events.csv"
    assert export(store, "csv", path) == 2
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert {"event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude", "fatalities",
            "notes", "source", "event_id"} <= set(rows[0])
    assert {r["fatalities"] for r in rows} == {"3", "5"}
    assert len({r["event_id"] for r in rows}) == 1  # both reports are one event


def test_acled_csv_has_acleds_columns_in_order_then_ours(world_store, tmp_path):
    path = tmp_path / "acled.csv"
    n = export(world_store, "acled", path)
    with path.open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert tuple(header) == (*ACLED_COLUMNS, "n_reports", "n_outlets", "n_sources", "evidence")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == n == world_store.con.execute("SELECT count(*) FROM corpus_events").fetchone()[0]
    shelling = next(r for r in rows if r["sub_event_type"].startswith("Shelling"))
    assert shelling["event_id_cnty"].startswith("UKR") and shelling["iso"] == "804"
    assert shelling["country"] == "Ukraine" and shelling["region"] == "Europe"
    assert shelling["event_date"] == "2022-05-13" and shelling["year"] == "2022" and shelling["time_precision"] == "1"
    assert shelling["disorder_type"] == "Political violence" and shelling["inter1"] == "8"  # state forces abroad
    assert (shelling["fatalities"], shelling["n_reports"], shelling["n_outlets"], shelling["n_sources"]) == (
        "13", "3", "2", "1")
    assert "reports disagree" in shelling["tags"] and shelling["source"] == "Eastwire; Eastern Ledger"
    evidence = json.loads(shelling["evidence"])
    assert len(evidence) == 3 and all({"doc_id", "start", "end", "text"} <= set(e) for e in evidence)
    retaken = next(r for r in rows if r["sub_event_type"] == "Government regains territory")
    assert retaken["interaction"] == "18" and retaken["fatalities"] == "0"


def test_geojson_is_valid_lon_lat_events_and_control_changes(world_store, tmp_path):
    path = tmp_path / "events.geojson"
    n = export(world_store, "geojson", path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == n
    for f in collection["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    kinds = {f["properties"]["kind"] for f in collection["features"]}
    assert kinds == {"event", "control_change"}
    shelling = next(f for f in collection["features"] if f["properties"].get("n_reports") == 3)
    assert shelling["geometry"]["coordinates"] == [36.8586, 49.4627]
    assert shelling["properties"]["outlets"] == ["Eastwire", "Eastern Ledger"]


def test_parquet_writes_every_table(store, tmp_path):
    folder = tmp_path / "pq"
    export(store, "parquet", folder)
    assert pq.read_table(folder / "articles.parquet").num_rows == 2
    assert pq.read_table(folder / "events.parquet").num_rows == 2
    assert pq.read_table(folder / "corpus_events.parquet").num_rows == 1


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xlsx", tmp_path / "x")


def test_web_api_filters_validates_and_serves_evidence(world_store):
    path = str(world_store.path)
    world_store.close()
    client = TestClient(create_app(path))
    events = client.get("/api/events").json()
    assert events["total"] == len(events["events"]) >= 2
    shelling = next(e for e in events["events"] if e["n_reports"] == 3)
    assert shelling["outlets"] == ["Eastwire", "Eastern Ledger"] and shelling["sides"] == ["UA"]
    by_type = client.get("/api/events", params={"event_type": "Battles"}).json()["events"]
    assert by_type and all(e["event_type"] == "Battles" for e in by_type)
    ledger = client.get("/api/events", params={"source": "Eastern Ledger"}).json()["events"]
    assert [e["event_id"] for e in ledger] == [shelling["event_id"]]
    assert client.get("/api/events", params={"source": "Eastern"}).json()["total"] == 0  # exact outlet, no wildcard
    assert client.get("/api/events", params={"side": "UA", "date_from": "2022-05-13", "date_to": "2022-05-13"}
                      ).json()["total"] == 1
    story = shelling["story_id"]
    assert shelling["event_id"] in {e["event_id"] for e in client.get(
        "/api/events", params={"story": story}).json()["events"]}
    assert client.get("/api/events", params={"limit": 50000}).status_code == 422
    assert client.get("/api/events", params={"event_type": "Picnics"}).status_code == 422
    assert client.get("/api/events", params={"date_from": "2022-06-01", "date_to": "2022-05-01"}).status_code == 422
    detail = client.get(f"/api/events/{shelling['event_id']}").json()
    assert len(detail["reports"]) == 3 and detail["comparisons"]
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/articles/999").status_code == 404
    found = client.get("/api/search", params={"q": "Balakliia"}).json()
    assert found["articles"] and found["events"] and found["claims"]
    speakers = client.get("/api/speakers", params={"side": "UA"}).json()["speakers"]
    governor = next(s for s in speakers if s["speaker"] == "Oleh Synehubov")
    assert sorted(governor["spellings"]) == ["Oleh Synegubov", "Oleh Synehubov"]
    assert client.get("/api/claims", params={"speaker": "Synehubov"}).json()["claims"]
    assert client.get("/api/control").json()["changes"][0]["place"] == "Hrakove"
    assert {c["verdict"] for c in client.get("/api/comparisons").json()["comparisons"]} == {"agrees", "contradicts"}
    facets = client.get("/api/facets").json()
    assert "Eastwire" in facets["sources"] and facets["stories"] and "2022-05-13" in facets["dates"]
    page = client.get(f"/events/{shelling['event_id']}")
    assert page.status_code == 200 and "<mark" in page.text and "killing 13 civilians" in page.text
    assert page.text.count("<section class=\"report\">") == 3
    assert client.get("/events/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    home = client.get("/")
    assert '<div id="map"' in home.text and "/static/app.js" in home.text and "http" not in home.text
    assert client.get("/static/vendor/leaflet.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert "Oleh Synehubov" in client.get("/claims", params={"side": "UA"}).text
    assert "Balakliia" in client.get("/search", params={"q": "Balakliia"}).text
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/claims", "/api/search", "/api/control"} <= set(spec["paths"])


def test_demo_corpus_shows_copies_agreements_contradictions_and_every_output(tmp_path):
    """The in-house demo corpus end to end (the per-document stage included): what `make demo` shows."""
    from pathlib import Path

    from wirewatch.engines.local import process
    from wirewatch.readers import read_inputs

    examples = Path(__file__).parent.parent / "examples"
    with Store(tmp_path / "demo.duckdb") as s:
        run = s.begin_run("test", [str(examples)])
        for item in process(read_inputs([str(examples)]), workers=1):
            assert isinstance(item, DocResult), item
            s.add_result(item, run)
        run_corpus_stage(s)
        groups = dict(s.con.execute("SELECT doc_id, syndication_group FROM articles").fetchall())
        wire = groups["northwire-2022-05-12-kharkiv-withdrawal"]
        copies = {d for d, g in groups.items() if g == wire}
        assert any("prairie-tribune" in d for d in copies) and any("baltic-observer" in d for d in copies)
        distances = {(r[0], r[1]) for r in s.con.execute(
            "SELECT subject, verdict FROM comparisons WHERE kind = 'distance'").fetchall()}
        assert ("distance Izyum - Kharkiv", "agrees") in distances  # 124 km vs about 75 miles
        assert ("distance Lozova - Kharkiv", "agrees") in distances  # 145 km vs about 90 miles
        assert all(v == "agrees" for _, v in distances)
        tolls = {frozenset((r[0], r[1])) for r in s.con.execute(
            "SELECT a_value, b_value FROM comparisons WHERE kind = 'casualties'").fetchall()}
        assert frozenset(("3 killed", "5 killed")) in tolls  # Derhachi
        # Kharkiv, 26 May: 7 and 9 killed the same day from two outlets is a toll update (codebook 12)
        assert frozenset(("7 killed", "9 killed")) not in tolls
        assert {7, 9} <= {v for (v,) in s.con.execute("SELECT value FROM tolls WHERE kind = 'killed'").fetchall()}
        merged = s.con.execute("SELECT max(n_outlets), sum(n_reports), count(*) FROM corpus_events").fetchone()
        assert merged[0] >= 3 and merged[1] > merged[2]
        assert ("distance Ternova - Kharkiv", "agrees") in distances  # 40 km vs 25 miles
        # Three copies of the 12 May wire story are one outlet in any event they report.
        listed = [(json.loads(o), n, r) for o, n, r in s.con.execute(
            "SELECT outlets, n_outlets, n_reports FROM corpus_events").fetchall()]
        assert not any({"Northwire", "Prairie Tribune"} <= set(o) for o, _, _ in listed)
        assert any(o == ["Northwire"] and r >= 3 for o, _, r in listed)  # copies named after the wire
        # Control: Izyum taken by Russia in April; Kharkiv, only a reference point, never changes hands.
        changes = s.con.execute("SELECT place, to_side, date FROM control_changes").fetchall()
        assert ("Izyum", "RU", dt.date(2022, 4, 1)) in changes and all(p != "Kharkiv" for p, _, _ in changes)
        cluster = dict(s.con.execute("SELECT name, cluster_id FROM entity_names").fetchall())
        governor = dict(s.con.execute("SELECT DISTINCT text, canonical FROM entities WHERE text LIKE 'Oleh Syne%'")
                        .fetchall())  # two spellings, one person (the profile knows him)
        assert governor == {"Oleh Synegubov": "Oleh Synehubov", "Oleh Synehubov": "Oleh Synehubov"}
        assert cluster["Volodymyr Zelenskiy"] == cluster["Volodymyr Zelenskyy"] != cluster["Serhiy Zelensky"]
        read_as = dict(s.con.execute("SELECT DISTINCT text, canonical FROM entities WHERE text IN "
                                     "('Zelensky', 'Institute of War')").fetchall())
        assert read_as == {"Zelensky": "Volodymyr Zelenskyy", "Institute of War": "Institute for the Study of War"}
        zolochiv = {r[0] for r in s.con.execute("SELECT DISTINCT geonameid FROM places WHERE text = 'Zolochiv'").fetchall()}
        assert len(zolochiv) == 2  # one in Lviv region, one near the Russian border
        report = build_report(s)
        assert "Checked and consistent" in report.html and "class=\"contra\"" in report.html
        for fmt, name in (("acled", "a.csv"), ("geojson", "e.geojson"), ("parquet", "pq")):
            assert export(s, fmt, tmp_path / name) > 0


def test_map_frames_the_theatre_not_a_misplaced_outlier():
    from wirewatch.report.svg import svg_map

    points = [{"lat": 49.9 + i / 100, "lon": 36.2 + i / 100, "label": f"Village {i}"} for i in range(30)]
    points.append({"lat": -15.0, "lon": 25.0, "label": "Western"})  # a gazetteer slip to another continent
    svg = svg_map(points)
    assert "Outside this frame: Western" in svg
    assert svg.count("<circle") >= 30 and "Village 29" in svg


def test_report_gives_a_claim_without_a_side_its_speakers_corpus_side(world_store):
    from wirewatch.report.data import load

    world_store.con.execute("UPDATE claims SET side = NULL WHERE speaker = 'Oleh Synegubov'")
    claims = [c for c in load(world_store).claims if c["speaker"] == "Oleh Synegubov"]
    assert claims and all(c["side"] == "UA" for c in claims)  # Synehubov is UA elsewhere in the corpus


def test_report_sources_say_which_articles_are_copies_of_one_story(world_store):
    html = build_report(world_store).html
    assert "2 articles are copies of 1 wire story; each set counts as one outlet." in html
    sources = html[html.index('id="sources"'):]
    assert sources.count(">Eastwire</a>") == 1 and sources.count(">Prairie Tribune</a>") == 1
