"""The web app saves its tables beside the store and the next server start maps them instead of rebuilding;
a changed store is rebuilt. Either way the answers are the same."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from wirewatch.corpus import run_corpus_stage
from wirewatch.devtools.corpus_bench import load, synthetic
from wirewatch.store import Store
from wirewatch.web import create_app, saved
from wirewatch.web.tables import Tables

ASKED = ["/api/events?limit=30&offset=7", "/api/events?side=RU&event_type=Battles&limit=50",
         "/api/claims?side=UA&limit=20&offset=2", "/api/claims?speaker=petrenko&limit=20",
         "/api/control?place=selo1", "/api/search?q=artillery&limit=10", "/api/search?q=Selo3%20said&limit=10",
         "/api/events?q=shelling&limit=20"]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "syn.duckdb"
    with Store(path) as store:
        load(store, synthetic(120, seed=11))
        run_corpus_stage(store, aliases={})
    return path


def _answers(db) -> list:
    with TestClient(create_app(str(db), cache_mb=0)) as client:  # the store is closed when it ends
        events = client.get("/api/events", params={"limit": 3}).json()["events"]
        return [client.get(path).json() for path in ASKED] + [client.get(f"/api/events/{e['event_id']}").json()
                                                              for e in events]


def test_the_second_start_maps_the_saved_tables_and_answers_the_same(db, monkeypatch):
    first = _answers(db)
    assert (db.parent / "syn.duckdb.web" / "key.json").exists()
    assert all(first[:5]) and first[5]["articles"] and first[7]["total"] > 0

    def no_build(con):
        raise AssertionError("rebuilt although the saved tables are current")

    monkeypatch.setattr(Tables, "build", no_build)
    assert _answers(db) == first
    mapped = saved.tables_for(str(db))
    assert type(mapped.events.blob).__name__ == "mmap"  # shared through the page cache, not copied
    mapped.con.close()


def test_a_changed_store_is_rebuilt(db):
    before = _answers(db)
    with Store(db) as store:
        load(store, synthetic(10, seed=12, first_id=10_000))
        run_corpus_stage(store, aliases={})
    after = _answers(db)
    assert after[0]["total"] > before[0]["total"]  # the new events are there


def test_a_damaged_saved_copy_is_built_again(db):
    first = _answers(db)
    saved_rows = db.parent / "syn.duckdb.web" / "events.offsets.npy"
    saved_rows.write_bytes(b"not an array")
    assert _answers(db) == first
    assert saved_rows.read_bytes() != b"not an array"  # and saved again
