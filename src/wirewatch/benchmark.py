"""Throughput: wirewatch's per-document stage against a plain spaCy parse of the same texts."""

from __future__ import annotations

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
    """A mix of (label, path) requests like the map page and an analyst make, over the store's own values."""
    import random

    rng = random.Random(seed)
    ids = [r[0] for r in con.execute("SELECT event_id FROM corpus_events USING SAMPLE 500 ROWS").fetchall()]
    days = [str(r[0]) for r in con.execute(
        "SELECT DISTINCT date FROM corpus_events WHERE date IS NOT NULL USING SAMPLE 200 ROWS").fetchall()]
    types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments"]
    words = ["artillery", "village", "bridge", "Synehubov", "shelter", "drones"]
    makers = [
        ("events page", lambda: f"/api/events?limit=100&offset={rng.randrange(0, 50_000)}"),
        ("events day", lambda: "/api/events?limit=500&date_from={0}&date_to={0}".format(rng.choice(days))),
        ("events type+side", lambda: f"/api/events?limit=200&event_type={rng.choice(types)}&side="
                                     f"{rng.choice(['UA', 'RU'])}"),
        ("event", lambda: f"/api/events/{rng.choice(ids)}"),
        ("event page", lambda: f"/events/{rng.choice(ids)}"),
        ("claims", lambda: f"/api/claims?limit=50&side={rng.choice(['UA', 'RU'])}"),
        ("search", lambda: f"/api/search?q={rng.choice(words)}&limit=20"),
        ("control", lambda: "/api/control?place=Selo1"),
    ]
    return [(label, make()) for label, make in (rng.choice(makers) for _ in range(n))]


def web_load(db: Path, requests: int = 2000, concurrency: int = 16, port: int = 8765) -> dict:
    """Serve the store with ``wirewatch serve`` on loopback and time ``requests`` GETs at ``concurrency``."""
    import shutil
    import subprocess
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
        server = subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "serve", "--db", str(copy),
                                   "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=60) as client:
                for _ in range(300):  # wait until it answers
                    try:
                        client.get("/api/facets")
                        break
                    except httpx.TransportError:
                        time.sleep(0.1)
                for label, path in paths[:50]:  # warm-up (caches, first-query compile), not timed
                    client.get(path)

                def one(item: tuple[str, str]) -> tuple[str, float, int]:
                    start = time.perf_counter()
                    status = client.get(item[1]).status_code
                    return item[0], time.perf_counter() - start, status

                start = time.perf_counter()
                with ThreadPoolExecutor(concurrency) as pool:
                    timed = list(pool.map(one, paths))
                wall = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=30)

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
        "p50_ms": pct(latencies, 0.50), "p95_ms": pct(latencies, 0.95), "p99_ms": pct(latencies, 0.99),
        "max_ms": pct(latencies, 1.0),
        "p95_ms_by_request": {k: pct(v, 0.95) for k, v in sorted(by_label.items())},
    }


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description="Load test of the web app: python -m wirewatch.benchmark web")
    parser.add_argument("what", choices=["web"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    print(json.dumps(web_load(args.db, args.requests, args.concurrency, args.port)))
