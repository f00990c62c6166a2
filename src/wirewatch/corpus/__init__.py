"""The corpus stage: reasoning across documents through the store."""

from __future__ import annotations

from wirewatch.store import Store


def run_corpus_stage(store: Store) -> dict:
    """Recompute the cross-document tables from the per-document rows; returns a summary."""
    from wirewatch.corpus.dedup import assign_syndication_groups

    return {"syndication_groups": assign_syndication_groups(store)}
