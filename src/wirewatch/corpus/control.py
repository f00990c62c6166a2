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

Two more readings of the evidence keep reference points out of the timeline:
a place named only to locate another ("villages north of Kharkiv", "positions
around Kharkiv", "towards Izium", "the Kharkiv area") is not the place that
changed hands; when the sentence describes another place in apposition ("Izyum,
a town 124 km south-east of Kharkiv that Russian forces captured") the
observation moves to that place. And a withdrawal ("pulled back from X") ends a
holding only when the timeline already has that side holding X: moving troops
away from a city does not mean they held it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from wirewatch.corpus.corroborate import plausible_source
from wirewatch.corpus.records import ArticleRec, ControlRec
from wirewatch.corpus.resolve import Resolved, skeleton
from wirewatch.profile import CONTESTED

DISPUTE_DAYS = 3
# Statuses of a change, from who says so (``Change.status``).
CLAIMED = "claimed"  # only the side that gained it says so
CONFIRMED = "confirmed"  # the side that lost it, or an independent outlet or third party, says so too
DISPUTED = "disputed"  # the other side's sources deny or reverse it within days
# CONTESTED (the profile's): fighting for it, no holder

_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
# Words just before a mention that make it a reference point rather than the place held.
REFERENCE_BEFORE = re.compile(  # ("in and around X" is in X)
    rf"(?:\b(?<!in and )(?:around|near|outside|towards?|beyond|past|close to|approaches to|outskirts of|suburbs of|"
    rf"edge of|direction of|{_DIRECTION} of|{_DIRECTION}|km of|kilometres of|kilometers of|miles of)|"
    rf"\b(?:the|positions)\s+(?:around|near))\s*(?:the\s+)?$", re.I)
REFERENCE_AFTER = re.compile(r"^(?:'s|’s|\s+(?:area|direction|axis|front|region|oblast|suburbs|outskirts)\b)", re.I)
# "10 km south-west of Kurakhove, which Russian troops have stormed": a clause set off after the place tells
# of that place, however it was introduced.
_CLAUSE_AFTER = re.compile(r"^,\s+(?:which|where)\b", re.I)
# "X, a town/village ... of <reference> that ..." : the observation is about X.
_APPOSITION = re.compile(r"^,\s+an?\s+(?:\w+\s+){0,2}(?:town|village|city|settlement|hamlet)\b", re.I)
# "The liberation of Kurakhove deprived ... Donetsk": the change is of the place that follows the noun.
_CHANGE_NOUN_OF = re.compile(r"\b(?:liberation|capture|fall|seizure|loss|recapture|takeover|occupation|surrender)\s+"
                             r"of\s+(?:the\s+(?:city|town|village|settlement)\s+of\s+)?$", re.I)
_LIST_GAP = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_MOVEMENT_BEFORE = re.compile(
    r"\b(?:withdr[ae]w\w*|pull\w*\s+(?:\w+\s+)?(?:back|out)|retreat\w*|f[ae]ll\w*\s+back|head\w*\s+back|"
    r"mov\w*\s+(?:\w+\s+){0,2}back)\b[^.;]{0,40}?\bfrom\s+(?:the\s+)?(?:positions\s+(?:around|near)\s+)?$", re.I)


def _spots(o: ControlRec) -> list[tuple[int, int]]:
    """Where the observed place is mentioned in its evidence."""
    found = [(m[0], m[1]) for m in o.mentions if o.geonameid is not None and m[2] == o.geonameid]
    if not found and o.place:
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(o.place), o.evidence_text, re.I)]
    return found


def reading(o: ControlRec) -> str:
    """``held`` when some mention names the place that changed hands, ``movement`` when it is named only as
    what troops moved away from, ``reference`` when it only locates something else."""
    text = o.evidence_text
    spots = _spots(o)
    if not spots:
        return "held"  # nothing to read: trust the per-document stage
    if _other_place_changed(o, spots) or _in_list(o, spots):
        return "reference"
    kinds = set()
    for start, end in spots:
        before, after = text[max(0, start - 80):start], text[end:end + 20]
        if _CLAUSE_AFTER.search(after) and reanchor(o) is None:
            kinds.add("held")
        elif REFERENCE_BEFORE.search(before) or REFERENCE_AFTER.search(after):
            kinds.add("reference")
        elif _MOVEMENT_BEFORE.search(before):
            kinds.add("movement")
        else:
            kinds.add("held")
    for kind in ("held", "movement", "reference"):
        if kind in kinds:
            return kind
    return "held"


def _in_list(o: ControlRec, spots: list[tuple[int, int]]) -> bool:
    """The place is one of a list of three or more ("the battles for Chernihiv, Sumy, Kharkiv"): a mention
    of where fighting went on, not a change of one place's holder."""
    run, last_end, longest = 0, None, 0
    for start, end, *_ in sorted(o.mentions):
        joined = last_end is not None and _LIST_GAP.fullmatch(o.evidence_text[last_end:start])
        run = run + 1 if joined else 1
        last_end = end
        if any(s_ <= start < e_ or start <= s_ < end for s_, e_ in spots):
            longest = max(longest, run)
        elif joined and longest and run > longest:
            longest = run  # the list goes on after this place
    return longest >= 3


def _other_place_changed(o: ControlRec, spots: list[tuple[int, int]]) -> bool:
    """The evidence names the change of another settlement ("the liberation of Kurakhove") and this
    place only after it: this place is what the change affects, not what changed hands."""
    first = min(spots)[0]
    return any(m[2] != o.geonameid and m[1] <= first and _CHANGE_NOUN_OF.search(o.evidence_text[:m[0]])
               for m in o.mentions)


def reanchor(o: ControlRec) -> ControlRec | None:
    """For a reference mention, the place in apposition that the sentence is about, if there is one."""
    spots = _spots(o)
    if not spots:
        return None
    first = min(spots)[0]
    for m in o.mentions:
        start, end, gid, name, lat, lon, feature = m
        if end <= first and gid != o.geonameid and _APPOSITION.search(o.evidence_text[end:first]) \
                and (feature is None or feature.startswith("PPL")):
            return replace(o, place=name, geonameid=gid, lat=lat, lon=lon, feature_code=feature)
    return None


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
    independent: bool = False  # an outlet in its own voice or a third party says so

    @property
    def change(self) -> str:
        return CONTESTED if self.to_side == CONTESTED else f"{self.from_side or '?'} -> {self.to_side}"

    @property
    def status(self) -> str:
        """Who stands behind the change: one side's claim, confirmed, disputed or contested."""
        if self.to_side == CONTESTED:
            return CONTESTED
        if self.disputed:
            return DISPUTED
        if self.independent or (self.from_side is not None and self.from_side in self.sides):
            return CONFIRMED
        return CLAIMED


def holder_after(o: ControlRec, opponents: dict[str, str]) -> str | None:
    if o.change == "gained":
        return o.side
    if o.change == "lost":
        return opponents.get(o.side or "")
    if o.change == CONTESTED:
        return CONTESTED
    return None


def holder_at(changes: list[Change], place: object, day: dt.date) -> Change | None:
    """The change in force at ``place`` (a geonameid, or a name for a place the gazetteer lacks) on
    ``day``: its ``to_side`` holds it (or ``contested``), its ``status`` says who says so. None when
    nothing is known of it by then."""
    key = place_key(place) if isinstance(place, str) else place
    held = [c for c in changes if c.date is not None and c.date <= day
            and (c.geonameid if c.geonameid is not None else place_key(c.place)) == key]
    return max(held, key=lambda c: c.date) if held else None


def place_key(name: str) -> str:
    """A key for a place the gazetteer lacks, blind to how its i/y/j were transliterated (Maiorsk, Mayorsk)."""
    return re.sub(r"[iyj]+", "", skeleton(name))


def is_settlement(o: ControlRec) -> bool:
    return o.feature_code is None or o.feature_code.startswith("PPL")


def control_timeline(observations: list[ControlRec], articles: dict[int, ArticleRec],
                     names: dict[str, Resolved], opponents: dict[str, str]) -> list[Change]:
    """Changes of holder per settlement, oldest first. ``opponents`` (side -> its enemy) come from the
    profile: in a two-sided war, losing a place means the enemy holds it."""
    by_place: dict[object, list[ControlRec]] = {}
    movements: set[tuple[int, int]] = set()
    for o in observations:
        kind = reading(o)
        if kind == "reference":
            moved = reanchor(o)
            if moved is None:
                continue
            o = moved
        elif kind == "movement":
            movements.add((o.article_id, o.control_index))
        if is_settlement(o) and o.named and holder_after(o, opponents):
            key = o.geonameid if o.geonameid is not None else place_key(o.place)
            by_place.setdefault(key, []).append(o)
    changes: list[Change] = []
    for key in sorted(by_place, key=str):
        obs = sorted(by_place[key], key=lambda o: (_date(o, articles) or dt.date.max, o.article_id,
                                                  o.control_index))
        place_changes: list[Change] = []
        for o in obs:
            holder = holder_after(o, opponents)
            current = place_changes[-1] if place_changes else None
            held_before = current.to_side if current else None
            if (o.article_id, o.control_index) in movements and held_before != o.side:
                continue  # troops moving away from a place they were not known to hold
            if current is not None and current.to_side == CONTESTED and current.date == _date(o, articles) \
                    and holder != CONTESTED:
                current.to_side = holder or "?"  # the fight the same day's reports tell ended in a capture
                current.from_side = opponents.get(current.to_side) if o.change == "gained" else o.side
            elif current is None or current.to_side != holder:
                # who held it before: the loser of a gain, the side that lost it; unknown for a fight over it
                first_from = opponents.get(holder or "") if o.change == "gained" else \
                    o.side if o.change == "lost" else None
                current = Change(o.place, o.geonameid, o.lat, o.lon, _date(o, articles),
                                 current.to_side if current else first_from, holder or "?")
                place_changes.append(current)
            current.observations.append(o)
            source, side = _claimant(o, articles, names)
            current.sources[source] = None
            if side:
                current.sides.add(side)
            # the outlet's own voice or a named third party confirms; a speaker whose side is unknown ("the
            # defence ministry") does not
            if side is None and not o.claimed_by or side is not None and side not in opponents:
                current.independent = True
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
    return source_of(o.claimed_by, o.claimant_side, o.article_id, articles, names)


def source_of(speaker: str | None, side: str | None, article_id: int, articles: dict[int, ArticleRec],
              names: dict[str, Resolved]) -> tuple[str, str | None]:
    """Who says it and their side: the resolved speaker when it can be a source, else the outlet's own voice.
    A description with no name in it ("officials", "local officials") takes no side from other articles:
    the officials of one story are not those of another."""
    resolved = names.get(" ".join(speaker.split())) if speaker else None
    if speaker and plausible_source(speaker, resolved):
        named = any(w[:1].isupper() for w in speaker.split())
        return (resolved.canonical if resolved else speaker), side or (resolved.side if resolved and named else None)
    rec = articles.get(article_id)
    return (rec.outlet if rec else str(article_id)), side
