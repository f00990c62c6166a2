"""The report's summary: what changed in the period, at a glance (control changes, deadliest events, new
areas, disputes, fatalities and who claims them), each line linking to where the report gives the evidence."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from html import escape

from wirewatch.report.data import ReportData, plural, shown_date

NEW_AREA_DAYS = 7  # an area is new when its first event falls in the period's last week


def toll_claims(data: ReportData, e: dict) -> list[tuple[int, str, str | None, int, str]]:
    """Each death toll given for the event: (killed, who says so, their side, article, basis), largest first.
    From the store's toll history when it has one (basis ``enemy losses``: a party's figure of its enemy's
    dead, a claim never counted), else from the reports (who: the speaker, else the outlet)."""
    seen: dict[tuple[int, str], tuple[int, str, str | None, int, str]] = {}
    for t in e.get("tolls") or []:
        who = t["claimed_by"] or data.articles.get(t["article_id"], {}).get("outlet", "an outlet")
        seen.setdefault((t["value"], who), (t["value"], who, t["claimant_side"], t["article_id"], t["basis"]))
    for r in [] if seen else e["reports"]:
        if r["fatalities"]:
            who = r["speaker"] or data.articles.get(r["article_id"], {}).get("outlet", "an outlet")
            seen.setdefault((r["fatalities"], who), (r["fatalities"], who, r["side"], r["article_id"], "reported"))
    return sorted(seen.values(), key=lambda t: (-t[0], t[1]))


def killed(e: dict) -> int:
    """The event's death toll as counted (ACLED's conservative figure), 0 when none."""
    return e.get("fatalities") or e["fatalities_low"] or 0


def _link(e: dict, text: str) -> str:
    return f'<a href="#e{e["event_id"]}">{escape(text)}</a>'


def _where(e: dict) -> str:
    return f'{e["sub_event_type"]} in {e["location_name"] or "an unknown place"}, {shown_date(e)}'


def glance(data: ReportData, first: dt.date, last: dt.date) -> str:
    events, control = data.events, data.control
    contradictions = [c for c in data.comparisons if c["verdict"] == "contradicts"]
    outlets = len({a["outlet"] for a in data.articles.values()})
    kpis = "".join(f'<span class="kpi"><b>{n}</b>{label}</span>' for n, label in (
        (len(events), "events"), (sum(1 for e in events if e["n_outlets"] > 1), "corroborated by 2+ outlets"),
        (sum(killed(e) for e in events), "killed (conservative count)"),
        (len(control), "control changes"), (len(contradictions), "contradictions")))
    lines = [_control_line(control), _deadliest_line(events), _new_areas_line(events, last),
             _disputes_line(data, contradictions)]
    return (f'<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">At a glance</h2>'
            f'<p class="muted">{plural(len(data.articles), "article")} from {plural(outlets, "outlet")}, '
            f"{first:%d %b %Y} to {last:%d %b %Y}. Built from the articles alone; every line below links to "
            f'its evidence.</p><div class="kpis">{kpis}</div><ul>{"".join(f"<li>{x}</li>" for x in lines)}</ul>'
            f"{_fatalities_table(data)}</section>")


def newest_control(control: list[dict], limit: int = 6
                   ) -> tuple[list[tuple[str, str | None, list[dict]]], int]:
    """The newest control changes grouped by settlement and day, newest first: one town's capture claimed by
    one side and the fight said to go on by the other are one line ("Kurakhove, 6 Jan: ... ; ..."). Also the
    number of changes left out."""
    days: dict[tuple[str, str | None], list[dict]] = {}
    for c in sorted(control, key=lambda c: (c["date"] is not None, str(c["date"])), reverse=True):
        key = (c["place"], str(c["date"]) if c["date"] else None)
        if key in days or len(days) < limit:
            days.setdefault(key, []).append(c)
    shown = sum(len(cs) for cs in days.values())
    return [(place, day, cs) for (place, day), cs in days.items()], len(control) - shown


def change_status(c: dict, quote: Callable[[str], str], arrow: str) -> str:
    """A change and what backs it: "contested -> RU (disputed; per Russia)", its words through ``quote``."""
    status = c.get("status") or ("disputed" if c["disputed"] else "claimed")
    per = "; per " + ", ".join(c["sources"]) if c["sources"] else ""
    return f'{quote(c["from_side"] or "?")} {arrow} {quote(c["to_side"])} ({quote(status + per)})'


def _control_line(control: list[dict]) -> str:
    if not control:
        return "<b>Control</b>: no settlement reported changing hands."
    latest, left = newest_control(control)
    items = [f'<b>{escape(place)}</b>, {day or "undated"}: '
             + "; ".join(change_status(c, escape, "&rarr;") for c in cs) for place, day, cs in latest]
    more = f"<li>and {left} more</li>" if left else ""
    return (f'<b>Control</b> ({plural(len(control), "change")}, newest first; <a href="#control">timeline</a>):'
            f'<ul>{"".join(f"<li>{x}</li>" for x in items)}{more}</ul>')


def _deadliest_line(events: list[dict]) -> str:
    deadly = sorted((e for e in events if e["fatalities_high"]), key=lambda e: (-e["fatalities_high"], e["event_id"]))
    if not deadly:
        return "<b>Deadliest:</b> no event with a reported death toll."
    items = []
    for e in deadly[:3]:
        low, high = e["fatalities_low"], e["fatalities_high"]
        toll = f"{low}" if low == high else f"{low}-{high}"
        items.append(f"<li>{toll} killed: {_link(e, _where(e))}</li>")
    return f'<b>Deadliest:</b><ul>{"".join(items)}</ul>'


def _new_areas_line(events: list[dict], last: dt.date) -> str:
    first_seen: dict[str, tuple[dt.date, dict]] = {}
    for e in events:
        if e["date"] and e["location_name"]:
            if e["location_name"] not in first_seen or e["date"] < first_seen[e["location_name"]][0]:
                first_seen[e["location_name"]] = (e["date"], e)
    cut = last - dt.timedelta(days=NEW_AREA_DAYS)
    new = sorted(((d, e) for d, e in first_seen.values() if d > cut), key=lambda t: (t[0], t[1]["event_id"]))
    if not new:
        return f"<b>New areas:</b> none in the last {NEW_AREA_DAYS} days; every place with events there had some before."
    return (f"<b>New areas</b> (first events in the last {NEW_AREA_DAYS} days): "
            + "; ".join(_link(e, f'{e["location_name"]} ({d:%d %b})') for d, e in new) + ".")


def _disputes_line(data: ReportData, contradictions: list[dict]) -> str:
    disputed = [c for c in data.control if (c.get("status") or ("disputed" if c["disputed"] else "")) == "disputed"]
    if not contradictions and not disputed:
        return "<b>Disputes:</b> no contradictory reports found."
    by_event: dict[int | None, list[dict]] = defaultdict(list)
    for c in contradictions:
        by_event[c["event_id"]].append(c)
    events = {e["event_id"]: e for e in data.events}
    items = [f'{_link(events[i], _where(events[i]))}: {", ".join(sorted({c["kind"].replace("_", " ") for c in cs}))}'
             for i, cs in by_event.items() if i in events][:4]
    control = (f'; {plural(len(disputed), "disputed control change")} ({", ".join(escape(c["place"]) for c in disputed)})'
               if disputed else "")
    return (f"<b>Disputes:</b> {plural(len(contradictions), 'contradiction')} in "
            f"{plural(len(by_event), 'event')}{': ' + '; '.join(items) if items else ''}{control} "
            '(<a href="#disputes">all</a>).')


def _fatalities_table(data: ReportData) -> str:
    """Deaths by who claims them: for each claimant, the sum over events of the largest toll they gave;
    a party's figures of its enemy's dead apart, as the claims they are."""
    per_claimant: dict[tuple[str, str | None, bool], dict[int, int]] = defaultdict(dict)
    for e in data.events:
        for n, who, side, _, basis in toll_claims(data, e):
            tolls = per_claimant[(who, side, basis == "enemy losses")]
            tolls[e["event_id"]] = max(tolls.get(e["event_id"], 0), n)
    if not per_claimant:
        return ""
    rows = sorted(per_claimant.items(), key=lambda kv: (kv[0][2], -sum(kv[1].values()), kv[0][0]))
    body = "".join(f'<tr><td>{escape(who)}{f" <span class=side-{side}>({side})</span>" if side else ""}</td>'
                   f'<td>{"enemy losses, a claim not counted" if enemy else "reported"}</td>'
                   f"<td>{sum(tolls.values())}</td><td>{len(tolls)}</td></tr>"
                   for (who, side, enemy), tolls in rows[:10])
    total = sum(killed(e) for e in data.events)
    return ('<div class="scroll"><table><caption>Killed, by who claims it</caption><tr><th>Claimed by</th>'
            f"<th>Kind of figure</th><th>Killed</th><th>Events</th></tr>{body}</table></div><p class='muted'>Each "
            "claimant's largest figure per event, summed; claimants overlap. Counted once per event (the lowest "
            f"independent or victim-side figure of the latest day, as ACLED does): {total} killed.</p>")
