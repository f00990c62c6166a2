"""The conflict profile (parties, aliases, sides) and entity canonicalisation inside a document."""

from __future__ import annotations

import datetime as dt

import pytest

from wirewatch.profile import load_profile


@pytest.fixture(scope="module")
def profile():
    return load_profile("russia-ukraine")


@pytest.mark.parametrize(("phrase", "side"), [
    ("Kyiv's forces", "UA"), ("Kyiv’s forces", "UA"), ("the Ukrainian army", "UA"), ("ZSU", "UA"),
    ("Moscow's troops", "RU"), ("Russian troops", "RU"), ("The Russian Defence Ministry", "RU"),
    ("the ISW", "THIRD"), ("Zelensky", "UA"), ("Volodomyr Zelenskyy", "UA"),
])
def test_aliases_name_parties_with_sides(profile, phrase, side):
    assert profile.side_of(phrase) == side


@pytest.mark.parametrize(("phrase", "speaker", "side"), [
    ("the enemy", "UA", "RU"), ("the occupiers", "UA", "RU"), ("invaders", "UA", "RU"),
    ("the enemy", "RU", "UA"), ("the enemy", None, None),
])
def test_hostile_phrases_mean_the_speakers_opponent(profile, phrase, speaker, side):
    assert profile.side_of(phrase, speaker) == side


def test_the_profile_knows_which_state_regains_territory(profile):
    assert profile.government == ("UA",)
    assert profile.opponents["UA"] == "RU" and profile.start == dt.date(2022, 2, 24)


def test_a_profile_file_by_path_configures_another_conflict(tmp_path):
    path = tmp_path / "ruritania.toml"
    path.write_text('name = "ruritania"\nhostile = ["the rebels"]\n'
                    '[[sides]]\ncode = "GOV"\ncountry = "RR"\ngoverns = true\nopponent = "REB"\n'
                    '[[sides]]\ncode = "REB"\nopponent = "GOV"\n'
                    '[[parties]]\nname = "Ruritanian Army"\nside = "GOV"\nkind = "military"\n'
                    'aliases = ["government troops"]\n', encoding="utf-8")
    conflict = load_profile(str(path))
    assert conflict.side_of("Government troops") == "GOV"
    assert conflict.side_of("the rebels", "GOV") == "REB"
    assert conflict.government == ("GOV",)


def _entities(extractor, text: str, published: dt.date) -> list:
    """The entities wirewatch finds in one article."""
    from wirewatch.models import Article

    (result,) = list(extractor.process([Article(id="e", text=text, published=published)]))
    return result.entities


def test_people_are_one_entity_across_spellings_and_get_sides(extractor):
    text = ("Zelensky praises troops\n\nUkrainian President Volodymyr Zelenskyy thanked the army on Tuesday. "
            "Kharkiv governor Oleh Synegubov said the shelling had stopped. Later Synehubov said two "
            "villages were cleared of mines. Zelensky said the fight would go on. The Ukrainian president "
            "also met Russians who had surrendered.\n")
    entities = _entities(extractor, text, dt.date(2022, 5, 12))
    people = {e.span.text: e for e in entities if e.label == "PERSON"}
    assert {people[n].canonical for n in ("Zelensky", "Volodymyr Zelenskyy") if n in people} == \
        {"Volodymyr Zelenskyy"}
    assert {e.side for e in entities if e.canonical == "Volodymyr Zelenskyy"} == {"UA"}
    governors = {e.canonical for e in entities if e.span.text in ("Oleh Synegubov", "Synehubov")}
    assert len(governors) == 1
    role = next(e for e in entities if e.span.text == "Ukrainian president")
    assert (role.canonical, role.side, role.affiliation) == ("Volodymyr Zelenskyy", "UA", "President of Ukraine")
    assert {e.side for e in entities if e.span.text == "Russians"} == {"RU"}


def test_a_side_word_inside_a_phrase_gives_its_side():
    profile = load_profile()
    assert profile.side_in("Kyiv's envoy") == "UA"
    assert profile.side_in("Kharkiv's regional governor") is None  # a town is no side (its official: see below)
    assert profile.side_in("a Kremlin spokesman") == "RU"
    assert profile.side_in("Ukrainian forces") == "UA"  # a whole alias
    assert profile.side_in("a Red Cross official") is None


def test_an_official_takes_the_side_of_the_place_their_role_names(extractor):
    text = ("Strike on Derhachi\n\nVyacheslav Zadorenko, head of the Derhachi military administration, said three "
            "houses burned overnight. Across the border, the governor of the Kursk region, Roman Starovoit, said a "
            "village had been shelled. Vitaly Ganchev, the Russian-installed head of the Kupiansk administration, "
            "said the town was calm. Maria Jensen, a Red Cross official, said aid had arrived in Lozova.\n")
    side = {e.span.text: e.side for e in _entities(extractor, text, dt.date(2022, 5, 14)) if e.label == "PERSON"}
    assert side["Vyacheslav Zadorenko"] == "UA"  # Derhachi lies in Ukraine
    assert side["Roman Starovoit"] == "RU"  # the Kursk region in Russia
    assert side["Vitaly Ganchev"] == "RU"  # "Russian-installed" outweighs the Ukrainian town
    assert side["Maria Jensen"] is None  # a place in the sentence, but not in her role


def test_a_name_set_beside_a_role_takes_that_role_only(extractor):
    text = ("Talks in Warsaw\n\nThe prime minister will travel to Warsaw on Friday to discuss the threat from Russia "
            "with the Polish president, Andrzej Duda, and the Nato chief, Mark Rutte.\n")
    people = {e.span.text: e for e in _entities(extractor, text, dt.date(2024, 6, 5)) if e.label == "PERSON"}
    assert (people["Andrzej Duda"].affiliation, people["Andrzej Duda"].side) == ("Polish president", None)
    assert people["Mark Rutte"].side is None


def test_officials_the_profile_knows_have_sides_without_a_title():
    profile = load_profile()
    assert [profile.side_in(n) for n in ("Synegubov", "Oleh Syniehubov", "Konashenkov", "Terekhov")] == \
        ["UA", "UA", "RU", "UA"]
    assert profile.side_in("Britain's Ministry of Defence") == "THIRD"  # a third country, not a side
