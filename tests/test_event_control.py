"""Control observations (docs/codebook.md section 6) on short articles written for these tests:
the subject of the territory verb and its side, the claimant, attempts, civilians leaving."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.models import Article, DocResult


@pytest.fixture(scope="module")
def run(extractor):
    def go(text: str, published: str = "2024-05-14") -> DocResult:
        (result,) = list(extractor.process([Article(id="t", text=text, published=dt.date.fromisoformat(published))]))
        assert isinstance(result, DocResult)
        return result

    return go


def changes(result: DocResult) -> list[tuple[str | None, str, str]]:
    return [(c.side, c.change, c.place) for c in result.control]


def territory(result: DocResult) -> list[str]:
    return [e.sub_event_type for e in result.events if "territory" in e.sub_event_type]


@pytest.mark.parametrize("sentence", [
    "Russia's defence ministry said its troops had repelled a Ukrainian attempt to retake the village of Krynky.\n",
    "Russian troops are trying to capture the village of Ocheretyne, the General Staff said on Monday.\n",
    "Ukrainian forces launched an offensive to recapture the town of Vuhledar, the governor said on Monday.\n",
])
def test_attempts_are_not_changes_even_when_repelled(run, sentence):
    r = run(sentence)
    assert r.control == ()
    assert territory(r) == []


def test_regaining_control_is_one_change_with_one_event(run):
    r = run("Ukrainian forces have regained control of the village of Staromaiorske, the defence minister said "
            "on Thursday.\n")
    assert changes(r) == [("UA", "gained", "Staromaiorske")]
    assert territory(r) == ["Government regains territory"]


@pytest.mark.parametrize("sentence", [
    "Civilians were evacuated from Vovchansk on Friday, the governor said.\n",
    "Residents left the town of Vuhledar on Friday as shelling intensified, the governor said.\n",
])
def test_civilians_leaving_a_town_is_no_change_of_hands(run, sentence):
    r = run(sentence)
    assert r.control == ()
    assert territory(r) == []


def test_taking_a_village_is_a_capture(run):
    r = run("Moscow said on Sunday that its troops had taken the village of Ocheretyne.\n")
    assert changes(r) == [("RU", "gained", "Ocheretyne")]


def test_troops_withdrawing_lose_the_town(run):
    r = run("Ukraine's military said on Tuesday that its forces had been forced to withdraw from the town of "
            "Avdiivka.\n")
    assert changes(r) == [("UA", "lost", "Avdiyivka")]
    assert territory(r) == ["Non-violent transfer of territory"]


def test_a_capture_told_as_a_subject_changes_only_the_places_of_its_phrase(run):
    r = run("Russia's defence ministry said on Sunday: \"The liberation of Kurakhove deprived the enemy of the "
            "means to shell the people of Donetsk.\"\n")
    assert [place for _, _, place in changes(r)] == ["Kurakhove"]


def test_battles_for_a_list_of_regions_contest_no_city(run):
    r = run("The soldiers had fought in the battles for Chernihiv, Sumy and Zaporizhzhia oblasts, the agency "
            "said on Friday.\n")
    assert r.control == ()


@pytest.mark.parametrize("sentence", [
    "The village lies ten kilometres south of Kurakhove, which Russian troops have stormed, the governor said.\n",
    "The hamlet is a short drive east of Kurakhove, which Russian troops have stormed and now aim to surround, "
    "the governor said.\n",
])
def test_a_town_troops_have_stormed_is_contested(run, sentence):
    r = run(sentence, "2024-12-14")
    assert changes(r) == [("RU", "contested", "Kurakhove")]


@pytest.mark.parametrize("sentence", [
    "Debris from a downed drone fell on a house in the village of Ocheretyne overnight, the governor said.\n",
    "A missile fell in Kramatorsk on Monday, the mayor said.\n",
])
def test_something_falling_on_a_town_changes_no_hands(run, sentence):
    r = run(sentence)
    assert r.control == ()
    assert territory(r) == []


def test_a_town_falls_to_the_force_named_or_is_lost_by_its_own_state(run):
    r = run("The town of Bakhmut fell to Russian forces on Saturday, Ukraine's military said.\n")
    assert changes(r) == [("RU", "gained", "Bakhmut")]
    assert territory(r) == ["Non-state actor overtakes territory"]
    r = run("The town of Vuhledar has fallen, Ukrainian officials said on Wednesday.\n")
    assert changes(r) == [("UA", "lost", "Vuhledar")]


def test_a_party_claiming_to_have_captured_a_village_is_its_gain(run):
    r = run("Russia claimed on Tuesday to have captured the village of Ocheretyne.\n")
    assert changes(r) == [("RU", "gained", "Ocheretyne")]


@pytest.mark.parametrize("sentence", [
    "Russia occupied the city of Melitopol in the first days of the full-scale invasion.\n",
    "Russian troops captured the town of Kupiansk at the start of the war, the mayor said on Monday.\n",
])
def test_a_change_dated_by_the_wars_beginning_is_background(run, sentence):
    assert run(sentence).control == ()


def test_an_anniversary_of_a_liberation_is_no_change(run):
    assert run("Residents marked the anniversary of the liberation of Kherson on Monday.\n").control == ()


def test_a_capture_in_a_phrase_belongs_to_the_subject_of_its_clause_not_to_the_claimant(run):
    r = run("After capturing Avdiivka, Russian troops moved on to the village of Ocheretyne, which they took on "
            "Sunday, Ukraine's General Staff said.\n")
    assert sorted(changes(r)) == [("RU", "gained", "Avdiyivka"), ("RU", "gained", "Ocheretyne")]


@pytest.mark.parametrize("sentence", [
    "Russian forces have encircled the town of Avdiivka, Ukraine's military said on Friday.\n",
    "Russian troops broke into the town of Avdiivka on Friday, the governor said.\n",
])
def test_a_town_encircled_or_broken_into_is_contested(run, sentence):
    assert changes(run(sentence)) == [("RU", "contested", "Avdiyivka")]


def test_leaving_positions_near_a_village_loses_no_village(run):
    r = run("Ukrainian troops withdrew from positions near the village of Robotyne, the General Staff said on "
            "Tuesday.\n")
    assert r.control == ()


def test_a_retreat_the_event_model_finds_is_the_leavers_transfer_never_their_regain(run):
    r = run("Ukrainian troops were forced to retreat from positions near Robotyne, the General Staff said on "
            "Tuesday.\n")
    territorial = [e for e in r.events if "territory" in e.sub_event_type]
    assert territorial and all(e.sub_event_type == "Non-violent transfer of territory"
                               and e.event_type == "Strategic developments" and e.actor1_side == "UA"
                               for e in territorial)


def test_fighting_for_a_town_told_by_its_defender_is_contested_by_the_attacker(run):
    r = run("Fierce battles for the town of Avdiivka continued on Monday, Ukraine's General Staff said.\n")
    assert changes(r) == [("RU", "contested", "Avdiyivka")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The village of Ocheretyne has been occupied, Ukraine's General Staff said on Monday.\n", "RU"),
    ("The village of Ocheretyne was captured on Sunday, Ukraine's General Staff said on Monday.\n", "RU"),
    ("The village of Ocheretyne has been liberated, the Russian defence ministry said on Monday.\n", "RU"),
    ("The enemy has been driven out of the village of Robotyne, Ukraine's military said on Tuesday.\n", "UA"),
    ("Ukrainian units were driven out of the village of Krynky, the Russian defence ministry said.\n", "RU"),
])
def test_with_no_taker_named_the_verb_and_the_claimant_say_who_gains(run, sentence, expected):
    ((side, change, _),) = changes(run(sentence))
    assert (side, change) == (expected, "gained")


@pytest.mark.parametrize("sentence", [
    "Russian troops control about half of Vovchansk, the governor said on Monday.\n",
    "Russian forces now hold 80 percent of the town of Vovchansk, the governor said on Monday.\n",
    "Russian forces have gained a foothold in the town of Vovchansk, the governor said on Monday.\n",
])
def test_a_town_a_side_partly_holds_is_contested(run, sentence):
    assert changes(run(sentence)) == [("RU", "contested", "Vovchansk")]


def test_a_share_of_a_region_held_is_still_a_state(run):
    assert run("Russian forces control about 70% of the Zaporizhzhia region, officials said on Monday.\n").control == ()


def test_every_observation_cites_the_text_that_states_it(run):
    text = ("Russia claims capture of Ocheretyne\n\nRussia's defence ministry said on Sunday that its forces had "
            "liberated the village of Ocheretyne. Fierce battles for the town of Avdiivka continued, Ukraine's "
            "General Staff said.\n")
    r = run(text)
    assert {(c.side, c.change, c.place) for c in r.control} == {("RU", "gained", "Ocheretyne"),
                                                               ("RU", "contested", "Avdiyivka")}
    for c in r.control:
        assert c.evidence.text == text[c.evidence.start:c.evidence.end]
        assert c.place[:4] in c.evidence.text  # the sentence that names the place


def test_a_contest_the_same_source_reports_as_a_change_of_hands_is_that_change(run):
    r = run("As the battle for Bakhmut went on, Russian forces took control of the town of Bakhmut on Saturday, "
            "Ukrainian officials said.\n", "2023-05-20")
    assert changes(r) == [("RU", "gained", "Bakhmut")]


def test_one_party_claims_the_capture_the_other_the_fight_both_are_kept(run):
    r = run("Russia's defence ministry said on Saturday that its forces had captured the town of Avdiivka. "
            "Ukraine's General Staff said on Saturday that battles for the town of Avdiivka were continuing.\n")
    assert sorted(changes(r)) == [("RU", "contested", "Avdiyivka"), ("RU", "gained", "Avdiyivka")]


def test_an_office_named_earlier_with_its_country_is_the_claimant_of_its_liberations(run):
    r = run("Russia's defence ministry gave its daily update on Sunday.\n\n\"Units of the Centre group liberated "
            "the village of Ocheretyne,\" the ministry said.\n")
    assert changes(r) == [("RU", "gained", "Ocheretyne")]


def test_unnamed_villages_taken_in_a_named_region_are_an_event_there_and_no_observation(run):
    r = run("Ukrainian forces recaptured several villages in the Kharkiv region on Sunday, the General Staff "
            "said.\n")
    assert r.control == ()
    (event,) = [e for e in r.events if "territory" in e.sub_event_type]
    assert event.sub_event_type == "Government regains territory" and event.actor1_side == "UA"
    assert event.location is not None and 49 < event.location.lat < 50.5  # the Kharkiv region


@pytest.mark.parametrize("sentence", [
    "Russian forces have advanced into the centre of Vovchansk, the governor said on Monday.\n",
    "Russian troops pushed into Vovchansk on Friday, the governor said.\n",
    "Russian troops were fighting in the town of Vovchansk on Friday, the governor said.\n",
])
def test_a_town_entered_or_fought_in_is_contested(run, sentence):
    assert changes(run(sentence)) == [("RU", "contested", "Vovchansk")]


def test_advancing_into_a_region_or_towards_a_town_is_no_contest(run):
    assert run("Russian forces advanced into the Kharkiv region on Friday, the governor said.\n").control == ()
    assert run("Ukrainian troops advanced towards Vovchansk on Friday, the governor said.\n").control == ()
