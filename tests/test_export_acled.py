"""ACLED conventions the exporter fills in from what the event says."""

from __future__ import annotations

from wirewatch.exporters.acled import _civilians_targeted, _fill_actor1, _inter, _interaction
from wirewatch.profile import load_profile

PROFILE = load_profile("russia-ukraine")


def _event(sub: str, actor2: str | None, side2: str | None) -> dict:
    return {"sub_event_type": sub, "actor1": None, "actor1_side": None, "actor2": actor2, "actor2_side": side2,
            "country_code": "UA"}


def test_territory_a_government_regains_is_regained_by_its_state_forces():
    e = _event("Government regains territory", "Military Forces of Russia", "RU")
    _fill_actor1(e, PROFILE)
    assert (e["actor1"], e["actor1_side"], e["actor2"]) == ("Military Forces of Ukraine (2019-)", "UA",
                                                            "Military Forces of Russia")
    inter1 = _inter(e["actor1"], e["actor1_side"], "UA", PROFILE)
    inter2 = _inter(e["actor2"], e["actor2_side"], "UA", PROFILE)
    assert (inter1, inter2, _interaction(inter1, inter2)) == (1, 8, 18)


def test_a_lone_second_actor_becomes_the_first():
    e = _event("Shelling/artillery/missile attack", "Military Forces of Russia", "RU")
    _fill_actor1(e, PROFILE)
    assert (e["actor1"], e["actor2"]) == ("Military Forces of Russia", None)
    untouched = _event("Armed clash", None, None)
    _fill_actor1(untouched, PROFILE)
    assert untouched["actor1"] is None


def test_civilians_attacked_by_no_one_named_stay_the_target_of_an_unidentified_armed_group():
    e = _event("Attack", "Civilians (Ukraine)", "CIVILIAN")
    _fill_actor1(e, PROFILE)
    assert (e["actor1"], e["actor2"]) == ("Unidentified Armed Group (Ukraine)", "Civilians (Ukraine)")
    inter1 = _inter(e["actor1"], e["actor1_side"], "UA", PROFILE)
    inter2 = _inter(e["actor2"], e["actor2_side"], "UA", PROFILE)
    assert (inter1, inter2, _interaction(inter1, inter2)) == (3, 7, 37)


def test_civilians_struck_are_targeted_civilians_arrested_are_not():
    struck = {"event_type": "Explosions/Remote violence", "actor2_side": "CIVILIAN"}
    arrested = {"event_type": "Strategic developments", "actor2_side": "CIVILIAN"}
    assert _civilians_targeted(struck) and not _civilians_targeted(arrested)


def test_time_precision_is_the_finest_a_report_gives_unless_reports_name_different_days():
    import datetime as dt

    from wirewatch.exporters.acled import _time_precision

    day = dt.date(2022, 5, 13)
    event = {"date": day, "date_first": day, "date_last": day, "precisions": ["week", "day"]}
    assert _time_precision(event) == 1
    assert _time_precision({**event, "precisions": ["month"]}) == 3
    assert _time_precision({**event, "date_last": dt.date(2022, 5, 14)}) == 2
    assert _time_precision({**event, "date": None}) == ""
