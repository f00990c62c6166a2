"""The report at a glance (no browser needed): summary first, each event once with its tolls and their
claimants, charts with legends and a time axis over the whole period, first-level boundaries on the maps."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from corpus_world import load_world
from wirewatch.report import build_report
from wirewatch.report.basemap import admin1_lines
from wirewatch.store import Store


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("report") / "w.duckdb") as store:
        load_world(store)
        events = store.con.execute("SELECT count(*) FROM corpus_events").fetchone()[0]
        return build_report(store), events


def test_the_summary_comes_first_and_says_what_changed(report):
    html = report[0].html
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings[:2] == ["At a glance", "Key developments"]
    summary = html[html.index('id="summary"'):html.index('id="key"')]
    for line in ("Control</b>", "Deadliest:", "New areas", "Disputes:"):
        assert line in summary
    assert "Hrakove" in summary and "Balakliia" in summary  # the change of hands and the deadliest event
    assert "Killed, by who claims it" in summary and "Oleh Synehubov" in summary


def test_each_event_is_shown_once_with_its_tolls_and_contradictions_beside_it(report):
    html, events = report[0].html, report[1]
    assert len(re.findall(r'id="e\d+"', html)) == events  # one place per event, linked to from the summary
    cards = html[html.index('id="key"'):html.index('id="others"')].split('<div class="event"')[1:]
    balakliia = next(card for card in cards if "Balakliia" in card.split("</h3>")[0])
    assert "13 killed according to Oleh Synehubov" in balakliia and "25 killed" in balakliia
    assert 'class="contra"' in balakliia  # the denial, beside the event it denies


def test_charts_have_legends_and_span_the_whole_period(report):
    html = report[0].html
    timeline = html[html.index('<svg class="chart timeline"'):]
    timeline = timeline[:timeline.index("</svg>")]
    assert "Event type" in timeline  # the legend's title
    control = html[html.index('<svg class="chart control"'):]
    control = control[:control.index("</svg>")]
    assert "Held by" in control and "disputed" in control
    # The axis runs to the last day of the period (articles of 15 May), not to the last change (14 May).
    assert "15 May" in control and "16 May" in control


def test_the_report_map_and_the_web_basemap_have_first_level_boundaries(report):
    kharkiv = admin1_lines(35.0, 49.0, 38.0, 51.0)
    assert kharkiv and all(len(line) >= 2 for line in kharkiv)
    assert all(34.0 < lon < 39.0 and 48.0 < lat < 52.0 for line in kharkiv for lon, lat in line[:1] + line[-1:])
    assert admin1_lines(-10.0, -10.0, -9.0, -9.0) == []  # open sea
    assert 'class="admin1"' in report[0].html


def test_markdown_opens_with_the_summary_and_lists_sources(report):
    md = report[0].markdown
    assert md.index("## At a glance") < md.index("## Key developments") < md.index("## Sources")
    assert "13 killed according to Oleh Synehubov" in md
    assert str(dt.date(2022, 5, 14)) in md


def test_a_big_store_lists_its_less_important_events_up_to_a_limit():
    from wirewatch.report.data import ReportData
    from wirewatch.report.html import OTHER_EVENTS, _other_events

    events = [{"event_id": i, "date": dt.date(2022, 5, 1) + dt.timedelta(days=i % 30), "event_type": "Battles",
               "sub_event_type": "Armed clash", "location_name": "Izyum", "fatalities_low": None,
               "fatalities_high": None, "n_outlets": 1 + (i == 7), "n_sources": 1, "family": "Battles", "reports": []}
              for i in range(OTHER_EVENTS + 20)]
    html = "".join(_other_events(ReportData({}, [], events, [], [], [], [], []), events, {}))
    assert html.count("<tr id=") == OTHER_EVENTS and 'id="e7"' in html  # the corroborated one is kept
    assert "And 20 less important events" in html


def test_the_glance_gives_one_line_per_town_and_day_with_each_sides_account():
    from wirewatch.report.glance import _control_line, newest_control

    def change(place, day, before, after, status, source):
        return {"place": place, "date": day, "from_side": before, "to_side": after, "status": status,
                "disputed": status == "disputed", "sources": [source]}

    control = [change("Kurakhove", dt.date(2025, 1, 6), "contested", "RU", "disputed", "Russia"),
               change("Kurakhove", dt.date(2025, 1, 6), "RU", "contested", "contested", "Kyiv Post"),
               change("Kurakhove", dt.date(2024, 12, 21), None, "contested", "contested", "DeepState"),
               change("Sudzha", dt.date(2024, 8, 6), "RU", "UA", "claimed", "Ukraine")]
    latest, left = newest_control(control, limit=2)
    assert [(place, day, len(cs)) for place, day, cs in latest] == [("Kurakhove", "2025-01-06", 2),
                                                                   ("Kurakhove", "2024-12-21", 1)]
    assert left == 1
    line = _control_line(control)
    assert line.count("<b>Kurakhove</b>, 2025-01-06") == 1
    assert ("contested &rarr; RU (disputed; per Russia); RU &rarr; contested (contested; per Kyiv Post)" in line)
