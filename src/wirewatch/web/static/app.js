// wirewatch map page: events and control on an SVG map with a day slider and filters.
// Plain browser JavaScript, no library and no network beyond this app's own JSON API.
"use strict";
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const TYPE_COLOURS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d",
  };
  const HOLDER_COLOURS = { UA: "#1f5fa8", RU: "#b22222", contested: "#d4a017" };
  const W = 900, H = 520, PAD = 30;
  const form = document.getElementById("filters");
  const svg = document.getElementById("map");
  const slider = document.getElementById("slider");
  const dayOut = document.getElementById("day");
  const tbody = document.querySelector("#list tbody");
  let events = [], control = [], dates = [], project = null, countries = [];

  async function getJSON(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  }

  function filterParams() {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
    return p;
  }

  function fill(select, pairs) {
    for (const [value, label] of pairs) {
      const o = document.createElement("option");
      o.value = value; o.textContent = label;
      select.appendChild(o);
    }
  }

  // Equirectangular projection fitted to everything there is to show, so the frame stays put while filtering.
  function fit(points) {
    const located = points.filter(p => p.lat != null && p.lon != null);
    if (!located.length) return null;
    // Fit the bulk of the points (5th to 95th percentile, widened), so one misplaced far-away
    // event does not shrink the theatre to a dot; points outside the frame are not drawn.
    const q = (values, f) => { const v = [...values].sort((a, b) => a - b);
                               return v[(f < 0.5 ? Math.floor : Math.ceil)(f * (v.length - 1))]; };
    const lats = located.map(p => p.lat), lons = located.map(p => p.lon);
    const [la0, la1, lo0, lo1] = [q(lats, 0.05), q(lats, 0.95), q(lons, 0.05), q(lons, 0.95)];
    const s = la0 - 0.2 * (la1 - la0) - 0.3, n = la1 + 0.2 * (la1 - la0) + 0.3;
    const w = lo0 - 0.2 * (lo1 - lo0) - 0.3, e = lo1 + 0.2 * (lo1 - lo0) + 0.3;
    const kx = Math.cos(((s + n) / 2) * Math.PI / 180);
    const scale = Math.min((W - 2 * PAD) / ((e - w) * kx), (H - 2 * PAD) / (n - s));
    const f = (lat, lon) => [PAD + (lon - w) * kx * scale, H - PAD - (lat - s) * scale];
    f.bounds = { s, n, w, e };
    // What the whole drawing shows (the frame plus the margin the aspect ratio leaves), for the outlines.
    f.visible = { s: s - PAD / scale, n: s + (H - PAD) / scale, w: w - PAD / (kx * scale), e: w + (W - PAD) / (kx * scale) };
    f.inside = (lat, lon) => lat >= s && lat <= n && lon >= w && lon <= e;
    return f;
  }

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text != null) node.textContent = text;
    return node;
  }

  function graticule() {
    const { s, n, w, e } = project.bounds;
    const step = n - s > 8 ? 5 : 1;
    for (let lat = Math.ceil(s / step) * step; lat <= n; lat += step) {
      const [, y] = project(lat, w);
      svg.appendChild(el("line", { x1: 0, x2: W, y1: y, y2: y, class: "grid" }));
      svg.appendChild(el("text", { x: 2, y: y - 2, class: "gridlabel" }, `${lat}°N`));
    }
    for (let lon = Math.ceil(w / step) * step; lon <= e; lon += step) {
      const [x] = project(s, lon);
      svg.appendChild(el("line", { y1: 0, y2: H, x1: x, x2: x, class: "grid" }));
      svg.appendChild(el("text", { x: x + 2, y: H - 4, class: "gridlabel" }, `${lon}°E`));
    }
  }

  // Who holds each settlement on `day`: its latest change on or before that day.
  function holders(day) {
    const latest = new Map();
    for (const c of control) {
      if (c.lat == null || !c.date || (day && c.date > day)) continue;
      const key = c.geonameid ?? c.place;
      const prev = latest.get(key);
      if (!prev || prev.date <= c.date) latest.set(key, c);
    }
    return [...latest.values()];
  }

  function draw() {
    const day = dates[slider.value] || null;
    dayOut.textContent = day || "";
    svg.replaceChildren(el("rect", { width: W, height: H, class: "land" }));
    const shown = events.filter(e => !day || !e.date || e.date <= day);
    document.getElementById("count").textContent = `${shown.length} of ${events.length} events`;
    if (project) {
      for (const c of countries) {  // country outlines under everything else
        const d = c.rings.map(ring => "M" + ring.map(([lon, lat]) => project(lat, lon).map(v => v.toFixed(1))
                                                   .join(",")).join(" L") + " Z").join(" ");
        const shape = el("path", { d, class: "country" });
        shape.appendChild(el("title", {}, c.name));
        svg.appendChild(shape);
      }
      for (const c of countries) {
        if (!c.label_at) continue;
        const [x, y] = project(c.label_at[0], c.label_at[1]);
        svg.appendChild(el("text", { x, y, class: "countrylabel", "text-anchor": "middle" }, c.name.toUpperCase()));
      }
      graticule();
      for (const c of holders(day)) {
        if (!project.inside(c.lat, c.lon)) continue;
        const [x, y] = project(c.lat, c.lon);
        const sq = el("rect", { x: x - 9, y: y - 9, width: 18, height: 18, class: "holder",
                                fill: HOLDER_COLOURS[c.to_side] || "#999", "data-place": c.place });
        sq.appendChild(el("title", {}, `${c.place}: ${c.to_side} since ${c.date} per ${c.sources.join(", ")}`));
        svg.appendChild(sq);
      }
      const labelled = new Set();
      for (const e of [...shown].sort((a, b) => b.n_outlets - a.n_outlets)) {
        if (e.lat == null || !project.inside(e.lat, e.lon)) continue;
        const [x, y] = project(e.lat, e.lon);
        const r = 4 + 2.5 * Math.sqrt(e.n_outlets || 1);
        const a = el("a", { href: `/events/${e.event_id}` });
        const dot = el("circle", { cx: x, cy: y, r, class: "marker", fill: TYPE_COLOURS[e.event_type] || "#333",
                                   "data-id": e.event_id });
        dot.appendChild(el("title", {}, `${e.date} ${e.sub_event_type} in ${e.location_name}: ` +
                                        `${e.n_outlets} outlets, ${e.n_sources} sources`));
        a.appendChild(dot);
        svg.appendChild(a);
        if (e.location_name && !labelled.has(e.location_name)) {
          labelled.add(e.location_name);
          svg.appendChild(el("text", { x: x + r + 2, y: y + 4, class: "placelabel" }, e.location_name));
        }
      }
    }
    tbody.replaceChildren(...shown.map(e => {
      const tr = document.createElement("tr");
      const cells = [e.date || "", "", e.location_name || "", e.n_outlets, (e.sources || []).join(", ")];
      cells.forEach((value, i) => {
        const td = document.createElement("td");
        if (i === 1) {
          const link = document.createElement("a");
          link.href = `/events/${e.event_id}`;
          const toll = e.fatalities_low === e.fatalities_high ? `${e.fatalities_high}` : `${e.fatalities_low}–${e.fatalities_high}`;
          link.textContent = e.sub_event_type + (e.fatalities_high ? `, ${toll} killed` : "");
          td.appendChild(link);
        } else td.textContent = value;
        tr.appendChild(td);
      });
      return tr;
    }));
    document.body.dataset.markers = svg.querySelectorAll("circle.marker").length;
    document.body.dataset.ready = "1";
  }

  async function refresh() {
    const p = filterParams();
    history.replaceState(null, "", p.toString() ? `?${p}` : location.pathname);
    p.set("limit", "5000");
    events = (await getJSON(`/api/events?${p}`)).events;
    draw();
  }

  async function init() {
    const facets = await getJSON("/api/facets");
    fill(form.elements.source, facets.sources.map(s => [s, s]));
    fill(form.elements.story, facets.stories.map(s => [s.story_id, s.label]));
    dates = facets.dates;
    slider.max = Math.max(dates.length - 1, 0);
    slider.value = slider.max;
    for (const [k, v] of new URLSearchParams(location.search)) if (form.elements[k]) form.elements[k].value = v;
    control = (await getJSON("/api/control")).changes;
    const everything = (await getJSON("/api/events?limit=5000")).events;
    project = fit(everything.concat(control));
    if (project) {
      const { s, n, w, e } = project.visible;
      const frame = new URLSearchParams({ west: w, south: s, east: e, north: n });
      countries = (await getJSON(`/api/basemap?${frame}`)).countries;  // best effort: the map works without
    }
    form.addEventListener("change", refresh);
    form.addEventListener("submit", e => { e.preventDefault(); refresh(); });
    slider.addEventListener("input", draw);
    await refresh();
  }

  init().catch(err => {
    document.body.dataset.error = String(err);
    document.getElementById("count").textContent = `Could not load events: ${err}`;
  });
})();
