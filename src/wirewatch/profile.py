"""Conflict profiles: the parties of a conflict, their aliases and sides.

A profile is a small TOML data file (``data/profiles/<name>.toml``) so that a
new conflict is configuration, not code. Phrases whose side depends on who
speaks ("the enemy", "the occupiers") are listed as ``hostile`` phrases: they
mean the side opposed to the speaker.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Party:
    name: str  # canonical name, e.g. "Military Forces of Ukraine"
    side: str  # UA | RU | THIRD | CIVILIAN
    kind: str  # military | government | organisation | person | media | civilian
    aliases: tuple[str, ...] = ()
    role: str | None = None  # for people: "President of Ukraine"


@dataclass(frozen=True, slots=True)
class ConflictProfile:
    name: str
    start: dt.date | None
    parties: tuple[Party, ...]
    opponents: dict[str, str]  # side -> the side it fights
    hostile: tuple[str, ...] = ()  # phrases meaning "the speaker's opponent"
    # sides whose retaking of territory is "Government regains territory" (the defending state); any
    # other side taking territory "overtakes" it (ONTOLOGY.md, interstate war)
    government: tuple[str, ...] = ()
    # words that name a side inside a longer phrase ("Kharkiv's regional governor", "a Kremlin spokesman")
    side_words: dict[str, frozenset[str]] = field(default_factory=dict)
    aliases: dict[str, Party] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Party] = {}
        for party in self.parties:
            for alias in (party.name, *party.aliases):
                index.setdefault(normalise(alias), party)
        object.__setattr__(self, "aliases", index)

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
        """The side a phrase belongs to: a whole alias first, else a side word in it."""
        side = self.side_of(text)
        if side:
            return side
        words = {w.removesuffix("'s") for w in normalise(text).split()}
        return next((side for side, names in self.side_words.items() if words & names), None)


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def load_profile(name_or_path: str = "russia-ukraine") -> ConflictProfile:
    """Load a bundled profile by name, or a profile TOML file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    else:
        data = resources.files("wirewatch") / "data" / "profiles" / f"{name_or_path}.toml"
        raw = tomllib.loads(data.read_text(encoding="utf-8"))
    return _profile_from_dict(raw)


def _profile_from_dict(raw: dict) -> ConflictProfile:
    parties = tuple(
        Party(name=p["name"], side=p["side"], kind=p.get("kind", "organisation"),
              aliases=tuple(p.get("aliases", ())), role=p.get("role"))
        for p in raw.get("parties", ())
    )
    start = raw.get("start")
    return ConflictProfile(
        name=raw["name"],
        start=dt.date.fromisoformat(str(start)) if start else None,
        parties=parties,
        opponents=dict(raw.get("opponents", {})),
        hostile=tuple(normalise(h) for h in raw.get("hostile", ())),
        government=tuple(raw.get("government", ())),
        side_words={side: frozenset(words) for side, words in raw.get("side_words", {}).items()},
    )
