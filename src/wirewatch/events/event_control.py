"""Changes of territorial control: who gained, lost or contests a settlement, and who says so.

The codebook's rules (section 6), as structure over the parse (which settlement a territory word is
about: ``control_places``):

- a territory verb ("liberated", "captured", "withdrew from", "fell to", "fighting for", "stormed")
  that governs a settlement is a change at that settlement; the verb says gained, lost or contested;
- who gains is the subject's side (of the verb, or of the clause a phrase like "after capturing X"
  modifies); with no taker named, liberation words are the claimant's own gain ("the village was
  liberated", in a ministry's words) and other capture words the gain of the enemy of the place's
  state; a contest with no side named is the attacker's;
- not changes: states ("Russia occupies about 70% of the region", "Russian-occupied Melitopol",
  "had occupied since February"), aims and attempts ("trying to capture X", "an attempt to retake
  X"), directions ("the advance towards Melitopol"), civilians leaving, a building or people taken
  in a town, history dated by the war's beginning.

The matching event is a Battles event at that settlement: the government regaining its own
state's territory, any other force overtaking it (a loss: a non-violent transfer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from wirewatch.events.control_places import (QUANTITY_NOUNS, SETTLEMENT_NOUNS, UNNAMED_THEMES, assault, beside,
                                             described, fought_for, governed, listed, listed_after, listed_regions,
                                             on_the_edge_of, partly_held, settlement, unnamed_theme)
from wirewatch.events.event_lexicon import ARMED_NOUNS, OVERTAKES, REGAINS, TRANSFER, vocabulary, words
from wirewatch.events.event_places import AREA_NOUNS, sites
from wirewatch.models import Claim, ControlObservation, Place
from wirewatch.nlp.reality import ACHIEVED, is_generic, perfect
from wirewatch.profile import ConflictProfile

# codebook 6: the words a party tells its own gains in, and that say the taker retook its own land
RETAKING = vocabulary("retaking")
WAR_TIME_NOUNS = vocabulary("war_time")
# general English: past forms the small parser leaves unlemmatised when it tags them as present ("forces retook")
IRREGULAR_PAST = {"took": "take", "retook": "retake", "overran": "overrun", "fell": "fall", "left": "leave",
                  "withdrew": "withdraw", "fought": "fight", "lost": "lose"}


@dataclass(frozen=True, slots=True)
class Change:
    token: Token  # the territory verb or noun
    place: Place
    change: str  # gained | lost | contested
    told_of: bool = False  # told in a clause about the place ("X, a town forces captured in April")
    in_region: bool = False  # unnamed settlements of this region: an event there, no control observation


def changes_in(sent: SpacySpan, places: Sequence[Place]) -> list[Change]:
    """The control changes a sentence states, one per settlement."""
    lists = words()
    out: list[Change] = []
    seen: set[tuple[int, int]] = set()
    for token in sent:
        lemma = lemma_of(token)
        if token.pos_ not in ("VERB", "NOUN"):
            continue
        held = partly_held(token, sent, places)
        if held:  # "Russian troops control about half of Vovchansk": a side partly holds it (codebook 6)
            out += [Change(token, p, "contested") for p in held]
            continue
        if lemma in lists.gained or pushed_out(token):
            change = "gained"
        elif lemma in lists.lost and _leaving(token) and _armed_mover(token):
            change = "lost"
        elif lemma in lists.contested or assault(token):
            change = "contested"
        else:
            continue
        if lemma == "fall" and not _place_falls(token):
            continue  # "debris fell on a house", "a missile fell in X": nothing changed hands
        if lemma == "fall" and _fallen_to(token) is not None:
            change = "gained"  # "X fell to Russian forces"
        if lemma == "take" and not (any(c.lemma_.lower() in ("control", "over") for c in token.children)
                                    or _takes_a_place(token)):
            continue  # "took part", "took two hours": "took control of X", "took over X", "took the village"
        if lemma == "control" and token.pos_ == "NOUN" and (lemma_of(token.head) in lists.gained
                                                             or token.head.lemma_.lower() not in ("establish", "gain")):
            continue  # "control of X" is a state unless taken; "regained control of X": the verb tells the change
        if change == "gained" and not pushed_out(token) and _took_something_else(token):
            continue  # "occupied the parliament building in X", "captured soldiers in X": X did not change hands
        if change == "contested" and _named_battle(token):
            continue  # "the victory in the battle for Kyiv", "Chapter 3: the battle for Mariupol": an episode named
        if state(token) or _intended(token) or _early_in_the_war(token) or is_generic(token):
            continue  # is_generic: "the anniversary of the liberation of X" is remembered, not reported
        about: list[Place] = []  # the place a clause about it names
        if change == "contested":
            found = [p for p in fought_for(token, sent, places) if not listed_regions(sent, p)]
        else:
            candidates, inside = sites(token, sent, places, leaving=change == "lost" or pushed_out(token))
            found = [p for p in candidates if inside and settlement(p) and not on_the_edge_of(sent, p)
                     and not beside(sent, p) and governed(token, p)]
            unnamed = unnamed_theme(token)
            if found and unnamed and not listed_after(token, found):
                found = []
            if not found:  # "three settlements had been liberated: X, Y and Z"
                found = [p for p in listed(sent, token, places) if settlement(p)]
            about = [] if found else [p for p in described(token, places) if settlement(p)]
            if not found and not about and unnamed is not None and change == "gained" \
                    and unnamed.lemma_.lower() in SETTLEMENT_NOUNS:
                # "occupied several settlements in the Kursk region": an event at the region, no control
                # observation (codebook 6: no settlement named)
                out += [Change(token, p, change, in_region=True) for p in candidates[:1]
                        if inside and (p.feature_code or "").startswith(("ADM1", "ADM2", "RGN"))]
        for place in found or about:
            key = (token.i, place.span.start)
            if key not in seen:
                seen.add(key)
                out.append(Change(token, place, change, told_of=bool(about)))
    return out


def _named_battle(token: Token) -> bool:
    """A battle named as an episode, not reported as going on: the noun heads a fragment with no verb, or sits in
    another noun's phrase ("the victory in the battle for Kyiv")."""
    return token.pos_ == "NOUN" and (not any(t.pos_ in ("VERB", "AUX") for t in token.sent) or token.dep_ == "pobj"
                                     and token.head.head.pos_ in ("NOUN", "PROPN"))


def lemma_of(token: Token) -> str:
    """The lemma, with the irregular past forms the parser leaves as they are."""
    lower = token.lower_
    return IRREGULAR_PAST[lower] if lower in IRREGULAR_PAST else token.lemma_.lower()


def _intended(token: Token) -> bool:
    """"an attempt to retake X", "trying to capture X", "an offensive to recapture X": an aim, not a
    change, even when the attempt was repelled (an attempt beaten back is a clash, codebook 6)."""
    return token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
        and token.head.lemma_.lower() not in ACHIEVED and not perfect(token)  # "claimed to have captured X"


def _took_something_else(token: Token) -> bool:
    """What was taken is a thing or people, not a place: a building, a square, soldiers ("protesters
    occupied the parliament building in X"). "Control of X", "the village of X", X itself, or
    unnamed villages are places."""
    def held(word: Token) -> list[Token]:  # "control of X", "control over X"
        return [g for c in word.children if c.lower_ in ("of", "over") for g in c.children if g.dep_ == "pobj"]

    themes: list[Token] = []
    for theme in (c for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
        # the parser hangs "of the square" on "took" as often as on "control"
        themes += held(theme) + held(token) if theme.lemma_.lower() == "control" else [theme]
    if token.lemma_.lower() == "control" and token.pos_ == "NOUN":
        themes += held(token)
    if _flag(token) is not None:
        return False  # "raised the Ukrainian flag over X": the flag says who holds X now
    places = UNNAMED_THEMES | QUANTITY_NOUNS | {"control"}
    # "captured the town of X ..., the biggest gain in months": the parser may make the apposition a second
    # object; a place among the objects is what was taken
    return any(t.pos_ == "NOUN" and t.lemma_.lower() not in places for t in themes) and \
        not any(t.pos_ == "PROPN" or t.lemma_.lower() in places for t in themes)


def _early_in_the_war(token: Token) -> bool:
    """"occupied X in the first days of the invasion", "at the start of the war": a change dated by
    the war's own beginning is history told in passing (codebook 2: background), not the news."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "during")):
        lemmas = {t.lemma_.lower() for t in prep.subtree}
        if lemmas & {"war", "invasion"} and lemmas & WAR_TIME_NOUNS:
            return True
    return False


def _armed_mover(token: Token) -> bool:
    """Who leaves is a force (or is not named): civilians evacuated from a town or residents leaving it
    change no control (codebook 6: evacuations are not changes)."""
    movers = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    movers += [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    civilian = words().civilian_victims
    return not any(m.lemma_.lower() in civilian and m.lemma_.lower() not in ARMED_NOUNS for m in movers)


def _adverbial_subject(token: Token) -> Token | None:
    """"After capturing X, Russian troops ...": the subject of the clause a verb-less phrase modifies."""
    if token.dep_ != "pcomp" or token.head.dep_ != "prep":
        return None
    return next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)


def _place_falls(token: Token) -> bool:
    """"The town of X has fallen", "X fell to Russian forces": the subject of "fall" is the place."""
    return any(c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.lemma_.lower() in UNNAMED_THEMES)
               for c in token.children)


def _fallen_to(token: Token) -> Token | None:
    """Who a place fell to: "fell to Russian forces", "fell into the hands of the rebels"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "into")):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if obj.lemma_.lower() == "hand":
                obj = next((o for c in obj.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"),
                           obj)
            if obj.lemma_.lower() != "hand":
                return obj
    return None


def _takes_a_place(token: Token) -> bool:
    """"took the village of X", "took Avdiivka": the object of "take" is a place, not "part" or "hours"."""
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.pos_ == "PROPN" or c.lemma_.lower() in UNNAMED_THEMES
                                                    or token.dep_ == "relcl" and c.lower_ in ("which", "that"))
               for c in token.children)  # "the village of X, which they took on Sunday"


def state(token: Token) -> bool:
    """A standing state of control, not a change: "occupies about 70%", "Russian-occupied X",
    "who had occupied X since February", "the village remains under control"."""
    lemma = token.lemma_.lower()
    holding = lemma in words().states
    if token.dep_ == "amod" or holding and token.tag_ in ("VBZ", "VBP", "VBG"):
        return True  # "occupied territories", "Russia occupies", "controlling" (but "Ukraine retakes X": news)
    doc = token.doc
    if token.tag_ in ("VBN", "VBD") and 0 < token.i < len(doc) - 1 and doc[token.i + 1].pos_ == "PROPN" \
            and doc[token.i - 1].dep_ in ("prep", "det"):
        return True  # "in occupied Makiivka", "the liberated Kherson": a participle describing the town
    if holding and any(c.lemma_.lower() in ("remain", "stay", "still") for c in (token.head, *token.head.children)):
        return True
    if any(c.lower_ == "since" or c.dep_ in ("prep", "advcl", "advmod", "npadvmod") and
           any(g.lower_ == "since" for g in c.subtree) for c in token.children):
        return True  # "had occupied X since February" (not "captured X, which Ukraine had held since 2014")
    if any(c.like_num and any(g.lower_ in ("%", "percent", "per") for g in c.head.subtree) for c in token.subtree):
        return True  # "70% of the region"
    # "a town Russian forces occupy": a state; "a town Russian forces captured in April": a past change
    return holding and token.dep_ == "relcl" and token.head.lemma_.lower() in AREA_NOUNS


def _flag(token: Token) -> Token | None:
    """The national flag raised ("raised the Ukrainian flag over X", "the national flag was raised"), not a
    banner ("the flag of the opposition")."""
    if token.lemma_.lower() != "raise":
        return None
    return next((t for t in token.children if t.dep_ in ("dobj", "nsubjpass") and t.lemma_.lower() == "flag"
                 and any(c.dep_ in ("amod", "compound", "poss") and (c.text[:1].isupper() or c.lower_ == "national")
                         for c in t.children)), None)


def gainer(change: Change, side1: str | None, claim_side: str | None, profile: ConflictProfile) -> str | None:
    """The side that gains (or, for a loss, loses; for a contest, the attacker) the place."""
    flag = _flag(change.token)
    if flag is not None and (side := profile.side_in(flag.doc[flag.left_edge.i:flag.i + 1].text)):
        return side  # whose flag it is, whoever raised it
    if lemma_of(change.token) == "fall":  # the subject is the place, not a side
        taker = _fallen_to(change.token)
        if taker is not None:
            return profile.side_in(taker.doc[taker.left_edge.i:taker.right_edge.i + 1].text)
        return profile.government_of(change.place.country_code)  # "X has fallen": its own state lost it
    if side1 in profile.side_codes:
        return side1
    subject = _adverbial_subject(change.token)
    if subject is not None and (side := profile.side_in(subject.doc[subject.left_edge.i:subject.i + 1].text)):
        return side  # "After capturing X, Russian troops moved on": theirs, whoever tells it
    if change.change == "contested":
        # "fighting for X", told by either party: the attacker is the enemy of the state X belongs to
        return profile.opponents.get(profile.government_of(change.place.country_code) or "")
    if claim_side not in profile.side_codes:
        claim_side = _speaker_side(change.token, profile)
    pushed = next((c for c in change.token.children if c.dep_ == "nsubjpass" and pushed_out(change.token)), None)
    if pushed is not None:  # "the enemy has been driven out of X": the other side gains it
        phrase = pushed.doc[pushed.left_edge.i:pushed.i + 1].text
        loser = profile.side_of(phrase, claim_side) or profile.side_in(phrase)
        return profile.opponents.get(loser or "") or claim_side
    return taker_unnamed(change.token, claim_side, change.place.country_code, profile) \
        if change.change == "gained" else None


def taker_unnamed(token: Token, claim_side: str | None, country: str | None, profile: ConflictProfile
                  ) -> str | None:
    """Who took a place in ``country`` when the text names no taker: in liberation words, the
    claimant ("the village has been liberated", said by a party: its own gain) or, said by no party,
    the state retaking its own land; in other capture words ("has been occupied", "was captured"),
    the enemy of the place's state; else the claimant."""
    if lemma_of(token) in RETAKING:
        if claim_side in profile.side_codes:
            return claim_side
        return profile.government_of(country) or profile.side_of_country(country)
    invader = profile.opponents.get(profile.government_of(country) or "")
    return invader or (claim_side if claim_side in profile.side_codes else None)


def _speaker_side(token: Token, profile: ConflictProfile) -> str | None:
    """The side of who says it when the claim's speaker is named only by its office ("the ministry
    said", after "Russia's defence ministry" earlier): the last mention of that office with a side,
    in this sentence or the three before."""
    verb = token
    while verb.dep_ in ("ccomp", "conj") and verb.head is not verb:  # up to the verb that reports it
        verb = verb.head
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not token else None
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    doc = token.doc
    own = profile.side_in(doc[speaker.left_edge.i:speaker.right_edge.i + 1].text)
    if own:
        return own
    start = token.sent.start
    for _ in range(3):
        if start > 0:
            start = doc[start - 1].sent.start
    for earlier in reversed(doc[start:speaker.i]):
        if earlier.lemma_.lower() == speaker.lemma_.lower():
            side = profile.side_in(doc[earlier.left_edge.i:earlier.i + 1].text)
            if side:
                return side
    return None


def settled(observations: Sequence[ControlObservation], claims: Sequence[Claim]) -> list[ControlObservation]:
    """A contest at a place that the same source reports changing hands on the same day is that change:
    "contested" is fighting without a change of hands (codebook 6). Reports of different sources stay
    (one party claims the capture, the other says fighting goes on: a dispute)."""
    def source(observation: ControlObservation) -> str | None:
        return claims[observation.claim].side if observation.claim is not None else None

    changed = {(o.geonameid or o.place, o.date, source(o)) for o in observations if o.change != "contested"}
    return [o for o in observations if o.change != "contested"
            or (o.geonameid or o.place, o.date, source(o)) not in changed]


def sub_type_of(change: str, side: str | None, country: str | None, profile: ConflictProfile) -> str:
    """The Battles sub-type of a change in ``country``: its own government regains it, any other force
    overtakes it (a place of unknown country: a government retakes its own); a loss with no gainer is
    a non-violent transfer."""
    if change == "lost":
        return TRANSFER
    if side is None:
        return OVERTAKES
    own = side == profile.government_of(country) if country else side in profile.government
    return REGAINS if own else OVERTAKES


def _leaving(token: Token) -> bool:
    """"withdrew from X", "pulled out of X", "retreated": a departure (not "pulled the trigger")."""
    if token.lemma_.lower() in ("pull", "leave", "fall", "lose"):
        return any(c.lower_ in ("out", "back", "from") for c in token.children) or token.lemma_.lower() != "pull"
    return True


def pushed_out(token: Token) -> bool:
    """"pushed Russian troops out of X", "drove them out": the pusher gains X ("pushed them back from Kyiv" kept
    Kyiv: they never held it)."""
    return token.lemma_.lower() in ("push", "drive", "force") and any(c.lower_ == "out" for c in token.children)

