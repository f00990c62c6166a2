"""Data out in headless Chromium: the event table's download links give exactly the filtered view the API
gives, and /docs renders the API from files this server serves (no other host)."""

from __future__ import annotations

import pytest

from synthetic_store import synthetic_store
from webdriver import Browser, missing, serving

pytestmark = [pytest.mark.browser, pytest.mark.skipif(missing() is not None, reason=missing() or "")]

# In the page: fetch each download link of the table and the API with the same filters, and reduce each
# answer to its event ids in order.
DOWNLOADS_AND_API = r"""
const done = arguments[arguments.length - 1];
function records(text) {  // CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks)
  const out = []; let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) { if (c !== '"') field += c; else if (text[i + 1] === '"') { field += c; i++; } else quoted = false; }
    else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); out.push(row); row = []; field = ""; }
    else if (c !== "\r") field += c;
  }
  if (field || row.length) { row.push(field); out.push(row); }
  return out;
}
(async () => {
  const links = [...document.querySelectorAll(".downloads a[download]")].map(a => a.href);
  const query = new URL(links[0]).search;
  const api = await (await fetch("/api/events" + query + "&limit=5000")).json();
  const out = {links, shown: document.querySelectorAll("#events tbody tr").length, total: api.total,
               api: api.events.map(e => e.event_id)};
  for (const href of links) {
    const text = await (await fetch(href)).text();
    if (href.includes(".geojson")) { out.geojson = JSON.parse(text).features.map(f => f.id); continue; }
    const ids = records(text).slice(1).map(row => row[0]);
    out[href.includes(".acled.csv") ? "acled" : "csv"] = ids.map(id => Number(id.replace(/^[A-Z]+/, "")));
  }
  return out;
})().then(done, e => done(String(e)));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(synthetic_store(tmp_path_factory.mktemp("webdata") / "syn.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


def test_downloads_of_a_filtered_sorted_view_match_the_api(server, browser):
    browser.get(f"{server}/events?actor=Russia&min_fatalities=1&sort=place&order=desc&limit=25")
    browser.wait("return document.querySelectorAll('#events tbody tr').length > 0")
    browser.click("th a[href*='sort=fatalities']")  # sort by another column in the page, as a user does
    browser.wait("return location.search.includes('sort=fatalities')")
    found = browser._s("POST", "/execute/async", {"script": DOWNLOADS_AND_API, "args": []})
    assert isinstance(found, dict), found
    assert all("actor=Russia" in href and "min_fatalities=1" in href and "sort=fatalities" in href
               for href in found["links"]), found["links"]
    assert found["shown"] == min(25, found["total"]) and 25 < found["total"] == len(found["api"])
    assert found["csv"] == found["geojson"] == found["acled"] == found["api"]
    assert browser.console_errors() == []


def test_docs_render_offline_from_this_server(server, browser):
    browser.get(f"{server}/docs")
    operations = browser.wait("return document.querySelectorAll('.opblock').length")
    assert operations >= 8
    paths = browser.js("return [...document.querySelectorAll('.opblock-summary-path')].map(e => e.textContent)")
    assert any("/api/events" in p for p in paths) and any("/api/search" in p for p in paths)
    elsewhere = browser.js("return performance.getEntriesByType('resource').map(r => r.name)"
                           ".filter(n => !n.startsWith(location.origin))")
    assert elsewhere == []
    browser.click(".opblock-summary-path[data-path='/api/events']")  # the answer's schema, not an empty one
    assert browser.wait("return document.body.innerText.includes('EventsPage')")
    assert browser.console_errors() == []  # no script or style refused by the security policy
