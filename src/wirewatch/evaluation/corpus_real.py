"""The corpus stage on real news against independent cross-document gold (``events-real``).

The articles of one split of ``benchmarks/gold/events-real`` run end to end (per-document
stage, store, corpus stage) into a temporary store; the corpus tables are then scored against
the gold's ``happening`` labels (events of different articles that are one real happening),
its control changes and the disputes of ``benchmarks/corpus-gold/events-real/<split>.json``:

- ``merges``: of the merged events with reports from two or more articles, the share whose
  reports are all reports of one gold happening (a report that is no gold event spoils it);
- ``cross_outlet``: of the pairs of articles that both report one gold happening (and whose
  report the per-document stage found), the share joined in one merged event (``recall``), and
  the same share of all gold pairs, a pair the per-document stage missed counting as not joined
  (``recall_of_gold``);
- ``control``: changes of holder (place within 25 km, gaining side, date within 3 days of the
  gold date) against the distinct gold changes; a change of a village the gazetteer lacks has no
  coordinates and matches by its name, folded, within the gold place's span;
- ``contradictions``: each reported contradiction is true when both of its statements tell a
  disputed happening; ``disputes_found`` counts the gold disputes with one true contradiction;
- ``syndication``: pairs of articles the gold marks as copies of one wire story, found in one
  syndication group (recall), and pairs put in one group that the gold does not pair.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from wirewatch.evaluation import events_real
from wirewatch.geodesy import km
from wirewatch.store import Store

CONTROL_DAYS = 3


def evaluate(gold: Path, limit: int | None = None, profile: str = "russia-ukraine") -> dict[str, Any]:
    """``gold`` is ``benchmarks/corpus-gold/events-real`` (or one of its split files)."""
    return events_real.by_split(Path(gold), ".json", lambda file: evaluate_split(file, limit, profile))


def events_gold_for(corpus_gold: Path) -> Path:
    """The per-document gold of the same split: ``../../gold/events-real/<split>.jsonl``."""
    return corpus_gold.resolve().parents[2] / "gold" / "events-real" / f"{corpus_gold.stem}.jsonl"


def evaluate_split(file: Path, limit: int | None, profile: str) -> dict[str, Any]:
    from wirewatch.profile import load_profile

    parties = load_profile(profile).side_codes
    stories = json.loads(file.read_text(encoding="utf-8"))
    events_file = events_gold_for(file)
    rows = [json.loads(x) for x in events_file.read_text(encoding="utf-8").splitlines() if x.strip()]
    if limit is not None:
        rows = rows[:limit]
    docs = events_real.gold_docs(rows, events_file, parties)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        _build(store, docs, profile)
        return score(store, rows, docs, stories, parties)


def _build(store: Store, docs: list[events_real.GoldDoc], profile: str) -> None:
    from wirewatch.corpus import run_corpus_stage
    from wirewatch.engines.local import process
    from wirewatch.models import DocResult

    run = store.begin_run("eval corpus events-real", [d.id for d in docs])
    for item in process((d.article for d in docs), workers=1, profile=profile):
        if isinstance(item, DocResult):
            store.add_result(item, run)
    run_corpus_stage(store, profile=profile)


def score(store: Store, rows: list[dict[str, Any]], docs: list[events_real.GoldDoc],
          stories: list[dict[str, Any]], parties: tuple[str, ...]) -> dict[str, Any]:
    con = store.con
    article_of = {doc_id: aid for aid, doc_id in con.execute("SELECT article_id, doc_id FROM articles").fetchall()}
    doc_of = {aid: doc_id for doc_id, aid in article_of.items()}
    labels = _happenings(rows)
    reports = con.execute("SELECT article_id, event_index, event_type, evidence_start, evidence_end, event_id "
                          "FROM events").fetchall()
    happening_of: dict[tuple[int, int], str | None] = {}
    for aid, index, event_type, start, end, _ in reports:
        happening_of[(aid, index)] = _label(labels.get(doc_of.get(aid), []), event_type, start, end)
    return {
        "articles": len(article_of),
        "merges": _merges(reports, happening_of),
        "cross_outlet": _cross_outlet(reports, happening_of, labels),
        "control": _control(con, rows, parties, {d.id: d.article.text for d in docs}),
        **_contradictions(con, stories, doc_of, labels),
        "syndication": _syndication(con, stories, article_of),
    }


def _happenings(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, str, list[list[int]]]]]:
    """Per document id: (happening label, event type, evidence spans) of each required gold event.
    Events outside a multi-outlet story are happenings of their own."""
    out: dict[str, list[tuple[str, str, list[list[int]]]]] = {}
    for row in rows:
        doc_id = row["doc"].partition("#")[2]
        out[doc_id] = [(e.get("happening") or f"{doc_id}#{i}", e["event_type"], e["evidence"])
                       for i, e in enumerate(row["events"])]
    return out


def _label(gold: list[tuple[str, str, list[list[int]]]], event_type: str, start: int, end: int) -> str | None:
    """The happening a system report tells: a gold event of its article whose evidence it overlaps,
    preferring one of the same type."""
    overlapping = [(label, kind) for label, kind, spans in gold if any(s < end and start < e for s, e in spans)]
    same_type = [label for label, kind in overlapping if kind == event_type]
    return (same_type or [label for label, _ in overlapping] or [None])[0]


def _merges(reports: list[tuple], happening_of: dict[tuple[int, int], str | None]) -> dict[str, Any]:
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for aid, index, *_, event_id in reports:
        if event_id is not None:
            members[event_id].append((aid, index))
    multi = [m for m in members.values() if len({aid for aid, _ in m}) > 1]
    right = sum(1 for m in multi if len({happening_of[r] for r in m}) == 1 and None not in {happening_of[r] for r in m})
    return {"multi_report_events": len(multi), "one_happening": right,
            "precision": round(right / len(multi), 3) if multi else None}


def _cross_outlet(reports: list[tuple], happening_of: dict[tuple[int, int], str | None],
                  labels: dict[str, list]) -> dict[str, Any]:
    found: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))  # happening -> article -> events
    for aid, index, *_, event_id in reports:
        label = happening_of[(aid, index)]
        if label is not None and event_id is not None:
            found[label][aid].add(event_id)
    in_docs: dict[str, set[str]] = defaultdict(set)
    for doc_id, events in labels.items():
        for label, _, _ in events:
            in_docs[label].add(doc_id)
    gold_pairs = sum(len(d) * (len(d) - 1) // 2 for d in in_docs.values() if len(d) > 1)
    pairs = joined = 0
    for label, by_article in found.items():
        if len(in_docs[label]) < 2:
            continue
        for a, b in itertools.combinations(sorted(by_article), 2):
            pairs += 1
            joined += bool(by_article[a] & by_article[b])
    return {"gold_pairs": gold_pairs, "pairs_found": pairs, "joined": joined,
            "recall": round(joined / pairs, 3) if pairs else None,
            "recall_of_gold": round(joined / gold_pairs, 3) if gold_pairs else None}


def _control(con: Any, rows: list[dict[str, Any]], parties: tuple[str, ...],
             texts: dict[str, str]) -> dict[str, Any]:
    from wirewatch.corpus.control import place_key

    gold: list[tuple[str, float, float, dt.date, dt.date, str]] = []
    for row in rows:
        text = texts.get(row["doc"].partition("#")[2], "")
        for c in row.get("control", ()):
            place = c.get("place") or {}
            dates = events_real._date_range(c.get("date"))
            if c.get("optional") or place.get("lat") is None or dates is None:
                continue
            change = events_real._change(c.get("side"), c.get("change"), parties)
            if not any(g[0] == change and km(g[1], g[2], place["lat"], place["lon"]) <= events_real.MAX_KM
                       and abs((g[3] - dates[0]).days) <= CONTROL_DAYS for g in gold):
                span = place.get("span") or (0, 0)
                gold.append((change, place["lat"], place["lon"], *dates, place_key(text[span[0]:span[1]])))
    system = con.execute("SELECT to_side, change, lat, lon, date, place FROM control_changes").fetchall()
    system_changes = []
    for to_side, change, lat, lon, day, name in system:
        kind = "contested" if change == "contested" or to_side == "contested" else "gained"
        side = None if kind == "contested" else to_side
        system_changes.append((f"{side} {kind}" if side else f"None {kind}", lat, lon, _day(day),
                               place_key(name or "")))

    def ok(g: tuple, s: tuple) -> bool:
        if g[0] != s[0] and not (s[0].endswith("contested") and g[0].endswith("contested")):
            return False
        if s[3] is None:
            return False
        if s[1] is None and not (s[4] and s[4] in g[5]) or \
                s[1] is not None and km(g[1], g[2], s[1], s[2]) > events_real.MAX_KM:
            return False
        return g[3] - dt.timedelta(days=CONTROL_DAYS) <= s[3] <= g[4] + dt.timedelta(days=CONTROL_DAYS)

    matched = events_real._match(list(range(len(gold))), list(range(len(system_changes))),
                                 lambda g, s: ok(gold[g], system_changes[s]), lambda g, s: True)
    tp = len(matched)
    return {"gold_changes": len(gold), "system_changes": len(system_changes),
            **events_real._prf(tp, len(system_changes) - tp, len(gold) - tp)}


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _contradictions(con: Any, stories: list[dict[str, Any]], doc_of: dict[int, str],
                    labels: dict[str, list]) -> dict[str, Any]:
    disputed: dict[str, set[str]] = {}  # happening -> the stories' documents
    statements: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for story in stories:
        for dispute in story.get("disputes", ()):
            label = dispute.get("happening") or story["story"]
            disputed[label] = set(story["docs"])
            statements[label] += [(s["doc"], *s["span"]) for s in dispute.get("statements", ())]
    rows = con.execute("SELECT a_article_id, a_start, a_end, b_article_id, b_start, b_end FROM comparisons "
                       "WHERE verdict = 'contradicts'").fetchall()
    found: set[str] = set()
    false = 0
    for a_id, a_start, a_end, b_id, b_start, b_end in rows:
        hits = [label for label in disputed
                if _tells(doc_of.get(a_id), a_start, a_end, label, statements, labels)
                and _tells(doc_of.get(b_id), b_start, b_end, label, statements, labels)]
        if hits:
            found.update(hits)
        else:
            false += 1
    return {"contradictions": {"reported": len(rows), "false": false},
            "disputes": {"gold": len(disputed), "found": len(found)}}


def _tells(doc_id: str | None, start: int | None, end: int | None, label: str,
           statements: dict[str, list[tuple[str, int, int]]], labels: dict[str, list]) -> bool:
    """A statement tells a disputed happening when it overlaps one of the dispute's statements or
    the evidence of a gold event of that happening."""
    if doc_id is None or start is None or end is None:
        return False
    if any(d == doc_id and s < end and start < e for d, s, e in statements[label]):
        return True
    return any(lab == label and any(s < end and start < e for s, e in spans) for lab, _, spans in labels.get(doc_id, []))


def _syndication(con: Any, stories: list[dict[str, Any]], article_of: dict[str, int]) -> dict[str, Any]:
    group = dict(con.execute("SELECT article_id, syndication_group FROM articles").fetchall())
    gold_pairs = {frozenset((article_of[a], article_of[b]))
                  for story in stories for copies in story.get("syndicated", ())
                  for a, b in itertools.combinations(copies, 2) if a in article_of and b in article_of}
    found = sum(1 for p in gold_pairs if len({group.get(a) for a in p}) == 1 and None not in {group.get(a) for a in p})
    grouped: dict[int, list[int]] = defaultdict(list)
    for aid, g in group.items():
        if g is not None:
            grouped[g].append(aid)
    extra = sum(1 for members in grouped.values() for p in itertools.combinations(members, 2)
                if frozenset(p) not in gold_pairs)
    return {"gold_pairs": len(gold_pairs), "found": found, "pairs_not_in_gold": extra,
            "recall": round(found / len(gold_pairs), 3) if gold_pairs else None}
