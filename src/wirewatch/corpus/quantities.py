"""Quantities stated in articles, with units normalised, and whether two statements agree.

A distance statement ties a number and unit to two places: "Izyum, a town
about 120 km south-east of Kharkiv" gives Izyum -> Kharkiv = 120 km. Places
come from the per-document ``places`` rows, so offsets are the article's own.
Two statements agree when they differ by no more than their rounding: a
figure like 75 is read as rounded to 5, 120 to 10, 124 to 1 (half a step each
way), plus 2% for conversion and "about". So 40 km and 25 miles agree, 124 km
and about 75 miles agree, 60 km and 10 km do not. Counts (casualties) are
exact: 13 and 25 killed disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from wirewatch.corpus.records import ArticleRec, PlaceRec, ReportRec
from wirewatch.corpus.resolve import Resolved
from wirewatch.profile import CIVILIAN

KM_PER = {"km": 1.0, "mi": 1.609344, "m": 0.001}
APPROX = r"about|around|roughly|some|nearly|almost|approximately|just over|just under|more than|less than|over|under"
# "1,200 km" is twelve hundred (a comma between digit groups of three), "2.5 km" and "2,5 km" two and a half.
DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?"
DISTANCE_TAIL = (r"\s*-?\s*(?P<unit>km|kms|kilomet(?:re|er)s?|miles?|mi)\b"
                 r"(?:\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:ern)?(?:[- ]?(?:north|south|east|west)(?:ern)?)?))?"
                 r"\s+(?:of|from)\s+")
SENTENCE_END = re.compile(r"[.!?]\s|\n")
REFERENCE_REACH = 30  # characters after "of"/"from" where the reference place must start
LIST_JOIN = re.compile(r",?\s+and\s+|,\s+")  # what parts the places of a list


@dataclass(frozen=True, slots=True)
class Quantity:
    article_id: int
    kind: str  # distance
    value: float
    unit: str  # km | mi
    value_si: float  # km for distances
    approximate: bool
    subject: str
    subject_geonameid: int | None
    reference: str
    reference_geonameid: int | None
    start: int
    end: int
    text: str
    evidence_start: int  # the sentence that states it
    evidence_end: int

    def row(self) -> list:
        return [self.article_id, self.kind, self.value, self.unit, self.value_si, self.approximate, self.subject,
                self.subject_geonameid, self.reference, self.reference_geonameid, self.start, self.end, self.text,
                self.evidence_start, self.evidence_end]


@lru_cache(maxsize=1)
def distance_pattern() -> re.Pattern[str]:
    """A distance in digits or number words ("Twenty-three kilometres from"), to a place."""
    from wirewatch.events.event_lexicon import words

    names = "|".join(sorted((re.escape(w) for w in words().numbers), key=len, reverse=True))
    spelled = rf"\b(?:{names})(?:[-\s](?:{names}))*"
    return re.compile(rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{DIGITS}|{spelled})" + DISTANCE_TAIL, re.IGNORECASE)


def read_number(figure: str) -> float | None:
    """The value of a figure as written: "1,200" is 1200, "2,5" and "2.5" are 2.5, "Twenty-three" is 23."""
    from wirewatch.events.event_figures import number

    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", figure):
        return float(figure.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", figure):
        return float(figure.replace(",", "."))
    value = number(figure)
    return float(value) if value is not None else None


def unit_of(word: str) -> str:
    w = word.lower()
    return "mi" if w.startswith("mi") else "km"


def step(value: float) -> float:
    """The rounding a writer most likely applied to ``value``."""
    if value != int(value):
        return 0.1
    v = int(value)
    return 10.0 if v % 10 == 0 and v >= 50 else 5.0 if v % 5 == 0 and v >= 20 else 1.0


def tolerance_km(value: float, unit: str) -> float:
    return step(value) / 2 * KM_PER[unit]


def agree(a: Quantity, b: Quantity) -> bool:
    """Do two statements of one distance agree within rounding and unit conversion?"""
    slack = tolerance_km(a.value, a.unit) + tolerance_km(b.value, b.unit)
    slack += 0.02 * max(a.value_si, b.value_si)
    return abs(a.value_si - b.value_si) <= slack


def find_distances(article_id: int, text: str, places: list[PlaceRec]) -> list[Quantity]:
    """Distance statements between two recognised places in one article."""
    located = sorted((p for p in places if p.name), key=lambda p: p.start)
    found = []
    for m in distance_pattern().finditer(text):
        sent_start = max((s.end() for s in SENTENCE_END.finditer(text, 0, m.start())), default=0)
        tail = SENTENCE_END.search(text, m.end())
        sent_end = tail.start() + 1 if tail else len(text)
        reference = next((p for p in located if m.end() <= p.start <= m.end() + REFERENCE_REACH), None)
        subject = next((p for p in reversed(located) if sent_start <= p.start and p.end <= m.start()), None)
        if reference is None or subject is None or _same(subject, reference):
            continue
        value = read_number(m.group("num"))
        if value is None:
            continue
        unit = unit_of(m.group("unit"))
        for place in _listed_with(subject, located, text):  # "Ternova and Rubizhne, villages 40 km from X"
            found.append(Quantity(
                article_id, "distance", value, unit, round(value * KM_PER[unit], 3), bool(m.group("approx")),
                place.name or "", place.geonameid, reference.name or "", reference.geonameid,
                m.start(), m.end("unit"), "", sent_start, sent_end))
    # Span text is filled from the article so it always equals text[start:end].
    return [_with_text(q, text) for q in found]


def _listed_with(last: PlaceRec, located: list[PlaceRec], text: str) -> list[PlaceRec]:
    """``last`` and the places listed just before it ("A, B and C"), first to last."""
    out = [last]
    for p in reversed([p for p in located if p.end <= last.start]):
        if not LIST_JOIN.fullmatch(text[p.end:out[0].start]):
            break
        out.insert(0, p)
    return out


def _with_text(q: Quantity, text: str) -> Quantity:
    end = q.end
    while end > q.start and text[end - 1].isspace():
        end -= 1
    return Quantity(q.article_id, q.kind, q.value, q.unit, q.value_si, q.approximate, q.subject,
                    q.subject_geonameid, q.reference, q.reference_geonameid, q.start, end, text[q.start:end],
                    q.evidence_start, q.evidence_end)


def _same(a: PlaceRec, b: PlaceRec) -> bool:
    return (a.geonameid is not None and a.geonameid == b.geonameid) or (a.name or "") == (b.name or "")


def pair_key(q: Quantity) -> tuple:
    """Unordered place pair: "A 120 km from B" and "B 75 miles from A" state one distance."""
    a = q.subject_geonameid if q.subject_geonameid is not None else q.subject.lower()
    b = q.reference_geonameid if q.reference_geonameid is not None else q.reference.lower()
    return tuple(sorted((str(a), str(b))))


# -- tolls ------------------------------------------------------------------------------------------------

REPORTED = "reported"  # an independent or victim-side figure: it may be the event's toll
ENEMY_LOSSES = "enemy losses"  # a party's figure of its enemy's dead: a claim, never the event's toll


@dataclass(frozen=True, slots=True)
class Toll:
    """One figure of an event's dead or injured as one report gives it, with who gives it."""

    event_id: int
    article_id: int
    event_index: int
    kind: str  # killed | injured
    value: int
    claimed_by: str  # the speaker, or the outlet in its own voice
    claimant_side: str | None
    basis: str  # REPORTED | ENEMY_LOSSES
    published: dt.date | None
    evidence_start: int
    evidence_end: int
    evidence_text: str
    counted: bool = False  # the figure the event shows

    def row(self) -> list:
        return [self.event_id, self.article_id, self.event_index, self.kind, self.value, self.claimed_by,
                self.claimant_side, self.basis, self.published, self.counted, self.evidence_start,
                self.evidence_end, self.evidence_text]


def claimant(r: ReportRec, articles: dict[int, ArticleRec], names: dict[str, Resolved]) -> tuple[str, str | None]:
    """Who states a report and their side: the resolved speaker, else the outlet in its own voice."""
    if r.speaker:
        resolved = names.get(" ".join(r.speaker.split()))
        return (resolved.canonical if resolved else r.speaker), r.speaker_side or (resolved.side if resolved else None)
    rec = articles.get(r.article_id)
    return rec.outlet if rec else str(r.article_id), None


def toll_history(event_id: int, reports: list[ReportRec], articles: dict[int, ArticleRec],
                 names: dict[str, Resolved], opponents: dict[str, str]) -> list[Toll]:
    """Every figure of the event's dead and injured, oldest report first, the event's own figures marked.

    A figure a party gives of its enemy's dead (the events stage's ``claimed_fatalities``, or a toll a
    side's speaker gives of the other side's people or of its own forces' strike) is kept with its
    claimant and never counted.
    Of the rest, ACLED's conservative rule picks the lowest figure of the latest day reporting one: a toll
    that rose overnight is an update, and the event shows the newest, most cautious figure."""
    def published(r: ReportRec) -> dt.date | None:
        rec = articles.get(r.article_id)
        return rec.published if rec and rec.published else r.date

    history: list[Toll] = []
    for r in sorted(reports, key=lambda r: (published(r) or dt.date.min, r.key)):
        source, side = claimant(r, articles, names)

        def toll(kind: str, value: int, basis: str, r=r, source=source, side=side) -> Toll:
            return Toll(event_id, r.article_id, r.event_index, kind, value, source, side, basis, published(r),
                        r.evidence_start, r.evidence_end, r.evidence_text)

        # A side's figure of the dead of its enemy, or of its own forces' strike on no civilians, is its claim.
        enemy_dead = side in opponents and (r.actor2_side == opponents[side] or r.actor1_side == side
                                            and r.actor2_side not in (CIVILIAN, side))
        if r.claimed_fatalities is not None:
            history.append(toll("killed", r.claimed_fatalities, ENEMY_LOSSES))
        if r.fatalities is not None:
            history.append(toll("killed", r.fatalities, ENEMY_LOSSES if enemy_dead else REPORTED))
        if r.injured is not None:
            history.append(toll("injured", r.injured, ENEMY_LOSSES if enemy_dead else REPORTED))
    chosen = set()
    for kind in ("killed", "injured"):
        own = [t for t in history if t.kind == kind and t.basis == REPORTED]
        if own:
            latest = max((t.published for t in own if t.published), default=None)
            chosen.add(id(min((t for t in own if t.published == latest), key=lambda t: t.value)))
    return [replace(t, counted=True) if id(t) in chosen else t for t in history]


def event_tolls(history: list[Toll]) -> dict:
    """The event's toll fields from its history: the counted figures, the range of the reported ones."""
    killed = [t for t in history if t.kind == "killed" and t.basis == REPORTED]
    shown = next((t for t in killed if t.counted), None)
    injured = next((t for t in history if t.kind == "injured" and t.counted), None)
    return {"fatalities": shown.value if shown else None,
            "fatalities_low": min(t.value for t in killed) if killed else None,
            "fatalities_high": max(t.value for t in killed) if killed else None,
            "injured": injured.value if injured else None, "fatalities_source": shown.claimed_by if shown else None}
