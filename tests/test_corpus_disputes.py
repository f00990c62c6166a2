"""Disputes told in attributed statements: rival tolls of one site at one moment, and a capture the losing
side answers (codebook section 12). Fixtures are short texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.corpus.control import DISPUTED, control_timeline
from wirewatch.corpus.disputes import capture_disputes, casualty_disputes
from wirewatch.corpus.records import ArticleRec, ClaimRec, ControlRec, LocationRec
from wirewatch.profile import load_profile

OPPONENTS = load_profile("russia-ukraine").opponents
DAY = dt.date(2025, 3, 8)


def _articles(published: dt.date = DAY) -> dict[int, ArticleRec]:
    return {i: ArticleRec(i, f"a{i}", f"Outlet {i}", published, None) for i in range(1, 4)}


def _claim(text: str, start: int, speaker: str, side: str | None = None, index: int = 0, aid: int = 1) -> ClaimRec:
    return ClaimRec(aid, index, speaker, side, start, start + len(text), text, "said")


def _site(text: str, name: str, claim_start: int, aid: int = 1, **kw) -> LocationRec:
    at = claim_start + text.index(name)
    return LocationRec(aid, at, at + len(name), name, kw.get("gid"), kw.get("feature"), kw.get("admin1"))


def _toll_pair(first: str, second: str, speakers=("Amina Idris", "Relief Committee")):
    """Two claims of one article, 200 characters apart, each naming the camp they speak of."""
    claims = [_claim(first, 0, speakers[0]), _claim(second, 200, speakers[1], index=1)]
    sites = [_site(first, "Tawila camp", 0), _site(second, "Tawila camp", 200)]
    return casualty_disputes(claims, sites, _articles(), {})


def test_two_sources_giving_rival_tolls_of_one_site_at_one_moment_disagree():
    found = _toll_pair("12 civilians were killed in a raid on the Tawila camp",
                       "31 people died when gunmen stormed the Tawila camp on Friday")
    assert [(c.kind, c.a.value, c.b.value, c.a.source, c.b.source) for c in found] == [
        ("casualties", "12 killed", "31 killed", "Amina Idris", "Relief Committee")]
    assert found[0].a.start == 0 and found[0].b.start == 200


def test_compatible_bounds_a_rising_toll_one_source_and_other_dead_are_no_dispute():
    assert _toll_pair("at least 12 civilians were killed in the raid on the Tawila camp",
                      "31 people died in the Tawila camp") == []
    assert _toll_pair("12 civilians were killed in the raid on the Tawila camp",
                      "the toll in the Tawila camp rose to 31 dead") == []
    assert _toll_pair("12 civilians were killed in the raid on the Tawila camp",
                      "31 people died in the Tawila camp", speakers=("Amina Idris", "Amina Idris")) == []
    assert _toll_pair("3 soldiers were killed guarding the Tawila camp",
                      "31 civilians died in the Tawila camp") == []


def test_a_toll_of_the_attack_is_of_the_one_deadly_happening_its_article_reports():
    first, second = "six people were killed in the blast in Kabul", "the attack killed more than 45 people"
    claims = [_claim(first, 0, "Khalid Zadran"), _claim(second, 200, "Islamic State", index=1)]
    sites = [_site(first, "Kabul", 0)]
    assert casualty_disputes(claims, sites, _articles(), {}) == []  # the scene unknown: no rival yet
    found = casualty_disputes(claims, sites, _articles(), {}, scenes={1: "Kabul"})
    assert [(c.a.value, c.b.value, c.b.source) for c in found] == [("6 killed", "45 killed", "Islamic State")]
    # a toll naming no happening ("the war has killed") is no rival
    war = [claims[0], _claim("the war has killed more than 45,000 people", 200, "Islamic State", index=1)]
    assert casualty_disputes(war, sites, _articles(), {}, scenes={1: "Kabul"}) == []


def test_tolls_of_different_sites_or_of_a_whole_region_are_not_rivals():
    first, second = "12 civilians were killed in the Tawila camp", "31 people died in Kabkabiya"
    claims = [_claim(first, 0, "Amina Idris"), _claim(second, 200, "Relief Committee", index=1)]
    assert casualty_disputes(claims, [_site(first, "Tawila camp", 0), _site(second, "Kabkabiya", 200)],
                             _articles(), {}) == []
    first, second = "12 civilians were killed in North Darfur", "31 people died in North Darfur"
    claims = [_claim(first, 0, "Amina Idris"), _claim(second, 200, "Relief Committee", index=1)]
    region = [_site(first, "North Darfur", 0, feature="ADM1"), _site(second, "North Darfur", 200, feature="ADM1")]
    assert casualty_disputes(claims, region, _articles(), {}) == []


def _gain(place: str = "Zorianka", gid: int = 501) -> ControlRec:
    text = f"Russia's defence ministry said its forces had captured {place}."
    at = text.index(place)
    return ControlRec(1, 0, place, gid, DAY, "RU", "gained", 0, len(text), text,
                      claimed_by="Ministry of Defence of Russia", claimant_side="RU", lat=48.0, lon=37.5,
                      feature_code="PPL", mentions=((at, at + len(place), gid, place, 48.0, 37.5, "PPL"),))


def _answer(text: str, name: str, published: dt.date = DAY, **kw):
    changes = control_timeline([_gain()], _articles(), {}, OPPONENTS)
    claim = _claim(text, 300, "Ukraine's General Staff", "UA", aid=2)
    found = capture_disputes(changes, [claim], [_site(text, name, 300, aid=2, **kw)],
                             {**_articles(), 2: ArticleRec(2, "a2", "Outlet 2", published, None)}, {}, OPPONENTS)
    return found, changes


def test_the_losing_side_saying_the_fight_for_the_place_goes_on_disputes_the_capture():
    found, changes = _answer("fierce battles are still going on in Zorianka", "Zorianka", gid=501, feature="PPL")
    assert [(c.kind, c.a.start, c.b.article_id, c.b.side) for c in found] == [("control", 0, 2, "UA")]
    assert changes[0].status == DISPUTED


@pytest.mark.parametrize("cue,text", [("denied", "Russian claims that its forces had captured Zorianka"),
                                      ("dismissed", "Moscow's claim to have captured Zorianka")])
def test_the_losing_side_denying_the_others_claim_of_the_capture_disputes_it(cue, text):
    changes = control_timeline([_gain()], _articles(), {}, OPPONENTS)
    denial = ClaimRec(2, 0, "Ukraine's General Staff", "UA", 300, 300 + len(text), text, cue)
    found = capture_disputes(changes, [denial], [_site(text, "Zorianka", 300, aid=2, gid=501, feature="PPL")],
                             _articles(), {}, OPPONENTS)
    assert [(c.kind, c.b.article_id, c.b.side) for c in found] == [("control", 2, "UA")]
    assert changes[0].status == DISPUTED


def test_fighting_going_on_in_and_around_the_place_disputes_the_capture():
    found, _ = _answer("fighting was continuing in and around Zorianka", "Zorianka", gid=501, feature="PPL")
    assert [(c.kind, c.b.side) for c in found] == [("control", "UA")]


def test_fighting_near_the_place_or_days_later_does_not_dispute_the_capture():
    found, changes = _answer("its units repelled attacks near Zorianka", "Zorianka", gid=501, feature="PPL")
    assert found == [] and changes[0].status != DISPUTED
    found, _ = _answer("fierce battles are still going on in Zorianka", "Zorianka",
                       published=DAY + dt.timedelta(days=9), gid=501, feature="PPL")
    assert found == []
    found, _ = _answer("fierce battles are still going on in Zorianka", "Zorianka",
                       published=DAY - dt.timedelta(days=1), gid=501, feature="PPL")
    assert found == []  # the day before the capture: the fight that led to it


def test_the_attack_on_the_places_region_halted_disputes_the_capture():
    changes = control_timeline([_gain()], _articles(), {}, OPPONENTS)
    halted = "the Russian offensive in the Donetsk area had been halted"
    claim = _claim(halted, 300, "Ukraine's General Staff", "UA", aid=1)
    gained_at = LocationRec(1, 57, 65, "Zorianka", 501, "PPL", "Donetska")
    area = _site(halted, "Donetsk", 300, gid=709717, feature="PPLA", admin1="Donetska")
    assert len(capture_disputes(changes, [claim], [gained_at, area], _articles(), {}, OPPONENTS)) == 1
    other_region = _site(halted, "Donetsk", 300, gid=709717, feature="PPLA", admin1="Kharkivska")
    assert capture_disputes(changes, [claim], [gained_at, other_region], _articles(), {}, OPPONENTS) == []


def test_a_description_with_no_name_takes_no_side_from_other_articles():
    from wirewatch.corpus.control import source_of
    from wirewatch.corpus.resolve import Resolved

    names = {"officials": Resolved(1, "officials", "ORG", "RU"),
             "Russia's defence ministry": Resolved(2, "Russia's defence ministry", "ORG", "RU")}
    assert source_of("officials", None, 3, {}, names) == ("officials", None)
    assert source_of("Russia's defence ministry", None, 1, {}, names) == ("Russia's defence ministry", "RU")


def test_a_village_the_gazetteer_lacks_is_answered_under_its_name_spelt_either_way():
    text = "Russian claims that its forces had captured Mayorsk"
    changes = control_timeline([_gain("Maiorsk", None)], _articles(), {}, OPPONENTS)
    denial = ClaimRec(2, 0, "Ukraine's General Staff", "UA", 300, 300 + len(text), text, "denied")
    found = capture_disputes(changes, [denial], [_site(text, "Mayorsk", 300, aid=2)], _articles(), {}, OPPONENTS)
    assert [(c.kind, c.b.side) for c in found] == [("control", "UA")]
    assert changes[0].status == DISPUTED


def test_the_losing_side_saying_it_still_holds_the_place_disputes_the_capture():
    found, changes = _answer("Zorianka remains under our control", "Zorianka", gid=501, feature="PPL")
    assert [(c.kind, c.b.side) for c in found] == [("control", "UA")] and changes[0].status == DISPUTED
    found, _ = _answer("the people of Zorianka remain in their homes", "Zorianka", gid=501, feature="PPL")
    assert found == []
