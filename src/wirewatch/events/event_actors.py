"""Who did it: actor1/actor2 of an event trigger, with sides from the conflict profile.

The subject (or agent, or the armed party that owns an event noun: "Russian bombardment") is
actor1; the object actor2; a battle with one known side gets the opponent as actor2. Pronouns take
the armed party named just before them; "we"/"our units" and "the enemy" take their meaning from
the speaker of the claim that contains them.
"""

from __future__ import annotations

from spacy.tokens import Token

from wirewatch.dates import dateline_at
from wirewatch.events.event_lexicon import (ARMED_NOUNS, BACKED, FIRST_PERSON, LIGHT_VERBS, OWN, PRONOUNS, defined_by,
                                            words)
from wirewatch.events.event_places import ACCUSING  # "accused Ukraine of shelling": the accused is the actor
from wirewatch.profile import CIVILIAN, ConflictProfile


def actors(token: Token, profile: ConflictProfile, speaker_side: str | None, battle: bool = False
           ) -> tuple[str | None, str | None, str | None, str | None]:
    repelled = _repelled(token, profile, speaker_side)
    if repelled is not None:
        return repelled
    # the subject nearest the verb: the parser may take a dateline ("KYIV, Ukraine (AP) --") for a first one
    subject = min((c for c in token.children if c.dep_ in ("nsubj", "agent")), key=lambda c: abs(c.i - token.i),
                  default=None)
    if subject is not None and subject.dep_ == "agent":
        subject = next((c for c in subject.children if c.dep_ == "pobj"), subject)
    if subject is not None and _in_dateline(subject):  # "MOSCOW, May 2 - Ukrainian forces shelled": the forces
        subject = next((c for c in subject.children if c.dep_ == "appos"), None)
    if subject is None and token.dep_ in ("acl", "xcomp") and token.head.pos_ in ("NOUN", "PROPN", "VERB"):
        head = token.head  # "Russians retreating from X", "forced Russian troops to retreat"
        subject = head if head.pos_ != "VERB" else next((c for c in head.children if c.dep_ in ("dobj", "nsubj",
                                                                                                "nsubjpass")), None)
    if subject is None and token.dep_ in ("advcl", "conj") and token.head.pos_ == "VERB":
        # "forces broke through the border, capturing the town": the clause's subject acts
        subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "agent")), None)
    obj = next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if subject is None and obj is not None and obj.dep_ == "nsubjpass" and token.lemma_.lower() in words().lost:
        subject, obj = obj, None  # "Russian units were withdrawn": the units leave
    if subject is None and token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS:
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)  # "forces launched an offensive"
    if subject is None:
        subject = _accused(token.head if token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS else token)
    if token.pos_ == "NOUN":  # "Russian bombardment", "a Ukrainian counter-attack", "Russia's assault"
        modifier = next((c for c in token.children if c.dep_ in ("amod", "compound", "poss")
                         and _party(c, profile, speaker_side)[1]), None)
        if modifier is not None and not (modifier.pos_ == "PRON" and subject is not None):
            subject = modifier  # but "troops stepped up their assault": the troops; "an air strike": no side
        by = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "by"
                   for g in c.children if g.dep_ == "pobj"), None)
        if subject is None and by is not None:
            subject = by  # "a shelling of Donetsk by Ukrainian forces"
        if subject is None and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB":
            obj = next((c for c in token.head.children if c.dep_ == "dobj"), obj)
    clause = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
    if subject is None and battle and clause.dep_ == "relcl":
        # "troops entered the outskirts of Toretsk, where street fighting was under way": the troops fight
        governing = next((a for a in clause.head.ancestors if a.pos_ == "VERB"), None)
        found = next((c for c in governing.children if c.dep_ == "nsubj"), None) if governing is not None else None
        if found is not None and found.lemma_.lower() in ARMED_NOUNS:
            subject = found
    if subject is not None and subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    actor1, side1 = _party(subject, profile, speaker_side)
    actor2, side2 = _party(obj, profile, speaker_side)
    if subject is not None and side1 and not side2:
        # "Ukraine and Russia swapped prisoners": opponents named together as the subject act on each other
        actor2, side2 = next(((a, s) for a, s in (_party(c, profile, speaker_side) for c in subject.conjuncts)
                              if s and s == profile.opponents.get(side1)), (None, None))
    if side1 and not side2 and battle:
        side2 = profile.opponents.get(side1)
        actor2 = military(profile, side2)
    return actor1, side1, actor2, side2


def _accused(act: Token) -> Token | None:
    """Who is accused of the act: "Russia accused Ukraine of shelling the plant", "blamed Russian forces for
    carrying out the strike" (the accuser claims it, the accused did it)."""
    prep = act.head if act.dep_ in ("pcomp", "pobj") else None
    if prep is None or prep.lower_ not in ("of", "for"):
        return None
    if prep.head.dep_ == "dobj" and prep.head.head.lemma_.lower() in ACCUSING:
        return prep.head  # the parser may hang "of ..." on the accused
    if prep.head.lemma_.lower() not in ACCUSING:
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _in_dateline(token: Token) -> bool:
    """Whether ``token`` is in the dateline opening its sentence (the parser makes "MOSCOW" a subject)."""
    line = dateline_at(token.sent.text)
    return line is not None and token.idx < token.sent.start_char + line.end


def _repelled(token: Token, profile: ConflictProfile, speaker_side: str | None
              ) -> tuple[str | None, str | None, str | None, str | None] | None:
    """"Ukrainian forces repelled eight Russian attacks": the attackers are actor1 (the codebook's one who
    attacks), named on the attack or else the defenders' enemy; the defenders are actor2."""
    verb, attack = token, next((c for c in token.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in words().repelling:
        verb, attack = token.head, token  # the trigger is the attack the verb beats back ("attacks were repelled")
    if verb.lemma_.lower() not in words().repelling:
        return None
    defender = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    if defender is not None and defender.dep_ == "agent":
        defender = next((c for c in defender.children if c.dep_ == "pobj"), None)
    actor2, side2 = _party(defender, profile, speaker_side)
    actor1, side1 = _party(attack, profile, speaker_side)
    if side1 is None and side2 is not None:
        side1 = profile.opponents.get(side2)
        actor1 = military(profile, side1)
    if side2 is None and side1 is not None and defender is None:  # "Ukrainian attacks were repelled": by the enemy
        side2 = profile.opponents.get(side1)
        actor2 = military(profile, side2) if side2 else None
    if side1 is None and side2 is None:
        return None
    return actor1, side1, actor2, side2


def _party(token: Token | None, profile: ConflictProfile, speaker_side: str | None = None
           ) -> tuple[str | None, str | None]:
    if token is None:
        return None, None
    doc = token.doc
    if token.pos_ == "PRON" and token.lower_ in PRONOUNS:
        if speaker_side in profile.side_codes and token.lower_ in FIRST_PERSON:
            return military(profile, speaker_side), speaker_side  # "we", "our units" in a party's statement
        antecedent = _antecedent(token, profile)
        if antecedent is not None:
            return antecedent
    phrase = doc[token.left_edge.i: token.i + 1].text
    for text in (phrase, token.text):
        party = profile.match(text)
        if party:
            named = military(profile, party.side) if party.kind in ("military", "government") else None
            return named or party.name, party.side
        side = profile.side_of(text, speaker_side)
        if side:  # "the enemy" / "the occupiers" in a speaker's mouth
            return military(profile, side), side
    # the side word nearest the head wins: "KYIV, Ukraine (AP) -- Russian missiles" are Russian; of a happening
    # or a weapon, what it was aimed at is no side of its own ("an air attack on Kharkiv", "missiles at Kyiv")
    # and of anything, where it is is no side of its own ("a hotel in central Kharkiv")
    told = _told(token)
    aimed = {t.i for c in token.children if c.dep_ == "prep" and (c.lower_ in WHERE or told and c.lower_ not in
                                                                  ("by", "from")) for t in c.subtree}
    phrase_tokens = sorted((t for t in doc[token.left_edge.i: token.right_edge.i + 1] if t.i not in aimed),
                           key=lambda t: abs(t.i - token.i))
    said = set()
    for t in phrase_tokens:
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ in BACKED:
            continue  # "Russian-backed separatists": the backer is not the actor
        word = t.lower_.replace("\u2019", "'").removesuffix("'s")
        said.add(word)
        side = next((code for code, markers in profile.side_words.items() if word in markers), None)
        if side:
            return military(profile, side), side
    if speaker_side in profile.side_codes and said & OWN:  # "our units", "its forces" in a party's statement
        return military(profile, speaker_side), speaker_side
    if speaker_side in profile.side_codes and token.lemma_.lower() in ("army", "military", "force", "troop") and \
            not said - {"the", "army", "military", "armed", "forces", "force", "troops"}:
        return military(profile, speaker_side), speaker_side  # "the army" in a party official's words
    return None, None


WHERE = ("in", "at", "near", "inside", "outside", "around")  # prepositions of place (general English)


def _told(token: Token) -> bool:
    """A word that tells a happening or names a weapon ("attack", "shelling", "missiles")."""
    return defined_by(token) is not None or token.lemma_.lower() in words().weapon_class


def _antecedent(pronoun: Token, profile: ConflictProfile) -> tuple[str | None, str | None] | None:
    """"As Ukrainian troops advanced, they liberated ...": the last armed party named before the
    pronoun, in its sentence or the one before."""
    doc = pronoun.doc
    verb = pronoun.head
    if pronoun.lower_ == "it" and pronoun.dep_ == "nsubj" and verb.dep_ == "ccomp" and verb.head.pos_ == "VERB":
        # "Ukraine's general staff said it had withdrawn": "it" is who says so
        sayer = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if sayer is not None and (party := _party(sayer, profile))[1]:
            return party
    sent = pronoun.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for t in reversed(doc[start:pronoun.i]):
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and t.pos_ in ("NOUN", "PROPN") and \
                t.lemma_.lower() in ARMED_NOUNS:
            name, side = _party(t, profile)
            if side:
                return name, side
    return None


def military(profile: ConflictProfile, side: str | None) -> str | None:
    """The ACLED name of a side's armed forces ("Military Forces of Russia (2000-)"), or None."""
    country = profile.country_of(side)
    if country is None:
        return next((a.name for a in profile.actors if a.side == side), None)
    return profile.actor("military", country, side).name


def civilians(profile: ConflictProfile, country: str | None) -> tuple[str | None, str]:
    """ACLED's civilians of the country an event happens in: "Civilians (Ukraine)"."""
    return (profile.actor("civilians", country).name if country else None), CIVILIAN
