"""Where an event happened: the place its trigger governs, not every place in the sentence.

Rules (ours), in order:

- a place used as an actor ("Kyiv launched", "a deal with Moscow", "Moscow's troops") is not
  where anything happened;
- "the Kharkiv region", "the Izyum direction", "Kharkiv's outskirts": the place names the area noun
  it modifies, and that noun's attachment counts;
- a place that only describes another place ("Lozova, a town in Kharkiv region", "Izium, 124 km
  from Kharkiv") is not a second location; coordinated places ("Chuhuyiv, Derhachi and Lozova")
  are each a location;
- among the places the trigger governs, site prepositions ("in", "near", "around", "at", "on",
  "outside") beat "from"/"of", which beat destinations ("towards", "to", "into"); a withdrawal
  happens where the troops leave, not where they go;
- nothing governed: the nearest local place of the sentence, else of the two sentences before it
  (the context an article sets: "In Mariupol, ... . Kyiv is negotiating the evacuation ...").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain, islice

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wirewatch.dates import dateline_at
from wirewatch.events.control_places import EDGE_NOUNS, PART_NOUNS, called
from wirewatch.events.event_lexicon import ARMED_NOUNS, vocabulary, words
from wirewatch.geodesy import km
from wirewatch.models import Location, Place
from wirewatch.nlp import doc_text
from wirewatch.places.context import SPEECH_VERBS, speaks
from wirewatch.places.features import FEATURE_CLASS
from wirewatch.places.spelling import name_key

STANCE = re.compile(r"\b(pro|anti)[-\u2010\u2011]$", re.IGNORECASE)  # "pro-EU", "anti-Kremlin"
CONTAINER_AFTER = re.compile(r",?\s+((city|town|village)\s+)?in\s+(the\s+)?((north|south|east|west|central)\w*\s+)?",
                             re.IGNORECASE)  # "in Abagana in Makurdi", "in Izium in the Kharkiv region", "X, in Y,"
OWNED_KM = 50.0  # a district or site said to be a town's ("Kharkiv's Saltivka") lies within this of it
# "at Dhaka University", "the Kharkiv airport was hit": a site in the place, not the place as an actor
FACILITY_NOUNS = vocabulary("facilities")
AREA_NOUNS = FACILITY_NOUNS | {
    "region", "area", "direction", "oblast", "district", "province", "outskirts", "suburb", "suburbs", "city", "town",
    "village", "axis", "front", "sector", "border", "frontier", "governorate", "county", "countryside", "centre",
    "center", "settlement", "territory", "environs", "vicinity",
    "community", "hromada", "municipality", "state"}  # "the Pokrovsk community", "Borno state": an area, no actor
SITE_PREPS = {"in", "near", "around", "at", "on", "outside", "inside", "across", "over", "within", "throughout",
              "along", "north", "south", "east", "west", "of"}
SOURCE_PREPS = {"from", "out"}
TARGET_PREPS = {"towards", "toward", "at", "into"}
DESTINATION_PREPS = {"towards", "toward", "to", "into", "for", "against", "with", "by", "behind", "beyond"}
ACTOR_DEPS = {"nsubj", "poss", "agent", "npadvmod"}
ACCUSING = vocabulary("accusing")  # "held Moscow responsible for the strike"
COMPASS = {"western", "eastern", "northern", "southern", "central"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
UNITS = {"km", "kilometre", "kilometer", "mile", "kms", "metre", "meter"}
AIMS = vocabulary("aims")  # a direction is no site
COUNTRY_CODES = {"PCLI", "PCLD", "PCLIX", "PCL", "PCLS", "PCLF", "CONT", "RGN"}
WATER_CODES = {code for code, kind in FEATURE_CLASS.items() if kind == "H"}  # a sea sets no scene on land
# "in the oblast", "in the city": the area of that kind named last (codebook 7: the most precise level given)
REGION_WORDS = {"region", "oblast", "province", "governorate", "state", "district", "county"}
SETTLEMENT_WORDS = {"city", "town", "village", "settlement"}
# "X in the Bakhmut district of the Donetsk region", "X, a village in the Y region", "X (Y region)"
_WHERE_IT_IS = re.compile(r"^[\s,(]*(?:(?:a|the)\s+(?:small\s+)?(?:village|town|settlement|city)\s+)?"
                          r"(?:(?:in|of)\s+(?:the\s+)?)?(?:[\w'-]+\s+(?:district|region|oblast|raion|province|"
                          r"community|hromada)\s+(?:of|in)\s+(?:the\s+)?)?$", re.IGNORECASE)


# "X, south of Y", "X near Y", "X, a village 10 km east of Y", "X communities in Y": a place the gazetteer lacks,
# told by a town near it or holding it
# what people feel or do about a happening: a place they are felt in is no site
REACTIONS = vocabulary("reactions")
PURPOSES = vocabulary("purposes")  # "in support of X", "in response to X": what it was done for
# "Ukraine's eastern ": a country owning the division named after it
_OWNER = re.compile(r"\b[A-Z][\w-]*['’]s\s+(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+)?")
# ", west of the Ukrainian logistics hub of Pokrovsk": near the town named
_NEAR_TOWN = re.compile(
    r"^[\s,(]*(?:(?:a|the)\s+(?:small\s+)?(?:village|town|settlement)\s+)?(?:(?:just|about|some)\s+)?"
    r"(?:\d+\s*(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")s?\s+)?"
    r"(?:(?:" + "|".join(re.sub(r"^(north|south)(east|west)$", r"\1-?\2", d) for d in sorted(DIRECTIONS))
    + r")(?:ern)?\s+of|near|outside|close\s+to|(?:communit(?:y|ies)|villages?|settlements?|neighbou?rhoods?)\s+in)"
    r"\s+(?:the\s+(?:[\w-]+\s+){0,3}?(?:city|town|hub|centre|center|port)\s+of\s+)?$", re.IGNORECASE)


def _toponym_roots(sent: SpacySpan) -> set[int]:
    """Root tokens of the sentence's GPE/LOC entities. ``sent.ents`` would rebuild every entity of the
    document on each call (quadratic on a long article), so the document's list is made once."""
    doc = sent.doc
    table = doc.user_data.get("ww_toponym_roots")
    if table is None:
        table = doc.user_data["ww_toponym_roots"] = [(e.start, e.root.i) for e in doc.ents
                                                      if e.label_ in ("GPE", "LOC")]
    lo = bisect.bisect_left(table, (sent.start, -1))
    hi = bisect.bisect_left(table, (sent.end, -1))
    return {root for _, root in table[lo:hi]}


def sites(token: Token, sent: SpacySpan, places: Sequence[Place], *, leaving: bool = False, launched: bool = False
          ) -> tuple[list[Place], bool]:
    """The places of the event anchored on ``token`` (one, or several coordinated or listed ones, or
    none) and whether the event happened in those places (False: only near them,
    "villages north of Kharkiv", or a place taken from the context). A ``launched`` event (a strike, an
    interception) happens where it hits, not where it was fired from."""
    # unresolved places count: "liberated Pytomnyk" happened in Pytomnyk even when the gazetteer lacks it
    text = sent.text
    in_sent = [p for p in places if sent.start_char <= p.span.start < sent.end_char
               and p.span.text.lower() not in COMPASS  # "Western officials" is no region
               and not _dateline(text, p, sent.start_char)  # "KYIV, Ukraine (AP) --": where it was filed
               # "pro-EU", "anti-Kremlin": a stance, no place
               and not STANCE.search(text[:p.span.start - sent.start_char][-5:])]
    if not in_sent:
        named = _named_before(token, sent, places)
        return ([named], True) if named is not None else ([], False)
    doc = token.doc
    own_clause = _clause(token).i
    roots = {id(p): _root(doc, p) for p in in_sent}
    # every toponym, resolved or not, can be the place another one describes ("Staryi Saltiv, a town
    # east of Kharkiv")
    place_tokens = {r.i for p in places if sent.start_char <= p.span.start < sent.end_char
                    and (r := _root(doc, p)) is not None} | _toponym_roots(sent)
    # "a meeting of the delegations of Ukraine and the Russian Federation in Istanbul": a town under a
    # country or region it cannot describe is the site of the phrase above both
    wide = {r.i for p in in_sent if _wide(p) and (r := roots[id(p)]) is not None}
    anchors = _anchors(token)
    scored: list[tuple[int, Place]] = []
    fallback: list[Place] = []
    # "Kharkiv's Saltivka district": both name the district; the owner only says where the district is, unless
    # the district's name is unknown or was resolved to a namesake far from it ("Kabul's Qala-e-Bakhtiar area":
    # not Qala, Azerbaijan): then the owner is the site
    owned = [(p, q) for p in in_sent for q in in_sent if p is not q and roots[id(p)] is not None
             and roots[id(q)] is not None and roots[id(p)].dep_ == "poss"
             and _area_head(roots[id(p)]).i == _area_head(roots[id(q)]).i]
    owners = {id(p) if _close(p, q) else id(q) for p, q in owned}
    # "in Kramatorsk in the Donetsk region": the second place says where the first is, however it is parsed
    ordered = sorted(in_sent, key=lambda p: p.span.start)
    at = sent.start_char
    holders = {id(q) for p, q in zip(ordered, ordered[1:]) if q.span.start > p.span.end and not _wide(p)
               and CONTAINER_AFTER.fullmatch(text[p.span.end - at:q.span.start - at])}
    for place in in_sent:
        root = roots[id(place)]
        if root is None or id(place) in owners or id(place) in holders:
            continue
        node = _area_head(_first_conjunct(root))
        described = place_tokens - wide if place.geonameid and not _wide(place) else place_tokens
        if _is_actor(node) or _describes_place(node, described, anchors) or node.lemma_.lower() in AIMS:
            continue  # "the Kupiansk direction": a front-line sector, not a site
        if _demonym(root, place):
            continue  # "a Syrian city": a nationality, not a site
        path = _path_to(node, anchors)
        if path is None:
            if _clause(node).i == own_clause and _via_subject(node, token) and not (_origin(node) or _office(node)):
                fallback.append(_region_meant(place, node, places))  # another clause's place is its own
            continue
        if _told_by(node) or _office(node):
            continue  # "according to the health ministry of the Krasnodar region": who says, not where
        if any(t.lemma_.lower() in REACTIONS for t in path):
            continue  # "sparked panic among tourists in Crimea and concern in Moscow": where it was felt
        preps = [t for t in path if t.dep_ in ("prep", "prt", "agent")]
        prep = preps[-1].lower_ if preps else None  # the preposition that attaches the phrase to the trigger
        if prep == "in" and any(c.dep_ == "pobj" and c.lemma_.lower() in PURPOSES for c in preps[-1].children):
            continue  # "marches held in support of the war in Ukraine": what it was for, not where
        if _reference_point(path[:4]):
            rank = 1  # "75 miles south-east of Kharkiv": a landmark to measure from
        elif _compass(path):
            rank = 2  # "villages north of Kharkiv": near it, not in it
        elif launched and (any(t.lower_ in SOURCE_PREPS for t in preps) or prep == "over"
                           and preps[-1].head.lemma_.lower() in ("launch", "fire")):
            # "missiles fired from bombers over Belarus", "an attack from Iran", "launched over the Caspian Sea":
            # where it came from (not "drones shot down over Kyiv")
            rank = 0
        elif prep is None and (node.dep_ in ("dobj", "pobj", "appos", "nsubjpass") or _falls(node)) \
                or prep in SITE_PREPS or launched and prep in TARGET_PREPS:
            rank = 3  # "fired missiles toward infrastructure across Ukraine": a strike's aim is where it hit
        elif prep in SOURCE_PREPS:
            # "a couple from the Belgorod area were killed": where people come from, not where it happened
            rank = 0 if preps[-1].head.i not in anchors and preps[-1].head.pos_ in ("NOUN", "PROPN") \
                else 3 if leaving else 2
        elif prep in DESTINATION_PREPS:
            # "the advance towards Melitopol": an aim, never a site; a withdrawal's destination: last resort
            rank = 0 if prep in ("with", "by", "against", "for", "towards", "toward") else 1
        else:
            rank = 1
        if rank > 0:
            scored.append((2 * rank + (0 if _under_area(path) else 1), _region_meant(place, node, places)))
    if scored:
        best = max(rank for rank, _ in scored)
        chosen = [p for rank, p in scored if rank == best]
        local = [p for p in chosen if p.feature_code not in COUNTRY_CODES]
        # "in Batumi, ... on the coast of the Black Sea": a sea beside a town is where the town is
        local = [p for p in local if p.feature_code not in WATER_CODES] or local
        towns = [p for p in local if not (p.feature_code or "").startswith("ADM")]
        if towns:
            # "struck Odesa, Mykolaiv and Kherson": a listed city the gazetteer took for its region stays
            listed = {_first_conjunct(roots[id(p)]).i for p in towns}
            towns += [p for p in local if p not in towns and _first_conjunct(roots[id(p)]).i in listed]
            return sorted(towns, key=lambda p: p.span.start), best >= 6  # below: measured from it, not in it
        if local:
            return local, best >= 6
        lower = [p for rank, p in sorted(scored, key=lambda rp: -rp[0]) if p.feature_code not in COUNTRY_CODES
                 and rank >= 4]  # a lesser site, not a destination
        if lower:
            return lower[:1], True
        # only a country ("withdrawn from Ukraine"): the article's own scene is more precise
        near = context_place(doc, sent, places)
        if near is not None and near.country_code and near.country_code in {p.country_code for p in chosen}:
            return [near], False
        return chosen[:1], True  # "in Yemen" in a story filed from Paris stays in Yemen
    named = _named_before(token, sent, places)
    if named is not None:
        return [named], True
    where = _where_antecedent(token, in_sent, roots)
    if where is not None:
        return [where], True
    local = [p for p in fallback if p.feature_code not in COUNTRY_CODES]
    if local:
        return sorted(local, key=lambda p: abs(p.span.start - token.idx))[:1], True
    countries = [p for p in fallback if p.feature_code in COUNTRY_CODES]
    if countries:  # "In Yemen, ... the bombing of schools": Yemen, unless the scene is a town in Yemen
        near = context_place(doc, sent, places)
        if near is not None and near.country_code == countries[0].country_code:
            return [near], False
        return countries[:1], True
    return [], False


def _named_before(token: Token, sent: SpacySpan, places: Sequence[Place], back: int = 2) -> Place | None:
    """"a drone crashed into a car in the oblast": the region named last, in this sentence or the ``back``
    before it; "in the city", "hit the city": the town named last."""
    anchors = _anchors(token)
    for t in sent:
        word = t.lemma_.lower()
        if word not in REGION_WORDS | SETTLEMENT_WORDS or t.tag_ != "NN" \
                or not (t.dep_ == "pobj" and t.head.lower_ in SITE_PREPS or t.dep_ == "dobj") \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) \
                or any(c.dep_ in ("compound", "poss", "amod", "nmod", "prep") for c in t.children) \
                or _path_to(t, anchors) is None:
            continue  # "in the Kharkiv region", "in the city of Izium", "the southern region" name their own;
            # "in the two regions" names several
        before = [s for s in sent.doc.sents if s.end_char <= sent.start_char][-back:]
        start = before[0].start_char if before else sent.start_char
        text = doc_text(sent.doc)
        named = [p for p in places if p.geonameid and start <= p.span.start and p.span.end <= t.idx
                 and not _dateline(text, p) and not _destination(sent.doc, p)]
        if word in REGION_WORDS:
            named = [p for p in named if (p.feature_code or "").startswith("ADM")]
        else:  # a town named as a town ("the city of Popasna"), not as an area ("the Luhansk areas")
            named = [p for p in named if not _wide(p) and p.feature_code not in WATER_CODES
                     and (root := _root(sent.doc, p)) is not None
                     and _area_head(_first_conjunct(root)).lemma_.lower() in SETTLEMENT_WORDS | {root.lemma_.lower()}]
        return named[-1] if named else None
    return None


def next_level(place: Place | None, places: Sequence[Place], text: str) -> Place | None:
    """A village the gazetteer lacks is located at the next level the text gives (codebook 7): the place
    (a division or country) named right after it to say where it is ("Zarichne in the Bakhmut district of
    the Donetsk region": the district, failing it the region), or the town it is said to be near
    ("Klishchiivka, south of Bakhmut"), else the story's region (the first-level region it names most so
    far, in the village's country when known). Its control change stays the village's."""
    if place is None or place.lat is not None:
        return place
    after = sorted((p for p in places if p.span.start >= place.span.end), key=lambda p: p.span.start)
    for other in after:
        between = text[place.span.end:other.span.start]
        if other.lat is not None and not _wide(other) and _NEAR_TOWN.match(between):
            return other  # "Klishchiivka, south of Bakhmut": near that town (codebook 7, precision 2)
        if text[other.span.end:other.span.end + 2] in ("'s", "’s") and _WHERE_IT_IS.match(between):
            continue  # "Soloviove in Ukraine's eastern Donetsk region": the country owns the region named next
        if not _WHERE_IT_IS.match(_OWNER.sub("", between)):
            break
        if other.lat is not None and _wide(other):
            return other
    following = text[place.span.end:place.span.end + 20].split()[:1]  # "the Saint Elias church": a church
    if place.span.text.split()[-1].lower() in FACILITY_NOUNS | {"hall"} or \
            following and following[0].lower().strip(",.;:") in FACILITY_NOUNS or part_of_town(place, text):
        # a building, or a part of a town ("the suburb of X"), is in the town its sentence names ("the Mar Elias
        # Church in ... Damascus"), else in the town the story is in ("bricks thrown from Masterda Surja Sen Hall"),
        # not a village of its own
        end = min((i for i in (text.find(". ", place.span.end), text.find("\n", place.span.end)) if i >= 0),
                  default=len(text))
        towns = [p for p in places if p.lat is not None and not _wide(p) and p.span.start < end]
        if towns:
            return towns[-1]
    regions = [p for p in places if p.lat is not None and (p.feature_code or "").startswith("ADM1")
               and place.country_code in (None, p.country_code) and place.admin1 in (None, p.admin1)]
    counts = Counter(p.geonameid for p in regions)
    # the story's region so far, first on a tie; a region named only further on sets no scene yet
    before = [p for p in regions if p.span.start < place.span.start]
    return max(before or regions, key=lambda p: counts[p.geonameid], default=place)


def part_of_town(place: Place, text: str) -> bool:
    """"the suburb of X", "the district of X": the text calls X a part or the edge of a town (codebook 7: a
    district of a city is the city)."""
    return called(place, text) in EDGE_NOUNS | PART_NOUNS


def _destination(doc: Doc, place: Place) -> bool:
    """"a train from Pokrovsk bound for the western city of Chop": a place named as where something comes
    from or goes, not a scene."""
    current = _root(doc, place)
    for _ in range(4):
        if current is None or current.head == current:
            return False
        current = current.head
        if current.dep_ == "prep" and current.lower_ != "of":
            return current.lower_ in ("from", "to", "for", "towards", "toward", "into")
    return False


def _region_meant(place: Place, node: Token, places: Sequence[Place]) -> Place:
    """"the attack in the Kursk area" in an article that names the Kursk region: that region, not the city."""
    if node.lemma_.lower() != "area" or (place.feature_code or "").startswith("ADM") or not place.admin1:
        return place
    key = name_key(place.span.text)
    return next((p for p in places if p.feature_code == "ADM1" and p.admin1 == place.admin1
                 and name_key(p.span.text).startswith(key + " ")), place)


def _where_antecedent(token: Token, in_sent: list[Place], roots: dict[int, Token | None]) -> Place | None:
    """"... in the city of Mariupol, where Russian troops stepped up their assault": Mariupol."""
    clause = _clause(token)
    where = next((c for c in clause.children if c.lower_ == "where"), None)
    if where is None:
        return None
    before = [p for p in in_sent if p.span.end <= where.idx]
    local = [p for p in before if p.feature_code not in COUNTRY_CODES]
    return (local or before or [None])[-1]


def _wide(place: Place) -> bool:
    code = place.feature_code or ""
    return code in COUNTRY_CODES or code.startswith("ADM")


def _demonym(root: Token, place: Place) -> bool:
    # a name the tagger took for a nationality ("between Culiacan and Mazatlan") is spelled as its place is;
    # one the gazetteer lacks was kept only because the text calls it a settlement ("the village of Robotyne")
    return _demonym_word(root) and place.feature_code not in COUNTRY_CODES and place.geonameid is not None \
        and not (place.name and name_key(place.span.text) == name_key(place.name)) \
        and not (root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in FACILITY_NOUNS)  # "Crimean bridge"


def _via_subject(node: Token, trigger: Token) -> bool:
    """Is the place inside the clause's shared parts (its subject, or a verb-less phrase) rather than
    attached to a coordinated verb of its own ("liberated X and were fighting near Y": Y is the fighting's)?"""
    own = trigger
    for _ in range(12):  # the trigger's own verb (not merged with coordinated ones)
        if own.pos_ == "VERB" or own.head == own:
            break
        own = own.head
    current = node
    for _ in range(12):
        if current.head == current:
            return True
        if current.head.pos_ in ("VERB", "AUX"):
            return current.dep_ in ("nsubj", "nsubjpass") or current.head.i in (trigger.i, own.i)
        current = current.head
    return True


def _compass(path: list[Token]) -> bool:
    """The place is the landmark of a direction: "(villages) north of X", "north-west of X"."""
    node = path[0]
    return node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_.replace("-", "") in DIRECTIONS


def _reference_point(path: list[Token]) -> bool:
    """A compass word measured by a distance: "some 40 km north-east of X", "75 miles from X"."""
    for t in path:
        if t.lower_.replace("-", "") in DIRECTIONS or t.lower_ in ("from", "away"):
            if any(c.dep_ in ("npadvmod", "nummod", "advmod") and (c.like_num or c.lemma_.lower() in UNITS or
                                                                   any(g.like_num for g in c.children))
                   for c in t.children):
                return True
        if t.lemma_.lower() in UNITS:
            return True
    return False


def context_place(doc: Doc, sent: SpacySpan, places: Sequence[Place], back: int = 2) -> Place | None:
    """Where an event with no place of its own happened, as the article has set the scene: the
    article's main place when the last ``back`` sentences name it, else the last local place they
    name, else the main place so far (the local place named most often up to this sentence's end, first
    named on a tie)."""
    sents = [s for s in doc.sents if s.end_char <= sent.start_char and s.text.strip()][-back:]
    text = doc_text(doc)
    # a town named further on (where the wounded were taken) has set no scene yet
    so_far = [p for p in places if p.span.start < sent.end_char]
    named = _named_locally(doc, so_far, text)
    main = _most_named(named) or _main_country(doc, so_far, text)  # failing a town, the country
    if not sents:
        return main
    start = sents[0].start_char
    before = [p for mentions in named.values() for p in mentions if start <= p.span.start < sent.start_char]
    before.sort(key=lambda p: p.span.start)
    if main is not None and any(p.geonameid == main.geonameid for p in before):
        # named no more often than the last place told ("support for Kyiv. ... destroyed a TV tower in
        # Kharkiv"), it is main only by coming first: the nearer place set the scene
        last = before[-1]
        inside = (last.feature_code or "").startswith("ADM") and last.admin1 == main.admin1  # "the capital of X"
        if inside or len(named[main.geonameid]) > len(named[last.geonameid]):
            return main
    return before[-1] if before else main


def named_as_aim(sent: SpacySpan, place: Place, places: Sequence[Place]) -> bool:
    """The sentence names ``place`` as a front-line sector ("fighting continued in the Izium direction"): the
    scene the article set does not bring it back as the site (codebook 7)."""
    doc = sent.doc
    return any(p.geonameid == place.geonameid and sent.start_char <= p.span.start < sent.end_char
               and (root := _root(doc, p)) is not None and _area_head(root).lemma_.lower() in AIMS for p in places)


def meeting_town(sent: SpacySpan, found: list[Place], places: Sequence[Place]) -> list[Place]:
    """Where a deal was made at talks: a meeting is held in one town, so "talks in Turkey" are in the town of that
    country the article names most ("the delegations met in Istanbul"), wherever in the article it names it (a
    prisoner exchange with no talks told is not: it happens at a border, not in the town of the story)."""
    meetings = words().meetings
    if len(found) != 1 or found[0].feature_code not in COUNTRY_CODES or \
            not any(t.lemma_.lower() in meetings or t.lower_ in meetings for t in sent):
        return found
    doc = sent.doc
    town = main_place(doc, places, doc_text(doc))
    return [town] if town is not None and town.country_code == found[0].country_code else found


def defender_country(token: Token, places: Sequence[Place]) -> list[Place]:
    """The country that intercepted or repelled, named as the verb's subject ("helping Israel repel a missile and
    drone attack from Iran"): with no place named, an interception is over the defender's own land (codebook 3)."""
    verb = token if token.pos_ == "VERB" else token.head
    subjects = {c.i for c in verb.children if c.dep_ == "nsubj"} if verb.pos_ == "VERB" else set()
    doc = token.doc
    return [p for p in places if p.feature_code in COUNTRY_CODES and (root := _root(doc, p)) is not None
            and root.i in subjects][:1]


def context_division(doc: Doc, sent: SpacySpan, places: Sequence[Place]) -> Place | None:
    """The region of the article's scene when the article has named it, else its country ("Ukraine
    reported that half of the missiles were intercepted": codebook 3 puts an interception with no place
    named in the region or, failing that, the country)."""
    near = context_place(doc, sent, places)
    if near is None:  # "Ukraine said it shot down 20 drones": over the speaker's own land
        so_far = [p for p in places if p.span.start < sent.end_char]
        return _main_country(doc, so_far, doc_text(doc), speakers=True)
    if near.feature_code in COUNTRY_CODES:
        return near
    region = next((p for p in places if p.feature_code == "ADM1" and p.span.start < sent.start_char
                   and p.admin1 == near.admin1 and p.country_code == near.country_code), None)
    return region or next((p for p in places if p.feature_code in COUNTRY_CODES and p.geonameid
                           and p.country_code == near.country_code), near)


def _local(doc: Doc, place: Place, text: str) -> bool:
    if not place.geonameid or place.feature_code in COUNTRY_CODES | WATER_CODES \
            or place.span.text.lower() in COMPASS or _dateline(text, place):
        return False
    root = _root(doc, place)
    if root is None:
        return False
    node = _area_head(_first_conjunct(root))
    return not (_is_actor(node) or _demonym(root, place) or _told_by(root) or _origin(node) or _office(node)
                or _seat(node))


def _office(node: Token) -> bool:
    """"Vyacheslav Gladkov, the governor of the Belgorod region", "Belgorod Governor Vyacheslav Gladkov": the
    place of a named person's office (codebook 7: not the home region of the speaker)."""
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        title = node.head.head
        return title.dep_ == "appos" and title.head.ent_type_ == "PERSON"
    return node.dep_ == "compound" and node.head.pos_ in ("NOUN", "PROPN") and not node.head.ent_type_ \
        and node.head.dep_ == "compound" and node.head.head.ent_type_ == "PERSON"


def _seat(node: Token) -> bool:
    """"The Institute for the Study of War in Washington said", "the US Embassy in Moscow said": where an
    organisation that speaks sits sets no scene ("officials in Kharkiv said" are people, and stay)."""
    if node.dep_ != "pobj" or node.head.lower_ not in ("in", "at"):
        return False
    body = node.head.head
    while body.dep_ in ("pobj", "prep") and body.ent_type_ == "ORG":
        body = body.head  # "the Institute for the Study of War in Washington": the seat of the whole name
    return body.ent_type_ == "ORG" and body.dep_ == "nsubj" and body.head.lemma_.lower() in SPEECH_VERBS


def _origin(node: Token) -> bool:
    """"a couple from the Belgorod area", "refugees from Mariupol": where people come from sets no scene."""
    return node.dep_ == "pobj" and node.head.lower_ in SOURCE_PREPS and node.head.head.pos_ in ("NOUN", "PROPN")


def _told_by(token: Token) -> bool:
    """A place in the source of a report ("according to the health ministry of the Krasnodar region",
    "citing officials in Kyiv"): who says it, not where it happened."""
    return any(t.lower_ in ("according", "citing") for t in islice(chain([token], token.ancestors), 10))


def _main_country(doc: Doc, places: Sequence[Place], text: str, speakers: bool = False) -> Place | None:
    """The country named most often ("Ukraine and Russia exchanged prisoners": the first on a tie), as a
    party or a place, never as a demonym, a dateline or the one who says so ("Russia says it repelled an
    attack": codebook 7, not where a statement was made)."""
    countries = [p for p in places if p.geonameid and p.feature_code in COUNTRY_CODES and not _dateline(text, p)
                 and (root := _root(doc, p)) is not None and not _demonym_word(root)
                 and (speakers or not (speaks(doc, p.span.start, p.span.end) or _speakers_body(root)))]
    counts = {g: sum(p.geonameid == g for p in countries) for g in dict.fromkeys(p.geonameid for p in countries)}
    best = max(counts.values(), default=0)
    return next((p for p in countries if counts[p.geonameid] == best), None)


def _speakers_body(root: Token) -> bool:
    """"Russia's defence ministry said", "the Ukrainian Air Force said": the country names whose body speaks."""
    body = root.head
    return root.dep_ in ("poss", "compound") and body.dep_ == "nsubj" and body.head.lemma_.lower() in SPEECH_VERBS


def _demonym_word(root: Token) -> bool:
    return root.pos_ == "ADJ" or root.ent_type_ == "NORP"


def main_place(doc: Doc, places: Sequence[Place], text: str) -> Place | None:
    """The local place (not a country) named most often among ``places``, the first named on a tie."""
    return _most_named(_named_locally(doc, places, text))


def _named_locally(doc: Doc, places: Sequence[Place], text: str) -> dict[int, list[Place]]:
    """The mentions of each local place (not a country, not a dateline, not an actor) by GeoNames id, in the order
    the places are first named."""
    named: dict[int, list[Place]] = {}
    for place in places:
        if _local(doc, place, text):  # (a place with no id or a country is never local)
            named.setdefault(place.geonameid, []).append(place)
    return named


def _most_named(named: dict[int, list[Place]]) -> Place | None:
    best = max(map(len, named.values()), default=0)
    return next((mentions[0] for mentions in named.values() if len(mentions) == best), None)


def location(place: Place | None) -> Location | None:
    if place is None:
        return None
    code = place.feature_code or ""
    precision = "country" if code in COUNTRY_CODES else "region" if code.startswith("ADM") else "city"
    return Location(place.name or place.span.text, place.geonameid, place.lat, place.lon, precision)


def _dateline(text: str, place: Place, offset: int = 0) -> bool:
    """"BEIRUT (AP) --", "KHARKIV, Ukraine, May 14 --", "... Network) KHARTOUM, Apr 13 (SUNA) --": where the
    story was filed, not where it happened. ``text`` starts at ``offset`` of the document (a sentence, or the
    whole text)."""
    start = place.span.start - offset
    name = place.span.text
    head = text[text.rfind("\n", 0, start) + 1:start].strip()
    if name.isupper() and len(name) > 2 and not head and text[start + len(name):].lstrip(" \t").startswith(":"):
        return True  # "KHARTOUM: More than 114 civilians were killed in El Fasher": filed there, a colon after
    found = dateline_at(text, start)
    if found is None or not (found.place or "").startswith(name):
        return False  # "Kyiv - the capital - was hit": a dash after a plain name is no dateline
    # a dateline is dated, names an agency, or opens its line in capitals
    return found.month is not None or "(" in text[start:found.end] or (
        name.isupper() and (not head or head.endswith((":", ")"))))


def _close(town: Place, part: Place) -> bool:
    """Whether ``part`` is a known place that can be a part of ``town`` (an unknown town counts); a part the
    gazetteer does not know is placed by its town (codebook 7: a district of a city is coded as the city)."""
    if part.lat is None or part.lon is None:
        return False
    if (town.feature_code or "").startswith("PCL"):  # "Ukraine's Sumy region": a country's point measures nothing
        return part.country_code == town.country_code
    return town.lat is None or town.lon is None or km(town.lat, town.lon, part.lat, part.lon) <= OWNED_KM


def _root(doc: Doc, place: Place) -> Token | None:
    span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _area_head(token: Token) -> Token:
    """"Kharkiv" in "the Kharkiv region" / "Kharkiv's outskirts" stands for the area noun."""
    while token.dep_ in ("compound", "poss", "amod", "nmod") and token.head.lemma_.lower() in AREA_NOUNS:
        token = token.head
    return token


# a force "of" a state or group is theirs; "defenders of Kyiv" defend the place
FORCES_OF = ARMED_NOUNS - {"defender", "invader", "occupier"}


def _is_actor(token: Token) -> bool:
    if token.dep_ in ACTOR_DEPS:  # "Kyiv launched", "Moscow's troops"
        # (but "the town was shelled", "Avdiivka fell to Russian forces": the place is the site)
        return not (token.dep_ == "nsubj" and (token.lemma_.lower() in AREA_NOUNS or _falls(token)))
    if token.dep_ == "pobj" and token.head.lower_ in ("with", "by", "against"):
        return True  # "a deal with Moscow", "shelled by Kyiv"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in FORCES_OF:
        return True  # "the militia of the Luhansk People's Republic took the factory": whose force, not where
    if token.dep_ == "dobj" and token.head.lemma_.lower() in ACCUSING:
        return True  # "blamed Kyiv for the murder", "accused Kyiv of attacking Moscow": who is accused
    return token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN") \
        and token.head.lemma_.lower() not in AREA_NOUNS | DIRECTIONS  # "Kyiv officials", not "X east of Y"


def _falls(token: Token) -> bool:
    """"Avdiivka fell to Russian forces": the place that falls is the subject of "fall" (not "Kyiv fell silent")."""
    verb = token.head
    return token.dep_ == "nsubj" and (verb.lemma_.lower() == "fall" or verb.lower_ == "fell") \
        and not any(c.dep_ in ("acomp", "attr", "oprd") for c in verb.children)


def _anchors(token: Token) -> set[int]:
    """The trigger, and for a subject or object noun ("Russian fire has hit ...") its verb."""
    anchors = {token.i}
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "compound", "aux") or token.pos_ == "NOUN" and token.dep_ == "pobj" \
            and token.head.lower_ in ("by", "with") and token.head.head.pos_ == "VERB":
        verb = token.head if token.dep_ != "pobj" else token.head.head
        anchors.add(verb.i)
    return anchors


def _path_to(node: Token, anchors: set[int], limit: int = 10) -> list[Token] | None:
    """The tokens from ``node`` up to (not including) the first anchor, or None if no anchor is above."""
    path = [node]
    current = node
    for _ in range(limit):
        if current.head == current:
            return None
        current = current.head
        if current.i in anchors:
            return path
        if current.pos_ == "VERB" and current.dep_ in ("ccomp", "relcl", "advcl", "conj", "ROOT", "xcomp") \
                and not (current.dep_ in ("xcomp", "relcl") and current.head.i in anchors):
            # another clause's verb: the place belongs to that clause; but the trigger's own complement
            # ("agreed to swap prisoners during talks in Turkey") or a clause telling of the trigger's noun
            # ("the talks, which took place in Turkey") is where the trigger's happening was
            return None
        path.append(current)
    return None


def _clause(token: Token) -> Token:
    """The verb heading the clause of ``token`` (itself when it is a verb; coordinated verbs share one)."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass") or current.head == current:
            break
        current = current.head
    while current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX") and current.head != current:
        current = current.head
    return current


def _under_area(path: list[Token]) -> bool:
    """"in the area around Izium", "the Kharkiv region": a wide area rather than the site itself."""
    return any(t.lemma_.lower() in ("area", "region", "direction", "oblast", "province", "vicinity", "axis")
               for t in path)


def _describes_place(node: Token, place_tokens: set[int], anchors: set[int]) -> bool:
    """The place sits under another place ("Lozova, a town in Kharkiv region") before the trigger."""
    current = node
    for _ in range(8):
        if current.head == current or current.head.i in anchors:
            return False
        current = current.head
        if current.i in place_tokens and current.lower_.replace("-", "") not in DIRECTIONS:
            return True  # but "Vilkhivka east of Kharkiv" (parsed as a compound of "east") is the village
        if current.dep_ == "appos" and current.head.i in place_tokens:
            return True
    return False
