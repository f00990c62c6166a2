"""Event extraction against hand-annotated gold: precision, recall and F1 at three levels.

Gold is JSON Lines, one document per line (see ``benchmarks/gold/events/README.md``)::

    {"doc": "shared:seeds/000_....txt", "published": "2022-05-12",
     "events": [{"evidence": [[start, end], ...], "event_type": ..., "sub_event_type": ...,
                 "date": "2022-05-06/2022-05-12", "places": [{"name": ..., "lat": ..., "lon": ...}],
                 "actor1": ..., "actor1_side": ..., "fatalities": ..., "optional": false}]}

Documents are referenced, never copied: ``shared:`` paths live under the shared data folder
(``$WIREWATCH_SHARED``, else ``../shared`` next to the repository) and ``repo:`` paths under the
repository. A gold event may list several evidence spans (the same happening told in the headline
and again in the body); a system event matches it when its evidence overlaps any of them.

Levels (each an optimal one-to-one matching of system to gold events):

- ``detection``: evidence overlap;
- ``typed``: and the same ``event_type``;
- ``full``: and the same ``sub_event_type``, a date within a day of the gold date (or range), and a
  location within 25 km of a gold place (when the gold gives coordinates).

``optional`` gold events (background or borderline happenings) are never counted as missed, and a
system event that matches one is not counted as a false positive.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from wirewatch.geodesy import km
from wirewatch.models import Article, Event

LEVELS = ("detection", "typed", "full")
MAX_KM = 25.0


@dataclass(frozen=True, slots=True)
class GoldEvent:
    evidence: tuple[tuple[int, int], ...]
    event_type: str
    sub_event_type: str
    date: tuple[dt.date, dt.date] | None
    places: tuple[tuple[float, float], ...]  # coordinates of acceptable places
    optional: bool


@dataclass(frozen=True, slots=True)
class GoldDoc:
    ref: str
    path: Path
    published: dt.date | None
    events: tuple[GoldEvent, ...]


def evaluate(gold: Path, limit: int | None = None) -> dict[str, Any]:
    """Run the per-document stage on the gold documents and score its events."""
    if _real_news(Path(gold)):
        from wirewatch.evaluation import events_real

        return events_real.evaluate(Path(gold), limit)
    docs = load_gold(Path(gold), limit)
    predicted, timing = _extract(docs)
    totals = {level: [0, 0, 0] for level in LEVELS}  # tp, fp, fn
    for doc, events in zip(docs, predicted, strict=True):
        for level in LEVELS:
            tp, fp, fn = score(doc.events, events, level)
            totals[level][0] += tp
            totals[level][1] += fp
            totals[level][2] += fn
    result: dict[str, Any] = {
        "gold": str(gold),
        "docs": len(docs),
        "gold_events": sum(1 for d in docs for e in d.events if not e.optional),
        "optional_gold_events": sum(1 for d in docs for e in d.events if e.optional),
        "system_events": sum(len(p) for p in predicted),
    }
    for level, (tp, fp, fn) in totals.items():
        result[level] = _prf(tp, fp, fn)
    result["timing"] = timing
    return result


def _real_news(gold: Path) -> bool:
    """The split real-news gold (``events-real``, ``war-articles``: dev/test files whose rows name ``file#id``
    or a ``github:`` file)."""
    first = next(iter(sorted(gold.glob("*.jsonl")) if gold.is_dir() else [gold]), None)
    if first is None or not first.exists():
        return False
    line = next((x for x in first.read_text(encoding="utf-8").splitlines() if x.strip()), "{}")
    doc = json.loads(line).get("doc", "")
    return "#" in doc or doc.startswith("github:")


def load_gold(gold: Path, limit: int | None = None) -> list[GoldDoc]:
    files = sorted(gold.glob("*.jsonl")) if gold.is_dir() else [gold]
    docs: list[GoldDoc] = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(_gold_doc(json.loads(line), file))
    return docs[:limit] if limit is not None else docs


def _gold_doc(row: dict[str, Any], file: Path) -> GoldDoc:
    events = []
    for e in row.get("events", ()):
        places = tuple((p["lat"], p["lon"]) for p in e.get("places", ()) if p.get("lat") is not None)
        events.append(GoldEvent(tuple((s, t) for s, t in e["evidence"]), e["event_type"], e["sub_event_type"],
                                _date_range(e.get("date")), places, bool(e.get("optional"))))
    published = row.get("published")
    return GoldDoc(row["doc"], resolve_ref(row["doc"], file),
                   dt.date.fromisoformat(published) if published else None, tuple(events))


def resolve_ref(ref: str, gold_file: Path) -> Path:
    """``shared:x`` and ``repo:x`` references to files on this machine."""
    repo = next((p for p in gold_file.resolve().parents if (p / "pyproject.toml").exists()), Path.cwd())
    if ref.startswith("shared:"):
        shared = Path(os.environ.get("WIREWATCH_SHARED", repo.parent / "shared"))
        return shared / ref[len("shared:"):]
    if ref.startswith("repo:"):
        return repo / ref[len("repo:"):]
    return Path(ref)


def _date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    first, _, last = value.partition("/")
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)


def score(gold: tuple[GoldEvent, ...], system: list[Event], level: str) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one document at one level."""
    def ok(g: GoldEvent, s: Event) -> bool:
        return matches(g, s, level)

    required = [g for g in gold if not g.optional]
    matched = _match(required, system, ok)
    rest = [s for i, s in enumerate(system) if i not in matched.values()]
    excused = _match([g for g in gold if g.optional], rest, ok)
    tp = len(matched)
    return tp, len(system) - tp - len(excused), len(required) - tp


def matches(g: GoldEvent, s: Event, level: str) -> bool:
    if not any(start < s.evidence.end and s.evidence.start < end for start, end in g.evidence):
        return False
    if level == "detection":
        return True
    if s.event_type != g.event_type:
        return False
    if level == "typed":
        return True
    if s.sub_event_type != g.sub_event_type:
        return False
    if g.date is not None:
        if not s.date:
            return False
        day = dt.date.fromisoformat(s.date[:10])
        if not g.date[0] - dt.timedelta(days=1) <= day <= g.date[1] + dt.timedelta(days=1):
            return False
    if g.places:
        loc = s.location
        if loc is None or loc.lat is None or loc.lon is None:
            return False
        return any(km(lat, lon, loc.lat, loc.lon) <= MAX_KM for lat, lon in g.places)
    return True


def _match(gold: list[GoldEvent], system: list[Event], ok: Callable[[GoldEvent, Event], bool]) -> dict[int, int]:
    """Maximum bipartite matching (gold index -> system index), by augmenting paths."""
    owner: dict[int, int] = {}  # system index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for s in range(len(system)):
            if s in seen or not ok(gold[g], system[s]):
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen):
                owner[s] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return {g: s for s, g in owner.items()}



def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def _articles(docs: list[GoldDoc]) -> list[Article]:
    from wirewatch.readers import read_inputs

    articles = []
    for doc in docs:
        (article,) = list(read_inputs([str(doc.path)]))
        if not isinstance(article, Article):
            raise ValueError(f"{doc.ref}: {article.reason}")
        if doc.published is not None:  # the gold's publication date is the anchor for relative dates
            article = replace(article, published=doc.published)
        articles.append(article)
    return articles


def _extract(docs: list[GoldDoc]) -> tuple[list[list[Event]], dict[str, float]]:
    """Events per document, timing the events stage apart from everything before it."""
    from wirewatch.pipeline import shared_extractor

    extractor = shared_extractor()
    nlp = extractor.nlp
    articles = _articles(docs)
    from wirewatch.clean import find_boilerplate

    made = [extractor._make_doc(a, find_boilerplate(a.text, a.body_start)) for a in articles]  # noqa: SLF001
    started = time.perf_counter()
    with nlp.select_pipes(disable=["ww_events"]):
        parsed = list(nlp.pipe(made))
    before = time.perf_counter() - started
    events_pipe = nlp.get_pipe("ww_events")
    started = time.perf_counter()
    parsed = [events_pipe(doc) for doc in parsed]
    events_time = time.perf_counter() - started
    timing = {"seconds_before_events": round(before, 3), "seconds_events": round(events_time, 3),
              "events_share_of_doc_time": round(events_time / before, 3) if before else 0.0}
    return [list(doc._.ww_events or ()) for doc in parsed], timing


def diagnose(gold: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Per document: the system events with the gold event each matches at the full level (for error analysis)."""
    docs = load_gold(Path(gold), limit)
    predicted, _ = _extract(docs)
    rows = []
    for doc, events in zip(docs, predicted, strict=True):
        rows.append({"doc": doc.ref, "gold": [g for g in doc.events], "system": events})
    return rows
