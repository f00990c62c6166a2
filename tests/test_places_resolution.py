"""Places: resolution cases from the error analysis of issue 3, on short in-house sentences."""

from __future__ import annotations

from place_lookup import places

from wirewatch.places import Gazetteer, PlaceFinder


def test_a_country_under_its_short_name_beats_a_small_namesake(nlp, finder: PlaceFinder,
                                                               gazetteer: Gazetteer) -> None:
    assert gazetteer.country("RU").name == "Russia" and gazetteer.country("SY").name == "Syria"
    text = ("The coach from Louisville said the Arizona and Kentucky teams had played well, and that talk of "
            "Russia had no place in a basketball final.")
    assert places(nlp, finder, text)["Russia"][0].country_code == "RU"


def test_a_world_city_in_a_story_from_another_country(nlp, finder: PlaceFinder) -> None:
    text = ("Muralists in Chicago and Denver say the city councils of Boston and Atlanta should follow London, "
            "where street art is protected.")
    assert places(nlp, finder, text)["London"][0].country_code == "GB"
    canadian = places(nlp, finder, "The council in London approved the new transit line on Tuesday.",
                      url="https://www.example-news.ca/local/transit")
    assert canadian["London"][0].country_code == "CA"


def test_region_demonyms_are_the_region_not_a_country(nlp, finder_demonyms: PlaceFinder) -> None:
    text = ("Central American migrants crossed into Mexico, while Kurdish fighters and North American "
            "investors watched the talks.")
    found = places(nlp, finder_demonyms, text)
    assert found["Central American"][0].name == "Central America"
    assert found["Kurdish"][0].name == "Kurdistan"
    assert found["North American"][0].feature_code == "CONT"
    assert "American" not in found


def test_hyphenated_names_are_whole(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Tourism in Gilgit-Baltistan grew, and Miami-Dade schools closed for the storm.")
    assert found["Gilgit-Baltistan"][0].feature_code == "ADM1"
    assert found["Miami-Dade"][0].feature_code == "ADM2"
    assert "Gilgit" not in found and "Miami" not in found
    flights = places(nlp, finder, "The Dubai-London route reopened.")
    assert "Dubai-London" not in flights


def test_a_dateline_in_capitals(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "OKLAHOMA CITY\nTeachers rallied at the capitol for higher pay on Monday.")
    assert found["OKLAHOMA CITY"][0].feature_code.startswith("PPL")


def test_a_county_named_inside_an_office(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "The Marathon County Sheriff's Office said the driver was arrested on Friday.")
    county = found["Marathon County"][0]
    assert county.feature_code == "ADM2" and county.admin1 == "Wisconsin"


def test_a_compass_word_alone_is_no_region(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Growth in Northern Europe slowed as exports to Asia fell.")
    assert "Northern" not in found


def test_a_capital_stands_for_its_government_in_foreign_news(nlp, finder: PlaceFinder) -> None:
    text = ("Britain expelled Russian diplomats from London after the attack in Salisbury, Moscow promised to "
            "respond, and Washington said it stood with its ally.")
    found = places(nlp, finder, text)
    assert found["Washington"][0].feature_code == "PPLC" and found["Washington"][0].country_code == "US"
    assert found["Moscow"][0].country_code == "RU"


def test_the_west_coast_by_the_country_of_the_story(nlp, finder: PlaceFinder) -> None:
    us = places(nlp, finder, "Ports from Seattle to Los Angeles said the West Coast would see more ships.")
    assert us["West Coast"][0].country_code == "US"
    nz = places(nlp, finder, "Floods cut roads between Greymouth and Hokitika, and the West Coast council "
                             "asked Wellington for help.")
    assert nz["West Coast"][0].country_code == "NZ"
    europe = places(nlp, finder, "Growth in Northern Europe slowed.")
    assert europe["Northern Europe"][0].feature_code == "RGN"


def test_the_division_word_before_the_name(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Turkish troops entered the enclave of Afrin, and buses left for the province "
                                "of Idlib.")
    assert found["Afrin"][0].feature_code == "ADM2" and found["Afrin"][0].country_code == "SY"
    assert found["Idlib"][0].feature_code == "ADM1"
    town = places(nlp, finder, "Shops reopened in Afrin on Monday.")
    assert town["Afrin"][0].feature_code.startswith("PPL")


def test_divisions_without_listed_places_sit_at_their_seat(gazetteer: Gazetteer) -> None:
    afrin = next(c for c in gazetteer.candidates("Afrin") if c.feature_code == "ADM2")
    assert abs(afrin.lat - 36.5) < 0.3 and abs(afrin.lon - 36.9) < 0.3
    empty = [i for i in range(len(gazetteer)) if gazetteer._lat[i] == 0.0 and gazetteer._lon[i] == 0.0]
    assert len(empty) < 50


def test_a_city_gains_nothing_abroad_from_its_same_named_division(nlp, finder: PlaceFinder) -> None:
    text = ("An economist in St. Louis said the plan would hurt trade between Mexico, Colombia and Argentina "
            "and leave Mexico poorer.")
    found = places(nlp, finder, text)
    assert found["St. Louis"][0].country_code == "US"
    assert places(nlp, finder, "Traffic in Lagos was the worst in years.")["Lagos"][0].feature_code == "PPL"


def test_buildings_named_after_saints_and_feature_words_are_not_towns(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Pilgrims gathered in St. Peter's Basilica, and doctors at St. Mary's Hospital "
                                "in London treated two of them.")
    assert set(found) == {"London"}
    quarter = places(nlp, finder, "Jazz bands played in the French Quarter of New Orleans on Sunday.")
    assert "Quarter" not in quarter and quarter["New Orleans"][0].country_code == "US"
    town = places(nlp, finder, "Police in St. Peters, Missouri, closed the road.")
    assert town["St. Peters"][0].admin1 == "Missouri"


def test_a_town_before_its_police_or_council(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "The Beverly Hills Police Department said the driver fled toward the coast.")
    assert found["Beverly Hills"][0].admin1 == "California"
    assert places(nlp, finder, "The Hills Police said nothing.") == {}


def test_division_points_are_the_middle_of_their_extent(gazetteer: Gazetteer) -> None:
    from wirewatch.geodesy import km

    bc = next(c for c in gazetteer.candidates("British Columbia") if c.feature_code == "ADM1")
    assert km(bc.lat, bc.lon, 54.0, -125.0) < 161  # not pulled south to Vancouver and Victoria
    chukotka = next(c for c in gazetteer.candidates("Chukotka") if c.feature_code == "ADM1")
    assert abs(chukotka.lon) > 160  # across the antimeridian, not at 0°


def test_the_outlets_own_postal_code_inside_a_name(nlp, finder: PlaceFinder) -> None:
    text = "The new FrontCounter BC office in Nelson opens on Monday."
    home = places(nlp, finder, text, url="https://news.gov.bc.ca/releases/2026-0001")
    assert home["BC"][0].name == "British Columbia"
    assert "BC" not in places(nlp, finder, text, url="https://www.example.com/news/1")


def test_a_year_before_christ_is_no_province(nlp, finder: PlaceFinder) -> None:
    text = "The museum in Victoria shows tools made around 3000 BC by people of the coast."
    assert "BC" not in places(nlp, finder, text, url="https://news.gov.bc.ca/releases/2026-0002")


def test_a_village_listed_with_nearby_villages_is_not_a_namesake_a_province_away(nlp, finder: PlaceFinder) -> None:
    # the Fedorivka of this list is a Kharkiv-area village the installed data lacks; its namesakes lie in
    # other provinces, more than 100 km from the three villages listed with it
    found = places(nlp, finder, "Ukrainian troops retook the villages of Slatyne, Prudianka, Lukiantsi and "
                                "Fedorivka, the General Staff said.")
    assert found["Fedorivka"][0].geonameid is None and found["Fedorivka"][0].lat is None
    assert {found[n][0].admin1 for n in ("Slatyne", "Prudianka", "Lukiantsi")} == {"Kharkivska oblast"}
    # without a word saying they are villages a list may span a country ("Boston, Cambridge and Portland"):
    # nothing is dropped
    found = places(nlp, finder, "Russian forces shelled Slatyne, Prudianka, Lukiantsi and Fedorivka overnight.")
    assert found["Fedorivka"][0].geonameid is not None


def test_a_landmark_never_takes_a_citys_id(gazetteer: Gazetteer) -> None:
    from wirewatch.places import features
    stockholm = gazetteer.get(2673730)
    assert stockholm.name == "Stockholm" and stockholm.feature_class == "P"
    cities = {e.geonameid for e in map(gazetteer.get, (f[0] for f in features.FEATURES if f[0] > 0))
              if e is not None and e.feature_class == "P"}
    assert not cities  # a table row with a city's id would replace the city


def test_country_points_are_geonames_own(gazetteer: Gazetteer) -> None:
    from wirewatch.geodesy import km
    japan, libya = gazetteer.country("JP"), gazetteer.country("LY")
    assert km(japan.lat, japan.lon, 35.685, 139.753) < 5 and km(libya.lat, libya.lon, 28.0, 17.0) < 5


def test_a_plain_name_in_the_outlets_country(nlp, finder: PlaceFinder) -> None:
    text = ("A British soldier killed fighting in Syria was named on Friday. The US-led coalition said an American "
            "soldier from Austin, Texas also died. The sergeant was born in Manchester and joined the Parachute "
            "Regiment in Colchester.")
    british = places(nlp, finder, text, url="https://www.example-paper.co.uk/news/soldier-named")
    assert british["Manchester"][0].country_code == "GB" and british["Colchester"][0].country_code == "GB"
    assert places(nlp, finder, text)["Manchester"][0].country_code == "US"  # no outlet: the story's country
    qualified = places(nlp, finder, "He moved to Manchester, New Hampshire in May.",
                       url="https://www.example-paper.co.uk/news/moved")
    assert qualified["Manchester"][0].country_code == "US"


def test_a_plain_name_after_its_division_is_named(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "The Suffolk County Police Department said the woman had not been seen since "
                                "March. Suffolk detectives said she left her car at a ferry terminal.")
    county = found["Suffolk County"][0]
    assert county.feature_code == "ADM2" and found["Suffolk"][0].geonameid == county.geonameid  # not Virginia's
    # a city inside the named division stays the city
    kharkiv = places(nlp, finder, "Shelling hit villages across the Kharkiv region overnight. In Kharkiv itself, "
                                  "the metro was used as a shelter.")
    assert kharkiv["Kharkiv"][0].feature_code.startswith("PPL")
    # the country that holds the named division stays the country
    mexico = places(nlp, finder, "Gunmen killed four police officers in the state of Mexico on Sunday. Violence "
                                 "in Mexico has risen sharply this year.")["Mexico"]
    assert mexico[0].feature_code == "ADM1" and mexico[1].feature_code == "PCLI"


def test_a_name_the_gazetteer_lacks_is_placed_by_its_container_or_its_namesake_town(nlp, finder: PlaceFinder
                                                                                     ) -> None:
    hall = places(nlp, finder, "The pianist gave his first solo concert at the Convention Centre, Dublin, last spring.")
    assert hall["Convention Centre"][0].name == "Dublin" and hall["Convention Centre"][0].score < 0.5
    lake = places(nlp, finder, "Residents of Manassas swim in Lake Manassas every summer.")
    assert lake["Lake Manassas"][0].geonameid == lake["Manassas"][0].geonameid
    # a village the gazetteer lacks stays a village of its own (events keep it), not the region it is in
    villages = places(nlp, finder, "Ukrainian forces liberated Pytomnyk, in the Kharkiv region, on Sunday. Russian "
                                   "shelling hit Rubizhne village, Kharkiv region, overnight.")
    assert villages["Pytomnyk"][0].geonameid is None and villages["Rubizhne village"][0].geonameid is None


def test_a_person_is_no_feature_of_a_town_in_the_name(gazetteer: Gazetteer) -> None:
    import sys

    from wirewatch.places.recognise import Mention
    resolve_module = sys.modules["wirewatch.places.resolve"]
    text = "Helen Kunz left Helen."
    helen = gazetteer.candidates("Helen")
    mentions = [Mention(0, 10, "Helen Kunz", []), Mention(16, 21, "Helen", helen)]
    out = resolve_module._placed_by_parts(mentions, [(None, 0.0), (helen[0], 0.9)], text, gazetteer)
    assert out[0] == (None, 0.0)
    mentions[0] = Mention(0, 10, "Helen Lake", [])
    assert resolve_module._placed_by_parts(mentions, [(None, 0.0), (helen[0], 0.9)], text, gazetteer)[0][0] == helen[0]


def test_english_counties_the_source_lacks(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "The touring car calendar: Croft, Yorkshire in June; Snetterton, Norfolk in July; "
                                "Rockingham, Northamptonshire in August; Knockhill, Fife in September.")
    assert found["Yorkshire"][0].country_code == "GB" and found["Northamptonshire"][0].country_code == "GB"
    # the gazetteer's Rockinghams are abroad: the text says it is in Northamptonshire, so it is placed there
    assert found["Rockingham"][0].name == "Northamptonshire" and found["Rockingham"][0].score <= 0.5
    towns = places(nlp, finder, "Kettering, Northamptonshire, and Bury, Greater Manchester, reported floods.")
    assert towns["Kettering"][0].name == "Kettering" and towns["Kettering"][0].country_code == "GB"
    assert towns["Bury"][0].country_code == "GB"


def test_an_airport_and_a_theatre_district_under_their_bare_names(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Customs officers at Heathrow seized 200 reptiles bound for London pet shops.")
    assert found["Heathrow"][0].feature_code == "AIRP"
    stage = places(nlp, finder, "It turns out the Broadway star had shingles after the show's run ended.")
    assert stage["Broadway"][0].lat > 40.7 and stage["Broadway"][0].lon < -73.9  # Manhattan, not a town


def test_a_feature_named_after_a_place_of_the_story(nlp, finder: PlaceFinder, gazetteer: Gazetteer) -> None:
    import sys

    from wirewatch.places.recognise import Mention
    resolve_module = sys.modules["wirewatch.places.resolve"]
    ocean = gazetteer.candidates("Pacific Ocean")[0]
    text = "The Pacific Ocean warmed; the Pacific equatorial region cooled."
    mentions = [Mention(4, 17, "Pacific Ocean", [ocean]), Mention(30, 55, "Pacific equatorial region", [])]
    out = resolve_module._placed_by_parts(mentions, [(ocean, 1.0), (None, 0.0)], text, gazetteer)
    assert out[1] == (ocean, 0.5)
    north = gazetteer.candidates("North")[0]
    mentions = [Mention(0, 5, "North", [north]), Mention(10, 21, "River North", [])]
    out = resolve_module._placed_by_parts(mentions, [(north, 0.9), (None, 0.0)], "North and River North", gazetteer)
    assert out[1] == (None, 0.0)  # a compass word is no place a name is made of
    lake = places(nlp, finder, "The gated community near Centreville and Manassas Park has a pool; Lake Manassas "
                               "is a short drive away.")
    assert lake["Lake Manassas"][0].admin1 == "Virginia"


def test_deltas_and_english_regions_are_regions_not_the_river_or_country(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Oil spills in the Niger Delta angered the Niger Delta Development Commission. "
                                "Farmers in the Nile Delta, north of Cairo, lost crops. The East of England "
                                "Ambulance Service sent two crews.")
    assert [p.country_code for p in found["Niger Delta"]] == ["NG", "NG"] and "Niger" not in found
    assert found["Nile Delta"][0].feature_code == "RGN" and "Nile" not in found
    assert found["East of England"][0].country_code == "GB" and "England" not in found


def test_a_city_named_like_its_region_is_the_city_unless_the_text_says_region(nlp, finder: PlaceFinder) -> None:
    text = "Missiles hit Kherson and Donetsk overnight, while drones struck farms in the Sumy region."
    found = places(nlp, finder, text)
    assert found["Kherson"][0].feature_code.startswith("PPL") and found["Kherson"][0].country_code == "UA"
    assert found["Donetsk"][0].feature_code.startswith("PPL") and found["Donetsk"][0].country_code == "UA"
    assert found["Sumy region"][0].feature_code == "ADM1"


def test_a_small_namesake_abroad_loses_to_the_big_city_of_the_storys_country(nlp, finder: PlaceFinder) -> None:
    text = "Russia said Ukraine shelled a market in Donetsk, and Russia demanded a meeting of the Security Council."
    donetsk = places(nlp, finder, text)["Donetsk"][0]
    assert donetsk.country_code == "UA" and donetsk.feature_code.startswith("PPL")


def test_a_compass_part_of_a_country_is_its_division_of_that_name(nlp, finder: PlaceFinder) -> None:
    south = places(nlp, finder, "A drone hit a car in southern Lebanon on Tuesday.")
    (part,) = [p for found in south.values() for p in found]
    assert (part.feature_code, part.country_code, part.span.text) == ("ADM1", "LB", "southern Lebanon")
    east = places(nlp, finder, "Shelling went on in eastern Ukraine on Tuesday.")
    assert [p.feature_code for found in east.values() for p in found] == ["PCLI"]  # no "East" oblast


def test_a_stray_place_does_not_stretch_its_divisions_box() -> None:
    from wirewatch.places.centres import _without_strays

    spread = [(48.0 + i / 10, 37.0 + i / 10, 0) for i in range(10)]
    assert _without_strays(spread + [(48.0, 33.1, 0)]) == spread
    assert _without_strays(spread) == spread


def test_a_small_divisions_point_leans_to_where_its_places_are() -> None:
    from wirewatch.models import GazetteerEntry
    from wirewatch.places.centres import fill_division_centres

    def division() -> dict[int, GazetteerEntry]:
        return {1: GazetteerEntry(1, "Oblast", 0.0, 0.0, "UA", "Oblast", None, "A", "ADM1", 0)}

    # places thinning out to the west of a 2-degree box: its middle is at 36.0, their mean at 36.51
    lons = [35.0, 35.6, 36.2, 36.6, 36.8, 36.9, 37.0, 37.0, 37.0, 37.0]
    small = division()
    fill_division_centres(small, {1: [(50.0 + i / 10, lon, 10) for i, lon in enumerate(lons)]})
    assert abs(small[1].lon - 36.255) < 0.01 and abs(small[1].lat - 50.45) < 0.01  # halfway between the two
    # a province thousands of km across keeps the middle of its box
    wide = [(50.0 + i, -125.0 + (i % 2) * 10, 10) for i in range(12)]
    large = division()
    fill_division_centres(large, {1: wide})
    assert (large[1].lat, large[1].lon) == (55.5, -120.0)


def test_a_quarter_the_text_puts_in_a_town_is_not_a_namesake_far_off(nlp, finder: PlaceFinder) -> None:
    # Abagana is a town in Anambra; the text puts a community of that name in Makurdi, 200 km away
    found = places(nlp, finder, "Gunmen killed seven people in Abagana in Makurdi, the Benue State capital, on "
                                "Thursday, the police in Benue said.")
    assert found["Abagana"][0].name == "Makurdi"
    near = places(nlp, finder, "Shells hit Lozova in Kharkiv on Monday, and Izium was hit too.")
    assert near["Lozova"][0].name == "Lozova"  # 130 km from Kharkiv city: the town itself, still in the region


def test_a_quarter_after_a_comma_is_in_the_town_when_its_namesakes_are_all_abroad(nlp, finder: PlaceFinder) -> None:
    # GeoNames' North Bank is a division of the Gambia; the text puts a quarter of that name in Makurdi
    found = places(nlp, finder, "Herders attacked two communities in North Bank, Makurdi, the Benue State capital, "
                                "on Thursday, police in Benue said.")
    assert found["North Bank"][0].name == "Makurdi"
    towns = places(nlp, finder, "Shelling hit Sloviansk, Donetsk region, and Kramatorsk on Monday.")
    assert towns["Sloviansk"][0].name != "Donetsk"  # a town with its region is no quarter


def test_a_small_town_abroad_matched_only_by_another_of_its_names_is_left_unresolved(nlp, finder: PlaceFinder
                                                                                      ) -> None:
    # "Bawa" is a former name of Paoua, a town in the Central African Republic; this story is set in Nigeria
    found = places(nlp, finder, "Gunmen stormed Bawa village near Makurdi in Benue State overnight, police in "
                                "Abuja said.")
    assert found["Bawa"][0].geonameid is None
    assert found["Makurdi"][0].country_code == "NG"


def test_a_name_run_together_with_a_town_after_near_keeps_the_town(nlp, finder: PlaceFinder) -> None:
    # the parser tags "Bairak near Izium" as one organisation
    found = places(nlp, finder, "Ukrainian troops captured the village of Bairak near Izium on Monday, the army said.")
    assert found["Izium"][0].name == "Izyum"


def test_a_village_abroad_that_its_sentence_places_in_another_country_is_left_unresolved(nlp, finder: PlaceFinder
                                                                                         ) -> None:
    # GeoNames has a Moura only in Portugal (and Brazil); the sentence says the Malian army acted there
    found = places(nlp, finder, "Last month Mali's army killed dozens of men in the rural town of Moura, witnesses "
                                "told reporters in Bamako.")
    assert found["Moura"][0].geonameid is None
    portugal = places(nlp, finder, "Pilgrims walked from Moura to Fatima in Portugal on Sunday.")
    assert portugal["Moura"][0].country_code == "PT"  # its own country named: the town itself


def test_a_village_far_from_every_other_place_of_the_story_is_left_unresolved(nlp, finder: PlaceFinder) -> None:
    # GeoNames has a Novomykhailivka only in Siberia; the story names Ukraine, 3,500 km away
    found = places(nlp, finder, "Ukraine's army denied Russian claims that its troops had captured Novomykhailivka.")
    assert found["Novomykhailivka"][0].geonameid is None
    assert found["Ukraine"][0].country_code == "UA"


def test_a_capital_territory_named_after_its_capital_is_found_under_its_written_name(nlp, finder: PlaceFinder,
                                                                                     gazetteer: Gazetteer) -> None:
    # GeoNames calls it "Abuja Federal Capital Territory"; news writes "the Federal Capital Territory"
    assert [e.country_code for e in gazetteer.candidates("Federal Capital Territory")] == ["NG"]
    found = places(nlp, finder, "Gunmen killed five villagers in Kuje, a suburb in the Federal Capital Territory.")
    assert found["Federal Capital Territory"][0].country_code == "NG"


def test_names_listed_after_a_plural_division_word_are_divisions(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Missiles struck army training centres in the regions of Chernihiv and Zhytomyr.")
    assert [found[name][0].feature_code for name in ("Chernihiv", "Zhytomyr")] == ["ADM1", "ADM1"]
    towns = places(nlp, finder, "Missiles struck the city of Chernihiv and Sumy on Sunday.")
    assert [towns[name][0].feature_code[:3] for name in ("Chernihiv", "Sumy")] == ["PPL", "PPL"]
    quarters = places(nlp, finder, "Rockets struck several districts of Kharkiv on Thursday.")
    assert quarters["Kharkiv"][0].feature_code[:3] == "PPL"  # quarters of the city, not its raion
    quarter = places(nlp, finder, "Missiles attacked a residential district of Kharkiv early on Wednesday.")
    assert quarter["Kharkiv"][0].feature_code[:3] == "PPL"  # one of its quarters


def test_a_name_the_article_calls_a_group_is_the_group_not_a_town(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "The Wagner Group denied the report. Witnesses said men from Wagner arrived in "
                                "Bangui in 2018.")
    assert "Wagner" not in found and found["Bangui"][0].country_code == "CF"
    # a town called like a company's group elsewhere stays a town when the text never names the group
    assert places(nlp, finder, "Floods hit the town of Wagner in South Dakota.")["Wagner"][0].country_code == "US"


def test_divisions_are_shown_by_their_english_names_and_keep_geonames_admin1(nlp, finder: PlaceFinder) -> None:
    found = places(nlp, finder, "Drones hit the Kursk region, the Donetsk region and Crimea, and strikes hit "
                                "southern Lebanon.")
    assert [found[n][0].name for n in ("Kursk region", "Donetsk region", "Crimea", "southern Lebanon")] == [
        "Kursk Oblast", "Donetsk Oblast", "Autonomous Republic of Crimea", "South Governorate"]
    assert found["Donetsk region"][0].admin1 == "Donetska oblast"  # what the profiles and the rules compare



def test_a_place_the_gazetteer_names_in_a_local_or_inverted_form_is_shown_as_the_text_writes_it(nlp, finder) -> None:
    found = places(nlp, finder, "About 1,500 Russian troops are stationed in TRANSNISTRIA, officials in Chisinau "
                                "said.")
    assert found["TRANSNISTRIA"][0].name == "Transnistria"
    # a Latin name with its diacritics stays as GeoNames has it
    assert places(nlp, finder, "Gunmen opened fire in Culiacan, Sinaloa.")["Culiacan"][0].name == "Culiacán"


def test_a_river_is_named_with_the_or_its_kind_a_bare_name_is_the_town(nlp, finder: PlaceFinder) -> None:
    assert places(nlp, finder, "Missiles hit Dnipro on Monday.")["Dnipro"][0].feature_code == "PPL"
    assert places(nlp, finder, "Troops crossed the Dnipro near Kherson.")["Dnipro"][0].feature_code == "STM"


def test_the_division_a_list_ends_in_holds_every_member(nlp, finder: PlaceFinder) -> None:
    # GeoNames' Petropavlivkas lie outside the Donetsk region: the one meant is a village it lacks
    found = places(nlp, finder, "Troops repelled assaults near Kurakhove, Petropavlivka and Shevchenko in the "
                                "Donetsk region on Monday.")
    assert found["Petropavlivka"][0].geonameid is None
    assert found["Kurakhove"][0].admin1 == found["Shevchenko"][0].admin1 == "Donetska oblast"
    towns = places(nlp, finder, "Floods hit Boston, Cambridge and Worcester in Massachusetts on Monday.")
    assert {towns[name][0].admin1 for name in ("Boston", "Cambridge", "Worcester")} == {"Massachusetts"}


def test_a_day_named_like_a_place_is_no_place(nlp, finder: PlaceFinder) -> None:
    text = "A missile strike killed five people in the city of Sumy on the morning of Palm Sunday, the mayor said."
    assert set(places(nlp, finder, text)) == {"Sumy"}
