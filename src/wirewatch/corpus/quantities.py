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

import re
from dataclasses import dataclass

from wirewatch.corpus.records import PlaceRec

KM_PER = {"km": 1.0, "mi": 1.609344, "m": 0.001}
APPROX = r"about|around|roughly|some|nearly|almost|approximately|just over|just under|more than|less than|over|under"
DISTANCE = re.compile(
    rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>\d+(?:[.,]\d+)?)\s*-?\s*"
    r"(?P<unit>km|kms|kilomet(?:re|er)s?|miles?|mi)\b"
    r"(?:\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:ern)?(?:[- ]?(?:north|south|east|west)(?:ern)?)?))?"
    r"\s+(?:of|from)\s+", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?]\s|\n")
REFERENCE_REACH = 30  # characters after "of"/"from" where the reference place must start


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
    for m in DISTANCE.finditer(text):
        sent_start = max((s.end() for s in SENTENCE_END.finditer(text, 0, m.start())), default=0)
        tail = SENTENCE_END.search(text, m.end())
        sent_end = tail.start() + 1 if tail else len(text)
        reference = next((p for p in located if m.end() <= p.start <= m.end() + REFERENCE_REACH), None)
        subject = next((p for p in reversed(located) if sent_start <= p.start and p.end <= m.start()), None)
        if reference is None or subject is None or _same(subject, reference):
            continue
        value = float(m.group("num").replace(",", "."))
        unit = unit_of(m.group("unit"))
        found.append(Quantity(
            article_id, "distance", value, unit, round(value * KM_PER[unit], 3), bool(m.group("approx")),
            subject.name or "", subject.geonameid, reference.name or "", reference.geonameid,
            m.start(), m.end("unit"), "", sent_start, sent_end))
    # Span text is filled from the article so it always equals text[start:end].
    return [_with_text(q, text) for q in found]


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
