"""Toponym resolution: rank each mention's gazetteer candidates with the document's context.

A candidate's score adds a prior (feature type, population, whether the text is
its main name) to evidence from the document: an explicit container ("Zolochiv,
in the Kharkiv region", "Charleston, W.Va."), the countries and first-level
divisions the other mentions resolve to, and distance to them. Resolution runs
twice, the second pass taking the first pass's choices as context, and
mentions of one name in one article agree. ``score`` is the softmax
probability of the chosen candidate, scaled to match observed accuracy.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from wirewatch.geodesy import km
from wirewatch.models import GazetteerEntry
from wirewatch.places.gazetteer import Gazetteer
from wirewatch.places.spelling import name_key
from wirewatch.places.names import FEATURE_WORDS, NOT_PLACES, REGION_WORDS
from wirewatch.places.lists import list_groups, strays_from_lists
from wirewatch.places.recognise import SETTLEMENT_NOUNS, Mention, _head_key

# Text between a place and the place that contains it: "Zolochiv, in the Kharkiv region", "Paris, Texas".
CONTAINER_GAP = re.compile(r"^\s*(,|\(|,\s*(in|of)\s+(the\s+)?|\s+in\s+(the\s+)?)\s*$", re.IGNORECASE)
IN_GAP = re.compile(r"^\s+in\s+$", re.IGNORECASE)  # "Abagana in Makurdi": a part of a town
LIST_GAP = re.compile(r"^\s*(,|,?\s+and|,?\s+or)\s*$", re.IGNORECASE)
_REGION_TAIL = re.compile(r"\s+(region|oblast|province|district|regions|oblasts|governorate|raion|prefecture)$",
                          re.IGNORECASE)
TEMPERATURE = 1.0  # softmax temperature; see calibrate note in evaluation.geo
COUNTRY_WEIGHT = 1.0
SIZE_WEIGHT = 0.5  # per power of ten of population
BARE_RIVER = 3.0  # a river named bare, without "the" or "River"
# "Bohodukhiv district" is a second-level division; "Kharkiv region/oblast/province" a first-level one
DISTRICT_WORDS = frozenset({"district", "raion", "county", "districts", "raions", "counties"})
WORLD_CITY = 300_000  # above this population a city's fame starts to reach other countries' news
CAPITAL_FAME = 10
DOMINANCE = 3.0  # what a division loses to a same-named city that outweighs it
# a city this big outweighs the region named after it however populous the region ("Donetsk", "Kherson": the
# oblast's people are mostly elsewhere, yet the plain name is the city)
REGION_CITY = 50_000
SPEAKER_WEIGHT = 1.5  # a place that speaks is a government: a capital, state or country, not a town
# the words that make a name a feature of the place it is named after: "Lake Manassas", "Nenagh Municipal District"
# (never a settlement word: "Pytomnyk village" is a village the gazetteer lacks, to stay a settlement downstream)
PART_WORDS = (FEATURE_WORDS | REGION_WORDS | {"municipal", "international", "national", "metro", "metropolitan",
                                              "area", "port", "reservoir", "park", "centre", "center", "hall",
                                              "stadium", "circuit", "hospital", "school", "college", "university"}
              ) - SETTLEMENT_NOUNS | {"district"}
REGION_KM = 100  # a place this close to the middle of a region of one country (an English county) lies in it
MAX_PART_CANDIDATES = 30
STRAY_POPULATION = 100_000  # a town this big is named in news from anywhere, under any of its names
VILLAGE_POPULATION = 20_000  # a village abroad under its own name is read as its sentence's country's
SENTENCE_CHARS = 400  # how far a sentence is looked for around a mention
QUARTER_KM = 150  # "Abagana in Makurdi": a namesake this far from the town the text puts it in is another place
FAR_KM = 1500  # a village this far from every other place a story names is a namesake of a local one
MAX_POINTS = 200  # other places a village is checked against, bounded for long texts
PART_KM = 50  # "Lake Manassas": a town of that name this close to a place of the story
SPELLING_WEIGHT = 0.3  # how much spelling like the entry's own name counts (a tie-breaker)
HOME_WEIGHT = 1.0  # the outlet's home counts as much as one confident mention
# news names places of its own country plainly and qualifies namesakes abroad ("Manchester, New Hampshire" in a
# British paper): a plain name's candidates in the outlet's country gain this much over their namesakes
HOME_COUNTRY_WEIGHT = 1.0
# a town a tenth the size of a namesake city abroad, in a story that names that city's country, is not meant
# unless the text says so ("Donetsk, Rostov region"): it loses this much
NAMESAKE_RATIO = 10
SMALL_NAMESAKE_WEIGHT = 2.0
# "Suffolk County police said ... Suffolk detectives": once the text names a division, its plain name is that
# division or a place in it; a namesake elsewhere (Suffolk, Virginia) loses this much
NAMED_DIVISION_WEIGHT = 2.0


@dataclass
class _Context:
    countries: Counter
    admin1s: Counter
    points: list[tuple[float, float]]
    divisions: Counter = field(default_factory=Counter)  # country -> first-level divisions named
    siblings: set = field(default_factory=set)  # kinds the places listed with this one resolved to
    home: frozenset = frozenset()  # the outlet's countries
    named: list = field(default_factory=list)  # the divisions the text names as such under this mention's name

    def country_share(self, code: str | None) -> float:
        total = sum(self.countries.values())
        return self.countries[code] / total if total and code else 0.0

    def admin1_share(self, key: tuple[str | None, str | None]) -> float:
        total = sum(self.admin1s.values())
        return self.admin1s[key] / total if total and key[1] else 0.0


def resolve(mentions: list[Mention], gazetteer: Gazetteer, text: str, home: list[GazetteerEntry] | tuple = ()
            ) -> list[tuple[GazetteerEntry | None, float]]:
    """One (entry or None, score) per mention, in order. ``home``: the outlet's places, read as context."""
    lists = _link_containers(mentions, text)
    outside = _held_by_list_division(mentions, lists)
    contained: list[list[Mention]] = [[] for _ in mentions]  # "Tacoma, Washington": Washington holds Tacoma
    for m in mentions:
        for j in m.container:
            contained[j].append(m)
    for m in mentions:
        head = _REGION_TAIL.sub("", m.text)
        # "Afrin" is how "the enclave of Afrin" names Afrin District; a plain "Orange" is not Orange County
        m.main = {c.geonameid for c in m.candidates if gazetteer.is_main_name(c, head) or (
            _divided(m) and c.feature_code == "ADM2" and gazetteer.is_name(c, head))}
        m.named = {c.geonameid for c in m.candidates if c.geonameid in m.main or gazetteer.is_name(c, head)}
        m.dominant = _outweighed_divisions(m)
        m.bare = text[max(0, m.start - 4):m.start].lower() != "the " and not {
            w.lower() for w in m.text.split()} & FEATURE_WORDS
    choices: list[tuple[GazetteerEntry | None, float]] = [_best(m, mentions, None) for m in mentions]
    keys = [name_key(m.text) for m in mentions]
    groups: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(keys):
        groups[key].append(j)
    home_tally = _tally_home(home)
    heads = [_head_key(m) for m in mentions]
    divided: dict[str, list[int]] = defaultdict(list)  # "Suffolk County", "the province of Idlib" by head name
    for j, m in enumerate(mentions):
        if _divided(m) and m.candidates:
            divided[heads[j]].append(j)
    for _ in range(2):
        # each mention sees the others' latest choices (updating all at once lets two namesakes swap forever);
        # the context is summed per name, so a long article costs names x mentions, not mentions squared
        picks = {key: Counter(_pick_key(choices[j]) for j in members) for key, members in groups.items()}
        entries = {c[0].geonameid: c[0] for c in choices if c[0] is not None}
        tallies = {key: _tally(counts, entries) for key, counts in picks.items()}
        scored = []
        for i, m in enumerate(mentions):
            ctx = _context(home_tally, [t for key, t in tallies.items() if key != keys[i]])
            ctx.siblings = {_kind(choices[j][0]) for j in lists[i] if choices[j][0] is not None and choices[j][1] > 0.5}
            if not _divided(m) and heads[i] in divided:
                ctx.named = [choices[j][0] for j in divided[heads[i]] if choices[j][0] is not None and
                             choices[j][0].feature_code in ("ADM1", "ADM2")]
            scored.append(_scores(m, mentions, ctx, contained[i]))
            before, choices[i] = choices[i], _pick(scored[-1])
            if choices[i] != before:  # move one count within the name's tally
                counts = picks[keys[i]]
                counts[_pick_key(before)] -= 1
                counts[_pick_key(choices[i])] += 1
                if choices[i][0] is not None:
                    entries[choices[i][0].geonameid] = choices[i][0]
                tallies[keys[i]] = _tally(counts, entries)
        choices = _agree(mentions, scored)
    choices = _without_stray_namesakes(mentions, keys, choices, text)
    choices = _placed_by_parts(mentions, strays_from_lists(mentions, choices, lists, text), text, gazetteer)
    choices = [(None, 0.0) if i in outside and (e := choice[0]) is not None and e.feature_class == "P"
               and e.population < VILLAGE_POPULATION else choice for i, choice in enumerate(choices)]
    return _without_far_villages(mentions, keys, choices)


def _held_by_list_division(mentions: list[Mention], lists: list[list[int]]) -> set[int]:
    """"assaults near Kurakhove, Petropavlivka and Shevchenko in the Donetsk region": the division the last
    member of a list is said to be in holds every member. A member with a candidate in it takes the division
    as its container; the others (their namesakes lie elsewhere: the village the gazetteer lacks) are returned."""
    outside: set[int] = set()
    for group in list_groups(lists):
        last = mentions[group[-1]]
        divisions = [k for k in last.container if any(c.feature_code in ("ADM1", "ADM2")
                                                       for c in mentions[k].candidates[:3])]
        if not divisions:
            continue
        k = divisions[0]
        for m, i in ((mentions[i], i) for i in group[:-1] if not mentions[i].container):
            if any(_within(c, d) for c in m.candidates[:15] for d in mentions[k].candidates[:10]):
                m.container.append(k)
            else:
                outside.add(i)
    return outside


def _without_stray_namesakes(mentions: list[Mention], keys: list[str],
                             choices: list[tuple[GazetteerEntry | None, float]], text: str
                             ) -> list[tuple[GazetteerEntry | None, float]]:
    """Small towns abroad in a country no other name of the story is in, left unresolved as local names the
    gazetteer lacks: one matched only through another of its names (a Nigerian village "Bawa" matching a former
    name of a town in the Central African Republic) in a story whose other places lie in one other country, and
    a village under its own name whose sentence names another country ("Mali's army killed 300 men in the rural
    town of Moura": not Moura, Portugal)."""
    starts = [m.start for m in mentions]  # in text order
    total: Counter = Counter()
    per_name: dict[str, Counter] = defaultdict(Counter)
    for key, (entry, _) in zip(keys, choices):
        if entry is not None and entry.country_code:
            total[entry.country_code] += 1
            per_name[key][entry.country_code] += 1
    out = list(choices)
    for i, (m, (town, _)) in enumerate(zip(mentions, choices)):
        if town is None or town.feature_class != "P" or m.demonym:
            continue
        others = total - per_name[keys[i]]  # the places of the story under other names
        if town.country_code in others:
            continue
        alias = town.geonameid not in m.main and town.population < STRAY_POPULATION and bool(others) \
            and others.most_common(1)[0][1] >= 2
        if alias or town.population < VILLAGE_POPULATION and _country_in_sentence(mentions, choices, starts, i, text):
            out[i] = (None, 0.0)
    return out


def _without_far_villages(mentions: list[Mention], keys: list[str],
                          choices: list[tuple[GazetteerEntry | None, float]]
                          ) -> list[tuple[GazetteerEntry | None, float]]:
    """A village whose every other place the story names lies more than FAR_KM away is a local place the
    gazetteer lacks ("Novomykhailivka" in a story naming Ukraine: not the namesake in Siberia), left unresolved.
    A nationality names no place ("Russian claims"). ``keys``: the mentions' name keys."""
    points = [(key, e.lat, e.lon) for m, key, (e, _) in zip(mentions, keys, choices)
              if e is not None and not m.demonym and e.lat is not None][:MAX_POINTS]
    out = list(choices)
    for i, (m, (town, _)) in enumerate(zip(mentions, choices)):
        if town is None or town.feature_class != "P" or m.demonym or town.population >= VILLAGE_POPULATION:
            continue
        others = [(lat, lon) for key, lat, lon in points if key != keys[i]]
        if others and all(km(town.lat, town.lon, lat, lon) > FAR_KM for lat, lon in others):
            out[i] = (None, 0.0)
    return out


def _country_in_sentence(mentions: list[Mention], choices: list[tuple[GazetteerEntry | None, float]],
                         starts: list[int], i: int, text: str) -> bool:
    """Whether the sentence of mention ``i`` names a country other than its choice's (by name, not nationality)."""
    m, code = mentions[i], choices[i][0].country_code
    lo = text.rfind(". ", max(0, m.start - SENTENCE_CHARS), m.start)  # bounded: a text without stops is long
    hi = text.find(". ", m.end, m.end + SENTENCE_CHARS)
    lo, hi = max(lo, m.start - SENTENCE_CHARS), m.end + SENTENCE_CHARS if hi < 0 else hi
    near = range(bisect_right(starts, lo), bisect_left(starts, hi))  # the mentions inside it
    return any(not mentions[j].demonym and (e := choices[j][0]) is not None and e.feature_code == "PCLI"
               and e.country_code != code for j in near)


def _placed_by_parts(mentions: list[Mention], choices: list[tuple[GazetteerEntry | None, float]], text: str,
                     gazetteer: Gazetteer) -> list[tuple[GazetteerEntry | None, float]]:
    """A name the gazetteer lacks, placed by what the text says of it: the place it is in ("the Convention Centre,
    Dublin", "Cape Peron in Rockingham") or a place of the story its own name is made of ("Lake Manassas",
    "Nenagh Municipal District" after Nenagh was named, "the Pacific equatorial region" after the Pacific Ocean,
    "Lake Manassas" in a story about the towns around Manassas): a feature named after a place is near it.
    Half the confidence of the place it takes, so that the map can tell it from a resolved name."""
    out = list(choices)
    by_id = {e.geonameid: (e, conf) for (e, conf), m in zip(choices, mentions) if e is not None and not m.demonym}
    points = [(e.lat, e.lon) for e, conf in by_id.values() if e.feature_class in ("P", "S") and conf > 0.5]
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if _namesake_abroad_of_a_town_in(mentions, out, i, text):
            # "Rockingham, Northamptonshire" where the gazetteer has only the Rockinghams abroad: in the county
            out[i] = (out[i + 1][0], out[i + 1][1] / 2)
            continue
        if m.candidates or out[i][0] is not None:
            continue
        if nxt is not None and nxt.candidates and out[i + 1][0] is not None and _feature(m) and \
                CONTAINER_GAP.match(text[m.end:nxt.start]) and _container_like(out[i + 1][0]) and \
                not (i + 2 < len(mentions) and LIST_GAP.match(text[nxt.end:mentions[i + 2].start])):
            out[i] = (out[i + 1][0], out[i + 1][1] / 2)
            continue
        # the rest of the name must say what kind of feature it is: "Helen Kunz" is no feature of Helen
        words = m.text.split()
        parts = [" ".join(words[a:a + n]) for n in range(len(words) - 1, 0, -1) for a in range(len(words) - n + 1)
                 if all(w.islower() or w.lower() in PART_WORDS for w in words[:a] + words[a + n:])
                 and " ".join(words[a:a + n]).lower() not in NOT_PLACES]  # "River North" is no feature of a North
        for part in parts:
            candidates = gazetteer.candidates(part)[:MAX_PART_CANDIDATES]
            named = next((by_id[c.geonameid] for c in candidates if c.geonameid in by_id), None)
            if named is not None:
                out[i] = (named[0], named[1] / 2)
                break
            near = [(d, c) for c in candidates if c.feature_class == "P" and gazetteer.is_main_name(c, part)
                    and (d := min((km(c.lat, c.lon, lat, lon) for lat, lon in points), default=math.inf)) <= PART_KM]
            if near:
                out[i] = (min(near, key=lambda dc: dc[0])[1], 0.25)
                break
    return out


def _namesake_abroad_of_a_town_in(mentions: list[Mention], choices: list[tuple[GazetteerEntry | None, float]],
                                  i: int, text: str) -> bool:
    """Whether mention ``i`` is a town the text puts in the division named right after it ("Rockingham,
    Northamptonshire"), although none of its candidates lies there and the story is set in that division's
    country: the town was resolved to a namesake abroad. So is a quarter the text puts in a town ("in Abagana
    in Makurdi") whose namesakes all lie far off and are smaller than that town."""
    m, (town, conf) = mentions[i], choices[i]
    if i + 1 >= len(mentions) or not m.candidates or m.demonym or town is None or town.feature_code == "PCLI":
        return False
    nxt, (division, division_conf) = mentions[i + 1], choices[i + 1]
    gap = text[m.end:nxt.start]
    if division is not None and division.feature_class == "P" and division_conf > 0.5 \
            and (IN_GAP.match(gap) and town.feature_class == "P" or CONTAINER_GAP.match(gap)
                 and all(c.country_code != division.country_code for c in m.candidates[:15])
                 and not _listed(mentions, i, text)) \
            and _elsewhere(mentions, choices, i + 1) \
            and all(km(c.lat, c.lon, division.lat, division.lon) > QUARTER_KM and c.population < division.population
                    for c in m.candidates[:15]):
        # "in Abagana in Makurdi", "North Bank, Makurdi": a quarter of the town the gazetteer lacks, not a namesake
        # far off (with a comma only when no namesake lies in the town's country: "Sloviansk, Donetsk" is no quarter)
        return True
    if town.feature_class != "P":
        return False
    return (division is not None and division_conf > max(0.5, conf)
            and division.feature_code in ("ADM1", "ADM2", "RGN") and bool(division.country_code)
            and bool(CONTAINER_GAP.match(text[m.end:nxt.start])) and not _listed(mentions, i, text)
            and _elsewhere(mentions, choices, i + 1) and not any(_within(c, division) for c in m.candidates[:15]))


def _elsewhere(mentions: list[Mention], choices: list[tuple[GazetteerEntry | None, float]], j: int) -> bool:
    """Whether at least two mentions of other names resolve to the country of mention ``j``'s choice: the
    story is set there, so "Grannum" (a surname the gazetteer matches in Alberta) cannot move a London
    suburb."""
    key, code = name_key(mentions[j].text), choices[j][0].country_code
    return sum(e is not None and e.country_code == code and name_key(m.text) != key
               for m, (e, _) in zip(mentions, choices)) >= 2


def _listed(mentions: list[Mention], i: int, text: str) -> bool:
    """Whether mention ``i`` and the next are in a list ("Iraq, Syria and Iran", "Ohio, Texas, Utah")."""
    before = i > 0 and LIST_GAP.match(text[mentions[i - 1].end:mentions[i].start])
    after = i + 2 < len(mentions) and LIST_GAP.match(text[mentions[i + 1].end:mentions[i + 2].start])
    return bool(before or after)


def _feature(m: Mention) -> bool:
    """A named feature (a hall, park, street or cape), not a settlement: a village the gazetteer lacks stays
    unresolved, so that events keep it as a village of its own rather than as the region it is in."""
    words = {w.lower() for w in m.text.split()}
    return not words & SETTLEMENT_NOUNS - {"district"} and (m.label == "FAC" or bool(words & PART_WORDS))


def _container_like(entry: GazetteerEntry) -> bool:
    """A place that holds named features: a division, a country, or a town (not a landmark or a sea)."""
    return entry.feature_class in ("A", "P")


def _outweighed_divisions(m: Mention) -> set[int]:
    """Divisions a same-named city in them outweighs: "Beijing", "Lagos", "New York" mean the city unless the
    text says "state" or "region" (Oklahoma City is too small a part of Oklahoma). The division loses rather
    than the city gaining, so the city gains nothing over its namesakes abroad (St. Louis, Missouri is not
    outweighed by Saint-Louis, Senegal for lying in a division of its name)."""
    if m.region or m.division:
        return set()
    cities = [c for c in m.candidates if c.feature_class == "P"]
    return {d.geonameid for d in m.candidates if d.feature_code == "ADM1" and any(
        c.country_code == d.country_code and c.admin1 == d.name
        and c.population >= min(0.25 * d.population, REGION_CITY)
        for c in cities)}


def _link_containers(mentions: list[Mention], text: str) -> list[list[int]]:
    """Mark "Tacoma, Washington" containers; return, per mention, the mentions listed with it
    ("California or Washington", "Chuhuiv, Derhachi and Zolochiv")."""
    lists: list[list[int]] = [[] for _ in mentions]
    for i, m in enumerate(mentions[:-1]):
        nxt = mentions[i + 1]
        gap = text[m.end:nxt.start]
        # ("Pokrovsk, Russia's defence ministry said": an owner begins the next phrase, no container)
        if CONTAINER_GAP.match(gap) and nxt.candidates and m.candidates \
                and text[nxt.end:nxt.end + 2] not in ("'s", "’s"):
            if any(_within(c, k) for c in m.candidates[:15] for k in nxt.candidates[:10]):
                m.container.append(i + 1)
                continue
        if LIST_GAP.match(gap):
            lists[i].append(i + 1)
            lists[i + 1].append(i)
    return lists


def _kind(entry: GazetteerEntry) -> str:
    return "P" if entry.feature_class == "P" else entry.feature_code


def _within(c: GazetteerEntry, k: GazetteerEntry) -> bool:
    """Whether entry ``c`` lies inside division or country ``k``."""
    if c.geonameid == k.geonameid or k.country_code is None or c.country_code != k.country_code:
        return False
    if k.feature_code == "PCLI":
        return c.feature_code != "PCLI"
    if k.feature_code == "ADM1":
        return c.admin1 == k.name and c.feature_code != "ADM1"
    if k.feature_code == "ADM2":
        return c.admin2 == k.name and c.feature_class == "P"
    if k.feature_code == "RGN":  # a region of one country has no admin links: near its middle is in it
        return c.feature_class == "P" and km(c.lat, c.lon, k.lat, k.lon) <= REGION_KM
    return False


def _prior(c: GazetteerEntry, m: Mention, main: bool) -> float:
    """Prominence before context: feature type, population, and whether the text is the entry's own name."""
    code = c.feature_code
    size = SIZE_WEIGHT * math.log10(c.population + 10)
    if code == "PCLI":
        # under another name only as a middling country: "Wales" is an alias of the United Kingdom
        score = 1.5 + (size if main else min(size, 3.5))
    elif code == "CONT":
        score = 6.0
    elif c.feature_class in ("H", "T", "L"):  # oceans, seas, rivers, regions: prominent by being listed
        # English names a river with "the" or its kind ("the Dnipro", "the Dnipro River"): a bare name
        # ("missiles hit Dnipro") is more likely the town of that name ("Atlantic storms" is still the ocean)
        score = 5.0 - (BARE_RIVER if code == "STM" and m.bare else 0.0)
    elif c.feature_class == "S":  # landmarks
        score = 4.0
    elif code == "ADM1":
        score = (2.0 + (1.5 if _word(m) not in DISTRICT_WORDS else 0.0) if _divided(m) else 0.0) + size - (
            DOMINANCE if c.geonameid in m.dominant else 0.0)
    elif code == "ADM2":
        score = (1.5 + (1.5 if _word(m) in DISTRICT_WORDS else 0.0) if _divided(m) else -0.5) + size
    else:
        score = size + (1.5 if code == "PPLC" else 0.0) - (1.5 if _divided(m) else 0.0)
    if m.speaker and code in ("PPLC", "ADM1", "PCLI"):  # "Washington said": a government's seat or territory
        score += SPEAKER_WEIGHT
    # a near tie between entries that both record the name goes to the one whose own name it is spelled like
    # ("Sloviansk": Slovyansk, not Nikopol, which records it as a former name)
    score += SPELLING_WEIGHT * fuzz.ratio(name_key(m.text), name_key(c.name)) / 100
    return score + (2.5 if main else 0.0)


def _word(m: Mention) -> str:
    """The division word of a region mention: "Kharkiv region", "the region of Kharkiv" -> "region"."""
    return m.division or m.text.rsplit(None, 1)[-1].lower()


def _divided(m: Mention) -> bool:
    """Whether the text names the mention as a division ("Kharkiv region", "the province of Idlib")."""
    return m.region or bool(m.division)


def _scores(m: Mention, mentions: list[Mention], ctx: _Context | None, holds: list[Mention] | tuple = ()
            ) -> list[tuple[float, GazetteerEntry]]:
    result = []
    containers = [mentions[j] for j in m.container]
    rival_country = any(c.feature_code == "PCLI" for c in m.candidates)
    named_countries = set(ctx.countries) if ctx is not None else set()
    big_towns = [c for c in m.candidates if c.feature_class == "P" and c.country_code in named_countries]
    for c in m.candidates:
        score = _prior(c, m, c.geonameid in m.main) + (1.0 if c.geonameid in m.named else 0.0)
        for k in containers:
            if any(_within(c, kc) for kc in k.candidates[:10]):
                score += 4.0
        for inner in holds:  # the container side: "Washington" after "Tacoma," is the state
            if any(_within(ic, c) for ic in inner.candidates[:15]):
                score += 3.0
        if c.feature_class == "P" and not containers and any(
                b.country_code != c.country_code and b.population >= NAMESAKE_RATIO * max(c.population, 1)
                for b in big_towns):
            score -= SMALL_NAMESAKE_WEIGHT  # "Ukraine shells Donetsk" in a Russian outlet: the big Donetsk
        if ctx is not None and c.country_code in ctx.home and not containers and c.feature_code != "CONT":
            score += HOME_COUNTRY_WEIGHT
        if ctx is not None and ctx.named and not containers and not any(  # the country holding "Mexico state"
                c.geonameid == d.geonameid or _within(c, d) or _within(d, c) for d in ctx.named):
            score -= NAMED_DIVISION_WEIGHT
        if ctx is not None and _kind(c) in ctx.siblings and c.feature_code in ("ADM1", "ADM2", "PCLI"):
            score += 1.5  # listed with states, a name is a state: "California or Washington"
        if ctx is not None:
            if ctx.countries and c.country_code:
                # log of the share: a country no other mention is in costs as much as a big prior gap
                # a region of one country ("the West Coast", "the Midwest") is as bound to it as its towns
                weight = COUNTRY_WEIGHT if c.feature_class in ("P", "S", "L") or c.feature_code.startswith("ADM") \
                    else 0.5
                score += weight * math.log(max(ctx.country_share(c.country_code), _floor(c)))
            if c.feature_code not in ("PCLI", "CONT"):
                score += 1.5 * ctx.admin1_share((c.country_code, c.admin1))
            if c.feature_code == "ADM1" and rival_country:  # "Georgia" among Alaska and Nevada: a state too
                score += min(1.0, ctx.divisions[c.country_code] / 2)
            if ctx.points and c.feature_class in ("P", "S") or c.feature_code == "ADM2":
                nearest = min((km(c.lat, c.lon, lat, lon) for lat, lon in ctx.points), default=math.inf)
                score += 1.0 if nearest < 150 else 0.5 if nearest < 400 else 0.0
        result.append((score, c))
    return result


def _floor(c: GazetteerEntry) -> float:
    """The least country share a candidate is scored with: a city known the world over is named in news from
    anywhere (London in a story from Ohio), a small town mostly in its own country's news."""
    # a capital also stands for its government ("talks between Washington and Moscow"): named as if ten times
    # its size
    fame = c.population * (CAPITAL_FAME if c.feature_code == "PPLC" else 1)
    if c.feature_class != "P" or fame <= WORLD_CITY:
        return 0.05
    return min(0.5, 0.05 * math.sqrt(fame / WORLD_CITY))


def _best(m: Mention, mentions: list[Mention], ctx: _Context | None) -> tuple[GazetteerEntry | None, float]:
    return _pick(_scores(m, mentions, ctx))


def _pick(scored: list[tuple[float, GazetteerEntry]]) -> tuple[GazetteerEntry | None, float]:
    if not scored:
        return None, 0.0
    best_score, best = max(scored, key=lambda sc: (sc[0], -sc[1].geonameid))
    total = sum(math.exp((s - best_score) / TEMPERATURE) for s, _ in scored)
    return best, 1.0 / total


def _tally_home(home: list[GazetteerEntry] | tuple) -> _Context:
    """The outlet's home as context, as if the article had named it once."""
    tally = _Context(Counter(), Counter(), [], home=frozenset(e.country_code for e in home if e.country_code))
    for entry in home:
        if entry.country_code:
            tally.countries[entry.country_code] += HOME_WEIGHT
        if entry.admin1 and entry.feature_code != "PCLI":
            tally.admin1s[(entry.country_code, entry.admin1)] += HOME_WEIGHT
        if entry.feature_class == "P":
            tally.points.append((entry.lat, entry.lon))
    return tally


def _pick_key(choice: tuple[GazetteerEntry | None, float]) -> tuple[int, float] | None:
    entry, conf = choice
    return None if entry is None else (entry.geonameid, conf)


def _tally(picks: Counter, entries: dict[int, GazetteerEntry]) -> _Context:
    """What the mentions of one name resolved to (``picks``: (geonameid, confidence) -> mentions),
    weighted by their confidence."""
    tally = _Context(Counter(), Counter(), [])
    for pick, n in picks.items():
        if pick is None or n <= 0:
            continue
        entry, conf = entries[pick[0]], pick[1]
        weight = (0.5 + conf) * n
        if entry.country_code:
            tally.countries[entry.country_code] += weight
        if entry.admin1:
            tally.admin1s[(entry.country_code, entry.admin1)] += weight
        if entry.feature_code not in ("PCLI", "CONT", "ADM1") and conf > 0.5:
            tally.points.append((entry.lat, entry.lon))
        if entry.feature_code == "ADM1" and conf > 0.5:
            tally.divisions[entry.country_code] += n
    return tally


def _context(home: _Context, others: list[_Context]) -> _Context:
    """The context of one mention: the outlet's home plus what the mentions of other names resolved to
    (distinct points only: the nearest one is all that counts)."""
    ctx = _Context(Counter(home.countries), Counter(home.admin1s), [], Counter(home.divisions), home=home.home)
    points = dict.fromkeys(home.points)
    for t in others:
        ctx.countries.update(t.countries)
        ctx.admin1s.update(t.admin1s)
        ctx.divisions.update(t.divisions)
        points.update(dict.fromkeys(t.points))
    ctx.points = list(points)
    return ctx


def _agree(mentions: list[Mention], scored: list[list[tuple[float, GazetteerEntry]]]
           ) -> list[tuple[GazetteerEntry | None, float]]:
    """One sense per discourse: mentions of one name without their own container resolve alike."""
    groups: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if not m.container and not m.demonym:
            groups[(name_key(m.text), _divided(m))].append(i)
    choices = [_pick(s) for s in scored]
    for members in groups.values():
        if len(members) < 2:
            continue
        totals: dict[int, float] = defaultdict(float)
        entries: dict[int, GazetteerEntry] = {}
        for i in members:
            for s, c in scored[i]:
                totals[c.geonameid] += s / len(members)
                entries[c.geonameid] = c
        pooled = [(s, entries[g]) for g, s in totals.items()]
        pick = _pick(pooled)
        for i in members:
            choices[i] = pick
    return choices

