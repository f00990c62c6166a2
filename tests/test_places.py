"""Places: spelling variants, abbreviations, recognition traps and namesakes, on short in-house fixtures."""

from __future__ import annotations

import pytest

from place_lookup import places

from wirewatch.places import Gazetteer, PlaceFinder, name_key
from wirewatch.places.outlet import outlet_home


# -- names as news writes them ---------------------------------------------------------------------------

@pytest.mark.parametrize("variants", [
    ("Kharkiv", "Kharkov", "Harkiv"), ("Izyum", "Izium"), ("Chuhuiv", "Chuhuyiv", "Chuguev"), ("Kyiv", "Kiev"),
    ("Mykolaiv", "Mykolayiv"), ("Lysychansk", "Lisichansk"), ("Kramatorsk", "Kramators'k"),
    ("Jisr al-Shughur", "Jisr ash Shughur"), ("al-Raqqa", "ar-Raqqa"),  # the Arabic article before a sun letter
])
def test_transliterations_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({name_key(v) for v in variants}) == 1


@pytest.mark.parametrize("spelling,geonameid", [
    ("Kharkov", 706483), ("Izium", 707292), ("Chuguev", 710374), ("Chuhuiv", 710374), ("Nikolaev", 700569),
    ("Kiev", 703448),
])
def test_transliterations_find_the_town(gazetteer: Gazetteer, spelling: str, geonameid: int) -> None:
    assert geonameid in [c.geonameid for c in gazetteer.candidates(spelling)]


def test_entries_keep_their_other_names(gazetteer: Gazetteer) -> None:
    kharkiv = gazetteer.with_names(gazetteer.get(706483))
    assert "Kharkov" in kharkiv.alternate_names and kharkiv.name not in kharkiv.alternate_names
    assert kharkiv.admin1 == "Kharkivska oblast" and kharkiv.population > 1_000_000


def test_a_shared_key_is_not_a_name(gazetteer: Gazetteer) -> None:
    yuli = gazetteer.candidates("July")[0]
    assert yuli.name == "Yuli" and not gazetteer.is_name(yuli, "July")
    kharkiv = gazetteer.get(706483)
    assert gazetteer.is_name(kharkiv, "Kharkov") and not gazetteer.is_main_name(kharkiv, "Kharkov")
    assert gazetteer.is_main_name(gazetteer.get(706482), "Kharkiv")  # Kharkivska oblast, as news names it


@pytest.mark.parametrize("text,country,admin1", [
    ("Ky.", "US", "Kentucky"), ("W.Va.", "US", "West Virginia"), ("Calif.", "US", "California"),
    ("U.S.", "US", None), ("UK", "GB", None), ("DPRK", "KP", None),
])
def test_abbreviations(gazetteer: Gazetteer, text: str, country: str, admin1: str | None) -> None:
    top = gazetteer.candidates(text)[0]
    assert top.country_code == country
    assert top.admin1 == admin1 if admin1 else top.feature_code == "PCLI"


def test_postal_codes_name_divisions_of_three_countries(gazetteer: Gazetteer) -> None:
    assert [c.name for c in gazetteer.postal_candidates("BC")] == ["British Columbia"]
    assert {c.country_code for c in gazetteer.postal_candidates("WA")} == {"US", "AU"}


def test_counties_keep_their_own_state(gazetteer: Gazetteer) -> None:
    counties = {c.admin1: c for c in gazetteer.candidates("Orange County") if c.feature_code == "ADM2"}
    assert {"California", "Florida", "New York"} <= set(counties)
    assert counties["California"].lon < -115 and counties["Florida"].lon > -83


def test_features_and_regions_are_in_the_gazetteer(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Donbass")[0].name == "Donbas"
    assert any(c.feature_code == "OCN" for c in gazetteer.candidates("Atlantic"))


# -- recognition -----------------------------------------------------------------------------------------

def test_places_the_ner_mislabels_are_found(nlp, finder: PlaceFinder) -> None:
    text = ("Shelling resumed near Belgorod overnight. Mariupol remains cut off, and Kyiv said convoys to "
            "Crimea had stopped.")
    found = places(nlp, finder, text)
    assert found["Belgorod"][0].country_code == "RU"
    assert found["Mariupol"][0].admin1 == "Donetska oblast"
    assert found["Kyiv"][0].geonameid == 703448
    assert found["Crimea"][0].country_code == "UA"


def test_villages_the_ner_calls_people_are_found_by_what_the_sentence_says(nlp, finder: PlaceFinder) -> None:
    text = ("The villages of Cherkaski Tyshky and Ruska Lozova were liberated on Saturday. "
            "Ukrainian forces recaptured Staryi Saltiv on Tuesday.")
    found = places(nlp, finder, text)
    assert {found[name][0].admin1 for name in ("Cherkaski Tyshky", "Ruska Lozova", "Staryi Saltiv")} == {
        "Kharkivska oblast"}


def test_a_person_the_sentence_does_not_place_stays_a_person(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Ruska Lozova told reporters the convoy had left.")
    assert "Ruska Lozova" not in found


def test_people_and_units_named_like_places_are_not_places(nlp, finder: PlaceFinder) -> None:
    text = ("Uncle Roma stayed in the cellar with the neighbours. Fighters of the Azov regiment held the plant. "
            "In July the market reopened, and Mr. Lincoln said prices had doubled.")
    found = places(nlp, finder, text)
    assert not {"Roma", "Azov", "July", "Lincoln"} & set(found)


def test_an_organisation_is_not_the_city_it_is_a_foreign_name_of(nlp, finder: PlaceFinder) -> None:
    text = ("Egypt's attack in 1973 was, like that of Hamas, a surprise. Israel vowed the destruction of Hamas. "
            "A missile struck a playground in the president's hometown of Kryvyi Rih on Friday.")
    found = places(nlp, finder, text)
    assert "Hamas" not in found  # a name of Hamm, Germany, in some language
    assert found["Kryvyi Rih"][0].admin1 == "Dnipropetrovska oblast"


def test_two_spellings_are_one_place(nlp, finder: PlaceFinder) -> None:
    text = ("Ukrainian forces pushed towards Izyum on Tuesday. Residents who fled Izium said the bridge was "
            "down.")
    found = places(nlp, finder, text)
    assert found["Izyum"][0].geonameid == found["Izium"][0].geonameid == 707292


def test_region_and_oblast_name_the_division(nlp, finder: PlaceFinder) -> None:
    text = "Strikes hit the Kharkiv region again. In Kharkiv oblast, schools stayed shut. Kharkiv itself was calm."
    found = places(nlp, finder, text)
    assert found["Kharkiv region"][0].feature_code == "ADM1"
    assert found["Kharkiv oblast"][0].geonameid == 706482
    assert found["Kharkiv"][0].geonameid == 706483


def test_the_donbas_resolves(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Moscow has moved its reserves to the Donbas, officials said.")
    assert found["Donbas"][0].name == "Donbas" and found["Donbas"][0].lat is not None


def test_demonyms_are_reported_only_when_asked(nlp, finder: PlaceFinder, finder_demonyms: PlaceFinder) -> None:
    text = "Ukrainian troops crossed the river while Russian artillery fired. The talks were held in English."
    assert "Ukrainian" not in places(nlp, finder, text)
    found = places(nlp, finder_demonyms, text)
    assert found["Ukrainian"][0].country_code == "UA" and found["Russian"][0].country_code == "RU"
    assert "English" not in found  # the language, not England


# -- resolution: namesakes -------------------------------------------------------------------------------

def test_zolochiv_in_the_kharkiv_region(nlp, finder: PlaceFinder) -> None:
    text = ("Shelling was reported in Zolochiv, in the Kharkiv region, and in Derhachi, north of the city of "
            "Kharkiv.")
    zolochiv = places(nlp, finder, text)["Zolochiv"][0]
    assert zolochiv.admin1 == "Kharkivska oblast"


def test_zolochiv_in_a_lviv_story(nlp, finder: PlaceFinder) -> None:
    text = "The museum in Zolochiv, a town east of Lviv, reopened its castle to visitors."
    assert places(nlp, finder, text)["Zolochiv"][0].admin1 == "Lvivska oblast"


def test_state_abbreviation_after_a_town(nlp, finder: PlaceFinder) -> None:
    text = "CHARLESTON, W.Va. (AP) - The river crested overnight. Floods also hit Louisville, Ky., by noon."
    found = places(nlp, finder, text)
    assert found["W.Va."][0].admin1 == "West Virginia"
    assert found["Ky."][0].admin1 == "Kentucky"
    assert found["Louisville"][0].admin1 == "Kentucky"


def test_postal_code_after_a_town(nlp, finder: PlaceFinder) -> None:
    text = "The ferry from Nanaimo, BC was cancelled because of high winds."
    found = places(nlp, finder, text)
    assert found["BC"][0].name == "British Columbia"
    assert found["Nanaimo"][0].country_code == "CA"


def test_georgia_the_state_among_us_places(nlp, finder: PlaceFinder) -> None:
    text = ("Storms moved from Alabama into Georgia on Monday, closing schools in Atlanta, Savannah and Macon. "
            "Georgia officials expect more rain.")
    assert {p.feature_code for p in places(nlp, finder, text)["Georgia"]} == {"ADM1"}


def test_georgia_the_country_near_tbilisi(nlp, finder: PlaceFinder) -> None:
    text = "Protesters gathered in Tbilisi as Georgia's parliament debated the bill. Armenia and Turkey watched."
    found = places(nlp, finder, text)
    georgia = found.get("Georgia") or found.get("Georgia's")
    assert georgia[0].feature_code == "PCLI" and georgia[0].country_code == "GE"


def test_washington_the_city_and_the_state(nlp, finder: PlaceFinder) -> None:
    city = places(nlp, finder, "Senators returned to Washington on Monday to debate the budget.")
    assert city["Washington"][0].feature_code == "PPLC"
    state = places(nlp, finder, "Wildfires spread near Spokane and Yakima, and Washington declared an emergency.")
    assert state["Washington"][0].feature_code == "ADM1"


def test_a_country_name_is_the_country(nlp, finder: PlaceFinder) -> None:
    text = "Houston and Dallas exporters said tariffs on goods from China would hurt Texas farmers."
    assert places(nlp, finder, text)["China"][0].country_code == "CN"


def test_a_city_that_outweighs_its_division(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Traffic in Lagos and New York was the worst in years, a survey found.")
    assert found["Lagos"][0].feature_code.startswith("PPL")
    assert found["New York"][0].feature_code.startswith("PPL")


def test_the_outlet_home_decides_london(nlp, finder: PlaceFinder) -> None:
    text = "The council in London approved the new transit line on Tuesday."
    assert places(nlp, finder, text)["London"][0].country_code == "GB"
    canadian = places(nlp, finder, text, url="https://www.example-news.ca/local/transit")
    assert canadian["London"][0].country_code == "CA"


def test_outlet_home_from_address_and_name(gazetteer: Gazetteer) -> None:
    assert [e.name for e in outlet_home(gazetteer, "https://www.walesonline.co.uk/news/x")] == \
        ["Wales", "United Kingdom"]
    assert outlet_home(gazetteer, "https://www.seattletimes.com/a/b")[0].name == "Seattle"
    assert outlet_home(gazetteer, "https://www.timesofmalta.com/")[0].country_code == "MT"
    assert outlet_home(gazetteer, source="The Kyiv Independent")[0].geonameid == 703448
    assert outlet_home(gazetteer, "https://www.example.com/") == []
    assert [e.name for e in outlet_home(gazetteer, "https://news.gov.bc.ca/releases/1")] == \
        ["British Columbia", "Canada"]
    assert outlet_home(gazetteer, "https://www.cambridge-news.co.uk/")[0].country_code == "GB"


def test_scores_are_probabilities(nlp, finder: PlaceFinder) -> None:
    found = finder.find(nlp("Aid reached Kharkiv and Springfield on Friday."))
    assert all(0.0 <= p.score <= 1.0 for p in found)
    kharkiv = next(p for p in found if p.span.text == "Kharkiv")
    assert kharkiv.score > 0.5


def test_a_nation_inside_a_country_is_not_the_country(nlp, finder: PlaceFinder) -> None:
    text = "Rail strikes spread from England to Wales this week, and Scotland may follow."
    found = places(nlp, finder, text)
    assert found["Wales"][0].feature_code == "ADM1" and found["Wales"][0].name == "Wales"


def test_names_with_connectors_and_nouns_are_whole(nlp, finder: PlaceFinder) -> None:
    text = "Ministers from Trinidad and Tobago met officials who had flown in from Boa Vista on Monday."
    found = places(nlp, finder, text)
    assert found["Trinidad and Tobago"][0].feature_code == "PCLI"
    assert found["Boa Vista"][0].country_code == "BR"


def test_a_division_after_its_town_and_a_village_after_in(nlp, finder: PlaceFinder) -> None:
    text = ("Two walkers were rescued near Aberaeron, Ceredigion, on Sunday. Volunteers in Tregaron said the cliff "
            "path would stay shut.")
    found = places(nlp, finder, text)
    assert found["Ceredigion"][0].country_code == "GB"
    assert found["Tregaron"][0].country_code == "GB"


def test_demonyms_inside_names_and_mistagged(nlp, finder_demonyms: PlaceFinder) -> None:
    text = ("Volunteers at Canadian Blood Services said the anti-Russian protest was peaceful. Mines were laid by "
            "Azerbaijani soldiers.")
    found = places(nlp, finder_demonyms, text)
    assert found["Canadian"][0].country_code == "CA"
    assert found["Russian"][0].country_code == "RU"
    assert found["Azerbaijani"][0].country_code == "AZ"


def test_zolochiv_among_kharkiv_towns(nlp, finder: PlaceFinder) -> None:
    text = ("Fighting has moved to the villages of Chuhuiv, Derhachi, Zolochiv and Lozova, in the area around Izium, "
            "a spokesman said.")
    found = places(nlp, finder, text)
    assert {found[t][0].admin1 for t in ("Chuhuiv", "Derhachi", "Zolochiv", "Lozova")} == {"Kharkivska oblast"}


def test_the_pipeline_passes_the_outlet_to_places(extractor) -> None:
    from wirewatch.models import Article

    text = "Council members in London voted to extend the bus lane on Richmond Street."
    (result,) = extractor.process([Article(id="a", text=text, url="https://www.example-herald.ca/news/1")])
    london = next(p for p in result.places if p.span.text == "London")
    assert london.country_code == "CA"


def test_rivers_under_another_name_with_the(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Barges stopped after the Dnieper froze, and shares of Amazon fell in New York.")
    assert found["Dnieper"][0].name == "Dnipro"
    assert "Amazon" not in found  # the company: no article, not the river's own name


def test_a_name_taken_for_a_person_is_a_town_when_the_region_named_after_it_holds_that_town(nlp, finder) -> None:
    found = places(nlp, finder, "Drones hit the Unecha oil pumping station in Russia's Bryansk region overnight.")
    assert found["Unecha"][0].admin1 == found["Bryansk region"][0].admin1
    assert "Putin" not in places(nlp, finder, "Putin spoke to officials in the Moscow region on Monday.")


def test_a_town_the_gazetteer_lacks_keeps_its_joined_article_and_its_name_is_no_persons(nlp, finder) -> None:
    text = ("The army said it had driven the militia out of al-Khuwei, a town on the road linking El Obeid with West "
            "Kordofan state.\n\n\"Our forces have entered al-Khuwei and cleared it,\" a spokesman said.\n\nThe militia "
            "released a clip of fighters driving through what it said was al-Khuwei's market on Wednesday morning.")
    found = places(nlp, finder, text)
    assert found["al-Khuwei"][0].geonameid is None  # a settlement, unresolved, though the NER took it for a person


def test_a_four_word_country_inside_a_longer_ner_span_is_not_a_shorter_one(nlp, finder) -> None:
    found = places(nlp, finder, "GOMA, Democratic Republic of Congo - Shells fired by rebels struck a camp.")
    assert [p.country_code for p in found["Democratic Republic of Congo"]] == ["CD"]  # not the Republic of Congo


def test_a_town_under_another_spelling_of_the_arabic_article_is_found(nlp, finder) -> None:
    found = places(nlp, finder, "Warplanes struck a market in the town of Jisr al-Shughur on Thursday.")
    assert found["Jisr al-Shughur"][0].feature_code == "PPL"  # Jisr ash Shughur, not its district
    found = places(nlp, finder, "The ministry denied carrying out any air strike on Jisr al-Shughur on Thursday.")
    assert found["Jisr al-Shughur"][0].feature_code == "PPL"  # what an air strike hits is a place


def test_the_container_and_list_side_of_washington(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "A bakery in Tacoma, Washington shared its recipe. Officials in Washington praised it.")
    assert found["Washington"][0].feature_code == "ADM1"
    listed = places(nlp, finder, "Jobs moved from western states such as California or Washington to Texas.")
    assert listed["Washington"][0].feature_code == "ADM1"


def test_the_last_two_other_gazetteer_versions_are_kept_beside_a_new_one(tmp_path):
    import os

    from wirewatch.places.gazetteer import _drop_old_versions

    for age, version in enumerate(["f1-a1.0-x", "f1-a1.1-y", "f2-a1.1-z", "f3-b2.0-w"]):  # newest first
        for name in (f"gazetteer-{version}.marshal", f"gazetteer-{version}.names.marshal"):
            (tmp_path / name).write_bytes(b"")
            os.utime(tmp_path / name, (1_000_000 - age, 1_000_000 - age))
    current = tmp_path / "gazetteer-f4-new.marshal"
    current.write_bytes(b"")
    _drop_old_versions(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-f1-a1.0-x.marshal", "gazetteer-f1-a1.0-x.names.marshal",
        "gazetteer-f1-a1.1-y.marshal", "gazetteer-f1-a1.1-y.names.marshal", "gazetteer-f4-new.marshal"]


def test_names_listed_with_a_place_are_settlements_of_its_region_whatever_the_ner_says(extractor):
    from wirewatch.models import Article

    text = "Shelling hit Kherson, Beryslav and Bilozerka overnight, officials said.\n"
    (result,) = list(extractor.process([Article(id="t", text=text)]))
    assert [(p.span.text, p.admin1) for p in result.places if p.span.text != "Kherson"] == [
        ("Beryslav", "Khersonska oblast"), ("Bilozerka", "Khersonska oblast")]


def test_names_before_a_plural_division_word_are_all_divisions(extractor):
    from wirewatch.models import Article

    text = "Drones were shot down over the Bryansk and Kursk regions, the ministry said.\n"
    (result,) = list(extractor.process([Article(id="t", text=text)]))
    assert [p.feature_code for p in result.places] == ["ADM1", "ADM1"]


def test_a_name_two_towns_record_goes_to_the_one_it_is_spelled_like(extractor):
    from wirewatch.models import Article

    (result,) = list(extractor.process([Article(id="t", text="Shelling was reported near Sloviansk.\n")]))
    assert [(p.name, p.admin1) for p in result.places] == [("Slovyansk", "Donetska oblast")]


def test_nationalities_decide_between_namesakes_though_they_are_no_places(extractor):
    from wirewatch.models import Article

    text = "Israeli forces raided Jenin on Wednesday, killing five Palestinians, the Palestinian ministry said.\n"
    (result,) = list(extractor.process([Article(id="t", text=text)]))
    assert [(p.span.text, p.country_code) for p in result.places] == [("Jenin", "PS")]


def test_a_countrys_capital_named_by_description_is_a_place_but_no_toponym(nlp, finder: PlaceFinder) -> None:
    text = "Drones attacked the Ukrainian capital overnight, and the Sudanese capital was shelled on Friday."
    toponyms, described = finder.find_all(nlp(text))
    assert toponyms == []  # "Ukrainian" and "capital" are no place names
    assert [(p.span.text, p.name, p.feature_code) for p in described] == [
        ("Ukrainian capital", "Kyiv", "PPLC"), ("Sudanese capital", "Khartoum", "PPLC")]
    assert all(text[p.span.start:p.span.end] == p.span.text for p in described)
    assert finder.find_all(nlp("The Ukrainian army said the capital was calm."))[1] == []
    of = finder.find_all(nlp("Leaders met in the capital of Brazil, far from the capital of Russia's Donetsk region."))
    assert [(p.span.text, p.name) for p in of[1]] == [("capital of Brazil", "Brasília")]
    owned = finder.find_all(nlp("Missiles struck Ukraine's capital overnight."))
    assert [p.name for p in owned[0]] == ["Ukraine"] and [(p.span.text, p.name) for p in owned[1]] == [
        ("Ukraine's capital", "Kyiv")]
