"""The report's charts: Vega-Lite specs made with altair, rendered offline to inline SVG by vl-convert.

Every chart has a legend where colour means something, and a time axis that spans the whole period of the
report (not only the days something happened on), so a chart never suggests the story stops early.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from html import escape

from wirewatch.report.svg import COLOURS

WIDTH = 640  # drawing units; the SVG scales down to the page (CSS max-width: 100%)


def render(chart, label: str, name: str) -> str:
    """The chart as an inline SVG of class ``chart name`` with an accessible name (``label``)."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart.to_json())
    for attribute in (' class="marks"', ' xmlns="http://www.w3.org/2000/svg"',  # HTML needs no namespaces
                      ' xmlns:xlink="http://www.w3.org/1999/xlink"'):
        svg = svg.replace(attribute, "", 1)
    # vl-convert writes a fixed-size drawing with a viewBox: the page's CSS scales it down to fit.
    return svg.replace("<svg ", f'<svg class="chart {name}" role="img" aria-label="{escape(label)}" ', 1)


def _days(first: dt.date, last: dt.date) -> list[str]:
    """The period as the x domain: a day either side, so bars on the first and last day show whole."""
    return [str(first - dt.timedelta(days=1)), str(last + dt.timedelta(days=1))]


def _time_axis(field: str, first: dt.date, last: dt.date):
    """``field`` on a time axis over the whole period, with day ticks (about eight, whole days only)."""
    import altair as alt

    step = max(1, math.ceil(((last - first).days + 2) / 8))
    return alt.X(f"{field}:T", title=None, scale=alt.Scale(domain=_days(first, last)),
                 axis=alt.Axis(format="%d %b", labelOverlap=True, tickCount={"interval": "day", "step": step}))


def timeline(events: list[dict], first: dt.date, last: dt.date) -> str:
    """Events per day, stacked by type."""
    import altair as alt

    # a date known only to the month or week is no day: it is listed with its month, not drawn on its 1st
    rows = [{"day": str(e["date"]), "type": e["event_type"]} for e in events
            if e["date"] and e.get("date_precision") in (None, "day")]
    if not rows:
        return '<p class="empty">No dated events.</p>'
    kinds = [k for k in COLOURS if any(r["type"] == k for r in rows)]
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=_time_axis("day", first, last),
        y=alt.Y("count():Q", title="events", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("type:N", title="Event type", scale=alt.Scale(domain=kinds, range=[COLOURS[k] for k in kinds]),
                        legend=alt.Legend(orient="bottom", columns=2)),
    ).properties(width=WIDTH, height=140)
    return render(chart, "Events per day by type", "timeline")


def control(changes: list[dict], first: dt.date, last: dt.date, colour: Callable[[str], str]) -> str:
    """Who held each settlement over the whole period: one band per place, coloured by holder (``colour``: a
    side's colour)."""
    import altair as alt

    dated = sorted((c for c in changes if c["date"]), key=lambda c: (c["place"], c["date"]))
    if not dated:
        return '<p class="empty">No dated control changes.</p>'
    end = last + dt.timedelta(days=1)
    rows = []
    for c in dated:
        until = c.get("valid_until") or end
        status = c.get("status") or ("disputed" if c.get("disputed") else "claimed")
        rows.append({"place": c["place"], "from": str(c["date"]), "to": str(max(until, c["date"])),
                     "holder": c["to_side"], "status": status, "sources": ", ".join(c["sources"])})
    holders = sorted({r["holder"] for r in rows})
    colours = [colour(h) for h in holders]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("place:N", title=None), x=_time_axis("from", first, last), x2="to:T")
    bands = base.mark_bar(height=16).encode(
        color=alt.Color("holder:N", title="Held by", scale=alt.Scale(domain=holders, range=colours),
                        legend=alt.Legend(orient="bottom")),
        tooltip=["place:N", "holder:N", "status:N", "from:T", "sources:N"],
    ) + base.mark_text(align="left", dx=3, color="white", fontSize=10).encode(text="status:N")  # the status on it
    return render(bands.properties(width=WIDTH - 120, height=22 * len({r["place"] for r in rows})),
                  "Who held each settlement over the period", "control")


def bars(values: list[tuple[str, int, str]], title: str, label: str) -> str:
    """Horizontal bars (label, count, colour) with the count at each bar's end."""
    import altair as alt

    if not values:
        return '<p class="empty">Nothing to plot.</p>'
    rows = [{"name": n, "count": v, "colour": c} for n, v, c in values]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("name:N", title=None, sort=None),
        x=alt.X("count:Q", title=title, axis=alt.Axis(tickMinStep=1)),
    )
    chart = base.mark_bar(height=14).encode(color=alt.Color("colour:N", scale=None, legend=None)) + \
        base.mark_text(align="left", dx=3).encode(text="count:Q")
    return render(chart.properties(width=WIDTH / 2 - 60, height=20 * len(rows)), label, "bars")
