"""Reports of one happening within one article are one event (codebook 2), and only those.

The unit tests build the reports by hand (what the sentence reading would give) so that each
rule is tested on its own; the end-to-end ones run short articles written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.events.event_merge import Notes, merge
from wirewatch.models import Article, DocResult, Event, Location, Span

SUMY = Location("Sumy", 692194, 50.917, 34.799, "city")
KHARKIV = Location("Kharkiv", 706483, 49.982, 36.255, "city")
ODESA = Location("Odesa", 698740, 46.486, 30.744, "city")
REMOTE, SHELLING, AIR = "Explosions/Remote violence", "Shelling/artillery/missile attack", "Air/drone strike"
IED, SUICIDE = "Remote explosive/landmine/IED", "Suicide bomb"


def report(start: int, sub_type: str, event_type: str = REMOTE, *, place: Location | None = SUMY,
           date: str = "2025-04-13", precision: str = "day", side: str | None = "RU",
           fatalities: int | None = None) -> Event:
    return Event(event_type, sub_type, Span(start, start + 10, "x" * 10), date, precision, place,
                 "Military Forces of Russia (2000-)" if side == "RU" else None, side, fatalities=fatalities)


def notes(*, unplaced: list[Event] = (), unarmed: list[Event] = (), guessed: list[Event] = ()) -> Notes:
    return Notes(frozenset(map(id, unplaced)), frozenset(map(id, unarmed)), frozenset(map(id, guessed)),
                 {SUMY.geonameid: "UA", KHARKIV.geonameid: "UA", ODESA.geonameid: "UA"}, lead_end=50)


def test_a_bombing_told_as_a_planted_bomb_a_suicide_bomb_and_the_explosion_is_one_suicide_bombing():
    planted = report(100, IED, side=None)
    suicide = report(200, SUICIDE, side=None, date="2025-04-14")
    explosion = report(300, SHELLING, side=None, fatalities=6)
    (event,) = merge([planted, suicide, explosion], notes(unarmed=[explosion]))
    assert event.sub_event_type == SUICIDE  # the most specific sub-type told
    assert event.fatalities == 6


def test_a_missile_strike_and_a_drone_strike_on_one_town_the_same_day_stay_two_events():
    events = [report(100, SHELLING), report(200, AIR)]
    assert sorted(e.sub_event_type for e in merge(events, notes())) == [AIR, SHELLING]


def test_a_strike_whose_weapon_is_not_named_takes_the_weapon_of_the_one_the_article_names():
    missile = report(100, SHELLING, place=SUMY)
    attack = report(200, AIR, place=SUMY)  # "the attack": the model's guess of a sub-type, no weapon named
    (event,) = merge([missile, attack], notes(unarmed=[attack]))
    assert event.sub_event_type == SHELLING


def test_a_toll_with_no_place_of_its_own_joins_the_one_located_strike():
    strike = report(100, SHELLING, side="RU")
    toll = report(400, SHELLING, precision="week", side=None, fatalities=20)  # "20 were killed, the mayor said"
    (event,) = merge([strike, toll], notes(unplaced=[toll]))
    assert event.location == SUMY and event.fatalities == 20 and event.actor1_side == "RU"


def test_a_toll_with_no_place_stays_apart_when_two_located_strikes_could_be_its_own():
    strikes = [report(100, SHELLING, place=SUMY), report(200, SHELLING, place=KHARKIV)]
    toll = report(400, SHELLING, place=None, precision="week", side=None, fatalities=3)
    assert len(merge([*strikes, toll], notes(unplaced=[toll]))) == 3


def test_a_toll_with_no_place_joins_the_strike_where_the_article_set_the_scene():
    strikes = [report(100, SHELLING, place=SUMY), report(200, SHELLING, place=KHARKIV)]
    toll = report(400, SHELLING, place=KHARKIV, precision="week", side=None, fatalities=3)  # placed from context
    merged = merge([*strikes, toll], notes(unplaced=[toll]))
    assert [(e.location.name, e.fatalities) for e in merged] == [("Sumy", None), ("Kharkiv", 3)]


def test_a_village_the_gazetteer_lacks_is_in_the_story_country():
    village = Location("Novoselivka", None, None, None, "city")
    headline = report(0, "Non-state actor overtakes territory", "Battles", place=Location("Ukraine", 690791, 49.0,
                      32.0, "country"))
    body = report(100, "Non-state actor overtakes territory", "Battles", place=village)
    ukraine = Notes(countries={690791: "UA"}, country="UA")
    assert [e.location.name for e in merge([headline, body], ukraine)] == ["Novoselivka"]
    assert len(merge([headline, body], Notes(countries={690791: "UA"}, country="SY"))) == 2


def test_a_town_set_by_the_scene_is_not_replaced_by_the_country_another_report_names():
    ukraine = Location("Ukraine", 690791, 49.0, 32.0, "country")
    strike = report(300, SHELLING, place=KHARKIV)  # "shelling hit the city", Kharkiv from the scene
    told = report(100, SHELLING, place=ukraine, precision="week")  # "shelling in Ukraine"
    countries = Notes(frozenset({id(strike)}), countries={KHARKIV.geonameid: "UA", 690791: "UA"}, lead_end=50)
    (event,) = merge([strike, told], countries)
    assert event.location == KHARKIV


def test_a_list_of_towns_stays_one_event_per_town():
    events = [report(100, SHELLING, place=p) for p in (SUMY, KHARKIV, ODESA)]  # one sentence
    assert sorted(e.location.name for e in merge(events, notes())) == ["Kharkiv", "Odesa", "Sumy"]


def test_one_town_on_different_days_is_two_events():
    events = [report(100, SHELLING, date="2025-04-13"), report(200, SHELLING, date="2025-04-10")]
    assert len(merge(events, notes())) == 2


def test_a_month_is_not_a_day_of_another_month():
    july = report(100, SHELLING, date="2025-07-01", precision="month")
    august = report(200, SHELLING, date="2025-08-19")
    assert len(merge([july, august], notes())) == 2
    assert len(merge([report(100, SHELLING, date="2025-08-01", precision="month"), august], notes())) == 1


def test_a_side_guessed_from_where_it_struck_does_not_make_another_attacker():
    told = report(100, SHELLING, side="UA")
    guessed = report(200, SHELLING, side="RU")
    assert len(merge([told, guessed], notes(guessed=[guessed]))) == 1
    assert len(merge([report(100, SHELLING, side="UA"), report(200, SHELLING, side="RU")], notes())) == 2


def test_a_clash_and_a_capture_of_one_town_stay_two_events():
    clash = report(100, "Armed clash", "Battles")
    capture = report(200, "Non-state actor overtakes territory", "Battles")
    assert len(merge([clash, capture], notes())) == 2


def test_a_protest_told_as_peaceful_then_dispersed_is_one_protest_with_intervention():
    peaceful = report(100, "Peaceful protest", "Protests", side=None)
    dispersed = report(200, "Protest with intervention", "Protests", side=None)
    (event,) = merge([peaceful, dispersed], notes())
    assert event.sub_event_type == "Protest with intervention"


def test_an_exchange_told_from_both_sides_never_sets_a_side_against_itself():
    by_ua = Event("Strategic developments", "Agreement", Span(0, 10, "x" * 10), "2025-05-23", "week", ODESA,
                  "Military Forces of Ukraine (2019-)", "UA")
    by_ru = Event("Strategic developments", "Agreement", Span(100, 110, "x" * 10), "2025-05-23", "week", ODESA,
                  "Military Forces of Russia (2000-)", "RU", "Military Forces of Ukraine (2019-)", "UA")
    (event,) = merge([by_ua, by_ru], notes(guessed=[by_ua, by_ru]))
    assert {event.actor1_side, event.actor2_side} == {"UA", "RU"}


@pytest.fixture(scope="module")
def run(extractor):
    def go(text: str, published: str) -> DocResult:
        (result,) = list(extractor.process([Article(id="t", text=text, published=dt.date.fromisoformat(published))]))
        assert isinstance(result, DocResult)
        return result

    return go


def test_an_article_telling_one_strike_with_a_toll_and_a_quote_codes_one_event(run):
    r = run("A Russian missile struck the centre of Chernihiv on Wednesday morning, regional officials said.\n\n"
            "Rescuers worked through the day at the damaged buildings.\n\n"
            "The acting mayor said on the air of a telethon that eleven people were killed.\n", "2024-04-17")
    (event,) = [e for e in r.events if e.event_type == REMOTE]
    assert event.sub_event_type == SHELLING and event.location.name == "Chernihiv"


def test_an_article_telling_strikes_on_two_towns_codes_two_events(run):
    r = run("Russian missiles struck Sumy and Kharkiv on Sunday, regional governors said.\n\n"
            "At least 12 people were killed, officials said.\n", "2025-04-13")
    assert sorted(e.location.name for e in r.events if e.event_type == REMOTE) == ["Kharkiv", "Sumy"]


def test_a_toll_counted_days_later_is_the_same_strike_on_its_own_day():
    strike = report(100, SHELLING, date="2024-09-03")  # "On September 3, missiles struck the institute"
    toll = report(200, SHELLING, date="2024-09-05", fatalities=54)  # "As of September 5, the dead rose to 54"
    (event,) = merge([strike, toll], notes(unplaced=[toll], unarmed=[toll]))
    assert (event.date, event.fatalities) == ("2024-09-03", 54)
    # a strike with its own weapon two days later is another strike
    assert len(merge([strike, report(200, SHELLING, date="2024-09-05", fatalities=54)], notes())) == 2


def test_a_report_with_no_place_stays_apart_when_the_scene_has_another_happening_of_its_kind():
    assault = report(100, "Armed clash", "Battles", place=SUMY, side="RU")  # "Russia resumed its assault on Sumy"
    elsewhere = report(200, "Armed clash", "Battles", place=KHARKIV, side=None, precision="week")
    repelled = report(300, "Armed clash", "Battles", place=SUMY, side="UA")  # "Ukraine repelled attacks": no place
    assert len(merge([assault, elsewhere, repelled], notes(unplaced=[repelled], guessed=[elsewhere]))) == 3
    # with no happening of its kind at the scene, the document's one
    assert len(merge([elsewhere, repelled], notes(unplaced=[repelled], guessed=[elsewhere]))) == 1


def test_an_exchange_with_no_place_is_not_taken_for_the_talks_told_elsewhere():
    talks = Event("Strategic developments", "Agreement", Span(0, 10, "x" * 10), "2025-05-16", "day",
                  Location("Istanbul", 745044, 41.01, 28.95, "city"))
    exchange = Event("Strategic developments", "Agreement", Span(100, 110, "x" * 10), "2025-05-20", "week",
                     Location("Ukraine", 690791, 49.0, 32.0, "country"), "Military Forces of Ukraine (2019-)", "UA")
    assert len(merge([talks, exchange], notes(unplaced=[exchange]))) == 2  # placed in the country by context
