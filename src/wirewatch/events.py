"""Events: ACLED-coded happenings and territorial control observations, per clause.

A trigger word (a verb or an event noun) gives the event type; the parse
around it gives actors, the place it happened (the places attached to the
trigger by "in", "near", "around", "on", "from"...), the date and casualty
figures. Negated, hedged, planned and hypothetical happenings are skipped.
An event stated inside a claim's content keeps that claim as its source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wirewatch.models import Claim, ControlObservation, DateMention, Entity, Event, Location, Place, Span
from wirewatch.profile import ConflictProfile

BATTLE, REMOTE, STRATEGIC, CIVILIANS = ("Battles", "Explosions/Remote violence", "Strategic developments",
                                        "Violence against civilians")
# trigger lemma -> (event_type, sub_event_type, control change for actor1 or None)
TRIGGERS: dict[str, tuple[str, str, str | None]] = {
    **dict.fromkeys(["shell", "shelling", "bombard", "bombardment", "artillery", "fire", "rocket", "missile",
                     "pound", "strike"], (REMOTE, "Shelling/artillery/missile attack", None)),
    **dict.fromkeys(["airstrike", "drone", "bomb", "bombing"], (REMOTE, "Air/drone strike", None)),
    **dict.fromkeys(["liberate", "liberation", "recapture", "retake", "regain", "reclaim", "free"],
                    (BATTLE, "Government regains territory", "gained")),
    **dict.fromkeys(["capture", "seize", "occupy", "overrun"],
                    (BATTLE, "Non-state actor overtakes territory", "gained")),
    **dict.fromkeys(["withdraw", "withdrawal", "retreat", "pull"],
                    (STRATEGIC, "Non-violent transfer of territory", "lost")),
    **dict.fromkeys(["assault", "attack", "clash", "fight", "fighting", "battle", "counteroffensive",
                     "counterattack", "counter-attack", "offensive", "advance", "push"],
                    (BATTLE, "Armed clash", None)),
    **dict.fromkeys(["negotiate", "negotiation", "talks", "ceasefire", "agreement", "deal"],
                    (STRATEGIC, "Agreement", None)),
    **dict.fromkeys(["arrest", "detain"], (STRATEGIC, "Arrests", None)),
    **dict.fromkeys(["explode", "explosion", "landmine", "mine"], (REMOTE, "Remote explosive/landmine/IED", None)),
}
NEEDS_CONTEXT = {"fire": {"russian", "ukrainian", "artillery", "enemy", "heavy", "concentrate"},
                 "push": {"back", "away", "out"}, "pull": {"back", "out"}, "free": {"village", "town", "city"},
                 "mine": {"explode", "detonate", "blast"}, "strike": {"missile", "rocket", "air", "drone"},
                 "deal": {"evacuation", "ceasefire", "prisoner"}, "talks": {"evacuation", "ceasefire", "peace"},
                 "negotiate": {"evacuation", "ceasefire", "exchange", "surrender"},
                 "negotiation": {"evacuation", "ceasefire", "exchange", "surrender"}}
HEDGES = {"could", "might", "may", "would", "should", "will", "shall", "can", "must"}
PLANS = {"plan", "aim", "seek", "want", "intend", "threaten", "hope", "prepare", "try", "attempt", "expect",
         "signal", "consider", "deny", "prevent", "stop", "chance", "look", "ambition", "effort", "bid"}
PLACE_PREPS = {"in", "near", "around", "at", "on", "from", "of", "outside", "towards", "toward", "into", "across",
               "inside", "to"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "dozens": 24, "a dozen": 12}
_KILLED = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                     r"(?:\w+\s+){0,2}?(?:were\s+|was\s+|have been\s+|had been\s+)?(killed|dead|died|wounded|injured)",
                     re.IGNORECASE)
_KILLING = re.compile(r"\b(killing|wounding|injuring)\s+(?:at least\s+)?(\d+|one|two|three|four|five|six|seven|eight|"
                      r"nine|ten|eleven|twelve)\b", re.IGNORECASE)


def find_events(doc: Doc, *, places: Sequence[Place], dates: Sequence[DateMention],
                entities: Sequence[Entity], claims: Sequence[Claim],
                published: dt.date | None, profile: ConflictProfile
                ) -> tuple[list[Event], list[ControlObservation]]:
    events: list[Event] = []
    control: list[ControlObservation] = []
    seen: set[tuple[int, str, int | None]] = set()
    for sent in doc.sents:
        for token in sent:
            coded = _trigger(token)
            if coded is None or _not_real(token) or token.dep_ == "amod":  # "formerly occupied": a state
                continue
            event_type, sub_type, change = coded
            actor1, side1, actor2, side2 = _actors(token, profile)
            if sub_type == "Government regains territory" and side1 == "RU" or \
                    sub_type == "Non-state actor overtakes territory" and side1 == "UA":
                sub_type = "Government regains territory" if side1 == "UA" else "Non-state actor overtakes territory"
            evidence = _evidence(doc, sent)
            claim = _claim_for(token.idx, claims)
            date, precision = _date(sent, dates, published)
            fatalities, injured = _casualties(sent.text)
            for place in _places_for(token, sent, places) or [None]:
                location = _location(place)
                key = (sent.start, sub_type, place.geonameid if place else None)
                if key in seen:
                    continue
                seen.add(key)
                events.append(Event(event_type, sub_type, evidence, date, precision, location, actor1, side1,
                                    actor2, side2, fatalities, injured, claim, _confidence(location, claim, token)))
                if change and place is not None and place.geonameid and place.feature_code not in ("PCLI",) \
                        and side1 in ("UA", "RU"):
                    control.append(ControlObservation(
                        place.name or place.span.text, place.geonameid, date, side1, change, evidence,
                        claims[claim].speaker if claim is not None else None, claim))
    return _most_specific(events), control


def _most_specific(events: list[Event]) -> list[Event]:
    """A sentence that codes a specific event does not also code a generic "Armed clash"."""
    specific = {e.evidence.start for e in events if e.sub_event_type != "Armed clash"}
    return [e for e in events if e.sub_event_type != "Armed clash" or e.evidence.start not in specific]


def _trigger(token: Token) -> tuple[str, str, str | None] | None:
    lemma = token.lemma_.lower()
    if lemma not in TRIGGERS or token.pos_ not in ("VERB", "NOUN", "PROPN"):
        return None
    context = NEEDS_CONTEXT.get(lemma)
    if context:
        window = {t.lemma_.lower() for t in token.sent[max(0, token.i - token.sent.start - 4):
                                                      token.i - token.sent.start + 5]}
        if not window & context:
            return None
    return TRIGGERS[lemma]


def _not_real(token: Token) -> bool:
    """Negated, hedged, planned, conditional or quoted-as-name happenings."""
    for t in (token, token.head):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in t.children):
            return True
    head = token
    while head.dep_ in ("xcomp", "ccomp", "pobj", "prep", "dobj", "compound", "amod", "nsubj") and head.head is not head:
        head = head.head
        if head.lemma_.lower() in PLANS or any(c.dep_ == "aux" and c.lower_ in HEDGES for c in head.children):
            return True
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children) or \
        any(t.lower_ == "if" for t in token.sent[: token.i - token.sent.start])


def _actors(token: Token, profile: ConflictProfile) -> tuple[str | None, str | None, str | None, str | None]:
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "agent")), None)
    if subject is not None and subject.dep_ == "agent":
        subject = next((c for c in subject.children if c.dep_ == "pobj"), subject)
    obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if token.pos_ == "NOUN":  # "Russian bombardment", "a Ukrainian counter-attack"
        subject = next((c for c in token.children if c.dep_ in ("amod", "compound", "poss")), subject)
    if subject is not None and subject.lower_ in ("who", "they", "which") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    actor1, side1 = _party(subject, profile)
    actor2, side2 = _party(obj, profile)
    if side1 and not side2 and TRIGGERS[token.lemma_.lower()][0] == BATTLE:
        other = profile.opponents.get(side1)
        actor2 = next((p.name for p in profile.parties if p.side == other and p.kind == "military"), None)
        side2 = other
    return actor1, side1, actor2, side2


def _party(token: Token | None, profile: ConflictProfile) -> tuple[str | None, str | None]:
    if token is None:
        return None, None
    phrase = token.doc[token.left_edge.i: token.i + 1].text
    for text in (phrase, token.text):
        party = profile.match(text)
        if party:
            return party.name, party.side
    words = {t.lower_ for t in token.doc[token.left_edge.i: token.right_edge.i + 1]}
    for side, markers in (("UA", {"ukrainian", "ukraine", "kyiv", "kyiv's", "ukraine's"}),
                          ("RU", {"russian", "russia", "moscow", "moscow's", "russia's", "russians"})):
        if words & markers:
            military = next((p.name for p in profile.parties if p.side == side and p.kind == "military"), None)
            return military, side
    if words & set(profile.hostile):
        return None, None
    return None, None


def _places_for(token: Token, sent: SpacySpan, places: Sequence[Place]) -> list[Place]:
    """The places the event happened at: those attached to the trigger by a preposition, else the sentence's."""
    in_sent = [p for p in places if sent.start_char <= p.span.start < sent.end_char and p.geonameid]
    if not in_sent:
        return []
    attached: list[Place] = []
    skipped: list[Place] = []
    for place in in_sent:
        ptoken = token.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if ptoken is None:
            continue
        head = ptoken.root
        if head.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "npadvmod"):
            skipped.append(place)  # "Kyiv launched...": the capital as an actor, not where it happened
            continue
        # attached: the trigger (or, for a subject noun like "Russian fire", its verb) governs the place
        anchors = {token, token.head} if token.dep_ in ("nsubj", "nsubjpass") else {token}
        if anchors & set(list(head.ancestors)[:8]):
            attached.append(place)
    if attached:
        local = [p for p in attached if p.feature_code != "PCLI"]
        return local or attached[:1]
    # nothing attached: the one local place nearest to the trigger, if any
    local = [p for p in in_sent if p.feature_code != "PCLI" and p not in skipped]
    return sorted(local, key=lambda p: abs(p.span.start - token.idx))[:1]


def _location(place: Place | None) -> Location | None:
    if place is None:
        return None
    precision = {"PCLI": "country", "ADM1": "region", "ADM2": "region"}.get(place.feature_code or "", "city")
    return Location(place.name or place.span.text, place.geonameid, place.lat, place.lon, precision)


def _date(sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None) -> tuple[str | None, str | None]:
    in_sent = [d for d in dates if sent.start_char <= d.span.start < sent.end_char and d.value]
    if in_sent:
        return in_sent[0].value, in_sent[0].precision
    if published:
        return published.isoformat(), "week"  # reported without a date: some day up to publication
    return None, None


def _casualties(text: str) -> tuple[int | None, int | None]:
    killed = injured = None
    for m in _KILLED.finditer(text):
        n = _number(m.group(1))
        if m.group(2).lower() in ("killed", "dead", "died"):
            killed = n
        else:
            injured = n
    for m in _KILLING.finditer(text):
        n = _number(m.group(2))
        if m.group(1).lower() == "killing":
            killed = n
        else:
            injured = n
    return killed, injured


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _evidence(doc: Doc, sent: SpacySpan) -> Span:
    start, end = sent.start_char, sent.end_char
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return Span.of(doc.text, start, end)


def _claim_for(offset: int, claims: Sequence[Claim]) -> int | None:
    holding = [i for i, c in enumerate(claims) for part in (c.contents or (c.content,))
               if part is not None and part.start <= offset < part.end]
    return min(holding, key=lambda i: claims[i].content.end - claims[i].content.start) if holding else None


def _confidence(location: Location | None, claim: int | None, token: Token) -> float:
    score = 0.6
    if location is not None:
        score += 0.2 if location.precision == "city" else 0.1
    if claim is not None:
        score += 0.1
    if any(t.lower_ in ("likely", "reportedly", "allegedly", "apparently") for t in token.sent):
        score -= 0.2
    return max(0.1, min(score, 0.95))
