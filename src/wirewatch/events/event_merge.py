"""Reports of one happening inside a document become one event.

A headline, the lead and a later paragraph often tell the same strike; a photo caption may tell it
again. Two reports are one event when they have the same sub-type, compatible places (the same
place, a landmark and its city, a town and its country) and compatible days, and no conflicting
actor; a report with no place of its own joins a located one only when it carries nothing that
could make it another happening (or sits in the headline/lead). The richest report is kept.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from wirewatch.events.event_lexicon import CLASH
from wirewatch.models import Event, Location


def most_specific(events: list[Event], unplaced: set[int], own_clause: set[int]) -> list[Event]:
    """A sentence that codes a specific event does not also code a generic clash at the same place, or
    one with no place of its own ("as troops advanced, they liberated four towns"); a clash with a
    place in a coordinated clause of its own ("regained X and is pressing operations in Y") stays."""
    specific = {(e.evidence.start, e.location.geonameid if e.location else None)
                for e in events if e.sub_event_type != CLASH}
    with_specific = {e.evidence.start for e in events if e.sub_event_type != CLASH}

    def keep(e: Event) -> bool:
        if e.sub_event_type != CLASH or e.evidence.start not in with_specific:
            return True
        if e.location is None or id(e) in unplaced:
            return False
        return id(e) in own_clause or (e.evidence.start, e.location.geonameid) not in specific

    return [e for e in events if keep(e)]


def merge(events: list[Event], countries: dict[int, str | None], lead_end: int, unplaced: set[int]) -> list[Event]:
    """One happening told twice in a document (headline and body) is one event: keep the richest report."""
    kept: list[Event] = []
    for event in sorted(events, key=_richness, reverse=True):
        twin = next((i for i, k in enumerate(kept) if _same(k, event, countries, lead_end, unplaced)), None)
        if twin is None:
            kept.append(event)
        else:
            kept[twin] = _fill(kept[twin], event)
    order = {id(e): i for i, e in enumerate(events)}
    return sorted(kept, key=lambda e: (e.evidence.start, order.get(id(e), 0)))


def _same(a: Event, b: Event, countries: dict[int, str | None], lead_end: int, unplaced: set[int]) -> bool:
    if a.sub_event_type != b.sub_event_type:
        return False
    la, lb = a.location, b.location
    # a place guessed from context does not make two reports one (nor keep them apart)
    own_a, own_b = la is not None and id(a) not in unplaced, lb is not None and id(b) not in unplaced
    if own_a != own_b and a.evidence.start != b.evidence.start:
        # an unplaced report is the located one told again only in the headline/lead or by the same side
        loose = b if own_a else a
        bare = not loose.actor1_side and loose.date_precision != "day" and loose.fatalities is None
        if loose.evidence.start >= lead_end and not bare and \
                not (a.actor1_side and a.actor1_side == b.actor1_side):
            return False  # a report with its own side, day or toll may be another happening
    if own_a != own_b:
        la = lb = None
    if la is not None and lb is not None and la.geonameid != lb.geonameid and not _nearby(la, lb):
        # "in Syria" and "in Manbij" may be one report; two towns, or a town and another country, are not
        if "country" not in (la.precision, lb.precision) or la.precision == lb.precision or \
                countries.get(la.geonameid or 0) != countries.get(lb.geonameid or 0):
            return False
    if a.evidence.start == b.evidence.start and a.location is not None and b.location is None:
        return True
    if a.date_precision == "day" and b.date_precision == "day" and a.date and b.date:
        if abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days) > 1:
            return False
    if a.actor1_side and b.actor1_side and a.actor1_side != b.actor1_side:
        return False
    return True


def _nearby(a: Location, b: Location, km: float = 6.0) -> bool:
    """"the Azovstal plant" and "Mariupol": a landmark and its city are one place for merging."""
    if None in (a.lat, a.lon, b.lat, b.lon) or "country" in (a.precision, b.precision):
        return False
    dlat = (a.lat - b.lat) * 111.0
    dlon = (a.lon - b.lon) * 111.0 * math.cos(math.radians(a.lat))
    return math.hypot(dlat, dlon) <= km


def _richness(e: Event) -> tuple[int, int]:
    score = (2 if e.location is not None and e.location.precision == "city" else 1 if e.location else 0) \
        + (1 if e.date_precision == "day" else 0) + (1 if e.actor1_side else 0) + (1 if e.fatalities else 0)
    return score, -e.evidence.start


def _fill(keep: Event, other: Event) -> Event:
    from_caption = keep.from_caption or keep.location is None and other.location is not None and other.from_caption
    return replace(keep, location=keep.location or other.location, from_caption=from_caption,
                   actor1=keep.actor1 or other.actor1, actor1_side=keep.actor1_side or other.actor1_side,
                   actor2=keep.actor2 or other.actor2, actor2_side=keep.actor2_side or other.actor2_side,
                   fatalities=keep.fatalities if keep.fatalities is not None else other.fatalities,
                   injured=keep.injured if keep.injured is not None else other.injured,
                   claim=keep.claim if keep.claim is not None else other.claim,
                   inter1=keep.inter1 if keep.actor1 else other.inter1,
                   inter2=keep.inter2 if keep.actor2 else other.inter2,
                   claimed_fatalities=keep.claimed_fatalities if keep.claimed_fatalities is not None
                   else other.claimed_fatalities,
                   confidence=min(0.95, max(keep.confidence, other.confidence) + 0.05))


def merge_reports(body: list[Event], extra: list[Event]) -> list[Event]:
    """Add caption events to the body's: one telling a body event again is merged into it (the body's
    report kept, the caption's extra details filled in), the others are new events."""
    merged = list(body)
    for event in merge(extra, {}, 0, set()):
        twin = next((i for i, k in enumerate(merged) if _same(k, event, {}, 0, set())), None)
        if twin is None:
            merged.append(event)
        else:
            merged[twin] = _fill(merged[twin], event)
    return sorted(merged, key=lambda e: e.evidence.start)
