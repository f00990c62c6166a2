"""Data out of the web app: one search behind /search, /api/search and the event filter; misspellings; the
event table's sorting, paging and downloads of exactly its view; the API's schemas and offline /docs."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from synthetic_store import synthetic_store
from wirewatch.store import Store
from wirewatch.web import create_app, schemas
from wirewatch.web.index import words

# Each event's searched texts: its reports' evidence, its place, and its type, actors and admin area
EVENT_TEXT = """SELECT ev.event_id, [r.evidence, ev.location_name, concat_ws(chr(10), ev.event_type, ev.sub_event_type,
                       ev.actor1, ev.actor2, p.admin1)] AS texts
                FROM corpus_events ev
                LEFT JOIN (SELECT event_id, string_agg(evidence_text, chr(10)) AS evidence FROM events
                           GROUP BY event_id) r USING (event_id)
                LEFT JOIN (SELECT geonameid, min(admin1) AS admin1 FROM places GROUP BY geonameid) p USING (geonameid)"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return synthetic_store(tmp_path_factory.mktemp("data") / "syn.duckdb")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(str(db), cache_mb=0))


@pytest.fixture(scope="module")
def event_text(db) -> dict[int, list[str]]:
    with Store(db, read_only=True) as store:
        return dict(store.con.execute(EVENT_TEXT).fetchall())


def _holds(terms: list[str], text: str | None) -> bool:
    """Whether one of the terms' words stand together, in order, among the text's words (index.py)."""
    return any(" " + " ".join(words(t)) + " " in " " + " ".join(words(text or "")) + " " for t in terms if words(t))


def _ids(client, path: str, **params) -> list[int]:
    return [e["event_id"] for e in client.get(path, params={**params, "limit": 5000}).json()["events"]]


@pytest.mark.parametrize("q", ["shelling", "Shelling", "drone strike", "Selo12", "Synegubov", "Petrenko",
                               "killing 2", "Russia"])
def test_search_and_the_event_filter_find_the_same_events_by_type_place_actor_and_words(client, event_text, q):
    found = client.get("/api/search", params={"q": q, "limit": 5000}).json()
    filtered = client.get("/api/events", params={"q": q, "limit": 5000}).json()
    assert [e["event_id"] for e in found["events"]] == [e["event_id"] for e in filtered["events"]]
    assert found["counts"]["events"] == filtered["total"] == len(filtered["events"])
    part = client.get("/api/events", params={"q": q, "limit": 3, "offset": 2}).json()
    assert part["events"] == filtered["events"][2:5] and part["total"] == filtered["total"]
    wanted = {e for e, texts in event_text.items() if any(_holds(found["terms"], text) for text in texts)}
    assert set(_ids(client, "/api/events", q=q)) == wanted
    page = client.get("/search", params={"q": q}).text
    assert f"Events ({len(wanted)})" in page


def test_shelling_finds_a_shelling_event_whose_reports_say_shelled(tmp_path):
    from corpus_world import load_world

    with Store(tmp_path / "w.duckdb") as store:
        load_world(store)
        shelled = store.con.execute("SELECT event_id, evidence_text FROM corpus_events "
                                    "WHERE sub_event_type LIKE 'Shelling%'").fetchall()
    assert shelled and all("shelling" not in text.lower() for _, text in shelled)  # "artillery shelled ..."
    app = TestClient(create_app(str(tmp_path / "w.duckdb")))
    assert {e["event_id"] for e in app.get("/api/search", params={"q": "shelling"}).json()["events"]} == {
        e for e, _ in shelled}
    assert _ids(app, "/api/events", q="shelling") == [e for e, _ in shelled]


def test_a_misspelt_query_searches_the_nearest_words_of_the_corpus(client):
    typo = client.get("/api/search", params={"q": "Petrenco", "limit": 5000}).json()
    right = client.get("/api/search", params={"q": "petrenko", "limit": 5000}).json()
    assert typo["terms"] == ["Petrenco", "petrenko"]
    assert [e["event_id"] for e in typo["events"]] == [e["event_id"] for e in right["events"]] != []
    assert typo["counts"] == right["counts"]
    assert _ids(client, "/api/events", q="Petrenco") == _ids(client, "/api/events", q="Petrenko")  # the map too
    assert client.get("/api/search", params={"q": "overnigt"}).json()["terms"] == ["overnigt", "overnight"]
    assert client.get("/api/search", params={"q": "reinforcments"}).json()["terms"][1] == "reinforcements"
    assert client.get("/api/search", params={"q": "qqxxzzqq"}).json()["terms"] == ["qqxxzzqq"]
    assert client.get("/api/search", params={"q": "evacuation"}).json()["terms"] == ["evacuation"]  # no guess
    assert "Also searched: evacuation" in client.get("/search", params={"q": "evacuaton"}).text


def test_search_results_are_links_with_snippets_counts_and_claims(client):
    page = client.get("/search", params={"q": "Petrenko"}).text
    counts = re.search(r"(\d+) events, (\d+) articles, (\d+) claims", page)
    found = client.get("/api/search", params={"q": "Petrenko"}).json()["counts"]
    assert counts and [int(n) for n in counts.groups()] == [found["events"], found["articles"], found["claims"]]
    assert min(found.values()) > 0
    assert re.search(r'<a href="/events/\d+">', page) and re.search(r'<a href="/articles/\d+\?q=Petrenko">', page)
    assert "<mark>Petrenko</mark>" in page and 'id="found-claims"' in page
    article = re.search(r'href="(/articles/\d+\?q=Petrenko)"', page).group(1)
    assert "<mark>Petrenko</mark>" in client.get(article).text


def test_the_event_table_sorts_pages_and_keeps_its_filters_in_every_link(client):
    page = client.get("/events", params={"sort": "fatalities", "order": "desc", "limit": 10, "min_fatalities": 1})
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>.*?</tr>", page.text)
    killed = [int(re.findall(r"<td class=num>(\d+)", r)[0]) for r in rows]
    assert len(rows) == 10 and killed == sorted(killed, reverse=True)
    total = client.get("/api/events", params={"min_fatalities": 1}).json()["total"]
    assert f"Events 1–10 of {total}" in page.text
    assert 'href="/events?sort=fatalities&amp;order=desc&amp;limit=10&amp;min_fatalities=1&amp;offset=10">next' \
        in page.text
    assert ('aria-sort="descending"><a href="/events?sort=fatalities&amp;order=asc&amp;limit=10&amp;min_fatalities=1">'
            in page.text)
    for kind in ("csv", "geojson", "acled.csv"):
        assert f'href="/api/events.{kind}?sort=fatalities&amp;order=desc&amp;min_fatalities=1"' in page.text
    for column in ("Date", "Event", "Actors", "Sides", "Killed", "Place", "Admin area", "Outlets"):
        assert f">{column}" in page.text


def test_downloads_hold_exactly_the_filtered_sorted_view(client):
    actor = client.get("/api/facets").json()["actors"][0].split()[-1]
    view = {"actor": actor, "min_fatalities": 1, "sort": "place", "order": "desc"}
    ids = _ids(client, "/api/events", **view)
    assert 0 < len(ids) < client.get("/api/events").json()["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params=view).text)))
    assert [int(r["event_id"]) for r in rows] == ids and all(actor in r["actor1"] + r["actor2"] for r in rows)
    shapes = client.get("/api/events.geojson", params=view)
    assert shapes.headers["content-type"].startswith("application/geo+json")
    assert [f["id"] for f in shapes.json()["features"]] == ids
    acled = list(csv.DictReader(io.StringIO(client.get("/api/events.acled.csv", params=view).text)))
    assert [int(re.sub(r"^[A-Z]+", "", r["event_id_cnty"])) for r in acled] == ids
    assert all(int(r["fatalities"]) >= 1 for r in acled)
    none = client.get("/api/events.csv", params={"q": "qqxxzzqq"}).text
    assert none.splitlines() == [none.splitlines()[0]]  # the header alone


def test_every_api_answer_has_a_schema_and_fits_it(client):
    spec = client.get("/openapi.json").json()
    for path, model in (("/api/events", "EventsPage"), ("/api/events/{event_id}", "EventDetail"),
                        ("/api/search", "SearchAnswer"), ("/api/claims", "ClaimsPage"), ("/api/facets", "Facets"),
                        ("/api/control", "ControlPage"), ("/api/speakers", "Speakers")):
        answer = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer == {"$ref": f"#/components/schemas/{model}"}, path
    event_id = client.get("/api/events", params={"limit": 1}).json()["events"][0]["event_id"]
    schemas.EventsPage.model_validate(client.get("/api/events", params={"limit": 50}).json())
    schemas.EventDetail.model_validate(client.get(f"/api/events/{event_id}").json())
    schemas.SearchAnswer.model_validate(client.get("/api/search", params={"q": "Petrenko"}).json())
    schemas.ClaimsPage.model_validate(client.get("/api/claims").json())
    schemas.Facets.model_validate(client.get("/api/facets").json())
    schemas.ControlPage.model_validate(client.get("/api/control").json())
    schemas.Speakers.model_validate(client.get("/api/speakers").json())


def test_docs_are_served_from_installed_files(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "http" not in page.text  # nothing from another host
    for name in re.findall(r'(?:src|href)="(/docs/[^"]+)"', page.text):
        assert client.get(name).status_code == 200, name
    assert client.get("/docs/assets/swagger-ui-bundle.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/docs/assets/index.html").status_code == 404  # only the listed files
    assert json.loads(client.get("/openapi.json").text)["info"]["title"] == "wirewatch"
