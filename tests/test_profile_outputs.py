"""The ACLED export, the web app and the report take their sides from the conflict profile: a store of the
Sudan war (SAF against RSF) gets ACLED actor types, side filters and colours without a line of code for it."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.corpus import run_corpus_stage
from wirewatch.exporters import export
from wirewatch.models import Article, Claim, DocResult, Event, Location, Place, RunSummary, Span
from wirewatch.profile import PALETTE, load_profile
from wirewatch.report import build_report
from wirewatch.store import Store
from wirewatch.web import create_app

SHELLING = ("The Rapid Support Forces shelled Omdurman on Monday, killing four people, the army said.\n\n"
            "Markets stayed shut.")
RETAKEN = ("The army retook the Omdurman radio station from the paramilitaries on Tuesday, a spokesman said.\n\n"
           "Residents returned.")


def _result(doc_id: str, text: str, event: tuple[str, str, str | None, str | None], day: int) -> DocResult:
    """An article of one event (type, sub-event type, actor and its side: the first actor, or the second
    when the event has no first) at Omdurman, said by the army."""
    span = lambda s, e: Span.of(text, s, e)  # noqa: E731
    first = text.index("\n")
    at = text.index("Omdurman")
    place = Place(span(at, at + 8), 365137, "Omdurman", 15.644, 32.478, "SD", "Khartoum", "PPL", 0.9)
    said = text.index("said")
    claim = Claim(cue=span(said, said + 4), source=None, content=span(0, first - 1), kind="indirect",
                  speaker="a Sudanese army spokesman", side="SAF")
    event_type, sub_event_type, actor, side = event
    second = sub_event_type == "Government regains territory"
    actors = (None, None, actor, side) if second else (actor, side, None, None)
    found = Event(event_type, sub_event_type, span(0, first), f"2023-05-{day:02d}", "day",
                  Location("Omdurman", 365137, 15.644, 32.478, "city"), *actors,
                  fatalities=None if second else 4, claim=0, confidence=0.8)
    article = Article(id=doc_id, text=text, published=dt.date(2023, 5, day), title=f"{doc_id} report",
                      url=f"https://example.org/{doc_id}", source="Nile Wire", source_path=doc_id)
    return DocResult(article, places=(place,), claims=(claim,), events=(found,))


@pytest.fixture
def sudan_store(tmp_path):
    with Store(tmp_path / "sudan.duckdb") as s:
        run = s.begin_run("test", [])
        s.add_result(_result("shelled", SHELLING, ("Explosions/Remote violence", "Shelling/artillery/missile attack",
                                                   "Rapid Support Forces", "RSF"), 15), run)
        s.add_result(_result("retaken", RETAKEN, ("Strategic developments", "Government regains territory",
                                                  "Rapid Support Forces", "RSF"), 16), run)
        s.finish_run(run, RunSummary(read=2, stored=2))
        run_corpus_stage(s, aliases={}, profile="sudan-2023")
        yield s


def test_acled_export_codes_the_sudan_profiles_actors(sudan_store, tmp_path):
    path = tmp_path / "acled.csv"
    export(sudan_store, "acled", path, "sudan-2023")
    rows = {r["sub_event_type"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    shelled = rows["Shelling/artillery/missile attack"]
    assert (shelled["actor1"], shelled["inter1"], shelled["country"]) == ("Rapid Support Forces", "2", "Sudan")
    retaken = rows["Government regains territory"]  # the government's own forces take it back from the rebels
    assert (retaken["actor1"], retaken["inter1"], retaken["actor2"], retaken["inter2"], retaken["interaction"]) == (
        "Military Forces of Sudan (2019-)", "1", "Rapid Support Forces", "2", "12")


def test_the_export_command_takes_the_profile(sudan_store, tmp_path):
    db, out = str(sudan_store.path), tmp_path / "acled.csv"
    sudan_store.close()
    result = CliRunner().invoke(app, ["export", "--db", db, "--format", "acled", "-o", str(out),
                                      "--profile", "sudan-2023"])
    assert result.exit_code == 0, result.output
    assert "Military Forces of Sudan (2019-)" in out.read_text(encoding="utf-8")


def test_web_app_filters_and_colours_the_sudan_profiles_sides(sudan_store):
    path = str(sudan_store.path)
    sudan_store.close()
    client = TestClient(create_app(path, profile="sudan-2023"))
    rsf = client.get("/api/events", params={"side": "RSF"}).json()
    assert rsf["total"] == 2 and {e["sub_event_type"] for e in rsf["events"]} == {
        "Shelling/artillery/missile attack", "Government regains territory"}
    assert client.get("/api/events", params={"side": "THIRD"}).json()["total"] == 0
    assert client.get("/api/events", params={"side": "UA"}).status_code == 422  # a side this war has not
    assert client.get("/api/claims", params={"side": "SAF"}).json()["claims"]
    page = client.get("/").text
    assert '<option value="RSF">RSF</option>' in page and '<option value="UA">' not in page
    assert ".side-SAF{color:#3949ab}" in client.get("/static/app.css").text
    assert "<option>SAF</option>" in client.get("/events").text
    acled = client.get("/api/events.acled.csv", params={"side": "RSF"}).text
    assert "Military Forces of Sudan (2019-)" in acled


def test_report_colours_the_profiles_sides(sudan_store):
    html = build_report(sudan_store, "sudan-2023").html
    assert ".side-SAF{color:#3949ab}" in html and ".side-RSF{color:#c62828}" in html


def test_any_side_code_gets_a_colour_the_same_every_time():
    default = load_profile("default")
    assert default.colour("JNIM") in PALETTE and default.colour("JNIM") == load_profile("default").colour("JNIM")
    assert load_profile("sudan-2023").colour("RSF") == "#c62828"
    assert default.colour("CIVILIAN") != default.colour("THIRD")
