"""Speakers that are not speakers: a dateline, the publishing outlet, page furniture.

Every fixture is a short text written for these tests.
"""

from __future__ import annotations

from test_claims import claims_of  # noqa: F401 - the shared fixture (offsets contract checked on every claim)

from wirewatch.claims.speakers import fold_name, outlet_names
from wirewatch.models import Claim


def speakers(claims: list[Claim]) -> list[str | None]:
    return [c.speaker for c in claims]


def first_speaker(claims: list[Claim], cue: str) -> str | None:
    """The speaker of the first claim with cue ``cue`` (a test fails on a missing claim)."""
    (claim, *_) = [c for c in claims if c.cue.text == cue]
    return claim.speaker


def test_a_wire_dateline_is_not_the_source(claims_of):
    claims = claims_of("KYIV, May 3 (Reuters) - Ukraine's air force said it shot down 20 drones overnight.")
    (said,) = [c for c in claims if c.cue.text == "said"]
    assert said.source is not None and said.source.text == "Ukraine's air force"
    assert said.speaker is not None and "air force" in said.speaker


def test_a_dateline_before_a_named_source_stays_out_of_source_and_role(claims_of):
    claims = claims_of("ODESA, Ukraine (AP) — Regional governor Maksym Petrenko said on Friday that drones hit "
                       "a port warehouse overnight.")
    (said,) = [c for c in claims if c.cue.text == "said"]
    assert said.source is not None and said.source.text == "Regional governor Maksym Petrenko"
    assert said.speaker == "Maksym Petrenko" and said.role == "Regional governor"


def test_a_dated_dateline_is_no_part_of_a_country_speaking(claims_of):
    claims = claims_of("MINSK, Sept 7 - Belarus denied on Thursday that its troops had crossed the border.")
    (denied,) = [c for c in claims if c.cue.text == "denied"]
    assert denied.speaker == "Belarus"


def test_a_place_in_capitals_before_a_colon_is_a_dateline(claims_of):
    claims = claims_of("KHARKIV: Four people were wounded when shells hit a market in the city, a local "
                       "official said on Sunday.")
    assert speakers(claims) == ["local official"]


def test_page_furniture_ending_in_a_label_is_not_a_speaker(claims_of):
    claims = claims_of("Last Updated: May 3, 2024\n\nTwo people were killed in the blast, police said.")
    assert speakers(claims) == ["police"]


def test_the_outlet_itself_is_never_a_speaker(claims_of):
    text = ("According to Northwire, three people were wounded in the attack on the depot.\n\n"
            "Coast Wire reported that two ships were damaged near the port.\n\n"
            "The harbour master said the port would reopen on Monday.")
    assert speakers(claims_of(text, "Northwire.NET (repost of Coast Wire)")) == ["harbour master"]
    # another outlet's article citing them: they are its sources
    assert {"Northwire", "Coast Wire"} <= set(speakers(claims_of(text, "Baltic Observer")))


def test_outlet_names_fold_hosts_and_credited_origins():
    assert outlet_names("Sports Time Now (repost of Al Jazeera)") == {"sportstimenow", "aljazeera"}
    assert outlet_names("Independent Online, South Africa") == {"independentonline"}
    assert outlet_names(None) == set()
    assert fold_name("Censor.NET") == fold_name("Censor") == "censor"


def test_a_document_speaks_for_whoever_issued_it(claims_of):
    claims = claims_of("The army command issued a statement on Monday. The statement said that its forces had "
                       "repelled six attacks near Lyman.")
    assert first_speaker(claims, "said") == "army command"


def test_a_named_document_is_not_resolved_to_an_earlier_speaker(claims_of):
    claims = claims_of("Ukraine's army issued a report on Monday. The UN report said that 40 civilians had died.")
    assert first_speaker(claims, "said") != "Ukraine's army"


def test_a_name_closing_a_role_phrase_is_the_speaker(claims_of):
    claims = claims_of("Shelling continued overnight. This was reported by the head of the Dnipro regional "
                       "military administration Petro Lysenko.")
    (reported,) = [c for c in claims if "reported" in c.cue.text]
    assert reported.speaker == "Petro Lysenko"
    assert reported.role == "head of the Dnipro regional military administration"
    # a name after a preposition is not the role holder
    (said,) = claims_of("The spokesman for Vladimir Putin said the talks would resume.")
    assert said.speaker == "spokesman"


def test_an_unnamed_role_holder_keeps_the_body_held_and_speaker_names_stay_as_written(claims_of):
    (said,) = claims_of("Shells fell again on Tuesday night, the head of the village council said.")
    assert said.speaker == "head of the village council"
    (added,) = claims_of("The head of the Hungarian Ministry of Foreign Affairs added that Budapest would send no "
                         "weapons.")
    assert added.speaker == "head of the Hungarian Ministry of Foreign Affairs"  # not "head"
    claims = claims_of("The Northern Front (NF) group said it had shelled the base.")
    assert claims[0].speaker == "Northern Front (NF) group"


def test_a_relative_clause_or_a_gloss_is_not_a_role(claims_of):
    (said,) = claims_of("The Northern Front, which put the number of wounded at more than 30, said its fighters "
                        "had struck the convoy.")
    assert said.speaker == "Northern Front" and said.role is None


def test_a_headline_in_title_case_naming_nobody_is_not_a_speaker(claims_of):
    text = ("Tragic Attack: Children Among Victims In Missile Strike\n\n"
            "Zelenskyy: Russia will answer for the strike on the city\n\n"
            "Quote: \"We will rebuild every house on this street.\"")
    (only,) = speakers(claims_of(text))
    assert only is not None and "Zelenskyy" in only


def test_a_speaker_name_drops_its_article(claims_of):
    (said,) = claims_of("The General Staff said on Monday that six attacks had been repelled near Lyman.")
    assert said.speaker is not None and not said.speaker.lower().startswith("the ")


def test_a_possessive_name_alone_is_not_a_role(claims_of):
    claims = claims_of("Britain's Ministry of Defence said on Saturday that Russian units had withdrawn from the "
                       "area. Kharkiv's regional governor Oleh Synehubov said shelling continued.")
    roles = {c.speaker: c.role for c in claims}
    assert "Ministry of Defence" in " ".join(s for s in roles if s) and all(
        r is None or not r.endswith("'s") for r in roles.values())
    assert roles.get("Oleh Synehubov") == "Kharkiv's regional governor"


def test_a_courtesy_title_is_not_a_role(claims_of):
    claims = claims_of("The adviser, Paul Okon, said the attack killed seven. Mr Okon said the police arrived late.")
    assert [c.role for c in claims] == ["adviser", "adviser"]


def test_a_name_closing_a_titled_phrase_is_the_speaker(claims_of):
    (said,) = claims_of("Russian Ambassador to Vietnam Gennady Bezdetko said the talks would go on.")
    assert said.speaker == "Gennady Bezdetko" and said.role == "Russian Ambassador to Vietnam"


def test_claiming_lives_is_killing_not_claiming(claims_of):
    assert not claims_of("Cartel violence has claimed the lives of 14 people this week.")
    assert not claims_of("Gang violence in the port has claimed hundreds of lives since January.")
    (claimed,) = claims_of("The group claimed responsibility for the attack on Monday.")
    assert claimed.cue.text == "claimed"


def test_a_bare_role_noun_takes_the_speaker_an_earlier_source_phrase_gave_that_role(claims_of):
    claims = claims_of("Russian Ambassador to Vietnam Gennady Bezdetko said the talks would go on. The ambassador "
                       "noted that trade had grown.")
    assert [(c.speaker, c.role) for c in claims] == [("Gennady Bezdetko", "Russian Ambassador to Vietnam")] * 2


def test_an_unnamed_mayor_of_a_city_keeps_the_city(claims_of):
    (said,) = claims_of("Two missiles hit the centre, the acting mayor of Chernihiv said.")
    assert said.speaker == "acting mayor of Chernihiv"


def test_whose_body_a_speaker_is_stays_with_it(claims_of):
    claims = claims_of("Ukraine's defence ministry said the unit had reached the border. Russia's defence ministry "
                       "said the attack had been repelled.")
    names = [c.speaker for c in claims if c.cue.text == "said"]
    assert len(names) == 2 and names[0] != names[1]
    assert all(n is not None and "defence ministry" in n.lower() for n in names)


def test_a_relative_clause_or_a_conjunct_does_not_give_the_speaker_a_side(claims_of):
    text = ("Moscow says the strike hit a depot. Kyiv denies it. "
            "Washington and its allies have denied supplying the missiles.\n\n"
            "Putin, who says Ukraine started the war, told reporters the talks were over.")
    sides = {c.speaker: c.side for c in claims_of(text)}
    assert sides.get("Washington") is None
    putin = [side for speaker, side in sides.items() if speaker and "Putin" in speaker]
    assert putin and "UA" not in putin


def test_a_headline_claim_after_a_dateline(claims_of):
    claims = claims_of("KYIV, May 3 (Reuters) - Zelenskyy: Russia will answer for every strike on our cities")
    assert [c.cue.text for c in claims] == [":"]
    assert claims[0].source is not None and claims[0].source.text == "Zelenskyy"


def test_a_role_is_the_phrase_next_to_the_name_not_a_second_appositive(claims_of):
    claims = claims_of("The leader of the Donetsk region, Petro Hlushko, also installed by Moscow, said shells hit "
                       "a market. He said the toll would rise.")
    assert [(c.speaker, c.role) for c in claims] == [("Petro Hlushko", "leader of the Donetsk region")] * 2


def test_the_outlets_own_correspondent_is_its_own_voice(claims_of):
    text = ("Shells hit the market on Monday morning, a Northwire correspondent reported.\n\n"
            "A reporter for another paper said the market had been closed.")
    assert speakers(claims_of(text, "Northwire International")) == ["reporter"]
    assert "Northwire correspondent" in speakers(claims_of(text, "Baltic Observer"))
    assert speakers(claims_of("Two shells hit the market, a journalist said.", "Northwire")) == ["journalist"]


def test_a_group_named_with_the_body_it_heads_keeps_it_and_both_sides_give_it_no_side(claims_of):
    (joint,) = claims_of("Both heads of the Russian and Ukrainian delegations said the two sides agreed to swap "
                         "prisoners.")
    assert (joint.speaker, joint.side) == ("heads of the Russian and Ukrainian delegations", None)
    (one,) = claims_of("The Ukrainian air force said it shot down 20 of 25 Russian drones overnight.")
    assert one.side == "UA"


def test_a_page_label_before_a_colon_is_not_the_subject(claims_of):
    claims = claims_of("Details: Earlier, the Defence Ministry reported that two bridges had been destroyed.")
    assert first_speaker(claims, "reported") == "Defence Ministry"


def test_figures_speak_for_whoever_released_them(claims_of):
    claims = claims_of("According to figures released by the port authority, 40 ships were stuck off the coast.")
    assert speakers(claims) == ["port authority"]
    claims = claims_of("According to data from the regional health ministry, 12 people died in the floods.")
    assert speakers(claims) == ["regional health ministry"]


def test_a_dateline_is_no_part_of_the_speakers_name(claims_of):
    claims = claims_of("KYIV, July 3 - Ukraine's military on Wednesday denied Russian claims that its troops had "
                       "taken the village.")
    assert first_speaker(claims, "denied") == "Ukraine's military"


def test_an_attack_on_a_town_is_an_act_not_a_claim(claims_of):
    assert not claims_of("Russian troops attacked Chernihiv with three missiles early on Wednesday.")
    claims = claims_of("The senator attacked the governor in a speech, saying he had lied.")
    assert claims  # criticism of a person may still carry a claim


def test_where_a_speaker_spoke_does_not_give_their_side(claims_of):
    claims = claims_of("Antony Blinken, speaking during a Security Council session called by Russia, said the "
                       "strikes must stop.")
    (said,) = [c for c in claims if c.cue.text == "said"]
    assert said.speaker == "Antony Blinken" and said.side is None
    (said,) = [c for c in claims_of("A Kremlin spokesman, speaking on Monday, said the talks had failed.")
               if c.cue.text == "said"]
    assert said.side == "RU"


def test_what_describes_something_else_in_the_source_gives_no_side(claims_of):
    said = {c.speaker: c.side for c in claims_of(
        "Former Slovak Prime Minister Robert Fico, known for his pro-Russian stance, said the war must end. "
        "Ivan Fedorov, the mayor of Melitopol, a city close to Crimea which is under Russian occupation, said two "
        "explosions had cut the signal. The United States, Britain and Russia pledged to respect the borders.")}
    assert said["Robert Fico"] is None
    assert said["Ivan Fedorov"] == "UA"  # read from the town his office names
    assert said["United States"] is None  # the first country named is the speaker's


def test_a_towns_or_regions_own_official_speaks_for_the_side_that_holds_it(claims_of):
    def side(text: str) -> str | None:
        (claim,) = claims_of(text)
        return claim.side

    assert side("The Bryansk governor said the attack on the district had been repelled.") == "RU"
    assert side("Two people were killed, the mayor of Horlivka said.") == "RU"  # held by Russia since 2014
    assert side("Two people were killed, the mayor of Kramatorsk said.") == "UA"
    assert side("Two people were killed, the governor said.") is None  # no place: no side
    # a region's official speaks for who holds the region: not for a namesake town elsewhere ("Russia" in the text
    # draws Donetsk to the town of that name in Russia's Rostov region)
    assert side("\"Russia hit a bus station where people waited,\" the Donetsk regional military administration "
                "said.") != "RU"
