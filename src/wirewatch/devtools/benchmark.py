"""Throughput: wirewatch's per-document stage against a plain spaCy parse of the same texts."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Sequence
from pathlib import Path

from wirewatch.models import Article, DocError


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux. RUSAGE_CHILDREN covers the baseline's forked workers; the local
    # engine's forkserver workers are not our children, so they are read from /proc while alive.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def load_corpus(corpus: Path, limit: int | None = None) -> list[Article]:
    from wirewatch.readers import read_inputs

    articles = [a for a in read_inputs([str(corpus)]) if not isinstance(a, DocError)]
    return articles[:limit] if limit else articles


def run_bench(articles: Sequence[Article], workers: int = 2, profile: str = "russia-ukraine",
              rounds: int = 4) -> dict:
    """Time (a) ``nlp.pipe`` of the full spaCy model and (b) the whole per-document stage.

    The machine is shared, so the load changes during a run: the corpus is cut into
    ``rounds`` slices and (a) and (b) alternate slice by slice, so that both see the
    same conditions. Loading the model is outside both timings (the parent's model for
    (a), the worker pools' for (b), reported as ``startup_seconds``).
    """
    from wirewatch.engines.local import LocalEngine
    from wirewatch.nlp import load_model

    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    rounds = max(1, min(rounds, len(texts)))
    cuts = [len(texts) * i // rounds for i in range(rounds + 1)]

    nlp = load_model()
    baseline = ours = 0.0
    errors = 0
    start = time.perf_counter()
    with LocalEngine(workers, profile) as engine:
        engine.warm_up()
        startup = time.perf_counter() - start
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            start = time.perf_counter()
            for _ in nlp.pipe(texts[lo:hi], n_process=workers, batch_size=16):
                pass
            baseline += time.perf_counter() - start

            start = time.perf_counter()
            errors += sum(isinstance(r, DocError) for r in engine.process(articles[lo:hi]))
            ours += time.perf_counter() - start
        workers_rss = engine.worker_peak_rss_mb()

    n = len(texts)
    return {
        "docs": n,
        "words": words,
        "workers": workers,
        "rounds": rounds,
        "errors": errors,
        "seconds": round(ours, 2),
        "docs_per_s": round(n / ours, 2),
        "words_per_s": round(words / ours, 1),
        "baseline_seconds": round(baseline, 2),
        "baseline_docs_per_s": round(n / baseline, 2),
        "baseline_words_per_s": round(words / baseline, 1),
        "ratio": round(baseline / ours, 3),
        "startup_seconds": round(startup, 2),
        "peak_rss_mb": round(_peak_rss_mb(), 1),  # this process, or the largest baseline worker
        "worker_peak_rss_mb": [round(r, 1) for r in workers_rss],
        "total_peak_rss_mb": round(_peak_rss_mb() + sum(workers_rss), 1),
    }


# -- web load test ---------------------------------------------------------------------------------------

def _web_paths(con, n: int, seed: int = 1) -> list[tuple[str, str]]:
    """A mix of (label, path) requests like the map page and analysts make, drawn (seeded) from the store's own
    values so that a cache or an index sees what real use would show it: pages over many event ids and offsets,
    the event table sorted by any column and filtered by actor, admin area, fatalities and type, claims by
    side, speaker and offset, control for places sampled from the store, and search words from the store's
    own text (see ``_search_words``), through the API and the search page."""
    import random
    from urllib.parse import quote

    rng = random.Random(seed)
    ids = everything(con, "SELECT event_id FROM corpus_events")
    ids = rng.sample(ids, min(5000, len(ids)))
    n_events = con.execute("SELECT count(*) FROM corpus_events").fetchone()[0]
    n_claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    days = [str(r[0]) for r in con.execute("SELECT DISTINCT date FROM corpus_events WHERE date IS NOT NULL "
                                           "ORDER BY 1").fetchall()]
    speakers = everything(con, "SELECT DISTINCT speaker FROM claims WHERE speaker IS NOT NULL")
    speakers = rng.sample(speakers, min(300, len(speakers)))
    places = everything(con, "SELECT DISTINCT place FROM control_changes WHERE place IS NOT NULL")
    places = rng.sample(places, min(500, len(places))) + ["Nowhereville", "Atlantis"]
    words = _search_words(con, rng)
    types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments"]
    sides = everything(con, "SELECT DISTINCT side FROM claims WHERE side IS NOT NULL") or ["THIRD"]
    actors = everything(con, "SELECT DISTINCT regexp_extract(actor1, '(\\S+)$', 1) FROM corpus_events "
                             "WHERE actor1 IS NOT NULL") or ["Russia"]
    admins = everything(con, "SELECT DISTINCT admin1 FROM places WHERE admin1 IS NOT NULL") or ["none"]
    sorts = ["date", "type", "place", "admin1", "actor", "fatalities", "outlets"]

    def table_filter() -> str:  # the event table's own filters, one or two, as a user sets them
        chosen = rng.sample([f"actor={quote(rng.choice(actors))}", f"admin1={quote(rng.choice(admins))}",
                             f"min_fatalities={rng.choice([1, 5, 10, 20])}", f"event_type={quote(rng.choice(types))}"],
                            rng.choice([1, 2]))
        return "&".join(chosen) + f"&sort={rng.choice(sorts)}&order={rng.choice(['asc', 'desc'])}"

    def claims() -> str:
        path = f"/api/claims?limit=50&offset={rng.choice([0, 0, rng.randrange(0, max(1, n_claims // 4))])}"
        if rng.random() < 0.7:
            path += f"&side={rng.choice(sides)}"
        if speakers and rng.random() < 0.4:  # a whole name or, as typed, its last word
            name = rng.choice(speakers)
            path += f"&speaker={quote(name if rng.random() < 0.5 else max(name.split(), key=len))}"
        return path

    makers = [
        ("events page", lambda: f"/api/events?limit=100&offset={rng.randrange(0, max(1, n_events - 100))}"),
        ("events day", lambda: "/api/events?limit=500&date_from={0}&date_to={0}".format(rng.choice(days))),
        ("events type+side", lambda: f"/api/events?limit=200&event_type={quote(rng.choice(types))}&side="
                                     f"{rng.choice(sides)}"),
        ("event", lambda: f"/api/events/{rng.choice(ids)}"),
        ("event page", lambda: f"/events/{rng.choice(ids)}"),
        ("claims", claims),
        ("search", lambda: f"/api/search?q={quote(rng.choice(words))}&limit=20"),
        ("search page", lambda: f"/search?q={quote(rng.choice(words))}"),
        ("event table", lambda: f"/events?sort={rng.choice(sorts)}&order={rng.choice(['asc', 'desc'])}"
                                f"&offset={rng.choice([0, 50 * rng.randrange(0, max(1, n_events // 50))])}"),
        ("events filtered", lambda: f"/api/events?limit=100&{table_filter()}"),
        ("control", lambda: f"/api/control?place={quote(rng.choice(places))}"),
    ]
    return [(label, make()) for label, make in (rng.choice(makers) for _ in range(n))]


def everything(con, sql: str) -> list:
    """The first column of every row of ``sql``, sorted (so that a seeded sample of it is the same each run)."""
    return sorted(r[0] if r[0] is not None else "" for r in con.execute(sql).fetchall())


def _search_words(con, rng, k: int = 300) -> list[str]:
    """About ``k`` search terms from the store's own text: frequent and rare words of a sample of articles,
    claims and event evidence, speakers' and places' names, a few two-word phrases and mid-word pieces, and
    a few words found nowhere. Seeded: the same terms every run on the same store."""
    import re
    from collections import Counter

    step = max(1, con.execute("SELECT count(*) FROM articles").fetchone()[0] // 1500)  # about 1,500 of each
    texts = everything(con, f"SELECT text FROM articles WHERE article_id % {step} = 0 UNION ALL "
                            f"SELECT content_text FROM claims WHERE article_id % {step} = 1 UNION ALL "
                            f"SELECT evidence_text FROM events WHERE article_id % {step} = 2")
    tokens = [re.findall(r"\w{3,}", t) for t in texts]
    counts = Counter(w for ts in tokens for w in ts)
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    frequent = ranked[:60]
    rare = sorted(w for w in ranked[60:] if counts[w] <= 2)
    middle = ranked[60:len(ranked) - len(rare)] or ranked
    names = everything(con, "SELECT DISTINCT name FROM entity_names WHERE name IS NOT NULL")
    places = everything(con, "SELECT DISTINCT location_name FROM corpus_events WHERE location_name IS NOT NULL")
    names = rng.sample(names, min(40, len(names))) + rng.sample(places, min(40, len(places)))
    phrases = [" ".join(ts[i:i + 2]) for ts in rng.sample(tokens, 20) if len(ts) > 2
               for i in [rng.randrange(len(ts) - 1)]]
    pieces = [w[1:-1] for w in rng.sample(ranked, min(20, len(ranked))) if len(w) > 4]  # mid-word substrings
    absent = ["zyxwvut", "qqqzzz", "Xanadu", "Selo999999", "flibbertigibbet", "Quetzalcoatl"]
    words = (rng.sample(frequent, min(50, len(frequent))) + rng.sample(middle, min(80, len(middle)))
             + rng.sample(rare, min(80, len(rare))) + names + phrases + pieces + absent)
    return list(dict.fromkeys(w for w in words if len(w) >= 2))[:k]


def _start(command: list[str], client) -> tuple:
    """Launch the server; return it and the seconds until it answered."""
    import subprocess

    import httpx

    launched = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(3000):  # wait until it answers
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped with status {server.returncode} before it answered")
        try:
            client.get("/api/facets")
            return server, time.perf_counter() - launched
        except httpx.TransportError:
            time.sleep(0.1)
    _stop(server)
    raise RuntimeError("the server did not answer within 5 minutes")


def _stop(server) -> None:
    server.terminate()
    server.wait(timeout=30)


def web_load(db: Path, requests: int = 2000, concurrency: int = 16, port: int = 8765, workers: int | None = None,
             cache_mb: int | None = None) -> dict:
    """Serve the store with ``wirewatch serve`` on loopback and time ``requests`` GETs at ``concurrency``.

    ``workers`` and ``cache_mb`` are passed to ``serve`` when given (its defaults otherwise); ``cache_mb=0``
    times every request uncached."""
    import shutil
    import sys
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    import duckdb
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store.duckdb"  # a private copy: the original may be open for writing elsewhere
        shutil.copyfile(db, copy)
        con = duckdb.connect(str(copy), read_only=True)
        paths = _web_paths(con, requests)
        con.close()
        options = [*(["--workers", str(workers)] if workers else []),
                   *(["--cache-mb", str(cache_mb)] if cache_mb is not None else [])]
        command = [sys.executable, "-m", "wirewatch.cli", "serve", "--db", str(copy), "--port", str(port), *options]
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=60) as client:
            # The first start builds the tables and saves them beside the store; the timed requests go to a
            # second start, which maps what the first saved (what every later start of a server does).
            first, first_start_s = _start(command, client)
            _stop(first)
            server, start_s = _start(command, client)
            try:
                for label, path in paths[:50]:  # warm-up (caches, first-query compile), not timed
                    client.get(path)

                def one(item: tuple[str, str]) -> tuple[str, float, int]:
                    start = time.perf_counter()
                    status = client.get(item[1]).status_code
                    return item[0], time.perf_counter() - start, status

                server_cpu = _tree_usage(server.pid)[2]
                client_cpu = sum(os.times()[:2])
                start = time.perf_counter()
                with ThreadPoolExecutor(concurrency) as pool:
                    timed = list(pool.map(one, paths))
                wall = time.perf_counter() - start
                client_cpu = sum(os.times()[:2]) - client_cpu
                server_mb, server_procs, server_cpu_end, server_pss_mb = _tree_usage(server.pid)
                server_cpu = server_cpu_end - server_cpu
            finally:
                _stop(server)

    def pct(values: list[float], q: float) -> float:
        values = sorted(values)
        return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 1)

    latencies = [t for _, t, _ in timed]
    by_label: dict[str, list[float]] = {}
    for label, t, _ in timed:
        by_label.setdefault(label, []).append(t)
    return {
        "requests": len(timed), "concurrency": concurrency, "errors": sum(s != 200 for _, _, s in timed),
        "seconds": round(wall, 2), "requests_per_s": round(len(timed) / wall, 1),
        "server_first_start_s": round(first_start_s, 1), "server_start_s": round(start_s, 1),
        # resident memory of the server's processes; pss shares the pages they map together out among them
        "server_rss_mb": round(server_mb), "server_pss_mb": round(server_pss_mb), "server_processes": server_procs,
        "p50_ms": pct(latencies, 0.50), "p95_ms": pct(latencies, 0.95), "p99_ms": pct(latencies, 0.99),
        "max_ms": pct(latencies, 1.0),
        # CPU seconds spent during the timed requests, and per request: the client shares the cores
        "server_cpu_s": round(server_cpu, 2), "client_cpu_s": round(client_cpu, 2),
        "server_cpu_ms_per_request": round(1000 * server_cpu / len(timed), 2),
        "p95_ms_by_request": {k: pct(v, 0.95) for k, v in sorted(by_label.items())},
        "by_request": {k: {"n": len(v), "p50_ms": pct(v, 0.5), "p95_ms": pct(v, 0.95),
                           "requests_per_s": round(len(v) / wall, 1)} for k, v in sorted(by_label.items())},
    }


def search_latency(db: Path, seed: int = 1) -> dict:
    """The load test's search terms (``_search_words``) answered in this process, one at a time, over the
    store's saved web tables (built first if need be): other spellings (``variants``), ``/api/search``'s
    work (three tables, first 20, counts), and the event table's words filter sorted by fatalities (every
    hit collected). Milliseconds."""
    import random
    import statistics

    from wirewatch.web.saved import tables_for
    from wirewatch.web.search import search, variants
    from wirewatch.web.tables import EventFilter

    started = time.perf_counter()
    tables = tables_for(str(db))
    ready_s = time.perf_counter() - started
    spent: dict[str, list[float]] = {"variants": [], "search": [], "events_words_by_fatalities": []}
    for q in _search_words(tables.con, random.Random(seed)):
        a = time.perf_counter()
        terms = variants(tables, q)
        b = time.perf_counter()
        search(tables, terms, 20)
        c = time.perf_counter()
        tables.events_page(EventFilter(q=tuple(terms)), 100, 0, "fatalities", True)
        d = time.perf_counter()
        for key, seconds in zip(spent, (b - a, c - b, d - c)):
            spent[key].append(1000 * seconds)

    def summary(ms: list[float]) -> dict:
        ms = sorted(ms)
        return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2),
                "mean_ms": round(statistics.fmean(ms), 2), "max_ms": round(ms[-1], 1)}

    return {"terms": len(spent["search"]), "tables_ready_s": round(ready_s, 1),
            **{key: summary(ms) for key, ms in spent.items()}}


# -- streaming memory -------------------------------------------------------------------------------------

def synthetic_jsonl(path: Path, n_docs: int, seed: int = 1) -> None:
    """``n_docs`` short, distinct news items as JSONL (places, dates, speakers, casualty figures)."""
    import json
    import random

    rng = random.Random(seed)
    places = ["Izium", "Kharkiv", "Balakliia", "Kupiansk", "Chuhuiv", "Derhachi", "Zolochiv", "Lyman",
              "Vovchansk", "Bakhmut", "Kramatorsk", "Sloviansk", "Ternova", "Rubizhne", "Mariupol", "Kherson"]
    speakers = ["the regional governor", "Ukraine's General Staff", "a Russian defence ministry spokesman",
                "local officials", "the mayor"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_docs):
            a, b = rng.sample(places, 2)
            text = (f"Russian artillery shelled {a} on {rng.choice(days)}, killing {rng.randint(1, 9)} civilians "
                    f"and wounding {rng.randint(2, 30)}, {rng.choice(speakers)} said. Ukrainian forces pushed "
                    f"towards {b}, about {rng.randint(5, 80)} km to the east, in fighting that went on for "
                    f"{rng.randint(2, 11)} hours. Item {i}.")
            out.write(json.dumps({"id": f"syn{i}", "text": text, "published": f"2022-{rng.randint(3, 9):02d}-"
                                  f"{rng.randint(1, 28):02d}", "source": f"Outlet {i % 40}"}) + "\n")


def _tree_usage(root: int) -> tuple[float, int, float, float]:
    """Resident memory (MiB), process count, CPU seconds used so far and proportional set size (MiB: pages
    shared by several processes divided among them) of a process and its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        rss[int(entry.name)] = int(fields[21]) * 4096  # rss in pages
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick  # user + system time
    total, count, seconds, pss, todo = 0, 0, 0.0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        count += pid in rss
        seconds += cpu.get(pid, 0.0)
        pss += _pss_kb(pid)
        todo += children.get(pid, [])
    return total / 2**20, count, seconds, pss / 1024


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def streaming_rss(n_docs: int = 10_000, workers: int = 2) -> dict:
    """Peak resident memory of ``wirewatch run`` (all its processes together) over ``n_docs`` documents."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "docs.jsonl"
        synthetic_jsonl(corpus, n_docs)
        cmd = [sys.executable, "-m", "wirewatch.cli", "run", str(corpus), "--db", str(Path(tmp) / "s.duckdb"),
               "--workers", str(workers)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak, processes, samples = 0.0, 0, []
        while proc.poll() is None:
            total, count = _tree_usage(proc.pid)[:2]
            peak, processes = max(peak, total), max(processes, count)
            samples.append(total)
            time.sleep(0.5)
        seconds = time.perf_counter() - start
        tail = (proc.stderr.read() if proc.stderr else "")[-400:]
    quarter = max(1, len(samples) // 4)
    return {"docs": n_docs, "workers": workers, "returncode": proc.returncode, "seconds": round(seconds, 1),
            "peak_total_rss_mb": round(peak, 1), "processes": processes,
            # flat memory: the last quarter of the run should not sit above the second quarter
            "median_rss_mb_2nd_quarter": round(sorted(samples[quarter:2 * quarter])[quarter // 2], 1),
            "median_rss_mb_last_quarter": round(sorted(samples[-quarter:])[quarter // 2], 1),
            "stderr_tail": tail}


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(
        description="python -m wirewatch.devtools.benchmark web|search --db STORE | rss --docs 10000")
    parser.add_argument("what", choices=["web", "search", "rss"])
    parser.add_argument("--db", type=Path, help="web, search: the store")
    parser.add_argument("--docs", type=int, default=10_000, help="rss: synthetic documents")
    parser.add_argument("--workers", type=int, default=2, help="rss: worker processes")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--server-workers", type=int, help="web: serve --workers (default: serve's own)")
    parser.add_argument("--cache-mb", type=int, help="web: serve --cache-mb (0: every request uncached)")
    args = parser.parse_args()
    if args.what == "web":
        print(json.dumps(web_load(args.db, args.requests, args.concurrency, args.port,
                                     args.server_workers, args.cache_mb)))
    elif args.what == "search":
        print(json.dumps(search_latency(args.db)))
    else:
        print(json.dumps(streaming_rss(args.docs, args.workers)))
