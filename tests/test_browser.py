"""The web app in headless Chromium: markers render, a filter changes them, the slider moves the situation,
an event page highlights its evidence. Screenshots are kept in ``out/browser/`` (or $WIREWATCH_ARTIFACTS)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from corpus_world import load_world
from webdriver import Browser, free_port, missing
from wirewatch.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.skipif(missing() is not None, reason=missing() or "")]
ARTIFACTS = Path(os.environ.get("WIREWATCH_ARTIFACTS", Path(__file__).parent.parent / "out" / "browser"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from wirewatch.web import create_app

    db = tmp_path_factory.mktemp("web") / "w.duckdb"
    with Store(db) as store:
        load_world(store)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


def test_map_renders_markers_and_a_filter_changes_them(server, browser):
    browser.get(server + "/")
    browser.wait("return document.body.dataset.ready")
    assert browser.js("return document.body.dataset.error || ''") == ""
    everything = int(browser.js("return document.body.dataset.markers"))
    assert everything >= 2
    assert browser.js("return document.querySelectorAll('#map rect.holder').length") == 1  # Hrakove
    browser.screenshot(ARTIFACTS / "map.png")
    browser.js("document.body.dataset.ready = ''")
    browser.click('select[name="event_type"] option[value="Battles"]')
    browser.wait("return document.body.dataset.ready")
    battles = int(browser.js("return document.body.dataset.markers"))
    assert 0 < battles < everything
    assert "event_type=Battles" in browser.js("return location.search")  # a filtered view can be shared
    browser.screenshot(ARTIFACTS / "map-battles.png")


def test_slider_shows_who_held_a_village_on_a_day(server, browser):
    browser.get(server + "/")
    browser.wait("return document.body.dataset.ready")
    colour = "return document.querySelector('#map rect.holder').getAttribute('fill')"
    assert browser.js(colour) == "#b22222"  # RU claims it back on 14 May, the last day
    browser.js("const s = document.getElementById('slider'); s.value = 0; s.dispatchEvent(new Event('input'))")
    assert browser.js("return document.getElementById('day').textContent") == "2022-05-12"
    assert browser.js(colour) == "#1f5fa8"  # UA says it retook it on 12 May
    browser.screenshot(ARTIFACTS / "map-12-may.png")


def test_event_page_highlights_every_reports_evidence(server, browser):
    browser.get(server + "/")
    browser.wait("return document.body.dataset.ready")
    event_id = browser.js("return [...document.querySelectorAll('circle.marker')]"
                          ".sort((a, b) => b.getAttribute('r') - a.getAttribute('r'))[0].dataset.id")
    browser.get(f"{server}/events/{event_id}")
    marks = browser.wait("return [...document.querySelectorAll('.report mark')].map(m => m.textContent)")
    assert len(marks) == 3 and any("killing 13 civilians" in m for m in marks)
    assert any("killed 25 people" in m for m in marks)
    visible = browser.js("const r = document.querySelector('mark').getBoundingClientRect(); return r.width > 0")
    assert visible
    browser.screenshot(ARTIFACTS / "event.png")


def test_map_draws_country_outlines_from_the_installed_data(server, browser):
    browser.get(server + "/")
    browser.wait("return document.body.dataset.ready")
    names = browser.js("return [...document.querySelectorAll('#map path.country title')].map(t => t.textContent)")
    assert "Ukraine" in names
    assert browser.js("return document.querySelector('#map path.country').getAttribute('d').length") > 100
