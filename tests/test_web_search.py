"""Search knows the corpus's spellings; event pages say which reports are syndicated copies."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from corpus_world import load_world
from wirewatch.corpus.records import ArticleRec, name_outlets
from wirewatch.store import Store
from wirewatch.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("search") / "w.duckdb"
    with Store(db) as s:
        load_world(s)
    return TestClient(create_app(str(db)))


def test_search_finds_other_transliterations_of_a_place_and_a_surname(client):
    found = client.get("/api/search", params={"q": "Izyum"}).json()
    assert found["terms"] == ["Izyum", "Izium"]
    literal = {a["article_id"] for a in found["articles"] if "Izyum" in (a["title"] or "")}
    assert len(found["articles"]) > len(literal) and len(found["articles"]) >= 3  # the wire copies say Izium
    surname = client.get("/api/search", params={"q": "Synegubov"}).json()
    assert "Synehubov" in surname["terms"] and surname["claims"]
    assert client.get("/api/search", params={"q": "nowhere"}).json()["terms"] == ["nowhere"]
    assert "Also searched: Izium" in client.get("/search", params={"q": "Izyum"}).text


def test_event_page_marks_syndicated_copies(client):
    events = client.get("/api/events", params={"limit": 100}).json()["events"]
    wire = next(e for e in events if e["location_name"] == "Balakliia")
    page = client.get(f"/events/{wire['event_id']}").text
    assert page.count("syndicated: same story as") == 1  # two copies of one wire story, one independent


def test_an_outlet_folder_or_host_takes_the_outlets_name():
    named = ArticleRec(1, "corpus/baltic-observer/a.txt", "Baltic Observer", dt.date(2022, 5, 12), None)
    folder = ArticleRec(2, "corpus/baltic-observer/b.txt", None, dt.date(2022, 5, 14), None)
    host = ArticleRec(3, "x", None, None, None, url="https://www.balticobserver.example/2022/x")
    alone = ArticleRec(4, "corpus/kyiv-morning-post/c.html", None, None, None)
    assert [a.outlet for a in name_outlets([named, folder, host, alone])] == [
        "Baltic Observer", "Baltic Observer", "Baltic Observer", "Kyiv Morning Post"]


def test_basemap_serves_the_outlines_meeting_a_frame(client):
    frame = {"west": 33.5, "south": 47.5, "east": 39.5, "north": 51.5}
    found = {c["name"]: c for c in client.get("/api/basemap", params=frame).json()["countries"]}
    assert {"Ukraine", "Russia"} <= set(found) and "Chile" not in found
    assert found["Ukraine"]["label_at"] and all(len(r) > 10 for r in found["Ukraine"]["rings"])
    assert client.get("/api/basemap", params={**frame, "east": 30}).status_code == 422


def test_report_map_has_country_outlines():
    from wirewatch.report.svg import svg_map

    svg = svg_map([{"lat": 49.98, "lon": 36.25, "label": "Kharkiv"}, {"lat": 49.21, "lon": 37.28, "label": "Izyum"}])
    assert '<path d="M' in svg and "<title>Ukraine</title>" in svg and ">UKRAINE</text>" in svg


def test_claims_without_a_side_take_their_speakers_corpus_side(tmp_path):
    db = tmp_path / "w.duckdb"
    with Store(db) as s:
        load_world(s)
        s.con.execute("UPDATE claims SET side = NULL WHERE speaker = 'Oleh Synegubov'")
    app = TestClient(create_app(str(db)))
    ua = app.get("/api/claims", params={"side": "UA"}).json()["claims"]
    assert any(c["written"] == "Oleh Synegubov" and c["side"] == "UA" for c in ua)
    assert "Oleh Synehubov" in app.get("/claims", params={"side": "UA"}).text
