"""Conflict profiles own the sides: codes, states, defending governments, ACLED actor names and types."""

from __future__ import annotations

import pytest

from wirewatch.profile import INTER, bundled_profiles, load_profile


@pytest.fixture(scope="module")
def ukraine():
    return load_profile("russia-ukraine")


@pytest.fixture(scope="module")
def sudan():
    return load_profile("sudan-2023")


@pytest.fixture(scope="module")
def default():
    return load_profile("default")


def test_bundled_profiles_load_and_every_entry_says_where_it_comes_from():
    assert {"russia-ukraine", "sudan-2023", "default"} <= set(bundled_profiles())
    for name in bundled_profiles():
        profile = load_profile(name)
        for entry in (*profile.sides, *profile.parties, *profile.actors):
            assert entry.source, f"{name}: {entry} has no source"


def test_russia_ukraine_sides_states_and_government(ukraine):
    assert ukraine.side_codes == ("UA", "RU")
    assert ukraine.all_sides == ("UA", "RU", "THIRD", "CIVILIAN")
    assert ukraine.country_of("RU") == "RU" and ukraine.side_of_country("UA") == "UA"
    assert ukraine.government_of("UA") == "UA" and ukraine.government_of("RU") is None
    assert ukraine.side_named("the Kremlin") == "RU" and ukraine.side_named("Ukrainians") == "UA"
    assert ukraine.side_named("Kharkiv") is None and ukraine.side_in("a hotel in Kharkiv") is None  # a town is no side


def test_russia_ukraine_acled_actors_carry_acled_periods_and_types(ukraine):
    assert ukraine.actor("military", "RU", side="RU").name == "Military Forces of Russia (2000-)"
    assert ukraine.actor("military", "UA", side="UA").name == "Military Forces of Ukraine (2019-)"
    # Russian forces fighting in Ukraine are Russia's, not Ukraine's, and external there (8)
    assert ukraine.actor("military", "UA", side="RU").name == "Military Forces of Russia (2000-)"
    assert ukraine.inter("Military Forces of Russia (2000-)", "UA") == INTER["external"] == 8
    assert ukraine.inter("Military Forces of Ukraine (2019-)", "UA") == 1
    assert ukraine.actor("civilians", "UA").name == "Civilians (Ukraine)"
    assert ukraine.actor("protesters", "UA").name == "Protesters (Ukraine)"
    assert ukraine.inter("Protesters (Ukraine)", "UA") == 6
    assert ukraine.inter("Rioters (Russia)", "RU") == 5


def test_sudan_has_a_state_side_and_a_non_state_side(sudan):
    assert sudan.side_codes == ("SAF", "RSF")
    assert sudan.government == ("SAF",) and sudan.government_of("SD") == "SAF"
    assert sudan.country_of("RSF") is None and sudan.side_of_country("SD") == "SAF"
    assert sudan.side_of("Hemedti") == "RSF" and sudan.side_of("the Sudanese army") == "SAF"
    assert sudan.side_of("the rebel militia", "SAF") == "RSF"
    assert sudan.side_in("an RSF commander") == "RSF"
    assert sudan.actor("military", "SD", side="SAF").name == "Military Forces of Sudan (2019-)"
    assert sudan.inter("Rapid Support Forces", "SD") == INTER["rebels"]
    assert sudan.actor("civilians", "SD").name == "Civilians (Sudan)"


def test_default_profile_builds_acled_names_from_the_country(default):
    assert default.side_codes == () and default.all_sides == ("THIRD", "CIVILIAN")
    assert default.parties == () and default.government_of("SY") is None
    assert default.side_of("Russian troops") is None
    assert default.actor("military", "SY").name == "Military Forces of Syria"
    assert default.actor("police", "KE").name == "Police Forces of Kenya"
    assert default.actor("civilians", "SD").name == "Civilians (Sudan)"
    assert default.actor("protesters", "GE").name == "Protesters (Georgia)"
    assert default.inter("Military Forces of Syria", "SY") == 1
    assert default.inter("Military Forces of Syria", "LB") == 8
    assert default.inter("Civilians (Sudan)", "SD") == 7
    assert default.inter("an armed group", "SD") is None


def test_a_profile_naming_a_side_it_does_not_define_is_refused(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "broken"\n[[sides]]\ncode = "A"\nopponent = "B"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="B"):
        load_profile(str(path))
    with pytest.raises(ValueError, match="no profile"):
        load_profile("atlantis-2031")


def test_land_held_before_the_war_belongs_to_its_holder_from_that_day():
    import datetime as dt

    from wirewatch.profile import load_profile

    profile = load_profile("russia-ukraine")
    assert profile.holder("UA", "Avtonomna Respublika Krym", "Yalta", dt.date(2023, 7, 17)) == "RU"
    assert profile.holder("UA", "Donetska oblast", "Horlivka", dt.date(2024, 1, 1)) == "RU"
    assert profile.holder("UA", "Donetska oblast", "Kramatorsk", dt.date(2024, 1, 1)) == "UA"
    assert profile.holder("UA", "Avtonomna Respublika Krym", "Yalta", dt.date(2013, 1, 1)) == "UA"
