// wirewatch map page: events (clustered, spread out where they share a point) and control on a Leaflet map,
// over an offline basemap (country outlines and first-level boundaries served by this app), with a time
// window and filters kept in the URL. Leaflet and Leaflet.markercluster are installed by npm (`make install`)
// and served by this app: nothing is fetched from elsewhere.
"use strict";
(() => {
  const form = document.getElementById("filters");
  const box = document.getElementById("map");
  const TYPE_COLOURS = JSON.parse(box.dataset.typeColours);
  const HOLDER_COLOURS = JSON.parse(box.dataset.holderColours);
  const tbody = document.querySelector("#list tbody");
  const map = L.map(box, { minZoom: 3, maxZoom: 13, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false).addAttribution("Boundaries: Natural Earth, countryinfo");
  map.createPane("basemap").style.zIndex = 250;
  // Flags stand on their settlement on a tall pole, under the events' pane: the cloth shows above a cluster
  // at the same place, and no flag ever covers an event (each must stay clickable).
  map.createPane("control").style.zIndex = 590;
  const clusters = L.markerClusterGroup({ maxClusterRadius: 40, spiderfyDistanceMultiplier: 1.6,
                                          showCoverageOnHover: false }).addTo(map);
  // Flags of nearby settlements gather into one numbered flag that opens like the events' clusters.
  const controlLayer = L.markerClusterGroup({
    clusterPane: "control", maxClusterRadius: 30, showCoverageOnHover: false, spiderfyDistanceMultiplier: 2,
    iconCreateFunction: group => L.divIcon({ className: "control-icon", iconSize: [28, 44], iconAnchor: [2, 44],
      html: `<span class="flag many"><b>${group.getChildCount()}</b></span>` }),
  }).addTo(map);
  const flags = new Map();  // settlement -> its flag (window.wirewatch below)
  L.control.layers(null, { "Events": clusters, "Control (holder at the end of the window)": controlLayer },
                   { collapsed: true }).addTo(map);  // open, it would hide a corner of the map
  const markers = new Map();  // event id -> its marker (window.wirewatch below)
  let control = [], lastDay = null;

  async function getJSON(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  }

  function text(tag, content, attrs = {}) {
    const node = document.createElement(tag);
    if (content != null) node.textContent = content;
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  }

  function filterParams() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
    return p;
  }

  function fill(select, pairs) {
    for (const [value, label] of pairs) select.appendChild(text("option", label, { value }));
  }

  function toll(e) {
    if (!e.fatalities_high) return "";
    const n = e.fatalities_low === e.fatalities_high ? `${e.fatalities_high}` : `${e.fatalities_low}–${e.fatalities_high}`;
    return `, ${n} killed`;
  }

  function eventPopup(e) {
    const div = text("div");
    div.appendChild(text("b", `${e.sub_event_type}${toll(e)}` +
                              (e.fatalities_high && e.fatalities_source ? ` (per ${e.fatalities_source})` : "")));
    div.appendChild(text("div", `${e.date_shown || "undated"}, ${e.location_name || "unknown place"}` +
                                (e.admin1 ? ` (${e.admin1})` : "")));
    const actors = [e.actor1, e.actor2].filter(Boolean);
    if (actors.length) div.appendChild(text("div", actors.join(" against ")));
    div.appendChild(text("div", `${e.n_outlets} independent outlet${e.n_outlets === 1 ? "" : "s"}` +
                                (e.sources && e.sources.length ? `; sources: ${e.sources.join(", ")}` : "")));
    div.appendChild(text("a", "Reports and evidence", { href: `/events/${e.event_id}` }));
    return div;
  }

  function eventMarker(e) {
    const size = Math.round(14 + 5 * Math.sqrt(Math.max(e.n_outlets || 1, 1) - 1));
    const dot = text("span", null, { class: "dot", "data-id": e.event_id });
    dot.style.background = TYPE_COLOURS[e.event_type] || "#333";  // a style property: the CSP allows no style attribute
    dot.style.width = dot.style.height = `${size}px`;
    const target = Math.max(size, 24);  // what a finger can hit, around the dot
    const icon = L.divIcon({ className: "event-icon", iconSize: [target, target], html: dot });
    const label = `${e.date_shown || "undated"} ${e.sub_event_type} in ${e.location_name || "unknown place"}`;
    const marker = L.marker([e.lat, e.lon], { icon, title: label, alt: label, keyboard: true });
    marker.bindPopup(() => eventPopup(e));
    return marker;
  }

  // The status of a change as the store says it; an older store only flags disputes.
  function status(c) {
    return c.status || (c.disputed ? "disputed" : c.change === "contested" ? "contested" : "claimed");
  }

  // Each settlement's changes in date order, up to `day`: the last one says who holds it.
  function histories(day) {
    const byPlace = new Map();
    for (const c of control) {
      if (c.lat == null || c.lon == null || !c.date || (day && c.date > day)) continue;
      const key = c.geonameid ?? c.place;
      if (!byPlace.has(key)) byPlace.set(key, []);
      byPlace.get(key).push(c);
    }
    for (const changes of byPlace.values()) changes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return [...byPlace.values()];
  }

  function controlPopup(changes) {
    const div = text("div");
    const last = changes[changes.length - 1];
    div.appendChild(text("b", `${last.place}: held by ${last.to_side} since ${last.date} (${status(last)})`));
    const list = text("ul", null, { class: "history" });
    for (const c of changes) {
      list.appendChild(text("li", `${c.date}: ${c.from_side || "?"} → ${c.to_side}, ${status(c)}` +
                                  (c.sources && c.sources.length ? `, per ${c.sources.join(", ")}` : "")));
    }
    div.appendChild(list);
    return div;
  }

  // `since`: the window's first day; a settlement that changed hands inside the window gets a ring.
  function drawControl(day, since) {
    controlLayer.clearLayers();
    flags.clear();
    for (const changes of histories(day)) {
      const last = changes[changes.length - 1];
      const state = status(last);
      const colour = HOLDER_COLOURS[last.to_side] || HOLDER_COLOURS.contested;
      const look = ["flag", state === "disputed" || state === "contested" ? "unsure" : state === "claimed" ? "claimed" : "",
                    since && last.date >= since ? "changed" : ""].filter(Boolean).join(" ");
      const flag = text("span", null, { class: look, "data-place": last.place,
                                        "data-holder": last.to_side, "data-status": state });
      flag.style.setProperty("--holder", colour);
      const icon = L.divIcon({ className: "control-icon", iconSize: [28, 44], iconAnchor: [2, 44], html: flag });
      const label = `${last.place}: held by ${last.to_side} (${state})`;
      const marker = L.marker([last.lat, last.lon], { icon, pane: "control", title: label, alt: label, keyboard: true })
        .bindPopup(() => controlPopup(changes));
      flags.set(last.place, marker);
      controlLayer.addLayer(marker);
    }
  }

  // What is not drawn, and why: no coordinates (events and control changes), or no date (control changes).
  function notice(events, day) {
    const out = document.getElementById("undrawn");
    out.replaceChildren();
    const unplaced = events.filter(e => e.lat == null || e.lon == null);
    const shownControl = control.filter(c => !day || !c.date || c.date <= day);
    const noPlace = shownControl.filter(c => c.lat == null || c.lon == null);
    const noDate = shownControl.filter(c => c.lat != null && c.lon != null && !c.date);
    if (!unplaced.length && !noPlace.length && !noDate.length) {
      out.textContent = "Every event and control change in this window is on the map.";
      return;
    }
    out.appendChild(text("b", "Not on the map: "));
    if (unplaced.length) {
      out.appendChild(document.createTextNode(`${unplaced.length} event${unplaced.length === 1 ? "" : "s"} ` +
                                              "whose place has no coordinates ("));
      unplaced.forEach((e, i) => {
        if (i) out.appendChild(document.createTextNode(", "));
        out.appendChild(text("a", `${e.sub_event_type} in ${e.location_name || "an unnamed place"}, ${e.date_shown || "undated"}`,
                             { href: `/events/${e.event_id}` }));
      });
      out.appendChild(document.createTextNode("). "));
    }
    if (noPlace.length) {
      out.appendChild(document.createTextNode(`${noPlace.length} control change${noPlace.length === 1 ? "" : "s"} ` +
                      `whose settlement has no coordinates (${noPlace.map(c => c.place).join(", ")}). `));
    }
    if (noDate.length) {
      out.appendChild(document.createTextNode(`${noDate.length} undated control change${noDate.length === 1 ? "" : "s"} ` +
                      `(${noDate.map(c => c.place).join(", ")}): no holder can be said for a day. `));
    }
  }

  function drawList(events) {
    tbody.replaceChildren(...events.map(e => {
      const tr = document.createElement("tr");
      const what = text("td");
      what.appendChild(text("a", e.sub_event_type + toll(e), { href: `/events/${e.event_id}` }));
      tr.append(text("td", e.date_shown || ""), what, text("td", e.location_name || ""), text("td", e.n_outlets),
                text("td", (e.sources || []).join(", ")));
      return tr;
    }));
  }

  function draw(events, total) {
    const day = filterParams().get("date_to") || lastDay;
    clusters.clearLayers();
    markers.clear();
    const located = events.filter(e => e.lat != null && e.lon != null);
    for (const e of located) markers.set(e.event_id, eventMarker(e));
    clusters.addLayers([...markers.values()]);
    drawControl(day, filterParams().get("date_from"));
    notice(events, day);
    drawList(events);
    const cut = total > events.length ? ` (the first ${events.length} of ${total} by date: narrow the window)` : "";
    document.getElementById("count").textContent =
      `${total} event${total === 1 ? "" : "s"} in this window, ${located.length} on the map${cut}; ` +
      `control as of ${day || "the last report"}.`;
    document.body.dataset.markers = String(located.length);
    document.body.dataset.ready = "1";
  }

  async function refresh(unfiltered = null) {
    document.body.dataset.ready = "";
    const p = filterParams();
    history.replaceState(null, "", p.toString() ? `?${p}` : location.pathname);
    document.getElementById("as-table").href = p.toString() ? `/events?${p}` : "/events";
    p.set("limit", "5000");
    const page = unfiltered && filterParams().toString() === "" ? unfiltered : await getJSON(`/api/events?${p}`);
    draw(page.events, page.total);
  }

  // The frame: the bulk of what there is to show (5th to 95th percentile, widened), so one misplaced
  // far-away event does not shrink the theatre to a dot (it is still drawn, and reachable by panning).
  function frame(points) {
    const located = points.filter(p => p.lat != null && p.lon != null);
    if (!located.length) return L.latLngBounds([[44, 22], [53, 41]]);
    const q = (values, f) => { const v = [...values].sort((a, b) => a - b);
                               return v[(f < 0.5 ? Math.floor : Math.ceil)(f * (v.length - 1))]; };
    const lats = located.map(p => p.lat), lons = located.map(p => p.lon);
    return L.latLngBounds([[q(lats, 0.05), q(lons, 0.05)], [q(lats, 0.95), q(lons, 0.95)]]).pad(0.25);
  }

  async function basemap(bounds) {
    const around = bounds.pad(2);  // enough to pan around the theatre
    const p = new URLSearchParams({
      west: Math.max(around.getWest(), -180), south: Math.max(around.getSouth(), -90),
      east: Math.min(around.getEast(), 180), north: Math.min(around.getNorth(), 90) });
    const shapes = await getJSON(`/api/basemap?${p}`);
    for (const c of shapes.countries) {
      L.polygon(c.rings.map(ring => ring.map(([lon, lat]) => [lat, lon])),
                { pane: "basemap", className: "country", interactive: false }).addTo(map);
      if (c.label_at) {
        L.marker(c.label_at, { pane: "basemap", interactive: false, keyboard: false,
                               icon: L.divIcon({ className: "country-label", html: c.name.toUpperCase(),
                                                 iconSize: null }) }).addTo(map);
      }
    }
    L.polyline(shapes.admin1.map(line => line.map(([lon, lat]) => [lat, lon])),
               { pane: "basemap", className: "admin1", interactive: false }).addTo(map);
  }

  // The legend's swatches take the colours the map uses (set here: the CSP allows no style attribute).
  function legend() {
    for (const [id, colours, shape] of [["type-keys", TYPE_COLOURS, "dot"], ["holder-keys", HOLDER_COLOURS, "flag"]]) {
      const list = document.getElementById(id);
      for (const [name, colour] of Object.entries(colours)) {
        const swatch = text("span", null, { class: shape, "aria-hidden": "true" });
        swatch.style.background = colour;
        const item = text("li");
        const label = shape !== "flag" ? name : name === "contested" ? "contested" : `held by ${name}`;
        item.append(swatch, document.createTextNode(label));
        list.appendChild(item);
      }
    }
  }

  async function init() {
    legend();
    const facets = await getJSON("/api/facets");
    fill(form.elements.source, facets.sources.map(s => [s, s]));
    fill(form.elements.story, facets.stories.map(s => [s.story_id, s.label]));
    fill(form.elements.admin1, (facets.admin_areas || []).map(a => [a, a]));  // an older app has none
    fill(document.getElementById("actors"), (facets.actors || []).map(a => [a, a]));
    const dates = facets.dates;
    lastDay = dates.length ? dates[dates.length - 1] : null;
    for (const name of ["date_from", "date_to"]) {
      if (dates.length) { form.elements[name].min = dates[0]; form.elements[name].max = lastDay; }
    }
    for (const [k, v] of new URLSearchParams(location.search)) if (form.elements[k]) form.elements[k].value = v;
    const more = document.getElementById("more-filters");  // open when the URL sets one of its filters
    more.open = [...more.querySelectorAll("[name]")].some(field => field.value);
    control = (await getJSON("/api/control")).changes;
    const everything = await getJSON("/api/events?limit=5000");  // the frame holds them all, whatever the filter
    const bounds = frame(everything.events.concat(control));
    map.fitBounds(bounds, { maxZoom: 8 });  // a few nearby events still show the region around them
    await basemap(bounds).catch(err => console.warn(`basemap: ${err}`));  // the map works without it
    form.addEventListener("change", () => refresh());
    form.addEventListener("submit", e => { e.preventDefault(); refresh(); });
    form.addEventListener("reset", () => setTimeout(refresh));  // after the form has cleared
    for (const button of form.querySelectorAll("[data-days]")) {  // a window ending on the last day reported
      button.addEventListener("click", () => {
        const days = Number(button.dataset.days), end = lastDay && new Date(`${lastDay}T00:00:00Z`);
        form.elements.date_to.value = days && end ? lastDay : "";
        form.elements.date_from.value = days && end
          ? new Date(end.getTime() - (days - 1) * 86400000).toISOString().slice(0, 10) : "";
        refresh();
      });
    }
    const focus = Number(new URLSearchParams(location.search).get("event"));  // from an event's page
    await refresh(everything);  // (the URL then keeps the filters only)
    if (markers.has(focus)) {
      await show(clusters, markers.get(focus));
      markers.get(focus).openPopup();
    }
  }

  // For tests: bring an event's marker or a flag into view (zooming or spreading out its cluster).
  const show = (group, marker) => new Promise(resolve => {
    if (!marker) { resolve(false); return; }
    group.zoomToShowLayer(marker, () => {  // then clear of the map's controls in its corners
      map.panInside(marker.getLatLng(), { padding: [60, 60], animate: false });
      resolve(true);
    });
  });
  window.wirewatch = {
    map, clusters, markers, flags,
    reveal: id => show(clusters, markers.get(id)),
    // events spread out around the same settlement would stand over its flag: gather them first
    revealFlag: place => { clusters.unspiderfy(); return show(controlLayer, flags.get(place)); },
  };

  init().catch(err => {
    document.body.dataset.error = String(err);
    document.getElementById("count").textContent = `Could not load events: ${err}`;
  });
})();
