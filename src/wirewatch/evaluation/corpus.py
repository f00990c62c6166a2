"""Corpus-stage evaluation on a hand-written gold over a small corpus (the demo corpus by default).

The gold (``benchmarks/corpus-gold/demo.json``) names articles by doc_id and
reports by a phrase quoted from their evidence sentence, so it holds no text of
its own beyond those phrases. The corpus is run end to end (readers,
per-document stage, store, corpus stage) into a temporary DuckDB, then scored:

- ``syndication`` and ``stories``: pairwise precision/recall/F1 over article
  pairs (gold singletons included), plus B-cubed F1 for stories;
- ``events``: pairwise over the gold reports (are two reports of one event in
  one merged event; are reports of two events kept apart), and how many gold
  reports the per-document stage found at all;
- ``comparisons``: each expected agreement or contradiction found with the
  right verdict (km/miles pairs, casualty tolls, denials);
- ``names`` and ``places``: pairs that must be one entity or two;
- ``control``: expected changes of holder found (place, side, date window),
  precision of the changes listed, and places wrongly said to change hands.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from wirewatch.corpus.resolve import skeleton
from wirewatch.store import Store

DEFAULT_GOLD = Path("benchmarks/corpus-gold/demo.json")


def evaluate(gold: Path, limit: int | None = None) -> dict:
    gold = Path(gold)
    if (gold / "dev.json").exists() or gold.name in ("dev.json", "test.json"):  # the real-news gold
        from wirewatch.evaluation import corpus_real

        return corpus_real.evaluate(gold, limit)
    if gold.is_dir():
        gold = gold / "demo.json"
    spec = json.loads(gold.read_text(encoding="utf-8"))
    corpus = (gold.parent / spec["corpus"]).resolve()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        timing = _build(store, corpus, limit)
        return {"gold": str(gold), "corpus": str(corpus), **score(store, spec), "seconds": timing}


def _build(store: Store, corpus: Path, limit: int | None) -> dict:
    from wirewatch.corpus import run_corpus_stage
    from wirewatch.engines.local import process
    from wirewatch.models import DocResult
    from wirewatch.readers import read_inputs

    start = time.perf_counter()
    run = store.begin_run("eval corpus", [str(corpus)])
    for item in itertools.islice(process(read_inputs([str(corpus)]), workers=1), limit):
        if isinstance(item, DocResult):
            store.add_result(item, run)
    per_doc = time.perf_counter() - start
    summary = run_corpus_stage(store)
    return {"per_document": round(per_doc, 2), "corpus_stage": round(sum(summary["seconds"].values()), 3)}


def score(store: Store, spec: dict) -> dict:
    """Score a store that already holds the corpus stage's tables against a gold spec."""
    con = store.con
    ids: dict[str, int] = {}
    for aid, doc_id in con.execute("SELECT article_id, doc_id FROM articles").fetchall():
        ids[_doc_key(doc_id)] = aid
    texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    known = set(ids.values())
    syndication = dict(con.execute("SELECT article_id, syndication_group FROM articles").fetchall())
    story = dict(con.execute("SELECT article_id, story_id FROM articles").fetchall())
    gold_groups = [[ids[_doc_key(d)] for d in g if _doc_key(d) in ids] for g in spec.get("syndication", [])]
    gold_stories = [[ids[_doc_key(d)] for d in g if _doc_key(d) in ids] for g in spec.get("stories", {}).values()]
    return {
        "articles": len(known),
        "syndication": _pairwise(_with_singletons(gold_groups, known), syndication),
        "stories": {**_pairwise(_with_singletons(gold_stories, known), story),
                    "bcubed_f1": _bcubed(_with_singletons(gold_stories, known), story)},
        "events": _events(con, spec.get("events", {}), ids, texts),
        "comparisons": _comparisons(con, spec.get("comparisons", [])),
        "names": _names(con, spec.get("names", {})),
        "places": _places(con, spec.get("places", {}), ids, texts),
        "control": _control(con, spec.get("control", {})),
    }


def _doc_key(doc_id: str) -> str:
    """doc_ids of files depend on the folder the run was given: compare from ``corpus/`` on."""
    doc_id = doc_id.replace("\\", "/")
    i = doc_id.find("corpus/")
    return doc_id[i:] if i >= 0 and "://" not in doc_id else doc_id


def _with_singletons(groups: list[list[int]], known: set[int]) -> list[list[int]]:
    seen = {a for g in groups for a in g}
    return [g for g in groups if g] + [[a] for a in sorted(known - seen)]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def _pairwise(gold: list[list[int]], system: dict[int, int | None]) -> dict:
    same_gold = {frozenset(p) for g in gold for p in itertools.combinations(g, 2)}
    members = [a for g in gold for a in g]
    tp = fp = 0
    for a, b in itertools.combinations(members, 2):
        together = system.get(a) is not None and system.get(a) == system.get(b)
        if together and frozenset((a, b)) in same_gold:
            tp += 1
        elif together:
            fp += 1
    return _prf(tp, fp, len(same_gold) - tp)


def _bcubed(gold: list[list[int]], system: dict[int, int | None]) -> float:
    gold_of = {a: i for i, g in enumerate(gold) for a in g}
    by_system: dict[object, set[int]] = defaultdict(set)
    for a in gold_of:
        by_system[system.get(a) if system.get(a) is not None else ("alone", a)].add(a)
    sys_of = {a: k for k, members in by_system.items() for a in members}
    p = r = 0.0
    for a in gold_of:
        mine = by_system[sys_of[a]]
        theirs = {b for b in gold_of if gold_of[b] == gold_of[a]}
        both = len(mine & theirs)
        p += both / len(mine)
        r += both / len(theirs)
    p, r = p / len(gold_of), r / len(gold_of)
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def _events(con, gold: dict[str, list], ids: dict[str, int], texts: dict[int, str]) -> dict:
    reports = defaultdict(list)  # article -> [(start, end, event_id)]
    for aid, start, end, event_id in con.execute(
            'SELECT article_id, evidence_start, evidence_end, event_id FROM events').fetchall():
        reports[aid].append((start, end, event_id))
    found: dict[tuple[str, int], set[int]] = {}
    missing = []
    for name, items in gold.items():
        for i, (doc, quote) in enumerate(items):
            aid = ids.get(_doc_key(doc))
            at = texts.get(aid, "").find(quote) if aid is not None else -1
            events = {e for s, t, e in reports.get(aid, []) if at >= 0 and s <= at < t and e is not None}
            found[(name, i)] = events
            if not events:
                missing.append(f"{name}: {quote}")
    tp = fp = fn = 0
    split, fused = [], []
    for (n1, i1), (n2, i2) in itertools.combinations(found, 2):
        together = bool(found[(n1, i1)] & found[(n2, i2)])
        if n1 == n2:
            tp, fn = tp + together, fn + (not together)
            if not together:
                split.append(f"{n1}: {gold[n1][i1][1]} / {gold[n1][i2][1]}")
        elif together:
            fp += 1
            fused.append(f"{n1} / {n2}")
    return {**_prf(tp, fp, fn), "gold_reports": len(found), "reports_found": len(found) - len(missing),
            "not_found": missing, "split": split, "wrongly_merged": fused}


def _numbers(values) -> list[float]:
    return sorted(float(x.replace(",", "")) for v in values for x in re.findall(r"\d[\d,]*(?:\.\d+)?", v or ""))


def _comparisons(con, gold: list[dict]) -> dict:
    rows = con.execute("SELECT kind, subject, a_value, b_value, verdict FROM comparisons").fetchall()
    hits, misses = 0, []
    for g in gold:
        want = _numbers(g.get("values", []))
        ok = any(kind == g["kind"] and g["subject"] in (subject or "") and verdict == g["verdict"]
                 and (not want or _numbers([a, b]) == want) for kind, subject, a, b, verdict in rows)
        hits += ok
        if not ok:
            misses.append(f'{g["kind"]} {g["subject"]} {g.get("values", [])} {g["verdict"]}')
    wrong_distance = sum(1 for kind, _, _, _, verdict in rows if kind == "distance" and verdict != "agrees")
    return {"expected": len(gold), "found": hits, "missed": misses, "listed": len(rows),
            "distance_disagreements": wrong_distance}


def _names(con, gold: dict) -> dict:
    """Pairs of spellings that must be one entity or two. A spelling is a resolved name, or the text of an
    entity mention (a lone "Zelensky") taken to the cluster of the name it was read as."""
    cluster = {n: c for n, c in con.execute("SELECT name, cluster_id FROM entity_names").fetchall()}
    for text, c in con.execute("""SELECT DISTINCT trim(e.text), n.cluster_id FROM entities e
                                  JOIN entity_names n ON n.name = e.canonical""").fetchall():
        cluster.setdefault(text, c)
    out = {}
    for kind in ("same", "different"):
        pairs = gold.get(kind, [])
        ok, wrong = 0, []
        for a, b in pairs:
            if a not in cluster or b not in cluster:
                wrong.append(f"{a} / {b}: not seen")
                continue
            good = (cluster[a] == cluster[b]) == (kind == "same")
            ok += good
            if not good:
                wrong.append(f"{a} / {b}")
        out[kind] = {"pairs": len(pairs), "right": ok, "wrong": wrong}
    return out


def _places(con, gold: dict, ids: dict[str, int], texts: dict[int, str]) -> dict:
    places = con.execute('SELECT article_id, start, "end", trim(text), geonameid FROM places').fetchall()
    ids_of_text: dict[str, set] = defaultdict(set)
    for _, _, _, text, gid in places:
        ids_of_text[text.lower()].add(gid)
    same_ok, same_wrong = 0, []
    for a, b in gold.get("same", []):
        ga, gb = ids_of_text.get(a.lower(), set()), ids_of_text.get(b.lower(), set())
        good = len(ga | gb) == 1 and None not in ga | gb
        same_ok += good
        if not good:
            same_wrong.append(f"{a} {sorted(map(str, ga))} / {b} {sorted(map(str, gb))}")

    def resolved(doc: str, phrase: str) -> set:
        aid = ids.get(_doc_key(doc))
        at = texts.get(aid, "").find(phrase) if aid is not None else -1
        if at < 0:
            return set()
        return {gid for a, s, e, _, gid in places if a == aid and s < at + len(phrase) and e > at}

    diff_ok, diff_wrong = 0, []
    for (d1, p1), (d2, p2) in gold.get("different", []):
        g1, g2 = resolved(d1, p1), resolved(d2, p2)
        good = bool(g1) and bool(g2) and not (g1 & g2)
        diff_ok += good
        if not good:
            diff_wrong.append(f"{p1} {sorted(map(str, g1))} / {p2} {sorted(map(str, g2))}")
    return {"same": {"pairs": len(gold.get("same", [])), "right": same_ok, "wrong": same_wrong},
            "different": {"pairs": len(gold.get("different", [])), "right": diff_ok, "wrong": diff_wrong}}


def _control(con, gold: dict) -> dict:
    rows = con.execute("SELECT place, to_side, date FROM control_changes").fetchall()
    expected = gold.get("changes", [])
    matched: set[int] = set()
    found, missed = 0, []
    for g in expected:
        lo, hi = dt.date.fromisoformat(g["from"]), dt.date.fromisoformat(g["until"])
        hit = [i for i, (place, side, day) in enumerate(rows) if skeleton(place) == skeleton(g["place"])
               and side == g["to"] and day is not None and lo - dt.timedelta(days=1) <= day <= hi + dt.timedelta(days=1)]
        matched.update(hit)
        found += bool(hit)
        if not hit:
            missed.append(f'{g["place"]} -> {g["to"]} {g["from"]}')
    never = {skeleton(p) for p in gold.get("never_changed", [])}
    wrong = [f"{place} -> {side} {day}" for place, side, day in rows if skeleton(place) in never]
    return {**_prf(len(matched), len(rows) - len(matched), len(expected) - found), "listed": len(rows),
            "missed": missed, "places_wrongly_changing_hands": wrong}
