"""Cross-document reasoning by the codebook (section 12): merges by happening, control changes from
claims with a status, toll histories and contradictions only between statements of one moment."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from wirewatch.corpus.contradictions import casualty_contradictions, opposing_claims
from wirewatch.corpus.control import CLAIMED, CONFIRMED, CONTESTED, DISPUTED, control_timeline, holder_at
from wirewatch.corpus.merge import merge_reports
from wirewatch.corpus.quantities import ENEMY_LOSSES, distance_pattern, event_tolls, read_number, toll_history
from wirewatch.corpus.records import ArticleRec, ControlRec, ReportRec
from wirewatch.profile import load_profile

OPPONENTS = load_profile("russia-ukraine").opponents
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def _report(aid: int, text: str, *, day: int = 10, gid: int | None = 1, lat: float = 50.0, lon: float = 36.0,
            feature: str = "PPL", index: int = 0, **kw) -> ReportRec:
    return ReportRec(aid, index, *SHELLING, dt.date(2024, 4, day), "X", gid, lat, lon, 0, len(text), text,
                     country_code="UA", feature_code=feature, **kw)


def _groups(clusters) -> list[list[int]]:
    return sorted(sorted(r.article_id for r in c.reports) for c in clusters)


def test_reports_join_by_settlement_and_day_not_by_nearness():
    town = _report(1, "Missiles hit Vilshany on Monday.", gid=11)
    same_town = _report(2, "Two missiles struck Vilshany, officials said.", gid=11)
    next_village = _report(3, "A missile hit Ruska Lozova on Monday.", gid=12, lat=50.03)  # 3 km away
    next_day = _report(4, "Vilshany was shelled again on Tuesday.", gid=11, day=11)
    clusters = merge_reports([town, same_town, next_village, next_day], stories={1: 1, 2: 1, 3: 1, 4: 1})
    assert _groups(clusters) == [[1, 2], [3], [4]]


def test_a_district_or_site_joins_its_city_and_an_approximate_date_may_be_a_day_off():
    city = _report(1, "A missile struck Kharkiv on Monday.", gid=21, feature="PPLA")
    district = _report(2, "The strike hit the Saltivka district.", gid=22, lat=50.02, feature="PPLX")
    week_dated = _report(3, "Kharkiv was hit this week, officials said.", gid=21, feature="PPLA", day=11,
                         date_precision="week")
    assert _groups(merge_reports([city, district, week_dated])) == [[1, 2, 3]]


def _control(aid: int, change: str, side: str, day: int, claimant: str | None, claimant_side: str | None,
             place: str = "Velyka Novosilka") -> ControlRec:
    text = f"{claimant or 'The outlet'} says {side} {change} {place}."
    at = text.index(place)
    return ControlRec(aid, 0, place, 77, dt.date(2025, 1, day), side, change, 0, len(text), text,
                      claimed_by=claimant, claimant_side=claimant_side, lat=47.8, lon=36.8, feature_code="PPL",
                      mentions=((at, at + len(place), 77, place, 47.8, 36.8, "PPL"),))


ARTICLES = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2025, 1, 20), None) for i in range(1, 10)}


def test_a_change_says_who_claims_it_and_who_confirms_or_disputes_it():
    claimed = control_timeline([_control(1, "gained", "RU", 10, "Ministry of Defence of Russia", "RU")],
                               ARTICLES, {}, OPPONENTS)
    assert [(c.to_side, c.status) for c in claimed] == [("RU", CLAIMED)]
    admitted = control_timeline([_control(1, "gained", "RU", 10, "Ministry of Defence of Russia", "RU"),
                                 _control(2, "lost", "UA", 11, "General Staff of Ukraine", "UA")],
                                ARTICLES, {}, OPPONENTS)
    assert [(c.to_side, c.status) for c in admitted] == [("RU", CONFIRMED)]
    # a third party or the outlet's own voice is kept and confirms
    outlet = control_timeline([_control(1, "gained", "RU", 10, "Ministry of Defence of Russia", "RU"),
                               _control(3, "gained", "RU", 12, None, None)], ARTICLES, {}, OPPONENTS)
    assert [(c.to_side, c.status, len(c.observations)) for c in outlet] == [("RU", CONFIRMED, 2)]
    # a speaker of unknown side ("the defence ministry said") is no independent confirmation
    unknown = control_timeline([_control(1, "gained", "RU", 10, "defence ministry", None)], ARTICLES, {}, OPPONENTS)
    assert [c.status for c in unknown] == [CLAIMED]
    denied = control_timeline([_control(1, "gained", "RU", 10, "Ministry of Defence of Russia", "RU"),
                               _control(2, "gained", "UA", 11, "General Staff of Ukraine", "UA")],
                              ARTICLES, {}, OPPONENTS)
    assert [c.status for c in denied] == [DISPUTED, DISPUTED]
    fought = control_timeline([_control(4, "contested", "UA", 10, "General Staff of Ukraine", "UA")],
                              ARTICLES, {}, OPPONENTS)
    assert [c.status for c in fought] == [CONTESTED]


def test_the_holder_of_a_settlement_on_any_day():
    changes = control_timeline([_control(1, "gained", "RU", 10, "Ministry of Defence of Russia", "RU"),
                                _control(2, "gained", "UA", 25, "General Staff of Ukraine", "UA")],
                               ARTICLES, {}, OPPONENTS)
    assert holder_at(changes, 77, dt.date(2025, 1, 9)) is None
    assert holder_at(changes, 77, dt.date(2025, 1, 12)).to_side == "RU"
    assert holder_at(changes, 77, dt.date(2025, 1, 26)).to_side == "UA"


def test_sides_come_from_the_profile_not_from_fixed_codes():
    sudan = {"SAF": "RSF", "RSF": "SAF"}
    (change,) = control_timeline([_control(1, "lost", "SAF", 10, "RSF spokesman", "RSF", place="Wad Madani")],
                                 ARTICLES, {}, sudan)
    assert (change.from_side, change.to_side, change.status) == ("SAF", "RSF", CLAIMED)


def test_a_place_a_capture_affects_does_not_change_hands():
    text = '"The liberation of Kurakhove deprived the enemy of the possibility to shell Donetsk," it said.'
    k, d = text.index("Kurakhove"), text.index("Donetsk")
    obs = ControlRec(1, 0, "Donetsk", 5, dt.date(2025, 1, 6), "RU", "gained", 0, len(text), text,
                     claimed_by="Ministry of Defence of Russia", claimant_side="RU", feature_code="PPLA",
                     mentions=((k, k + 9, 4, "Kurakhove", 47.98, 37.28, "PPL"), (d, d + 7, 5, "Donetsk", 48.0, 37.8,
                                                                              "PPLA")))
    assert control_timeline([obs], ARTICLES, {}, OPPONENTS) == []


def test_a_rising_toll_is_a_history_and_the_enemy_s_dead_are_a_claim():
    articles = {1: ArticleRec(1, "a", "Kyiv Desk", dt.date(2024, 4, 10), None),
                2: ArticleRec(2, "b", "Kyiv Desk", dt.date(2024, 4, 11), None),
                3: ArticleRec(3, "c", "Moscow Wire", dt.date(2024, 4, 11), None)}
    reports = [_report(1, "The strike killed 4, the mayor said.", fatalities=4, speaker="Mayor", speaker_side="UA"),
               _report(2, "The toll has risen to 11.", fatalities=11),
               _report(2, "Officials put the dead at 13.", fatalities=13, index=1),
               _report(3, "The ministry said 120 Ukrainian soldiers were killed.", fatalities=120,
                       speaker="Ministry of Defence of Russia", speaker_side="RU", actor2_side="UA"),
               _report(3, "Its strike killed 60 of the enemy.", claimed_fatalities=60, index=1,
                       speaker="Ministry of Defence of Russia", speaker_side="RU"),
               _report(3, "Its missiles hit a depot and more than 50 soldiers were killed, the spokesman said.",
                       fatalities=50, index=2, speaker="Ministry of Defence of Russia", speaker_side="RU",
                       actor1_side="RU")]
    history = toll_history(9, reports, articles, {}, OPPONENTS)
    assert [(t.value, t.basis == ENEMY_LOSSES) for t in history] == [(4, False), (11, False), (13, False),
                                                                      (120, True), (60, True), (50, True)]
    shown = event_tolls(history)
    assert (shown["fatalities"], shown["fatalities_low"], shown["fatalities_high"]) == (11, 4, 13)
    assert shown["fatalities_source"] == "Kyiv Desk"
    assert casualty_contradictions(9, "strike", history, articles) == []  # updates, and a claim


def test_two_sources_giving_different_tolls_side_by_side_contradict():
    articles = {1: ArticleRec(1, "a", "Darfur Desk", dt.date(2025, 4, 13), None)}
    reports = [_report(1, "14 civilians were killed in the camp, the governor said.", fatalities=14,
                       speaker="Governor"),
               _report(1, "A volunteer group said 40 civilians were killed in the camp.", fatalities=40,
                       speaker="Emergency Room", index=1)]
    (c,) = casualty_contradictions(5, "camp", toll_history(5, reports, articles, {}, OPPONENTS), articles)
    assert (c.a.value, c.a.source, c.b.value, c.b.source) == ("14 killed", "Governor", "40 killed", "Emergency Room")
    live = {1: ArticleRec(1, "a", "Darfur Desk", dt.date(2025, 4, 13), None, live=True)}
    assert casualty_contradictions(5, "camp", toll_history(5, reports, live, {}, OPPONENTS), live) == []


def test_each_side_blaming_the_other_for_one_strike_are_opposing_claims():
    articles = {1: ArticleRec(1, "a", "Outlet", dt.date(2023, 7, 17), None)}
    ru = _report(1, "Moscow said Ukraine struck the bridge.", actor1_side="UA", speaker="Kremlin", speaker_side="RU")
    ua = _report(1, "Kyiv said Russia staged the strike on the bridge itself.", actor1_side="RU", index=1,
                 speaker="Ukrainian navy", speaker_side="UA")
    (c,) = opposing_claims(1, "bridge", [ru, ua], [], articles, {}, OPPONENTS)
    assert c.note == "each side blames the other" and {c.a.side, c.b.side} == {"RU", "UA"}


def test_figures_in_words_and_with_thousands_separators_read_right():
    assert read_number("1,200") == 1200 and read_number("2.5") == 2.5 and read_number("Twenty-three") == 23
    m = distance_pattern().search("the front is 1,200 km from Kyiv")
    assert m and read_number(m.group("num")) == 1200
    m = distance_pattern().search("Twenty-three kilometres from Sumy")
    assert m and read_number(m.group("num")) == 23


def test_a_rewritten_copy_of_a_wire_story_joins_its_group_within_the_story(tmp_path):
    import numpy as np

    from wirewatch.corpus.dedup import join_rewrites, signature
    from wirewatch.store import Store

    quote = ("The governor said that the strike on the market killed seven people and wounded twelve more, "
             "and that rescuers were still searching the rubble of the two buildings that collapsed. ")
    wire = quote + "Police closed the road to the market. " * 3 + "The army said it shot down two drones. " * 2
    rewrite = "Seven people died in a market strike on Monday. " + quote + "Schools were shut for the day. " * 2
    other = ("An independent report: shops near the station burned after shelling, a witness told us, and "
             "the mayor asked residents to stay in shelters until the evening. ") * 2
    texts = {1: wire, 2: rewrite, 3: other}
    with Store(tmp_path / "s.duckdb") as store:
        for aid, text in texts.items():
            store.con.execute("INSERT INTO articles (article_id, doc_id, content_hash, text) VALUES (?, ?, ?, ?)",
                              [aid, f"d{aid}", str(aid), text])
        store.append_rows("signatures", [[aid, signature(t).hashvalues.astype(np.uint64).tobytes()]
                                         for aid, t in texts.items()])
        articles = {aid: ArticleRec(aid, f"d{aid}", f"Outlet {aid}", dt.date(2024, 1, 21), None, aid)
                    for aid in texts}
        groups = join_rewrites(store, {1: 5, 2: 5, 3: 5}, articles)
        assert groups[1] == groups[2] != groups[3]
        assert join_rewrites(store, {1: 5, 2: 6, 3: 5}, articles)[2] == 2  # another story: never compared


def test_a_toll_that_falls_a_later_day_contradicts_the_earlier_one():
    articles = {1: ArticleRec(1, "a", "Morning Post", dt.date(2022, 5, 13), None),
                2: ArticleRec(2, "b", "Ledger", dt.date(2022, 5, 14), None)}
    reports = [_report(1, "Five people were killed in the shelling, officials said.", fatalities=5),
               _report(2, "Three civilians were killed in the shelling.", fatalities=3)]
    (c,) = casualty_contradictions(3, "shelling", toll_history(3, reports, articles, {}, OPPONENTS), articles)
    assert (c.a.value, c.a.source, c.b.value, c.b.source) == ("3 killed", "Ledger", "5 killed", "Morning Post")


def test_a_standing_denial_answers_no_one_report():
    from wirewatch.corpus.contradictions import ATTACK_WORDS, DENIAL, STANDING

    assert DENIAL.search("branding Ukrainian criticism as misinformation")

    assert STANDING.search("denies") and STANDING.search("has long denied") and not STANDING.search("denied")
    assert ATTACK_WORDS.search("targeting civilians") and not ATTACK_WORDS.search("any knowledge of the letter")


def test_two_kinds_of_strike_one_article_tells_apart_stay_two_happenings():
    missile = _report(1, "A missile hit a playground in the city.", gid=31)
    drones = ReportRec(1, 1, "Explosions/Remote violence", "Air/drone strike", dt.date(2024, 4, 10), "X", 31, 50.0,
                       36.0, 50, 90, "Later drones struck homes in the city.", country_code="UA", feature_code="PPL")
    other_outlet = _report(2, "A Russian missile struck the city, killing nine children.", gid=31)
    assert _groups(merge_reports([missile, drones, other_outlet])) == [[1], [1, 2]]


def test_an_exchange_told_by_either_party_first_is_one_happening():
    def swap(aid: int, side1: str, side2: str | None) -> ReportRec:
        return ReportRec(aid, 0, "Strategic developments", "Agreement", dt.date(2025, 5, 23), "Russia", 2017370,
                         61.5, 105.0, 0, 10, "A prisoner exchange took place.", location_precision="country",
                         actor1_side=side1, actor2_side=side2, country_code="RU")
    clusters = merge_reports([swap(1, "RU", None), swap(2, "UA", "RU")], stories={1: 4, 2: 4})
    assert _groups(clusters) == [[1, 2]]


def test_an_undated_mention_of_the_deal_is_not_the_exchange_done_under_it():
    def agreement(aid: int, text: str, place: str, gid: int, precision: str) -> ReportRec:
        return ReportRec(aid, 0, "Strategic developments", "Agreement", dt.date(2025, 5, 23), place, gid, 0.0, 0.0,
                         0, len(text), text, location_precision="country", country_code=place[:2].upper(),
                         date_precision=precision, actor1_side="UA", actor2_side="RU")
    swap = agreement(1, "On Friday Ukraine and Russia exchanged 390 prisoners.", "Ukraine", 690791, "day")
    same_day = agreement(2, "Russia said 390 prisoners were swapped on Friday.", "Russia", 2017370, "day")
    deal = agreement(3, "The deal was reached at talks in Turkey.", "Turkey", 298795, "week")
    clusters = merge_reports([swap, same_day, deal], stories={1: 5, 2: 5, 3: 5})
    assert _groups(clusters) == [[1, 2], [3]]


def _mentioned(text: str, names: list[str], observed: str, change: str = "contested", side: str | None = None):
    mentions = tuple((text.index(n), text.index(n) + len(n), 100 + i, n, 50.0 + i, 30.0, "PPL")
                     for i, n in enumerate(names))
    gid = 100 + names.index(observed)
    return ControlRec(1, 0, observed, gid, dt.date(2025, 5, 23), side, change, 0, len(text), text, lat=50.0,
                      lon=30.0, feature_code="PPL", mentions=mentions)


def test_a_place_in_a_list_of_battles_is_a_mention_not_a_change():
    text = "The freed soldiers had fought in the battles for Chernihiv, Sumy, Kharkiv and Bakhmut."
    obs = _mentioned(text, ["Chernihiv", "Sumy", "Kharkiv", "Bakhmut"], "Chernihiv")
    assert control_timeline([obs], ARTICLES, {}, OPPONENTS) == []
    alone = "Ukrainian troops are fighting for Vovchansk, the governor said."
    assert len(control_timeline([_mentioned(alone, ["Vovchansk"], "Vovchansk")], ARTICLES, {}, OPPONENTS)) == 1


def test_a_fight_and_a_capture_told_the_same_day_are_one_change():
    fight = _control(1, "contested", "UA", 10, None, None)
    taken = _control(2, "gained", "RU", 10, None, None)
    (change,) = control_timeline([fight, taken], ARTICLES, {}, OPPONENTS)
    assert (change.from_side, change.to_side, len(change.observations)) == ("UA", "RU", 2)


def test_a_strike_each_side_blames_on_the_other_is_one_happening_with_opposing_claims():
    articles = {1: ArticleRec(1, "a", "Moscow Wire", dt.date(2023, 7, 17), None),
                2: ArticleRec(2, "b", "Kyiv Desk", dt.date(2023, 7, 17), None)}
    ru = _report(1, "The ministry said Ukraine struck the bridge.", actor1_side="UA", actor2_side="CIVILIAN",
                 speaker="Ministry of Defence of Russia", speaker_side="RU")
    ua = _report(2, "Kyiv said Russia shelled the bridge itself.", actor1_side="RU", actor2_side="CIVILIAN",
                 speaker="Ukrainian navy", speaker_side="UA")
    (event,) = merge_reports([ru, ua], stories={1: 3, 2: 3})
    (c,) = opposing_claims(event.event_id, "bridge", event.reports, [], articles, {}, OPPONENTS)
    assert c.note == "each side blames the other"
    # a source of no known side (a governor, the outlet itself) blaming Russia answers Russia's account too
    plain = _report(2, "Russian forces shelled the bridge, the governor said.", actor1_side="RU",
                    actor2_side="CIVILIAN", speaker="governor")
    (event,) = merge_reports([ru, plain], stories={1: 3, 2: 3})
    (c,) = opposing_claims(event.event_id, "bridge", event.reports, [], articles, {}, OPPONENTS)
    assert (c.a.value, c.b.value, c.b.source) == ("blames UA", "blames RU", "governor")
    blamed = _report(2, "Kyiv denied it and blamed Russia for the strike.", actor1_side="RU", actor2_side=None,
                     speaker="Ukrainian navy", speaker_side="UA")
    assert len(merge_reports([ru, blamed], stories={1: 3, 2: 3})) == 1  # a target untold is no other strike


def test_prisoners_exchanged_by_both_parties_blame_nobody():
    articles = {1: ArticleRec(1, "a", "Moscow Wire", dt.date(2025, 5, 23), None),
                2: ArticleRec(2, "b", "Kyiv Desk", dt.date(2025, 5, 23), None)}
    swap = ("Strategic developments", "Agreement")
    ru = replace(_report(1, "The ministry said 390 prisoners were swapped.", actor1_side="UA", actor2_side="RU",
                         speaker="Ministry of Defence of Russia", speaker_side="RU"), event_type=swap[0],
                 sub_event_type=swap[1])
    told = replace(_report(2, "Russia and Ukraine swapped 390 prisoners.", actor1_side="RU", actor2_side="UA"),
                   event_type=swap[0], sub_event_type=swap[1])
    for event in merge_reports([ru, told], stories={1: 3, 2: 3}):
        assert opposing_claims(event.event_id, "swap", event.reports, [], articles, {}, OPPONENTS) == []


def test_the_attackers_military_target_against_civilians_hit_is_one_strike_with_opposing_accounts():
    articles = {1: ArticleRec(1, "a", "Kyiv Desk", dt.date(2025, 4, 13), None),
                2: ArticleRec(2, "b", "Moscow Wire", dt.date(2025, 4, 13), None)}
    victims = _report(1, "Two missiles struck the town centre, killing 34 people, the governor said.",
                      actor1_side="RU", actor2_side="CIVILIAN", speaker="governor")
    own = _report(2, "The ministry said its missiles struck a meeting of Ukrainian commanders.", actor1_side="RU",
                  actor2_side="UA", speaker="Ministry of Defence of Russia", speaker_side="RU")
    (event,) = merge_reports([victims, own], stories={1: 5, 2: 5})
    (c,) = opposing_claims(event.event_id, "strike", event.reports, [], articles, {}, OPPONENTS)
    assert (c.a.source, c.a.value, c.b.value) == ("Ministry of Defence of Russia", "RU struck UA forces",
                                                   "civilians hit")
    third = replace(own, speaker="Institute for the Study of War", speaker_side=None)  # no side's own account
    assert len(merge_reports([victims, third], stories={1: 5, 2: 5})) == 2
    # told in two stories: the ministry's strike of the day and another one on the town
    assert len(merge_reports([victims, own], stories={1: 5, 2: 6})) == 2


def test_copies_of_one_wire_story_dated_a_day_apart_stay_one_happening():
    first = _report(1, "More than 100 civilians were killed in the camp, the ministry said.", gid=41)
    copy = _report(2, "More than 100 civilians were killed in the camp, the ministry said.", gid=41, day=11)
    other = _report(3, "Shelling killed civilians in the camp.", gid=41, day=11)
    clusters = merge_reports([first, copy, other], stories={1: 8, 2: 8, 3: 8}, groups={1: 1, 2: 1, 3: 3})
    assert _groups(clusters) == [[1, 2], [3]]


def _talks(aid: int, text: str, *, day: int = 16, place: str = "Istanbul", gid: int = 745044,
           precision: str = "city", country: str = "TR") -> ReportRec:
    lat, lon = (41.0, 28.9) if precision == "city" else (61.5, 105.0)
    return ReportRec(aid, 0, "Strategic developments", "Agreement", dt.date(2025, 5, day), place, gid, lat, lon, 0,
                     len(text), text, location_precision=precision, actor1_side="RU", actor2_side="UA",
                     country_code=country, feature_code="PPLA" if precision == "city" else "PCLF")


def test_talks_a_report_places_only_in_a_country_are_the_talks_of_that_day_in_the_story():
    city = _talks(1, "The delegations met in Istanbul for two hours of talks on Friday.")
    country = _talks(2, "Russia and Ukraine agreed to swap prisoners at short talks on Friday.", place="Russia",
                     gid=2017370, precision="country", country="RU")
    assert _groups(merge_reports([country, city], stories={1: 5, 2: 5})) == [[1, 2]]
    assert _groups(merge_reports([country, city], stories={1: 5, 2: 6})) == [[1], [2]]
    next_day = _talks(2, "Russia and Ukraine swapped prisoners.", day=17, place="Russia", gid=2017370,
                      precision="country", country="RU")
    assert _groups(merge_reports([next_day, city], stories={1: 5, 2: 5})) == [[1], [2]]
    undated = [replace(country, date_precision="week"), replace(city, date_precision="week")]
    assert _groups(merge_reports(undated, stories={1: 5, 2: 5})) == [[1], [2]]


def test_a_report_without_a_place_joins_the_strike_on_the_town_it_names_that_day():
    town = replace(_report(1, "A missile strike on Poltava killed dozens of cadets.", gid=51, actor1_side="RU"),
                   location_name="Poltava")
    unplaced = replace(_report(2, "On Tuesday the army struck the Poltava military institute of signals.",
                               actor1_side="RU"), location_name=None, geonameid=None, lat=None, lon=None)
    assert _groups(merge_reports([town, unplaced], stories={1: 7, 2: 7})) == [[1, 2]]
    assert _groups(merge_reports([town, unplaced], stories={1: 7, 2: 9})) == [[1], [2]]
    elsewhere = replace(unplaced, evidence_text="On Tuesday the army struck a military institute of signals.")
    assert _groups(merge_reports([town, elsewhere], stories={1: 7, 2: 7})) == [[1], [2]]


def test_an_approximate_date_a_day_off_joins_only_within_the_story():
    strike = _report(1, "Missiles hit Vilshany on Monday.", gid=11)
    week_dated = _report(2, "Vilshany was shelled, officials said.", gid=11, day=11, date_precision="week")
    assert _groups(merge_reports([strike, week_dated], stories={1: 1, 2: 1})) == [[1, 2]]
    assert _groups(merge_reports([strike, week_dated], stories={1: 1, 2: 2})) == [[1], [2]]


def test_a_clause_set_off_after_a_reference_point_tells_of_that_place():
    stormed = "The hamlet lies 10 km south-west of Zorianka, which Russian troops have stormed."
    obs = _mentioned(stormed, ["Zorianka"], "Zorianka", side="RU")
    assert [c.to_side for c in control_timeline([obs], ARTICLES, {}, OPPONENTS)] == [CONTESTED]
    located = "Russian troops stormed a hamlet 10 km south-west of Zorianka."
    assert control_timeline([_mentioned(located, ["Zorianka"], "Zorianka", side="RU")], ARTICLES, {}, OPPONENTS) == []


def test_two_other_developments_of_one_side_in_one_region_that_day_stay_apart_unless_told_alike():
    def other(aid: int, text: str) -> ReportRec:
        return replace(_report(aid, text, gid=511, lat=51.5, lon=36.0, feature="ADM1", actor1_side="RU"),
                       event_type="Strategic developments", sub_event_type="Other", location_precision="region")

    evacuation = other(1, "The governor ordered the evacuation of border districts of the Kursk region.")
    emergency = other(2, "Moscow declared a federal state of emergency in the Kursk region.")
    assert _groups(merge_reports([evacuation, emergency], stories={1: 3, 2: 3})) == [[1], [2]]
    retold = other(2, "The governor ordered the evacuation of the border districts of the Kursk region on Tuesday.")
    assert _groups(merge_reports([evacuation, retold], stories={1: 3, 2: 3})) == [[1, 2]]
    # a strike in the region told by two outlets of the story is still one
    strikes = [replace(r, event_type=SHELLING[0], sub_event_type=SHELLING[1]) for r in (evacuation, emergency)]
    assert _groups(merge_reports(strikes, stories={1: 3, 2: 3})) == [[1, 2]]


def test_a_region_joins_only_a_town_inside_it():
    def told(aid: int, text: str, **kw) -> ReportRec:
        return _report(aid, text, actor1_side="RU", **kw)

    region = replace(told(1, "Missiles struck training centres in the Chernihiv region.", gid=710734, lat=51.33,
                          lon=31.9, feature="ADM1", location_precision="region", admin1="Chernihivska oblast"),
                     location_name="Chernihiv Oblast")
    capital = replace(told(2, "A missile destroyed an apartment block in Kyiv.", gid=703448, lat=50.45, lon=30.52,
                           feature="PPLC", admin1="Kyiv"), location_name="Kyiv")
    town = replace(told(3, "A missile hit Nizhyn.", gid=700000, lat=51.05, lon=31.89, admin1="Chernihivska oblast"),
                   location_name="Nizhyn")
    one_story = {1: 1, 2: 1, 3: 1}
    assert _groups(merge_reports([region, capital], stories=one_story)) == [[1], [2]]
    assert _groups(merge_reports([region, town], stories=one_story)) == [[1, 3]]
    # a city that is a division of its own lies in the region named after it
    kyiv_region = replace(told(4, "Drones struck the Kyiv region overnight.", gid=703446, lat=50.33, lon=30.33,
                               feature="ADM1", location_precision="region", admin1="Kyivska oblast"),
                          location_name="Kyiv Oblast")
    assert _groups(merge_reports([kyiv_region, capital], stories={2: 1, 4: 1})) == [[2, 4]]


def test_a_denial_answers_the_strike_on_the_town_it_names_not_one_on_its_country():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    country = replace(_report(1, "Missiles struck Ukraine overnight.", gid=690791, lat=49.0, lon=32.0,
                              feature="PCLI", location_precision="country"), location_name="Ukraine")
    town = replace(_report(1, "A missile hit Vilshany.", gid=11, index=1), location_name="Vilshany")
    clusters = merge_reports([country, town])

    def denial(text: str, index: int) -> ClaimRec:
        return ClaimRec(2, index, "Ministry of Defence of Russia", "RU", 0, len(text), text, "said")

    standing = denial("Ukraine did not receive an invitation to join the alliance", 0)
    answer = denial("its missiles did not hit Vilshany", 1)
    articles = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2024, 4, 10), None) for i in (1, 2)}
    found = _answers([standing, answer], clusters, articles, [])[0]
    (town_event,) = (c.event_id for c in clusters if c.reports[0].location_name == "Vilshany")
    assert {e: [d.evidence_text for d in ds] for e, ds in found.items() if ds} == {
        town_event: ["its missiles did not hit Vilshany"]}


def test_a_denial_answers_the_town_it_names_however_it_is_spelt():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec, LocationRec

    town = replace(_report(1, "A missile hit the market in Kostyantynivka.", gid=709161),
                   location_name="Kostyantynivka")
    clusters = merge_reports([town])
    text = "its forces did not strike the market in Kostiantynivka"
    answer = ClaimRec(2, 0, "Ministry of Defence of Russia", "RU", 100, 100 + len(text), text, "denied")
    spelt = LocationRec(2, 100 + text.index("Kostiantynivka"), 100 + len(text), "Kostiantynivka", 709161, "PPL",
                        None)
    articles = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2024, 4, 10), None) for i in (1, 2)}
    assert [d.evidence_text for d in _answers([answer], clusters, articles, [spelt])[0][clusters[0].event_id]] == [text]
    assert not any(_answers([answer], clusters, articles, [])[0].values())  # by its spelling alone: no match


def test_a_claim_putting_the_strike_on_the_other_side_is_a_blame_set_against_the_first():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    text = "A missile struck a market in Sloviansk, killing 9 people. Ukrainian officials said Russia fired it."
    strike = replace(_report(1, text, gid=11), location_name="Sloviansk", actor1_side="RU", claim_index=0,
                     speaker="Ukrainian officials", speaker_side="UA", claim_text="Russia fired it")
    clusters = merge_reports([strike])
    said = "the blast was caused by a Ukrainian air-defence missile that went astray"
    claim = ClaimRec(1, 1, "Ministry of Defence of Russia", "RU", len(text) + 1, len(text) + 1 + len(said), said,
                     "said")
    articles = {1: ArticleRec(1, "a1", "Outlet 1", dt.date(2024, 4, 10), None)}
    side_in = load_profile("russia-ukraine").side_in
    denials, blames = _answers([claim], clusters, articles, [], side_in)
    (event,) = clusters
    assert not denials and [(b.actor1_side, b.speaker_side) for b in blames[event.event_id]] == [("UA", "RU")]
    found = opposing_claims(event.event_id, "strike", event.reports + blames[event.event_id], [], articles, {},
                            OPPONENTS)
    assert [c.note for c in found] == ["each side blames the other"]
    # naming no side, or the speaker's own, blames no one else
    for own in ("the blast was caused by a stray missile", "the blast was caused by a Russian missile"):
        quiet = ClaimRec(1, 1, "Ministry of Defence of Russia", "RU", claim.content_start,
                         claim.content_start + len(own), own, "said")
        assert not any(_answers([quiet], clusters, articles, [], side_in)[1].values())


def test_the_attackers_spokesman_saying_no_civilians_were_harmed_denies_the_mayors_dead():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    told = "Ukrainian shelling killed 7 people at a bus stop in Horlivka on Thursday"
    strike = replace(_report(1, told, gid=11), location_name="Horlivka", actor1_side="UA",
                     claim_index=0, speaker="the city's Russian-installed mayor", speaker_side="RU", claim_text=told)
    clusters = merge_reports([strike])
    said = "its forces had hit an ammunition depot in Horlivka that day and no civilians were harmed"
    answer = ClaimRec(1, 1, "Ukrainian army spokesman", "UA", 200, 200 + len(said), said, "said")
    articles = {1: ArticleRec(1, "a1", "Outlet 1", dt.date(2024, 4, 11), None)}
    denials, _ = _answers([answer], clusters, articles, [])
    (event,) = clusters
    found = opposing_claims(event.event_id, "strike", event.reports, denials[event.event_id], articles, {}, OPPONENTS)
    assert [(c.a.side, c.b.side, c.note) for c in found] == [("RU", "UA", "RU asserts, UA denies")]


def test_the_attackers_claim_of_a_military_target_is_set_against_the_civilians_the_other_side_tells_of():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    told = "Two people were killed when a Russian missile struck a hotel in central Kharkiv on Wednesday"
    strike = replace(_report(1, told, gid=11), location_name="Kharkiv", actor1_side="RU", actor2_side="CIVILIAN",
                     claim_index=0, speaker="the regional governor", claim_text=told)
    clusters = merge_reports([strike])
    articles = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2024, 4, 11), None) for i in (1, 2)}

    def ministry(said: str) -> ClaimRec:  # in another outlet's article
        return ClaimRec(2, 0, "Ministry of Defence of Russia", "RU", 0, len(said), said, "said")

    (event,) = clusters
    said = "a precision strike had hit a deployment point of foreign mercenaries in Kharkiv"
    _, blames = _answers([ministry(said)], clusters, articles, [], opponents=OPPONENTS)
    found = opposing_claims(event.event_id, "strike", event.reports + blames[event.event_id], [], articles, {},
                            OPPONENTS)
    assert [(c.a.text, c.b.text) for c in found] == [(said, told)]
    # a depot in the region named after the city is another strike; a strike on no military target is no answer
    for other in ("its missiles had hit a depot of foreign weapons in the Kharkiv region",
                  "its forces had struck Kharkiv"):
        assert not any(_answers([ministry(other)], clusters, articles, [], opponents=OPPONENTS)[1].values())


def test_the_defenders_no_damage_in_the_towns_district_answers_the_attackers_claim_of_hits():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    told = "its drones had hit the Unecha oil pumping station overnight"
    strike = replace(_report(1, told, gid=11), location_name="Unecha", actor1_side="UA", claim_index=0,
                     speaker="General Staff of the Armed Forces of Ukraine", speaker_side="UA", claim_text=told)
    clusters = merge_reports([strike])
    said = "the attack on the Unecha district had been repelled and there were no casualties or damage on the ground"
    answer = ClaimRec(2, 0, "Bryansk governor", "RU", 0, len(said), said, "wrote")
    articles = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2024, 4, 11), None) for i in (1, 2)}
    denials, _ = _answers([answer], clusters, articles, [])
    (event,) = clusters
    found = opposing_claims(event.event_id, "strike", event.reports, denials[event.event_id], articles, {}, OPPONENTS)
    assert [c.note for c in found] == ["UA asserts, RU denies"]


def test_shooting_down_every_drone_without_losses_answers_the_attackers_strike_not_the_interception():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    sudan = load_profile("sudan-2023").opponents
    shot = "its air defences had shot down all the drones launched at Atbara"
    struck = "its drones had struck an army air base in Atbara"
    interception = replace(_report(1, shot, gid=11), event_type="Strategic developments",
                           sub_event_type="Disrupted weapons use", location_name="Atbara", actor1_side="RSF",
                           claim_index=0, speaker="Sudan's army", speaker_side="SAF", claim_text=shot)
    strike = replace(_report(1, struck, gid=11, index=1), location_name="Atbara", actor1_side="RSF", claim_index=1,
                     speaker="Rapid Support Forces", speaker_side="RSF", claim_text=struck)
    clusters = merge_reports([interception, strike])
    said = "our air defences destroyed the drones over Atbara without any losses"
    answer = ClaimRec(1, 2, "army's spokesman", "SAF", 300, 300 + len(said), said, "said")
    articles = {1: ArticleRec(1, "a1", "Outlet 1", dt.date(2024, 4, 11), None)}
    denials, _ = _answers([answer], clusters, articles, [])
    (answered,) = [c for c in clusters if denials.get(c.event_id)]
    assert answered.reports[0].sub_event_type == "Shelling/artillery/missile attack"
    found = opposing_claims(answered.event_id, "strike", answered.reports, denials[answered.event_id], articles, {},
                            sudan)
    assert [c.note for c in found] == ["RSF asserts, SAF denies"]


def test_a_source_of_no_known_side_denying_the_strike_at_the_place_it_names_disputes_the_report():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    told = "an army drone had struck a livestock market near Aguelhok, killing seven civilians"
    strike = replace(_report(1, told, gid=11), location_name="Aguelhok", claim_index=0,
                     speaker="Azawad Liberation Front", claim_text=told)
    clusters = merge_reports([strike])
    articles = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2024, 4, 11), None) for i in (1, 2)}
    (event,) = clusters

    def disputes(said: str, cue: str = "denied") -> list[str]:
        answer = ClaimRec(2, 0, "Mali's armed forces", None, 0, len(said), said, cue)
        denials, _ = _answers([answer], clusters, articles, [])
        return [c.note for c in opposing_claims(event.event_id, "strike", event.reports,
                                                denials.get(event.event_id, []), articles, {}, {})]

    assert disputes("conducting any drone strike near Aguelhok") == ["report asserts, Mali's armed forces denies"]
    assert disputes("any wrongdoing by its soldiers in Aguelhok") == []  # denies no strike


def test_a_denial_naming_the_region_answers_the_strike_placed_at_that_region():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    told = "A military air strike on a village in Sagaing region killed 31 people"
    strike = replace(_report(1, told, gid=11, feature="ADM1"), location_name="Sagaing", claim_index=0,
                     speaker="National Unity Government", claim_text=told)
    clusters = merge_reports([strike])
    said = "opposition accounts of a deadly air raid in Sagaing region"
    answer = ClaimRec(2, 0, "Myanmar's military government", None, 0, len(said), said, "rejected")
    articles = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2024, 4, 11), None) for i in (1, 2)}
    denials, _ = _answers([answer], clusters, articles, [])
    (event,) = clusters
    assert [d.evidence_text for d in denials[event.event_id]] == [said]
    found = opposing_claims(event.event_id, "strike", event.reports, denials[event.event_id], articles, {}, {})
    assert [c.note for c in found] == ["report asserts, Myanmar's military government denies"]  # a raid is a strike


def test_with_no_sides_a_military_target_told_by_one_source_is_set_against_the_civilians_of_another():
    from wirewatch.corpus import _answers
    from wirewatch.corpus.records import ClaimRec

    civilians = "An Israeli drone strike on a car south of Tyre on Friday killed three civilians"
    commander = "a strike in the Tyre area had killed a Hezbollah commander"
    told = [replace(_report(1, civilians, gid=11), location_name="Tyre", actor2_side="CIVILIAN", claim_index=0,
                    speaker="Lebanon's health ministry", claim_text=civilians),
            replace(_report(2, commander, gid=11), location_name="Tyre", claim_index=0, speaker="Israeli military",
                    claim_text=commander)]
    articles = {i: ArticleRec(i, f"a{i}", f"Outlet {i}", dt.date(2024, 4, 11), None) for i in (1, 2, 3)}
    (event,) = merge_reports(told)  # both reports are of the one strike
    found = opposing_claims(event.event_id, "strike", event.reports, [], articles, {}, {})
    assert [c.note for c in found] == ["Israeli military says it struck a military target; another source tells of "
                                       "civilians"]
    # told only in a claim of a third article, the military target answers the civilians all the same
    (alone,) = merge_reports(told[:1])
    said = "its overnight strikes around Tyre were aimed solely at Hezbollah military infrastructure"
    denials, _ = _answers([ClaimRec(3, 0, "Israeli military", None, 0, len(said), said, "said")], [alone], articles, [])
    found = opposing_claims(alone.event_id, "strike", alone.reports, denials[alone.event_id], articles, {}, {})
    assert [c.note for c in found] == ["report asserts, Israeli military denies"]


def test_fighters_who_killed_civilians_are_the_attackers_not_a_military_target():
    from wirewatch.corpus.contradictions import MILITARY_TARGET

    assert MILITARY_TARGET.search("a strike in the Tyre area had killed a Hezbollah commander")
    assert MILITARY_TARGET.search("its overnight strikes were aimed solely at military infrastructure")
    assert MILITARY_TARGET.search("the intended target was a meeting of commanders at a restaurant")
    assert not MILITARY_TARGET.search("suspected fighters of the armed group killed nine civilians in a raid")
    assert not MILITARY_TARGET.search("strikes by militia fighters killed nine civilians")
