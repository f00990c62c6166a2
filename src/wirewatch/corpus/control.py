"""Territorial control timeline per settlement, derived only from control observations.

Each observation says a side gained, lost or contests a place on a date,
according to someone. In a two-sided war losing a place means the opponent
holds it. Observations of one place are taken in date order; consecutive ones
that leave the same holder are one change, carrying every claim and source
behind it. A change is ``disputed`` when a source of the other side reverses
it within ``DISPUTE_DAYS``. Only settlements (GeoNames feature class P, or
places the gazetteer could not type) get a timeline: regions and countries are
not "held" in this sense. An observation counts only when its evidence names
the place: a dateline ("KYIV, May 12 -") says where the reporter was, not
who holds the town.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wirewatch.corpus.records import ArticleRec, ControlRec
from wirewatch.corpus.resolve import Resolved, skeleton

OPPONENTS = {"UA": "RU", "RU": "UA"}
DISPUTE_DAYS = 3


@dataclass(slots=True)
class Change:
    place: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    date: dt.date | None
    from_side: str | None
    to_side: str
    observations: list[ControlRec] = field(default_factory=list)
    sources: dict[str, None] = field(default_factory=dict)
    sides: set[str] = field(default_factory=set)
    valid_until: dt.date | None = None
    disputed: bool = False

    @property
    def change(self) -> str:
        return "contested" if self.to_side == "contested" else f"{self.from_side or '?'} -> {self.to_side}"


def holder_after(o: ControlRec) -> str | None:
    if o.change == "gained":
        return o.side
    if o.change == "lost":
        return OPPONENTS.get(o.side or "")
    if o.change == "contested":
        return "contested"
    return None


def is_settlement(o: ControlRec) -> bool:
    return o.feature_code is None or o.feature_code.startswith("PPL")


def control_timeline(observations: list[ControlRec], articles: dict[int, ArticleRec],
                     names: dict[str, Resolved]) -> list[Change]:
    """Changes of holder per settlement, oldest first."""
    by_place: dict[object, list[ControlRec]] = {}
    for o in observations:
        if is_settlement(o) and o.named and holder_after(o):
            key = o.geonameid if o.geonameid is not None else skeleton(o.place)
            by_place.setdefault(key, []).append(o)
    changes: list[Change] = []
    for key in sorted(by_place, key=str):
        obs = sorted(by_place[key], key=lambda o: (_date(o, articles) or dt.date.max, o.article_id,
                                                  o.control_index))
        place_changes: list[Change] = []
        for o in obs:
            holder = holder_after(o)
            current = place_changes[-1] if place_changes else None
            if current is None or current.to_side != holder:
                first_from = OPPONENTS.get(holder or "") if o.change == "gained" else o.side
                current = Change(o.place, o.geonameid, o.lat, o.lon, _date(o, articles),
                                 current.to_side if current else first_from, holder or "?")
                place_changes.append(current)
            current.observations.append(o)
            source, side = _claimant(o, articles, names)
            current.sources[source] = None
            if side:
                current.sides.add(side)
        for before, after in zip(place_changes, place_changes[1:], strict=False):
            before.valid_until = after.date
            close = before.date and after.date and (after.date - before.date).days <= DISPUTE_DAYS
            if close and before.sides and after.sides and not (before.sides & after.sides):
                before.disputed = after.disputed = True
        changes.extend(place_changes)
    return changes


def _date(o: ControlRec, articles: dict[int, ArticleRec]) -> dt.date | None:
    if o.date:
        return o.date
    rec = articles.get(o.article_id)
    return rec.published if rec else None


def _claimant(o: ControlRec, articles: dict[int, ArticleRec], names: dict[str, Resolved]) -> tuple[str, str | None]:
    if o.claimed_by:
        resolved = names.get(" ".join(o.claimed_by.split()))
        return (resolved.canonical if resolved else o.claimed_by), o.claimant_side or (
            resolved.side if resolved else None)
    rec = articles.get(o.article_id)
    return (rec.outlet if rec else str(o.article_id)), o.claimant_side
