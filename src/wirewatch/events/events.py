"""Events: ACLED-coded happenings and territorial control observations, per clause.

A trigger word (a verb or an event noun) gives the event type; the parse
around it gives actors, the place it happened (``event_places``), the date and
casualty figures. Negated, hedged, planned and hypothetical happenings are
skipped (``reality``). An event stated inside a claim's content keeps that
claim as its source. Reports of one happening inside a document (headline,
lead, a later paragraph) are merged into one event (``event_merge``); actors and
sides come from ``event_actors``, the trigger lexicon from ``event_lexicon``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wirewatch.events.event_actors import actors
from wirewatch.events.event_lexicon import (BATTLE, CAMPAIGN, PHYSICAL, RIVALS, VICTIMS, IMPACT, MODIFIER_TYPES, NEEDS_CONTEXT, NUMBER_WORDS,
                                     OVERTAKES, PROTESTS, REGAINS, REMOTE, TRIGGERS, WEAPONS, WIDE_CONTEXT, _KILLED,
                                     _KILLING)
from wirewatch.events.event_merge import merge, merge_reports, most_specific
from wirewatch.events.event_places import AREA_NOUNS, context_place, location, places_for, sites
from wirewatch.models import Claim, ControlObservation, DateMention, Entity, Event, Place, Span
from wirewatch.profile import ConflictProfile
from wirewatch.nlp.reality import conflict_document, is_generic, not_real, political_arrest

__all__ = ["find_events", "merge_reports"]


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
            actor1, side1, actor2, side2 = actors(token, profile, speaker_side)
            sub_type, event_type, change = _territory(token, sub_type, event_type, change, side1, profile)
            evidence = _evidence(doc, sent)
            date, precision = _date(sent, dates, published)
            fatalities, injured = _casualties(sent.text)
            if _background(date, precision, anchor):
                continue  # "the protests of 2011 that ignited the war": history told in passing
            found, inside = sites(token, sent, places, leaving=change == "lost" or _pushed_out(token))
            listed = False
            if change is None and (contested := _fought_for(token, sent, places)):
                found, inside, change = contested, True, "contested"
            if not found:
                found = _listed(doc, sent, token, places)
                inside = listed = bool(found)
                if listed:  # the evidence runs on to the end of the list, so that it names each place
                    end = max(p.span.end for p in found)
                    last = doc.char_span(end - 1, end, alignment_mode="expand")
                    evidence = _evidence(doc, doc[sent.start:last.sent.end]) if last is not None else evidence
            if event_type == PROTESTS and token.tag_ == "NNS" and not found:
                continue  # "months of protests", "several protests by caste groups": no one protest
            own = bool(found)
            if not found:
                near = context_place(doc, sent, places)
                found = [near] if near is not None else []
            for place in found or [None]:
                key = (sent.start, sub_type, place and (place.geonameid or place.span.text.lower()))
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
                if change and own and inside and place is not None and (listed or not _unnamed_theme(token)) and \
                        not _on_the_edge_of(doc, place):
                    changes.append((event, change))  # control of the place itself, not of a landmark
    countries = {p.geonameid: p.country_code for p in places if p.geonameid}
    lead = [s for s in doc.sents if s.text.strip()][:2]
    lead_end = lead[-1].end_char if lead else 0
    merged = merge(most_specific(events, unplaced, own_clause), countries, lead_end, unplaced)
    control = _control(changes, claims, profile) + _occupation_states(doc, places, dates, published, claims, profile)
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
    if lemma in ("rally", "march", "protest", "demonstration") and any(t.lemma_.lower() in CAMPAIGN for t in token.sent):
        return None  # a campaign rally is no protest event
    if lemma in ("execute", "execution") and not any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in VICTIMS
                                                     or c.dep_ == "prep" and c.lower_ == "of" and any(
                                                         g.lemma_.lower() in VICTIMS for g in c.children)
                                                     for c in token.children):
        return None  # "a campaign being executed": carried out, not killed
    if lemma == "attack" and token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PRON" or c.lemma_.lower() in RIVALS)
            for c in token.children) and (not any(t.lemma_.lower() in PHYSICAL for t in token.sent) or any(
            t.lemma_.lower() in CAMPAIGN for t in token.sent)):
        return None  # "Trump attacked Clinton for her record", "attacked her rival during a campaign rally": words
    if lemma in ("march", "demonstration") and (token.pos_ == "PROPN" or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children)):
        return None  # the month; "a demonstration of military power"
    context = NEEDS_CONTEXT.get(lemma) if not (lemma == "bomb" and token.pos_ == "VERB") else None
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


def _listed(doc: Doc, sent: SpacySpan, token: Token, places: Sequence[Place]) -> list[Place]:
    """"... four settlements were liberated: X, Y and Z": the places listed right after the colon (the
    parser may or may not start a new sentence there)."""
    colon = next((t for t in sent if t.text == ":" and t.i > token.i), None)
    if colon is not None:
        begin = colon.idx + 1
    elif sent.text.rstrip().endswith(":"):
        begin = sent.end_char
    else:
        return []
    after = doc.text[begin:begin + 400]
    stop = next((i for i, ch in enumerate(after) if ch in ".!?" or after[i:i + 2] == "\n\n" and i > 2), len(after))
    return [p for p in places if begin <= p.span.start < begin + stop and _settlement(p)]


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
    if _pushed_out(token) or lemma in ("push", "drive", "force") and any(
            c.lower_ == "back" for c in token.children) and any(c.lower_ == "from" for c in near):
        sub_type, event_type, change = REGAINS, BATTLE, "gained"  # "pushed Russian troops out of / back from X"
    if sub_type in (REGAINS, OVERTAKES) and side1 is not None and profile.government:
        sub_type = REGAINS if side1 in profile.government else OVERTAKES
    return sub_type, event_type, change


def _fought_for(token: Token, sent: SpacySpan, places: Sequence[Place]) -> list[Place]:
    """"fighting for (control of) X", "the battle for X": X is contested, whoever holds it now."""
    if token.lemma_.lower() not in ("fight", "fighting", "battle", "struggle"):
        return []
    targets = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
               if g.dep_ == "pobj"]
    targets += [o for t in targets if t.lemma_.lower() == "control" for c in t.children if c.lower_ == "of"
                for o in c.children if o.dep_ == "pobj"]
    starts = {t.doc[i].idx for t in targets if t.pos_ == "PROPN" for i in range(t.left_edge.i, t.i + 1)}
    return [p for p in places if sent.start_char <= p.span.start < sent.end_char and _settlement(p)
            and any(p.span.start <= start < p.span.end for start in starts)]


def _settlement(place: Place) -> bool:
    """A populated place, or one the gazetteer could not type (a village it lacks)."""
    return (place.feature_code or "PP").startswith("PP")


def _pushed_out(token: Token) -> bool:
    """"pushed Russian troops out of X": the pusher gains X, which the parse attaches as where they left."""
    return token.lemma_.lower() in ("push", "drive", "force") and any(c.lower_ == "out" for c in token.children)


def _date(sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None) -> tuple[str | None, str | None]:
    dateline = _DATELINE.match(sent.text)
    first = sent.start_char + (dateline.end() if dateline else 0)  # "KYIV, May 12 (Wire) -": the filing day
    in_sent = [d for d in dates if first <= d.span.start < sent.end_char and d.value
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


_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,},[^\n]{0,60}?(?:--|—|–| - )\s*")


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


UNNAMED_THEMES = {"village", "town", "settlement", "city", "hamlet", "position", "territory", "area", "locality"}
QUANTITY_NOUNS = {"number", "dozen", "couple", "handful", "series", "string"}


def _unnamed_theme(token: Token) -> bool:
    """What was taken is a common noun ("the liberation of a number of settlements in Kharkiv", "recaptured
    villages in the region"): the place named is where they lie, not what changed hands. "The villages of
    X and Y" name what changed hands."""
    themes = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    themes += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"]
    for theme in themes:
        if theme.lemma_.lower() in QUANTITY_NOUNS:  # "a number of settlements"
            theme = next((g for c in theme.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
                         theme)
        if theme.lemma_.lower() in UNNAMED_THEMES and not any(
                g.pos_ == "PROPN" for c in theme.children if c.lower_ == "of" for g in c.subtree):
            return True
    return False


EDGE_NOUNS = {"outskirts", "suburbs", "suburb", "environs", "vicinity", "approaches", "edge", "edges", "periphery"}


def _on_the_edge_of(doc: Doc, place: Place) -> bool:
    """ "The outskirts of Kharkiv": fighting there is located at Kharkiv, but Kharkiv itself did not change hands."""
    token = next((t for t in doc.char_span(place.span.start, place.span.end, alignment_mode="expand") or ()), None)
    if token is None or token.i < 2:
        return False
    i = token.i - 1
    if doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in EDGE_NOUNS


def _control(changes: list[tuple[Event, str]], claims: Sequence[Claim],
             profile: ConflictProfile) -> list[ControlObservation]:
    """Territory events at a populated place become control observations for the side that acted."""
    out: list[ControlObservation] = []
    seen: dict[tuple[int | str | None, str | None, str], int] = {}
    for event, change in changes:
        loc = event.location
        side = event.actor1_side
        if side is None and event.sub_event_type == REGAINS and len(profile.government) == 1:
            side = profile.government[0]  # "the villages were liberated": coded as the government regaining them
        if loc is None or loc.precision == "country" or side not in ("UA", "RU") and change != "contested":
            continue
        key = (loc.geonameid or loc.name, side, change)
        claimant = claims[event.claim].speaker if event.claim is not None else None
        observation = ControlObservation(loc.name, loc.geonameid, event.date, side, change, event.evidence,
                                         claimant, event.claim)
        if key not in seen:
            seen[key] = len(out)
            out.append(observation)
        elif out[seen[key]].claim is None and event.claim is not None:
            out[seen[key]] = observation  # the headline told it; the body says who claims it
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
        _, side, _, _ = actors(token, profile, claims[claim].side if claim is not None else None)
        if side not in ("UA", "RU"):
            continue
        since = [d for d in dates if token.idx < d.span.start < sent.end_char and d.value]
        date = since[0].value if since else _date(sent, dates, published)[0]
        found = places_for(token, sent, places)
        if not found:  # "Izyum, a town that Russian forces captured": Izyum
            found = [p for p in places if p.geonameid and p.span.end <= token.idx and p.span.start >= sent.start_char][-1:]
        for place in found:
            if place.feature_code and place.feature_code.startswith("PCL") or _on_the_edge_of(doc, place):
                continue
            out.append(ControlObservation(place.name or place.span.text, place.geonameid, date, side, "gained",
                                          _evidence(doc, sent), claims[claim].speaker if claim is not None else None,
                                          claim))
    return out
