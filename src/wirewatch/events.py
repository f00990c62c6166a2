"""Events: ACLED-coded happenings and territorial control observations, per clause.

A trigger word (a verb or an event noun) gives the event type; the parse
around it gives actors, the place it happened (``event_places``), the date and
casualty figures. Negated, hedged, planned and hypothetical happenings are
skipped (``reality``). An event stated inside a claim's content keeps that
claim as its source. Reports of one happening inside a document (headline,
lead, a later paragraph) are merged into one event (``_merge``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wirewatch.event_places import AREA_NOUNS, context_place, location, places_for, sites
from wirewatch.models import Claim, ControlObservation, DateMention, Entity, Event, Location, Place, Span
from wirewatch.profile import ConflictProfile
from wirewatch.reality import conflict_document, is_generic, not_real, political_arrest

BATTLE, REMOTE, STRATEGIC, CIVILIANS, PROTESTS = ("Battles", "Explosions/Remote violence", "Strategic developments",
                                                  "Violence against civilians", "Protests")
REGAINS, OVERTAKES, CLASH = "Government regains territory", "Non-state actor overtakes territory", "Armed clash"
SHELLING, TRANSFER = "Shelling/artillery/missile attack", "Non-violent transfer of territory"
# trigger lemma -> (event_type, sub_event_type, control change for actor1 or None)
TRIGGERS: dict[str, tuple[str, str, str | None]] = {
    **dict.fromkeys(["shell", "shelling", "bombard", "bombardment", "artillery", "fire", "rocket", "missile",
                     "pound", "strike", "barrage"], (REMOTE, SHELLING, None)),
    **dict.fromkeys(["airstrike", "drone", "bomb", "bombing", "air-strike"], (REMOTE, "Air/drone strike", None)),
    **dict.fromkeys(["liberate", "liberation", "recapture", "retake", "regain", "reclaim", "free"],
                    (BATTLE, REGAINS, "gained")),
    **dict.fromkeys(["capture", "seize", "occupy", "overrun", "take"], (BATTLE, OVERTAKES, "gained")),
    **dict.fromkeys(["withdraw", "withdrawal", "retreat", "pull"], (STRATEGIC, TRANSFER, "lost")),
    **dict.fromkeys(["assault", "attack", "clash", "fight", "fighting", "battle", "counteroffensive", "operation",
                     "counterattack", "counter-attack", "offensive", "advance", "push", "repel", "repulse"],
                    (BATTLE, CLASH, None)),
    **dict.fromkeys(["negotiate", "negotiation", "talks", "ceasefire", "agreement", "deal", "evacuate",
                     "evacuation", "agree", "truce"], (STRATEGIC, "Agreement", None)),
    **dict.fromkeys(["arrest", "detain"], (STRATEGIC, "Arrests", None)),
    **dict.fromkeys(["explode", "explosion", "landmine", "mine", "ied"], (REMOTE, "Remote explosive/landmine/IED", None)),
    **dict.fromkeys(["surrender"], (STRATEGIC, "Other", None)),
    **dict.fromkeys(["shoot", "intercept", "down"], (STRATEGIC, "Disrupted weapons use", None)),
    **dict.fromkeys(["protest", "rally", "demonstrate", "demonstration", "march"], (PROTESTS, "Peaceful protest", None)),
    **dict.fromkeys(["storm", "ambush", "raid", "encircle", "skirmish", "firefight", "gunfight"], (BATTLE, CLASH, None)),
    **dict.fromkeys(["abduct", "kidnap", "abduction", "kidnapping"], (CIVILIANS, "Abduction/forced disappearance", None)),
    **dict.fromkeys(["loot", "looting", "pillage"], (STRATEGIC, "Looting/property destruction", None)),
    **dict.fromkeys(["rape"], (CIVILIANS, "Sexual violence", None)),
    **dict.fromkeys(["execute", "execution", "massacre", "torture"], (CIVILIANS, "Attack", None)),
    **dict.fromkeys(["riot", "rioting"], ("Riots", "Violent demonstration", None)),
}
# what a modifier says about the weapon refines the sub-type: "a drone attack", "an air strike"
MODIFIER_TYPES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(["air", "drone", "airstrike", "warplane", "jet", "helicopter", "aerial", "kamikaze", "plane"],
                    (REMOTE, "Air/drone strike")),
    **dict.fromkeys(["missile", "rocket", "artillery", "mortar", "shell", "cruise", "ballistic"], (REMOTE, SHELLING)),
    **dict.fromkeys(["suicide"], (REMOTE, "Suicide bomb")),
    **dict.fromkeys(["roadside", "landmine", "car", "ied", "booby", "booby-trap"],
                    (REMOTE, "Remote explosive/landmine/IED")),
    **dict.fromkeys(["chemical", "gas", "chlorine", "sarin"], (REMOTE, "Chemical weapon")),
    **dict.fromkeys(["grenade"], (REMOTE, "Grenade")),
}
# a trigger that is ambiguous alone needs one of these lemmas within a few tokens
NEEDS_CONTEXT = {"fire": {"russian", "ukrainian", "artillery", "enemy", "heavy", "concentrate", "rocket", "mortar",
                          "tank", "open"},
                 "push": {"back", "away", "out"}, "pull": {"back", "out"}, "free": {"village", "town", "city"},
                 "mine": {"explode", "detonate", "blast", "step", "hit", "kill"},
                 "strike": {"missile", "rocket", "air", "drone", "artillery", "precision", "hit"},
                 "deal": {"evacuation", "ceasefire", "prisoner", "surrender"},
                 "talks": {"evacuation", "ceasefire", "peace"},
                 "negotiate": {"evacuation", "ceasefire", "exchange", "surrender"},
                 "negotiation": {"evacuation", "ceasefire", "exchange", "surrender"},
                 "evacuate": {"deal", "agreement", "corridor", "negotiate", "negotiation", "ceasefire"},
                 "evacuation": {"deal", "agreement", "corridor", "negotiate", "negotiation", "ceasefire"},
                 "agree": {"corridor", "ceasefire", "truce", "evacuation", "exchange", "swap", "withdrawal", "deal"},
                 "drone": {"strike", "attack", "hit", "struck", "kill"},
                 "bomb": {"drop", "explode", "kill", "hit", "destroy", "plane", "jet", "aircraft", "barrel"},
                 "take": {"control"}, "operation": {"military", "ground", "offensive", "combat", "army"}, "shoot": {"down"}, "down": {"shoot", "shot"},
                 "intercept": {"missile", "drone", "rocket"},
                 "march": {"protester", "supporter", "demonstrator", "activist", "thousand", "hundred", "rally"},
                 "surrender": {"fighter", "soldier", "troop", "militant", "defender", "serviceman", "unit"},
                 "storm": {"troop", "force", "soldier", "fighter", "militant", "unit", "plant", "building", "village",
                           "town", "city", "airport", "base", "position"},
                 "raid": {"troop", "force", "soldier", "fighter", "militant", "unit", "commando", "special", "drone",
                          "air"},
                 "execute": {"civilian", "prisoner", "resident", "villager", "man", "woman", "people"},
                 "execution": {"civilian", "prisoner", "resident", "villager", "summary", "extrajudicial"},
                 "torture": {"civilian", "prisoner", "resident", "villager", "detainee"},
                 "loot": {"troop", "soldier", "force", "occupier", "home", "shop", "house"},
                 "looting": {"troop", "soldier", "force", "occupier", "home", "shop", "house"}}
WIDE_CONTEXT = {"march", "surrender", "evacuate", "evacuation", "deal", "talks", "negotiate", "negotiation", "agree"}
# weapon nouns are events only when they do something ("a missile destroyed", "hit by rockets")
WEAPONS = {"artillery", "rocket", "missile", "shell", "drone", "bomb", "mine"}
IMPACT = {"hit", "strike", "destroy", "damage", "kill", "land", "slam", "pound", "rain", "fire", "launch",
          "target", "wound", "injure", "explode", "shell", "blast", "raze", "level", "struck", "concentrate"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozens": 24, "a dozen": 12}
_NUM = r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_KILLED = re.compile(r"\b" + _NUM + r"\s+(?:[\w-]+\s+){0,3}?(?:were\s+|was\s+|have been\s+|had been\s+|are\s+)?"
                     r"(killed|dead|died|wounded|injured|hurt)", re.IGNORECASE)
_KILLING = re.compile(r"\b(killing|wounding|injuring|kills|killed|wounded|injured)\s+(?:at least\s+|more than\s+)?"
                      + _NUM + r"\b", re.IGNORECASE)
SIDE_WORDS = {"UA": {"ukrainian", "ukraine", "kyiv", "kiev", "ukraine's", "kyiv's"},
              "RU": {"russian", "russia", "moscow", "moscow's", "russia's", "russians", "kremlin"}}
BACKED = {"backed", "supported", "allied", "aligned", "installed", "appointed", "controlled"}  # "Russian-backed"
LIGHT_VERBS = {"launch", "carry", "conduct", "mount", "step", "begin", "stage", "intensify", "continue", "resume",
               "start", "make", "unleash", "go"}
PRONOUNS = {"they", "their", "them", "it", "its", "we", "our", "us"}
FIRST_PERSON = {"we", "our", "us"}
ARMED_NOUNS = {"troop", "force", "army", "unit", "soldier", "fighter", "military", "russians", "ukrainians",
               "serviceman", "defender", "invader", "occupier", "brigade", "battalion", "marine", "paratrooper"}
WE = {"we", "our", "us", "its", "their", "they"}


def find_events(doc: Doc, *, places: Sequence[Place], dates: Sequence[DateMention],
                entities: Sequence[Entity], claims: Sequence[Claim],
                published: dt.date | None, profile: ConflictProfile
                ) -> tuple[list[Event], list[ControlObservation]]:
    events: list[Event] = []
    changes: list[tuple[Event, str]] = []
    conflict = conflict_document(doc)
    # no publication date: the latest date the article mentions stands in for it when judging background
    anchor = published or max((dt.date.fromisoformat(d.value) for d in dates if d.value), default=None)
    seen: set[tuple[int, str, int | None]] = set()
    unplaced: set[int] = set()  # events located from context, not by their own sentence
    own_clause: set[int] = set()  # events whose trigger heads a coordinated clause of its own
    for sent in doc.sents:
        for token in sent:
            coded = _trigger(token)
            if coded is None:
                continue
            event_type, sub_type, change = coded
            if not conflict and not (event_type == PROTESTS or sub_type == "Arrests" and political_arrest(sent)):
                continue  # ordinary crime, sport, politics: no ACLED event
            if sub_type == "Arrests" and not political_arrest(sent):
                continue
            if not_real(token) or is_generic(token):
                continue
            if sub_type == OVERTAKES and _state_of_occupation(token):
                continue  # "had occupied since February": a control state, noted below, not an event
            if events and _anaphoric(token):
                continue  # "the attack left two dead": the happening already coded, told again
            if token.lemma_.lower() == "bomb" and not _airborne(sent):
                event_type, sub_type = REMOTE, "Remote explosive/landmine/IED"
            event_type, sub_type = _refine(token, event_type, sub_type)
            claim = _claim_for(token.idx, claims)
            speaker_side = claims[claim].side if claim is not None else None
            actor1, side1, actor2, side2 = _actors(token, profile, speaker_side)
            sub_type, event_type, change = _territory(token, sub_type, event_type, change, side1, profile)
            evidence = _evidence(doc, sent)
            date, precision = _date(sent, dates, published)
            fatalities, injured = _casualties(sent.text)
            if _background(date, precision, anchor):
                continue  # "the protests of 2011 that ignited the war": history told in passing
            found, inside = sites(token, sent, places, leaving=change == "lost")
            if not found:
                found = _listed(doc, sent, places)
                inside = bool(found)
            if event_type == PROTESTS and token.tag_ == "NNS" and not found:
                continue  # "months of protests", "several protests by caste groups": no one protest
            own = bool(found)
            if not found:
                near = context_place(doc, sent, places)
                found = [near] if near is not None else []
            for place in found or [None]:
                key = (sent.start, sub_type, place.geonameid if place else None)
                if key in seen:
                    continue
                seen.add(key)
                loc = location(place)
                event = Event(event_type, sub_type, evidence, date, precision, loc, actor1, side1, actor2, side2,
                              fatalities, injured, claim, _confidence(loc, claim, token))
                events.append(event)
                if not own:
                    unplaced.add(id(event))
                if token.dep_ == "conj" and token.head.pos_ == "VERB" or token.dep_ == "dobj" and \
                        token.head.dep_ == "conj":
                    own_clause.add(id(event))  # "... and is pressing operations in Douma"
                if change and own and inside and place is not None:
                    changes.append((event, change))  # control of the place itself, not of a landmark
    countries = {p.geonameid: p.country_code for p in places if p.geonameid}
    lead = [s for s in doc.sents if s.text.strip()][:2]
    lead_end = lead[-1].end_char if lead else 0
    merged = _merge(_most_specific(events, unplaced, own_clause), countries, lead_end, unplaced)
    control = _control(changes, claims) + _occupation_states(doc, places, dates, published, claims, profile)
    return merged, control


def _trigger(token: Token) -> tuple[str, str, str | None] | None:
    lemma = token.lemma_.lower()
    if lemma == "offensive" and token.i >= 2 and token.doc[token.i - 1].text == "-" \
            and token.doc[token.i - 2].lower_ == "counter":
        lemma = "counteroffensive"  # "counter-offensive" is split in three tokens
    elif lemma not in TRIGGERS or token.pos_ not in ("VERB", "NOUN", "PROPN", "ADP", "AUX") or \
            token.pos_ == "ADP" and lemma != "down":  # AUX: the small tagger calls "Russian shelling hit" so
        return None
    if lemma == "down" and token.head.lemma_.lower() == "shoot":
        return None  # "shot down" is coded once, on the verb
    if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        return None  # "demonstrating strength": showing, not a protest
    if lemma in ("march", "demonstration") and (token.pos_ == "PROPN" or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children)):
        return None  # the month; "a demonstration of military power"
    context = NEEDS_CONTEXT.get(lemma)
    if context:
        width = 40 if lemma in WIDE_CONTEXT else 4
        window = {t.lemma_.lower() for t in token.sent[max(0, token.i - token.sent.start - width):
                                                      token.i - token.sent.start + width + 1]}
        if not window & context:
            return None
    if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.lemma_.lower() not in TRIGGERS:
        return None  # "bomb shelter", "artillery positions", "attack helicopters"
    if lemma in WEAPONS and token.pos_ == "NOUN" and not _weapon_acts(token):
        return None
    if lemma == "fire" and token.head.lemma_.lower() in ("put", "extinguish", "fight", "battle", "catch", "douse",
                                                         "start", "set", "tackle", "contain", "spread", "burn"):
        return None  # "firefighters put out a fire": the blaze, not gunfire
    if token.dep_ == "amod":  # "formerly occupied": a state
        return None
    return TRIGGERS[lemma]


def _refine(token: Token, event_type: str, sub_type: str) -> tuple[str, str]:
    """"drone attack" / "air strike" / "missile attack" / "suicide bombing": the weapon named beside the
    trigger decides the remote-violence sub-type (and makes an "attack" remote violence)."""
    if event_type not in (REMOTE, BATTLE) or sub_type in (REGAINS, OVERTAKES):
        return event_type, sub_type
    lemma = token.lemma_.lower()
    if lemma not in ("attack", "strike", "bombing", "bomb", "explosion", "blast", "raid", "assault"):
        return event_type, sub_type
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") or child.dep_ == "prep" and child.lower_ == "with":
            word = child.lemma_.lower() if child.dep_ != "prep" else next(
                (g.lemma_.lower() for g in child.children if g.dep_ == "pobj"), "")
            if word in MODIFIER_TYPES:
                return MODIFIER_TYPES[word]
    return event_type, sub_type


def _anaphoric(token: Token) -> bool:
    """A bare definite event noun ("the attack", "this is the biggest attack") names an event told before."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ("attack", "assault", "strike", "shelling",
                                                           "bombardment", "explosion", "blast", "bombing"):
        return False
    if any(c.dep_ in ("amod", "compound", "poss", "nummod") or c.dep_ == "prep" and c.lower_ in ("in", "near", "on",
                                                                                                "at", "around")
           for c in token.children) and token.dep_ != "attr":
        return False
    return token.dep_ == "attr" or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these")
                                       for c in token.children)


def _airborne(sent: SpacySpan) -> bool:
    return any(t.lemma_.lower() in ("plane", "jet", "aircraft", "warplane", "drop", "air", "helicopter", "bomber",
                                    "airstrike", "aerial", "barrel") for t in sent)


def _background(date: str | None, precision: str | None, published: dt.date | None) -> bool:
    """Dated well before publication (two months or more): background, not news."""
    if not date or not published:
        return False
    return (published - dt.date.fromisoformat(date)).days > (62 if precision == "day" else 92)


def _listed(doc: Doc, sent: SpacySpan, places: Sequence[Place]) -> list[Place]:
    """"... four settlements were liberated:" and the places listed right after the colon."""
    if not sent.text.rstrip().endswith(":"):
        return []
    after = doc.text[sent.end_char:sent.end_char + 400]
    stop = next((i for i, ch in enumerate(after) if ch in ".!?" or after[i:i + 2] == "\n\n" and i > 2), len(after))
    end = sent.end_char + stop
    return [p for p in places if sent.end_char <= p.span.start < end and p.geonameid
            and (p.feature_code or "").startswith("PP")]


def _weapon_acts(token: Token) -> bool:
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass", "dobj") and head.lemma_.lower() in IMPACT:
        return True
    if token.dep_ == "pobj" and head.lower_ in ("by", "with") and head.head.lemma_.lower() in IMPACT:
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("on", "at", "against") for c in token.children)


def _state_of_occupation(token: Token) -> bool:
    """"who had occupied X since February", "Izyum, a town Russian forces captured in April": a standing
    state of control, told as background."""
    if token.lemma_.lower() not in ("occupy", "capture", "seize", "take", "overrun"):
        return False
    if token.lemma_.lower() == "occupy" and any(c.lower_ == "since" for c in token.subtree):
        return True
    if token.dep_ != "relcl":
        # the small model often parses "X that Russian forces captured" as a complement with "that" as object
        rel = next((c for c in token.children if c.lower_ in ("that", "which") and c.dep_ in ("dobj", "nsubjpass")
                    and c.i > 0 and token.doc[c.i - 1].ent_type_ in ("GPE", "LOC", "FAC")), None)
        return rel is not None
    return token.head.lemma_.lower() in AREA_NOUNS or token.head.ent_type_ in ("GPE", "LOC") or \
        token.lemma_.lower() == "occupy"


def _territory(token: Token, sub_type: str, event_type: str, change: str | None, side1: str | None,
               profile: ConflictProfile) -> tuple[str, str, str | None]:
    """Who takes territory decides the sub-type: the profile's government regains, others overtake."""
    lemma = token.lemma_.lower()
    near = [c for c in token.children] + [g for c in token.children if c.lower_ in ("back", "away") or c.dep_ == "dobj"
                                          for g in c.children]
    if lemma in ("push", "drive", "force") and (any(c.lower_ == "out" for c in token.children) or any(
            c.lower_ == "back" for c in token.children) and any(c.lower_ == "from" for c in near)):
        sub_type, event_type, change = REGAINS, BATTLE, "gained"  # "pushed Russian troops out of / back from X"
    if sub_type in (REGAINS, OVERTAKES) and side1 is not None and profile.government:
        sub_type = REGAINS if side1 in profile.government else OVERTAKES
    return sub_type, event_type, change


def _most_specific(events: list[Event], unplaced: set[int], own_clause: set[int]) -> list[Event]:
    """A sentence that codes a specific event does not also code a generic clash at the same place, or
    one with no place of its own ("as troops advanced, they liberated four towns"); a clash with a
    place in a coordinated clause of its own ("regained X and is pressing operations in Y") stays."""
    specific = {(e.evidence.start, e.location.geonameid if e.location else None)
                for e in events if e.sub_event_type != CLASH}
    with_specific = {e.evidence.start for e in events if e.sub_event_type != CLASH}

    def keep(e: Event) -> bool:
        if e.sub_event_type != CLASH or e.evidence.start not in with_specific:
            return True
        if e.location is None or id(e) in unplaced:
            return False
        return id(e) in own_clause or (e.evidence.start, e.location.geonameid) not in specific

    return [e for e in events if keep(e)]


def _merge(events: list[Event], countries: dict[int, str | None], lead_end: int, unplaced: set[int]) -> list[Event]:
    """One happening told twice in a document (headline and body) is one event: keep the richest report."""
    kept: list[Event] = []
    for event in sorted(events, key=_richness, reverse=True):
        twin = next((i for i, k in enumerate(kept) if _same(k, event, countries, lead_end, unplaced)), None)
        if twin is None:
            kept.append(event)
        else:
            kept[twin] = _fill(kept[twin], event)
    order = {id(e): i for i, e in enumerate(events)}
    return sorted(kept, key=lambda e: (e.evidence.start, order.get(id(e), 0)))


def _same(a: Event, b: Event, countries: dict[int, str | None], lead_end: int, unplaced: set[int]) -> bool:
    if a.sub_event_type != b.sub_event_type:
        return False
    la, lb = a.location, b.location
    # a place guessed from context does not make two reports one (nor keep them apart)
    own_a, own_b = la is not None and id(a) not in unplaced, lb is not None and id(b) not in unplaced
    if own_a != own_b and a.evidence.start != b.evidence.start:
        # an unplaced report is the located one told again only in the headline/lead or by the same side
        loose = b if own_a else a
        bare = not loose.actor1_side and loose.date_precision != "day" and loose.fatalities is None
        if loose.evidence.start >= lead_end and not bare and \
                not (a.actor1_side and a.actor1_side == b.actor1_side):
            return False  # a report with its own side, day or toll may be another happening
    if own_a != own_b:
        la = lb = None
    if la is not None and lb is not None and la.geonameid != lb.geonameid and not _nearby(la, lb):
        # "in Syria" and "in Manbij" may be one report; two towns, or a town and another country, are not
        if "country" not in (la.precision, lb.precision) or la.precision == lb.precision or \
                countries.get(la.geonameid or 0) != countries.get(lb.geonameid or 0):
            return False
    if a.evidence.start == b.evidence.start and a.location is not None and b.location is None:
        return True
    if a.date_precision == "day" and b.date_precision == "day" and a.date and b.date:
        if abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days) > 1:
            return False
    if a.actor1_side and b.actor1_side and a.actor1_side != b.actor1_side:
        return False
    return True


def _nearby(a: Location, b: Location, km: float = 6.0) -> bool:
    """"the Azovstal plant" and "Mariupol": a landmark and its city are one place for merging."""
    if None in (a.lat, a.lon, b.lat, b.lon) or "country" in (a.precision, b.precision):
        return False
    dlat = (a.lat - b.lat) * 111.0
    dlon = (a.lon - b.lon) * 111.0 * math.cos(math.radians(a.lat))
    return math.hypot(dlat, dlon) <= km


def _richness(e: Event) -> tuple[int, int]:
    score = (2 if e.location is not None and e.location.precision == "city" else 1 if e.location else 0) \
        + (1 if e.date_precision == "day" else 0) + (1 if e.actor1_side else 0) + (1 if e.fatalities else 0)
    return score, -e.evidence.start


def _fill(keep: Event, other: Event) -> Event:
    from dataclasses import replace

    return replace(keep,
                   actor1=keep.actor1 or other.actor1, actor1_side=keep.actor1_side or other.actor1_side,
                   actor2=keep.actor2 or other.actor2, actor2_side=keep.actor2_side or other.actor2_side,
                   fatalities=keep.fatalities if keep.fatalities is not None else other.fatalities,
                   injured=keep.injured if keep.injured is not None else other.injured,
                   claim=keep.claim if keep.claim is not None else other.claim,
                   confidence=min(0.95, max(keep.confidence, other.confidence) + 0.05))


def _actors(token: Token, profile: ConflictProfile, speaker_side: str | None
            ) -> tuple[str | None, str | None, str | None, str | None]:
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "agent")), None)
    if subject is not None and subject.dep_ == "agent":
        subject = next((c for c in subject.children if c.dep_ == "pobj"), subject)
    if subject is None and token.dep_ in ("acl", "xcomp") and token.head.pos_ in ("NOUN", "PROPN", "VERB"):
        head = token.head  # "Russians retreating from X", "forced Russian troops to retreat"
        subject = head if head.pos_ != "VERB" else next((c for c in head.children if c.dep_ in ("dobj", "nsubj",
                                                                                                "nsubjpass")), None)
    obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if subject is None and obj is not None and obj.dep_ == "nsubjpass" and TRIGGERS.get(
            token.lemma_.lower(), ("", "", None))[2] == "lost":
        subject, obj = obj, None  # "Russian units were withdrawn": the units leave
    if subject is None and token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS:
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)  # "forces launched an offensive"
    if token.pos_ == "NOUN":  # "Russian bombardment", "a Ukrainian counter-attack", "Russia's assault"
        modifier = next((c for c in token.children if c.dep_ in ("amod", "compound", "poss")
                         and _party(c, profile, speaker_side)[1]), None)
        if modifier is not None and not (modifier.pos_ == "PRON" and subject is not None):
            subject = modifier  # but "troops stepped up their assault": the troops; "an air strike": no side
        if subject is None and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB":
            obj = next((c for c in token.head.children if c.dep_ == "dobj"), obj)
    if subject is not None and subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    actor1, side1 = _party(subject, profile, speaker_side)
    actor2, side2 = _party(obj, profile, speaker_side)
    if side1 and not side2 and TRIGGERS.get(token.lemma_.lower(), ("",))[0] == BATTLE:
        other = profile.opponents.get(side1)
        actor2 = next((p.name for p in profile.parties if p.side == other and p.kind == "military"), None)
        side2 = other
    return actor1, side1, actor2, side2


def _party(token: Token | None, profile: ConflictProfile, speaker_side: str | None = None
           ) -> tuple[str | None, str | None]:
    if token is None:
        return None, None
    doc = token.doc
    if token.pos_ == "PRON" and token.lower_ in PRONOUNS:
        if speaker_side in ("UA", "RU") and token.lower_ in FIRST_PERSON:
            return _military(profile, speaker_side), speaker_side  # "we", "our units" in a UA/RU statement
        antecedent = _antecedent(token, profile)
        if antecedent is not None:
            return antecedent
    phrase = doc[token.left_edge.i: token.i + 1].text
    for text in (phrase, token.text):
        party = profile.match(text)
        if party:
            return party.name, party.side
        side = profile.side_of(text, speaker_side)
        if side:  # "the enemy" / "the occupiers" in a speaker's mouth
            return _military(profile, side), side
    words = {t.lower_.replace("\u2019", "'") for t in doc[token.left_edge.i: token.right_edge.i + 1]
             if not (t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in BACKED)}
    for side, markers in SIDE_WORDS.items():
        if words & markers:
            return _military(profile, side), side
    if speaker_side in ("UA", "RU") and words & WE:  # "our units", "its forces" in a UA/RU source's statement
        return _military(profile, speaker_side), speaker_side
    if speaker_side in ("UA", "RU") and token.lemma_.lower() in ("army", "military", "force", "troop") and \
            not words - {"the", "army", "military", "armed", "forces", "force", "troops"}:
        return _military(profile, speaker_side), speaker_side  # "the army" in a UA/RU official's words
    return None, None


def _antecedent(pronoun: Token, profile: ConflictProfile) -> tuple[str | None, str | None] | None:
    """"As Ukrainian troops advanced, they liberated ...": the last armed party named before the
    pronoun, in its sentence or the one before."""
    doc = pronoun.doc
    sent = pronoun.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for t in reversed(doc[start:pronoun.i]):
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and t.pos_ in ("NOUN", "PROPN") and \
                t.lemma_.lower() in ARMED_NOUNS:
            name, side = _party(t, profile)
            if side:
                return name, side
    return None


def _military(profile: ConflictProfile, side: str) -> str | None:
    return next((p.name for p in profile.parties if p.side == side and p.kind == "military"), None)


def _date(sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None) -> tuple[str | None, str | None]:
    in_sent = [d for d in dates if sent.start_char <= d.span.start < sent.end_char and d.value
               and not d.span.text.lower().startswith("since")]  # "since February": a period, not the day
    usable = [d for d in in_sent if published is None or d.value <= published.isoformat()]
    if usable:
        return usable[0].value, usable[0].precision
    context = _paragraph_date(sent, dates, published)
    if context is not None:  # "Rockets hit Kharkiv on Thursday. They destroyed a school.": Thursday
        return context.value, context.precision
    if published:
        return published.isoformat(), "week"  # reported without a date: some day in the week up to publication
    return None, None


def _paragraph_date(sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None) -> DateMention | None:
    """The last day-precise past date stated earlier in the sentence's paragraph (at most two sentences back)."""
    doc = sent.doc
    start = sent.start
    for _ in range(2):
        if start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space and "\n" in doc[start - 1].text:
            break  # a paragraph break: a new paragraph sets its own time
        start = doc[start - 1].sent.start
    lo = doc[start].idx
    before = [d for d in dates if lo <= d.span.start < sent.start_char and d.value and d.precision == "day"
              and not d.span.text.lower().startswith("since")
              and (published is None or d.value <= published.isoformat())]
    return before[-1] if before else None


def _casualties(text: str) -> tuple[int | None, int | None]:
    """Killed and injured figures: "killing 9 and wounding 17" first (the verb names its own number),
    then "two residents were killed"."""
    killed = injured = None
    for m in _KILLING.finditer(text):
        n = _number(m.group(2))
        if m.group(1).lower() in ("killing", "kills", "killed"):
            killed = n if killed is None else killed
        elif injured is None:
            injured = n
    for m in _KILLED.finditer(text):
        n = _number(m.group(1))
        if m.group(2).lower() in ("killed", "dead", "died"):
            killed = n if killed is None else killed
        elif injured is None and n != killed:
            injured = n
    return killed, injured


def _number(word: str) -> int:
    word = word.replace(",", "")
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _evidence(doc: Doc, sent: SpacySpan) -> Span:
    # sent.text, not doc.text: spaCy rebuilds doc.text from every token on each access
    raw = sent.text
    stripped = raw.strip()
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    return Span(start, start + len(stripped), stripped)


def _claim_for(offset: int, claims: Sequence[Claim]) -> int | None:
    holding = [i for i, c in enumerate(claims) for part in (c.contents or (c.content,))
               if part is not None and part.start <= offset < part.end]
    return min(holding, key=lambda i: claims[i].content.end - claims[i].content.start) if holding else None


def _confidence(loc: object, claim: int | None, token: Token) -> float:
    score = 0.6
    if loc is not None:
        score += 0.2 if getattr(loc, "precision", None) == "city" else 0.1
    if claim is not None:
        score += 0.1
    if any(t.lower_ in ("reportedly", "allegedly", "apparently", "purportedly") for t in token.sent):
        score -= 0.2
    return max(0.1, min(score, 0.95))


def _control(changes: list[tuple[Event, str]], claims: Sequence[Claim]) -> list[ControlObservation]:
    """Territory events at a populated place become control observations for the side that acted."""
    out: list[ControlObservation] = []
    seen: set[tuple[int | None, str | None, str]] = set()
    for event, change in changes:
        loc = event.location
        if loc is None or loc.geonameid is None or loc.precision == "country" or event.actor1_side not in ("UA", "RU"):
            continue
        key = (loc.geonameid, event.actor1_side, change)
        if key in seen:
            continue
        seen.add(key)
        claimant = claims[event.claim].speaker if event.claim is not None else None
        out.append(ControlObservation(loc.name, loc.geonameid, event.date, event.actor1_side, change,
                                      event.evidence, claimant, event.claim))
    return out


def _occupation_states(doc: Doc, places: Sequence[Place], dates: Sequence[DateMention],
                       published: dt.date | None, claims: Sequence[Claim],
                       profile: ConflictProfile) -> list[ControlObservation]:
    """"Troops who had occupied X since February 24": X held by that side from that date."""
    out = []
    for token in doc:
        if not _state_of_occupation(token) or not_real(token) or _trigger(token) is None:
            continue
        sent = token.sent
        claim = _claim_for(token.idx, claims)
        _, side, _, _ = _actors(token, profile, claims[claim].side if claim is not None else None)
        if side not in ("UA", "RU"):
            continue
        since = [d for d in dates if token.idx < d.span.start < sent.end_char and d.value]
        date = since[0].value if since else _date(sent, dates, published)[0]
        found = places_for(token, sent, places)
        if not found:  # "Izyum, a town that Russian forces captured": Izyum
            found = [p for p in places if p.geonameid and p.span.end <= token.idx and p.span.start >= sent.start_char][-1:]
        for place in found:
            if place.feature_code and place.feature_code.startswith("PCL"):
                continue
            out.append(ControlObservation(place.name or place.span.text, place.geonameid, date, side, "gained",
                                          _evidence(doc, sent), claims[claim].speaker if claim is not None else None,
                                          claim))
    return out


def merge_reports(body: list[Event], extra: list[Event]) -> list[Event]:
    """Add caption events to the body's: one telling a body event again is merged into it (the body's
    report kept, the caption's extra details filled in), the others are new events."""
    merged = list(body)
    for event in _merge(extra, {}, 0, set()):
        twin = next((i for i, k in enumerate(merged) if _same(k, event, {}, 0, set())), None)
        if twin is None:
            merged.append(event)
        else:
            merged[twin] = _fill(merged[twin], event)
    return sorted(merged, key=lambda e: e.evidence.start)
