"""The web app in headless Chromium: an event page highlights its evidence (the map, the report and phone
widths: test_browser_map.py). Screenshots are kept in ``out/browser/`` (or $WIREWATCH_ARTIFACTS)."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from corpus_world import load_world
from webdriver import Browser, missing, serving
from wirewatch.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.skipif(missing() is not None, reason=missing() or "")]
ARTIFACTS = Path(os.environ.get("WIREWATCH_ARTIFACTS", Path(__file__).parent.parent / "out" / "browser"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "w.duckdb"
    with Store(db) as store:
        load_world(store)
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


def test_event_page_highlights_every_reports_evidence(server, browser):
    events = httpx.get(server + "/api/events").json()["events"]
    event_id = max(events, key=lambda e: e["n_reports"])["event_id"]
    browser.get(f"{server}/events/{event_id}")
    marks = browser.wait("return [...document.querySelectorAll('.report mark')].map(m => m.textContent)")
    assert len(marks) == 3 and any("killing 13 civilians" in m for m in marks)
    assert any("killed 25 people" in m for m in marks)
    visible = browser.js("const r = document.querySelector('mark').getBoundingClientRect(); return r.width > 0")
    assert visible
    browser.screenshot(ARTIFACTS / "event.png")
