"""Throughput: wirewatch's per-document stage against a plain spaCy parse of the same texts."""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from pathlib import Path

from wirewatch.models import Article, DocError


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux; children covers the worker processes.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def load_corpus(corpus: Path, limit: int | None = None) -> list[Article]:
    from wirewatch.readers import read_inputs

    articles = [a for a in read_inputs([str(corpus)]) if not isinstance(a, DocError)]
    return articles[:limit] if limit else articles


def run_bench(articles: Sequence[Article], workers: int = 2, profile: str = "russia-ukraine") -> dict:
    """Time (a) ``nlp.pipe`` of the full spaCy model and (b) the whole per-document stage."""
    from wirewatch.engines.local import process
    from wirewatch.nlp import load_model

    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    nlp = load_model()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=16):
        pass
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    errors = sum(isinstance(r, DocError) for r in process(articles, workers=workers, profile=profile))
    ours = time.perf_counter() - start

    n = len(texts)
    return {
        "docs": n,
        "words": words,
        "workers": workers,
        "errors": errors,
        "seconds": round(ours, 2),
        "docs_per_s": round(n / ours, 2),
        "words_per_s": round(words / ours, 1),
        "baseline_seconds": round(baseline, 2),
        "baseline_docs_per_s": round(n / baseline, 2),
        "baseline_words_per_s": round(words / baseline, 1),
        "ratio": round(baseline / ours, 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }
