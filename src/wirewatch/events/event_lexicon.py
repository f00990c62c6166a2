"""ACLED's event taxonomy and the events stage's word lists.

The taxonomy (event types and their sub-event types) is ACLED's, spelled as in the codebook
(``docs/codebook.md`` section 3). The word lists are data (``data/events/words.json``): each list
says where its entries come from. Whether and what happened is not decided by these lists but by
the learnt model (``event_model``); the lists give the model general features (a weapon class, a
territory verb) and the structure rules their vocabulary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

BATTLE, REMOTE, STRATEGIC, CIVILIANS, PROTESTS, RIOTS = (
    "Battles", "Explosions/Remote violence", "Strategic developments", "Violence against civilians", "Protests",
    "Riots")
REGAINS, OVERTAKES, CLASH = "Government regains territory", "Non-state actor overtakes territory", "Armed clash"
SHELLING, AIR, TRANSFER = "Shelling/artillery/missile attack", "Air/drone strike", "Non-violent transfer of territory"
DISRUPTED, ATTACK, ARRESTS = "Disrupted weapons use", "Attack", "Arrests"
PEACEFUL, INTERVENED, EXCESSIVE = ("Peaceful protest", "Protest with intervention",
                                   "Excessive force against protesters")
VIOLENT = "Violent demonstration"
PLANTED, SUICIDE = "Remote explosive/landmine/IED", "Suicide bomb"
TERRITORY = (REGAINS, OVERTAKES, TRANSFER)
# ACLED codebook: each sub-event type belongs to one event type
TYPE_OF: dict[str, str] = {
    **dict.fromkeys([CLASH, REGAINS, OVERTAKES], BATTLE),
    **dict.fromkeys([AIR, SHELLING, PLANTED, SUICIDE, "Grenade", "Chemical weapon"],
                    REMOTE),
    **dict.fromkeys([ATTACK, "Abduction/forced disappearance", "Sexual violence"], CIVILIANS),
    **dict.fromkeys([PEACEFUL, INTERVENED, EXCESSIVE], PROTESTS),
    **dict.fromkeys([VIOLENT, "Mob violence"], RIOTS),
    **dict.fromkeys(["Agreement", ARRESTS, "Change to group/activity", DISRUPTED, "Headquarters or base established",
                     "Looting/property destruction", TRANSFER, "Other"], STRATEGIC),
}
# grammar words (general English): pronouns an actor may be named by
PRONOUNS = {"they", "their", "them", "it", "its", "we", "our", "us"}
FIRST_PERSON = {"we", "our", "us"}
OWN = {"we", "our", "us", "its", "their", "they"}  # "our units", "its forces" in a party's statement


@dataclass(frozen=True, slots=True)
class Words:
    weapon_class: dict[str, str]  # lemma -> remote-violence sub-type
    defines: dict[str, str]  # lemma -> the sub-type whose codebook definition uses it
    gained: frozenset[str]
    lost: frozenset[str]
    contested: frozenset[str]
    states: frozenset[str]
    civilian_places: frozenset[str]
    civilian_victims: frozenset[str]
    interception: frozenset[str]
    repelling: frozenset[str]  # "repelled an attack": the attackers are actor1
    air_defence: frozenset[str]
    numbers: dict[str, int]
    killed: frozenset[str]
    injured: frozenset[str]
    directions: frozenset[str]
    protesters: frozenset[str]
    rioters: frozenset[str]
    protest_violence: frozenset[str]  # what demonstrators do that makes a protest a riot
    supplies: frozenset[str]  # verbs that give, get or lack weapons: no use of them
    hedges: frozenset[str]
    meetings: frozenset[str]  # a deal made at a meeting is made in one town
    equipment: frozenset[str]  # military equipment a force can seize, besides the weapons
    hazards: frozenset[str]  # natural hazards and accidents: what they do is no political violence
    accords: frozenset[str]  # what parties conclude: a ceasefire, a deal
    concluding: frozenset[str]  # the verbs that conclude one: "agreed", "signed", "reached"
    ordinary_crimes: frozenset[str]  # an arrest for one of these is no political event
    political_persons: frozenset[str]  # unless the one arrested is one of these
    changes: frozenset[str]  # the verbs of a change of hands either way (gained and lost)
    seizable: frozenset[str]  # what a force can seize that is no land: equipment and weapons


@lru_cache(maxsize=1)
def _raw_lists() -> dict:
    return json.loads((resources.files("wirewatch") / "data" / "events" / "words.json").read_text(encoding="utf-8"))


def vocabulary(name: str) -> frozenset[str]:
    """One plain list of ``data/events/words.json`` by its key (the rules' vocabulary of one kind)."""
    return frozenset(_raw_lists()[name]["entries"])


LIGHT_VERBS = vocabulary("light_verbs")  # "launched an attack": the verb only carries the event noun
BACKED = vocabulary("backed")  # "Russian-backed"
ARMED_NOUNS = vocabulary("armed_nouns")


@lru_cache(maxsize=1)
def words() -> Words:
    """The word lists of ``data/events/words.json`` (read once per process)."""
    raw = _raw_lists()

    def entries(name: str) -> frozenset[str]:
        return frozenset(raw[name]["entries"])

    weapon_class: dict[str, str] = {}
    for sub_type, lemmas in raw["weapons"]["entries"].items():
        for lemma in lemmas:
            weapon_class.setdefault(lemma, sub_type)
    defines: dict[str, str] = {}
    for sub_type, lemmas in raw["definitions"]["entries"].items():
        for lemma in lemmas:
            defines.setdefault(lemma, sub_type)
    territory = raw["territory"]["entries"]
    gained, lost = frozenset(territory["gained"]), frozenset(territory["lost"])
    equipment = entries("equipment")
    accords = raw["accords"]["entries"]
    return Words(weapon_class=weapon_class, defines=defines, gained=gained, lost=lost,
                 contested=frozenset(territory["contested"]), states=entries("states"),
                 civilian_places=entries("civilian_places"), civilian_victims=entries("civilian_victims"),
                 interception=entries("interception"), repelling=entries("repelling"), air_defence=entries("air_defence"),
                 numbers=dict(raw["number_words"]["entries"]),
                 killed=frozenset(raw["killed"]["entries"]["killed"]),
                 injured=frozenset(raw["killed"]["entries"]["injured"]), directions=entries("directions"),
                 protesters=frozenset(raw["protesters"]["entries"]["protesters"]),
                 rioters=frozenset(raw["protesters"]["entries"]["rioters"]),
                 protest_violence=entries("protest_violence"), supplies=entries("supplies"), hedges=entries("hedges"),
                 meetings=entries("meetings"), equipment=equipment, hazards=entries("hazards"),
                 accords=frozenset(accords["nouns"]), concluding=frozenset(accords["verbs"]),
                 ordinary_crimes=entries("ordinary_crimes"), political_persons=entries("political_persons"),
                 changes=gained | lost, seizable=equipment | weapon_class.keys())


def defined_by(token: Token, written: bool = False) -> str | None:
    """The sub-type a word defines (codebook 3), if any, by its lemma (and, ``written``, by its form as written).
    "According to" reports a source: it is no accord; the month in "on March 29" is no march."""
    if token.lower_ == "according" or token.text == "March" and (token.ent_type_ == "DATE" or _dated(token)):
        return None
    defines = words().defines
    return defines.get(token.lemma_.lower()) or (defines.get(token.lower_) if written else None)


def _dated(month: Token) -> bool:
    """"March 29", "29 March", "in March": the capitalised word names the month (where the NER tags no date)."""
    doc = month.doc
    before = doc[month.i - 1] if month.i > 0 else None
    after = doc[month.i + 1] if month.i + 1 < len(doc) else None
    return after is not None and after.like_num or before is not None and (before.like_num or before.lower_ in (
        "in", "on", "since", "until", "by", "early", "late", "mid", "last", "next"))
