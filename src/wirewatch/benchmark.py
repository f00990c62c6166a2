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
