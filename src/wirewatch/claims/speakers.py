"""Speakers of claims: the source's head resolved to a named person or body, its side and channel.

The head of the source phrase decides, never any name inside it: in
"Ukrainian military officials in Kharkiv said" the speaker is the officials
(Ukrainian, so side UA), not Kharkiv. Pronouns and bare role nouns ("he",
"the governor", "the analysts") take the person or body named before: first a
previous claim's speaker of the same kind, then the last fitting entity.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from wirewatch.claims.cues import sentence_of
from wirewatch.claims.lexicon import word_list
from wirewatch.claims.quotes import dateline_end
from wirewatch.entities import described
from wirewatch.models import Claim, Entity, Place
from wirewatch.nlp import doc_text, published_date
from wirewatch.places.spelling import division_variants, name_key
from wirewatch.profile import ConflictProfile

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "it", "we", "who", "which", "that"}
CHANNELS = [
    (re.compile(r"\bTelegram\b"), "Telegram"),
    (re.compile(r"\b(?:TV|television|broadcaster|channel)\b"), "TV"),
    (re.compile(r"\b(?:intelligence update|update|assessment)\b", re.I), "intelligence update"),
    (re.compile(r"\bstatement\b", re.I), "statement"),
    (re.compile(r"\binterview\b|\btold (?:the )?(?:[A-Z][\w'’]+ ){0,3}(?:Times|Post|Journal|Guardian|News)\b"),
     "interview"),
    (re.compile(r"\b(?:Twitter|tweet(?:ed)?|Facebook|X post)\b"), "social media"),
]
DOCUMENTS = word_list("document_nouns")  # "the statement said": its author speaks
LOCAL_OFFICES = word_list("local_offices")
REGIONAL = {"regional", "region", "oblast", "province", "governorate"}
RELATIVE = re.compile(r",?\s*\b(?:who|which|whose)\s.*")  # a relative clause to the end of the phrase
# when or how the speaker spoke, to the end of the phrase: "Blinken, speaking during a session called by Russia"
CIRCUMSTANCE = re.compile(r",\s*[a-z]+ing\b.*|\s+\b(?:during|after|before|while|when|since|following|amid)\s.*")
NICKNAME = re.compile(r"(?:goes by the name|known as|nicknamed|calls? himself|calls? herself)\s+[“\"]([^”\"]{2,40})[”\"]")


def resolve_speakers(doc: Doc, claims: Sequence[Claim], subjects: Sequence[Token | None],
                     entities: Sequence[Entity], profile: ConflictProfile) -> list[Claim]:
    """Fill ``speaker``, ``side`` and ``channel`` on each claim (claims in cue order)."""
    by_start = {e.span.start: e for e in entities}
    resolved: list[Claim] = []
    history: list[tuple[int, str, str, Entity | None]] = []  # (offset, speaker, kind, entity)
    known_side: dict[str, str] = {}  # a speaker keeps the side found at an earlier mention
    known_role: dict[str, str] = {}
    stated = _stated_roles(doc, entities)
    for claim, subject in zip(claims, subjects, strict=True):
        speaker, kind, entity = _speaker(doc, subject, by_start, entities, history, known_role)
        if speaker:  # "The General Staff", "the Governor" as recognised: the name without its article
            speaker = re.sub(r"^(?:the|an?)\s+(?=\w)", "", speaker, flags=re.I) or speaker
        if speaker and kind in ("ORG", "GROUP"):
            speaker = _whose_body(speaker, claim, profile)
        side = _side(doc, speaker, entity, claim, by_start, profile) or (known_side.get(speaker) if speaker else None) \
            or _country_side(doc, claim, profile)
        # the role the source phrase or the name's mention gives, else an earlier source phrase's ("the
        # ambassador noted" after "Russian Ambassador to Vietnam Gennady Bezdetko said"), else the one this
        # document states for the person anywhere (a bare "Synehubov said" before "regional governor Oleh
        # Synehubov"); never one from elsewhere
        role = _as_role(_role(speaker, entity, claim)) or (known_role.get(speaker) or _as_role(
            stated.get(speaker)) if speaker else None)
        if speaker:
            history.append((claim.cue.start, speaker, kind, entity))
            if side:
                known_side.setdefault(speaker, side)
            if role:
                known_role.setdefault(speaker, role)
        channel = _channel(_reporting_clause(doc, claim))
        resolved.append(replace(claim, speaker=speaker, side=side, channel=channel, role=role))
    return resolved


def _whose_body(speaker: str, claim: Claim, profile: ConflictProfile) -> str:
    """"Ukraine's defence ministry" and "Russia's defence ministry" are two bodies: a possessive name just before
    the speaker's words in the source phrase stays with them (as the profile names the body, else as written)."""
    source = claim.source.text if claim.source is not None else ""
    at = source.find(speaker)
    whose = re.search(r"\b(?!The\b)[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*[’']s\s+$", source[:at]) if at > 0 else None
    if whose is None:
        return speaker
    phrase = source[whose.start():at + len(speaker)]
    party = profile.match(phrase)
    return party.name if party is not None else phrase


def outlet_names(outlet: str | None) -> set[str]:
    """The folded names an outlet line gives the article's own voice: "Sports Time Now (repost of Al Jazeera)"
    -> {"sportstimenow", "aljazeera"}; "Censor.NET" -> {"censor"}. Of a comma list only the first is a name
    ("Independent Online, South Africa")."""
    names = set()
    for part in re.split(r"[()/;]| - ", outlet or ""):
        part = re.sub(r"^\s*(?:repost of|summary of|citing|via|from)\s+", "", part.split(",")[0], flags=re.I)
        if fold_name(part):
            names.add(fold_name(part))
    return names


def fold_name(name: str) -> str:
    """A name reduced to compare an outlet with a speaker: a web host keeps its main label ("Censor.NET")."""
    name = name.strip().lower()
    if "." in name and " " not in name:
        name = next((label for label in name.split(".") if label not in ("www", "m")), name)
    return re.sub(r"\W|_", "", name)


# "a Sputnik correspondent", "our reporters": the outlet's own staff
STAFF = re.compile(r"(?:(?:a|an|our|the)\s+)?(?P<outlet>.*?)\s*\b(?:correspondent|reporter|journalist)s?", re.I)


def is_outlet_voice(claim: Claim, outlets: set[str]) -> bool:
    """A claim whose speaker is the publishing outlet itself ("According to Censor.NET" on Censor.NET) or its
    own staff ("a Sputnik correspondent reported" on Sputnik International): the article's own voice."""
    texts = [t for t in (claim.speaker, claim.source.text if claim.source else None) if t]
    if any(fold_name(t) in outlets for t in texts):
        return True
    staff = STAFF.fullmatch(texts[-1]) if texts and outlets else None
    named = fold_name(staff["outlet"]) if staff is not None else ""  # a bare "a journalist" may be anyone's
    return staff is not None and (texts[-1].lower().startswith("our ") or len(named) > 2 and any(
        o.startswith(named) for o in outlets))


def _country_side(doc: Doc, claim: Claim, profile: ConflictProfile) -> str | None:
    """ "Dmytro Kuleba, its foreign minister": "its" is the country named last before the source."""
    # an appositive only: in "Washington and its allies" the allies are not the speaker
    if claim.source is None or not re.search(r",\s*(?:its|the country[’']s)\s+\w+", claim.source.text, re.I):
        return None
    before = doc_text(doc)[max(0, claim.source.start - 1500):claim.source.start]
    for found in reversed(list(re.finditer(r"\b[A-Z][a-z]+\b", before))):
        side = profile.side_of(found.group(0)) or profile.side_named(found.group(0))  # "Ukraine", "Moscow"
        if side:
            return side
    return None


def _reporting_clause(doc: Doc, claim: Claim) -> str:
    """The cue's sentence without the claim's content: a channel named in the content is not the claim's."""
    cue = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return claim.cue.text
    start, end, _, _ = sentence_of(cue[0])
    chars = list(doc_text(doc)[start:end])
    for part in claim.contents or ((claim.content,) if claim.content else ()):
        for i in range(max(part.start, start), min(part.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _stated_roles(doc: Doc, entities: Sequence[Entity]) -> dict[str, str]:
    """Each person's role as this document first states it ("Kharkiv regional governor"). A role the
    profile supplied for a phrase ("the Ukrainian president" -> "President of Ukraine") is not the text's."""
    text = doc_text(doc)
    roles: dict[str, str] = {}
    for e in entities:
        if e.label == "PERSON" and e.affiliation and e.affiliation in text:
            roles.setdefault(e.canonical, e.affiliation)
    return roles


# "Britain's Ministry of Defence": a possessive name alone says whose body it is (its side); "Mr": a courtesy
NOT_A_ROLE = re.compile(r"(?:[A-Z][\w.-]*\s)*[A-Z][\w.-]*\s?[’']s|(?:Mr|Mrs|Ms|Miss)\.?")


def _as_role(found: str | None) -> str | None:
    return None if found is None or NOT_A_ROLE.fullmatch(found) else found


def _role_holder(head: Token, entities: Sequence[Entity]) -> tuple[str | None, str, Entity | None]:
    """"the city's mayor", "Kharkiv's governor": the one person this document gives that role, before or
    after. A place named in the phrase must not contradict one named in the role ("Belgorod's governor" is
    not the "governor of Kharkiv region")."""
    if head.tag_ != "NN":
        return None, "", None
    role_word = re.compile(rf"\b{re.escape(head.lemma_.lower())}\b")
    named = {t.lower_ for t in head.subtree if t.pos_ == "PROPN"}
    holders = {}
    for e in entities:
        if e.label != "PERSON" or not e.affiliation or not role_word.search(e.affiliation.lower()):
            continue
        places = {re.sub(r"['’]s$", "", w).lower() for w in re.findall(r"(?<=\s)[A-Z][\w’'-]+", e.affiliation)}
        if not named or not places or named & places:
            holders.setdefault(e.canonical, e)
    if len(holders) != 1:
        return None, "", None
    (canonical, entity), = holders.items()
    return canonical, "PERSON", entity


def _role(speaker: str | None, entity: Entity | None, claim: Claim) -> str | None:
    """The speaker's role or affiliation as the source phrase states it ("Kharkiv's regional governor")."""
    if claim.source is not None and speaker:
        names = {speaker, entity.span.text if entity else speaker}
        rest = claim.source.text
        if not any(n in rest for n in names):
            return None  # "he", "the ambassador": the role was given before
        for name in names:
            rest = rest.replace(name, " ")
        rest = RELATIVE.sub(" ", rest)  # "ISIL, which put the toll at 45,"
        rest = re.split(r",\s*,", rest)[0]  # "The leader of X, [name], also installed by Y,": the first
        rest = re.sub(r"\([^()]*\)", " ", rest)  # "ISIL (Islamic State of Iraq and the Levant)": a gloss
        rest = re.sub(r"\s*,\s*(?:of|from)\s+", " of ", rest)
        rest = re.sub(r"\s+(?:on|last|this)\s+(?:\w+day|\w+ \d{1,2})$", "", re.sub(r"\s+", " ", rest).strip(" ,;:-"))
        rest = re.sub(r"^(?:on|last|this)\s+\w+day$", "", rest, flags=re.I)
        previous = None
        while previous != rest:  # ", of the Royal United Services Institute," -> "Royal United Services Institute"
            previous = rest
            rest = re.sub(r"^(?:the|a|an|of|from)\s+", "", rest.strip(" ,;:-"), flags=re.I)
        if rest and re.search(r"[A-Za-z]{3}", rest) and rest.lower() not in ("the", "a", "an"):
            return rest
    if entity is not None and entity.affiliation:  # "Zelenskyy said": this mention's own
        return entity.affiliation
    return None


def _entity_at(token: Token, entities: Sequence[Entity]) -> Entity | None:
    for e in entities:
        if e.span.start <= token.idx < e.span.end and e.label in ("PERSON", "ORG", "NORP", "GPE"):
            return e
    return None


def _speaker(doc: Doc, subject: Token | None, by_start: dict[int, Entity], entities: Sequence[Entity],
             history: list[tuple[int, str, str, Entity | None]],
             roles: dict[str, str]) -> tuple[str | None, str, Entity | None]:
    if subject is None:
        return None, "", None
    head = subject
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        head = head.head.head  # "a Russian source who claimed": the source
    entity = _entity_at(head, entities)
    if entity is not None and entity.label in ("PERSON", "ORG"):
        return entity.canonical, entity.label, entity
    # "the fighter, who goes by the name “Uncle Roma”"
    phrase_text = doc[head.left_edge.i: head.right_edge.i + 1].text
    nick = NICKNAME.search(phrase_text)
    if nick:
        return nick.group(1), "PERSON", None
    # an appositive or compound naming the head: "Kharkiv's governor Oleh Synehubov", "the governor, Oleh X,",
    # "the governor of Russia's Belgorod region, Vyacheslav Gladkov," (the parser hangs him on "region")
    # (a name compounded onto a common noun modifies it: "Kyiv officials" are officials, not Kyiv)
    for child in [*head.children, *(t for t in head.subtree if t.dep_ == "appos" and t.head != head)]:
        if child.dep_ == "appos" or child.dep_ == "compound" and head.pos_ == "PROPN":
            named = _entity_at(child, entities)
            if named is not None and named.label in ("PERSON", "ORG"):
                return named.canonical, named.label, named
    named = _name_closing_phrase(doc, head, entities)
    if named is not None:
        return named.canonical, "PERSON", named
    lower = head.lower_
    if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS or lower in ("i",):
        wanted = "PERSON" if lower in PERSON_PRONOUNS or lower == "i" else "ORG"
        return _antecedent(head, wanted, entities, history)
    if head.pos_ == "NOUN":
        modifiers = [c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod", "poss", "nummod")]
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those") for c in head.lefts)
        if head.lemma_.lower() in DOCUMENTS and (definite and not modifiers or modifiers and all(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in modifiers)):  # not "the UN report"
            return _author(head, entities, history)  # "the statement said": whoever issued it
        if not modifiers and definite:  # "the governor", "the officials": someone named before
            found = _role_antecedent(head, entities, history, roles)  # ("Police said", "Sappers said": someone new)
            if found[0]:
                return found
        if definite or any(c.dep_ == "poss" for c in head.lefts):
            found = _role_holder(head, entities)  # "the city's mayor" named further on as "Ihor Terekhov, the mayor"
            if found[0]:
                return found
        story = dateline_end(doc_text(doc), head.idx)  # "KYIV, July 3 - Ukraine's military": not the date
        words = [t for t in doc[head.left_edge.i: head.i + 1]
                 if t.dep_ not in ("det", "punct", "predet") and t.idx >= story
                 and t.i >= (modifiers[0].left_edge.i if modifiers else head.i)]
        # as written ("city’s mayor", not "city ’s mayor"), without the words left out
        # a role is named with the body held: "the head of the village council", "mayor of Izium",
        # "both heads of the delegations"
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None) \
            if head.tag_ in ("NN", "NNS") else None
        # (a common noun or a one-word name: in "the mayor of Chernihiv Oleksandr Lomako" the name may be missed)
        held = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        # a body held is read whole ("the head of the Hungarian Ministry of Foreign Affairs")
        plain = held is not None and (held.pos_ == "NOUN" or held.pos_ == "PROPN" and held.n_lefts == 0
                                      or held.ent_type_ == "ORG")
        last = of.right_edge if plain and not any(t.is_punct or t.pos_ == "PROPN" and t.i > held.i
                                                  and t.ent_type_ != "ORG" for t in of.subtree) else head
        written = doc_text(doc)[words[0].idx:last.idx + len(last.text)] if words else head.text
        return " ".join(written.split()), "GROUP", None
    if entity is not None:
        return entity.canonical, entity.label, entity
    story = dateline_end(doc_text(doc), head.idx)  # "MOSCOW, Sept 7 - Russia denied": Russia, not the date
    first = next(t for t in doc[head.left_edge.i: head.i + 1] if t.idx >= story or t.i == head.i)
    return doc[first.i: head.i + 1].text.strip(" ,"), "OTHER", None


def _name_closing_phrase(doc: Doc, head: Token, entities: Sequence[Entity]) -> Entity | None:
    """"the head of the Donetsk regional administration Vadym Filashkin": a person's name closing a role
    noun's phrase, straight after a name rather than a preposition ("the spokesman for Vladimir Putin" is the
    spokesman), is the person holding the role."""
    if head.pos_ not in ("NOUN", "PROPN"):  # "Russian Ambassador to Vietnam Gennady Bezdetko"
        return None
    last = head.right_edge
    while last.i > head.i and last.is_punct:
        last = doc[last.i - 1]
    named = _entity_at(last, entities)
    if (named is None or named.label != "PERSON") and last.pos_ == "PROPN" and last.i - head.i > 2 \
            and doc[last.i - 1].pos_ == doc[last.i - 2].pos_ == "PROPN":
        # the recogniser ran place and name together ("Chernihiv Oleksandr Lomako"): a surname this document
        # names as a person elsewhere ("Lomako said") is that person
        named = next((e for e in entities if e.label == "PERSON" and e.span.text.split()[-1] == last.text), None)
        return named
    if named is None or named.label != "PERSON" or named.span.start <= head.idx:
        return None
    before = doc.char_span(named.span.start, named.span.end, alignment_mode="expand")
    previous = doc[before[0].i - 1] if before is not None and len(before) and before[0].i > head.i else None
    if previous is None or previous.pos_ != "PROPN" or previous.dep_ == "poss":
        return None
    return named


def _author(head: Token, entities: Sequence[Entity],
            history: list[tuple[int, str, str, Entity | None]]) -> tuple[str | None, str, Entity | None]:
    """A document's author: the speaker of the claim just before, else the last body named before; a
    statement, report or post is never a speaker itself."""
    earlier = [h for h in history if h[0] < head.idx and head.idx - h[0] < 1500]
    if earlier:
        return earlier[-1][1], earlier[-1][2], earlier[-1][3]
    before = [e for e in entities if e.span.end <= head.idx and e.label == "ORG"]
    if before and head.idx - before[-1].span.end < 1500:
        return before[-1].canonical, "ORG", before[-1]
    return None, "", None


def _antecedent(head: Token, wanted: str, entities: Sequence[Entity],
                history: list[tuple[int, str, str, Entity | None]]) -> tuple[str | None, str, Entity | None]:
    if wanted == "PERSON":
        # a capitalised name the entity recogniser missed ("Lieutenant Olena Kravets") is a person too
        earlier = [h for h in history if h[0] < head.idx and (h[2] == "PERSON" or h[2] == "OTHER" and re.fullmatch(
            r"(?:[A-Z][\w’'.-]+ ){1,3}[A-Z][\w’'-]+", h[1]))]
        if earlier:
            return earlier[-1][1], "PERSON", earlier[-1][3]
    else:
        earlier = [h for h in history if h[2] in ("ORG", "GROUP") and h[0] < head.idx]
        if earlier and head.idx - earlier[-1][0] < 1500:
            return earlier[-1][1], earlier[-1][2], earlier[-1][3]
    before = [e for e in entities if e.span.end <= head.idx and e.label == wanted]
    if before:
        return before[-1].canonical, wanted, before[-1]
    return None, "", None


def _role_antecedent(head: Token, entities: Sequence[Entity], history: list[tuple[int, str, str, Entity | None]],
                     roles: dict[str, str]) -> tuple[str | None, str, Entity | None]:
    """"the ambassador": the speaker before whose name, role or affiliation holds the word."""
    lemma = head.lemma_.lower()
    for offset, speaker, kind, entity in reversed(history):
        # a role's own noun, before what it is of ("Russian Ambassador" to Vietnam), not any word in it
        role = re.split(r",|(?:^|\s)(?:of|to|for|in|at|from|on|by)\s", roles.get(speaker, ""))[0]
        affiliation = f"{(entity.affiliation or '') if entity else ''} {role}"
        if offset < head.idx and (lemma in speaker.lower() or lemma in affiliation.lower()):
            return speaker, kind, entity
    for e in reversed([e for e in entities if e.span.end <= head.idx]):
        if e.affiliation and lemma in e.affiliation.lower():
            return e.canonical, e.label, e
    if head.tag_ == "NNS" or lemma in ("analyst", "official", "think", "institute", "ministry"):
        earlier = [h for h in history if h[2] in ("ORG", "GROUP") and h[0] < head.idx]
        if earlier:
            return earlier[-1][1], earlier[-1][2], earlier[-1][3]
    return None, "", None


def _side(doc: Doc, speaker: str | None, entity: Entity | None, claim: Claim, by_start: dict[int, Entity],
          profile: ConflictProfile) -> str | None:
    if entity is not None and entity.side:
        return entity.side
    if speaker and (side := profile.side_in(speaker)):
        return side
    source = doc.char_span(claim.source.start, claim.source.end, alignment_mode="expand") if claim.source else None
    if source is None or not len(source):
        return None
    # the source phrase without what describes something else in it or the circumstances: "Putin, who says
    # Ukraine ...", "Robert Fico, known for his pro-Russian stance", "Blinken, speaking during a session called by
    # Russia"
    inside = described(source)
    kept = {t.idx for t in source if t.i not in inside}
    phrase = CIRCUMSTANCE.sub(" ", RELATIVE.sub(" ", " ".join(t.text for t in source if t.idx in kept)))
    nations = [e for k in sorted(kept) if (e := by_start.get(k)) is not None and e.span.end <= source.end_char
               and e.label in ("GPE", "NORP") and e.span.text in phrase]
    return _first_nation_side(nations, phrase, profile) or _local_office_side(doc, source, kept, profile)


def _region_named_after(place: Place) -> bool:
    """The place's first-level region bears its name ("Bryanskaya oblast'" for Bryansk), so "the Bryansk governor"
    is that region's; Donetsk in the Rostov region is not the Donetsk of "the Donetsk regional administration"."""
    if (place.feature_code or "").startswith("ADM1"):
        return True  # the region itself
    town = name_key(place.name or "")
    return place.admin1 is not None and any(
        len(shared := os.path.commonprefix([town, name_key(v)])) >= 3 and len(shared) >= len(town) - 1
        for v in division_variants(place.admin1))


def _local_office_side(doc: Doc, source: SpacySpan, kept: set[int], profile: ConflictProfile) -> str | None:
    """"The Bryansk governor", "the head of the Sumy regional administration": a town's or region's own official
    speaks for the side that holds the place the title names (on the day of publication)."""
    if not any(t.lemma_.lower() in LOCAL_OFFICES and t.idx in kept for t in source):
        return None
    place = next((p for p in doc._.ww_places or () if source.start_char <= p.span.start < source.end_char
                  and p.span.start in kept and p.country_code), None)
    if place is None:
        return None
    # a region's official ("the Donetsk regional military administration", a governor) speaks for who holds the
    # region, not its capital
    regional = any(t.lower_ in REGIONAL or t.lemma_.lower() == "governor" for t in source)
    if regional and not _region_named_after(place):
        return None  # a region is named after its capital: a town of that name elsewhere is a namesake misread
    return profile.holder(place.country_code, place.admin1, None if regional else place.name, published_date(doc))


def _first_nation_side(nations: Sequence[Entity], phrase: str, profile: ConflictProfile) -> str | None:
    """The side of a phrase: the first country or nationality it names is the speaker's ("the U.S. Embassy in
    Moscow", "American secretary of state Antony Blinken ... with the Russian minister", "China, Russia and Iran"
    are of no side; so is "the Russian and Ukrainian delegations"); with none named, the side its words name
    ("Kremlin spokesman")."""
    if not nations:
        return profile.side_in(phrase)
    sides = [profile.side_in(e.span.text) for e in nations]
    return None if any(s and s != sides[0] for s in sides) else sides[0]  # "the Russian and Ukrainian delegations"


def _channel(sentence: str) -> str | None:
    for pattern, name in CHANNELS:
        if pattern.search(sentence):
            return name
    return None
