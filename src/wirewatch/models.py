"""The typed data model: every fact wirewatch produces, with its evidence.

Offsets are character offsets (Python ``str`` indices) into ``Article.text``
exactly as received; ``span.text == article.text[span.start:span.end]`` always.
Dicts appear only at the I/O edges (``to_dict``/``from_dict``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

BOILERPLATE_KINDS = ("advert", "caption", "credit", "nav", "promo")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``; the only way spans should be made."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        return None if d is None else cls(d["start"], d["end"], d["text"])


@dataclass(frozen=True, slots=True)
class Article:
    """One input document as a reader delivers it."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet name
    source_path: str | None = None  # file path or record id it came from
    body_start: int = 0  # text before this offset is a reader header (e.g. "date 2022-05-12 ")


@dataclass(frozen=True, slots=True)
class DocError:
    """A document that could not be read or processed: errors are data."""

    id: str
    stage: str  # "read", "decode", "nlp", ...
    reason: str
    source_path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": f"{self.stage}: {self.reason}", "source_path": self.source_path}


@dataclass(frozen=True, slots=True)
class Boilerplate:
    span: Span
    kind: str  # one of BOILERPLATE_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "kind": self.kind}


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    admin2: str | None
    feature_class: str
    feature_code: str
    population: int
    alternate_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    span: Span
    geonameid: int | None
    name: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    feature_code: str | None
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "geonameid": self.geonameid,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "feature_code": self.feature_code,
            "score": round(self.score, 3),
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    value: str | None  # ISO date of the start of the period, or None if unresolved
    precision: str | None  # one of DATE_PRECISIONS

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "value": self.value, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Entity:
    span: Span
    label: str  # spaCy label: PERSON, ORG, NORP, GPE...
    canonical: str
    affiliation: str | None = None
    side: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "label": self.label,
            "canonical": self.canonical,
            "affiliation": self.affiliation,
            "side": self.side,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    cue: Span
    source: Span | None
    content: Span | None
    kind: str  # direct | indirect | mixed
    speaker: str | None = None
    side: str | None = None
    channel: str | None = None
    via: int | None = None  # index of the enclosing claim that reports this one
    sources: tuple[Span, ...] = ()  # all source spans when discontinuous
    contents: tuple[Span, ...] = ()  # all content spans when discontinuous
    role: str | None = None  # the speaker's role or affiliation as stated ("Kharkiv's regional governor")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict() if self.content else None,
            "kind": self.kind,
            "speaker": self.speaker,
            "side": self.side,
            "channel": self.channel,
            "via": self.via,
            "role": self.role,
        }
        if len(self.sources) > 1:
            d["sources"] = [s.to_dict() for s in self.sources]
        if len(self.contents) > 1:
            d["contents"] = [s.to_dict() for s in self.contents]
        return d


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    precision: str  # city | region | country

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "geonameid": self.geonameid, "lat": self.lat,
                "lon": self.lon, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Event:
    event_type: str
    sub_event_type: str
    evidence: Span
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    actor1: str | None = None
    actor1_side: str | None = None
    actor2: str | None = None
    actor2_side: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    claim: int | None = None  # index into DocResult.claims
    confidence: float = 0.5
    inter1: int | None = None  # ACLED actor type codes of actor1/actor2 (1 state forces ... 8 external)
    inter2: int | None = None
    claimed_fatalities: int | None = None  # a party's figure of its enemy's losses: not ``fatalities``
    from_caption: bool = False  # the event (or its place or day) is told in a photo caption

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "actor1": self.actor1,
            "actor1_side": self.actor1_side,
            "actor2": self.actor2,
            "actor2_side": self.actor2_side,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "evidence": self.evidence.to_dict(),
            "claim": self.claim,
            "confidence": round(self.confidence, 3),
            "inter1": self.inter1,
            "inter2": self.inter2,
            "claimed_fatalities": self.claimed_fatalities,
            "from_caption": self.from_caption,
        }


@dataclass(frozen=True, slots=True)
class ControlObservation:
    """``side`` gained/lost/contests ``place`` on ``date``, according to a claim."""

    place: str
    geonameid: int | None
    date: str | None
    side: str | None
    change: str  # gained | lost | contested
    evidence: Span
    claimed_by: str | None = None
    claim: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "geonameid": self.geonameid,
            "date": self.date,
            "side": self.side,
            "change": self.change,
            "claimed_by": self.claimed_by,
            "claim": self.claim,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class DocResult:
    """The per-document stage's output for one article: the extract contract."""

    article: Article
    language: str = "en"
    boilerplate: tuple[Boilerplate, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    control: tuple[ControlObservation, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id,
            "published": a.published.isoformat() if a.published else None,
            "language": self.language,
            "title": a.title,
            "url": a.url,
            "source": a.source,
            "boilerplate": [b.to_dict() for b in self.boilerplate],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
            "entities": [e.to_dict() for e in self.entities],
            "claims": [c.to_dict() for c in self.claims],
            "events": [e.to_dict() for e in self.events],
            "control": [c.to_dict() for c in self.control],
        }


@dataclass(slots=True)
class RunSummary:
    """What a run did: counts and the per-document errors."""

    read: int = 0
    stored: int = 0
    skipped_duplicates: int = 0
    errors: list[DocError] = field(default_factory=list)
