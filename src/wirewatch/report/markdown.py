"""The situation report in Markdown: the same sections as the HTML, for mail, wikis and diffs."""

from __future__ import annotations

from collections import defaultdict

from wirewatch.outputs import markdown_link
from wirewatch.outputs import markdown_text as md
from wirewatch.report.data import ReportData, importance, period, place_ref, plural, shown_date
from wirewatch.report.glance import change_status, newest_control, toll_claims


def _cite(data: ReportData, article_id: int) -> str:
    a = data.articles.get(article_id)
    if a is None:
        return f"[{article_id}]"
    label = md(f'{a["outlet"]}, {a["published"] or "undated"}')
    return markdown_link(label, a["url"]) or f"[{label}]"


def _toll(e: dict) -> str:
    low, high = e["fatalities_low"], e["fatalities_high"]
    return f"{low}" if low == high else f"{low}-{high}"


def _event(data: ReportData, e: dict) -> str:
    toll = ""
    if e["fatalities_high"]:
        low, high = e["fatalities_low"], e["fatalities_high"]
        toll = f", {low} killed" if low == high else f", {low}-{high} killed (reports differ)"
    cites = "; ".join(dict.fromkeys(_cite(data, r["article_id"]) for r in e["reports"]))
    sources = md(", ".join(e["sources"])) or "no named source"
    claims = [f'{n} killed according to {md(who)}' + (" (enemy losses: a claim, not counted)" if basis == "enemy losses"
              else "") for n, who, _, _, basis in toll_claims(data, e)]
    toll += f' ({"; ".join(claims)})' if claims else ""
    evidence = md(e["evidence_text"] or "")
    return (f'- **{shown_date(e)}** {md(e["sub_event_type"])} in {md(e["location_name"] or "unknown place")}'
            f'{toll}: {plural(e["n_outlets"], "outlet")}, {plural(e["n_sources"], "source")} ({sources}). '
            f'"{evidence}" {cites}')


def render(data: ReportData) -> str:
    contra = [c for c in data.comparisons if c["verdict"] == "contradicts"]
    first, last = period(data)
    deadly = sorted((e for e in data.events if e["fatalities_high"]), key=lambda e: (-e["fatalities_high"], e["event_id"]))
    lines = ["# Situation report", "", "## At a glance", "",
             f"{len(data.articles)} articles, {first} to {last}; {sum(e['n_reports'] for e in data.events)} event "
             f"reports merged into {len(data.events)} events, {sum(e['n_outlets'] > 1 for e in data.events)} "
             f"corroborated by 2+ outlets; {len(contra)} contradictions; {len(data.control)} control changes.", ""]
    latest, _ = newest_control(data.control)
    lines += [f'- Control: {md(place)} on {day or "an unknown day"}: '
              + "; ".join(change_status(c, md, "->") for c in cs) for place, day, cs in latest]
    lines += [f'- Deadliest: {md(e["sub_event_type"])} in {md(e["location_name"] or "unknown place")}, '
              f'{shown_date(e)}: {_toll(e)} killed' for e in deadly[:3]]
    lines += ["", "## Key developments", "", "Ranked by importance, not date; each event once.", ""]
    lines += [_event(data, e) for e in sorted(data.events, key=importance)]
    lines += ["", "## Contradictions", ""]
    for c in contra:
        lines.append(f'- **{c["kind"].replace("_", " ")}: {md(c["subject"])}**: {md(c["a_value"])} according to '
                     f'{md(c["a_source"])} ({_cite(data, c["a_article_id"])}: "{md(c["a_text"])}") vs '
                     f'{md(c["b_value"])} according to {md(c["b_source"])} ({_cite(data, c["b_article_id"])}: '
                     f'"{md(c["b_text"])}")')
    if not contra:
        lines.append("None found.")
    agree = [c for c in data.comparisons if c["verdict"] == "agrees"]
    if agree:
        lines += ["", "Checked and consistent:", ""]
        lines += [f'- {md(c["subject"])}: {md(c["note"])} ({_cite(data, c["a_article_id"])}, '
                  f'{_cite(data, c["b_article_id"])})' for c in agree]
    lines += ["", "## Territorial control", ""]
    for c in data.control:
        flag = " (disputed)" if c["disputed"] else ""
        cites = "; ".join(dict.fromkeys(_cite(data, o["article_id"]) for o in c["observations"]))
        lines.append(f'- **{md(c["place"])}** {c["date"]}: {c["from_side"] or "?"} -> {c["to_side"]}{flag}, until '
                     f'{c["valid_until"] or "now"}; claimed by {md(", ".join(c["sources"]))}. {cites}')
    if not data.control:
        lines.append("None found.")
    lines += ["", "## Claims by side and speaker", ""]
    by_side: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for c in data.claims:
        by_side[c["side"] or "unknown"][c["resolved"] or "unnamed source"].append(c)
    for side in sorted(by_side):
        lines += [f"### {side}", ""]
        for speaker, said in sorted(by_side[side].items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines += [f'- **{md(speaker)}**: "{md(c["content_text"] or "")}" '
                      f'{_cite(data, c["article_id"])}' for c in said[:4]]
        lines.append("")
    lines += ["## Places mentioned", ""]
    lines += [f'- {md(p["name"])} ({place_ref(p["geonameid"])}): {plural(p["mentions"], "mention")} in '
              f'{plural(p["articles"], "article")}'
              for p in data.places[:60]]
    lines += ["", "## Sources", ""]
    lines += [f'- {_cite(data, aid)}: {md(a["title"] or a["doc_id"])}' for aid, a in data.articles.items()]
    return "\n".join(lines) + "\n"
