"""The local engine: the per-document stage in this process or in worker processes.

Each worker loads the pipeline once (pool initializer) and processes chunks of
articles; results come back in input order, so output order is deterministic
whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from wirewatch.models import Article, DocError, DocResult
from wirewatch.pipeline import Extractor, shared_extractor

CHUNK = 16  # articles per task: one full parser batch (BATCH_SIZE), few enough tasks to keep workers busy

_worker: Extractor | None = None  # one per worker process, set by the pool initializer
_init_error: str | None = None  # why the pipeline could not be loaded in this worker


class WorkerFailed(RuntimeError):
    """A worker process could not load the pipeline: the run cannot go on."""


def _init_worker(profile: str) -> None:
    # An exception escaping a Pool initializer makes the pool respawn workers forever
    # (the run hangs); keep the reason and fail the first task with it instead.
    global _worker, _init_error
    try:
        _worker = Extractor(profile)
    except Exception as exc:  # noqa: BLE001 - reported to the parent by _process_chunk
        _init_error = f"{type(exc).__name__}: {exc}"


def _process_chunk(chunk: list[Article | DocError]) -> list[DocResult | DocError]:
    if _worker is None:
        raise WorkerFailed(f"worker could not load the pipeline: {_init_error}")
    return list(_worker.process(chunk))


def _chunks(items: Iterable[Article | DocError], size: int) -> Iterator[list[Article | DocError]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def process(articles: Iterable[Article | DocError], *, workers: int = 1,
            profile: str = "russia-ukraine") -> Iterator[DocResult | DocError]:
    """Run the per-document stage; DocErrors in the input pass through in place."""
    if workers <= 1:
        yield from shared_extractor(profile).process(articles)
        return
    ctx = mp.get_context("forkserver")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(profile,)) as pool:
        # A bounded window of chunks in flight keeps memory flat on long streams
        # (Pool.imap would read the whole input ahead).
        in_flight: deque = deque()
        for chunk in _chunks(articles, CHUNK):
            in_flight.append(pool.apply_async(_process_chunk, (chunk,)))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()
