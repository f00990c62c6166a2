"""Sentence cues the events stage reads beside the model: what the words of a sentence say about whether
something happened there and of what kind (a weapon named, an interception, armed victims, protesters
turning violent, weapons only supplied or cleared, a force leaving). Structure and general English only;
the word lists are ``data/events/words.json``.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from wirewatch.events.control_places import SETTLEMENT_NOUNS, goes_on
from wirewatch.events.event_control import pushed_out, state
from wirewatch.events.event_lexicon import (ARMED_NOUNS, ARRESTS, BATTLE, CIVILIANS, INTERVENED, PEACEFUL, PLANTED,
                                            PROTESTS, REMOTE, RIOTS, SHELLING, TYPE_OF, VIOLENT, defined_by, vocabulary,
                                            words)
from wirewatch.events.event_model import event_words
from wirewatch.events.event_places import FACILITY_NOUNS


def tells_a_happening(sent: SpacySpan) -> bool:
    """A word of the codebook's event vocabulary tells a happening, unless the sentence's only ones describe people
    or name a kind of thing (one pass over the vocabulary for both)."""
    found = list(event_words(sent))
    return bool(found) and not _casualties_described(found) and not _weapons_as_kinds(found)


def _casualties_described(found: list[Token]) -> bool:
    """The sentence's only event words describe people ("53 seriously wounded fighters had been taken to a
    hospital"): it tells what became of them, not a happening of its own."""
    lists = words()
    moves = lists.changes | lists.contested
    # "taken to a hospital": a territory verb moving people somewhere takes no place
    told = [t for t in found if not (t.lemma_.lower() in moves and any(
        c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in t.children))]
    return bool(told) and all((t.lower_ in lists.killed or t.lower_ in lists.injured) and t.dep_ == "amod"
                              for t in told)


# what is left of a weapon that struck ("drone debris fell on a house"): the weapon was used
REMAINS = vocabulary("remains")


def _weapons_as_kinds(found: list[Token]) -> bool:
    """The sentence's only event words are weapons naming a kind of thing ("firms in the drone and missile
    industries", "the missile programme"): it tells of no weapon used."""
    lists = words()

    def kind_of(t: Token) -> bool:
        while t.dep_ == "conj" and t.head.lemma_.lower() in lists.weapon_class:
            t = t.head  # "drone and missile industries"
        head = t.head
        return t.dep_ in ("compound", "nmod", "amod") and head.pos_ == "NOUN" and head not in found \
            and head.lemma_.lower() not in lists.weapon_class and head.lemma_.lower() not in REMAINS

    return bool(found) and all(t.lemma_.lower() in lists.weapon_class and kind_of(t) for t in found)


WAR_NOUNS = vocabulary("war_nouns")


def whole_war(token: Token) -> bool:
    """"After Russia's attack on Ukraine", "since the invasion of Ukraine", "during the fighting in Sudan": an attack
    on a whole country named in passing, with no day and no weapon, is the war itself, no one happening (codebook 1:
    specific)."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.dep_ != "pobj" or token.lemma_.lower() not in WAR_NOUNS:
        return False
    # a day told of the clause the attack is named in ("captured during the fighting in Ukraine" in "an exhibition
    # of weapons ... opened on Wednesday" is not the fighting's day)
    if any(t.ent_type_ in ("DATE", "TIME") for t in token.head.head.subtree) or any(
            c.lemma_.lower() in words().weapon_class for c in token.children):
        return False
    countries = [p.span for p in token.doc._.ww_places or () if (p.feature_code or "").startswith("PCL")]
    # the country itself, not a part of it ("in Ukraine's south")
    targets = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "of", "against", "in")
               for g in c.children if g.dep_ == "pobj" and not any(d.dep_ == "case" for d in g.children)]
    return any(span.start <= g.idx < span.end for g in targets for span in countries)


def describes_thing(token: Token) -> bool:
    """"debris left behind by the shelling", "weapons abandoned on the road": a participle describing a thing,
    no place changing hands ("the city captured in March" describes a place and stays)."""
    head = token.head
    return token.tag_ == "VBN" and token.dep_ == "acl" and head.pos_ == "NOUN" and not head.ent_type_ \
        and head.lemma_.lower() not in SETTLEMENT_NOUNS \
        and not any(c.dep_ in ("nsubj", "aux", "mark") for c in token.children)  # "claims that forces had taken X"


def state_forces(token: Token) -> bool:
    """"The army recaptured X", "government forces retook X": the taker is a state's forces whose nationality
    the sentence does not name (those of the country X is in)."""
    takers = [c for c in token.children if c.dep_ == "nsubj"]
    takers += [g for c in token.children if c.dep_ == "agent" for g in c.children]
    for t in takers:
        lemma = t.lemma_.lower()
        mods = {c.lemma_.lower() for c in t.children if c.dep_ in ("amod", "compound", "nmod")}
        named = any(c.ent_type_ in ("NORP", "GPE") for c in t.children)
        if not named and (lemma in ("army", "military") or lemma in ("force", "troop", "soldier")
                          and mods & {"government", "state", "army", "national", "regular"}):
            return True
    return False


def soldiers_marching(sent: SpacySpan) -> bool:
    """"a paratrooper marching through the snow", "hundreds of soldiers marched through Lviv": soldiers on the
    move, no demonstration, unless the sentence tells of protest in other words ("marched to protest")."""
    if any(defined_by(t) == PEACEFUL and t.lemma_.lower() != "march" for t in sent):
        return False
    for t in sent:
        if t.lemma_.lower() != "march" or t.pos_ != "VERB" and not any(c.dep_ == "nsubj" for c in t.children):
            continue  # (a "march" with a subject is the verb the tagger took for a noun: "as his forces march")
        who = [c for c in t.children if c.dep_ == "nsubj"] or ([t.head] if t.dep_ in ("acl", "relcl") else [])
        who += [g for w in who for p in w.children if p.lower_ == "of" for g in p.children]  # "hundreds of"
        if any(singular(w) in ARMED_NOUNS for w in who):
            return True
    return False


def protest_arrests(sent: SpacySpan) -> bool:
    """The sentence tells of protest (a protest word, a protester) and of protesters arrested or dispersed;
    the arrest of one figure ("arrested an opposition leader during a protest") stays an arrest (codebook 3)."""
    lists = words()
    if not any(defined_by(t) == PEACEFUL or t.lemma_.lower() in lists.protesters for t in sent):
        return False
    # "the detained activists" describes people held before; an act arrests or disperses
    acts = [t for t in sent if defined_by(t) in (ARRESTS, INTERVENED) and t.dep_ != "amod"]
    held = [c for t in acts for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    # one person held ("an activist was arrested") is one figure; a crowd is many
    one_figure = any(c.tag_ in ("NN", "NNP") and c.lemma_.lower() != "crowd" or c.ent_type_ == "PERSON"
                     for c in held)
    return bool(acts) and not one_figure


# lethal force: "opened fire on", "shot", "killed"
LETHAL = vocabulary("lethal")


def force_on_protesters(sent: SpacySpan) -> bool:
    """"Soldiers opened fire on protesters", "police shot dead three demonstrators", "protesters were killed":
    lethal force against demonstrators (codebook 3: Excessive force against protesters)."""
    crowd = words().protesters
    for t in sent:
        if singular(t) not in crowd or singular(t) in ("crowd", "supporter") and not _tells_of_protest(sent):
            continue  # a crowd is protesters only where the sentence tells of protest ("a gunman fired on a crowd")
        head = t.head
        verb = head.head
        if t.dep_ == "pobj" and head.lower_ in ("on", "at", "into") and verb.lemma_.lower() in LETHAL | {"open"} \
                and not any(c.dep_ == "dobj" and any(defined_by(w, written=True) == INTERVENED for w in c.subtree)
                            for c in verb.children):
            return True  # but "fired tear gas at protesters": crowd control, no lethal force
        if t.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LETHAL:
            return True
    return False


def _tells_of_protest(sent: SpacySpan) -> bool:
    return any(TYPE_OF.get(defined_by(t)) in (PROTESTS, RIOTS) for t in sent)


def police_only(sent: SpacySpan) -> bool:
    """A riot the model reads where only the police used force ("police fired tear gas to disperse
    demonstrators"): no word of rioting, no clash, no violence by the demonstrators."""
    return not any(defined_by(t) == VIOLENT or t.lemma_.lower() == "clash" for t in sent) \
        and any(defined_by(t) == INTERVENED for t in sent) and not protesters_violent(sent)


def protesters_violent(sent: SpacySpan) -> bool:
    """Demonstrators are the ones who throw, storm, burn or smash ("protesters retaliated by throwing bricks",
    "demonstrators set fire to the building"), not the police ("police burned the tents")."""
    lists = words()
    crowd = lists.protesters | lists.rioters
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" or lemma not in lists.protest_violence or lemma == "set" and not any(
                c.lower_ == "fire" for c in t.children):
            continue
        verb = t
        for _ in range(4):  # up through "by throwing", "and hurled" to the clause that names who did it
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
            if subjects:
                # "thousands of demonstrators": the crowd is the quantity's "of" phrase
                named = subjects + [g for c in subjects for p in c.children if p.lower_ == "of" for g in p.children]
                if any(singular(c) in crowd for c in named):
                    return True
                break
            if verb.head == verb:
                break
            verb = verb.head
    return False


def kind_of_thing(token: Token) -> bool:
    """"attack positions", "assault rifles", "strike group": an event word naming a kind of thing, not a
    happening (a weapon it names is read as such: "attack drones hit the city")."""
    lists = words()
    head = token.head.lemma_.lower()
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return token.lemma_.lower() not in lists.weapon_class \
            and head not in lists.weapon_class and head not in lists.defines
    # "sabotage and reconnaissance groups": two modifiers of one noun, the first parsed as a noun of its own
    doc = token.doc
    shared = next((c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                   and any(g.dep_ == "compound" and g.i < c.i for g in c.children)), None)
    return shared is not None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("and", "or") \
        and not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children) \
        and shared.lemma_.lower() not in lists.weapon_class | lists.defines.keys()


# a drone that only does these watches
WATCHING = vocabulary("watching")


def only_watching(token: Token) -> bool:
    """"the family were detected by a military drone", "a drone spotted the column": a weapon that watches
    strikes nothing."""
    if token.lemma_.lower() not in words().weapon_class:
        return False
    if token.dep_ == "nsubj":
        return token.head.lemma_.lower() in WATCHING
    return token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.lemma_.lower() in WATCHING


def supplied(token: Token) -> bool:
    """"furnished Russia with attack drones", "supplying Ukraine with artillery that allowed it to strike",
    "running out of artillery": weapons given, received or lacking are no use of them (codebook 1)."""
    supplies = words().supplies
    if any(c.lemma_.lower() in REMOVED and c.dep_ in ("amod", "compound") for c in token.children):
        return True  # "clearing mines" read as one noun phrase
    noun = token.head if token.dep_ == "compound" else token
    if any(c.dep_ == "acl" and c.lemma_.lower() in supplies for c in noun.children) and \
            noun.head.lemma_.lower() not in IMPACT:
        return True  # "the launchers supplied by the US strengthened the army" (not "missiles supplied by Iran hit")
    node = token
    for _ in range(5):
        if node.pos_ == "VERB" and (node.lemma_.lower() in supplies or node.lemma_.lower() == "run"
                                    and any(c.lower_ == "out" for c in node.children)):
            return True
        if node is not token and node.pos_ == "VERB" and node.lemma_.lower() in REMOVED:
            return True  # "residents are clearing mines": the weapons are taken away, none went off
        if node.head == node:
            return False
        node = node.head
    return False


def natural_cause(token: Token) -> bool:
    """"A tornado struck the town, killing two", "floods killed 40", "were killed in an earthquake": what a
    natural hazard or an accident does is no event (codebook 1), whatever verb tells it."""
    hazards = words().hazards
    node = token
    for _ in range(4):
        if node.lemma_.lower() in hazards and node.pos_ != "VERB":  # "militants stormed a hotel": no storm
            return True
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and (child.lemma_.lower() in hazards or _a_blaze(child)):
                return True
            if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in") and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in hazards for g in child.children):
                return True
        if node.dep_ not in ("advcl", "xcomp", "conj", "acl") or node.head is node:
            return False
        node = node.head
    return False


def _a_blaze(token: Token) -> bool:
    """"A fire at a warehouse killed three": a blaze, unlike "Russian fire", "artillery fire" or "the fire
    from their positions" (a weapon's)."""
    children = list(token.children)
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in children)
    whose = any(c.dep_ in ("amod", "compound", "poss", "nmod") or c.lower_ in ("from", "by") for c in children)
    return token.lemma_.lower() == "fire" and indefinite and not whose


# an accord between belligerents by its nature; "a deal" or "an agreement" may be one of trade or supplies
BELLIGERENT_ACCORDS = vocabulary("belligerent_accords")
FIGHTING = vocabulary("fighting")


def fighting_went_on(sent: SpacySpan) -> Token | None:
    """"Heavy fighting continued in Chasiv Yar", "clashes erupted near X", "fighting raged around Pokrovsk":
    fighting told as going on is an armed clash (codebook 3) whatever the model makes of the sentence."""
    for t in sent:
        if t.lemma_.lower() in FIGHTING and t.pos_ == "NOUN" and goes_on(t) and t.head.tag_ in ("VBD", "VBN", "VBG"):
            return t
    return None


def accord_concluded(sent: SpacySpan) -> Token | None:
    """The verb by which parties concluded an accord between belligerents, told as done ("Israel and Hamas
    agreed to a ceasefire", "the two sides signed a peace deal", "a truce was reached"): an Agreement
    (codebook 3) whatever the model makes of the sentence. "A deal" or "an agreement" alone may be one of
    trade or arms: it counts when it is one of peace or a ceasefire."""
    lists = words()
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lists.concluding or verb.dep_ not in ("ROOT", "ccomp", "conj"):
            continue
        if verb.tag_ != "VBD" and not (verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in verb.children)):
            continue  # done, not to be done: "will sign", "agreeing to talk"
        accords = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        accords += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on") for g in c.children
                    if g.dep_ == "pobj"]
        if verb.lemma_.lower() in ("agree", "accept") and not _both_parties(verb):
            continue  # "Ukraine has agreed to a ceasefire, but Russia wants ...": one side accepts, none is made
        for accord in accords:
            if accord.lemma_.lower() in BELLIGERENT_ACCORDS or accord.lemma_.lower() in lists.accords and any(
                    c.dep_ in ("amod", "compound") and c.lemma_.lower() in BELLIGERENT_ACCORDS | {"peace"}
                    for c in accord.children):
                return verb
    return None


def _both_parties(verb: Token) -> bool:
    """The verb's subject names both parties ("Israel and Hamas", "the two sides", "the warring parties"), or
    the other one is named with it ("agreed with Russia on ...")."""
    for c in verb.children:
        if c.dep_ == "nsubj" and (any(g.dep_ == "conj" for g in c.children)
                                  or c.tag_ == "NNS" and c.lemma_.lower() in ("side", "party", "belligerent")):
            return True
        if c.dep_ == "prep" and c.lower_ in ("with", "between"):
            return True
    return False


# what states an arrest's reason: "suspected of robbing", "accused of fraud", "charged with theft", "for smuggling"
REASONS = {"suspect", "suspected", "accuse", "charge", "convict", "for", "over", "on"}


def ordinary_crime(sent: SpacySpan) -> bool:
    """An arrest whose stated reason is an ordinary crime ("arrested a man suspected of robbing a bank",
    "detained for drug smuggling"): no political event (codebook 1), whatever the model makes of it. The
    arrest of a person of politics or public life on such a charge stays ("an opposition activist detained
    on charges of fraud")."""
    lists = words()
    crimes = lists.ordinary_crimes
    if any(t.lemma_.lower() in lists.political_persons for t in sent):
        return False
    for t in sent:
        if t.lemma_.lower() not in crimes and t.lower_ not in crimes:
            continue
        node = t
        for _ in range(3):
            if node.head is node:
                break
            node = node.head
            if node.lower_ in REASONS or node.lemma_.lower() in REASONS:
                return True
    return False


# a bomb planted in or by these is an improvised explosive device ("a car bomb")
PLANTED_BOMBS = vocabulary("planted_bombs")


# "..., prompting airstrikes on Gaza" tells a second happening
CONSEQUENCE = vocabulary("consequence")


POISONS = vocabulary("poisons")  # what makes gas a weapon ("poison gas", "toxic gas")
SUICIDE_BOMBS = vocabulary("suicide_bombs")  # what makes "suicide" a bombing: its bomber, or the vest or belt worn


def named_weapon(sent: SpacySpan) -> str | None:
    """The remote-violence sub-type of the weapon the sentence names (the first one), outside a clause telling
    what the happening brought about."""
    weapons = words().weapon_class
    for t in sent:
        if t.lemma_.lower() == "bomb" and any(c.dep_ == "compound" and c.lower_ in PLANTED_BOMBS for c in t.children):
            return PLANTED  # "a car bomb killed ...", not an air strike
        sub_type = weapons.get(t.lemma_.lower())
        if sub_type is not None and t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") and t.dep_ != "poss" \
                and not any(a.dep_ == "advcl" and a.lemma_.lower() in CONSEQUENCE for a in t.ancestors):
            if sub_type == "Suicide bomb" and not any(w.lemma_.lower() in SUICIDE_BOMBS for w in sent):
                continue
            if t.lemma_.lower() == "gas" and not (t.head.lemma_.lower() == "attack" or any(
                    c.lower_ in POISONS for c in t.children)):
                continue  # tear gas is riot control; natural gas, a gas explosion, leak or pipeline no chemical weapon
            if t.dep_ == "pobj" and t.head.lower_ in ("by", "via") and t.tag_ == "NN" and not any(
                    c.dep_ in ("det", "nummod", "amod") for c in t.children):
                continue  # "taken by helicopter to a hospital": a means of transport, not a weapon
            if t.lower_ == "bomber" and not any(c.dep_ in ("compound", "amod", "nummod") for c in t.children):
                # "the bomber detonated the explosive": a person; aircraft come named or counted
                sub_type = "Suicide bomb"
            if t.lemma_.lower() == "air" and (t.head.lemma_.lower() in words().air_defence | {"force", "raid"}
                                              or t.dep_ not in ("compound", "amod", "nmod") or defined_by(t.head) is None):
                continue  # "air defence", "the air force", "an air base", "said on the air": not an air strike
            return sub_type
    return None


# a weapon doing harm
IMPACT = vocabulary("impact")


REMOVED = vocabulary("removed")  # weapons taken away (demining)


PORTIONS = {"half", "most", "all", "some", "many", "part", "majority", "none"}  # "half of which were intercepted"
QUANTITY_PREPS = {"over", "about", "around", "nearly", "almost", "some", "up"}  # "over 70", "up to 40"


def interception(sent: SpacySpan) -> Token | None:
    """"shot down 40 drones", "intercepted two missiles", "air defences destroyed 12 Shaheds":
    the interception verb with a weapon as its object."""
    lists = words()
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ != "VERB" and lemma != "interception" or lemma not in lists.interception:
            continue
        if lemma == "shoot" and not any(c.lower_ == "down" for c in t.children):
            continue
        objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        # "shot down over 70 drones": a quantity word the parser takes for a preposition
        objects += [g for c in t.children if c.dep_ == "prep" and c.lower_ in QUANTITY_PREPS for g in c.children
                    if g.dep_ == "pobj"]
        objects += [g for c in objects if c.like_num or c.lower_ in PORTIONS
                    for g in c.children if g.dep_ == "prep" for g in g.children]
        if any(o.tag_ in ("PRP", "WDT") for o in objects):
            # "fired 40 drones ..., and shot down 30 of them", "23 missiles, half of which were intercepted":
            # the weapon named before stands for the pronoun
            objects += [w for w in sent[: t.i - sent.start] if w.pos_ == "NOUN"][-3:]
        if any(o.lemma_.lower() in lists.weapon_class for o in objects) and (
                lemma != "destroy" or any(w.lemma_.lower() in lists.air_defence for w in sent)):
            return t
    return None


def violence_went_off(sent: SpacySpan) -> tuple[Token, str] | None:
    """"A bomb exploded near the capital", "explosions rocked an air base", "an air attack on Kharkiv killed two
    people": a weapon, a blast or an attack told as the subject of a verb of harm in the past is political violence
    (codebook 3) however few words tell it; of the sub-type its weapon names, else its verb or its subject. So is
    an armed force or a country that hit or destroyed a building or a site ("Ukrainian forces destroyed an
    ammunition depot"): with no weapon named, a shelling (codebook 3, as "Russia attacked the city")."""
    lists = words()
    weapons = lists.weapon_class
    for t in sent:
        if t.lemma_.lower() not in IMPACT or not _past_clause(t):
            continue
        for subject in (c for c in t.children if c.dep_ == "nsubj"):
            if subject.lemma_.lower() in ARMED_NOUNS or subject.ent_type_ in ("GPE", "NORP"):
                target = next((c for c in t.children if c.dep_ == "dobj"), None)
                if target is not None and (target.lemma_.lower() in FACILITY_NOUNS
                                           or target.lemma_.lower() in lists.civilian_places):
                    return t, named_weapon(sent) or SHELLING
            told = defined_by(subject) or weapons.get(subject.lemma_.lower())
            if told is None or TYPE_OF.get(told) not in (REMOTE, CIVILIANS, BATTLE):
                continue
            verb_tells = defined_by(t)
            return t, named_weapon(sent) or (verb_tells if TYPE_OF.get(verb_tells) == REMOTE else told)
    return None


def _past_clause(verb: Token) -> bool:
    """A verb in the past that tells its clause: on its own, at the time of another ("as explosions rocked a base")
    or as what someone said; not one that describes a place ("across the street from where a bomb struck")."""
    return verb.pos_ == "VERB" and verb.tag_ == "VBD" and verb.dep_ in ("ROOT", "conj", "ccomp", "parataxis", "advcl") \
        and not any(c.lower_ == "where" for c in verb.children)


# "thousands demonstrated", "hundreds rallied": a crowd counted
CROWDS = {"thousands", "hundreds", "dozens", "scores", "tens", "millions"}


def protest_went_on(sent: SpacySpan) -> Token | None:
    """"Hundreds demonstrated in Dakar on Sunday", "thousands rallied in support of the army": people told as
    the subject of a verb of protest in the past held a protest (codebook 3), however few words tell it; soldiers
    marching and markets rallying do not."""
    lists = words()
    people = lists.protesters | lists.civilian_victims
    for t in sent:
        if not _past_clause(t) or defined_by(t) != PEACEFUL:
            continue
        if any(c.dep_ == "nsubj" and (singular(c) in people or c.lower_ in CROWDS or c.like_num)
               for c in t.children) and not soldiers_marching(sent):
            return t
    return None


def political_arrest(sent: SpacySpan) -> Token | None:
    """"Two more opposition figures were detained on Friday", "police arrested a journalist": a person of politics
    or public life told arrested in the past (codebook 3: detentions of political significance), however few words
    tell it."""
    persons = words().political_persons
    for t in sent:
        if defined_by(t) != ARRESTS or t.pos_ != "VERB":
            continue
        passive = t.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in t.children)
        if not (passive or _past_clause(t)):
            continue
        held = [c for c in t.children if c.dep_ in ("nsubjpass", "dobj")]
        if any(singular(h) in persons or any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in persons
                                             for c in h.children) for h in held):
            return t
    return None


def impact(sent: SpacySpan, caught: Token | None) -> bool:
    """Something got through: a hit, damage, a casualty (the interception verb ``caught`` itself aside:
    "destroyed 14 drones"; spaCy makes a new Token on each access, so tokens compare by index)."""
    return any(t.lemma_.lower() in IMPACT and t.pos_ == "VERB" and (caught is None or t.i != caught.i)
               for t in sent)


def changes_hands(sent: SpacySpan) -> bool:
    """A territory verb that is no state: "captured", "withdrew" (not "holds", "remains under control")."""
    lists = words()
    return any((t.lemma_.lower() in lists.changes or pushed_out(t)) and t.pos_ in ("VERB", "NOUN")
               and not state(t) and t.lemma_.lower() not in lists.states and not _taken_somewhere(t) for t in sent)


def _taken_somewhere(token: Token) -> bool:
    """"He was taken to the towns of Bucha and Irpin": someone moved somewhere, no land taken."""
    return token.lemma_.lower() == "take" and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)


def equipment_seizures(sent: SpacySpan) -> list[Token]:
    """The territory verbs of the sentence when all that they take is military equipment ("captured two Russian
    tanks", "equipment captured by Ukrainian forces"), else none: no land changes hands (codebook 3: weapons
    seized are a disrupted weapons use)."""
    lists = words()
    verbs, taken = [], []
    for t in sent:
        if t.pos_ != "VERB" or t.lemma_.lower() not in lists.changes:
            continue
        objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if t.dep_ == "acl" and t.head.pos_ == "NOUN":
            objects.append(t.head)  # "equipment captured by ..."
        verbs.append(t)
        taken += objects or [t]
    return verbs if taken and all(t.lemma_.lower() in lists.seizable for t in taken) else []


def ground_fighting(sent: SpacySpan) -> bool:
    fighting = words().contested | {"clash", "assault", "ambush", "repel", "storm"}
    return any(t.lemma_.lower() in fighting for t in sent)


def civilian_target(sent: SpacySpan) -> bool:
    lists = words()
    civilian = lists.civilian_places | lists.civilian_victims
    return any(t.lemma_.lower() in civilian for t in sent)


def military_target(sent: SpacySpan, token: Token) -> bool:
    """The text says the target of the event at ``token`` was military: an armed noun as the object or in the
    "on" phrase, not in another party's account ("..., while Moscow insisted the building housed fighters")."""
    military = ARMED_NOUNS | {"position", "base", "depot", "airfield", "command", "post"}
    return any(t.lemma_.lower() in military and t.dep_ in ("dobj", "pobj", "nsubjpass") and not told_apart(t, token)
               for t in sent)


def told_apart(word: Token, token: Token) -> bool:
    """``word`` is in a reported clause ("Moscow insisted [the building housed fighters]") that does not hold
    ``token``: another account than the one of the event at ``token``."""
    clause = next((a for a in (word, *word.ancestors) if a.dep_ == "ccomp"), None)
    return clause is not None and not (clause.left_edge.i <= token.i <= clause.right_edge.i)


# raids, incursions, advances are fought on the ground
GROUND_MOVES = vocabulary("ground_moves")


def armed_leaver(sent: SpacySpan) -> bool:
    """Someone who can hand over land is told: troops or forces, or a state or people named as the subject
    ("Russia withdrew from Kherson")."""
    return ground_forces(sent) or any(t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ in ("GPE", "NORP", "ORG")
                                       for t in sent)


def ground_forces(sent: SpacySpan, armed: frozenset[str] = ARMED_NOUNS) -> bool:
    """Troops, soldiers or fighters are named: an attack with them is fought on the ground."""
    return any(singular(t) in armed and t.pos_ == "NOUN" for t in sent)


# "forces", "the army", "the military" name a side's whole armed forces, which strike from afar as well
GROUND_UNITS = ARMED_NOUNS - {"force", "army", "military"}


def unarmed_attack(sent: SpacySpan, token: Token) -> bool:
    """"Ukraine attacked the Kerch bridge", "Russia attacked Odesa overnight": an attack told with no weapon,
    no ground fighting and no troops, which the codebook codes as a shelling/missile attack."""
    return token.lemma_.lower() == "attack" and named_weapon(sent) is None and not ground_fighting(sent) \
        and not ground_forces(sent, GROUND_UNITS) and not armed_victims(sent) and not _attacked_near(token) \
        and not any(t.lemma_.lower() in GROUND_MOVES for t in sent)


def _attacked_near(token: Token) -> bool:
    """"Russian forces attacked near Pokrovsk": an attack with no target, only an area it came near, is an assault
    on the ground (the wording of the armies' daily reports)."""
    return token.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in token.children) and any(
        c.dep_ == "prep" and c.lower_ in ("near", "around", "towards", "toward") for c in token.children)


def armed_victims(sent: SpacySpan) -> bool:
    """Armed people are what is hit: "killed 21 soldiers", "troops were ambushed", "an attack on an army post",
    "outposts came under attack"."""
    return any(singular(t) in ARMED_NOUNS | {"outpost", "post", "position"}
               and (t.dep_ in ("dobj", "nsubjpass") or t.dep_ == "pobj" and t.head.lower_ in ("on", "against")
                    or t.dep_ == "nsubj" and any(c.dep_ == "prep" and c.lower_ == "under" for c in t.head.children))
               for t in sent)


def singular(token: Token) -> str:
    """The lemma, with the plurals the tagger leaves alone made singular ("servicemen", "militants")."""
    lemma = token.lemma_.lower()
    return lemma[:-3] + "man" if lemma.endswith("men") else lemma.removesuffix("s")
