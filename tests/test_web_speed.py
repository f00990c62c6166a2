"""The web app's fast paths (start-up tables, JSON from DuckDB, windowed search, answer cache) give the same
answers as plain queries over the store, and ``serve`` runs several processes when asked."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse
from typer.testing import CliRunner

from synthetic_store import synthetic_store
from wirewatch.report.data import DATE_PRECISION_JOIN, DATE_SHOWN
from wirewatch.store import Store
from wirewatch.web import create_app, tables
from wirewatch.web.cache import ResponseCache
from wirewatch.web.index import words

JSON_LISTS = ("outlets", "sources", "sides", "observations")
# Events as the API shows them: with the admin area of their place
EVENTS = f"""SELECT * FROM (SELECT ev.*, p.admin1, dp.date_precision, {DATE_SHOWN.format(e='ev')} AS date_shown
            FROM corpus_events ev LEFT JOIN (SELECT geonameid, min(admin1) AS admin1
            FROM places WHERE admin1 IS NOT NULL GROUP BY geonameid) p USING (geonameid)
            {DATE_PRECISION_JOIN.format(e='ev')})"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = synthetic_store(tmp_path_factory.mktemp("speed") / "syn.duckdb", seed=3)
    with Store(path) as store:  # two comparisons of one event reported twice, whether the stage found any or not
        store.con.execute("""INSERT INTO comparisons (comparison_id, kind, verdict, subject, event_id)
                             SELECT coalesce((SELECT max(comparison_id) FROM comparisons), 0) + k, 'casualties',
                                    'contradicts', 'toll', (SELECT min(event_id) FROM corpus_events WHERE n_reports > 1)
                             FROM range(1, 3) t(k)""")
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(str(db), cache_mb=0))


def _reference(db, sql: str, params: list | None = None) -> list[dict]:
    """Rows as the app answered them before its start-up tables: straight from the store."""
    with Store(db, read_only=True) as store:
        rows = tables.dicts(store.con.execute(sql, params or []))
    for row in rows:
        for key in JSON_LISTS:
            if isinstance(row.get(key), str):
                row[key] = json.loads(row[key])
    return json.loads(json.dumps(rows, default=str))


def test_event_pages_at_any_offset_match_the_store(client, db):
    every = _reference(db, f"{EVENTS} ORDER BY date, event_id")
    assert len(every) > 100
    for offset in (0, 37, len(every) - 5, len(every) + 10):
        page = client.get("/api/events", params={"limit": 20, "offset": offset}).json()
        assert page["events"] == every[offset:offset + 20] and page["total"] == len(every)
    ru = _reference(db, f"""{EVENTS} WHERE actor1_side = 'RU' OR actor2_side = 'RU'
                            OR contains(sides, '"RU"') ORDER BY date, event_id""")
    page = client.get("/api/events", params={"side": "RU", "limit": 15, "offset": 5}).json()
    assert page["events"] == ru[5:20] and page["total"] == len(ru)
    day = every[50]["date"]
    same_day = client.get("/api/events", params={"date_from": day, "date_to": day, "limit": 500}).json()
    assert same_day["events"] == [e for e in every if e["date"] == day]


def test_every_event_filter_and_the_count_match_the_store(client, db):
    source = _reference(db, "SELECT outlets FROM corpus_events ORDER BY event_id LIMIT 1")[0]["outlets"][0]
    word = words(_reference(db, "SELECT evidence_text FROM events WHERE event_id IS NOT NULL LIMIT 1")[0][
        "evidence_text"])[1]
    every = _reference(db, f"{EVENTS} ORDER BY date, event_id")
    days = sorted({e["date"] for e in every if e["date"]})
    asked = {"event_type": "Battles", "source": source, "q": word.upper(), "date_from": days[2],
             "date_to": days[-3], "story": every[40]["story_id"]}
    with_evidence = {r["event_id"] for r in _reference(  # in a report's evidence or the event's own fields
        db, "SELECT event_id, evidence_text FROM events WHERE event_id IS NOT NULL")
        if _holds([word], r["evidence_text"])} | {e["event_id"] for e in every if any(_holds([word], e[k] or "") for k in (
            "location_name", "event_type", "sub_event_type", "actor1", "actor2", "admin1"))}
    tests = {"event_type": lambda e: e["event_type"] == "Battles", "source": lambda e: source in e["outlets"],
             "q": lambda e: e["event_id"] in with_evidence, "date_from": lambda e: e["date"] and e["date"] >= days[2],
             "date_to": lambda e: e["date"] and e["date"] <= days[-3], "story": lambda e: e["story_id"] == asked["story"]}
    for name in asked:  # each filter alone, then all of them at once
        wanted = [e for e in every if tests[name](e)]
        page = client.get("/api/events", params={name: asked[name], "limit": 5000}).json()
        assert page["events"] == wanted and page["total"] == len(wanted) > 0, name
    wanted = [e for e in every if all(t(e) for t in tests.values())]
    page = client.get("/api/events", params={**asked, "limit": 3, "offset": 1}).json()
    assert page["events"] == wanted[1:4] and page["total"] == len(wanted)
    assert client.get("/api/events", params={"event_type": "Riots"}).json()["total"] == 0


def test_the_event_tables_filters_and_sorts_match_the_store(client, db):
    every = _reference(db, f"{EVENTS} ORDER BY date, event_id")
    actor = next(e["actor1"] for e in every if e["actor1"]).split()[-1].upper()
    admin = next(e["admin1"] for e in every if e["admin1"])
    tests = {"actor": lambda e: any(actor.lower() in (a or "").lower() for a in (e["actor1"], e["actor2"])),
             "admin1": lambda e: e["admin1"] == admin, "min_fatalities": lambda e: (e["fatalities"] or 0) >= 5}
    asked = {"actor": actor, "admin1": admin, "min_fatalities": 5}
    for name in asked:
        wanted = [e for e in every if tests[name](e)]
        page = client.get("/api/events", params={name: asked[name], "limit": 5000}).json()
        assert page["events"] == wanted and page["total"] == len(wanted) > 0, name
    for sort, key in (("fatalities", "fatalities"), ("place", "location_name"), ("outlets", "n_outlets"),
                      ("type", "sub_event_type"), ("admin1", "admin1"), ("actor", "actor1"), ("date", "date")):
        for order in ("asc", "desc"):
            got = client.get("/api/events", params={"sort": sort, "order": order, "min_fatalities": 1,
                                                    "limit": 5000}).json()["events"]
            values = [e[key] if sort != "fatalities" else (e[key] or 0) for e in got if e[key] is not None]
            assert values == sorted(values, reverse=order == "desc") and len(values) > 10, (sort, order)
            assert all(e[key] is not None for e in got[:len(values)]), "no value sorts last"
            assert sorted(e["event_id"] for e in got) == sorted(
                e["event_id"] for e in every if (e["fatalities"] or 0) >= 1)


def test_an_event_has_its_reports_in_order_and_its_comparisons(client, db):
    with Store(db, read_only=True) as store:
        event_id = store.con.execute("SELECT event_id FROM comparisons WHERE event_id IS NOT NULL "
                                     "ORDER BY comparison_id LIMIT 1").fetchone()[0]
    found = client.get(f"/api/events/{event_id}").json()
    reports = _reference(db, """
        SELECT e.article_id, e.event_index, e.date, e.location_name, e.fatalities, e.injured, e.evidence_start,
               e.evidence_end, e.evidence_text, c.speaker, c.side AS speaker_side, a.source, a.published, a.title,
               a.url, a.doc_id, a.syndication_group
        FROM events e JOIN articles a USING (article_id)
        LEFT JOIN claims c ON c.article_id = e.article_id AND c.claim_index = e.claim_index
        WHERE e.event_id = ? ORDER BY a.published, e.article_id, e.event_index""", [event_id])
    assert found["reports"] == reports and found["comparisons"]
    assert found["comparisons"] == _reference(db, "SELECT * FROM comparisons WHERE event_id = ? "
                                                  "ORDER BY comparison_id", [event_id])
    page = client.get(f"/events/{event_id}").text
    assert page.count('<section class="report">') == len({r["article_id"] for r in reports})
    assert client.get("/api/events/1").status_code == 404


def test_claims_pages_match_the_store(client, db):
    ua = _reference(db, """
        SELECT c.article_id, c.claim_index, coalesce(n.canonical, c.speaker) AS speaker, c.speaker AS written,
               coalesce(c.side, n.side) AS side, c.kind, c.channel, c.via, c.cue_text, c.content_text,
               c.content_start, c.content_end, a.source, a.published
        FROM claims c JOIN articles a USING (article_id) LEFT JOIN entity_names n ON n.name = c.speaker
        WHERE coalesce(c.side, n.side) = 'UA' ORDER BY a.published, c.article_id, c.claim_index""")
    assert client.get("/api/claims", params={"side": "UA", "limit": 30, "offset": 3}).json()["claims"] == ua[3:33]
    name = next(c["written"] for c in ua if c["written"] and " " in c["written"])
    part = name.split()[-1].upper()
    by_name = [c for c in ua if part.lower() in (c["speaker"] or "").lower() + "|" + (c["written"] or "").lower()]
    assert client.get("/api/claims", params={"side": "UA", "speaker": part, "limit": 500}).json()["claims"] == by_name
    word = words(ua[0]["content_text"])[2]
    said = [c for c in ua if _holds([word], c["content_text"])]
    assert client.get("/api/claims", params={"side": "UA", "q": word, "limit": 500}).json()["claims"] == said


def test_control_names_one_settlement_exactly_and_parts_of_names_otherwise(client, db):
    places = {r["place"] for r in _reference(db, "SELECT DISTINCT place FROM control_changes")}
    name = next(p for p in sorted(places) if any(p in other and p != other for other in places))  # Selo1, Selo12
    one = client.get("/api/control", params={"place": name.lower()}).json()["changes"]
    assert one and {c["place"] for c in one} == {name}
    part = client.get("/api/control", params={"place": "elo1"}).json()["changes"]
    assert {c["place"] for c in part} == {r["place"] for r in _reference(
        db, "SELECT place FROM control_changes WHERE place ILIKE '%elo1%'")}
    every = client.get("/api/control").json()["changes"]
    assert [(c["place"], c["date"]) for c in every] == sorted((c["place"], c["date"]) for c in every)


def _holds(terms: list[str], text: str) -> bool:
    """Whether one of the terms' words stand together, in order, among the text's words (index.py)."""
    return any(" " + " ".join(words(t)) + " " in " " + " ".join(words(text)) + " " for t in terms if words(t))


def test_search_finds_the_first_articles_whose_words_hold_a_term_and_counts_them(client, db):
    with Store(db, read_only=True) as store:
        articles = store.con.execute("SELECT article_id, coalesce(title, '') || chr(10) || text FROM articles "
                                     "ORDER BY published, article_id").fetchall()
    for q in ("Synehubov", "artillery", "Selo3", "killing 2", "nothing-like-this"):
        found = client.get("/api/search", params={"q": q, "limit": 5}).json()
        wanted = [a for a, text in articles if _holds(found["terms"], text)]
        assert [a["article_id"] for a in found["articles"]] == wanted[:5], q
        assert found["counts"]["articles"] == len(wanted), q
    found = client.get("/api/search", params={"q": "Synehubov"}).json()
    assert found["terms"][0] == "Synehubov" and "Synegubov" in found["terms"]  # the profile's spellings too
    assert found["claims"] and found["events"]


def test_whole_answers_are_cached_but_errors_are_not():
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"])
        status = 404 if scope["path"] == "/missing" else 200
        await PlainTextResponse(f"answer {len(calls)}", status_code=status)(scope, receive, send)

    client = TestClient(ResponseCache(app, max_bytes=2**20))
    assert client.get("/a?x=1").text == client.get("/a?x=1").text == "answer 1"
    assert client.get("/a?x=2").text == "answer 2"  # another query string is another answer
    client.get("/missing")
    client.get("/missing")
    assert calls == ["/a", "/a", "/missing", "/missing"]
    tiny = TestClient(ResponseCache(app, max_bytes=12))  # room for one answer: the older one is dropped
    tiny.get("/b")
    tiny.get("/c")
    tiny.get("/b")
    assert calls[-3:] == ["/b", "/c", "/b"]


def test_serve_runs_several_processes_on_loopback(monkeypatch, db):
    import uvicorn

    from wirewatch.cli import app

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: calls.append((a, kw)))
    monkeypatch.delenv("WIREWATCH_WEB_DB", raising=False)
    assert CliRunner().invoke(app, ["serve", "--db", str(db), "--workers", "3"]).exit_code == 0
    (target,), options = calls[-1]
    assert target == "wirewatch.web:app_from_env" and options["factory"] and options["workers"] == 3
    assert options["host"] == "127.0.0.1"
    import os

    assert os.environ["WIREWATCH_WEB_DB"] == str(db.resolve())
    assert CliRunner().invoke(app, ["serve", "--db", str(db), "--workers", "0"]).exit_code != 0
