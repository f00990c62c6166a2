"""A store of synthetic articles (devtools.corpus_bench) with the corpus stage run: for the web app's tests."""

from __future__ import annotations

from pathlib import Path

from wirewatch.corpus import run_corpus_stage
from wirewatch.devtools.corpus_bench import load, synthetic
from wirewatch.store import Store


def synthetic_store(path: Path, n_docs: int = 300, seed: int = 5) -> Path:
    with Store(path) as store:
        load(store, synthetic(n_docs, seed=seed))
        run_corpus_stage(store, aliases={})
    return path
