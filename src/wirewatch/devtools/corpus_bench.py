"""Benchmark: time the corpus stage on a synthetic corpus of N document results.

    python -m wirewatch.devtools.corpus_bench --docs 100000 [--db PATH] [--seed 1]

The corpus imitates a year of conflict news: stories around a few thousand
settlements, outlets that copy wire stories (with their own boilerplate),
officials whose names are spelled several ways, events reported by several
outlets, casualty figures that disagree, distances in km or miles and control
claims. Rows are bulk-loaded into a fresh store (the per-document stage is not
timed here), then ``run_corpus_stage`` runs twice: once on everything, once
after a further 1% of articles arrive (the incremental case). Prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from wirewatch.store import Store, content_hash

TYPES = (("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Government regains territory"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Agreement"))
WORDS = ("artillery residents officials convoy bridge railway depot shelter district village frontline "
         "evacuation hospital school market power station water supply positions trenches drones column "
         "reinforcements counterattack ceasefire negotiations prisoners casualties rubble sirens curfew").split()
VARIANTS = (("Oleh Synehubov", "Oleh Synegubov", "Synehubov"), ("Volodymyr Zelenskyy", "Zelensky", "Zelenskiy"),
            ("Institute for the Study of War", "ISW", "Institute of War"))


def synthetic(n_docs: int, seed: int = 1, first_id: int = 1) -> dict[str, list[list]]:
    """Rows for the per-document tables of ``n_docs`` articles (ids from ``first_id``)."""
    rng = random.Random(seed)
    n_places = max(50, n_docs // 40)
    places = [(800000 + i, f"Selo{i}", 46 + rng.random() * 6, 30 + rng.random() * 10) for i in range(n_places)]
    speakers = [tuple(f"{v} {i}" if i else v for v in trio) for i in range(max(1, n_docs // 400))
                for trio in VARIANTS] + [(f"Official{i} Petrenko", f"Official{i} Petrenko") for i in range(200)]
    outlets = [f"Outlet {i}" for i in range(60)]
    start = dt.date(2022, 3, 1)
    n_stories = max(10, n_docs // 20)
    stories = [(rng.sample(places, 3), start + dt.timedelta(days=rng.randrange(365))) for _ in range(n_stories)]
    tables: dict[str, list[list]] = {k: [] for k in ("articles", "places", "entities", "claims", "events", "control")}
    bodies: dict[int, tuple[str, int]] = {}
    for k in range(n_docs):
        aid = first_id + k
        copy_of = rng.randrange(first_id, aid) if k and rng.random() < 0.2 else None
        if copy_of is not None and copy_of in bodies:
            body, story = bodies[copy_of]
            text = f"Subscribe for alerts from {rng.choice(outlets)}\n\n{body}"
        else:
            story = rng.randrange(n_stories)
            body = _body(rng, stories[story][0], speakers)
            text = body
        bodies[aid] = (body, story)
        spots, day = stories[story]
        published = day + dt.timedelta(days=rng.randrange(4))
        tables["articles"].append([aid, f"syn-{aid}", content_hash(text + str(aid)), None, None, f"Story {story}",
                                   rng.choice(outlets), published, "en", text, 0, None, None])
        _facts(rng, tables, aid, text, spots, published, speakers)
    return tables


def _body(rng: random.Random, spots: list, speakers: list) -> str:
    p = spots
    who = rng.choice(speakers)[0]
    unit = rng.choice(("km", "miles"))
    dist = rng.randrange(10, 150)
    filler = " ".join(rng.choice(WORDS) for _ in range(60))
    return (f"Shelling hit {p[0][1]} overnight, killing {rng.randrange(1, 30)} people, {who} said. "
            f"{p[1][1]} lies about {dist} {unit} east of {p[2][1]}. Fighting continued near {p[1][1]}. "
            f"Troops entered {p[1][1]} on Friday. {filler}.")


@lru_cache(maxsize=1)
def _sides() -> tuple[str, str, str, str]:
    """The synthetic corpus is a Russia-Ukraine one: its two sides, the country its places lie in and the
    invader's ACLED actor there, from the profile."""
    from wirewatch.profile import load_profile

    profile = load_profile("russia-ukraine")
    home, invader = profile.side_codes
    country = profile.country_of(home) or ""
    return home, invader, country, profile.actor("military", country, side=invader).name


def _facts(rng, tables, aid, text, spots, published, speakers) -> None:
    home, invader, country, invader_forces = _sides()
    for name_gid in spots:
        gid, name, lat, lon = name_gid
        i = text.find(name)
        while i >= 0:  # every mention, as the places stage tags them
            tables["places"].append([aid, i, i + len(name), name, gid, name, lat, lon, country, "Oblast", "PPL", 0.9])
            i = text.find(name, i + len(name))
    speaker = rng.choice(rng.choice(speakers))
    j = max(text.find(" said"), 0)
    tables["entities"].append([aid, 0, len(speaker), speaker, "PERSON", speaker, None, home])
    tables["claims"].append([aid, 0, "indirect", speaker, home, None, None, j, j + 5, text[j:j + 5], None, None,
                             None, 0, j, text[:j], "{}"])
    end = text.find(". ") + 1
    for idx in range(2):
        etype, sub = TYPES[rng.randrange(len(TYPES))]
        gid, name, lat, lon = spots[idx]
        day = published - dt.timedelta(days=rng.randrange(2))
        toll = rng.choice((None, None, rng.randrange(1, 30)))
        tables["events"].append([aid, idx, etype, sub, day, "day", name, gid, lat, lon, "city",
                                 invader_forces, invader, None, None, toll, None, 0, end, text[:end],
                                 0 if idx == 0 else None, 0.7, None, None])
    if rng.random() < 0.2:
        gid, name, _, _ = spots[1]
        side = rng.choice((home, invader))
        # the evidence names the place as the one taken (not as a reference point)
        start = text.find("Troops entered")
        stop = text.find(".", start) + 1
        tables["control"].append([aid, 0, name, gid, published, side, "gained", speaker, 0, start, stop,
                                  text[start:stop]])


def load(store: Store, tables: dict[str, list[list]]) -> None:
    """Bulk-load ``synthetic`` rows into the store, table by table."""
    for table, rows in tables.items():
        if rows:
            store.bulk_load(table, rows)


def run(n_docs: int, db: Path | None = None, seed: int = 1) -> dict:
    from wirewatch.corpus import run_corpus_stage

    folder = Path(tempfile.mkdtemp(prefix="ww-corpus-bench-")) if db is None else db.parent
    path = db or folder / "bench.duckdb"
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    bulk = synthetic(n_docs, seed)
    extra = max(1, n_docs // 100)
    more = synthetic(extra, seed + 1, first_id=n_docs + 1)
    t1 = time.perf_counter()
    with Store(path) as store:
        load(store, bulk)
        t2 = time.perf_counter()
        full = run_corpus_stage(store, aliases={})
        t3 = time.perf_counter()
        load(store, more)
        t4 = time.perf_counter()
        incremental = run_corpus_stage(store, aliases={})
        t5 = time.perf_counter()
        reports = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"docs": n_docs, "reports": reports, "generate_s": round(t1 - t0, 1), "load_s": round(t2 - t1, 1),
            "corpus_stage_s": round(t3 - t2, 1), "docs_per_s": round(n_docs / (t3 - t2)),
            "incremental_docs": extra, "incremental_s": round(t5 - t4, 1), "events": full["events"],
            "stories": full["stories"], "syndication_groups": full["syndication_groups"],
            "comparisons": full["comparisons"], "control_changes": full["control_changes"],
            "steps_s": full["seconds"], "incremental_steps_s": incremental["seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.docs, args.db, args.seed)))


if __name__ == "__main__":
    main()
