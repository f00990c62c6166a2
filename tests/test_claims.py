"""Claims: who said what, through whom, on whose side, by which channel.

Every fixture is a short text written for these tests, with the traps of real
wire copy: quotes split by their cue, a quote running over paragraphs, pronoun
and role-noun sources, a think tank citing a source, datelines.
"""

from __future__ import annotations

import pytest

from wirewatch.models import Article, Claim, DocResult


@pytest.fixture(scope="module")
def claims_of(extractor):
    def run(text: str, outlet: str | None = None) -> list[Claim]:
        (result,) = extractor.process([Article(id="t", text=text, source=outlet)])
        assert isinstance(result, DocResult)
        for c in result.claims:  # the offsets contract
            for span in (c.cue, c.source, c.content, *c.sources, *c.contents):
                assert span is None or text[span.start:span.end] == span.text
        return result.claims

    return run


def by_cue(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue.text == cue]
    assert found, [c.cue.text for c in claims]
    return found[0]


def contents(claim: Claim) -> list[str]:
    return [c.text for c in (claim.contents or (claim.content,))]


def test_direct_quote_with_named_speaker_role_and_side(claims_of):
    text = ("“Our units pushed the enemy back from three villages,” said Colonel Taras Bondar, "
            "a spokesman for Ukraine's eastern command.")
    c = by_cue(claims_of(text), "said")
    assert c.kind == "direct"
    assert contents(c) == ["“Our units pushed the enemy back from three villages,”"]
    assert c.source is not None and c.source.text.startswith("Colonel Taras Bondar")
    assert c.speaker is not None and "Bondar" in c.speaker
    assert c.role is not None and "spokesman" in c.role
    assert c.side == "UA"


def test_a_quote_told_to_someone_is_the_content_not_the_listener(claims_of):
    text = ("“The town has not fallen. Fighting is continuing there, and our soldiers are holding,” a spokesman "
            "for the eastern operational group told state television.")
    c = by_cue(claims_of(text), "told")
    assert c.kind == "direct"
    assert contents(c) == ["“The town has not fallen. Fighting is continuing there, and our soldiers are holding,”"]


def test_indirect_speech_with_that_clause_and_fronted_content(claims_of):
    claims = claims_of("The Russian defence ministry said that its troops had taken the village of Dovhe.\n\n"
                       "Two bridges over the river were destroyed overnight, the regional police said on Monday.")
    first = by_cue(claims, "said")
    assert first.kind == "indirect"
    assert first.source is not None and first.source.text == "The Russian defence ministry"
    assert contents(first) == ["that its troops had taken the village of Dovhe"]
    assert first.side == "RU"
    fronted = [c for c in claims if c.source is not None and c.source.text == "the regional police"]
    assert fronted and contents(fronted[0]) == ["Two bridges over the river were destroyed overnight"]


def test_according_to(claims_of):
    claims = claims_of("According to the regional governor, four people were wounded in the shelling.")
    c = by_cue(claims, "According to")
    assert c.source is not None and c.source.text == "the regional governor"
    assert contents(c) == ["four people were wounded in the shelling"]


def test_mixed_quote_is_one_paraphrase_with_quoted_words(claims_of):
    c = by_cue(claims_of("The mayor said the situation in the port was “extremely difficult” after the strike."),
               "said")
    assert c.kind == "mixed"
    assert contents(c) == ["the situation in the port was “extremely difficult” after the strike"]


def test_discontinuous_quote_split_by_its_cue(claims_of):
    text = "“We held the line,” the commander said, “and we will hold it tomorrow.”"
    c = by_cue(claims_of(text), "said")
    assert c.kind == "direct"
    assert contents(c) == ["“We held the line,”", "“and we will hold it tomorrow.”"]
    assert c.source is not None and c.source.text == "the commander"


def test_quote_running_over_paragraphs_without_closing_mark(claims_of):
    text = ("Lieutenant Olena Kravets said: “The convoy came under fire twice on the road north.\n\n"
            "“Nobody was hurt, but two lorries burned out completely,” she added later.")
    claims = claims_of(text)
    first = by_cue(claims, "said:")  # PolNeAR keeps the colon introducing a quotation in the cue
    assert first.kind == "direct"
    assert contents(first)[0].startswith("“The convoy came under fire")
    added = by_cue(claims, "added later")  # an adverb right after the verb is part of the cue
    assert added.speaker == first.speaker and added.speaker is not None and "Kravets" in added.speaker


def test_pronoun_and_role_noun_sources_take_the_person_named_before(claims_of):
    text = ("Governor Mykola Sapun said the evacuation of the district would continue.\n\n"
            "He said buses would leave every two hours.\n\n"
            "The governor added that shelters were open all night.")
    claims = claims_of(text)
    speakers = {c.cue.text: c.speaker for c in claims}
    assert speakers["said"] is not None and "Sapun" in speakers["said"]
    pronoun = [c for c in claims if c.source is not None and c.source.text == "He"]
    assert pronoun and pronoun[0].speaker == speakers["said"]
    assert by_cue(claims, "added").speaker == speakers["said"]


def test_a_bare_plural_or_body_is_a_new_speaker_not_the_group_named_before(claims_of):
    text = ("Regional officials said on Monday that the bridge at Pisky had been destroyed.\n\n"
            "Police said they had found two bodies near the river.\n\n"
            "The officials added that the road would stay closed.")
    claims = claims_of(text)
    assert by_cue(claims, "said").speaker == "Regional officials"
    police = [c for c in claims if c.source is not None and c.source.text == "Police"]
    assert police and police[0].speaker == "Police"
    assert by_cue(claims, "added").speaker == "Regional officials"  # "the officials": the ones named before


def test_nested_claim_keeps_its_chain(claims_of):
    text = ("The Institute for the Study of War cited a Russian military blogger who claimed "
            "that Ukrainian units had crossed the river near Staryi Saltiv.")
    claims = claims_of(text)
    outer = by_cue(claims, "cited")
    inner = by_cue(claims, "claimed")
    assert inner.via == claims.index(outer)
    assert outer.side == "THIRD" and inner.side == "RU"
    assert contents(inner) == ["that Ukrainian units had crossed the river near Staryi Saltiv"]


def test_sourceless_passive_attribution(claims_of):
    claims = claims_of("The bridge is thought to have been destroyed by a missile strike.\n\n"
                       "It was reported that the dam had been damaged.")
    thought = by_cue(claims, "is thought")
    assert thought.source is None and thought.speaker is None
    assert contents(thought) == ["The bridge", "to have been destroyed by a missile strike"]
    reported = by_cue(claims, "was reported")
    assert reported.source is None and contents(reported) == ["that the dam had been damaged"]


def test_channels(claims_of):
    claims = claims_of("Governor Oleh Lysak wrote on Telegram that two drones were shot down.\n\n"
                       "Defence minister Petro Danko told the Kyiv Herald in an interview that supplies were late.\n\n"
                       "The army said in a statement that the road was closed.")
    assert by_cue(claims, "wrote").channel == "Telegram"
    assert by_cue(claims, "told").channel == "interview"
    assert [c for c in claims if c.cue.text == "said"][0].channel == "statement"


def test_dateline_is_not_part_of_the_content(claims_of):
    c = by_cue(claims_of("KHARKIV, Ukraine (Wire) -- Russian shelling killed two people, local officials said."),
               "said")
    assert contents(c) == ["Russian shelling killed two people"]


def test_compounded_place_does_not_become_the_speaker(claims_of):
    c = by_cue(claims_of("Russian units pulled back from the river, Kyiv officials said on Tuesday."), "said")
    assert c.speaker == "Kyiv officials" and c.side == "UA"


def test_stance_verb_with_preposition_is_a_cue_up_to_the_preposition(claims_of):
    c = by_cue(claims_of("The opposition leader called for an immediate ceasefire in the east."), "called for")
    assert contents(c) == ["an immediate ceasefire in the east"]
    assert c.source is not None and c.source.text == "The opposition leader"


def test_cue_model_falls_back_to_core_verbs(nlp):
    from wirewatch.claims import find_claims
    from wirewatch.profile import load_profile

    doc = nlp("The mayor said the water supply was restored.")
    claims = find_claims(doc, [], load_profile(), model=False)
    assert [(c.cue.text, c.source.text if c.source else None) for c in claims] == [("said", "The mayor")]


def test_headline_colon_quotes_the_name(claims_of):
    claims = claims_of("Zelenskyy: Russian troops will be pushed back from Kharkiv\n\n"
                       "UPDATE: roads north of the city are closed again.")
    c = by_cue(claims, ":")
    assert c.source is not None and c.source.text == "Zelenskyy"
    assert contents(c) == ["Russian troops will be pushed back from Kharkiv"]
    assert all(x.source is None or x.source.text != "UPDATE" for x in claims)


def test_participle_cue_takes_the_subject_of_its_clause(claims_of):
    c = by_cue(claims_of("The governor ended the briefing by saying that the curfew would be lifted on Friday."),
               "saying")
    assert c.source is not None and c.source.text == "The governor"
    assert contents(c) == ["that the curfew would be lifted on Friday"]


def test_reporting_clause_set_off_inside_the_content(claims_of):
    c = by_cue(claims_of("The bridge, the governor said, would reopen to lorries by the end of the month."), "said")
    assert c.source is not None and c.source.text == "the governor"
    assert contents(c) == ["The bridge", "would reopen to lorries by the end of the month"]


def test_its_minister_takes_the_side_of_the_country_named_before(claims_of):
    claims = claims_of("Ukraine asked its partners for more air defence.\n\n"
                       "Oksana Hrytsenko, its foreign minister, said the shipments were late.")
    c = by_cue(claims, "said")
    assert c.side == "UA" and c.role == "its foreign minister"


def test_a_circumstance_after_the_reporting_clause_is_not_content(claims_of):
    c = by_cue(claims_of("Russian units withdrew from two villages, officials said, as the offensive slowed."),
               "said")
    assert contents(c) == ["Russian units withdrew from two villages"]


def test_a_quotation_signed_with_a_dash_line(claims_of):
    claims = claims_of("“The shelling has not stopped for three nights and we sleep in the corridor.”\n"
                       "― Oksana Melnyk, Saltivka resident\n\n"
                       "Repairs to the tram line - the city's oldest - began in May, officials said.")
    c = by_cue(claims, "―")
    assert c.source is not None and c.source.text == "Oksana Melnyk"
    assert contents(c) == ["“The shelling has not stopped for three nights and we sleep in the corridor.”"]
    assert [x.cue.text for x in claims if x.cue.text in "-–—―"] == ["―"]  # a dash inside a sentence signs nothing


def test_seem_is_sourceless_and_its_subject_is_content(claims_of):
    c = by_cue(claims_of("The ceasefire seems to have collapsed within hours."), "seems")
    assert c.source is None and c.speaker is None
    assert contents(c) == ["The ceasefire", "to have collapsed within hours"]


def test_asked_participle_has_no_source_and_call_keeps_its_object_complement(claims_of):
    claims = claims_of("Asked whether the bridge would reopen soon, the mayor said repairs would take a month.\n\n"
                       "The minister called the report a fabrication.")
    asked = by_cue(claims, "Asked")
    assert asked.source is None and contents(asked) == ["whether the bridge would reopen soon"]
    assert by_cue(claims, "said").source.text == "the mayor"
    assert contents(by_cue(claims, "called")) == ["the report a fabrication"]


def test_a_speakers_role_is_the_one_this_document_gives_that_person(claims_of):
    text = ("Shelling hits Kupiansk outskirts\n\n"
            "Two houses burned in Kupiansk overnight, the town's mayor said on Friday.\n\n"
            "Synehubov said the shelling lasted two hours.\n\n"
            "Kharkiv regional governor Oleh Synehubov wrote on Telegram that 14 people were evacuated. "
            "Hennadiy Mats, the mayor of Kupiansk, said the water supply was cut.\n\n"
            "The governor of Russia's Kursk region, Roman Starovoit, said two border villages were shelled.")
    claims = claims_of(text)
    bare = next(c for c in claims if c.source is not None and c.source.text == "Synehubov")
    assert (bare.speaker, bare.role) == ("Oleh Synehubov", "Kharkiv regional governor")  # stated further on
    mayor = next(c for c in claims if c.source is not None and c.source.text.endswith("mayor"))
    assert (mayor.speaker, mayor.role) == ("Hennadiy Mats", "mayor of Kupiansk")  # never "the governor"
    kursk = next(c for c in claims if "Starovoit" in (c.source.text if c.source else ""))
    assert (kursk.speaker, kursk.role) == ("Roman Starovoit", "governor of Russia's Kursk region")
