"""Control observations (docs/codebook.md section 6) on short articles written for these tests:
the subject of the territory verb and its side, the claimant, attempts, civilians leaving."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.models import Article, DocResult


@pytest.mark.parametrize("sentence", [
    # attempts and aims, even beaten back
    "Russia's defence ministry said its troops had repelled a Ukrainian attempt to retake the village of Krynky.\n",
    "Russian troops are trying to capture the village of Ocheretyne, the General Staff said on Monday.\n",
    "Analysts said Ukraine has a 50-50 chance to re-take the town of Vuhledar this autumn.\n",  # "have" with an object
    "Others maintain Ukraine has only a 50-50 to re-occupy Vuhledar this fall.\n",  # a split prefix
    "Ukrainian forces launched an offensive to recapture the town of Vuhledar, the governor said on Monday.\n",
    # civilians leaving, things falling on a town
    "Civilians were evacuated from Vovchansk on Friday, the governor said.\n",
    "Residents left the town of Vuhledar on Friday as shelling intensified, the governor said.\n",
    "Debris from a downed drone fell on a house in the village of Ocheretyne overnight, the governor said.\n",
    "A missile fell in Kramatorsk on Monday, the mayor said.\n",
    # background and remembrance
    "Russia occupied the city of Melitopol in the first days of the full-scale invasion.\n",
    "Residents marked the anniversary of the liberation of Kherson on Monday.\n",
    # no settlement changed hands: a building or people taken in it, a region, a direction
    "Protesters occupied the parliament building in Nairobi on Tuesday, witnesses said.\n",
    "Armed men in green uniforms seized the Verkhovna Rada of the peninsula on Thursday, witnesses said.\n",
    "Police took control of the main square in Tbilisi after clearing protesters on Sunday, witnesses said.\n",
    "Ukrainian forces captured 20 Russian soldiers near Robotyne on Tuesday, the General Staff said.\n",
    "Russian forces control about 70% of the Zaporizhzhia region, officials said on Monday.\n",
    "The soldiers had fought in the battles for Chernihiv, Sumy and Zaporizhzhia oblasts, the agency said.\n",
    "Russian forces advanced into the Kharkiv region on Friday, the governor said.\n",
    "Ukrainian troops advanced towards Vovchansk on Friday, the governor said.\n",
    "As Ukrainian troops pushed Russian forces back from Kyiv, negotiations continued.\n",  # Kyiv never fell
    # whose force it is, not a place taken
    "The Chechen leader wrote on Telegram that victory was near. He added that his special units and the militia "
    "of the Lugansk People's Republic took the territory of the glass factory in the Donetsk region.\n",
])
def test_no_change_of_hands(run, sentence):
    r = run(sentence)
    assert r.control == ()
    assert territory(r) == []


@pytest.mark.parametrize("sentence", [
    "Russian troops captured the town of Kupiansk at the start of the war, the mayor said on Monday.\n",
    "Ukrainian troops withdrew from positions near the village of Robotyne, the General Staff said on Tuesday.\n",
])
def test_no_control_observation_of_a_town_taken_long_ago_or_of_positions_near_it(run, sentence):
    assert run(sentence).control == ()


@pytest.mark.parametrize(("text", "expected"), [
    # the taker named as the subject, also of a phrase ("after capturing X") or in a relative clause
    ("Moscow said on Sunday that its troops had taken the village of Ocheretyne.\n",
     [("RU", "gained", "Ocheretyne")]),
    ("Russia claimed on Tuesday to have captured the village of Ocheretyne.\n", [("RU", "gained", "Ocheretyne")]),
    ("After capturing Avdiivka, Russian troops moved on to the village of Ocheretyne, which they took on Sunday, "
     "Ukraine's General Staff said.\n", [("RU", "gained", "Avdiyivka"), ("RU", "gained", "Ocheretyne")]),
    # a change told by a subject noun is about its own phrase only
    ("Russia's defence ministry said on Sunday: \"The liberation of Kurakhove deprived the enemy of the means to "
     "shell the people of Donetsk.\"\n", [("RU", "gained", "Kurakhove")]),
    # no taker named: liberation words are the claimant's gain, other capture words the enemy's of the place's state
    ("The village of Ocheretyne has been occupied, Ukraine's General Staff said on Monday.\n",
     [("RU", "gained", "Ocheretyne")]),
    ("The village of Ocheretyne was captured on Sunday, Ukraine's General Staff said on Monday.\n",
     [("RU", "gained", "Ocheretyne")]),
    ("The village of Ocheretyne has been liberated, the Russian defence ministry said on Monday.\n",
     [("RU", "gained", "Ocheretyne")]),
    ("Russia's defence ministry gave its daily update on Sunday.\n\n\"Units of the Centre group liberated the "
     "village of Ocheretyne,\" the ministry said.\n", [("RU", "gained", "Ocheretyne")]),
    ("The enemy has been driven out of the village of Robotyne, Ukraine's military said on Tuesday.\n",
     [("UA", "gained", "Robotyne")]),
    ("Ukrainian units were driven out of the village of Krynky, the Russian defence ministry said.\n",
     [("RU", "gained", "Krynky")]),
    # a contest the same source reports as a change of hands is that change; two sources' reports both stay
    ("As the battle for Bakhmut went on, Russian forces took control of the town of Bakhmut on Saturday, "
     "Ukrainian officials said.\n", [("RU", "gained", "Bakhmut")]),
    ("Russia's defence ministry said on Saturday that its forces had captured the town of Avdiivka. Ukraine's "
     "General Staff said on Saturday that battles for the town of Avdiivka were continuing.\n",
     [("RU", "contested", "Avdiyivka"), ("RU", "gained", "Avdiyivka")]),
])
def test_who_gained_lost_or_contests_which_settlement(run, text, expected):
    assert sorted(changes(run(text))) == expected


@pytest.mark.parametrize(("sentence", "place"), [
    ("The village lies ten kilometres south of Kurakhove, which Russian troops have stormed, the governor said.\n",
     "Kurakhove"),
    ("The hamlet is a short drive east of Kurakhove, which Russian troops have stormed and now aim to surround, "
     "the governor said.\n", "Kurakhove"),
    ("Russian forces have encircled the town of Avdiivka, Ukraine's military said on Friday.\n", "Avdiyivka"),
    ("Russian troops broke into the town of Avdiivka on Friday, the governor said.\n", "Avdiyivka"),
    ("Russian forces have advanced into the centre of Vovchansk, the governor said on Monday.\n", "Vovchansk"),
    ("Russian troops pushed into Vovchansk on Friday, the governor said.\n", "Vovchansk"),
    ("Russian troops were fighting in the town of Vovchansk on Friday, the governor said.\n", "Vovchansk"),
    ("Russian troops control about half of Vovchansk, the governor said on Monday.\n", "Vovchansk"),
    ("Russian forces now hold 80 percent of the town of Vovchansk, the governor said on Monday.\n", "Vovchansk"),
    ("Russian forces have gained a foothold in the town of Vovchansk, the governor said on Monday.\n", "Vovchansk"),
    ("Ukraine's military said that Russia was conducting assault operations in the urban area of Vovchansk.\n",
     "Vovchansk"),
    ("Russian forces launched an assault on the town of Vovchansk on Friday, the governor said.\n", "Vovchansk"),
    # told by the defender: the attacker contests it
    ("Fierce battles for the town of Avdiivka continued on Monday, Ukraine's General Staff said.\n", "Avdiyivka"),
])
def test_a_town_stormed_entered_fought_in_or_partly_held_is_contested_by_the_attacker(run, sentence, place):
    assert changes(run(sentence, "2024-12-14")) == [("RU", "contested", place)]


@pytest.fixture(scope="module")
def run(extractor):
    """The article's result, every control observation checked to cite its own text (offsets exact)."""
    def go(text: str, published: str = "2024-05-14") -> DocResult:
        (result,) = list(extractor.process([Article(id="t", text=text, published=dt.date.fromisoformat(published))]))
        assert isinstance(result, DocResult)
        assert all(c.evidence.text == text[c.evidence.start:c.evidence.end] for c in result.control)
        return result

    return go


def changes(result: DocResult) -> list[tuple[str | None, str, str]]:
    return [(c.side, c.change, c.place) for c in result.control]


def territory(result: DocResult) -> list[str]:
    return [e.sub_event_type for e in result.events if "territory" in e.sub_event_type]


def test_regaining_control_is_one_change_with_one_event(run):
    r = run("Ukrainian forces have regained control of the village of Staromaiorske, the defence minister said "
            "on Thursday.\n")
    assert changes(r) == [("UA", "gained", "Staromaiorske")]
    assert territory(r) == ["Government regains territory"]


def test_troops_withdrawing_lose_the_town(run):
    r = run("Ukraine's military said on Tuesday that its forces had been forced to withdraw from the town of "
            "Avdiivka.\n")
    assert changes(r) == [("UA", "lost", "Avdiyivka")]
    assert territory(r) == ["Non-violent transfer of territory"]


@pytest.mark.parametrize("sentence", [
    "Ukraine's army said on Saturday it had pulled its troops out of Avdiivka to avoid encirclement.\n",
    "Ukraine's general staff said on Saturday that it had withdrawn its units from Avdiivka.\n",
])
def test_a_town_troops_withdrew_from_is_a_place_even_when_only_named(run, sentence):
    assert changes(run(sentence)) == [("UA", "lost", "Avdiyivka")]


def test_a_town_falls_to_the_force_named_or_is_lost_by_its_own_state(run):
    r = run("The town of Bakhmut fell to Russian forces on Saturday, Ukraine's military said.\n")
    assert changes(r) == [("RU", "gained", "Bakhmut")]
    assert territory(r) == ["Non-state actor overtakes territory"]
    r = run("The town of Vuhledar has fallen, Ukrainian officials said on Wednesday.\n")
    assert changes(r) == [("UA", "lost", "Vuhledar")]
    # a town that fell was taken by force by the other party: a battle, no handover (codebook 6)
    assert [(e.sub_event_type, e.actor1_side) for e in r.events if "territory" in e.sub_event_type] == [
        ("Non-state actor overtakes territory", "RU")]


def test_a_town_named_alone_falls_to_the_force_and_a_town_falling_silent_does_not(run):
    r = run("Avdiivka fell to Russian troops on Saturday, the governor said.\n", "2024-02-20")
    assert changes(r) == [("RU", "gained", "Avdiyivka")]  # the NER took the bare name for a person
    assert territory(r) == ["Non-state actor overtakes territory"]
    assert run("Kyiv fell silent on Saturday as the curfew began.\n").events == ()


def test_a_village_the_gazetteer_lacks_is_placed_at_the_town_it_is_said_to_be_near(run):
    r = run("Russian forces have taken control of the village of Kotlyne, west of the Ukrainian logistics hub of "
            "Pokrovsk, Russia's defence ministry said on Tuesday.\n\nThe ministry said units were advancing further "
            "along the road towards the Dnipropetrovsk region.\n", "2025-01-14")
    assert changes(r) == [("RU", "gained", "Kotlyne")]
    (event,) = r.events
    assert (event.location.name, event.location.geonameid) == ("Pokrovsk", 704422)  # not Russia's, not the region


def test_a_town_reported_fallen_in_passing_fell_to_its_holders_enemy(run):
    r = run("It comes as Russia has massed its forces in the east, with Britain's defence ministry reporting the "
            "town of Lyman, in Donetsk, has fallen.\n", "2022-05-26")
    assert [(e.sub_event_type, e.actor1_side) for e in r.events] == [("Non-state actor overtakes territory", "RU")]


def test_a_retreat_the_event_model_finds_is_the_leavers_transfer_never_their_regain(run):
    r = run("Ukrainian troops were forced to retreat from the village of Robotyne, the General Staff said on "
            "Tuesday.\n")
    territorial = [e for e in r.events if "territory" in e.sub_event_type]
    assert territorial and all(e.sub_event_type == "Non-violent transfer of territory"
                               and e.event_type == "Strategic developments" and e.actor1_side == "UA"
                               for e in territorial)


def test_every_observation_cites_the_sentence_that_names_its_place(run):
    text = ("Russia claims capture of Ocheretyne\n\nRussia's defence ministry said on Sunday that its forces had "
            "liberated the village of Ocheretyne. Fierce battles for the town of Avdiivka continued, Ukraine's "
            "General Staff said.\n")
    r = run(text)
    assert {(c.side, c.change, c.place) for c in r.control} == {("RU", "gained", "Ocheretyne"),
                                                               ("RU", "contested", "Avdiyivka")}
    assert all(c.place[:4] in c.evidence.text for c in r.control)  # the sentence that names the place


def test_unnamed_villages_taken_in_a_named_region_are_an_event_there_and_no_observation(run):
    r = run("Ukrainian forces recaptured several villages in the Kharkiv region on Sunday, the General Staff "
            "said.\n")
    assert r.control == ()
    (event,) = [e for e in r.events if "territory" in e.sub_event_type]
    assert event.sub_event_type == "Government regains territory" and event.actor1_side == "UA"
    assert event.location is not None and 49 < event.location.lat < 50.5  # the Kharkiv region


def test_a_capture_the_event_model_finds_with_no_taker_named_is_the_enemys_of_the_places_state(run):
    r = run("The village of Robotyne was captured on Sunday, Ukraine's General Staff said.\n")
    territorial = [e for e in r.events if "territory" in e.sub_event_type]
    assert territorial and all((e.sub_event_type, e.actor1_side) == ("Non-state actor overtakes territory", "RU")
                               for e in territorial)  # never Ukraine regaining it because Ukraine tells it


def test_fighting_that_goes_on_for_a_town_partly_held_is_contested_by_the_holder(run):
    r = run("Heavy fighting continues for the town of Vovchansk, where Russian troops hold the northern part, "
            "officials said.\n")
    assert changes(r) == [("RU", "contested", "Vovchansk")]


def test_a_capture_told_with_an_apposition_about_its_size_is_a_change(run):
    r = run("Russian forces captured the town of Avdiivka on Saturday after Ukrainian troops withdrew, the biggest "
            "Russian gain in nine months, officials on both sides said.\n")
    assert ("RU", "gained", "Avdiyivka") in changes(r)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kyiv says its forces have recaptured the village of Robotyne in the southern Zaporizhzhia region.\n",
     ("UA", "gained", "Robotyne")),  # the NER calls the name a nationality; the gazetteer lacks the village
    ("The Wagner group claimed it had taken Soledar, a claim Kyiv denied.\n", ("RU", "gained", "Soledar")),
])
def test_a_settlement_the_tagger_misreads_is_still_the_place_that_changed_hands(run, sentence, expected):
    assert expected in changes(run(sentence))


def test_someone_taken_to_hospital_is_no_place(run):
    r = run("The Prime Minister was taken by helicopter to a hospital in Banska Bystrica.\n")
    assert r.control == () and all(e.location is None or e.location.name != "Prime Minister" for e in r.events)


def test_a_national_flag_raised_over_a_village_is_its_gain_by_the_flags_side(run):
    r = run("The Ukrainian flag was raised over the village of Staromaiorske, the military said.\n")
    assert changes(r) == [("UA", "gained", "Staromaiorske")]
    assert run("Protesters raised the flag of their movement in the main square of Tbilisi.\n").control == ()


def test_a_capture_of_a_village_held_since_long_ago_is_news(run):
    r = run("Russia's defence ministry said on Sunday its troops had captured the village of Pisky, which Ukraine "
            "had held since 2014.\n", "2022-08-21")
    assert changes(r) == [("RU", "gained", "Pisky")]
    assert run("Russia has occupied Crimea since 2014, officials said.\n").control == ()


def test_a_capture_listed_among_the_aims_of_an_effort_is_no_change_and_debris_left_behind_is_no_withdrawal(extractor):
    import datetime as dt

    from wirewatch.models import Article

    def control(text):
        (r,) = list(extractor.process([Article(id="t", text=text, published=dt.date(2024, 1, 7))]))
        return [(c.place, c.side, c.change) for c in r.control]

    assert control("The enemy is concentrating efforts to break through our defenses west of Bakhmut, exit to the "
                   "canal, capture the settlement of Chasiv Yar, and create conditions for an advance, the general "
                   "said on Monday.\n") == []
    assert control("He toured a devastated part of Irpin on Monday, seeing the debris left behind by Russian shelling "
                   "of the city.\n") == []
    assert control("Russian forces captured Soledar on Monday, the ministry said.\n") == [("Soledar", "RU", "gained")]


def test_a_battle_named_as_an_episode_is_no_fighting_reported(run):
    assert not changes(run("Chapter 3: the battle for Mariupol\n"))
    assert not changes(run("His fear was that the victory in the battle for Kyiv made people complacent, the "
                           "minister said on Monday.\n"))
    fought = run("Fierce battles for the town of Avdiivka continued on Monday, the General Staff said.\n")
    assert [(change, place) for _, change, place in changes(fought)] == [("contested", "Avdiyivka")]


def test_the_town_a_fallen_town_is_said_to_be_in_has_not_fallen(run):
    r = run("Kyiv, May 3. The British defence ministry said the town of Lyman, in Donetsk, has fallen.\n", "2022-05-03")
    assert [c.place for c in r.control] == ["Lyman"]
    assert [e.location.name for e in r.events if e.location] == ["Lyman"]
