"""The situation report as one self-contained HTML page: inline CSS and SVG, no scripts, no network.

At a glance first (what changed in the period), then the key developments ranked by importance, each event
once with its corroboration, tolls (and who claims them) and contradictions beside it; then the charts, the
map, control, and the reference sections (claims, places, sources), folded so the page stays short.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape

from wirewatch.outputs import link_url
from wirewatch.report import charts
from wirewatch.report.data import ReportData, importance, period, place_ref, plural, shown_date
from wirewatch.report.glance import glance, toll_claims
from wirewatch.report.svg import COLOURS, side_styles, svg_map

KEY_EVENTS = 10  # shown in full; the rest are one line each
OTHER_EVENTS = 300  # lines at most: a bigger store is read in the web app or an export

CSS = """
*,*::before,*::after{box-sizing:border-box}
body{font:16px/1.5 Georgia,serif;max-width:1040px;margin:1.5em auto;padding:0 1em;color:#222;overflow-wrap:anywhere}
h1,h2,h3,nav,summary,.kpi,table{font-family:Helvetica,Arial,sans-serif}h2{border-bottom:2px solid #222;margin-top:1.6em}
h3{margin:.2em 0;font-size:17px}a{color:#1a56a8}nav{display:flex;flex-wrap:wrap;gap:0 .2em}
nav a{display:inline-block;padding:.2em .5em;min-height:24px;font-size:14px}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;
vertical-align:top}th{background:#f0f0f0}.scroll{overflow-x:auto;max-width:100%}
svg{max-width:100%;height:auto}.map{width:100%;border:1px solid #ccc}.grid{stroke:#ccc;stroke-width:.5}
.gridlabel,.legend{font:10px sans-serif;fill:#555}.placelabel{font:11px sans-serif;fill:#111}
.charts{display:flex;flex-wrap:wrap;gap:1em}.charts>*{flex:1 1 300px;min-width:0}
.side-THIRD{color:#555}.muted{color:#595959;font-size:14px}
.badge{display:inline-block;padding:0 6px;border-radius:8px;background:#eee;font:13px sans-serif}
.event{border-top:1px solid #ccc;padding:.5em 0}.event .rank{font:bold 14px sans-serif;color:#595959;margin-right:.4em}
.contra{background:#fff4f4;border-left:4px solid #b22222;padding:.3em .8em;margin:.4em 0}.agree{background:#f3faf3;
border-left:4px solid #2e8b57;padding:.3em .8em;margin:.4em 0}blockquote{margin:.3em 0 .3em .6em;padding-left:.6em;
border-left:3px solid #ccc}.kpis{display:flex;flex-wrap:wrap;gap:.3em 1.6em;margin:.4em 0}.kpi b{display:block;
font-size:26px}#summary ul{padding-left:1.2em}#summary li{margin:.3em 0}details{margin:.6em 0}
summary{cursor:pointer;font-size:18px;font-weight:bold;padding:.2em 0;min-height:24px}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em}
.compact td{padding:2px 4px;white-space:normal}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:0 1.2em;font-size:15px}
.pair blockquote{margin:.2em 0}.event blockquote{margin:.3em 0}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5em 1em}.skip:focus{left:0}
@media print{svg{break-inside:avoid}nav{display:none}details{display:block}}
"""


def cite(data: ReportData, article_id: int) -> str:
    a = data.articles.get(article_id)
    if a is None:
        return f"[article {article_id}]"
    label = escape(f'{a["outlet"]}, {a["published"] or "undated"}')
    return f'<a href="#a{article_id}">{label}</a>'


def _corroboration(e: dict) -> str:
    sides = " ".join(f'<span class="side-{s}">{s}</span>' for s in e["sides"])
    return (f'<span class="badge" title="independent outlets">{plural(e["n_outlets"], "outlet")}</span> '
            f'<span class="badge" title="independent original sources">{plural(e["n_sources"], "source")}</span> '
            f'<span class="badge">{plural(e["n_reports"], "report")}</span> {sides}')


def what(e: dict) -> str:
    colour = COLOURS.get(e["event_type"], "#333")
    toll = ""
    if e["fatalities_high"]:
        low, high = e["fatalities_low"], e["fatalities_high"]
        toll = f", {low} killed" if low == high else f", {low}-{high} killed (reports differ)"
    return (f'<span class="swatch" style="background:{colour}"></span>{escape(e["sub_event_type"])} in '
            f'{escape(e["location_name"] or "an unknown place")}{toll}')


def _tolls(data: ReportData, e: dict) -> str:
    claims = toll_claims(data, e)
    if not claims:
        return ""
    parts = [f'{n} killed according to {escape(who)}'
             + (f' <span class="side-{side}">({side})</span>' if side else "")
             + (" as enemy losses (a claim, not counted)" if basis == "enemy losses" else "")
             + f" ({cite(data, article)})" for n, who, side, article, basis in claims]
    return f'<p class="muted">Tolls: {"; ".join(parts)}.</p>'


def _statement(data: ReportData, c: dict, side: str) -> str:
    who = escape(c[f"{side}_source"] or "?")
    party = c[f"{side}_side"]
    tag = f' <span class="side-{party}">({party})</span>' if party else ""
    return (f'<b>{escape(c[f"{side}_value"] or "")}</b> according to {who}{tag}: '
            f'<blockquote>{escape(c[f"{side}_text"] or "")}</blockquote>{cite(data, c[f"{side}_article_id"])}')


def _contradiction(data: ReportData, c: dict) -> str:
    return (f'<div class="contra"><b>Contradiction, {escape(c["kind"].replace("_", " "))}</b>'
            f'{": " + escape(c["note"]) if c["note"] else ""}<div class="pair"><div>{_statement(data, c, "a")}</div>'
            f'<div>{_statement(data, c, "b")}</div></div></div>')


def _event_card(data: ReportData, e: dict, rank: int, comparisons: list[dict]) -> str:
    cites = "; ".join(dict.fromkeys(cite(data, r["article_id"]) for r in e["reports"]))
    sources = escape(", ".join(e["sources"]) or "no named source")
    contra = "".join(_contradiction(data, c) for c in comparisons if c["verdict"] == "contradicts")
    agree = "".join(f'<div class="agree">Consistent: {escape(c["subject"])} ({escape(c["note"] or "")})</div>'
                    for c in comparisons if c["verdict"] == "agrees")
    return (f'<div class="event" id="e{e["event_id"]}"><h3><span class="rank">{rank}.</span>{what(e)}, '
            f'{shown_date(e)}</h3><div>{_corroboration(e)} <span class="muted">{sources}</span></div>'
            f'{_tolls(data, e)}<blockquote>{escape(e["evidence_text"] or "")}</blockquote>'
            f'<div class="muted">Reported by {cites}</div>{contra}{agree}</div>')


def render(data: ReportData) -> str:
    first, last = period(data)
    ranked = sorted(data.events, key=importance)
    by_event: dict[int, list[dict]] = {}
    for c in data.comparisons:
        if c["event_id"] is not None:
            by_event.setdefault(c["event_id"], []).append(c)
    body = [
        "<a class='skip' href='#summary'>Skip to the summary</a><main>",
        "<h1>Situation report</h1>",
        "<nav aria-label='Sections'>" + "".join(f'<a href="#{k}">{v}</a>' for k, v in (
            ("summary", "At a glance"), ("key", "Key developments"), ("others", "Other events"),
            ("charts", "Charts"), ("map", "Map"), ("control", "Control"), ("disputes", "Disputes"),
            ("claims", "Claims"), ("places", "Places"), ("sources", "Sources"))) + "</nav>",
        glance(data, first, last),
        '<h2 id="key">Key developments</h2><p class="muted">Ranked by importance (independent outlets, sources, '
        "deaths, territory), not by date; each event once, with its corroboration and any contradiction.</p>",
    ]
    body += [_event_card(data, e, i, by_event.get(e["event_id"], [])) for i, e in enumerate(ranked[:KEY_EVENTS], 1)]
    body += _other_events(data, ranked[KEY_EVENTS:], by_event)
    body += _charts(data, first, last)
    body += _map(data)
    body += _control(data, first, last)
    body += _disputes(data)
    body += _claims(data)
    body += _places_and_sources(data)
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>wirewatch situation report</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<style>{CSS}{side_styles(data.profile)}</style></head><body>"
            + "\n".join(body) + f"<p class='muted'>Report built {dt.date.today()}.</p></main></body></html>")


def _other_events(data: ReportData, events: list[dict], by_event: dict[int, list[dict]]) -> list[str]:
    out = ['<h2 id="others">Other events</h2>']
    if not events:
        return out + ["<p>None: every event is among the key developments.</p>"]
    out.append('<p class="muted">By date, one line each: outlets are independent outlets.</p><div class="scroll">'
               '<table class="compact"><tr><th>Date</th><th>What</th><th>Outlets</th><th>Reported by</th></tr>')
    shown = sorted(sorted(events, key=importance)[:OTHER_EVENTS],
                   key=lambda e: (e["date"] is None, str(e["date"]), e["event_id"]))
    for e in shown:
        disputed = sum(c["verdict"] == "contradicts" for c in by_event.get(e["event_id"], []))
        flag = f' <span class="badge">{plural(disputed, "contradiction")}</span>' if disputed else ""
        cites = list(dict.fromkeys(cite(data, r["article_id"]) for r in e["reports"]))
        more = f" and {len(cites) - 1} more" if len(cites) > 1 else ""
        out.append(f'<tr id="e{e["event_id"]}"><td>{shown_date(e)}</td><td>{what(e)}{flag}</td>'
                   f'<td>{e["n_outlets"]}</td><td>{cites[0] if cites else ""}{more}</td></tr>')
    left = len(events) - len(shown)
    note = (f"<p class='muted'>And {plural(left, 'less important event')}: the web app and the exports "
            "(wirewatch export) have them all.</p>" if left else "")
    return out + ["</table></div>" + note]


def _charts(data: ReportData, first: dt.date, last: dt.date) -> list[str]:
    spread = Counter(min(e["n_outlets"], 5) for e in data.events)
    outlets = [(f'{n}{"+" if n == 5 else ""} outlet{"s" * (n != 1)}', spread[n], "#34495e") for n in sorted(spread)]
    sides = Counter(s for e in data.events for s in e["sides"])
    by_side = [(f"asserted by {s}", n, data.profile.colour(s)) for s, n in sides.most_common()]
    return ['<h2 id="charts">Events over the period</h2>', charts.timeline(data.events, first, last),
            '<div class="charts">', charts.bars(outlets, "events", "Events by independent outlets"),
            charts.bars(by_side, "events", "Events by the side asserting them"), "</div>",
            "<p class='muted'>Merged events, not reports. Independent outlets: wire copies and an outlet's own "
            "follow-ups count once.</p>"]


def _map(data: ReportData) -> list[str]:
    points = [{"lat": e["lat"], "lon": e["lon"], "label": e["location_name"], "kind": e["event_type"],
               "size": e["n_outlets"], "title": f'{shown_date(e)} {e["sub_event_type"]} in {e["location_name"]} '
                                                 f'({plural(e["n_outlets"], "outlet")})'} for e in data.events if e["lat"] is not None]
    points += [{"lat": c["lat"], "lon": c["lon"], "label": c["place"], "shape": "triangle",
                "title": f'{c["date"]}: {c["change"]} in {c["place"]}'} for c in data.control if c["lat"] is not None]
    unplaced = [e for e in data.events if e["lat"] is None] + [c for c in data.control if c["lat"] is None]
    note = (f" Not drawn for want of coordinates: {len(unplaced)} events or control changes." if unplaced else "")
    return ['<h2 id="map">Map</h2>', svg_map(points),
            f"<p class='muted'>Circles: events, sized by independent outlets. Triangles: control changes. Lines: "
            f"country borders (countryinfo data) and, dashed, first-level areas (Natural Earth).{note}</p>"]


def _control(data: ReportData, first: dt.date, last: dt.date) -> list[str]:
    out = ['<h2 id="control">Territorial control</h2>']
    if not data.control:
        return out + ["<p>No control changes reported.</p>"]
    out.append(charts.control(data.control, first, last, data.profile.colour))
    out.append(f"<details><summary>Every change with its evidence ({len(data.control)})</summary>"
               '<div class="scroll"><table><tr><th>Place</th><th>Date</th><th>Change</th><th>Until</th>'
               "<th>Claimed by</th><th>Evidence</th></tr>")
    for c in data.control:
        obs = "; ".join(dict.fromkeys(cite(data, o["article_id"]) for o in c["observations"]))
        status = c.get("status") or ("disputed" if c["disputed"] else "")
        flag = f' <span class="badge">{escape(status)}</span>' if status else ""
        out.append(f'<tr><td>{escape(c["place"])}</td><td>{c["date"] or ""}</td><td>'
                   f'<span class="side-{c["from_side"]}">{c["from_side"] or "?"}</span> &rarr; '
                   f'<span class="side-{c["to_side"]}">{c["to_side"]}</span>{flag}</td><td>{c["valid_until"] or ""}'
                   f'</td><td>{escape(", ".join(c["sources"]))}</td><td><blockquote>{escape(c["evidence_text"])}'
                   f"</blockquote>{obs}</td></tr>")
    return out + ["</table></div></details>"]


def _disputes(data: ReportData) -> list[str]:
    """Contradictions not tied to one event (those are shown beside their event), and checked agreements."""
    out = ['<h2 id="disputes">Disputes</h2>']
    contra = [c for c in data.comparisons if c["verdict"] == "contradicts"]
    loose = [c for c in contra if c["event_id"] is None]
    out.append(f"<p>{plural(len(contra), 'contradiction')} found; {len(contra) - len(loose)} shown beside their "
               "event above.</p>")
    for c in loose:
        out.append(f'<h3>{escape(c["subject"])}</h3>{_contradiction(data, c)}')
    agree = [c for c in data.comparisons if c["verdict"] == "agrees"]
    if agree:
        out.append(f"<details><summary>Checked and consistent ({len(agree)})</summary><p class='muted'>Figures "
                   "stated differently (other units, rounding) that agree.</p>")
        out += [f'<div class="agree"><b>{escape(c["subject"])}</b>: {escape(c["note"] or "")}<br>'
                f'{cite(data, c["a_article_id"])} and {cite(data, c["b_article_id"])}</div>' for c in agree]
        out.append("</details>")
    return out


def _claims(data: ReportData) -> list[str]:
    by_side: dict[str, dict[str, list[dict]]] = {}
    for c in data.claims:
        by_side.setdefault(c["side"] or "unknown", {}).setdefault(c["resolved"] or "unnamed source", []).append(c)
    bars = [(side, sum(len(v) for v in speakers.values()), data.profile.colour(side))
            for side, speakers in sorted(by_side.items(), key=lambda kv: -sum(len(v) for v in kv[1].values()))]
    out = ['<h2 id="claims">Claims by side and speaker</h2>', charts.bars(bars, "claims", "Claims by side"),
           f"<details><summary>Who said what ({plural(len(data.claims), 'claim')})</summary>"]
    for side in sorted(by_side):
        out.append(f'<h3 class="side-{side}">{escape(side)}</h3>')
        for speaker, said in sorted(by_side[side].items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"<p><b>{escape(speaker)}</b> <span class='badge'>{len(said)}</span></p>")
            out += [f"<blockquote>{escape(c['content_text'] or '')} <span class='muted'>({escape(c['cue_text'])}"
                    f"{', ' + escape(c['channel']) if c['channel'] else ''}; {cite(data, c['article_id'])})"
                    "</span></blockquote>" for c in said[:6]]
    return out + ["</details>"]


def _places_and_sources(data: ReportData) -> list[str]:
    out = ['<h2 id="places">Places mentioned</h2><details><summary>Places and their gazetteer entries '
           f'({len(data.places)})</summary><div class="scroll"><table><tr><th>Place</th><th>Gazetteer</th>'
           "<th>Lat, lon</th><th>Mentions</th><th>Articles</th></tr>"]
    out += [f'<tr><td>{escape(p["name"])}</td><td>{place_ref(p["geonameid"])}</td><td>{p["lat"]:.3f}, {p["lon"]:.3f}</td>'
            f'<td>{p["mentions"]}</td><td>{p["articles"]}</td></tr>' for p in data.places[:80]
            if p["lat"] is not None]
    groups: dict[object, list[dict]] = {}
    for a in data.articles.values():
        groups.setdefault(a["syndication_group"] if a["syndication_group"] is not None else ("alone", a["article_id"]),
                          []).append(a)
    copies = [g for g in groups.values() if len(g) > 1]
    out.append('</table></div></details><h2 id="sources">Sources</h2>')
    if copies:
        out.append(f"<p>{sum(len(g) for g in copies)} articles are copies of {len(copies)} wire "
                   f"stor{'y' if len(copies) == 1 else 'ies'}; each set counts as one outlet.</p>")
    out.append(f"<details><summary>Every article cited ({len(data.articles)})</summary><div class='scroll'><table>"
               "<tr><th>#</th><th>Published</th><th>Outlet</th><th>Title</th><th>Same story as</th></tr>")
    for aid, a in data.articles.items():
        title = escape(a["title"] or a["doc_id"])
        url = link_url(a["url"])  # javascript: and data: URLs stay text
        link = f'<a href="{escape(url)}">{title}</a>' if url else title
        group = groups.get(a["syndication_group"], [])
        same = ", ".join(f'<a href="#a{o["article_id"]}">{escape(o["outlet"])}</a>' for o in group if o is not a)
        out.append(f'<tr id="a{aid}"><td>{aid}</td><td>{a["published"] or ""}</td><td>{escape(a["outlet"])}'
                   f'</td><td>{link}</td><td>{same}</td></tr>')
    out.append("</table></div></details>")
    if data.errors:
        out.append("<h2>Documents that could not be read</h2><ul>" + "".join(
            f"<li>{escape(e['doc_id'])}: {escape(e['stage'])}: {escape(e['reason'])}</li>" for e in data.errors)
            + "</ul>")
    return out
