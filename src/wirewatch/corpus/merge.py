"""Event merging: reports of one real-world happening become one event listing all its reports.

Reports join by happening, not by similarity (codebook section 12): the same type family, the same
place, the same day and compatible actors.

- Place: the same settlement, or a site or a district of a city within a small radius of it; two
  different settlements are two happenings however close. A report that names only a region joins
  a happening of that area only within its story and of the very same sub-type and day. A report
  with no place joins only within its story (or its wire copies) when it says nearly the same thing.
- Day: two reports dated to the day are of one day; a date known only to the week (often the
  publication's) may be ``DATE_WINDOW`` days off.
- Actors: the sides must not conflict (a battle's or an agreement's sides may be told in either order);
  a strike each side's source blames on the other, or that the attacker says hit soldiers where others
  tell of civilians, is one happening with opposing claims.
- Kinds: reports one article tells as events of different sub-types stay apart.

Reports are taken in a fixed order (date, article, index) and each joins the closest compatible event of
its block (family x day), so the result is deterministic, near-linear, and new
reports extend existing events without reshuffling them. An event's id is the
key of its first stored report, stable as more reports arrive.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from wirewatch.corpus.contradictions import ATTACKS
from wirewatch.corpus.records import ReportRec
from wirewatch.corpus.resolve import skeleton
from wirewatch.geodesy import km
from wirewatch.profile import CIVILIAN

DATE_WINDOW = 1  # days a date known only to the week may be off ("overnight" told in the next day's paper)
# A region-level report ("in the Kharkiv region") can be any town of an oblast; a country locates nothing.
RADIUS_KM = {"city": 12.0, "region": 150.0, "country": 0.0}
SITE_KM = 5.0  # a site (a bridge, a plant) or a city district and the settlement it is in
TEXT_MATCH = 70  # token-set similarity for reports that have no place
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory",
             "Non-violent transfer of territory"}
# ACLED's catch-all development (an evacuation, a state of emergency): one side's two that day are not one
OTHER = "Other"
AGREEMENT = "Agreement"  # talks, a ceasefire, an exchange between the parties (codebook 3)
ID_BASE = 10_000  # event_id = article_id * ID_BASE + event_index of the first report


def family(report: ReportRec) -> str:
    """Territorial changes are one family whatever the manner; otherwise ACLED's event type."""
    return "Territory" if report.sub_event_type in TERRITORY else report.event_type



def located(r: ReportRec) -> bool:
    return r.lat is not None and r.lon is not None and (r.location_precision or "city") != "country"


@dataclass(slots=True)
class Cluster:
    event_id: int
    family: str
    story: int | None
    reports: list[ReportRec] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    radius: float = RADIUS_KM["city"]
    geonameid: int | None = None
    name: str | None = None  # the key of a village named without coordinates (``_unresolved_name``)
    country: str | None = None
    date: dt.date | None = None
    sides: tuple[str | None, str | None] = (None, None)
    feature: str | None = None  # the anchor's gazetteer feature code
    admin1: str | None = None  # the first-level division the anchor lies in
    place: str | None = None  # the anchor's place name
    precise_day: bool = False  # the anchor is dated to the day

    def add(self, r: ReportRec) -> None:
        self.reports.append(r)
        # The anchor is the most precise place reported: a town named after "the Kursk region" replaces it.
        if located(r) and (self.lat is None or self.radius > RADIUS_KM["city"] >= _radius(r)):
            self.lat, self.lon, self.geonameid, self.country = r.lat, r.lon, r.geonameid, r.country_code
            self.radius, self.feature, self.admin1, self.place = _radius(r), r.feature_code, r.admin1, r.location_name
        if self.lat is None and self.name is None:
            self.name = _unresolved_name(r)
        if self.date is None or r.date is not None and _precise_day(r) and not self.precise_day:
            self.date, self.precise_day = r.date, _precise_day(r)
        a1, a2 = self.sides
        self.sides = (a1 or r.actor1_side, a2 or r.actor2_side)


def _sides_compatible(c: Cluster, r: ReportRec) -> bool:
    def ok(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y

    a1, a2 = c.sides
    straight = ok(a1, r.actor1_side) and ok(a2, r.actor2_side)
    # a battle and an agreement have two parties in no set order: "Ukraine and Russia swapped prisoners"
    symmetric = c.family == "Battles" or r.sub_event_type == "Agreement"
    swapped = symmetric and ok(a1, r.actor2_side) and ok(a2, r.actor1_side)
    return straight or swapped


def _radius(r: ReportRec) -> float:
    return RADIUS_KM.get(r.location_precision or "city", RADIUS_KM["city"])


def _precise_day(r: ReportRec) -> bool:
    return r.date is not None and (r.date_precision or "day") == "day"


def _settlement(feature: str | None) -> bool:
    """A town or village in its own right (a district of a city, PPLX, is part of one)."""
    return feature is not None and feature.startswith("PPL") and feature != "PPLX"


def _blame_each_other(c: Cluster, r: ReportRec) -> bool:
    """"Russia says Ukraine fired", "Ukraine says Russia fired" (or the victims' governor, whose side the text
    does not tell): one strike with opposing attributions, merged so that the two claims are set against each
    other, not two strikes."""
    # the target untold in one ("blamed Russia for the strike") is no conflict
    return any((_blames(r, x) or _blames(x, r))
               and (r.actor2_side == x.actor2_side or None in (r.actor2_side, x.actor2_side)) for x in c.reports)


def _blames(a: ReportRec, b: ReportRec) -> bool:
    """``a``'s speaker puts on another side what ``b`` puts on the speaker's own side, ``b`` told by the other
    side or, for a strike, by a source of no known side."""
    return a.speaker_side is not None and b.actor1_side == a.speaker_side \
        and a.actor1_side not in (None, a.speaker_side) and b.speaker_side != a.speaker_side \
        and (b.speaker_side is not None or b.sub_event_type in ATTACKS)  # an exchange has no culprit


def _target_disputed(c: Cluster, r: ReportRec) -> bool:
    """"Russia's ministry said its missiles struck a meeting of Ukrainian commanders in Sumy", "missiles
    struck the centre of Sumy, killing 34 people": the attacker's own account of one strike names a military
    target where others tell of civilians; one happening with opposing accounts."""
    def own_military(a: ReportRec) -> bool:
        return a.speaker_side is not None and a.speaker_side == a.actor1_side \
            and a.actor2_side not in (None, CIVILIAN, a.actor1_side)

    return r.actor1_side is not None and any(
        x.actor1_side == r.actor1_side and (own_military(r) and x.actor2_side == CIVILIAN
                                             or own_military(x) and r.actor2_side == CIVILIAN)
        for x in c.reports)


def _distance(c: Cluster, r: ReportRec, story: int | None, group: int | None,
              groups: dict[int, int | None]) -> float | None:
    """How far ``r`` is from cluster ``c`` (smaller is closer), or None when it cannot be the same event."""
    # a side's own strike on soldiers against civilians hit is one strike only within one story: a ministry
    # reports strikes on military targets in a town most days, whatever else hit it
    same_story = story is not None and story == c.story
    if not _sides_compatible(c, r) and not _blame_each_other(c, r) and not (same_story and _target_disputed(c, r)):
        return None
    if any(x.article_id == r.article_id and x.sub_event_type != r.sub_event_type for x in c.reports):
        return None  # the article told them as two events of different kinds: a missile, then drones
    days = abs((r.date - c.date).days) if r.date and c.date else 0
    if days and story is not None and c.story is not None and story != c.story and not _copies(c, group, groups):
        return None  # a day apart is the same happening only in one story (or the copies of one wire story)
    same_place = located(r) and r.geonameid is not None and r.geonameid == c.geonameid and \
        max(c.radius, _radius(r)) <= RADIUS_KM["city"]  # one region is no one place
    # Two days are two happenings unless a date is only approximate, or one text (an article or the copies
    # of one wire story) tells of the same place a day apart ("yesterday" in its report, "on Monday night"
    # in the claim it quotes, "Saturday" in a copy filed after midnight).
    if days and c.precise_day and _precise_day(r) and not (same_place and any(
            x.article_id == r.article_id or group is not None and groups.get(x.article_id) == group
            for x in c.reports)):
        return None
    if located(r) and c.lat is not None:
        if same_place:
            return days
        if r.country_code and c.country and r.country_code != c.country:
            return None  # a strike on Belgorod is not a strike on Kharkiv, however close
        d = km(r.lat, r.lon, c.lat, c.lon)  # type: ignore[arg-type]
        region = max(c.radius, _radius(r)) > RADIUS_KM["city"]
        if region:  # only the area is known on one side: the same story, sub-type, day and actor or words
            if r.admin1 and c.admin1 and r.admin1 != c.admin1 and not _city_region(r, c):
                return None  # a strike in the Chernihiv region is not one in Kyiv, however near its centre
            same = story is not None and story == c.story and days == 0 and \
                r.sub_event_type == c.reports[0].sub_event_type and (
                    r.actor1_side is not None and r.actor1_side in c.sides and r.sub_event_type != OTHER
                    or _names_town(c, r) or _similar(c, r) >= TEXT_MATCH)
            return days + 1 + d / RADIUS_KM["region"] if same and d <= RADIUS_KM["region"] else None
        if _settlement(r.feature_code) and _settlement(c.feature):
            return None  # two settlements are two happenings
        return days + d / SITE_KM if d <= SITE_KM else None
    if c.lat is None and c.name is not None and _unresolved_name(r) == c.name:
        return days  # a village the gazetteer lacks, named alike: the same place
    # One side has no usable place: only the same story, saying nearly the same thing, is the same event.
    same_copy = _copies(c, group, groups)
    if not same_copy and (story is None or story != c.story):
        return None
    if days == 0 and r.sub_event_type == c.reports[0].sub_event_type and r.geonameid is not None and \
            r.location_precision == "country" and any(x.geonameid == r.geonameid for x in c.reports):
        return 2.0  # one story's reports of one country's exchange or talks that day, told apart only by words
    if days == 0 and r.sub_event_type == c.reports[0].sub_event_type and (
            r.sub_event_type == AGREEMENT and c.precise_day and _precise_day(r)
            or _names_town(c, r) and (c.precise_day or _precise_day(r))):
        # Talks or an exchange between the parties are one happening that day whichever country a report
        # places them in, when both tell that day (an undated "this agreement was reached in Turkey" recalls
        # the deal, not the exchange done under it); a report with no place of its own that names the town
        # the other is placed in ("struck the Poltava military institute") tells what happened there. One of
        # them must be dated to the day: two undated mentions in one story are not known to be of one day.
        return 2.5
    best = _similar(c, r)
    return days + 1 + (100 - best) / 100 if best >= TEXT_MATCH or same_copy and best >= 50 else None


def _city_region(r: ReportRec, c: Cluster) -> bool:
    """The region is named after the town, a first-level division of its own ("the Kyiv region" and Kyiv): their
    divisions differ though the region surrounds the town."""
    town, region = (r.location_name, c.place) if _radius(r) <= RADIUS_KM["city"] else (c.place, r.location_name)
    name = skeleton(town or "")
    return bool(name) and name in skeleton(region or "")


def _copies(c: Cluster, group: int | None, groups: dict[int, int | None]) -> bool:
    """Some report of ``c`` is a copy of the same wire story as the report of syndication ``group``."""
    return group is not None and any(groups.get(x.article_id) == group for x in c.reports)


def _names_town(c: Cluster, r: ReportRec) -> bool:
    """One side names the town the other is placed in ("evacuation from the Pokrovsk community in the
    Donetsk region" and a report placed in Pokrovsk)."""
    def town(x: ReportRec) -> str | None:
        return x.location_name if located(x) and _radius(x) <= RADIUS_KM["city"] else None

    return any((t := town(x)) and t in r.evidence_text for x in c.reports[:5]) or \
        bool((t := town(r)) and any(t in x.evidence_text for x in c.reports[:5]))


def _similar(c: Cluster, r: ReportRec) -> float:
    """How nearly ``r`` says what the first reports of ``c`` say (token-set ratio, 0-100)."""
    return max(fuzz.token_set_ratio(r.evidence_text, x.evidence_text) for x in c.reports[:5])


def _unresolved_name(r: ReportRec) -> str | None:
    """The key of a settlement named without coordinates ("liberated Pytomnyk"), else None."""
    if r.lat is not None or not r.location_name or r.location_precision == "country":
        return None
    return skeleton(r.location_name)


def merge_reports(reports: list[ReportRec], stories: dict[int, int] | None = None,
                  groups: dict[int, int | None] | None = None) -> list[Cluster]:
    """Cluster reports into events. ``stories``/``groups`` map article id -> story / syndication group."""
    stories, groups = stories or {}, groups or {}
    order = sorted(reports, key=lambda r: (r.date or dt.date.max, r.article_id, r.event_index))
    blocks: dict[tuple[str, dt.date | None], list[Cluster]] = defaultdict(list)
    clusters: list[Cluster] = []
    for r in order:
        fam, story, group = family(r), stories.get(r.article_id), groups.get(r.article_id)
        days = [r.date + dt.timedelta(days=k) for k in range(-DATE_WINDOW, DATE_WINDOW + 1)] if r.date else [None]
        best, best_d = None, math.inf
        for day in days:
            for c in blocks.get((fam, day), ()):
                d = _distance(c, r, story, group, groups)
                if d is not None and d < best_d:
                    best, best_d = c, d
        if best is None:
            best = Cluster(r.article_id * ID_BASE + r.event_index, fam, story)
            clusters.append(best)
            blocks[(fam, r.date)].append(best)
        best.add(r)
    for c in clusters:  # the id is the smallest report key, whatever order they were met in
        first = min(x.key for x in c.reports)
        c.event_id = first[0] * ID_BASE + first[1]
    return sorted(clusters, key=lambda c: c.event_id)


def summarise(c: Cluster) -> dict:
    """The event's own fields: the most reported type, place, date and actors; the lowest toll (ACLED's rule)."""
    rs = c.reports

    def mode(values: list) -> object:
        counted = Counter(v for v in values if v is not None)
        return min(counted, key=lambda v: (-counted[v], str(v))) if counted else None

    sub = mode([r.sub_event_type for r in rs])
    etype = next(r.event_type for r in rs if r.sub_event_type == sub)
    gid = mode([r.geonameid for r in rs if located(r)])
    place = next((r for r in rs if r.geonameid == gid and located(r)), None) if gid else None
    if place is None:
        place = next((r for r in rs if located(r)), None)
    if place is None:  # named only: a village the gazetteer lacks keeps its name, without coordinates
        place = next((r for r in rs if _unresolved_name(r)), None)
    if place is None:  # only the country is known ("talks between the two countries"): so the event says
        place = next((r for r in rs if r.lat is not None and r.location_name), None)
    dates = [r.date for r in rs if r.date]
    figures = [r.fatalities for r in rs if r.fatalities is not None]
    injured = [r.injured for r in rs if r.injured is not None]
    first = min(rs, key=lambda r: r.key)
    return {
        "event_type": etype, "sub_event_type": sub, "family": c.family, "date": mode(dates),
        "date_first": min(dates) if dates else None, "date_last": max(dates) if dates else None,
        "location_name": place.location_name if place else None, "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "location_precision": place.location_precision if place else None,
        "actor1": mode([r.actor1 for r in rs]), "actor1_side": c.sides[0] or mode([r.actor1_side for r in rs]),
        "actor2": mode([r.actor2 for r in rs]), "actor2_side": c.sides[1] or mode([r.actor2_side for r in rs]),
        "fatalities": min(figures) if figures else None, "fatalities_low": min(figures) if figures else None,
        "fatalities_high": max(figures) if figures else None, "injured": min(injured) if injured else None,
        "article_id": first.article_id, "event_index": first.event_index, "evidence_text": first.evidence_text,
    }
