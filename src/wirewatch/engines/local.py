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


def _ready(_: int) -> bool:
    # A short wait spreads these probes over the workers, so each has loaded its pipeline when all return.
    import time

    time.sleep(0.2)
    return _worker is not None


class LocalEngine:
    """A pool of worker processes, each holding one loaded pipeline, reusable across many streams."""

    def __init__(self, workers: int = 1, profile: str = "russia-ukraine") -> None:
        self.workers, self.profile = workers, profile
        self._pool = None

    def __enter__(self) -> LocalEngine:
        if self.workers > 1:
            ctx = mp.get_context("forkserver")
            self._pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.profile,))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None

    def warm_up(self) -> None:
        """Wait until every worker has loaded its pipeline (or fail with the reason it could not)."""
        if self._pool is None:
            shared_extractor(self.profile)
            return
        if not all(self._pool.map(_ready, range(2 * self.workers), chunksize=1)):
            self._pool.apply(_process_chunk, ([],))  # raises WorkerFailed with the reason

    def worker_peak_rss_mb(self) -> list[float]:
        """Each live worker's peak resident memory (VmHWM), in MiB; empty without workers or /proc."""
        peaks = []
        for proc in getattr(self._pool, "_pool", None) or []:
            try:
                status = open(f"/proc/{proc.pid}/status", encoding="ascii").read()  # noqa: SIM115
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return peaks

    def process(self, articles: Iterable[Article | DocError]) -> Iterator[DocResult | DocError]:
        """Run the per-document stage; DocErrors in the input pass through in place."""
        if self._pool is None:
            yield from shared_extractor(self.profile).process(articles)
            return
        # A bounded window of chunks in flight keeps memory flat on long streams
        # (Pool.imap would read the whole input ahead).
        in_flight: deque = deque()
        for chunk in _chunks(articles, CHUNK):
            in_flight.append(self._pool.apply_async(_process_chunk, (chunk,)))
            if len(in_flight) >= 2 * self.workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()


def process(articles: Iterable[Article | DocError], *, workers: int = 1,
            profile: str = "russia-ukraine") -> Iterator[DocResult | DocError]:
    """Run the per-document stage; DocErrors in the input pass through in place."""
    with LocalEngine(workers, profile) as engine:
        yield from engine.process(articles)
