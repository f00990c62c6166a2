"""Reports of one happening inside a document become one event (codebook 2: merge within the article).

A headline, the lead and a later paragraph often tell the same strike; a quote may give its toll
("At least 20 people were killed, the mayor said"); a photo caption may tell it again. Two reports
are one event when they are of the same kind, at compatible places (the same place, a landmark and
its city, a town and its country) on compatible days, with no conflicting actor.

The same kind is the same sub-type, or one event type told more or less precisely: a strike whose
weapon one sentence names and another does not ("the attack"), a bomb told as a planted device in
one sentence and as a suicide bomb in another, a protest told as peaceful and then as dispersed.
Two weapons named (a missile strike and a drone strike) are two events, as are a clash and a
capture. The merged event takes the most specific sub-type its reports give.

Where a report could belong to several happenings it stays apart: a report with no place of its
own (a toll, a quote) joins a located one when it sits in the headline/lead, has nothing of its own
(no side, day or toll), is told by the same side, or when exactly one located happening fits it at the
place the article set the scene in (or, for violence, in the document when the scene has none of its
kind). A toll counted days later is the toll of the earlier happening. Events of a list ("strikes on
A, B and C") have different places and stay apart.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from wirewatch.events.event_lexicon import (CLASH, EXCESSIVE, INTERVENED, PEACEFUL, PLANTED, PROTESTS, REMOTE, RIOTS,
                                            STRATEGIC, SUICIDE)
from wirewatch.models import Event, Location
from wirewatch.places.spelling import name_key

# codebook 3: an intervention makes a peaceful protest one with intervention; lethal force, excessive force
PROTEST_SEVERITY = (PEACEFUL, INTERVENED, EXCESSIVE)
SAME_SPELLING = 85  # rapidfuzz ratio of two spelling keys of one village's name in two transliterations


@dataclass(frozen=True, slots=True)
class Notes:
    """What the sentence reading knows of each event (by ``id``) that the event itself does not carry."""

    unplaced: frozenset[int] = frozenset()  # placed from the context, not by its own sentence
    unarmed: frozenset[int] = frozenset()  # remote violence whose sentence names no weapon ("the attack")
    guessed_side: frozenset[int] = frozenset()  # actor1's side guessed (from the place), not read in the sentence
    countries: dict[int, str | None] = field(default_factory=dict)  # geonameid -> country code
    country: str | None = None  # the story's country: that of a village the gazetteer lacks
    lead_end: int = 0  # the headline and lead end here
    villages: dict[int, str] = field(default_factory=dict)  # the village the gazetteer lacks an event is in (key)
    roundups: frozenset[int] = frozenset()  # told of several settlements at once ("three villages were shelled")


@dataclass(slots=True)
class _Report:
    """One event being merged, with what is known of how it was told."""

    event: Event
    placed: bool
    armed: bool
    side_told: bool
    in_lead: bool = False  # told in the headline or lead
    village: str | None = None  # in a village the gazetteer lacks, placed at the next level the text gives
    roundup: bool = False  # told of several settlements at once


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


def merge(events: list[Event], notes: Notes) -> list[Event]:
    """One happening told several times in a document is one event: the richest report, filled in."""
    reports = [_Report(e, id(e) not in notes.unplaced, id(e) not in notes.unarmed, id(e) not in notes.guessed_side,
                       e.evidence.start < notes.lead_end, notes.villages.get(id(e)), id(e) in notes.roundups)
               for e in events]
    kept = _join_unplaced(_cluster(reports, notes))
    order = {id(e): i for i, e in enumerate(events)}
    return sorted((r.event for r in kept), key=lambda e: (e.evidence.start, order.get(id(e), 0)))


def merge_reports(body: list[Event], extra: list[Event]) -> list[Event]:
    """Add caption events to the body's: one telling a body event again is merged into it (the body's
    report kept, the caption's extra details filled in), the others are new events."""
    notes = Notes()
    merged = [_Report(e, True, True, True) for e in body]
    for event in merge(extra, notes):
        report = _Report(event, True, True, True)
        twin = next((k for k in merged if _same(k, report, notes)), None)
        if twin is None:
            merged.append(report)
        else:
            _fill(twin, report)
    return sorted((r.event for r in merged), key=lambda e: e.evidence.start)


def _cluster(reports: list[_Report], notes: Notes) -> list[_Report]:
    """Richest first, each report joins the first kept one it is a report of."""
    kept: list[_Report] = []
    for report in sorted(reports, key=_richness, reverse=True):
        twin = next((k for k in kept if _same(k, report, notes)), None)
        if twin is None:
            kept.append(report)
        else:
            _fill(twin, report, notes)
    return kept


def _join_unplaced(kept: list[_Report]) -> list[_Report]:
    """A toll or a quote with no place of its own ("At least 20 people were killed, the mayor said") is
    the one located happening of its kind on its day at the place the article has set the scene in; for
    violence, when the scene has no happening of its kind, the document's one, if there is exactly one."""
    out = list(kept)
    for report in [r for r in kept if not r.placed]:
        located = [k for k in out if k.placed and _same_kind(k, report)]
        scene = report.event.location
        here = [k for k in located if scene is not None and k.event.location is not None and _one_place(
            k.event.location, scene)]
        # a toll is a violent happening's: a development with no place (talks, an exchange) may be another one
        anywhere = located if report.event.event_type != STRATEGIC else []
        candidates = [k for k in here or anywhere if _agree(k, report)]
        if len(candidates) == 1:
            _fill(candidates[0], report)
            out.remove(report)
    return out


def _same(a: _Report, b: _Report, notes: Notes) -> bool:
    """Two reports of one happening: the same kind, compatible places, days and actors."""
    if not _agree(a, b):
        return False
    la, lb = a.event.location, b.event.location
    start_a, start_b = a.event.evidence.start, b.event.evidence.start
    # a place guessed from context does not make two reports one (nor keep them apart)
    own_a, own_b = la is not None and a.placed, lb is not None and b.placed
    if own_a != own_b and start_a != start_b:
        # an unplaced report is the located one told again only in the headline/lead or by the same side
        loose = b if own_a else a
        bare = not loose.event.actor1_side and loose.event.date_precision != "day" and loose.event.fatalities is None
        if loose.event.evidence.start >= notes.lead_end and not bare and \
                not (a.event.actor1_side and a.event.actor1_side == b.event.actor1_side):
            return False  # a report with its own side, day or toll may be another happening
    if own_a != own_b:
        la = lb = None
    elif la is not None and lb is not None and _other_settlement(a, b):
        return False
    # two villages the gazetteer lacks are two places when their names differ
    other = la is not None and lb is not None and (la.geonameid != lb.geonameid or la.geonameid is None
                                                   and name_key(la.name) != name_key(lb.name))
    if other and not _nearby(la, lb):
        # "in Syria" and "in Manbij" may be one report; two towns, or a town and another country, are not
        if "country" not in (la.precision, lb.precision) or la.precision == lb.precision or \
                _country(la, notes) != _country(lb, notes):
            return False
    return True


def _other_settlement(a: _Report, b: _Report) -> bool:
    """A village the gazetteer lacks is placed at its region (codebook 7), yet it is a settlement of its own: two
    such villages (unless spelled alike: Maiorsk, Mayorsk), or one and a named town, or one and a round-up of its
    region ("three settlements in the Belgorod region were attacked"), are two places. A report of one settlement
    of its region, or of its country, may be the village's told loosely ("a village in the Belgorod region was
    shelled"); once it is one village's, it is no other's (``_fill``)."""
    if a.village and b.village:
        return fuzz.ratio(a.village, b.village) < SAME_SPELLING
    plain = b if a.village else a if b.village else None
    if plain is None or plain.event.location is None:
        return False
    precision = plain.event.location.precision
    return precision == "city" or plain.roundup and precision != "country"


def _agree(a: _Report, b: _Report) -> bool:
    """The same kind of happening on compatible days by actors that do not conflict (places aside)."""
    ea, eb = a.event, b.event
    if not _same_kind(a, b):
        return False
    if not (_days_meet(ea, eb) or _later_toll(a, b) or _later_toll(b, a)):
        return False
    # a side guessed from where it struck is no evidence of another attacker
    return not (a.side_told and b.side_told and ea.actor1_side and eb.actor1_side
                and ea.actor1_side != eb.actor1_side)


def _later_toll(toll: _Report, event: _Report) -> bool:
    """"As of September 5, the number of dead has increased to 54": a toll with no place and no weapon
    of its own, dated after a report of its kind, is the day of the count, not of the happening (codebook
    2: a toll update in the same article is the same event)."""
    t, e = toll.event, event.event
    counted = t.fatalities is not None or t.injured is not None
    return not toll.placed and not toll.armed and counted and bool(t.date and e.date) \
        and str(t.date) >= str(e.date)


def _same_kind(a: _Report, b: _Report) -> bool:
    """The same sub-type, or one event type told more or less precisely (never two named weapons)."""
    sa, sb = a.event.sub_event_type, b.event.sub_event_type
    if sa == sb:
        return True
    if a.event.event_type != b.event.event_type:
        # a headline's bare "attack" with no place ("Rescuers search rubble after overnight attack") is the
        # strike the body tells
        return any(x.in_lead and not x.placed and x.event.sub_event_type == "Attack" and y.event.event_type == REMOTE
                   for x, y in ((a, b), (b, a)))
    if a.event.event_type == REMOTE:
        # "the attack" is whichever strike the document names; a suicide bomb is a bomb carried by its attacker
        return not (a.armed and b.armed) or {sa, sb} == {SUICIDE, PLANTED}
    return a.event.event_type in (PROTESTS, RIOTS)  # a protest told peaceful, then dispersed, is one protest


def _days_meet(a: Event, b: Event) -> bool:
    """Two days a day apart at most (a night runs across midnight), or overlapping periods: "on Monday" is
    not "last week", nor "in July" a day of August."""
    span_a, span_b = _days(a), _days(b)
    if span_a is None or span_b is None:
        return True
    slack = 1 if a.date_precision == b.date_precision == "day" else 0
    return span_a[0] - dt.timedelta(days=slack) <= span_b[1] and span_b[0] - dt.timedelta(days=slack) <= span_a[1]


def _days(e: Event) -> tuple[dt.date, dt.date] | None:
    """The days an event's date may stand for. A week is either the week up to its date (an undated
    report) or the week from it ("last week"): both."""
    if not e.date:
        return None
    start = dt.date.fromisoformat(e.date)
    if e.date_precision == "day":
        return start, start
    if e.date_precision == "week":
        return start - dt.timedelta(days=6), start + dt.timedelta(days=6)
    if e.date_precision == "month":
        return start, (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if e.date_precision == "year":
        return start, start.replace(month=12, day=31)
    return None


def _specificity(r: _Report) -> int:
    sub_type = r.event.sub_event_type
    if r.event.event_type == REMOTE:
        return 0 if not r.armed else 2 if sub_type == SUICIDE else 1
    return PROTEST_SEVERITY.index(sub_type) if sub_type in PROTEST_SEVERITY else 0


def _country(loc: Location, notes: Notes) -> str | None:
    return notes.countries.get(loc.geonameid) if loc.geonameid else notes.country


def _one_place(a: Location, b: Location) -> bool:
    return a.geonameid is not None and a.geonameid == b.geonameid or _nearby(a, b)


def _nearby(a: Location, b: Location, km: float = 6.0) -> bool:
    """"the Azovstal plant" and "Mariupol": a landmark and its city are one place for merging."""
    if None in (a.lat, a.lon, b.lat, b.lon) or "country" in (a.precision, b.precision):
        return False
    if _named_after(a, b) or _named_after(b, a):
        return False  # a region's point is its capital's: "shelled the Donetsk region 43 times" is not Donetsk
    dlat = (a.lat - b.lat) * 111.0
    dlon = (a.lon - b.lon) * 111.0 * math.cos(math.radians(a.lat))
    return math.hypot(dlat, dlon) <= km


def _named_after(region: Location, town: Location) -> bool:
    """The region is named after the town, its capital ("Donetsk Oblast", "Donetsk"); a city's own district is not."""
    return region.precision == "region" and town.precision == "city" and \
        name_key(region.name).startswith(name_key(town.name) + " ")


def _richness(r: _Report) -> tuple[int, int]:
    e = r.event
    score = (2 if e.location is not None and e.location.precision == "city" else 1 if e.location else 0) \
        + (1 if e.date_precision == "day" else 0) + (1 if e.actor1_side else 0) + (1 if e.fatalities else 0)
    return score, -e.evidence.start


def _fill(keep: _Report, other: _Report, notes: Notes | None = None) -> None:
    """``keep`` becomes the merged report: its own fields, the other's where it has none, the more
    specific sub-type, and the other's place when only the other's is its own (unless the other names only
    the country the kept one's town lies in: "protests in Georgia" and a march in Tbilisi)."""
    k, o = keep.event, other.event
    location = o.location if not keep.placed and other.placed and o.location is not None \
        and not _within(k.location, o.location, notes) else k.location or o.location
    from_caption = k.from_caption or location is not k.location and o.from_caption
    sub_type = o.sub_event_type if _specificity(other) > _specificity(keep) else k.sub_event_type
    actor2, side2, inter2 = (k.actor2, k.actor2_side, k.inter2) if k.actor2 or k.actor2_side else _counterpart(k, o)
    # a toll counted days later: the happening keeps its own day, and the toll is the latest figure (codebook 9)
    counted_by_keep = not _days_meet(k, o) and _later_toll(keep, other)
    counted_by_other = not _days_meet(k, o) and _later_toll(other, keep)
    keep.event = replace(k, sub_event_type=sub_type, location=location, from_caption=from_caption,
                         date=o.date if counted_by_keep else k.date,
                         date_precision=o.date_precision if counted_by_keep else k.date_precision,
                         actor1=k.actor1 or o.actor1, actor1_side=k.actor1_side or o.actor1_side,
                         actor2=actor2, actor2_side=side2, inter2=inter2,
                         fatalities=_figure(k.fatalities, o.fatalities, counted_by_other),
                         injured=_figure(k.injured, o.injured, counted_by_other),
                         claim=k.claim if k.claim is not None else o.claim,
                         inter1=k.inter1 if k.actor1 else o.inter1,
                         claimed_fatalities=k.claimed_fatalities if k.claimed_fatalities is not None
                         else o.claimed_fatalities,
                         confidence=min(0.95, max(k.confidence, o.confidence) + 0.05))
    keep.village = keep.village or other.village
    keep.placed = keep.placed or other.placed
    keep.armed = keep.armed or other.armed
    keep.side_told = keep.side_told or (k.actor1_side is None and other.side_told)


def _within(town: Location | None, country: Location, notes: Notes | None) -> bool:
    """``town`` is a place below the country level in ``country``, a country-level location."""
    if town is None or notes is None or country.precision != "country" or town.precision == "country":
        return False
    found = notes.countries.get(town.geonameid) if town.geonameid else None
    return found is not None and found == notes.countries.get(country.geonameid)


def _figure(kept: int | None, other: int | None, other_later: bool) -> int | None:
    """The kept report's figure, the other's when it has none or counts later."""
    return other if other is not None and (other_later or kept is None) else kept


def _counterpart(keep: Event, other: Event) -> tuple[str | None, str | None, int | None]:
    """actor2 from the other report, never keep's actor1 side against itself (codebook 4): of a report
    that names the parties the other way round (an exchange, talks), its actor1."""
    side1 = keep.actor1_side or other.actor1_side
    if other.actor2_side is None or other.actor2_side != side1:
        return other.actor2, other.actor2_side, other.inter2
    if other.actor1_side not in (None, side1):
        return other.actor1, other.actor1_side, other.inter1
    return None, None, None
