"""Agreement between the two independent codings of the doubly annotated real-news articles.

    python scripts/annotation_agreement.py benchmarks/gold/events-real/annotations/dev-double.jsonl [...]

One coding of each article stands as gold and the other as the system, with the same matching
and measures as ``wirewatch eval events`` (F1 is symmetric but for optional items). Prints JSON.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from wirewatch.evaluation import events_real
from wirewatch.models import ControlObservation, DocResult, Event, Location, Place, Span

PARTIES = ("UA", "RU")


def as_result(row: dict, article) -> DocResult:
    """One annotator's coding in the shape of the extractor's output."""
    events, places, control = [], [], []
    for e in row["events"]:
        start, end = e["evidence"][0]
        place = next(iter(e.get("places") or []), None)
        where = Location("", None, place["lat"], place["lon"], "city") if place and place.get("lat") is not None else None
        events.append(Event(e["event_type"], e["sub_event_type"], Span.of(article.text, start, end),
                            date=(e.get("date") or "")[:10] or None, location=where, actor1_side=e.get("actor1_side"),
                            fatalities=e.get("fatalities")))
    for i, c in enumerate(row["control"]):
        start, end = c["evidence"][0]
        p = c.get("place") or {}
        if p.get("lat") is not None:
            places.append(Place(Span.of(article.text, start, end), i + 1, None, p["lat"], p["lon"], None, None, None, 1.0))
        control.append(ControlObservation("", i + 1, c.get("date"), c.get("side"), c.get("change"),
                                          Span.of(article.text, start, end)))
    return DocResult(article=article, events=tuple(events), places=tuple(places), control=tuple(control))


def agreement(files: list[Path]) -> dict:
    tally = events_real._Tally()
    articles = 0
    for file in files:
        rows = [json.loads(x) for x in file.read_text(encoding="utf-8").splitlines() if x.strip()]
        by_doc = itertools.groupby(rows, key=lambda r: r["doc"])
        for _, codings in by_doc:
            codings = list(codings)
            if len(codings) < 2:
                continue
            first, second = codings[:2]
            (doc,) = events_real.gold_docs([first], file, PARTIES)
            tally.add(doc, as_result(second, doc.article), PARTIES)
            articles += 1
    return {"articles": articles, **tally.summary()}


if __name__ == "__main__":
    print(json.dumps(agreement([Path(p) for p in sys.argv[1:]]), indent=2))
