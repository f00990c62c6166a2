"""Web app security: loopback by default, read-only, bounded parameters, no file-system access from requests."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from corpus_world import load_world
import wirewatch
from wirewatch.store import Store
from wirewatch.web import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "world.duckdb"
    with Store(path) as store:
        load_world(store)
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(str(db)))


def _counts(db) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_serve_binds_loopback_unless_told(monkeypatch, db):
    import uvicorn

    from wirewatch.cli import app

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: calls.append(kw))
    assert CliRunner().invoke(app, ["serve", "--db", str(db)]).exit_code == 0
    assert calls[-1]["host"] == "127.0.0.1"
    assert CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"]).exit_code == 0
    assert calls[-1]["host"] == "0.0.0.0"


def test_only_reads_are_routed(client):
    for route in client.app.routes:
        assert set(getattr(route, "methods", {"GET"})) <= {"GET", "HEAD"}, route
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/api/events").status_code == 405


def test_injection_in_parameters_changes_nothing(client, db):
    before = _counts(db)
    for q in ("x'; DROP TABLE articles; --", "%' OR 1=1 --", "'); DELETE FROM events; --", "\\\\", "%%", "__"):
        for path in ("/api/events", "/api/claims", "/api/search", "/search"):
            assert client.get(path, params={"q": q}).status_code == 200, (path, q)
        assert client.get("/api/control", params={"place": q}).status_code == 200
        assert client.get("/api/events", params={"source": q}).json()["total"] == 0
    assert _counts(db) == before


@pytest.mark.parametrize("path", [
    "/static/../../pyproject.toml", "/static/..%2f..%2fpyproject.toml", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/app.js/../../../../etc/passwd", "/static/..%5c..%5cpyproject.toml", "/static/pyproject.toml",
    "/static/app.js%00.txt", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/events/..%2F..%2Fetc%2Fpasswd",
    "/api/events/..%2f..%2f..%2fetc%2fpasswd", "/api/articles/1%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/%2e%2e", "/file:///etc/passwd", "/static/~root/.bashrc",
])
def test_no_file_is_served_from_a_request_path(client, path):
    response = client.get(path)
    assert response.status_code in (404, 405, 422), path
    assert "root:" not in response.text and "[project]" not in response.text


@pytest.mark.parametrize("path,params", [
    ("/api/events", {"limit": 0}), ("/api/events", {"limit": 5001}), ("/api/events", {"limit": 10**12}),
    ("/api/events", {"limit": -1}), ("/api/events", {"offset": -1}), ("/api/events", {"offset": 10**9}),
    ("/api/events", {"q": "x" * 201}), ("/api/events", {"source": "x" * 201}), ("/api/events", {"story": -1}),
    ("/api/events", {"date_from": "not-a-date"}), ("/api/events", {"date_from": "0001-01-01"}),
    ("/api/events", {"date_to": "9999-12-31"}), ("/api/events", {"date_from": "2022-06-01", "date_to": "2022-05-01"}),
    ("/api/events", {"side": "ANY"}), ("/api/events", {"event_type": "Picnics"}),
    ("/api/events/-1", {}), ("/api/articles/0", {}),
    ("/api/claims", {"limit": 100000}), ("/api/claims", {"speaker": "y" * 500}),
    ("/api/search", {"q": ""}), ("/api/search", {"q": "z" * 201}), ("/api/search", {"q": "ab", "limit": 9999}),
    ("/api/control", {"limit": 100000}), ("/api/control", {"place": "p" * 201}),
    ("/api/comparisons", {"limit": 0}), ("/api/comparisons", {"verdict": "maybe"}),
    ("/search", {"q": "q" * 201}), ("/claims", {"side": "NOBODY"}),
])
def test_parameters_are_validated_and_bounded(client, path, params):
    assert client.get(path, params=params).status_code == 422, (path, params)


def test_out_of_range_ids_are_not_found(client):
    assert client.get("/api/events/99999999999999999999999").status_code in (404, 422)
    assert client.get("/api/articles/99999999999999999999999").status_code in (404, 422)


def test_pages_of_results_are_bounded(client):
    assert len(client.get("/api/events", params={"limit": 1}).json()["events"]) <= 1
    assert len(client.get("/api/control", params={"limit": 1}).json()["changes"]) <= 1
    assert len(client.get("/api/comparisons", params={"limit": 1}).json()["comparisons"]) <= 1
    assert len(client.get("/api/claims", params={"limit": 1}).json()["claims"]) <= 1
    found = client.get("/api/search", params={"q": "the", "limit": 1}).json()
    assert all(len(found[k]) <= 1 for k in ("articles", "events", "claims"))


def test_errors_do_not_leak_internals(client):
    response = client.get("/api/events", params={"limit": "lots"})
    assert response.status_code == 422
    assert "Traceback" not in response.text and "duckdb" not in response.text.lower()
    checkout = str(Path(wirewatch.__file__).resolve().parents[2])  # where the code lives on this machine
    assert checkout not in client.get("/api/articles/424242").text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_row19_loopback_host_headers_are_answered_with_security_headers(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "script-src" not in response.headers["content-security-policy"]  # default-src 'self' covers it
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    cached = client.get("/", headers={"Host": host})  # the answer cache keeps them too
    assert cached.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["attacker.example", "rebind.attacker.example:8000", "127.0.0.1.nip.io"])
def test_row19_other_host_headers_are_refused_dns_rebinding(client, host):
    for path in ("/", "/api/events", "/api/articles/1"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400, (path, host)
        assert "Chuhuiv" not in response.text


def test_row19_a_named_host_can_be_allowed(db):
    allowed = TestClient(create_app(str(db), hosts=["news.example.org"]))
    assert allowed.get("/api/facets", headers={"Host": "news.example.org"}).status_code == 200
    assert allowed.get("/api/facets", headers={"Host": "other.example.org"}).status_code == 400


@pytest.mark.parametrize("path,params", [("/api/events", {"q": "a"}), ("/api/claims", {"q": "a"}),
                                         ("/api/claims", {"speaker": "o"}), ("/api/search", {"q": "ab cd"}),
                                         ("/search", {"q": "ab cd"})])
def test_row20_text_filters_run_off_the_event_loop(db, monkeypatch, path, params):
    """(A search of single words runs on the loop: the index answers it in a few milliseconds at most.)"""
    import threading

    from wirewatch.web import tables as web_tables
    from wirewatch.web import search as web_search

    threads = []

    def recording(function):
        def wrapped(*args, **kwargs):
            threads.append(threading.current_thread().name)
            return function(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(web_tables.Tables, "events_page", recording(web_tables.Tables.events_page))
    monkeypatch.setattr(web_tables.Tables, "claims_page", recording(web_tables.Tables.claims_page))
    monkeypatch.setattr(web_search.Tables, "rows_with", recording(web_tables.Tables.rows_with))
    with TestClient(create_app(str(db), cache_mb=0)) as fresh:
        loop_thread = fresh.portal.call(lambda: threading.current_thread().name)
        assert fresh.get(path, params=params).status_code == 200
    assert threads and loop_thread not in threads
