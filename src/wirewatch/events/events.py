"""Events: ACLED-coded happenings and territorial control observations, per sentence.

Whether a sentence reports a happening, and of which ACLED sub-type, is decided by the learnt
model (``event_model``); the model also names the token the event rests on. Rules then handle
what is structure, not vocabulary:

- negated, hedged, planned and hypothetical happenings are skipped (``nlp.reality``); an event
  stated inside a claim keeps that claim, whose speaker is its claimant;
- the weapon named decides the remote-violence sub-type (a missile strike is never a clash);
  interceptions are Disrupted weapons use;
- one event per settlement: the places the anchor governs, each coordinated or listed one
  (``event_places``);
- changes of territorial control and their Battles events (``event_control``);
- actors by ACLED name with inter codes and sides from the conflict profile (``event_actors``);
  civilians as the target when homes, markets or people are hit;
- tolls in digits or words, a party's figure of enemy losses kept apart (``event_figures``);
- reports of one happening in a document (headline, lead, later paragraph) are merged
  (``event_merge``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wirewatch.claims.lexicon import word_list
from wirewatch.events.control_places import SETTLEMENT_NOUNS
from wirewatch.events.event_actors import actors, civilians, military
from wirewatch.events.event_cues import (accord_concluded, armed_leaver, armed_victims, changes_hands,
                                         civilian_target, describes_thing, equipment_seizures, fighting_went_on,
                                         force_on_protesters, ground_fighting, ground_forces, impact, interception,
                                         kind_of_thing, military_target, named_weapon, natural_cause, only_watching,
                                         ordinary_crime, police_only, political_arrest, protest_arrests,
                                         protest_went_on, protesters_violent, singular, soldiers_marching, state_forces,
                                         supplied, tells_a_happening, unarmed_attack, violence_went_off, whole_war)
from wirewatch.events.event_control import (Change, changes_in, gainer, lemma_of, settled, sub_type_of,
                                            taker_unnamed)
from wirewatch.events.event_figures import background, casualties_of, claim_for, date_of, evidence, undated
from wirewatch.events.event_lexicon import (ARMED_NOUNS, ARRESTS, ATTACK, BATTLE, CIVILIANS, CLASH, DISRUPTED,
                                            EXCESSIVE, INTERVENED, OVERTAKES, PEACEFUL, PLANTED, PROTESTS, REGAINS,
                                            REMOTE, RIOTS, SHELLING, SUICIDE, TERRITORY, TRANSFER, TYPE_OF, VIOLENT,
                                            defined_by, vocabulary, words)
from wirewatch.events.event_merge import Notes, merge, merge_reports, most_specific
from wirewatch.events.event_model import (CONTROL, EventModel, document_features, load_event_model,
                                          sentence_features)
from wirewatch.events.event_places import (context_division, context_place, defender_country, location, meeting_town,
                                           named_as_aim, next_level, part_of_town, sites)
from wirewatch.models import Claim, ControlObservation, DateMention, Entity, Event, Location, Place
from wirewatch.nlp import DESCRIBED_PLACES, doc_text
from wirewatch.nlp.reality import claim_owner, is_generic, not_real, running_total, simple_present
from wirewatch.places.spelling import name_key
from wirewatch.profile import CIVILIAN, ConflictProfile, country_name

TARGETED_KILLINGS = vocabulary("targeted_killings")
SURE = 0.7  # the model's event probability that stands in for a word of the event vocabulary
AGGREGATE_DEAD = 10_000  # more dead than any one day's happening at one place leaves: a total over a war or an era
LEAD_SENTENCES = 5  # a report tells a happening in its first sentences, after a headline, a summary, a caption

__all__ = ["find_events", "merge_reports"]


@dataclass(frozen=True, slots=True)
class Context:
    """What every event of one document is read against."""
    doc: Doc
    places: Sequence[Place]
    dates: Sequence[DateMention]
    claims: Sequence[Claim]
    published: dt.date | None
    anchor_day: dt.date | None
    profile: ConflictProfile
    country: str | None  # the country most of the article's places are in: for places the gazetteer lacks


def event_places(doc: Doc) -> tuple[Place, ...]:
    """Where the document's events may be: its toponyms and the places it names by description ("the
    Ukrainian capital"), in text order."""
    described = doc.user_data.get(DESCRIBED_PLACES) or ()
    return tuple(sorted((*(doc._.ww_places or ()), *described), key=lambda p: p.span.start))


def find_events(doc: Doc, *, places: Sequence[Place], dates: Sequence[DateMention],
                entities: Sequence[Entity], claims: Sequence[Claim],
                published: dt.date | None, profile: ConflictProfile, model: EventModel | None = None
                ) -> tuple[list[Event], list[ControlObservation]]:
    model = model or load_event_model()
    # no publication date: the latest date the article mentions stands in for it when judging background
    anchor_day = published or max((dt.date.fromisoformat(d.value) for d in dates if d.value), default=None)
    in_countries = Counter(p.country_code for p in places if p.country_code)
    ctx = Context(doc, places, dates, claims, published, anchor_day, profile,
                  in_countries.most_common(1)[0][0] if in_countries else None)
    events: list[Event] = []
    control: list[ControlObservation] = []
    unplaced: set[int] = set()  # events located from context, not by their own sentence
    own_clause: set[int] = set()
    unarmed: set[int] = set()  # remote violence told with no weapon named ("the attack", "the strike")
    guessed_side: set[int] = set()  # actor1's side not read in the sentence (from where it struck)
    villages: dict[int, str] = {}  # the village the gazetteer lacks an event is in (placed at the next level)
    roundups: set[int] = set()  # events told of several settlements at once
    lead = document_features(doc)
    # the lead tells of no happening, in words of the vocabulary or by the model: analysis, opinion, diplomacy
    commentary = lead == ["DOC:lead-none"] and not any(
        model.event_probability(sentence_features(s) + lead) >= model.threshold
        for s in islice((s for s in doc.sents if s.text.strip()), LEAD_SENTENCES))
    for sent in doc.sents:
        if len(sent) < 3 or not sent.text.strip() or running_total(sent):
            continue  # "2,808 killed since the war began": a count over the war, no happening (codebook 1)
        feats = sentence_features(sent) + lead
        told = tells_a_happening(sent)
        predicted = [label for label, _ in model.predict(feats)]
        # the model weighs context, but a happening is told by a word of the codebook's event vocabulary
        # unless the model is sure of it ("shots were fired", "a breach of the border by Ukrainian forces")
        if predicted and not told and model.event_probability(feats) < SURE:
            predicted = []
        if not predicted:
            predicted = _told_by_structure(sent, told)
        # a change of hands is structure (a territory verb governing a settlement, codebook 6): read everywhere
        territorial = [c for c in changes_in(sent, places) if not not_real(c.token) and not describes_thing(c.token)
                       and (c.change != "lost" or lemma_of(c.token) == "fall" or armed_leaver(sent))]
        for change in territorial:
            event, observation = _territory_event(ctx, sent, change)
            if event is not None:
                events.append(event)
                if (village := _lacked_village(change.place, event.location, doc_text(doc))) is not None:
                    villages[id(event)] = village
            if observation is not None:
                control.append(observation)
        if predicted and commentary and undated(sent, dates, published):
            predicted = []  # an analysis or opinion piece names happenings in passing; it reports those it dates
        labels = _labels(sent, predicted, bool(territorial))
        several = bool(labels) and any(t.lemma_.lower() in SETTLEMENT_NOUNS and t.tag_ == "NNS" for t in sent)
        for label in labels:
            token = model.anchor(sent, label, _real) if label in model.classes else _defining(sent, label)
            if label in (INTERVENED, PEACEFUL) and token.dep_ == "advcl" and any(c.lower_ == "to"
                                                                               for c in token.children):
                # "fired tear gas to disperse the crowd", "took to the streets to protest": the act was the event
                token = token.head
            # (not a weapon or a blast: "a drone struck a car" is a drone strike, "a roadside bomb struck a convoy"
            # a roadside bomb)
            verb_tells = defined_by(token.head) if token.dep_ == "nsubj" and token.lemma_.lower() not in \
                words().weapon_class and TYPE_OF.get(defined_by(token)) != REMOTE else None
            if verb_tells is not None and verb_tells != label and TYPE_OF.get(verb_tells) == TYPE_OF.get(label):
                label, token = verb_tells, token.head  # "gunmen kidnapped 30 students": the verb tells what happened
            if not _real(token):
                continue
            for event, own, side_told, village in _events_at(ctx, sent, token, label):
                if village is not None:
                    villages[id(event)] = village
                if several:  # "three settlements in the region were attacked": a round-up
                    roundups.add(id(event))
                if TYPE_OF[label] == REMOTE and named_weapon(sent) is None:
                    unarmed.add(id(event))
                if not side_told:
                    guessed_side.add(id(event))
                events.append(event)
                if not own:
                    unplaced.add(id(event))
                if token.dep_ == "conj" and token.head.pos_ == "VERB":
                    own_clause.add(id(event))
    countries = {p.geonameid: p.country_code for p in places if p.geonameid}
    lead = [s for s in doc.sents if s.text.strip()][:2]
    retyped = _armed_alike(events, unarmed)
    # a retyped event is a new object: it keeps what is known of how it was told
    unplaced, unarmed, guessed_side, roundups = ({id(new) for old, new in zip(events, retyped) if id(old) in ids}
                                                 | ids for ids in (unplaced, unarmed, guessed_side, roundups))
    villages |= {id(new): villages[id(old)] for old, new in zip(events, retyped) if id(old) in villages}
    notes = Notes(frozenset(unplaced), frozenset(unarmed), frozenset(guessed_side), countries, ctx.country,
                  lead[-1].end_char if lead else 0, villages, frozenset(roundups))
    merged = merge(most_specific(retyped, unplaced, own_clause), notes)
    return merged, settled(_unique(control), claims)


def _told_by_structure(sent: SpacySpan, told: bool) -> list[str]:
    """What the sentence tells where the model finds nothing, read from its structure (codebook 3, as a change of
    hands is): a concluded accord ("signed a pact"), and when the sentence holds a word of the event vocabulary
    (``told``), fighting told as going on ("heavy fighting continued in X"), violence doing harm ("a bomb exploded
    near the capital"), people protesting ("hundreds demonstrated in Dakar on Sunday"), a person of politics arrested
    ("two more opposition figures were detained on Friday")."""
    if (concluded := accord_concluded(sent)) is not None and _real(concluded):
        return ["Agreement"]
    if not told:
        return []
    if (fight := fighting_went_on(sent)) is not None and _real(fight):
        return [CLASH]
    if (went_off := violence_went_off(sent)) is not None and _real(went_off[0]):
        return [went_off[1]]
    if (protest := protest_went_on(sent)) is not None and _real(protest):
        return [PEACEFUL]
    if (arrest := political_arrest(sent)) is not None and _real(arrest):
        return [ARRESTS]
    return []


def _real(token: Token) -> bool:
    """A happening told as such: not negated, hedged, planned or generic, nor weapons handed over, nor what a
    natural hazard did."""
    return not (not_real(token) or is_generic(token) or simple_present(token, word_list("core_cues"))
                or supplied(token) or kind_of_thing(token) or natural_cause(token) or only_watching(token)
                or whole_war(token))


def _labels(sent: SpacySpan, predicted: list[str], territorial: bool) -> list[str]:
    """The sub-types to code in a sentence: the model's, with the weapon deciding the remote
    sub-type, interceptions added, and territory left to the control rules when they found it."""
    out: list[str] = []
    weapon = named_weapon(sent)
    caught = interception(sent)
    intercepted = caught is not None
    # read only when the model says territory, a strike or a seizure: most sentences have none
    seized = equipment_seizures(sent) if any(label in TERRITORY or label == DISRUPTED or TYPE_OF.get(label) == REMOTE
                                             for label in predicted) else []
    for label in predicted:
        if label == CONTROL or label in TERRITORY and territorial:
            continue
        if label == DISRUPTED and not intercepted and (territorial or changes_hands(sent) and not seized):
            continue  # "forces had seized Kupiansk", "seized more areas": land taken, no weapons seized
        if label == TRANSFER and not armed_leaver(sent):
            continue  # "countries are pulling their diplomats out of Kyiv", "a three-day retreat": no force left
        if label in TERRITORY and seized:
            if all(describes_thing(v) for v in seized):
                continue  # "equipment captured by Ukrainian forces went on display": told of the equipment
            label = DISRUPTED  # codebook 3: weapons and equipment seized, no land
        elif label in TERRITORY and not changes_hands(sent):
            if weapon is None:
                continue  # "remains under Ukrainian control": a state, no change (codebook 6)
            label = weapon  # a drone hitting a building changes no territory
        elif TYPE_OF.get(label) == REMOTE and seized and not impact(sent, None) \
                and not all(describes_thing(v) for v in seized):
            label = DISRUPTED  # "the operation seized weapons, including cruise missiles": none was fired
        elif label == CLASH and weapon is not None and not ground_fighting(sent):
            label = weapon  # a missile strike that killed 31 is no armed clash
        elif label == ATTACK and weapon is not None:
            label = weapon  # codebook 3: remote violence that kills civilians stays remote violence
        elif TYPE_OF.get(label) == REMOTE and weapon is not None:
            label = weapon
        elif TYPE_OF.get(label) == REMOTE and any(TYPE_OF.get(p) in (BATTLE, CIVILIANS) for p in predicted) \
                and not any(TYPE_OF.get(defined_by(t)) == REMOTE for t in sent):
            continue  # "civilians were killed in attacks by the RSF on two camps": no weapon nor strike told
        if label == SUICIDE and weapon != SUICIDE:
            label = PLANTED  # codebook 3: a suicide bomb needs its bomber; "a bomb exploded near a police station"
        if TYPE_OF.get(label) == REMOTE and intercepted and not impact(sent, caught):
            label = DISRUPTED  # "shot down 40 of 50 drones": nothing got through
        if label == ARRESTS and ordinary_crime(sent):
            continue  # "arrested a man suspected of robbing a bank": ordinary crime (codebook 1)
        if label == PEACEFUL and soldiers_marching(sent):
            continue  # "a paratrooper marching to reinforce the front": no demonstration
        if label in (PEACEFUL, ARRESTS) and protest_arrests(sent):
            label = INTERVENED  # "police detained dozens of protesters": a protest met with arrests (codebook 3)
        if TYPE_OF.get(label) == PROTESTS and protesters_violent(sent):
            label = VIOLENT  # "protesters threw stones at the police": demonstrators using violence riot (codebook 3)
        elif label == VIOLENT and police_only(sent):
            label = INTERVENED  # "police fired tear gas to disperse demonstrators": the force was the police's
        if label in (ATTACK, CLASH, PEACEFUL, INTERVENED) and force_on_protesters(sent):
            label = EXCESSIVE  # codebook 3: "soldiers opened fire on protesters, killing seven"
        if label not in out and not (territorial and TYPE_OF.get(label) == BATTLE):
            out.append(label)
    out = out[:1]  # one happening per sentence and place, the likeliest sub-type (codebook 2: split by place)
    if intercepted and DISRUPTED not in out:
        out.append(DISRUPTED)  # codebook 3: an interception is coded whatever else the sentence tells
    return out


def _events_at(ctx: Context, sent: SpacySpan, token: Token, label: str
               ) -> list[tuple[Event, bool, bool, str | None]]:
    """The events of sub-type ``label`` anchored on ``token``: one per place it governs, whether the
    place is the sentence's own, whether actor1's side is read in the sentence, and the village the gazetteer
    lacks that the event is in (its location is the next level the text gives)."""
    profile = ctx.profile
    claim = claim_for(token.idx, ctx.claims)
    claim_side = ctx.claims[claim].side if claim is not None else None
    date, precision = date_of(sent, ctx.dates, ctx.published, token)
    if background(date, precision, ctx.anchor_day):
        return []  # "the protests of 2011 that ignited the war": history told in passing
    if label == CLASH and unarmed_attack(sent, token):
        label = SHELLING  # codebook 3: "Russia attacked the city" with no weapon and no ground fighting
    event_type = TYPE_OF[label]
    actor1, side1, actor2, side2 = actors(token, profile, claim_side, battle=event_type == BATTLE)
    if label == ATTACK and (state := profile.side(side1)) is not None and state.country \
            and unarmed_attack(sent, token):
        label, event_type = SHELLING, TYPE_OF[SHELLING]  # a state's army "attacked the city": the same rule
    found, _ = sites(token, sent, ctx.places, launched=event_type == REMOTE or label == DISRUPTED)
    own = bool(found)
    if not found and label == DISRUPTED:
        found = defender_country(token, ctx.places)
    if not found:  # codebook 3: an interception with no place named is in the region or country; so is a deal
        scene = context_division if label in (DISRUPTED, "Agreement") else context_place
        near = scene(ctx.doc, sent, ctx.places)
        found = [near] if near is not None and not named_as_aim(sent, near, ctx.places) else []
    if label == "Agreement":
        found = meeting_town(sent, found, ctx.places)
    fatalities, injured = casualties_of(token, sent)
    if fatalities is not None and fatalities > AGGREGATE_DEAD:
        return []  # "the famine killed an estimated five million people": a war's or a famine's toll (codebook 1)
    claimed = None
    if fatalities is not None and _enemy_losses(sent, claim_side, profile):
        claimed, fatalities = fatalities, None  # a party's count of its enemy's dead is its claim
    out = []
    lost = words().lost
    for place in found or [None]:
        country = place.country_code if place is not None and place.country_code else ctx.country
        site = next_level(place, ctx.places, doc_text(ctx.doc))
        home = profile.holder(country, site.admin1 if site else None, site.name if site else None,
                              dt.date.fromisoformat(date) if date else ctx.published)
        a1, s1, a2, s2 = _acled_actors(token, label, country, home, (actor1, side1, actor2, side2), claim_side,
                                       profile)
        if label in (REGAINS, OVERTAKES) and (lemma_of(token) in lost or token.lemma_.lower() == "control"
                                              and lemma_of(token.head) in lost):
            # "troops retreated from X", "forces lost control of X": the force that left is actor1, as in the
            # control rules, not a taker
            label = TRANSFER
            if lemma_of(token) == "fall" and home in profile.opponents:
                # "Kreminna has fallen": a town falls to its holder's enemy, by fighting (codebook 6)
                taker = profile.opponents[home]
                label = sub_type_of("gained", taker, country, profile)
                if s1 is None or s1 == home:
                    a1, s1 = military(profile, taker), taker
        elif label in (REGAINS, OVERTAKES):  # the model says territory changed; who took it says which
            taker = s1 if s1 in profile.side_codes else taker_unnamed(token, claim_side, country, profile)
            label = sub_type_of("gained", taker, country, profile)
            if taker is not None and s1 is None:
                a1, s1 = military(profile, taker), taker
        elif label == ATTACK and (s2 in profile.side_codes or (
                s1 in profile.side_codes and lemma_of(token) not in TARGETED_KILLINGS or armed_victims(sent)
                or ground_forces(sent)) and not civilian_target(sent)):
            # "killed 120 Ukrainian servicemen", "Russian troops attacked near X and were repulsed", "killed 21
            # soldiers": armed victims, or a warring side's attack with no civilian target, make a battle (codebook 3),
            # unless nothing says it was fought on the ground ("Russia attacked Odesa overnight": a shelling); a
            # murder or an assassination by a side stays an attack ("blamed Kyiv for the double murder of an official")
            label = SHELLING if unarmed_attack(sent, token) else CLASH
            if s2 == CIVILIAN:
                a2, s2 = None, None  # the victims were armed: not the civilians an attack is coded against
        if label == CLASH and s2 not in profile.side_codes and s1 in profile.opponents:
            s2 = profile.opponents[s1]  # a clash is fought by two sides: the one named, and its enemy
            a2 = military(profile, s2)
        loc = location(site)
        event = Event(TYPE_OF[label], label, evidence(ctx.doc, sent), date, precision, loc, a1, s1, a2, s2,
                      fatalities, injured, claim, _confidence(loc, claim, token),
                      profile.inter(a1, country), profile.inter(a2, country), claimed)
        village = _lacked_village(place, loc, doc_text(ctx.doc))
        out.append((event, own, side1 is not None and s1 == side1, village))
    return out


def _lacked_village(place: Place | None, site: Location | None, text: str) -> str | None:
    """The spelling key of a village the gazetteer lacks that an event is in, when the event is placed at the region
    or country the text gives for it (codebook 7); a village placed at a town ("X, south of Bakhmut"), a building in
    its town, or a part of a town ("the suburb of X") is that town's."""
    if place is None or place.lat is not None or site is None or site.precision == "city" \
            or part_of_town(place, text):
        return None
    return name_key(place.span.text)


def _acled_actors(token: Token, label: str, country: str | None, home: str | None,
                  parsed: tuple[str | None, str | None, str | None, str | None], claim_side: str | None,
                  profile: ConflictProfile) -> tuple[str | None, str | None, str | None, str | None]:
    """ACLED actors of an event in ``country`` on land ``home`` holds: protesters and rioters of the
    country, the police for arrests, civilians as the target when people or civilian places are hit,
    and for remote violence with no attacker named, the enemy of the side that holds where it struck."""
    actor1, side1, actor2, side2 = parsed
    event_type = TYPE_OF[label]
    sent = token.sent
    if event_type == PROTESTS:
        return (profile.actor("protesters", country).name if country else None), None, None, None
    if event_type == RIOTS:
        return (profile.actor("rioters", country).name if country else None), None, None, None
    if label == ARRESTS and actor1 is None and country:
        actor1, side1 = profile.actor("police", country).name, profile.side_of_country(country)
    if label == DISRUPTED:
        # who shot down is who tells of it ("Ukraine said it intercepted"), else the parse, else the land's side
        if claim_side in profile.side_codes and claim_side != side1:
            side1, actor1 = claim_side, military(profile, claim_side)
        side1 = side1 or home
        actor1 = actor1 or military(profile, side1)
        if side1 in profile.opponents and side2 in (None, side1):
            side2 = profile.opponents[side1]
            actor2 = military(profile, side2)
        return actor1, side1, actor2, side2
    if side1 is None and label == "Agreement":
        side1 = _first_side(sent, profile)  # "Russia, Ukraine agree to swap prisoners": the first party named
        actor1 = military(profile, side1)
        if side1 in profile.opponents and side2 is None:
            side2 = profile.opponents[side1]
            actor2 = military(profile, side2)
    elif side1 is None and label == "Other" and home in profile.side_codes:
        side1, actor1 = home, military(profile, home)  # an evacuation ordered on a side's own land
    if event_type == REMOTE and side1 is None and home in profile.opponents:
        side1 = profile.opponents[home]  # a strike on one side's land is the other side's
        actor1 = military(profile, side1)
    if event_type in (REMOTE, CIVILIANS) and civilian_target(sent) and not military_target(sent, token):
        actor2, side2 = civilians(profile, country)
    elif label == ATTACK and actor2 is None:
        actor2, side2 = civilians(profile, country)
    elif label == ARRESTS and side2 is not None and not armed_victims(sent):
        actor2, side2 = civilians(profile, country)  # "detained a Russian journalist": a civilian, not Russia's army
    if side2 == CIVILIAN and actor2 is None:
        side2 = None
    return actor1, side1, actor2, side2


def _territory_event(ctx: Context, sent: SpacySpan, change: Change
                     ) -> tuple[Event | None, ControlObservation | None]:
    """The Battles event and the control observation of one change of hands at one settlement."""
    profile = ctx.profile
    claim = claim_for(change.token.idx, ctx.claims)
    claim_side = ctx.claims[claim].side if claim is not None else None
    claimant = ctx.claims[claim].speaker if claim is not None else None
    owner = claim_owner(change.token)
    if owner is not None:  # "Kyiv denied Russian claims that ...": Russia claims it, not the denier
        owner_side = profile.side_in(owner.text)
        if owner_side and owner_side != claim_side:
            country = profile.country_of(owner_side) if owner.ent_type_ == "NORP" else None
            claim, claim_side, claimant = None, owner_side, country_name(country) if country else owner.text
    _, side1, _, _ = actors(change.token, profile, claim_side)
    if change.place.country_code is None and ctx.country:  # a village the gazetteer lacks: the story's country
        change = replace(change, place=replace(change.place, country_code=ctx.country))
    side = gainer(change, side1, claim_side, profile)
    # the day of the change's own phrase: "Vovchansk, which Russian troops entered in May, was shelled overnight"
    date, precision = date_of(sent, ctx.dates, ctx.published, change.token)
    if background(date, precision, ctx.anchor_day):
        return None, None
    span = evidence(ctx.doc, sent)
    named = ctx.doc.char_span(change.place.span.start, change.place.span.end, alignment_mode="expand")
    if change.told_of and named is not None:  # "Izyum, a town ... that Russian forces captured": that clause
        span = evidence(ctx.doc, ctx.doc[named.start:change.token.right_edge.i + 1])
    elif change.place.span.end > sent.end_char:  # a list after a colon the parser made a sentence of its own
        last = ctx.doc.char_span(change.place.span.end - 1, change.place.span.end, alignment_mode="expand")
        if last is not None:
            span = evidence(ctx.doc, ctx.doc[sent.start:last.sent.end])
    observation = None
    # "Russia was forced to evacuate Manchuria": the timeline is of the land the profile's sides fight over
    outside = bool(profile.countries) and change.place.country_code not in profile.countries | {None}
    if (side is not None or change.change == "contested") and not change.in_region and not outside:
        observation = ControlObservation(change.place.name or change.place.span.text, change.place.geonameid, date,
                                         side, change.change, span, claimant, claim)
    if change.change == "contested":
        label, side1 = CLASH, side
    elif change.change == "lost" and (lemma_of(change.token) == "fall" or ground_fighting(sent)) \
            and profile.opponents.get(side or ""):
        # "the city has fallen", "lost the town after a long battle": taken by force by the other party, a
        # battle, no handover (codebook 6)
        side1 = profile.opponents[side or ""]
        label = sub_type_of("gained", side1, change.place.country_code, profile)
    else:
        label = sub_type_of(change.change, side, change.place.country_code, profile)
        side1 = side if change.change == "gained" else side1
    side2 = profile.opponents.get(side1) if side1 else None
    actor1, actor2 = military(profile, side1), military(profile, side2)
    country = change.place.country_code
    if side is None and change.change == "gained" and country and state_forces(change.token):
        # "the army recaptured Kidal": the forces of the state the town is in, with no side the profile knows
        label, actor1 = REGAINS, profile.actor("military", country).name
    # the event is at the next level the text gives; its control change stays the village's
    site = location(next_level(change.place, ctx.places, doc_text(ctx.doc)))
    event = Event(TYPE_OF[label], label, span, date, precision, site, actor1, side1, actor2, side2,
                  None, None, claim, _confidence(site, claim, change.token),
                  profile.inter(actor1, country), profile.inter(actor2, country))
    return event, observation


def _armed_alike(events: list[Event], unarmed: set[int]) -> list[Event]:
    """"A missile hit Sumy. The attack killed 20.": a remote-violence report that names no weapon, or
    an attack on civilians where remote violence struck the same place (codebook 3: remote violence
    that kills civilians stays remote violence), takes the sub-type of the armed report of that
    place (or of the document's only armed one), so that the reports merge."""
    armed = [e for e in events if e.event_type == REMOTE and id(e) not in unarmed]
    kinds = {e.sub_event_type for e in armed}
    out = []
    for e in events:
        loose = id(e) in unarmed or e.sub_event_type == ATTACK
        if loose and armed:
            twin = next((a for a in armed if a.location is not None and e.location is not None
                         and a.location.geonameid == e.location.geonameid), None)
            if twin is None and id(e) in unarmed and len(kinds) == 1:
                twin = armed[0]
            if twin is not None:
                e = replace(e, event_type=twin.event_type, sub_event_type=twin.sub_event_type)
        out.append(e)
    return out


def _defining(sent: SpacySpan, label: str) -> Token:
    """The anchor of a sub-type the model has no weights for: the word that defines it, else the root."""
    if label == DISRUPTED and (found := interception(sent)) is not None:
        return found
    return next((t for t in sent if defined_by(t) == label), sent.root)


def _first_side(sent: SpacySpan, profile: ConflictProfile) -> str | None:
    named = profile.side_words
    return next((code for t in sent for code, markers in named.items()
                 if t.lower_.removesuffix("'s").removesuffix("\u2019s") in markers), None)


LOSING = vocabulary("losing")


def _enemy_losses(sent: SpacySpan, claim_side: str | None, profile: ConflictProfile) -> bool:
    """A party's figure of the other side's dead ("up to 120 Ukrainian servicemen were killed", in
    the Russian ministry's words; "the enemy lost 300 soldiers")."""
    if claim_side not in profile.side_codes:
        return False
    enemy = profile.opponents.get(claim_side)
    enemy_words = profile.side_words.get(enemy, frozenset()) if enemy else frozenset()
    said = {t.lower_.removesuffix("'s") for t in sent}
    fighters = ARMED_NOUNS | {"militant", "mercenary", "nationalist"}
    # the dead counted are fighters ("killed up to 120 servicemen", "lost 300 soldiers"), not people killed
    # when "Ukrainian forces shelled a market"
    armed = any(singular(t) in fighters and (any(c.dep_ == "nummod" for c in t.children) or
                                                    t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in LOSING)
                for t in sent)
    hostile = any(h in sent.text.lower() for h in profile.hostile)
    return armed and (bool(said & enemy_words) or hostile)


def _confidence(loc: object, claim: int | None, token: Token) -> float:
    score = 0.6
    if loc is not None:
        score += 0.2 if getattr(loc, "precision", None) == "city" else 0.1
    if claim is not None:
        score += 0.1
    if any(t.lower_ in words().hedges for t in token.sent):
        score -= 0.2
    return max(0.1, min(score, 0.95))


def _unique(control: list[ControlObservation]) -> list[ControlObservation]:
    """One observation per place, side and change: the first told, with a claimant if any report has one."""
    out: list[ControlObservation] = []
    seen: dict[tuple[int | str | None, str | None, str], int] = {}
    for observation in control:
        key = (observation.geonameid or observation.place, observation.side, observation.change)
        if key not in seen:
            seen[key] = len(out)
            out.append(observation)
        elif out[seen[key]].claim is None and observation.claim is not None:
            out[seen[key]] = observation  # the headline told it; the body says who claims it
    return out

